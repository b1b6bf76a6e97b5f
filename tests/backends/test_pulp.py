"""PuLP specifics: status mapping (solution status, not only problem status), solver
names, and a time-limited CBC run."""

from __future__ import annotations

import pytest

import exactlip
from exactlip.backends import SolveOptions, SolveStatus, check_backend_name, get_backend
from exactlip.backends import pulp as pulp_backend
from exactlip.backends.pulp import map_status
from tests.backends.instances import hard_instance, hard_start, require, mip_only


def test_constants_are_pulps():
    pulp = pytest.importorskip("pulp")
    assert pulp_backend.LP_STATUS_OPTIMAL == pulp.LpStatusOptimal
    assert pulp_backend.LP_STATUS_NOT_SOLVED == pulp.LpStatusNotSolved
    assert pulp_backend.LP_STATUS_INFEASIBLE == pulp.LpStatusInfeasible
    assert pulp_backend.LP_SOLUTION_OPTIMAL == pulp.LpSolutionOptimal
    assert pulp_backend.LP_SOLUTION_INTEGER_FEASIBLE == pulp.LpSolutionIntegerFeasible
    assert pulp_backend.LP_SOLUTION_INFEASIBLE == pulp.LpSolutionInfeasible


@pytest.mark.parametrize(
    "status,sol_status,out_of_time,expected",
    [
        (1, 1, False, SolveStatus.OPTIMAL),
        (1, 1, True, SolveStatus.OPTIMAL),
        # CBC stopped by its time limit with an incumbent: problem status "Optimal"
        (1, 2, True, SolveStatus.TIME_LIMIT),
        (1, 2, False, SolveStatus.INTERRUPTED),
        (0, 0, True, SolveStatus.TIME_LIMIT),
        (0, -1, True, SolveStatus.TIME_LIMIT),  # PuLP's Gurobi interface at its time limit
        (0, 0, False, SolveStatus.INTERRUPTED),
        (-1, -1, False, SolveStatus.INFEASIBLE),
        (-1, 0, True, SolveStatus.TIME_LIMIT),  # CBC's preprocessing cut short by the time limit
        (-2, -2, False, SolveStatus.ERROR),
        (-3, 0, False, SolveStatus.ERROR),
    ],
)
def test_status_mapping_reads_the_solution_status(status, sol_status, out_of_time, expected):
    assert map_status(status, sol_status, out_of_time) is expected


def test_solver_names():
    require("pulp")
    assert check_backend_name("pulp") == "pulp"
    assert check_backend_name("pulp:CBC") == "pulp"
    assert check_backend_name("PuLP:cbc") == "pulp"
    assert get_backend("pulp:cbc").name == "pulp"
    with pytest.raises(exactlip.OptionError, match=r"PuLP has no solver 'NOPE'; available here: .*'pulp:CBC'"):
        check_backend_name("pulp:NOPE")


def test_a_solver_pulp_knows_but_cannot_run_is_unavailable():
    require("pulp")
    known, runnable = pulp_backend.pulp_solvers()
    missing = [name for name in known if name not in runnable]
    if not missing:
        pytest.skip("every PuLP solver runs here")
    with pytest.raises(exactlip.BackendUnavailableError, match=f"PuLP cannot run {missing[0]} here"):
        check_backend_name(f"pulp:{missing[0]}")


def test_time_limited_cbc_run_is_time_limit_with_no_bound():
    require("pulp")
    encoding, start = hard_start()
    outcome = get_backend("pulp").solve(encoding.model, SolveOptions(time_limit=1.0, start=start))
    assert outcome.status is SolveStatus.TIME_LIMIT, outcome.message
    assert outcome.bound is None
    if outcome.values is not None:
        assert outcome.objective == pytest.approx(encoding.model.objective_value(outcome.values))
        assert encoding.model.max_violation(outcome.values) <= 1e-5


def test_time_limited_engine_run_on_cbc_reports_a_bracket(monkeypatch):
    require("pulp")
    mip_only(monkeypatch)
    net, box = hard_instance()
    result = exactlip.lipschitz(net, box, norm="linf", backend="pulp", time_limit=1.0)
    assert result.status == "time_limit" and result.value is None
    assert result.lower <= result.upper
    assert result.upper == pytest.approx(result.stats["interval_upper"])  # CBC proved no bound
