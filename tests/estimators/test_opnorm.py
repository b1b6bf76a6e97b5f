"""Operator norms, identity factors and norm conversions against brute force."""

import numpy as np
import pytest

from exactlip.estimators.opnorm import identity_norm, nonnegative_operator_norm, operator_norm
from tests.estimators.reference import P, brute_operator_norm

PAIRS = [(a, b) for a in ("l1", "l2", "linf") for b in ("l1", "l2", "linf")]


@pytest.mark.parametrize("alpha,beta", PAIRS)
def test_operator_norm_is_exact_on_small_matrices(alpha, beta):
    rng = np.random.default_rng(0)
    for shape in [(3, 5), (6, 2), (1, 7), (4, 4)]:
        W = rng.standard_normal(shape)
        value, exact = operator_norm(W, alpha, beta)
        assert exact
        assert value == pytest.approx(brute_operator_norm(W, alpha, beta), rel=1e-12)


@pytest.mark.parametrize("alpha,beta", [("linf", "l1"), ("linf", "l2"), ("l2", "l1")])
def test_large_mixed_norms_bracket_the_truth(alpha, beta):
    """Past the enumeration limit the upper mode is an upper bound and the lower mode an
    attained value; both are checked against a long random search and the exact value
    for a matrix with an enumerable short side."""
    rng = np.random.default_rng(1)
    W = rng.standard_normal((20, 18))
    upper, exact_u = operator_norm(W, alpha, beta, mode="upper")
    lower, exact_l = operator_norm(W, alpha, beta, mode="lower")
    assert not exact_u and not exact_l
    x = rng.standard_normal((20000, 18))
    x /= np.linalg.norm(x, P[alpha], axis=1)[:, None]
    sampled = np.linalg.norm(x @ W.T, P[beta], axis=1).max()
    assert lower <= upper
    assert sampled <= upper
    assert lower >= sampled * 0.9  # the ascent is not a trivial value


def test_identity_factors():
    for d in (1, 4, 9):
        assert identity_norm(d, "linf", "l2") == pytest.approx(np.sqrt(d))
        assert identity_norm(d, "linf", "l1") == pytest.approx(d)
        assert identity_norm(d, "l2", "l1") == pytest.approx(np.sqrt(d))
        for p, q in [("l1", "l2"), ("l1", "linf"), ("l2", "linf"), ("l2", "l2")]:
            assert identity_norm(d, p, q) == 1.0
    # attained: the all-ones vector
    ones = np.ones(9)
    assert np.linalg.norm(ones, 2) / np.linalg.norm(ones, np.inf) == pytest.approx(identity_norm(9, "linf", "l2"))


@pytest.mark.parametrize("alpha,beta", PAIRS)
def test_nonnegative_norm_is_exact_and_dominates(alpha, beta):
    rng = np.random.default_rng(2)
    M = np.abs(rng.standard_normal((4, 5)))
    assert nonnegative_operator_norm(M, alpha, beta) == pytest.approx(brute_operator_norm(M, alpha, beta), rel=1e-12)
    signs = np.where(rng.random(M.shape) < 0.5, -1.0, 1.0)
    J = signs * M * rng.random(M.shape)
    assert brute_operator_norm(J, alpha, beta) <= nonnegative_operator_norm(M, alpha, beta) * (1 + 1e-12)
