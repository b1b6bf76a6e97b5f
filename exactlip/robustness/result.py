"""The typed results of :func:`~exactlip.robustness.certify`: per class, per radius,
per estimator, the attack, and the certificate itself (each with a strict-JSON ``to_dict``)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..result import finite_or_none, jsonable
from .problem import LIPSCHITZ_REL_SLACK, MARGIN_ABS_SLACK


@dataclass(frozen=True)
class ClassBound:
    """One competing class ``j`` at one radius.

    ``margin`` = ``f_y(x0) − f_j(x0)`` (float64), ``margin_error`` its rounding bound,
    ``rounding`` = ``Δ_y + Δ_j`` over the ball; ``lower``/``upper`` the bracket of the
    margin's Lipschitz constant: the exact bracket of a solve, or for a class the screen
    certified the gradient norm at the centre and the bound-propagation bound (``lower``
    None for an estimator or at radius 0); ``status`` the solve's status, ``"screened"``
    (no solve), ``"not_needed"`` (radius 0) or ``"certified"``/``"uncertified"`` for an
    estimator; ``slack`` = the left-hand side minus the right-hand side of the decision
    rule (positive: certified for this class); ``source`` where ``upper`` comes from:
    ``"exact"`` (optimal solve), ``"exact-upper-bound (time limit)"`` (or another
    status), ``"bound_propagation"`` (the screen), an estimator's name, or ``"none"``.
    """

    cls: int
    margin: float
    margin_error: float
    rounding: float
    lower: float | None
    upper: float
    status: str
    slack: float
    seconds: float = 0.0
    source: str = "none"

    def to_dict(self) -> dict:
        return jsonable(
            {
                "class": self.cls,
                "margin": self.margin,
                "margin_error": self.margin_error,
                "rounding": self.rounding,
                "lower": self.lower,
                "upper": finite_or_none(self.upper),
                "status": self.status,
                "slack": finite_or_none(self.slack),
                "seconds": self.seconds,
                "source": self.source,
            }
        )


@dataclass(frozen=True)
class Evaluation:
    """The decision at one radius: ``certified`` (every class's slack > 0), ``refuted``
    (a verified lower bound already rules out any Lipschitz certificate), and the
    classes evaluated: those the screen certified, then those solved, in the order
    solved (it stops at the first class that fails)."""

    radius: float
    certified: bool
    refuted: bool
    classes: tuple[ClassBound, ...]

    @property
    def binding(self) -> ClassBound | None:
        return min(self.classes, key=lambda c: c.slack) if self.classes else None

    def to_dict(self) -> dict:
        return {
            "radius": self.radius,
            "certified": self.certified,
            "refuted": self.refuted,
            "classes": [c.to_dict() for c in self.classes],
        }


@dataclass(frozen=True)
class EstimatorRadius:
    """The radius one upper-bound estimator certifies, with the same decision rule.

    ``radius_certified`` says whether it certifies the given radius (None when none was
    given); ``certified`` is False when the estimator itself reported an uncertified value (the
    radius is then only indicative); ``values`` are its constants per class at
    ``radius`` (or at the smallest radius tried when it certifies none)."""

    method: str
    radius: float
    radius_certified: bool | None
    certified: bool
    local: bool
    values: dict
    evaluations: int
    seconds: float
    note: str = ""

    def to_dict(self) -> dict:
        return jsonable(
            {
                "method": self.method,
                "radius": finite_or_none(self.radius),
                "covers_clip_box": math.isinf(self.radius),
                "radius_certified": self.radius_certified,
                "certified": self.certified,
                "local": self.local,
                "values": {str(k): v for k, v in self.values.items()},
                "evaluations": self.evaluations,
                "seconds": self.seconds,
                "note": self.note,
            }
        )


@dataclass(frozen=True)
class AttackResult:
    """The closest adversarial point the attack found (``point`` None when none was found
    up to ``searched_radius``). ``radius`` is its distance ``||point − x0||_α``."""

    searched_radius: float
    radius: float | None
    point: np.ndarray | None
    adversarial_class: int | None
    margin: float | None
    seconds: float

    def to_dict(self) -> dict:
        return jsonable(
            {
                "searched_radius": finite_or_none(self.searched_radius),
                "radius": self.radius,
                "point": self.point,
                "adversarial_class": self.adversarial_class,
                "margin": self.margin,
                "seconds": self.seconds,
            }
        )


@dataclass(frozen=True)
class RobustnessCertificate:
    """The result of :func:`certify`.

    * ``status``: ``"certified"`` / ``"not_certified"`` (for ``radius`` when it was given,
      else whether some radius > 0 is certified) or ``"wrong_label"`` (the given label is
      not the prediction at the centre: nothing is certified);
    * ``predicted``, ``label`` (the class certified), ``logits`` at the centre;
    * ``radius``/``radius_certified``: the given radius and whether it is certified;
    * ``certified_radius``: the largest radius certified by the bisection (``inf`` when
      the whole clip box is certified); ``radius_limit``: the smallest radius evaluated
      at which the exact lower bound rules out any Lipschitz certificate over that box;
    * ``classes``: per competing class, margin and bracket at ``certified_radius`` (or,
      if no radius > 0 is certified, at the smallest radius that failed: the classes
      evaluated there); ``binding_class`` the one with the smallest slack there, which
      carries its exact bracket (a screened class that could be binding is solved);
    * ``source``: ``"exact"`` when every solve behind ``certified_radius`` was optimal,
      else ``"exact-upper-bound (time limit)"`` (or the statuses met); ``sources``: every
      kind of bound the search's decisions used (``"exact"``, ``"bound_propagation"``
      for classes the screen certified without a solve, ``"exact-upper-bound (…)"``);
    * ``search``: bisection limits and steps, ``screen``, and how many class decisions
      the screen made (``screened``) and how many solves were run (``exact_solves``);
      ``trace``: every radius evaluated;
    * ``estimators``: each estimator's certified radius; ``attack``: the adversarial
      search; ``seconds``: wall-clock times.
    """

    status: str
    center: np.ndarray
    norm: str
    clip: tuple[float, float] | None
    arithmetic: str
    predicted: int
    label: int
    logits: np.ndarray
    radius: float | None
    radius_certified: bool | None
    certified_radius: float
    radius_limit: float | None
    binding_class: int | None
    source: str
    sources: tuple[str, ...]
    classes: tuple[ClassBound, ...]
    search: dict
    trace: tuple[Evaluation, ...]
    estimators: tuple[EstimatorRadius, ...]
    attack: AttackResult | None
    seconds: dict
    message: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return jsonable(
            {
                "status": self.status,
                "center": self.center,
                "norm": self.norm,
                "clip": self.clip,
                "arithmetic": self.arithmetic,
                "predicted": self.predicted,
                "label": self.label,
                "logits": self.logits,
                "radius": self.radius,
                "radius_certified": self.radius_certified,
                "certified_radius": finite_or_none(self.certified_radius),
                "covers_clip_box": math.isinf(self.certified_radius),
                "radius_limit": self.radius_limit,
                "binding_class": self.binding_class,
                "source": self.source,
                "sources": list(self.sources),
                "classes": [c.to_dict() for c in self.classes],
                "search": self.search,
                "trace": [e.to_dict() for e in self.trace],
                "estimators": [e.to_dict() for e in self.estimators],
                "attack": None if self.attack is None else self.attack.to_dict(),
                "seconds": self.seconds,
                "message": self.message,
                "notes": list(self.notes),
                "slack": {"lipschitz_relative": LIPSCHITZ_REL_SLACK, "margin_absolute": MARGIN_ABS_SLACK},
            }
        )
