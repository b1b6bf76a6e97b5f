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


def random_dag_network(
    rng: np.random.Generator,
    widths: list[int],
    skip_probability: float = 0.7,
    negative_slopes: list[float] | None = None,
    sparse: bool = False,
    bias_scale: float = 0.5,
) -> Network:
    """A random network with skip edges (each allowed edge with ``skip_probability``),
    optional LeakyReLU slopes, and optionally every matrix stored as a scipy CSR array."""
    import scipy.sparse as sp

    base = random_network(rng, widths, bias_scale)
    num_layers = len(widths) - 1
    skips = {}
    for k in range(1, num_layers):
        for j in range(-1, k - 1):
            if rng.random() < skip_probability:
                skips[(k, j)] = rng.standard_normal((widths[k + 1], widths[j + 1])) / np.sqrt(widths[j + 1])
    store = (lambda w: sp.csr_array(w)) if sparse else (lambda w: w)  # noqa: E731
    return Network(
        [store(w) for w in base.weights],
        base.biases,
        name="random_dag",
        skips={edge: store(w) for edge, w in skips.items()},
        negative_slopes=negative_slopes,
    )
