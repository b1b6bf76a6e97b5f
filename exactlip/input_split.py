"""Branch and bound over the input box: a bracket from sub-box bounds, exact when it closes.

The local constant over X is the largest of the constants over the boxes of any
partition of X. Bounds computed on a sub-box B (:func:`~exactlip.bounds.compute_bounds`)
fix more neurons than bounds on X, and

    U(B) = min( ||max(|l_g|, |u_g|)||_{α*},  max_v UB_B(v·g) )

bounds ``||g||_{α*}`` over B: the first term from the coordinate bounds on g, the second
(:func:`~exactlip.bounds.gradient.direction_upper_bounds`) over the extreme points v of
the primal unit ball (``{±1}^n`` for ``α = ∞``, used while ``2^n <= MAX_DIRECTIONS``;
``{±e_i}`` for ``α = 1``). The Jacobian norm at the centre of every box (a point of X)
is a lower bound.

Best first: the open box with the largest U is split in two along its widest
coordinate; a box whose U cannot beat ``max(lower, stop_at)`` is dropped, which is
sound because U is. The proven ``upper`` is the largest U of the open boxes and of those
dropped; when no open box is left (``closed``) it is within the closing tolerance of
``max(lower, stop_at)``: ``lower`` is the constant, or the constant is at most ``stop_at``.

Box bounds alone stall where region boundaries cross: every box around such a point
keeps the same unstable neurons, hence the same relaxed bound, however small it gets.
Given a ``solve_leaf`` (the engine passes its MIP), a box with at most ``leaf_unstable``
unstable neurons whose bound fell by less than ``1 − PLATEAU`` from its parent's is
solved exactly instead of split (with floor ``max(lower, stop_at)``): such a MIP has few
binaries and tight big-M constants, and it is what settles the boxes on the plateau.
The leaf solver gets the box's bounds on each ``v·g`` as well (:class:`BoxBound`): on
such boxes only one or two directions can still beat the floor.
A leaf MIP that does not settle (time limit) keeps its proven bound, and the search
cannot close. Boundaries that cross at a single point (a network not in general
position, e.g. without biases) keep every neuron unstable on every box around that
point, so such boxes would be split forever: when the box to split has its widest side
below ``MIN_SIDE`` times the whole box's, the search stops there, not closed (the
engine's whole-box MIP, which handles such networks, takes over).

With box bounds only it closes quickly when the input has few dimensions (2–4 inputs:
tens to hundreds of boxes) and seldom beyond: the number of boxes needed grows with the
dimension, and ``2^n`` directions make every bound dearer.
"""

from __future__ import annotations

import heapq
import itertools
import time
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .backends import Progress
from .bounds import NetworkBounds, compute_bounds
from .bounds.gradient import direction_upper_bounds
from .domain import Box
from .network.ir import Network
from .norms import NormSpec, dual_norm_value, sign_vectors

MAX_DIRECTIONS = 1024
# The bracket is reported every CHECK_SECONDS.
CHECK_SECONDS = 0.5
# A box whose bound is above PLATEAU times its parent's has stopped gaining from splits.
PLATEAU = 0.9
# The search stops (not closed) rather than split a box whose widest side is below
# this fraction of the whole box's.
MIN_SIDE = 1e-3


@dataclass(frozen=True)
class SplitResult:
    """``lower`` (attained at ``point`` with output direction ``direction``), a proven
    ``upper`` and whether the search ``closed`` (no box left that could beat
    ``max(lower, stop_at)``); ``leaves`` boxes were solved by ``solve_leaf``, with
    ``leaf_nodes`` solver nodes in all."""

    lower: float
    point: np.ndarray
    direction: np.ndarray
    upper: float
    closed: bool
    boxes: int
    seconds: float
    leaves: int = 0
    leaf_nodes: int = 0


@dataclass(frozen=True)
class Leaf:
    """What an exact solve established on one box: a verified ``lower`` attained at
    ``point`` (with output direction ``direction``) and a proven ``upper``; ``settled``
    when the solve finished (``upper`` is then within the closing tolerance of
    ``max(lower, floor)``)."""

    lower: float
    point: np.ndarray
    direction: np.ndarray
    upper: float
    settled: bool
    nodes: int


@dataclass(frozen=True, eq=False)
class BoxBound:
    """``U(B)`` (``upper``) and what it comes from: the box's network ``bounds`` and,
    when the extreme directions are enumerated, ``direction_upper[i]``, a sound bound
    on ``directions[i]·g`` over the box (``upper`` is at most their largest)."""

    upper: float
    bounds: NetworkBounds
    directions: np.ndarray | None = None
    direction_upper: np.ndarray | None = None


# (box, its bound, floor) -> Leaf: only values above the floor need be found
LeafSolver = Callable[[Box, BoxBound, float], Leaf]


def extreme_directions(norm: str, dim: int) -> np.ndarray | None:
    """The extreme points of the ``norm`` unit ball of R^dim, or None when too many."""
    if norm == "l1":
        return np.vstack([np.eye(dim), -np.eye(dim)])
    if 2**dim > MAX_DIRECTIONS:
        return None
    return sign_vectors(dim)


def interval_upper_bound(bounds: NetworkBounds, norm: str) -> float:
    """``||max(|l|, |u|)||_{α*}`` of the gradient bounds: sound for the objective."""
    g = bounds.input_gradient
    return float(dual_norm_value(np.maximum(np.abs(g.lower), np.abs(g.upper)), norm))


def box_upper_bound(network: Network, box: Box, spec: NormSpec, method: str, directions: np.ndarray | None) -> BoxBound:
    """``U(B)``, a sound bound on ``||g||_{α*}`` over ``box``, with what it comes from."""
    b = compute_bounds(network, box, spec, method=method)
    upper = interval_upper_bound(b, spec.norm)
    if directions is None:
        return BoxBound(upper, b)
    per_direction = direction_upper_bounds(network, spec, b.gradient, b.states, directions)
    return BoxBound(min(upper, float(per_direction.max())), b, directions, per_direction)


def split_input_box(
    network: Network,
    box: Box,
    spec: NormSpec,
    *,
    method: str,
    lower: float,
    point: np.ndarray,
    direction: np.ndarray,
    budget: float,
    stop_at: float = -np.inf,
    gap: tuple[float, float] = (1e-6, 1e-8),
    on_progress: Callable[[Progress], None] | None = None,
    check_seconds: float = CHECK_SECONDS,
    solve_leaf: LeafSolver | None = None,
    leaf_unstable: int = 0,
) -> SplitResult:
    """Best-first branch and bound over ``box`` for at most ``budget`` seconds, starting
    from the verified ``lower`` attained at ``point``. A box is dropped when its bound is
    at most ``t + gap[0]·|t| + gap[1]`` for ``t = max(lower, stop_at)``; with
    ``solve_leaf``, boxes on a plateau with at most ``leaf_unstable`` unstable neurons
    are solved by it (see the module docstring). ``on_progress`` gets the bracket
    (nodes = boxes plus leaf nodes) every ``check_seconds`` and at the end."""
    start = time.perf_counter()
    directions = extreme_directions(spec.norm, network.input_dim)
    best = [lower, point, direction]
    tally = {"boxes": 1, "leaves": 0, "leaf_nodes": 0}
    closed_upper = [-np.inf]  # the largest bound of a box given up or settled (at most the threshold then)
    unsettled_upper = [-np.inf]  # the largest bound of a leaf whose solve did not finish (or of a box too small to split)
    min_side = MIN_SIDE * float(np.max(box.upper - box.lower))

    def floor() -> float:
        return max(best[0], stop_at)

    def threshold() -> float:
        return floor() + gap[0] * abs(floor()) + gap[1]

    def offer(value: float, at: np.ndarray, towards: np.ndarray) -> None:
        if value > best[0]:
            best[:] = [value, at, towards]

    def visit(boxes: list[Box], parent: float) -> list[tuple[float, Box, BoxBound | None]]:
        """(U, box, its bound if it is a leaf else None) for each box; its centre is tried."""
        centres = np.vstack([b.center for b in boxes])
        values = spec.values(network.jacobian(centres))
        i = int(np.argmax(values))
        if values[i] > best[0]:
            value, towards = spec.best_direction(network.jacobian(centres[i]))
            offer(value, centres[i], towards)
        out = []
        for b in boxes:
            bound = box_upper_bound(network, b, spec, method, directions)
            leaf = solve_leaf is not None and bound.bounds.num_unstable <= leaf_unstable and bound.upper > PLATEAU * parent
            out.append((bound.upper, b, bound if leaf else None))
        return out

    def settle(u: float, b: Box, bound: BoxBound) -> None:
        leaf = solve_leaf(b, bound, floor())
        tally["leaves"] += 1
        tally["leaf_nodes"] += leaf.nodes
        offer(leaf.lower, leaf.point, leaf.direction)
        target = closed_upper if leaf.settled else unsettled_upper
        target[0] = max(target[0], min(u, leaf.upper))

    order = itertools.count()
    heap: list = []

    def push(entries) -> None:
        for u, b, leaf_bound in entries:
            if u > threshold():
                heapq.heappush(heap, (-u, next(order), b, leaf_bound))
            else:
                closed_upper[0] = max(closed_upper[0], u)

    push(visit([box], np.inf))
    checked = start

    def proven_upper() -> float:
        return max(best[0], closed_upper[0], unsettled_upper[0], -heap[0][0] if heap else -np.inf)

    def report() -> None:
        if on_progress is not None:
            nodes = tally["boxes"] + tally["leaf_nodes"]
            on_progress(Progress(time.perf_counter() - start, best[0], proven_upper(), nodes))

    report()
    while heap and time.perf_counter() - start < budget:
        if time.perf_counter() - checked > check_seconds:
            checked = time.perf_counter()
            report()
        if -heap[0][0] <= threshold():
            closed_upper[0] = max(closed_upper[0], -heap[0][0])
            heap = []
            break
        minus_u, _, popped, leaf_bound = heapq.heappop(heap)
        if leaf_bound is not None:
            settle(-minus_u, popped, leaf_bound)
            continue
        if float(np.max(popped.upper - popped.lower)) <= min_side:
            unsettled_upper[0] = max(unsettled_upper[0], -minus_u)
            break
        children = visit(_halves(popped), -minus_u)
        tally["boxes"] += len(children)
        push(children)
    report()
    closed = not heap and unsettled_upper[0] == -np.inf
    return SplitResult(
        best[0], best[1], best[2], proven_upper(), closed, tally["boxes"], time.perf_counter() - start, tally["leaves"], tally["leaf_nodes"]
    )


def _halves(box: Box) -> list[Box]:
    """The two halves of ``box`` across its widest coordinate."""
    j = int(np.argmax(box.upper - box.lower))
    middle = 0.5 * (box.lower[j] + box.upper[j])
    upper, lower = box.upper.copy(), box.lower.copy()
    upper[j], lower[j] = middle, middle
    return [Box(box.lower, upper), Box(lower, box.upper)]
