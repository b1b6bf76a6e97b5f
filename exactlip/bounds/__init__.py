"""Bounds on forward pre-activations and backward quantities over a box.

``compute_bounds(network, box, spec, method)`` returns a :class:`NetworkBounds`
holding, for each hidden layer k, bounds on the pre-activation ``z_k``, the neuron
states they imply, bounds on the backward quantity ``r_k`` (the gradient with respect
to the layer's output ``s_k``) and bounds on the input gradient ``g``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from ..domain import Box
from ..errors import OptionError
from ..network.ir import Network
from ..norms import NormSpec
from .gradient import backward_interval_bounds, backward_linear_bounds
from .interval import Interval, affine_sum, tighten_box
from .linear import linear_preactivation_bounds
from .lp import lp_preactivation_bounds
from .states import ACTIVE, INACTIVE, UNSTABLE, neuron_states, slope_range

BOUND_METHODS = ("interval", "linear", "lp")
DEFAULT_BOUNDS = "linear"


@dataclass(frozen=True)
class NetworkBounds:
    """Per-hidden-layer bounds and states, plus bounds on the input gradient."""

    preactivation: list[Interval]
    states: list[np.ndarray]
    gradient: list[Interval]
    input_gradient: Interval
    method: str
    seconds: float

    @property
    def num_unstable(self) -> int:
        return int(sum(np.count_nonzero(s == UNSTABLE) for s in self.states))

    def to_dict(self) -> dict:
        return {
            "method": self.method,
            "unstable_per_layer": [int(np.count_nonzero(s == UNSTABLE)) for s in self.states],
            "active_per_layer": [int(np.count_nonzero(s == ACTIVE)) for s in self.states],
            "inactive_per_layer": [int(np.count_nonzero(s == INACTIVE)) for s in self.states],
            "seconds": self.seconds,
        }


def interval_preactivation_bounds(network: Network, box: Box) -> list[Interval]:
    """Interval bounds on every hidden pre-activation ``z_k`` over the box."""
    outputs = [Interval(box.lower.copy(), box.upper.copy())]
    out = []
    for k in range(network.num_layers - 1):
        z = affine_sum([(w, outputs[j + 1]) for j, w in network.incoming(k)], network.biases[k])
        out.append(z)
        outputs.append(z.activate(network.negative_slopes[k]))
    return out


_PREACTIVATION_METHODS = {
    "interval": interval_preactivation_bounds,
    "linear": linear_preactivation_bounds,
    "lp": lp_preactivation_bounds,
}
_BACKWARD_METHODS = {"interval": backward_interval_bounds, "linear": backward_linear_bounds, "lp": backward_linear_bounds}


def compute_bounds(
    network: Network, box: Box, spec: NormSpec, method: str = DEFAULT_BOUNDS, preactivation: list[Interval] | None = None
) -> NetworkBounds:
    """Forward and backward bounds by the named ``method`` (one of ``BOUND_METHODS``):
    ``"interval"`` (interval arithmetic), ``"linear"`` (back-substitution through the
    forward and the backward pass, at least as tight) or ``"lp"`` (``"linear"`` plus LP
    tightening of the remaining unstable neurons, within a time budget). Pre-activation
    bounds already computed for the same box and method may be passed in
    ``preactivation`` (they do not depend on ``spec``)."""
    if method not in BOUND_METHODS:
        raise OptionError(f"bounds={method!r} is not available; allowed: {', '.join(map(repr, BOUND_METHODS))}")
    box.check_dim(network.input_dim)
    start = time.perf_counter()
    pre = _PREACTIVATION_METHODS[method](network, box) if preactivation is None else preactivation
    states = [neuron_states(z) for z in pre]
    grad, input_grad = _BACKWARD_METHODS[method](network, states, spec)
    return NetworkBounds(pre, states, grad, input_grad, method, time.perf_counter() - start)


__all__ = ["ACTIVE", "BOUND_METHODS", "DEFAULT_BOUNDS", "INACTIVE", "Interval", "NetworkBounds", "UNSTABLE", "compute_bounds"]
