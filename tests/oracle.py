"""A brute-force oracle for the local Lipschitz constant of a ReLU network.

It shares nothing with the MIP engine: it enumerates the linear regions of the
network inside the box with small LPs, takes the Jacobian of each region, and
maximises a norm of it.

Linear regions.  For a full activation pattern ``a = (a_0, …, a_{L-2})`` the set
``R(a) = {x in X : [z_k(x) > 0] = a_k for all k}`` is a polytope: once the layers
before ``k`` are fixed to ``a_0 … a_{k-1}``, the pre-activation ``z_k`` is affine in
``x``, so every condition ``z_{k,i}(x) > 0`` or ``<= 0`` is a half-space.  The
regions with a full-dimensional ``R(a)`` are found by splitting the box one neuron
at a time, layer by layer, keeping a half only when it contains a Euclidean ball of
radius ``> RADIUS_TOL`` (its Chebyshev ball).  Coordinates where the box has zero
width are fixed and "full-dimensional" refers to the remaining ones.

Networks with skip edges and LeakyReLU (slope α) are handled the same way: every
pre-activation is ``Σ_j W_{k,j} s_j + b_k`` over the layers feeding k, and on a region
``s_j = d_j ⊙ z_j`` with ``d_j = 1`` (active) or ``α_j`` (inactive).

The constant.  ``f`` is affine on each region with Jacobian (forward mode)
``J_{s_{-1}} = I``, ``J_{z_k} = Σ_j W_{k,j} J_{s_j}``, ``J_{s_k} = diag(d_k) J_{z_k}``,
``J(a) = J_{z_{L-1}}`` (on a chain ``W_{L-1} diag(a_{L-2}) … diag(a_0) W_0``); the oracle returns
``max_a ||J(a)||`` over the enumerated regions, for the operator norm
``||J||_{α→β} = max_{||x||_α <= 1} ||J x||_β`` or, given an output direction
``c``, the dual norm ``||J^T c||_{α*}`` (ℓ1 when α = ℓ∞, ℓ∞ when α = ℓ1).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

RADIUS_TOL = 1e-9
NORMS = ("linf", "l1")
MAX_SIGN_DIM = 12
_LP_OPTIONS = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}


@dataclass(eq=False)
class Region:
    """One linear region: its activation pattern, an interior point, and the
    Euclidean radius ``slack`` of a ball around ``point`` (in the free coordinates)
    on which the pattern is constant and which stays inside the box."""

    pattern: list[np.ndarray]
    point: np.ndarray
    slack: float


@dataclass(eq=False)
class _Cell:
    """The polytope ``{y : A y <= b, lo <= y <= hi}`` in the free coordinates ``y``.

    ``lo, hi`` start as the box and are tightened to bounds implied by ``A y <= b``;
    ``center`` and ``radius`` are its Chebyshev ball; ``points`` lie in its closure
    and serve as cheap witnesses that a neuron changes sign inside it.
    """

    A: np.ndarray
    b: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    center: np.ndarray
    radius: float
    points: np.ndarray


# ----- linear regions -----------------------------------------------------------------
def enumerate_regions(network, box, max_regions: int = 20000) -> list[Region]:
    """Every activation pattern whose region meets ``box`` in a full-dimensional set.

    Raises RuntimeError when there are more than ``max_regions`` regions.
    """
    box.check_dim(network.input_dim)
    free = box.upper > box.lower
    lo, hi = box.lower[free], box.upper[free]
    embed = np.eye(network.input_dim)[:, free]  # x = embed @ y + offset
    offset = np.where(free, 0.0, box.lower)
    center = 0.5 * (lo + hi)
    root = _Cell(
        A=np.zeros((0, lo.size)),
        b=np.zeros(0),
        lo=lo,
        hi=hi,
        center=center,
        radius=float(np.min(0.5 * (hi - lo), initial=np.inf)),
        points=center[None, :],
    )
    if root.radius <= RADIUS_TOL:
        return []
    regions: list[Region] = []

    def visit(cell: _Cell, layer: int, pattern: list[np.ndarray], outputs: list) -> None:
        # outputs[j + 1] = (lin, off): s_j = lin @ y + off on this cell (s_{-1} = x)
        if layer == len(network.weights) - 1:
            if len(regions) == max_regions:
                raise RuntimeError(f"more than {max_regions} linear regions in the box")
            regions.append(Region(pattern, embed @ cell.center + offset, cell.radius))
            return
        Z = sum(w @ outputs[j + 1][0] for j, w in _edges_into(network, layer))
        z0 = sum(w @ outputs[j + 1][1] for j, w in _edges_into(network, layer)) + network.biases[layer]
        for child, signs in _split_layer(cell, Z, z0):
            d = _factors(network, layer, signs)
            visit(child, layer + 1, pattern + [signs], outputs + [(d[:, None] * Z, d * z0)])

    visit(root, 0, [], [(embed, offset)])
    return regions


def _edges_into(network, k: int) -> list[tuple[int, np.ndarray]]:
    """``(j, dense W_{k,j})`` for the edges into layer k, read off the weights and skips."""
    edges = [(k - 1, network.weights[k])] + [(j, w) for (t, j), w in network.skips.items() if t == k]
    return [(j, w.toarray() if hasattr(w, "toarray") else np.asarray(w)) for j, w in edges]


def _factors(network, k: int, signs: np.ndarray) -> np.ndarray:
    """Slopes of layer k's activation on a region: 1 where active, α_k elsewhere."""
    return np.where(signs, 1.0, network.negative_slopes[k])


def _split_layer(cell: _Cell, Z: np.ndarray, z0: np.ndarray, i: int = 0, signs=()):
    """Yield ``(sub-cell, signs)`` for every full-dimensional sign assignment of the
    affine functions ``z_j(y) = Z[j] @ y + z0[j]``, ``j >= i``, on ``cell``."""
    if i == len(z0):
        yield cell, np.array(signs, dtype=bool)
        return
    for sign, child in _sides(cell, Z[i], float(z0[i])):
        yield from _split_layer(child, Z, z0, i + 1, signs + (sign,))


def _sides(cell: _Cell, g: np.ndarray, c: float) -> list[tuple[bool, _Cell]]:
    """The signs that ``z(y) = g @ y + c`` takes on full-dimensional parts of ``cell``.

    A constant ``z`` takes the sign of ``c`` (0 counts as inactive).  Otherwise the
    sign at the centre is feasible; the other sign is feasible iff the LP extreme of
    ``z`` over the cell lies strictly beyond 0 (skipped when the interval bound of
    ``z`` over ``[lo, hi]``, or a known point of the cell, already decides).  When
    both are feasible the cell is cut by ``z = 0`` and each half is kept if its
    Chebyshev radius exceeds RADIUS_TOL.
    """
    if not g.any():
        return [(c > 0, cell)]
    at_center = float(g @ cell.center + c)
    witnesses = cell.points
    if at_center != 0.0:
        s = 1.0 if at_center > 0 else -1.0  # look for a point with s * z < 0
        if s * c + np.sum(np.minimum(s * g * cell.lo, s * g * cell.hi)) >= 0:
            return [(at_center > 0, cell)]
        if not np.any(s * (cell.points @ g + c) < 0):
            res = _lp(s * g, cell)
            if res.fun + s * c >= 0:
                return [(at_center > 0, cell)]
            witnesses = np.vstack([cell.points, res.x])
    kept = []
    for sign in (False, True):
        s = 1.0 if sign else -1.0  # this half is s * z >= 0, i.e. -s g @ y <= s c
        child = _chebyshev(np.vstack([cell.A, -s * g]), np.append(cell.b, s * c), cell.lo, cell.hi)
        if child is not None:
            on_side = witnesses[s * (witnesses @ g + c) >= 0]
            child.points = np.vstack([on_side, child.center])
            kept.append((sign, child))
    return kept


def _lp(cost: np.ndarray, cell: _Cell):
    """``min cost @ y`` over the cell (HiGHS)."""
    res = linprog(
        cost,
        A_ub=cell.A if len(cell.b) else None,
        b_ub=cell.b if len(cell.b) else None,
        bounds=list(zip(cell.lo, cell.hi)),
        method="highs",
        options=_LP_OPTIONS,
    )
    if res.status != 0:
        raise RuntimeError(f"LP over a non-empty cell failed: {res.message}")
    return res


def _chebyshev(A: np.ndarray, b: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> _Cell | None:
    """The cell ``{A y <= b, lo <= y <= hi}`` with its Chebyshev ball and tightened
    bounds, or None if that ball has radius ``<= RADIUS_TOL``.

    The LP is ``max r  s.t.  A_i y + r ||A_i|| <= b_i,  lo + r <= y <= hi - r``;
    the returned radius is the distance from the LP's centre to the nearest facet,
    recomputed in floating point so that it does not rely on the LP tolerances.
    """
    d = len(lo)
    norms = np.linalg.norm(A, axis=1)
    eye = np.eye(d)
    rows = np.vstack([np.hstack([A, norms[:, None]]), np.hstack([eye, np.ones((d, 1))]), np.hstack([-eye, np.ones((d, 1))])])
    rhs = np.concatenate([b, hi, -lo])
    cost = np.zeros(d + 1)
    cost[-1] = -1.0
    res = linprog(cost, A_ub=rows, b_ub=rhs, bounds=[(None, None)] * d + [(0, None)], method="highs", options=_LP_OPTIONS)
    if res.status == 2:  # infeasible: the half misses the cell
        return None
    if res.status != 0:
        raise RuntimeError(f"Chebyshev LP failed: {res.message}")
    y = res.x[:d]
    radius = float(min(np.min((b - A @ y) / norms), np.min(y - lo), np.min(hi - y)))
    if radius <= RADIUS_TOL:
        return None
    lo, hi = _tighten(A, b, lo, hi)
    return _Cell(A=A, b=b, lo=lo, hi=hi, center=y, radius=radius, points=y[None, :])


def _tighten(A: np.ndarray, b: np.ndarray, lo: np.ndarray, hi: np.ndarray, passes: int = 3):
    """Bounds on ``y`` implied by ``A y <= b`` and ``lo <= y <= hi`` (interval propagation).

    Row ``i`` gives ``A_ij y_j <= b_i - sum_{k != j} min(A_ik lo_k, A_ik hi_k)``, an
    upper bound on ``y_j`` when ``A_ij > 0`` and a lower bound when ``A_ij < 0``.
    Exact in one dimension; a cheap outer box of the cell otherwise.
    """
    for _ in range(passes):
        low_terms = np.minimum(A * lo, A * hi)
        rest = b[:, None] - (low_terms.sum(axis=1, keepdims=True) - low_terms)
        with np.errstate(divide="ignore", invalid="ignore"):
            bound = rest / A
        hi = np.minimum(hi, np.min(np.where(A > 0, bound, np.inf), axis=0))
        lo = np.maximum(lo, np.max(np.where(A < 0, bound, -np.inf), axis=0))
    return lo, hi


# ----- norms --------------------------------------------------------------------------
def operator_norm(J, input_norm: str, output_norm: str) -> float:
    """``||J||_{α→β} = max_{||x||_α <= 1} ||J x||_β`` for α, β in {"linf", "l1"}.

    The maximum of the convex ``||J x||_β`` over the α-ball is attained at a vertex:
    ``±e_j`` for ℓ1 and a sign vector for ℓ∞.  Hence
    ℓ∞→ℓ∞ = max row ℓ1 norm, ℓ1→ℓ1 = max column ℓ1 norm, ℓ1→ℓ∞ = max |J_ij|, and
    ℓ∞→ℓ1 = max over ``s in {±1}^n`` of ``||J s||_1`` (enumerated, ``n <= 12``).
    """
    J = np.asarray(J, dtype=np.float64)
    _check_norm(input_norm)
    _check_norm(output_norm)
    if input_norm == "l1":
        return float(np.max(np.abs(J).max(axis=0) if output_norm == "linf" else np.abs(J).sum(axis=0)))
    if output_norm == "linf":
        return float(np.max(np.abs(J).sum(axis=1)))
    n = J.shape[1]
    if n > MAX_SIGN_DIM:
        raise ValueError(f"linf->l1 enumerates 2^n sign vectors; n={n} exceeds {MAX_SIGN_DIM}")
    signs = np.array(list(itertools.product((-1.0, 1.0), repeat=n)))
    return float(np.max(np.abs(signs @ J.T).sum(axis=1)))


def dual_norm(v, norm: str) -> float:
    """``||v||_* = max_{||x|| <= 1} v @ x``: ℓ1 for ℓ∞ and ℓ∞ for ℓ1."""
    _check_norm(norm)
    v = np.abs(np.asarray(v, dtype=np.float64))
    return float(v.sum() if norm == "linf" else v.max())


def _check_norm(norm: str) -> None:
    if norm not in NORMS:
        raise ValueError(f"norm must be one of {NORMS}, got {norm!r}")


# ----- the constant -------------------------------------------------------------------
def pattern_jacobian(network, pattern) -> np.ndarray:
    """``J(a)`` by forward mode through the DAG, shape ``[m, n]``."""
    jacobians = [np.eye(network.input_dim)]  # jacobians[j + 1] = J_{s_j}
    for k in range(len(network.weights) - 1):
        jz = sum(w @ jacobians[j + 1] for j, w in _edges_into(network, k))
        jacobians.append(_factors(network, k, np.asarray(pattern[k], dtype=bool))[:, None] * jz)
    return sum(w @ jacobians[j + 1] for j, w in _edges_into(network, len(network.weights) - 1))


def oracle_details(network, box, norm="linf", output_norm=None, c=None, margin=None, *, max_regions: int = 20000):
    """``(value, best_region, number_of_regions)``; see :func:`oracle_lipschitz`."""
    score = _score(network.output_dim, norm, output_norm, c, margin)
    regions = enumerate_regions(network, box, max_regions)
    if not regions:
        raise RuntimeError(f"no full-dimensional region: the box is thinner than {2 * RADIUS_TOL} in a free coordinate")
    values = [score(pattern_jacobian(network, r.pattern)) for r in regions]
    best = int(np.argmax(values))
    return values[best], regions[best], len(regions)


def oracle_lipschitz(network, box, norm="linf", output_norm=None, c=None, margin=None, *, max_regions: int = 20000) -> float:
    """``max`` over the linear regions in ``box`` of

    * ``||J^T c||_{norm*}`` when ``c`` is given,
    * the same with ``c = e_i - e_j`` when ``margin = (i, j)``,
    * ``||J||_{norm → output_norm}`` otherwise (``output_norm`` defaults to ``norm``).
    """
    return oracle_details(network, box, norm, output_norm, c, margin, max_regions=max_regions)[0]


def _score(m: int, norm: str, output_norm, c, margin):
    """The function ``J -> value`` that :func:`oracle_lipschitz` maximises."""
    _check_norm(norm)
    if sum(x is not None for x in (output_norm, c, margin)) > 1:
        raise ValueError("give at most one of output_norm, c, margin")
    if margin is not None:
        i, j = margin
        c = np.zeros(m)
        c[i] += 1.0
        c[j] -= 1.0
    if c is not None:
        c = np.asarray(c, dtype=np.float64)
        if c.shape != (m,):
            raise ValueError(f"c must have shape ({m},), got {c.shape}")
        return lambda J: dual_norm(J.T @ c, norm)
    return lambda J: operator_norm(J, norm, output_norm or norm)
