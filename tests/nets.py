"""Random networks and boxes shared by the tests."""

from __future__ import annotations

import numpy as np

from exactlip import Box, Network


def random_network(rng: np.random.Generator, widths: list[int], bias_scale: float = 0.5) -> Network:
    """Gaussian weights scaled by 1/sqrt(fan-in), Gaussian biases."""
    weights = [rng.standard_normal((widths[i + 1], widths[i])) / np.sqrt(widths[i]) for i in range(len(widths) - 1)]
    biases = [bias_scale * rng.standard_normal(widths[i + 1]) for i in range(len(widths) - 1)]
    return Network(weights, biases, name="random")


def random_box(rng: np.random.Generator, dim: int, radius: float = 0.5) -> Box:
    return Box.linf_ball(0.5 * rng.standard_normal(dim), radius)
