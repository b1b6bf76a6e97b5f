"""Certified lower bounds: true Jacobian norms at points of the box.

If no pre-activation is zero at a point ``x`` of the box, the ReLU network is affine
near ``x``, differentiable there, and its Jacobian ``J(x)`` belongs to the Clarke
Jacobian; hence ``||J(x)||`` (in the target's norms) is at most the local Lipschitz
constant. Every value returned here is such a norm, recomputed in numpy at a point
where each pre-activation satisfies ``|z| > DIFFERENTIABILITY_MARGIN · (|W||h| + |b|)``
(far above the rounding error of ``z``, so its sign — and the pattern — is right).
Points failing that test are skipped. The mixed norms ``ℓ∞→ℓ1``, ``ℓ∞→ℓ2`` and
``ℓ2→ℓ1`` of a large Jacobian are replaced by a value attained by a sign vector,
still ``<=`` the norm. Hence ``kind="lower"`` and ``certified=True``.

* ``sampling``: the best of ``count`` uniform points of the box and its centre.
* ``gradient_ascent``: the norm of a ReLU network's Jacobian is piecewise constant in
  ``x``, so its gradient is zero almost everywhere; the ascent therefore follows a
  smoothed network in which each ReLU's slope ``1[z > 0]`` becomes
  ``sigmoid(z / (τ s))`` (a LeakyReLU's ``α + (1 − α) 1[z > 0]`` likewise) (``s``: the neuron's pre-activation spread over the samples,
  ``τ`` decreasing over rounds). At the current point the true Jacobian gives the
  maximising output direction ``c`` and input vector ``w`` (``cᵀ J w = ||J||``); the step
  is a projected sign-gradient step on ``cᵀ J_τ(x) w`` (its gradient by forward and
  reverse mode in numpy: :func:`smoothed_curvature_direction`), scaled by the box's
  widths, from several starts (the best samples and random points). It starts from the
  same ``samples`` points as ``sampling`` (same seed), so it never reports less. Only
  true Jacobian norms at differentiable points are recorded.
"""

from __future__ import annotations

import numpy as np

from .._arrays import dense
from ..domain import Box
from ..errors import OptionError
from ..network.ir import Network
from .base import Outcome, Problem, check_positive_int
from ..norms import sign_vectors, signs_of
from .opnorm import DUAL, MAX_ENUMERATED, vector_norm
from .target import Target

DIFFERENTIABILITY_MARGIN = 1e-9


def differentiable(network: Network, points: np.ndarray) -> np.ndarray:
    """Boolean mask of the points (rows) where no pre-activation is within
    ``DIFFERENTIABILITY_MARGIN`` (relative to its magnitude) of zero."""
    outputs = [np.atleast_2d(points)]
    ok = np.ones(outputs[0].shape[0], dtype=bool)
    for k in range(network.num_layers - 1):
        z, scale = network.biases[k], np.abs(network.biases[k])
        for j, w in network.incoming(k):
            z = z + (w @ outputs[j + 1].T).T
            scale = scale + (abs(w) @ np.abs(outputs[j + 1]).T).T
        ok &= np.all(np.abs(z) > DIFFERENTIABILITY_MARGIN * scale + 1e-300, axis=1)
        outputs.append(np.where(z > 0, z, network.negative_slopes[k] * z))
    return ok


def smoothed_curvature_direction(network: Network, dense_edges: list, x: np.ndarray, cs: np.ndarray, ws: np.ndarray,
                                 temperature: float, scales: list) -> np.ndarray:
    """``∇_x [cᵀ J_t(x) w]`` per row of the batch ``x`` (with that row's ``c`` and ``w``),
    ``J_t`` the Jacobian of the network whose activations ``σ_α(z) = α z + (1 − α) relu(z)``
    are smoothed to ``α z + (1 − α) t softplus(z / t)``, ``t = temperature · scale``.

    Forward mode carries the tangent ``u_k = s(z_k) ⊙ W u`` along ``w``, with the slope
    ``s(z) = α + (1 − α) sigmoid(z / t)``, so that ``cᵀ J_t w = cᵀ W_out u``. Reverse mode
    then runs two adjoints per layer: ``λ`` of the tangent and ``μ`` of the activation
    output; at a layer, ``∂/∂z = λ ⊙ (W u) ⊙ s'(z) + μ ⊙ s(z)`` with the curvature
    ``s'(z) = (1 − α) sigmoid(z/t) (1 − sigmoid(z/t)) / t``, and ``λ`` goes back through
    ``λ ⊙ s(z)``. The input's ``μ`` is the gradient. ``dense_edges[k]``: the ``(j, W)`` of
    ``network.incoming(k)`` with dense ``W``."""
    from scipy.special import expit

    outputs, tangents, cached = [x], [ws], []
    for k in range(network.num_layers - 1):
        z = network.biases[k] + sum(outputs[j + 1] @ w.T for j, w in dense_edges[k])
        dz = sum(tangents[j + 1] @ w.T for j, w in dense_edges[k])
        t, alpha = temperature * scales[k], network.negative_slopes[k]
        sig = expit(z / t)
        slope = alpha + (1.0 - alpha) * sig
        curvature = (1.0 - alpha) * sig * (1.0 - sig) / t
        outputs.append(alpha * z + (1.0 - alpha) * t * np.logaddexp(0.0, z / t))
        tangents.append(slope * dz)
        cached.append((dz, slope, curvature))
    tangent_adjoint = [np.zeros_like(u) for u in tangents]
    output_adjoint = [np.zeros_like(h) for h in outputs]
    for j, w in dense_edges[-1]:
        tangent_adjoint[j + 1] += cs @ w
    for k in range(network.num_layers - 2, -1, -1):
        dz, slope, curvature = cached[k]
        lam, mu = tangent_adjoint[k + 1], output_adjoint[k + 1]
        back_tangent, back_output = lam * slope, lam * dz * curvature + mu * slope
        for j, w in dense_edges[k]:
            tangent_adjoint[j + 1] += back_tangent @ w
            output_adjoint[j + 1] += back_output @ w
    return output_adjoint[0]


def target_jacobians(network: Network, points: np.ndarray, target: Target) -> np.ndarray:
    """What the target's norm reads of the Jacobians at ``points``: the rows ``cᵀ J``
    (``[batch, 1, n]``, a backward pass of one row instead of ``m``) for a scalar
    target, else ``J`` (``[batch, m, n]``)."""
    return network.jacobian(points, left=target.c[None, :]) if target.scalar else network.jacobian(points)


def jacobian_values(network: Network, points: np.ndarray, target: Target, jacobians: np.ndarray | None = None) -> np.ndarray:
    """The target norm of the Jacobian at each point (−inf where not differentiable);
    ``jacobians``: :func:`target_jacobians` at all the points, if already computed."""
    values = np.full(points.shape[0], -np.inf)
    ok = differentiable(network, points)
    if not ok.any():
        return values
    jacs = target_jacobians(network, points[ok], target) if jacobians is None else jacobians[ok]
    if target.scalar:
        values[ok] = vector_norm(jacs[:, 0, :], DUAL[target.norm])
    else:
        values[ok] = [target.jacobian_value(j)[0] for j in jacs]
    return values


def _input_maximiser(J: np.ndarray, alpha: str, beta: str) -> np.ndarray:
    """A ``w`` with ``||w||_α = 1`` and ``||J w||_β`` equal (or, for large mixed norms,
    close) to ``||J||_{α→β}``."""
    m, n = J.shape
    if alpha == "l1":
        w = np.zeros(n)
        w[int(np.argmax(vector_norm(J, beta, axis=0)))] = 1.0
        return w
    if alpha == "linf":
        if n <= MAX_ENUMERATED:
            signs = sign_vectors(n)
            return signs[int(np.argmax(vector_norm(signs @ J.T, beta)))]
        x = np.ones(n)
        for _ in range(50):
            y = J @ x
            dual = signs_of(y) if beta == "l1" else (y / max(np.linalg.norm(y), 1e-300) if beta == "l2" else np.eye(m)[int(np.argmax(np.abs(y)))] * signs_of(y))
            new = signs_of(J.T @ dual)
            if np.array_equal(new, x):
                break
            x = new
        return x
    if beta == "l2":
        return np.linalg.svd(J)[2][0]
    if beta == "linf":
        row = J[int(np.argmax(np.linalg.norm(J, axis=1)))]
        return row / max(np.linalg.norm(row), 1e-300)
    w = _input_maximiser(J.T, "linf", "l2")  # c ∈ {±1}^m maximising ||Jᵀc||_2
    v = J.T @ w
    return v / max(np.linalg.norm(v), 1e-300)


def _output_dual(y: np.ndarray, beta: str) -> np.ndarray:
    """A ``c`` with ``||c||_{β*} = 1`` and ``c·y = ||y||_β``."""
    if beta == "l1":
        return signs_of(y)
    if beta == "l2":
        return y / max(np.linalg.norm(y), 1e-300)
    c = np.zeros(y.shape)
    i = int(np.argmax(np.abs(y)))
    c[i] = 1.0 if y[i] >= 0 else -1.0
    return c


def ascent_directions(J: np.ndarray, target: Target) -> tuple[np.ndarray, np.ndarray]:
    """``(c, w)`` with ``cᵀ J w`` (about) the target norm of ``J``, as given by
    :func:`target_jacobians` (for a scalar target the row ``cᵀ J``)."""
    if target.scalar:
        return target.c, _output_dual(J[0], DUAL[target.norm])
    w = _input_maximiser(J, target.norm, target.output_norm)
    return _output_dual(J @ w, target.output_norm), w


def sampling_lower_bound(network: Network, box: Box, target: Target, count: int = 1000, seed: int = 0):
    """``(value, point, values, points)``: the best true Jacobian norm over the centre and
    ``count`` uniform samples, and every point's value (−inf where not differentiable)."""
    rng = np.random.default_rng(seed)
    points = np.vstack([box.center[None, :], box.sample(count, rng)])
    values = np.concatenate([jacobian_values(network, chunk, target) for chunk in np.array_split(points, max(1, len(points) // 512))])
    i = int(np.argmax(values))
    return float(values[i]), points[i], values, points


def gradient_ascent_lower_bound(
    network: Network,
    box: Box,
    target: Target,
    starts: int = 8,
    steps: int = 40,
    temperatures=(0.3, 0.1, 0.03),
    samples: int = 1000,
    seed: int = 0,
    budget: float | None = None,
):
    """``(value, point, details)``; see the module docstring. ``budget``: seconds after
    which the ascent stops with the best point found so far (None: no limit)."""
    import time

    deadline = None if budget is None else time.perf_counter() + budget

    value, point, values, sample_points = sampling_lower_bound(network, box, target, samples, seed)
    rng = np.random.default_rng(seed + 1)
    scales = [np.std(z, axis=0) + 1e-12 for z in network.preactivations(sample_points)]
    order = np.argsort(-values)
    x = np.vstack([sample_points[order[: max(1, starts // 2)]], box.sample(max(0, starts - max(1, starts // 2)), rng)])
    width = box.upper - box.lower
    edges = [[(j, dense(w)) for j, w in network.incoming(k)] for k in range(network.num_layers)]
    best_value, best_point = value, point
    evaluations = 0
    for temperature in temperatures:
        step_size = 0.1
        for _ in range(steps):
            if deadline is not None and time.perf_counter() > deadline:
                break
            jacs = target_jacobians(network, x, target)
            true = jacobian_values(network, x, target, jacs)
            evaluations += x.shape[0]
            i = int(np.argmax(true))
            if true[i] > best_value:
                best_value, best_point = float(true[i]), x[i].copy()
            pairs = [ascent_directions(j, target) for j in jacs]
            cs = np.array([p[0] for p in pairs], dtype=np.float64)
            ws = np.array([p[1] for p in pairs], dtype=np.float64)
            direction = smoothed_curvature_direction(network, edges, x, cs, ws, temperature, scales)
            x = np.clip(x + step_size * width * np.sign(direction), box.lower, box.upper)
            step_size *= 0.93
    final = jacobian_values(network, x, target)
    i = int(np.argmax(final))
    if final[i] > best_value:
        best_value, best_point = float(final[i]), x[i].copy()
    details = {"sampled_value": value, "evaluations": evaluations + len(values), "starts": starts, "steps": steps,
               "temperatures": list(temperatures)}
    return best_value, best_point, details


def _check(options: dict, allowed: set, method: str) -> None:
    unknown = set(options) - allowed
    if unknown:
        raise OptionError(f"unknown option(s) for {method}: {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(allowed))}")


def run_sampling(problem: Problem, target: Target, options: dict) -> Outcome:
    _check(options, {"count"}, "sampling")
    network = problem.require_network("sampling")
    count = check_positive_int(options.get("count", 1000), "count", 0)
    value, point, values, _ = sampling_lower_bound(network, problem.require_box("sampling"), target, count, problem.seed)
    if not np.isfinite(value):
        raise OptionError("sampling found no point of the box where the network is differentiable")
    return Outcome(value, True, {"point": point, "count": count, "differentiable_points": int(np.isfinite(values).sum())})


def run_gradient_ascent(problem: Problem, target: Target, options: dict) -> Outcome:
    _check(options, {"starts", "steps", "temperatures", "samples"}, "gradient_ascent")
    network = problem.require_network("gradient_ascent")
    kwargs = {
        "starts": check_positive_int(options.get("starts", 8), "starts"),
        "steps": check_positive_int(options.get("steps", 40), "steps", 0),
        "samples": check_positive_int(options.get("samples", 1000), "samples", 0),
        "temperatures": tuple(float(t) for t in options.get("temperatures", (0.3, 0.1, 0.03))),
    }
    value, point, details = gradient_ascent_lower_bound(network, problem.require_box("gradient_ascent"), target, seed=problem.seed, **kwargs)
    if not np.isfinite(value):
        raise OptionError("gradient_ascent found no point of the box where the network is differentiable")
    details["point"] = point
    return Outcome(value, True, details)
