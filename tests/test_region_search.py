"""The search over linear regions (:mod:`exactlip.region_search`) against the oracle.

A search that closes must give the oracle's constant with a verified witness; its cell
bound must never fall below the norm of any gradient it covers; a search cut short or
floored must still bracket the truth; the engine must run it where it applies and only
there.
"""

import itertools
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import exactlip
from exactlip.bounds import compute_bounds
from exactlip.errors import OptionError
import exactlip.exact as exact_module
from exactlip.exact import region_search_budget
from exactlip.input_split import extreme_directions
from exactlip.norms import dual_norm_value, resolve_norm_spec
from exactlip.domain import Box
from exactlip.inf_to_one import Decisions
import exactlip.region_search as region_search_module
from exactlip.region_search import RegionSearchResult, _Cell, _CellLP, _children, _decide_layer, box_maximum_decisions, cell_bound, reach_along, search_regions, supports
from tests.nets import random_box, random_dag_network, random_network
from tests.oracle import oracle_lipschitz


def _run(net, box, norm, c, lower=0.0, **kwargs):
    spec = resolve_norm_spec(norm, net.output_dim, c=c)
    bounds = compute_bounds(net, box, spec, "linear")
    return search_regions(net, box, spec, bounds, lower=lower, **kwargs)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**31 - 1),
    dim=st.integers(1, 5),
    depth=st.integers(1, 3),
    width=st.integers(2, 9),
    radius=st.sampled_from([0.05, 0.3, 1.0]),
    norm=st.sampled_from(["linf", "l1"]),
    slope=st.sampled_from([0.0, 0.0, 0.1]),
)
def test_a_closed_search_is_the_oracle_constant_with_a_verified_witness(seed, dim, depth, width, radius, norm, slope):
    rng = np.random.default_rng(seed)
    net = random_dag_network(rng, [dim] + [width] * depth + [2], skip_probability=0.0, negative_slopes=[slope] * depth)
    box = random_box(rng, dim, radius=radius)
    c = rng.standard_normal(2)
    truth = oracle_lipschitz(net, box, norm=norm, c=c)
    found = _run(net, box, norm, c)
    assert found.closed
    assert found.lower == pytest.approx(truth, rel=1e-7, abs=1e-10)
    assert found.upper == pytest.approx(truth, rel=1e-7, abs=1e-10)
    if truth > 0:
        assert box.contains(found.point)
        assert dual_norm_value(c @ net.jacobian(found.point), norm) == pytest.approx(found.lower, rel=1e-9)


def _coefficient_box(rng, n, dim):
    """A random ``M`` (n × dim) and coefficient box ``[a_min, a_max]`` of n coefficients."""
    M = rng.standard_normal((n, dim))
    ends = rng.standard_normal((2, n))
    return M, ends.min(axis=0), ends.max(axis=0)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), dim=st.integers(1, 11), norm=st.sampled_from(["linf", "l1"]))
def test_the_cell_bound_is_the_largest_gradient_of_its_coefficient_box(seed, dim, norm):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 8))
    M, a_min, a_max = _coefficient_box(rng, n, dim)
    fixed = rng.random(n) < 0.3  # decided neurons: a point, not an interval
    a_max[fixed] = a_min[fixed]
    directions = extreme_directions(norm, dim)
    bound = cell_bound(M, a_max, a_min, norm, None if directions is None else directions.T)
    corners = np.array(list(itertools.product([0, 1], repeat=n)))
    largest = dual_norm_value(np.where(corners, a_max, a_min) @ M, norm).max()
    assert bound == pytest.approx(largest, rel=1e-12, abs=1e-12)  # corners or directions: both exact
    inside = rng.uniform(a_min, a_max, size=(200, n))
    assert np.all(dual_norm_value(inside @ M, norm) <= bound * (1 + 1e-12) + 1e-12)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), n=st.integers(1, 8), dim=st.integers(1, 12))
def test_the_reach_along_a_sign_vector_is_its_largest_product_over_the_corners_and_at_most_the_bound(seed, n, dim):
    rng = np.random.default_rng(seed)
    M, a_min, a_max = _coefficient_box(rng, n, dim)
    v = rng.choice([-1.0, 1.0], size=dim)
    corners = np.where(np.array(list(itertools.product([0, 1], repeat=n))), a_max, a_min)
    reach = reach_along(M, a_max, a_min, v)
    assert reach == pytest.approx(np.abs(corners @ M @ v).max(), rel=1e-12, abs=1e-12)
    assert reach <= cell_bound(M, a_max, a_min, "linf", None) * (1 + 1e-12) + 1e-12


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**31 - 1), dim=st.sampled_from([3, 11]), norm=st.sampled_from(["linf", "l1"]), batch=st.integers(1, 6), n=st.integers(1, 9)
)
def test_the_batched_box_test_decides_each_box_at_its_own_largest_gradient(seed, dim, norm, batch, n):
    """``boxes_exceed``: with the directions enumerated (dim 3, or α = 1) or by the
    ℓ∞→ℓ1 test (dim 11, α = ∞), from a random witness or none; each box's answer flips
    at its largest gradient norm over the corners, whatever the others' are."""
    rng = np.random.default_rng(seed)
    net = random_network(rng, [dim, 3, 2])
    box = random_box(rng, dim)
    spec = resolve_norm_spec(norm, 2, c=np.array([1.0, -1.0]))
    state = region_search_module._SearchState(net, box, spec, compute_bounds(net, box, spec, "linear"), 0.0, -np.inf, 1, itertools.count())
    M = rng.standard_normal((batch, n, dim)) * rng.choice([0.1, 1.0, 10.0], size=(batch, 1, 1))
    ends = rng.standard_normal((2, batch, n))
    a_min, a_max = ends.min(axis=0), ends.max(axis=0)
    fixed = rng.random((batch, n)) < 0.3
    a_max[fixed] = a_min[fixed]
    corners = np.array(list(itertools.product([0, 1], repeat=n)))
    largest = np.array([dual_norm_value(np.where(corners, a_max[b], a_min[b]) @ M[b], norm).max() for b in range(batch)])
    if norm == "linf" and dim == 11 and rng.random() < 0.5:
        state.witness = rng.choice([-1.0, 1.0], size=dim)
    for level in np.concatenate([largest * (1 - 1e-9), largest * (1 + 1e-9)]):
        state.best_value = level
        assert state.boxes_exceed(M, a_min, a_max).tolist() == (largest > level).tolist()


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), n=st.integers(11, 14), dim=st.integers(11, 13))
def test_past_both_enumerations_the_partial_corner_bound_is_sound_and_within_the_per_coordinate_one(seed, n, dim):
    rng = np.random.default_rng(seed)
    M, a_min, a_max = _coefficient_box(rng, n, dim)  # more than 2^10 corners and sign vectors: neither enumerated
    bound = cell_bound(M, a_max, a_min, "linf", None)
    corners = np.array(list(itertools.product([0, 1], repeat=n)))
    largest = dual_norm_value(np.where(corners, a_max, a_min) @ M, "linf").max()
    assert bound >= largest * (1 - 1e-12)
    up = np.maximum(a_max[:, None] * M, a_min[:, None] * M).sum(axis=0)
    down = np.maximum(-a_max[:, None] * M, -a_min[:, None] * M).sum(axis=0)
    assert bound <= np.maximum(up, down).sum() * (1 + 1e-12)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), n=st.integers(11, 13), dim=st.integers(11, 13))
def test_the_box_maximum_test_decides_the_largest_gradient_of_the_corners(seed, n, dim):
    rng = np.random.default_rng(seed)
    M, a_min, a_max = _coefficient_box(rng, n, dim)
    corners = np.array(list(itertools.product([0, 1], repeat=n)))
    largest = dual_norm_value(np.where(corners, a_max, a_min) @ M, "linf").max()
    below = box_maximum_decisions(M[None], a_max[None], a_min[None], largest * (1 + 1e-9))
    assert below.settled[0] and not below.exceeds[0]
    above = box_maximum_decisions(M[None], a_max[None], a_min[None], largest * (1 - 1e-9))
    assert above.settled[0] and above.exceeds[0]
    if above.witness is not None:  # an input direction, up to sign, where the box's gradients reach past the level
        assert reach_along(M, a_max, a_min, above.witness) > largest * (1 - 1e-9)


def test_on_the_last_layer_the_box_maximum_drops_cells_but_never_the_optimum(monkeypatch):
    rng = np.random.default_rng(0)
    net = random_network(rng, [12, 6, 16, 2])  # 12 inputs: more sign vectors than the bound enumerates
    box = random_box(rng, 12, radius=1.0)
    c = np.array([1.0, -1.0])
    answers = []

    def recorded(*args):
        answers.append(box_maximum_decisions(*args))
        return answers[-1]

    def giving_up(M, *args):
        return Decisions(np.zeros(len(M), dtype=bool), np.zeros(len(M), dtype=bool))

    monkeypatch.setattr(region_search_module, "box_maximum_decisions", recorded)
    exact = _run(net, box, "linf", c)
    monkeypatch.setattr(region_search_module, "box_maximum_decisions", giving_up)  # cell_bound decides every box
    relaxed = _run(net, box, "linf", c)
    assert exact.closed and relaxed.closed
    assert any((a.settled & ~a.exceeds).any() for a in answers)  # some cells were dropped by it
    assert exact.lower == pytest.approx(relaxed.lower, rel=1e-12) and exact.upper == pytest.approx(relaxed.upper, rel=1e-12)
    assert exact.lps < relaxed.lps
    mip = exactlip.lipschitz(net, box, c=c, region_search=0, input_split=0)
    assert mip.status == "optimal" and mip.value == pytest.approx(exact.lower, rel=1e-7)


def test_the_partial_corner_bound_takes_the_heaviest_neurons_at_their_corners():
    # z-coefficients q_0, q_1 in [0, 1] on rows (1, 1) and (1, -1): ||g||_1 is at most 2,
    # but coordinate by coordinate |g_0| reaches 2 and |g_1| 1, a bound of 3. Nine tiny
    # neurons push the count past both enumerations; the two heavy ones are enumerated.
    M = np.zeros((11, 11))
    M[0, :2], M[1, :2] = [1.0, 1.0], [1.0, -1.0]
    M[2:, 2:] = 1e-6 * np.eye(9)
    a_min, a_max = np.zeros(11), np.ones(11)
    assert cell_bound(M, a_max, a_min, "linf", None) == pytest.approx(2.0, abs=1e-5)


def test_a_search_cut_short_or_floored_still_brackets_the_constant():
    rng = np.random.default_rng(7)
    net = random_network(rng, [3, 12, 12, 2])
    box = random_box(rng, 3, radius=1.0)
    c = np.array([1.0, -1.0])
    truth = oracle_lipschitz(net, box, c=c)
    cut = _run(net, box, "linf", c, deadline=time.perf_counter() - 1.0)
    assert not cut.closed and cut.cells == 0
    assert cut.lower <= truth <= cut.upper
    floored = _run(net, box, "linf", c, floor=2.0 * truth)
    assert floored.closed and floored.point is None and floored.lower == 0.0
    assert floored.upper == 2.0 * truth  # "at most the floor"
    started = _run(net, box, "linf", c, lower=0.999 * truth)  # a start value prunes, never hides the optimum
    assert started.closed and started.lower == pytest.approx(truth, rel=1e-9)
    assert started.cells < _run(net, box, "linf", c).cells


class _FailingLP:
    """An LP that fails every time (and proves nothing): the search must then assume
    both signs possible."""

    def proves(self, cost, at_least, lo, hi, rows):
        return False

    def proves_each(self, costs, at_least, lo, hi, rows):
        return np.zeros(len(costs), dtype=bool)

    keeps_sign = region_search_module._CellLP.keeps_sign  # the real one, on these proves_each

    def minimise(self, cost, rows, a, b):
        return -np.inf, None


def test_a_failed_lp_splits_the_cell_instead_of_fixing_a_sign():
    M = np.array([[1.0, 0.0], [0.0, 1.0]])
    m = np.array([2.0, 0.5])
    lo, hi = np.array([-1.0, -1.0]), np.array([1.0, 1.0])
    cell = _Cell(np.inf, 0, M, m, np.full(2, np.nan), [], np.zeros((0, 2)), np.zeros(0), lo, hi, np.zeros((1, 2)))
    states = np.array([0, 0])  # both unstable over X as far as the engine's bounds know
    i, points, slopes = _decide_layer(cell, states, 0.0, np.ones(2), _FailingLP(), lambda slopes: True)
    assert i == 1  # neuron 0 is positive on the whole box: decided by the interval, no LP
    assert slopes[0] == 1.0 and np.isnan(slopes[1]) and len(points) == 1


def test_a_cell_its_outer_box_decides_enough_of_is_dropped_before_any_lp():
    M = np.array([[1.0, 0.0], [0.0, 1.0]])
    m = np.array([2.0, 0.5])  # z_0 > 0 on the box, z_1 changes sign
    cell = _Cell(np.inf, 0, M, m, np.full(2, np.nan), [], np.zeros((0, 2)), np.zeros(0), -np.ones(2), np.ones(2), np.zeros((1, 2)))
    lp, seen = _FailingLP(), []
    lp.minimise = lambda *args: pytest.fail("no LP once the bound drops the cell")
    assert _decide_layer(cell, np.zeros(2, dtype=int), 0.0, np.ones(2), lp, lambda slopes: seen.append(slopes.copy())) is None
    assert len(seen) == 1 and seen[0][0] == 1.0 and np.isnan(seen[0][1])


def test_neurons_stable_on_a_cell_are_decided_there_once_for_all_its_sub_cells():
    # z_0 = x_1 and z_2 = -x_1 change sign at the known points; z_1 = x_0 + 0.5 is
    # positive at both, and the (pretend) cell's LP says it stays so
    M = np.array([[0.0, 1.0], [1.0, 0.0], [0.0, -1.0]])
    m = np.array([0.0, 0.5, 0.0])
    points = np.array([[0.5, 0.5], [0.5, -0.5]])
    cell = _Cell(np.inf, 0, M, m, np.full(3, np.nan), [], np.zeros((0, 2)), np.zeros(0), -np.ones(2), np.ones(2), points)

    class _CellWithXAtLeastMinusHalf(_FailingLP):
        def __init__(self):
            self.calls = []

        def minimise(self, cost, rows, a, b):
            self.calls.append(cost)
            return -0.5, np.array([-0.5, 0.0])  # min x_0 = -0.5: z_1 >= 0 on the cell

    lp = _CellWithXAtLeastMinusHalf()
    i, points, slopes = _decide_layer(cell, np.zeros(3, dtype=int), 0.0, np.ones(3), lp, lambda slopes: True)
    assert len(lp.calls) == 1 and np.array_equal(lp.calls[0], M[1])  # only z_1 needed an LP
    assert i == 0 and np.isnan(slopes[0]) and np.isnan(slopes[2]) and slopes[1] == 1.0
    children = _children(cell, np.inf, i, points, slopes, 0.0, itertools.count())
    assert [c.decided[0] for c in children] == [0.0, 1.0]  # inactive half first on the stack
    assert all(c.decided[1] == 1.0 and np.isnan(c.decided[2]) for c in children)
    assert [len(c.points) for c in children] == [1, 1]
    # once z_1 is known, a cell its bound cannot keep is dropped: the rest is not tested
    seen = []
    assert _decide_layer(cell, np.zeros(3, dtype=int), 0.0, np.ones(3), lp, lambda slopes: seen.append(slopes.copy())) is None
    assert len(seen) == 1 and seen[0][1] == 1.0 and np.isnan(seen[0][0]) and np.isnan(seen[0][2])


def test_neurons_the_kept_surrogates_rule_out_are_decided_at_once_before_any_lp():
    M = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    m = np.array([0.0, 0.0, 0.0])
    points = np.array([[0.5, -0.5], [0.5, 0.5]])  # z_0 > 0 at both, z_1 both signs, z_2 >= 0 at both
    cell = _Cell(np.inf, 0, M, m, np.full(3, np.nan), [], np.zeros((0, 2)), np.zeros(0), -np.ones(2), np.ones(2), points)

    class _SurrogatesRuleOutTheOtherSides(_FailingLP):
        def __init__(self):
            self.asked = []

        def proves_each(self, costs, at_least, lo, hi, rows):
            self.asked.append((costs.copy(), at_least.copy()))
            return np.ones(len(costs), dtype=bool)

        def minimise(self, cost, rows, a, b):
            pytest.fail("every neuron shown on one side was proven: no LP")

    lp, seen = _SurrogatesRuleOutTheOtherSides(), []
    i, _, slopes = _decide_layer(cell, np.zeros(3, dtype=int), 0.0, np.ones(3), lp, lambda s: seen.append(s.copy()) or True)
    costs, levels = lp.asked[0]  # one batch: z_0 and z_2 (seen >= 0 only), each asked to rule out z > TOLERANCE
    assert len(lp.asked) == 1 and costs.shape == (2, 2)
    assert {tuple(c) for c in costs} == {(1.0, 0.0), (1.0, 1.0)} and levels.tolist() == [-region_search_module.TOLERANCE] * 2
    assert i == 1 and slopes[0] == 1.0 and slopes[2] == 1.0 and np.isnan(slopes[1])
    assert len(seen) == 1  # the bound asked once, after the batch


def test_an_lp_s_surrogate_proves_bounds_only_on_cells_that_hold_the_rows_it_uses():
    box = Box(-np.ones(1), np.ones(1))
    a, b = np.array([[-1.0], [1.0], [1.0]]), np.array([-0.5, 2.0, 3.0])  # x >= 0.5; x <= 2; x <= 3
    lp = _CellLP(box, threads=1)
    assert not lp.proves(np.ones(1), -1.0, box.lower, box.upper, [0, 1])  # nothing solved yet
    minimum, _ = lp.minimise(np.ones(1), [0, 1], a[:2], b[:2])
    assert minimum == pytest.approx(0.5)
    assert lp.proves(np.ones(1), 0.5 - 1e-9, box.lower, box.upper, [0, 1])  # -x <= -0.5 gives min x >= 0.5
    assert lp.proves(2.0 * np.ones(1), -1.0, box.lower, box.upper, [0, 1])  # other costs too, weaker
    assert not lp.proves(np.ones(1), 0.5 + 1e-6, box.lower, box.upper, [0, 1])  # never past the minimum
    assert lp.proves(np.ones(1), 0.5 - 1e-9, box.lower, box.upper, [0, 1, 2])  # a sub-cell holds row 0
    assert lp.proves(np.ones(1), 0.5 - 1e-9, box.lower, box.upper, [0, 2])  # so does a cousin: row 1 (slack) unused
    assert not lp.proves(np.ones(1), 0.0, box.lower, box.upper, [2])  # a cell without row 0: min x = -1


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), dim=st.integers(1, 6))
def test_what_a_surrogate_proves_holds_on_the_cell(seed, dim):
    rng = np.random.default_rng(seed)
    box = Box(-np.ones(dim), np.ones(dim))
    a, b = rng.standard_normal((6, dim)), rng.uniform(-0.5, 1.0, 6)  # row j named j
    lp = _CellLP(box, threads=1)
    paths = [[0, 1, 2], [0, 1, 2, 3], [0, 4], [0, 4, 5]]
    for rows in paths:
        for _ in range(3):
            lp.minimise(rng.standard_normal(dim), rows, a[rows], b[rows])
    truth = _CellLP(box, threads=1)  # a second model: its solves leave the first's surrogates alone
    for rows in paths:
        costs, levels, minima = [], [], []
        for _ in range(5):
            cost = rng.standard_normal(dim)
            found = truth.minimise(cost, rows, a[rows], b[rows])
            if found is None:
                break  # an empty cell: anything holds on it
            for at_least in found[0] + np.array([-1.0, -0.1, 1e-6, 0.1]):
                proven = lp.proves(cost, at_least, box.lower, box.upper, rows)
                if proven:
                    assert found[0] >= at_least - 1e-7
                costs.append(cost), levels.append(at_least), minima.append(found[0])
        if costs:  # the batched form: each cost against its own level
            proven = lp.proves_each(np.array(costs), np.array(levels), box.lower, box.upper, rows)
            assert np.all(np.array(minima)[proven] >= np.array(levels)[proven] - 1e-7)
            assert proven.tolist() == [lp.proves(c, t, box.lower, box.upper, rows) for c, t in zip(costs, levels)]


def test_supports_only_chains_with_a_fixed_direction():
    rng = np.random.default_rng(0)
    chain = random_network(rng, [3, 5, 2])
    dag = random_dag_network(rng, [3, 5, 5, 2], skip_probability=1.0)
    assert supports(chain, resolve_norm_spec("linf", 2, c=[1.0, 0.0]))
    assert not supports(chain, resolve_norm_spec("linf", 2, output_norm="l1"))
    assert not supports(dag, resolve_norm_spec("linf", 2, c=[1.0, 0.0]))


def test_the_engine_runs_it_where_it_applies_and_agrees_with_the_mip():
    rng = np.random.default_rng(3)
    net = random_network(rng, [5, 10, 10, 2])
    box = random_box(rng, 5, radius=0.5)
    truth = oracle_lipschitz(net, box, c=[1.0, -1.0])
    searched = exactlip.lipschitz(net, box, c=[1.0, -1.0], region_search=30.0)
    mip_only = exactlip.lipschitz(net, box, c=[1.0, -1.0], region_search=0)
    assert searched.status == mip_only.status == "optimal"
    assert searched.value == pytest.approx(truth, rel=1e-7) and mip_only.value == pytest.approx(truth, rel=1e-7)
    assert searched.stats["subproblems_closed_by_region_search"] == 1
    assert searched.stats["region_search_cells"] >= 1 and searched.stats["binaries"] == 0
    assert mip_only.stats["region_search_cells"] == 0 and mip_only.stats["binaries"] >= 1
    rows = exactlip.lipschitz(net, box, output_norm="linf", region_search=30.0)  # rows of an operator norm: c = e_i
    assert rows.value == pytest.approx(oracle_lipschitz(net, box, output_norm="linf"), rel=1e-7)
    assert rows.stats["subproblems_closed_by_region_search"] == rows.stats["subproblems_solved"] >= 1


def test_the_automatic_budget_and_the_option_check():
    assert region_search_budget(None, 8, 20, None) == np.inf
    assert region_search_budget(None, 16, 20, 5.0) == 2.5  # half: the MIP gets the rest
    assert region_search_budget(9.0, 16, 20, 5.0) == 5.0
    assert region_search_budget(None, 4, 50, None) == 0.0  # the input-box search's range
    assert region_search_budget(None, 64, 1, 10.0) == 5.0
    assert region_search_budget(None, 8, 0, None) == 0.0  # nothing to search: one region
    assert region_search_budget(3.0, 64, 0, None) == 3.0
    assert region_search_budget(0, 8, 50, None) == 0.0
    assert region_search_budget(None, 16, 20, 10.0, mip_far=True) == 9.0  # the MIP's relaxation is hopeless
    assert region_search_budget(4.0, 16, 20, 10.0, mip_far=True) == 4.0  # an explicit budget wins
    assert region_search_budget(None, 4, 50, 10.0, mip_far=True) == 0.0
    rng = np.random.default_rng(0)
    net = random_network(rng, [2, 3, 1])
    with pytest.raises(OptionError, match="region_search must be a non-negative"):
        exactlip.lipschitz(net, random_box(rng, 2), region_search=-1)


def test_the_engine_gives_the_search_more_time_when_the_interval_bound_is_far_above_the_samples(monkeypatch):
    """The share of the time limit follows ``interval_upper > REGION_FAR_RATIO *
    sampled_lower`` (both in the stats): a random deep network over a wide box is far
    (the MIP alone does not close it in 100 s), the same network over a tiny box is not.
    The search here only records the time it is given (and claims to have closed, so
    that no MIP follows)."""
    allotted = []

    def recording(network, box, spec, bounds, *, lower, floor, deadline, threads, on_progress):
        allotted.append(deadline - time.perf_counter())
        return RegionSearchResult(lower, None, None, lower, True, 0, 0, 0, 0.0)

    monkeypatch.setattr(exact_module, "search_regions", recording)
    net = random_network(np.random.default_rng(0), [6, 16, 16, 16, 2])
    rng = np.random.default_rng(1)
    seen = set()
    for radius in (2.0, 1e-3):
        allotted.clear()
        result = exactlip.lipschitz(net, random_box(rng, 6, radius=radius), c=[1.0, -1.0], time_limit=100.0)
        far = result.stats["interval_upper"] > exact_module.REGION_FAR_RATIO * result.stats["sampled_lower"]
        seen.add(far)
        share = exact_module.REGION_SHARE_FAR if far else exact_module.REGION_SHARE
        assert len(allotted) == 1 and allotted[0] == pytest.approx(100.0 * share, abs=2.0)
    assert seen == {True, False}
