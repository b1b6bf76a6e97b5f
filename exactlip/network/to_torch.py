"""A float64 torch module that computes a :class:`~exactlip.network.ir.Network`.

A ReLU/LeakyReLU chain becomes an ``nn.Sequential`` of ``Linear`` and activation
layers; a network with skip edges becomes a :class:`DagModule`, one ``Linear`` per edge
(the bias on the edge from the previous layer) whose outputs are added before the
activation. Both trace with ``torch.fx`` into Linear, add and activation nodes, so
graph-based estimators (AutoLip) see the same structure. Sparse matrices are densified.
torch is imported lazily.
"""

from __future__ import annotations

import numpy as np

from .._arrays import dense
from .ir import Network


def _linear(weight, bias):
    import torch

    w = dense(weight)
    layer = torch.nn.Linear(w.shape[1], w.shape[0], bias=bias is not None).double()
    with torch.no_grad():
        layer.weight.copy_(torch.from_numpy(np.array(w)))
        if bias is not None:
            layer.bias.copy_(torch.from_numpy(np.array(bias)))
    return layer


def _activation(negative_slope: float):
    import torch

    return torch.nn.ReLU() if negative_slope == 0.0 else torch.nn.LeakyReLU(negative_slope)


def to_torch_module(network: Network):
    """The module (evaluation mode, float64) computing ``network``."""
    import torch

    if network.is_chain:
        layers = []
        for k, (w, b) in enumerate(zip(network.weights, network.biases)):
            layers.append(_linear(w, b))
            if k < network.num_layers - 1:
                layers.append(_activation(network.negative_slopes[k]))
        return torch.nn.Sequential(*layers).eval()

    class DagModule(torch.nn.Module):
        """``z_k = Σ_j Linear_{k,j}(s_j)``, ``s_k = σ_k(z_k)``; the output is ``z_{L-1}``."""

        def __init__(self):
            super().__init__()
            self.sources = [[j for j, _ in network.incoming(k)] for k in range(network.num_layers)]
            self.edges = torch.nn.ModuleList(
                torch.nn.ModuleList(_linear(w, network.biases[k] if i == 0 else None) for i, (_, w) in enumerate(network.incoming(k)))
                for k in range(network.num_layers)
            )
            self.activations = torch.nn.ModuleList(_activation(a) for a in network.negative_slopes)

        def forward(self, x):
            outputs = [x]
            for k in range(len(self.activations)):
                outputs.append(self.activations[k](self._pre(k, outputs)))
            return self._pre(len(self.activations), outputs)

        def _pre(self, k, outputs):
            z = self.edges[k][0](outputs[self.sources[k][0] + 1])
            for linear, j in zip(list(self.edges[k])[1:], self.sources[k][1:]):
                z = z + linear(outputs[j + 1])
            return z

    return DagModule().eval()
