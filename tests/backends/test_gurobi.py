"""Gurobi specifics: the size-limited licence's clear error, a silent solve, and
``auto`` choosing Gurobi only when its licence allows the model's size."""

from __future__ import annotations

import numpy as np
import pytest

import exactlip
from exactlip.backends import SolveOptions, SolveStatus, available, get_backend, select_backend
from exactlip.backends import gurobi as gurobi_module
from exactlip.backends.gurobi import GurobiBackend, Licence, gurobi_rows
from exactlip.mip.affine import Affine
from exactlip.mip.model import ModelBuilder
from tests.backends.instances import case_encoding, hard_encoding, hard_instance, hard_start, require, mip_only

BIG_WIDTHS = (10, 100, 100, 100, 1)  # 930 columns, 2120 rows: over the 2000-row limit


def _size_limited() -> None:
    require("gurobi")
    if not gurobi_module.licence().size_limited:
        pytest.skip("this Gurobi licence has no size limit")


def _wide_model(columns: int):
    """``max sum(x)`` over ``x ∈ [0, 1]^columns`` with one row: over the column limit."""
    builder = ModelBuilder()
    cols = builder.add_columns([f"x_{i}" for i in range(columns)], 0.0, 1.0)
    total = Affine.columns(cols).left_multiply(np.ones((1, columns)))
    builder.add_rows(total, -np.inf, columns / 2, "half")
    return builder.build(total)


def test_a_model_over_the_size_limit_gives_the_clear_error_from_the_engine(monkeypatch):
    _size_limited()
    mip_only(monkeypatch)
    net, box = hard_instance(BIG_WIDTHS)
    model = hard_encoding(BIG_WIDTHS).model
    with pytest.raises(exactlip.BackendUnavailableError) as info:
        exactlip.lipschitz(net, box, norm="linf", backend="gurobi")
    message = str(info.value)
    assert f"{model.num_cols} variables and {gurobi_rows(model)} constraints" in message
    assert "at most 2000 variables and 2000 constraints" in message
    assert 'backend="highs"' in message


@pytest.mark.parametrize("which", ["rows", "columns"])
def test_the_licence_error_at_optimize_is_translated(which):
    """Past the early size check: Gurobi's own error 10010 becomes the same clear error."""
    _size_limited()
    model = hard_encoding(BIG_WIDTHS).model if which == "rows" else _wide_model(2500)
    with pytest.raises(exactlip.BackendUnavailableError, match=r"size-limited licence allows at most 2000") as info:
        GurobiBackend().solve(model, SolveOptions())
    assert f"the model has {model.num_cols} variables" in str(info.value)
    assert 'backend="highs"' in str(info.value)


def test_auto_picks_gurobi_when_it_fits_and_highs_when_not():
    _size_limited()
    assert select_backend("auto", case_encoding(0).model).name == "gurobi"
    assert select_backend("auto", hard_encoding(BIG_WIDTHS).model).name == "highs"
    assert select_backend("auto", _wide_model(2001)).name == "highs"
    assert select_backend("auto", _wide_model(2000)).name == "gurobi"


def test_auto_falls_back_to_highs_when_gurobi_is_unusable(monkeypatch):
    monkeypatch.setattr(gurobi_module, "licence", lambda: Licence(False, "no licence here (test)"))
    assert select_backend("auto", case_encoding(0).model).name == "highs"
    with pytest.raises(exactlip.BackendUnavailableError, match="no licence here"):
        get_backend("gurobi")
    row = next(r for r in available() if r["name"] == "gurobi")
    assert row == {**row, "available": False, "version": None, "reason": "no licence here (test)"}


def test_gurobi_prints_nothing_unless_verbose(capfd):
    require("gurobi")
    outcome = get_backend("gurobi").solve(case_encoding(2).model, SolveOptions())
    out, err = capfd.readouterr()
    assert outcome.status is SolveStatus.OPTIMAL
    assert out == "" and err == ""
    get_backend("gurobi").solve(case_encoding(2).model, SolveOptions(verbose=True))
    assert "Gurobi" in capfd.readouterr().out


def test_gurobi_time_limit_keeps_incumbent_and_bound():
    require("gurobi")
    encoding, start = hard_start()
    outcome = get_backend("gurobi").solve(encoding.model, SolveOptions(time_limit=0.5, start=start))
    assert outcome.status is SolveStatus.TIME_LIMIT
    assert outcome.objective is not None and outcome.objective >= encoding.model.objective_value(start) - 1e-9
    assert outcome.bound is not None and outcome.bound >= outcome.objective
    assert encoding.model.max_violation(outcome.values) <= 1e-6
