"""The exact engine: bounds → MIP → solve → verified witness → certified bracket.

1. Interval bounds fix stable neurons and gradient signs.
2. A batch of random points gives a lower bound and the solver's starting solution.
3. The MIP (:mod:`exactlip.mip`) is solved by the chosen backend.
4. The optimum's activation pattern is checked by :func:`~exactlip.certify.check_region`.
   If its region has interior, the Jacobian at the deepest point, recomputed in numpy,
   is the verified ``lower``. If not (a network not in general position), a no-good
   cut (:mod:`exactlip.mip.cuts`) removes that family of empty patterns and the MIP is
   solved again, up to ``MAX_CUT_ROUNDS`` times; past that, a MIP with strict sign
   margins (``STRICT_MARGIN``) finds the best region with interior, which gives the
   verified lower bound of an honest ``unverified`` bracket.
5. The solver's proven bound is ``upper``. The result is ``optimal`` with
   ``value = lower`` only when the two agree to ``CLOSED_GAP`` relative (plus
   ``CLOSED_GAP_ABS`` for values near zero).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .backends import Progress, SolveOptions, SolveOutcome, SolveStatus, check_backend_name, select_backend
from .bounds import DEFAULT_BOUNDS, compute_bounds
from .certify import check_region
from .domain import Box
from .mip import Encoding, build_mip
from .mip.cuts import conflict_cut, with_cuts
from .network.ir import Network
from .norms import NormSpec, dual_norm_value
from .result import LipschitzResult
from .sampling import best_sampled_point

CLOSED_GAP = 1e-6
CLOSED_GAP_ABS = 1e-8
MAX_CUT_ROUNDS = 5
STRICT_MARGIN = 1e-7


def interval_upper_bound(gradient_lower: np.ndarray, gradient_upper: np.ndarray, norm: str) -> float:
    """``||max(|l|, |u|)||_{α*}``: a sound bound on the objective from gradient bounds."""
    return float(dual_norm_value(np.maximum(np.abs(gradient_lower), np.abs(gradient_upper)), norm))


@dataclass
class _Search:
    """What the solve loop has established so far."""

    network: Network
    box: Box
    spec: NormSpec
    lower: float
    witness: np.ndarray
    direction: np.ndarray
    solve_seconds: float = 0.0
    certify_seconds: float = 0.0
    nodes: int = 0
    cuts: list = field(default_factory=list)

    def certify(self, encoding: Encoding, values: np.ndarray):
        """Check the pattern of a solution; keep its Jacobian norm if verified.

        Returns the region check (point or conflict)."""
        started = time.perf_counter()
        pattern = encoding.pattern(values)
        check = check_region(self.network, self.box, pattern)
        if check.point is not None:
            value, direction = self.spec.best_direction(self.network.jacobian(check.point))
            if value >= self.lower:
                self.lower, self.witness, self.direction = value, check.point, direction
        self.certify_seconds += time.perf_counter() - started
        return pattern, check

    def solve(self, solver, model, encoding: Encoding, deadline: float | None, settings: dict) -> SolveOutcome:
        remaining = None if deadline is None else max(deadline - time.perf_counter(), 1e-3)
        start = encoding.assignment(self.witness, self.direction)
        outcome = solver.solve(model, SolveOptions(time_limit=remaining, start=start, **settings))
        self.solve_seconds += outcome.seconds
        self.nodes += outcome.nodes
        return outcome


def solve_exact(
    network: Network,
    box: Box,
    spec: NormSpec,
    *,
    backend: str = "highs",
    time_limit: float | None = None,
    threads: int | None = None,
    bounds: str = DEFAULT_BOUNDS,
    samples: int = 1024,
    seed: int = 0,
    verbose: bool = False,
    on_progress: Callable[[Progress], None] | None = None,
) -> LipschitzResult:
    start = time.perf_counter()
    deadline = None if time_limit is None else start + time_limit
    check_backend_name(backend)
    settings = {"threads": threads, "verbose": verbose, "on_progress": on_progress}
    net_bounds = compute_bounds(network, box, spec, method=bounds)
    sampled = best_sampled_point(network, box, spec, count=samples, seed=seed)
    encoding = build_mip(network, box, net_bounds, spec)
    solver = select_backend(backend, encoding.model)
    search = _Search(network, box, spec, sampled.value, sampled.point, sampled.direction)

    model = encoding.model
    while True:
        outcome = search.solve(solver, model, encoding, deadline, settings)
        if outcome.values is None:
            break
        pattern, check = search.certify(encoding, outcome.values)
        if check.point is not None or outcome.status is not SolveStatus.OPTIMAL:
            break
        cut = None if check.conflict is None else conflict_cut(encoding, pattern, check.conflict)
        if cut is None or len(search.cuts) >= MAX_CUT_ROUNDS:
            strict = build_mip(network, box, net_bounds, spec, strict_margin=STRICT_MARGIN)
            strict_outcome = search.solve(solver, strict.model, strict, deadline, settings)
            if strict_outcome.values is not None:
                search.certify(strict, strict_outcome.values)
            break
        search.cuts.append(cut)
        model = with_cuts(encoding.model, search.cuts)
    lower, witness, direction = search.lower, search.witness, search.direction

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
                f"(best verified {lower!r}) after {len(search.cuts)} region cuts: the network is probably "
                "not in general position (e.g. zero biases), where the MIP is only an upper bound"
            )
    pattern = [p.astype(int).tolist() for p in network.pattern(witness)]
    stats = {
        **model.sizes(),
        "unstable_neurons": net_bounds.num_unstable,
        "hidden_neurons": network.num_hidden_neurons,
        "nodes": search.nodes,
        "region_cuts": len(search.cuts),
        "backend": outcome.backend,
        "bounds_method": net_bounds.method,
        "seconds_bounds": net_bounds.seconds,
        "seconds_build": encoding.seconds,
        "seconds_solve": search.solve_seconds,
        "seconds_certify": search.certify_seconds,
        "seconds_total": time.perf_counter() - start,
        "sampled_lower": sampled.value,
        "interval_upper": cheap_upper,
    }
    return LipschitzResult(value, lower, upper, status, witness, pattern, direction, spec.to_dict(), stats, message)
