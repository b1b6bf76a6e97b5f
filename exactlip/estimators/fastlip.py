"""FastLip (Weng et al. 2018): interval bounds on the Jacobian over a box (local upper bound).

Over the box, bounds on the pre-activations (:func:`exactlip.bounds.compute_bounds`,
by default its back-substituted "linear" bounds — Fast-Lin's — or ``bounds="interval"``)
fix each ReLU's slope to 1 (active), 0 (inactive) or leave it anywhere in [0, 1]
(unstable). The Jacobian ``J = W_{L-1} D_{L-2} W_{L-2} … D_0 W_0`` is then bounded
entrywise by interval matrix arithmetic, right to left from the exact last layer
(``cᵀ W_{L-1}`` for a direction):

    R ← R D_k  (unstable columns: [min(R_lo, 0), max(R_hi, 0)]),   R ← R W_k
    (centre–radius form: mid ← mid W_k, rad ← rad |W_k|).

Every element of the Clarke Jacobian at a point of the box lies in the final interval
matrix ``[J_lo, J_hi]`` (each pattern's Jacobian does, and the intervals are convex), so
with ``M = max(|J_lo|, |J_hi|)``, ``|J| <= M`` entrywise and

    L(f, X) <= ||M||_{α→β}   (or ``||M||_{α*}`` for a single row),

where the operator norm of the non-negative ``M`` is exact in all nine ℓ1/ℓ2/ℓ∞ pairs
(:func:`~exactlip.estimators.opnorm.nonnegative_operator_norm`). Certified: interval
arithmetic encloses every Jacobian the box allows (floating-point rounding aside).
"""

from __future__ import annotations

import numpy as np

from ..bounds import ACTIVE, DEFAULT_BOUNDS, INACTIVE
from ..errors import OptionError
from .base import Outcome, Problem
from .opnorm import DUAL, nonnegative_operator_norm, vector_norm
from .states import neuron_states_over_box
from .target import Target


def jacobian_interval(weights: list[np.ndarray], states: list[np.ndarray], last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Entrywise bounds ``(J_lo, J_hi)`` of ``last · D_{L-2} W_{L-2} … D_0 W_0`` over the
    slopes the states allow (``last`` replaces ``W_{L-1}``, e.g. ``cᵀ W_{L-1}``)."""
    lo, hi = np.array(last, dtype=np.float64), np.array(last, dtype=np.float64)
    for k in range(len(states) - 1, -1, -1):
        s = states[k]
        lo = np.where(s == ACTIVE, lo, np.where(s == INACTIVE, 0.0, np.minimum(lo, 0.0)))
        hi = np.where(s == ACTIVE, hi, np.where(s == INACTIVE, 0.0, np.maximum(hi, 0.0)))
        w = weights[k]
        mid, rad = 0.5 * (lo + hi) @ w, 0.5 * (hi - lo) @ np.abs(w)
        lo, hi = mid - rad, mid + rad
    return lo, hi


def magnitude_bound(lo: np.ndarray, hi: np.ndarray, target: Target) -> float:
    """``||M||_{α→β}`` (or the dual norm of the single row) for ``M = max(|lo|, |hi|)``."""
    magnitude = np.maximum(np.abs(lo), np.abs(hi))
    if target.scalar:
        return float(vector_norm(magnitude[0], DUAL[target.norm]))
    return nonnegative_operator_norm(magnitude, target.norm, target.output_norm)


def run(problem: Problem, target: Target, options: dict) -> Outcome:
    network = problem.require_network("fastlip")
    weights = problem.require_relu_chain("fastlip")
    unknown = set(options) - {"bounds"}
    if unknown:
        raise OptionError(f"unknown option(s) for fastlip: {', '.join(sorted(unknown))}; allowed: bounds (a method of exactlip.bounds)")
    states = neuron_states_over_box(network, problem.require_box("fastlip"), options.get("bounds", DEFAULT_BOUNDS))
    lo, hi = jacobian_interval(weights, states, target.last_layer(weights[-1]))
    details = {"unstable_per_layer": [int(np.count_nonzero((s != ACTIVE) & (s != INACTIVE))) for s in states]}
    return Outcome(magnitude_bound(lo, hi, target), True, details)
