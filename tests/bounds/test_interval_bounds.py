"""Soundness of the interval bounds: true values, sampled and enumerated, stay inside."""

import numpy as np
import pytest

from exactlip.bounds import ACTIVE, INACTIVE, UNSTABLE, compute_bounds
from exactlip.norms import resolve_norm_spec
from tests.nets import random_box, random_network
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


@pytest.mark.parametrize("seed", range(6))
def test_preactivation_bounds_contain_sampled_values_and_states_are_right(seed):
    rng = np.random.default_rng(seed)
    net = random_network(rng, [3, 12, 12, 3])
    box = random_box(rng, 3)
    bounds = compute_bounds(net, box, resolve_norm_spec("linf", 3))
    points = box.sample(5000, rng)
    for z, interval, states in zip(net.preactivations(points), bounds.preactivation, bounds.states):
        assert interval.contains(z, tol=1e-12)
        assert np.all(z[:, states == ACTIVE] >= -1e-12)
        assert np.all(z[:, states == INACTIVE] <= 1e-12)
    assert bounds.num_unstable == sum(int(np.sum(s == UNSTABLE)) for s in bounds.states)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("spec_args", SPECS)
def test_backward_bounds_contain_every_region_and_direction(seed, spec_args):
    rng = np.random.default_rng(100 + seed)
    net = random_network(rng, [2, 8, 8, 3])
    box = random_box(rng, 2)
    spec = resolve_norm_spec("linf", 3, **spec_args)
    bounds = compute_bounds(net, box, spec)
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
