import numpy as np
import pytest

from exactlip import Box, Network
from exactlip.regions import check_region, region_affine_maps
from tests.nets import random_box, random_network
from tests.oracle import enumerate_regions


def test_affine_maps_reproduce_the_preactivations_inside_the_region():
    rng = np.random.default_rng(0)
    net = random_network(rng, [3, 8, 8, 8, 2])
    for x in rng.standard_normal((20, 3)):
        maps, offsets = region_affine_maps(net, net.pattern(x))
        assert np.allclose(maps @ x + offsets, np.concatenate(net.preactivations(x)))


def test_every_enumerated_region_gets_a_witness_with_its_pattern():
    rng = np.random.default_rng(1)
    net = random_network(rng, [2, 8, 8, 2])
    box = random_box(rng, 2)
    for region in enumerate_regions(net, box):
        found = check_region(net, box, region.pattern)
        assert found.point is not None and found.slack > 0 and box.contains(found.point)
        assert all(np.array_equal(p, q) for p, q in zip(net.pattern(found.point), region.pattern))


def test_patterns_that_miss_the_box_have_no_witness_and_a_real_conflict():
    """Each reported conflict set must be infeasible on its own: no point of the box
    gives those neurons (with the layers before them as in the pattern) their signs."""
    rng = np.random.default_rng(2)
    net = random_network(rng, [2, 6, 6, 2])
    box = random_box(rng, 2, radius=0.1)
    present = {tuple(np.concatenate(r.pattern)) for r in enumerate_regions(net, box)}
    samples = box.sample(20000, rng)
    z_samples = np.hstack(net.preactivations(samples))
    checked = 0
    for bits in rng.integers(0, 2, (200, 12)).astype(bool):
        if tuple(bits) in present:
            continue
        found = check_region(net, box, [bits[:6], bits[6:]])
        assert found.point is None and found.conflict is not None
        first_layer = found.conflict[found.conflict < 6]
        if first_layer.size == found.conflict.size:  # layer-0 maps do not depend on the pattern
            signs = np.where(bits[first_layer], 1.0, -1.0)
            assert not np.any(np.all(signs * z_samples[:, first_layer] > 0, axis=1))
        checked += 1
    assert checked > 100


def test_constant_preactivation_of_the_wrong_sign_is_a_one_neuron_conflict():
    net = Network([np.zeros((2, 1)), np.ones((1, 2))], [np.array([1.0, -1.0]), np.zeros(1)])
    found = check_region(net, Box([0.0], [1.0]), [np.array([False, False])])
    assert found.point is None and found.conflict.tolist() == [0]


def test_network_without_hidden_layers_witnesses_the_box():
    net = Network([np.ones((1, 2))], [np.zeros(1)])
    found = check_region(net, Box([0.0, 0.0], [1.0, 2.0]), [])
    assert np.allclose(found.point, [0.5, 1.0])
