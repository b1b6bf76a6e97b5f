"""Sampled lower bound: the best Jacobian norm over random points of the box.

At a point where no pre-activation is zero, ``f`` is differentiable and its
Jacobian's norm is a lower bound on the local Lipschitz constant. The best sample
seeds the MIP with an incumbent and is the fallback lower bound when a solve ends
early.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .domain import Box
from .network.ir import Network
from .norms import NormSpec


@dataclass(frozen=True)
class SampledPoint:
    value: float
    point: np.ndarray
    direction: np.ndarray


def best_sampled_point(network: Network, box: Box, spec: NormSpec, count: int = 1024, seed: int = 0) -> SampledPoint:
    """The best of ``count`` uniform samples of the box plus its centre."""
    rng = np.random.default_rng(seed)
    points = np.vstack([box.center[None, :], box.sample(max(count, 0), rng)])
    best = None
    for chunk in np.array_split(points, max(1, points.shape[0] // 256)):
        for x, jac in zip(chunk, network.jacobian(chunk)):
            value, direction = spec.best_direction(jac)
            if best is None or value > best.value:
                best = SampledPoint(value, x, direction)
    return best
