"""Certificates: a verified point strictly inside the linear region of a pattern.

Fix an activation pattern ``a``. On its region the pre-activations are affine,
``z_k(x) = M_k x + d_k`` with ``M_0 = W_0``, ``d_0 = b_0`` and
``M_{k+1} = W_{k+1} diag(a_k) M_k``, ``d_{k+1} = W_{k+1} (a_k ⊙ d_k) + b_{k+1}``. The LP

    maximise s  subject to  x ∈ X,  σ_i (m_i·x + d_i) >= s ||m_i||_2,  s <= 1,

with ``σ_i = +1`` for ``a_i = 1`` and ``−1`` otherwise, finds the point of ``X`` that
lies deepest inside the region (``s`` is its Euclidean distance to the nearest
neuron boundary). Rows with ``m_i = 0`` are constants: they either hold (skipped) or
prove the region empty. When ``s > 0`` the network is affine on a neighbourhood of
``x``, so the Jacobian computed *there*, in numpy, is a true derivative of ``f`` at a
point of X and its norm is a verified lower bound on the local Lipschitz constant.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from .domain import Box
from .network.ir import Network

_ZERO_ROW = 1e-12


@dataclass(frozen=True)
class RegionWitness:
    """A point deep inside a pattern's region: ``slack`` is its distance to the boundary."""

    point: np.ndarray
    slack: float


def region_affine_maps(network: Network, pattern: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """All hidden pre-activations as ``M x + d`` under ``pattern`` (stacked over layers)."""
    m, d = network.weights[0], network.biases[0]
    rows, offsets = [m], [d]
    for k, on in enumerate(pattern[:-1]):
        on = np.asarray(on, dtype=np.float64)
        m = network.weights[k + 1] @ (on[:, None] * m)
        d = network.weights[k + 1] @ (on * d) + network.biases[k + 1]
        rows.append(m)
        offsets.append(d)
    return np.vstack(rows), np.concatenate(offsets)


def region_witness(network: Network, box: Box, pattern: list[np.ndarray]) -> RegionWitness | None:
    """The deepest point of ``box`` in the region of ``pattern``, or None if there is none.

    The point is returned only when a forward pass at it reproduces the pattern with
    every non-constant pre-activation strictly away from zero.
    """
    if not pattern:
        return RegionWitness(box.center.copy(), 1.0)
    maps, offsets = region_affine_maps(network, pattern)
    signs = np.where(np.concatenate(pattern), 1.0, -1.0)
    norms = np.linalg.norm(maps, axis=1)
    scale = max(1.0, float(norms.max(initial=0.0)))
    varying = norms > _ZERO_ROW * scale
    if np.any(signs[~varying] * offsets[~varying] < 0):
        return None
    n = network.input_dim
    a_ub = np.hstack([-signs[varying, None] * maps[varying], norms[varying, None]])
    b_ub = signs[varying] * offsets[varying]
    cost = np.zeros(n + 1)
    cost[-1] = -1.0
    col_bounds = list(zip(box.lower, box.upper)) + [(None, 1.0)]
    result = linprog(cost, A_ub=a_ub, b_ub=b_ub, bounds=col_bounds, method="highs")
    if result.status != 0 or result.x[-1] <= 0:
        return None
    point = np.clip(result.x[:n], box.lower, box.upper)
    z = np.concatenate(network.preactivations(point))
    if np.any(signs[varying] * z[varying] <= 0):
        return None
    return RegionWitness(point, float(result.x[-1]))
