"""LipLP: the linear-programming relaxation of exactlip's LipMIP (local upper bound, ℓ1/ℓ∞).

The MIP of :func:`exactlip.mip.build_mip` maximises ``||Jᵀc||_{α*}`` over the box, the
activation binaries of the unstable neurons, the output direction ``c ∈ C`` and the sign
binaries of the objective; its optimum is an upper bound on the local Lipschitz
constant (every feasible point's pattern agrees with the signs of the pre-activations,
Jordan & Dimakis 2020). Relaxing every binary to ``[0, 1]`` enlarges the feasible set,
so the LP optimum is at least the MIP optimum and hence also an upper bound — the
"LipLP" of Jordan & Dimakis. The LP is solved by HiGHS through
:func:`exactlip.backends.get_backend`.

Certified, up to the LP solver's tolerances (the optimum of an LP solved to optimality;
HiGHS's primal/dual feasibility tolerances are about 1e-7), like the exact engine's
``upper``. Native norms: input ℓ1/ℓ∞ with output ℓ1/ℓ∞ or a direction ``c``; ℓ2
requests are answered through :mod:`exactlip.estimators.conversions`.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from ..backends import SolveOptions, SolveStatus, get_backend
from ..bounds import DEFAULT_BOUNDS, compute_bounds
from ..errors import BackendError, OptionError
from ..mip import build_mip
from .base import Outcome, Problem
from .target import Target


def liplp_bound(network, box, target: Target, bounds: str = DEFAULT_BOUNDS, time_limit: float | None = None) -> tuple[float, dict]:
    """``(LP optimum, details)`` for an ℓ1/ℓ∞ target."""
    spec = target.direction_spec()
    net_bounds = compute_bounds(network, box, spec, method=bounds)
    encoding = build_mip(network, box, net_bounds, spec)
    relaxed = dataclasses.replace(encoding.model, integrality=np.zeros(encoding.model.num_cols, dtype=bool))
    outcome = get_backend("highs").solve(relaxed, SolveOptions(time_limit=time_limit))
    if outcome.status is not SolveStatus.OPTIMAL or outcome.objective is None:
        raise BackendError(f"LipLP: the LP relaxation ended with status {outcome.status.value} ({outcome.message})")
    details = {"lp": relaxed.sizes(), "relaxed_binaries": encoding.model.num_integer, "lp_seconds": outcome.seconds}
    return float(outcome.objective), details


def run(problem: Problem, target: Target, options: dict) -> Outcome:
    network = problem.require_network("liplp")
    unknown = set(options) - {"bounds", "time_limit"}
    if unknown:
        raise OptionError(f"unknown option(s) for liplp: {', '.join(sorted(unknown))}; allowed: bounds, time_limit")
    value, details = liplp_bound(
        network, problem.require_box("liplp"), target, options.get("bounds", DEFAULT_BOUNDS), options.get("time_limit")
    )
    return Outcome(value, True, details)
