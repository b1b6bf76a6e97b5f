"""Forward encoding: the network over the box, big-M on unstable neurons only.

Columns: the input ``x ∈ [lower, upper]``; for each unstable neuron (``l < 0 < u``) of
hidden layer k, ``h ∈ [0, u]`` (its ReLU part ``relu(z)``) and a binary ``a``. With
``z = Σ_j W_{k,j} s_j + b_k`` (an affine expression over the layers feeding k, never a
column):

    h >= z,    h <= z − l (1 − a),    h <= u a            (and h >= 0 by its bound)

so ``a = 1`` forces ``h = z >= 0`` and ``a = 0`` forces ``h = 0 >= z``. The layer's
output is ``s = α z + (1 − α) h`` (``s = h`` for ReLU). With a ``strict_margin`` ε > 0
(per neuron) the signs are made strict,

    z >= ε a + l (1 − a),    z <= u a − ε (1 − a),

so every feasible point lies at least ε from each unstable neuron's boundary: the
optimum is then a *lower* bound, attained inside a region with interior. Active neurons
are substituted (``s = z``) and inactive ones scaled (``s = α z``, dropped for ReLU): a
layer whose bounds collapse to points adds no row, so rounding in the bounds cannot
make the MIP infeasible.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..bounds import ACTIVE, INACTIVE, UNSTABLE, NetworkBounds
from ..domain import Box
from ..network.ir import Network
from .affine import Affine
from .model import ModelBuilder


@dataclass(frozen=True)
class ForwardLayer:
    """Which neurons of one hidden layer are unstable and their ``h``/``a`` columns."""

    states: np.ndarray
    unstable: np.ndarray
    h_cols: np.ndarray
    a_cols: np.ndarray


@dataclass(frozen=True)
class ForwardEncoding:
    x_cols: np.ndarray
    layers: list[ForwardLayer]

    def fill(self, values: np.ndarray, network: Network, x: np.ndarray) -> list[np.ndarray]:
        """Write the columns for input ``x`` into ``values``; return the pattern at ``x``."""
        values[self.x_cols] = x
        pattern = []
        for layer, z in zip(self.layers, network.preactivations(x)):
            on = z > 0
            values[layer.h_cols] = np.maximum(z[layer.unstable], 0.0)
            values[layer.a_cols] = on[layer.unstable]
            pattern.append(on)
        return pattern

    def pattern(self, values: np.ndarray) -> list[np.ndarray]:
        """The activation pattern a solution chose (states for stable neurons)."""
        out = []
        for layer in self.layers:
            on = layer.states == ACTIVE
            on[layer.unstable] = values[layer.a_cols] > 0.5
            out.append(on)
        return out


def layer_output(states: np.ndarray, negative_slope: float, through: Affine, gated: Affine) -> Affine:
    """``d ⊙ through`` per neuron with ``d = α + (1 − α) a``: ``through`` where active,
    ``α through`` where inactive, and ``α through + (1 − α) gated`` where unstable, with
    ``gated = a ⊙ through`` (a column per unstable neuron). Shared by the forward pass
    (``through = z``) and the backward pass (``through = r``)."""
    active = np.flatnonzero(states == ACTIVE)
    unstable = np.flatnonzero(states == UNSTABLE)
    if negative_slope == 0.0:
        return Affine.scatter(states.size, [(active, through.take(active)), (unstable, gated)])
    inactive = np.flatnonzero(states == INACTIVE)
    alpha = negative_slope
    mixed = through.take(unstable).scaled(np.full(unstable.size, alpha)) + gated.scaled(np.full(unstable.size, 1.0 - alpha))
    scaled = through.take(inactive).scaled(np.full(inactive.size, alpha))
    return Affine.scatter(states.size, [(active, through.take(active)), (unstable, mixed), (inactive, scaled)])


def encode_forward(
    builder: ModelBuilder, network: Network, box: Box, bounds: NetworkBounds, strict_margin: float = 0.0
) -> ForwardEncoding:
    n = network.input_dim
    x_cols = builder.add_columns([f"x_{i}" for i in range(n)], box.lower, box.upper)
    outputs = [Affine.columns(x_cols)]  # outputs[j + 1] = s_j
    layers = []
    for k in range(network.num_layers - 1):
        z = Affine.total([outputs[j + 1].left_multiply(w) for j, w in network.incoming(k)])
        z = Affine(z.matrix, z.const + network.biases[k])
        alpha = network.negative_slopes[k]
        states = bounds.states[k]
        unstable = np.flatnonzero(states == UNSTABLE)
        lo = bounds.preactivation[k].lower[unstable]
        hi = bounds.preactivation[k].upper[unstable]
        h_cols = builder.add_columns([f"h_{k}_{i}" for i in unstable], 0.0, hi)
        a_cols = builder.add_columns([f"a_{k}_{i}" for i in unstable], 0.0, 1.0, integer=True)
        h_u, a_u, z_u = Affine.columns(h_cols), Affine.columns(a_cols), z.take(unstable)
        builder.add_rows(h_u - z_u, 0.0, np.inf, f"relu_ge_{k}")
        builder.add_rows(h_u - z_u - a_u.scaled(lo), -np.inf, -lo, f"relu_off_{k}")
        builder.add_rows(h_u - a_u.scaled(hi), -np.inf, 0.0, f"relu_on_{k}")
        if strict_margin > 0:
            eps = strict_margin * (hi - lo)
            builder.add_rows(z_u - a_u.scaled(eps - lo), lo, np.inf, f"strict_on_{k}")
            builder.add_rows(z_u - a_u.scaled(hi + eps), -np.inf, -eps, f"strict_off_{k}")
        outputs.append(layer_output(states, alpha, z, h_u))
        layers.append(ForwardLayer(states, unstable, h_cols, a_cols))
    return ForwardEncoding(x_cols, layers)
