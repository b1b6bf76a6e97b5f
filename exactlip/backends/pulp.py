"""Any solver PuLP can run (optional extra ``exactlip[pulp]``); CBC by default.

Names: ``backend="pulp"`` (or ``"pulp:CBC"``) is CBC — PuLP's bundled ``PULP_CBC_CMD``,
or ``COIN_CMD`` where only that runs; ``"pulp:NAME"`` picks another of
``pulp.listSolvers(onlyAvailable=True)`` (case-insensitive), e.g. ``"pulp:HiGHS"``,
``"pulp:GUROBI"``.

The PuLP model is built from the :class:`~exactlip.mip.model.MilpModel` arrays: one
``LpVariable`` per column, one ``LpAffineExpression`` per CSR row (two for a ranged
row). Exact settings where PuLP passes them on: gap 0 (relative and absolute), and
for CBC ``primalT``/``integerT`` set to ``feasibility_tolerance``; HiGHS gets
``mip_feasibility_tolerance`` (by default its own 1e-6, see :mod:`.highs`) and Gurobi
``FeasibilityTol``/``IntFeasTol``/``MIPGap``.
Other PuLP solvers get ``gapRel = 0`` and their own defaults otherwise.

Status: PuLP's *problem* status says "Optimal" for a time-limited CBC run that has a
feasible solution; the *solution* status (``sol_status``) tells them apart.
``LpSolutionOptimal`` is optimal; ``LpSolutionIntegerFeasible`` (stopped early with an
incumbent) or "not solved" is ``time_limit`` when the run had a time limit and lasted
about that long, else ``interrupted``. CBC stopped by its time limit during
preprocessing sometimes reports "infeasible" (its cut generators are cut short); such
a claim from a run that used up its time limit is also ``time_limit``. CBC proves no
bound when it stops early and PuLP reports none, so ``bound`` is None then (the engine
falls back on its interval bound). CBC's solution file carries 8 significant digits,
so its optimum is reported to about 1e-8 relative. PuLP reports no node count
(``nodes = 0``) and no progress while CBC runs: ``on_progress`` is called once, at the
end. Ctrl-C during a run returns ``interrupted`` without an incumbent.
"""

from __future__ import annotations

import functools
import time
import warnings

import numpy as np

from ..errors import BackendError, BackendUnavailableError, OptionError
from ..mip.model import MilpModel
from .base import ProgressReporter, SolveOptions, SolveOutcome, SolveStatus, module_installed
from .highs import DEFAULT_FEASIBILITY_TOLERANCE as HIGHS_FEASIBILITY_TOLERANCE

DEFAULT_SOLVER = "PULP_CBC_CMD"
DEFAULT_FEASIBILITY_TOLERANCE = 1e-9  # CBC's and Gurobi's; HiGHS through PuLP gets HiGHS's own

OUT_OF_TIME = 0.9  # a run lasting this share of its time limit counts as stopped by it
UNVOUCHED_TOLERANCE = 1e-6
# PuLP's constants (pulp.constants), repeated so the mapping is testable without pulp.
LP_STATUS_OPTIMAL, LP_STATUS_NOT_SOLVED, LP_STATUS_INFEASIBLE = 1, 0, -1
LP_SOLUTION_OPTIMAL, LP_SOLUTION_INTEGER_FEASIBLE, LP_SOLUTION_INFEASIBLE = 1, 2, -1


@functools.lru_cache(maxsize=1)
def pulp_solvers() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(all solver names PuLP knows, the ones it can run here)``; empty without pulp."""
    if not module_installed("pulp"):
        return (), ()
    import pulp

    return tuple(pulp.listSolvers()), tuple(pulp.listSolvers(onlyAvailable=True))


def default_solver() -> str:
    """CBC: PuLP's bundled ``PULP_CBC_CMD``, else ``COIN_CMD`` (a ``cbc`` on the PATH,
    PuLP 4's way) when only that runs."""
    runnable = pulp_solvers()[1]
    return "COIN_CMD" if DEFAULT_SOLVER not in runnable and "COIN_CMD" in runnable else DEFAULT_SOLVER


def resolve_solver(name: str | None) -> str:
    """PuLP's own name for ``name`` (None or "CBC": CBC). OptionError for a name PuLP
    does not know, BackendUnavailableError for one it cannot run here; both list what runs."""
    known, runnable = pulp_solvers()
    if not known:
        raise BackendUnavailableError("backend 'pulp' is not usable: pulp is not installed (pip install 'exactlip[pulp]')")
    if name is None or name.strip() == "" or name.strip().upper() == "CBC":
        return default_solver()
    wanted = name.strip()
    by_key = {solver.lower(): solver for solver in known}
    solver = by_key.get(wanted.lower())
    choices = ", ".join(repr("pulp:CBC" if s == default_solver() else f"pulp:{s}") for s in runnable) or "none"
    if solver is None:
        raise OptionError(f"backend='pulp:{name}': PuLP has no solver {name!r}; available here: {choices}")
    if solver not in runnable:
        raise BackendUnavailableError(f"backend='pulp:{name}': PuLP cannot run {solver} here; available here: {choices}")
    return solver


def map_status(status: int, sol_status: int, out_of_time: bool) -> SolveStatus:
    """SolveStatus from PuLP's problem and solution statuses; ``out_of_time``: the run
    had a time limit and lasted (about) that long (see the module docstring)."""
    if status == LP_STATUS_OPTIMAL and sol_status == LP_SOLUTION_OPTIMAL:
        return SolveStatus.OPTIMAL
    if sol_status == LP_SOLUTION_INTEGER_FEASIBLE or status == LP_STATUS_NOT_SOLVED:
        return SolveStatus.TIME_LIMIT if out_of_time else SolveStatus.INTERRUPTED
    if status == LP_STATUS_INFEASIBLE:
        return SolveStatus.TIME_LIMIT if out_of_time else SolveStatus.INFEASIBLE
    return SolveStatus.ERROR


class PulpBackend:
    progress = "final only"

    def __init__(self, solver: str | None = None):
        self.requested = solver
        self.solver = DEFAULT_SOLVER if solver is None else solver
        self.name = "pulp" if solver is None or solver.upper() == "CBC" else f"pulp:{solver}"

    def availability(self) -> tuple[bool, str]:
        if not module_installed("pulp"):
            return False, "pulp is not installed (pip install 'exactlip[pulp]')"
        try:
            self.solver = resolve_solver(self.requested)
        except (OptionError, BackendUnavailableError) as exc:
            return False, str(exc)
        self.name = "pulp" if self.solver == default_solver() else f"pulp:{self.solver}"
        from importlib.metadata import version

        return True, version("pulp")

    def solve(self, model: MilpModel, options: SolveOptions) -> SolveOutcome:
        import pulp

        start = time.perf_counter()
        reporter = ProgressReporter(options.on_progress, model.sense)
        problem, columns = _build(pulp, model)
        if options.start is not None:
            # PuLP refuses a start a rounding error outside a bound; integers must be integral.
            start_values = np.clip(np.asarray(options.start, dtype=np.float64), model.col_lower, model.col_upper)
            start_values = np.where(model.integrality, np.round(start_values), start_values)
            for variable, value in zip(columns, start_values.tolist()):
                variable.setInitialValue(value)
        solver = _make_solver(pulp, self.solver, options)
        try:
            problem.solve(solver)
        except KeyboardInterrupt:
            outcome = SolveOutcome(SolveStatus.INTERRUPTED, None, None, None, 0, time.perf_counter() - start, self.name, "interrupted")
        except pulp.PulpSolverError as exc:
            raise BackendError(f"PuLP's {self.solver} failed: {exc}") from None
        else:
            outcome = self._outcome(model, problem, columns, options, time.perf_counter() - start)
        reporter.update(outcome.seconds, outcome.objective, outcome.bound, outcome.nodes, final=True)
        reporter.raise_error()
        return outcome

    def _outcome(self, model, problem, columns, options: SolveOptions, seconds: float) -> SolveOutcome:
        out_of_time = options.time_limit is not None and seconds >= OUT_OF_TIME * options.time_limit
        status = map_status(int(problem.status), int(problem.sol_status), out_of_time)
        values = _incumbent(model, [variable.varValue for variable in columns], int(problem.sol_status))
        if status in (SolveStatus.INFEASIBLE, SolveStatus.ERROR):
            values = None
        objective = None if values is None else model.objective_value(values)
        bound = objective if status is SolveStatus.OPTIMAL else None
        message = f"PuLP status {pulp_status_name(problem.status)!r}, solution status {problem.sol_status}"
        if int(problem.status) == LP_STATUS_INFEASIBLE and status is SolveStatus.TIME_LIMIT:
            message += f"; {self.solver} claimed infeasibility after using up its time limit, read as time_limit"
        return SolveOutcome(status, objective, bound, values, 0, seconds, self.name, message)


def pulp_status_name(status: int) -> str:
    names = {1: "Optimal", 0: "Not Solved", -1: "Infeasible", -2: "Unbounded", -3: "Undefined"}
    return names.get(int(status), str(status))


def _incumbent(model: MilpModel, raw: list, sol_status: int) -> np.ndarray | None:
    """The solution's column values, when there is one. PuLP's solution status vouches
    for them; without it (some interfaces report no solution status) they count only if
    they satisfy the model to ``UNVOUCHED_TOLERANCE``."""
    if any(value is None for value in raw):
        return None
    values = np.array(raw, dtype=np.float64)
    if sol_status in (LP_SOLUTION_OPTIMAL, LP_SOLUTION_INTEGER_FEASIBLE):
        return values
    return values if model.max_violation(values) <= UNVOUCHED_TOLERANCE else None


def _finite(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def _build(pulp, model: MilpModel):
    """The PuLP problem and its variables, one per column (names ``v0…``, rows ``r0…``)."""
    sense = pulp.LpMaximize if model.sense == "maximize" else pulp.LpMinimize
    problem = pulp.LpProblem("exactlip", sense)
    # PuLP >= 3.3 attaches variables to the problem (``add_variable``); older ones construct them.
    make = problem.add_variable if hasattr(problem, "add_variable") else pulp.LpVariable
    columns = [
        make(f"v{j}", _finite(lo), _finite(hi), pulp.LpInteger if integer else pulp.LpContinuous)
        for j, (lo, hi, integer) in enumerate(zip(model.col_lower.tolist(), model.col_upper.tolist(), model.integrality.tolist()))
    ]
    # Every column appears in the objective (most with coefficient 0) so that PuLP
    # passes it to the solver even when no row mentions it.
    problem.setObjective(pulp.LpAffineExpression(zip(columns, model.objective.tolist()), constant=float(model.objective_offset)))
    matrix = model.matrix
    indptr, indices, data = matrix.indptr, matrix.indices.tolist(), matrix.data.tolist()
    for i, (lo, hi) in enumerate(zip(model.row_lower.tolist(), model.row_upper.tolist())):
        start, end = indptr[i], indptr[i + 1]
        terms = [(columns[j], v) for j, v in zip(indices[start:end], data[start:end])]
        if lo == hi:
            problem.addConstraint(pulp.LpConstraint(pulp.LpAffineExpression(terms), pulp.LpConstraintEQ, rhs=lo), f"r{i}")
            continue
        if np.isfinite(lo):
            problem.addConstraint(pulp.LpConstraint(pulp.LpAffineExpression(terms), pulp.LpConstraintGE, rhs=lo), f"r{i}_lo")
        if np.isfinite(hi):
            problem.addConstraint(pulp.LpConstraint(pulp.LpAffineExpression(terms), pulp.LpConstraintLE, rhs=hi), f"r{i}_hi")
    return problem, columns


def _make_solver(pulp, name: str, options: SolveOptions):
    """PuLP's solver object with the exact-answer settings it accepts."""
    tol = options.tolerance(DEFAULT_FEASIBILITY_TOLERANCE)
    common = {"msg": bool(options.verbose), "timeLimit": options.time_limit}
    threads = {} if options.threads is None else {"threads": int(options.threads)}
    warm = options.start is not None
    if name in ("PULP_CBC_CMD", "COIN_CMD"):
        extra = [f"primalT {tol:g}", f"integerT {tol:g}"]
        with warnings.catch_warnings():  # PuLP 3.3 announces that PULP_CBC_CMD leaves in 4.0
            warnings.simplefilter("ignore", DeprecationWarning)
            return pulp.getSolver(name, gapRel=0.0, gapAbs=0.0, warmStart=warm, options=extra, **common, **threads)
    if name == "HiGHS":
        highs_tol = options.tolerance(HIGHS_FEASIBILITY_TOLERANCE)  # 1e-9 makes HiGHS prove wrong optima
        return pulp.getSolver(name, gapRel=0.0, gapAbs=0.0, mip_feasibility_tolerance=highs_tol, **common, **threads)
    if name == "HiGHS_CMD":
        return pulp.getSolver(name, gapRel=0.0, gapAbs=0.0, warmStart=warm, **common, **threads)
    if name == "GUROBI":
        from .gurobi import _environment

        params = {"OutputFlag": int(options.verbose), "MIPGap": 0.0, "MIPGapAbs": 0.0, "FeasibilityTol": tol, "IntFeasTol": tol}
        params.update({} if options.threads is None else {"Threads": int(options.threads)})
        return pulp.getSolver(name, warmStart=warm, env=_environment(), **common, **params)
    try:
        return pulp.getSolver(name, gapRel=0.0, **common)
    except TypeError:
        return pulp.getSolver(name, **common)
