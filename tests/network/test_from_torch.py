"""Import of torch Sequential models: layer translation, merging, and error messages."""

from __future__ import annotations

import numpy as np
import pytest

from exactlip.errors import UnsupportedLayerError
from exactlip.network.from_torch import network_from_torch

torch = pytest.importorskip("torch")
nn = torch.nn


@pytest.fixture(autouse=True)
def _seed():
    torch.manual_seed(0)


def torch_output(model, x: np.ndarray) -> np.ndarray:
    with torch.no_grad():
        return model(torch.from_numpy(x)).numpy()


def test_sequential_with_flatten_dropout_identity_matches_torch():
    model = nn.Sequential(
        nn.Flatten(),
        nn.Linear(6, 5),
        nn.ReLU(),
        nn.Dropout(0.5),
        nn.Identity(),
        nn.Sequential(nn.Linear(5, 4), nn.ReLU()),
        nn.Linear(4, 3),
    ).double().eval()
    network = network_from_torch(model)
    assert network.widths == [6, 5, 4, 3]
    assert network.name == "Sequential"
    x = np.random.default_rng(0).standard_normal((9, 2, 3))
    np.testing.assert_allclose(network.forward(x.reshape(9, 6)), torch_output(model, x), rtol=0, atol=1e-12)


def test_float32_weights_are_copied_exactly_as_float64():
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    network = network_from_torch(model, name="f32")
    assert network.name == "f32"
    for weight, layer in zip(network.weights, [model[0], model[2]]):
        assert weight.dtype == np.float64
        np.testing.assert_array_equal(weight, layer.weight.detach().numpy().astype(np.float64))


def test_consecutive_linears_are_merged():
    first, second = nn.Linear(3, 4), nn.Linear(4, 5)
    model = nn.Sequential(first, second, nn.ReLU(), nn.Linear(5, 2), nn.Linear(2, 2)).double().eval()
    network = network_from_torch(model)
    assert network.widths == [3, 5, 2]
    w1, b1 = first.weight.detach().numpy(), first.bias.detach().numpy()
    w2, b2 = second.weight.detach().numpy(), second.bias.detach().numpy()
    np.testing.assert_allclose(network.weights[0], w2 @ w1, atol=1e-15)
    np.testing.assert_allclose(network.biases[0], w2 @ b1 + b2, atol=1e-15)
    x = np.random.default_rng(1).standard_normal((8, 3))
    np.testing.assert_allclose(network.forward(x), torch_output(model, x), rtol=0, atol=1e-12)


def test_linear_without_bias_gets_zero_bias_and_bare_linear_is_accepted():
    layer = nn.Linear(3, 2, bias=False).double()
    network = network_from_torch(layer)
    assert network.widths == [3, 2]
    np.testing.assert_array_equal(network.biases[0], np.zeros(2))
    x = np.random.default_rng(2).standard_normal((4, 3))
    np.testing.assert_allclose(network.forward(x), torch_output(layer, x), rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    "model, message",
    [
        (
            lambda: nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Tanh(), nn.Linear(4, 1)),
            r"layer 2 \(Tanh\) is not supported",
        ),
        (
            lambda: nn.Sequential(nn.Linear(4, 4), nn.Sequential(nn.ReLU(), nn.Conv1d(1, 1, 3))),
            r"layer 2 \(Conv1d\) is not supported; supported: Linear, ReLU, Flatten, Identity, Dropout",
        ),
        (lambda: nn.Sequential(nn.BatchNorm1d(3), nn.Linear(3, 1)), r"layer 0 \(BatchNorm1d\)"),
    ],
    ids=["tanh", "nested-conv1d", "batchnorm"],
)
def test_unsupported_layer_names_index_and_type(model, message):
    with pytest.raises(UnsupportedLayerError, match=message):
        network_from_torch(model())


def test_network_ending_in_relu_is_rejected():
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2), nn.ReLU())
    message = r"ends with a ReLU \(layer 3 \(ReLU\)\), which is not an affine output"
    with pytest.raises(UnsupportedLayerError, match=message):
        network_from_torch(model)


def test_relu_first_is_rejected():
    with pytest.raises(UnsupportedLayerError, match=r"layer 1 \(ReLU\) is a ReLU before any affine layer"):
        network_from_torch(nn.Sequential(nn.Flatten(), nn.ReLU(), nn.Linear(3, 1)))


def test_two_relus_in_a_row_are_rejected():
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Dropout(), nn.ReLU(), nn.Linear(4, 1))
    with pytest.raises(UnsupportedLayerError, match=r"layer 3 \(ReLU\) is a second ReLU in a row"):
        network_from_torch(model)


def test_empty_sequential_has_no_affine_layer():
    with pytest.raises(UnsupportedLayerError, match="no affine layer"):
        network_from_torch(nn.Sequential(nn.Identity()))


def test_flatten_over_the_batch_dimension_is_rejected():
    with pytest.raises(UnsupportedLayerError, match=r"layer 0 \(Flatten\) flattens dims 0"):
        network_from_torch(nn.Sequential(nn.Flatten(start_dim=0), nn.Linear(3, 1)))


def test_custom_module_and_non_module_are_rejected():
    class Custom(nn.Module):
        def forward(self, x):
            return x

    with pytest.raises(UnsupportedLayerError, match="cannot import a Custom"):
        network_from_torch(Custom())
    with pytest.raises(TypeError, match="expected a torch.nn.Module"):
        network_from_torch([np.eye(2)])
