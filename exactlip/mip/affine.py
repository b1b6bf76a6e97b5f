"""Vectors of affine expressions over MIP columns: ``v = M @ cols + const``.

``M`` is a dense ``[size, width]`` array whose width is the number of columns that
existed when the expression was made; columns created later simply do not appear in
it, so operands are padded with zero columns to a common width when combined. All
arithmetic is array arithmetic. Dense because the models are small (hundreds to a
few thousand columns): numpy on a dense block costs microseconds where every sparse
operation pays a fixed overhead of tens of them, and a model is built from hundreds
of such operations (a leaf MIP of the input-box search is built in milliseconds).
The price is memory: 8 bytes per neuron and column for a layer's expressions (a
1024-neuron layer over 7000 columns, far beyond what the MIP can solve, takes 57 MB).
The assembled model's matrix is sparse (:class:`~exactlip.mip.model.ModelBuilder`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def _padded(matrix: np.ndarray, width: int) -> np.ndarray:
    if matrix.shape[1] == width:
        return matrix
    out = np.zeros((matrix.shape[0], width))
    out[:, : matrix.shape[1]] = matrix
    return out


@dataclass(frozen=True)
class Affine:
    """``matrix @ cols + const``: ``len(const)`` affine functions of the columns."""

    matrix: np.ndarray
    const: np.ndarray

    @classmethod
    def constant(cls, values) -> "Affine":
        values = np.asarray(values, dtype=np.float64)
        return cls(np.zeros((values.size, 0)), values.copy())

    @classmethod
    def columns(cls, indices) -> "Affine":
        """The columns themselves, one expression per index."""
        indices = np.asarray(indices, dtype=np.int64)
        width = int(indices.max()) + 1 if indices.size else 0
        matrix = np.zeros((indices.size, width))
        matrix[np.arange(indices.size), indices] = 1.0
        return cls(matrix, np.zeros(indices.size))

    @classmethod
    def scatter(cls, size: int, parts: list[tuple[np.ndarray, "Affine"]]) -> "Affine":
        """A length-``size`` vector whose entries at ``idx`` are ``part`` (zero elsewhere;
        the index sets are disjoint)."""
        width = max((p.width for _, p in parts), default=0)
        matrix = np.zeros((size, width))
        const = np.zeros(size)
        for idx, part in parts:
            idx = np.asarray(idx, dtype=np.int64)
            matrix[idx, : part.width] = part.matrix
            const[idx] = part.const
        return cls(matrix, const)

    @classmethod
    def total(cls, exprs: list["Affine"]) -> "Affine":
        """The entrywise sum of equally long expressions (at least one)."""
        out = exprs[0]
        for expr in exprs[1:]:
            out = out + expr
        return out

    @property
    def size(self) -> int:
        return int(self.const.size)

    @property
    def width(self) -> int:
        return int(self.matrix.shape[1])

    def padded(self, width: int) -> np.ndarray:
        return _padded(self.matrix, width)

    def take(self, indices) -> "Affine":
        indices = np.asarray(indices, dtype=np.int64)
        return Affine(self.matrix[indices], self.const[indices])

    def left_multiply(self, weight, bias: np.ndarray | None = None) -> "Affine":
        """``weight @ self + bias`` for a dense or sparse ``weight``."""
        matrix = np.asarray(weight @ self.matrix, dtype=np.float64)
        const = np.asarray(weight @ self.const, dtype=np.float64) + (0.0 if bias is None else bias)
        return Affine(matrix, const)

    def __add__(self, other: "Affine") -> "Affine":
        width = max(self.width, other.width)
        return Affine(self.padded(width) + other.padded(width), self.const + other.const)

    def __neg__(self) -> "Affine":
        return Affine(-self.matrix, -self.const)

    def __sub__(self, other: "Affine") -> "Affine":
        return self + (-other)

    def scaled(self, factors: np.ndarray) -> "Affine":
        """Row ``i`` multiplied by ``factors[i]``."""
        factors = np.asarray(factors, dtype=np.float64)
        return Affine(factors[:, None] * self.matrix, self.const * factors)

    def evaluate(self, values: np.ndarray) -> np.ndarray:
        """The expressions at a full column assignment ``values``."""
        return self.matrix @ values[: self.width] + self.const
