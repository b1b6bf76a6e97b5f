"""How far a floating-point evaluation of the network can be from the real-valued one.

A certificate covers the real-valued network and, with ``arithmetic="float32"`` or
``"float64"``, every evaluation of it in that precision: any summation order, with or
without FMA, inputs and weights representable in the precision (as they are for a
float32 ONNX model run on float32 inputs). ``"real"`` covers the real network only.
"""

from __future__ import annotations

import numpy as np

from ..bounds import Interval, interval_preactivation_bounds
from ..domain import Box
from ..network.ir import Network

UNIT_ROUNDOFF = {"float32": 2.0**-24, "float64": 2.0**-53, "real": 0.0}
# the smallest subnormal of each precision: the absolute error an underflow can add per operation
SMALLEST_SUBNORMAL = {"float32": 2.0**-149, "float64": 2.0**-1074, "real": 0.0}
ARITHMETICS = tuple(UNIT_ROUNDOFF)


def _gamma(terms: int, unit: float) -> float:
    """Higham's ``γ_k = k u / (1 − k u)``: a dot product (plus bias) of ``k`` terms computed
    in any order has ``|fl(s) − s| <= γ_k · Σ|terms|``."""
    ku = terms * unit
    return ku / (1.0 - ku)


def _magnitude(interval: Interval) -> np.ndarray:
    """``max(|lower|, |upper|)``: a bound on ``|v|`` over the interval."""
    return np.maximum(np.abs(interval.lower), np.abs(interval.upper))


def rounding_bound(network: Network, box: Box, arithmetic: str) -> np.ndarray:
    """Per output, a bound on ``|f̂(x) − f(x)|`` for every input ``x`` of ``box`` representable
    in ``arithmetic``, where ``f̂`` is the network evaluated in that precision with its
    weights as stored (each pre-activation a sum of products and the bias, added in any
    order, with or without FMA).

    Layer by layer, with ``e_j`` the error bound and ``S_j`` an interval bound of ``|s_j|``
    on the box (interval arithmetic, :func:`~exactlip.bounds.interval_preactivation_bounds`),
    a pre-activation of ``N`` terms (all incoming products and the bias) has
    ``|ẑ − z| <= Σ_j |W_{k,j}| e_j + γ_N (Σ_j |W_{k,j}| (S_j + e_j) + |b|) + N·tiny`` (Higham's
    ``γ_N = N u / (1 − N u)``; ``tiny`` the smallest subnormal, for underflow). A ReLU adds
    no error; a LeakyReLU of slope ``α`` multiplies it by ``max(1, |α|)`` and adds the
    rounding ``u |α| (|z| + e)`` of ``α z``. Computed in float64, with ``S_j`` of the hidden
    layers inflated by 1e-12 relative and the result by 1%, to absorb this bound's own
    rounding (relative ~1e-15)."""
    unit, tiny = UNIT_ROUNDOFF[arithmetic], SMALLEST_SUBNORMAL[arithmetic]
    if unit == 0.0:
        return np.zeros(network.output_dim)
    preactivations = interval_preactivation_bounds(network, box)
    # per source j (index j + 1): |s_j| bound and error bound
    magnitudes = [_magnitude(Interval(box.lower, box.upper))]
    magnitudes += [_magnitude(z.activate(alpha)) * (1 + 1e-12) for z, alpha in zip(preactivations, network.negative_slopes)]
    errors = [np.zeros(network.input_dim)]

    def preactivation_error(k: int) -> np.ndarray:
        bias = network.biases[k]
        edges = network.incoming(k)
        terms = 1 + sum(w.shape[1] for _, w in edges)
        error, size = np.zeros(bias.size), np.abs(bias)
        for j, w in edges:
            absw = abs(w)
            error = error + absw @ errors[j + 1]
            size = size + absw @ (magnitudes[j + 1] + errors[j + 1])
        return error + _gamma(terms, unit) * size + terms * tiny

    for k, (z, alpha) in enumerate(zip(preactivations, network.negative_slopes)):
        z_error = preactivation_error(k)
        if alpha != 0.0:
            z_error = max(1.0, abs(alpha)) * z_error + unit * abs(alpha) * (_magnitude(z) + z_error)
        errors.append(z_error)
    return 1.01 * preactivation_error(network.num_layers - 1)
