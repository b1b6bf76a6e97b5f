"""Networks with skip edges, LeakyReLU activations and sparse matrices, end to end.

The IR is checked against torch autograd, every bound method against sampled true
values, and the exact engine against the region-enumeration oracle (which walks the
DAG itself, in forward mode).
"""

import numpy as np
import pytest
import scipy.sparse as sp
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import exactlip
from exactlip import Network
from exactlip.bounds import ACTIVE, BOUND_METHODS, INACTIVE, compute_bounds
from exactlip.errors import ShapeError, UnsupportedLayerError
from exactlip.mip import build_mip
from exactlip.norms import resolve_norm_spec
from tests.nets import random_box, random_dag_network, random_network
from tests.oracle import oracle_lipschitz

NORM_PAIRS = [("linf", "linf"), ("linf", "l1"), ("l1", "linf"), ("l1", "l1")]


def _dense(w):
    return torch.from_numpy(w.toarray() if sp.issparse(w) else np.array(w))


def torch_layers(network: Network, x: torch.Tensor) -> tuple[list[torch.Tensor], torch.Tensor]:
    """The hidden outputs ``s_k`` and ``f(x)`` computed by torch from the raw arrays."""
    outputs = [x]

    def pre(k):
        edges = [(k - 1, network.weights[k])] + [(j, w) for (t, j), w in network.skips.items() if t == k]
        return torch.from_numpy(np.array(network.biases[k])) + sum(outputs[j + 1] @ _dense(w).T for j, w in edges)

    for k in range(len(network.weights) - 1):
        outputs.append(torch.nn.functional.leaky_relu(pre(k), network.negative_slopes[k]))
    return outputs[1:], pre(len(network.weights) - 1)


def _nets():
    rng = np.random.default_rng(5)
    return [
        random_dag_network(rng, [3, 8, 8, 8, 2]),
        random_dag_network(rng, [2, 6, 6, 3], negative_slopes=[0.1, 0.3]),
        random_dag_network(rng, [4, 7, 5, 6, 2], negative_slopes=[0.01, 0.0, -0.5], sparse=True),
        random_dag_network(rng, [3, 5, 1], skip_probability=1.0, negative_slopes=[0.2]),
        random_network(rng, [3, 6, 6, 2]),
    ]


@pytest.mark.parametrize("index", range(5))
def test_forward_and_jacobian_match_torch(index):
    net = _nets()[index]
    xs = np.random.default_rng(index).standard_normal((6, net.input_dim))
    _, expected = torch_layers(net, torch.from_numpy(xs))
    np.testing.assert_allclose(net.forward(xs), expected.numpy(), rtol=0, atol=1e-12)
    jacobians = net.jacobian(xs)
    for x, jac in zip(xs, jacobians):
        expected = torch.autograd.functional.jacobian(lambda v: torch_layers(net, v)[1], torch.from_numpy(x)).numpy()
        np.testing.assert_allclose(jac, expected, rtol=0, atol=1e-12)
        np.testing.assert_allclose(net.jacobian(x), jac, rtol=0, atol=1e-13)
        np.testing.assert_allclose(net.jacobian_of_pattern(net.pattern(x)), jac, rtol=0, atol=1e-13)
    left = np.random.default_rng(10 + index).standard_normal((3, net.output_dim))
    np.testing.assert_allclose(net.jacobian(xs, left=left), left @ jacobians, rtol=0, atol=1e-12)
    np.testing.assert_allclose(net.jacobian(xs[0], left=left[:1]), left[:1] @ jacobians[0], rtol=0, atol=1e-12)
    with pytest.raises(ShapeError, match=r"left must have shape \[rows, "):
        net.jacobian(xs, left=np.ones(net.output_dim))


@pytest.mark.parametrize("index", range(4))
def test_preactivation_maps_reproduce_the_forward_pass(index):
    net = _nets()[index]
    x = np.random.default_rng(index).standard_normal(net.input_dim)
    for (m, d), z in zip(net.preactivation_maps(net.pattern(x)), net.preactivations(x)):
        np.testing.assert_allclose(m @ x + d, z, rtol=0, atol=1e-12)


@pytest.mark.parametrize("method", BOUND_METHODS)
@pytest.mark.parametrize("index", range(4))
@pytest.mark.parametrize("spec_args", [{"output_norm": "linf"}, {"c": "random"}])
def test_bounds_contain_sampled_forward_and_backward_values(index, spec_args, method):
    net = _nets()[index]
    rng = np.random.default_rng(50 + index)
    box = random_box(rng, net.input_dim)
    if spec_args.get("c") == "random":
        spec_args = {"c": rng.standard_normal(net.output_dim)}
    spec = resolve_norm_spec("linf", net.output_dim, **spec_args)
    bounds = compute_bounds(net, box, spec, method=method)
    points = box.sample(400, rng)
    for z, interval, states in zip(net.preactivations(points), bounds.preactivation, bounds.states):
        assert interval.contains(z, tol=1e-12)
        assert np.all(z[:, states == ACTIVE] >= -1e-12) and np.all(z[:, states == INACTIVE] <= 1e-12)
    offset, basis = spec.direction_offset_and_basis()
    directions = [offset] if basis.shape[1] == 0 else [offset + basis @ s for s in np.eye(basis.shape[1])]
    for x in points[:60]:
        xt = torch.from_numpy(x).requires_grad_(True)
        hidden, out = torch_layers(net, xt)
        for c in directions:
            grads = torch.autograd.grad(out @ torch.from_numpy(c), [xt, *hidden], retain_graph=True)
            assert bounds.input_gradient.contains(grads[0].numpy(), tol=1e-10)
            for r, interval in zip(grads[1:], bounds.gradient):
                assert interval.contains(r.numpy(), tol=1e-10)


@pytest.mark.parametrize("index", range(5))
@pytest.mark.parametrize("norm,output_norm", NORM_PAIRS)
def test_exact_equals_oracle(index, norm, output_norm):
    net = _nets()[index]
    box = random_box(np.random.default_rng(70 + index), net.input_dim, radius=0.6)
    truth = oracle_lipschitz(net, box, norm=norm, output_norm=output_norm)
    result = exactlip.lipschitz(net, box, norm=norm, output_norm=output_norm)
    assert result.status == "optimal", result.message
    assert result.value == pytest.approx(truth, rel=1e-6, abs=1e-9)
    assert result.lower <= truth * (1 + 1e-9) + 1e-12 <= result.upper * (1 + 2e-9) + 2e-12


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    depth=st.integers(1, 3),
    width=st.integers(2, 7),
    dim=st.integers(1, 3),
    slope=st.sampled_from([0.0, 0.05, 0.5, -0.3]),
    sparse=st.booleans(),
)
def test_exact_equals_oracle_on_random_dags(seed, depth, width, dim, slope, sparse):
    rng = np.random.default_rng(seed)
    net = random_dag_network(rng, [dim] + [width] * depth + [2], negative_slopes=[slope] * depth, sparse=sparse)
    box = random_box(rng, dim, radius=0.5)
    truth = oracle_lipschitz(net, box, norm="linf", margin=(0, 1))
    result = exactlip.lipschitz(net, box, norm="linf", margin=(0, 1))
    assert result.status == "optimal", result.message
    assert result.value == pytest.approx(truth, rel=1e-6, abs=1e-9)


def test_sparse_and_dense_storage_build_the_same_mip():
    rng = np.random.default_rng(9)
    dense_net = random_dag_network(rng, [3, 6, 6, 2], negative_slopes=[0.1, 0.0])
    sparse_net = Network(
        [sp.csr_array(w) for w in dense_net.weights],
        dense_net.biases,
        skips={e: sp.csr_array(w) for e, w in dense_net.skips.items()},
        negative_slopes=dense_net.negative_slopes,
    )
    box = random_box(rng, 3)
    spec = resolve_norm_spec("linf", 2, output_norm="linf")
    models = [build_mip(n, box, compute_bounds(n, box, spec), spec).model for n in (dense_net, sparse_net)]
    assert models[0].num_cols == models[1].num_cols and models[0].num_rows == models[1].num_rows
    assert abs(models[0].matrix - models[1].matrix).max() < 1e-12
    np.testing.assert_allclose(models[0].row_lower, models[1].row_lower)


def test_leaky_relu_network_is_not_a_relu_network():
    rng = np.random.default_rng(3)
    net = random_dag_network(rng, [2, 5, 5, 1], skip_probability=0.0, negative_slopes=[0.2, 0.2])
    relu = Network(net.weights, net.biases)
    box = random_box(rng, 2)
    leaky_value = exactlip.lipschitz(net, box).value
    assert leaky_value == pytest.approx(oracle_lipschitz(net, box), rel=1e-6)
    assert leaky_value != pytest.approx(exactlip.lipschitz(relu, box).value, rel=1e-3)


def test_bad_structures_are_refused_with_their_names():
    w = [np.ones((3, 2)), np.ones((3, 3)), np.ones((1, 3))]
    b = [np.zeros(3), np.zeros(3), np.zeros(1)]
    with pytest.raises(ShapeError, match=r"skip weight from layer -1 into layer 2 has shape \(1, 3\), expected \(1, 2\)"):
        Network(w, b, skips={(2, -1): np.ones((1, 3))})
    with pytest.raises(ShapeError, match=r"skip edge \(1, 0\) is not allowed"):
        Network(w, b, skips={(1, 0): np.ones((3, 3))})
    with pytest.raises(UnsupportedLayerError, match=r"hidden layer 1: LeakyReLU negative slope 1.5"):
        Network(w, b, negative_slopes=[0.0, 1.5])
    with pytest.raises(ShapeError, match="2 hidden layers"):
        Network(w, b, negative_slopes=[0.1])


def test_chain_only_estimators_refuse_dags_by_name():
    net = random_dag_network(np.random.default_rng(1), [2, 4, 4, 2], skip_probability=1.0)
    with pytest.raises(UnsupportedLayerError, match="SeqLip needs a chain of affine and ReLU layers, but this network has 3 skip edge"):
        net.require_relu_chain("SeqLip")


def test_estimators_on_a_dag_keep_their_order_and_chain_only_ones_refuse():
    rng = np.random.default_rng(21)
    net = random_dag_network(rng, [2, 6, 6, 2], negative_slopes=[0.1, 0.0])
    box = random_box(rng, 2)
    truth = oracle_lipschitz(net, box, norm="linf", margin=(0, 1))
    results = {e.method: e for e in exactlip.estimate(net, box, norm="linf", margin=(0, 1))}
    assert {"autolip", "bound_propagation", "liplp", "sampling", "gradient_ascent"} <= set(results)
    assert not {"naive", "seqlip", "fastlip", "lipsdp_neuron"} & set(results)
    for estimate in results.values():
        if estimate.kind == "upper":
            assert estimate.value >= truth * (1 - 1e-9), estimate.method
        elif estimate.kind == "lower":
            assert estimate.value <= truth * (1 + 1e-9), estimate.method
    with pytest.raises(UnsupportedLayerError, match="method 'seqlip' needs a chain of affine and ReLU layers"):
        exactlip.estimate(net, box, norm="linf", margin=(0, 1), methods=["seqlip"])


def test_to_torch_module_computes_the_network():
    from exactlip.network.to_torch import to_torch_module

    for net in _nets():
        x = np.random.default_rng(2).standard_normal((4, net.input_dim))
        with torch.no_grad():
            out = to_torch_module(net)(torch.from_numpy(x)).numpy()
        np.testing.assert_allclose(out, net.forward(x), rtol=0, atol=1e-12)


def test_export_of_a_dag_network_resolves_to_the_engine_value(tmp_path):
    import highspy

    from exactlip.export import export_mip, sha256_of_network

    rng = np.random.default_rng(31)
    net = random_dag_network(rng, [2, 5, 5, 2], negative_slopes=[0.2, 0.0], sparse=True)
    box = random_box(rng, 2)
    export_mip(net, box, tmp_path / "dag.mps", norm="linf", margin=(0, 1))
    solver = highspy.Highs()
    solver.silent()
    solver.readModel(str(tmp_path / "dag.mps"))
    solver.setOptionValue("mip_rel_gap", 0.0)
    solver.run()
    value = solver.getInfo().objective_function_value
    assert value == pytest.approx(exactlip.lipschitz(net, box, norm="linf", margin=(0, 1)).value, rel=1e-6)
    relu = Network(net.weights, net.biases, skips=net.skips)
    assert sha256_of_network(net) != sha256_of_network(relu) != sha256_of_network(Network(net.weights, net.biases))


def test_graph_view_has_one_edge_per_matrix():
    net = _nets()[1]
    graph = net.graph()
    expected = {("input" if j < 0 else j, k) for k in range(net.num_layers) for j, _ in net.incoming(k)}
    assert set(graph.edges) == expected
    assert graph.nodes[net.num_layers - 1]["kind"] == "output"
    assert [graph.nodes[k]["negative_slope"] for k in range(net.num_layers - 1)] == list(net.negative_slopes)
    for (j, k), data in graph.edges.items():
        assert data["weight"] is dict(net.incoming(k))[-1 if j == "input" else j]
