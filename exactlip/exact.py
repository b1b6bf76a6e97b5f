"""The exact engine: bounds → MIP → solve → verified witness → certified bracket.

1. Interval bounds fix stable neurons and gradient signs.
2. A batch of random points gives a lower bound and the solver's starting solution.
3. The MIP (:mod:`exactlip.mip`) is solved by the chosen backend.
4. The optimum's activation pattern is certified by :func:`~exactlip.certify.region_witness`:
   the Jacobian at a point strictly inside that region, recomputed in numpy, is the
   verified ``lower``; the solver's proven bound is ``upper``. The result is
   ``optimal`` with ``value = lower`` only when the two agree to ``CLOSED_GAP``
   relative (plus ``CLOSED_GAP_ABS`` for values near zero).
"""

from __future__ import annotations

import time

import numpy as np

from .backends import SolveOptions, SolveStatus, get_backend
from .bounds import compute_bounds
from .certify import region_witness
from .domain import Box
from .mip import build_mip
from .network.ir import Network
from .norms import NormSpec, dual_norm_value
from .result import LipschitzResult
from .sampling import best_sampled_point

CLOSED_GAP = 1e-6
CLOSED_GAP_ABS = 1e-8


def interval_upper_bound(gradient_lower: np.ndarray, gradient_upper: np.ndarray, norm: str) -> float:
    """``||max(|l|, |u|)||_{α*}``: a sound bound on the objective from gradient bounds."""
    return float(dual_norm_value(np.maximum(np.abs(gradient_lower), np.abs(gradient_upper)), norm))


def solve_exact(
    network: Network,
    box: Box,
    spec: NormSpec,
    *,
    backend: str = "highs",
    time_limit: float | None = None,
    threads: int | None = None,
    bounds: str = "interval",
    samples: int = 1024,
    seed: int = 0,
    verbose: bool = False,
) -> LipschitzResult:
    start = time.perf_counter()
    solver = get_backend(backend)
    net_bounds = compute_bounds(network, box, spec, method=bounds)
    sampled = best_sampled_point(network, box, spec, count=samples, seed=seed)
    encoding = build_mip(network, box, net_bounds, spec)
    options = SolveOptions(
        time_limit=time_limit,
        threads=threads,
        start=encoding.assignment(sampled.point, sampled.direction),
        verbose=verbose,
    )
    outcome = solver.solve(encoding.model, options)

    certify_start = time.perf_counter()
    lower, witness, direction = sampled.value, sampled.point, sampled.direction
    if outcome.values is not None:
        found = region_witness(network, box, encoding.pattern(outcome.values))
        if found is not None:
            value, found_direction = spec.best_direction(network.jacobian(found.point))
            if value >= lower:
                lower, witness, direction = value, found.point, found_direction
    g_bounds = net_bounds.input_gradient
    cheap_upper = interval_upper_bound(g_bounds.lower, g_bounds.upper, spec.norm)
    upper = cheap_upper if outcome.bound is None else min(outcome.bound, cheap_upper)
    upper = max(upper, lower)

    status, value, message = outcome.status.value, None, outcome.message
    if outcome.status is SolveStatus.OPTIMAL:
        if upper - lower <= CLOSED_GAP * abs(upper) + CLOSED_GAP_ABS:
            value = lower
        else:
            status = "unverified"
            message = (
                f"the solver's optimum {upper!r} is not matched by a verified point "
                f"(best verified {lower!r}); the bracket is reported"
            )
    pattern = [p.astype(int).tolist() for p in network.pattern(witness)]
    stats = {
        **encoding.model.sizes(),
        "unstable_neurons": net_bounds.num_unstable,
        "hidden_neurons": network.num_hidden_neurons,
        "nodes": outcome.nodes,
        "backend": outcome.backend,
        "bounds_method": net_bounds.method,
        "seconds_bounds": net_bounds.seconds,
        "seconds_build": encoding.seconds,
        "seconds_solve": outcome.seconds,
        "seconds_certify": time.perf_counter() - certify_start,
        "seconds_total": time.perf_counter() - start,
        "sampled_lower": sampled.value,
        "interval_upper": cheap_upper,
    }
    return LipschitzResult(value, lower, upper, status, witness, pattern, direction, spec.to_dict(), stats, message)
