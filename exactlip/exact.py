"""The exact engine: bounds → MIP → solve → verified witness → certified bracket.

1. Bounds (:mod:`exactlip.bounds`) fix stable neurons and gradient signs.
2. A batch of random points (and, when many neurons are unstable, a smoothed gradient
   ascent from the best of them) gives a lower bound and the solver's starting solution.
   On networks with few inputs a best-first branch and bound over the input box
   (:mod:`exactlip.input_split`) runs first: box bounds prune most of the box, and the
   boxes where splitting stops paying are solved by MIPs of their own (:func:`leaf_solver`).
   It usually closes the bracket on its own; if not, its proven bound caps the MIP's
   and its best point is the MIP's start. On chains with more inputs a depth-first
   branch and bound over the linear regions in the box (:mod:`exactlip.region_search`)
   runs first instead, for half the time limit (nine tenths when the interval bound is
   far above the sampled value, as on random-init networks), in the same way; it
   settles random-init networks whose MIP relaxation is far from the optimum, and
   trained ones quicker than the MIP.
3. The MIP (:mod:`exactlip.mip`) is solved by the chosen backend: one MIP of the norm,
   or, when the bounds leave at most MAX_DIRECTION_MIPS extreme directions ``v`` that
   can beat the best value, one MIP of the linear ``v·g`` per direction
   (:func:`_solve_problem`).
4. The optimum's activation pattern is checked by :func:`~exactlip.regions.check_region`.
   If its region has interior, the Jacobian at the deepest point, recomputed in numpy,
   is the verified ``lower``. If not (a network not in general position), a no-good
   cut (:mod:`exactlip.mip.cuts`) removes that family of empty patterns and the MIP is
   solved again, up to ``MAX_CUT_ROUNDS`` times; past that, a MIP with strict sign
   margins (``STRICT_MARGIN``) finds the best region with interior, which gives the
   verified lower bound of an honest ``unverified`` bracket.
5. The solver's proven bound is ``upper``. The result is ``optimal`` with
   ``value = lower`` only when the two agree to ``CLOSED_GAP`` relative plus
   ``CLOSED_GAP_ABS`` absolute: the solvers' feasibility tolerance (1e-6) lets a
   solution violate a row by that much, which can lift the solver's optimum about as
   far above the value of the region it names (e.g. 0.2016857 for a region of value
   0.2016847, the start the solver was given).

An operator norm ``||J||_{α→∞}`` of a vector output is the largest of the scalar
constants of its rows (``c = e_i``). Those are solved one by one, in decreasing order
of their cheap upper bounds; a row whose bound cannot beat the best verified value
is skipped, which is sound because that bound is. A row that is solved gets that
best value as an objective floor (:func:`~exactlip.mip.cuts.objective_floor`), a row
that every backend honours, and as the solver's cutoff, which HiGHS also uses like an
incumbent (pruning and reduced-cost fixing); an infeasible floored MIP settles the row
at "at most the floor". The direction MIPs and the input-box search's leaves are
floored the same way.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .backends import Progress, SolveOptions, SolveOutcome, SolveStatus, check_backend_name, select_backend
from .bounds import DEFAULT_BOUNDS, NetworkBounds, compute_bounds
from .bounds.gradient import direction_upper_bounds
from .region_search import search_regions
from .region_search import supports as region_search_supports
from .regions import check_region
from .domain import Box
from .input_split import BoxBound, Leaf, LeafSolver, extreme_directions, interval_upper_bound, split_input_box
from .mip import Encoding, build_mip
from .mip.cuts import conflict_cut, objective_floor, with_cuts
from .network.ir import Network
from .norms import NormSpec
from .result import LipschitzResult
from .sampling import SampledPoint, best_sampled_points

CLOSED_GAP = 1e-6
CLOSED_GAP_ABS = 1e-6
MAX_CUT_ROUNDS = 5
STRICT_MARGIN = 1e-7
# The strict-margin MIP only proposes a region (verified before use; its bound is not
# used), so it may run at a tolerance tighter than the margin it enforces.
STRICT_TOLERANCE = 1e-9
# Problems with at least this many unstable neurons get a gradient-ascent start point,
# spending at most ASCENT_BUDGET seconds (and a tenth of the time limit) on it.
ASCENT_MIN_UNSTABLE = 30
ASCENT_BUDGET = 1.0
# Input-box branch and bound before the MIP (``input_split=None``): networks with at
# most AUTO_SPLIT_MAX_DIM inputs and at least AUTO_SPLIT_MIN_UNSTABLE unstable neurons
# get it for the whole time limit (with fewer, one MIP of a few binaries is quicker than
# the boxes). Its boxes with at most LEAF_SHARE of the unstable neurons of the whole
# box are solved by the MIP once splitting stops paying.
AUTO_SPLIT_MAX_DIM = 4
AUTO_SPLIT_MIN_UNSTABLE = 20
LEAF_SHARE = 0.4
# The search over linear regions (``region_search=None``) gets REGION_SHARE of the time
# limit on chains with more inputs than that and at least AUTO_REGION_MIN_UNSTABLE
# unstable neurons. It was as quick as the MIP or quicker on every such suite instance
# (up to 60x on the random-init ones, where the regions number thousands and the MIP's
# relaxation is far from its optimum; 2-7x on the digits networks the MIP closes, and it
# closes two that the MIP does not in 120 s). When it does not close, its bound
# on the open cells is loose: the MIP's bracket, in the rest of the time, is better.
# Except when the interval bound is over REGION_FAR_RATIO times the best sampled value:
# then the MIP's relaxation is as far from the optimum (22x on the random-init d = 16
# sweep network, at most 1.7x on digits 64-100-100-10 r = 0.1) and in the suite it never
# closed such a problem, so the search gets REGION_SHARE_FAR of the time and the MIP
# the rest. (The suite's ratios: random-init networks with more than 4 inputs 9.8-38,
# trained ones and digits at most 2.2.)
AUTO_REGION_MIN_UNSTABLE = 1
REGION_SHARE = 0.5
REGION_FAR_RATIO = 5.0
REGION_SHARE_FAR = 0.9
# A problem is solved one extreme direction at a time when at most this many directions
# can beat the best value (with more, one MIP of the norm is quicker).
MAX_DIRECTION_MIPS = 4


def ascended_start(
    network: Network, box: Box, spec: NormSpec, sampled: SampledPoint, seed: int, budget: float
) -> SampledPoint:
    """A better starting point than the best sample, from the smoothed gradient ascent
    of :mod:`exactlip.estimators.lower`; the sample if it is not beaten. The value is
    recomputed at the point, as a verified Jacobian norm."""
    from .estimators.lower import gradient_ascent_lower_bound
    from .estimators.target import resolve_target

    if spec.kind == "vector":
        target = resolve_target(spec.norm, spec.output_dim, c=spec.c)
    else:
        target = resolve_target(spec.norm, spec.output_dim, output_norm=spec.output_norm)
    value, point, _ = gradient_ascent_lower_bound(network, box, target, seed=seed, budget=budget)
    if value <= sampled.value:
        return sampled
    value, direction = spec.best_direction(network.jacobian(point))
    return SampledPoint(value, point, direction) if value > sampled.value else sampled


def input_split_budget(input_split: float | None, input_dim: int, unstable: int, time_limit: float | None) -> float:
    """Seconds for the input-box branch and bound: ``input_split`` if given (0 = off),
    else unlimited for at most AUTO_SPLIT_MAX_DIM inputs and at least
    AUTO_SPLIT_MIN_UNSTABLE unstable neurons and 0 otherwise; never more than the time
    limit."""
    automatic = input_dim <= AUTO_SPLIT_MAX_DIM and unstable >= AUTO_SPLIT_MIN_UNSTABLE
    return _stage_budget(input_split, automatic, time_limit)


def region_search_budget(
    region_search: float | None, input_dim: int, unstable: int, time_limit: float | None, mip_far: bool = False
) -> float:
    """Seconds for the search over linear regions: ``region_search`` if given (0 = off),
    else, for more than AUTO_SPLIT_MAX_DIM inputs and at least AUTO_REGION_MIN_UNSTABLE
    unstable neurons, REGION_SHARE of the time limit (REGION_SHARE_FAR when ``mip_far``:
    the MIP's relaxation is far from the optimum; unlimited without a time limit) and 0
    otherwise; never more than the time limit."""
    automatic = input_dim > AUTO_SPLIT_MAX_DIM and unstable >= AUTO_REGION_MIN_UNSTABLE
    return _stage_budget(region_search, automatic, time_limit, share=REGION_SHARE_FAR if mip_far else REGION_SHARE)


def _stage_budget(option: float | None, automatic: bool, time_limit: float | None, share: float = 1.0) -> float:
    """Seconds for a search before the MIP: ``option`` if given; else, when
    ``automatic``, ``share`` of the time limit (unlimited without one), and 0 otherwise;
    never more than the time limit."""
    if option is not None:
        seconds = float(option)
    elif automatic:
        seconds = np.inf if time_limit is None else share * time_limit
    else:
        seconds = 0.0
    return seconds if time_limit is None else min(seconds, time_limit)


def _closed(lower: float, upper: float) -> bool:
    return upper - lower <= CLOSED_GAP * abs(upper) + CLOSED_GAP_ABS


@dataclass
class _Search:
    """One scalar (or joint) problem: what its solve loop has established so far."""

    network: Network
    box: Box
    spec: NormSpec
    lower: float
    witness: np.ndarray
    direction: np.ndarray
    solve_seconds: float = 0.0
    build_seconds: float = 0.0
    certify_seconds: float = 0.0
    nodes: int = 0
    cuts: list = field(default_factory=list)
    sizes: dict = field(default_factory=dict)
    status: str = "optimal"
    upper: float = np.inf
    floor: float = -np.inf  # only solutions above this verified value (of another row) are sought
    below_floor: bool = False  # the floored MIP (or the input-box search) found nothing above the floor
    cap: float = np.inf  # a proven upper bound from the input-box search
    split_seconds: float = 0.0
    split_boxes: int = 0
    split_leaves: int = 0
    split_closed: bool = False
    region_seconds: float = 0.0
    region_cells: int = 0
    region_leaves: int = 0
    region_lps: int = 0
    region_processes: int = 0
    region_closed: bool = False
    direction_mips: int = 0  # MIPs of one direction's v·g solved (input-box leaves included)
    message: str = ""
    backend: str = ""

    @property
    def start(self) -> SampledPoint:
        return SampledPoint(self.lower, self.witness, self.direction)

    def start_from(self, point: SampledPoint) -> None:
        """Take ``point`` (verified) as the best value if it beats the current one."""
        if point.value > self.lower:
            self.lower, self.witness, self.direction = point.value, point.point, point.direction

    def split_first(self, method: str, budget: float, solve_leaf: LeafSolver, leaf_unstable: int, on_progress=None) -> bool:
        """Run the input-box branch and bound (boxes on a plateau with at most
        ``leaf_unstable`` unstable neurons solved by ``solve_leaf``); True when it
        settled the problem."""
        found = split_input_box(
            self.network, self.box, self.spec, method=method, lower=self.lower, point=self.witness,
            direction=self.direction, budget=budget, stop_at=self.floor, gap=(CLOSED_GAP, CLOSED_GAP_ABS),
            on_progress=on_progress, solve_leaf=solve_leaf, leaf_unstable=leaf_unstable,
        )  # fmt: skip
        self.split_seconds, self.split_boxes, self.split_leaves = found.seconds, found.boxes, found.leaves
        self.nodes += found.boxes + found.leaf_nodes
        self.start_from(SampledPoint(found.lower, found.point, found.direction))
        self.cap, self.split_closed = found.upper, found.closed
        if found.closed:
            self.below_floor = self.floored
            self.upper = max(found.upper, self.floor, self.lower) if self.floored else found.upper
        return found.closed

    def regions_first(self, bounds: NetworkBounds, deadline: float | None, threads: int | None, on_progress=None) -> bool:
        """Run the search over linear regions (:mod:`exactlip.region_search`) until
        ``deadline``; True when it settled the problem or was interrupted (Ctrl-C: the
        bracket reached is the answer, no MIP follows)."""
        found = search_regions(
            self.network, self.box, self.spec, bounds, lower=self.lower, floor=self.floor, deadline=deadline,
            threads=threads, on_progress=on_progress,
        )  # fmt: skip
        self.region_seconds, self.region_cells = found.seconds, found.cells
        self.region_leaves, self.region_lps, self.region_processes = found.leaves, found.lps, found.processes
        self.nodes += found.cells
        if found.point is not None:
            self.start_from(SampledPoint(found.lower, found.point, found.direction))
        self.cap = min(self.cap, found.upper)
        self.region_closed = found.closed
        if found.interrupted:
            self.upper, self.status, self.message = max(found.upper, self.lower), "interrupted", "interrupted (Ctrl-C)"
            return True
        if found.closed:
            self.below_floor = self.floored
            self.upper = max(found.upper, self.lower)
        return found.closed

    def certify(self, encoding: Encoding, values: np.ndarray):
        """Check the pattern of a solution; keep its Jacobian norm if verified."""
        started = time.perf_counter()
        pattern = encoding.pattern(values)
        check = check_region(self.network, self.box, pattern)
        if check.point is not None:
            value, direction = self.spec.best_direction(self.network.jacobian(check.point))
            if value >= self.lower:
                self.lower, self.witness, self.direction = value, check.point, direction
        self.certify_seconds += time.perf_counter() - started
        return pattern, check

    @property
    def floored(self) -> bool:
        return self.floor > self.lower

    def solve(self, solver, model, encoding: Encoding, deadline: float | None, settings: dict) -> SolveOutcome:
        remaining = None if deadline is None else max(deadline - time.perf_counter(), 1e-3)
        # below the floor the witness's assignment is infeasible: no start then, but the
        # floor (verified) as a cutoff the solver may prune with
        start = None if self.floored else encoding.assignment(self.witness, self.direction)
        cutoff = self.floor if self.floored else None
        outcome = solver.solve(model, SolveOptions(time_limit=remaining, start=start, cutoff=cutoff, **settings))
        self.solve_seconds += outcome.seconds
        self.nodes += outcome.nodes
        return outcome


def _solve_one(search: _Search, bounds: NetworkBounds, backend: str, deadline, settings: dict, direction: np.ndarray | None = None) -> _Search:
    """Run the MIP loop (solve, certify, cut) for one problem; fill ``search``. With a
    ``direction`` v the MIP maximises ``v·g`` (its optimum is a lower bound on the norm,
    attained); ``search.cap`` must then bound ``v·g``."""
    network, box, spec = search.network, search.box, search.spec
    encoding = build_mip(network, box, bounds, spec, direction=direction)
    search.build_seconds += encoding.seconds
    search.sizes = _largest_sizes([search.sizes, encoding.model.sizes()])
    solver = select_backend(backend, encoding.model)
    search.backend = solver.name
    floored = search.floored
    base = encoding.model
    if floored:
        base = with_cuts(base, [objective_floor(base, search.floor)], "objective_floor")
    model = base
    while True:
        outcome = search.solve(solver, model, encoding, deadline, settings)
        if outcome.values is None:
            break
        pattern, check = search.certify(encoding, outcome.values)
        if check.point is not None or outcome.status is not SolveStatus.OPTIMAL:
            break
        if outcome.bound is not None and _closed(search.lower, outcome.bound):
            break
        cut = None if check.conflict is None else conflict_cut(encoding, pattern, check.conflict)
        if cut is None or len(search.cuts) >= MAX_CUT_ROUNDS:
            strict = build_mip(network, box, bounds, spec, strict_margin=STRICT_MARGIN, direction=direction)
            strict_settings = {**settings, "feasibility_tolerance": STRICT_TOLERANCE}
            strict_outcome = search.solve(solver, strict.model, strict, deadline, strict_settings)
            if strict_outcome.values is not None:
                search.certify(strict, strict_outcome.values)
            break
        search.cuts.append(cut)
        model = with_cuts(base, search.cuts)
    cheap = min(interval_upper_bound(bounds, spec.norm), search.cap)
    search.upper = max(cheap if outcome.bound is None else min(outcome.bound, cheap), search.lower)
    search.status, search.message = outcome.status.value, outcome.message
    if floored and outcome.status is SolveStatus.INFEASIBLE:
        # nothing beats the floor: the row's optimum is below it
        search.upper, search.status, search.message = max(search.floor, search.lower), "optimal", ""
        search.below_floor = True
    elif floored:
        search.upper = max(search.upper, search.floor)
    settled = _closed(search.lower, search.upper) or (floored and search.upper <= search.floor)
    if outcome.status is SolveStatus.OPTIMAL and not settled:
        search.status = "unverified"
        search.message = (
            f"the solver's optimum {search.upper!r} is not matched by a verified point "
            f"(best verified {search.lower!r}) after {len(search.cuts)} region cuts: the network is probably "
            "not in general position (e.g. zero biases), where the MIP is only an upper bound"
        )
    return search


def _solve_problem(
    search: _Search, bounds: NetworkBounds, backend: str, deadline, settings: dict, directions=None, direction_upper=None
) -> _Search:
    """Solve ``search`` by one MIP of the norm or, given bounds ``U_v`` on ``v·g`` for
    the extreme ``directions`` v of the primal unit ball (``||g||_{α*} = max_v v·g``),
    one direction at a time when at most MAX_DIRECTION_MIPS of them can beat the best
    value: in decreasing order of ``U_v``, a MIP of the linear ``v·g`` (no sign binaries,
    a tighter relaxation) floored at the best value so far; a direction whose ``U_v``
    cannot beat that value is skipped, which is sound because ``U_v`` is.

    On the leaves of the input-box search one or two directions are left, and on the
    8-20-40-80-2 trained suite network one of 256 on the whole box; the leaves of the
    random 4-640-640-1 network then take half the time of one norm MIP each."""
    if direction_upper is None:
        return _solve_one(search, bounds, backend, deadline, settings)
    beating = np.flatnonzero([not _closed(max(search.floor, search.lower), u) for u in direction_upper])
    if beating.size > MAX_DIRECTION_MIPS:
        return _solve_one(search, bounds, backend, deadline, settings)
    order = beating[np.argsort(-direction_upper[beating], kind="stable")]
    skipped = float(np.delete(direction_upper, beating).max(initial=-np.inf))
    bracket = None if settings["on_progress"] is None else _BracketProgress(settings["on_progress"], time.perf_counter())
    runs: list[_Search] = []
    for position, i in enumerate(order):
        cap, target = float(direction_upper[i]), max(search.floor, search.lower)
        if _closed(target, cap):
            skipped = max(skipped, cap)
            continue
        run_settings = settings
        if bracket is not None:
            others = max([search.lower, skipped, *(r.upper for r in runs), *direction_upper[order[position + 1 :]]])
            run_settings = {**settings, "on_progress": bracket.row(search.lower, others, cap, search.nodes)}
        # no start value: the witness's is the norm's, not v·g's; the floor prunes instead
        run = _Search(search.network, search.box, search.spec, -np.inf, search.witness, search.direction, floor=target, cap=cap)
        runs.append(_solve_one(run, bounds, backend, deadline, run_settings, directions[i]))
        search.start_from(run.start)
        search.nodes += run.nodes
    _absorb(search, runs, skipped)
    if bracket is not None:
        bracket.emit(search.lower, search.upper, search.nodes)
    return search


def _absorb(search: _Search, runs: list[_Search], skipped: float) -> None:
    """Fill ``search`` from its direction MIPs ``runs`` (nodes and best point already in)
    and ``skipped``, the largest bound of the directions not solved."""
    search.direction_mips += len(runs)
    for run in runs:
        search.build_seconds += run.build_seconds
        search.solve_seconds += run.solve_seconds
        search.certify_seconds += run.certify_seconds
        search.cuts += run.cuts
        search.sizes = _largest_sizes([search.sizes, run.sizes])
        search.backend = run.backend
    worst = min(runs, key=lambda r: _STATUS_PRIORITY.index(r.status), default=None)
    if worst is not None:
        search.status, search.message = worst.status, worst.message
    upper = min(max([skipped] + [r.upper for r in runs]), search.cap)
    search.upper = max(upper, search.lower, search.floor if search.floored else -np.inf)
    search.below_floor = search.floored and search.status == "optimal"


def leaf_solver(search: _Search, backend: str, deadline, settings: dict) -> LeafSolver:
    """The MIP as the input-box search's exact solve of one box of ``search``: started
    from the box's centre, floored at the search's best value, with the box's own bounds
    (fewer unstable neurons and tighter big-M constants than on the whole box) and its
    bounds on each ``v·g`` (:func:`_solve_problem`). The largest leaf model's sizes are
    kept as ``search.sizes``."""
    network, spec = search.network, search.spec

    def solve(box: Box, box_bound: BoxBound, floor: float) -> Leaf:
        value, towards = spec.best_direction(network.jacobian(box.center))
        leaf = _Search(network, box, spec, value, box.center, towards, floor=floor)
        leaf_settings = {**settings, "on_progress": None}
        _solve_problem(leaf, box_bound.bounds, backend, deadline, leaf_settings, box_bound.directions, box_bound.direction_upper)
        search.sizes = _largest_sizes([search.sizes, leaf.sizes])
        search.backend = leaf.backend or search.backend
        search.direction_mips += leaf.direction_mips
        return Leaf(leaf.lower, leaf.witness, leaf.direction, leaf.upper, leaf.status == "optimal", leaf.nodes)

    return solve


_STATUS_PRIORITY = ["error", "infeasible", "interrupted", "time_limit", "unverified", "optimal"]


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
    input_split: float | None = None,
    region_search: float | None = None,
) -> LipschitzResult:
    start = time.perf_counter()
    deadline = None if time_limit is None else start + time_limit
    check_backend_name(backend)
    settings = {"threads": threads, "verbose": verbose, "on_progress": on_progress}

    problems = [spec.row(i) for i in range(spec.output_dim)] if spec.kind == "rows" else [spec]
    first = compute_bounds(network, box, problems[0], method=bounds)
    all_bounds = [first] + [
        compute_bounds(network, box, p, method=bounds, preactivation=first.preactivation) for p in problems[1:]
    ]
    bounds_seconds = time.perf_counter() - start
    sampled: list[SampledPoint] = best_sampled_points(network, box, problems, count=samples, seed=seed)
    split_budget = input_split_budget(input_split, network.input_dim, first.num_unstable, time_limit) / len(problems)
    ascent_budget = 0.0
    if first.num_unstable >= ASCENT_MIN_UNSTABLE:
        share = ASCENT_BUDGET if time_limit is None else min(ASCENT_BUDGET, 0.1 * time_limit)
        ascent_budget = share / len(problems)
    if split_budget == 0 and ascent_budget > 0:
        sampled = [ascended_start(network, box, p, s, seed, ascent_budget) for p, s in zip(problems, sampled)]
    cheap = [interval_upper_bound(b, p.norm) for b, p in zip(all_bounds, problems)]
    best = max(sampled, key=lambda s: s.value)
    mip_far = max(cheap) > REGION_FAR_RATIO * best.value
    region_budget = region_search_budget(region_search, network.input_dim, first.num_unstable, time_limit, mip_far) / len(problems)
    leaf_unstable = int(LEAF_SHARE * first.num_unstable)

    searches: list[_Search] = []
    skipped_upper = 0.0
    order = np.argsort(cheap)[::-1]
    bracket = _BracketProgress(on_progress, start) if len(problems) > 1 and on_progress is not None else None
    for position, i in enumerate(order):
        if _closed(best.value, cheap[i]) or cheap[i] <= best.value:
            skipped_upper = max(skipped_upper, cheap[i])
            continue
        search = _Search(network, box, problems[i], sampled[i].value, sampled[i].point, sampled[i].direction, floor=best.value)
        row_settings = settings
        if bracket is not None:
            others = max([best.value, skipped_upper, *(s.upper for s in searches), *(cheap[j] for j in order[position + 1 :])])
            row_progress = bracket.row(best.value, others, cheap[i], sum(s.nodes for s in searches))
            row_settings = {**settings, "on_progress": row_progress}
        settled = split_budget > 0 and search.split_first(
            bounds,
            _remaining(split_budget, deadline),
            leaf_solver(search, backend, deadline, settings),
            leaf_unstable,
            row_settings["on_progress"],
        )
        if not settled and region_budget > 0 and region_search_supports(network, problems[i]):
            settled = search.regions_first(
                all_bounds[i], time.perf_counter() + _remaining(region_budget, deadline), threads, row_settings["on_progress"]
            )
        if not settled:
            if search.split_boxes:
                # the ascent serves the MIP only: run it once the search has handed over
                row_settings = {**row_settings, "on_progress": _continuing(row_settings["on_progress"], search)}
                if ascent_budget > 0:
                    search.start_from(ascended_start(network, box, problems[i], search.start, seed, ascent_budget))
            directions, direction_upper = _direction_bounds(network, problems[i], all_bounds[i])
            _solve_problem(search, all_bounds[i], backend, deadline, row_settings, directions, direction_upper)
        searches.append(search)
        if search.lower > best.value:
            best = search.start

    lower, direction = spec.best_direction(network.jacobian(best.point))
    lower = max(lower, best.value)
    upper = max([skipped_upper, lower] + [s.upper for s in searches])
    statuses = [s.status for s in searches] or ["optimal"]
    status = min(statuses, key=_STATUS_PRIORITY.index)
    value = lower if status == "optimal" and _closed(lower, upper) else None
    if status == "optimal" and value is None:
        status = "unverified"
    message = "; ".join(s.message for s in searches if s.status == status and s.message) or status
    stats = {
        **_largest_sizes([s.sizes for s in searches]),
        "unstable_neurons": first.num_unstable,
        "hidden_neurons": network.num_hidden_neurons,
        "nodes": sum(s.nodes for s in searches),
        "region_cuts": sum(len(s.cuts) for s in searches),
        "subproblems_solved": len(searches),
        "subproblems_skipped": len(problems) - len(searches),
        "subproblems_below_floor": sum(s.below_floor for s in searches),
        "direction_mips": sum(s.direction_mips for s in searches),
        "backend": ", ".join(sorted({s.backend for s in searches})) or backend,
        "bounds_method": first.method,
        "seconds_bounds": bounds_seconds,
        "seconds_build": sum(s.build_seconds for s in searches),
        "seconds_solve": sum(s.solve_seconds for s in searches),
        "seconds_certify": sum(s.certify_seconds for s in searches),
        "seconds_input_split": sum(s.split_seconds for s in searches),
        "input_split_boxes": sum(s.split_boxes for s in searches),
        "input_split_leaves": sum(s.split_leaves for s in searches),
        "subproblems_closed_by_input_split": sum(s.split_closed for s in searches),
        "seconds_region_search": sum(s.region_seconds for s in searches),
        "region_search_cells": sum(s.region_cells for s in searches),
        "region_search_leaves": sum(s.region_leaves for s in searches),
        "region_search_lps": sum(s.region_lps for s in searches),
        "region_search_processes": max((s.region_processes for s in searches), default=0),
        "subproblems_closed_by_region_search": sum(s.region_closed for s in searches),
        "seconds_total": time.perf_counter() - start,
        "sampled_lower": max(s.value for s in sampled),
        "interval_upper": max(cheap),
    }
    if bracket is not None:
        bracket.emit(lower, upper, stats["nodes"])
    pattern = [p.astype(int).tolist() for p in network.pattern(best.point)]
    return LipschitzResult(value, lower, upper, status, best.point, pattern, direction, spec.to_dict(), stats, message)


def _direction_bounds(network: Network, spec: NormSpec, bounds: NetworkBounds):
    """The extreme directions v of the primal unit ball and the linear bounds on each
    ``v·g`` over the box, or (None, None): too many directions, or interval-only bounds
    (the reference's formulation, one MIP of the norm)."""
    directions = extreme_directions(spec.norm, network.input_dim)
    if directions is None or bounds.method == "interval":
        return None, None
    return directions, direction_upper_bounds(network, spec, bounds.gradient, bounds.states, directions)


def _remaining(seconds: float, deadline: float | None) -> float:
    """``seconds``, or less when the deadline comes first."""
    return seconds if deadline is None else min(seconds, max(deadline - time.perf_counter(), 0.0))


def _continuing(callback: Callable[[Progress], None] | None, search: _Search):
    """Progress of the MIP that follows an unfinished input-box search, continuing it:
    seconds and nodes (boxes and leaf-MIP nodes) add to the search's, the incumbent is at
    least its verified value and the bound at most its proven bound."""
    if callback is None:
        return None
    seconds, nodes, lower, cap = search.split_seconds, search.nodes, search.lower, search.cap

    def report(progress: Progress) -> None:
        incumbent = lower if progress.incumbent is None else max(progress.incumbent, lower)
        bound = cap if progress.bound is None else min(progress.bound, cap)
        callback(Progress(progress.seconds + seconds, incumbent, bound, progress.nodes + nodes))

    return report


class _BracketProgress:
    """Progress of a problem solved row by row, reported as the whole problem's bracket.

    While a row is solved, the incumbent is at least the best ``verified`` value and the
    bound is the row's bound (its cheap bound until the solver has one) or ``others`` —
    the largest upper end of the finished rows, of the skipped rows and the cheap bounds
    of the rows still to come — whichever is larger. The incumbent never drops and the
    bound never rises; seconds count from the engine's ``start`` and nodes add up."""

    def __init__(self, callback: Callable[[Progress], None], start: float):
        self.callback, self.start = callback, start
        self.incumbent, self.bound = -np.inf, np.inf

    def row(self, verified: float, others: float, row_cheap: float, nodes: int) -> Callable[[Progress], None]:
        def report(progress: Progress) -> None:
            incumbent = verified if progress.incumbent is None else max(progress.incumbent, verified)
            row_bound = row_cheap if progress.bound is None else min(progress.bound, row_cheap)
            self.emit(incumbent, max(row_bound, others), nodes + progress.nodes)

        return report

    def emit(self, incumbent: float, bound: float, nodes: int) -> None:
        self.incumbent, self.bound = max(self.incumbent, incumbent), min(self.bound, bound)
        self.callback(Progress(time.perf_counter() - self.start, self.incumbent, self.bound, nodes))


def _largest_sizes(all_sizes: list[dict]) -> dict:
    """The largest of the models' ``sizes`` (all zero when no model was solved)."""
    sizes = [s for s in all_sizes if s]
    if not sizes:
        return {"variables": 0, "binaries": 0, "constraints": 0, "nonzeros": 0}
    return max(sizes, key=lambda d: (d["binaries"], d["variables"]))
