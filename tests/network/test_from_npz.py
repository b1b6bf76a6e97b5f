"""The npz format: round trip, reproducible bytes, and key validation."""

from __future__ import annotations

import numpy as np
import pytest

from exactlip.errors import ModelFileError, ShapeError
from exactlip.network.from_npz import network_from_npz, save_npz
from exactlip.network.ir import Network


def example_network() -> Network:
    rng = np.random.default_rng(5)
    return Network(
        [rng.standard_normal((4, 3)), rng.standard_normal((2, 4))],
        [rng.standard_normal(4), rng.standard_normal(2)],
        name="example",
    )


def test_round_trip_is_exact(tmp_path):
    network = example_network()
    path = tmp_path / "model.npz"
    save_npz(network, path)
    loaded = network_from_npz(path)
    assert loaded.name == "model"
    assert network_from_npz(path, name="other").name == "other"
    assert loaded.widths == [3, 4, 2]
    for a, b in zip(loaded.weights + loaded.biases, network.weights + network.biases):
        np.testing.assert_array_equal(a, b)


def test_saved_file_is_a_plain_npz_with_reproducible_bytes(tmp_path):
    network = example_network()
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    save_npz(network, first)
    save_npz(Network(network.weights, network.biases), second)
    assert first.read_bytes() == second.read_bytes()
    with np.load(first) as archive:
        assert sorted(archive.files) == ["W0", "W1", "b0", "b1"]
        np.testing.assert_array_equal(archive["W1"], network.weights[1])


def test_missing_bias_is_named(tmp_path):
    path = tmp_path / "m.npz"
    np.savez(path, W0=np.ones((2, 3)), b0=np.zeros(2), W1=np.ones((1, 2)))
    with pytest.raises(ShapeError, match="missing key 'b1'"):
        network_from_npz(path)


def test_gap_in_numbering_is_named(tmp_path):
    path = tmp_path / "m.npz"
    np.savez(path, W0=np.ones((2, 3)), b0=np.zeros(2), W2=np.ones((1, 2)), b2=np.zeros(1))
    with pytest.raises(ShapeError, match="missing key 'W1'"):
        network_from_npz(path)


@pytest.mark.parametrize("key", ["extra", "W01", "w0"])
def test_unknown_key_is_named(tmp_path, key):
    path = tmp_path / "m.npz"
    np.savez(path, W0=np.ones((1, 3)), b0=np.zeros(1), **{key: np.zeros(1)})
    with pytest.raises(ShapeError, match=f"unexpected key '{key}'"):
        network_from_npz(path)


def test_empty_archive_is_rejected(tmp_path):
    path = tmp_path / "m.npz"
    np.savez(path)
    with pytest.raises(ShapeError, match="no layers found"):
        network_from_npz(path)


def test_inconsistent_shapes_name_the_layer(tmp_path):
    path = tmp_path / "m.npz"
    np.savez(path, W0=np.ones((2, 3)), b0=np.zeros(2), W1=np.ones((1, 5)), b1=np.zeros(1))
    with pytest.raises(ShapeError, match="layer 1: weight takes 5 inputs"):
        network_from_npz(path)


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(ModelFileError, match="absent.npz") as info:
        network_from_npz(tmp_path / "absent.npz")
    assert isinstance(info.value, FileNotFoundError)
    bad = tmp_path / "bad.npz"
    bad.write_text("not a zip")
    with pytest.raises(ModelFileError, match="not a readable npz archive"):
        network_from_npz(bad)
