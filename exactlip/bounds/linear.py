"""Symbolic linear bounds on pre-activations (CROWN / DeepPoly-style back-substitution).

For an unstable neuron with ``l < 0 < u`` the activation ``σ_α`` (``α = 0``: ReLU) is
convex and enclosed by its chord and a line through the origin,

    λ z <= σ_α(z) <= (u − α l)(z − l) / (u − l) + α l,    λ = 1 if u >= −l else α,

(stable neurons are exact: slope 1, or α when inactive). To bound ``z_k`` from above,
write it as ``Σ_j Λ_j s_j + c`` over the layers feeding it, take the deepest layer j
still present, replace ``s_j`` by its upper line where the coefficient is positive and
its lower line where it is negative, substitute ``z_j = Σ_i W_{j,i} s_i + b_j`` (adding
to the coefficients of every layer i feeding j, skip edges included), and repeat down
to the input, where ``max_{x∈[lo,hi]} Λ x = Λ mid + |Λ| rad``. The lower bound is
symmetric. Every step only loosens, so the bounds are sound; they are intersected with
the interval bounds and never worse.
"""

from __future__ import annotations

import numpy as np

from ..domain import Box
from ..network.ir import Network
from .._arrays import dense
from .interval import Interval, affine_sum, range_by_negation, unit_rows


def relu_relaxation(bounds: Interval, negative_slope: float = 0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(upper_slope, upper_intercept, lower_slope)`` of the activation's lines per neuron."""
    alpha = negative_slope
    lo, hi = bounds.lower, bounds.upper
    active, inactive = lo >= 0, hi <= 0
    unstable = ~(active | inactive)
    upper_slope = np.where(active, 1.0, alpha)
    upper_intercept = np.zeros_like(lo)
    width = np.where(unstable, hi - lo, 1.0)
    upper_slope[unstable] = (hi[unstable] - alpha * lo[unstable]) / width[unstable]
    upper_intercept[unstable] = -(1.0 - alpha) * lo[unstable] * hi[unstable] / width[unstable]
    lower_slope = np.where(active, 1.0, alpha)
    lower_slope[unstable] = np.where(hi[unstable] >= -lo[unstable], 1.0, alpha)
    return upper_slope, upper_intercept, lower_slope


def _back_substitute(network: Network, box: Box, relaxations: list, k: int, coefficients: np.ndarray) -> np.ndarray:
    """Upper bound of ``coefficients @ z_k`` over the box (a lower bound is minus the
    upper bound of the negated coefficients: :func:`~exactlip.bounds.interval.range_by_negation`)."""
    lam: dict[int, np.ndarray] = {}
    _spread(lam, network.incoming(k), coefficients)
    const = coefficients @ network.biases[k]
    for j in range(k - 1, -1, -1):
        if j not in lam:
            continue
        coef = lam.pop(j)
        up_slope, up_icpt, lo_slope = relaxations[j]
        positive, negative = np.maximum(coef, 0.0), np.minimum(coef, 0.0)
        slope = positive * up_slope + negative * lo_slope
        const = const + positive @ up_icpt + slope @ network.biases[j]
        _spread(lam, network.incoming(j), slope)
    final = lam.get(-1, np.zeros((coefficients.shape[0], network.input_dim)))
    mid, rad = box.center, 0.5 * (box.upper - box.lower)
    return final @ mid + const + np.abs(final) @ rad


def _spread(lam: dict, edges: list, coefficients: np.ndarray) -> None:
    """Add ``coefficients @ W_{k,j}`` to the coefficients of every source j of the edges."""
    for j, w in edges:
        term = dense(coefficients @ w)
        lam[j] = lam[j] + term if j in lam else term


def linear_preactivation_bounds(network: Network, box: Box, given: list[Interval] | None = None) -> list[Interval]:
    """Bounds on every hidden pre-activation: interval arithmetic from the earlier layers'
    (tightened) bounds, intersected with back-substitution for the neurons that interval
    arithmetic leaves unstable (the first layer's interval bounds are exact when it
    reads only the input). ``given`` bounds for the first layers are taken as they are."""
    given = given or []
    out: list[Interval] = []
    relaxations = []
    outputs = [Interval(box.lower.copy(), box.upper.copy())]
    for k in range(network.num_layers - 1):
        alpha = network.negative_slopes[k]
        if k < len(given):
            bounds = given[k]
        else:
            z = affine_sum([(w, outputs[j + 1]) for j, w in network.incoming(k)], network.biases[k])
            lo, hi = z.lower, z.upper
            unstable = np.flatnonzero((lo < 0) & (hi > 0))
            if unstable.size and k > 0:
                low, high = range_by_negation(lambda rows: _back_substitute(network, box, relaxations, k, rows), unit_rows(lo.size, unstable))
                hi[unstable] = np.minimum(hi[unstable], high)
                lo[unstable] = np.maximum(lo[unstable], low)
            bounds = Interval(lo, np.maximum(hi, lo))
        out.append(bounds)
        relaxations.append(relu_relaxation(bounds, alpha))
        outputs.append(bounds.activate(alpha))
    return out
