"""Import of ONNX MLP graphs built with onnx.helper, save_onnx round trips, and rejections."""

from __future__ import annotations

import io
import re
import warnings

import numpy as np
import pytest

from exactlip.errors import ModelFileError, ShapeError, UnsupportedLayerError
from exactlip.network.from_onnx import network_from_onnx, save_onnx
from exactlip.network.ir import Network

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402
from onnx.reference import ReferenceEvaluator  # noqa: E402

RNG = np.random.default_rng(0)


def make_model(nodes, initializers=(), input_shape=("batch", 3), output="y", opset=13):
    """A model with data input ``x`` of ``input_shape`` and output ``output`` (float64)."""
    graph = helper.make_graph(
        nodes,
        "test_graph",
        [helper.make_tensor_value_info("x", TensorProto.DOUBLE, list(input_shape))],
        [helper.make_tensor_value_info(output, TensorProto.DOUBLE, [None, None])],
        initializer=[numpy_helper.from_array(np.asarray(value), name) for name, value in initializers],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    onnx.checker.check_model(model)
    return model


def check_forward(model, x: np.ndarray, expected: np.ndarray) -> Network:
    """The imported network matches the numpy reference and onnx's reference runtime."""
    network = network_from_onnx(model)
    flat = x.reshape(x.shape[0], -1)
    np.testing.assert_allclose(network.forward(flat), expected.reshape(x.shape[0], -1), rtol=0, atol=1e-12)
    (runtime,) = ReferenceEvaluator(model).run(None, {"x": x})
    np.testing.assert_allclose(network.forward(flat), runtime.reshape(x.shape[0], -1), rtol=0, atol=1e-12)
    return network


def relu(v):
    return np.maximum(v, 0.0)


def test_gemm_trans_b_1_and_trans_b_0_with_alpha_beta():
    b1, c1 = RNG.standard_normal((4, 3)), RNG.standard_normal(4)
    b2, c2 = RNG.standard_normal((4, 2)), RNG.standard_normal((1, 2))
    model = make_model(
        [
            helper.make_node("Gemm", ["x", "B1", "C1"], ["z"], transB=1),
            helper.make_node("Relu", ["z"], ["h"]),
            helper.make_node("Gemm", ["h", "B2", "C2"], ["y"], alpha=0.5, beta=2.0, transB=0),
        ],
        [("B1", b1), ("C1", c1), ("B2", b2), ("C2", c2)],
    )
    x = RNG.standard_normal((6, 3))
    expected = 0.5 * relu(x @ b1.T + c1) @ b2 + 2.0 * c2
    network = check_forward(model, x, expected)
    assert network.widths == [3, 4, 2]
    assert network.name == "test_graph"


def test_gemm_without_bias():
    b = RNG.standard_normal((2, 3))
    model = make_model([helper.make_node("Gemm", ["x", "B"], ["y"], transB=1, alpha=3.0)], [("B", b)])
    x = RNG.standard_normal((4, 3))
    check_forward(model, x, 3.0 * x @ b.T)


def test_matmul_add_in_both_orders_and_matmul_alone():
    m1, a1 = RNG.standard_normal((3, 5)), RNG.standard_normal(5)
    m2, a2 = RNG.standard_normal((5, 4)), RNG.standard_normal(4)
    m3 = RNG.standard_normal((4, 2))
    model = make_model(
        [
            helper.make_node("MatMul", ["x", "M1"], ["p1"]),
            helper.make_node("Add", ["p1", "A1"], ["z1"]),
            helper.make_node("Relu", ["z1"], ["h1"]),
            helper.make_node("MatMul", ["h1", "M2"], ["p2"]),
            helper.make_node("Add", ["A2", "p2"], ["z2"]),  # bias first
            helper.make_node("Relu", ["z2"], ["h2"]),
            helper.make_node("MatMul", ["h2", "M3"], ["y"]),  # no bias
        ],
        [("M1", m1), ("A1", a1), ("M2", m2), ("A2", a2), ("M3", m3)],
    )
    x = RNG.standard_normal((7, 3))
    expected = relu(relu(x @ m1 + a1) @ m2 + a2) @ m3
    network = check_forward(model, x, expected)
    assert network.widths == [3, 5, 4, 2]
    np.testing.assert_allclose(network.weights[0], m1.T, atol=0)
    np.testing.assert_allclose(network.biases[1], a2, atol=0)


def test_flatten_of_an_image_input():
    b = RNG.standard_normal((2, 6))
    model = make_model(
        [helper.make_node("Flatten", ["x"], ["f"], axis=1), helper.make_node("Gemm", ["f", "B"], ["y"], transB=1)],
        [("B", b)],
        input_shape=(1, 1, 2, 3),
    )
    x = RNG.standard_normal((1, 1, 2, 3))
    network = check_forward(model, x, x.reshape(1, 6) @ b.T)
    assert network.input_dim == 6


@pytest.mark.parametrize(
    "input_shape, target",
    [((1, 4), [1, -1]), ((1, 4), [-1, 4]), ((1, 4), [0, -1]), (("batch", 4), [-1, 4]), ((1, 1, 2, 2), [1, -1])],
)
def test_reshape_to_a_flat_vector(input_shape, target):
    m = RNG.standard_normal((4, 3))
    model = make_model(
        [helper.make_node("Reshape", ["x", "shape"], ["r"]), helper.make_node("MatMul", ["r", "M"], ["y"])],
        [("shape", np.array(target, dtype=np.int64)), ("M", m)],
        input_shape=input_shape,
    )
    x = RNG.standard_normal((1,) + tuple(input_shape[1:]))
    check_forward(model, x, x.reshape(1, 4) @ m)


def test_reshape_to_rank_one():
    m = RNG.standard_normal((4, 3))
    model = make_model(
        [helper.make_node("Reshape", ["x", "shape"], ["r"]), helper.make_node("MatMul", ["r", "M"], ["y"])],
        [("shape", np.array([-1], dtype=np.int64)), ("M", m)],
        input_shape=(1, 4),
    )
    network = network_from_onnx(model)
    x = RNG.standard_normal(4)
    np.testing.assert_allclose(network.forward(x), x @ m, atol=1e-12)


@pytest.mark.parametrize("target", [[2, -1], [1, 2, 2], [4, -1], [1, 1, 4]])
def test_reshape_is_the_identity_on_the_flattened_example(target):
    """Batch counts as 1: any reshape that keeps the element count keeps the flat vector."""
    m = RNG.standard_normal((target[-1] if target[-1] != -1 else 4 // target[0], 3))
    model = make_model(
        [helper.make_node("Reshape", ["x", "shape"], ["r"]), helper.make_node("MatMul", ["r", "M"], ["y"])],
        [("shape", np.array(target, dtype=np.int64)), ("M", m)],
        input_shape=(1, 4),
    )
    x = RNG.standard_normal((1, 4))
    network = network_from_onnx(model)
    (runtime,) = ReferenceEvaluator(model).run(None, {"x": x})
    np.testing.assert_allclose(network.forward(x[0]), runtime.reshape(-1), rtol=0, atol=1e-12)


@pytest.mark.parametrize("target", [[5], [3, -1], [0, 0, 2]])
def test_reshape_that_changes_the_element_count_is_rejected(target):
    model = make_model(
        [helper.make_node("Reshape", ["x", "shape"], ["r"]), helper.make_node("MatMul", ["r", "M"], ["y"])],
        [("shape", np.array(target, dtype=np.int64)), ("M", np.ones((2, 1)))],
        input_shape=(1, 4),
    )
    pattern = r"node 0 \(Reshape, unnamed\) reshapes a tensor of shape \[1, 4\] \(4 elements\) to " + re.escape(str(target))
    with pytest.raises(UnsupportedLayerError, match=pattern):
        network_from_onnx(model)


def test_constant_nodes_identity_and_dropout():
    w, c = RNG.standard_normal((4, 2)), RNG.standard_normal(2)
    model = make_model(
        [
            helper.make_node("Constant", [], ["W"], value=numpy_helper.from_array(w)),
            helper.make_node("Constant", [], ["shape"], value_ints=[1, -1]),
            helper.make_node("Reshape", ["x", "shape"], ["r"]),
            helper.make_node("Identity", ["r"], ["i"]),
            helper.make_node("Constant", [], ["C"], value=numpy_helper.from_array(c)),
            helper.make_node("MatMul", ["i", "W"], ["p"]),
            helper.make_node("Dropout", ["p"], ["d", "mask"]),
            helper.make_node("Add", ["d", "C"], ["y"]),
        ],
        input_shape=(1, 2, 2),
    )
    x = RNG.standard_normal((1, 2, 2))
    network = check_forward(model, x, x.reshape(1, 4) @ w + c)
    assert network.widths == [4, 2]


def test_consecutive_affine_nodes_are_merged_and_a_relu_ending_is_an_identity_output():
    b1, b2 = RNG.standard_normal((4, 3)), RNG.standard_normal((2, 4))
    merged = make_model(
        [
            helper.make_node("Gemm", ["x", "B1"], ["z"], transB=1),
            helper.make_node("Gemm", ["z", "B2"], ["y"], transB=1),
        ],
        [("B1", b1), ("B2", b2)],
    )
    network = network_from_onnx(merged)
    assert len(network.weights) == 1
    np.testing.assert_allclose(network.weights[0], b2 @ b1, atol=1e-14)
    ending = make_model(
        [helper.make_node("Gemm", ["x", "B1"], ["z"], transB=1), helper.make_node("Relu", ["z"], ["y"], name="last")],
        [("B1", b1)],
    )
    network = network_from_onnx(ending)
    assert network.widths == [3, 4, 4]
    np.testing.assert_array_equal(network.weights[1], np.eye(4))
    x = RNG.standard_normal((5, 3))
    np.testing.assert_allclose(network.forward(x), relu(x @ b1.T), atol=1e-12)


def test_save_onnx_round_trip(tmp_path):
    rng = np.random.default_rng(3)
    network = Network(
        [rng.standard_normal((5, 3)), rng.standard_normal((4, 5)), rng.standard_normal((2, 4))],
        [rng.standard_normal(5), rng.standard_normal(4), rng.standard_normal(2)],
        name="roundtrip",
    )
    path = tmp_path / "net.onnx"
    save_onnx(network, path)
    model = onnx.load(path)
    onnx.checker.check_model(model)
    assert [node.op_type for node in model.graph.node] == ["Gemm", "Relu", "Gemm", "Relu", "Gemm"]
    assert model.opset_import[0].version == 13
    (inp,), (out,) = model.graph.input, model.graph.output
    assert (inp.name, out.name) == ("input", "output")
    assert [d.dim_param or d.dim_value for d in inp.type.tensor_type.shape.dim] == ["batch", 3]
    loaded = network_from_onnx(path)
    assert loaded.name == "net" and loaded.widths == network.widths
    for a, b in zip(loaded.weights + loaded.biases, network.weights + network.biases):
        np.testing.assert_array_equal(a, b)
    x = rng.standard_normal((4, 3))
    (runtime,) = ReferenceEvaluator(model).run(None, {"input": x})
    np.testing.assert_allclose(runtime, network.forward(x), rtol=0, atol=1e-12)


def test_unsupported_op_names_graph_index_op_type_and_name():
    model = make_model(
        [
            helper.make_node("Constant", [], ["W"], value=numpy_helper.from_array(np.ones((3, 3)))),
            helper.make_node("MatMul", ["x", "W"], ["p"], name="mm"),
            helper.make_node("Sigmoid", ["p"], ["s"], name="sig"),
            helper.make_node("MatMul", ["s", "W"], ["y"]),
        ]
    )
    message = r"node 2 \(Sigmoid, 'sig'\) is not supported by the exact engine.*supported: Gemm.*AutoLip accepts the torch module"
    with pytest.raises(UnsupportedLayerError, match=message):
        network_from_onnx(model)


@pytest.mark.parametrize(
    "op, attributes, hint",
    [("MaxPool", {"kernel_shape": [2, 2]}, "AutoLip accepts"), ("Tanh", {}, "AutoLip accepts"), ("Softplus", {}, "no exactlip estimator")],
)
def test_non_piecewise_linear_ops_are_refused_by_name(op, attributes, hint):
    model = make_model(
        [helper.make_node(op, ["x"], ["p"], name="the_op", **attributes), helper.make_node("Flatten", ["p"], ["y"])],
        input_shape=(1, 1, 3, 3),
    )
    with pytest.raises(UnsupportedLayerError, match=rf"node 0 \({op}, 'the_op'\) is not supported.*{hint}"):
        network_from_onnx(model)


def test_matmul_on_an_image_acts_on_the_last_axis():
    m = RNG.standard_normal((3, 2))
    model = make_model([helper.make_node("MatMul", ["x", "M"], ["y"])], [("M", m)], input_shape=(1, 1, 2, 3))
    x = RNG.standard_normal((1, 1, 2, 3))
    check_forward(model, x, x @ m)


def test_two_branches_of_the_input_are_added():
    b, c = RNG.standard_normal((2, 3)), RNG.standard_normal((2, 3))
    model = make_model(
        [
            helper.make_node("Gemm", ["x", "B"], ["a"], transB=1),
            helper.make_node("Gemm", ["x", "C"], ["b"], transB=1),
            helper.make_node("Sub", ["a", "b"], ["y"]),
        ],
        [("B", b), ("C", c)],
    )
    x = RNG.standard_normal((4, 3))
    network = check_forward(model, x, x @ (b - c).T)
    assert network.widths == [3, 2]


def test_residual_connection_becomes_a_skip_edge():
    b = RNG.standard_normal((3, 3))
    model = make_model(
        [
            helper.make_node("Gemm", ["x", "B"], ["z"], transB=1),
            helper.make_node("Relu", ["z"], ["h"]),
            helper.make_node("Add", ["h", "z"], ["y"]),
        ],
        [("B", b)],
    )
    x = RNG.standard_normal((4, 3))
    network = check_forward(model, x, relu(x @ b.T) + x @ b.T)
    assert list(network.skips) == [(1, -1)]


def graph_model(nodes, initializers=(), inputs=(("x", ["batch", 3]),), output="y"):
    """A model built without the checker, for graphs the checker itself would refuse."""
    graph = helper.make_graph(
        nodes,
        "malformed",
        [helper.make_tensor_value_info(name, TensorProto.DOUBLE, shape) for name, shape in inputs],
        [helper.make_tensor_value_info(output, TensorProto.DOUBLE, [None, None])],
        initializer=[numpy_helper.from_array(np.asarray(value), name) for name, value in initializers],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])


GEMM = helper.make_node("Gemm", ["x", "B"], ["y"], transB=1)
B33 = ("B", np.ones((3, 3)))


@pytest.mark.parametrize(
    "model, error, message",
    [
        (
            lambda: graph_model(
                [helper.make_node("Relu", ["x"], ["h"]), helper.make_node("Identity", ["B"], ["y"])], [B33]
            ),
            UnsupportedLayerError,
            "the output 'y' does not depend on the input",
        ),
        (
            lambda: graph_model(
                [
                    helper.make_node("Dropout", ["x"], ["d", "mask"]),
                    helper.make_node("Gemm", ["d", "B"], ["y"], transB=1),
                    helper.make_node("Identity", ["mask"], ["m"]),
                ],
                [B33],
            ),
            UnsupportedLayerError,
            r"node 2 \(Identity, unnamed\) reads 'mask', a secondary output of node 0 \(Dropout, unnamed\)",
        ),
        (
            lambda: graph_model(
                [helper.make_node("Relu", ["x"], ["h"]), helper.make_node("Identity", ["h"], ["x"])], [B33]
            ),
            UnsupportedLayerError,
            r"node 1 \(Identity, unnamed\) writes 'x', which is already defined",
        ),
        (
            lambda: graph_model([helper.make_node("Relu", ["h"], ["y"])], [B33]),
            UnsupportedLayerError,
            r"node 0 \(Relu, unnamed\) reads 'h' before any node produces it",
        ),
        (
            lambda: graph_model([helper.make_node("Relu", ["x"], ["h"])], [B33]),
            UnsupportedLayerError,
            "the output 'y' is not produced by any node",
        ),
        (
            lambda: graph_model([GEMM], [B33], inputs=(("x", [1, 3]), ("z", [1, 3]))),
            UnsupportedLayerError,
            "exactly one input",
        ),
        (lambda: graph_model([GEMM], [B33], inputs=(("x", ["batch", "n"]),)), ShapeError, r"shape \['\?', '\?'\]"),
        (
            lambda: graph_model([helper.make_node("MatMul", ["x", "x"], ["y"], name="square")]),
            UnsupportedLayerError,
            r"node 0 \(MatMul, 'square'\) multiplies two tensors that depend on the input",
        ),
    ],
    ids=["output-constant", "second-output", "redefined", "unordered", "unproduced", "two-inputs", "unknown-size", "bilinear"],
)
def test_malformed_graphs_are_rejected(model, error, message):
    with pytest.raises(error, match=message):
        network_from_onnx(model())


def test_nodes_off_the_path_to_the_output_are_ignored():
    b = RNG.standard_normal((3, 3))
    model = graph_model([GEMM, helper.make_node("Relu", ["x"], ["unused"], name="lost")], [("B", b)])
    network = network_from_onnx(model)
    assert network.widths == [3, 3]


def test_weight_size_mismatch_is_a_shape_error():
    model = make_model([helper.make_node("Gemm", ["x", "B"], ["y"], transB=1)], [("B", np.ones((2, 4)))])
    with pytest.raises(ShapeError, match=r"node 0 \(Gemm, unnamed\): a linear map with 4 inputs receives a tensor of shape \[1, 3\]"):
        network_from_onnx(model)


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(ModelFileError, match="nope.onnx"):
        network_from_onnx(tmp_path / "nope.onnx")
    garbage = tmp_path / "garbage.onnx"
    garbage.write_bytes(b"\xff\x00 definitely not protobuf")
    with pytest.raises(ModelFileError, match="not a readable ONNX model"):
        network_from_onnx(garbage)


def test_torch_exported_model_matches_torch():
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Flatten(), torch.nn.Linear(4, 6), torch.nn.ReLU(), torch.nn.Dropout(), torch.nn.Linear(6, 2)
    ).double().eval()
    buffer = io.BytesIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # the legacy exporter warns that it is legacy
            torch.onnx.export(
                model,
                (torch.zeros(1, 4, dtype=torch.float64),),
                buffer,
                dynamo=False,
                input_names=["x"],
                output_names=["y"],
                dynamic_axes={"x": {0: "batch"}},
            )
    except Exception as exc:  # the legacy exporter may be missing or broken in this torch
        pytest.skip(f"torch.onnx.export(dynamo=False) failed: {exc}")
    network = network_from_onnx(onnx.load_from_string(buffer.getvalue()))
    x = np.random.default_rng(4).standard_normal((5, 4))
    with torch.no_grad():
        expected = model(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(network.forward(x), expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize("slopes", [[0.0, 0.25, 0.0], [0.1, 0.0, 0.0]], ids=["leakyrelu", "prelu-float64-slope"])
def test_save_onnx_round_trip_of_a_dag(tmp_path, slopes):
    import scipy.sparse as sp

    from tests.nets import random_dag_network

    net = random_dag_network(np.random.default_rng(9), [3, 4, 4, 4, 2], skip_probability=1.0, negative_slopes=slopes, sparse=True)
    weights = list(net.weights)
    weights[2] = sp.csr_array((4, 4))  # layer 2 reads only skip edges; layer 1 still feeds layer 3
    network = Network(weights, net.biases, name="dag", skips=net.skips, negative_slopes=slopes)
    path = tmp_path / "dag.onnx"
    save_onnx(network, path)
    model = onnx.load(path)
    ops = [node.op_type for node in model.graph.node]
    assert ops.count("Gemm") == 1 + 2 + 2 + 4 and ops.count("Add") == 1 + 1 + 3
    assert ("PRelu" in ops) == (slopes[0] == 0.1) and ("LeakyRelu" in ops) == (slopes[1] == 0.25)
    loaded = network_from_onnx(path)
    assert loaded.negative_slopes == tuple(slopes) and sorted(loaded.skips) == sorted(network.skips)
    pairs = list(zip(loaded.weights, network.weights)) + [(loaded.skips[e], network.skips[e]) for e in network.skips]
    for a, b in pairs + list(zip(loaded.biases, network.biases)):
        np.testing.assert_array_equal(a.toarray() if sp.issparse(a) else a, b.toarray() if sp.issparse(b) else b)
    x = np.random.default_rng(1).standard_normal((5, 3))
    (runtime,) = ReferenceEvaluator(model).run(None, {"input": x})
    np.testing.assert_allclose(runtime, network.forward(x), rtol=0, atol=1e-12)
