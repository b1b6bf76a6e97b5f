"""Bounds on the backward pass (the generalized Jacobian's factors).

For a direction ``c`` in the set C of the norm specification the backward pass is

    q_{L-1} = c,    r_k = Σ_{i : k ∈ in(i)} W_{i,k}^T q_i,    q_k = d_k ⊙ r_k,    g = r_{-1},

where ``r_k`` is the gradient with respect to the output ``s_k`` of hidden layer k and
``d_k = α_k + (1 − α_k) a_k`` its derivative factor: ``1`` (active), ``α_k`` (inactive,
0 for ReLU) or either (unstable, ``a_k`` free). On a chain the sum has one term.

*Interval bounds*: the contribution ``W_{L-1,k}^T c`` of the output exactly over C;
``q_k`` is the hull of ``{d r : d ∈ {α, 1}, r ∈ [l, u]}``; interval arithmetic
through each ``W_{i,k}^T``, summed over the edges.

*Linear bounds*: write ``q = α r + (1 − α) a r``. For an unstable neuron with
``r ∈ [l, u]`` the set ``{(r, a r) : a ∈ {0,1}}`` has the convex hull

    a r >= l (u − r) / (u − l),    a r <= u (r − l) / (u − l)     (l < 0 < u),

and ``0 <= a r <= r`` resp. ``r <= a r <= 0`` when ``l >= 0`` resp. ``u <= 0``; the
lines for ``q`` follow since ``1 − α >= 0``. Bounding ``rows @ r_k`` by
back-substituting these lines through the ``W^T`` of every edge, from layer k towards
the output (each layer once all of its consumers' coefficients are in), up to ``c``
(CROWN on the backward graph; the deepest layers are bounded first so that each
relaxation uses tightened bounds) keeps the correlations that interval arithmetic
loses. Only an unstable neuron's lines depend on its bounds (and only unstable neurons
get MIP columns), so only the rows of unstable neurons are back-substituted; the others
keep their interval bounds. Both are sound for every pattern the MIP can choose.
"""

from __future__ import annotations

import numpy as np

from .._arrays import dense
from ..network.ir import Network
from ..norms import NormSpec
from .interval import Interval, affine_sum, range_by_negation, unit_rows
from .states import ACTIVE, INACTIVE, UNSTABLE


def switched_interval(r: Interval, states: np.ndarray, negative_slope: float = 0.0) -> Interval:
    """Bounds of ``q = d ⊙ r`` given the neuron states (``d ∈ {α, 1}`` free where unstable)."""
    alpha = negative_slope
    ends = np.stack([r.lower, r.upper, alpha * r.lower, alpha * r.upper])
    lower, upper = ends.min(axis=0), ends.max(axis=0)
    active = states == ACTIVE
    lower[active], upper[active] = r.lower[active], r.upper[active]
    inactive = states == INACTIVE
    scaled = np.stack([alpha * r.lower[inactive], alpha * r.upper[inactive]])
    lower[inactive], upper[inactive] = scaled.min(axis=0), scaled.max(axis=0)
    return Interval(lower, upper)


def _gradient_interval(network: Network, spec: NormSpec, k: int, switched: dict[int, Interval]) -> Interval:
    """Interval bounds on ``r_k`` from the bounds on ``q_i`` of the layers it feeds."""
    terms, lower, upper = [], 0.0, 0.0
    for i, w in network.outgoing(k):
        if i == network.num_layers - 1:
            low, high = spec.direction_range(dense(w).T)
            lower, upper = lower + low, upper + high
        else:
            terms.append((w.T, switched[i]))
    if not terms:
        return Interval(np.asarray(lower, dtype=np.float64), np.asarray(upper, dtype=np.float64))
    mixed = affine_sum(terms)
    return Interval(mixed.lower + lower, mixed.upper + upper)


def backward_interval_bounds(
    network: Network, states: list[np.ndarray], spec: NormSpec
) -> tuple[list[Interval], Interval]:
    """Bounds on ``r_k`` for every hidden layer k (list indexed by k) and on ``g``."""
    r_bounds: list[Interval] = [None] * len(states)  # type: ignore[list-item]
    switched: dict[int, Interval] = {}
    for k in range(len(states) - 1, -1, -1):
        r_bounds[k] = _gradient_interval(network, spec, k, switched)
        switched[k] = switched_interval(r_bounds[k], states[k], network.negative_slopes[k])
    return r_bounds, _gradient_interval(network, spec, -1, switched)


def switch_relaxation(
    r: Interval, states: np.ndarray, negative_slope: float = 0.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Lines ``q >= ls r + li`` and ``q <= us r + ui`` enclosing ``q = d r`` per neuron.

    Returns ``(lower_slope, lower_intercept, upper_slope, upper_intercept)``.
    """
    lo, hi = r.lower, r.upper
    n = lo.size
    lower_slope, lower_icpt = np.zeros(n), np.zeros(n)
    upper_slope, upper_icpt = np.zeros(n), np.zeros(n)
    active = states == ACTIVE
    lower_slope[active] = upper_slope[active] = 1.0
    free = ~active & (states != INACTIVE)
    straddle = free & (lo < 0) & (hi > 0)
    width = np.where(straddle, hi - lo, 1.0)
    upper_slope[straddle] = hi[straddle] / width[straddle]
    upper_icpt[straddle] = -lo[straddle] * hi[straddle] / width[straddle]
    lower_slope[straddle] = -lo[straddle] / width[straddle]
    lower_icpt[straddle] = lo[straddle] * hi[straddle] / width[straddle]
    nonnegative = free & (lo >= 0)  # 0 <= a r <= r
    upper_slope[nonnegative] = 1.0
    nonpositive = free & (hi <= 0) & ~nonnegative  # r <= a r <= 0
    lower_slope[nonpositive] = 1.0
    alpha = negative_slope
    if alpha == 0.0:
        return lower_slope, lower_icpt, upper_slope, upper_icpt
    keep = 1.0 - alpha  # q = α r + (1 − α) a r
    return alpha + keep * lower_slope, keep * lower_icpt, alpha + keep * upper_slope, keep * upper_icpt


def back_substitute(network: Network, spec: NormSpec, relaxations: dict, layer: int, rows: np.ndarray) -> np.ndarray:
    """Upper bound of ``rows @ r_layer`` (``r_{-1} = g``) over all free patterns and
    c ∈ C, using the relaxations of the layers after ``layer``. A lower bound is minus
    the upper bound of ``−rows`` (:func:`~exactlip.bounds.interval.range_by_negation`)."""
    output = network.num_layers - 1
    lam: dict[int, np.ndarray] = {}  # coefficients on q_i (on c for i = output)
    _spread_back(lam, network.outgoing(layer), rows)
    const = np.zeros(rows.shape[0])
    for i in range(layer + 1, output):
        if i not in lam:
            continue
        coef = lam.pop(i)
        ls, li, us, ui = relaxations[i]
        positive, negative = np.maximum(coef, 0.0), np.minimum(coef, 0.0)
        slope, const = positive * us + negative * ls, const + positive @ ui + negative @ li
        _spread_back(lam, network.outgoing(i), slope)
    if output not in lam:
        return const
    return const + spec.direction_range(lam[output])[1]


def _spread_back(lam: dict, edges: list, coefficients: np.ndarray) -> None:
    """``r_j = Σ_i W_{i,j}^T q_i``: add ``coefficients @ W_{i,j}^T`` to the coefficients on ``q_i``."""
    for i, w in edges:
        term = dense(coefficients @ w.T)
        lam[i] = lam[i] + term if i in lam else term


def backward_linear_bounds(
    network: Network, states: list[np.ndarray], spec: NormSpec
) -> tuple[list[Interval], Interval]:
    """Back-substituted bounds on ``r_k`` and ``g``, each intersected with interval
    arithmetic from the (tightened) layers it feeds."""
    r_bounds: list[Interval] = [None] * len(states)  # type: ignore[list-item]
    switched: dict[int, Interval] = {}
    relaxations: dict = {}

    def tightened(k: int) -> Interval:
        r = _gradient_interval(network, spec, k, switched)
        lo, hi = r.lower.copy(), r.upper.copy()
        which = np.ones(lo.size, dtype=bool) if k < 0 else states[k] == UNSTABLE
        low, high = range_by_negation(lambda rows: back_substitute(network, spec, relaxations, k, rows), unit_rows(lo.size, np.flatnonzero(which)))
        lo[which], hi[which] = np.maximum(lo[which], low), np.minimum(hi[which], high)
        return Interval(lo, np.maximum(hi, lo))

    for k in range(len(states) - 1, -1, -1):
        r_bounds[k] = tightened(k)
        alpha = network.negative_slopes[k]
        relaxations[k] = switch_relaxation(r_bounds[k], states[k], alpha)
        switched[k] = switched_interval(r_bounds[k], states[k], alpha)
    return r_bounds, tightened(-1)


def direction_upper_bounds(network: Network, spec: NormSpec, bounds_gradient: list[Interval], states: list[np.ndarray], directions: np.ndarray) -> np.ndarray:
    """``UB(v·g)`` for each row ``v`` of ``directions``. Their largest is a bound on
    ``||g||_{α*}`` when the rows are the extreme points of the primal unit ball
    (``{±1}^n`` for ``α = ∞``, ``{±e_i}`` for ``α = 1``), since ``||g||_{α*} = max_v v·g``
    over them.

    Each ``UB(v·g)`` back-substitutes ``v`` through the switch relaxations built from
    ``bounds_gradient`` (bounds on every ``r_k``) and ``states``. It keeps the
    cancellations between coordinates of ``g`` that the coordinate-wise bound
    ``||max(|l|, |u|)||_{α*}`` loses (on a random 8-input network 0.79 against 1.84)."""
    relaxations = {
        k: switch_relaxation(bounds_gradient[k], states[k], network.negative_slopes[k]) for k in range(len(states))
    }
    return back_substitute(network, spec, relaxations, -1, directions)
