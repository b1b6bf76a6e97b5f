"""Which Lipschitz constant an estimator bounds: input norm, output norm or direction.

A :class:`Target` is the estimators' counterpart of :class:`~exactlip.norms.NormSpec`,
with ℓ2 allowed on either side:

* ``c`` given (or ``margin=(i, j)``, ``c = e_i − e_j``, or a scalar output, ``c = [1]``):
  the constant of ``x ↦ c·f(x)``, i.e. ``sup ||J^T c||_{α*}`` (α* the dual of the input
  norm α); ``output_norm`` plays no role.
* otherwise the operator norm ``sup ||J||_{α→β}`` with β = ``output_norm`` (default α).

:meth:`Target.jacobian_value` evaluates one Jacobian exactly where that is tractable and
otherwise returns an attained value (a lower bound), with a flag saying which.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..norms import NormSpec, parse_norm, resolve_norm_spec
from .opnorm import DUAL, identity_norm, operator_norm, vector_norm


@dataclass(frozen=True, eq=False)
class Target:
    norm: str
    output_norm: str
    output_dim: int
    c: np.ndarray | None = None
    margin: tuple[int, int] | None = None

    @property
    def scalar(self) -> bool:
        """Whether the constant is of the scalar function ``c·f`` (a fixed direction)."""
        return self.c is not None

    @property
    def pair(self) -> tuple[str, str | None]:
        """``(α, β)`` with β None for a fixed direction ``c``."""
        return self.norm, (None if self.scalar else self.output_norm)

    def describe(self) -> str:
        if self.margin is not None:
            return f"{self.norm}, margin f[{self.margin[0]}] - f[{self.margin[1]}]"
        if self.scalar and self.output_dim > 1:
            return f"{self.norm}, c·f"
        if self.scalar:
            return f"{self.norm} → |·|"
        return f"{self.norm} → {self.output_norm}"

    def with_norms(self, norm: str, output_norm: str | None = None) -> "Target":
        """The same direction (if any) with other norms."""
        out = self.output_norm if output_norm is None else output_norm
        return Target(norm, out, self.output_dim, self.c, self.margin)

    def row(self, index: int) -> "Target":
        """The scalar target ``c = e_index`` (one output coordinate)."""
        c = np.zeros(self.output_dim)
        c[index] = 1.0
        return Target(self.norm, self.output_norm, self.output_dim, c)

    def direction_spec(self) -> NormSpec:
        """The direction set C as a :class:`NormSpec` (needs β ∈ {ℓ1, ℓ∞} unless scalar)."""
        if self.scalar:
            return NormSpec(self.norm, self.output_dim, "vector", c=self.c)
        if self.output_norm == "l2":
            raise ValueError("the ℓ2 output ball has no finite direction set")
        return NormSpec(self.norm, self.output_dim, "rows" if self.output_norm == "linf" else "signs")

    def last_layer(self, weight: np.ndarray) -> np.ndarray:
        """``cᵀ W`` as a 1-row matrix for a fixed direction, else ``W`` itself."""
        return weight if not self.scalar else (self.c @ weight)[None, :]

    def jacobian_value(self, jacobian: np.ndarray) -> tuple[float, bool]:
        """``(value, exact)``: ``||Jᵀc||_{α*}`` or ``||J||_{α→β}`` of one Jacobian ``[m, n]``.

        ``exact=False`` only for the NP-hard mixed norms of a large Jacobian, where the
        value is attained by a sign vector (so it is still a lower bound on the norm).
        """
        jacobian = np.asarray(jacobian, dtype=np.float64)
        if self.scalar:
            return float(vector_norm(self.c @ jacobian, DUAL[self.norm])), True
        return operator_norm(jacobian, self.norm, self.output_norm, mode="lower")

    def to_dict(self) -> dict:
        return {
            "norm": self.norm,
            "output_norm": None if self.scalar and self.output_dim > 1 else self.output_norm,
            "c": None if self.c is None else self.c.tolist(),
            "margin": None if self.margin is None else list(self.margin),
        }


def resolve_target(norm, output_dim: int, output_norm=None, c=None, margin=None) -> Target:
    """Validate the user's norm arguments (ℓ1, ℓ2, ℓ∞; ``c`` or ``margin`` or
    ``output_norm``) as :func:`~exactlip.norms.resolve_norm_spec` does, with ℓ2 allowed."""
    alpha = parse_norm(norm, "norm", exact=False)
    beta = alpha if output_norm is None else parse_norm(output_norm, "output_norm", exact=False)
    if c is None and margin is None:
        if output_dim == 1:
            return Target(alpha, beta, 1, np.ones(1))
        return Target(alpha, beta, output_dim)
    # c and margin are validated by the exact engine's resolver (the input norm plays no role there)
    spec = resolve_norm_spec("linf", output_dim, c=c, margin=margin)
    return Target(alpha, beta, output_dim, np.array(spec.c), spec.margin)


def conversion_factor(native: Target, requested: Target, input_dim: int) -> tuple[float, float]:
    """``(input_factor, output_factor)`` with ``||J||_{α→β} <= in · ||J||_{α0→β0} · out``:
    ``in = ||I_n||_{α→α0}`` and ``out = ||I_m||_{β0→β}`` (1 for a fixed direction)."""
    factor_in = identity_norm(input_dim, requested.norm, native.norm)
    factor_out = 1.0 if requested.scalar else identity_norm(requested.output_dim, native.output_norm, requested.output_norm)
    return factor_in, factor_out
