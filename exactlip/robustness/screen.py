"""A cheap certified bound of each margin's Lipschitz constant, to skip exact solves.

For the margin direction ``c = e_y − e_j`` the backward pass over the box gives
``g = Jᵀ c``; bound propagation (:mod:`exactlip.estimators.bound_propagation`: the
linear backward bounds of :mod:`exactlip.bounds` with the neuron states of the box, and
the chord relaxation of ``Σ|g_i|`` for ``α = ℓ∞``) bounds ``||g||_{α*}`` for every
element of the Clarke Jacobian over the box, so its value ``B_j(r)`` is a certified upper
bound of ``L_j`` over the box, like the upper end ``U_j(r)`` of the exact bracket and in
general above it (rounding aside, relative ~1e-15, far inside the rule's ``REL``).
Whenever the decision rule holds with ``B_j(r)`` in place of ``U_j(r)`` class ``j`` is
certified at ``r`` and its solve is skipped; when it does not, the exact solve decides.
A failure is therefore always decided by an exact solve. An optimal solve has ``U_j =
L_j <= B_j`` (up to the solver's tolerance), so then the screen changes no decision: the
bisection visits the same radii and finds the same radius; with time-limited solves
(``U_j > L_j``) it can only certify more, soundly.

One forward bound computation per radius (the states do not depend on ``j``), then one
backward pass per class: cheap next to one MIP per class.
"""

from __future__ import annotations

import time

from ..estimators import resolve_target
from ..estimators.bound_propagation import bound_propagation
from ..estimators.states import neuron_states_over_box
from .problem import CertificationProblem


def margin_constant_bounds(problem: CertificationProblem, radius: float, bounds: str) -> tuple[dict, float]:
    """``({j: B_j(radius)}, seconds)``: bound propagation's bound of every margin's
    Lipschitz constant over ``problem.box(radius)``, forward bounds by ``bounds``; never
    below the gradient norm at the centre (where every neuron is stable the two are
    equal, up to rounding), as the exact engine never reports an upper end below its
    lower end."""
    started = time.perf_counter()
    network = problem.network
    states = neuron_states_over_box(network, problem.box(radius), bounds)
    values = {}
    for j in problem.others:
        target = resolve_target(problem.norm, network.output_dim, margin=(problem.label, j))
        values[j] = max(float(bound_propagation(network, states, target)[0]), problem.gradient_norms[j])
    return values, time.perf_counter() - started
