"""Branch and bound over the input box: a bracket from sub-box bounds, exact when it closes.

The local constant over X is the largest of the constants over the boxes of any
partition of X. Bounds computed on a sub-box B (:func:`~exactlip.bounds.compute_bounds`)
fix more neurons than bounds on X, and

    U(B) = min( ||max(|l_g|, |u_g|)||_{α*},  max_v UB_B(v·g) )

bounds ``||g||_{α*}`` over B: the first term from the coordinate bounds on g, the second
(:func:`~exactlip.bounds.gradient.dual_norm_upper_bound`) over the extreme points v of
the primal unit ball (``{±1}^n`` for ``α = ∞``, used while ``2^n <= MAX_DIRECTIONS``;
``{±e_i}`` for ``α = 1``). The Jacobian norm at the centre of every box (a point of X)
is a lower bound.

Best first: the open box with the largest U is split in two along its widest
coordinate; a box whose U cannot beat ``max(lower, stop_at)`` is dropped, which is
sound because U is. The proven ``upper`` is the largest U of the open boxes and of those
dropped; when no open box is left (``closed``) it is within the closing tolerance of
``max(lower, stop_at)``: ``lower`` is the constant, or the constant is at most ``stop_at``.

It closes quickly when the input has few dimensions (2–4 inputs: tens to hundreds of
boxes) and seldom beyond: the number of boxes needed grows with the dimension, and
``2^n`` directions make every bound dearer. The engine runs it before the MIP within a
small budget (:mod:`exactlip.exact`).
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
from .bounds.gradient import dual_norm_upper_bound
from .domain import Box
from .network.ir import Network
from .norms import NormSpec, dual_norm_value, sign_vectors

MAX_DIRECTIONS = 1024
# Every CHECK_SECONDS the bracket is reported, and the search gives up (stalled) unless
# its gap shrank by at least MIN_PROGRESS (a fraction) since the last check.
CHECK_SECONDS = 0.5
MIN_PROGRESS = 0.1


@dataclass(frozen=True)
class SplitResult:
    """``lower`` (attained at ``point`` with output direction ``direction``), a proven
    ``upper`` and whether the search ``closed`` (no box left that could beat
    ``max(lower, stop_at)``)."""

    lower: float
    point: np.ndarray
    direction: np.ndarray
    upper: float
    closed: bool
    boxes: int
    seconds: float


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


def box_upper_bound(network: Network, box: Box, spec: NormSpec, method: str, directions: np.ndarray | None) -> float:
    """``U(B)``: a sound bound on ``||g||_{α*}`` over ``box``."""
    b = compute_bounds(network, box, spec, method=method)
    upper = interval_upper_bound(b, spec.norm)
    if directions is not None:
        upper = min(upper, dual_norm_upper_bound(network, spec, b.gradient, b.states, directions))
    return upper


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
) -> SplitResult:
    """Best-first branch and bound over ``box`` for at most ``budget`` seconds, starting
    from the verified ``lower`` attained at ``point``. A box is dropped when its bound is
    at most ``t + gap[0]·|t| + gap[1]`` for ``t = max(lower, stop_at)``. ``on_progress``
    gets the bracket (nodes = boxes) every ``check_seconds`` and at the end; the search
    also stops early when its gap shrinks by less than MIN_PROGRESS between two checks
    (the bound stalls where region boundaries cross the boxes; the MIP does better)."""
    start = time.perf_counter()
    directions = extreme_directions(spec.norm, network.input_dim)
    best = [lower, point, direction]

    def threshold() -> float:
        target = max(best[0], stop_at)
        return target + gap[0] * abs(target) + gap[1]

    def visit(boxes: list[Box]) -> list[tuple[float, Box]]:
        centres = np.vstack([b.center for b in boxes])
        values = spec.values(network.jacobian(centres))
        i = int(np.argmax(values))
        if values[i] > best[0]:
            value, direction = spec.best_direction(network.jacobian(centres[i]))
            if value > best[0]:
                best[:] = [value, centres[i], direction]
        return [(box_upper_bound(network, b, spec, method, directions), b) for b in boxes]

    order = itertools.count()
    heap = [(-u, next(order), b) for u, b in visit([box])]
    dropped = -np.inf  # the largest bound of a box given up (at most the threshold then)
    count = 1
    checked = start

    def bracket_gap() -> float:
        bound = max(best[0], dropped, -heap[0][0] if heap else -np.inf)
        if on_progress is not None:
            on_progress(Progress(time.perf_counter() - start, best[0], bound, count))
        return bound - best[0]

    last_gap = bracket_gap()
    while heap and time.perf_counter() - start < budget:
        if time.perf_counter() - checked > check_seconds:
            checked, now_gap = time.perf_counter(), bracket_gap()
            if now_gap > (1.0 - MIN_PROGRESS) * last_gap:
                break
            last_gap = now_gap
        if -heap[0][0] <= threshold():
            dropped = max(dropped, -heap[0][0])
            heap = []
            break
        _, _, parent = heapq.heappop(heap)
        for u, child in visit(_halves(parent)):
            count += 1
            if u > threshold():
                heapq.heappush(heap, (-u, next(order), child))
            else:
                dropped = max(dropped, u)
    bracket_gap()
    open_upper = -heap[0][0] if heap else -np.inf
    upper = max(best[0], open_upper, dropped)
    return SplitResult(best[0], best[1], best[2], upper, not heap, count, time.perf_counter() - start)


def _halves(box: Box) -> list[Box]:
    """The two halves of ``box`` across its widest coordinate."""
    j = int(np.argmax(box.upper - box.lower))
    middle = 0.5 * (box.lower[j] + box.upper[j])
    upper, lower = box.upper.copy(), box.lower.copy()
    upper[j], lower[j] = middle, middle
    return [Box(box.lower, upper), Box(lower, box.upper)]
