"""The shipped zoo (``data/zoo``): files present, loadable, consistent with their cards,
and regenerated bit for bit by ``python -m exactlip.zoo``."""

import json
from pathlib import Path

import numpy as np
import pytest

import exactlip
from exactlip.zoo import DATASET_NAMES, MODEL_NAMES, REGIME_NAMES
from exactlip.zoo.store import atomic_path, sha256

ZOO = Path(__file__).resolve().parents[2] / "data" / "zoo"


def _card(name):
    return json.loads((ZOO / f"{name}.json").read_text())


def _test_points(dataset):
    with np.load(ZOO / f"{dataset}-test.npz", allow_pickle=False) as archive:
        return archive["x"], archive["y"]


def test_the_naming_contract_is_complete():
    expected = {f"{d}-{r}.{s}" for d in ("digits", "iris", "synthetic") for r in ("plain", "l2", "l1", "fgsm", "pgd", "lipschitz") for s in ("onnx", "npz", "json")}
    expected |= {f"{d}-test.npz" for d in ("digits", "iris", "synthetic")}
    assert set(MODEL_NAMES) == {f"{d}-{r}" for d in DATASET_NAMES for r in REGIME_NAMES}
    assert expected <= {p.name for p in ZOO.iterdir()}
    assert sum(p.stat().st_size for p in ZOO.iterdir()) < 5_000_000


@pytest.mark.parametrize("dataset", DATASET_NAMES)
def test_test_points_are_scaled_and_labelled(dataset):
    x, y = _test_points(dataset)
    assert x.dtype == np.float64 and x.ndim == 2 and y.dtype.kind == "i" and y.shape == (x.shape[0],)
    assert x.min() >= 0.0 and x.max() <= 1.0
    assert x.shape[1] == _card(f"{dataset}-plain")["widths"][0]


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_card_matches_the_shipped_files_and_accuracy(name):
    card = _card(name)
    for file_name, digest in card["files_sha256"].items():
        assert sha256(ZOO / file_name) == digest, file_name
    x, y = _test_points(card["dataset"])
    for suffix in (".onnx", ".npz"):
        network = exactlip.load_network(ZOO / f"{name}{suffix}")
        assert network.widths == card["widths"]
        correct = int(np.sum(np.argmax(network.forward(x), axis=1) == y))
        assert correct == round(card["test_accuracy"] * card["test_size"]) and y.size == card["test_size"]
        assert correct / y.size == card["test_accuracy"]
    assert card["regime"]["name"] == name.split("-", 1)[1] and card["seed"] == 0 and card["epochs"] > 0


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_onnx_and_npz_hold_the_same_network(name):
    from_onnx = exactlip.load_network(ZOO / f"{name}.onnx")
    from_npz = exactlip.load_network(ZOO / f"{name}.npz")
    for a, b in zip(from_onnx.weights + from_onnx.biases, from_npz.weights + from_npz.biases):
        assert np.array_equal(a, b)
    x, _ = _test_points(name.split("-")[0])
    assert np.array_equal(from_onnx.forward(x), from_npz.forward(x))


def test_regenerating_synthetic_plain_is_bit_for_bit(tmp_path):
    pytest.importorskip("torch")
    from exactlip.zoo.__main__ import main

    assert main(["--out", str(tmp_path), "--only", "synthetic-plain"]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["synthetic-plain.json", "synthetic-plain.npz", "synthetic-plain.onnx", "synthetic-test.npz"]
    for file_name in written:
        assert (tmp_path / file_name).read_bytes() == (ZOO / file_name).read_bytes(), file_name


def test_unknown_names_are_refused_with_the_allowed_ones(capsys):
    from exactlip.zoo.__main__ import main

    assert main(["--out", "/nonexistent/never-written", "--only", "mnist-plain"]) == 2
    err = capsys.readouterr().err
    assert "mnist-plain" in err and "synthetic" in err and "lipschitz" in err


def test_atomic_path_leaves_nothing_behind_on_error(tmp_path):
    target = tmp_path / "model.npz"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("interrupted")
    assert [p.name for p in tmp_path.iterdir()] == ["model.npz"] and target.read_bytes() == b"old"
    with atomic_path(target) as temp:
        temp.write_bytes(b"new")
    assert [p.name for p in tmp_path.iterdir()] == ["model.npz"] and target.read_bytes() == b"new"
