"""The engine's sampled start points: the best Jacobian norm over the sampled points."""

import numpy as np
import pytest

from exactlip.norms import resolve_norm_spec
from exactlip.sampling import best_sampled_points
from tests.nets import random_box, random_dag_network


@pytest.mark.parametrize("seed", range(3))
def test_each_spec_gets_the_best_sample_of_its_full_jacobian_norm(seed):
    """Vector specs read ``cᵀ J`` from a backward pass of their ``c``s only; every spec,
    mixed with other kinds, must still get the largest norm of the full Jacobian over
    the same points."""
    rng = np.random.default_rng(700 + seed)
    net = random_dag_network(rng, [3, 10, 10, 4], negative_slopes=[0.0, 0.1])
    box = random_box(rng, 3, radius=0.6)
    specs = [
        resolve_norm_spec("linf", 4, c=rng.standard_normal(4)),
        resolve_norm_spec("l1", 4, margin=(1, 3)),
        resolve_norm_spec("linf", 4, output_norm="l1"),
        resolve_norm_spec("l1", 4, output_norm="linf"),
        resolve_norm_spec("linf", 4, c=rng.standard_normal(4)),
    ]
    count = 300
    found = best_sampled_points(net, box, specs, count=count, seed=seed)
    sample_rng = np.random.default_rng(seed)
    points = np.vstack([box.center[None, :], box.sample_towards_faces(count, sample_rng)])
    jacobians = net.jacobian(points)
    for spec, point in zip(specs, found):
        best = max(spec.value(j) for j in jacobians)
        assert point.value == pytest.approx(best, rel=1e-12)
        assert point.value == pytest.approx(spec.value(net.jacobian(point.point)), rel=1e-12)
