"""Interval bounds on the backward pass (the generalized Jacobian's factors).

For a direction ``c`` in the set C of the norm specification the backward pass is

    r_{L-2} = W_{L-1}^T c,   q_k = a_k ⊙ r_k,   r_{k-1} = W_k^T q_k,   g = r_{-1},

where ``a_k ∈ {0,1}`` is the activation of layer k (fixed by the neuron state when
the neuron is stable, free when it is unstable). Bounds: ``r_{L-2}`` exactly over C;
``q_k = r_k`` (active), ``0`` (inactive), or ``[min(l,0), max(u,0)]`` of ``r_k``
(unstable); then interval arithmetic through ``W_k^T``. Sound for every pattern the
MIP can choose, hence for every element of the generalized Jacobian it encodes.
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
