"""Answering a norm question with an estimator that works in other norms.

Every ``J`` satisfies, for any norms,

    ||J||_{α→β} <= ||I_n||_{α→α0} · ||J||_{α0→β0} · ||I_m||_{β0→β},

with ``||I_d||_{p→q} = 1`` when p ≤ q and ``d^{1/q−1/p}`` otherwise (ℓ∞→ℓ2: √d,
ℓ∞→ℓ1: d, ℓ2→ℓ1: √d); a bound on the sup over the Jacobians in ``α0→β0`` becomes one
in ``α→β`` (for a direction ``c`` the output factor is 1). Two sharper identities are
used where they apply:

* **rows** — ``||J||_{α→∞} = max_j ||Jᵀ e_j||_{α*}``: a method that accepts a
  direction answers an ℓ∞-output question as the maximum over the m output coordinates
  (times the input factor only);
* **interpolation** — for every ``J``: ``||J||_{2→2}² <= ||J||_{1→1} ||J||_{∞→∞}``
  (``ρ(JᵀJ) <= ||JᵀJ||_∞ <= ||Jᵀ||_∞ ||J||_∞``), ``||g||_2² <= ||g||_1 ||g||_∞`` for a
  single row, and ``||J||_{2→∞}² <= ||J||_{∞→∞} ||J||_{1→∞}`` row by row; so an ℓ1/ℓ∞
  method bounds the ℓ2 question by the square root of the product of its two bounds.

Every candidate is a proven consequence of the native bounds, so certification carries
over; the smallest candidate is reported and ``details["conversion"]`` lists all of
them with their factors.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from .base import Outcome
from .opnorm import identity_norm
from .target import Target

ANY, L2_ONLY, L1_LINF = "any", "l2", "l1/linf"
MAX_ROWS = 16


def _label(target: Target) -> str:
    return f"{target.norm}→{'c' if target.scalar else target.output_norm}"


def is_native(native: str, target: Target) -> bool:
    if native == ANY:
        return True
    if native == L2_ONLY:
        return target.norm == "l2" and (target.scalar or target.output_norm == "l2")
    return target.norm != "l2" and (target.scalar or target.output_norm != "l2")


def evaluate(native: str, compute: Callable[[Target], Outcome], target: Target, input_dim: int) -> Outcome:
    """``compute`` in the method's own norms, converted to ``target`` if needed."""
    if is_native(native, target):
        return compute(target)
    if native == L2_ONLY:
        return _from_l2(compute, target, input_dim)
    return _from_l1_linf(compute, target, input_dim)


def _combine(target: Target, candidates: list[dict], outcomes: dict[str, Outcome]) -> Outcome:
    best = min(candidates, key=lambda cand: cand["value"])
    used = [outcomes[name] for name in best["uses"]]
    details = {
        "conversion": {"requested": _label(target), "chosen": best["formula"], "candidates": candidates},
        "native": {name: {"value": out.value, "certified": out.certified, "details": out.details} for name, out in outcomes.items()},
    }
    return Outcome(best["value"], all(out.certified for out in used), details)


def _from_l2(compute, target: Target, n: int) -> Outcome:
    factor_in = identity_norm(n, target.norm, "l2")
    if not target.scalar and target.output_norm == "linf" and target.output_dim <= MAX_ROWS:
        outcomes = {f"l2→c=e{j}": compute(target.row(j).with_norms("l2")) for j in range(target.output_dim)}
        value = factor_in * max(out.value for out in outcomes.values())
        cand = {"formula": f"||I_n||_{{{target.norm}→l2}} · max_j L_2(e_j·f)", "input_factor": factor_in,
                "output_factor": 1.0, "value": value, "uses": list(outcomes)}
        return _combine(target, [cand], outcomes)
    native = target.with_norms("l2", "l2")
    out = compute(native)
    factor_out = 1.0 if target.scalar else identity_norm(target.output_dim, "l2", target.output_norm)
    formula = f"||I_n||_{{{target.norm}→l2}} · L_{_label(native)}"
    if not target.scalar:
        formula += f" · ||I_m||_{{l2→{target.output_norm}}}"
    cand = {"formula": formula, "input_factor": factor_in, "output_factor": factor_out,
            "value": factor_in * out.value * factor_out, "uses": [_label(native)]}
    return _combine(target, [cand], {_label(native): out})


def _from_l1_linf(compute, target: Target, n: int) -> Outcome:
    m = target.output_dim
    outcomes: dict[str, Outcome] = {}

    def get(alpha: str, beta: str | None) -> Outcome:
        t = target.with_norms(alpha, beta)
        key = _label(t)
        if key not in outcomes:
            outcomes[key] = compute(t)
        return outcomes[key]

    candidates = []

    def scaled(alpha: str, beta: str | None) -> None:
        out = get(alpha, beta)
        f_in = identity_norm(n, target.norm, alpha)
        f_out = 1.0 if target.scalar else identity_norm(m, beta, target.output_norm)
        label = _label(target.with_norms(alpha, beta))
        candidates.append({"formula": f"{f_in:.6g} · L_{label} · {f_out:.6g}", "input_factor": f_in, "output_factor": f_out,
                           "value": f_in * out.value * f_out, "uses": [label]})

    def interpolated(first: tuple, second: tuple) -> None:
        a, b = get(*first), get(*second)
        la, lb = _label(target.with_norms(*first)), _label(target.with_norms(*second))
        candidates.append({"formula": f"sqrt(L_{la} · L_{lb})", "input_factor": 1.0, "output_factor": 1.0,
                           "value": float(np.sqrt(a.value * b.value)), "uses": [la, lb]})

    if target.norm != "l2":  # α ∈ {ℓ1, ℓ∞}, β = ℓ2: ||y||_2 <= ||y||_1
        scaled(target.norm, "l1")
    elif target.scalar:
        interpolated(("linf", None), ("l1", None))
        scaled("linf", None)
    elif target.output_norm == "l2":
        interpolated(("linf", "linf"), ("l1", "l1"))
        scaled("linf", "l1")
    elif target.output_norm == "linf":
        interpolated(("linf", "linf"), ("l1", "linf"))
        scaled("linf", "linf")
    else:  # ℓ2 → ℓ1: ||x||_∞ <= ||x||_2 on the input side
        scaled("linf", "l1")
    return _combine(target, candidates, outcomes)
