"""Text exports of a :class:`~exactlip.mip.model.MilpModel`: free MPS and CPLEX LP.

Both write every column's bounds explicitly (readers differ in their defaults for
integer columns) and numbers with 17 significant digits, so a solver reading the file
solves exactly the in-memory model. In MPS the objective's constant is the negated
right-hand side of the objective row, the convention of HiGHS, Gurobi and CPLEX.
Files are written to a temporary name and renamed, so a failure leaves no half file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

import numpy as np

from .model import MilpModel


def _num(value: float) -> str:
    return format(float(value), ".17g")


def _atomic_write(path: Path, lines: Iterable[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w") as out:
            for line in lines:
                out.write(line)
                out.write("\n")
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return path


def _row_type(lower: float, upper: float) -> tuple[str, float, float | None]:
    """MPS row type, right-hand side and range for ``lower <= row <= upper``."""
    if lower == upper:
        return "E", lower, None
    if np.isinf(lower):
        return "L", upper, None
    if np.isinf(upper):
        return "G", lower, None
    return "G", lower, upper - lower


def _mps_lines(model: MilpModel) -> Iterable[str]:
    yield f"NAME {model.name}"
    yield "OBJSENSE"
    yield "    MAX" if model.sense == "maximize" else "    MIN"
    yield "ROWS"
    yield " N  obj"
    kinds = [_row_type(lo, hi) for lo, hi in zip(model.row_lower, model.row_upper)]
    for name, (kind, _, _) in zip(model.row_names, kinds):
        yield f" {kind}  {name}"
    yield "COLUMNS"
    csc = model.matrix.tocsc()
    in_integer_block = False
    for j, col in enumerate(model.col_names):
        if model.integrality[j] != in_integer_block:
            in_integer_block = bool(model.integrality[j])
            yield "    MARKER 'MARKER' " + ("'INTORG'" if in_integer_block else "'INTEND'")
        start, end = csc.indptr[j], csc.indptr[j + 1]
        entries = [("obj", model.objective[j])] if model.objective[j] != 0 or start == end else []
        entries += [(model.row_names[i], v) for i, v in zip(csc.indices[start:end], csc.data[start:end])]
        for row, value in entries:
            yield f"    {col} {row} {_num(value)}"
    if in_integer_block:
        yield "    MARKER 'MARKER' 'INTEND'"
    yield "RHS"
    if model.objective_offset != 0:
        yield f"    rhs obj {_num(-model.objective_offset)}"
    for name, (_, rhs, _) in zip(model.row_names, kinds):
        if rhs != 0:
            yield f"    rhs {name} {_num(rhs)}"
    ranged = [(name, rng) for name, (_, _, rng) in zip(model.row_names, kinds) if rng is not None]
    if ranged:
        yield "RANGES"
        for name, rng in ranged:
            yield f"    rng {name} {_num(rng)}"
    yield "BOUNDS"
    for col, lo, hi in zip(model.col_names, model.col_lower, model.col_upper):
        if lo == hi:
            yield f" FX bnd {col} {_num(lo)}"
            continue
        yield f" MI bnd {col}" if np.isinf(lo) else f" LO bnd {col} {_num(lo)}"
        yield f" PL bnd {col}" if np.isinf(hi) else f" UP bnd {col} {_num(hi)}"
    yield "ENDATA"


def write_mps(model: MilpModel, path: Path) -> Path:
    return _atomic_write(path, _mps_lines(model))


def _terms(indices, values, names) -> str:
    parts = [f"{'-' if v < 0 else '+'} {_num(abs(v))} {names[j]}" for j, v in zip(indices, values)]
    return " ".join(parts) if parts else "0 " + names[0]


def _lp_lines(model: MilpModel) -> Iterable[str]:
    names = model.col_names
    yield f"\\ {model.name} (written by exactlip)"
    yield "Maximize" if model.sense == "maximize" else "Minimize"
    nz = np.flatnonzero(model.objective)
    objective = _terms(nz, model.objective[nz], names)
    if model.objective_offset != 0:
        sign = "-" if model.objective_offset < 0 else "+"
        objective += f" {sign} {_num(abs(model.objective_offset))}"
    yield f" obj: {objective}"
    yield "Subject To"
    csr = model.matrix
    for i, row in enumerate(model.row_names):
        start, end = csr.indptr[i], csr.indptr[i + 1]
        expr = _terms(csr.indices[start:end], csr.data[start:end], names)
        lo, hi = model.row_lower[i], model.row_upper[i]
        if lo == hi:
            yield f" {row}: {expr} = {_num(lo)}"
            continue
        if not np.isinf(lo):
            yield f" {row}{'_lo' if not np.isinf(hi) else ''}: {expr} >= {_num(lo)}"
        if not np.isinf(hi):
            yield f" {row}{'_hi' if not np.isinf(lo) else ''}: {expr} <= {_num(hi)}"
    yield "Bounds"
    for col, lo, hi in zip(names, model.col_lower, model.col_upper):
        if lo == hi:
            yield f" {col} = {_num(lo)}"
        elif np.isinf(lo) and np.isinf(hi):
            yield f" {col} free"
        else:
            lo_text = "-infinity" if np.isinf(lo) else _num(lo)
            hi_text = "+infinity" if np.isinf(hi) else _num(hi)
            yield f" {lo_text} <= {col} <= {hi_text}"
    integer = [names[j] for j in np.flatnonzero(model.integrality)]
    if integer:
        yield "General"
        for start in range(0, len(integer), 8):
            yield " " + " ".join(integer[start : start + 8])
    yield "End"


def write_lp(model: MilpModel, path: Path) -> Path:
    return _atomic_write(path, _lp_lines(model))
