"""Soundness of every bound method: true values, sampled and enumerated, stay inside;
and the tighter methods are never looser than interval arithmetic."""

import numpy as np
import pytest

from exactlip.bounds import ACTIVE, BOUND_METHODS, INACTIVE, UNSTABLE, compute_bounds
from exactlip.norms import resolve_norm_spec
from tests.nets import random_box, random_dag_network, random_network
from tests.oracle import enumerate_regions

SPECS = [{"output_norm": "linf"}, {"output_norm": "l1"}, {"c": [1.0, -1.0, 0.5]}]


def _backward(network, pattern, c):
    """All r_k (per hidden layer) and g for one pattern and direction."""
    r = network.weights[-1].T @ c
    rs = [None] * len(pattern)
    for k in range(len(pattern) - 1, -1, -1):
        rs[k] = r
        r = network.weights[k].T @ (pattern[k] * r)
    return rs, r


@pytest.mark.parametrize("method", BOUND_METHODS)
@pytest.mark.parametrize("seed", range(6))
def test_preactivation_bounds_contain_sampled_values_and_states_are_right(seed, method):
    rng = np.random.default_rng(seed)
    net = random_network(rng, [3, 12, 12, 12, 3])
    box = random_box(rng, 3)
    bounds = compute_bounds(net, box, resolve_norm_spec("linf", 3), method=method)
    points = box.sample(5000, rng)
    for z, interval, states in zip(net.preactivations(points), bounds.preactivation, bounds.states):
        assert interval.contains(z, tol=1e-12)
        assert np.all(z[:, states == ACTIVE] >= -1e-12)
        assert np.all(z[:, states == INACTIVE] <= 1e-12)
    assert bounds.num_unstable == sum(int(np.sum(s == UNSTABLE)) for s in bounds.states)


@pytest.mark.parametrize("method", BOUND_METHODS)
@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("spec_args", SPECS)
def test_backward_bounds_contain_every_region_and_direction(seed, spec_args, method):
    rng = np.random.default_rng(100 + seed)
    net = random_network(rng, [2, 8, 8, 8, 3])
    box = random_box(rng, 2)
    spec = resolve_norm_spec("linf", 3, **spec_args)
    bounds = compute_bounds(net, box, spec, method=method)
    offset, basis = spec.direction_offset_and_basis()
    directions = [offset] if basis.shape[1] == 0 else [offset + basis @ s for s in np.eye(basis.shape[1])]
    if spec.kind == "signs":
        directions = [offset + basis @ s for s in rng.integers(0, 2, (16, basis.shape[1]))]
    for region in enumerate_regions(net, box):
        for c in directions:
            rs, g = _backward(net, region.pattern, c)
            for r, interval in zip(rs, bounds.gradient):
                assert interval.contains(r, tol=1e-12)
            assert bounds.input_gradient.contains(g, tol=1e-12)


def _free_pattern_backward_values(net, states, c, rng, count):
    """r_k and g for random patterns that respect the stable states (free elsewhere):
    the set the MIP may choose from, which every backward bound must contain."""
    for _ in range(count):
        pattern = [np.where(s == UNSTABLE, rng.random(s.size) < 0.5, s == ACTIVE) for s in states]
        yield _backward(net, pattern, c)


@pytest.mark.parametrize("method", ["linear", "lp"])
@pytest.mark.parametrize("seed", range(5))
def test_backward_bounds_contain_free_patterns_not_only_regions(seed, method):
    rng = np.random.default_rng(200 + seed)
    net = random_network(rng, [4, 10, 10, 10, 2])
    box = random_box(rng, 4)
    spec = resolve_norm_spec("linf", 2, c=[1.0, -1.0])
    bounds = compute_bounds(net, box, spec, method=method)
    for rs, g in _free_pattern_backward_values(net, bounds.states, spec.c, rng, 2000):
        for r, interval in zip(rs, bounds.gradient):
            assert interval.contains(r, tol=1e-9)
        assert bounds.input_gradient.contains(g, tol=1e-9)


@pytest.mark.parametrize("seed", range(5))
def test_tighter_methods_are_never_looser_than_interval(seed):
    rng = np.random.default_rng(300 + seed)
    net = random_network(rng, [3, 16, 16, 16, 2])
    box = random_box(rng, 3, radius=0.3)
    spec = resolve_norm_spec("l1", 2, output_norm="linf")
    results = {m: compute_bounds(net, box, spec, method=m) for m in BOUND_METHODS}
    for tight in ("linear", "lp"):
        for loose, better in zip(results["interval"].preactivation, results[tight].preactivation):
            assert np.all(better.lower >= loose.lower - 1e-12) and np.all(better.upper <= loose.upper + 1e-12)
        assert results[tight].num_unstable <= results["interval"].num_unstable
        g_loose, g_tight = results["interval"].input_gradient, results[tight].input_gradient
        assert np.all(g_tight.width <= g_loose.width + 1e-12)
    assert results["lp"].num_unstable <= results["linear"].num_unstable


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("sparse_weights", [False, True])
def test_sparse_unit_rows_give_the_dense_rows_bounds(seed, sparse_weights, monkeypatch):
    """Wide layers bound their neurons from sparse identity rows: the same numbers as
    the dense rows, on DAGs with skip edges, leaky slopes and sparse weights."""
    from exactlip.bounds import interval

    rng = np.random.default_rng(500 + seed)
    net = random_dag_network(rng, [3, 12, 12, 12, 2], negative_slopes=[0.0, 0.1, 0.0], sparse=sparse_weights)
    box = random_box(rng, 3, radius=0.4)
    spec = resolve_norm_spec("linf", 2, c=[1.0, -1.0])
    dense = compute_bounds(net, box, spec, method="linear")
    monkeypatch.setattr(interval, "SPARSE_UNIT_ROWS_FROM", 1)
    sparse = compute_bounds(net, box, spec, method="linear")
    assert dense.num_unstable > 0
    for a, b in zip(dense.preactivation + dense.gradient + [dense.input_gradient], sparse.preactivation + sparse.gradient + [sparse.input_gradient]):
        np.testing.assert_allclose(a.lower, b.lower, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(a.upper, b.upper, rtol=1e-12, atol=1e-12)
