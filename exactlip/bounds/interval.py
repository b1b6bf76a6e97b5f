"""Interval arithmetic for affine maps, forward and backward.

For ``y = W x + b`` with ``x ∈ [l, u]`` the tightest box is, in centre–radius form,
``mid(y) = W mid(x) + b`` and ``rad(y) = |W| rad(x)``. It is exact for one affine map
of a box and loses correlations when maps are chained.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Interval:
    """Coordinate-wise bounds ``lower <= v <= upper`` of a vector quantity."""

    lower: np.ndarray
    upper: np.ndarray

    def affine(self, weight: np.ndarray, bias: np.ndarray | None = None) -> "Interval":
        """Bounds of ``weight @ v + bias`` over this box."""
        mid = 0.5 * (self.lower + self.upper)
        rad = 0.5 * (self.upper - self.lower)
        out_mid = weight @ mid + (0.0 if bias is None else bias)
        out_rad = np.abs(weight) @ rad
        return Interval(out_mid - out_rad, out_mid + out_rad)

    def relu(self) -> "Interval":
        return Interval(np.maximum(self.lower, 0.0), np.maximum(self.upper, 0.0))

    def contains(self, values: np.ndarray, tol: float = 0.0) -> bool:
        """Whether every row of ``values`` lies in the box (with absolute slack ``tol``)."""
        return bool(np.all(values >= self.lower - tol) and np.all(values <= self.upper + tol))

    @property
    def width(self) -> np.ndarray:
        return self.upper - self.lower
