"""Sampling, gradient ascent and CLEVER."""

import numpy as np
import pytest

import exactlip
from exactlip._arrays import dense
from exactlip.estimators.lower import differentiable, smoothed_curvature_direction
from tests.estimators.reference import local_constant, target_value
from tests.nets import random_box, random_dag_network, random_network


@pytest.mark.parametrize("spec", [{"norm": "linf"}, {"norm": "l2"}, {"norm": "l1", "output_norm": "l2"}, {"norm": "linf", "margin": (0, 2)}])
def test_lower_bounds_are_jacobian_norms_at_differentiable_points(spec):
    rng = np.random.default_rng(0)
    net = random_network(rng, [3, 8, 8, 3])
    box = random_box(rng, 3, 0.5)
    exact = local_constant(net, box, **spec)
    opts = {"gradient_ascent": {"steps": 10, "samples": 200}, "sampling": {"count": 200}}
    for e in exactlip.estimate(net, box, **spec, methods=["sampling", "gradient_ascent"], options=opts):
        point = np.asarray(e.details["point"])
        assert box.contains(point)
        assert differentiable(net, point[None, :])[0]
        assert np.min(np.abs(np.concatenate(net.preactivations(point)))) > 0
        assert e.value == pytest.approx(target_value(net.jacobian(point), **spec), rel=1e-12)
        assert e.kind == "lower" and e.certified and e.value <= exact * (1 + 1e-12)


def _autograd_curvature_direction(net, x, cs, ws, temperature, scales):
    """``∇_x [cᵀ J_t(x) w]`` by torch's double backward through the smoothed network."""
    torch = pytest.importorskip("torch")
    xt = torch.tensor(x, requires_grad=True)
    outputs = [xt]
    for k in range(net.num_layers):
        z = torch.tensor(net.biases[k]) + sum(outputs[j + 1] @ torch.tensor(dense(w)).T for j, w in net.incoming(k))
        if k == net.num_layers - 1:
            break
        t, alpha = temperature * torch.tensor(scales[k]), net.negative_slopes[k]
        outputs.append(alpha * z + (1 - alpha) * t * torch.nn.functional.softplus(z / t))
    (gradient,) = torch.autograd.grad((z * torch.tensor(cs)).sum(), xt, create_graph=True)
    (direction,) = torch.autograd.grad((gradient * torch.tensor(ws)).sum(), xt)
    return direction.numpy()


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("temperature", [1.0, 0.05])
def test_smoothed_curvature_direction_matches_autograd(seed, temperature):
    """The ascent's hand-written second derivative equals torch's, on DAGs with skip
    edges, leaky slopes and sparse weights, at a batch of points with per-row c, w."""
    rng = np.random.default_rng(900 + seed)
    net = random_dag_network(rng, [4, 9, 7, 6, 3], negative_slopes=[0.0, 0.2, 0.0], sparse=seed % 2 == 1)
    x = rng.standard_normal((5, 4))
    cs, ws = rng.standard_normal((5, 3)), rng.choice([-1.0, 1.0], size=(5, 4))
    scales = [rng.uniform(0.2, 2.0, size=w) for w in net.widths[1:-1]]
    edges = [[(j, dense(w)) for j, w in net.incoming(k)] for k in range(net.num_layers)]
    ours = smoothed_curvature_direction(net, edges, x, cs, ws, temperature, scales)
    expected = _autograd_curvature_direction(net, x, cs, ws, temperature, scales)
    assert np.abs(expected).max() > 1e-3
    np.testing.assert_allclose(ours, expected, rtol=1e-6, atol=1e-9 * np.abs(expected).max())


def test_points_on_a_kink_are_skipped():
    net = exactlip.Network([np.array([[1.0], [-1.0]]), np.array([[1.0, 1.0]])], [np.zeros(2), np.zeros(1)])
    assert not differentiable(net, np.array([[0.0]]))[0]
    assert differentiable(net, np.array([[1e-3]]))[0]
    # the box [0, 0] holds only the kink: no certified lower bound exists
    with pytest.raises(exactlip.OptionError, match="no point of the box where the network is differentiable"):
        exactlip.estimate(net, exactlip.Box([0.0], [0.0]), norm="linf", methods=["sampling"])


def test_gradient_ascent_never_below_sampling_and_finds_more():
    improved = 0
    for seed in range(4):
        rng = np.random.default_rng(seed)
        net = random_network(rng, [3, 16, 16, 3])
        box = random_box(rng, 3, 0.5)
        samp, grad = exactlip.estimate(net, box, norm="linf", output_norm="l1", methods=["sampling", "gradient_ascent"],
                                       options={"sampling": {"count": 300}, "gradient_ascent": {"samples": 300}})
        assert grad.value >= samp.value
        improved += grad.value > samp.value * (1 + 1e-9)
    assert improved >= 1


def test_clever_is_a_heuristic_near_the_sampled_maximum():
    rng = np.random.default_rng(1)
    net = random_network(rng, [2, 10, 10, 2])
    box = random_box(rng, 2, 0.5)
    (e,) = exactlip.estimate(net, box, norm="l2", margin=(0, 1), methods=["clever"], options={"clever": {"batches": 20, "batch_size": 64}})
    assert e.kind == "heuristic" and not e.certified
    assert e.details["sampled_max"] <= e.value <= e.details["sampled_max"] * 11
    assert e.details["sampled_max"] <= local_constant(net, box, norm="l2", margin=(0, 1)) * (1 + 1e-12)
