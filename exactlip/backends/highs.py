"""HiGHS through ``highspy``: the model goes in as CSR arrays (``HighsLp``).

Defaults for exact answers: ``mip_rel_gap = 0`` and ``mip_abs_gap = 0`` (HiGHS's
defaults, 1e-4 and 1e-6, stop early) and ``mip_feasibility_tolerance = 1e-9`` (at
1e-6 the solver's optimum sits about 1e-6 above the true value). The incumbent is read only when the primal
solution status says a feasible solution exists — without one the reported
objective is meaningless. HiGHS fixes its thread count process-wide at the first
solve, so ``threads`` only takes effect in a process's first solve.
"""

from __future__ import annotations

import time

import numpy as np

from ..errors import BackendError
from ..mip.model import MilpModel
from .base import SolveOptions, SolveOutcome, SolveStatus, module_installed

_FEASIBLE = 2  # HiGHS's kSolutionStatusFeasible


class HighsBackend:
    name = "highs"

    def availability(self) -> tuple[bool, str]:
        if not module_installed("highspy"):
            return False, "highspy is not installed (pip install highspy)"
        from importlib.metadata import version

        return True, version("highspy")

    def solve(self, model: MilpModel, options: SolveOptions) -> SolveOutcome:
        import highspy

        highs = highspy.Highs()
        highs.setOptionValue("output_flag", bool(options.verbose))
        highs.setOptionValue("mip_rel_gap", float(options.mip_rel_gap))
        highs.setOptionValue("mip_abs_gap", 0.0)
        highs.setOptionValue("mip_feasibility_tolerance", float(options.feasibility_tolerance))
        if options.time_limit is not None:
            highs.setOptionValue("time_limit", float(options.time_limit))
        if options.threads is not None:
            highs.setOptionValue("threads", int(options.threads))
        status = highs.passModel(_as_highs_lp(highspy, model))
        if status == highspy.HighsStatus.kError:
            raise BackendError(f"HiGHS rejected the model ({model.num_cols} columns, {model.num_rows} rows)")
        if options.start is not None:
            solution = highspy.HighsSolution()
            solution.col_value = np.asarray(options.start, dtype=np.float64)
            solution.value_valid = True
            highs.setSolution(solution)
        highs.HandleKeyboardInterrupt = True
        start = time.perf_counter()
        highs.run()
        seconds = time.perf_counter() - start
        return _outcome(highspy, highs, model, seconds)


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
