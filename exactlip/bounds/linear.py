"""Symbolic linear bounds on pre-activations (CROWN / DeepPoly-style back-substitution).

For an unstable neuron with ``l < 0 < u`` the ReLU is enclosed by two lines,

    α z <= relu(z) <= u (z − l) / (u − l),     α = 1 if u >= −l else 0,

(stable neurons are exact: slope 1 or 0). To bound ``z_k = W_k h_{k-1} + b_k`` from
above, write it as ``Λ h_{k-1} + c``, replace each ``h_j`` by its upper line where the
coefficient is positive and its lower line where it is negative, substitute
``z_j = W_j h_{j-1} + b_j``, and repeat down to the input, where
``max_{x∈[lo,hi]} Λ x = Λ mid + |Λ| rad``. The lower bound is symmetric. Every step
only loosens, so the bounds are sound; they are intersected with the interval bounds
and never worse.
"""

from __future__ import annotations

import numpy as np

from ..domain import Box
from ..network.ir import Network
from .interval import Interval


def relu_relaxation(bounds: Interval) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(upper_slope, upper_intercept, lower_slope)`` of the ReLU lines per neuron."""
    lo, hi = bounds.lower, bounds.upper
    active, inactive = lo >= 0, hi <= 0
    unstable = ~(active | inactive)
    upper_slope = active.astype(np.float64)
    upper_intercept = np.zeros_like(lo)
    width = np.where(unstable, hi - lo, 1.0)
    upper_slope[unstable] = hi[unstable] / width[unstable]
    upper_intercept[unstable] = -lo[unstable] * hi[unstable] / width[unstable]
    lower_slope = active.astype(np.float64)
    lower_slope[unstable] = (hi[unstable] >= -lo[unstable]).astype(np.float64)
    return upper_slope, upper_intercept, lower_slope


def _back_substitute(network: Network, box: Box, relaxations: list, k: int, coefficients: np.ndarray, upper: bool) -> np.ndarray:
    """Bound of ``coefficients @ z_k`` over the box (upper if ``upper`` else lower)."""
    lam = coefficients @ network.weights[k]
    const = coefficients @ network.biases[k]
    for j in range(k - 1, -1, -1):
        up_slope, up_icpt, lo_slope = relaxations[j]
        positive, negative = np.maximum(lam, 0.0), np.minimum(lam, 0.0)
        if upper:
            slope = positive * up_slope + negative * lo_slope
            const = const + positive @ up_icpt
        else:
            slope = positive * lo_slope + negative * up_slope
            const = const + negative @ up_icpt
        const = const + slope @ network.biases[j]
        lam = slope @ network.weights[j]
    mid, rad = box.center, 0.5 * (box.upper - box.lower)
    spread = np.abs(lam) @ rad
    return lam @ mid + const + (spread if upper else -spread)


def linear_preactivation_bounds(network: Network, box: Box, given: list[Interval] | None = None) -> list[Interval]:
    """Bounds on every hidden pre-activation: interval arithmetic from the previous
    layer's (tightened) bounds, intersected with back-substitution for the neurons
    that interval arithmetic leaves unstable (layer 0's interval bounds are exact).
    ``given`` bounds for the first layers are taken as they are."""
    given = given or []
    out: list[Interval] = []
    relaxations = []
    h = Interval(box.lower.copy(), box.upper.copy())
    for k, (w, b) in enumerate(zip(network.weights[:-1], network.biases[:-1])):
        if k < len(given):
            out.append(given[k])
            relaxations.append(relu_relaxation(given[k]))
            h = given[k].relu()
            continue
        z = h.affine(w, b)
        lo, hi = z.lower, z.upper
        unstable = np.flatnonzero((lo < 0) & (hi > 0))
        if unstable.size and k > 0:
            rows = np.eye(lo.size)[unstable]
            hi[unstable] = np.minimum(hi[unstable], _back_substitute(network, box, relaxations, k, rows, True))
            lo[unstable] = np.maximum(lo[unstable], _back_substitute(network, box, relaxations, k, rows, False))
        bounds = Interval(lo, np.maximum(hi, lo))
        out.append(bounds)
        relaxations.append(relu_relaxation(bounds))
        h = bounds.relu()
    return out
