"""Networks not in general position, where the MIP alone is only an upper bound."""

import numpy as np
import pytest

import exactlip
from tests.nets import random_box, random_network
from tests.oracle import oracle_lipschitz


def test_duplicated_neurons_are_resolved_by_region_cuts():
    """Two copies of a first-layer neuron with opposite outgoing weights cancel in every
    real region; the MIP can split them on their shared boundary (z = 0), which gives a
    spurious larger gradient. The region cut removes that pattern family."""
    rng = np.random.default_rng(0)
    base = random_network(rng, [2, 6, 4, 1])
    w0 = np.vstack([base.weights[0], base.weights[0][:1]])
    b0 = np.concatenate([base.biases[0], base.biases[0][:1]])
    w1 = np.hstack([base.weights[1], -5.0 * np.ones((4, 1))])
    w1[:, 0] = 5.0
    net = exactlip.Network([w0, w1, base.weights[2]], [b0, base.biases[1], base.biases[2]])
    center = -np.linalg.lstsq(w0[:1], b0[:1], rcond=None)[0]  # a point on the duplicated neuron's boundary
    box = exactlip.Box.linf_ball(center, 0.3)
    truth = oracle_lipschitz(net, box, norm="linf")
    result = exactlip.lipschitz(net, box, norm="linf")
    assert result.status == "optimal"
    assert result.stats["region_cuts"] >= 1
    assert result.value == pytest.approx(truth, rel=1e-6)


@pytest.mark.parametrize("seed", [0, 2])
def test_zero_bias_networks_give_an_honest_bracket_with_the_true_lower_bound(seed):
    rng = np.random.default_rng(seed)
    net = random_network(rng, [3, 7, 7, 7, 3], bias_scale=0.0)
    box = random_box(rng, 3, 1.0)
    c = rng.standard_normal(3)
    truth = oracle_lipschitz(net, box, norm="linf", c=c)
    result = exactlip.lipschitz(net, box, norm="linf", c=c)
    assert result.status in ("optimal", "unverified")
    assert result.lower == pytest.approx(truth, rel=1e-6)
    assert result.upper >= truth * (1 - 1e-9)
    if result.status == "unverified":
        assert result.value is None and "general position" in result.message
