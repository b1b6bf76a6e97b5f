"""SeqLip (Scaman & Virmaux 2018): per-pair-of-layers spectral bound, ℓ2 → ℓ2.

Norm: ℓ2 on the input and on the output (or, for a direction ``c``, the ℓ2 norm of
``∇(c·f)``); other norm pairs come from the ℓ2 value by the dimension factors of
:mod:`exactlip.estimators.conversions`.

Take the thin SVD of every layer, ``W_k = U_k Σ_k V_kᵀ`` (``U_k``: left singular
vectors, ``n_k × r_k``; ``Σ_k``: the ``r_k`` positive singular values, diagonal; ``V_k``:
right singular vectors, ``n_{k-1} × r_k``). For a direction ``c`` the last layer is the
row ``cᵀ W_{L-1}``. Every Jacobian is ``W_{L-1} diag(σ_{L-2}) … diag(σ_0) W_0`` with
``σ_k ∈ [0,1]^{n_k}`` (the ReLU slopes; Clarke Jacobians fill the cube), so splitting
each middle ``Σ_k = Σ_k^{1/2} Σ_k^{1/2}`` and dropping the isometries ``U_{L-1}`` and
``V_0ᵀ``,

    L(f) <= ∏_{k=0}^{L-2}  max_{σ ∈ [0,1]^{n_k}} || Σ̃_{k+1} V_{k+1}ᵀ diag(σ) U_k Σ̃_k ||_2,

with ``Σ̃_0 = Σ_0``, ``Σ̃_{L-1} = Σ_{L-1}`` and ``Σ̃_k = Σ_k^{1/2}`` in between. Each
factor is a convex function of σ, so its maximum over the cube is attained at a
vertex σ ∈ {0,1}^{n_k}.

* **exact** (``n_k <= max_exact_width``): all 2^{n_k} vertices are evaluated (in
  chunks; a vertex whose cheap upper bound ``(tr (MᵀM)²)^{1/4}`` cannot beat the best
  value so far skips its eigenvalue computation). The product is then a proven upper
  bound: ``certified=True``.
* **greedy** (wider layers): alternating ascent — for the top singular pair ``(u, v)``
  of the current matrix set ``σ_i = 1`` iff ``(Aᵀu)_i (B v)_i > 0`` and repeat, from
  several starts, keeping the best vertex. Its value is attained by one σ, so it may be
  *below* the true maximum and the product is not a proven bound: ``certified=False``.
* **local** variant: over a box, neurons whose pre-activation bounds (from
  :func:`exactlip.bounds.compute_bounds`) fix their state have σ fixed to 1 (active) or
  0 (inactive); only the unstable ones are maximised over, so ``max_exact_width``
  applies to the number of unstable neurons of the layer.

With no hidden layer the bound is ``||W_0||_2``.
"""

from __future__ import annotations

import numpy as np

from ..bounds import ACTIVE, INACTIVE
from ..errors import OptionError
from .base import Outcome, Problem, check_positive_int
from .opnorm import spectral_norm
from .states import neuron_states_over_box
from .target import Target

DEFAULT_MAX_EXACT_WIDTH = 20
_CHUNK = 4096


def _thin_svd(w: np.ndarray):
    u, s, vt = np.linalg.svd(w, full_matrices=False)
    keep = s > 0
    return u[:, keep], s[keep], vt[keep].T


def pair_matrices(weights) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each hidden layer k, ``(A_k, B_k) = (Σ̃_{k+1} V_{k+1}ᵀ, U_k Σ̃_k)`` so that the
    k-th factor is ``max_σ ||A_k diag(σ) B_k||_2``."""
    svds = [_thin_svd(w) for w in weights]
    last = len(weights) - 1
    tilde = [s if k in (0, last) else np.sqrt(s) for k, (_, s, _) in enumerate(svds)]
    pairs = []
    for k in range(last):
        u_k = svds[k][0]
        v_next = svds[k + 1][2]
        pairs.append((tilde[k + 1][:, None] * v_next.T, u_k * tilde[k][None, :]))
    return pairs


def _top_singular(batch: np.ndarray) -> np.ndarray:
    """Largest singular value of each matrix in ``batch`` ``[b, p, q]``."""
    b, p, q = batch.shape
    if min(p, q) == 0:
        return np.zeros(b)
    if min(p, q) == 1:
        return np.sqrt(np.square(batch).sum(axis=(1, 2)))
    gram = batch @ batch.transpose(0, 2, 1) if p <= q else batch.transpose(0, 2, 1) @ batch
    return np.sqrt(np.maximum(np.linalg.eigvalsh(gram)[:, -1], 0.0))


def _binary_rows(count: int) -> np.ndarray:
    """All of {0,1}^count, one per row (row r is the binary expansion of r)."""
    codes = np.arange(1 << count, dtype=np.int64)
    return ((codes[:, None] >> np.arange(count)) & 1).astype(np.float64)


def _norm_upper_filter(mats: np.ndarray, threshold: float) -> np.ndarray:
    """Indices of the matrices whose ``(tr G^4)^{1/8}`` (``G = MᵀM``), an upper bound on
    the largest singular value, exceeds ``threshold``."""
    b, p, q = mats.shape
    if min(p, q) <= 1:
        return np.arange(b)
    gram = mats @ mats.transpose(0, 2, 1) if p <= q else mats.transpose(0, 2, 1) @ mats
    keep = np.flatnonzero(np.square(gram).sum(axis=(1, 2)) > threshold**4)  # (Σ s⁴)^{1/4}
    gram = gram[keep]
    square = gram @ gram
    return keep[np.square(square).sum(axis=(1, 2)) > threshold**8]  # (Σ s⁸)^{1/8}


def max_vertex_exact(A: np.ndarray, B: np.ndarray, fixed: np.ndarray | None = None) -> tuple[float, np.ndarray]:
    """``max_{σ} ||A diag(σ) B||_2`` over σ ∈ {0,1}^n with ``σ_i = fixed[i]`` where
    ``fixed[i]`` is 0 or 1 (NaN: free); returns the value and a maximising σ.

    Every vertex is considered. The free coordinates are split into a low and a high
    half, ``M = (base + L_l) + H_h``, so that ``||M||_F²`` of all vertices comes from
    one matrix product ``H Lᵀ``. Starting from the greedy value, a vertex is dropped as
    soon as an upper bound on its norm — ``||M||_F``, then ``(tr G²)^{1/4}`` and
    ``(tr G⁴)^{1/8}`` with ``G = MᵀM`` — does not exceed the best value so far (with a
    1e-9 relative slack for rounding); the rest get an eigenvalue computation, and the
    winner's norm is recomputed from scratch.
    """
    n = A.shape[1]
    fixed = np.full(n, np.nan) if fixed is None else np.asarray(fixed, dtype=np.float64)
    free = np.flatnonzero(np.isnan(fixed))
    best, best_sigma = max_vertex_greedy(A, B, fixed)
    if free.size == 0:
        return best, best_sigma
    on = np.flatnonzero(fixed == 1.0)
    base = A[:, on] @ B[on, :]
    p, q = base.shape
    rank_one = np.einsum("pi,iq->ipq", A[:, free], B[free, :]).reshape(free.size, p * q)
    n_low = min(free.size, 10)
    low_bits, high_bits = _binary_rows(n_low), _binary_rows(free.size - n_low)
    low = base.reshape(1, -1) + low_bits @ rank_one[:n_low]
    high = high_bits @ rank_one[n_low:]
    low_sq, high_sq = np.einsum("ij,ij->i", low, low), np.einsum("ij,ij->i", high, high)
    block = max(1, _CHUNK // low.shape[0])
    threshold = best * (1 - 1e-9)
    for start in range(0, high.shape[0], block):
        h = slice(start, min(start + block, high.shape[0]))
        frobenius = high_sq[h, None] + 2.0 * high[h] @ low.T + low_sq[None, :]
        hi_idx, lo_idx = np.nonzero(frobenius > threshold**2)
        if hi_idx.size == 0:
            continue
        hi_idx = hi_idx + start
        mats = (high[hi_idx] + low[lo_idx]).reshape(-1, p, q)
        keep = _norm_upper_filter(mats, threshold)
        if keep.size == 0:
            continue
        values = _top_singular(mats[keep])
        i = int(np.argmax(values))
        if values[i] > threshold:
            candidate = np.where(np.isnan(fixed), 0.0, fixed)
            candidate[free] = np.concatenate([low_bits[lo_idx[keep[i]]], high_bits[hi_idx[keep[i]]]])
            value = spectral_norm((A * candidate[None, :]) @ B)
            if value > best:
                best, best_sigma = value, candidate
                threshold = best * (1 - 1e-9)
    return best, best_sigma


def max_vertex_greedy(
    A: np.ndarray, B: np.ndarray, fixed: np.ndarray | None = None, starts: int = 8, seed: int = 0
) -> tuple[float, np.ndarray]:
    """Alternating ascent over vertices (see the module docstring): an attained value,
    hence ``<=`` the true maximum."""
    n = A.shape[1]
    fixed = np.full(n, np.nan) if fixed is None else np.asarray(fixed, dtype=np.float64)
    free = np.isnan(fixed)
    rng = np.random.default_rng(seed)
    inits = [np.ones(n)] + [rng.integers(0, 2, n).astype(np.float64) for _ in range(max(starts - 1, 0))]
    best, best_sigma = -1.0, None
    for sigma in inits:
        sigma = np.where(free, sigma, fixed)
        value = spectral_norm((A * sigma[None, :]) @ B)
        if value == 0.0:
            sigma = np.where(free, 1.0, fixed)
            value = spectral_norm((A * sigma[None, :]) @ B)
        for _ in range(200):
            if value == 0.0:
                break
            u, _, vt = np.linalg.svd((A * sigma[None, :]) @ B, full_matrices=False)
            # uᵀ A diag(σ') B v is maximised by σ'_i = [(Aᵀu)_i (Bv)_i > 0]: the norm cannot decrease
            score = (A.T @ u[:, 0]) * (B @ vt[0])
            new_sigma = np.where(free, (score > 0).astype(np.float64), fixed)
            new_value = spectral_norm((A * new_sigma[None, :]) @ B)
            if new_value <= value * (1 + 1e-13):
                break
            sigma, value = new_sigma, new_value
        if value > best:
            best, best_sigma = value, sigma.copy()
    return float(best), best_sigma


def seqlip_bound(
    weights, fixed: list[np.ndarray] | None = None, max_exact_width: int = DEFAULT_MAX_EXACT_WIDTH, seed: int = 0
) -> tuple[float, dict]:
    """The SeqLip value for ``weights`` (last layer already ``cᵀW`` for a direction) and
    ``(value, details)``; ``fixed[k]`` holds 0/1/NaN per neuron of hidden layer k."""
    weights = list(weights)
    if len(weights) == 1:
        return spectral_norm(weights[0]), {"factors": [spectral_norm(weights[0])], "exact": [True], "free": []}
    factors, exact, free_counts = [], [], []
    for k, (A, B) in enumerate(pair_matrices(weights)):
        fix = None if fixed is None else fixed[k]
        free = A.shape[1] if fix is None else int(np.count_nonzero(np.isnan(fix)))
        if free <= max_exact_width:
            value, _ = max_vertex_exact(A, B, fix)
        else:
            value, _ = max_vertex_greedy(A, B, fix, seed=seed + k)
        factors.append(value)
        exact.append(free <= max_exact_width)
        free_counts.append(free)
    return float(np.prod(factors)), {"factors": factors, "exact": exact, "free": free_counts}


def fixed_slopes(states: list[np.ndarray]) -> list[np.ndarray]:
    """σ fixed to 1/0 for active/inactive neurons, NaN (free) for unstable ones."""
    out = []
    for s in states:
        f = np.full(s.shape, np.nan)
        f[s == ACTIVE] = 1.0
        f[s == INACTIVE] = 0.0
        out.append(f)
    return out


def _run(problem: Problem, target: Target, options: dict, local: bool) -> Outcome:
    method = "seqlip_local" if local else "seqlip"
    network = problem.require_network(method)
    unknown = set(options) - {"max_exact_width"}
    if unknown:
        raise OptionError(f"unknown option(s) for {method}: {', '.join(sorted(unknown))}; allowed: max_exact_width")
    width = check_positive_int(options.get("max_exact_width", DEFAULT_MAX_EXACT_WIDTH), "max_exact_width", 0)
    chain = problem.require_relu_chain(method)
    weights = chain[:-1] + [target.last_layer(chain[-1])]
    fixed = None
    details: dict = {}
    if local:
        states = neuron_states_over_box(network, problem.require_box(method))
        fixed = fixed_slopes(states)
        details["unstable_per_layer"] = [int(np.count_nonzero(np.isnan(f))) for f in fixed]
    value, info = seqlip_bound(weights, fixed, width, seed=problem.seed)
    details.update({"pair_factors": info["factors"], "pair_exact": info["exact"], "max_exact_width": width})
    return Outcome(value, all(info["exact"]), details)


def run(problem: Problem, target: Target, options: dict) -> Outcome:
    return _run(problem, target, options, local=False)


def run_local(problem: Problem, target: Target, options: dict) -> Outcome:
    return _run(problem, target, options, local=True)
