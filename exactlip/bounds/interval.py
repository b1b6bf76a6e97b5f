"""Interval arithmetic for affine maps, forward and backward.

For ``y = W x + b`` with ``x ∈ [l, u]`` the tightest box is, in centre–radius form,
``mid(y) = W mid(x) + b`` and ``rad(y) = |W| rad(x)``. It is exact for one affine map
of a box and loses correlations when maps are chained. A sum of affine maps of several
boxes, ``Σ_j W_j x_j + b``, has ``mid = Σ_j W_j mid(x_j) + b``, ``rad = Σ_j |W_j| rad(x_j)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp


@dataclass(frozen=True)
class Interval:
    """Coordinate-wise bounds ``lower <= v <= upper`` of a vector quantity."""

    lower: np.ndarray
    upper: np.ndarray

    def affine(self, weight, bias: np.ndarray | None = None) -> "Interval":
        """Bounds of ``weight @ v + bias`` over this box (``weight`` dense or sparse)."""
        return affine_sum([(weight, self)], bias)

    def relu(self) -> "Interval":
        return Interval(np.maximum(self.lower, 0.0), np.maximum(self.upper, 0.0))

    def activate(self, negative_slope: float) -> "Interval":
        """Bounds of ``σ_α(v)`` (``v`` for ``v > 0``, ``α v`` otherwise): the extremes of a
        function linear on each side of 0 lie at the ends of the box or at 0."""
        if negative_slope == 0.0:
            return self.relu()
        lo, hi = self.lower, self.upper
        ends = np.stack([np.where(v > 0, v, negative_slope * v) for v in (lo, hi)])
        kink = np.where((lo < 0) & (hi > 0), 0.0, ends[0])
        return Interval(np.minimum(ends.min(axis=0), kink), np.maximum(ends.max(axis=0), kink))

    def contains(self, values: np.ndarray, tol: float = 0.0) -> bool:
        """Whether every row of ``values`` lies in the box (with absolute slack ``tol``)."""
        return bool(np.all(values >= self.lower - tol) and np.all(values <= self.upper + tol))

    @property
    def width(self) -> np.ndarray:
        return self.upper - self.lower


def affine_sum(terms: list, bias: np.ndarray | None = None) -> Interval:
    """Bounds of ``Σ_j W_j v_j + bias`` for ``terms = [(W_j, Interval of v_j), …]``."""
    out_mid, out_rad = 0.0, 0.0
    for weight, box in terms:
        out_mid = out_mid + weight @ (0.5 * (box.lower + box.upper))
        out_rad = out_rad + abs(weight) @ (0.5 * (box.upper - box.lower))
    if bias is not None:
        out_mid = out_mid + bias
    return Interval(out_mid - out_rad, out_mid + out_rad)


def tighten_box(a: np.ndarray, b: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An outer box of ``{a x <= b, lo <= x <= hi}`` by one pass of interval
    propagation: row ``r`` gives ``a_rj x_j <= b_r − Σ_{l≠j} min(a_rl lo_l, a_rl hi_l)``,
    an upper bound on ``x_j`` where ``a_rj > 0`` and a lower one where ``a_rj < 0``.
    Every point of the set lies in the box, so the set is empty where it comes out
    with ``lo > hi``. Leading axes of ``a`` (rows on the last but one) and ``b`` (rows
    on the last) are sets of rows tightened each on its own."""
    least = np.minimum(a * lo, a * hi)
    rest = b[..., None] - (least.sum(axis=-1, keepdims=True) - least)
    with np.errstate(divide="ignore", invalid="ignore"):
        limit = rest / a
    hi = np.minimum(hi, np.min(np.where(a > 0, limit, np.inf), axis=-2, initial=np.inf))
    lo = np.maximum(lo, np.max(np.where(a < 0, limit, -np.inf), axis=-2, initial=-np.inf))
    return lo, hi


def range_by_negation(upper_bound, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds of ``rows @ y`` from ``upper_bound``, a sound upper bound of
    ``coefficients @ y`` per row of ``coefficients``: one call on ``[rows; −rows]``, since
    over a relaxation the least value of a linear function is minus the largest value
    of its negation. ``rows`` may be sparse (:func:`unit_rows`)."""
    both = upper_bound(sp.vstack([rows, -rows], format="csr") if sp.issparse(rows) else np.vstack([rows, -rows]))
    n = rows.shape[0]
    return -both[n:], both[:n]


# From this layer width on, :func:`unit_rows` are sparse.
SPARSE_UNIT_ROWS_FROM = 256


def unit_rows(size: int, picked: np.ndarray):
    """The rows ``picked`` (indices) of the ``size × size`` identity: the coefficients
    that bound single neurons. Sparse on layers of ``SPARSE_UNIT_ROWS_FROM`` neurons or
    more, so that the first back-substitution step ``rows @ W`` picks rows of ``W``
    instead of multiplying by a dense identity (on the 4-640-640-1 network, the linear
    bounds take 48 ms instead of 70); dense below, where scipy's fixed cost per operation
    (tenths of a millisecond) exceeds the product's."""
    picked = np.asarray(picked, dtype=np.int64)
    if size < SPARSE_UNIT_ROWS_FROM:
        return np.eye(size)[picked]
    return sp.csr_array((np.ones(picked.size), (np.arange(picked.size), picked)), shape=(picked.size, size))
