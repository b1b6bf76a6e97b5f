"""Gurobi through ``gurobipy``'s matrix API (optional extra ``exactlip[gurobi]``).

The columns are one ``MVar`` (bounds and types as arrays); the rows go in as the CSR
matrix in two blocks, ``A[lo] @ x >= row_lower[lo]`` and ``A[hi] @ x <= row_upper[hi]``
(a row with both sides finite and different counts twice — Gurobi's "constraints"),
with equality rows as one ``=`` block. Settings for exact answers: ``MIPGap = 0``,
``MIPGapAbs = 0``, ``FeasibilityTol = IntFeasTol = feasibility_tolerance`` (by default
``DEFAULT_FEASIBILITY_TOLERANCE`` = 1e-9, Gurobi's tightest).

Licences: the size-limited licence that ships with ``pip install gurobipy`` allows at
most 2000 variables and 2000 linear constraints and fails at ``optimize()`` beyond
that (error 10010); that becomes a :class:`~exactlip.errors.BackendUnavailableError`
naming the model's size and the limit. :func:`licence` finds out once per process,
with two tiny models, whether Gurobi runs at all and whether the licence is size
limited. Gurobi's banner and log are silenced unless ``verbose``.

Progress and Ctrl-C: a callback reports ``MIP``/``MIPSOL`` snapshots; Gurobi itself
turns Ctrl-C into status ``INTERRUPTED``, and a ``KeyboardInterrupt`` raised by
``on_progress`` terminates the solve the same way.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, replace

import numpy as np

from ..errors import BackendError, BackendUnavailableError
from ..mip.model import MilpModel
from .base import ProgressReporter, SolveOptions, SolveOutcome, SolveStatus, finite_or_none, module_installed

SIZE_LIMIT_ERROR = 10010
SIZE_LIMITED_VARIABLES = 2000
SIZE_LIMITED_CONSTRAINTS = 2000
DEFAULT_FEASIBILITY_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Licence:
    """What Gurobi allows here: ``usable`` (and why not), and the size limits of a
    size-limited licence (None: unlimited)."""

    usable: bool
    reason: str = ""
    max_variables: int | None = None
    max_constraints: int | None = None

    @property
    def size_limited(self) -> bool:
        return self.max_variables is not None

    def describe(self) -> str:
        if not self.usable:
            return self.reason
        if self.size_limited:
            return f"size-limited licence: at most {self.max_variables} variables and {self.max_constraints} constraints"
        return "licensed, no size limit"


def gurobi_rows(model: MilpModel) -> int:
    """How many linear constraints Gurobi sees for ``model`` (a ranged row counts twice)."""
    lo, hi = np.isfinite(model.row_lower), np.isfinite(model.row_upper)
    equal = model.row_lower == model.row_upper
    return int(np.count_nonzero(equal) + np.count_nonzero(lo & ~equal) + np.count_nonzero(hi & ~equal))


def size_message(model: MilpModel, licence: Licence) -> str:
    return (
        f"the model has {model.num_cols} variables and {gurobi_rows(model)} constraints, but Gurobi's "
        f"size-limited licence allows at most {licence.max_variables or SIZE_LIMITED_VARIABLES} variables and "
        f"{licence.max_constraints or SIZE_LIMITED_CONSTRAINTS} constraints; "
        'use backend="highs" (or backend="auto"), or install a full Gurobi licence'
    )


@functools.lru_cache(maxsize=1)
def _environment():
    """One silent Gurobi environment per process (no banner, no log)."""
    import gurobipy as gp

    env = gp.Env(empty=True)
    env.setParam("OutputFlag", 0)
    env.start()
    return env


@functools.lru_cache(maxsize=1)
def licence() -> Licence:
    """Whether Gurobi runs here, and its size limit: a 1-variable model must solve, and
    a model just over the size-limited licence's limit tells whether it applies."""
    if not module_installed("gurobipy"):
        return Licence(False, "gurobipy is not installed (pip install 'exactlip[gurobi]')")
    import gurobipy as gp

    try:
        env = _environment()
        with gp.Model(env=env) as tiny:
            x = tiny.addVar(ub=1.0, vtype="B")
            tiny.addConstr(x <= 1)
            tiny.setObjective(x, gp.GRB.MAXIMIZE)
            tiny.optimize()
    except gp.GurobiError as exc:
        return Licence(False, f"Gurobi does not run here (error {exc.errno}: {exc})")
    try:
        with gp.Model(env=env) as probe:
            probe.addMVar(SIZE_LIMITED_VARIABLES + 1, ub=1.0)
            probe.optimize()
    except gp.GurobiError as exc:
        if exc.errno == SIZE_LIMIT_ERROR:
            return Licence(True, "", SIZE_LIMITED_VARIABLES, SIZE_LIMITED_CONSTRAINTS)
        return Licence(False, f"Gurobi failed its licence check (error {exc.errno}: {exc})")
    return Licence(True)


class GurobiBackend:
    name = "gurobi"
    progress = "live"

    def availability(self) -> tuple[bool, str]:
        state = licence()
        if not state.usable:
            return False, state.reason
        from importlib.metadata import version

        return True, version("gurobipy")

    def fits(self, model: MilpModel) -> bool:
        """Whether the licence allows a model of this size."""
        state = licence()
        if not state.usable:
            return False
        if not state.size_limited:
            return True
        return model.num_cols <= state.max_variables and gurobi_rows(model) <= state.max_constraints

    def check_size(self, model: MilpModel) -> None:
        """Raise the size-limit error before any work when the licence is too small."""
        state = licence()
        if state.usable and not self.fits(model):
            raise BackendUnavailableError(size_message(model, state))

    def solve(self, model: MilpModel, options: SolveOptions) -> SolveOutcome:
        import gurobipy as gp

        start = time.perf_counter()
        reporter = ProgressReporter(options.on_progress, model.sense)
        try:
            gmodel, x = _build(gp, model, options)
        except gp.GurobiError as exc:
            raise _translate(exc, model) from None
        with gmodel:
            callback = _callback(gp, reporter) if options.on_progress is not None else None
            interrupted = False
            try:
                gmodel.optimize(callback)
            except KeyboardInterrupt:
                interrupted = True
            except gp.GurobiError as exc:
                raise _translate(exc, model) from None
            outcome = _outcome(gp, gmodel, x, model, time.perf_counter() - start)
        if (interrupted or reporter.interrupted) and outcome.status is not SolveStatus.OPTIMAL:
            outcome = replace(outcome, status=SolveStatus.INTERRUPTED)
        reporter.update(outcome.seconds, outcome.objective, outcome.bound, outcome.nodes, final=True)
        reporter.raise_error()
        return outcome


def _translate(exc, model: MilpModel) -> BackendError:
    if exc.errno == SIZE_LIMIT_ERROR:
        return BackendUnavailableError(size_message(model, licence()))
    return BackendError(f"Gurobi failed on a model of {model.num_cols} variables, {model.num_rows} rows: error {exc.errno}: {exc}")


def _build(gp, model: MilpModel, options: SolveOptions):
    gmodel = gp.Model(model.name, env=_environment())
    params = gmodel.Params
    params.OutputFlag = 1 if options.verbose else 0
    params.MIPGap = float(options.mip_rel_gap)
    params.MIPGapAbs = 0.0
    tolerance = options.tolerance(DEFAULT_FEASIBILITY_TOLERANCE)
    params.FeasibilityTol = tolerance
    params.IntFeasTol = tolerance
    if options.time_limit is not None:
        params.TimeLimit = float(options.time_limit)
    if options.threads is not None:
        params.Threads = int(options.threads)
    vtype = np.where(model.integrality, gp.GRB.INTEGER, gp.GRB.CONTINUOUS)
    lower = np.where(np.isfinite(model.col_lower), model.col_lower, -gp.GRB.INFINITY)
    upper = np.where(np.isfinite(model.col_upper), model.col_upper, gp.GRB.INFINITY)
    x = gmodel.addMVar(model.num_cols, lb=lower, ub=upper, vtype=vtype, name="x")
    equal = model.row_lower == model.row_upper
    blocks = [
        (equal, gp.GRB.EQUAL, model.row_lower),
        (np.isfinite(model.row_lower) & ~equal, gp.GRB.GREATER_EQUAL, model.row_lower),
        (np.isfinite(model.row_upper) & ~equal, gp.GRB.LESS_EQUAL, model.row_upper),
    ]
    for rows, sense, rhs in blocks:
        if rows.any():
            gmodel.addMConstr(model.matrix[rows], x, sense, rhs[rows])
    objective = model.objective @ x + model.objective_offset
    gmodel.setObjective(objective, gp.GRB.MAXIMIZE if model.sense == "maximize" else gp.GRB.MINIMIZE)
    if options.start is not None:
        x.Start = np.asarray(options.start, dtype=np.float64)
    return gmodel, x


def _callback(gp, reporter: ProgressReporter):
    where_mip, where_sol = gp.GRB.Callback.MIP, gp.GRB.Callback.MIPSOL
    cb = gp.GRB.Callback

    def report(gmodel, where) -> None:
        if where == where_mip:
            reporter.update(gmodel.cbGet(cb.RUNTIME), gmodel.cbGet(cb.MIP_OBJBST), gmodel.cbGet(cb.MIP_OBJBND), gmodel.cbGet(cb.MIP_NODCNT))
        elif where == where_sol:
            reporter.update(
                gmodel.cbGet(cb.RUNTIME), gmodel.cbGet(cb.MIPSOL_OBJBST), gmodel.cbGet(cb.MIPSOL_OBJBND), gmodel.cbGet(cb.MIPSOL_NODCNT)
            )
        else:
            return
        if reporter.stop_requested:
            gmodel.terminate()

    return report


def _status_map(gp) -> dict:
    grb = gp.GRB
    return {
        grb.OPTIMAL: SolveStatus.OPTIMAL,
        grb.TIME_LIMIT: SolveStatus.TIME_LIMIT,
        grb.INTERRUPTED: SolveStatus.INTERRUPTED,
        grb.INFEASIBLE: SolveStatus.INFEASIBLE,
        grb.INF_OR_UNBD: SolveStatus.INFEASIBLE,
    }


_STATUS_NAMES = {
    1: "loaded",
    2: "optimal",
    3: "infeasible",
    4: "infeasible or unbounded",
    5: "unbounded",
    6: "cutoff",
    7: "iteration limit",
    8: "node limit",
    9: "time limit",
    10: "solution limit",
    11: "interrupted",
    12: "numeric trouble",
    13: "suboptimal",
    14: "in progress",
    15: "user objective limit",
    16: "work limit",
    17: "memory limit",
}


def _outcome(gp, gmodel, x, model: MilpModel, seconds: float) -> SolveOutcome:
    native = int(gmodel.Status)
    status = _status_map(gp).get(native, SolveStatus.ERROR)
    has_incumbent = int(gmodel.SolCount) > 0
    objective = float(gmodel.ObjVal) if has_incumbent else None
    values = np.array(x.X, dtype=np.float64) if has_incumbent else None
    if model.num_integer:
        bound = finite_or_none(_attribute(gp, gmodel, "ObjBound"))
        nodes = int(_attribute(gp, gmodel, "NodeCount") or 0)
    else:
        bound = objective if status is SolveStatus.OPTIMAL else None
        nodes = 0
    message = _STATUS_NAMES.get(native, f"Gurobi status {native}")
    return SolveOutcome(status, objective, bound, values, nodes, seconds, "gurobi", message)


def _attribute(gp, gmodel, name: str):
    """A model attribute, or None where Gurobi has none (e.g. the bound of an infeasible model)."""
    try:
        return getattr(gmodel, name)
    except (gp.GurobiError, AttributeError):
        return None
