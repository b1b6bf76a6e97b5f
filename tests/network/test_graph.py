"""The graph compiler: affine expressions over sources, merging, skip edges, storage."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from exactlip.errors import ShapeError, UnsupportedLayerError
from exactlip.network.graph import DENSE_MAX_ENTRIES, GraphBuilder, network_from_graph

RNG = np.random.default_rng(0)


def relu(v):
    return np.maximum(v, 0.0)


def test_consecutive_affine_maps_merge_and_the_chain_is_kept():
    a, b, c = RNG.standard_normal((4, 3)), RNG.standard_normal((5, 4)), RNG.standard_normal((2, 5))
    ba, bb, bc = RNG.standard_normal(4), RNG.standard_normal(5), RNG.standard_normal(2)
    g = GraphBuilder()
    x = g.input(3)
    h = g.activation(g.affine(g.affine(x, a, ba, "A"), b, bb, "B"), 0.0, "relu")
    g.output(g.affine(h, c, bc, "C"))
    network = network_from_graph(g.graph, "merged")
    assert network.widths == [3, 5, 2] and network.is_chain and network.name == "merged"
    np.testing.assert_allclose(network.weights[0], b @ a, atol=1e-14)
    np.testing.assert_allclose(network.biases[0], b @ ba + bb, atol=1e-14)
    xs = RNG.standard_normal((6, 3))
    np.testing.assert_allclose(network.forward(xs), relu(xs @ (b @ a).T + b @ ba + bb) @ c.T + bc, atol=1e-12)


def test_activations_on_the_input_and_on_each_other_get_identity_edges_and_a_final_activation_is_the_output():
    g = GraphBuilder()
    x = g.input(3)
    g.output(g.activation(g.activation(x, 0.0, "relu"), 0.25, "leaky"))
    network = network_from_graph(g.graph, "identity")
    assert network.widths == [3, 3, 3, 3] and network.negative_slopes == (0.0, 0.25)
    for weight in network.weights:
        np.testing.assert_array_equal(weight, np.eye(3))
    np.testing.assert_array_equal(network.forward(np.array([-1.0, 2.0, 0.5])), [0.0, 2.0, 0.5])


def test_additions_become_skip_edges_and_a_missing_previous_edge_is_a_sparse_zero():
    w0, w1 = RNG.standard_normal((3, 2)), RNG.standard_normal((3, 3))
    g = GraphBuilder()
    x = g.input(2)
    h0 = g.activation(g.affine(x, w0, np.zeros(3), "fc0"), 0.0, "relu0")
    h1 = g.activation(g.affine(h0, w1, np.ones(3), "fc1"), 0.0, "relu1")
    # layer 2 reads only the input (twice: x + x) and layer 0; nothing from layer 1
    summed = g.add([(g.affine(x, w0, np.zeros(3), "fc0'"), 1.0), (h0, -1.0), (g.affine(x, w0, np.zeros(3), "fc0''"), 1.0)], "sum")
    h2 = g.activation(summed, 0.5, "leaky")
    g.output(g.add([(h2, 1.0), (h1, 1.0)], "out"))
    network = network_from_graph(g.graph, "dag")
    assert network.widths == [2, 3, 3, 3, 3]
    assert sorted(network.skips) == [(2, -1), (2, 0), (3, 1)]
    assert sp.issparse(network.weights[2]) and network.weights[2].nnz == 0
    np.testing.assert_allclose(network.skips[(2, -1)], 2 * w0)
    np.testing.assert_array_equal(network.skips[(2, 0)], -np.eye(3))
    xs = RNG.standard_normal((5, 2))
    s0 = relu(xs @ w0.T)
    s1 = relu(s0 @ w1.T + 1.0)
    z2 = 2 * xs @ w0.T - s0
    np.testing.assert_allclose(network.forward(xs), np.where(z2 > 0, z2, 0.5 * z2) + s1, atol=1e-12)


def test_repeated_operands_add_up_and_cancelling_terms_leave_no_edge():
    g = GraphBuilder()
    x = g.input(2)
    h = g.activation(x, 0.0, "relu")
    y = g.add([(h, 1.0), (h, 1.0), (g.affine(x, np.eye(2), np.zeros(2), "copy"), 1.0), (x, -1.0)], "sum")
    g.output(y)
    network = network_from_graph(g.graph, "cancel")
    assert network.widths == [2, 2, 2] and not network.skips
    np.testing.assert_array_equal(network.weights[1], 2 * np.eye(2))


def test_storage_dense_when_small_sparse_when_large_and_sparse():
    big = int(np.sqrt(DENSE_MAX_ENTRIES)) + 1
    g = GraphBuilder()
    x = g.input(big)
    h = g.activation(g.affine(x, sp.diags_array(np.arange(1.0, big + 1), format="csr"), np.zeros(big), "diag"), 0.0, "relu")
    g.output(g.affine(h, sp.csr_array(np.ones((2, big))), np.zeros(2), "sum"))
    network = network_from_graph(g.graph, "storage")
    assert sp.issparse(network.weights[0]) and network.weights[0].nnz == big  # large and sparse
    assert isinstance(network.weights[1], np.ndarray)  # 2·big entries: small


def test_nodes_that_do_not_reach_the_output_are_dropped():
    g = GraphBuilder()
    x = g.input(2)
    g.activation(x, 0.0, "dead relu")
    g.output(g.affine(x, np.ones((1, 2)), np.zeros(1), "fc"))
    network = network_from_graph(g.graph, "pruned")
    assert network.widths == [2, 1]


def test_errors_name_the_node():
    g = GraphBuilder()
    x = g.input(3)
    g.output(g.affine(x, np.ones((2, 4)), np.zeros(2), "layer 'fc' (Linear)"))
    with pytest.raises(ShapeError, match=r"layer 'fc' \(Linear\) takes 4 inputs but receives 3"):
        network_from_graph(g.graph, "bad")
    g = GraphBuilder()
    g.output(g.activation(g.input(2), 1.5, "layer 'act' (LeakyReLU)"))
    with pytest.raises(UnsupportedLayerError, match=r"layer 'act' \(LeakyReLU\): LeakyReLU negative slope 1.5"):
        network_from_graph(g.graph, "bad")
    g = GraphBuilder()
    a, b = g.input(2), g.input(2)
    g.output(g.add([(a, 1.0), (b, 1.0)], "sum"))
    with pytest.raises(UnsupportedLayerError, match="exactly one input and one output, got 2 and 1"):
        network_from_graph(g.graph, "bad")
    g = GraphBuilder()
    x = g.input(2)
    g.output(g.add([(x, 1.0), (g.affine(x, np.ones((3, 2)), np.zeros(3), "wide"), 1.0)], "mixed sum"))
    with pytest.raises(ShapeError, match="mixed sum expects 2 elements but its input \\(wide\\) has 3"):
        network_from_graph(g.graph, "bad")
