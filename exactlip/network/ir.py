"""The network intermediate representation: a piecewise-linear network as a DAG of layers.

A :class:`Network` has hidden layers ``0 … L-2`` and the output layer ``L-1``. Write
``s_{-1} = x`` for the input and ``s_k = σ_k(z_k)`` for the output of hidden layer k.
Every layer's pre-activation is an affine function of the outputs of earlier layers,

    z_k = Σ_{j ∈ in(k)} W_{k,j} s_j + b_k,        f(x) = z_{L-1},

so the network is a directed acyclic graph whose nodes are the input and the layers
and whose edges ``j → k`` carry the matrices ``W_{k,j}`` (``[width_k, width_j]``, the
torch ``Linear`` convention; dense ndarrays, or scipy CSR arrays for large sparse
maps such as convolutions). An addition node of the source model becomes the sum
over ``in(k)``; affine nodes between two activations are composed into the edge. The
edge from the previous layer, ``W_{k,k-1}``, is ``weights[k]`` (``W_{0,-1}`` for the
first layer); the other edges are the *skip* edges. A plain chain (no skip edges) is
the common, fast case: ``z_k = W_k s_{k-1} + b_k``.

The activation of hidden layer k is ``σ_k(z) = z`` for ``z > 0`` and ``α_k z``
otherwise, with negative slope ``α_k ≤ 1`` (ReLU: ``α_k = 0``; LeakyReLU: ``α_k > 0``).
Equivalently ``σ_α(z) = α z + (1 − α) relu(z)``.

For an activation pattern ``a_k = [z_k > 0]`` the network is affine with derivative
factors ``d_k = α_k + (1 − α_k) a_k``. The backward pass gives the Jacobian: with
``R_{L-1} = I`` (the output), for k = L−2 … −1

    R_k = Σ_{i : k ∈ in(i)} (R_i ⊙ d_i) W_{i,k}        (d_{L-1} = 1),

and ``J = R_{-1}``. An addition fans the backward quantity out to all its branches.
At a point where no pre-activation is zero this is the derivative of ``f``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from .._arrays import as_float_array, as_float_matrix, dense
from ..errors import ShapeError, UnsupportedLayerError


@dataclass(frozen=True, eq=False)
class Network:
    """An immutable piecewise-linear network (float64, finite, shape-checked)."""

    weights: tuple
    biases: tuple[np.ndarray, ...]
    name: str
    skips: Mapping[tuple[int, int], object]
    negative_slopes: tuple[float, ...]

    def __init__(
        self,
        weights: Sequence,
        biases: Sequence,
        name: str = "network",
        *,
        skips: Mapping[tuple[int, int], object] | None = None,
        negative_slopes: Sequence[float] | None = None,
    ):
        if len(weights) == 0:
            raise ShapeError("a network needs at least one affine layer")
        if len(weights) != len(biases):
            raise ShapeError(f"got {len(weights)} weight matrices but {len(biases)} bias vectors")
        ws, bs = [], []
        for k, (w, b) in enumerate(zip(weights, biases)):
            w = as_float_matrix(w, f"weight of layer {k}")
            b = as_float_array(b, f"bias of layer {k}", ndim=1)
            if b.shape[0] != w.shape[0]:
                raise ShapeError(f"layer {k}: weight has {w.shape[0]} outputs but bias has {b.shape[0]} entries")
            if k > 0 and w.shape[1] != ws[-1].shape[0]:
                raise ShapeError(
                    f"layer {k}: weight takes {w.shape[1]} inputs but layer {k - 1} has {ws[-1].shape[0]} outputs"
                )
            ws.append(w)
            bs.append(b)
        widths = [ws[0].shape[1]] + [w.shape[0] for w in ws]  # widths[j + 1] = width of s_j
        checked_skips = {}
        for (k, j), w in sorted((skips or {}).items()):
            if not (0 < k < len(ws) and -1 <= j < k - 1):
                raise ShapeError(
                    f"skip edge ({k}, {j}) is not allowed: a skip edge (k, j) feeds the output of layer j "
                    f"(-1 = the input) into layer k, with -1 <= j < k - 1 and k <= {len(ws) - 1}"
                )
            w = as_float_matrix(w, f"skip weight from layer {j} into layer {k}")
            if w.shape != (widths[k + 1], widths[j + 1]):
                raise ShapeError(
                    f"skip weight from layer {j} into layer {k} has shape {w.shape}, expected {(widths[k + 1], widths[j + 1])}"
                )
            checked_skips[(k, j)] = w
        slopes = tuple(0.0 for _ in ws[:-1]) if negative_slopes is None else tuple(float(a) for a in negative_slopes)
        if len(slopes) != len(ws) - 1:
            raise ShapeError(f"got {len(slopes)} negative slopes for {len(ws) - 1} hidden layers")
        for k, alpha in enumerate(slopes):
            if not (np.isfinite(alpha) and alpha <= 1.0):
                raise UnsupportedLayerError(
                    f"hidden layer {k}: LeakyReLU negative slope {alpha} is not supported; allowed: a finite slope <= 1"
                )
        object.__setattr__(self, "weights", tuple(ws))
        object.__setattr__(self, "biases", tuple(bs))
        object.__setattr__(self, "name", str(name))
        object.__setattr__(self, "skips", checked_skips)
        object.__setattr__(self, "negative_slopes", slopes)

    # ----- structure ---------------------------------------------------------------
    @property
    def num_layers(self) -> int:
        """Hidden layers plus the output layer."""
        return len(self.weights)

    @property
    def input_dim(self) -> int:
        return int(self.weights[0].shape[1])

    @property
    def output_dim(self) -> int:
        return int(self.weights[-1].shape[0])

    @property
    def hidden_widths(self) -> list[int]:
        return [int(w.shape[0]) for w in self.weights[:-1]]

    @property
    def widths(self) -> list[int]:
        """All layer widths, input first: ``[n, width_0, …, m]``."""
        return [self.input_dim] + [int(w.shape[0]) for w in self.weights]

    @property
    def num_hidden_neurons(self) -> int:
        return int(sum(self.hidden_widths))

    @property
    def is_chain(self) -> bool:
        """No skip edges: ``z_k = W_k s_{k-1} + b_k``."""
        return not self.skips

    @property
    def is_relu(self) -> bool:
        """Every activation is a ReLU (negative slope 0)."""
        return all(alpha == 0.0 for alpha in self.negative_slopes)

    def incoming(self, k: int) -> list[tuple[int, object]]:
        """The edges into layer k as ``(source j, W_{k,j})``, the previous layer first."""
        return [(k - 1, self.weights[k])] + [(j, w) for (t, j), w in self.skips.items() if t == k]

    def outgoing(self, j: int) -> list[tuple[int, object]]:
        """The edges out of layer j (``-1``: the input) as ``(target k, W_{k,j})``."""
        return [(j + 1, self.weights[j + 1])] + [(k, w) for (k, s), w in self.skips.items() if s == j]

    def graph(self):
        """The DAG as a ``networkx.DiGraph``: nodes ``"input"``, ``0 … L-1`` (attribute
        ``kind`` "activation" with ``negative_slope``, or "output"), edges ``j → k``
        with attribute ``weight`` = ``W_{k,j}``."""
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_node("input", kind="input", width=self.input_dim)
        for k in range(self.num_layers):
            if k < self.num_layers - 1:
                graph.add_node(k, kind="activation", width=self.hidden_widths[k], negative_slope=self.negative_slopes[k])
            else:
                graph.add_node(k, kind="output", width=self.output_dim)
            for j, w in self.incoming(k):
                graph.add_edge("input" if j < 0 else j, k, weight=w)
        return graph

    def describe(self) -> str:
        """What the network is, in a few words (for messages)."""
        parts = []
        if not self.is_chain:
            parts.append(f"{len(self.skips)} skip edge(s)")
        if not self.is_relu:
            parts.append("LeakyReLU activations")
        if any(sp.issparse(w) for w in self.weights) or any(sp.issparse(w) for w in self.skips.values()):
            parts.append("sparse (convolutional) layers")
        return ", ".join(parts) if parts else "a chain of affine and ReLU layers"

    def require_relu_chain(self, who: str) -> list[np.ndarray]:
        """The dense weights of a plain ReLU chain, or an error naming ``who`` needs one."""
        if not (self.is_chain and self.is_relu):
            raise UnsupportedLayerError(
                f"{who} needs a chain of affine and ReLU layers, but this network has {self.describe()}; "
                "the exact engine (exactlip.lipschitz), AutoLip on the torch module and the sampling lower bounds accept it"
            )
        return [dense(w) for w in self.weights]

    # ----- evaluation --------------------------------------------------------------
    def _as_input(self, x) -> tuple[np.ndarray, bool]:
        x = np.asarray(x, dtype=np.float64)
        single = x.ndim == 1
        x2 = x[None, :] if single else x
        if x2.ndim != 2 or x2.shape[1] != self.input_dim:
            raise ShapeError(f"input must have shape [{self.input_dim}] or [batch, {self.input_dim}], got {x.shape}")
        return x2, single

    def _pre(self, k: int, outputs: list[np.ndarray]) -> np.ndarray:
        """``z_k`` for a batch, from the outputs ``s_{-1} … s_{k-1}`` (``outputs[j + 1] = s_j``)."""
        z = np.broadcast_to(self.biases[k], (outputs[0].shape[0], self.biases[k].size)).copy()
        for j, w in self.incoming(k):
            z += (w @ outputs[j + 1].T).T
        return z

    def _run(self, x2: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
        """Hidden pre-activations and the output for a batch."""
        outputs, zs = [x2], []
        for k in range(self.num_layers - 1):
            z = self._pre(k, outputs)
            zs.append(z)
            outputs.append(np.where(z > 0, z, self.negative_slopes[k] * z))
        return zs, self._pre(self.num_layers - 1, outputs)

    def preactivations(self, x) -> list[np.ndarray]:
        """The hidden pre-activations ``z_0 … z_{L-2}`` at ``x`` (each ``[width]`` or ``[batch, width]``)."""
        x2, single = self._as_input(x)
        zs, _ = self._run(x2)
        return [z[0] for z in zs] if single else zs

    def forward(self, x) -> np.ndarray:
        """``f(x)``; ``x`` is one point ``[n]`` or a batch ``[batch, n]``."""
        x2, single = self._as_input(x)
        _, out = self._run(x2)
        return out[0] if single else out

    def pattern(self, x) -> list[np.ndarray]:
        """The activation pattern ``[z_k > 0]`` at ``x`` (boolean arrays)."""
        return [z > 0 for z in self.preactivations(x)]

    def derivative_factors(self, pattern: Sequence[np.ndarray]) -> list[np.ndarray]:
        """``d_k = α_k + (1 − α_k) a_k`` per hidden layer, with shapes checked."""
        if len(pattern) != self.num_layers - 1:
            raise ShapeError(f"pattern has {len(pattern)} layers but the network has {self.num_layers - 1} hidden layers")
        factors = []
        for k, a in enumerate(pattern):
            a = np.asarray(a, dtype=np.float64)
            if a.shape[-1:] != (self.weights[k].shape[0],):
                raise ShapeError(f"pattern of hidden layer {k} has shape {a.shape}, expected ({self.weights[k].shape[0]},)")
            alpha = self.negative_slopes[k]
            factors.append(alpha + (1.0 - alpha) * a)
        return factors

    def _backward(self, factors: list[np.ndarray], batch: int, left: np.ndarray | None = None) -> np.ndarray:
        """``R_{-1}`` of the backward pass for a batch of derivative factors ``[batch, width_k]``,
        started from the rows ``left`` ``[r, m]`` (default the identity)."""
        left = np.eye(self.output_dim) if left is None else left
        rows = left.shape[0]
        r = [np.zeros((batch, rows, w)) for w in self.widths[:-1]]  # r[j + 1] = R_j
        q = np.broadcast_to(left, (batch,) + left.shape)
        for k in range(self.num_layers - 1, -1, -1):
            if k < self.num_layers - 1:
                q = r[k + 1] * factors[k][:, None, :]
            flat = q.reshape(batch * rows, -1)
            for j, w in self.incoming(k):
                r[j + 1] += np.asarray(flat @ w).reshape(batch, rows, -1)
        return r[0]

    def jacobian_of_pattern(self, pattern: Sequence[np.ndarray]) -> np.ndarray:
        """The Jacobian of the affine piece of one pattern, shape ``[m, n]``."""
        factors = self.derivative_factors(pattern)
        return self._backward([d[None, :] for d in factors], 1)[0]

    def jacobian(self, x, left=None) -> np.ndarray:
        """The Jacobian at ``x`` through the pattern at ``x`` (σ'(0) taken as α).

        ``[m, n]`` for one point, ``[batch, m, n]`` for a batch. With ``left`` (``[r, m]``),
        the product ``left @ J`` instead (``[r, n]``, resp. ``[batch, r, n]``), by a
        backward pass of ``r`` rows rather than ``m``.
        """
        x2, single = self._as_input(x)
        if left is not None:
            left = np.asarray(left, dtype=np.float64)
            if left.ndim != 2 or left.shape[1] != self.output_dim:
                raise ShapeError(f"left must have shape [rows, {self.output_dim}], got {left.shape}")
        zs, _ = self._run(x2)
        jac = self._backward(self.derivative_factors([z > 0 for z in zs]), x2.shape[0], left)
        return jac[0] if single else jac

    def preactivation_maps(self, pattern: Sequence[np.ndarray]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Every hidden pre-activation as ``z_k = M_k x + e_k`` on the region of ``pattern``
        (forward mode: ``s_j = d_j ⊙ z_j`` there, so the maps compose along the edges)."""
        factors = self.derivative_factors(pattern)
        n = self.input_dim
        maps: list[tuple[np.ndarray, np.ndarray]] = []
        outputs = [(np.eye(n), np.zeros(n))]
        for k in range(self.num_layers - 1):
            m_k = np.zeros((self.weights[k].shape[0], n))
            e_k = self.biases[k].copy()
            for j, w in self.incoming(k):
                m_j, e_j = outputs[j + 1]
                m_k += np.asarray(w @ m_j)
                e_k += w @ e_j
            maps.append((m_k, e_k))
            outputs.append((factors[k][:, None] * m_k, factors[k] * e_k))
        return maps

    def to_dict(self) -> dict:
        out = {"name": self.name, "widths": self.widths}
        if not self.is_chain:
            out["skip_edges"] = [[k, j] for (k, j) in self.skips]
        if not self.is_relu:
            out["negative_slopes"] = list(self.negative_slopes)
        return out
