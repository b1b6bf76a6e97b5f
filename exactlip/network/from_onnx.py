"""Read and write ONNX multilayer perceptrons with the ``onnx`` package alone.

:func:`network_from_onnx` walks the graph as a linear chain from its single input to
its single output and translates each node into an affine or ReLU step:

* ``Gemm`` (``transA = 0``): ``y = alpha * x B' + beta * C`` with ``B' = B`` or ``B^T``
  (``transB``), i.e. ``W = alpha * B'^T`` and ``b = beta * C``;
* ``MatMul`` ``x @ B``: ``W = B^T``, ``b = 0``;  ``Add`` ``x + c`` (either order): ``W = I``, ``b = c``;
* ``Relu``; and ``Flatten``, ``Reshape`` to a flat vector, ``Identity``, ``Dropout``
  (inference semantics), which leave the flat vector unchanged.

Weights and shapes must be constants (initializers or ``Constant`` nodes). The chain of
steps is assembled by :func:`~exactlip.network.chain.network_from_chain`, which merges
consecutive affine steps. :func:`save_onnx` writes a :class:`Network` as a float64
``Gemm``/``Relu`` chain (opset 13). onnx is imported lazily inside the functions.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np

from ..errors import ModelFileError, ShapeError, UnsupportedLayerError
from .chain import AffineStep, ReluStep, Step, network_from_chain
from .ir import Network

_CHAIN_OPS = ("Gemm", "MatMul", "Add", "Relu", "Flatten", "Reshape", "Identity", "Dropout")
SUPPORTED_ONNX_OPS = ", ".join(_CHAIN_OPS + ("Constant",))
SAVE_OPSET = 13
SAVE_IR_VERSION = 7  # the oldest IR version that carries opset 13, for old runtimes


def network_from_onnx(path_or_model, name: str | None = None) -> Network:
    """Translate an ONNX MLP (a path or an ``onnx.ModelProto``) into a :class:`Network`.

    ``name`` defaults to the file's stem, or the graph's name for an in-memory model.
    """
    import onnx

    if isinstance(path_or_model, onnx.ModelProto):
        model = path_or_model
        default_name = model.graph.name or "onnx_model"
    elif isinstance(path_or_model, (str, os.PathLike)):
        path = Path(path_or_model)
        model = _load_model(path, onnx)
        default_name = path.stem
    else:
        raise TypeError(f"expected a path or an onnx.ModelProto, got {type(path_or_model).__name__}")
    steps = _chain_steps(model.graph, onnx)
    return network_from_chain(steps, name=default_name if name is None else name)


def save_onnx(network: Network, path) -> None:
    """Write ``network`` as an ONNX model: ``Gemm`` (``transB = 1``) layers with ``Relu`` between.

    The graph maps input ``"input"`` of shape ``['batch', n]`` to output ``"output"`` of
    shape ``['batch', m]``; weights ``W{k}`` and biases ``b{k}`` are float64 initializers,
    so the file holds the network exactly.
    """
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    last = len(network.weights) - 1
    nodes, initializers = [], []
    current = "input"
    for k, (weight, bias) in enumerate(zip(network.weights, network.biases)):
        initializers += [numpy_helper.from_array(weight, f"W{k}"), numpy_helper.from_array(bias, f"b{k}")]
        affine_out = "output" if k == last else f"z{k}"
        nodes.append(helper.make_node("Gemm", [current, f"W{k}", f"b{k}"], [affine_out], name=f"gemm_{k}", transB=1))
        if k < last:
            current = f"h{k}"
            nodes.append(helper.make_node("Relu", [affine_out], [current], name=f"relu_{k}"))
    graph = helper.make_graph(
        nodes,
        network.name,
        [helper.make_tensor_value_info("input", TensorProto.DOUBLE, ["batch", network.input_dim])],
        [helper.make_tensor_value_info("output", TensorProto.DOUBLE, ["batch", network.output_dim])],
        initializer=initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", SAVE_OPSET)], producer_name="exactlip")
    model.ir_version = SAVE_IR_VERSION
    onnx.checker.check_model(model)
    onnx.save(model, os.fspath(path))


def _load_model(path: Path, onnx):
    if not path.is_file():
        raise ModelFileError(f"ONNX model file not found: {path}")
    try:
        return onnx.load(os.fspath(path))
    except Exception as exc:  # protobuf raises its own DecodeError type
        raise ModelFileError(f"{path} is not a readable ONNX model: {exc}") from exc


def _describe(index: int, node) -> str:
    label = f"'{node.name}'" if node.name else "unnamed"
    return f"node {index} ({node.op_type}, {label})"


def _chain_steps(graph, onnx) -> list[Step]:
    """Walk the graph from its input to its output and return the chain of steps."""
    constants = {init.name: onnx.numpy_helper.to_array(init) for init in graph.initializer}
    nodes = []
    for index, node in enumerate(graph.node):
        if node.op_type == "Constant" and node.domain in ("", "ai.onnx"):
            constants[node.output[0]] = _constant_value(index, node, onnx)
        else:
            nodes.append((index, node))
    source, dim, rank = _graph_input(graph, constants, onnx)
    target = _graph_output(graph)
    readers: dict[str, list] = {}
    for index, node in nodes:
        for tensor in dict.fromkeys(node.input):
            if tensor and tensor not in constants:
                readers.setdefault(tensor, []).append((index, node))

    translator = _NodeTranslator(constants, dim, rank, onnx)
    steps: list[Step] = []
    visited: set[int] = set()
    current = source
    while current != target:
        found = readers.get(current, [])
        if not found:
            raise UnsupportedLayerError(
                f"the graph is not a linear chain: nothing reads '{current}', so the output '{target}' "
                f"is not reached from the input '{source}'"
            )
        if len(found) > 1:
            names = ", ".join(_describe(index, node) for index, node in found)
            raise UnsupportedLayerError(
                f"the graph is not a linear chain: tensor '{current}' is read by {len(found)} nodes ({names})"
            )
        index, node = found[0]
        if index in visited:
            raise UnsupportedLayerError(f"the graph is not a linear chain: {_describe(index, node)} closes a cycle")
        visited.add(index)
        _check_chain_node(index, node, current, constants, readers, target)
        step = translator.step(index, node, current)
        if step is not None:
            steps.append(step)
        current = node.output[0]
    stray = [(index, node) for index, node in nodes if index not in visited]
    if stray:
        raise UnsupportedLayerError(
            f"the graph is not a linear chain: {_describe(*stray[0])} is not on the path "
            f"from the input '{source}' to the output '{target}'"
        )
    return steps


def _check_chain_node(index: int, node, data: str, constants: dict, readers: dict, target: str) -> None:
    """``node`` must read ``data`` once, everything else constant, and use only its first output."""
    others = [tensor for tensor in node.input if tensor and tensor != data and tensor not in constants]
    if others or list(node.input).count(data) != 1:
        raise UnsupportedLayerError(
            f"the graph is not a linear chain: {_describe(index, node)} reads {list(node.input)}; "
            f"besides '{data}' (once) its inputs must be constants"
        )
    for extra in node.output[1:]:
        if extra and (extra in readers or extra == target):
            raise UnsupportedLayerError(
                f"the graph is not a linear chain: {_describe(index, node)} has a second output '{extra}' in use"
            )


def _graph_input(graph, constants: dict, onnx) -> tuple[str, int, int]:
    """The single data input: its name, its feature count (product of non-batch dims) and rank."""
    inputs = [value for value in graph.input if value.name not in constants]
    if len(inputs) != 1:
        raise UnsupportedLayerError(
            f"the graph must have exactly one input, got {len(inputs)}: {[value.name for value in inputs]}"
        )
    value = inputs[0]
    tensor_type = value.type.tensor_type
    floating = {onnx.TensorProto.FLOAT, onnx.TensorProto.DOUBLE, onnx.TensorProto.FLOAT16, onnx.TensorProto.BFLOAT16}
    if tensor_type.elem_type not in floating:
        raise UnsupportedLayerError(f"input '{value.name}' is not a floating-point tensor")
    sizes = [dim.dim_value if dim.HasField("dim_value") else None for dim in tensor_type.shape.dim]
    features = sizes if len(sizes) == 1 else sizes[1:]
    shape_text = [size if size is not None else "?" for size in sizes]
    if not tensor_type.HasField("shape") or not features or any(size is None or size <= 0 for size in features):
        raise ShapeError(
            f"input '{value.name}' has shape {shape_text}; it must be [n], [batch, n] or [batch, …] "
            "with known sizes after the batch dimension"
        )
    return value.name, math.prod(features), len(sizes)


def _graph_output(graph) -> str:
    if len(graph.output) != 1:
        raise UnsupportedLayerError(
            f"the graph must have exactly one output, got {len(graph.output)}: {[value.name for value in graph.output]}"
        )
    return graph.output[0].name


def _constant_value(index: int, node, onnx) -> np.ndarray:
    """The value of a ``Constant`` node (a tensor, float(s) or int(s) attribute)."""
    for attribute in node.attribute:
        if attribute.name in ("value", "value_float", "value_floats", "value_int", "value_ints"):
            value = onnx.helper.get_attribute_value(attribute)
            if isinstance(value, onnx.TensorProto):
                return onnx.numpy_helper.to_array(value)
            return np.asarray(value)
    raise UnsupportedLayerError(
        f"{_describe(index, node)} holds no numeric value (sparse and string constants are not supported)"
    )


def _bias_vector(value: np.ndarray, size: int, where: str) -> np.ndarray:
    """``value`` broadcast to a bias of ``size`` entries (shapes ``()``, ``[1]``, ``[size]``, ``[1, size]``)."""
    bias = np.asarray(value, dtype=np.float64)
    if bias.shape not in {(), (1,), (size,), (1, 1), (1, size)}:
        raise ShapeError(f"{where}: bias of shape {list(bias.shape)} does not broadcast to [{size}]")
    return np.broadcast_to(bias.reshape(-1), (size,)).copy()


class _NodeTranslator:
    """Translate the nodes of a chain one by one, tracking the feature count and rank.

    ``dim`` is the number of features of the current tensor (the product of its
    non-batch dims) and ``rank`` its rank; affine ops need a flat tensor (rank 1 or 2).
    """

    def __init__(self, constants: dict, dim: int, rank: int, onnx):
        self.constants = constants
        self.dim = dim
        self.rank = rank
        self.onnx = onnx

    def step(self, index: int, node, data: str) -> Step | None:
        where = _describe(index, node)
        if node.domain not in ("", "ai.onnx") or node.op_type not in _CHAIN_OPS:
            domain = f" from the custom domain '{node.domain}'" if node.domain not in ("", "ai.onnx") else ""
            raise UnsupportedLayerError(f"{where}{domain} is not supported; supported: {SUPPORTED_ONNX_OPS}")
        if node.op_type != "Add" and node.input[0] != data:
            raise UnsupportedLayerError(
                f"{where} takes the data '{data}' as a later input; only the first input may be the data "
                "(x @ B, not B @ x)"
            )
        attributes = {attribute.name: self.onnx.helper.get_attribute_value(attribute) for attribute in node.attribute}
        if node.op_type in ("Gemm", "MatMul", "Add"):
            self._require_flat(where)
        if node.op_type == "Gemm":
            return self._gemm(node, attributes, where)
        if node.op_type == "MatMul":
            return self._matmul(node, where)
        if node.op_type == "Add":
            return self._add(node, data, where)
        if node.op_type == "Relu":
            return ReluStep(where)
        if node.op_type == "Flatten":
            self._flatten(attributes.get("axis", 1), where)
        elif node.op_type == "Reshape":
            self._reshape(node, attributes.get("allowzero", 0), where)
        return None  # Flatten, Reshape, Identity, Dropout keep the flat vector

    # ----- helpers -----------------------------------------------------------------
    def _require_flat(self, where: str) -> None:
        if self.rank > 2:
            raise UnsupportedLayerError(
                f"{where} receives a rank-{self.rank} tensor; flatten it (Flatten or Reshape) before any affine layer"
            )

    def _constant(self, node, position: int, where: str) -> np.ndarray:
        if position >= len(node.input) or not node.input[position]:
            raise UnsupportedLayerError(f"{where} lacks its input {position}")
        return np.asarray(self.constants[node.input[position]])

    def _affine(self, weight: np.ndarray, bias: np.ndarray, where: str) -> AffineStep:
        if weight.shape[1] != self.dim:
            raise ShapeError(f"{where} takes {weight.shape[1]} inputs but receives {self.dim} features")
        self.dim = int(weight.shape[0])
        return AffineStep(weight, bias, where)

    # ----- affine ops --------------------------------------------------------------
    def _gemm(self, node, attributes: dict, where: str) -> AffineStep:
        if attributes.get("transA", 0) != 0:
            raise UnsupportedLayerError(f"{where} has transA=1; only transA=0 is supported")
        if self.rank != 2:
            raise ShapeError(f"{where} needs a 2-D input [batch, n], got rank {self.rank}")
        matrix = self._constant(node, 1, where).astype(np.float64)
        if matrix.ndim != 2:
            raise ShapeError(f"{where}: B must be 2-D, got shape {list(matrix.shape)}")
        trans_b = attributes.get("transB", 0)
        weight = float(attributes.get("alpha", 1.0)) * (matrix if trans_b else matrix.T)
        if len(node.input) > 2 and node.input[2]:
            offset = _bias_vector(self._constant(node, 2, where), weight.shape[0], where)
            bias = float(attributes.get("beta", 1.0)) * offset
        else:
            bias = np.zeros(weight.shape[0])
        return self._affine(weight, bias, where)

    def _matmul(self, node, where: str) -> AffineStep:
        matrix = self._constant(node, 1, where).astype(np.float64)
        if matrix.ndim != 2:
            raise ShapeError(f"{where}: the weight must be 2-D, got shape {list(matrix.shape)}")
        return self._affine(matrix.T, np.zeros(matrix.shape[1]), where)

    def _add(self, node, data: str, where: str) -> AffineStep:
        position = 1 if node.input[0] == data else 0
        value = self._constant(node, position, where)
        bias = _bias_vector(value, self.dim, where)
        self.rank = max(self.rank, value.ndim)
        return self._affine(np.eye(self.dim), bias, where)

    # ----- shape ops ---------------------------------------------------------------
    def _flatten(self, axis: int, where: str) -> None:
        if self.rank < 2 or axis % self.rank != 1:
            raise UnsupportedLayerError(
                f"{where} flattens at axis {axis} of a rank-{self.rank} tensor; only axis=1 on a "
                "[batch, …] tensor is supported"
            )
        self.rank = 2

    def _reshape(self, node, allowzero: int, where: str) -> None:
        target = [int(size) for size in self._constant(node, 1, where).reshape(-1)]
        copy_batch = not allowzero and self.rank >= 2  # a 0 copies the batch dim
        if len(target) == 1:
            flat = target[0] in (-1, self.dim)
        elif len(target) == 2:
            lead, features = target
            flat = (features == self.dim and (lead == -1 or lead >= 1 or (lead == 0 and copy_batch))) or (
                features == -1 and (lead == 1 or (lead == 0 and copy_batch))
            )
        else:
            flat = False
        if not flat:
            raise UnsupportedLayerError(
                f"{where} reshapes to {target}, which does not keep a flat vector of {self.dim} features; "
                f"supported targets are [-1], [{self.dim}], [1, -1], [0, -1], [-1, {self.dim}], [batch, {self.dim}]"
            )
        self.rank = len(target)
