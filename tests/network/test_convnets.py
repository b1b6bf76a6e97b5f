"""Convolutional, residual and LeakyReLU networks end to end: the torch importer and the
ONNX importer (files from both torch exporters) build the same Network, and the exact
engine's constants equal the region-enumeration oracle."""

from __future__ import annotations

import contextlib
import io
import warnings

import numpy as np
import pytest

import exactlip
from exactlip._arrays import dense
from exactlip.network.from_onnx import network_from_onnx
from exactlip.network.from_torch import network_from_torch
from tests.oracle import oracle_lipschitz

torch = pytest.importorskip("torch")
onnx = pytest.importorskip("onnx")
nn = torch.nn
F = torch.nn.functional


def export(module, input_shape, dynamo: bool):
    """The ONNX model of ``module`` from ``torch.onnx.export`` (legacy or dynamo exporter)."""
    example = (torch.zeros((1,) + tuple(input_shape), dtype=next(module.parameters()).dtype),)
    buffer = io.BytesIO()
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        try:
            if dynamo:
                program = torch.onnx.export(module, example, dynamo=True, verbose=False)
                program.save(buffer)
            else:
                torch.onnx.export(module, example, buffer, dynamo=False, input_names=["x"], output_names=["y"])
        except Exception as exc:  # an exporter missing or broken in this torch build
            pytest.skip(f"torch.onnx.export(dynamo={dynamo}) failed: {exc}")
    return onnx.load_from_string(buffer.getvalue())


def assert_same_network(a, b, rtol: float = 0.0):
    assert a.widths == b.widths
    assert sorted(a.skips) == sorted(b.skips)
    assert a.negative_slopes == b.negative_slopes
    pairs = list(zip(a.weights, b.weights)) + list(zip(a.biases, b.biases)) + [(a.skips[e], b.skips[e]) for e in a.skips]
    for x, y in pairs:
        if rtol == 0.0:
            np.testing.assert_array_equal(dense(x), dense(y))
        else:
            np.testing.assert_allclose(dense(x), dense(y), rtol=rtol, atol=rtol)


class SmallConvNet(nn.Module):
    """Normalisation, two convolutions, a residual addition, an average pool, LeakyReLU."""

    def __init__(self):
        super().__init__()
        self.register_buffer("mean", torch.tensor([0.25]).reshape(1, 1, 1))
        self.register_buffer("std", torch.tensor([0.5]).reshape(1, 1, 1))
        self.conv1 = nn.Conv2d(1, 3, 3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(3, 3, 3, padding=1, groups=3)
        self.pool = nn.AvgPool2d(2, stride=1, padding=1, count_include_pad=False)
        self.fc = nn.Linear(3 * 4 * 4, 6)
        self.act = nn.LeakyReLU(0.125)
        self.out = nn.Linear(6, 3)

    def forward(self, x):
        x = (x - self.mean) / self.std
        h = torch.relu(self.conv1(x))
        h = h + torch.relu(self.conv2(h))
        h = torch.flatten(self.pool(h), 1)
        return self.out(self.act(self.fc(h)))


@pytest.fixture(scope="module")
def conv_models():
    torch.manual_seed(0)
    module = SmallConvNet().eval()
    shape = (1, 6, 5)
    return module, shape, [export(module, shape, dynamo) for dynamo in (False, True)]


def test_torch_and_both_onnx_exports_give_identical_networks(conv_models):
    module, shape, exported = conv_models
    from_torch = network_from_torch(module, input_shape=shape)
    assert from_torch.widths == [30, 27, 27, 6, 3] and sorted(from_torch.skips) == [(2, 0)]
    for model in exported:
        assert_same_network(network_from_onnx(model), from_torch)


def test_identical_networks_give_identical_exact_values(conv_models):
    module, shape, exported = conv_models
    networks = [network_from_torch(module, input_shape=shape)] + [network_from_onnx(m) for m in exported]
    center = np.random.default_rng(0).uniform(0.0, 1.0, int(np.prod(shape)))
    box = exactlip.Box.linf_ball(center, 0.02, clip=(0.0, 1.0))
    results = [exactlip.lipschitz(net, box, norm="linf", margin=(0, 1)) for net in networks]
    assert all(r.status == "optimal" for r in results)
    assert len({r.value for r in results}) == 1
    via_module = exactlip.lipschitz(module, box, norm="linf", margin=(0, 1), input_shape=shape)
    assert via_module.value == results[0].value


def test_exported_batchnorm_is_folded_in_float32():
    """Both exporters fold an eval-mode BatchNorm into the convolution in float32, so the
    networks agree to float32 rounding rather than bit for bit."""
    torch.manual_seed(1)
    module = nn.Sequential(nn.Conv2d(1, 2, 2), nn.BatchNorm2d(2), nn.ReLU(), nn.Flatten(), nn.Linear(8, 2)).eval()
    with torch.no_grad():
        module[1].running_mean.uniform_(-1, 1)
        module[1].running_var.uniform_(0.5, 2)
    reference = network_from_torch(module, input_shape=(1, 3, 3))
    for dynamo in (False, True):
        assert_same_network(network_from_onnx(export(module, (1, 3, 3), dynamo)), reference, rtol=1e-6)


def test_onnx_batchnorm_node_matches_the_reference_runtime():
    from onnx import TensorProto, helper, numpy_helper
    from onnx.reference import ReferenceEvaluator

    rng = np.random.default_rng(2)
    arrays = {
        "K": rng.standard_normal((2, 1, 2, 2)),
        "scale": rng.standard_normal(2),
        "bias": rng.standard_normal(2),
        "mean": rng.standard_normal(2),
        "var": rng.uniform(0.5, 2.0, 2),
    }
    graph = helper.make_graph(
        [
            helper.make_node("Conv", ["x", "K"], ["c"], pads=[1, 0, 0, 1], strides=[2, 1]),
            helper.make_node("BatchNormalization", ["c", "scale", "bias", "mean", "var"], ["n"], epsilon=0.01),
            helper.make_node("Relu", ["n"], ["r"]),
            helper.make_node("AveragePool", ["r"], ["p"], kernel_shape=[2, 2], pads=[1, 1, 1, 1], count_include_pad=1),
            helper.make_node("GlobalAveragePool", ["p"], ["y"]),
        ],
        "bn",
        [helper.make_tensor_value_info("x", TensorProto.DOUBLE, ["N", 1, 4, 3])],
        [helper.make_tensor_value_info("y", TensorProto.DOUBLE, None)],
        initializer=[numpy_helper.from_array(v, k) for k, v in arrays.items()],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 15)])  # the reference BN of 9–13 uses batch statistics
    network = network_from_onnx(model)
    x = rng.standard_normal((3, 1, 4, 3))
    (expected,) = ReferenceEvaluator(model).run(None, {"x": x})
    np.testing.assert_allclose(network.forward(x.reshape(3, -1)), expected.reshape(3, -1), rtol=1e-12, atol=1e-12)


# ----- exact constants against the oracle ------------------------------------------------
def _tiny_conv_net():
    torch.manual_seed(5)
    return nn.Sequential(
        nn.Conv2d(1, 2, 2, stride=2, padding=1), nn.ReLU(), nn.AvgPool2d(2, stride=1), nn.Flatten(), nn.Linear(2, 2)
    ).double().eval(), (1, 2, 2)


def _tiny_conv1d_net():
    torch.manual_seed(6)
    return nn.Sequential(
        nn.Conv1d(1, 2, 2, padding=1, dilation=2), nn.ReLU(), nn.Conv1d(2, 1, 2, stride=2), nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(2, 2)
    ).double().eval(), (1, 4)


class _TinyResidual(nn.Module):
    def __init__(self):
        super().__init__()
        self.inp = nn.Linear(3, 4)
        self.block = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 4))
        self.out = nn.Linear(4, 2)

    def forward(self, x):
        h = F.relu(self.inp(x))
        h = F.relu(h + self.block(h))
        return self.out(h)


def _tiny_residual_net():
    torch.manual_seed(7)
    return _TinyResidual().double().eval(), (3,)


def _tiny_leaky_mlp():
    torch.manual_seed(8)
    return nn.Sequential(nn.Linear(3, 5), nn.LeakyReLU(0.1), nn.Linear(5, 4), nn.LeakyReLU(0.3), nn.Linear(4, 2)).double().eval(), (3,)


@pytest.mark.parametrize("make", [_tiny_conv_net, _tiny_conv1d_net, _tiny_residual_net, _tiny_leaky_mlp], ids=["conv2d", "conv1d", "residual", "leaky-mlp"])
@pytest.mark.parametrize("norm, spec", [("linf", {"margin": (0, 1)}), ("l1", {"output_norm": "linf"}), ("linf", {"output_norm": "l1"})])
def test_exact_constant_equals_the_oracle(make, norm, spec):
    module, shape = make()
    network = network_from_torch(module, input_shape=shape)
    rng = np.random.default_rng(11)
    box = exactlip.Box.linf_ball(rng.standard_normal(network.input_dim) * 0.5, 0.6)
    truth = oracle_lipschitz(network, box, norm=norm, **spec)
    result = exactlip.lipschitz(module, box, norm=norm, input_shape=shape, **spec)
    assert result.status == "optimal", result.message
    assert result.value == pytest.approx(truth, rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("name", ["digits_cnn", "digits_resmlp"])
def test_shipped_breadth_networks_match_their_cards(name):
    import hashlib
    import json
    from pathlib import Path

    data = Path(__file__).resolve().parents[2] / "data"
    card = json.loads((data / f"{name}.json").read_text())
    path = data / f"{name}.onnx"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == card["files_sha256"][path.name]
    network = exactlip.load_network(path)
    assert network.to_dict() == {k: v for k, v in card["network"].items() if k != "hidden_neurons"}
    assert network.num_hidden_neurons == card["network"]["hidden_neurons"]
    with np.load(data / card["test_points"]) as archive:
        accuracy = float(np.mean(np.argmax(network.forward(archive["x"]), axis=1) == archive["y"]))
    assert accuracy == card["test_accuracy"]


def test_certify_and_export_take_conv_modules_with_their_input_shape(tmp_path):
    from exactlip.export import export_mip

    module, shape = _tiny_conv_net()
    network = network_from_torch(module, input_shape=shape)
    center = np.array([0.3, -0.2, 0.1, 0.4])
    via_module = exactlip.certify(module, center, 0.01, input_shape=shape, estimators=(), attack=False)
    via_network = exactlip.certify(network, center, 0.01, estimators=(), attack=False)
    assert via_module.certified_radius == via_network.certified_radius
    box = exactlip.Box.linf_ball(center, 0.3)
    exported = export_mip(module, box, tmp_path / "conv.mps", margin=(0, 1), input_shape=shape, solve=True)
    solution = exported.to_dict()["solution"]
    truth = oracle_lipschitz(network, box, margin=(0, 1))
    assert solution["lipschitz_value"] == pytest.approx(truth, rel=1e-6)
    assert solution["mip_objective"] == pytest.approx(truth, rel=1e-6)
