"""LipSDP-Neuron and -Layer: an independent formulation, the ordering and the certificate."""

import numpy as np
import pytest

cp = pytest.importorskip("cvxpy")

import exactlip  # noqa: E402
from exactlip.estimators.lipsdp import _Layout, lipsdp_bound, smallest_rho  # noqa: E402
from tests.estimators.reference import local_constant  # noqa: E402
from tests.nets import random_box, random_network  # noqa: E402


def _paper_lipsdp(weights, variant="neuron", c=None):
    """Fazlyab et al.'s Theorem 2 with T diagonal, written from the paper's block form:
    [A; B]ᵀ [[0, T], [T, −2T]] [A; B] + diag(−ρ I, 0, …, 0, W_lᵀ W_l) ⪯ 0."""
    hidden = weights[:-1]
    last = weights[-1] if c is None else (np.asarray(c) @ weights[-1])[None, :]
    n0, sizes = weights[0].shape[1], [w.shape[0] for w in hidden]
    N, d = sum(sizes), weights[0].shape[1] + sum(sizes)
    A = np.zeros((N, d))
    row, col = 0, 0
    for w in hidden:
        A[row : row + w.shape[0], col : col + w.shape[1]] = w
        row, col = row + w.shape[0], col + w.shape[1]
    B = np.hstack([np.zeros((N, n0)), np.eye(N)])
    if variant == "neuron":
        lam = cp.Variable(N, nonneg=True)
        diag = lam
    else:
        lam = cp.Variable(len(sizes), nonneg=True)
        diag = cp.hstack([lam[k] * np.ones(s) for k, s in enumerate(sizes)])
    T = cp.diag(diag)
    rho = cp.Variable(nonneg=True)
    E = np.zeros((d, d))
    E[d - sizes[-1] :, d - sizes[-1] :] = last.T @ last
    S = np.zeros((d, d))
    S[:n0, :n0] = np.eye(n0)
    M = A.T @ T @ B + B.T @ T @ A - 2 * B.T @ T @ B + E - rho * S
    cp.Problem(cp.Minimize(rho), [(M + M.T) / 2 << 0]).solve(solver="CLARABEL")
    return float(np.sqrt(rho.value))


@pytest.mark.parametrize("seed,widths", [(0, [2, 5, 4, 2]), (1, [3, 6, 1]), (2, [2, 4, 4, 4, 3])])
def test_matches_the_paper_formulation(seed, widths):
    net = random_network(np.random.default_rng(seed), widths)
    neuron, layer, naive = exactlip.estimate(net, methods=["lipsdp_neuron", "lipsdp_layer", "naive"])
    assert neuron.value == pytest.approx(_paper_lipsdp(net.weights, "neuron"), rel=1e-4)
    assert layer.value == pytest.approx(_paper_lipsdp(net.weights, "layer"), rel=1e-4)
    assert neuron.certified and layer.certified
    assert neuron.value <= layer.value * (1 + 1e-6)
    assert layer.value <= naive.value * (1 + 1e-6)
    c = np.random.default_rng(seed).standard_normal(widths[-1])
    (with_c,) = exactlip.estimate(net, c=c, methods=["lipsdp_neuron"])
    assert with_c.value == pytest.approx(_paper_lipsdp(net.weights, "neuron", c), rel=1e-4)


@pytest.mark.parametrize("seed", range(3))
def test_between_exact_l2_constant_and_naive_and_certified_above_raw(seed):
    rng = np.random.default_rng(10 + seed)
    net = random_network(rng, [2, 6, 6, 2])
    big = exactlip.Box(np.full(2, -30.0), np.full(2, 30.0))  # all regions near the origin: the global constant
    exact = local_constant(net, big, norm="l2")
    neuron, naive = exactlip.estimate(net, methods=["lipsdp_neuron", "naive"])
    assert exact <= neuron.value <= naive.value
    raw = neuron.details["raw_value"]
    assert neuron.value >= raw * (1 - 1e-6)
    assert neuron.value <= raw * (1 + 1e-3)  # the certificate costs little


def test_certificate_is_the_smallest_feasible_rho():
    net = random_network(np.random.default_rng(3), [3, 5, 4, 2])
    layout = _Layout([w / np.linalg.norm(w, 2) for w in net.weights])
    terms = layout.neuron_terms()
    lam = np.random.default_rng(4).uniform(1.0, 3.0, layout.num_neurons)
    matrix = layout.matrix(lam, terms)
    rho = smallest_rho(matrix, layout.n_input)
    select = np.zeros_like(matrix)
    select[: layout.n_input, : layout.n_input] = np.eye(layout.n_input)
    assert np.linalg.eigvalsh(matrix - rho * (1 + 1e-9) * select).max() <= 1e-9
    assert np.linalg.eigvalsh(matrix - rho * (1 - 1e-4) * select).max() > 0
    # a λ that leaves the hidden block indefinite cannot be certified at any ρ
    assert smallest_rho(layout.matrix(np.zeros(layout.num_neurons), terms), layout.n_input) is None


def test_local_variant_is_valid_and_tighter():
    rng = np.random.default_rng(7)
    net = random_network(rng, [2, 8, 8, 2])
    box = random_box(rng, 2, 0.15)
    glob, loc, layer_loc = exactlip.estimate(net, box, methods=["lipsdp_neuron", "lipsdp_neuron_local", "lipsdp_layer_local"])
    exact = local_constant(net, box, norm="l2")
    assert loc.local and loc.certified
    assert exact * (1 - 1e-9) <= loc.value <= glob.value * (1 + 1e-6)
    assert loc.value <= layer_loc.value * (1 + 1e-6)
    assert sum(loc.details["unstable_per_layer"]) < 16
    assert loc.details["matrix_size"] == 2 + sum(loc.details["unstable_per_layer"])


def test_other_solver_and_size_limit():
    net = random_network(np.random.default_rng(8), [2, 5, 5, 1])
    (cvx,) = exactlip.estimate(net, methods=["lipsdp_neuron"])
    (scs,) = exactlip.estimate(net, methods=["lipsdp_neuron"], options={"lipsdp_neuron": {"solver": "SCS"}})
    assert scs.details["solver"] == "SCS" and scs.certified
    assert scs.value >= cvx.value * (1 - 1e-6)  # both are certified bounds of the same SDP
    assert scs.value == pytest.approx(cvx.value, rel=1e-2)
    wide = random_network(np.random.default_rng(9), [10, 100, 100, 1])
    with pytest.raises(exactlip.OptionError, match=r"matrix size 210 .* exceeds the limit 120 for solver CLARABEL"):
        exactlip.estimate(wide, methods=["lipsdp_neuron"], options={"lipsdp_neuron": {"solver": "clarabel"}})
    with pytest.raises(exactlip.OptionError, match="exceeds the limit 50 for solver CVXOPT"):
        lipsdp_bound(wide.weights, max_size=50)


def test_no_lipsdp_network_variant():
    with pytest.raises(exactlip.OptionError, match="unknown estimator 'lipsdp_network'"):
        exactlip.estimate(random_network(np.random.default_rng(0), [2, 3, 1]), methods=["lipsdp_network"])
