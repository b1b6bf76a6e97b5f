"""The MIP encoding at fixed inputs: assignments are feasible and score the true norm."""

import highspy
import numpy as np
import pytest

from exactlip.backends import SolveOptions, SolveStatus, get_backend
from exactlip.backends.highs import configured_highs
from exactlip.bounds import UNSTABLE, compute_bounds
from exactlip.input_split import extreme_directions
from exactlip.mip import build_mip
from exactlip.mip.cuts import objective_floor, with_cuts
from exactlip.norms import dual_norm_value, resolve_norm_spec
from tests.nets import random_box, random_network
from tests.oracle import enumerate_regions

SPECS = [
    ("linf", {"output_norm": "linf"}),
    ("linf", {"output_norm": "l1"}),
    ("l1", {"output_norm": "linf"}),
    ("l1", {"output_norm": "l1"}),
    ("linf", {"c": [1.0, -2.0, 0.5]}),
    ("l1", {"margin": (2, 0)}),
]


def _encoding(seed, norm, spec_args, widths=(3, 10, 10, 3)):
    rng = np.random.default_rng(seed)
    net = random_network(rng, list(widths))
    box = random_box(rng, widths[0])
    spec = resolve_norm_spec(norm, widths[-1], **spec_args)
    return rng, net, box, spec, build_mip(net, box, compute_bounds(net, box, spec), spec)


@pytest.mark.parametrize("norm,spec_args", SPECS)
def test_assignment_at_sampled_points_is_feasible_and_scores_the_gradient(norm, spec_args):
    rng, net, box, spec, enc = _encoding(1, norm, spec_args)
    offset, basis = spec.direction_offset_and_basis()
    for x in box.sample(50, rng):
        jac = net.jacobian(x)
        value, c = spec.best_direction(jac)
        values = enc.assignment(x, c)
        assert enc.model.max_violation(values) <= 1e-9
        assert enc.model.objective_value(values) == pytest.approx(value, rel=1e-9, abs=1e-12)
        assert np.allclose(enc.backward.gradient.evaluate(values), c @ jac)
        assert all(np.array_equal(p, q) for p, q in zip(enc.pattern(values), net.pattern(x)))
        assert np.allclose(enc.direction(values), c)
        assert value == pytest.approx(float(dual_norm_value(c @ jac, norm)))


def test_binaries_only_for_unstable_neurons_and_free_gradient_signs():
    _, net, box, spec, enc = _encoding(2, "linf", {"c": [1.0, -1.0, 0.0]})
    bounds = compute_bounds(net, box, spec)
    unstable = sum(int(np.sum(s == UNSTABLE)) for s in bounds.states)
    g = bounds.input_gradient
    free_signs = int(np.sum((g.lower < 0) & (g.upper > 0)))
    assert enc.model.num_integer == unstable + free_signs


def test_assignment_with_a_wrong_activation_is_infeasible():
    """Flipping one unstable neuron's binary away from the sign of its pre-activation
    (with h kept) must violate the big-M rows: the encoding really ties a to x."""
    rng, net, box, spec, enc = _encoding(3, "linf", {"output_norm": "linf"})
    layer = enc.forward.layers[0]
    assert layer.a_cols.size > 0
    for x in box.sample(30, rng):
        values = enc.assignment(x, np.eye(3)[0])
        z = net.preactivations(x)[0][layer.unstable]
        j = int(np.argmax(np.abs(z)))
        values[layer.a_cols[j]] = 1.0 - values[layer.a_cols[j]]
        assert enc.model.max_violation(values) > 1e-6


def _solve_text(path):
    highs = configured_highs(highspy, SolveOptions())  # the engine's own HiGHS settings
    assert highs.readModel(str(path)) != highspy.HighsStatus.kError
    highs.run()
    return highs.getInfo().objective_function_value


@pytest.mark.parametrize("norm,spec_args", SPECS[:4])
@pytest.mark.parametrize("suffix", [".mps", ".lp"])
def test_exported_files_solve_to_the_in_memory_optimum(tmp_path, norm, spec_args, suffix):
    _, _, _, _, enc = _encoding(4, norm, spec_args, widths=(2, 8, 8, 3))
    in_memory = get_backend("highs").solve(enc.model, SolveOptions()).objective
    path = tmp_path / f"model{suffix}"
    (enc.model.to_mps if suffix == ".mps" else enc.model.to_lp)(path)
    assert _solve_text(path) == pytest.approx(in_memory, rel=1e-8)
    assert not list(tmp_path.glob(".*.tmp")), "temporary file left behind"


@pytest.mark.parametrize("norm,spec_args", [SPECS[4], SPECS[5]])
def test_objective_floor_keeps_the_optimum_below_it_and_makes_the_mip_infeasible_above_it(norm, spec_args):
    _, _, _, _, enc = _encoding(5, norm, spec_args)
    highs = get_backend("highs")
    optimum = highs.solve(enc.model, SolveOptions()).objective
    below = with_cuts(enc.model, [objective_floor(enc.model, 0.5 * optimum)], "objective_floor")
    assert below.row_names[-1] == "objective_floor_0"
    assert highs.solve(below, SolveOptions()).objective == pytest.approx(optimum, rel=1e-9)
    above = with_cuts(enc.model, [objective_floor(enc.model, optimum * (1 + 1e-4) + 1e-6)], "objective_floor")
    assert highs.solve(above, SolveOptions()).status is SolveStatus.INFEASIBLE


@pytest.mark.parametrize("norm,spec_args", [SPECS[4], SPECS[5]])
def test_a_direction_objective_is_v_dot_g_without_sign_binaries_and_its_optimum_is_exact(norm, spec_args):
    """With a direction v the objective is ``v·g`` (no objective columns), assignments
    score it, its optimum is the largest ``v·g`` over the box's regions, and the largest
    of these over the extreme directions is the norm MIP's optimum."""
    rng, net, box, spec, norm_encoding = _encoding(6, norm, spec_args)
    bounds = compute_bounds(net, box, spec)
    unstable = sum(int(np.sum(s == UNSTABLE)) for s in bounds.states)
    gradients = [spec.c @ net.jacobian(r.point) for r in enumerate_regions(net, box)]
    highs = get_backend("highs")
    optima = []
    for v in extreme_directions(norm, box.dim):
        enc = build_mip(net, box, bounds, spec, direction=v)
        assert enc.model.num_integer == unstable
        for x in box.sample(5, rng):
            values = enc.assignment(x, spec.c)
            assert enc.model.max_violation(values) <= 1e-9
            assert enc.model.objective_value(values) == pytest.approx(float(v @ (spec.c @ net.jacobian(x))), rel=1e-9, abs=1e-12)
        optima.append(highs.solve(enc.model, SolveOptions()).objective)
        assert optima[-1] == pytest.approx(max(float(v @ g) for g in gradients), rel=1e-6, abs=1e-9)
    assert max(optima) == pytest.approx(highs.solve(norm_encoding.model, SolveOptions()).objective, rel=1e-6)
