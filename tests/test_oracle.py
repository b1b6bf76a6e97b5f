"""Tests of the brute-force oracle itself: region enumeration against dense sampling,
the constant against finite differences and sampled gradients, hand-computed cases."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.optimize import linprog

from exactlip.domain import Box
from exactlip.network import Network
from tests.oracle import dual_norm, enumerate_regions, operator_norm, oracle_details, oracle_lipschitz

NORM_PAIRS = list(itertools.product(("linf", "l1"), repeat=2))


def random_network(widths: list[int], seed: int) -> Network:
    """Gaussian weights with variance 2/fan_in and biases of scale 0.5."""
    rng = np.random.default_rng(seed)
    weights = [rng.normal(0.0, np.sqrt(2.0 / n), (m, n)) for n, m in zip(widths[:-1], widths[1:])]
    biases = [rng.normal(0.0, 0.5, m) for m in widths[1:]]
    return Network(weights, biases)


def pattern_keys(patterns) -> np.ndarray:
    """One row of bits per point: the hidden layers' patterns concatenated."""
    return np.concatenate([np.atleast_2d(a) for a in patterns], axis=1)


def region_key(region) -> bytes:
    return np.concatenate(region.pattern).tobytes()


def sampled_jacobians(network: Network, points: np.ndarray) -> np.ndarray:
    """The Jacobians at ``points``, one per distinct pattern met (the Jacobian
    depends on the point only through its pattern)."""
    keys = pattern_keys(network.preactivations(points)) > 0
    _, first = np.unique(np.packbits(keys, axis=1), axis=0, return_index=True)
    return network.jacobian(points[first])


# ----- (a) one input: the grid sees every region ---------------------------------------
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_1d_regions_and_constant_match_dense_grid(seed):
    net = random_network([1, 8, 8, 1], seed)
    box = Box([-2.0], [2.0])
    grid = np.linspace(-2.0, 2.0, 200_001)[:, None]
    keys = pattern_keys(net.preactivations(grid)) > 0
    starts = np.flatnonzero(np.r_[True, np.any(keys[1:] != keys[:-1], axis=1)])
    breakpoints = len(starts) - 1
    # a pattern's region is convex, so on a line it is one interval: runs = regions
    assert len(np.unique(keys[starts], axis=0)) == breakpoints + 1

    value, _, count = oracle_details(net, box)
    assert count == breakpoints + 1
    # f is piecewise linear: its steepest chord between neighbours is its steepest piece
    slopes = np.abs(np.diff(net.forward(grid)[:, 0])) / (grid[1, 0] - grid[0, 0])
    assert value == pytest.approx(slopes.max(), rel=1e-6)
    assert oracle_lipschitz(net, box, norm="l1") == pytest.approx(value, rel=1e-12)


# ----- (b) two inputs: the regions are real, distinct and complete ---------------------
def check_regions_against_samples(net: Network, box: Box, seed: int) -> list:
    regions = enumerate_regions(net, box)
    keys = {region_key(r) for r in regions}
    assert len(keys) == len(regions), "a pattern was enumerated twice"
    rng = np.random.default_rng(seed)
    free = box.upper > box.lower
    for region in regions:
        assert box.contains(region.point)
        assert region.slack > 1e-9
        assert all(np.array_equal(a, b) for a, b in zip(net.pattern(region.point), region.pattern))
        # the whole ball of radius slack (in the free coordinates) keeps the pattern
        step = np.zeros(box.dim)
        step[free] = rng.normal(size=int(free.sum()))
        nudged = region.point + 0.99 * region.slack * step / np.linalg.norm(step)
        assert box.contains(nudged)
        assert region_key(region) == np.concatenate(net.pattern(nudged)).tobytes()
    samples = pattern_keys(net.preactivations(box.sample(20_000, rng))) > 0
    missed = {row.tobytes() for row in samples} - keys
    assert not missed, f"{len(missed)} sampled patterns were not enumerated"
    return regions


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_2d_regions_match_their_points_and_cover_the_samples(seed):
    net = random_network([2, 10, 10, 10, 3], seed)
    center = np.random.default_rng(100 + seed).uniform(-1.0, 1.0, 2)
    regions = check_regions_against_samples(net, Box(center - 1.0, center + 1.0), seed)
    assert len(regions) > 20  # the check above is not vacuous


def test_zero_width_coordinate_is_held_fixed():
    net = random_network([3, 8, 8, 2], 7)
    box = Box([-1.0, 0.3, -0.5], [1.0, 0.3, 1.5])
    regions = check_regions_against_samples(net, box, 7)
    assert all(r.point[1] == 0.3 for r in regions)


def test_point_box_has_one_region():
    net = random_network([2, 5, 5, 1], 3)
    x = np.array([0.2, -0.4])
    (region,) = enumerate_regions(net, Box(x, x))
    assert np.array_equal(region.point, x)
    assert oracle_lipschitz(net, Box(x, x)) == pytest.approx(dual_norm(net.jacobian(x)[0], "linf"))


def test_max_regions_guard():
    net = random_network([2, 10, 10, 1], 0)
    with pytest.raises(RuntimeError, match="more than 3"):
        enumerate_regions(net, Box([-2.0, -2.0], [2.0, 2.0]), max_regions=3)


# ----- (c) the constant against sampled gradients ---------------------------------------
def scores_to_check(m: int):
    """(keyword arguments, score of one Jacobian) for every output specification."""
    c = np.linspace(-1.0, 1.5, m)
    for norm, out in NORM_PAIRS:
        yield dict(norm=norm, output_norm=out), lambda J, n=norm, o=out: operator_norm(J, n, o)
    for norm in ("linf", "l1"):
        yield dict(norm=norm, c=c), lambda J, n=norm: dual_norm(J.T @ c, n)
        yield dict(norm=norm, margin=(2, 0)), lambda J, n=norm: dual_norm(J[2] - J[0], n)


@pytest.mark.parametrize("seed", [0, 1])
def test_2d_constant_bounds_sampled_gradients_and_is_attained(seed):
    net = random_network([2, 8, 8, 3], seed)
    box = Box([-1.0, -0.5], [1.5, 1.0])
    jacobians = sampled_jacobians(net, box.sample(20_000, np.random.default_rng(seed)))
    for kwargs, score in scores_to_check(3):
        value, best, _ = oracle_details(net, box, **kwargs)
        assert value >= max(score(J) for J in jacobians) - 1e-12, kwargs
        assert score(net.jacobian(best.point)) == pytest.approx(value, rel=1e-12), kwargs


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_1d_constant_equals_max_sampled_gradient(seed):
    net = random_network([1, 8, 8, 2], seed)
    box = Box([-1.5], [1.0])
    jacobians = sampled_jacobians(net, box.sample(20_000, np.random.default_rng(seed)))
    for norm, out in NORM_PAIRS:
        sampled = max(operator_norm(J, norm, out) for J in jacobians)
        assert sampled - 1e-12 <= oracle_lipschitz(net, box, norm, out) <= sampled + 1e-9


# ----- (d) hand-made networks -----------------------------------------------------------
def test_clipped_ramp():
    """f(x) = relu(x) - relu(x - 1): slopes 0, 1, 0 on (-1, 0), (0, 1), (1, 2)."""
    net = Network([[[1.0], [1.0]], [[1.0, -1.0]]], [[0.0, -1.0], [0.0]])
    value, _, count = oracle_details(net, Box([-1.0], [2.0]))
    assert (value, count) == (1.0, 3)
    assert oracle_lipschitz(net, Box([1.5], [2.0])) == 0.0
    assert oracle_lipschitz(net, Box([0.2], [0.8])) == 1.0


# f(x) = M relu(x) with M = [[1, 2], [3, -1]]: on the quadrant with pattern a, J = M diag(a)
QUADRANT_NET = Network([np.eye(2), [[1.0, 2.0], [3.0, -1.0]]], [np.zeros(2), np.zeros(2)])


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        (dict(norm="linf"), 4.0),  # max row ℓ1 of M: |3| + |-1|
        (dict(norm="l1"), 4.0),  # max column ℓ1 of M: 1 + 3
        (dict(norm="l1", output_norm="linf"), 3.0),  # max |M_ij|
        (dict(norm="linf", output_norm="l1"), 5.0),  # x = (1, 1): |3| + |2|
        (dict(norm="linf", c=[1.0, 1.0]), 5.0),  # M^T c = (4, 1)
        (dict(norm="l1", c=[1.0, 1.0]), 4.0),
        (dict(norm="linf", margin=(0, 1)), 5.0),  # M^T (e_0 - e_1) = (-2, 3)
        (dict(norm="l1", margin=(0, 1)), 3.0),
    ],
)
def test_quadrant_network_by_hand(kwargs, expected):
    value, _, count = oracle_details(QUADRANT_NET, Box([-1.0, -1.0], [1.0, 1.0]), **kwargs)
    assert count == 4
    assert value == pytest.approx(expected, rel=1e-12)


def test_quadrant_network_on_sub_boxes():
    (region,) = enumerate_regions(QUADRANT_NET, Box([-1.0, 0.1], [-0.1, 1.0]))
    assert [list(a) for a in region.pattern] == [[False, True]]
    assert oracle_lipschitz(QUADRANT_NET, Box([-1.0, 0.1], [-0.1, 1.0])) == 2.0  # J = [[0, 2], [0, -1]]
    # x_1 fixed at 0: its neuron is constant 0, hence inactive; J = [[1, 0], [3, 0]] or 0
    regions = enumerate_regions(QUADRANT_NET, Box([-1.0, 0.0], [1.0, 0.0]))
    assert sorted(list(r.pattern[0]) for r in regions) == [[False, False], [True, False]]
    assert oracle_lipschitz(QUADRANT_NET, Box([-1.0, 0.0], [1.0, 0.0])) == 3.0


def test_bad_arguments():
    box = Box([-1.0, -1.0], [1.0, 1.0])
    for kwargs in (dict(norm="l2"), dict(output_norm="l2"), dict(c=[1.0]), dict(c=[1.0, 0.0], margin=(0, 1))):
        with pytest.raises(ValueError):
            oracle_lipschitz(QUADRANT_NET, box, **kwargs)


# ----- (e) operator norms -----------------------------------------------------------------
@pytest.mark.parametrize(
    "J, expected",
    [
        # values for (linf→linf, linf→l1, l1→linf, l1→l1), the order of NORM_PAIRS
        ([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]], (15.0, 21.0, 6.0, 9.0)),  # linf→l1 at x = (1, -1, 1)
        ([[1.0, 1.0], [1.0, -1.0]], (2.0, 2.0, 1.0, 2.0)),  # |x0 + x1| + |x0 - x1| <= 2
        ([[2.0, -1.0, 0.0]], (3.0, 3.0, 2.0, 2.0)),
    ],
)
def test_operator_norm_by_hand(J, expected):
    for (a, b), value in zip(NORM_PAIRS, expected):
        assert operator_norm(J, a, b) == value, (a, b)


def lp_operator_norm(J: np.ndarray, input_norm: str, output_norm: str) -> float:
    """||J||_{α→β} by other means: over the ℓ1 ball the vertices ±e_j; over the ℓ∞ box
    one LP ``max s @ J x`` per output sign vector ``s`` (ℓ1 output) or per ``±row`` (ℓ∞)."""
    if input_norm == "l1":
        return max(np.abs(col).max() if output_norm == "linf" else np.abs(col).sum() for col in J.T)
    if output_norm == "linf":
        directions = np.vstack([J, -J])
    else:
        directions = np.array([s @ J for s in itertools.product((-1.0, 1.0), repeat=J.shape[0])])
    best = -np.inf
    for d in directions:
        res = linprog(-d, bounds=[(-1.0, 1.0)] * J.shape[1], method="highs")
        best = max(best, -res.fun)
    return best


@pytest.mark.parametrize("seed", range(6))
def test_operator_norm_matches_lp_and_random_search(seed):
    rng = np.random.default_rng(seed)
    m, n = rng.integers(1, 5), rng.integers(1, 6)
    J = rng.normal(size=(m, n))
    x_inf = np.cbrt(rng.uniform(-1.0, 1.0, (20_000, n)))  # pushed towards the corners
    x_one = rng.normal(size=(20_000, n)) ** 3
    x_one /= np.abs(x_one).sum(axis=1, keepdims=True)
    for a, b in NORM_PAIRS:
        value = operator_norm(J, a, b)
        assert value == pytest.approx(lp_operator_norm(J, a, b), rel=1e-9)
        x = x_inf if a == "linf" else x_one
        images = x @ J.T
        searched = (np.abs(images).max(axis=1) if b == "linf" else np.abs(images).sum(axis=1)).max()
        assert value * (1 + 1e-12) >= searched >= 0.9 * value
