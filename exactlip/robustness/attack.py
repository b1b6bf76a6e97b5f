"""A projected-gradient attack on the margins: an independent check of the certificate.

It looks for a point of the ball where ``f_j >= f_y`` for some ``j ≠ y`` (float64; ties
count). Finding one closer than the certified radius would be a bug (``certify`` raises
:class:`~exactlip.errors.CertificateConsistencyError`); the closest one found bounds the
true robust radius from above.
"""

from __future__ import annotations

import time

import numpy as np

from ..estimators.opnorm import vector_norm
from .problem import CertificationProblem
from .result import AttackResult

ATTACK_BISECTION_STEPS = 10


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


def _into_ball(problem: CertificationProblem, x: np.ndarray, radius: float) -> np.ndarray:
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


def _distance(problem: CertificationProblem, x: np.ndarray) -> float:
    """``||x − x0||_α`` of one point."""
    return float(vector_norm(x - problem.center, problem.norm))


def _worst_margins(problem: CertificationProblem, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(min_j f_y − f_j, argmin j)`` per row, in float64."""
    logits = problem.network.forward(x)
    gaps = logits[:, [problem.label]] - logits[:, problem.others]
    k = np.argmin(gaps, axis=1)
    return gaps[np.arange(len(x)), k], np.asarray(problem.others)[k]


def attack_at(problem: CertificationProblem, radius: float, rng: np.random.Generator, steps: int = 60, starts: int = 16):
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


def run_attack(problem: CertificationProblem, hi: float, seed: int) -> AttackResult:
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
        lo, top = 0.0, _distance(problem, x)
        for _ in range(ATTACK_BISECTION_STEPS):
            mid = 0.5 * (lo + top)
            x, margin, cls = attack_at(problem, mid, rng)
            if margin <= 0:
                best, top = (x, margin, cls), _distance(problem, x)
            else:
                lo = mid
    seconds = time.perf_counter() - started
    if best is None:
        return AttackResult(searched, None, None, None, None, seconds)
    x, margin, cls = best
    return AttackResult(searched, _distance(problem, x), x, cls, margin, seconds)
