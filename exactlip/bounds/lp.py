"""LP tightening of pre-activation bounds (the triangle relaxation, layer by layer).

For hidden layer k, the LP over ``x ∈ X`` and the outputs ``s_0 … s_{k-1}`` has, per
neuron of an earlier layer j with ``z = Σ_i W_{j,i} s_i + b_j`` (skip edges included),
bounds ``[l, u]`` and activation ``σ_α`` (``α = 0``: ReLU):

* active (``l >= 0``): ``s = z``;   inactive (``u <= 0``): ``s = α z`` and ``z <= 0``;
* unstable: ``s >= z``, ``s >= α z``, ``s <= (u − α l)(z − l) / (u − l) + α l``
  (the convex hull), and ``s`` within the activation's range over ``[l, u]``.

Maximising and minimising ``z_{k,i}`` over it bounds every pre-activation soundly and
at least as tightly as back-substitution (whose lines are constraints of this LP).
Neurons that are still unstable are tightened layer by layer, shallow layers first
(smaller LPs), within a time budget; past the budget the remaining neurons keep their
linear bounds. The LPs are solved with ``scipy.optimize.linprog`` (HiGHS inside scipy).
"""

from __future__ import annotations

import time

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

from ..domain import Box
from ..network.ir import Network
from .interval import Interval
from .linear import linear_preactivation_bounds

DEFAULT_LP_BUDGET = 5.0
# LP optima are exact only up to the solver's feasibility tolerance (1e-7 in scipy's
# HiGHS): every bound is pushed outwards by this much (relative, plus absolute) to stay sound.
LP_SAFETY = 1e-6


def _loosened(value: float, direction: int) -> float:
    return value + direction * LP_SAFETY * (1.0 + abs(value))


def _preactivation_rows(network: Network, k: int, offsets: np.ndarray, total: int) -> sp.csr_array:
    """``z_k - b_k`` as rows over ``v = (x, s_0, …)`` (columns of layer j at ``offsets[j + 1]``)."""
    blocks = []
    for j, w in network.incoming(k):
        place = sp.csr_array(
            (np.ones(w.shape[1]), (np.arange(w.shape[1]), np.arange(offsets[j + 1], offsets[j + 2]))),
            shape=(w.shape[1], total),
        )
        blocks.append(sp.csr_array(w) @ place)
    return sp.csr_array(sum(blocks[1:], blocks[0]))


def _relaxation_rows(network: Network, box: Box, bounds: list[Interval], depth: int):
    """Constraints ``A_ub v <= b_ub``, ``A_eq v = b_eq`` and column bounds of the triangle
    relaxation of layers ``0 … depth-1``; ``v = (x, s_0, …, s_{depth-1})``."""
    sizes = [network.input_dim] + [network.weights[j].shape[0] for j in range(depth)]
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    total = int(offsets[-1])
    col_bounds = list(zip(box.lower, box.upper))
    ub_rows, ub_rhs, eq_rows, eq_rhs = [], [], [], []
    for j in range(depth):
        b, alpha = network.biases[j], network.negative_slopes[j]
        lo, hi = bounds[j].lower, bounds[j].upper
        own = np.arange(offsets[j + 1], offsets[j + 2])
        z_part = _preactivation_rows(network, j, offsets, total)
        s_part = sp.csr_array((np.ones(own.size), (np.arange(own.size), own)), shape=(own.size, total))
        active, inactive = lo >= 0, hi <= 0
        unstable = ~(active | inactive)
        if active.any():
            eq_rows.append(s_part[active] - z_part[active])
            eq_rhs.append(b[active])
        if inactive.any():
            eq_rows.append(s_part[inactive] - alpha * z_part[inactive])
            eq_rhs.append(alpha * b[inactive])
            ub_rows.append(z_part[inactive])
            ub_rhs.append(-b[inactive])
        if unstable.any():
            lo_u, hi_u, b_u = lo[unstable], hi[unstable], b[unstable]
            slope = (hi_u - alpha * lo_u) / (hi_u - lo_u)
            ub_rows.append(z_part[unstable] - s_part[unstable])  # s >= z
            ub_rhs.append(-b_u)
            if alpha != 0.0:
                ub_rows.append(alpha * z_part[unstable] - s_part[unstable])  # s >= α z
                ub_rhs.append(-alpha * b_u)
            ub_rows.append(s_part[unstable] - sp.diags_array(slope) @ z_part[unstable])  # s <= chord
            ub_rhs.append(slope * (b_u - lo_u) + alpha * lo_u)
        reach = bounds[j].activate(alpha)
        col_bounds += list(zip(reach.lower, reach.upper))
    stack = lambda rows: sp.csr_array(sp.vstack(rows)) if rows else None  # noqa: E731
    cat = lambda parts: np.concatenate(parts) if parts else None  # noqa: E731
    return stack(ub_rows), cat(ub_rhs), stack(eq_rows), cat(eq_rhs), col_bounds, offsets


def lp_preactivation_bounds(network: Network, box: Box, budget: float = DEFAULT_LP_BUDGET) -> list[Interval]:
    """Linear bounds, then LP tightening of the unstable neurons while time remains."""
    deadline = time.perf_counter() + budget
    bounds = linear_preactivation_bounds(network, box)
    for k in range(1, len(bounds)):
        if time.perf_counter() >= deadline:
            break
        lo, hi = bounds[k].lower.copy(), bounds[k].upper.copy()
        unstable = np.flatnonzero((lo < 0) & (hi > 0))
        if unstable.size == 0:
            continue
        a_ub, b_ub, a_eq, b_eq, col_bounds, offsets = _relaxation_rows(network, box, bounds, k)
        z_rows = _preactivation_rows(network, k, offsets, int(offsets[-1]))
        b = network.biases[k]
        order = unstable[np.argsort(np.minimum(-lo[unstable], hi[unstable]))]
        for i in order:
            if time.perf_counter() >= deadline:
                break
            cost = z_rows[[i]].toarray()[0]
            top = linprog(-cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=col_bounds, method="highs")
            if top.status == 0:
                hi[i] = min(hi[i], _loosened(-top.fun + b[i], +1))
            if hi[i] > 0:
                bottom = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=col_bounds, method="highs")
                if bottom.status == 0:
                    lo[i] = max(lo[i], _loosened(bottom.fun + b[i], -1))
        bounds[k] = Interval(lo, np.maximum(hi, lo))
        bounds = bounds[: k + 1] + _relinearise_deeper(network, box, bounds[: k + 1])
    return bounds


def _relinearise_deeper(network: Network, box: Box, fixed: list[Interval]) -> list[Interval]:
    """Linear bounds of the layers after ``fixed``, recomputed on top of the tightened ones."""
    return linear_preactivation_bounds(network, box, given=fixed)[len(fixed) :]
