"""The solver-neutral mixed-integer linear program.

A :class:`MilpModel` is plain arrays: column bounds and integrality, a CSR constraint
matrix with row bounds ``row_lower <= A x <= row_upper`` (±inf for a missing side), an
objective ``objective @ x + objective_offset`` and its sense. Backends translate it;
nothing here imports a solver. :class:`ModelBuilder` assembles one from blocks of
columns and blocks of rows given as :class:`~exactlip.mip.affine.Affine` expressions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from .affine import Affine


@dataclass(frozen=True, eq=False)
class MilpModel:
    """``max/min objective @ x + offset  s.t.  row_lower <= A x <= row_upper``, bounds, integrality."""

    col_lower: np.ndarray
    col_upper: np.ndarray
    integrality: np.ndarray
    col_names: list[str]
    matrix: sp.csr_array
    row_lower: np.ndarray
    row_upper: np.ndarray
    row_names: list[str]
    objective: np.ndarray
    objective_offset: float = 0.0
    sense: str = "maximize"
    name: str = "exactlip"
    metadata: dict = field(default_factory=dict)

    @property
    def num_cols(self) -> int:
        return int(self.col_lower.size)

    @property
    def num_rows(self) -> int:
        return int(self.row_lower.size)

    @property
    def num_integer(self) -> int:
        return int(np.count_nonzero(self.integrality))

    @property
    def num_nonzeros(self) -> int:
        return int(self.matrix.nnz)

    def objective_value(self, values: np.ndarray) -> float:
        return float(self.objective @ values + self.objective_offset)

    def max_violation(self, values: np.ndarray) -> float:
        """Largest violation of a bound, a row or integrality by the assignment ``values``."""
        activity = self.matrix @ values
        parts = [
            self.col_lower - values,
            values - self.col_upper,
            self.row_lower - activity,
            activity - self.row_upper,
            np.abs(values - np.round(values)) * self.integrality,
        ]
        return float(max((np.max(p, initial=0.0) for p in parts), default=0.0))

    def sizes(self) -> dict:
        return {
            "variables": self.num_cols,
            "binaries": self.num_integer,
            "constraints": self.num_rows,
            "nonzeros": self.num_nonzeros,
        }

    def to_mps(self, path) -> Path:
        """Write the model in free MPS format (see :mod:`exactlip.mip.export`)."""
        from .export import write_mps

        return write_mps(self, Path(path))

    def to_lp(self, path) -> Path:
        """Write the model in CPLEX LP format (see :mod:`exactlip.mip.export`)."""
        from .export import write_lp

        return write_lp(self, Path(path))


class ModelBuilder:
    """Collects column blocks and row blocks, then freezes them into a :class:`MilpModel`."""

    def __init__(self) -> None:
        self._lower: list[np.ndarray] = []
        self._upper: list[np.ndarray] = []
        self._integer: list[np.ndarray] = []
        self._col_names: list[str] = []
        self._rows: list[tuple[Affine, np.ndarray, np.ndarray, str]] = []
        self.num_cols = 0

    def add_columns(self, names: list[str], lower, upper, integer: bool = False) -> np.ndarray:
        """Append ``len(names)`` columns; returns their indices."""
        count = len(names)
        self._lower.append(np.broadcast_to(np.asarray(lower, dtype=np.float64), (count,)).copy())
        self._upper.append(np.broadcast_to(np.asarray(upper, dtype=np.float64), (count,)).copy())
        self._integer.append(np.full(count, integer))
        self._col_names.extend(names)
        indices = np.arange(self.num_cols, self.num_cols + count)
        self.num_cols += count
        return indices

    def add_rows(self, expr: Affine, lower, upper, prefix: str) -> None:
        """Constrain ``lower <= expr <= upper`` entry by entry (±inf for no bound)."""
        if expr.size == 0:
            return
        lower = np.broadcast_to(np.asarray(lower, dtype=np.float64), (expr.size,))
        upper = np.broadcast_to(np.asarray(upper, dtype=np.float64), (expr.size,))
        self._rows.append((expr, lower - expr.const, upper - expr.const, prefix))

    def build(self, objective: Affine, sense: str = "maximize", name: str = "exactlip", metadata=None) -> MilpModel:
        width = self.num_cols
        blocks = [expr.padded(width) for expr, _, _, _ in self._rows]
        matrix = sp.csr_array(np.vstack(blocks)) if blocks else sp.csr_array((0, width))
        row_names = [f"{prefix}_{i}" for expr, _, _, prefix in self._rows for i in range(expr.size)]
        cat = lambda parts: np.concatenate(parts) if parts else np.zeros(0)  # noqa: E731
        return MilpModel(
            col_lower=cat(self._lower),
            col_upper=cat(self._upper),
            integrality=cat(self._integer).astype(bool),
            col_names=list(self._col_names),
            matrix=matrix,
            row_lower=cat([lo for _, lo, _, _ in self._rows]),
            row_upper=cat([hi for _, _, hi, _ in self._rows]),
            row_names=row_names,
            objective=objective.padded(width)[0].copy(),
            objective_offset=float(objective.const[0]),
            sense=sense,
            name=name,
            metadata=dict(metadata or {}),
        )
