"""Norm specifications: which Lipschitz constant is asked for.

The input norm α is ``"linf"`` or ``"l1"``. The constant of a map ``f: R^n → R^m`` on a
set X is ``sup_{x ∈ X} sup_{J ∈ ∂f(x)} ||J||_{α→β}`` and, by duality,

    ||J||_{α→β} = max_{||c||_{β*} <= 1} ||J^T c||_{α*},

with ``linf* = l1`` and ``l1* = linf``. The maximum over ``c`` is attained at a vertex
of the dual ball, and the objective is even in ``c``, so a finite *direction set* C
suffices:

* ``c=`` a fixed vector, or ``margin=(i, j)`` (``c = e_i - e_j``): C = {c};
* ``output_norm="linf"`` (β* = ℓ1, vertices ±e_i): C = {e_1, …, e_m}  ("rows");
* ``output_norm="l1"``  (β* = ℓ∞, vertices {±1}^m): C = {c : c_1 = 1, c_j = ±1}
  ("signs"; fixing c_1 = 1 uses the symmetry c ↦ −c).

A scalar-output network with none of these uses C = {[1]}. Every direction set is
the image of binary vectors: ``c = offset + basis @ s`` with ``s ∈ {0,1}^k`` (and
``sum(s) = 1`` for "rows"), which is how the MIP makes ``c`` a variable.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from ._arrays import as_float_array
from .errors import NormError, ShapeError

EXACT_NORMS = ("linf", "l1")
ESTIMATOR_NORMS = ("linf", "l1", "l2")
DUAL_NORM = {"linf": "l1", "l1": "linf", "l2": "l2"}
_ALIASES = {"linf": "linf", "inf": "linf", "l_inf": "linf", "l∞": "linf", "l1": "l1", "1": "l1", "l_1": "l1"}
_L2_NAMES = {"l2", "2", "l_2", "spectral"}
# ||J||_{∞→1} is found by enumerating sign vectors of the shorter side up to this length.
MAX_ENUMERATED_SIGNS = 16


def sign_vectors(length: int) -> np.ndarray:
    """All of {±1}^length, one per row."""
    return np.array(list(itertools.product((1.0, -1.0), repeat=length))).reshape(-1, length)


def signs_of(v: np.ndarray) -> np.ndarray:
    """sign(v) with sign(0) = +1."""
    return np.where(v >= 0, 1.0, -1.0)


def parse_norm(value, argument: str = "norm", exact: bool = True) -> str:
    """Map a user's norm name to ``"linf"``, ``"l1"`` or (with ``exact=False``, for the
    estimators) ``"l2"``; explain ℓ2 to the exact engine and refuse anything else."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        key = "linf" if value == np.inf else str(int(value)) if float(value).is_integer() else str(value)
    else:
        key = str(value).strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    if key in _L2_NAMES and not exact:
        return "l2"
    if key in _L2_NAMES:
        raise NormError(
            f"{argument}={value!r}: the ℓ2 norm is not computed exactly by exactlip today; "
            f"exact norms are {', '.join(repr(n) for n in EXACT_NORMS)} (ℓ2 upper bounds come from the estimators)"
        )
    allowed = EXACT_NORMS if exact else ESTIMATOR_NORMS
    raise NormError(f"{argument}={value!r} is not a known norm; allowed: {', '.join(repr(n) for n in allowed)}")


def dual_norm_value(vector: np.ndarray, norm: str) -> np.ndarray:
    """``||v||_{norm*}`` along the last axis: ℓ1 for ``"linf"``, ℓ∞ for ``"l1"``, ℓ2 for ``"l2"``."""
    if norm == "l2":
        return np.sqrt(np.sum(np.square(vector), axis=-1))
    vector = np.abs(vector)
    return vector.sum(axis=-1) if norm == "linf" else vector.max(axis=-1)


@dataclass(frozen=True, eq=False)
class NormSpec:
    """A resolved request: input norm, output dimension and direction set C.

    ``kind`` is ``"vector"`` (fixed c), ``"rows"`` (C = {e_i}) or ``"signs"``
    (C = {c : c_1 = 1, c_j = ±1}); ``c`` is the fixed vector for ``"vector"``.
    """

    norm: str
    output_dim: int
    kind: str
    c: np.ndarray | None = None
    output_norm: str | None = None
    margin: tuple[int, int] | None = None

    # ----- the direction set as an image of binaries --------------------------------
    @property
    def num_direction_binaries(self) -> int:
        if self.kind == "vector":
            return 0
        return self.output_dim if self.kind == "rows" else self.output_dim - 1

    def direction_offset_and_basis(self) -> tuple[np.ndarray, np.ndarray]:
        """``(offset, basis)`` with ``c = offset + basis @ s``, ``s`` binary."""
        m = self.output_dim
        if self.kind == "vector":
            return self.c.copy(), np.zeros((m, 0))
        if self.kind == "rows":
            return np.zeros(m), np.eye(m)
        offset = -np.ones(m)
        offset[0] = 1.0
        return offset, 2.0 * np.eye(m)[:, 1:]

    def binaries_of_direction(self, c: np.ndarray) -> np.ndarray:
        """The ``s`` with ``offset + basis @ s == c`` for a member ``c`` of C."""
        if self.kind == "vector":
            return np.zeros(0)
        if self.kind == "rows":
            return (np.abs(c) > 0.5).astype(np.float64)
        return (c[1:] > 0).astype(np.float64)

    def direction_range(self, matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Exact coordinate-wise min and max of ``matrix @ c`` over c ∈ C (``matrix`` is ``[k, m]``)."""
        if self.kind == "vector":
            v = matrix @ self.c
            return v, v.copy()
        if self.kind == "rows":
            return matrix.min(axis=1), matrix.max(axis=1)
        spread = np.abs(matrix[:, 1:]).sum(axis=1)
        return matrix[:, 0] - spread, matrix[:, 0] + spread

    # ----- exact value of one Jacobian ------------------------------------------
    def best_direction(self, jacobian: np.ndarray) -> tuple[float, np.ndarray]:
        """``max_{c ∈ C} ||J^T c||_{α*}`` and a maximising ``c``.

        "signs" (output ℓ1): for α = 1 the maximum is the largest column ℓ1 norm, with
        ``c`` the signs of that column. For α = ∞ it is ``max_{c ∈ {±1}^m} ||J^T c||_1
        = max_{x ∈ {±1}^n} ||J x||_1``, enumerated over the shorter side when that has at
        most ``MAX_ENUMERATED_SIGNS`` entries; beyond that an alternating ascent
        (``x = sign(J^T c)``, ``c = sign(J x)``) returns a value attained by a member of
        C — a valid lower bound, not always the maximum.
        """
        jacobian = np.asarray(jacobian, dtype=np.float64)
        if self.kind == "vector":
            return float(dual_norm_value(self.c @ jacobian, self.norm)), self.c.copy()
        if self.kind == "rows":
            values = dual_norm_value(jacobian, self.norm)
            i = int(np.argmax(values))
            return float(values[i]), np.eye(self.output_dim)[i]
        if self.norm == "l1":
            i = int(np.argmax(np.abs(jacobian).sum(axis=0)))
            return self._attained(jacobian, signs_of(jacobian[:, i]))
        m, n = jacobian.shape
        if min(m - 1, n) <= MAX_ENUMERATED_SIGNS:
            if m - 1 <= n:
                candidates = np.hstack([np.ones((2 ** (m - 1), 1)), sign_vectors(m - 1)])
                values = dual_norm_value(candidates @ jacobian, self.norm)
                return float(values.max()), candidates[int(np.argmax(values))]
            images = sign_vectors(n) @ jacobian.T
            return self._attained(jacobian, signs_of(images[int(np.argmax(np.abs(images).sum(axis=1)))]))
        return self._alternating_ascent(jacobian)

    def _attained(self, jacobian: np.ndarray, c: np.ndarray) -> tuple[float, np.ndarray]:
        c = c * c[0]
        return float(dual_norm_value(c @ jacobian, self.norm)), c

    def _alternating_ascent(self, jacobian: np.ndarray) -> tuple[float, np.ndarray]:
        best_value, best_c = -1.0, None
        for start in np.vstack([np.ones(self.output_dim), signs_of(jacobian.T).T[: min(8, jacobian.shape[1])]]):
            c, value = signs_of(start), -1.0
            while True:
                c = signs_of(jacobian @ signs_of(c @ jacobian))
                new = float(dual_norm_value(c @ jacobian, self.norm))
                if new <= value * (1 + 1e-12):
                    break
                value = new
            if value > best_value:
                best_value, best_c = self._attained(jacobian, c)
        return best_value, best_c

    def value(self, jacobian: np.ndarray) -> float:
        return self.best_direction(jacobian)[0]

    def values(self, jacobians: np.ndarray) -> np.ndarray:
        """:meth:`value` for a batch ``[batch, m, n]`` (vectorised where the kind allows)."""
        if self.kind == "vector":
            return dual_norm_value(np.tensordot(jacobians, self.c, axes=([1], [0])), self.norm)
        if self.kind == "rows":
            return dual_norm_value(jacobians, self.norm).max(axis=1)
        return np.array([self.best_direction(j)[0] for j in jacobians])

    def row(self, index: int) -> "NormSpec":
        """The scalar problem of output ``index`` (c = e_index): the constant for
        ``"rows"`` is the largest of these (each is sign-symmetric)."""
        c = np.zeros(self.output_dim)
        c[index] = 1.0
        return NormSpec(self.norm, self.output_dim, "vector", c=c, output_norm=self.output_norm)

    def to_dict(self) -> dict:
        return {
            "norm": self.norm,
            "output_norm": self.output_norm,
            "c": None if self.c is None else self.c.tolist(),
            "margin": None if self.margin is None else list(self.margin),
            "kind": self.kind,
        }


def resolve_norm_spec(norm, output_dim: int, output_norm=None, c=None, margin=None) -> NormSpec:
    """Validate the user's norm arguments and build the :class:`NormSpec`.

    ``c`` and ``margin`` exclude each other; either makes the function scalar, so an
    ``output_norm`` given with them is checked but has no effect (every norm on R is
    |·|). With none of them a scalar output uses ``c = [1]`` and a vector output
    uses ``output_norm`` (default: ``norm``).
    """
    alpha = parse_norm(norm, "norm")
    beta = alpha if output_norm is None else parse_norm(output_norm, "output_norm")
    if c is not None and margin is not None:
        raise NormError("give c or margin, not both: each fixes the output direction")
    if c is not None:
        vec = as_float_array(c, "c", ndim=1)
        if vec.size != output_dim:
            raise ShapeError(f"c has {vec.size} entries but the network has {output_dim} outputs")
        return NormSpec(alpha, output_dim, "vector", c=vec)
    if margin is not None:
        try:
            label, other = (int(v) for v in margin)
        except (TypeError, ValueError):
            raise NormError(f"margin must be a pair of output indices (label, other), got {margin!r}") from None
        for name, idx in (("label", label), ("other", other)):
            if not 0 <= idx < output_dim:
                raise NormError(f"margin {name} index {idx} is out of range for {output_dim} outputs (0…{output_dim - 1})")
        if label == other:
            raise NormError(f"margin needs two different outputs, got ({label}, {other})")
        vec = np.zeros(output_dim)
        vec[label], vec[other] = 1.0, -1.0
        return NormSpec(alpha, output_dim, "vector", c=vec, margin=(label, other))
    if output_dim == 1:
        return NormSpec(alpha, 1, "vector", c=np.ones(1), output_norm=beta)
    kind = "rows" if beta == "linf" else "signs"
    return NormSpec(alpha, output_dim, kind, output_norm=beta)
