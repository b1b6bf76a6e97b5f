"""Bounds on the backward pass (the generalized Jacobian's factors).

For a direction ``c`` in the set C of the norm specification the backward pass is

    r_{L-2} = W_{L-1}^T c,   q_k = a_k ⊙ r_k,   r_{k-1} = W_k^T q_k,   g = r_{-1},

where ``a_k ∈ {0,1}`` is the activation of layer k (fixed by the neuron state when
the neuron is stable, free when it is unstable).

*Interval bounds*: ``r_{L-2}`` exactly over C; ``q_k = r_k`` (active), ``0``
(inactive), ``[min(l,0), max(u,0)]`` (unstable); interval arithmetic through
``W_k^T``.

*Linear bounds*: for an unstable neuron with ``r ∈ [l, u]`` the set
``{(r, a r) : a ∈ {0,1}}`` has the convex hull

    q >= l (u − r) / (u − l),    q <= u (r − l) / (u − l)     (l < 0 < u),

and ``0 <= q <= r`` resp. ``r <= q <= 0`` when ``l >= 0`` resp. ``u <= 0``. Bounding
``r_{k-1, j}`` by back-substituting these lines through ``W^T`` layer by layer up to
``c`` (CROWN on the backward graph, deepest layer first so that each relaxation uses
tightened bounds) keeps the correlations that interval arithmetic loses. Both are
sound for every pattern the MIP can choose.
"""

from __future__ import annotations

import numpy as np

from ..network.ir import Network
from ..norms import NormSpec
from .interval import Interval
from .states import ACTIVE, INACTIVE


def switched_interval(r: Interval, states: np.ndarray) -> Interval:
    """Bounds of ``q = a ⊙ r`` given the neuron states (``a`` free where unstable)."""
    lower = np.minimum(r.lower, 0.0)
    upper = np.maximum(r.upper, 0.0)
    active = states == ACTIVE
    lower[active], upper[active] = r.lower[active], r.upper[active]
    inactive = states == INACTIVE
    lower[inactive], upper[inactive] = 0.0, 0.0
    return Interval(lower, upper)


def backward_interval_bounds(
    network: Network, states: list[np.ndarray], spec: NormSpec
) -> tuple[list[Interval], Interval]:
    """Bounds on ``r_k`` for every hidden layer k (list indexed by k) and on ``g``."""
    weights = network.weights
    lower, upper = spec.direction_range(weights[-1].T)
    r = Interval(lower, upper)
    r_bounds: list[Interval] = [None] * len(states)  # type: ignore[list-item]
    for k in range(len(states) - 1, -1, -1):
        r_bounds[k] = r
        r = switched_interval(r, states[k]).affine(weights[k].T)
    return r_bounds, r


def switch_relaxation(r: Interval, states: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Lines ``q >= ls r + li`` and ``q <= us r + ui`` enclosing ``q = a r`` per neuron.

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
    nonnegative = free & (lo >= 0)  # 0 <= q <= r
    upper_slope[nonnegative] = 1.0
    nonpositive = free & (hi <= 0) & ~nonnegative  # r <= q <= 0
    lower_slope[nonpositive] = 1.0
    return lower_slope, lower_icpt, upper_slope, upper_icpt


def back_substitute(
    network: Network, spec: NormSpec, relaxations: dict, k: int, rows: np.ndarray, upper: bool
) -> np.ndarray:
    """Bound of ``rows @ r_{k-1}`` (``r_{-1} = g``) over all free patterns and c ∈ C,
    using the relaxations of layers ``k … L-2``."""
    lam = rows @ network.weights[k].T  # coefficients on q_k
    const = np.zeros(rows.shape[0])
    last = len(network.weights) - 2
    for j in range(k, last + 1):
        ls, li, us, ui = relaxations[j]
        positive, negative = np.maximum(lam, 0.0), np.minimum(lam, 0.0)
        if upper:
            lam, const = positive * us + negative * ls, const + positive @ ui + negative @ li
        else:
            lam, const = positive * ls + negative * us, const + positive @ li + negative @ ui
        lam = lam @ network.weights[j + 1].T  # r_j = W_{j+1}^T q_{j+1} (or c at the top)
    low, high = spec.direction_range(lam)
    return const + (high if upper else low)


def backward_linear_bounds(
    network: Network, states: list[np.ndarray], spec: NormSpec
) -> tuple[list[Interval], Interval]:
    """Back-substituted bounds on ``r_k`` and ``g``, each intersected with interval
    arithmetic from the (tightened) layer above."""
    weights = network.weights
    lower, upper = spec.direction_range(weights[-1].T)
    r = Interval(lower, upper)
    r_bounds: list[Interval] = [None] * len(states)  # type: ignore[list-item]
    relaxations: dict = {}
    for k in range(len(states) - 1, -1, -1):
        r_bounds[k] = r
        relaxations[k] = switch_relaxation(r, states[k])
        r = switched_interval(r, states[k]).affine(weights[k].T)
        rows = np.eye(r.lower.size)
        hi = np.minimum(r.upper, back_substitute(network, spec, relaxations, k, rows, True))
        lo = np.maximum(r.lower, back_substitute(network, spec, relaxations, k, rows, False))
        r = Interval(lo, np.maximum(hi, lo))
    return r_bounds, r
