"""CLEVER (Weng et al. 2018): an extreme-value estimate of the largest gradient norm.

Draw ``batches`` batches of ``batch_size`` uniform points of the box, take each
batch's largest Jacobian norm (in the target's norms, at differentiable points), fit a
reverse Weibull distribution (``scipy.stats.weibull_max``) to those maxima by maximum
likelihood, and report its location parameter — the fitted distribution's right end
point — as the estimate of ``max_{x ∈ X} ||J(x)||``.

``kind="heuristic"``, ``certified=False``: the estimate has no guarantee in either
direction (for a ReLU network the gradient norm is piecewise constant, so batch maxima
often repeat and the fit can land below or above the true constant). When every batch
maximum is the same value, or no fit (tried from several initial shapes) keeps the
maxima inside its support with an end point within ten spreads of them, the sampled
maximum is returned (``details["degenerate"] = True``). ``details`` also holds the largest sampled value and
the Kolmogorov–Smirnov p-value of the fit.
"""

from __future__ import annotations

import warnings

import numpy as np

from ..errors import OptionError
from .base import Outcome, Problem, check_positive_int
from .lower import jacobian_values
from .target import Target


def clever_estimate(network, box, target: Target, batches: int = 50, batch_size: int = 128, seed: int = 0) -> tuple[float, dict]:
    from scipy import stats

    rng = np.random.default_rng(seed)
    maxima = []
    for _ in range(batches):
        values = jacobian_values(network, box.sample(batch_size, rng), target)
        if np.isfinite(values).any():
            maxima.append(float(values.max()))
    maxima = np.array(maxima)
    if maxima.size == 0:
        raise OptionError("clever found no point of the box where the network is differentiable")
    top = float(maxima.max())
    details = {"batches": batches, "batch_size": batch_size, "sampled_max": top}
    spread = float(maxima.max() - maxima.min())
    if maxima.size < 3 or spread <= 1e-12 * max(top, 1e-300):
        return top, {**details, "degenerate": True}
    best = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for shape0 in (0.5, 1.0, 2.0, 5.0, 10.0, 20.0):
            try:
                shape, loc, scale = stats.weibull_max.fit(maxima, shape0, loc=top + 0.1 * spread, scale=spread)
            except (ValueError, RuntimeError, FloatingPointError):
                continue
            # a usable fit keeps the sample inside its support and its end point near the data
            if not (np.isfinite([shape, loc, scale]).all() and top <= loc <= top + 10.0 * spread and scale > 0):
                continue
            loglik = float(np.sum(stats.weibull_max.logpdf(maxima, shape, loc, scale)))
            if np.isfinite(loglik) and (best is None or loglik > best[0]):
                best = (loglik, shape, loc, scale)
        if best is None:
            return top, {**details, "degenerate": True, "note": "no reverse Weibull fit converged; the sampled maximum is returned"}
        _, shape, loc, scale = best
        p_value = float(stats.kstest(maxima, "weibull_max", args=(shape, loc, scale)).pvalue)
    return float(loc), {**details, "degenerate": False, "shape": float(shape), "scale": float(scale), "ks_pvalue": p_value}


def run(problem: Problem, target: Target, options: dict) -> Outcome:
    unknown = set(options) - {"batches", "batch_size"}
    if unknown:
        raise OptionError(f"unknown option(s) for clever: {', '.join(sorted(unknown))}; allowed: batch_size, batches")
    network = problem.require_network("clever")
    value, details = clever_estimate(
        network,
        problem.require_box("clever"),
        target,
        check_positive_int(options.get("batches", 50), "batches"),
        check_positive_int(options.get("batch_size", 128), "batch_size"),
        problem.seed,
    )
    return Outcome(value, False, details)
