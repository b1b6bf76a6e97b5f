"""HiGHS through ``highspy``: the model goes in as CSR arrays (``HighsLp``).

Defaults for exact answers: ``mip_rel_gap = 0`` and ``mip_abs_gap = 0`` (HiGHS's
defaults, 1e-4 and 1e-6, stop early). The MIP feasibility tolerance defaults to
HiGHS's own 1e-6 (``DEFAULT_FEASIBILITY_TOLERANCE``): at 1e-9, HiGHS 1.15 proved
optima *below* feasible points of our models (the 4-20-40-80-2 suite network:
"optimal" 0.10026 with a feasible point of value 0.10292; the 4-640-640-1 network with
interval bounds: 3.4829 against 3.5121), an unsound upper bound. A looser tolerance
can only raise the proven bound, and the engine verifies every lower bound itself
(it asks for 1e-9 only in solves whose bound it does not use).
The incumbent is read only when the primal solution status says a feasible solution
exists — without one the reported objective is meaningless.

The sub-MIP heuristics RINS, RENS and root reduced-cost fixing are switched off
(``HEURISTICS_OFF``): the engine already hands HiGHS a verified starting solution
(sampling and gradient ascent), and on the benchmark suite those heuristics spent
more than half of the solve time of the medium instances (e.g. 4.1 of 7.4 s on the
8-20-40-80-2 trained network) without improving the incumbent; switching them off
made those solves about 2× faster (``benchmarks/results/suite.md``).

A ``cutoff`` becomes HiGHS's ``objective_bound``, which HiGHS reads in its internal
minimisation form (negated for a maximisation) and uses like an incumbent's value: it
prunes nodes and fixes columns by reduced cost against it, and reports the model
infeasible when no solution reaches it. On the 8-20-40-80-2 trained suite network, whose
one direction MIP has a floor row at the sampled value, it cut the whole call from 1.8
to 1.2 s (profiled, before the seeds were drawn towards the box's faces).

Progress and Ctrl-C: the solver runs in a worker thread while the calling thread
waits, so a Ctrl-C lands in the caller and only raises a stop flag. HiGHS polls the flag through
its interrupt callbacks (``cbMipInterrupt``, about every half second at the root and
at every node later) and returns ``kInterrupt`` with its incumbent and dual bound.
``cbMipImprovingSolution`` and ``cbMipInterrupt`` feed ``on_progress``.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from dataclasses import replace

import numpy as np

from ..errors import BackendError
from ..mip.model import MilpModel
from .base import ProgressReporter, SolveOptions, SolveOutcome, SolveStatus, module_installed

_FEASIBLE = 2  # HiGHS's kSolutionStatusFeasible
DEFAULT_FEASIBILITY_TOLERANCE = 1e-6
HEURISTICS_OFF = ("mip_heuristic_run_rins", "mip_heuristic_run_rens", "mip_heuristic_run_root_reduced_cost")
_scheduler = {"threads": None, "started": False}  # the thread count of HiGHS's process-wide task scheduler


def set_threads(highspy, highs, threads: int | None) -> None:
    """Give ``highs`` the option ``threads`` (None: HiGHS's own choice). HiGHS keeps
    one task scheduler per process, started with the thread count of the first solve;
    a later solve asking for another count never returns (highspy 1.15: ``threads=1``
    then ``2``, ``2`` then ``1``, ``3`` then ``2`` all hang), so on a change of count the
    scheduler is reset first."""
    if _scheduler["started"] and threads != _scheduler["threads"]:
        highspy.Highs.resetGlobalScheduler(True)
    _scheduler.update(threads=threads, started=True)
    if threads is not None:
        highs.setOptionValue("threads", int(threads))


class HighsBackend:
    name = "highs"
    progress = "live"

    def availability(self) -> tuple[bool, str]:
        if not module_installed("highspy"):
            return False, "highspy is not installed (pip install highspy)"
        from importlib.metadata import version

        return True, version("highspy")

    def solve(self, model: MilpModel, options: SolveOptions) -> SolveOutcome:
        import highspy

        start = time.perf_counter()
        highs = configured_highs(highspy, options)
        status = highs.passModel(_as_highs_lp(highspy, model))
        if status == highspy.HighsStatus.kError:
            raise BackendError(f"HiGHS rejected the model ({model.num_cols} columns, {model.num_rows} rows)")
        if options.start is not None:
            solution = highspy.HighsSolution()
            solution.col_value = np.asarray(options.start, dtype=np.float64)
            solution.value_valid = True
            highs.setSolution(solution)
        if options.cutoff is not None:
            bound = -options.cutoff if model.sense == "maximize" else options.cutoff
            highs.setOptionValue("objective_bound", float(bound))
        reporter = ProgressReporter(options.on_progress, model.sense)
        stop = _StopFlag(reporter)
        _subscribe(highs, reporter, stop)
        _run_interruptibly(highs, stop)
        outcome = _outcome(highspy, highs, model, time.perf_counter() - start)
        if stop.keyboard and outcome.status is not SolveStatus.INTERRUPTED:
            outcome = replace(outcome, status=SolveStatus.INTERRUPTED)
        reporter.update(outcome.seconds, outcome.objective, outcome.bound, outcome.nodes, final=True)
        reporter.raise_error()
        return outcome


def configured_highs(highspy, options: SolveOptions):
    """A fresh ``Highs`` instance with the engine's settings and ``options`` applied."""
    highs = highspy.Highs()
    settings = {
        "output_flag": bool(options.verbose),
        "mip_rel_gap": float(options.mip_rel_gap),
        "mip_abs_gap": 0.0,
        "mip_feasibility_tolerance": options.tolerance(DEFAULT_FEASIBILITY_TOLERANCE),
        **{name: False for name in HEURISTICS_OFF},
    }
    if options.time_limit is not None:
        settings["time_limit"] = float(options.time_limit)
    for name, value in settings.items():
        if highs.setOptionValue(name, value) == highspy.HighsStatus.kError:
            raise BackendError(f"HiGHS refused the option {name}={value!r} (highspy too old?)")
    set_threads(highspy, highs, options.threads)
    return highs


class _StopFlag:
    """Set by a Ctrl-C in the waiting thread or by a stop request of the reporter."""

    def __init__(self, reporter: ProgressReporter):
        self.reporter = reporter
        self.keyboard = False

    def __bool__(self) -> bool:
        return self.keyboard or self.reporter.stop_requested


def _subscribe(highs, reporter: ProgressReporter, stop: _StopFlag) -> None:
    """Progress from the MIP callbacks; every interrupt callback honours ``stop``."""

    def on_solution(event) -> None:
        data = event.data_out
        reporter.update(data.running_time, data.objective_function_value, data.mip_dual_bound, data.mip_node_count)

    def on_mip_poll(event) -> None:
        data = event.data_out
        reporter.update(data.running_time, data.mip_primal_bound, data.mip_dual_bound, data.mip_node_count)
        if stop:
            event.interrupt()

    def on_lp_poll(event) -> None:
        if stop:
            event.interrupt()

    highs.cbMipImprovingSolution.subscribe(on_solution)
    highs.cbMipInterrupt.subscribe(on_mip_poll)
    highs.cbSimplexInterrupt.subscribe(on_lp_poll)
    highs.cbIpmInterrupt.subscribe(on_lp_poll)


@contextlib.contextmanager
def _sigint_sets(stop: _StopFlag):
    """While the solve runs, a SIGINT only sets ``stop.keyboard`` (no KeyboardInterrupt
    can then escape between two bytecodes of the wait loop and leave HiGHS running).
    Handlers can be changed only in the main thread; elsewhere the loop's ``except``
    is the fallback."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame) -> None:
        stop.keyboard = True

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _run_interruptibly(highs, stop: _StopFlag) -> None:
    """Run the solve in a worker thread (HiGHS releases the GIL while it works); a Ctrl-C
    in this thread asks it to stop, and the solve ends at HiGHS's next interrupt poll.

    The wait is on an Event, not ``Thread.join``: a KeyboardInterrupt inside ``join``
    can leave ``is_alive()`` False while the thread still runs (CPython's bpo-45274
    fix), and an interpreter exiting under a thread still inside HiGHS aborts. (highspy's
    own ``startSolve`` keeps its locks on the class, which would also serialise solves
    of separate ``Highs`` objects across threads.)"""
    failures: list[BaseException] = []
    done = threading.Event()

    def work() -> None:
        # SIGINT is for the waiting thread: keep it away from this thread and from the
        # scheduler threads HiGHS starts from here (they inherit the mask).
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            highs.run()
        except BaseException as exc:  # noqa: BLE001 - reported below, in the caller's thread
            failures.append(exc)
        finally:
            done.set()

    threading.Thread(target=work, name="exactlip-highs", daemon=True).start()
    with _sigint_sets(stop):
        while not done.is_set():
            try:
                done.wait(0.05)
            except KeyboardInterrupt:
                stop.keyboard = True
    if failures:
        raise BackendError(f"HiGHS failed: {failures[0]!r}")


def _as_highs_lp(highspy, model: MilpModel):
    lp = highspy.HighsLp()
    lp.num_col_ = model.num_cols
    lp.num_row_ = model.num_rows
    lp.col_cost_ = model.objective
    lp.col_lower_ = model.col_lower
    lp.col_upper_ = model.col_upper
    lp.row_lower_ = model.row_lower
    lp.row_upper_ = model.row_upper
    lp.offset_ = model.objective_offset
    lp.sense_ = highspy.ObjSense.kMaximize if model.sense == "maximize" else highspy.ObjSense.kMinimize
    matrix = lp.a_matrix_
    matrix.format_ = highspy.MatrixFormat.kRowwise
    matrix.num_col_ = model.num_cols
    matrix.num_row_ = model.num_rows
    matrix.start_ = model.matrix.indptr.astype(np.int32)
    matrix.index_ = model.matrix.indices.astype(np.int32)
    matrix.value_ = model.matrix.data
    lp.a_matrix_ = matrix
    if model.num_integer:
        kinds = np.where(model.integrality, highspy.HighsVarType.kInteger, highspy.HighsVarType.kContinuous)
        lp.integrality_ = list(kinds)
    return lp


def _outcome(highspy, highs, model: MilpModel, seconds: float) -> SolveOutcome:
    status_map = {
        highspy.HighsModelStatus.kOptimal: SolveStatus.OPTIMAL,
        highspy.HighsModelStatus.kTimeLimit: SolveStatus.TIME_LIMIT,
        highspy.HighsModelStatus.kInterrupt: SolveStatus.INTERRUPTED,
        highspy.HighsModelStatus.kInfeasible: SolveStatus.INFEASIBLE,
    }
    native = highs.getModelStatus()
    status = status_map.get(native, SolveStatus.ERROR)
    info = highs.getInfo()
    has_incumbent = int(info.primal_solution_status) == _FEASIBLE
    objective = float(info.objective_function_value) if has_incumbent else None
    values = np.array(highs.getSolution().col_value, dtype=np.float64) if has_incumbent else None
    if model.num_integer:
        bound = float(info.mip_dual_bound)
        bound = bound if np.isfinite(bound) else None
    else:
        bound = objective if status is SolveStatus.OPTIMAL else None
    nodes = max(int(info.mip_node_count), 0) if model.num_integer else 0
    return SolveOutcome(status, objective, bound, values, nodes, seconds, "highs", highs.modelStatusToString(native))
