"""Import a torch module into a :class:`~exactlip.network.ir.Network` through ``torch.fx``.

The module is traced with ``torch.fx.symbolic_trace`` (so ``nn.Sequential``, nested
containers and custom modules with residual additions ``x + self.block(x)`` all work)
and run once, node by node, on an example input of shape ``(1, *input_shape)`` — the
per-example function is what exactlip analyses. Every node whose inputs are all
constant (parameters, buffers, numbers, ``x.size(0)``) is evaluated; every node that
depends on the input is translated into the model graph of
:mod:`exactlip.network.graph`, with the matrices of :mod:`exactlip.network.operators`:

* affine: ``Linear``/``F.linear``, ``Conv1d/2d``/``F.conv1d/2d`` (zero padding),
  ``AvgPool1d/2d``, ``AdaptiveAvgPool1d/2d``, ``BatchNorm1d/2d`` (evaluation mode),
  ``+ − × ÷`` by constants (numbers or broadcast tensors), negation;
* activations: ``ReLU``, ``LeakyReLU`` (module, ``F.relu``, ``torch.relu``,
  ``F.leaky_relu``, ``Tensor.relu``);
* additions and subtractions of two tensors that depend on the input;
* data movement, translated from where each element goes: ``Flatten``, ``Unflatten``,
  ``view``, ``reshape``, ``flatten``, ``squeeze``, ``unsqueeze``, ``permute``,
  ``transpose``, indexing, ``torch.cat``; ``Identity`` and ``Dropout`` (evaluation
  semantics) change nothing.

Anything else raises :class:`~exactlip.errors.UnsupportedLayerError` naming the layer
(its qualified name and type) and saying whether AutoLip accepts it. torch is
imported lazily, so this module imports without torch.
"""

from __future__ import annotations

import math
import operator

import numpy as np

from ..errors import OptionError, ShapeError, UnsupportedLayerError
from . import operators as ops
from .graph import GraphBuilder, network_from_graph
from .ir import Network

SUPPORTED_TORCH_LAYERS = (
    "Linear, Conv1d, Conv2d (zero padding), AvgPool1d/2d, AdaptiveAvgPool1d/2d, BatchNorm1d/2d (eval), "
    "ReLU, LeakyReLU, Flatten, Unflatten, Identity, Dropout; functions relu, leaky_relu, linear, conv1d/2d, "
    "flatten, view/reshape/squeeze/unsqueeze/permute/transpose, indexing, cat, and + - * / by constants, "
    "+ and - of tensors"
)
AUTOLIP_HINT = "AutoLip (exactlip.estimate(module, methods=['autolip'], input_shape=...)) accepts it"
NO_ESTIMATOR_HINT = "no exactlip estimator accepts it"
_MOVE_METHODS = {"view", "reshape", "flatten", "unflatten", "squeeze", "unsqueeze", "permute", "transpose", "t", "contiguous", "expand", "__getitem__"}
_ARITHMETIC = {"add": 1.0, "sub": -1.0}


def infer_input_shape(module) -> tuple[int, ...] | None:
    """``(in_features,)`` when the first layer with weights is a ``Linear``, else None."""
    import torch.nn as nn

    for child in module.modules():
        if isinstance(child, nn.Linear):
            return (int(child.in_features),)
        if isinstance(child, (nn.modules.conv._ConvNd, nn.modules.batchnorm._BatchNorm)) or "Pool" in type(child).__name__:
            return None
    return None


def network_from_torch(module, name: str | None = None, *, input_shape=None) -> Network:
    """Translate a torch module into a :class:`Network`.

    ``input_shape``: one input's shape without the batch dimension, e.g. ``(1, 28, 28)``;
    it may be omitted when the module's first layer is a ``Linear``. Parameters are
    copied as float64. ``name`` defaults to the module's class name.
    """
    import torch
    import torch.fx

    if not isinstance(module, torch.nn.Module):
        raise TypeError(f"expected a torch.nn.Module, got {type(module).__name__}")
    shape = infer_input_shape(module) if input_shape is None else tuple(int(s) for s in input_shape)
    if shape is None:
        raise OptionError(
            f"give input_shape (one input without the batch dimension, e.g. (1, 28, 28)) for a "
            f"{type(module).__name__} that does not start with a Linear layer"
        )
    root = module
    if type(module).__module__.startswith("torch.nn.") and not isinstance(module, torch.nn.Sequential):
        root = torch.nn.Sequential(module)  # a bare layer: trace it as layer '0'
    try:
        traced = torch.fx.symbolic_trace(root)
    except Exception as exc:  # fx raises several types for data-dependent control flow
        raise UnsupportedLayerError(
            f"cannot trace {type(module).__name__} with torch.fx ({type(exc).__name__}: {exc}); "
            "exactlip needs a module without data-dependent control flow"
        ) from exc
    builder = GraphBuilder()
    _FxImporter(traced, builder, torch).run(shape, _example_dtype(module, torch))
    return network_from_graph(builder.graph, type(module).__name__ if name is None else name)


def _example_dtype(module, torch):
    for tensor in list(module.parameters()) + list(module.buffers()):
        if tensor.is_floating_point():
            return tensor.dtype
    return torch.get_default_dtype()


class _Value:
    """A traced value: its example ``value`` and, if it depends on the input, its graph node."""

    __slots__ = ("value", "ref")

    def __init__(self, value, ref=None):
        self.value = value
        self.ref = ref


class _FxImporter:
    def __init__(self, traced, builder: GraphBuilder, torch):
        self.gm = traced
        self.builder = builder
        self.torch = torch
        self.nn = torch.nn
        self.F = torch.nn.functional
        self.env: dict = {}

    # ----- the walk ----------------------------------------------------------------
    def run(self, input_shape: tuple[int, ...], dtype) -> None:
        torch = self.torch
        placeholders = [node for node in self.gm.graph.nodes if node.op == "placeholder"]
        if len(placeholders) != 1:
            raise UnsupportedLayerError(
                f"the module's forward takes {len(placeholders)} inputs ({', '.join(n.name for n in placeholders)}); exactlip needs exactly one"
            )
        with torch.no_grad():
            for node in self.gm.graph.nodes:
                if node.op == "placeholder":
                    example = torch.zeros((1,) + input_shape, dtype=dtype)
                    self.env[node] = _Value(example, self.builder.input(example.numel()))
                elif node.op == "get_attr":
                    self.env[node] = _Value(self._attribute(node.target))
                elif node.op == "output":
                    self._output(node)
                else:
                    self._call(node)

    def _attribute(self, target: str):
        value = self.gm
        for part in target.split("."):
            value = getattr(value, part)
        return value

    def _output(self, node) -> None:
        result = node.args[0]
        if not isinstance(result, self.torch.fx.Node) or self.env[result].ref is None:
            raise UnsupportedLayerError("the module must return one tensor that depends on its input")
        self.builder.output(self.env[result].ref, "the output")

    def where(self, node) -> str:
        if node.op == "call_module":
            return f"layer '{node.target}' ({type(self.gm.get_submodule(node.target)).__name__})"
        if node.op == "call_method":
            return f"operation '{node.name}' (Tensor.{node.target})"
        return f"operation '{node.name}' ({getattr(node.target, '__name__', node.target)})"

    def _call(self, node) -> None:
        fx = self.torch.fx
        args = fx.node.map_arg(node.args, lambda n: self.env[n].value)
        kwargs = fx.node.map_arg(node.kwargs, lambda n: self.env[n].value)
        if node.op == "call_module":
            module = self.gm.get_submodule(node.target)
            if isinstance(module, self.nn.modules.batchnorm._BatchNorm) and module.training:
                raise UnsupportedLayerError(f"{self.where(node)} is in training mode (batch statistics); call model.eval() first")
        try:
            value = self._execute(node, args, kwargs)
        except Exception as exc:
            raise ShapeError(
                f"{self.where(node)} fails on the example input ({type(exc).__name__}: {exc}); check input_shape"
            ) from exc
        data = [n for n in node.all_input_nodes if self.env[n].ref is not None]
        if not data:
            self.env[node] = _Value(value)  # a constant: parameters, buffers, numbers
            return
        if node.op == "call_method" and node.target in ("size", "dim"):
            self.env[node] = _Value(value)  # the shape of the data, not its values
            return
        if not isinstance(value, self.torch.Tensor):
            raise UnsupportedLayerError(
                f"{self.where(node)} returns a {type(value).__name__}, not a tensor; not supported "
                f"(supported: {SUPPORTED_TORCH_LAYERS})"
            )
        self.env[node] = _Value(value, self._translate(node, data, args, kwargs, value))

    def _execute(self, node, args, kwargs):
        if node.op == "call_module":
            return self.gm.get_submodule(node.target)(*args, **kwargs)
        if node.op == "call_method":
            return getattr(args[0], node.target)(*args[1:], **kwargs)
        return node.target(*args, **kwargs)

    # ----- translation -------------------------------------------------------------
    def _translate(self, node, data, args, kwargs, value) -> int:
        where = self.where(node)
        if node.op == "call_module":
            return self._module(node, self.gm.get_submodule(node.target), data, value, where)
        target = node.target
        name = target if node.op == "call_method" else getattr(target, "__name__", str(target))
        name = name.rstrip("_") if name.endswith("_") and not name.startswith("__") else name  # relu_ → relu
        torch, F = self.torch, self.F
        if name == "relu" or target in (F.relu, torch.relu):
            return self._activation(node, data, 0.0, where)
        if target is F.leaky_relu or name == "leaky_relu":
            slope = _bound_argument(node.args, node.kwargs, 1, "negative_slope", 0.01)
            return self._activation(node, data, float(slope), where)
        if target is F.linear:
            self._only_first_data(node, data, where)
            weight, bias = _argument(args, kwargs, 1, "weight"), _bound_argument(args, kwargs, 2, "bias", None)
            return self._affine(data[0], ops.linear(_numpy(weight), _numpy(bias), self._shape(data[0])), where)
        if target in (F.conv1d, F.conv2d):
            self._only_first_data(node, data, where)
            values = [_bound_argument(args, kwargs, i, key, default) for i, (key, default) in enumerate(
                [("input", None), ("weight", None), ("bias", None), ("stride", 1), ("padding", 0), ("dilation", 1), ("groups", 1)]
            )]
            weight = _numpy(values[1])
            return self._conv(data[0], weight, _numpy(values[2]), values[3], values[4], values[5], values[6], where)
        if target is F.dropout or name == "dropout":
            if _bound_argument(node.args, node.kwargs, 2, "training", True):
                raise UnsupportedLayerError(f"{where} is dropout in training mode; call it with training=False (model.eval())")
            return self.env[data[0]].ref
        if name in ("add", "sub", "iadd", "isub") or target in (torch.add, torch.sub):
            return self._add_or_sub(node, data, args, kwargs, value, name.lstrip("i"), where)
        if name in ("mul", "imul", "truediv", "itruediv", "div") or target in (torch.mul, torch.div):
            return self._scale(node, data, args, kwargs, value, name.lstrip("i"), where)
        if name == "neg" or target is torch.neg:
            return self._affine(data[0], ops.diagonal(-np.ones(value.numel()), np.zeros(value.numel()), value.shape), where)
        if name == "pos":
            return self.env[data[0]].ref
        if (node.op == "call_method" and name in _MOVE_METHODS) or target in (
            torch.flatten, torch.reshape, torch.squeeze, torch.unsqueeze, torch.permute, torch.transpose, torch.t,
            operator.getitem, torch.cat, torch.concat,
        ):
            return self._movement(node, data, value, where)
        raise self._unsupported(where, name in ("tanh", "sigmoid") or target in (torch.tanh, torch.sigmoid))

    def _module(self, node, module, data, value, where) -> int:
        nn = self.nn
        if len(data) != 1 or node.args[0] is not data[0]:
            raise UnsupportedLayerError(f"{where} must take the tensor that depends on the input as its only input")
        source = data[0]
        if isinstance(module, (nn.Identity, nn.modules.dropout._DropoutNd)):
            return self.env[source].ref  # dropout: evaluation semantics
        if isinstance(module, nn.ReLU):
            return self._activation(node, data, 0.0, where)
        if isinstance(module, nn.LeakyReLU):
            return self._activation(node, data, float(module.negative_slope), where)
        if isinstance(module, nn.Linear):
            return self._affine(source, ops.linear(_numpy(module.weight), _numpy(module.bias), self._shape(source)), where)
        if isinstance(module, (nn.Conv1d, nn.Conv2d)):
            if module.padding_mode != "zeros":
                raise UnsupportedLayerError(
                    f"{where} pads with padding_mode='{module.padding_mode}'; only 'zeros' is supported"
                )
            return self._conv(source, _numpy(module.weight), _numpy(module.bias), module.stride, module.padding,
                              module.dilation, module.groups, where)
        if isinstance(module, (nn.AvgPool1d, nn.AvgPool2d)):
            return self._avg_pool(source, module, where)
        if isinstance(module, (nn.AdaptiveAvgPool1d, nn.AdaptiveAvgPool2d)):
            shape = self._spatial_input(source, 2 if isinstance(module, nn.AdaptiveAvgPool2d) else 1, where)
            size = module.output_size if isinstance(module.output_size, tuple) else (module.output_size,) * (len(shape) - 1)
            size = tuple(shape[a + 1] if s is None else s for a, s in enumerate(size))
            return self._affine(source, ops.adaptive_avg_pool(shape, size), where)
        if isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d)):
            if module.running_mean is None:
                raise UnsupportedLayerError(f"{where} has no running statistics (track_running_stats=False)")
            shape = self._shape(source)[1:]
            affine = ops.batch_norm(_numpy(module.running_mean), _numpy(module.running_var), module.eps,
                                    _numpy(module.weight), _numpy(module.bias), shape)
            return self._affine(source, affine, where)
        if isinstance(module, (nn.Flatten, nn.Unflatten)):
            return self._movement(node, data, value, where)
        autolip = isinstance(module, (nn.Tanh, nn.Sigmoid, nn.MaxPool1d, nn.MaxPool2d, nn.MaxPool3d))
        raise self._unsupported(where, autolip)

    def _unsupported(self, where: str, autolip: bool) -> UnsupportedLayerError:
        return UnsupportedLayerError(
            f"{where} is not supported by the exact engine, which needs piecewise-linear layers with one kink "
            f"(supported: {SUPPORTED_TORCH_LAYERS}); {AUTOLIP_HINT if autolip else NO_ESTIMATOR_HINT}"
        )

    # ----- helpers -----------------------------------------------------------------
    def _shape(self, source) -> tuple[int, ...]:
        return tuple(int(s) for s in self.env[source].value.shape)

    def _spatial_input(self, source, dims: int, where: str) -> tuple[int, ...]:
        """The ``(C, *spatial)`` shape of a batched (batch 1) or unbatched input."""
        shape = self._shape(source)
        if len(shape) not in (dims + 1, dims + 2) or math.prod(shape[: len(shape) - dims - 1]) != 1:
            raise ShapeError(f"{where} receives a tensor of shape {list(shape)}; expected (1, C, {dims} spatial sizes)")
        return shape[-(dims + 1):]

    def _only_first_data(self, node, data, where: str) -> None:
        if len(data) != 1 or node.args[0] is not data[0]:
            raise UnsupportedLayerError(f"{where}: only its first argument may depend on the input (weights must be constant)")

    def _affine(self, source, affine: ops.Affine, where: str) -> int:
        return self.builder.affine(self.env[source].ref, affine.matrix, affine.bias, where)

    def _activation(self, node, data, slope: float, where: str) -> int:
        self._only_first_data(node, data, where)
        return self.builder.activation(self.env[data[0]].ref, slope, where)

    def _conv(self, source, weight, bias, stride, padding, dilation, groups, where) -> int:
        dims = weight.ndim - 2
        shape = self._spatial_input(source, dims, where)
        dilation = ops._per_axis(dilation, dims, "dilation")
        if isinstance(padding, str):
            if padding == "valid":
                padding = 0
            elif padding == "same":  # torch puts the odd extra zero at the end
                totals = [dilation[a] * (weight.shape[2 + a] - 1) for a in range(dims)]
                padding = [(t // 2, t - t // 2) for t in totals]
            else:
                raise UnsupportedLayerError(f"{where}: padding '{padding}' is not supported; allowed: an int, a tuple, 'valid', 'same'")
        affine = ops.conv(weight, bias, shape, stride=stride, padding=padding, dilation=dilation, groups=int(groups))
        return self._affine(source, affine, where)

    def _avg_pool(self, source, module, where) -> int:
        dims = 2 if isinstance(module, self.nn.AvgPool2d) else 1
        shape = self._spatial_input(source, dims, where)
        affine = ops.avg_pool(shape, module.kernel_size, stride=module.stride or None, padding=module.padding,
                              count_include_pad=bool(module.count_include_pad), ceil_mode=bool(module.ceil_mode),
                              divisor=getattr(module, "divisor_override", None))
        return self._affine(source, affine, where)

    def _constant_tensor(self, constant, shape, where: str) -> np.ndarray:
        if isinstance(constant, self.torch.Tensor):
            constant = _numpy(constant)
        elif not isinstance(constant, (int, float)) or isinstance(constant, bool):
            raise UnsupportedLayerError(f"{where}: a constant operand of type {type(constant).__name__} is not supported")
        return ops.broadcast_to(constant, shape, where)

    def _operands(self, node, args, kwargs, where):
        first = _argument(node.args, node.kwargs, 0, "input")
        second = _bound_argument(node.args, node.kwargs, 1, "other", None)
        return first, second, _argument(args, kwargs, 0, "input"), _bound_argument(args, kwargs, 1, "other", None)

    def _add_or_sub(self, node, data, args, kwargs, value, name, where) -> int:
        first, second, first_value, second_value = self._operands(node, args, kwargs, where)
        sign = _ARITHMETIC[name] * float(_bound_argument(args, kwargs, 2, "alpha", 1))
        shape = tuple(value.shape)
        is_data = [isinstance(op, self.torch.fx.Node) and self.env[op].ref is not None for op in (first, second)]
        if all(is_data):
            if self._shape(first) != shape or self._shape(second) != shape:
                raise UnsupportedLayerError(
                    f"{where} combines tensors of shapes {list(self._shape(first))} and {list(self._shape(second))}; "
                    "both must have the result's shape (no broadcasting between tensors that depend on the input)"
                )
            return self.builder.add([(self.env[first].ref, 1.0), (self.env[second].ref, sign)], where)
        data_node, constant = (first, second_value) if is_data[0] else (second, first_value)
        if self._shape(data_node) != shape:
            raise UnsupportedLayerError(f"{where} broadcasts the tensor that depends on the input to shape {list(shape)}")
        offset = self._constant_tensor(constant, shape, where)
        if is_data[0]:  # x ± α c
            affine = ops.diagonal(np.ones(value.numel()), sign * offset, shape)
        else:  # c ± α x
            affine = ops.diagonal(np.full(value.numel(), sign), offset, shape)
        return self._affine(data_node, affine, where)

    def _scale(self, node, data, args, kwargs, value, name, where) -> int:
        first, second, first_value, second_value = self._operands(node, args, kwargs, where)
        if len(data) != 1:
            raise UnsupportedLayerError(f"{where} multiplies or divides two tensors that depend on the input; not piecewise linear")
        divide = name in ("truediv", "div")
        if divide and _bound_argument(args, kwargs, 2, "rounding_mode", None) is not None:
            raise UnsupportedLayerError(f"{where} divides with rounding; not supported")
        shape = tuple(value.shape)
        data_first = isinstance(first, self.torch.fx.Node) and self.env[first].ref is not None
        if divide and not data_first:
            raise UnsupportedLayerError(f"{where} divides by a tensor that depends on the input; not piecewise linear")
        data_node, constant = (first, second_value) if data_first else (second, first_value)
        if self._shape(data_node) != shape:
            raise UnsupportedLayerError(f"{where} broadcasts the tensor that depends on the input to shape {list(shape)}")
        factor = self._constant_tensor(constant, shape, where)
        return self._affine(data_node, ops.diagonal(1.0 / factor if divide else factor, np.zeros(factor.size), shape), where)

    def _movement(self, node, data, value, where) -> int:
        """A node that only moves elements: find where each output element comes from by
        running it on element labels (``offset + arange``; constants labelled -1)."""
        torch, fx = self.torch, self.torch.fx
        if node.target not in (torch.cat, torch.concat) and (len(data) != 1 or node.args[0] is not data[0]):
            raise UnsupportedLayerError(f"{where}: only its first argument may depend on the input")
        offsets, total = {}, 0
        for source in data:
            offsets[source] = total
            total += self.env[source].value.numel()

        def label(n):
            v = self.env[n].value
            if n in offsets:
                return offsets[n] + torch.arange(v.numel()).reshape(v.shape)
            return torch.full(v.shape, -1, dtype=torch.int64) if isinstance(v, torch.Tensor) else v

        def zeros(n):
            v = self.env[n].value
            return torch.zeros_like(v) if n in offsets else v

        call_args = fx.node.map_arg(node.args, label), fx.node.map_arg(node.kwargs, label)
        labels = self._execute(node, *call_args).reshape(-1).numpy()
        constant_part = np.zeros(labels.size)
        if np.any(labels < 0):
            constant_part = _numpy(self._execute(node, fx.node.map_arg(node.args, zeros), fx.node.map_arg(node.kwargs, zeros))).reshape(-1)
        terms = []
        for source in data:
            size = self.env[source].value.numel()
            local = np.where((labels >= offsets[source]) & (labels < offsets[source] + size), labels - offsets[source], -1)
            if len(data) == 1 and not constant_part.any() and ops.is_identity(local, size):
                return self.env[source].ref  # a pure reshape
            terms.append(self.builder.affine(self.env[source].ref, ops.selection(local, size), constant_part if not terms else np.zeros(labels.size), where))
        return terms[0] if len(terms) == 1 else self.builder.add([(t, 1.0) for t in terms], where)


def _argument(args, kwargs, index: int, key: str):
    return args[index] if len(args) > index else kwargs[key]


def _bound_argument(args, kwargs, index: int, key: str, default):
    if len(args) > index:
        return args[index]
    return kwargs.get(key, default)


def _numpy(tensor):
    """A torch tensor (or None) as a float64 numpy array (float32 values are kept exactly)."""
    if tensor is None:
        return None
    return tensor.detach().cpu().double().numpy()
