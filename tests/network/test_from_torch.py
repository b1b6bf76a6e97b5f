"""Import of torch modules: layer translation, merging, and error messages (operators: test_operators.py)."""

from __future__ import annotations

import numpy as np
import pytest

from exactlip.errors import OptionError, ShapeError, UnsupportedLayerError
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
            r"layer '2' \(Tanh\) is not supported by the exact engine.*AutoLip \(exactlip.estimate\(module, "
            r"methods=\['autolip'\], input_shape=...\)\) accepts it",
        ),
        (
            lambda: nn.Sequential(nn.Linear(4, 4), nn.Sequential(nn.ReLU(), nn.MaxPool1d(2))),
            r"layer '1.1' \(MaxPool1d\) is not supported.*AutoLip .* accepts it",
        ),
        (
            lambda: nn.Sequential(nn.Linear(4, 4), nn.GELU(), nn.Linear(4, 1)),
            r"layer '1' \(GELU\) is not supported.*no exactlip estimator accepts it",
        ),
        (lambda: nn.Tanh(), r"layer '0' \(Tanh\) is not supported"),
    ],
    ids=["tanh", "nested-maxpool", "gelu", "bare-tanh"],
)
def test_unsupported_layer_names_name_and_type(model, message):
    with pytest.raises(UnsupportedLayerError, match=message):
        network_from_torch(model(), input_shape=(4,))


def test_network_ending_in_relu_has_an_identity_output():
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2), nn.ReLU()).double()
    network = network_from_torch(model)
    assert network.widths == [3, 4, 2, 2]
    np.testing.assert_array_equal(network.weights[-1], np.eye(2))
    x = np.random.default_rng(3).standard_normal((6, 3))
    np.testing.assert_allclose(network.forward(x), torch_output(model, x), rtol=0, atol=1e-12)


def test_relu_first_and_two_relus_in_a_row_get_identity_edges():
    model = nn.Sequential(nn.Flatten(), nn.ReLU(), nn.LeakyReLU(0.5), nn.Linear(3, 1)).double()
    network = network_from_torch(model, input_shape=(3,))
    assert network.widths == [3, 3, 3, 1]
    assert network.negative_slopes == (0.0, 0.5)
    np.testing.assert_array_equal(network.weights[0], np.eye(3))
    np.testing.assert_array_equal(network.weights[1], np.eye(3))
    x = np.random.default_rng(4).standard_normal((6, 3))
    np.testing.assert_allclose(network.forward(x), torch_output(model, x), rtol=0, atol=1e-12)


def test_input_shape_is_required_without_a_leading_linear():
    with pytest.raises(OptionError, match="give input_shape"):
        network_from_torch(nn.Sequential(nn.Conv1d(1, 1, 2), nn.Flatten()))
    network = network_from_torch(nn.Sequential(nn.Identity()), input_shape=(2, 2))
    np.testing.assert_array_equal(network.weights[0], np.eye(4))


def test_wrong_input_shape_names_the_layer():
    with pytest.raises(ShapeError, match=r"layer '0' \(Linear\) fails on the example input .*check input_shape"):
        network_from_torch(nn.Sequential(nn.Linear(3, 1)), input_shape=(4,))


def test_batchnorm_in_training_mode_is_refused():
    with pytest.raises(UnsupportedLayerError, match=r"layer '1' \(BatchNorm1d\) is in training mode"):
        network_from_torch(nn.Sequential(nn.Linear(3, 2), nn.BatchNorm1d(2)))


def test_data_dependent_control_flow_cannot_be_traced():
    class Branchy(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(2, 2)

        def forward(self, x):
            return self.fc(x) if x.sum() > 0 else x

    with pytest.raises(UnsupportedLayerError, match="cannot trace Branchy with torch.fx"):
        network_from_torch(Branchy())


def test_products_of_two_tensors_and_two_inputs_are_refused():
    class Square(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(2, 2)

        def forward(self, x):
            return self.fc(x) * x

    class TwoInputs(nn.Module):
        def forward(self, x, y):
            return x + y

    with pytest.raises(UnsupportedLayerError, match=r"operation 'mul' \(mul\) multiplies or divides two tensors"):
        network_from_torch(Square())
    with pytest.raises(UnsupportedLayerError, match="takes 2 inputs"):
        network_from_torch(TwoInputs(), input_shape=(2,))


def test_non_module_is_rejected():
    with pytest.raises(TypeError, match="expected a torch.nn.Module"):
        network_from_torch([np.eye(2)])
