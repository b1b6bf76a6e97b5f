"""Read and write ONNX models of piecewise-linear networks with the ``onnx`` package alone.

:func:`network_from_onnx` walks the graph's nodes in order on the per-example function
(a batch dimension counts as 1; a rank-1 input ``[n]`` has none) and translates every
node that depends on the input into the model graph of :mod:`exactlip.network.graph`,
with the matrices of :mod:`exactlip.network.operators`:

* ``Gemm`` (``y = α A' B' + β C``, ``transA``/``transB``) and ``MatMul`` with a constant
  on either side; ``Conv`` (zero padding, ``pads``/``auto_pad``, strides, dilations,
  groups); ``AveragePool`` (``ceil_mode = 0``, no dilation) and ``GlobalAveragePool``;
  ``BatchNormalization`` (inference); ``Add``, ``Sub``, ``Mul``, ``Div`` with a constant
  (broadcast into the tensor), ``Neg``; ``Add``/``Sub`` of two tensors (a residual);
* ``Relu``, ``LeakyRelu`` and ``PRelu`` with a single slope;
* ``Flatten``, ``Reshape``, ``Squeeze``, ``Unsqueeze``, ``Identity``, ``Dropout``
  (inference), which keep the flattened vector, and ``Transpose`` and ``Concat``, which
  move elements (a selection matrix; the identity when nothing moves).

Constants come from initializers and ``Constant`` nodes (``onnx.numpy_helper``); a
node whose inputs are all constant is evaluated with onnx's reference evaluator, and
``Shape`` of a data tensor is its (known) shape, so exporters' shape arithmetic works.
Any other node raises :class:`~exactlip.errors.UnsupportedLayerError` naming its index,
op type and node name. :func:`save_onnx` writes a :class:`Network` with float64
initializers; onnx is imported lazily inside the functions.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from .._arrays import dense
from ..errors import ModelFileError, ShapeError, UnsupportedLayerError
from . import operators as ops
from .graph import GraphBuilder, network_from_graph
from .ir import Network

SUPPORTED_ONNX_OPS = (
    "Gemm, MatMul, Conv, AveragePool, GlobalAveragePool, BatchNormalization, Add, Sub, Mul, Div, Neg, Relu, "
    "LeakyRelu, PRelu (one slope), Flatten, Reshape, Squeeze, Unsqueeze, Transpose, Concat, Identity, Dropout, "
    "Constant, Shape"
)
_AUTOLIP_OPS = ("Tanh", "Sigmoid", "MaxPool")
SAVE_OPSET = 13
SAVE_IR_VERSION = 7  # the oldest IR version that carries opset 13, for old runtimes


def network_from_onnx(path_or_model, name: str | None = None) -> Network:
    """Translate an ONNX model (a path or an ``onnx.ModelProto``) into a :class:`Network`.

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
    builder = GraphBuilder()
    _OnnxImporter(model, builder, onnx).run()
    return network_from_graph(builder.graph, default_name if name is None else name)


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


class _Data:
    """A tensor that depends on the input: its graph node and its shape (batch counted as 1)."""

    __slots__ = ("ref", "shape")

    def __init__(self, ref: int, shape):
        self.ref = ref
        self.shape = tuple(int(s) for s in shape)

    @property
    def size(self) -> int:
        return math.prod(self.shape)


class _Unavailable:
    """A secondary output (a dropout mask, batch statistics) that exactlip does not compute."""

    def __init__(self, where: str):
        self.where = where


class _OnnxImporter:
    def __init__(self, model, builder: GraphBuilder, onnx):
        self.model = model
        self.graph = model.graph
        self.builder = builder
        self.onnx = onnx
        self.opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), SAVE_OPSET)
        self.constants = {init.name: onnx.numpy_helper.to_array(init) for init in self.graph.initializer}
        self.data: dict[str, object] = {}

    # ----- the walk ----------------------------------------------------------------
    def run(self) -> None:
        self._input()
        for index, node in enumerate(self.graph.node):
            where = _describe(index, node)
            for tensor in node.output:
                if tensor and (tensor in self.data or tensor in self.constants):
                    raise UnsupportedLayerError(f"{where} writes '{tensor}', which is already defined (the graph is not in SSA form)")
            inputs = [self._read(tensor, where) for tensor in node.input]
            if node.op_type == "Constant" and node.domain in ("", "ai.onnx"):
                self.constants[node.output[0]] = self._constant_value(node, where)
                continue
            if not any(isinstance(value, _Data) for value in inputs):
                self._fold(node, inputs, where)
                continue
            if node.domain not in ("", "ai.onnx"):
                raise UnsupportedLayerError(f"{where} from the custom domain '{node.domain}' is not supported; supported: {SUPPORTED_ONNX_OPS}")
            attributes = {a.name: self.onnx.helper.get_attribute_value(a) for a in node.attribute}
            handler = getattr(self, f"_op_{node.op_type}", None)
            if handler is None:
                raise self._unsupported(node, where)
            result = handler(node, inputs, attributes, where)
            if isinstance(result, np.ndarray):
                self.constants[node.output[0]] = result
            else:
                self.data[node.output[0]] = result
            for extra in node.output[1:]:
                if extra:
                    self.data[extra] = _Unavailable(where)
        self._output()

    def _unsupported(self, node, where: str) -> UnsupportedLayerError:
        hint = (
            "AutoLip accepts the torch module this was exported from "
            "(exactlip.estimate(module, methods=['autolip'], input_shape=...))"
            if node.op_type in _AUTOLIP_OPS
            else "no exactlip estimator accepts it"
        )
        return UnsupportedLayerError(
            f"{where} is not supported by the exact engine, which needs piecewise-linear operators with one kink "
            f"(supported: {SUPPORTED_ONNX_OPS}); {hint}"
        )

    def _input(self) -> None:
        inputs = [value for value in self.graph.input if value.name not in self.constants]
        if len(inputs) != 1:
            raise UnsupportedLayerError(
                f"the graph must have exactly one input, got {len(inputs)}: {[value.name for value in inputs]}"
            )
        value = inputs[0]
        tensor_type = value.type.tensor_type
        floating = {self.onnx.TensorProto.FLOAT, self.onnx.TensorProto.DOUBLE, self.onnx.TensorProto.FLOAT16, self.onnx.TensorProto.BFLOAT16}
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
        shape = tuple(features) if len(sizes) == 1 else (1,) + tuple(features)
        self.data[value.name] = _Data(self.builder.input(math.prod(shape), f"input '{value.name}'"), shape)

    def _output(self) -> None:
        if len(self.graph.output) != 1:
            raise UnsupportedLayerError(
                f"the graph must have exactly one output, got {len(self.graph.output)}: {[v.name for v in self.graph.output]}"
            )
        name = self.graph.output[0].name
        value = self.data.get(name)
        if name in self.constants:
            raise UnsupportedLayerError(f"the output '{name}' does not depend on the input")
        if not isinstance(value, _Data):
            raise UnsupportedLayerError(f"the output '{name}' is not produced by any node from the input")
        self.builder.output(value.ref, f"output '{name}'")

    def _read(self, tensor: str, where: str):
        if not tensor:
            return None  # an omitted optional input
        if tensor in self.constants:
            return self.constants[tensor]
        value = self.data.get(tensor)
        if isinstance(value, _Unavailable):
            raise UnsupportedLayerError(f"{where} reads '{tensor}', a secondary output of {value.where}, which is not supported")
        if value is None:
            raise UnsupportedLayerError(f"{where} reads '{tensor}' before any node produces it (nodes must be in topological order)")
        return value

    def _constant_value(self, node, where: str) -> np.ndarray:
        for attribute in node.attribute:
            if attribute.name in ("value", "value_float", "value_floats", "value_int", "value_ints"):
                value = self.onnx.helper.get_attribute_value(attribute)
                if isinstance(value, self.onnx.TensorProto):
                    return self.onnx.numpy_helper.to_array(value)
                return np.asarray(value)
        raise UnsupportedLayerError(f"{where} holds no numeric value (sparse and string constants are not supported)")

    def _fold(self, node, inputs, where: str) -> None:
        """Evaluate a node whose inputs are all constant."""
        from onnx.reference import ReferenceEvaluator

        try:
            evaluator = ReferenceEvaluator(node, opsets={node.domain or "": self.opset})
            feeds = {name: value for name, value in zip(node.input, inputs) if name}
            results = evaluator.run(None, feeds)
        except Exception as exc:
            raise UnsupportedLayerError(f"{where} has only constant inputs but could not be evaluated: {exc}") from exc
        for name, value in zip(node.output, results):
            if name:
                self.constants[name] = np.asarray(value)

    # ----- helpers -----------------------------------------------------------------
    def _affine(self, source: _Data, affine: ops.Affine, where: str) -> _Data:
        return _Data(self.builder.affine(source.ref, affine.matrix, affine.bias, where), affine.out_shape)

    @staticmethod
    def _single_data(inputs, where: str, position: int = 0) -> _Data:
        data = [i for i, value in enumerate(inputs) if isinstance(value, _Data)]
        if data != [position]:
            raise UnsupportedLayerError(
                f"{where}: only input {position} may depend on the model's input (the others must be constants)"
            )
        return inputs[position]

    @staticmethod
    def _spatial(source: _Data, where: str) -> tuple[int, ...]:
        if len(source.shape) < 3 or source.shape[0] != 1:
            raise ShapeError(f"{where} needs a tensor [batch, C, spatial…], got shape {list(source.shape)}")
        return source.shape[1:]

    @staticmethod
    def _pads(attributes, in_spatial, kernel, strides, dilations, where: str):
        dims = len(in_spatial)
        auto_pad = attributes.get("auto_pad", b"NOTSET")
        auto_pad = auto_pad.decode() if isinstance(auto_pad, bytes) else str(auto_pad)
        if auto_pad in ("NOTSET", ""):
            pads = list(attributes.get("pads", [0] * (2 * dims)))
            return tuple((int(pads[a]), int(pads[a + dims])) for a in range(dims))
        if auto_pad == "VALID":
            return ((0, 0),) * dims
        if auto_pad in ("SAME_UPPER", "SAME_LOWER"):
            pairs = []
            for n, k, s, d in zip(in_spatial, kernel, strides, dilations):
                total = max((-(-n // s) - 1) * s + (k - 1) * d + 1 - n, 0)
                small, large = total // 2, total - total // 2
                pairs.append((small, large) if auto_pad == "SAME_UPPER" else (large, small))
            return tuple(pairs)
        raise UnsupportedLayerError(f"{where}: auto_pad '{auto_pad}' is not supported")

    def _movement(self, source: _Data, move, out_shape, where: str) -> _Data:
        """A node that only moves elements: ``move`` applied to the element labels."""
        labels = np.asarray(move(np.arange(source.size).reshape(source.shape))).reshape(-1)
        if ops.is_identity(labels, source.size):
            return _Data(source.ref, out_shape)
        return _Data(self.builder.affine(source.ref, ops.selection(labels, source.size), np.zeros(labels.size), where), out_shape)

    # ----- affine ops --------------------------------------------------------------
    def _op_Gemm(self, node, inputs, attributes, where) -> _Data:
        a, b = inputs[0], inputs[1]
        c = inputs[2] if len(inputs) > 2 else None
        alpha, beta = float(attributes.get("alpha", 1.0)), float(attributes.get("beta", 1.0))
        if isinstance(c, _Data) or (isinstance(a, _Data) == isinstance(b, _Data)):
            raise UnsupportedLayerError(f"{where}: exactly one of A and B may depend on the input, and C must be constant")
        data, position = (a, 0) if isinstance(a, _Data) else (b, 1)
        transposed = bool(attributes.get("transA" if position == 0 else "transB", 0))
        if len(data.shape) != 2:
            raise ShapeError(f"{where} needs a 2-D input, got shape {list(data.shape)}")
        if transposed:
            data = self._movement(data, lambda t: t.T, data.shape[::-1], where)
        constant = np.asarray(b if position == 0 else a, dtype=np.float64)
        if constant.ndim != 2:
            raise ShapeError(f"{where}: the constant factor must be 2-D, got shape {list(constant.shape)}")
        constant_transposed = bool(attributes.get("transB" if position == 0 else "transA", 0))
        constant = alpha * (constant.T if constant_transposed else constant)
        try:
            if position == 0:
                affine = ops.matmul_constant_right(data.shape, constant)
            else:
                affine = ops.matmul_constant_left(constant, data.shape)
        except ShapeError as exc:
            raise ShapeError(f"{where}: {exc}") from None
        if c is not None:
            affine = ops.Affine(affine.matrix, beta * ops.broadcast_to(c, affine.out_shape, where), affine.out_shape)
        return self._affine(data, affine, where)

    def _op_MatMul(self, node, inputs, attributes, where) -> _Data:
        a, b = inputs
        if isinstance(a, _Data) == isinstance(b, _Data):
            raise UnsupportedLayerError(f"{where} multiplies two tensors that depend on the input; not piecewise linear")
        try:
            if isinstance(a, _Data):
                return self._affine(a, ops.matmul_constant_right(a.shape, b), where)
            return self._affine(b, ops.matmul_constant_left(a, b.shape), where)
        except ShapeError as exc:
            raise ShapeError(f"{where}: {exc}") from None

    def _op_Conv(self, node, inputs, attributes, where) -> _Data:
        source = self._single_data(inputs, where)
        weight = np.asarray(inputs[1], dtype=np.float64)
        bias = inputs[2] if len(inputs) > 2 else None
        shape = self._spatial(source, where)
        dims = weight.ndim - 2
        strides = list(attributes.get("strides", [1] * dims))
        dilations = list(attributes.get("dilations", [1] * dims))
        pads = self._pads(attributes, shape[1:], weight.shape[2:], strides, dilations, where)
        affine = ops.conv(weight, bias, shape, stride=strides, padding=pads, dilation=dilations, groups=int(attributes.get("group", 1)))
        return self._affine(source, ops.Affine(affine.matrix, affine.bias, (1,) + affine.out_shape), where)

    def _op_AveragePool(self, node, inputs, attributes, where) -> _Data:
        source = self._single_data(inputs, where)
        shape = self._spatial(source, where)
        kernel = list(attributes["kernel_shape"])
        if attributes.get("ceil_mode", 0):
            raise UnsupportedLayerError(f"{where} has ceil_mode=1; only ceil_mode=0 is supported")
        if any(d != 1 for d in attributes.get("dilations", [])):
            raise UnsupportedLayerError(f"{where} has dilations {list(attributes['dilations'])}; only 1 is supported")
        strides = list(attributes.get("strides", [1] * len(kernel)))
        pads = self._pads(attributes, shape[1:], kernel, strides, [1] * len(kernel), where)
        affine = ops.avg_pool(shape, kernel, stride=strides, padding=pads, count_include_pad=bool(attributes.get("count_include_pad", 0)))
        return self._affine(source, ops.Affine(affine.matrix, affine.bias, (1,) + affine.out_shape), where)

    def _op_GlobalAveragePool(self, node, inputs, attributes, where) -> _Data:
        source = self._single_data(inputs, where)
        shape = self._spatial(source, where)
        affine = ops.adaptive_avg_pool(shape, (1,) * (len(shape) - 1))
        return self._affine(source, ops.Affine(affine.matrix, affine.bias, (1,) + affine.out_shape), where)

    def _op_BatchNormalization(self, node, inputs, attributes, where) -> _Data:
        source = self._single_data(inputs, where)
        if attributes.get("training_mode", 0):
            raise UnsupportedLayerError(f"{where} is in training mode (batch statistics); export the model in eval mode")
        if len(source.shape) < 2 or source.shape[0] != 1:
            raise ShapeError(f"{where} needs a tensor [batch, C, …], got shape {list(source.shape)}")
        scale, offset, mean, var = (np.asarray(v, dtype=np.float64) for v in inputs[1:5])
        affine = ops.batch_norm(mean, var, float(attributes.get("epsilon", 1e-5)), scale, offset, source.shape[1:])
        return self._affine(source, ops.Affine(affine.matrix, affine.bias, source.shape), where)

    def _elementwise(self, node, inputs, where, kind: str) -> _Data:
        first, second = inputs
        if isinstance(first, _Data) and isinstance(second, _Data):
            if kind in ("Mul", "Div"):
                raise UnsupportedLayerError(f"{where} multiplies or divides two tensors that depend on the input; not piecewise linear")
            if first.shape != second.shape:
                raise UnsupportedLayerError(
                    f"{where} combines tensors of shapes {list(first.shape)} and {list(second.shape)}; "
                    "both must have the same shape (no broadcasting between tensors that depend on the input)"
                )
            sign = 1.0 if kind == "Add" else -1.0
            return _Data(self.builder.add([(first.ref, 1.0), (second.ref, sign)], where), first.shape)
        data_first = isinstance(first, _Data)
        data, constant = (first, second) if data_first else (second, first)
        constant = ops.broadcast_to(constant, data.shape, where)
        ones = np.ones(data.size)
        if kind == "Add":
            affine = ops.diagonal(ones, constant, data.shape)
        elif kind == "Sub":
            affine = ops.diagonal(ones if data_first else -ones, -constant if data_first else constant, data.shape)
        elif kind == "Mul":
            affine = ops.diagonal(constant, np.zeros(data.size), data.shape)
        else:
            if not data_first:
                raise UnsupportedLayerError(f"{where} divides by a tensor that depends on the input; not piecewise linear")
            affine = ops.diagonal(1.0 / constant, np.zeros(data.size), data.shape)
        return self._affine(data, affine, where)

    def _op_Add(self, node, inputs, attributes, where) -> _Data:
        return self._elementwise(node, inputs, where, "Add")

    def _op_Sub(self, node, inputs, attributes, where) -> _Data:
        return self._elementwise(node, inputs, where, "Sub")

    def _op_Mul(self, node, inputs, attributes, where) -> _Data:
        return self._elementwise(node, inputs, where, "Mul")

    def _op_Div(self, node, inputs, attributes, where) -> _Data:
        return self._elementwise(node, inputs, where, "Div")

    def _op_Neg(self, node, inputs, attributes, where) -> _Data:
        source = self._single_data(inputs, where)
        return self._affine(source, ops.diagonal(-np.ones(source.size), np.zeros(source.size), source.shape), where)

    # ----- activations -------------------------------------------------------------
    def _activation(self, source: _Data, slope: float, where: str) -> _Data:
        return _Data(self.builder.activation(source.ref, slope, where), source.shape)

    def _op_Relu(self, node, inputs, attributes, where) -> _Data:
        return self._activation(self._single_data(inputs, where), 0.0, where)

    def _op_LeakyRelu(self, node, inputs, attributes, where) -> _Data:
        return self._activation(self._single_data(inputs, where), float(attributes.get("alpha", 0.01)), where)

    def _op_PRelu(self, node, inputs, attributes, where) -> _Data:
        source = self._single_data(inputs, where)
        slopes = np.unique(np.asarray(inputs[1], dtype=np.float64))
        if slopes.size != 1:
            raise UnsupportedLayerError(f"{where} has {slopes.size} different slopes; exactlip supports one slope per layer")
        return self._activation(source, float(slopes[0]), where)

    # ----- shape and data movement -------------------------------------------------
    def _op_Identity(self, node, inputs, attributes, where) -> _Data:
        return self._single_data(inputs, where)

    def _op_Dropout(self, node, inputs, attributes, where) -> _Data:
        source = self._single_data(inputs, where)
        if len(inputs) > 2 and inputs[2] is not None and bool(np.asarray(inputs[2]).reshape(-1)[0]):
            raise UnsupportedLayerError(f"{where} runs in training mode; export the model in eval mode")
        return source

    def _op_Flatten(self, node, inputs, attributes, where) -> _Data:
        source = self._single_data(inputs, where)
        axis = int(attributes.get("axis", 1))
        axis = axis + len(source.shape) if axis < 0 else axis
        return _Data(source.ref, (math.prod(source.shape[:axis]), math.prod(source.shape[axis:])))

    def _op_Reshape(self, node, inputs, attributes, where) -> _Data:
        source = self._single_data(inputs, where)
        target = [int(s) for s in np.asarray(inputs[1]).reshape(-1)]
        allowzero = int(attributes.get("allowzero", 0))
        shape = [source.shape[i] if s == 0 and not allowzero and i < len(source.shape) else s for i, s in enumerate(target)]
        if shape.count(-1) == 1:
            known = math.prod(s for s in shape if s != -1)
            shape[shape.index(-1)] = source.size // known if known and source.size % known == 0 else -2
        if shape.count(-1) > 1 or any(s < 0 for s in shape) or math.prod(shape) != source.size:
            raise UnsupportedLayerError(
                f"{where} reshapes a tensor of shape {list(source.shape)} ({source.size} elements) to {target}, "
                "which does not hold the same number of elements"
            )
        return _Data(source.ref, shape)

    def _axes(self, node, inputs, attributes):
        if len(inputs) > 1 and inputs[1] is not None:
            return [int(a) for a in np.asarray(inputs[1]).reshape(-1)]
        return [int(a) for a in attributes.get("axes", [])] or None

    def _op_Squeeze(self, node, inputs, attributes, where) -> _Data:
        source = self._single_data(inputs, where)
        axes = self._axes(node, inputs, attributes)
        try:
            shape = np.empty(source.shape, dtype=np.int8).squeeze(axis=None if axes is None else tuple(axes)).shape
        except ValueError as exc:
            raise ShapeError(f"{where} cannot squeeze {axes} from shape {list(source.shape)}: {exc}") from None
        return _Data(source.ref, shape)

    def _op_Unsqueeze(self, node, inputs, attributes, where) -> _Data:
        source = self._single_data(inputs, where)
        axes = self._axes(node, inputs, attributes) or []
        rank = len(source.shape) + len(axes)
        axes = sorted(a + rank if a < 0 else a for a in axes)
        shape = list(source.shape)
        for axis in axes:
            shape.insert(axis, 1)
        return _Data(source.ref, shape)

    def _op_Transpose(self, node, inputs, attributes, where) -> _Data:
        source = self._single_data(inputs, where)
        perm = list(attributes.get("perm", range(len(source.shape))[::-1]))
        return self._movement(source, lambda t: np.transpose(t, perm), tuple(source.shape[p] for p in perm), where)

    def _op_Concat(self, node, inputs, attributes, where) -> _Data:
        axis = int(attributes["axis"])
        shapes = [v.shape if isinstance(v, _Data) else np.shape(v) for v in inputs]
        labels, offset, sources = [], 0, []
        for value, shape in zip(inputs, shapes):
            if isinstance(value, _Data):
                labels.append(offset + np.arange(value.size).reshape(value.shape))
                sources.append((value, offset))
                offset += value.size
            else:
                labels.append(np.full(shape, -1, dtype=np.int64))
        labels = np.concatenate(labels, axis=axis)
        constant = np.concatenate([np.zeros(v.shape) if isinstance(v, _Data) else np.asarray(v, dtype=np.float64) for v in inputs], axis=axis)
        flat = labels.reshape(-1)
        terms = []
        for value, start in sources:
            local = np.where((flat >= start) & (flat < start + value.size), flat - start, -1)
            bias = constant.reshape(-1) if not terms else np.zeros(flat.size)
            terms.append(self.builder.affine(value.ref, ops.selection(local, value.size), bias, where))
        ref = terms[0] if len(terms) == 1 else self.builder.add([(t, 1.0) for t in terms], where)
        return _Data(ref, labels.shape)

    def _op_Shape(self, node, inputs, attributes, where) -> np.ndarray:
        source = self._single_data(inputs, where)
        start, end = int(attributes.get("start", 0)), attributes.get("end")
        return np.asarray(source.shape[start:None if end is None else int(end)], dtype=np.int64)


# ----- writing -----------------------------------------------------------------------
def save_onnx(network: Network, path) -> None:
    """Write ``network`` as an ONNX model (opset 13, float64 initializers, exact).

    Layer k computes ``z_k`` with a ``Gemm`` (``transB = 1``, bias ``b{k}``) on the edge
    from the previous layer (weight ``W{k}``) and one ``Gemm`` per skip edge from layer j
    (weight ``W{k}_{j}``, ``j = in`` for the input) summed with ``Add``; then ``Relu``, or
    ``LeakyRelu`` when the slope is a float32 number (ONNX attributes are float32) and
    ``PRelu`` with a float64 slope otherwise. A missing edge from the previous layer (a
    zero matrix) is left out (so a layer that feeds nothing else is dropped on reading). The graph maps ``"input"`` ``['batch', n]`` to
    ``"output"`` ``['batch', m]``; sparse matrices are written dense.
    """
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    last = network.num_layers - 1
    nodes, initializers = [], []
    outputs = ["input"]  # outputs[j + 1]: the tensor holding s_j
    for k in range(network.num_layers):
        pre = "output" if k == last else f"z{k}"
        edges = [(j, w) for j, w in network.incoming(k) if not (j == k - 1 and _is_zero(w))]
        if not edges:  # no input at all: 0 · s_{k-1} + b_k
            edges = [(k - 1, network.weights[k])]
        terms = []
        for i, (j, w) in enumerate(edges):
            label = f"W{k}" if j == k - 1 else f"W{k}_{'in' if j < 0 else j}"
            inputs = [outputs[j + 1], label]
            initializers.append(numpy_helper.from_array(np.ascontiguousarray(dense(w), dtype=np.float64), label))
            if i == 0:
                initializers.append(numpy_helper.from_array(np.asarray(network.biases[k], dtype=np.float64), f"b{k}"))
                inputs.append(f"b{k}")
            out = pre if len(edges) == 1 else f"{label}_out"
            name = f"gemm_{k}" if j == k - 1 else f"gemm_{k}_{'in' if j < 0 else j}"
            nodes.append(helper.make_node("Gemm", inputs, [out], name=name, transB=1))
            terms.append(out)
        for i in range(1, len(terms)):
            out = pre if i == len(terms) - 1 else f"z{k}_sum{i}"
            nodes.append(helper.make_node("Add", [terms[0] if i == 1 else f"z{k}_sum{i - 1}", terms[i]], [out], name=f"add_{k}_{i}"))
        if k < last:
            outputs.append(f"h{k}")
            nodes.append(_activation_node(network.negative_slopes[k], pre, f"h{k}", k, initializers, helper, numpy_helper))
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


def _activation_node(slope: float, source: str, out: str, k: int, initializers: list, helper, numpy_helper):
    if slope == 0.0:
        return helper.make_node("Relu", [source], [out], name=f"relu_{k}")
    if float(np.float32(slope)) == slope:
        return helper.make_node("LeakyRelu", [source], [out], name=f"leaky_relu_{k}", alpha=slope)
    initializers.append(numpy_helper.from_array(np.array([slope], dtype=np.float64), f"slope{k}"))
    return helper.make_node("PRelu", [source, f"slope{k}"], [out], name=f"prelu_{k}")


def _is_zero(matrix) -> bool:
    return matrix.count_nonzero() == 0 if sp.issparse(matrix) else not np.any(matrix)
