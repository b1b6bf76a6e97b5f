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


def _dag_network(sparse: bool) -> Network:
    import scipy.sparse as sp

    from tests.nets import random_dag_network

    net = random_dag_network(np.random.default_rng(8), [3, 5, 4, 2], skip_probability=1.0, negative_slopes=[0.1, 0.0], sparse=sparse)
    weights = list(net.weights)
    weights[2] = sp.csr_array((2, 4)) if sparse else np.zeros((2, 4))  # no edge from the previous layer
    return Network(weights, net.biases, name="dag", skips=net.skips, negative_slopes=net.negative_slopes)


@pytest.mark.parametrize("sparse", [False, True], ids=["dense", "sparse"])
def test_dag_round_trip_keeps_skips_slopes_and_sparsity(tmp_path, sparse):
    import scipy.sparse as sp

    network = _dag_network(sparse)
    path = tmp_path / "dag.npz"
    save_npz(network, path)
    with np.load(path) as archive:
        keys = set(archive.files)
    assert {"negative_slopes", "b0", "b2"} <= keys
    assert ({"S2_in_csr_data", "S2_0_csr_indptr", "W1_csr_shape"} <= keys) if sparse else ({"S2_in", "S2_0", "W1"} <= keys)
    loaded = network_from_npz(path)
    assert loaded.negative_slopes == (0.1, 0.0)
    assert sorted(loaded.skips) == [(1, -1), (2, -1), (2, 0)]
    pairs = list(zip(loaded.weights, network.weights)) + [(loaded.skips[e], network.skips[e]) for e in network.skips]
    for a, b in pairs:
        assert sp.issparse(a) == sparse
        np.testing.assert_array_equal(a.toarray() if sparse else a, b.toarray() if sparse else b)
    x = np.random.default_rng(0).standard_normal((4, 3))
    np.testing.assert_array_equal(loaded.forward(x), network.forward(x))


def test_incomplete_sparse_matrix_is_named(tmp_path):
    path = tmp_path / "m.npz"
    np.savez(path, W0_csr_data=np.ones(1), W0_csr_indices=np.zeros(1, dtype=np.int64), W0_csr_shape=np.array([1, 1]), b0=np.zeros(1))
    with pytest.raises(ShapeError, match="sparse matrix 'W0' lacks 'W0_csr_indptr'"):
        network_from_npz(path)
