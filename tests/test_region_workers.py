"""One search over linear regions shared between processes (:mod:`exactlip.region_workers`).

Shared or not, a search that closes must give the oracle's constant with a verified
witness; one stopped at a deadline, or one whose worker dies, must still bracket it
and must not claim to be closed when cells were lost; no worker process may outlive
the search. The workers start at once and trade cells every few cells here, so that
small networks exercise the whole protocol.
"""

import itertools
import os
import time

import numpy as np
import pytest

import exactlip.region_search as region_search_module
import exactlip.region_workers as region_workers_module
from exactlip.bounds import compute_bounds
from exactlip.norms import dual_norm_value, resolve_norm_spec
from tests.nets import random_box, random_network
from tests.oracle import oracle_lipschitz
from tests.test_region_search import _run

C = np.array([1.0, -1.0])


@pytest.fixture
def eager_workers(monkeypatch):
    """Workers start at the first check, and checks come every 4 cells. Yields the
    teams the searches started."""
    teams = []

    class RecordedTeam(region_workers_module.Team):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            teams.append(self)

    monkeypatch.setattr(region_search_module, "PARALLEL_AFTER", 0.0)
    monkeypatch.setattr(region_search_module, "CHECK_NODES", 4)
    monkeypatch.setattr(region_search_module, "Team", RecordedTeam)
    yield teams
    for team in teams:
        assert all(w.process.poll() is not None for w in team.workers)  # no worker outlives its search


def _problem(seed, widths, radius=1.0):
    rng = np.random.default_rng(seed)
    return random_network(rng, widths), random_box(rng, widths[0], radius=radius)


@pytest.mark.parametrize("seed, widths", [(2, [3, 10, 10, 2]), (3, [3, 8, 8, 8, 2]), (5, [2, 12, 12, 2])])
def test_a_search_shared_by_two_processes_is_the_oracle_constant(eager_workers, seed, widths):
    net, box = _problem(seed, widths)
    truth = oracle_lipschitz(net, box, c=C)
    found = _run(net, box, "linf", C, threads=2)
    assert found.processes == 2 and len(eager_workers) == 1
    assert found.closed
    assert found.lower == pytest.approx(truth, rel=1e-7) and found.upper == pytest.approx(truth, rel=1e-7)
    assert box.contains(found.point)
    assert dual_norm_value(C @ net.jacobian(found.point), "linf") == pytest.approx(found.lower, rel=1e-9)


@pytest.mark.parametrize("processes", [2, 3])
def test_a_shared_search_gives_the_one_process_answer_on_larger_networks(eager_workers, processes):
    for seed in (1, 2):
        net, box = _problem(seed, [4, 16, 16, 2])
        alone = _run(net, box, "linf", C, threads=1)
        shared = _run(net, box, "linf", C, threads=processes)
        assert alone.processes == 1 and shared.processes == processes
        assert alone.closed and shared.closed
        assert shared.lower == pytest.approx(alone.lower, rel=1e-9)
        # a leaf too thin to verify may be met by one process's LPs and not another's: it only loosens the upper bound
        assert shared.upper >= shared.lower - 1e-9
        assert shared.cells > 0 and shared.lps > 0


def test_a_shared_search_stopped_at_its_deadline_brackets_the_constant(eager_workers):
    net, box = _problem(3, [5, 12, 12, 12, 2])
    truth = _run(net, box, "linf", C, threads=1).lower  # closed: checked against the oracle on smaller networks
    cut = _run(net, box, "linf", C, threads=2, deadline=time.perf_counter() + 0.5)
    assert cut.processes == 2 and not cut.closed
    assert all(w.report is not None and not w.dead for w in eager_workers[-1].workers)  # stopped when told, then reported
    assert cut.lower <= truth + 1e-9 and cut.upper >= truth - 1e-9


def test_a_worker_that_dies_leaves_its_cells_open(eager_workers, monkeypatch):
    net, box = _problem(2, [4, 16, 16, 2])
    truth = _run(net, box, "linf", C, threads=1).lower
    exchange = region_workers_module.Team.exchange

    killed = []

    def exchange_then_kill(team, stack, wait_seconds=0.0):
        waited = time.perf_counter() + 60.0
        while not team.workers[0].started and time.perf_counter() < waited:
            exchange(team, stack, 0.1)  # let the worker start, so that it gets cells
        exchange(team, stack, wait_seconds)
        worker = team.workers[0]
        if worker.busy and not killed:
            worker.process.kill()  # as soon as it holds cells
            worker.process.wait()
            killed.append(worker)

    monkeypatch.setattr(region_workers_module.Team, "exchange", exchange_then_kill)
    found = _run(net, box, "linf", C, threads=2)
    assert killed and killed[0].dead
    assert not found.closed
    assert found.lower <= truth + 1e-9 <= found.upper + 2e-9


def test_process_count_follows_threads():
    assert region_workers_module.process_count(3) == 3
    assert region_workers_module.process_count(None) >= 1


def test_every_progress_report_of_a_shared_search_brackets_the_constant(eager_workers, monkeypatch):
    monkeypatch.setattr(region_search_module, "CHECK_SECONDS", 0.0)
    net, box = _problem(2, [4, 16, 16, 2])
    truth = _run(net, box, "linf", C, threads=1).lower
    reports = []
    found = _run(net, box, "linf", C, threads=2, on_progress=reports.append)
    assert found.closed and found.processes == 2 and len(reports) > 10
    assert all(r.incumbent <= truth + 1e-9 and r.bound >= truth - 1e-9 for r in reports)


def test_the_progress_reports_of_a_shared_search_count_the_workers_cells(eager_workers, monkeypatch):
    monkeypatch.setattr(region_search_module, "CHECK_SECONDS", 0.0)
    net, box = _problem(2, [5, 20, 20, 2])  # about 2 s: long enough for the worker to start and search
    reports = []
    found = _run(net, box, "linf", C, threads=2, on_progress=reports.append)
    (team,) = eager_workers
    workers_cells = sum(w.report.cells for w in team.workers)
    own = found.cells - workers_cells
    assert workers_cells > 0 and found.processes == 2
    counts = [r.nodes for r in reports]
    assert counts == sorted(counts)  # cells are never lost from the count
    assert own < max(counts) <= found.cells  # more than the coordinator's own, never more than all


def test_a_worker_whose_coordinator_goes_away_exits_cleanly():
    net, box = _problem(2, [4, 16, 16, 2])
    spec = resolve_norm_spec("linf", net.output_dim, c=C)
    bounds = compute_bounds(net, box, spec, "linear")
    search = region_search_module._SearchState(net, box, spec, bounds, 0.0, -np.inf, 1, itertools.count())
    team = region_workers_module.Team(search, (net, box, spec, bounds, 0.0, -np.inf), 2)
    worker = team.workers[0]
    try:
        waited = time.perf_counter() + 60.0
        while not worker.started and time.perf_counter() < waited:
            team.exchange([], 0.1)
        assert worker.started  # it read the problem and asked for cells
        worker.connection.close()  # as if the coordinator had died
        assert worker.process.wait(timeout=60) == 0  # no traceback: it just ends
    finally:
        worker.process.kill()
        os.unlink(team.problem_path)
