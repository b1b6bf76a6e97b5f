"""No-good cuts that remove activation patterns whose region has no interior.

When :func:`~exactlip.regions.check_region` reports that the signs of a set S of
neurons conflict under pattern P, every pattern that agrees with P on S *and* on all
layers before S's deepest layer (which fix the affine maps of S's pre-activations)
has the same empty region. Over the unstable neurons U of that set (stable ones are
fixed anyway) the cut

    Σ_{i∈U, P_i=0} a_i + Σ_{i∈U, P_i=1} (1 − a_i) >= 1

removes exactly those patterns. It removes no region with interior, so the MIP stays
an upper bound on the Lipschitz constant over X.

An objective floor ``objective @ x + offset >= floor`` (:func:`objective_floor`) asks
only for solutions better than a value already verified elsewhere (another row of an
operator norm): if the floored MIP is infeasible, its optimum is below the floor.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .build import Encoding
from .model import MilpModel


def conflict_cut(encoding: Encoding, pattern: list[np.ndarray], conflict: np.ndarray) -> tuple[np.ndarray, np.ndarray, float] | None:
    """``(columns, coefficients, lower)`` of the cut ``coefficients @ a[columns] >= lower``,
    or None when the conflict involves no unstable neuron."""
    widths = [p.size for p in pattern]
    starts = np.concatenate([[0], np.cumsum(widths)])
    deepest = int(np.searchsorted(starts, int(np.max(conflict)), side="right") - 1)
    columns, coefficients, ones = [], [], 0
    for k, layer in enumerate(encoding.forward.layers[: deepest + 1]):
        in_cut = np.ones(widths[k], dtype=bool) if k < deepest else np.isin(np.arange(widths[k]) + starts[k], conflict)
        chosen = in_cut[layer.unstable]
        on = pattern[k][layer.unstable][chosen]
        columns.append(layer.a_cols[chosen])
        coefficients.append(np.where(on, -1.0, 1.0))
        ones += int(np.count_nonzero(on))
    columns = np.concatenate(columns)
    if columns.size == 0:
        return None
    return columns, np.concatenate(coefficients), 1.0 - ones


def objective_floor(model: MilpModel, floor: float) -> tuple[np.ndarray, np.ndarray, float]:
    """The cut ``objective @ x >= floor − offset`` in the form :func:`with_cuts` takes."""
    columns = np.flatnonzero(model.objective)
    return columns, model.objective[columns], float(floor) - model.objective_offset


def with_cuts(model: MilpModel, cuts: list[tuple[np.ndarray, np.ndarray, float]], prefix: str = "region_cut") -> MilpModel:
    """A copy of ``model`` with the rows ``coefficients @ x[columns] >= lower`` appended
    (named ``prefix_0``, ``prefix_1``, …)."""
    rows = [
        sp.csr_array((coef, (np.zeros(cols.size, dtype=np.int64), cols)), shape=(1, model.num_cols))
        for cols, coef, _ in cuts
    ]
    return MilpModel(
        col_lower=model.col_lower,
        col_upper=model.col_upper,
        integrality=model.integrality,
        col_names=model.col_names,
        matrix=sp.csr_array(sp.vstack([model.matrix, *rows], format="csr")),
        row_lower=np.concatenate([model.row_lower, [lower for _, _, lower in cuts]]),
        row_upper=np.concatenate([model.row_upper, np.full(len(cuts), np.inf)]),
        row_names=model.row_names + [f"{prefix}_{i}" for i in range(len(cuts))],
        objective=model.objective,
        objective_offset=model.objective_offset,
        sense=model.sense,
        name=model.name,
        metadata=model.metadata,
    )
