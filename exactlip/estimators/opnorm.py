"""Operator norms ``||W||_{α→β} = max_{||x||_α <= 1} ||W x||_β`` for α, β ∈ {ℓ1, ℓ2, ℓ∞}.

Closed forms (exact):

* ``ℓ1 → β``: the largest β-norm of a column (the ℓ1 ball's vertices are ±e_j);
* ``α → ℓ∞``: the largest α*-norm of a row (α* the dual norm);
* ``ℓ2 → ℓ2``: the largest singular value (SVD, not the Frobenius norm).

The three mixed norms ``ℓ∞→ℓ1``, ``ℓ∞→ℓ2`` and ``ℓ2→ℓ1`` are NP-hard in general. The
maximum of the convex ``x ↦ ||W x||_β`` over the ℓ∞ ball is attained at a sign vector,
so ``||W||_{∞→β} = max_{s ∈ {±1}^n} ||W s||_β`` is *enumerated* when ``n <=
MAX_ENUMERATED`` (and ``||W||_{∞→1} = ||W^T||_{∞→1}`` lets the shorter side be
enumerated; ``||W||_{2→1} = ||W^T||_{∞→2}``). Beyond that, ``mode="upper"`` returns a
proven upper bound (``min(Σ|W_ij|, sqrt(mn)·||W||_2)`` for ∞→1,
``min(|| |W| 1 ||_2, sqrt(n)·||W||_2)`` for ∞→2) and ``mode="lower"`` the value of a
sign vector found by alternating ascent (attained, hence a lower bound).

For an entrywise non-negative matrix ``M`` every one of the nine norms has a closed
form (:func:`nonnegative_operator_norm`): the maximising ``x`` can be taken ``>= 0``,
so e.g. ``||M||_{∞→1} = 1ᵀ M 1``.

Identity factors ``||I_d||_{p→q}`` (:func:`identity_norm`) convert a bound in one pair
of norms into another: ``||x||_q <= ||x||_p`` when ``p <= q`` and ``||x||_q <=
d^{1/q-1/p} ||x||_p`` otherwise.
"""

from __future__ import annotations

import numpy as np

from ..errors import OptionError
from ..norms import sign_vectors, signs_of

NORMS = ("l1", "l2", "linf")
DUAL = {"l1": "linf", "l2": "l2", "linf": "l1"}
_P = {"l1": 1.0, "l2": 2.0, "linf": np.inf}
MAX_ENUMERATED = 16


def vector_norm(v: np.ndarray, norm: str, axis: int = -1) -> np.ndarray:
    """``||v||_norm`` along ``axis``."""
    v = np.abs(np.asarray(v, dtype=np.float64))
    if norm == "l1":
        return v.sum(axis=axis)
    if norm == "l2":
        return np.sqrt(np.square(v).sum(axis=axis))
    return v.max(axis=axis, initial=0.0)


def identity_norm(dim: int, p: str, q: str) -> float:
    """``||I_dim||_{p→q}``: 1 when ``p`` is at most ``q`` (ℓ1 ⊂ ℓ2 ⊂ ℓ∞), else ``dim^{1/q − 1/p}``."""
    if _P[p] <= _P[q]:
        return 1.0
    return float(dim) ** (1.0 / _P[q] - 1.0 / _P[p])


def spectral_norm(W: np.ndarray) -> float:
    """Largest singular value (exact up to floating-point rounding)."""
    W = np.asarray(W, dtype=np.float64)
    if W.size == 0:
        return 0.0
    if min(W.shape) == 1:
        return float(np.linalg.norm(W))
    return float(np.linalg.norm(W, ord=2))


def _max_over_signs(W: np.ndarray, beta: str) -> float:
    """``max_{s ∈ {±1}^n} ||W s||_β`` by enumeration (s_1 = +1 by symmetry)."""
    n = W.shape[1]
    signs = np.hstack([np.ones((2 ** (n - 1), 1)), sign_vectors(n - 1)]) if n > 1 else np.ones((1, 1))
    best = 0.0
    for chunk in np.array_split(signs, max(1, signs.shape[0] // 4096)):
        best = max(best, float(vector_norm(chunk @ W.T, beta).max()))
    return best


def _ascent_over_signs(W: np.ndarray, beta: str, starts: int = 8) -> float:
    """A sign vector's ``||W s||_β`` found by alternating ascent: attained, so ``<=`` the maximum."""
    best = 0.0
    candidates = [np.ones(W.shape[1])] + [signs_of(row) for row in W[: starts - 1]]
    for s in candidates:
        value = -1.0
        for _ in range(100):
            y = W @ s
            dual = signs_of(y) if beta == "l1" else (y / max(np.linalg.norm(y), 1e-300))
            s_new = signs_of(W.T @ dual)
            new = float(vector_norm(W @ s_new, beta))
            if new <= value * (1 + 1e-12):
                break
            s, value = s_new, new
        best = max(best, value)
    return best


def operator_norm(W: np.ndarray, alpha: str, beta: str, mode: str = "upper") -> tuple[float, bool]:
    """``(value, exact)`` for ``||W||_{α→β}``.

    ``exact`` is True when the value is the norm itself (closed form or enumeration).
    Otherwise the value is an upper bound (``mode="upper"``) or an attained value, a lower
    bound (``mode="lower"``); see the module docstring.
    """
    if alpha not in NORMS or beta not in NORMS:
        raise OptionError(f"norms must be among {NORMS}, got {alpha!r} → {beta!r}")
    if mode not in ("upper", "lower"):
        raise OptionError(f"mode must be 'upper' or 'lower', got {mode!r}")
    W = np.asarray(W, dtype=np.float64)
    if W.size == 0:
        return 0.0, True
    m, n = W.shape
    if alpha == "l1":
        return float(vector_norm(W, beta, axis=0).max()), True
    if beta == "linf":
        return float(vector_norm(W, DUAL[alpha], axis=1).max()), True
    if alpha == "l2" and beta == "l2":
        return spectral_norm(W), True
    if alpha == "l2":  # β = ℓ1: ||W||_{2→1} = ||W^T||_{∞→2}
        return operator_norm(W.T, "linf", "l2", mode)
    if beta == "l1":  # ∞→1, symmetric under transposition: enumerate the shorter side
        short = W if n <= m else W.T
        if short.shape[1] <= MAX_ENUMERATED:
            return _max_over_signs(short, "l1"), True
        if mode == "lower":
            return _ascent_over_signs(W, "l1"), False
        return float(min(np.abs(W).sum(), np.sqrt(m * n) * spectral_norm(W))), False
    # ∞→2
    if n <= MAX_ENUMERATED:
        return _max_over_signs(W, "l2"), True
    if mode == "lower":
        return _ascent_over_signs(W, "l2"), False
    return float(min(np.linalg.norm(np.abs(W).sum(axis=1)), np.sqrt(n) * spectral_norm(W))), False


def nonnegative_operator_norm(M: np.ndarray, alpha: str, beta: str) -> float:
    """``||M||_{α→β}`` for an entrywise non-negative ``M`` (exact for all nine pairs).

    Since ``|M x| <= M |x|`` coordinate-wise, a maximiser can be taken ``>= 0``; on the
    ℓ∞ ball that is ``x = 1``. Also, for ``|J| <= M`` entrywise, ``||J||_{α→β} <=
    ||M||_{α→β}`` in every pair (``|J x| <= M |x|`` and norms are monotone).
    """
    M = np.asarray(M, dtype=np.float64)
    if np.any(M < 0):
        raise ValueError("nonnegative_operator_norm needs an entrywise non-negative matrix")
    if alpha == "linf":
        return float(vector_norm(M.sum(axis=1), beta))
    if alpha == "l2" and beta == "l1":
        return float(np.linalg.norm(M.sum(axis=0)))
    return operator_norm(M, alpha, beta)[0]
