"""Objective encoding: the dual norm ``||g||_{α*}`` of the gradient, maximised.

Let ``g ∈ [l, u]`` coordinate-wise (from the backward bounds).

* ``α = ∞`` (maximise ``Σ_i |g_i|``): a coordinate with ``l_i >= 0`` contributes
  ``g_i``, one with ``u_i <= 0`` contributes ``−g_i``; any other gets ``t_i ∈ [0,
  max(−l_i, u_i)]`` and a binary ``σ_i`` with

      t_i <= g_i + 2|l_i| (1 − σ_i),    t_i <= −g_i + 2 u_i σ_i,

  so at the optimum ``t_i = |g_i|`` (``σ_i`` picks the sign).
* ``α = 1`` (maximise ``max_i |g_i|``): the candidates are the pairs (i, ±) whose
  largest value ``±g_i`` can reach ``T_lo``, the largest magnitude guaranteed by a
  fixed-sign coordinate. One candidate: the objective is ``±g_i``. Several: a column
  ``T`` and one binary ``y`` per candidate, ``Σ y = 1`` and
  ``T <= ±g_i + M (1 − y)`` with ``M = T_hi − min(±g_i)``.

Either norm is the largest ``v·g`` over the extreme points ``v`` of the primal unit ball
(``{±1}^n``, resp. ``{±e_i}``): :func:`encode_direction` is the objective of one of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..bounds import Interval
from .affine import Affine
from .model import ModelBuilder


def _no_indices() -> np.ndarray:
    return np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class ObjectiveEncoding:
    """Columns of the norm objective; ``fill`` writes them for a given gradient."""

    norm: str
    abs_coords: np.ndarray = field(default_factory=_no_indices)
    t_cols: np.ndarray = field(default_factory=_no_indices)
    sigma_cols: np.ndarray = field(default_factory=_no_indices)
    candidates: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), dtype=np.int64))  # (coordinate, sign)
    max_col: np.ndarray = field(default_factory=_no_indices)
    y_cols: np.ndarray = field(default_factory=_no_indices)

    def fill(self, values: np.ndarray, gradient: np.ndarray) -> None:
        if self.norm == "linf":
            g = gradient[self.abs_coords]
            values[self.t_cols] = np.abs(g)
            values[self.sigma_cols] = g >= 0
            return
        if self.y_cols.size:
            signed = gradient[self.candidates[:, 0]] * self.candidates[:, 1]
            best = int(np.argmax(signed))
            values[self.y_cols] = 0.0
            values[self.y_cols[best]] = 1.0
            values[self.max_col] = signed[best]


def encode_objective(builder: ModelBuilder, gradient: Affine, bounds: Interval, norm: str) -> tuple[ObjectiveEncoding, Affine]:
    """Add the objective's columns and rows; return them and the objective expression."""
    if norm == "linf":
        return _encode_sum_of_abs(builder, gradient, bounds)
    return _encode_max_abs(builder, gradient, bounds)


def encode_direction(gradient: Affine, direction: np.ndarray, norm: str) -> tuple[ObjectiveEncoding, Affine]:
    """The linear objective ``v·g`` for one extreme point ``v`` of the primal unit ball
    (no columns, no rows): ``||g||_{α*}`` is the largest of these over the extreme
    points, so one such model per direction replaces the sign (or choice) binaries."""
    return ObjectiveEncoding(norm), gradient.left_multiply(np.asarray(direction, dtype=np.float64)[None, :])


def _sum_rows(expr: Affine) -> Affine:
    return expr.left_multiply(np.ones((1, expr.size)))


def _encode_sum_of_abs(builder: ModelBuilder, gradient: Affine, bounds: Interval) -> tuple[ObjectiveEncoding, Affine]:
    lo, hi = bounds.lower, bounds.upper
    sign = np.where(lo >= 0, 1.0, np.where(hi <= 0, -1.0, 0.0))
    free = np.flatnonzero(sign == 0)
    fixed = np.flatnonzero(sign != 0)
    objective = _sum_rows(gradient.take(fixed).scaled(sign[fixed]))
    if free.size == 0:
        return ObjectiveEncoding("linf"), objective
    lo_f, hi_f = lo[free], hi[free]
    t_cols = builder.add_columns([f"t_{i}" for i in free], 0.0, np.maximum(-lo_f, hi_f))
    sigma_cols = builder.add_columns([f"sigma_{i}" for i in free], 0.0, 1.0, integer=True)
    t, sigma, g = Affine.columns(t_cols), Affine.columns(sigma_cols), gradient.take(free)
    builder.add_rows(t - g - sigma.scaled(2.0 * lo_f), -np.inf, -2.0 * lo_f, "abs_pos")
    builder.add_rows(t + g - sigma.scaled(2.0 * hi_f), -np.inf, 0.0, "abs_neg")
    return ObjectiveEncoding("linf", abs_coords=free, t_cols=t_cols, sigma_cols=sigma_cols), objective + _sum_rows(t)


def _encode_max_abs(builder: ModelBuilder, gradient: Affine, bounds: Interval) -> tuple[ObjectiveEncoding, Affine]:
    lo, hi = bounds.lower, bounds.upper
    guaranteed = np.maximum(np.maximum(lo, -hi), 0.0)
    t_lo = float(guaranteed.max(initial=0.0))
    pos = np.flatnonzero((hi > 0) & (hi >= t_lo))
    neg = np.flatnonzero((lo < 0) & (-lo >= t_lo))
    candidates = np.vstack([np.column_stack([pos, np.ones_like(pos)]), np.column_stack([neg, -np.ones_like(neg)])])
    if candidates.shape[0] == 0:
        return ObjectiveEncoding("l1"), Affine.constant([0.0])
    coords, signs = candidates[:, 0], candidates[:, 1].astype(np.float64)
    signed = gradient.take(coords).scaled(signs)
    if candidates.shape[0] == 1:
        return ObjectiveEncoding("l1", candidates=candidates), signed
    top = np.where(signs > 0, hi[coords], -lo[coords])
    bottom = np.where(signs > 0, lo[coords], -hi[coords])
    t_hi = float(top.max())
    max_col = builder.add_columns(["gmax"], t_lo, t_hi)
    y_cols = builder.add_columns([f"y_{i}_{'p' if s > 0 else 'n'}" for i, s in candidates], 0.0, 1.0, integer=True)
    y = Affine.columns(y_cols)
    builder.add_rows(_sum_rows(y), 1.0, 1.0, "one_coordinate")
    big_m = t_hi - bottom
    t = Affine.columns(np.repeat(max_col, coords.size))
    builder.add_rows(t - signed + y.scaled(big_m), -np.inf, big_m, "max_abs")
    encoding = ObjectiveEncoding("l1", candidates=candidates, max_col=max_col, y_cols=y_cols)
    return encoding, Affine.columns(max_col)
