"""Naive product of per-layer operator norms (global upper bound, any norm pair).

For ``f = W_{L-1} ∘ relu ∘ … ∘ relu ∘ W_0`` (biases do not matter) and any
coordinate-wise 1-Lipschitz activation, every Jacobian is ``W_{L-1} D_{L-2} W_{L-2} …
D_0 W_0`` with diagonal ``0 <= D_k <= I``; since ``||D_k||_{α→α} <= 1`` in every ℓp
norm and operator norms are submultiplicative,

    L(f) <= ||W_{L-1}||_{α→β} · ∏_{k<L-1} ||W_k||_{α→α}.

For a direction ``c`` (or a margin) the function is ``c·f`` and the last factor is the
row ``cᵀ W_{L-1}``: ``||W_{L-1}ᵀ c||_{α*}`` — not ``||c||·||W_{L-1}||``, which is
looser. ℓ2 uses spectral norms (largest singular value), never Frobenius norms.

Certified: each factor is the exact operator norm (closed form, SVD or sign
enumeration) or, for a large ``ℓ∞→ℓ1``/``ℓ∞→ℓ2``/``ℓ2→ℓ1`` last layer, a proven upper
bound on it (see :mod:`exactlip.estimators.opnorm`), so the product is a proven bound.
"""

from __future__ import annotations

import numpy as np

from .base import Outcome, Problem
from .opnorm import operator_norm
from .target import Target


def naive_product(weights, target: Target) -> tuple[float, list[float], list[bool]]:
    """``(bound, per-layer factors, whether each factor is exact)``."""
    factors, exact = [], []
    for k, w in enumerate(weights):
        last = k == len(weights) - 1
        matrix = target.last_layer(w) if last else w
        beta = ("l2" if target.scalar else target.output_norm) if last else target.norm
        # a 1-row matrix has the same norm into every output norm: |·| on R
        value, is_exact = operator_norm(matrix, target.norm, beta, mode="upper")
        factors.append(value)
        exact.append(is_exact)
    return float(np.prod(factors)), factors, exact


def run(problem: Problem, target: Target, options: dict) -> Outcome:
    network = problem.require_network("naive")
    value, factors, exact = naive_product(network.weights, target)
    return Outcome(value, True, {"layer_norms": factors, "layer_norms_exact": exact})
