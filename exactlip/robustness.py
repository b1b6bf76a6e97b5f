"""Robustness certificates: how far the prediction at a point provably stays the same.

Let ``y`` be the class predicted at ``x0`` (or the given ``label``; when the label is
not the prediction nothing is certified). For every other class ``j`` the margin
``g_j = f_y − f_j`` satisfies, on a set ``B`` that contains ``x0`` and is convex,

    g_j(x) >= g_j(x0) − L_j ||x − x0||_α        for x in B,

where ``L_j = sup_{x∈B} sup_{∇∈∂g_j(x)} ||∇||_{α*}`` (Clarke's mean value theorem along
the segment ``[x0, x] ⊂ B``). :func:`exactlip.lipschitz` with ``margin=(y, j)`` gives a
certified bracket ``[lower_j, upper_j]`` of ``L_j`` over a box.

* ``α = ℓ∞``: the ball ``{||x − x0||_∞ <= r}`` (intersected with the clip box) *is* a box.
* ``α = ℓ1``: the ℓ1 ball is not a box; the constant is taken over the enclosing ℓ∞
  box of the same radius (clipped). That box contains the ℓ1 ball, so its constant is
  a sound (possibly larger) constant for the ball.

Decision at radius ``r``. With ``reach(r) = sup_{x∈B} ||x − x0||_α = min(r, D)`` (``D``
the farthest the clip box reaches from ``x0`` in the norm α; ``D = ∞`` without clip),
the prediction is certified when for every ``j ≠ y``

    m_j − E_j − Δ_y(r) − Δ_j(r) − (1 + REL) · upper_j(r) · reach(r) > ABS · (1 + |m_j|),

* ``m_j``: the margin at ``x0`` computed in float64, ``E_j`` a rigorous bound on that
  computation's rounding error (standard ``γ_n`` bounds of dot products, layer by layer);
* ``Δ_i(r)``: with ``arithmetic="float32"`` (default) or ``"float64"``, a rigorous bound,
  over the whole ball, on how far an evaluation of the network in that precision (any
  summation order, with or without FMA; inputs and weights representable in it, as
  they are for a float32 ONNX model) can be from the real-valued network; the
  certificate then also covers the deployed float32/float64 model. ``"real"`` sets
  ``Δ = 0`` and certifies the real-valued network only;
* ``upper_j(r)``: the *upper* end of the exact bracket, so a time-limited solve still
  gives a sound statement (never the lower bound or a non-optimal incumbent);
* ``REL = 1e-6`` (covers the solver's tolerances on ``upper``) and ``ABS = 1e-9``.

Largest radius. ``upper_j(r) · reach(r)`` and ``Δ(r)`` do not decrease with ``r`` (the
ball grows), so the certified radii form an interval ``[0, r*)`` and bisection finds
``r*`` up to ``rtol`` relative. The search runs between 0 and ``max_radius`` or, by
default, the a-priori limit ``min_j (m_j + E_j) / ||∇g_j(x0)||_{α*}`` (no constant can be
smaller than a gradient norm at ``x0``), doubled while it is still certified.

The other side. At a radius where ``m_j + E_j <= lower_j(r) · reach(r)`` for some ``j``,
no Lipschitz certificate over that box (with any valid constant) can succeed; the
smallest such radius evaluated is ``radius_limit``. A projected-gradient attack on the
margins gives an actual adversarial point when there is one; finding one closer than
the certified radius would be a bug and raises :class:`CertificateConsistencyError`.

The certified radius of an upper-bound estimator (:mod:`exactlip.estimators`) is found
the same way with its value in place of ``upper_j`` (a global estimator's value does
not depend on ``r``, so its radius is about ``m / L``).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ._arrays import as_float_array
from .bounds import DEFAULT_BOUNDS
from .domain import Box
from .errors import DomainError, ExactLipError, OptionError, ShapeError
from .network.ir import Network
from .network.load import load_network
from .norms import dual_norm_value, parse_norm
from .result import jsonable

LIPSCHITZ_REL_SLACK = 1e-6
MARGIN_ABS_SLACK = 1e-9
UNIT_ROUNDOFF = {"float32": 2.0**-24, "float64": 2.0**-53, "real": 0.0}
# the smallest subnormal of each precision: the absolute error an underflow can add per operation
_SMALLEST = {"float32": 2.0**-149, "float64": 2.0**-1074, "real": 0.0}
ARITHMETICS = tuple(UNIT_ROUNDOFF)
DEFAULT_ESTIMATORS = ("naive", "fastlip", "bound_propagation", "liplp")
MAX_DOUBLINGS = 40
ATTACK_BISECTION_STEPS = 10


class CertificateConsistencyError(ExactLipError, RuntimeError):
    """The attack found an adversarial point inside the certified ball: a bug, never a result."""


# ----- result types ------------------------------------------------------------------


@dataclass(frozen=True)
class ClassBound:
    """One competing class ``j`` at one radius.

    ``margin`` = ``f_y(x0) − f_j(x0)`` (float64), ``margin_error`` its rounding bound,
    ``rounding`` = ``Δ_y + Δ_j`` over the ball; ``lower``/``upper`` the bracket of the
    margin's Lipschitz constant (``lower`` None for an estimator); ``status`` the
    solve's status (or ``"certified"``/``"uncertified"`` for an estimator);
    ``slack`` = the left-hand side minus the right-hand side of the decision rule
    (positive: certified for this class).
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

    def to_dict(self) -> dict:
        return jsonable(
            {
                "class": self.cls,
                "margin": self.margin,
                "margin_error": self.margin_error,
                "rounding": self.rounding,
                "lower": self.lower,
                "upper": _finite_or_none(self.upper),
                "status": self.status,
                "slack": _finite_or_none(self.slack),
                "seconds": self.seconds,
            }
        )


@dataclass(frozen=True)
class Evaluation:
    """The decision at one radius: ``certified`` (every class's slack > 0), ``refuted``
    (a verified lower bound already rules out any Lipschitz certificate), and the
    classes evaluated (it stops at the first class that fails)."""

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
                "radius": _finite_or_none(self.radius),
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
                "searched_radius": _finite_or_none(self.searched_radius),
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
      if no radius > 0 is certified, at the smallest radius that failed); ``binding_class``
      the one with the smallest slack there;
    * ``source``: ``"exact"`` when every solve behind ``certified_radius`` was optimal,
      else ``"exact-upper-bound (time limit)"`` (or the statuses met);
    * ``search``: bisection limits and steps; ``trace``: every radius evaluated;
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
                "certified_radius": _finite_or_none(self.certified_radius),
                "covers_clip_box": math.isinf(self.certified_radius),
                "radius_limit": self.radius_limit,
                "binding_class": self.binding_class,
                "source": self.source,
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


def _finite_or_none(value):
    return None if value is None or not math.isfinite(value) else float(value)


# ----- floating-point rounding -------------------------------------------------------


def _gamma(terms: int, unit: float) -> float:
    """Higham's ``γ_k = k u / (1 − k u)``: a dot product (plus bias) of ``k`` terms computed
    in any order has ``|fl(s) − s| <= γ_k · Σ|terms|``."""
    ku = terms * unit
    return ku / (1.0 - ku)


def rounding_bound(network: Network, box: Box, arithmetic: str) -> np.ndarray:
    """Per output, a bound on ``|f̂(x) − f(x)|`` for every input ``x`` of ``box`` representable
    in ``arithmetic``, where ``f̂`` is the network evaluated in that precision with its
    weights as stored (each pre-activation a sum of products and the bias, added in any
    order, with or without FMA).

    Layer by layer, with ``e_j`` the error bound and ``S_j`` an interval bound of ``|s_j|``
    on the box, a pre-activation of ``N`` terms (all incoming products and the bias) has
    ``|ẑ − z| <= Σ_j |W_{k,j}| e_j + γ_N (Σ_j |W_{k,j}| (S_j + e_j) + |b|) + N·tiny`` (Higham's
    ``γ_N = N u / (1 − N u)``; ``tiny`` the smallest subnormal, for underflow). A ReLU adds
    no error; a LeakyReLU of slope ``α`` multiplies it by ``max(1, |α|)`` and adds the
    rounding ``u |α| (|z| + e)`` of ``α z``. Computed in float64 and inflated by 1% to
    absorb this bound's own rounding (relative ~1e-15)."""
    unit, tiny = UNIT_ROUNDOFF[arithmetic], _SMALLEST[arithmetic]
    if unit == 0.0:
        return np.zeros(network.output_dim)
    # per source j (index j + 1): interval [lo, hi] of s_j over the box, |s_j| bound, error bound
    lows, highs = [box.lower], [box.upper]
    magnitudes, errors = [np.maximum(np.abs(box.lower), np.abs(box.upper))], [np.zeros(network.input_dim)]
    last = len(network.weights) - 1
    for k in range(last + 1):
        b = network.biases[k]
        edges = network.incoming(k)
        terms = 1 + sum(w.shape[1] for _, w in edges)
        gamma = _gamma(terms, unit)
        error = np.zeros(b.size)
        size = np.abs(b).astype(np.float64)
        z_mid, z_rad = b.astype(np.float64), np.zeros(b.size)
        for j, w in edges:
            absw = abs(w)
            error = error + absw @ errors[j + 1]
            size = size + absw @ (magnitudes[j + 1] + errors[j + 1])
            z_mid = z_mid + w @ (0.5 * (lows[j + 1] + highs[j + 1]))
            z_rad = z_rad + absw @ (0.5 * (highs[j + 1] - lows[j + 1]))
        z_error = error + gamma * size + terms * tiny
        if k == last:
            return 1.01 * z_error
        alpha = network.negative_slopes[k]
        zl, zu = z_mid - z_rad, z_mid + z_rad
        z_mag = np.maximum(np.abs(zl), np.abs(zu))
        ends = [np.where(zl > 0, zl, alpha * zl), np.where(zu > 0, zu, alpha * zu)]
        if alpha != 0.0:
            z_error = max(1.0, abs(alpha)) * z_error + unit * abs(alpha) * (z_mag + z_error)
        lows.append(np.minimum(np.minimum(*ends), np.where((zl < 0) & (zu > 0), 0.0, np.inf)))
        highs.append(np.maximum(np.maximum(*ends), np.where((zl < 0) & (zu > 0), 0.0, -np.inf)))
        magnitudes.append(np.maximum(np.abs(lows[-1]), np.abs(highs[-1])) * (1 + 1e-12))
        errors.append(z_error)
    raise AssertionError("unreachable")


# ----- the problem --------------------------------------------------------------------


@dataclass(eq=False)
class _Problem:
    network: Network
    center: np.ndarray
    label: int
    others: list[int]
    norm: str
    clip: tuple[float, float] | None
    arithmetic: str
    logits: np.ndarray
    margins: dict  # j -> float64 margin at the centre
    margin_errors: dict  # j -> rounding bound of that margin
    box_cap: float  # ℓ∞ radius beyond which the clipped box stops growing
    reach_cap: float  # sup ||x − x0||_α over the clip box

    def box(self, radius: float) -> Box:
        return Box.linf_ball(self.center, min(radius, self.box_cap), clip=self.clip)

    def reach(self, radius: float) -> float:
        return min(radius, self.reach_cap)

    def rounding(self, radius: float) -> np.ndarray:
        return rounding_bound(self.network, self.box(radius), self.arithmetic)

    def slack(self, j: int, upper: float, radius: float, delta: np.ndarray) -> tuple[float, float]:
        """``(slack, Δ_y + Δ_j)`` of the decision rule for class ``j``."""
        m = self.margins[j]
        rounding = float(delta[self.label] + delta[j])
        lipschitz_term = 0.0 if self.reach(radius) == 0 else (1 + LIPSCHITZ_REL_SLACK) * upper * self.reach(radius)
        return m - self.margin_errors[j] - rounding - lipschitz_term - MARGIN_ABS_SLACK * (1 + abs(m)), rounding

    def refuted(self, j: int, lower: float | None, radius: float) -> bool:
        return lower is not None and self.margins[j] + self.margin_errors[j] <= lower * self.reach(radius)


def _build_problem(network: Network, center, norm, clip, label, arithmetic) -> _Problem:
    x0 = as_float_array(center, "center", ndim=1)
    if x0.size != network.input_dim:
        raise ShapeError(f"center has {x0.size} coordinates but the network takes {network.input_dim} inputs")
    if network.output_dim < 2:
        raise ShapeError(
            f"certify needs a classifier with at least 2 outputs (one logit per class); the network has {network.output_dim}"
        )
    if clip is not None:
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
    logits = network.forward(x0)
    predicted = int(np.argmax(logits))
    y = predicted if label is None else label
    others = [j for j in range(network.output_dim) if j != y]
    point_error = 2.0 * rounding_bound(network, Box(x0, x0), "float64")
    margins = {j: float(logits[y] - logits[j]) for j in others}
    errors = {j: float(point_error[y] + point_error[j] + 2 * UNIT_ROUNDOFF["float64"] * abs(margins[j])) for j in others}
    if clip is None:
        box_cap = reach_cap = math.inf
    else:
        far = np.maximum(x0 - clip[0], clip[1] - x0)
        box_cap = float(np.max(far))
        reach_cap = box_cap if norm == "linf" else float(np.sum(far))
    return _Problem(network, x0, y, others, norm, clip, arithmetic, logits, margins, errors, box_cap, reach_cap)


# ----- the search -----------------------------------------------------------------------


Evaluator = Callable[[float], Evaluation]


@dataclass
class _Search:
    """Bisection over radii for one evaluator; keeps every evaluation."""

    evaluate: Evaluator
    rtol: float
    max_steps: int
    trace: list = field(default_factory=list)
    steps: int = 0
    stopped: str = ""

    def at(self, radius: float) -> Evaluation:
        evaluation = self.evaluate(radius)
        self.trace.append(evaluation)
        if any(c.status == "interrupted" for c in evaluation.classes):
            self.stopped = "interrupted"
        return evaluation

    def run(self, hi: float, *, cap: float, grow: bool, given: float | None = None) -> tuple[float, Evaluation | None, Evaluation | None]:
        """``(largest certified radius, its evaluation, smallest failing evaluation)``.

        ``hi``: the first upper end; ``cap``: the radius beyond which nothing changes (the
        clip box is covered: certified there means certified at every radius); ``grow``:
        double the upper end while it is certified (automatic limit); ``given``: a radius
        to decide as well. An interrupted evaluation ends the search and counts as neither."""
        zero = self.at(0.0)
        if not zero.certified:
            return 0.0, None, zero
        lo, best, failed = 0.0, zero, None

        def record(radius: float) -> bool:
            """Evaluate; True when the search is over (covered everywhere or interrupted)."""
            nonlocal lo, best, failed
            ev = self.at(radius)
            if ev.certified:
                if radius > lo:
                    lo, best = radius, ev
                return radius >= cap or bool(self.stopped)
            if not self.stopped and (failed is None or radius < failed.radius):
                failed = ev
            return bool(self.stopped)

        def result():
            return (math.inf if lo >= cap else lo), best, failed

        if given is not None and given > 0 and record(min(given, cap)):
            return result()
        hi = min(hi, cap)
        if hi > lo and (failed is None or hi < failed.radius) and record(hi):
            return result()
        doublings = 0
        while failed is None and grow and doublings < MAX_DOUBLINGS:
            doublings += 1
            if record(min(2 * lo, cap)):
                return result()
        if failed is None:
            return result()
        while self.steps < self.max_steps and failed.radius - lo > self.rtol * failed.radius:
            self.steps += 1
            if record(0.5 * (lo + failed.radius)):
                break
        return result()


def _exact_evaluator(problem: _Problem, solve: Callable, order: list[int]) -> Evaluator:
    """Decide a radius with the exact brackets; the class that failed last is tried first."""

    def evaluate(radius: float) -> Evaluation:
        delta = problem.rounding(radius)
        classes, certified, refuted = [], True, False
        for j in list(order):
            if radius == 0.0:
                slack, rounding = problem.slack(j, 0.0, 0.0, delta)
                classes.append(ClassBound(j, problem.margins[j], problem.margin_errors[j], rounding, None, 0.0, "not_needed", slack))
            else:
                started = time.perf_counter()
                result = solve(problem.box(radius), j)
                upper = math.inf if result.upper is None else float(result.upper)
                slack, rounding = problem.slack(j, upper, radius, delta)
                refuted = refuted or problem.refuted(j, result.lower, radius)
                classes.append(
                    ClassBound(
                        j, problem.margins[j], problem.margin_errors[j], rounding, float(result.lower), upper,
                        result.status, slack, time.perf_counter() - started,
                    )
                )
            if not classes[-1].slack > 0:
                certified = False
                order.remove(j)
                order.insert(0, j)
                break
            if classes[-1].status == "interrupted":  # Ctrl-C: its upper bound holds, but stop here
                certified = len(classes) == len(order)
                break
        return Evaluation(radius, certified, refuted, tuple(classes))

    return evaluate


def _estimator_evaluator(problem: _Problem, method: str, local: bool, flags: dict) -> Evaluator:
    from .estimators import estimate

    cache: dict = {}

    def value(radius: float, j: int) -> tuple[float, bool]:
        key = j if not local else (j, radius)
        if key not in cache:
            box = problem.box(radius) if local else None
            est = estimate(problem.network, box, norm=problem.norm, margin=(problem.label, j), methods=[method])[0]
            cache[key] = (float(est.value), bool(est.certified))
        return cache[key]

    def evaluate(radius: float) -> Evaluation:
        delta = problem.rounding(radius)
        classes, certified = [], True
        for j in problem.others:
            if radius == 0.0:
                upper, ok = 0.0, True
            else:
                upper, ok = value(radius, j)
                flags["certified"] = flags["certified"] and ok
            slack, rounding = problem.slack(j, upper, radius, delta)
            status = "certified" if ok else "uncertified"
            classes.append(ClassBound(j, problem.margins[j], problem.margin_errors[j], rounding, None, upper, status, slack))
            if not slack > 0:
                certified = False
                break
        return Evaluation(radius, certified, False, tuple(classes))

    return evaluate


# ----- the attack -----------------------------------------------------------------------


def _project_l1(v: np.ndarray, radius: float) -> np.ndarray:
    """Euclidean projection of each row of ``v`` onto the ℓ1 ball of ``radius`` (sort-based)."""
    out = v.copy()
    norms = np.abs(v).sum(axis=1)
    for i in np.flatnonzero(norms > radius):
        a = np.sort(np.abs(v[i]))[::-1]
        cumulative = np.cumsum(a) - radius
        index = np.arange(1, a.size + 1)
        k = np.flatnonzero(a - cumulative / index > 0)[-1]
        theta = cumulative[k] / (k + 1)
        out[i] = np.sign(v[i]) * np.maximum(np.abs(v[i]) - theta, 0.0)
    return out


def _into_ball(problem: _Problem, x: np.ndarray, radius: float) -> np.ndarray:
    """A point of the (clipped) ball near each row of ``x``: ℓ∞ by clipping; ℓ1 by the
    projection onto the ball, then clipping to the clip box (which only moves coordinates
    towards the centre, so the point stays in the ball)."""
    x0 = problem.center
    if problem.norm == "linf":
        x = np.clip(x, x0 - radius, x0 + radius)
    else:
        x = x0 + _project_l1(x - x0, radius)
    if problem.clip is not None:
        x = np.clip(x, problem.clip[0], problem.clip[1])
    return x


def _distance(problem: _Problem, x: np.ndarray) -> np.ndarray:
    d = np.abs(np.atleast_2d(x) - problem.center)
    return d.max(axis=1) if problem.norm == "linf" else d.sum(axis=1)


def _worst_margins(problem: _Problem, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(min_j f_y − f_j, argmin j)`` per row, in float64."""
    logits = problem.network.forward(x)
    gaps = logits[:, [problem.label]] - logits[:, problem.others]
    k = np.argmin(gaps, axis=1)
    return gaps[np.arange(len(x)), k], np.asarray(problem.others)[k]


def attack_at(problem: _Problem, radius: float, rng: np.random.Generator, steps: int = 60, starts: int = 16):
    """Projected steepest descent on the worst margin inside the ball of ``radius``.

    Starts: the centre, random points of the ball and (ℓ1) the ball's vertices
    ``x0 ± r e_i`` or (ℓ∞, up to 10 inputs) its corners; ℓ∞ steps follow the gradient's
    sign, ℓ1 steps move the coordinate of largest gradient. The step shrinks from
    ``r/2`` to ``r/100``. Returns ``(best point, its worst margin, its class)``."""
    n = problem.center.size
    x0 = problem.center
    candidates = [x0[None, :]]
    if problem.norm == "linf":
        candidates.append(x0 + radius * (2 * rng.random((starts, n)) - 1))
        if n <= 10:
            corners = np.array(np.meshgrid(*[[-1.0, 1.0]] * n)).reshape(n, -1).T
            candidates.append(x0 + radius * corners)
    else:
        d = rng.laplace(size=(starts, n))
        candidates.append(x0 + radius * rng.random((starts, 1)) * d / np.abs(d).sum(axis=1, keepdims=True))
        eye = np.eye(n)
        candidates += [x0 + radius * eye, x0 - radius * eye]
    x = _into_ball(problem, np.vstack(candidates), radius)
    best_margin, best_class = _worst_margins(problem, x)
    best_x = x.copy()
    rows = np.arange(x.shape[0])
    for t in range(steps):
        step = radius * 0.5 * (0.02 ** (t / max(steps - 1, 1)))
        margin, cls = _worst_margins(problem, x)
        better = margin < best_margin
        best_x[better], best_margin[better], best_class[better] = x[better], margin[better], cls[better]
        jac = problem.network.jacobian(x)
        grad = jac[:, problem.label, :] - jac[rows, cls, :]
        if problem.norm == "linf":
            x = x - step * np.sign(grad)
        else:
            i = np.argmax(np.abs(grad), axis=1)
            move = np.zeros_like(x)
            move[rows, i] = -np.sign(grad[rows, i]) * 2 * step
            x = x + move
        x = _into_ball(problem, x, radius)
    margin, cls = _worst_margins(problem, x)
    better = margin < best_margin
    best_x[better], best_margin[better], best_class[better] = x[better], margin[better], cls[better]
    k = int(np.argmin(best_margin))
    return best_x[k], float(best_margin[k]), int(best_class[k])


def _attack(problem: _Problem, hi: float, seed: int) -> AttackResult:
    """Attack at ``hi`` (then ``2 hi``, ``4 hi`` while nothing is found); once an adversarial
    point is found, bisect the attack radius between 0 and its distance for a closer one
    (from 0, not from the certified radius, so that the attack stays an independent check).
    A point is adversarial when ``f_j >= f_y`` for some ``j`` in float64 (ties count)."""
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    best = None
    for factor in (1.0, 2.0, 4.0):
        searched = min(factor * hi, problem.reach_cap)
        x, margin, cls = attack_at(problem, searched, rng)
        if margin <= 0 or searched >= problem.reach_cap:
            break
    if margin <= 0:
        best = (x, margin, cls)
        lo, top = 0.0, float(_distance(problem, x)[0])
        for _ in range(ATTACK_BISECTION_STEPS):
            mid = 0.5 * (lo + top)
            x, margin, cls = attack_at(problem, mid, rng)
            if margin <= 0:
                best, top = (x, margin, cls), float(_distance(problem, x)[0])
            else:
                lo = mid
    seconds = time.perf_counter() - started
    if best is None:
        return AttackResult(searched, None, None, None, None, seconds)
    x, margin, cls = best
    return AttackResult(searched, float(_distance(problem, x)[0]), x, cls, margin, seconds)


# ----- the entry point ----------------------------------------------------------------------


def _check_arguments(radius, label, output_dim, max_radius, rtol, max_steps, arithmetic, time_limit, attack) -> None:
    if radius is not None:
        if isinstance(radius, bool) or not isinstance(radius, (int, float, np.floating, np.integer)) or not math.isfinite(radius) or radius < 0:
            raise DomainError(f"radius must be a finite number >= 0 or None, got {radius!r}")
    if label is not None and (isinstance(label, bool) or not isinstance(label, (int, np.integer)) or not 0 <= label < output_dim):
        raise OptionError(f"label must be a class index in 0..{output_dim - 1} or None, got {label!r}")
    if max_radius is not None and not (
        isinstance(max_radius, (int, float, np.floating, np.integer)) and math.isfinite(max_radius) and max_radius > 0
    ):
        raise OptionError(f"max_radius must be a finite positive number or None, got {max_radius!r}")
    if not (isinstance(rtol, (int, float)) and 0 < rtol < 1):
        raise OptionError(f"rtol must be a number in (0, 1), got {rtol!r}")
    if isinstance(max_steps, bool) or not (isinstance(max_steps, int) and max_steps >= 0):
        raise OptionError(f"max_steps must be an integer >= 0, got {max_steps!r}")
    if arithmetic not in ARITHMETICS:
        raise OptionError(f"arithmetic must be one of {', '.join(repr(a) for a in ARITHMETICS)}, got {arithmetic!r}")
    if time_limit is not None and not (isinstance(time_limit, (int, float)) and time_limit > 0):
        raise OptionError(f"time_limit must be a positive number of seconds or None, got {time_limit!r}")
    if not isinstance(attack, bool):
        raise OptionError(f"attack must be True or False, got {attack!r}")


def _resolve_estimators(estimators) -> list:
    from .estimators import METHODS, resolve_method

    if estimators is None:
        return []
    names = [estimators] if isinstance(estimators, str) else list(estimators)
    allowed = [m.name for m in METHODS.values() if m.kind == "upper"]
    chosen = []
    for name in names:
        try:
            method = resolve_method(name)
        except OptionError:
            raise OptionError(f"estimators: unknown estimator {name!r}; allowed (upper bounds): {', '.join(allowed)}") from None
        if method.kind != "upper":
            raise OptionError(
                f"estimators: {name!r} gives a {method.kind} bound, which certifies nothing; allowed (upper bounds): {', '.join(allowed)}"
            )
        if method not in chosen:
            chosen.append(method)
    return chosen


def _decided(search: _Search, radius: float, cap: float, certified_radius: float) -> bool:
    """Whether ``radius`` is certified: the evaluation at it (or at ``cap`` beyond it), else
    the search's answer (the radius was not reached: the centre already failed)."""
    for ev in search.trace:
        if ev.radius == min(radius, cap):
            return ev.certified
    return radius <= certified_radius and (radius == 0 or certified_radius > 0)


def _apriori_limit(problem: _Problem) -> float:
    """``min_j (m_j + E_j) / ||∇g_j(x0)||_{α*}``: no valid constant is below the gradient
    norm at the centre, so no radius beyond this can be certified (``inf`` if every
    gradient vanishes)."""
    jac = problem.network.jacobian(problem.center)
    limits = []
    for j in problem.others:
        g = float(dual_norm_value(jac[problem.label] - jac[j], problem.norm))
        limits.append(math.inf if g == 0 else (problem.margins[j] + problem.margin_errors[j]) / g)
    return min(limits)


def certify(
    model,
    center,
    radius: float | None = None,
    *,
    norm: str = "linf",
    clip: tuple[float, float] | None = None,
    label: int | None = None,
    estimators=DEFAULT_ESTIMATORS,
    max_radius: float | None = None,
    rtol: float = 1e-3,
    max_steps: int = 30,
    arithmetic: str = "float32",
    attack: bool = True,
    backend: str = "highs",
    time_limit: float | None = 60.0,
    threads: int | None = None,
    bounds: str = DEFAULT_BOUNDS,
    samples: int = 1024,
    seed: int = 0,
) -> RobustnessCertificate:
    """Certify that the prediction of ``model`` at ``center`` cannot change within a ball.

    ``model``: a :class:`~exactlip.Network`, torch ``nn.Sequential`` or ``.onnx``/``.npz``
    path of a classifier (one logit per class). ``center``: the point ``x0``. ``radius``:
    a radius to decide (optional). ``norm``: ``"linf"`` or ``"l1"`` (for ℓ1 the constants
    are taken over the enclosing ℓ∞ box: sound, possibly conservative). ``clip``: a data
    range ``(low, high)`` the ball is intersected with (the centre must lie in it).
    ``label``: the class to certify (default: the prediction; if it is not the prediction
    nothing is certified). ``estimators``: upper-bound estimators whose certified radius
    is reported for comparison (``()`` for none). ``max_radius``: the upper end of the
    bisection (default: the a-priori limit, see the module docstring); ``rtol``/``max_steps``:
    its relative tolerance and number of steps. ``arithmetic``: ``"float32"`` (default),
    ``"float64"`` or ``"real"`` — the evaluations the certificate covers, besides the
    real-valued network. ``attack``: search for an adversarial point too.
    ``time_limit`` (seconds per MIP solve), ``backend``, ``threads``, ``bounds``,
    ``samples``, ``seed``: as in :func:`exactlip.lipschitz`.

    Returns a :class:`RobustnessCertificate`; see the module docstring for the maths.
    """
    from .api import lipschitz

    started = time.perf_counter()
    network = load_network(model)
    norm = parse_norm(norm)
    _check_arguments(radius, label, network.output_dim, max_radius, rtol, max_steps, arithmetic, time_limit, attack)
    methods = _resolve_estimators(estimators)
    problem = _build_problem(network, center, norm, clip, None if label is None else int(label), arithmetic)
    predicted = int(np.argmax(problem.logits))
    radius = None if radius is None else float(radius)
    notes = []
    if norm == "l1":
        notes.append("ℓ1 ball: the Lipschitz constants are taken over the enclosing ℓ∞ box of the same radius (sound, possibly conservative)")

    common = dict(
        status="wrong_label", center=problem.center, norm=norm, clip=problem.clip, arithmetic=arithmetic,
        predicted=predicted, label=problem.label, logits=problem.logits, radius=radius,
    )
    if problem.label != predicted:
        message = (
            f"the prediction at the centre is class {predicted}, not the given label {problem.label}: nothing is certified"
        )
        return RobustnessCertificate(
            **common, radius_certified=None if radius is None else False, certified_radius=0.0, radius_limit=0.0,
            binding_class=None, source="none", classes=(), search={}, trace=(), estimators=(), attack=None,
            seconds={"total": time.perf_counter() - started}, message=message, notes=tuple(notes),
        )

    def solve(box: Box, j: int):
        return lipschitz(
            network, box, norm=norm, margin=(problem.label, j), backend=backend, time_limit=time_limit,
            threads=threads, bounds=bounds, samples=samples, seed=seed,
        )

    auto = max_radius is None
    hi = _apriori_limit(problem) if auto else float(max_radius)
    if not math.isfinite(hi):
        hi = problem.reach_cap if math.isfinite(problem.reach_cap) else 1.0
    hi = max(hi, 1e-12)
    exact_search = _Search(_exact_evaluator(problem, solve, list(problem.others)), rtol, max_steps)
    certified_radius, best, failed = exact_search.run(hi, cap=problem.reach_cap, grow=auto, given=radius)
    exact_seconds = time.perf_counter() - started

    shown = best if best is not None and best.radius > 0 else failed
    classes = () if shown is None else shown.classes
    binding = None if shown is None or shown.binding is None else shown.binding.cls
    statuses = sorted({c.status for c in (best.classes if best is not None and best.radius > 0 else ())})
    if not statuses or statuses == ["optimal"]:
        source = "exact" if certified_radius > 0 else "none"
    elif "time_limit" in statuses:
        source = "exact-upper-bound (time limit)"
    else:
        source = f"exact-upper-bound ({', '.join(statuses)})"
    refuted = [e.radius for e in exact_search.trace if e.refuted]
    radius_limit = min(refuted) if refuted else None
    if radius is None:
        radius_certified = None
    else:
        radius_certified = _decided(exact_search, radius, problem.reach_cap, certified_radius)
    search_top = max([e.radius for e in exact_search.trace] or [0.0])
    search = {
        "max_radius": hi,
        "automatic_max_radius": auto,
        "rtol": rtol,
        "max_steps": max_steps,
        "bisection_steps": exact_search.steps,
        "evaluations": len(exact_search.trace),
        "largest_radius_evaluated": search_top,
        "clip_reach": _finite_or_none(problem.reach_cap),
        "failed_radius": None if failed is None else failed.radius,
        "stopped": exact_search.stopped,
    }

    estimator_results = []
    estimator_started = time.perf_counter()
    if best is not None and not exact_search.stopped:
        for method in methods:
            t0 = time.perf_counter()
            flags = {"certified": True}
            est_search = _Search(_estimator_evaluator(problem, method.name, method.local, flags), rtol, max_steps)
            note, est_decided = "", None
            try:
                r_est, est_best, est_failed = est_search.run(
                    search_top, cap=problem.reach_cap, grow=False, given=radius
                )
                if radius is not None:
                    est_decided = _decided(est_search, radius, problem.reach_cap, r_est)
            except ExactLipError as exc:
                r_est, est_best, est_failed, note = 0.0, None, None, str(exc).splitlines()[0]
            shown_est = est_best if est_best is not None and est_best.radius > 0 else est_failed
            values = {} if shown_est is None else {c.cls: c.upper for c in shown_est.classes if shown_est.radius > 0}
            estimator_results.append(
                EstimatorRadius(
                    method.name, r_est, est_decided, flags["certified"] and not note, method.local, values,
                    len(est_search.trace), time.perf_counter() - t0, note,
                )
            )
    estimator_seconds = time.perf_counter() - estimator_started

    attack_result = None
    if attack and not math.isinf(certified_radius):
        if search_top > 0:
            attack_result = _attack(problem, search_top, seed)
            if attack_result.radius is not None and attack_result.radius <= certified_radius:
                raise CertificateConsistencyError(
                    f"the attack found a point of class {attack_result.adversarial_class} at distance "
                    f"{attack_result.radius!r} from the centre, inside the certified radius {certified_radius!r}: "
                    f"this is a bug in exactlip (point {attack_result.point.tolist()})"
                )

    if radius is not None:
        status = "certified" if radius_certified else "not_certified"
    else:
        status = "certified" if certified_radius > 0 else "not_certified"
    message = _summary(problem, certified_radius, radius, radius_certified, source, search)
    if exact_search.stopped == "interrupted":
        message += "; interrupted: the search stopped early"
    return RobustnessCertificate(
        **{**common, "status": status},
        radius_certified=radius_certified,
        certified_radius=certified_radius,
        radius_limit=radius_limit,
        binding_class=binding,
        source=source,
        classes=tuple(classes),
        search=search,
        trace=tuple(exact_search.trace),
        estimators=tuple(estimator_results),
        attack=attack_result,
        seconds={
            "exact": exact_seconds,
            "estimators": estimator_seconds,
            "attack": 0.0 if attack_result is None else attack_result.seconds,
            "total": time.perf_counter() - started,
        },
        message=message,
        notes=tuple(notes),
    )


def _summary(problem: _Problem, certified_radius, radius, radius_certified, source, search) -> str:
    if math.isinf(certified_radius):
        text = f"class {problem.label} is certified on the whole clip box"
    elif certified_radius > 0:
        capped = " (the search's upper end)" if search["failed_radius"] is None else ""
        text = f"class {problem.label} is certified up to radius {certified_radius:.6g}{capped}"
    else:
        text = f"class {problem.label} is not certified at any radius > 0"
    if radius is not None:
        text += f"; radius {radius:g} is {'certified' if radius_certified else 'not certified'}"
    return text
