"""The ℓ∞→ℓ1 norm test (:mod:`exactlip.inf_to_one`) against enumeration of the signs."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import exactlip.inf_to_one as inf_to_one_module
from exactlip.inf_to_one import decide_each


def exceeds(X, level, **kwargs):
    """The answer for one matrix (None where the search gave up), after checking any
    witness it gives."""
    decision = decide_each(np.asarray(X, dtype=float)[None], level, **kwargs)
    if decision.witness is not None:
        assert decision.exceeds[0] and set(np.unique(decision.witness)) <= {-1.0, 1.0}
        assert np.abs(np.asarray(X) @ decision.witness).sum() > level
    return bool(decision.exceeds[0]) if decision.settled[0] else None


def _enumerated(X: np.ndarray) -> float:
    signs = np.array(list(itertools.product([-1.0, 1.0], repeat=X.shape[0])))
    return float(np.abs(signs @ X).sum(axis=1).max())


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), rows=st.integers(1, 9), columns=st.integers(1, 9))
def test_the_answer_flips_at_the_enumerated_norm(seed, rows, columns):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((rows, columns)) * rng.choice([1e-3, 1.0, 10.0], size=(rows, 1))
    norm = _enumerated(X)
    assert exceeds(X, norm * (1 - 1e-9)) is True
    assert exceeds(X, norm * (1 + 1e-9)) is False
    assert exceeds(X.T, norm * (1 + 1e-9)) is False  # ||Xᵀ|| = ||X||
    tiny = exceeds(X, norm * (1 + 1e-9), max_frontier=2)
    assert tiny in (False, None)  # giving up is allowed, a wrong answer is not


def test_known_norms():
    assert exceeds(np.eye(3), 2.999) is True
    assert exceeds(np.eye(3), 3.0) is False
    a, b = np.array([1.0, -2.0, 0.5]), np.array([3.0, 1.0])  # rank one: ||a||_1 ||b||_1 = 14
    assert exceeds(np.outer(a, b), 13.99) is True
    assert exceeds(np.outer(a, b), 14.0) is False
    # Hadamard 4x4: ||sᵀH||_1 <= 8 for every sign vector (the entrywise sum is 16)
    h = np.array([[1, 1, 1, 1], [1, -1, 1, -1], [1, 1, -1, -1], [1, -1, -1, 1]], dtype=float)
    assert exceeds(h, 8.5) is False
    assert exceeds(h, 7.9) is True
    assert exceeds(np.zeros((0, 4)), -1.0) is True
    assert exceeds(np.zeros((0, 4)), 0.0) is False


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), batch=st.integers(1, 6), rows=st.integers(1, 8), columns=st.integers(1, 8))
def test_a_batch_is_decided_matrix_by_matrix(seed, batch, rows, columns):
    """``decide_each`` answers each matrix as the enumeration does, at levels just
    below and just above each matrix's norm; a witness it gives is one for some matrix
    of the batch."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((batch, rows, columns)) * rng.choice([0.1, 1.0, 10.0], size=(batch, 1, 1))
    norms = np.array([_enumerated(x) for x in X])
    for level in np.concatenate([norms * (1 - 1e-9), norms * (1 + 1e-9)]):
        found = decide_each(X, level)
        assert found.settled.all() and found.exceeds.tolist() == (norms > level).tolist()
        if found.witness is not None:
            assert np.any(np.abs(X @ found.witness).sum(axis=1)[found.exceeds] > level)


def test_in_a_batch_only_the_matrix_past_the_frontier_gives_up():
    rng = np.random.default_rng(3)
    hard = rng.standard_normal((14, 14))
    easy = np.zeros((14, 14))
    easy[0, 0] = 1.0
    level = _enumerated(hard) * (1 + 1e-9)
    found = decide_each(np.stack([easy, hard, easy]), level, max_frontier=8)
    assert found.settled.tolist() == [True, False, True] and not found.exceeds.any()
    assert decide_each(np.stack([easy, hard, easy]), 0.5, max_frontier=8).exceeds.tolist() == [True, True, True]


def test_the_search_gives_up_past_its_frontier():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((14, 14))
    norm = _enumerated(X)
    assert exceeds(X, norm * (1 + 1e-9), max_frontier=8) is None
    assert exceeds(X, norm * (1 + 1e-9)) is False


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), rows=st.integers(1, 8), columns=st.integers(1, 8))
def test_the_tree_alone_finds_the_yes_answers(seed, rows, columns):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((rows, columns))
    norm = _enumerated(X)
    rounds = inf_to_one_module.WITNESS_ROUNDS
    inf_to_one_module.WITNESS_ROUNDS = 0  # no witness search: every answer comes from the tree
    try:
        assert exceeds(X, norm * (1 - 1e-9)) is True
        assert exceeds(X, norm * (1 + 1e-9)) is False
    finally:
        inf_to_one_module.WITNESS_ROUNDS = rounds


def test_the_witness_search_starts_from_the_given_direction():
    X = np.array([[1.0, 1.0], [1.0, -1.0], [0.0, 3.0]])  # ||X||_{∞→1} = 5, at v = ±(1, 1) and ±(1, -1)
    found = decide_each(X[None], 4.5, start=np.array([1.0, -1.0]))
    assert found.exceeds[0] and np.abs(X @ found.witness).sum() > 4.5
    assert exceeds(X, 5.0, start=np.array([1.0, 1.0])) is False
