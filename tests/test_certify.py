import numpy as np

from exactlip import Box
from exactlip.certify import region_affine_maps, region_witness
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
        found = region_witness(net, box, region.pattern)
        assert found is not None and found.slack > 0 and box.contains(found.point)
        assert all(np.array_equal(p, q) for p, q in zip(net.pattern(found.point), region.pattern))


def test_patterns_that_miss_the_box_have_no_witness():
    rng = np.random.default_rng(2)
    net = random_network(rng, [2, 6, 6, 2])
    box = random_box(rng, 2, radius=0.1)
    present = {tuple(np.concatenate(r.pattern)) for r in enumerate_regions(net, box)}
    checked = 0
    for bits in rng.integers(0, 2, (200, 12)).astype(bool):
        if tuple(bits) in present:
            continue
        assert region_witness(net, box, [bits[:6], bits[6:]]) is None
        checked += 1
    assert checked > 100


def test_network_without_hidden_layers_witnesses_the_box():
    from exactlip import Network

    net = Network([np.ones((1, 2))], [np.zeros(1)])
    found = region_witness(net, Box([0.0, 0.0], [1.0, 2.0]), [])
    assert np.allclose(found.point, [0.5, 1.0])
