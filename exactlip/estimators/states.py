"""Neuron states over a box for the local estimators, from :mod:`exactlip.bounds`.

The states (active / inactive / unstable) depend only on the forward pre-activation
bounds, not on the output direction, so any direction set serves the call to
:func:`~exactlip.bounds.compute_bounds`.
"""

from __future__ import annotations

import numpy as np

from ..bounds import DEFAULT_BOUNDS, NetworkBounds, compute_bounds
from ..domain import Box
from ..network.ir import Network
from ..norms import NormSpec


def forward_bounds(network: Network, box: Box, method: str = DEFAULT_BOUNDS) -> NetworkBounds:
    """:func:`~exactlip.bounds.compute_bounds` with the direction set of the ℓ∞ output norm."""
    box.check_dim(network.input_dim)
    return compute_bounds(network, box, NormSpec("linf", network.output_dim, "rows"), method=method)


def neuron_states_over_box(network: Network, box: Box, method: str = DEFAULT_BOUNDS) -> list[np.ndarray]:
    """``ACTIVE``/``INACTIVE``/``UNSTABLE`` per neuron of every hidden layer."""
    return forward_bounds(network, box, method).states
