"""The certification problem at one point and the decision rule at one radius.

Let ``y`` be the class predicted at ``x0`` (or the given ``label``; when the label is
not the prediction nothing is certified). For every other class ``j`` the margin
``g_j = f_y − f_j`` satisfies, on a set ``B`` that contains ``x0`` and is convex,

    g_j(x) >= g_j(x0) − L_j ||x − x0||_α        for x in B,

where ``L_j = sup_{x∈B} sup_{∇∈∂g_j(x)} ||∇||_{α*}`` (Clarke's mean value theorem along
the segment ``[x0, x] ⊂ B``). Any certified upper bound of ``L_j`` over a box containing
``B`` may stand in for it: the upper end of the exact bracket of
:func:`exactlip.lipschitz` with ``margin=(y, j)``, or a bound-propagation bound.

* ``α = ℓ∞``: the ball ``{||x − x0||_∞ <= r}`` (intersected with the clip box) *is* a box.
* ``α = ℓ1``: the ℓ1 ball is not a box; the constant is taken over the enclosing ℓ∞
  box of the same radius (clipped). That box contains the ℓ1 ball, so its constant is
  a sound (possibly larger) constant for the ball.

Decision at radius ``r``. With ``reach(r) = sup_{x∈B} ||x − x0||_α = min(r, D)`` (``D``
the farthest the clip box reaches from ``x0`` in the norm α; ``D = ∞`` without clip),
the prediction is certified when for every ``j ≠ y``

    m_j − E_j − Δ_y(r) − Δ_j(r) − (1 + REL) · U_j(r) · reach(r) > ABS · (1 + |m_j|),

* ``m_j``: the margin at ``x0`` computed in float64, ``E_j`` a rigorous bound on that
  computation's rounding error: ``2 (δ_y + δ_j) + 2u|m_j|`` with ``δ`` the float64
  :func:`~exactlip.robustness.rounding.rounding_bound` at the point (standard ``γ_n``
  bounds of dot products, layer by layer) and ``u = 2^-53``;
* ``Δ_i(r)``: :func:`~exactlip.robustness.rounding.rounding_bound` over the ball's box
  in the chosen arithmetic (0 for ``"real"``);
* ``U_j(r)``: a certified *upper* bound of ``L_j`` over the box (never a lower bound or
  a non-optimal incumbent), so a time-limited solve still gives a sound statement;
* ``REL = 1e-6`` (covers the solver's tolerances on ``U``) and ``ABS = 1e-9``.

The other side. When ``m_j + E_j <= lower_j(r) · reach(r)`` for a verified lower bound
``lower_j`` of ``L_j`` over the box, no Lipschitz certificate over that box (with any
valid constant) can succeed: the radius is *refuted*.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._arrays import as_float_array
from ..domain import Box
from ..errors import DomainError, ShapeError
from ..network.ir import Network
from ..norms import dual_norm_value
from .rounding import UNIT_ROUNDOFF, rounding_bound

LIPSCHITZ_REL_SLACK = 1e-6
MARGIN_ABS_SLACK = 1e-9


@dataclass(eq=False)
class CertificationProblem:
    """The point, the class to certify, the margins at the point and the ball's geometry.

    ``margins[j]`` = ``f_y(x0) − f_j(x0)`` in float64, ``margin_errors[j]`` its rounding
    bound ``E_j``, ``gradient_norms[j]`` = ``||∇g_j(x0)||_{α*}`` (a lower bound of ``L_j``
    over every box around ``x0``, like the exact engine's sampled ones); ``box_cap`` the
    ℓ∞ radius beyond which the clipped box stops growing, ``reach_cap`` = ``D`` =
    ``sup ||x − x0||_α`` over the clip box (``inf`` without clip)."""

    network: Network
    center: np.ndarray
    label: int
    others: list[int]
    norm: str
    clip: tuple[float, float] | None
    arithmetic: str
    logits: np.ndarray
    margins: dict
    margin_errors: dict
    gradient_norms: dict
    box_cap: float
    reach_cap: float

    def box(self, radius: float) -> Box:
        """The box the constants are taken over: the (clipped) ℓ∞ ball of ``radius``."""
        return Box.linf_ball(self.center, min(radius, self.box_cap), clip=self.clip)

    def reach(self, radius: float) -> float:
        return min(radius, self.reach_cap)

    def rounding(self, radius: float) -> np.ndarray:
        """``Δ`` per output over the ball of ``radius``."""
        return rounding_bound(self.network, self.box(radius), self.arithmetic)

    def slack(self, j: int, upper: float, radius: float, delta: np.ndarray) -> tuple[float, float]:
        """``(slack, Δ_y + Δ_j)`` of the decision rule for class ``j`` with the constant
        ``upper``; a positive slack certifies class ``j`` at ``radius``."""
        m = self.margins[j]
        rounding = float(delta[self.label] + delta[j])
        lipschitz_term = 0.0 if self.reach(radius) == 0 else (1 + LIPSCHITZ_REL_SLACK) * upper * self.reach(radius)
        return m - self.margin_errors[j] - rounding - lipschitz_term - MARGIN_ABS_SLACK * (1 + abs(m)), rounding

    def refuted(self, j: int, lower: float | None, radius: float) -> bool:
        """Whether the verified lower bound ``lower`` rules out every Lipschitz certificate."""
        return lower is not None and self.margins[j] + self.margin_errors[j] <= lower * self.reach(radius)

    def apriori_limit(self) -> float:
        """``min_j (m_j + E_j) / ||∇g_j(x0)||_{α*}``: no valid constant is below the gradient
        norm at the centre, so no radius beyond this can be certified (``inf`` if every
        gradient vanishes)."""
        limits = []
        for j in self.others:
            g = self.gradient_norms[j]
            limits.append(math.inf if g == 0 else (self.margins[j] + self.margin_errors[j]) / g)
        return min(limits)


def _checked_clip(clip, x0: np.ndarray) -> tuple[float, float] | None:
    """``clip`` as a pair of finite floats ``low <= high`` that contains the centre."""
    if clip is None:
        return None
    try:
        clip = tuple(float(v) for v in clip)
    except (TypeError, ValueError):
        raise DomainError(f"clip must be a pair (low, high), got {clip!r}") from None
    if len(clip) != 2 or not (math.isfinite(clip[0]) and math.isfinite(clip[1])) or clip[0] > clip[1]:
        raise DomainError(f"clip must be a pair (low, high) of finite numbers with low <= high, got {clip!r}")
    outside = np.flatnonzero((x0 < clip[0]) | (x0 > clip[1]))
    if outside.size:
        i = int(outside[0])
        raise DomainError(f"center[{i}]={float(x0[i])!r} lies outside the clip range {clip!r}; the centre must be inside it")
    return clip


def build_problem(network: Network, center, norm: str, clip, label: int | None, arithmetic: str) -> CertificationProblem:
    """Check the centre and the clip range, evaluate the margins at the centre and bound
    their rounding (``E_j``)."""
    x0 = as_float_array(center, "center", ndim=1)
    if x0.size != network.input_dim:
        raise ShapeError(f"center has {x0.size} coordinates but the network takes {network.input_dim} inputs")
    if network.output_dim < 2:
        raise ShapeError(
            f"certify needs a classifier with at least 2 outputs (one logit per class); the network has {network.output_dim}"
        )
    clip = _checked_clip(clip, x0)
    logits = network.forward(x0)
    y = int(np.argmax(logits)) if label is None else label
    others = [j for j in range(network.output_dim) if j != y]
    point_error = 2.0 * rounding_bound(network, Box(x0, x0), "float64")
    margins = {j: float(logits[y] - logits[j]) for j in others}
    errors = {j: float(point_error[y] + point_error[j] + 2 * UNIT_ROUNDOFF["float64"] * abs(margins[j])) for j in others}
    jac = network.jacobian(x0)
    gradient_norms = {j: float(dual_norm_value(jac[y] - jac[j], norm)) for j in others}
    if clip is None:
        box_cap = reach_cap = math.inf
    else:
        far = np.maximum(x0 - clip[0], clip[1] - x0)
        box_cap = float(np.max(far))
        reach_cap = box_cap if norm == "linf" else float(np.sum(far))
    return CertificationProblem(
        network, x0, y, others, norm, clip, arithmetic, logits, margins, errors, gradient_norms, box_cap, reach_cap
    )
