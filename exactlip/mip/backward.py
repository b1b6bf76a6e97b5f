"""Backward encoding: the generalized Jacobian ``g = J^T c`` for the chosen pattern.

``c = offset + basis @ s`` over the binaries ``s`` of the direction set (see
:class:`~exactlip.norms.NormSpec`; "rows" adds ``sum(s) = 1``). Then
``r_{L-2} = W_{L-1}^T c`` and, for k = L−2 … 0, ``q_k = a_k ⊙ r_k``,
``r_{k-1} = W_k^T q_k``, ``g = r_{-1}``. For an unstable neuron, with ``r ∈ [l, u]``
and the forward binary ``a`` shared, the product is exact:

    q <= r − l (1 − a),   q >= r − u (1 − a),   q <= u a,   q >= l a,

(``a = 1`` gives ``q = r``; ``a = 0`` gives ``q = 0``). Active neurons pass ``r``
through, inactive ones block it; neither adds a column or a row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..bounds import ACTIVE, NetworkBounds
from ..network.ir import Network
from ..norms import NormSpec
from .affine import Affine
from .forward import ForwardEncoding
from .model import ModelBuilder


@dataclass(frozen=True)
class BackwardEncoding:
    s_cols: np.ndarray
    q_cols: list[np.ndarray]
    unstable: list[np.ndarray]
    gradient: Affine

    def fill(self, values: np.ndarray, network: Network, spec: NormSpec, pattern: list[np.ndarray], c: np.ndarray) -> None:
        """Write ``s`` and the ``q`` columns for direction ``c`` and ``pattern``."""
        values[self.s_cols] = spec.binaries_of_direction(c)
        r = network.weights[-1].T @ c
        for k in range(len(pattern) - 1, -1, -1):
            q = np.where(pattern[k], r, 0.0)
            values[self.q_cols[k]] = q[self.unstable[k]]
            r = network.weights[k].T @ q

    def direction(self, values: np.ndarray, spec: NormSpec) -> np.ndarray:
        offset, basis = spec.direction_offset_and_basis()
        return offset + basis @ np.round(values[self.s_cols])


def encode_backward(
    builder: ModelBuilder, network: Network, spec: NormSpec, bounds: NetworkBounds, forward: ForwardEncoding
) -> BackwardEncoding:
    offset, basis = spec.direction_offset_and_basis()
    k_dirs = basis.shape[1]
    s_cols = builder.add_columns([f"s_{j}" for j in range(k_dirs)], 0.0, 1.0, integer=True)
    s = Affine.columns(s_cols)
    if spec.kind == "rows":
        builder.add_rows(s.left_multiply(np.ones((1, k_dirs))), 1.0, 1.0, "one_direction")
    c = s.left_multiply(basis, offset) if k_dirs else Affine.constant(offset)
    r = c.left_multiply(network.weights[-1].T)
    num_hidden = len(network.weights) - 1
    q_cols: list[np.ndarray] = [None] * num_hidden  # type: ignore[list-item]
    unstable_sets: list[np.ndarray] = [None] * num_hidden  # type: ignore[list-item]
    for k in range(num_hidden - 1, -1, -1):
        layer = forward.layers[k]
        unstable, active = layer.unstable, np.flatnonzero(layer.states == ACTIVE)
        lo = bounds.gradient[k].lower[unstable]
        hi = bounds.gradient[k].upper[unstable]
        cols = builder.add_columns([f"q_{k}_{i}" for i in unstable], np.minimum(lo, 0.0), np.maximum(hi, 0.0))
        q_u, a_u, r_u = Affine.columns(cols), Affine.columns(layer.a_cols), r.take(unstable)
        builder.add_rows(q_u - r_u - a_u.scaled(lo), -np.inf, -lo, f"switch_on_le_{k}")
        builder.add_rows(q_u - r_u - a_u.scaled(hi), -hi, np.inf, f"switch_on_ge_{k}")
        builder.add_rows(q_u - a_u.scaled(hi), -np.inf, 0.0, f"switch_off_le_{k}")
        builder.add_rows(q_u - a_u.scaled(lo), 0.0, np.inf, f"switch_off_ge_{k}")
        q = Affine.scatter(layer.states.size, [(active, r.take(active)), (unstable, q_u)])
        r = q.left_multiply(network.weights[k].T)
        q_cols[k], unstable_sets[k] = cols, unstable
    return BackwardEncoding(s_cols, q_cols, unstable_sets, r)
