"""Vectors of affine expressions over MIP columns: ``v = M @ cols + const``.

``M`` is a sparse matrix whose width is the number of columns that existed when the
expression was made; columns created later simply do not appear in it, so operands
are padded to a common width when combined. All arithmetic is array arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp


def _padded(matrix: sp.csr_array, width: int) -> sp.csr_array:
    if matrix.shape[1] == width:
        return matrix
    matrix = matrix.copy()
    matrix.resize((matrix.shape[0], width))
    return matrix


@dataclass(frozen=True)
class Affine:
    """``matrix @ cols + const``: ``len(const)`` affine functions of the columns."""

    matrix: sp.csr_array
    const: np.ndarray

    @classmethod
    def constant(cls, values) -> "Affine":
        values = np.asarray(values, dtype=np.float64)
        return cls(sp.csr_array((values.size, 0)), values.copy())

    @classmethod
    def columns(cls, indices) -> "Affine":
        """The columns themselves, one expression per index."""
        indices = np.asarray(indices, dtype=np.int64)
        width = int(indices.max()) + 1 if indices.size else 0
        data = np.ones(indices.size)
        matrix = sp.csr_array((data, (np.arange(indices.size), indices)), shape=(indices.size, width))
        return cls(matrix, np.zeros(indices.size))

    @classmethod
    def scatter(cls, size: int, parts: list[tuple[np.ndarray, "Affine"]]) -> "Affine":
        """A length-``size`` vector whose entries at ``idx`` are ``part`` (zero elsewhere)."""
        width = max((p.width for _, p in parts), default=0)
        matrix = sp.csr_array((size, width))
        const = np.zeros(size)
        for idx, part in parts:
            idx = np.asarray(idx, dtype=np.int64)
            place = sp.csr_array((np.ones(idx.size), (idx, np.arange(idx.size))), shape=(size, idx.size))
            matrix = matrix + place @ _padded(part.matrix, width)
            const[idx] += part.const
        return cls(sp.csr_array(matrix), const)

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

    def padded(self, width: int) -> sp.csr_array:
        return _padded(self.matrix, width)

    def take(self, indices) -> "Affine":
        indices = np.asarray(indices, dtype=np.int64)
        return Affine(sp.csr_array(self.matrix[indices]), self.const[indices])

    def left_multiply(self, weight, bias: np.ndarray | None = None) -> "Affine":
        """``weight @ self + bias`` for a dense or sparse ``weight``."""
        matrix = sp.csr_array(sp.csr_array(weight) @ self.matrix)
        matrix.eliminate_zeros()
        const = weight @ self.const + (0.0 if bias is None else bias)
        return Affine(matrix, const)

    def __add__(self, other: "Affine") -> "Affine":
        width = max(self.width, other.width)
        return Affine(sp.csr_array(self.padded(width) + other.padded(width)), self.const + other.const)

    def __neg__(self) -> "Affine":
        return Affine(-self.matrix, -self.const)

    def __sub__(self, other: "Affine") -> "Affine":
        return self + (-other)

    def scaled(self, factors: np.ndarray) -> "Affine":
        """Row ``i`` multiplied by ``factors[i]``."""
        factors = np.asarray(factors, dtype=np.float64)
        return Affine(sp.csr_array(sp.diags_array(factors) @ self.matrix), self.const * factors)

    def evaluate(self, values: np.ndarray) -> np.ndarray:
        """The expressions at a full column assignment ``values``."""
        return self.matrix @ values[: self.width] + self.const
