"""Anytime progress (on_progress) and Ctrl-C handling."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import exactlip
from exactlip.backends import Progress, SolveOptions, SolveStatus, get_backend
from exactlip.backends.base import ProgressReporter
from tests.nets import random_box, random_network
from tests.oracle import oracle_lipschitz
from tests.backends.instances import MIP_ONLY, case_encoding, hard_instance, medium_encoding, require, mip_only

LIVE = ["highs", "gurobi"]


# ----- the reporter ---------------------------------------------------------------------
def test_reporter_keeps_the_best_values_and_throttles():
    seen = []
    reporter = ProgressReporter(seen.append, "maximize", interval=1.0)
    reporter.update(0.0, None, float("inf"), 0)  # no incumbent, no bound yet
    reporter.update(0.1, 1.0, 10.0, 1)  # incumbent improved: reported
    reporter.update(0.2, 0.5, 12.0, 2)  # worse raw numbers, not due: not reported
    reporter.update(1.5, 0.5, 12.0, 3)  # due by time: best values so far
    reporter.update(1.6, 2.0, 9.0, 4, final=True)
    assert seen == [
        Progress(0.0, None, None, 0),
        Progress(0.1, 1.0, 10.0, 1),
        Progress(1.5, 1.0, 10.0, 3),
        Progress(1.6, 2.0, 9.0, 4),
    ]


def test_reporter_for_minimisation_and_solver_infinities():
    seen = []
    reporter = ProgressReporter(seen.append, "minimize", interval=0.0)
    reporter.update(0.0, 1e100, -1e100, 0)
    reporter.update(0.1, 5.0, 1.0, 0)
    reporter.update(0.2, 6.0, 0.5, 0)
    assert [(p.incumbent, p.bound) for p in seen] == [(None, None), (5.0, 1.0), (5.0, 1.0)]


def test_reporter_turns_callback_exceptions_into_stop_requests():
    def interrupt(_):
        raise KeyboardInterrupt

    reporter = ProgressReporter(interrupt)
    assert reporter.update(0.0, 1.0, 2.0, 0) is True
    assert reporter.interrupted and reporter.error is None
    reporter.raise_error()  # nothing to re-raise

    def broken(_):
        raise ValueError("bad callback")

    reporter = ProgressReporter(broken)
    assert reporter.update(0.0, 1.0, 2.0, 0) is True
    with pytest.raises(ValueError, match="bad callback"):
        reporter.raise_error()


# ----- backends -------------------------------------------------------------------------
@pytest.mark.parametrize("backend", LIVE)
def test_live_progress_is_monotone_and_ends_at_the_outcome(backend):
    require(backend)
    model = medium_encoding().model
    seen: list[Progress] = []
    outcome = get_backend(backend).solve(model, SolveOptions(on_progress=seen.append))
    assert outcome.status is SolveStatus.OPTIMAL
    assert len(seen) >= 2
    times = [p.seconds for p in seen]
    incumbents = [p.incumbent for p in seen if p.incumbent is not None]
    bounds = [p.bound for p in seen if p.bound is not None]
    assert times == sorted(times)
    assert incumbents == sorted(incumbents) and bounds == sorted(bounds, reverse=True)
    assert len(bounds) >= 2 and bounds[0] > bounds[-1]  # the bound moved during the solve
    for p in seen:
        if p.incumbent is not None and p.bound is not None:
            assert p.incumbent <= p.bound + 1e-6 * abs(p.bound)
    assert seen[-1].incumbent == pytest.approx(outcome.objective, rel=1e-12)
    assert seen[-1].bound == pytest.approx(outcome.bound, rel=1e-12)
    assert [p.nodes for p in seen] == sorted(p.nodes for p in seen)


def test_cbc_reports_once_at_the_end():
    require("pulp")
    model = case_encoding(4).model
    seen: list[Progress] = []
    outcome = get_backend("pulp").solve(model, SolveOptions(on_progress=seen.append))
    assert len(seen) == 1
    assert seen[0].incumbent == pytest.approx(outcome.objective) and seen[0].bound == pytest.approx(outcome.bound)


def test_engine_passes_progress_through():
    seen: list[Progress] = []
    result = exactlip.lipschitz("data/moons2d.onnx", exactlip.Box([0.0, 0.0], [1.0, 1.0]), on_progress=seen.append)
    assert result.status == "optimal" and seen
    # the engine may solve more than one MIP (region cuts, strict margin); each reports
    assert any(p.bound is not None and p.bound == pytest.approx(result.upper, rel=1e-9) for p in seen)


# ----- Ctrl-C -------------------------------------------------------------------------
@pytest.mark.parametrize("backend", LIVE)
def test_keyboard_interrupt_in_the_callback_returns_the_bracket(backend, monkeypatch):
    require(backend)
    mip_only(monkeypatch)
    net, box = hard_instance()

    def stop(progress):
        raise KeyboardInterrupt

    result = exactlip.lipschitz(net, box, norm="linf", backend=backend, time_limit=60, on_progress=stop)
    assert result.status == "interrupted" and result.value is None
    assert result.stats["seconds_solve"] < 30
    assert result.lower >= result.stats["sampled_lower"] and result.lower <= result.upper


@pytest.mark.parametrize("backend", LIVE)
def test_other_callback_errors_propagate_after_the_solve(backend, monkeypatch):
    require(backend)
    mip_only(monkeypatch)
    net, box = hard_instance()

    def broken(progress):
        raise ZeroDivisionError("in the user's callback")

    with pytest.raises(ZeroDivisionError, match="user's callback"):
        exactlip.lipschitz(net, box, norm="linf", backend=backend, time_limit=60, on_progress=broken)


_SIGINT_SCRIPT = textwrap.dedent(
    """
    import json, os, signal, sys, threading
    sys.path.insert(0, {root!r})
    import exactlip
    {mip_only}
    from tests.backends.instances import hard_instance

    net, box = hard_instance()
    timers = []

    def ctrl_c_soon(progress):
        # once the solver is running, send SIGINT from another thread a little later,
        # as a terminal would: it lands while the solver (not this callback) runs
        if not timers:
            timers.append(threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)))
            timers[0].start()

    result = exactlip.lipschitz(net, box, norm="linf", backend={backend!r}, time_limit=60, on_progress=ctrl_c_soon)
    print(json.dumps({{"status": result.status, "lower": result.lower, "upper": result.upper,
                      "seconds": result.stats["seconds_solve"], "sent": len(timers)}}))
    """
)


@pytest.mark.parametrize("backend", LIVE)
def test_a_real_sigint_during_the_solve_returns_interrupted(backend):
    """A SIGINT to the process (what Ctrl-C sends) while the solver runs: no traceback,
    status "interrupted" and a bracket."""
    require(backend)
    import pathlib

    root = str(pathlib.Path(__file__).resolve().parents[2])
    script = _SIGINT_SCRIPT.format(root=root, backend=backend, mip_only=MIP_ONLY)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=root)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    data = json.loads(run.stdout.strip().splitlines()[-1])
    assert data["sent"] == 1
    assert data["status"] == "interrupted"
    assert data["seconds"] < 30 and data["lower"] <= data["upper"]


def test_highs_solves_in_parallel_threads():
    """Each solve has its own worker thread: solves of separate models do not block or
    refuse each other."""
    from concurrent.futures import ThreadPoolExecutor

    model = medium_encoding().model
    backend = get_backend("highs")
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(lambda _: backend.solve(model, SolveOptions(threads=1)), range(2)))
    assert [o.status for o in outcomes] == [SolveStatus.OPTIMAL] * 2
    assert len({round(o.objective, 9) for o in outcomes}) == 1


def test_an_operator_norm_reports_one_bracket_over_all_its_rows():
    """Rows of ``||J||_{∞→∞}`` are separate MIPs; progress still describes the whole
    problem: seconds and nodes never go back, the incumbent never drops, the bound
    never rises, and the bracket always contains the oracle's value."""
    rng = np.random.default_rng(61)
    net = random_network(rng, [3, 10, 10, 4])
    box = random_box(rng, 3)
    truth = oracle_lipschitz(net, box, norm="linf", output_norm="linf")
    seen: list[Progress] = []
    result = exactlip.lipschitz(net, box, norm="linf", output_norm="linf", on_progress=seen.append)
    assert result.status == "optimal" and result.stats["subproblems_solved"] >= 2
    assert len(seen) >= result.stats["subproblems_solved"]
    _assert_one_bracket(seen, truth)
    assert seen[-1].nodes == result.stats["nodes"]


def _assert_one_bracket(seen: list[Progress], truth: float) -> None:
    """Seconds and nodes never go back, the incumbent never drops, the bound never
    rises, every bracket contains ``truth`` and the last one ends at it."""
    for before, after in zip(seen, seen[1:]):
        assert after.seconds >= before.seconds and after.nodes >= before.nodes
        assert after.incumbent >= before.incumbent
        assert after.bound <= before.bound * (1 + 1e-12)
    for p in seen:
        assert p.incumbent <= truth * (1 + 1e-9) and p.bound >= truth * (1 - 1e-9)
    assert seen[-1].bound == pytest.approx(truth, rel=1e-6)


def test_direction_mips_report_one_bracket_for_the_whole_box():
    """Solved one extreme direction at a time, the problem still reports one bracket:
    the incumbent never drops, the bound never rises, and the bracket always contains
    the oracle's value."""
    checked = 0
    for seed in range(900, 908):
        rng = np.random.default_rng(seed)
        net = random_network(rng, [4, 12, 12, 2])
        box = random_box(rng, 4, radius=0.3)
        c = rng.standard_normal(2)
        seen: list[Progress] = []
        result = exactlip.lipschitz(net, box, norm="linf", c=c, input_split=0, on_progress=seen.append)
        if result.stats["direction_mips"] == 0:
            continue
        checked += 1
        truth = oracle_lipschitz(net, box, norm="linf", c=c)
        assert result.status == "optimal" and seen
        _assert_one_bracket(seen, truth)
    assert checked >= 2
