"""Linear bound propagation on the backward graph (after Shi et al. 2022; local upper bound).

The Jacobian is the output of the *backward graph*: for a direction ``c ∈ C``,

    r_{L-2} = W_{L-1}ᵀ c,   q_k = a_k ⊙ r_k,   r_{k-1} = W_kᵀ q_k,   g = r_{-1} = Jᵀ c,

where ``a_k`` are the ReLU slopes. Over a box the forward bounds fix ``a_k = 1``
(active), ``0`` (inactive) or leave ``a_k ∈ [0, 1]`` (unstable), so ``q = a r`` lies
between ``min(0, r)`` and ``max(0, r)``; with ``r ∈ [l, u]`` the tightest linear bounds
are the two chords (:func:`exactlip.bounds.gradient.switch_relaxation`). Bounds on
every ``r_k`` and on ``g`` come from back-substituting these lines to ``c`` and
maximising over C exactly — :func:`exactlip.bounds.gradient.backward_linear_bounds`,
the "linear" backward bounds of the exact engine, reused here.

This estimator adds the norm of ``g``: for ``α = ℓ∞`` (dual ℓ1) the objective
``Σ_i |g_i|`` is relaxed by the chord of ``|·|`` over ``[g_lo,i, g_hi,i]`` into one
linear function of ``g`` and back-substituted to ``c`` in one piece (kept when below
``Σ max(|g_lo|, |g_hi|)``); for ℓ1/ℓ2 inputs (duals ℓ∞/ℓ2) the per-coordinate magnitudes
give the bound. Operator norms: with ℓ∞ output the maximum over the rows ``c = e_j``
(each with its own, tighter, backward bounds); otherwise also the entrywise magnitude
matrix of those rows, whose non-negative operator norm is exact (and, for ℓ1 output,
the sign-vector direction set directly); the smallest bound is reported.

Certified: every relaxation holds for every slope the box allows and every ``c ∈ C``,
so the result bounds every element of the Clarke Jacobian over the box (floating-point
rounding aside). The forward bounds enter only through the neuron states (the slope is
a step function of ``z``, which has no useful linear relaxation).
"""

from __future__ import annotations

import numpy as np

from ..bounds import DEFAULT_BOUNDS
from ..bounds.gradient import back_substitute, backward_linear_bounds, switch_relaxation
from ..errors import OptionError
from ..network.ir import Network
from ..norms import NormSpec
from .base import Outcome, Problem
from .opnorm import nonnegative_operator_norm
from .states import neuron_states_over_box
from .target import Target


def _gradient_bound(network: Network, states: list[np.ndarray], spec: NormSpec, norm: str) -> tuple[float, np.ndarray]:
    """``(bound on sup ||g||_{α*} over C, coordinate magnitudes of g)``."""
    r_bounds, g = backward_linear_bounds(network, states, spec)
    lo, hi = g.lower, g.upper
    magnitude = np.maximum(np.abs(lo), np.abs(hi))
    if norm == "l1":
        return float(magnitude.max(initial=0.0)), magnitude
    if norm == "l2":
        return float(np.sqrt(np.square(magnitude).sum())), magnitude
    relaxations = {k: switch_relaxation(r_bounds[k], states[k], network.negative_slopes[k]) for k in range(len(states))}
    slope = np.where(lo >= 0, 1.0, np.where(hi <= 0, -1.0, 0.0))
    icpt = np.zeros(lo.shape)
    mixed = (lo < 0) & (hi > 0)
    slope[mixed] = (hi[mixed] + lo[mixed]) / (hi[mixed] - lo[mixed])
    icpt[mixed] = -lo[mixed] - slope[mixed] * lo[mixed]
    relaxed = float(back_substitute(network, spec, relaxations, -1, slope[None, :])[0] + icpt.sum())
    return min(relaxed, float(magnitude.sum())), magnitude


def bound_propagation(network: Network, states: list[np.ndarray], target: Target) -> tuple[float, dict]:
    """``(upper bound, details)`` for ``target`` over the box that produced ``states``."""
    m = target.output_dim
    if target.scalar:
        return _gradient_bound(network, states, NormSpec(target.norm, m, "vector", c=target.c), target.norm)[0], {}
    rows, magnitude = [], []
    for j in range(m):
        value, mag = _gradient_bound(network, states, NormSpec(target.norm, m, "vector", c=target.row(j).c), target.norm)
        rows.append(value)
        magnitude.append(mag)
    candidates = {"entrywise": nonnegative_operator_norm(np.array(magnitude), target.norm, target.output_norm)}
    if target.output_norm == "linf":
        candidates["rows"] = max(rows)
    elif target.output_norm == "l1":
        candidates["signs"] = _gradient_bound(network, states, NormSpec(target.norm, m, "signs"), target.norm)[0]
    return min(candidates.values()), {"candidates": candidates}


def run(problem: Problem, target: Target, options: dict) -> Outcome:
    network = problem.require_network("bound_propagation")
    unknown = set(options) - {"bounds"}
    if unknown:
        raise OptionError(f"unknown option(s) for bound_propagation: {', '.join(sorted(unknown))}; allowed: bounds")
    box = problem.require_box("bound_propagation")
    states = neuron_states_over_box(network, box, options.get("bounds", DEFAULT_BOUNDS))
    value, details = bound_propagation(network, states, target)
    return Outcome(value, True, details)
