"""Every usable backend gives the same certified answer as the region-enumeration
oracle (1e-6 relative) with status "optimal"; missing or unlicensed backends skip."""

from __future__ import annotations

import functools

import numpy as np
import pytest

import exactlip
from exactlip.backends import SolveOptions, SolveStatus, get_backend
from tests.backends.instances import CASES, backend_params, case, case_encoding, require
from tests.oracle import oracle_lipschitz

REL = 1e-6


@functools.lru_cache(maxsize=None)
def _oracle(index: int) -> float:
    net, box, spec_args = case(index)
    return oracle_lipschitz(net, box, **spec_args)


@functools.lru_cache(maxsize=None)
def _highs_objective(index: int) -> float:
    return get_backend("highs").solve(case_encoding(index).model, SolveOptions()).objective


@pytest.mark.parametrize("index", range(len(CASES)))
@pytest.mark.parametrize("backend", backend_params())
def test_engine_agrees_with_the_oracle_on_every_backend(backend, index):
    require(backend)
    net, box, spec_args = case(index)
    result = exactlip.lipschitz(net, box, **spec_args, backend=backend)
    assert result.stats["backend"] == backend
    assert result.status == "optimal", result.message
    assert result.value == pytest.approx(_oracle(index), rel=REL)
    assert result.upper == pytest.approx(result.value, rel=REL)


@pytest.mark.parametrize("index", range(len(CASES)))
@pytest.mark.parametrize("backend", backend_params())
def test_the_bare_mip_has_the_same_optimum_and_a_tight_bound_on_every_backend(backend, index):
    """No engine in between: the backends' optimum and proven bound for the same model."""
    require(backend)
    model = case_encoding(index).model
    outcome = get_backend(backend).solve(model, SolveOptions())
    assert outcome.status is SolveStatus.OPTIMAL
    assert outcome.objective == pytest.approx(_highs_objective(index), rel=REL)
    assert outcome.bound == pytest.approx(outcome.objective, rel=REL)
    assert model.objective_value(outcome.values) == pytest.approx(outcome.objective, rel=REL)
    assert model.max_violation(outcome.values) <= 1e-5


@pytest.mark.parametrize("backend", backend_params())
def test_a_starting_solution_is_accepted_and_changes_nothing(backend):
    require(backend)
    encoding = case_encoding(1)
    net, box, _ = case(1)
    x = box.center
    value, direction = encoding.spec.best_direction(net.jacobian(x))
    start = encoding.assignment(x, direction)
    start[encoding.forward.x_cols] += 1e-15 * np.sign(start[encoding.forward.x_cols])  # rounding at the bounds
    outcome = get_backend(backend).solve(encoding.model, SolveOptions(start=start))
    assert outcome.status is SolveStatus.OPTIMAL
    assert outcome.objective == pytest.approx(_highs_objective(1), rel=REL)
    assert outcome.objective >= value * (1 - REL)
