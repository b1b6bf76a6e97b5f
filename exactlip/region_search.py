"""Branch and bound over the linear regions of a ReLU chain inside the box.

On the region ``R(a) = {x ∈ X : [z_k(x) > 0] = a_k for all k}`` of an activation
pattern ``a`` the network is affine with Jacobian ``J(a)``, so the local constant over
X is the largest ``||c^T J(a)||_{α*}`` over the patterns whose region meets X in a
full-dimensional set. The search builds those regions one neuron at a time, layer by
layer, depth first. A *cell* is the polytope

    C = {x ∈ X : σ_i z_i(x) >= 0 for the neurons decided so far}   (σ_i = ±1),

on which every decided layer is affine; the layer k being decided has
``z_k(x) = M x + m``. Each of its open neurons ``z = M_j·x + m_j`` either keeps one
sign on C (decided: it keeps it on every sub-cell, so it is never tested again below
C) or changes sign inside C. When some do, C is cut by the first of them into two
children, one per half, which test only the neurons still open. Deciding a neuron,
cheapest test first:

1. the engine's bounds over X (``states``) already fix it;
2. the interval of ``z`` over an outer box of C (the box of X, tightened by interval
   propagation through C's rows, :func:`~exactlip.bounds.interval.tighten_box`) has one
   sign;
3. known points of C's closure lie strictly on both sides: then both halves have
   interior (a strict sign at a point of the closure of a full-dimensional convex set
   holds on an open piece of it), a split with no LP;
4. a surrogate inequality of C proves ``σ z >= -TOLERANCE`` on C, for ``σ`` the sign of
   the known points: the row duals ``y <= 0`` of an earlier LP give ``μ = -y >= 0``,
   and when C has every row ``A x <= b`` that μ weighs, ``μA x <= μb`` holds on C, so
   for any cost ``c``, ``min_C c·x >= min_{[lo, hi]} (c + μA)·x − μb`` (weak duality;
   ``[lo, hi]`` C's outer box). The LPs of one cell's neurons, of its descendants and
   of its near cousins share most of their rows: on the random 16-20-40-80-2 sweep
   network these certificates settle more than half of the stable neurons that would
   otherwise need an LP. Every neuron the known points show on one side only is tried
   against the kept surrogates at once, before any LP of the cell (then again one by
   one, with the surrogates its LPs add): LPs 22,517 → 19,988 on that network, and
   about 30% fewer per cell on its slowest draw;
5. an LP ``min σ z`` over C (:class:`_CellLP`, warm-started along the depth-first path)
   decides it: a minimum ``>= -TOLERANCE`` keeps the sign ``σ`` of the known points,
   else its minimiser is a point of the other half. Halves thinner than TOLERANCE
   (in pre-activation) are ignored, as a MIP solver's feasibility tolerance would.

Bound. With the layers before k decided, the input gradient on C is
``g = Σ_i r_i d_i M_i``, where ``d_i`` is neuron i's slope (known once decided, else in
``[d_min, d_max]`` from its state over X) and ``r`` the gradient of ``c^T f`` with
respect to the layer's output, bounded over all of X by the engine's backward bounds
``[r_l, r_u]``. Each ``r_i d_i`` lies in ``[a_min_i, a_max_i]`` (the corners of the box
``[r_l, r_u] × [d_min, d_max]``), so for a direction v

    v·g <= Σ_i φ_i(M_i·v),    φ_i(t) = max(a_max_i t, a_min_i t),

and ``||g||_{α*} = max_v v·g`` over the extreme points v of the primal unit ball is
bounded by the largest of these (the ``2^n`` sign vectors for α = ∞ while there are at
most ``MAX_DIRECTIONS``, ``±e_j`` for α = 1). That largest value is the maximum of the
convex function ``q ↦ ||Σ_i q_i M_i||_{α*}`` over the box of the q_i, so it is also
the maximum over the box's corners: :func:`cell_bound` enumerates whichever set is
smaller. The corners are few deep in the tree, where most neurons of the layer are
decided (``a_min_i = a_max_i``), which is what makes the bound useful past n = 10.
With more of both (α = ∞ only), the ``PARTIAL_CORNERS`` open neurons of largest
``(a_max_i − a_min_i)·||M_i||_1`` take their corners and the rest their midpoints
``q̄_i``: for every coordinate j, ``|G_j + Σ_rest q_i M_ij| <= |G_j + Σ_rest q̄_i M_ij| +
Σ_rest ½(a_max_i − a_min_i)|M_ij|``, so

    ||g||_1 <= max over the corners of ||G + Σ_rest q̄_i M_i||_1 + Σ_rest ½(a_max_i − a_min_i)||M_i||_1

with ``G`` the corner's part of ``g`` (the decided and enumerated neurons). A cell that
cannot beat ``max(best verified value, floor)`` is dropped: on entry, once its outer box
has decided what it can, once the kept surrogates have, and after each neuron found
stable by a later surrogate or an LP (it narrows the bound; the LPs of the rest are
saved). So the neurons are tested
heaviest first, by ``(a_max_i − a_min_i)·||M_i||_1`` over X: those whose slope moves the
bound most, whose stability drops a cell soonest; a cell splits on the heaviest neuron
that changes sign in it. With every neuron decided the bound is the region's value
itself: a leaf.

Most checks keep the cell, and one input direction usually shows it: for a sign vector
``v`` the largest ``v·g`` over the coefficient box (:func:`reach_along`) is at most the
box's largest ``||g||_1``, so at most :func:`cell_bound`; when it beats the target along
the last witness direction (found by the test below), the cell is kept with no bound
computed. On the random 16-20-40-80-2 sweep network (an input-dimension draw) that
settles all but about one entry check in a thousand.

On the last hidden layer ``r = W_last^T c`` is exact, and the coefficient box is all
the bound relaxes. There :meth:`_SearchState.boxes_exceed` decides whether the exact
maximum over the box is at most the target: over the extreme directions where they are
enumerated, else by branch and bound over signs (:func:`box_maximum_decisions`,
:mod:`exactlip.inf_to_one`) in place of cell_bound (which would only drop what it
drops); if so the cell is dropped. Its witness search starts from the last witness, which usually still is one on the next
cell. On the random 16-20-40-80-2 sweep network most regions of the first two layers
are then dropped by their outer box or after one LP on the last layer instead of three
(LPs 51,788 → 22,642; 14.5 s → 10.6 s). On the layers before, where ``r`` is only
bounded over X, it dropped no cell on that network or on digits 64-100-100-10 and
cost a call per check, so it is not tried there.

On the layer before the last hidden one a cell with one to ``OPEN_CORNERS`` (4) open
neurons is also tested with the last hidden layer's slopes kept coupled
(:mod:`exactlip.coupled_bound`): one exact test per corner of the open slopes, their
range taken over the corner's part of the cell rather than X, and where a corner's
box beats the target, again once the kept surrogates have fixed what they can of
those slopes on that part (:meth:`_SearchState.corners_may_beat_target`; the corners
the last witness direction does not settle are decided together, one batch of the
ℓ∞→ℓ1 test). Before it no
cell of that layer was dropped on the random 16-20-40-80-2 sweep network: all 10,328
of its regions were enumerated, then dropped at the last hidden layer's root. With a
first version (ranges over the whole cell's outer box, no surrogates; one process, one
thread): cells 31,406 → 11,686, LPs 19,988 → 13,248, 8.4 s → 6.0 s; on its draw #1
cells 192,297 → 52,579, 48 s → 28 s; on digits 64-100-100-10 at r = 0.05 9.2 s →
6.4 s. With the ranges per corner and the surrogates, side by side with that version:
cells 11,686 → 6,776 and 6.0 s → 5.4 s; draw #1 52,579 → 33,324 cells, 28.6 s →
25.3 s; digits-100 r = 0.05 7,191 → 4,630 cells, 6.4 s → 6.0 s; the slowest draw, #3,
400k → 206k cells, 339k → 261k LPs, 175 s → 146 s. Deciding the corners in one batch
made the tree's part of each corner's test about 2.4 times cheaper (58 → 24 µs in
batches of eight; a dropped cell decides all its corners), which paid for a fourth
open neuron (16 corners): against the
test one corner at a time with three, draw #1 26.2 s → 17.9 s (cells 33,324 →
24,802), the network 5.4 s → 4.6 s (6,776 → 5,613), draw #2 7.5 s → 6.3 s, draw #3
147 s → 141 s (206k → 187k cells), digits-100 r = 0.05 6.1 s → 5.9 s. Five open
neurons saved more cells and cost more time there (digits-100 7.4 s).

A leaf that beats the best value is verified by :func:`~exactlip.regions.check_region`
(its deepest point and the Jacobian recomputed there); one whose region is too thin to
verify still counts towards the upper bound. When the search ends, the largest value
of the leaves (verified or not) and of the floor is a proven upper bound; when it stops
at the deadline, so is the largest bound of the open cells.

The open cells are independent, so a search may be shared between processes
(:mod:`exactlip.region_workers`): ``threads`` of them, by default one per core this
process may use, once it has run ``PARALLEL_AFTER`` seconds. The workers take cells
from the bottom of the stacks, and every verified value reaches every process.

The number of regions, not of neurons, sets the cost: thousands of regions on the
random 8-20-40-80-2 sweep network (66 unstable neurons, where the MIP's relaxation is
far from its optimum), a handful of leaves on the trained ones, where the bound prunes
almost everything.
"""

from __future__ import annotations

import itertools
import time
import warnings
from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np

from .backends import Progress
from .backends.highs import set_threads
from .bounds import ACTIVE, UNSTABLE, Interval, NetworkBounds, slope_range, tighten_box
from .coupled_bound import Corners, corners
from .domain import Box
from .inf_to_one import Decisions, decide_each
from .input_split import MAX_DIRECTIONS, extreme_directions
from ._arrays import dense
from .network.ir import Network
from .norms import NormSpec, dual_norm_value
from .regions import check_region
from .region_workers import PARALLEL_AFTER, Report, Team, process_count

TOLERANCE = 1e-9
# The bracket is reported every CHECK_SECONDS; the deadline is checked every CHECK_NODES cells.
CHECK_SECONDS = 0.5
CHECK_NODES = 64
# With its stack empty, the coordinator of a search shared between processes waits this long for a message at a time.
WAIT_SECONDS = 0.05
# Past both enumerations, the bound takes the corners of this many open neurons.
PARTIAL_CORNERS = 8
# The LP keeps the surrogate inequalities of its last this many solves.
SURROGATES = 32
# Row j: the bits of j, lowest first (the corners of a box of up to 10 free coefficients).
_CORNER_BITS = ((np.arange(MAX_DIRECTIONS)[:, None] >> np.arange(MAX_DIRECTIONS.bit_length() - 1)) & 1).astype(float)


def supports(network: Network, spec: NormSpec) -> bool:
    """The search needs a chain (every path from input to output passes through each
    hidden layer) and a fixed output direction c (a leaf's value is then exact)."""
    return network.is_chain and spec.kind == "vector"


@dataclass(frozen=True)
class RegionSearchResult:
    """``lower`` (verified, attained at ``point`` with ``direction``; ``point`` None when
    nothing beat the start value), a proven ``upper``, whether the search ``closed``
    (every region above ``max(lower, floor)`` visited), cells visited, leaves reached,
    LPs solved and seconds (cells, leaves and LPs summed over the ``processes`` that
    took part, :mod:`exactlip.region_workers`); ``interrupted`` by Ctrl-C (the bracket
    is then the one reached)."""

    lower: float
    point: np.ndarray | None
    direction: np.ndarray | None
    upper: float
    closed: bool
    cells: int
    leaves: int
    lps: int
    seconds: float
    interrupted: bool = False
    processes: int = 1


def cell_bound(M: np.ndarray, a_max: np.ndarray, a_min: np.ndarray, norm: str, directions: np.ndarray | None) -> float:
    """A bound on ``||Σ_i q_i M_i||_{α*}`` over ``q_i ∈ [a_min_i, a_max_i]`` (module
    docstring): the exact maximum over the corners of the q-box while they are fewer
    than ``directions``, else the largest ``Σ_i φ_i(M_i·v)`` over ``directions``
    (columns, also exact), or without them (α = ∞ only) the corners of the
    ``PARTIAL_CORNERS`` heaviest open neurons with the others at their midpoints plus
    their half-widths."""
    free = np.flatnonzero(a_max > a_min)
    corners = 2 ** len(free)
    if corners <= MAX_DIRECTIONS and (directions is None or corners < directions.shape[1]):
        return float(dual_norm_value(_corner_gradients(M, a_min, a_max - a_min, free), norm).max())
    if directions is not None:
        t = M @ directions
        return float(np.max(np.maximum(a_max[:, None] * t, a_min[:, None] * t).sum(axis=0)))
    width = a_max - a_min
    magnitude = np.abs(M).sum(axis=1)
    heaviest = free[np.argpartition(-width[free] * magnitude[free], PARTIAL_CORNERS - 1)[:PARTIAL_CORNERS]]
    half = 0.5 * width
    half[heaviest] = 0.0  # the rest at their midpoints a_min + half
    gradients = _corner_gradients(M, a_min + half, width, heaviest)
    return float(np.abs(gradients).sum(axis=1).max() + half @ magnitude)


def reach_along(M: np.ndarray, a_max: np.ndarray, a_min: np.ndarray, v: np.ndarray) -> np.ndarray:
    """The largest ``|v·Σ_i q_i M_i|`` over ``q_i ∈ [a_min_i, a_max_i]``: for a sign
    vector ``v`` a lower bound on the box's largest ``||Σ_i q_i M_i||_1``, so on
    :func:`cell_bound` (α = ∞). For each box of a batch along leading axes."""
    t = M @ v
    return np.maximum(np.maximum(a_max * t, a_min * t).sum(axis=-1), -np.minimum(a_max * t, a_min * t).sum(axis=-1))


def box_maximum_decisions(M: np.ndarray, a_max: np.ndarray, a_min: np.ndarray, level: float, start: np.ndarray | None = None) -> Decisions:
    """For each box of a batch (``M``: b × n × d, the bounds b × n), whether the largest
    ``||Σ_i q_i M_i||_1`` over ``q_i ∈ [a_min_i, a_max_i]`` exceeds ``level``, exact
    wherever it settles. With ``q_i = mid_i + s_i h_i`` (midpoint, half-width, ``s_i ∈
    [-1, 1]``) the gradient is ``G + Σ_free s_i h_i M_i``, ``G = Σ_i mid_i M_i``, and the
    maximum over the box of its ℓ1 norm (a max over ``v ∈ {±1}^d`` of a form bilinear in
    ``(±1, s)`` and ``v``) is ``||X||_{∞→1}`` for the rows ``X = [G; h_i M_i for the
    free i]`` (:func:`box_rows`), decided for every box at once by
    :func:`~exactlip.inf_to_one.decide_each` (its witness search from the input
    direction ``start``)."""
    return decide_each(box_rows(M, a_max, a_min), level, start)


def box_rows(M: np.ndarray, a_max: np.ndarray, a_min: np.ndarray) -> np.ndarray:
    """The rows ``X = [G; h_i M_i for the free i]`` of each box of a batch
    (:func:`box_maximum_decisions`), padded with zero rows to the most free of the batch:
    the box's largest ``Σ_i φ_i(M_i·v)`` along a direction ``v`` or its opposite is
    ``||X v||_1``."""
    half, free = 0.5 * (a_max - a_min), a_max > a_min
    first = np.argsort(~free, axis=1, kind="stable")[:, : free.sum(axis=1).max(initial=0)]
    scaled = (half[:, :, None] * M)[np.arange(len(M))[:, None], first]
    return np.concatenate([(0.5 * (a_max + a_min))[:, None, :] @ M, scaled], axis=1)


def _corner_gradients(M: np.ndarray, base: np.ndarray, width: np.ndarray, free: np.ndarray) -> np.ndarray:
    """``Σ_i q_i M_i`` (rows) at the corners of the box ``q_i ∈ [base_i, base_i +
    width_i]`` of the ``free`` coefficients, the others at ``base``."""
    n = len(free)
    return base @ M + _CORNER_BITS[: 2**n, :n] @ (width[free, None] * M[free])


class _CellLP:
    """``min cost·x`` over a cell, one HiGHS model kept along the depth-first path:
    rows are identified by an index that names one row of one cell (a child's cut is
    new, the rows it inherits keep theirs), and only the rows past the common prefix
    with the previous cell are deleted and added. Each solve leaves the
    surrogate inequality ``μA x <= μb`` of its row duals (module docstring), valid on
    every cell whose rows begin with the rows it was solved on, up to the last with
    ``μ > 0`` (so also on cousins that share those); a row index is created for one
    child only, so that holds when the cell's row at that position is the same index."""

    def __init__(self, box: Box, threads: int | None):
        import highspy  # on first use: importing exactlip loads no solver

        self.statuses = highspy.HighsModelStatus
        self.infinity = highspy.kHighsInf
        self.highs = highspy.Highs()
        options = {"output_flag": False, "presolve": "off", "simplex_strategy": 4}
        for name, value in options.items():
            self.highs.setOptionValue(name, value)
        set_threads(highspy, self.highs, threads)
        self.dim = box.dim
        self.columns = np.arange(self.dim, dtype=np.int32)
        self.highs.addVars(self.dim, box.lower, box.upper)
        self.rows: list[int] = []
        self.a, self.b = np.zeros((0, self.dim)), np.zeros(0)  # the matrix of self.rows
        self.solved = 0
        self.surrogate_a = np.zeros((SURROGATES, self.dim))
        self.surrogate_b = np.zeros(SURROGATES)
        self.surrogate_depth = np.full(SURROGATES, np.iinfo(int).max)  # leading rows it uses (none kept yet: never valid)
        self.surrogate_last_row = np.zeros(SURROGATES, dtype=int)  # and the last of those
        self.surrogates_kept = 0

    def proves(self, cost: np.ndarray, at_least: float, lo: np.ndarray, hi: np.ndarray, rows: list[int]) -> bool:
        """Whether a kept surrogate inequality proves ``cost·x >= at_least`` on the cell
        with ``rows`` and outer box ``[lo, hi]``."""
        return bool(self.proves_each(cost[None, :], np.array([at_least]), lo, hi, rows)[0])

    def proves_each(self, costs: np.ndarray, at_least: np.ndarray, lo: np.ndarray, hi: np.ndarray, rows: list[int]) -> np.ndarray:
        """:meth:`proves` for each row ``costs[j]`` and level ``at_least[j]`` at once;
        ``[lo, hi]`` one outer box for all, or one per row (``lo[j]``: a box holding
        the part of the cell that row j is asked about)."""
        depth = self.surrogate_depth
        valid = depth <= len(rows)
        valid[valid] = np.asarray(rows, dtype=int)[depth[valid] - 1] == self.surrogate_last_row[valid]
        if not valid.any():
            return np.zeros(len(costs), dtype=bool)
        w = costs[:, None, :] + self.surrogate_a[valid]  # min_C cost·x >= min over the box of w·x − μb (module docstring)
        mid, rad = 0.5 * (hi + lo), 0.5 * (hi - lo)  # and that minimum is w·mid − |w|·rad
        if lo.ndim == 1:
            least = w @ mid - np.abs(w) @ rad
        else:
            least = np.einsum("rsd,rd->rs", w, mid) - np.einsum("rsd,rd->rs", np.abs(w), rad)
        return (least - self.surrogate_b[valid]).max(axis=1) >= at_least

    def keeps_sign(self, signs: np.ndarray, M: np.ndarray, m: np.ndarray, lo: np.ndarray, hi: np.ndarray, rows: list[int]) -> np.ndarray:
        """For each row ``j``, whether a kept surrogate proves ``signs_j (M_j·x + m_j) >=
        -TOLERANCE`` on the cell: its other side holds no point beyond TOLERANCE."""
        return self.proves_each(signs[:, None] * M, -signs * m - TOLERANCE, lo, hi, rows)

    def minimise(self, cost: np.ndarray, rows: list[int], a: np.ndarray, b: np.ndarray) -> tuple[float, np.ndarray | None] | None:
        """The minimum over the cell ``a x <= b`` (row ``j`` named ``rows[j]``) and a
        minimiser; None when HiGHS finds the cell empty; ``(-inf, None)`` when it fails
        twice (from the warm start, then from scratch), which callers must read as
        "either sign possible"."""
        self._sync(rows, a, b)
        self.highs.changeColsCost(self.dim, self.columns, cost)
        for _ in range(2):
            self.highs.run()
            self.solved += 1
            status = self.highs.getModelStatus()
            if status == self.statuses.kInfeasible:
                return None
            if status == self.statuses.kOptimal:
                solution = self.highs.getSolution()
                self._keep_surrogate(np.maximum(-np.array(solution.row_dual), 0.0))
                return self.highs.getObjectiveValue(), np.array(solution.col_value)
            self.highs.clearSolver()
        return -np.inf, None

    def _keep_surrogate(self, mu: np.ndarray) -> None:
        """Keep ``μA x <= μb`` in place of the oldest one. It uses only the rows up to
        the last with ``μ > 0``, so it holds on every cell whose rows begin with those."""
        used = np.flatnonzero(mu > 0)
        if len(used) == 0:
            return  # the box alone gave the minimum
        slot = self.surrogates_kept % SURROGATES
        self.surrogates_kept += 1
        self.surrogate_a[slot] = mu @ self.a
        self.surrogate_b[slot] = mu @ self.b
        self.surrogate_depth[slot] = used[-1] + 1
        self.surrogate_last_row[slot] = self.rows[used[-1]]

    def _sync(self, rows: list[int], a: np.ndarray, b: np.ndarray) -> None:
        common = 0
        for mine, theirs in zip(self.rows, rows):
            if mine != theirs:
                break
            common += 1
        if common < len(self.rows):
            self.highs.deleteRows(len(self.rows) - common, np.arange(common, len(self.rows), dtype=np.int32))
        added = len(rows) - common
        if added:
            starts = np.arange(0, added * self.dim, self.dim, dtype=np.int32)
            indices = np.tile(self.columns, added)
            self.highs.addRows(added, np.full(added, -self.infinity), b[common:], added * self.dim, starts, indices, a[common:].ravel())
        self.rows = list(rows)
        self.a, self.b = a, b


@dataclass(frozen=True, eq=False)
class _Cell:
    """An open cell: deciding layer ``k`` (``z_k = M x + m``), whose slopes known so far
    are ``decided`` (NaN for the neurons still open); its rows ``a x <= b`` (row ``j``
    named ``rows[j]``, see :class:`_CellLP`), an outer box ``[lo, hi]``, known points
    of its closure, and ``bound``, an upper bound on every region inside it (its
    parent's)."""

    bound: float
    k: int
    M: np.ndarray
    m: np.ndarray
    decided: np.ndarray
    rows: list
    a: np.ndarray
    b: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    points: np.ndarray
    slopes: tuple = ()  # the full slope vectors of layers < k


def search_regions(
    network: Network,
    box: Box,
    spec: NormSpec,
    bounds: NetworkBounds,
    *,
    lower: float,
    floor: float = -np.inf,
    deadline: float | None = None,
    threads: int | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> RegionSearchResult:
    """Search the regions of ``box`` for ``||c^T J||_{α*}`` above ``max(lower, floor)``
    (``lower``: a verified value already known). ``bounds``: the engine's bounds over
    ``box`` for ``spec``. Needs :func:`supports`."""
    start = time.perf_counter()
    processes = process_count(threads)
    search = _SearchState(network, box, spec, bounds, lower, floor, threads, itertools.count(0, processes))
    team = None
    last_report = start

    def check(stack: list[_Cell]) -> bool:
        nonlocal last_report, team, processes
        now = time.perf_counter()
        if deadline is not None and now >= deadline:
            return True
        if team is None and processes > 1 and now - start >= PARALLEL_AFTER and len(stack) >= 2:
            try:
                team = Team(search, (network, box, spec, bounds, search.best_value, floor), processes)
            except (OSError, ValueError) as error:  # no worker could start (ValueError: no pass_fds): the search goes on alone
                warnings.warn(f"the region search runs in one process: starting workers failed ({error})", RuntimeWarning)
                processes = 1
        if team is not None:
            team.exchange(stack)
        if on_progress is not None and now - last_report >= CHECK_SECONDS:
            last_report = now
            upper, cells = search.upper(stack), search.cells
            if team is not None:
                upper, cells = max(upper, team.open_bound()), cells + team.cells()
            on_progress(Progress(now - start, max(search.best_value, search.elsewhere), upper, cells))
        return False

    stack = [search.root()]
    interrupted = False
    try:
        while not interrupted:
            interrupted = search.run(stack, check)
            if stack or team is None:
                break
            while not stack and team.running() and (deadline is None or time.perf_counter() < deadline):
                team.exchange(stack, WAIT_SECONDS)  # the stack ran dry: wait for a cell from a worker
            if not stack:
                break
    except KeyboardInterrupt:
        interrupted = True
    finally:
        lost = -np.inf
        if team is not None:
            for report in team.finish(stack):
                search.absorb(report)
            lost = team.lost_bound()
    closed = not stack and max(search.open_elsewhere, lost) == -np.inf
    upper = max(search.upper(stack), search.open_elsewhere, lost)
    shared_by = 1 if team is None else 1 + len(team.workers)
    return search.result(upper, closed, time.perf_counter() - start, interrupted, shared_by)


class _SearchState:
    """The state of one search (one process's part of it): the LP model, the best
    verified value and its point, the largest value of the leaves too thin to verify,
    counters, and the last witness direction. ``row_names`` names the rows of the
    cells it cuts (unique across the processes sharing cells)."""

    def __init__(self, network: Network, box: Box, spec: NormSpec, bounds: NetworkBounds, lower: float, floor: float, threads, row_names):
        self.network, self.box, self.spec, self.bounds, self.floor = network, box, spec, bounds, floor
        self.weights = [dense(w) for w in network.weights]
        self.last = len(self.weights) - 1
        directions = extreme_directions(spec.norm, box.dim)
        self.directions = None if directions is None else directions.T
        if self.directions is None and spec.norm != "linf":
            raise AssertionError("extreme directions of the l1 ball are always enumerated")
        self.lp = _CellLP(box, threads)
        self.row_names = row_names
        self.best_value, self.best_point, self.best_direction = lower, None, None
        self.elsewhere = -np.inf  # the best value verified by the other processes
        self.unverified = -np.inf
        self.cells = self.leaves = self.lps_elsewhere = 0
        self.open_elsewhere = -np.inf  # the largest bound of the cells the workers still held
        self.witness = None  # the last input direction whose box maximum beat the target
        self.last_gradient = self.weights[self.last].T @ spec.c  # r of the last hidden layer, exact
        self.stable_slopes = [_stable_slopes(states, alpha) for states, alpha in zip(bounds.states, network.negative_slopes)]
        self.spans = [
            _coefficient_span(bounds.gradient[k], bounds.states[k], alpha) for k, alpha in enumerate(network.negative_slopes[: self.last])
        ]

    def target(self) -> float:
        return max(self.best_value, self.elsewhere, self.floor)

    def upper(self, stack: list[_Cell]) -> float:
        """The proven upper bound while ``stack`` holds the open cells (the other
        processes' cells aside)."""
        return max([self.best_value, self.elsewhere, self.floor, self.unverified] + [c.bound for c in stack])

    def absorb(self, report: Report) -> None:
        """Take in a worker's last report: its better value, its leaves, its counters
        and the bound of the cells it still held."""
        if report.value > self.best_value:
            self.best_value, self.best_point, self.best_direction = report.value, report.point, report.direction
        self.unverified = max(self.unverified, report.unverified)
        self.open_elsewhere = max(self.open_elsewhere, report.open_bound)
        self.cells += report.cells
        self.leaves += report.leaves
        self.lps_elsewhere += report.lps

    def result(self, upper: float, closed: bool, seconds: float, interrupted: bool, processes: int) -> RegionSearchResult:
        return RegionSearchResult(
            self.best_value, self.best_point, self.best_direction, upper, closed, self.cells, self.leaves,
            self.lp.solved + self.lps_elsewhere, seconds, interrupted, processes,
        )  # fmt: skip

    def coefficient_box(self, k: int, decided: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``[a_min, a_max]`` of layer k's ``r_i d_i`` once the slopes ``decided`` are known."""
        a_min, a_max = self.spans[k]
        known = ~np.isnan(decided)
        if known.any():
            r, slope = self.bounds.gradient[k], decided[known]
            ends = (r.lower[known] * slope, r.upper[known] * slope)
            a_min, a_max = a_min.copy(), a_max.copy()
            a_min[known], a_max[known] = np.minimum(*ends), np.maximum(*ends)
        return a_min, a_max

    def bound_of(self, k: int, M: np.ndarray, decided: np.ndarray) -> float:
        a_min, a_max = self.coefficient_box(k, decided)
        return cell_bound(M, a_max, a_min, self.spec.norm, self.directions)

    def may_beat_target(self, cell: _Cell, decided: np.ndarray) -> bool:
        """Whether ``cell``'s regions may beat the target once the slopes ``decided``
        are known: not if its coefficient box says so (:meth:`box_may_beat_target`),
        nor, on the layer before the last hidden one, if the test with the last hidden
        layer's slopes coupled (:mod:`exactlip.coupled_bound`) does."""
        if not self.box_may_beat_target(cell.k, cell.M, decided):
            return False
        k = cell.k
        if k != self.last - 2:
            return True
        alpha = self.network.negative_slopes[k]
        slopes = np.where(np.isnan(decided), self.stable_slopes[k], decided)
        if not np.isnan(slopes).any():
            return True  # the next layer's root, whose outer box gives the same slope ranges, tests the same
        found = corners(
            cell.M, cell.m, cell.lo, cell.hi, slopes, alpha, self.weights[k + 1], self.network.biases[k + 1],
            self.bounds.preactivation[k + 1], self.network.negative_slopes[k + 1],
        )  # fmt: skip
        return found is None or self.corners_may_beat_target(found, cell.rows, self.network.negative_slopes[k + 1])

    def corners_may_beat_target(self, found: Corners, rows: list[int], next_alpha: float) -> bool:
        """Whether the regions of some part of the cell with ``rows``
        (:class:`~exactlip.coupled_bound.Corners`) may beat the target. First the parts
        whose slope box reaches past the target along the last witness direction, one
        at a time (the first of them usually still beats it once narrowed); then all the
        others at once, their boxes decided by :meth:`boxes_exceed`. A part whose box
        beats the target is narrowed (:meth:`narrowed_beat_target`) before it counts."""
        gradient_rows = self.last_gradient[:, None] * found.maps
        reached = np.zeros(len(found), dtype=bool)
        if self.witness is not None and self.directions is None:
            reached = reach_along(gradient_rows, found.e_hi, found.e_lo, self.witness) > self.target()
        for part in np.flatnonzero(reached):
            if self.narrowed_beat_target(found, gradient_rows, part[None], rows, next_alpha):
                return True
        rest = np.flatnonzero(~reached)
        beats = rest[self.boxes_exceed(gradient_rows[rest], found.e_lo[rest], found.e_hi[rest])]
        return len(beats) > 0 and self.narrowed_beat_target(found, gradient_rows, beats, rows, next_alpha)

    def narrowed_beat_target(self, found: Corners, gradient_rows: np.ndarray, beats: np.ndarray, rows: list[int], next_alpha: float) -> bool:
        """Whether some of the parts ``beats`` of the cell with ``rows``, whose slope
        boxes beat the target, still do once the next layer's neurons that the kept
        surrogates show keeping one sign on the part (:meth:`_CellLP.keeps_sign`, as in
        :func:`_decide_layer`) get their slope."""
        e_lo, e_hi = found.e_lo[beats], found.e_hi[beats]
        part, free = np.nonzero(e_lo < e_hi)  # the open slopes of every part, part by part
        if not len(part):
            return True  # nothing left to narrow
        at, neuron = beats[np.concatenate([part, part])], np.tile(free, 2)
        signs = np.repeat([1.0, -1.0], len(part))
        proven = self.lp.keeps_sign(signs, found.maps[at, neuron], found.offsets[at, neuron], found.lo[at], found.hi[at], rows)
        positive, negative = proven[: len(part)], proven[len(part) :]
        if np.bincount(part[positive | negative], minlength=len(beats)).min() == 0:
            return True  # nothing narrows a box that beats the target
        e_lo[part[positive & ~negative], free[positive & ~negative]] = 1.0
        e_hi[part[negative & ~positive], free[negative & ~positive]] = next_alpha
        return bool(self.boxes_exceed(gradient_rows[beats], e_lo, e_hi).any())

    def box_may_beat_target(self, k: int, M: np.ndarray, decided: np.ndarray) -> bool:
        """Whether the cell's coefficient box may beat the target: exactly on the last
        hidden layer, where ``r`` is (:meth:`boxes_exceed`), else :meth:`box_exceeds`."""
        a_min, a_max = self.coefficient_box(k, decided)
        if k == self.last - 1:
            return bool(self.boxes_exceed(M[None], a_min[None], a_max[None])[0])
        return self.box_exceeds(M, a_min, a_max)

    def box_exceeds(self, M: np.ndarray, a_min: np.ndarray, a_max: np.ndarray) -> bool:
        """Whether the largest ``||Σ_i q_i M_i||_{α*}`` over ``q_i ∈ [a_min_i, a_max_i]``
        may beat the target: yes at once when the box's gradients reach past it along
        the last witness direction, else ``cell_bound > target``."""
        if self.witness is not None and reach_along(M, a_max, a_min, self.witness) > self.target():
            return True
        return cell_bound(M, a_max, a_min, self.spec.norm, self.directions) > self.target()

    def boxes_exceed(self, M: np.ndarray, a_min: np.ndarray, a_max: np.ndarray) -> np.ndarray:
        """For each box of a batch (``M``: b × n × d, the bounds b × n), whether its
        largest ``||Σ_i q_i M_i||_{α*}`` beats the target, exactly: with the extreme
        directions enumerated, the largest ``||X v||_1`` over them (:func:`box_rows`);
        else yes where the box reaches past the target along the last witness direction,
        and for the others the answers of :func:`box_maximum_decisions` (``cell_bound``
        where it gives up)."""
        target = self.target()
        if self.directions is not None:  # a set closed under v -> -v
            return np.abs(box_rows(M, a_max, a_min) @ self.directions).sum(axis=1).max(axis=1) > target
        beats = np.zeros(len(M), dtype=bool) if self.witness is None else reach_along(M, a_max, a_min, self.witness) > target
        rest = np.flatnonzero(~beats)
        if len(rest):
            found = box_maximum_decisions(M[rest], a_max[rest], a_min[rest], target, self.witness)
            if found.witness is not None:
                self.witness = found.witness
            beats[rest] = found.exceeds
            for b in rest[~found.settled]:
                beats[b] = cell_bound(M[b], a_max[b], a_min[b], self.spec.norm, None) > target
        return beats

    def leaf(self, cell: _Cell, slopes: list[np.ndarray]) -> None:
        self.leaves += 1
        P = slopes[-1][:, None] * cell.M
        value = self.spec.best_direction(self.weights[self.last] @ P)[0]
        if value <= self.target():
            return
        pattern = [s == 1.0 for s in slopes]
        check = check_region(self.network, self.box, pattern)
        if check.point is not None:
            verified, direction = self.spec.best_direction(self.network.jacobian(check.point))
            if verified > self.best_value:
                self.best_value, self.best_point, self.best_direction = verified, check.point, direction
        self.unverified = max(self.unverified, value)

    def root(self) -> _Cell:
        M, m, box = self.weights[0], self.network.biases[0], self.box
        open_layer = np.full(len(m), np.nan)
        no_rows = (np.zeros((0, box.dim)), np.zeros(0))
        return _Cell(self.bound_of(0, M, open_layer), 0, M, m, open_layer, [], *no_rows, box.lower, box.upper, box.center[None, :])

    def run(self, stack: list[_Cell], check: Callable[[list[_Cell]], bool]) -> bool:
        """Search the cells of ``stack``, depth first, until it is empty or ``check``
        (asked with the stack every ``CHECK_NODES`` cells) says stop; True when Ctrl-C
        stopped it (the cell in hand is back on the stack)."""
        cell = None
        try:
            while stack:
                if self.cells % CHECK_NODES == 0 and check(stack):
                    return False
                cell = stack.pop()
                self.visit(cell, stack)
                cell = None
        except KeyboardInterrupt:
            if cell is not None:
                stack.append(cell)  # it may not have reached the stack as children
            return True
        return False

    def visit(self, cell: _Cell, stack: list[_Cell]) -> None:
        """Decide the open neurons of ``cell``'s layer: drop it, split it onto the
        stack, pass it on to the next layer, or reach a leaf."""
        if cell.bound <= self.target():
            return
        self.cells += 1
        k, network = cell.k, self.network
        if not self.may_beat_target(cell, cell.decided):
            return
        alpha = network.negative_slopes[k]
        weight = (self.spans[k][1] - self.spans[k][0]) * np.abs(cell.M).sum(axis=1)
        outcome = _decide_layer(cell, self.bounds.states[k], alpha, weight, self.lp, lambda d: self.may_beat_target(cell, d))
        if outcome is None:
            return  # the cell is empty, or the neurons found stable bring its bound down
        if isinstance(outcome, tuple):
            bound = self.bound_of(k, cell.M, outcome[2])  # the neurons found stable are known now
            if bound > self.target():
                stack.extend(_children(cell, bound, *outcome, alpha, self.row_names))
            return
        slopes = list(cell.slopes) + [outcome]
        if k + 1 == self.last:
            self.leaf(cell, slopes)
            return
        P = outcome[:, None] * cell.M
        M, m = self.weights[k + 1] @ P, self.weights[k + 1] @ (outcome * cell.m) + network.biases[k + 1]
        open_layer = np.full(len(m), np.nan)
        stack.append(_Cell(cell.bound, k + 1, M, m, open_layer, cell.rows, cell.a, cell.b, cell.lo, cell.hi, cell.points, tuple(slopes)))


def _decide_layer(cell: _Cell, states: np.ndarray, alpha: float, weight: np.ndarray, lp: _CellLP, worth: Callable[[np.ndarray], bool]):
    """Decide every open neuron of layer ``cell.k``, heaviest ``weight`` first among
    those its outer box leaves open. Returns the layer's slope vector when none changes
    sign in the cell, else ``(i, points, slopes)``: ``slopes`` holds the slopes of the
    neurons that keep one sign (stable in every sub-cell too, so decided once here
    rather than once per descendant) and NaN for those that change sign, ``i`` is the
    heaviest of these and ``points`` the cell's known points with those the LPs found.
    None when the cell is empty or when ``worth`` (of the slopes so far, NaN for the
    neurons still open), asked once the outer box has decided its neurons, once the
    kept surrogates have, and after each neuron found stable by a later surrogate or an
    LP, says the cell can no longer beat the best value: the LPs of the other neurons
    are then saved."""
    M, m = cell.M, cell.m
    rest = np.flatnonzero(np.isnan(cell.decided))
    z = Interval(cell.lo, cell.hi).affine(M[rest], m[rest])
    fixed = states[rest] != UNSTABLE
    known = fixed | (z.lower > 0) | (z.upper < 0)
    active = np.where(fixed, states[rest] == ACTIVE, z.lower > 0)
    slopes = cell.decided.copy()
    slopes[rest] = np.where(known, np.where(active, 1.0, alpha), np.nan)
    points = cell.points
    if known.any() and not worth(slopes):
        return None
    changing = []
    undecided = rest[~known]
    order = undecided[np.argsort(-weight[undecided], kind="stable")]
    M_open, m_open = M[order], m[order]
    values = points @ M_open.T + m_open
    above, below = (values > 0).any(axis=0), (values < 0).any(axis=0)  # sides the known points show
    shown = np.flatnonzero(above != below)  # one side shown: the kept surrogates may rule out the other
    proven = np.zeros(len(order), dtype=bool)
    if len(shown):
        unseen = np.where(above[shown], -1.0, 1.0)  # the side not shown
        proven[shown] = lp.keeps_sign(-unseen, M_open[shown], m_open[shown], cell.lo, cell.hi, cell.rows)
        if proven.any():
            slopes[order[proven]] = np.where(above[proven], 1.0, alpha)
            if not worth(slopes):
                return None
    for j, i in enumerate(order):
        if proven[j]:
            continue
        if above[j] and below[j]:
            changing.append(i)
            continue
        # look for a point beyond each side that no known point shows yet
        for sign in [s for s, seen in ((1.0, above[j]), (-1.0, below[j])) if not seen]:
            if lp.proves(-sign * M[i], sign * m[i] - TOLERANCE, cell.lo, cell.hi, cell.rows):
                continue  # no point with sign * z > TOLERANCE
            found = lp.minimise(-sign * M[i], cell.rows, cell.a, cell.b)  # min of -sign z
            if found is None:
                return None
            minimum, x = found
            if minimum - sign * m[i] < -TOLERANCE:  # sign * z > TOLERANCE at x
                (above if sign > 0 else below)[j] = True
                if x is not None:
                    points = np.vstack([points, x])
                    at_x = M_open @ x + m_open
                    above, below = above | (at_x > 0), below | (at_x < 0)
        if above[j] and below[j]:
            changing.append(i)
            continue
        slopes[i] = 1.0 if above[j] else alpha
        if not worth(slopes):
            return None
    if not changing:
        return slopes
    return changing[0], points, slopes


def _coefficient_span(r: Interval, states: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """``[a_min, a_max]``: the range of ``r_i d_i`` for ``r_i`` in the backward bounds
    ``r`` and the slope ``d_i`` its state over X allows (1, ``alpha``, or both)."""
    low, high = slope_range(states, alpha)
    corners = np.stack([r.lower * low, r.lower * high, r.upper * low, r.upper * high])
    return corners.min(axis=0), corners.max(axis=0)


def _stable_slopes(states: np.ndarray, alpha: float) -> np.ndarray:
    """The slope each neuron's state over X fixes, NaN where it is unstable."""
    low, high = slope_range(states, alpha)
    return np.where(low == high, low, np.nan)


def _children(cell: _Cell, bound: float, i: int, points: np.ndarray, slopes: np.ndarray, alpha: float, row_names: Iterator[int]) -> list[_Cell]:
    """The two halves of ``cell`` cut by neuron ``i``, each knowing ``slopes`` and
    neuron i's slope in it (inactive first on the stack, so the active half is searched
    first); each half's cut is named by the next of ``row_names``. A half's outer box
    is one pass of interval propagation through its rows from the parent's box, already
    tightened by every row but the new one, so one pass loses little (a second one left
    the search's cells and LPs unchanged on the sweep and digits networks and cost 4–7%
    of its time)."""
    M, m = cell.M, cell.m
    values = points @ M[i] + m[i]
    out = []
    for slope, sign in ((alpha, -1.0), (1.0, 1.0)):  # the half sign * z >= 0: -sign M_i x <= sign m_i
        a, b = np.vstack([cell.a, -sign * M[i]]), np.append(cell.b, sign * m[i])
        lo, hi = tighten_box(a, b, cell.lo, cell.hi)
        decided = slopes.copy()
        decided[i] = slope
        rows = cell.rows + [next(row_names)]
        out.append(_Cell(bound, cell.k, M, m, decided, rows, a, b, lo, hi, points[sign * values > 0], cell.slopes))
    return out
