"""AutoLip (Scaman & Virmaux 2018): Lipschitz constants combined along the computation graph.

Norm: ℓ2 on input and output (or, for a direction ``c``, the ℓ2 norm of ``∇(c·f)``);
other pairs by the dimension factors of :mod:`exactlip.estimators.conversions`.

The module is traced with ``torch.fx`` into a ``networkx`` DAG whose nodes are the
input, the operations and the output. Writing ``L_v`` for a Lipschitz constant of node
v's value as a function of the input, AutoLip sets ``L_input = 1``, ``L_v = 0`` for
values that do not depend on the input, and in topological order

    L_v <= Σ_{u parent of v} Lip_u(g_v) · L_u,

where ``Lip_u(g_v)`` is the Lipschitz constant of the node's operation in its argument u
(the others fixed). Per operation (ℓ2):

* linear nodes — ``Linear``, ``Conv1d/2d/3d`` (any stride, padding, dilation, groups,
  at the traced input shape), ``BatchNorm`` in eval mode, ``AvgPool``,
  ``AdaptiveAvgPool`` — the spectral norm of the linear part ``x ↦ g(x) − g(0)``:
  for ``Linear`` the SVD of its weight; for ``BatchNorm`` (diagonal)
  ``max |γ/sqrt(var + ε)|``; otherwise the SVD of the unrolled matrix (built by
  applying the node to the identity basis) when it has at most ``max_svd_entries``
  entries, else power iteration through autograd, ``v ← Aᵀ A v / ||Aᵀ A v||`` with
  ``Aᵀ`` from a vector–Jacobian product, never building the matrix;
* ``ReLU``, ``Tanh``, ``Identity``, ``Dropout`` (eval), ``Flatten``, reshapes: 1;
  ``LeakyReLU(a)``: ``max(1, |a|)``; ``Sigmoid``: 1/4;
* ``MaxPool`` (kernel k, stride s, dilation d per spatial axis): each input lies in at
  most ``min(k, ceil(((k−1)d+1)/s))`` windows per axis and ``|max a − max b| <= max|a−b|``,
  so the constant is the square root of the product of those counts;
* ``x + y``, ``x − y``, ``torch.cat``: 1 in each argument, times ``sqrt(broadcast
  factor)`` when an argument is broadcast; multiplication or division by a constant
  number: its absolute value (its inverse).

For a direction ``c`` whose output node is a linear node, that node is fused with ``c``
(its constant becomes ``||Aᵀ c||_2``, one vector–Jacobian product), as the naive product
does with ``cᵀ W_{L-1}``; otherwise the bound is multiplied by ``||c||_2``.

Certified: power iteration converges to the spectral norm *from below* (``||A v|| <=
σ_max`` for a unit v), so a value that uses it is not a proven bound and gets
``certified=False`` (``details["power_iteration_nodes"]`` names the nodes). With every
linear node by exact SVD, closed form or the fused vector, every factor is exact up to
floating-point rounding and the sum-product rule is a proven bound: ``certified=True``.
A posteriori guarantee for the power-iteration case: each such convolution also gets
the circulant bound of :func:`circulant_conv_bound` (its norm is at most that of the
circular convolution on the padded size, computed exactly by FFT), and
``details["certified_upper_bound"]`` is the AutoLip value with those bounds in place of
the power-iteration estimates; average pools get ``sqrt(||A||_1 ||A||_∞)``
(:func:`avgpool_bound`); None if some node has no such bound (e.g. a large adaptive
pool). On a dense MLP the value is the product of the layers' spectral norms.
"""

from __future__ import annotations

import math
import operator

import numpy as np

from ..errors import OptionError, UnsupportedLayerError
from ..network.to_torch import to_torch_module
from .base import Outcome, Problem, check_positive_int
from .target import Target

OPERATOR_NORMS = ("auto", "svd", "power")
DEFAULT_MAX_SVD_ENTRIES = 4_000_000
DEFAULT_POWER_ITERATIONS = 2000
DEFAULT_POWER_TOL = 1e-12

_ONE_METHODS = {"view", "reshape", "flatten", "contiguous", "permute", "transpose", "squeeze", "unsqueeze", "relu", "tanh"}
_ONE_FUNCTION_NAMES = {"relu", "tanh", "flatten", "reshape", "squeeze", "unsqueeze", "permute", "transpose", "identity"}


def infer_input_shape(module) -> tuple[int, ...] | None:
    """``(in_features,)`` when the first leaf module is a ``Linear``, else None."""
    import torch

    for child in module.modules():
        if isinstance(child, torch.nn.Linear):
            return (int(child.in_features),)
        if isinstance(child, (torch.nn.Conv1d, torch.nn.Conv2d, torch.nn.Conv3d)):
            return None
    return None


# ----- operator norms of linear nodes ---------------------------------------------
def _linear_map(fn, in_shape, dtype):
    """``x ↦ fn(x) − fn(0)`` (the linear part of an affine node)."""
    import torch

    with torch.no_grad():
        offset = fn(torch.zeros((1,) + tuple(in_shape), dtype=dtype))
    return lambda x: fn(x) - offset


def unrolled_matrix(fn, in_shape, dtype=None) -> np.ndarray:
    """The matrix ``[out_numel, in_numel]`` of the linear map ``x ↦ fn(x) − fn(0)`` on
    inputs of shape ``in_shape`` (no batch dimension), by applying it to the identity basis."""
    import torch

    dtype = torch.float64 if dtype is None else dtype
    linear = _linear_map(fn, in_shape, dtype)
    numel = int(np.prod(in_shape))
    columns = []
    with torch.no_grad():
        for start in range(0, numel, 512):
            stop = min(numel, start + 512)
            basis = torch.zeros((stop - start, numel), dtype=dtype)
            basis[torch.arange(stop - start), torch.arange(start, stop)] = 1.0
            columns.append(linear(basis.reshape((stop - start,) + tuple(in_shape))).reshape(stop - start, -1))
    return torch.cat(columns).T.numpy().astype(np.float64)


def power_iteration(fn, in_shape, iterations: int = DEFAULT_POWER_ITERATIONS, tol: float = DEFAULT_POWER_TOL, seed: int = 0):
    """``(estimate, iterations used)`` of the spectral norm of ``x ↦ fn(x) − fn(0)`` by
    power iteration on ``AᵀA`` with ``Aᵀ`` from autograd. ``estimate = ||A v||`` for a
    unit ``v``: never above the true norm."""
    import torch

    linear = _linear_map(fn, in_shape, torch.float64)
    gen = torch.Generator().manual_seed(seed)
    v = torch.randn((1,) + tuple(in_shape), dtype=torch.float64, generator=gen)
    v = v / v.norm()
    estimate = 0.0
    for it in range(1, iterations + 1):
        x = v.clone().requires_grad_(True)
        y = linear(x)
        new = float(y.detach().norm())
        (grad,) = torch.autograd.grad(y, x, grad_outputs=y)
        norm = float(grad.norm())
        if norm == 0.0:
            return 0.0, it
        v = (grad / norm).detach()
        if abs(new - estimate) <= tol * max(new, 1e-300):
            return max(new, estimate), it
        estimate = max(new, estimate)
    return estimate, iterations


# ----- the graph -------------------------------------------------------------------
def _tensor_shape(node):
    meta = node.meta.get("tensor_meta")
    return tuple(meta.shape) if meta is not None and hasattr(meta, "shape") else None


def _maxpool_constant(module) -> float:
    def triple(v, dims):
        return tuple(v) if isinstance(v, (tuple, list)) else (v,) * dims

    import torch

    dims = {torch.nn.MaxPool1d: 1, torch.nn.MaxPool2d: 2, torch.nn.MaxPool3d: 3}[type(module)]
    k = triple(module.kernel_size, dims)
    s = triple(module.stride if module.stride is not None else module.kernel_size, dims)
    d = triple(module.dilation, dims)
    count = 1
    for ki, si, di in zip(k, s, d):
        count *= min(ki, math.ceil(((ki - 1) * di + 1) / si))
    return math.sqrt(count)


class _GraphBuilder:
    """Classifies every fx node and builds the networkx DAG with per-edge constants."""

    def __init__(self, gm, options):
        import torch

        self.torch = torch
        self.gm = gm
        self.options = options
        self.linear_types = (
            torch.nn.Linear,
            torch.nn.Conv1d,
            torch.nn.Conv2d,
            torch.nn.Conv3d,
            torch.nn.BatchNorm1d,
            torch.nn.BatchNorm2d,
            torch.nn.BatchNorm3d,
            torch.nn.AvgPool1d,
            torch.nn.AvgPool2d,
            torch.nn.AvgPool3d,
            torch.nn.AdaptiveAvgPool1d,
            torch.nn.AdaptiveAvgPool2d,
            torch.nn.AdaptiveAvgPool3d,
        )
        self.one_types = (torch.nn.ReLU, torch.nn.Tanh, torch.nn.Identity, torch.nn.Dropout, torch.nn.Flatten)

    def where(self, node) -> str:
        if node.op == "call_module":
            return f"node {node.name!r} ({type(self.gm.get_submodule(node.target)).__name__})"
        return f"node {node.name!r} ({node.op} {getattr(node.target, '__name__', node.target)})"

    def tensor_parents(self, node) -> list:
        return [p for p in node.all_input_nodes if _tensor_shape(p) is not None]

    def scalar_constant(self, value, node) -> float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise UnsupportedLayerError(
            f"{self.where(node)} multiplies or divides by {type(value).__name__}; only constant numbers are supported"
        )

    def broadcast(self, parent, node) -> float:
        return math.sqrt(max(1, int(np.prod(_tensor_shape(node)))) / max(1, int(np.prod(_tensor_shape(parent)))))

    def rule(self, node):
        """``(kind, payload)``: ("linear", (fn, in_shape, description)) or ("edges", {parent: constant})."""
        torch = self.torch
        parents = self.tensor_parents(node)
        if node.op == "call_module":
            module = self.gm.get_submodule(node.target)
            if isinstance(module, self.linear_types):
                if isinstance(module, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d, torch.nn.BatchNorm3d)) and module.training:
                    raise UnsupportedLayerError(f"{self.where(node)} is in training mode; call model.eval() first")
                return "linear", (module, _tensor_shape(parents[0])[1:])
            if isinstance(module, self.one_types):
                return "edges", {parents[0]: 1.0}
            if isinstance(module, torch.nn.LeakyReLU):
                return "edges", {parents[0]: max(1.0, abs(float(module.negative_slope)))}
            if isinstance(module, torch.nn.Sigmoid):
                return "edges", {parents[0]: 0.25}
            if isinstance(module, (torch.nn.MaxPool1d, torch.nn.MaxPool2d, torch.nn.MaxPool3d)):
                return "edges", {parents[0]: _maxpool_constant(module)}
            raise UnsupportedLayerError(
                f"{self.where(node)} is not supported by AutoLip; supported: Linear, Conv1d/2d/3d, BatchNorm (eval), "
                "AvgPool, AdaptiveAvgPool, MaxPool, ReLU, LeakyReLU, Tanh, Sigmoid, Flatten, Identity, Dropout, "
                "residual additions"
            )
        if node.op == "call_method":
            if node.target in _ONE_METHODS:
                return "edges", {parents[0]: 1.0} if parents else {}
            if node.target in ("add", "sub"):
                return "edges", {p: self.broadcast(p, node) for p in parents}
            if node.target in ("size", "dim"):
                return "edges", {}
            if node.target in ("sigmoid",):
                return "edges", {parents[0]: 0.25}
            raise UnsupportedLayerError(f"{self.where(node)}: tensor method {node.target!r} is not supported by AutoLip")
        if node.op == "call_function":
            fn = node.target
            name = getattr(fn, "__name__", "")
            if fn in (operator.add, operator.sub, torch.add, torch.sub):
                return "edges", {p: self.broadcast(p, node) for p in parents}
            if fn in (operator.neg, operator.getitem) or name in _ONE_FUNCTION_NAMES:
                return "edges", {parents[0]: 1.0} if parents else {}
            if fn in (torch.cat, torch.concat):
                return "edges", {p: 1.0 for p in parents}
            if name == "sigmoid":
                return "edges", {parents[0]: 0.25}
            if name == "leaky_relu":
                slope = node.kwargs.get("negative_slope", node.args[1] if len(node.args) > 1 else 0.01)
                return "edges", {parents[0]: max(1.0, abs(float(slope)))}
            if fn in (operator.mul, torch.mul, operator.truediv, torch.div):
                if len(parents) != 1:
                    raise UnsupportedLayerError(f"{self.where(node)} multiplies two tensors; AutoLip needs a constant factor")
                other = [a for a in node.args if a is not parents[0]]
                factor = abs(self.scalar_constant(other[0] if other else 1.0, node))
                if fn in (operator.truediv, torch.div):
                    if node.args[0] is not parents[0]:
                        raise UnsupportedLayerError(f"{self.where(node)} divides by a tensor")
                    factor = 1.0 / factor
                return "edges", {parents[0]: factor}
            raise UnsupportedLayerError(f"{self.where(node)} is not supported by AutoLip")
        raise UnsupportedLayerError(f"{self.where(node)} is not supported by AutoLip")


def _batchnorm_constant(module) -> float:
    """``max |γ / sqrt(running_var + ε)|``: the exact norm of an eval-mode BatchNorm (diagonal)."""
    scale = 1.0 / np.sqrt(module.running_var.detach().double().numpy() + module.eps)
    if module.weight is not None:
        scale = scale * np.abs(module.weight.detach().double().numpy())
    return float(np.max(np.abs(scale), initial=0.0))


def circulant_conv_bound(module, in_shape) -> float:
    """A proven upper bound on the spectral norm of a ``Conv1d/2d/3d`` with zero or
    circular padding.

    Zero-extending the input by the padding is an isometry, the padded convolution's
    outputs are entries of the *circular* convolution on that padded size N (no
    wrap-around reaches them) and striding keeps a subset of them, so the operator norm
    is at most that of the circular convolution, which is block-diagonalised by the
    DFT: ``max_ω σ_max(K̂(ω))`` over the N-point frequencies, ``K̂(ω)`` the
    ``c_out × c_in`` matrix of the (dilated, group-block-diagonal) kernel's transform.
    With circular padding the convolution is circular on the input size itself (exact
    at stride 1).
    """
    weight = module.weight.detach().double().numpy()
    dims = weight.ndim - 2
    c_out, c_in_group = weight.shape[:2]
    groups = module.groups
    dil = module.dilation if isinstance(module.dilation, tuple) else (module.dilation,) * dims
    k = weight.shape[2:]
    eff = tuple(d * (kk - 1) + 1 for d, kk in zip(dil, k))
    if isinstance(module.padding, str):
        pad_total = tuple(0 if module.padding == "valid" else e - 1 for e in eff)
    else:
        pad = module.padding if isinstance(module.padding, tuple) else (module.padding,) * dims
        pad_total = tuple(2 * p for p in pad)
    spatial = tuple(int(n) for n in in_shape[1:])
    if module.padding_mode == "circular":  # the operator is itself circular on the input size
        size = spatial
    else:
        size = tuple(max(n + p, e) for n, p, e in zip(spatial, pad_total, eff))
    kernel = np.zeros((c_out, c_in_group * groups) + eff)
    per_group = c_out // groups
    index = tuple(slice(None, None, d) for d in dil)
    for g in range(groups):
        block = weight[g * per_group : (g + 1) * per_group]
        kernel[(slice(g * per_group, (g + 1) * per_group), slice(g * c_in_group, (g + 1) * c_in_group)) + index] = block
    for axis, n in enumerate(size):  # fold a kernel longer than the period (circular wrap-around)
        length = kernel.shape[2 + axis]
        if length > n:
            padded = np.concatenate([kernel, np.zeros(kernel.shape[: 2 + axis] + (-length % n,) + kernel.shape[3 + axis :])], axis=2 + axis)
            shape = padded.shape[: 2 + axis] + (padded.shape[2 + axis] // n, n) + padded.shape[3 + axis :]
            kernel = padded.reshape(shape).sum(axis=2 + axis)
    spectrum = np.fft.fftn(kernel, s=size, axes=tuple(range(2, 2 + dims)))
    mats = np.moveaxis(spectrum.reshape(c_out, kernel.shape[1], -1), -1, 0)
    return float(np.linalg.svd(mats, compute_uv=False).max(initial=0.0))


def avgpool_bound(module, dims: int) -> float | None:
    """``sqrt(||A||_1 ||A||_∞)``, a proven bound on an average pool's spectral norm
    (``||A||_2² <= ||A||_1 ||A||_∞``): every output averages its window, so each row of
    ``A`` sums to at most 1, and an input lies in at most ``ceil(k/s)`` windows per axis,
    each weighting it by ``1/k``. None for ceil mode, a divisor override, or padding
    without ``count_include_pad`` (rows could then weigh more)."""

    def per_axis(v):
        return tuple(v) if isinstance(v, (tuple, list)) else (v,) * dims

    padding = per_axis(module.padding)
    if module.ceil_mode or getattr(module, "divisor_override", None) or (any(padding) and not module.count_include_pad):
        return None
    k = per_axis(module.kernel_size)
    stride = per_axis(module.stride if module.stride is not None else module.kernel_size)
    column = float(np.prod([math.ceil(kk / ss) / kk for kk, ss in zip(k, stride)]))
    return math.sqrt(column)


def _certified_bound(module, in_shape):
    """A proven upper bound for a power-iteration node, or None."""
    import torch

    if isinstance(module, (torch.nn.Conv1d, torch.nn.Conv2d, torch.nn.Conv3d)) and module.padding_mode in ("zeros", "circular"):
        return circulant_conv_bound(module, in_shape)  # reflect/replicate padding is not an isometric extension
    pools = {torch.nn.AvgPool1d: 1, torch.nn.AvgPool2d: 2, torch.nn.AvgPool3d: 3}
    if type(module) in pools:
        return avgpool_bound(module, pools[type(module)])
    return None


def _linear_constant(module, in_shape, c, options, seed):
    """``(constant, method, iterations, certified bound)`` of one linear node (fused with
    ``c`` if given); the certified bound equals the constant unless it came from power
    iteration."""
    import torch

    from .opnorm import spectral_norm

    if c is not None:
        ct = torch.from_numpy(np.asarray(c, dtype=np.float64))
        linear = _linear_map(module, in_shape, torch.float64)
        x = torch.zeros((1,) + tuple(in_shape), dtype=torch.float64, requires_grad=True)
        (grad,) = torch.autograd.grad(linear(x).reshape(-1) @ ct, x)
        value = float(grad.norm())
        return value, "vjp", 0, value
    if isinstance(module, torch.nn.Linear):
        value = spectral_norm(module.weight.detach().double().numpy())
        return value, "svd", 0, value
    if isinstance(module, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d, torch.nn.BatchNorm3d)):
        value = _batchnorm_constant(module)
        return value, "closed form", 0, value
    out_numel = int(np.prod(module(torch.zeros((1,) + tuple(in_shape), dtype=torch.float64)).shape))
    entries = int(np.prod(in_shape)) * out_numel
    mode = options["operator_norm"]
    if mode == "svd" or (mode == "auto" and entries <= options["max_svd_entries"]):
        value = spectral_norm(unrolled_matrix(module, in_shape))
        return value, "svd", 0, value
    value, its = power_iteration(module, in_shape, options["power_iterations"], options["power_tol"], seed)
    return value, "power", its, _certified_bound(module, in_shape)


def autolip_bound(module, input_shape, c=None, *, operator_norm: str = "auto", max_svd_entries: int = DEFAULT_MAX_SVD_ENTRIES,
                  power_iterations: int = DEFAULT_POWER_ITERATIONS, power_tol: float = DEFAULT_POWER_TOL, seed: int = 0):
    """``(value, certified, details)`` of AutoLip for a torch module on inputs of shape
    ``input_shape`` (no batch dimension); ``c`` a direction on the flattened output."""
    import copy

    import networkx as nx
    import torch
    import torch.fx
    from torch.fx.passes.shape_prop import ShapeProp

    if operator_norm not in OPERATOR_NORMS:
        raise OptionError(f"operator_norm={operator_norm!r} is not known; allowed: {', '.join(map(repr, OPERATOR_NORMS))}")
    options = {"operator_norm": operator_norm, "max_svd_entries": max_svd_entries,
               "power_iterations": power_iterations, "power_tol": power_tol}
    model = copy.deepcopy(module).double().eval()
    try:
        gm = torch.fx.symbolic_trace(model)
    except Exception as exc:  # fx raises many types for untraceable code
        raise UnsupportedLayerError(f"AutoLip could not trace the module with torch.fx: {exc}") from None
    example = torch.zeros((1,) + tuple(int(d) for d in input_shape), dtype=torch.float64)
    try:
        ShapeProp(gm).propagate(example)
    except Exception as exc:
        raise UnsupportedLayerError(f"the module does not run on inputs of shape {tuple(input_shape)}: {exc}") from None

    builder = _GraphBuilder(gm, options)
    graph = nx.DiGraph()
    nodes = list(gm.graph.nodes)
    outputs = [n for n in nodes if n.op == "output"]
    out_arg = outputs[0].args[0]
    if not hasattr(out_arg, "op"):
        raise UnsupportedLayerError("AutoLip needs a module that returns one tensor")
    for node in nodes:
        graph.add_node(node.name, op=node.op)
        for parent in node.all_input_nodes:
            graph.add_edge(parent.name, node.name)
    depends = {n.name: False for n in nodes}
    for name in nx.topological_sort(graph):
        depends[name] = graph.nodes[name]["op"] == "placeholder" or any(depends[p] for p in graph.predecessors(name))

    by_name = {n.name: n for n in nodes}
    constant: dict[str, float] = {}
    table = []
    cache: dict = {}
    certified_edge: dict = {}
    fused = False
    for name in nx.topological_sort(graph):
        node = by_name[name]
        if node.op == "placeholder":
            constant[name] = 1.0
            continue
        if node.op == "output":
            constant[name] = constant[out_arg.name]
            continue
        if not depends[name] or _tensor_shape(node) is None:
            constant[name] = 0.0
            continue
        kind, payload = builder.rule(node)
        if kind == "linear":
            module_, in_shape = payload
            fuse = c is not None and node is out_arg
            key = (node.target, tuple(in_shape), fuse)
            if key not in cache:  # a module called twice at one shape has one constant
                cache[key] = _linear_constant(module_, in_shape, c if fuse else None, options, seed)
            value, how, its, bound = cache[key]
            fused = fused or fuse
            parent = builder.tensor_parents(node)[0]
            graph.edges[parent.name, name]["lip"] = value
            constant[name] = value * constant[parent.name]
            certified_edge[(parent.name, name)] = bound
            table.append({"node": name, "type": type(module_).__name__, "lipschitz": value, "how": how,
                          "iterations": its, "certified_bound": bound})
        else:
            total = 0.0
            for parent, lip in payload.items():
                graph.edges[parent.name, name]["lip"] = lip
                total += lip * constant[parent.name]
            constant[name] = total
            if node.op == "call_module":
                table.append({"node": name, "type": type(gm.get_submodule(node.target)).__name__,
                              "lipschitz": max(payload.values(), default=0.0), "how": "closed form", "iterations": 0})
    value = constant[outputs[0].name]
    if c is not None and not fused:
        value *= float(np.linalg.norm(c))
    uncertified = [row["node"] for row in table if row["how"] == "power"]
    details = {"nodes": table, "graph_nodes": graph.number_of_nodes(), "graph_edges": graph.number_of_edges(),
               "fused_direction": fused, "power_iteration_nodes": uncertified, "certified_upper_bound": value}
    if uncertified:
        details["certified_upper_bound"] = _recombine(graph, certified_edge, outputs[0].name, out_arg.name)
        if details["certified_upper_bound"] is not None and c is not None and not fused:
            details["certified_upper_bound"] *= float(np.linalg.norm(c))
    return float(value), not uncertified, details


def _recombine(graph, replaced: dict, output: str, out_arg: str) -> float | None:
    """The AutoLip sum-product with the edge constants in ``replaced`` substituted
    (None when one of them has no certified bound)."""
    import networkx as nx

    if any(v is None for v in replaced.values()):
        return None
    total: dict[str, float] = {}
    for name in nx.topological_sort(graph):
        preds = list(graph.predecessors(name))
        if graph.nodes[name]["op"] == "placeholder":
            total[name] = 1.0
        elif name == output:
            total[name] = total[out_arg]
        else:
            total[name] = sum(
                replaced.get((p, name), graph.edges[p, name].get("lip", 0.0)) * total[p] for p in preds
            )
    return total[output]


def run(problem: Problem, target: Target, options: dict) -> Outcome:
    allowed = {"operator_norm", "max_svd_entries", "power_iterations", "power_tol"}
    unknown = set(options) - allowed
    if unknown:
        raise OptionError(f"unknown option(s) for autolip: {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(allowed))}")
    module = problem.module
    input_shape = problem.input_shape
    if module is None:
        network = problem.require_network("autolip")
        module = to_torch_module(network)
        input_shape = (network.input_dim,)
    if input_shape is None:
        input_shape = infer_input_shape(module)
    if input_shape is None:
        raise OptionError("method 'autolip' needs input_shape (one input without the batch dimension, e.g. (1, 28, 28))")
    kwargs = {
        "operator_norm": options.get("operator_norm", "auto"),
        "max_svd_entries": check_positive_int(options.get("max_svd_entries", DEFAULT_MAX_SVD_ENTRIES), "max_svd_entries", 0),
        "power_iterations": check_positive_int(options.get("power_iterations", DEFAULT_POWER_ITERATIONS), "power_iterations"),
        "power_tol": float(options.get("power_tol", DEFAULT_POWER_TOL)),
        "seed": problem.seed,
    }
    value, certified, details = autolip_bound(module, input_shape, target.c if target.scalar else None, **kwargs)
    details["input_shape"] = list(input_shape)
    return Outcome(value, certified, details)
