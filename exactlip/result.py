"""The typed result of an exact computation."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np


def finite_or_none(value) -> float | None:
    """``value`` as a float, or None when it is missing or not finite (strict JSON has no inf/NaN)."""
    return None if value is None or not math.isfinite(value) else float(value)


def jsonable(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (np.floating, np.integer, np.bool_)):
        return value.item()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


@dataclass(frozen=True)
class LipschitzResult:
    """A certified bracket ``lower <= L(f, X) <= upper`` and, when it is closed, ``value``.

    * ``value``: the local Lipschitz constant, set only when ``status == "optimal"``
      (it then equals ``lower``, a value recomputed in numpy at ``witness``).
    * ``lower``: verified — the norm of the true Jacobian at a point of X.
    * ``upper``: the solver's proven bound (or a cheap interval bound when the solver
      proved nothing); exact up to the solver's feasibility tolerances.
    * ``status``: ``optimal``, ``time_limit``, ``interrupted``, ``unverified`` (the
      solver finished but its optimum could not be matched by a verified point),
      ``infeasible`` or ``error``.
    * ``witness``/``pattern``/``direction``: the point, its activation pattern (one
      0/1 list per hidden layer) and the output direction ``c`` attaining ``lower``.
    * ``stats``: sizes (variables, binaries, constraints, unstable neurons), solver
      nodes and seconds spent on bounds, build, solve and certification.
    """

    value: float | None
    lower: float
    upper: float | None
    status: str
    witness: np.ndarray | None
    pattern: list[list[int]] | None
    direction: np.ndarray | None
    norm: dict
    stats: dict = field(default_factory=dict)
    message: str = ""

    @property
    def gap(self) -> float | None:
        return None if self.upper is None else self.upper - self.lower

    def to_dict(self) -> dict:
        return jsonable(
            {
                "value": self.value,
                "lower": self.lower,
                "upper": self.upper,
                "status": self.status,
                "witness": self.witness,
                "pattern": self.pattern,
                "direction": self.direction,
                "norm": self.norm,
                "stats": self.stats,
                "message": self.message,
            }
        )
