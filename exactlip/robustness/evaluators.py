"""Deciding one radius: with the exact brackets (behind the bound-propagation screen) or
with an upper-bound estimator's values, by the decision rule of
:mod:`~exactlip.robustness.problem`. Both stop at the first class that fails: one failing
class decides the radius."""

from __future__ import annotations

import math
import time
from dataclasses import replace
from typing import Callable

from ..estimators import estimate
from .problem import CertificationProblem
from .result import ClassBound, Evaluation
from .search import Evaluator


def exact_source(status: str) -> str:
    """What an exact solve's upper bound is: ``"exact"`` when optimal, else an upper bound."""
    if status == "optimal":
        return "exact"
    return "exact-upper-bound (time limit)" if status == "time_limit" else f"exact-upper-bound ({status})"


def _solved(problem: CertificationProblem, solve: Callable, j: int, radius: float, delta) -> ClassBound:
    """Class ``j`` at ``radius`` with the exact bracket of its margin constant."""
    started = time.perf_counter()
    result = solve(problem.box(radius), j)
    upper = math.inf if result.upper is None else float(result.upper)
    slack, rounding = problem.slack(j, upper, radius, delta)
    return ClassBound(
        j, problem.margins[j], problem.margin_errors[j], rounding, float(result.lower), upper, result.status, slack,
        time.perf_counter() - started, exact_source(result.status),
    )


def exact_evaluator(problem: CertificationProblem, solve: Callable, screen: Callable | None = None) -> Evaluator:
    """Decide a radius with the upper ends of the exact brackets, ``solve(box, j)`` giving
    the :class:`~exactlip.LipschitzResult` of class ``j``'s margin over ``box``.

    ``screen(radius)`` (optional) returns ``({j: B_j}, seconds)``, certified upper bounds of
    the margin constants (:mod:`~exactlip.robustness.screen`): the classes they certify
    are not solved, and the others are solved most likely to fail first — the class that
    failed last, then by increasing slack under ``B_j`` (small margin, large bound).
    Without a screen every class is solved, the class that failed last first, then in
    class order."""
    order = list(problem.others)  # the class that failed last first
    last_failed = None

    def screened(radius: float, delta) -> tuple[list[ClassBound], list[int]]:
        """The classes the screen certifies, and the others in the order to solve them."""
        values, seconds = screen(radius)
        certified, slacks = [], {}
        for j in problem.others:
            slack, rounding = problem.slack(j, values[j], radius, delta)
            slacks[j] = slack
            if slack > 0:
                certified.append(
                    ClassBound(
                        j, problem.margins[j], problem.margin_errors[j], rounding, problem.gradient_norms[j], values[j],
                        "screened", slack, seconds / len(problem.others), "bound_propagation",
                    )
                )
        todo = sorted((j for j in problem.others if not slacks[j] > 0), key=lambda j: (j != last_failed, slacks[j]))
        return certified, todo

    def evaluate(radius: float) -> Evaluation:
        nonlocal last_failed
        delta = problem.rounding(radius)
        classes, todo, refuted = [], list(order), False
        if radius > 0 and screen is not None:
            classes, todo = screened(radius, delta)
        for j in todo:
            if radius == 0.0:
                slack, rounding = problem.slack(j, 0.0, 0.0, delta)
                classes.append(ClassBound(j, problem.margins[j], problem.margin_errors[j], rounding, None, 0.0, "not_needed", slack))
            else:
                classes.append(_solved(problem, solve, j, radius, delta))
                refuted = refuted or problem.refuted(j, classes[-1].lower, radius)
            if not classes[-1].slack > 0:
                last_failed = j
                order.remove(j)
                order.insert(0, j)
                return Evaluation(radius, False, refuted, tuple(classes))
            if classes[-1].status == "interrupted":  # Ctrl-C: its upper bound holds, but stop here
                return Evaluation(radius, len(classes) == len(problem.others), refuted, tuple(classes))
        return Evaluation(radius, True, refuted, tuple(classes))

    return evaluate


def with_binding_solved(problem: CertificationProblem, solve: Callable, evaluation: Evaluation) -> tuple[Evaluation, int]:
    """``(evaluation, solves)``: ``evaluation`` (a certified one) with every screened class
    that could be binding solved too, so that the binding class (the smallest slack)
    carries an exact bracket; ``solves`` counts the solves this took.

    A screened slack only bounds the exact one from below (``B_j >= U_j``), so the
    screened classes are solved in increasing order of their screened slack while it is
    below the smallest exact slack so far; the others keep ``[||∇g_j(x0)||, B_j]``. A
    solve whose upper end does not certify its class (a time limit) keeps the screen's
    bound as the upper end, with the solve's verified lower bound and status. The
    decision is unchanged."""
    screened = sorted((c for c in evaluation.classes if c.source == "bound_propagation"), key=lambda c: c.slack)
    smallest = min((c.slack for c in evaluation.classes if c.source != "bound_propagation"), default=math.inf)
    if not screened or screened[0].slack >= smallest:
        return evaluation, 0
    delta = problem.rounding(evaluation.radius)
    classes = {c.cls: c for c in evaluation.classes}
    solves = 0
    for bound in screened:
        if bound.slack >= smallest:
            break
        exact = _solved(problem, solve, bound.cls, evaluation.radius, delta)
        solves += 1
        seconds = bound.seconds + exact.seconds
        if exact.slack > 0:
            classes[bound.cls] = replace(exact, seconds=seconds)
            smallest = min(smallest, exact.slack)
        else:
            classes[bound.cls] = replace(bound, lower=exact.lower, status=exact.status, seconds=seconds)
    return replace(evaluation, classes=tuple(classes[c.cls] for c in evaluation.classes)), solves


def estimator_evaluator(problem: CertificationProblem, method: str, local: bool, flags: dict) -> Evaluator:
    """Decide a radius with the values of the upper-bound estimator ``method`` (computed
    once per class for a global one, per class and radius for a local one); sets
    ``flags["certified"]`` False when the estimator reports an uncertified value."""
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
            source = method if radius > 0 else "none"
            classes.append(ClassBound(j, problem.margins[j], problem.margin_errors[j], rounding, None, upper, status, slack, 0.0, source))
            if not slack > 0:
                certified = False
                break
        return Evaluation(radius, certified, False, tuple(classes))

    return evaluate
