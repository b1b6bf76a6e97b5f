"""Independent references for the estimator tests: brute-force norms of small matrices
and the local Lipschitz constant in any ℓ1/ℓ2/ℓ∞ pair by region enumeration.

Nothing here imports exactlip.estimators: every maximum is taken by enumerating the
extreme points of the input ball (±e_j for ℓ1, sign vectors for ℓ∞) or, for ℓ2 input,
of the dual output ball, or by an SVD.
"""

from __future__ import annotations

import itertools

import numpy as np

from tests.oracle import enumerate_regions, pattern_jacobian

P = {"l1": 1, "l2": 2, "linf": np.inf}
DUAL = {"l1": "linf", "l2": "l2", "linf": "l1"}


def signs(n: int) -> np.ndarray:
    return np.array(list(itertools.product((-1.0, 1.0), repeat=n)))


def brute_operator_norm(J: np.ndarray, alpha: str, beta: str) -> float:
    """``max_{||x||_α <= 1} ||J x||_β`` by enumeration (small matrices only)."""
    J = np.asarray(J, dtype=np.float64)
    m, n = J.shape
    if alpha == "l1":
        return float(max(np.linalg.norm(J[:, j], P[beta]) for j in range(n)))
    if alpha == "linf":
        return float(max(np.linalg.norm(J @ s, P[beta]) for s in signs(n)))
    # α = ℓ2: maximise over the extreme points of the dual output ball
    if beta == "l2":
        return float(np.linalg.svd(J, compute_uv=False)[0])
    if beta == "linf":
        return float(max(np.linalg.norm(J[i]) for i in range(m)))
    return float(max(np.linalg.norm(J.T @ s) for s in signs(m)))


def target_value(J: np.ndarray, norm: str, output_norm: str | None = None, c=None, margin=None) -> float:
    m = J.shape[0]
    if margin is not None:
        c = np.zeros(m)
        c[margin[0]], c[margin[1]] = 1.0, -1.0
    if c is None and m == 1:
        c = np.ones(1)
    if c is not None:
        return float(np.linalg.norm(J.T @ np.asarray(c, dtype=np.float64), P[DUAL[norm]]))
    return brute_operator_norm(J, norm, output_norm or norm)


def region_jacobians(network, box) -> list[np.ndarray]:
    """The Jacobian of every linear region that meets the box in a full-dimensional set."""
    return [pattern_jacobian(network, r.pattern) for r in enumerate_regions(network, box)]


def constant_over(jacobians, norm: str, output_norm=None, c=None, margin=None) -> float:
    return max(target_value(J, norm, output_norm, c, margin) for J in jacobians)


def local_constant(network, box, norm: str, output_norm=None, c=None, margin=None) -> float:
    """``max`` over the linear regions meeting the box of the target norm of the region's Jacobian."""
    return constant_over(region_jacobians(network, box), norm, output_norm, c, margin)
