"""The network intermediate representation: a feed-forward ReLU network in numpy.

A :class:`Network` with weights ``W_0 … W_{L-1}`` (``W_k`` shaped ``[out, in]``, the
torch ``Linear`` convention) and biases ``b_0 … b_{L-1}`` computes

    z_k = W_k h_{k-1} + b_k   (h_{-1} = x),    h_k = relu(z_k)   for k < L-1,
    f(x) = W_{L-1} h_{L-2} + b_{L-1}.

For an activation pattern ``a_k = [z_k > 0]`` the network is affine and its Jacobian is
``J = W_{L-1} diag(a_{L-2}) W_{L-2} … diag(a_0) W_0``; at a point where no
pre-activation is zero this is the derivative of ``f``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .._arrays import as_float_array
from ..errors import ShapeError


@dataclass(frozen=True, eq=False)
class Network:
    """An immutable feed-forward ReLU network (float64, finite, shape-checked)."""

    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    name: str = "network"

    def __init__(self, weights: Sequence, biases: Sequence, name: str = "network"):
        if len(weights) == 0:
            raise ShapeError("a network needs at least one affine layer")
        if len(weights) != len(biases):
            raise ShapeError(f"got {len(weights)} weight matrices but {len(biases)} bias vectors")
        ws, bs = [], []
        for k, (w, b) in enumerate(zip(weights, biases)):
            w = as_float_array(w, f"weight of layer {k}", ndim=2)
            b = as_float_array(b, f"bias of layer {k}", ndim=1)
            if b.shape[0] != w.shape[0]:
                raise ShapeError(f"layer {k}: weight has {w.shape[0]} outputs but bias has {b.shape[0]} entries")
            if k > 0 and w.shape[1] != ws[-1].shape[0]:
                raise ShapeError(
                    f"layer {k}: weight takes {w.shape[1]} inputs but layer {k - 1} has {ws[-1].shape[0]} outputs"
                )
            ws.append(w)
            bs.append(b)
        object.__setattr__(self, "weights", tuple(ws))
        object.__setattr__(self, "biases", tuple(bs))
        object.__setattr__(self, "name", str(name))

    # ----- sizes -------------------------------------------------------------------
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

    # ----- evaluation --------------------------------------------------------------
    def _as_input(self, x) -> tuple[np.ndarray, bool]:
        x = np.asarray(x, dtype=np.float64)
        single = x.ndim == 1
        x2 = x[None, :] if single else x
        if x2.ndim != 2 or x2.shape[1] != self.input_dim:
            raise ShapeError(f"input must have shape [{self.input_dim}] or [batch, {self.input_dim}], got {x.shape}")
        return x2, single

    def preactivations(self, x) -> list[np.ndarray]:
        """The hidden pre-activations ``z_0 … z_{L-2}`` at ``x`` (each ``[width]`` or ``[batch, width]``)."""
        h, single = self._as_input(x)
        zs = []
        for w, b in zip(self.weights[:-1], self.biases[:-1]):
            z = h @ w.T + b
            zs.append(z)
            h = np.maximum(z, 0.0)
        return [z[0] for z in zs] if single else zs

    def forward(self, x) -> np.ndarray:
        """``f(x)``; ``x`` is one point ``[n]`` or a batch ``[batch, n]``."""
        h, single = self._as_input(x)
        for w, b in zip(self.weights[:-1], self.biases[:-1]):
            h = np.maximum(h @ w.T + b, 0.0)
        out = h @ self.weights[-1].T + self.biases[-1]
        return out[0] if single else out

    def pattern(self, x) -> list[np.ndarray]:
        """The activation pattern ``[z_k > 0]`` at ``x`` (boolean arrays)."""
        return [z > 0 for z in self.preactivations(x)]

    def jacobian_of_pattern(self, pattern: Sequence[np.ndarray]) -> np.ndarray:
        """``W_{L-1} diag(a_{L-2}) … diag(a_0) W_0`` for one pattern, shape ``[m, n]``."""
        if len(pattern) != len(self.weights) - 1:
            raise ShapeError(f"pattern has {len(pattern)} layers but the network has {len(self.weights) - 1} hidden layers")
        jac = self.weights[0]
        for k, a in enumerate(pattern):
            a = np.asarray(a, dtype=np.float64)
            if a.shape != (self.weights[k].shape[0],):
                raise ShapeError(f"pattern of hidden layer {k} has shape {a.shape}, expected ({self.weights[k].shape[0]},)")
            jac = self.weights[k + 1] @ (a[:, None] * jac)
        return jac

    def jacobian(self, x) -> np.ndarray:
        """The Jacobian at ``x`` through the pattern at ``x`` (ReLU'(0) taken as 0).

        ``[m, n]`` for one point, ``[batch, m, n]`` for a batch.
        """
        h, single = self._as_input(x)
        jac = np.broadcast_to(self.weights[0], (h.shape[0],) + self.weights[0].shape)
        for w, b, w_next in zip(self.weights[:-1], self.biases[:-1], self.weights[1:]):
            z = h @ w.T + b
            h = np.maximum(z, 0.0)
            jac = np.matmul(w_next, (z > 0)[:, :, None] * jac)
        return jac[0] if single else jac

    def to_dict(self) -> dict:
        return {"name": self.name, "widths": self.widths}
