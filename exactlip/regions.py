"""Certificates for activation patterns: a verified interior point, or a conflict.

Fix an activation pattern ``a``. On its region the pre-activations are affine,
``z_k(x) = M_k x + d_k`` (:meth:`~exactlip.network.ir.Network.preactivation_maps`; on a
chain ``M_{k+1} = W_{k+1} diag(d_k) M_k`` with derivative factors ``d_k``). The LP

    maximise s  subject to  x ∈ X,  σ_i (m_i·x + d_i) >= s ||m_i||_2,  s <= 1,

with ``σ_i = +1`` for ``a_i = 1`` and ``−1`` otherwise, finds the point of ``X`` that
lies deepest inside the region (``s`` is its Euclidean distance to the nearest
neuron boundary). Rows with ``m_i = 0`` are constants: they either hold (skipped) or
prove the region empty on their own.

* ``s > 0``: the network is affine on a neighbourhood of that point ``x``, so the
  Jacobian computed *there*, in numpy, is a true derivative of ``f`` at a point of X
  and its norm is a verified lower bound on the local Lipschitz constant.
* ``s <= 0``: the region has no interior in X. By LP duality the rows with non-zero
  multipliers already force ``s <= 0`` on their own: those neurons' signs conflict
  (given the pattern of the layers before them, which shapes ``m_i`` and ``d_i``).
  This happens when the network is not in general position (zero biases, duplicated
  neurons), where the MIP can pick such patterns at degenerate points.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from .domain import Box
from .network.ir import Network

_ZERO_ROW = 1e-12
_EMPTY_SLACK = 1e-12
_ACTIVE_MULTIPLIER = 1e-9


@dataclass(frozen=True)
class RegionCheck:
    """The outcome for one pattern: a ``point`` with ``slack > 0``, or a ``conflict``
    (flat indices of hidden neurons whose signs cannot hold together), or neither when
    the region is too thin to decide in floating point."""

    point: np.ndarray | None = None
    slack: float = 0.0
    conflict: np.ndarray | None = None


def region_affine_maps(network: Network, pattern: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """All hidden pre-activations as ``M x + d`` under ``pattern`` (stacked over layers)."""
    maps = network.preactivation_maps(pattern)
    return np.vstack([m for m, _ in maps]), np.concatenate([d for _, d in maps])


def check_region(network: Network, box: Box, pattern: list[np.ndarray]) -> RegionCheck:
    """The deepest point of ``box`` in the region of ``pattern``, or why there is none.

    A point is returned only when a forward pass at it reproduces the pattern with
    every non-constant pre-activation strictly away from zero.
    """
    if not pattern:
        return RegionCheck(point=box.center.copy(), slack=1.0)
    maps, offsets = region_affine_maps(network, pattern)
    signs = np.where(np.concatenate(pattern), 1.0, -1.0)
    norms = np.linalg.norm(maps, axis=1)
    scale = max(1.0, float(norms.max(initial=0.0)))
    varying = norms > _ZERO_ROW * scale
    wrong_constants = np.flatnonzero(~varying & (signs * offsets < 0))
    if wrong_constants.size:
        return RegionCheck(conflict=wrong_constants[:1])
    rows = np.flatnonzero(varying)
    n = network.input_dim
    a_ub = np.hstack([-signs[rows, None] * maps[rows], norms[rows, None]])
    b_ub = signs[rows] * offsets[rows]
    cost = np.zeros(n + 1)
    cost[-1] = -1.0
    col_bounds = list(zip(box.lower, box.upper)) + [(None, 1.0)]
    result = linprog(cost, A_ub=a_ub, b_ub=b_ub, bounds=col_bounds, method="highs")
    if result.status != 0:
        return RegionCheck()
    slack = float(result.x[-1])
    if slack <= _EMPTY_SLACK * scale:
        multipliers = np.abs(result.ineqlin.marginals)
        conflict = rows[multipliers > _ACTIVE_MULTIPLIER * max(1.0, float(multipliers.max(initial=0.0)))]
        return RegionCheck(conflict=conflict if conflict.size else None)
    point = np.clip(result.x[:n], box.lower, box.upper)
    z = np.concatenate(network.preactivations(point))
    if np.any(signs[varying] * z[varying] <= 0):
        return RegionCheck()
    return RegionCheck(point=point, slack=slack)
