"""Backward encoding: the generalized Jacobian ``g = J^T c`` for the chosen pattern.

``c = offset + basis @ s`` over the binaries ``s`` of the direction set (see
:class:`~exactlip.norms.NormSpec`; "rows" adds ``sum(s) = 1``). Then, with
``q_{L-1} = c``, for k = L−2 … 0

    r_k = Σ_{i : k ∈ in(i)} W_{i,k}^T q_i,    q_k = α_k r_k + (1 − α_k) a_k ⊙ r_k,

and ``g = r_{-1}`` (on a chain the sum has one term; an addition in the model fans
``q`` out to every branch). For an unstable neuron, with ``r ∈ [l, u]`` and the
forward binary ``a`` shared, a column ``p = a r`` is exact:

    p <= r − l (1 − a),   p >= r − u (1 − a),   p <= u a,   p >= l a,

(``a = 1`` gives ``p = r``; ``a = 0`` gives ``p = 0``). Active neurons pass ``r``
through, inactive ones scale it by ``α`` (block it, for ReLU); neither adds a column
or a row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..bounds import NetworkBounds
from ..network.ir import Network
from ..norms import NormSpec
from .affine import Affine
from .forward import ForwardEncoding, layer_output
from .model import ModelBuilder


@dataclass(frozen=True)
class BackwardEncoding:
    s_cols: np.ndarray
    q_cols: list[np.ndarray]
    unstable: list[np.ndarray]
    gradient: Affine

    def fill(self, values: np.ndarray, network: Network, spec: NormSpec, pattern: list[np.ndarray], c: np.ndarray) -> None:
        """Write ``s`` and the ``p = a r`` columns for direction ``c`` and ``pattern``."""
        values[self.s_cols] = spec.binaries_of_direction(c)
        output = network.num_layers - 1
        q = {output: np.asarray(c, dtype=np.float64)}
        factors = network.derivative_factors(pattern)
        for k in range(output - 1, -1, -1):
            r = _backward_sum(network, k, q)
            values[self.q_cols[k]] = np.where(pattern[k], r, 0.0)[self.unstable[k]]
            q[k] = factors[k] * r

    def direction(self, values: np.ndarray, spec: NormSpec) -> np.ndarray:
        offset, basis = spec.direction_offset_and_basis()
        return offset + basis @ np.round(values[self.s_cols])


def _backward_sum(network: Network, k: int, q: dict):
    """``r_k = Σ_i W_{i,k}^T q_i`` for numeric vectors or :class:`Affine` expressions ``q_i``."""
    edges = network.outgoing(k)
    if isinstance(q[edges[0][0]], Affine):
        return Affine.total([q[i].left_multiply(w.T) for i, w in edges])
    return sum(w.T @ q[i] for i, w in edges)


def encode_backward(
    builder: ModelBuilder, network: Network, spec: NormSpec, bounds: NetworkBounds, forward: ForwardEncoding
) -> BackwardEncoding:
    offset, basis = spec.direction_offset_and_basis()
    k_dirs = basis.shape[1]
    s_cols = builder.add_columns([f"s_{j}" for j in range(k_dirs)], 0.0, 1.0, integer=True)
    s = Affine.columns(s_cols)
    if spec.kind == "rows":
        builder.add_rows(s.left_multiply(np.ones((1, k_dirs))), 1.0, 1.0, "one_direction")
    output = network.num_layers - 1
    q = {output: s.left_multiply(basis, offset) if k_dirs else Affine.constant(offset)}
    q_cols: list[np.ndarray] = [None] * output  # type: ignore[list-item]
    unstable_sets: list[np.ndarray] = [None] * output  # type: ignore[list-item]
    for k in range(output - 1, -1, -1):
        r = _backward_sum(network, k, q)
        layer = forward.layers[k]
        alpha = network.negative_slopes[k]
        unstable = layer.unstable
        lo = bounds.gradient[k].lower[unstable]
        hi = bounds.gradient[k].upper[unstable]
        cols = builder.add_columns([f"q_{k}_{i}" for i in unstable], np.minimum(lo, 0.0), np.maximum(hi, 0.0))
        p_u, a_u, r_u = Affine.columns(cols), Affine.columns(layer.a_cols), r.take(unstable)
        builder.add_rows(p_u - r_u - a_u.scaled(lo), -np.inf, -lo, f"switch_on_le_{k}")
        builder.add_rows(p_u - r_u - a_u.scaled(hi), -hi, np.inf, f"switch_on_ge_{k}")
        builder.add_rows(p_u - a_u.scaled(hi), -np.inf, 0.0, f"switch_off_le_{k}")
        builder.add_rows(p_u - a_u.scaled(lo), 0.0, np.inf, f"switch_off_ge_{k}")
        q[k] = layer_output(layer.states, alpha, r, p_u)
        q_cols[k], unstable_sets[k] = cols, unstable
    return BackwardEncoding(s_cols, q_cols, unstable_sets, _backward_sum(network, -1, q))
