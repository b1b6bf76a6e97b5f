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

:func:`naive_product_torch` is the same bound as a differentiable function of torch
weight tensors (a training penalty), for the pairs whose factors have closed forms:
``ℓ∞→ℓ∞`` (largest row ℓ1 norm), ``ℓ1→ℓ1`` (largest column ℓ1 norm), ``ℓ2→ℓ2``
(largest singular value), and a direction ``c`` with any input norm.
"""

from __future__ import annotations

import numpy as np

from ..errors import OptionError
from .base import Outcome, Problem
from .opnorm import DUAL, operator_norm
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


def naive_product_torch(weights, norm: str = "linf", c=None):
    """The naive bound ``||W_{L-1}||_{α→α} ∏_k ||W_k||_{α→α}`` as a differentiable torch scalar.

    ``weights``: torch tensors ``W_k`` shaped ``[out, in]`` (e.g. ``linear.weight`` of each
    layer, in order); ``norm`` α ∈ {``"linf"``, ``"l1"``, ``"l2"``} on input and output.
    With a direction ``c`` (a tensor or array of the output size) the last factor is
    ``||W_{L-1}ᵀ c||_{α*}``, the bound for ``c·f``. Equal to :func:`naive_product` with
    the same norms up to rounding; its (sub)gradient flows through the maximising row,
    column or singular pair of each layer.
    """
    if norm not in ("linf", "l1", "l2"):
        raise OptionError(f"norm must be 'linf', 'l1' or 'l2' for naive_product_torch, got {norm!r}")
    weights = list(weights)
    if not weights:
        raise OptionError("naive_product_torch needs at least one weight matrix")
    total = None
    for k, w in enumerate(weights):
        if k == len(weights) - 1 and c is not None:
            row = w.new_tensor(c) @ w if not hasattr(c, "detach") else c.to(w) @ w
            factor = _torch_vector_norm(row, DUAL[norm])
        elif norm == "linf":
            factor = w.abs().sum(dim=1).max()
        elif norm == "l1":
            factor = w.abs().sum(dim=0).max()
        else:
            import torch

            factor = torch.linalg.matrix_norm(w, ord=2)
        total = factor if total is None else total * factor
    return total


def _torch_vector_norm(v, norm: str):
    if norm == "l1":
        return v.abs().sum()
    if norm == "linf":
        return v.abs().max()
    return v.square().sum().sqrt()


def run(problem: Problem, target: Target, options: dict) -> Outcome:
    value, factors, exact = naive_product(problem.require_relu_chain("naive"), target)
    return Outcome(value, True, {"layer_norms": factors, "layer_norms_exact": exact})
