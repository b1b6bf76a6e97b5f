"""Neuron states over a box, read off pre-activation bounds ``l <= z <= u``.

A neuron is *active* when ``l >= 0`` (ReLU is the identity on the box), *inactive*
when ``u <= 0`` (ReLU is zero; a constant-zero neuron counts as inactive) and
*unstable* when ``l < 0 < u``; only unstable neurons need a binary in the MIP.
"""

from __future__ import annotations

import numpy as np

from .interval import Interval

INACTIVE, UNSTABLE, ACTIVE = -1, 0, 1


def neuron_states(bounds: Interval) -> np.ndarray:
    """``INACTIVE``/``UNSTABLE``/``ACTIVE`` per neuron (int8)."""
    states = np.full(bounds.lower.shape, UNSTABLE, dtype=np.int8)
    states[bounds.lower >= 0] = ACTIVE
    states[bounds.upper <= 0] = INACTIVE
    return states


def slope_range(states: np.ndarray, negative_slope: float) -> tuple[np.ndarray, np.ndarray]:
    """``(low, high)``: the slopes ``σ_α'`` a neuron in each state can take on the box
    (1 active, ``α`` inactive, both unstable), ordered for ``α <= 1``."""
    low = np.where(states == ACTIVE, 1.0, negative_slope)
    return low, np.where(states == UNSTABLE, 1.0, low)
