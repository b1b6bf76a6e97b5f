"""Network.forward / jacobian against torch autograd, and the IR's validation errors."""

from __future__ import annotations

import numpy as np
import pytest

from exactlip.errors import NonFiniteError, ShapeError
from exactlip.network.ir import Network

torch = pytest.importorskip("torch")

WIDTHS = [[3, 5, 2], [4, 8, 8, 3], [2, 1], [6, 10, 7, 5, 1]]


def random_network(widths: list[int], seed: int) -> Network:
    rng = np.random.default_rng(seed)
    weights = [rng.standard_normal((out, fan_in)) for fan_in, out in zip(widths, widths[1:])]
    biases = [rng.standard_normal(out) for out in widths[1:]]
    return Network(weights, biases, name=f"random{seed}")


def torch_function(network: Network):
    """The same network written with torch ops (float64), for autograd."""
    weights = [torch.from_numpy(np.array(w)) for w in network.weights]
    biases = [torch.from_numpy(np.array(b)) for b in network.biases]

    def f(x):
        h = x
        for w, b in zip(weights[:-1], biases[:-1]):
            h = torch.relu(h @ w.T + b)
        return h @ weights[-1].T + biases[-1]

    return f


@pytest.fixture(params=list(enumerate(WIDTHS)), ids=lambda p: "-".join(map(str, p[1])))
def network(request) -> Network:
    seed, widths = request.param
    return random_network(widths, seed)


def test_forward_matches_torch(network):
    x = np.random.default_rng(10).standard_normal((7, network.input_dim))
    expected = torch_function(network)(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(network.forward(x), expected, rtol=0, atol=1e-12)


def test_jacobian_matches_torch_autograd(network):
    f = torch_function(network)
    for x in np.random.default_rng(11).standard_normal((5, network.input_dim)):
        expected = torch.autograd.functional.jacobian(f, torch.from_numpy(x)).numpy()
        assert expected.shape == (network.output_dim, network.input_dim)
        np.testing.assert_allclose(network.jacobian(x), expected, rtol=0, atol=1e-12)


def test_batch_and_single_agree(network):
    xs = np.random.default_rng(12).standard_normal((6, network.input_dim))
    batch_out, batch_jac = network.forward(xs), network.jacobian(xs)
    assert batch_jac.shape == (6, network.output_dim, network.input_dim)
    for i, x in enumerate(xs):
        np.testing.assert_allclose(network.forward(x), batch_out[i], rtol=0, atol=1e-13)
        np.testing.assert_allclose(network.jacobian(x), batch_jac[i], rtol=0, atol=1e-13)


def test_jacobian_of_pattern_equals_jacobian(network):
    for x in np.random.default_rng(13).standard_normal((5, network.input_dim)):
        np.testing.assert_allclose(network.jacobian_of_pattern(network.pattern(x)), network.jacobian(x), atol=1e-13)


def test_jacobian_depends_on_the_pattern():
    net = random_network([4, 8, 8, 3], 1)
    rng = np.random.default_rng(14)
    xs = rng.standard_normal((40, 4)) * 3
    patterns = {tuple(np.concatenate(net.pattern(x))) for x in xs}
    assert len(patterns) > 1  # the check above is not run on a single linear region


def test_nan_weight_is_rejected():
    with pytest.raises(NonFiniteError, match="weight of layer 1"):
        Network([np.eye(2), np.array([[np.nan, 1.0]])], [np.zeros(2), np.zeros(1)])


def test_infinite_bias_is_rejected():
    with pytest.raises(NonFiniteError, match="bias of layer 0"):
        Network([np.eye(2)], [np.array([np.inf, 0.0])])


def test_mismatched_layer_shapes_name_the_layer():
    with pytest.raises(ShapeError, match="layer 2: weight takes 4 inputs but layer 1 has 3 outputs"):
        Network([np.ones((5, 2)), np.ones((3, 5)), np.ones((1, 4))], [np.zeros(5), np.zeros(3), np.zeros(1)])


def test_bias_length_mismatch_names_the_layer():
    with pytest.raises(ShapeError, match="layer 0: weight has 3 outputs but bias has 2 entries"):
        Network([np.ones((3, 2))], [np.zeros(2)])


def test_wrong_input_shape_is_rejected():
    net = random_network([3, 5, 2], 0)
    with pytest.raises(ShapeError, match=r"\[3\] or \[batch, 3\]"):
        net.forward(np.zeros(4))
