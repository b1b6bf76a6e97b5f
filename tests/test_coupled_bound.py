"""The coupled test of a cell of the layer before the last hidden one
(:mod:`exactlip.coupled_bound`): never below the true largest gradient of the cell's
regions (region enumeration), exact where both layers are fixed, and in the region
search a saving of cells with the same answer."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import exactlip
import exactlip.coupled_bound as coupled_module
from exactlip.bounds import Interval, compute_bounds
from exactlip.coupled_bound import OPEN_CORNERS, corners
from exactlip.domain import Box
from exactlip.input_split import extreme_directions
from exactlip.norms import resolve_norm_spec
from exactlip.region_search import box_maximum_decisions, cell_bound, search_regions
from tests.nets import random_box, random_dag_network
from tests.oracle import oracle_lipschitz


def _decide(net, box, cell, slopes, c, level, norm="linf", directions=None):
    """The test on the cell ``{x ∈ cell}`` of the first hidden layer of a net with two,
    each corner's box decided as the region search decides a last-layer box: whether
    some corner may exceed ``level``; None when the test declines the cell."""
    spec = resolve_norm_spec(norm, net.output_dim, c=c)
    bounds = compute_bounds(net, box, spec, "linear")
    W0, W1, W2 = net.weights
    alpha, next_alpha = net.negative_slopes
    found = corners(W0, net.biases[0], cell.lower, cell.upper, slopes, alpha, W1, net.biases[1], bounds.preactivation[1], next_alpha)
    if found is None:
        return None

    def exceeds(j):
        M = (W2.T @ c)[:, None] * found.maps[j]
        if directions is None:
            decision = box_maximum_decisions(M[None], found.e_hi[j : j + 1], found.e_lo[j : j + 1], level)
            if decision.settled[0]:
                return bool(decision.exceeds[0])
        return cell_bound(M, found.e_hi[j], found.e_lo[j], norm, directions) > level

    return any(exceeds(j) for j in range(len(found)))


def _sub_box(rng, box):
    ends = np.sort(rng.uniform(box.lower, box.upper, size=(2, box.dim)), axis=0)
    return Box(ends[0], ends[1])


def _stable_slopes(net, cell, rng):
    """Layer 0's slopes fixed on the cell by its interval, a random part of them given."""
    z = Interval(cell.lower, cell.upper).affine(net.weights[0], net.biases[0])
    alpha = net.negative_slopes[0]
    fixed = np.where(z.lower > 0, 1.0, np.where(z.upper < 0, alpha, np.nan))
    return np.where(rng.random(len(fixed)) < 0.5, fixed, np.nan)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**31 - 1),
    dim=st.integers(1, 4),
    width=st.integers(1, OPEN_CORNERS),
    next_width=st.integers(1, 8),
    radius=st.sampled_from([0.1, 0.5, 1.5]),
    slope=st.sampled_from([0.0, 0.0, 0.2]),
    norm=st.sampled_from(["linf", "linf", "l1"]),
    enumerated=st.booleans(),
)
def test_it_never_drops_a_cell_whose_regions_reach_the_level(seed, dim, width, next_width, radius, slope, norm, enumerated):
    rng = np.random.default_rng(seed)
    net = random_dag_network(rng, [dim, width, next_width, 2], skip_probability=0.0, negative_slopes=[slope, slope])
    box = random_box(rng, dim, radius=radius)
    cell = _sub_box(rng, box)
    c = rng.standard_normal(2)
    truth = oracle_lipschitz(net, cell, norm=norm, c=c)
    slopes = _stable_slopes(net, cell, rng)
    directions = extreme_directions(norm, dim).T if enumerated or norm == "l1" else None  # α = 1: always enumerated
    assert _decide(net, box, cell, slopes, c, truth * (1 - 1e-9) - 1e-12, norm, directions) is True


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("enumerated", [False, True])
def test_with_both_layers_fixed_on_the_cell_it_decides_the_region_s_own_value(seed, enumerated):
    rng = np.random.default_rng(seed)
    net = random_dag_network(rng, [3, 6, 7, 2], skip_probability=0.0, negative_slopes=[0.0, 0.1])
    box = random_box(rng, 3, radius=0.5)
    x = box.center + 0.3 * rng.uniform(-1, 1, 3)
    cell = Box(x - 1e-7, x + 1e-7)
    z0 = net.weights[0] @ x + net.biases[0]
    slopes = np.where(z0 > 0, 1.0, 0.0)
    c = rng.standard_normal(2)
    value = np.abs(c @ net.jacobian(x)).sum()
    directions = extreme_directions("linf", 3).T if enumerated else None
    assert _decide(net, box, cell, slopes, c, value * (1 - 1e-6), directions=directions) is True
    assert _decide(net, box, cell, slopes, c, value * (1 + 1e-6), directions=directions) is False


def test_it_declines_cells_with_more_open_neurons_than_it_enumerates():
    rng = np.random.default_rng(0)
    net = random_dag_network(rng, [2, OPEN_CORNERS + 1, 4, 2], skip_probability=0.0, negative_slopes=[0.0, 0.0])
    box = random_box(rng, 2)
    slopes = np.full(OPEN_CORNERS + 1, np.nan)
    assert _decide(net, box, box, slopes, np.array([1.0, -1.0]), 0.0) is None
    slopes[0] = 1.0
    assert _decide(net, box, box, slopes, np.array([1.0, -1.0]), 0.0) is not None


@pytest.mark.parametrize("seed, dim", [(3, 6), (1, 11)])  # sign vectors enumerated (6), not (11: the ∞→1 test)
def test_in_the_region_search_it_saves_cells_and_keeps_the_answer(monkeypatch, seed, dim):
    rng = np.random.default_rng(seed)
    net = random_dag_network(rng, [dim, 10, 16 if dim == 6 else 12, 2], skip_probability=0.0, negative_slopes=[0.0, 0.0])
    box = random_box(rng, dim, radius=0.6)
    assert (extreme_directions("linf", dim) is None) == (dim == 11)
    c = np.array([1.0, -1.0])
    spec = resolve_norm_spec("linf", 2, c=c)
    bounds = compute_bounds(net, box, spec, "linear")
    coupled = search_regions(net, box, spec, bounds, lower=0.0, threads=1)
    monkeypatch.setattr(coupled_module, "OPEN_CORNERS", -1)  # never applies
    boxed = search_regions(net, box, spec, bounds, lower=0.0, threads=1)
    assert coupled.closed and boxed.closed
    assert coupled.lower == pytest.approx(boxed.lower, rel=1e-12) and coupled.upper == pytest.approx(boxed.upper, rel=1e-12)
    assert coupled.cells < boxed.cells
    mip = exactlip.lipschitz(net, box, c=c, region_search=0, input_split=0)
    assert mip.status == "optimal" and mip.value == pytest.approx(coupled.lower, rel=1e-7)



@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), dim=st.integers(1, 3), width=st.integers(1, OPEN_CORNERS), slope=st.sampled_from([0.0, 0.2]))
def test_each_corner_holds_its_part_of_the_cell_with_its_affine_next_layer_and_slopes(seed, dim, width, slope):
    rng = np.random.default_rng(seed)
    net = random_dag_network(rng, [dim, width, 5, 2], skip_probability=0.0, negative_slopes=[slope, slope])
    box = random_box(rng, dim, radius=1.0)
    cell = _sub_box(rng, box)
    bounds = compute_bounds(net, box, resolve_norm_spec("linf", 2, c=np.array([1.0, -1.0])), "linear")
    W0, W1, _ = net.weights
    found = corners(W0, net.biases[0], cell.lower, cell.upper, np.full(width, np.nan), slope, W1, net.biases[1], bounds.preactivation[1], slope)
    x = rng.uniform(cell.lower, cell.upper, size=(4000, dim))
    z0 = x @ W0.T + net.biases[0]
    z1 = np.where(z0 > 0, z0, slope * z0) @ W1.T + net.biases[1]
    seen = np.zeros(len(x), dtype=bool)
    for j in range(len(found)):
        lo, hi = found.lo[j], found.hi[j]
        assert np.all(cell.lower <= lo) and np.all(hi <= cell.upper)
        part = np.all((z0 > 0) == (found.slopes[j] == 1.0), axis=1)
        seen |= part
        assert np.all((x[part] >= lo - 1e-12) & (x[part] <= hi + 1e-12))
        np.testing.assert_allclose(x[part] @ found.maps[j].T + found.offsets[j], z1[part], atol=1e-9)
        e = np.where(z1[part] > 0, 1.0, slope)
        assert np.all((found.e_lo[j] <= e) & (e <= found.e_hi[j]))
    assert seen.all()  # every sampled part has its corner


def test_a_corner_whose_part_of_the_cell_is_empty_is_left_out():
    """``z = (x, -x - 0.5)`` on ``[-1, 1]``: no point has both active."""
    W0, b0 = np.array([[1.0], [-1.0]]), np.array([0.0, -0.5])
    next_bounds = Interval(np.full(3, -10.0), np.full(3, 10.0))
    W1, b1 = np.ones((3, 2)), np.zeros(3)
    found = corners(W0, b0, np.array([-1.0]), np.array([1.0]), np.full(2, np.nan), 0.0, W1, b1, next_bounds, 0.0)
    assert sorted(tuple(slopes) for slopes in found.slopes) == [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0)]
