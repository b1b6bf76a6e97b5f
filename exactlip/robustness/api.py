"""``certify()``: check the arguments, run the exact search, the estimators' searches and
the attack, and assemble the :class:`~exactlip.robustness.result.RobustnessCertificate`."""

from __future__ import annotations

import math
import time
from functools import partial

import numpy as np

from .. import api as exact_api  # exact_api.lipschitz is looked up at each solve
from ..api import _check_options
from ..bounds import DEFAULT_BOUNDS
from ..errors import CertificateConsistencyError, DomainError, ExactLipError, OptionError
from ..estimators import METHODS, resolve_method
from ..network.load import load_network
from ..norms import parse_norm
from .attack import run_attack
from .evaluators import estimator_evaluator, exact_evaluator, with_binding_solved
from .problem import CertificationProblem, build_problem
from .result import ClassBound, EstimatorRadius, RobustnessCertificate
from .rounding import ARITHMETICS
from .screen import margin_constant_bounds
from .search import RadiusSearch

DEFAULT_ESTIMATORS = ("naive", "fastlip", "bound_propagation", "liplp")


def _check_arguments(radius, label, output_dim, max_radius, rtol, max_steps, arithmetic, time_limit, threads, samples, attack, screen) -> None:
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
    _check_options(time_limit, threads, samples)
    for name, value in (("attack", attack), ("screen", screen)):
        if not isinstance(value, bool):
            raise OptionError(f"{name} must be True or False, got {value!r}")


def _resolve_estimators(estimators) -> list:
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


def _source(classes: tuple[ClassBound, ...], certified_radius: float) -> str:
    """The quality of the constants behind the certified radius (``classes`` are those at
    it): ``"exact"`` when every solve there was optimal, else ``"exact-upper-bound"`` naming
    the time limit or the statuses met; ``"none"`` when nothing is certified. A class the
    screen certified is not binding (:func:`~exactlip.robustness.evaluators.with_binding_solved`)
    and does not limit the radius: the failures that do are decided by solves."""
    statuses = sorted({c.status for c in classes if c.status != "screened"})
    if not statuses or statuses == ["optimal"]:
        return "exact" if certified_radius > 0 else "none"
    if "time_limit" in statuses:
        return "exact-upper-bound (time limit)"
    return f"exact-upper-bound ({', '.join(statuses)})"


def _estimator_radius(problem: CertificationProblem, method, top: float, radius, rtol: float, max_steps: int) -> EstimatorRadius:
    """The radius ``method`` certifies by the same rule, searched up to ``top`` (the
    largest radius the exact search evaluated); an estimator that refuses the network
    certifies nothing and says why in ``note``."""
    started = time.perf_counter()
    flags = {"certified": True}
    search = RadiusSearch(estimator_evaluator(problem, method.name, method.local, flags), rtol, max_steps)
    note, decided = "", None
    try:
        certified_radius, best, failed = search.run(top, cap=problem.reach_cap, grow=False, given=radius)
        if radius is not None:
            decided = search.decides(radius, problem.reach_cap, certified_radius)
    except ExactLipError as exc:
        certified_radius, best, failed, note = 0.0, None, None, str(exc).splitlines()[0]
    shown = best if best is not None and best.radius > 0 else failed
    values = {} if shown is None else {c.cls: c.upper for c in shown.classes if shown.radius > 0}
    return EstimatorRadius(
        method.name, certified_radius, decided, flags["certified"] and not note, method.local, values,
        len(search.trace), time.perf_counter() - started, note,
    )


def _summary(problem: CertificationProblem, certified_radius, radius, radius_certified, search: dict) -> str:
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
    screen: bool = True,
    backend: str = "highs",
    time_limit: float | None = 60.0,
    threads: int | None = None,
    bounds: str = DEFAULT_BOUNDS,
    samples: int = 1024,
    seed: int = 0,
    input_shape: tuple[int, ...] | None = None,
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
    bisection (default: the a-priori limit ``min_j (m_j + E_j) / ||∇g_j(x0)||_{α*}``,
    doubled while certified); ``rtol``/``max_steps``: its relative tolerance and number
    of steps. ``arithmetic``: ``"float32"`` (default), ``"float64"`` or ``"real"`` — the
    evaluations the certificate covers, besides the real-valued network. ``attack``:
    search for an adversarial point too. ``screen``: skip the exact solve of a class
    that bound propagation already certifies (:mod:`~exactlip.robustness.screen`; same
    radius, fewer solves). ``time_limit`` (seconds per MIP solve), ``backend``,
    ``threads``, ``bounds``, ``samples``, ``seed``, ``input_shape``: as in :func:`exactlip.lipschitz`.

    Returns a :class:`RobustnessCertificate`; the decision rule is in
    :mod:`~exactlip.robustness.problem`, the search in :mod:`~exactlip.robustness.search`.
    """
    started = time.perf_counter()
    network = load_network(model, input_shape=input_shape)
    norm = parse_norm(norm)
    _check_arguments(radius, label, network.output_dim, max_radius, rtol, max_steps, arithmetic, time_limit, threads, samples, attack, screen)
    methods = _resolve_estimators(estimators)
    problem = build_problem(network, center, norm, clip, None if label is None else int(label), arithmetic)
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
            binding_class=None, source="none", sources=(), classes=(), search={}, trace=(), estimators=(), attack=None,
            seconds={"total": time.perf_counter() - started}, message=message, notes=tuple(notes),
        )

    def solve(box, j: int):
        return exact_api.lipschitz(
            network, box, norm=norm, margin=(problem.label, j), backend=backend, time_limit=time_limit,
            threads=threads, bounds=bounds, samples=samples, seed=seed,
        )

    auto = max_radius is None
    hi = problem.apriori_limit() if auto else float(max_radius)
    if not math.isfinite(hi):
        hi = problem.reach_cap if math.isfinite(problem.reach_cap) else 1.0
    hi = max(hi, 1e-12)
    screen_bounds = partial(margin_constant_bounds, problem, bounds=bounds) if screen else None
    exact_search = RadiusSearch(exact_evaluator(problem, solve, screen_bounds), rtol, max_steps)
    certified_radius, best, failed = exact_search.run(hi, cap=problem.reach_cap, grow=auto, given=radius)

    searched = [c for e in exact_search.trace if e.radius > 0 for c in e.classes]
    binding_solves = 0
    if best is not None and best.radius > 0 and not exact_search.stopped:
        best, binding_solves = with_binding_solved(problem, solve, best)
    exact_seconds = time.perf_counter() - started

    shown = best if best is not None and best.radius > 0 else failed
    classes = () if shown is None else shown.classes
    binding = None if shown is None or shown.binding is None else shown.binding.cls
    certified_classes = best.classes if best is not None and best.radius > 0 else ()
    source = _source(certified_classes, certified_radius)
    sources = tuple(sorted({c.source for c in searched + list(certified_classes)}))
    refuted = [e.radius for e in exact_search.trace if e.refuted]
    radius_limit = min(refuted) if refuted else None
    if radius is None:
        radius_certified = None
    else:
        radius_certified = exact_search.decides(radius, problem.reach_cap, certified_radius)
    search_top = max([e.radius for e in exact_search.trace] or [0.0])
    search = {
        "max_radius": hi,
        "automatic_max_radius": auto,
        "rtol": rtol,
        "max_steps": max_steps,
        "bisection_steps": exact_search.steps,
        "evaluations": len(exact_search.trace),
        "largest_radius_evaluated": search_top,
        "clip_reach": None if math.isinf(problem.reach_cap) else problem.reach_cap,
        "failed_radius": None if failed is None else failed.radius,
        "stopped": exact_search.stopped,
        "screen": screen,
        "screened": sum(c.source == "bound_propagation" for c in searched),
        "exact_solves": sum(c.source != "bound_propagation" for c in searched) + binding_solves,
    }

    estimator_started = time.perf_counter()
    estimator_results = []
    if best is not None and not exact_search.stopped:
        estimator_results = [_estimator_radius(problem, m, search_top, radius, rtol, max_steps) for m in methods]
    estimator_seconds = time.perf_counter() - estimator_started

    attack_result = None
    if attack and not math.isinf(certified_radius) and search_top > 0:
        attack_result = run_attack(problem, search_top, seed)
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
    message = _summary(problem, certified_radius, radius, radius_certified, search)
    if exact_search.stopped == "interrupted":
        message += "; interrupted: the search stopped early"
    return RobustnessCertificate(
        **{**common, "status": status},
        radius_certified=radius_certified,
        certified_radius=certified_radius,
        radius_limit=radius_limit,
        binding_class=binding,
        source=source,
        sources=sources,
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
