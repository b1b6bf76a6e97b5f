"""The input-box branch and bound (:mod:`exactlip.input_split`) against the oracle.

Its bounds must be sound on every box (never below the true constant), its lower
bound must be attained, a search that closes must give the oracle's constant, and a
search cut short must still bracket it.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import exactlip
from exactlip.bounds import UNSTABLE
from exactlip.errors import OptionError
from exactlip.exact import MAX_DIRECTION_MIPS, _Search, input_split_budget, leaf_solver
from exactlip.input_split import BoxBound, Leaf, box_upper_bound, extreme_directions, split_input_box
from exactlip.norms import resolve_norm_spec, sign_vectors
from tests.backends.instances import case
from tests.nets import random_box, random_network
from tests.oracle import enumerate_regions, oracle_lipschitz


def _search(net, box, spec, budget=30.0, stop_at=-np.inf, solve_leaf=None, leaf_unstable=0):
    center = box.center
    value, direction = spec.best_direction(net.jacobian(center))
    return split_input_box(
        net, box, spec, method="linear", lower=value, point=center, direction=direction, budget=budget,
        stop_at=stop_at, check_seconds=np.inf, solve_leaf=solve_leaf, leaf_unstable=leaf_unstable,
    )  # fmt: skip


def test_extreme_directions_are_the_vertices_of_the_unit_ball():
    assert extreme_directions("l1", 3).tolist() == np.vstack([np.eye(3), -np.eye(3)]).tolist()
    assert sorted(map(tuple, extreme_directions("linf", 3))) == sorted(map(tuple, sign_vectors(3)))
    assert extreme_directions("linf", 11) is None  # 2048 directions: too many


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**31 - 1),
    dim=st.integers(1, 4),
    depth=st.integers(1, 3),
    width=st.integers(2, 10),
    radius=st.sampled_from([0.05, 0.3, 1.0]),
    norm=st.sampled_from(["linf", "l1"]),
)
def test_box_bound_is_sound_and_a_closed_search_is_exact(seed, dim, depth, width, radius, norm):
    rng = np.random.default_rng(seed)
    net = random_network(rng, [dim] + [width] * depth + [2])
    box = random_box(rng, dim, radius=radius)
    c = rng.standard_normal(2)
    truth = oracle_lipschitz(net, box, norm=norm, c=c)
    spec = resolve_norm_spec(norm, 2, c=c)
    directions = extreme_directions(norm, dim)
    bound = box_upper_bound(net, box, spec, "linear", directions)
    assert bound.upper >= truth * (1 - 1e-9) - 1e-12
    assert bound.upper <= bound.direction_upper.max()
    gradients = np.array([c @ net.jacobian(r.point) for r in enumerate_regions(net, box)])
    largest = (gradients @ directions.T).max(axis=0)  # of v·g over the regions, per direction
    assert np.all(bound.direction_upper >= largest - 1e-9 * np.abs(largest) - 1e-12)
    assert box_upper_bound(net, box, spec, "interval", None).upper >= truth * (1 - 1e-9) - 1e-12
    # box bounds alone can stall near crossing boundaries: exact leaves settle those boxes
    found = _search(net, box, spec, budget=60.0, solve_leaf=_oracle_leaves(net, spec, []), leaf_unstable=1000)
    assert found.closed
    assert found.lower == pytest.approx(truth, rel=1e-6, abs=1e-9)
    assert found.lower <= found.upper <= truth * (1 + 2e-6) + 2e-8
    assert box.contains(found.point)
    assert spec.value(net.jacobian(found.point)) == pytest.approx(found.lower, rel=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_a_search_cut_short_still_brackets_the_constant(seed):
    rng = np.random.default_rng(100 + seed)
    net = random_network(rng, [3, 10, 10, 2])
    box = random_box(rng, 3, radius=0.5)
    spec = resolve_norm_spec("linf", 2, c=[1.0, -1.0])
    truth = oracle_lipschitz(net, box, norm="linf", c=[1.0, -1.0])
    found = _search(net, box, spec, budget=0.0)
    assert found.boxes == 1
    assert found.lower <= truth * (1 + 1e-9) <= found.upper * (1 + 1e-9) + 1e-12
    if not found.closed:
        assert found.upper > found.lower


@pytest.mark.parametrize("seed", range(4))
def test_a_stop_at_above_the_constant_settles_the_search_below_it(seed):
    """With ``stop_at`` (another row's verified value) above the constant, the search
    closes without reaching the constant and its bound stays at most ``stop_at``."""
    rng = np.random.default_rng(200 + seed)
    net = random_network(rng, [2, 12, 12, 2])
    box = random_box(rng, 2)
    spec = resolve_norm_spec("linf", 2, c=[1.0, 1.0])
    truth = oracle_lipschitz(net, box, norm="linf", c=[1.0, 1.0])
    found = _search(net, box, spec, stop_at=1.5 * truth)
    assert found.closed
    assert truth * (1 - 1e-9) <= found.upper <= 1.5 * truth * (1 + 1e-6) + 1e-8
    assert found.lower <= truth * (1 + 1e-9)


def test_the_engine_reports_a_problem_settled_by_the_input_box_search():
    rng = np.random.default_rng(300)
    net = random_network(rng, [2, 20, 20, 2])
    box = random_box(rng, 2, radius=0.3)
    with_split = exactlip.lipschitz(net, box, c=[1.0, -1.0], input_split=10.0)
    mip_only = exactlip.lipschitz(net, box, c=[1.0, -1.0], input_split=0)
    assert with_split.status == mip_only.status == "optimal"
    assert with_split.value == pytest.approx(mip_only.value, rel=1e-6)
    assert with_split.stats["subproblems_closed_by_input_split"] == 1
    assert with_split.stats["input_split_boxes"] >= 1
    # no MIP over the whole box: at most MIPs over sub-boxes with fewer binaries
    assert with_split.stats["binaries"] < mip_only.stats["binaries"]
    assert (with_split.stats["binaries"] == 0) == (with_split.stats["input_split_leaves"] == 0)
    assert mip_only.stats["input_split_boxes"] == 0


def test_a_search_that_does_not_close_caps_the_mip_bracket():
    """Too little time to close: the MIP runs and the result is still exact."""
    rng = np.random.default_rng(301)
    net = random_network(rng, [3, 12, 12, 1])
    box = random_box(rng, 3, radius=0.5)
    result = exactlip.lipschitz(net, box, input_split=1e-9)
    assert result.status == "optimal"
    assert result.stats["subproblems_closed_by_input_split"] == 0
    assert result.value == pytest.approx(oracle_lipschitz(net, box), rel=1e-6)


def _oracle_leaves(net, spec, calls: list):
    """A leaf solver by region enumeration (exact on its box); ``calls`` records the
    unstable neurons of every box it gets."""

    def solve(box, bound, floor):
        calls.append(bound.bounds.num_unstable)
        best = max(enumerate_regions(net, box), key=lambda r: spec.value(net.jacobian(r.point)))
        value, direction = spec.best_direction(net.jacobian(best.point))
        return Leaf(value, best.point, direction, max(value, floor), True, 1)

    return solve


@pytest.mark.parametrize("norm", ["linf", "l1"])
@pytest.mark.parametrize("seed", range(4))
def test_the_engine_leaf_solver_by_directions_is_exact_and_settles_at_a_floor(seed, norm):
    """The MIP leaf, solved one direction v at a time (``v·g``) when few directions can
    beat the centre's value, gives the box's constant (the same as the norm MIP's);
    above a floor the box settles at that floor; a floor that no direction's bound
    beats needs no MIP at all."""
    rng = np.random.default_rng(700 + seed)
    net = random_network(rng, [3, 10, 10, 2])
    box = random_box(rng, 3, radius=0.3)
    c = rng.standard_normal(2)
    spec = resolve_norm_spec(norm, 2, c=c)
    truth = oracle_lipschitz(net, box, norm=norm, c=c)
    bound = box_upper_bound(net, box, spec, "linear", extreme_directions(norm, 3))
    search = _Search(net, box, spec, -np.inf, box.center, spec.c)
    solve = leaf_solver(search, "highs", None, {"threads": 1, "verbose": False})

    leaf = solve(box, bound, -np.inf)
    assert leaf.settled
    beating = int(np.sum(bound.direction_upper > spec.value(net.jacobian(box.center)) * (1 + 1e-6) + 1e-8))
    if 1 <= beating <= MAX_DIRECTION_MIPS:  # MIPs of v·g: no sign binaries
        assert 1 <= search.direction_mips <= beating
        assert search.sizes["binaries"] == sum(int(np.sum(s == UNSTABLE)) for s in bound.bounds.states)
    elif beating > MAX_DIRECTION_MIPS:
        assert search.direction_mips == 0
    assert leaf.lower == pytest.approx(truth, rel=1e-6, abs=1e-9)
    assert truth * (1 - 1e-9) <= leaf.upper <= truth * (1 + 2e-6) + 2e-8
    assert spec.value(net.jacobian(leaf.point)) == pytest.approx(leaf.lower, rel=1e-12)
    norm_mip = solve(box, BoxBound(bound.upper, bound.bounds), -np.inf)
    assert norm_mip.settled and norm_mip.lower == pytest.approx(leaf.lower, rel=1e-6, abs=1e-9)

    floor = truth * 1.05 + 1e-6
    if bound.upper > floor:
        above = solve(box, bound, floor)
        assert above.settled and truth <= above.upper <= floor * (1 + 2e-6) + 2e-8
    idle = _Search(net, box, spec, -np.inf, box.center, spec.c)
    untouched = leaf_solver(idle, "highs", None, {"threads": 1, "verbose": False})(box, bound, float(bound.direction_upper.max()))
    assert untouched.settled and idle.direction_mips == 0 and untouched.nodes == 0
    assert untouched.upper == pytest.approx(max(float(bound.direction_upper.max()), untouched.lower))


def test_boxes_on_a_plateau_are_handed_to_the_leaf_solver_and_the_search_stays_exact():
    """Exact leaf solves (the oracle's) settle boxes whose bounds stopped shrinking; the
    search then closes at the constant. The boxes handed over never exceed the
    unstable-neuron limit, and some are handed over in these cases."""
    calls: list = []
    for seed in range(6):
        rng = np.random.default_rng(500 + seed)
        net = random_network(rng, [2, 16, 16, 1])
        box = random_box(rng, 2, radius=0.5)
        spec = resolve_norm_spec("linf", 1)
        truth = oracle_lipschitz(net, box)
        before = len(calls)
        found = _search(net, box, spec, budget=60.0, solve_leaf=_oracle_leaves(net, spec, calls), leaf_unstable=12)
        assert found.closed and found.leaves == len(calls) - before
        assert found.lower == pytest.approx(truth, rel=1e-6, abs=1e-9)
        assert found.upper <= truth * (1 + 2e-6) + 2e-8
        assert spec.value(net.jacobian(found.point)) == pytest.approx(found.lower, rel=1e-12)
    assert calls and max(calls) <= 12


def test_a_leaf_that_does_not_settle_keeps_the_search_open_with_a_sound_bound():
    rng = np.random.default_rng(600)
    net = random_network(rng, [2, 16, 16, 1])
    box = random_box(rng, 2, radius=0.5)
    spec = resolve_norm_spec("linf", 1)
    truth = oracle_lipschitz(net, box)

    def give_up(b, bound, floor):
        value, direction = spec.best_direction(net.jacobian(b.center))
        return Leaf(value, b.center, direction, np.inf, False, 0)

    found = _search(net, box, spec, budget=60.0, solve_leaf=give_up, leaf_unstable=1000)
    assert found.leaves >= 1
    assert not found.closed
    assert found.lower <= truth * (1 + 1e-9) <= found.upper * (1 + 1e-9) + 1e-12


def test_boundaries_crossing_at_one_point_stop_the_search_without_a_budget():
    # no biases: every hyperplane passes through the origin, so every box around it keeps
    # every neuron unstable; the search must stop there (not closed, bracket sound)
    rng = np.random.default_rng(0)
    net = random_network(rng, [3, 7, 7, 7, 3], bias_scale=0.0)
    box = exactlip.Box(-np.ones(3), np.ones(3))
    c = rng.standard_normal(3)
    spec = resolve_norm_spec("linf", 3, c=c)
    truth = oracle_lipschitz(net, box, norm="linf", c=c)
    found = _search(net, box, spec, budget=np.inf)
    assert not found.closed
    assert found.lower <= truth * (1 + 1e-9) <= found.upper * (1 + 1e-9) + 1e-12
    assert found.boxes < 20000


def test_budget_defaults_and_limits():
    assert input_split_budget(None, 4, 20, None) == np.inf  # until it closes
    assert input_split_budget(None, 5, 30, None) == 0.0  # too many inputs
    assert input_split_budget(None, 4, 19, None) == 0.0  # too few unstable neurons
    assert input_split_budget(5.0, 64, 0, None) == 5.0
    assert input_split_budget(None, 2, 40, 4.0) == 4.0  # the time limit
    assert input_split_budget(9.0, 2, 40, 4.0) == 4.0
    assert input_split_budget(0, 2, 40, None) == 0.0


@pytest.mark.parametrize("bad", [-1.0, "2", True])
def test_invalid_input_split_is_refused_by_name(bad):
    net = random_network(np.random.default_rng(0), [2, 4, 1])
    with pytest.raises(OptionError, match="input_split"):
        exactlip.lipschitz(net, random_box(np.random.default_rng(0), 2), input_split=bad)


def test_rows_settled_by_the_input_box_search_keep_their_verified_values():
    """An operator norm whose solved rows are all settled by the search: the answer is the
    best row's value (regression: a settled row's value was once dropped, leaving
    an 'unverified' bracket below the oracle)."""
    net, box, spec = case(2)  # ||J||_{1→∞} of a 3-10-10-3 network
    truth = oracle_lipschitz(net, box, **spec)
    result = exactlip.lipschitz(net, box, **spec, input_split=10.0)
    assert result.stats["subproblems_closed_by_input_split"] == result.stats["subproblems_solved"] >= 1
    assert result.status == "optimal"
    assert result.value == pytest.approx(truth, rel=1e-6)
