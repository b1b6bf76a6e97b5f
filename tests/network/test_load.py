"""load_network dispatch, its errors, and the shipped example networks in data/."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from exactlip.errors import ModelFileError
from exactlip.network.from_npz import save_npz
from exactlip.network.from_onnx import save_onnx
from exactlip.network.ir import Network
from exactlip.network.load import load_network

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"


@pytest.fixture
def network() -> Network:
    rng = np.random.default_rng(6)
    return Network([rng.standard_normal((3, 2)), rng.standard_normal((1, 3))], [rng.standard_normal(3), np.zeros(1)])


def assert_same_network(a: Network, b: Network) -> None:
    assert a.widths == b.widths
    for x, y in zip(a.weights + a.biases, b.weights + b.biases):
        np.testing.assert_array_equal(x, y)


def test_network_is_returned_as_is_or_renamed(network):
    assert load_network(network) is network
    renamed = load_network(network, name="renamed")
    assert renamed.name == "renamed" and renamed is not network
    assert_same_network(renamed, network)


@pytest.mark.parametrize("suffix", [".npz", ".onnx", ".NPZ"])
def test_paths_dispatch_on_suffix(tmp_path, network, suffix):
    path = tmp_path / f"model{suffix}"
    (save_onnx if suffix == ".onnx" else save_npz)(network, path)
    assert_same_network(load_network(path), network)
    loaded = load_network(str(path), name="given")
    assert loaded.name == "given"
    assert_same_network(loaded, network)


def test_missing_file_names_the_path(tmp_path):
    path = tmp_path / "missing.onnx"
    with pytest.raises(ModelFileError, match="missing.onnx") as info:
        load_network(path)
    assert isinstance(info.value, FileNotFoundError)


def test_unknown_suffix_lists_the_allowed_ones(tmp_path):
    path = tmp_path / "model.pt"
    path.write_bytes(b"")
    with pytest.raises(ModelFileError, match=r"'\.pt'; allowed suffixes: \.onnx, \.npz"):
        load_network(path)


def test_torch_module_and_onnx_model_dispatch(network, tmp_path):
    torch = pytest.importorskip("torch")
    onnx = pytest.importorskip("onnx")
    linear = torch.nn.Linear(2, 1).double()
    loaded = load_network(torch.nn.Sequential(linear))
    np.testing.assert_array_equal(loaded.weights[0], linear.weight.detach().numpy())
    path = tmp_path / "m.onnx"
    save_onnx(network, path)
    assert_same_network(load_network(onnx.load(path)), network)


def test_other_types_raise_type_error_listing_allowed_types():
    message = r"cannot load a model from a list; expected a Network, a path to a \.onnx or \.npz file"
    with pytest.raises(TypeError, match=message):
        load_network([np.eye(2)])


def test_importing_the_loaders_does_not_import_torch_or_onnx():
    code = (
        "import sys, exactlip.network.load\n"
        "assert 'torch' not in sys.modules and 'onnx' not in sys.modules, sorted(sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


SHIPPED = {"moons2d": [2, 16, 16, 2], "tiny_regressor": [3, 8, 8, 1]}


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_networks_load_with_documented_shapes(name):
    pytest.importorskip("onnx")
    from_npz = load_network(DATA / f"{name}.npz")
    from_onnx = load_network(DATA / f"{name}.onnx")
    assert from_npz.widths == SHIPPED[name]
    assert from_npz.name == from_onnx.name == name
    assert_same_network(from_onnx, from_npz)
    card = json.loads((DATA / f"{name}.json").read_text())
    assert card["widths"] == SHIPPED[name]
    for file_name, digest in card["files_sha256"].items():
        assert hashlib.sha256((DATA / file_name).read_bytes()).hexdigest() == digest, f"{file_name} is stale"


def test_shipped_moons_classifier_separates_the_square():
    network = load_network(DATA / "moons2d.npz")
    card = json.loads((DATA / "moons2d.json").read_text())
    assert card["training"]["training_accuracy"] >= 0.95
    grid = np.stack(np.meshgrid(np.linspace(0, 1, 21), np.linspace(0, 1, 21)), axis=-1).reshape(-1, 2)
    predicted = np.argmax(network.forward(grid), axis=1)
    assert 0.2 < predicted.mean() < 0.8  # both classes occupy a good part of [0, 1]^2


def test_renaming_keeps_skip_edges_and_slopes():
    from tests.nets import random_dag_network

    net = random_dag_network(np.random.default_rng(2), [2, 3, 3, 1], skip_probability=1.0, negative_slopes=[0.1, 0.2])
    renamed = load_network(net, name="renamed")
    assert renamed.name == "renamed" and renamed.skips.keys() == net.skips.keys() and renamed.negative_slopes == (0.1, 0.2)


def test_torch_module_with_input_shape():
    torch = pytest.importorskip("torch")
    module = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 2), torch.nn.ReLU(), torch.nn.Flatten(), torch.nn.Linear(8, 1))
    assert load_network(module, input_shape=(1, 3, 3)).widths == [9, 8, 1]
