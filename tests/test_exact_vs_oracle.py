"""The exact engine against the independent region-enumeration oracle.

For every case, with and without the input-box search: ``status == "optimal"``,
``value`` equals the oracle to 1e-6 relative, and the ordering ``max sampled gradient
norm <= lower <= oracle <= upper``.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import exactlip
from exactlip.norms import resolve_norm_spec
from tests.nets import random_box, random_network
from tests.oracle import oracle_lipschitz

NORM_PAIRS = [("linf", "linf"), ("linf", "l1"), ("l1", "linf"), ("l1", "l1")]


def _check(net, box, **spec):
    """Both paths: the input-box search first (it may settle the problem itself, or
    hand over to the MIP) and the MIP alone (``input_split=0``), whose result is
    returned."""
    truth = oracle_lipschitz(net, box, **spec)
    _check_against(truth, net, box, 1.0, **spec)
    return _check_against(truth, net, box, 0, **spec)


def _check_against(truth, net, box, input_split, **spec):
    result = exactlip.lipschitz(net, box, input_split=input_split, **spec)
    assert result.status == "optimal", result.message
    assert result.value == pytest.approx(truth, rel=1e-6, abs=1e-9)
    assert result.lower <= truth * (1 + 1e-9) + 1e-12
    assert result.upper >= truth * (1 - 1e-9) - 1e-12
    assert result.stats["sampled_lower"] <= result.lower + 1e-12
    assert box.contains(result.witness)
    # the reported pattern is the pattern at the witness, and its Jacobian gives lower
    spec_obj = resolve_norm_spec(spec.get("norm", "linf"), net.output_dim, **{k: v for k, v in spec.items() if k != "norm"})
    assert spec_obj.value(net.jacobian_of_pattern(result.pattern)) == pytest.approx(result.lower, rel=1e-12)
    return result


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("norm,output_norm", NORM_PAIRS)
def test_vector_output_all_norm_pairs(seed, norm, output_norm):
    rng = np.random.default_rng(seed)
    widths = [[2, 10, 10, 3], [3, 8, 8, 8, 2], [4, 12, 2], [1, 6, 6, 6, 6, 3]][seed]
    net = random_network(rng, widths)
    _check(net, random_box(rng, widths[0]), norm=norm, output_norm=output_norm)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("norm", ["linf", "l1"])
def test_scalar_output(seed, norm):
    rng = np.random.default_rng(10 + seed)
    dim = 1 + seed % 5
    net = random_network(rng, [dim, 12, 12, 1])
    _check(net, random_box(rng, dim), norm=norm)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("norm", ["linf", "l1"])
def test_direction_c_and_margin(seed, norm):
    rng = np.random.default_rng(20 + seed)
    net = random_network(rng, [3, 10, 10, 4])
    box = random_box(rng, 3)
    _check(net, box, norm=norm, c=rng.standard_normal(4))
    _check(net, box, norm=norm, margin=(seed % 4, (seed + 1) % 4))


@pytest.mark.parametrize("seed", range(3))
def test_wider_nets(seed):
    rng = np.random.default_rng(30 + seed)
    net = random_network(rng, [2, 20, 20, 2])
    _check(net, random_box(rng, 2, radius=0.3), norm="linf", c=[1.0, -1.0])


def test_single_affine_layer_is_the_matrix_norm():
    rng = np.random.default_rng(40)
    net = exactlip.Network([rng.standard_normal((3, 4))], [np.zeros(3)])
    box = random_box(rng, 4)
    for norm, output_norm in NORM_PAIRS:
        _check(net, box, norm=norm, output_norm=output_norm)


def test_fully_stable_network_and_point_box():
    """All neurons stable (bounds collapse to points on a zero-radius box): no
    binaries, no infeasibility; the answer is the Jacobian norm at the point."""
    rng = np.random.default_rng(41)
    net = random_network(rng, [3, 10, 10, 2])
    center = rng.standard_normal(3)
    box = exactlip.Box.linf_ball(center, 0.0)
    result = exactlip.lipschitz(net, box, norm="linf", output_norm="linf")
    assert result.status == "optimal"
    assert result.stats["unstable_neurons"] == 0
    assert result.value == pytest.approx(np.abs(net.jacobian(center)).sum(axis=1).max(), rel=1e-12)


def test_float32_weights_with_collapsed_bounds_do_not_break_the_mip():
    """Weights stored in float32 (as a torch model would have them) and a tiny box."""
    rng = np.random.default_rng(42)
    weights = [rng.standard_normal((16, 4)).astype(np.float32), rng.standard_normal((16, 16)).astype(np.float32),
               rng.standard_normal((3, 16)).astype(np.float32)]
    biases = [rng.standard_normal(16).astype(np.float32), rng.standard_normal(16).astype(np.float32), np.zeros(3, np.float32)]
    net = exactlip.Network(weights, biases)
    box = exactlip.Box.linf_ball(rng.standard_normal(4).astype(np.float32), 1e-7)
    result = exactlip.lipschitz(net, box, norm="linf", margin=(0, 2))
    assert result.status == "optimal"
    assert result.value == pytest.approx(oracle_lipschitz(net, box, norm="linf", margin=(0, 2)), rel=1e-6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**31 - 1),
    dim=st.integers(1, 5),
    depth=st.integers(1, 4),
    width=st.integers(2, 10),
    outputs=st.integers(1, 3),
    radius=st.sampled_from([0.05, 0.2, 0.5]),
    pair=st.sampled_from(NORM_PAIRS),
)
def test_random_networks_match_the_oracle(seed, dim, depth, width, outputs, radius, pair):
    rng = np.random.default_rng(seed)
    net = random_network(rng, [dim] + [width] * depth + [outputs])
    _check(net, random_box(rng, dim, radius=radius), norm=pair[0], output_norm=pair[1] if outputs > 1 else None)


def test_rows_are_solved_separately_and_dominated_rows_are_skipped():
    """``||J||_{∞→∞}`` is the largest row constant. Scaling one output row by 100 makes
    the other rows' bounds fall below its verified value: they must be skipped, and the
    answer must still be the oracle's."""
    rng = np.random.default_rng(50)
    net = random_network(rng, [3, 10, 10, 4])
    weights = list(net.weights)
    weights[-1] = weights[-1].copy()
    weights[-1][2] *= 100.0
    net = exactlip.Network(weights, net.biases)
    box = random_box(rng, 3)
    result = _check(net, box, norm="linf", output_norm="linf")
    assert result.stats["subproblems_solved"] + result.stats["subproblems_skipped"] == 4
    assert result.stats["subproblems_skipped"] >= 1
    assert np.argmax(np.abs(result.direction)) == 2


@pytest.mark.parametrize("seed", [60, 61, 62, 70])
def test_rows_that_cannot_beat_the_best_value_are_settled_by_the_objective_floor(seed):
    """Rows solved after the first get the best verified value as an objective floor;
    an infeasible floored MIP settles the row below it. The answer is still the
    oracle's, and it equals the largest row constant solved one row at a time."""
    rng = np.random.default_rng(seed)
    net = random_network(rng, [3, 10, 10, 4])
    box = random_box(rng, 3)
    result = _check(net, box, norm="linf", output_norm="linf")
    assert result.stats["subproblems_below_floor"] >= 1
    rows = [exactlip.lipschitz(net, box, norm="linf", c=np.eye(4)[i]).value for i in range(4)]
    assert result.value == pytest.approx(max(rows), rel=1e-9)


def test_few_directions_left_are_solved_one_mip_each_and_match_the_norm_mip():
    """Where at most MAX_DIRECTION_MIPS extreme directions v can beat the sampled value,
    the whole box is solved by one MIP of ``v·g`` per direction; interval-only bounds
    (the reference's formulation) keep one MIP of the norm. Both give the oracle's
    constant, and the per-direction path is taken on some of these networks."""
    used = []
    for seed in range(8):
        rng = np.random.default_rng(900 + seed)
        net = random_network(rng, [4, 12, 12, 2])
        box = random_box(rng, 4, radius=0.3)
        for norm in ("linf", "l1"):
            c = rng.standard_normal(2)
            result = _check(net, box, norm=norm, c=c)
            norm_mip = exactlip.lipschitz(net, box, norm=norm, c=c, bounds="interval", input_split=0)
            assert norm_mip.status == "optimal" and norm_mip.stats["direction_mips"] == 0
            assert result.value == pytest.approx(norm_mip.value, rel=1e-6, abs=1e-9)
            used.append(result.stats["direction_mips"])
    assert any(used) and not all(used)
