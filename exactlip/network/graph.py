"""Compile a model's computation graph into a :class:`~exactlip.network.ir.Network`.

Importers describe a model as a ``networkx.DiGraph`` (built with :class:`GraphBuilder`)
whose nodes, added in topological order, act on flattened tensors:

* ``input`` — the model's input ``x`` (attribute ``size``);
* ``affine`` — ``y = A u + b`` of its single predecessor ``u`` (``matrix`` ``A``, dense or
  scipy sparse, and ``bias`` ``b``);
* ``activation`` — ``σ_α(u)`` elementwise (``negative_slope`` ``α``: 0 for ReLU);
* ``add`` — ``Σ_i c_i u_i`` over its predecessors (edge attribute ``scale`` ``c_i``);
* ``output`` — the model's output, the value of its single predecessor.

Every node also carries ``size`` (its tensor's element count) and ``where`` (its name in
the source model, for messages). :func:`network_from_graph` walks the nodes in
topological order and keeps, for every tensor, an affine expression over the *sources*
— the input (``-1``) and the activation layers ``0, 1, …`` — ::

    u = Σ_j M_j s_j + c.

An affine node maps it to ``Σ_j (A M_j) s_j + (A c + b)``, an addition sums the
expressions, and an activation node opens layer ``k`` with pre-activation
``z_k = u`` (the term of layer ``k − 1`` becomes ``weights[k]``, a zero sparse matrix
when there is none; the others become skip edges; ``c`` the bias) and output
expression ``s_k`` itself. The output node's expression becomes the output layer. So
consecutive affine maps (a convolution, a batch norm, a normalisation) merge into one
edge, and an activation applied to the input or to another activation gets an
identity edge. Nodes that do not lead to the output are dropped.

Matrix storage: a composed matrix is kept as a scipy CSR array when it is sparse and
has more than :data:`DENSE_MAX_ENTRIES` (2**20) entries and at most half of them are
nonzero; otherwise it is stored dense. Small layers are therefore dense, and
convolutions on real image sizes never are.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp

from ..errors import ShapeError, UnsupportedLayerError
from .ir import Network

DENSE_MAX_ENTRIES = 2**20
KINDS = ("input", "affine", "activation", "add", "output")


class GraphBuilder:
    """Adds the nodes of a model graph in topological order; node ids are 0, 1, 2, …"""

    def __init__(self):
        self.graph = nx.DiGraph()

    def _node(self, kind: str, size: int, where: str, sources=(), **attributes) -> int:
        node = self.graph.number_of_nodes()
        self.graph.add_node(node, kind=kind, size=int(size), where=where, **attributes)
        for source, scale in sources:
            if source not in self.graph:
                raise ShapeError(f"{where}: its input node {source} has not been added yet")
            if self.graph.has_edge(source, node):
                self.graph.edges[source, node]["scale"] += scale
            else:
                self.graph.add_edge(source, node, scale=float(scale))
        return node

    def size(self, node: int) -> int:
        return self.graph.nodes[node]["size"]

    def input(self, size: int, where: str = "the input") -> int:
        return self._node("input", size, where)

    def affine(self, source: int, matrix, bias, where: str) -> int:
        """``y = matrix @ u + bias`` of node ``source``."""
        return self._node("affine", matrix.shape[0], where, [(source, 1.0)], matrix=matrix, bias=np.asarray(bias, dtype=np.float64))

    def activation(self, source: int, negative_slope: float, where: str) -> int:
        return self._node("activation", self.size(source), where, [(source, 1.0)], negative_slope=float(negative_slope))

    def add(self, terms, where: str) -> int:
        """``Σ scale · u`` over ``terms`` = ``[(node, scale), …]`` (a node may repeat)."""
        terms = list(terms)
        return self._node("add", self.size(terms[0][0]), where, terms)

    def output(self, source: int, where: str = "the output") -> int:
        return self._node("output", self.size(source), where, [(source, 1.0)])


@dataclass(frozen=True)
class _Identity:
    """The identity matrix of ``size``, kept symbolic so that ``A I = A`` costs nothing."""

    size: int

    @property
    def shape(self) -> tuple[int, int]:
        return (self.size, self.size)

    def materialise(self):
        return _settle(sp.eye_array(self.size, format="csr"))


def _settle(matrix):
    """Store ``matrix`` dense or as CSR (see the module docstring)."""
    if isinstance(matrix, _Identity):
        return matrix.materialise()
    if sp.issparse(matrix):
        entries = matrix.shape[0] * matrix.shape[1]
        if entries <= DENSE_MAX_ENTRIES or matrix.nnz * 2 > entries:
            return matrix.toarray()
        matrix = sp.csr_array(matrix)
        matrix.eliminate_zeros()
        return matrix
    return np.asarray(matrix, dtype=np.float64)


def _compose(a, m):
    """``A M``."""
    if isinstance(m, _Identity):
        return a
    if isinstance(a, _Identity):
        return m
    return _settle(a @ m)


def _scaled(m, scale: float):
    if scale == 1.0:
        return m
    if isinstance(m, _Identity):
        m = sp.eye_array(m.size, format="csr")
    return _settle(m * scale)


def _sum(a, b):
    if isinstance(a, _Identity):
        a = sp.eye_array(a.size, format="csr")
    if isinstance(b, _Identity):
        b = sp.eye_array(b.size, format="csr")
    if sp.issparse(a) and sp.issparse(b):
        return _settle(a + b)
    return _settle(np.asarray(a.toarray() if sp.issparse(a) else a) + (b.toarray() if sp.issparse(b) else b))


def _is_zero(matrix) -> bool:
    if isinstance(matrix, _Identity):
        return False
    return matrix.count_nonzero() == 0 if sp.issparse(matrix) else not np.any(matrix)


@dataclass
class _Expression:
    """``Σ_j terms[j] s_j + const`` (``j = -1``: the input)."""

    terms: dict
    const: np.ndarray


def network_from_graph(graph: nx.DiGraph, name: str) -> Network:
    """Compile a model graph (see the module docstring) into a :class:`Network`, exactly."""
    inputs = [n for n, kind in graph.nodes(data="kind") if kind == "input"]
    outputs = [n for n, kind in graph.nodes(data="kind") if kind == "output"]
    if len(inputs) != 1 or len(outputs) != 1:
        raise UnsupportedLayerError(f"a model graph needs exactly one input and one output, got {len(inputs)} and {len(outputs)}")
    if not nx.is_directed_acyclic_graph(graph):
        raise UnsupportedLayerError("the model graph has a cycle")
    (source,), (target,) = inputs, outputs
    needed = nx.ancestors(graph, target) | {target}
    if source not in needed:
        raise UnsupportedLayerError(f"the output ({graph.nodes[target]['where']}) does not depend on the input")
    position = {node: index for index, node in enumerate(graph.nodes)}
    order = [n for n in nx.lexicographical_topological_sort(graph, key=position.get) if n in needed]
    remaining = {n: sum(1 for s in graph.successors(n) if s in needed) for n in order}
    expressions: dict = {}
    layers: list[tuple[_Expression, float, str]] = []
    final = None
    for node in order:
        attrs = graph.nodes[node]
        kind, where = attrs.get("kind"), attrs.get("where", f"node {node}")
        if kind not in KINDS:
            raise UnsupportedLayerError(f"{where}: unknown node kind {kind!r}; allowed: {', '.join(KINDS)}")
        preds = list(graph.predecessors(node))
        if kind == "input":
            if preds:
                raise ShapeError(f"{where}: the input node has predecessors")
            expression = _Expression({-1: _Identity(attrs["size"])}, np.zeros(attrs["size"]))
        elif kind == "add":
            expression = None
            for pred in preds:
                scale = graph.edges[pred, node].get("scale", 1.0)
                term = _check_size(graph, pred, node, expressions[pred])
                scaled = _Expression({j: _scaled(m, scale) for j, m in term.terms.items()}, scale * term.const)
                expression = scaled if expression is None else _add(expression, scaled)
            if expression is None:
                raise ShapeError(f"{where} adds nothing")
        else:
            if len(preds) != 1:
                raise ShapeError(f"{where} ({kind}) must have exactly one input, got {len(preds)}")
            expression = expressions[preds[0]]
            if kind == "affine":
                expression = _affine(expression, attrs["matrix"], attrs["bias"], where)
            else:
                expression = _check_size(graph, preds[0], node, expression)
            if kind == "activation":
                slope = attrs.get("negative_slope", 0.0)
                if not (np.isfinite(slope) and slope <= 1.0):
                    raise UnsupportedLayerError(
                        f"{where}: LeakyReLU negative slope {slope} is not supported; allowed: a finite slope <= 1"
                    )
                layers.append((expression, float(slope), where))
                expression = _Expression({len(layers) - 1: _Identity(attrs["size"])}, np.zeros(attrs["size"]))
            elif kind == "output":
                final = expression
        expressions[node] = expression
        for pred in set(preds):  # free what no later node reads
            remaining[pred] -= 1
            if remaining[pred] == 0:
                del expressions[pred]
    return _assemble(graph.nodes[source]["size"], layers, final, name)


def _check_size(graph, pred, node, expression: _Expression) -> _Expression:
    if expression.const.size != graph.nodes[node]["size"]:
        raise ShapeError(
            f"{graph.nodes[node]['where']} expects {graph.nodes[node]['size']} elements but its input "
            f"({graph.nodes[pred]['where']}) has {expression.const.size}"
        )
    return expression


def _affine(expression: _Expression, matrix, bias, where: str) -> _Expression:
    if matrix.ndim != 2 or matrix.shape[1] != expression.const.size:
        raise ShapeError(f"{where} takes {matrix.shape[1]} inputs but receives {expression.const.size}")
    bias = np.asarray(bias, dtype=np.float64).reshape(-1)
    if bias.size != matrix.shape[0]:
        raise ShapeError(f"{where}: bias has {bias.size} entries for {matrix.shape[0]} outputs")
    terms = {j: _compose(matrix, m) for j, m in expression.terms.items()}
    return _Expression(terms, np.asarray(matrix @ expression.const).reshape(-1) + bias)


def _add(a: _Expression, b: _Expression) -> _Expression:
    terms = dict(a.terms)
    for j, m in b.terms.items():
        terms[j] = _sum(terms[j], m) if j in terms else m
    return _Expression(terms, a.const + b.const)


def _assemble(input_size: int, layers, final: _Expression, name: str) -> Network:
    widths = [input_size] + [expression.const.size for expression, _, _ in layers]
    weights, biases, skips = [], [], {}
    for k, expression in enumerate([e for e, _, _ in layers] + [final]):
        terms = dict(expression.terms)
        previous = terms.pop(k - 1, None)
        size = expression.const.size
        weights.append(sp.csr_array((size, widths[k])) if previous is None else _settle(previous))
        biases.append(expression.const)
        for j, matrix in sorted(terms.items()):
            if not _is_zero(matrix):
                skips[(k, j)] = _settle(matrix)
    return Network(weights, biases, name=name, skips=skips, negative_slopes=[slope for _, slope, _ in layers])
