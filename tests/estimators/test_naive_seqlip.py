"""Naive product and SeqLip against independent computations."""

import itertools

import numpy as np
import pytest

import exactlip
from exactlip.estimators.seqlip import max_vertex_exact, max_vertex_greedy, seqlip_bound
from tests.estimators.reference import brute_operator_norm
from tests.nets import random_box, random_network


def _one(estimates):
    (e,) = estimates
    return e


@pytest.mark.parametrize("norm,output_norm", [("linf", "linf"), ("l1", "l1"), ("l2", "l2"), ("linf", "l1"), ("l2", "linf")])
def test_naive_is_the_product_of_layer_norms(norm, output_norm):
    rng = np.random.default_rng(0)
    net = random_network(rng, [3, 6, 5, 4])
    e = _one(exactlip.estimate(net, norm=norm, output_norm=output_norm, methods=["naive"]))
    ws = net.weights
    expected = brute_operator_norm(ws[2], norm, output_norm) * brute_operator_norm(ws[1], norm, norm) * brute_operator_norm(ws[0], norm, norm)
    assert e.value == pytest.approx(expected, rel=1e-12)
    assert e.certified and e.kind == "upper" and not e.local


def test_naive_with_a_direction_uses_the_row_c_transpose_w():
    rng = np.random.default_rng(1)
    net = random_network(rng, [3, 6, 4])
    c = np.array([1.0, -2.0, 0.5, 0.0])
    for norm, dual in [("linf", 1), ("l1", np.inf), ("l2", 2)]:
        e = _one(exactlip.estimate(net, norm=norm, c=c, methods=["naive"]))
        row = np.linalg.norm(net.weights[1].T @ c, dual)
        assert e.value == pytest.approx(row * brute_operator_norm(net.weights[0], norm, norm), rel=1e-12)
        looser = np.linalg.norm(c, {1: np.inf, np.inf: 1, 2: 2}[dual]) * brute_operator_norm(net.weights[1], norm, norm)
        assert e.value < looser * brute_operator_norm(net.weights[0], norm, norm)


def _brute_seqlip(weights):
    """The SeqLip formula with full SVDs and every σ enumerated."""
    svds = [np.linalg.svd(w, full_matrices=False) for w in weights]
    last = len(weights) - 1
    total = 1.0
    for k in range(last):
        u_k, s_k, _ = svds[k]
        _, s_n, vt_n = svds[k + 1]
        left = (s_n if k + 1 == last else np.sqrt(s_n))[:, None] * vt_n
        right = u_k * (s_k if k == 0 else np.sqrt(s_k))[None, :]
        total *= max(np.linalg.norm(left @ np.diag(sig) @ right, 2) for sig in itertools.product([0.0, 1.0], repeat=u_k.shape[0]))
    return total


@pytest.mark.parametrize("seed,widths", [(0, [2, 5, 1]), (1, [3, 6, 5, 2]), (2, [4, 4, 7, 3, 3]), (3, [5, 8, 8, 1])])
def test_seqlip_exact_equals_brute_force_and_is_below_autolip(seed, widths):
    net = random_network(np.random.default_rng(seed), widths)
    seq, auto, naive = exactlip.estimate(net, norm="l2", methods=["seqlip", "autolip", "naive"])
    assert seq.value == pytest.approx(_brute_seqlip(net.weights), rel=1e-10)
    assert seq.certified and seq.details["pair_exact"] == [True] * (len(widths) - 2)
    assert seq.value <= auto.value * (1 + 1e-12)
    assert auto.value == pytest.approx(naive.value, rel=1e-10)


def test_seqlip_with_a_direction_replaces_the_last_layer():
    net = random_network(np.random.default_rng(4), [3, 5, 4])
    c = np.array([1.0, -1.0, 0.0, 2.0])
    e = _one(exactlip.estimate(net, norm="l2", c=c, methods=["seqlip"]))
    assert e.value == pytest.approx(_brute_seqlip([net.weights[0], (c @ net.weights[1])[None, :]]), rel=1e-10)


def test_vertex_search_exact_and_greedy():
    rng = np.random.default_rng(5)
    for n in (6, 11, 13):
        A, B = rng.standard_normal((5, n)), rng.standard_normal((n, 4))
        brute = max(np.linalg.norm(A @ np.diag(s) @ B, 2) for s in itertools.product([0.0, 1.0], repeat=n))
        value, sigma = max_vertex_exact(A, B)
        assert value == pytest.approx(brute, rel=1e-12)
        assert np.linalg.norm(A @ np.diag(sigma) @ B, 2) == pytest.approx(value, rel=1e-12)
        greedy, g_sigma = max_vertex_greedy(A, B)
        assert greedy <= value * (1 + 1e-12)
        assert np.linalg.norm(A @ np.diag(g_sigma) @ B, 2) == pytest.approx(greedy, rel=1e-12)
        fixed = np.full(n, np.nan)
        fixed[:3] = [1.0, 0.0, 1.0]
        constrained = max(
            np.linalg.norm(A @ np.diag((1.0, 0.0, 1.0) + s) @ B, 2) for s in itertools.product([0.0, 1.0], repeat=n - 3)
        )
        assert max_vertex_exact(A, B, fixed)[0] == pytest.approx(constrained, rel=1e-12)


def test_greedy_beyond_the_width_is_not_certified():
    net = random_network(np.random.default_rng(6), [3, 9, 9, 2])
    exact = _one(exactlip.estimate(net, methods=["seqlip"]))
    greedy = _one(exactlip.estimate(net, methods=["seqlip"], options={"seqlip": {"max_exact_width": 4}}))
    assert exact.certified and not greedy.certified
    assert greedy.details["pair_exact"] == [False, False]
    assert greedy.value <= exact.value * (1 + 1e-12)


def test_local_seqlip_fixes_stable_neurons():
    rng = np.random.default_rng(7)
    net = random_network(rng, [2, 8, 8, 1])
    box = random_box(rng, 2, 0.05)
    glob, loc = exactlip.estimate(net, box, methods=["seqlip", "seqlip_local"])
    assert loc.local and not glob.local
    assert loc.value <= glob.value * (1 + 1e-12)
    states = loc.details["unstable_per_layer"]
    assert sum(states) < 16
    # independent: fixed slopes from interval bounds, free ones enumerated
    from exactlip.bounds import ACTIVE, INACTIVE, compute_bounds
    from exactlip.norms import resolve_norm_spec

    st = compute_bounds(net, box, resolve_norm_spec("linf", 1)).states
    fixed = [np.where(s == ACTIVE, 1.0, np.where(s == INACTIVE, 0.0, np.nan)) for s in st]
    assert loc.value == pytest.approx(seqlip_bound(net.weights, fixed)[0], rel=1e-12)
    with pytest.raises(exactlip.OptionError, match="'seqlip_local' is local and needs an input box"):
        exactlip.estimate(net, methods=["seqlip_local"])
