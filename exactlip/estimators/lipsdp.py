"""LipSDP (Fazlyab et al. 2019): an SDP upper bound on the ℓ2 Lipschitz constant.

Norm: ℓ2 on input and output (for a direction ``c``: the ℓ2 norm of ``∇(c·f)``); other
pairs by the dimension factors of :mod:`exactlip.estimators.conversions`.

Stack the input and the hidden activations as ``v = [x; h_0; …; h_{L-2}]`` (size
``d = n + N``, N hidden neurons). Neuron i of hidden layer k has pre-activation
``z_i = a_iᵀ v`` (``a_i`` holds the row ``W_k[i]`` in block k−1) and output ``φ_i =
e_iᵀ v``. ReLU is slope-restricted in ``[α_i, β_i] = [0, 1]``, so for any two inputs the
increments satisfy ``(Δφ_i − α_i Δz_i)(β_i Δz_i − Δφ_i) >= 0``, i.e. ``Δvᵀ Q_i Δv >= 0``
with ``Q_i = −2α_iβ_i a_i a_iᵀ + (α_i+β_i)(a_i e_iᵀ + e_i a_iᵀ) − 2 e_i e_iᵀ``. If for
multipliers ``λ >= 0``

    M(ρ, λ) = Σ_i λ_i Q_i − ρ E_x + W_outᵀ W_out  ⪯ 0

(``E_x`` selects the input block; ``W_out = W_{L-1}``, or ``cᵀ W_{L-1}`` for a
direction, acts on the last hidden block) then ``||Δf||² − ρ||Δx||² <= −Σ λ_i Δvᵀ Q_i Δv
<= 0``, so ``L <= sqrt(ρ)``. The SDP minimises ρ over (ρ, λ):

* **LipSDP-Neuron**: one ``λ_i >= 0`` per neuron;
* **LipSDP-Layer**: one ``λ_k >= 0`` per hidden layer (cheaper, looser).
* **LipSDP-Network** is deliberately absent: it adds coupling terms ``λ_ij`` for the
  pairs ``(Δφ_i − Δφ_j)`` and ``(Δz_i − Δz_j)``, which assume that the *difference* of
  two ReLU increments is slope-restricted with respect to the difference of their
  inputs. That is false: with ``z_i: −1 → 1`` and ``z_j: 0 → 2`` both ``Δz`` are 2, so
  ``Δz_i − Δz_j = 0`` while ``Δφ_i − Δφ_j = 1 − 2 = −1 ≠ 0`` — the constraint
  ``(Δφ_i − Δφ_j)(Δz_i − Δz_j) >= (Δφ_i − Δφ_j)²`` reads ``0 >= 1``. Its "bound" can
  therefore fall below the true constant (counterexamples are published, e.g. Pauli et
  al. 2021), so it is not offered.
* **local** variants: over a box an inactive neuron is constant (its increment is 0)
  and an active one is linear (its increment is that of its pre-activation), so both
  are substituted away; only the unstable neurons keep a coordinate of ``v`` and a
  multiplier. (The sector [1, 1] of an active neuron would be an equality constraint
  whose multiplier has no finite optimum — CVXOPT then fails to converge.) With no
  unstable neuron f is affine on the box and the value is the exact spectral norm of
  its Jacobian.

Certification (a posteriori). The solver's ρ is only feasible up to its tolerances, so
it is *not* reported as the bound. From the solver's ``λ`` (clipped to ``>= 0``, which
keeps every ``Q_i`` term valid) the smallest ρ that makes ``M(ρ, λ) ⪯ 0`` hold is
computed exactly: with the blocks of ``M(0, λ)`` split into input (I) and hidden (H)
parts, ``M ⪯ 0`` iff ``−M_HH ≻ 0`` (checked by a Cholesky factorisation) and
``ρ >= λ_max(M_II + M_IH (−M_HH)^{-1} M_HI)`` (Schur complement). If ``−M_HH`` is not
positive definite, ``λ`` is scaled by ``t`` slightly above 1 and the smallest such ρ over
a few ``t`` is kept. The reported value is ``sqrt(ρ_cert)`` with ρ_cert that eigenvalue
plus a relative margin of 1e-9 (floating-point eigenvalues aside, a proven bound);
``details`` keep the raw solver value. If no ``t`` certifies, the raw value is returned
with ``certified=False``.

Before solving, each layer is scaled to unit spectral norm (ReLU is positively
homogeneous, and the SDP bound scales by the same product), which helps the solvers.

Sizes: the SDP has a ``d × d`` matrix inequality and up to N multipliers. CVXOPT is
the default solver (cvxpy's ``solver=`` names are accepted, e.g. ``"SCS"``,
``"CLARABEL"``); sizes past :data:`MAX_MATRIX_SIZE` for the chosen solver are refused
before anything is built, with an error naming the size and the limit (measured on 23
GB: CVXOPT about 7 s for two hidden layers of 100; Clarabel runs out of memory past
about 110 neurons a layer).
"""

from __future__ import annotations

import importlib.util

import numpy as np
import scipy.sparse as sp

from ..errors import BackendError, BackendUnavailableError, OptionError
from ..network.ir import Network
from ..bounds import ACTIVE, UNSTABLE
from .base import Outcome, Problem
from .opnorm import spectral_norm
from .states import neuron_states_over_box
from .target import Target

DEFAULT_SOLVER = "CVXOPT"
# largest d = (input size + hidden neurons) accepted per solver, neuron / layer variant
MAX_MATRIX_SIZE = {"CVXOPT": 600, "SCS": 1000, "CLARABEL": 120, "MOSEK": 1500}
DEFAULT_MAX_MATRIX_SIZE = 300
CERTIFY_MARGIN = 1e-9
_SCALINGS = (1.0, 1.0 + 1e-9, 1.0 + 1e-7, 1.0 + 1e-5, 1.0 + 1e-3, 1.01, 1.1)


def matrix_size(network: Network) -> int:
    return network.input_dim + network.num_hidden_neurons


def size_limit(solver: str) -> int:
    return MAX_MATRIX_SIZE.get(solver.upper(), DEFAULT_MAX_MATRIX_SIZE)


def fits(network: Network | None, method: str = "lipsdp_neuron", solver: str = DEFAULT_SOLVER) -> bool:
    return network is not None and matrix_size(network) <= size_limit(solver)


# ----- the matrix inequality -------------------------------------------------------
class _Layout:
    """The vector ``v = [x; φ of the unstable neurons]``, each unstable neuron's
    pre-activation row ``a_i`` and the output map, all as increments (biases drop out).

    Every hidden increment is linear in ``v``: ``Δh_k = H_k v`` with ``H_{-1}`` selecting
    ``x``; an unstable neuron's entry of ``Δh_k`` is its own coordinate of v, an active
    neuron's is its pre-activation ``(W_k H_{k-1})_i`` (slope exactly 1 on the box) and an
    inactive neuron's is 0 (constant on the box). Without states every neuron is
    unstable and v is the usual ``[x; h_0; …; h_{L-2}]``.
    """

    def __init__(self, weights: list[np.ndarray], states: list[np.ndarray] | None = None):
        n_in = weights[0].shape[1]
        unstable = [np.ones(w.shape[0], bool) if states is None else states[k] == UNSTABLE for k, w in enumerate(weights[:-1])]
        self.n_input = n_in
        self.d = n_in + int(sum(u.sum() for u in unstable))
        h = np.eye(n_in, self.d)
        rows, layer_of = [], []
        index = n_in
        for k, w in enumerate(weights[:-1]):
            z = w @ h
            nxt = np.zeros((w.shape[0], self.d))
            if states is not None:
                active = states[k] == ACTIVE
                nxt[active] = z[active]
            for i in np.flatnonzero(unstable[k]):
                rows.append(z[i])
                layer_of.append(k)
                nxt[i, index] = 1.0
                index += 1
            h = nxt
        self.rows = np.array(rows).reshape(len(rows), self.d)
        self.layer_of = np.array(layer_of, dtype=int)
        self.out_map = weights[-1] @ h

    @property
    def num_neurons(self) -> int:
        return self.d - self.n_input

    def neuron_terms(self) -> sp.csc_array:
        """``[d², N]``: column i is ``vec(Q_i) = vec(a_i e_iᵀ + e_i a_iᵀ − 2 e_i e_iᵀ)``
        (the ReLU sector [0, 1]; column-major vec)."""
        rows, cols, vals = [], [], []
        for i, a in enumerate(self.rows):
            e = self.n_input + i
            idx = np.flatnonzero(a)
            rows.append(np.concatenate([idx + self.d * e, e + self.d * idx, [e + self.d * e]]))
            vals.append(np.concatenate([a[idx], a[idx], [-2.0]]))
            cols.append(np.full(2 * idx.size + 1, i))
        if not rows:
            return sp.csc_array((self.d * self.d, 0))
        return sp.csc_array(
            (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(self.d * self.d, self.num_neurons)
        )

    def output_term(self) -> np.ndarray:
        return self.out_map.T @ self.out_map

    def matrix(self, lam: np.ndarray, terms: sp.csc_array) -> np.ndarray:
        """``M(0, λ) = Σ λ_i Q_i + W_outᵀ W_out`` as a dense symmetric matrix."""
        m = (terms @ lam).reshape(self.d, self.d, order="F") + self.output_term()
        return 0.5 * (m + m.T)


def smallest_rho(matrix: np.ndarray, n_input: int) -> float | None:
    """The smallest ρ with ``matrix − ρ E_x ⪯ 0`` (None when ``−M_HH`` is not positive definite)."""
    m_ii, m_ih, m_hh = matrix[:n_input, :n_input], matrix[:n_input, n_input:], matrix[n_input:, n_input:]
    if m_hh.size:
        try:
            chol = np.linalg.cholesky(-m_hh)
        except np.linalg.LinAlgError:
            return None
        x = np.linalg.solve(chol, m_ih.T)
        schur = m_ii + x.T @ x
    else:
        schur = m_ii
    return float(np.linalg.eigvalsh(0.5 * (schur + schur.T))[-1])


def certify(layout: _Layout, terms: sp.csc_array, lam: np.ndarray) -> tuple[float | None, float]:
    """``(ρ_cert, t)``: the best certified ρ over the scalings ``t λ`` (None if none works)."""
    lam = np.maximum(lam, 0.0)
    best, best_t = None, 1.0
    for t in _SCALINGS:
        rho = smallest_rho(layout.matrix(t * lam, terms), layout.n_input)
        if rho is not None and (best is None or rho < best):
            best, best_t = rho, t
    if best is None:
        return None, 1.0
    scale = max(1.0, float(np.abs(layout.matrix(best_t * lam, terms)).max()))
    return max(best, 0.0) * (1 + CERTIFY_MARGIN) + CERTIFY_MARGIN * 1e-3 * scale, best_t


def _normalised(weights: list[np.ndarray]) -> tuple[list[np.ndarray], float]:
    norms = [spectral_norm(w) for w in weights]
    if any(n == 0.0 for n in norms):
        return weights, 0.0
    return [w / n for w, n in zip(weights, norms)], float(np.prod(norms))


def lipsdp_bound(
    weights,
    variant: str = "neuron",
    states: list[np.ndarray] | None = None,
    solver: str = DEFAULT_SOLVER,
    max_size: int | None = None,
    solver_options: dict | None = None,
) -> tuple[float, bool, dict]:
    """``(value, certified, details)`` for ``weights`` (last layer already ``cᵀW`` for a
    direction); ``states`` (per hidden layer, from the box) turn on the local variant."""
    if variant not in ("neuron", "layer"):
        raise OptionError(f"variant must be 'neuron' or 'layer', got {variant!r}")
    weights = [np.asarray(w, dtype=np.float64) for w in weights]
    solver = str(solver).upper()
    n_in = weights[0].shape[1]
    if states is None:
        hidden = sum(w.shape[0] for w in weights[:-1])
    else:
        hidden = int(sum(np.count_nonzero(s == UNSTABLE) for s in states))
    d = n_in + hidden
    limit = size_limit(solver) if max_size is None else int(max_size)
    if d > limit:
        raise OptionError(
            f"LipSDP matrix size {d} (input {n_in} + {hidden} {'unstable ' if states is not None else ''}hidden neurons) "
            f"exceeds the limit {limit} for solver {solver}; larger SDPs exhaust memory or take hours. Use a smaller "
            "network, the local variant (fewer neurons), another solver, or max_size= to override"
        )
    scaled, scale = _normalised(weights)
    if scale == 0.0:
        return 0.0, True, {"note": "a layer is zero"}
    layout = _Layout(scaled, states)
    if layout.num_neurons == 0:
        value = spectral_norm(layout.out_map) * scale
        return value, True, {"variant": variant, "matrix_size": layout.d, "note": "no unstable neuron: f is affine, exact norm"}
    if importlib.util.find_spec("cvxpy") is None:
        raise BackendUnavailableError("LipSDP needs cvxpy (pip install 'exactlip[sdp]')")
    import cvxpy as cp

    terms = layout.neuron_terms()
    if variant == "layer":
        layers, group = np.unique(layout.layer_of, return_inverse=True)
        pool = sp.csc_array((np.ones(layout.num_neurons), (np.arange(layout.num_neurons), group)),
                            shape=(layout.num_neurons, layers.size))
        terms = sp.csc_array(terms @ pool)
    rho = cp.Variable(nonneg=True)
    lam = cp.Variable(terms.shape[1], nonneg=True)
    select = np.zeros((layout.d, layout.d))
    select[: layout.n_input, : layout.n_input] = np.eye(layout.n_input)
    lmi = cp.reshape(terms @ lam, (layout.d, layout.d), order="F") + layout.output_term() - rho * select
    problem = cp.Problem(cp.Minimize(rho), [lmi << 0])
    try:
        problem.solve(solver=solver, **(solver_options or {}))
    except cp.error.SolverError as exc:
        raise BackendError(f"LipSDP: solver {solver} failed: {exc}") from None
    if rho.value is None or lam.value is None:
        raise BackendError(f"LipSDP: solver {solver} ended with status {problem.status}")
    raw = float(np.sqrt(max(float(rho.value), 0.0))) * scale
    rho_cert, t = certify(layout, terms, np.asarray(lam.value, dtype=np.float64))
    stats = problem.solver_stats
    details = {"variant": variant, "solver": solver, "status": problem.status, "raw_value": raw,
               "matrix_size": layout.d, "multipliers": int(terms.shape[1]), "layer_scale": scale,
               "solver_seconds": None if stats is None or stats.solve_time is None else float(stats.solve_time)}
    if rho_cert is None:
        details["note"] = "no scaling of the solver's multipliers made the matrix inequality hold; raw solver value"
        return raw, False, details
    details["multiplier_scaling"] = t
    value = float(np.sqrt(rho_cert)) * scale
    details["certified_gap"] = value - raw
    return value, True, details


def _run(problem: Problem, target: Target, options: dict, variant: str, local: bool) -> Outcome:
    method = f"lipsdp_{variant}" + ("_local" if local else "")
    network = problem.require_network(method)
    unknown = set(options) - {"solver", "max_size", "solver_options"}
    if unknown:
        raise OptionError(f"unknown option(s) for {method}: {', '.join(sorted(unknown))}; allowed: max_size, solver, solver_options")
    chain = problem.require_relu_chain(method)
    weights = chain[:-1] + [target.last_layer(chain[-1])]
    states = None
    details: dict = {}
    if local:
        states = neuron_states_over_box(network, problem.require_box(method))
        details["unstable_per_layer"] = [int(np.count_nonzero(s == UNSTABLE)) for s in states]
    value, certified, info = lipsdp_bound(
        weights, variant, states, options.get("solver", DEFAULT_SOLVER), options.get("max_size"), options.get("solver_options")
    )
    return Outcome(value, certified, {**details, **info})


def run_neuron(problem, target, options):
    return _run(problem, target, options, "neuron", False)


def run_layer(problem, target, options):
    return _run(problem, target, options, "layer", False)


def run_neuron_local(problem, target, options):
    return _run(problem, target, options, "neuron", True)


def run_layer_local(problem, target, options):
    return _run(problem, target, options, "layer", True)
