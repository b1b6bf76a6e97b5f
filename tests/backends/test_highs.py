"""The HiGHS backend's settings: exact gaps, a feasibility tolerance no tighter than
HiGHS's own, the sub-MIP heuristics off, and the cutoff's sense."""

import itertools
import pathlib
import subprocess
import sys

import highspy
import numpy as np
import pytest
import scipy.sparse as sp

from exactlip.backends import SolveOptions, SolveStatus, select_backend
from exactlip.backends.highs import HEURISTICS_OFF, configured_highs
from exactlip.errors import BackendError
from exactlip.mip.model import MilpModel

ROOT = pathlib.Path(__file__).resolve().parents[2]


def option(highs, name):
    status, value = highs.getOptionValue(name)
    assert status == highspy.HighsStatus.kOk
    return value


def test_exact_gaps_and_heuristics_off_by_default():
    highs = configured_highs(highspy, SolveOptions())
    assert option(highs, "mip_rel_gap") == 0.0
    assert option(highs, "mip_abs_gap") == 0.0
    # HiGHS's own 1e-6 by default: at 1e-9 it proved optima below feasible points
    assert option(highs, "mip_feasibility_tolerance") == 1e-6
    assert option(highs, "output_flag") is False
    for name in HEURISTICS_OFF:
        assert option(highs, name) is False, name


def test_time_limit_and_threads_are_passed_through():
    options = SolveOptions(time_limit=12.5, threads=1, mip_rel_gap=1e-3, verbose=True, feasibility_tolerance=1e-5)
    highs = configured_highs(highspy, options)
    assert option(highs, "mip_feasibility_tolerance") == 1e-5
    assert option(highs, "time_limit") == 12.5
    assert option(highs, "threads") == 1
    assert option(highs, "mip_rel_gap") == 1e-3
    assert option(highs, "output_flag") is True


def test_a_refused_option_is_a_clear_error(monkeypatch):
    monkeypatch.setattr("exactlip.backends.highs.HEURISTICS_OFF", ("no_such_option",))
    with pytest.raises(BackendError, match="no_such_option"):
        configured_highs(highspy, SolveOptions())


def knapsack(sense="maximize", offset=0.0):
    """max (or min) 5a + 4b + 3c + offset  s.t.  2a + 3b + c <= 4,  4a + b + 2c <= 5 over
    binaries, and its optimum by enumeration."""
    objective = np.array([5.0, 4.0, 3.0])
    rows = np.array([[2.0, 3.0, 1.0], [4.0, 1.0, 2.0]])
    caps = np.array([4.0, 5.0])
    values = [objective @ v + offset for v in itertools.product([0, 1], repeat=3) if np.all(rows @ np.array(v) <= caps)]
    model = MilpModel(
        col_lower=np.zeros(3), col_upper=np.ones(3), integrality=np.ones(3, dtype=bool), col_names=["a", "b", "c"],
        matrix=sp.csr_array(rows), row_lower=np.full(2, -np.inf), row_upper=caps, row_names=["r0", "r1"],
        objective=objective, objective_offset=offset, sense=sense, name="knapsack",
    )
    return model, max(values) if sense == "maximize" else min(values)


def test_a_knapsack_still_solves_to_its_optimum_without_the_heuristics():
    model, best = knapsack()
    outcome = select_backend("highs", model).solve(model, SolveOptions())
    assert outcome.objective == pytest.approx(best)
    assert outcome.bound == pytest.approx(best)


@pytest.mark.parametrize("sense", ["maximize", "minimize"])
@pytest.mark.parametrize("offset", [0.0, -7.5, 20.0])
def test_a_cutoff_keeps_the_optimum_beyond_it_and_rejects_a_model_with_none(sense, offset):
    """The cutoff is in the model's own sense and includes its objective offset: a
    cutoff short of the optimum or at it still finds the optimum, one past it leaves no
    solution worth having."""
    model, best = knapsack(sense, offset)
    toward = 1.0 if sense == "maximize" else -1.0
    solver = select_backend("highs", model)
    for short in (best - 0.5 * toward, best):
        found = solver.solve(model, SolveOptions(cutoff=short))
        assert found.status is SolveStatus.OPTIMAL
        assert found.objective == pytest.approx(best)
    assert solver.solve(model, SolveOptions(cutoff=best + 0.5 * toward)).status is SolveStatus.INFEASIBLE


def test_no_optimum_below_a_feasible_point_on_a_suite_network():
    """At a 1e-9 MIP feasibility tolerance HiGHS 1.15 proved 0.10026 "optimal" for this
    4-20-40-80-2 network (random init, r = 0.2, no start) while the model has a feasible
    point of value 0.10292: its proven bound must reach every feasible point."""
    pytest.importorskip("torch")
    import sys
    from pathlib import Path

    import exactlip
    from exactlip.bounds import compute_bounds
    from exactlip.mip import build_mip
    from exactlip.norms import resolve_norm_spec

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import networks

    (instance,) = networks.sweep_instances(families={"dim d=4"}, inits=("random",))
    net, box = instance.network, instance.box
    spec = resolve_norm_spec("linf", 2, c=[1.0, -1.0])
    encoding = build_mip(net, box, compute_bounds(net, box, spec), spec)
    witness = exactlip.lipschitz(net, box, norm="linf", c=[1.0, -1.0]).witness
    feasible = encoding.assignment(witness, np.array([1.0, -1.0]))
    assert encoding.model.max_violation(feasible) <= 1e-12
    outcome = select_backend("highs", encoding.model).solve(encoding.model, SolveOptions(threads=1))
    assert outcome.bound >= encoding.model.objective_value(feasible) * (1 - 1e-9)
    assert outcome.objective == pytest.approx(encoding.model.objective_value(feasible), rel=1e-7)


def test_solves_with_another_thread_count_later_in_the_process_return():
    """HiGHS's scheduler is per process: without a reset, a region search (its LPs)
    with ``threads=1`` after one with ``threads=2`` never returned. In a fresh process,
    under a timeout."""
    script = (
        "import numpy as np\n"
        "from tests.nets import random_box, random_network\n"
        "from tests.test_region_search import _run\n"
        "for seed, widths, threads in ((1, [4, 16, 16, 2], 2), (3, [5, 12, 12, 12, 2], 1)):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    net, box = random_network(rng, widths), random_box(rng, widths[0], radius=1.0)\n"
        "    assert _run(net, box, 'linf', np.array([1.0, -1.0]), threads=threads).closed\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
