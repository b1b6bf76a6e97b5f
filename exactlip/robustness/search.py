"""The largest certified radius by bisection.

An evaluator decides one radius (:mod:`~exactlip.robustness.evaluators`). Certified at
``r`` means certified on the whole ball of ``r``, hence on every smaller ball, so the
certified radii form an interval ``[0, r*)`` whatever constants the evaluator uses; for
the exact constants ``U_j(r) · reach(r)`` and ``Δ(r)`` do not decrease with ``r`` (the
ball grows) and the decisions themselves are monotone. Bisection finds ``r*`` up to
``rtol`` relative, between 0 and an upper end that is doubled while it is certified when
it is the automatic a-priori limit
(:meth:`~exactlip.robustness.problem.CertificationProblem.apriori_limit`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

from .result import Evaluation

MAX_DOUBLINGS = 40

Evaluator = Callable[[float], Evaluation]


@dataclass
class RadiusSearch:
    """Bisection over radii for one evaluator; keeps every evaluation in ``trace``."""

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

    def decides(self, radius: float, cap: float, certified_radius: float) -> bool:
        """Whether ``radius`` is certified: the evaluation at it (or at ``cap`` beyond it), else
        the search's answer (the radius was not reached: the centre already failed)."""
        for ev in self.trace:
            if ev.radius == min(radius, cap):
                return ev.certified
        return radius <= certified_radius and (radius == 0 or certified_radius > 0)
