"""FastLip, bound propagation on the backward graph and LipLP."""

import dataclasses

import numpy as np
import pytest

import exactlip
from exactlip.backends import SolveOptions, get_backend
from exactlip.bounds import ACTIVE, INACTIVE, compute_bounds, interval_preactivation_bounds
from exactlip.bounds.states import neuron_states
from exactlip.mip import build_mip
from exactlip.norms import resolve_norm_spec
from tests.estimators.reference import local_constant, region_jacobians
from tests.nets import random_box, random_network


def test_fastlip_interval_contains_every_region_jacobian():
    from exactlip.estimators.fastlip import jacobian_interval

    rng = np.random.default_rng(0)
    net = random_network(rng, [3, 7, 7, 4])
    box = random_box(rng, 3, 0.4)
    states = [neuron_states(z) for z in interval_preactivation_bounds(net, box)]
    lo, hi = jacobian_interval(list(net.weights), states, net.weights[-1])
    jacs = region_jacobians(net, box)
    for J in jacs:
        assert np.all(J >= lo - 1e-12) and np.all(J <= hi + 1e-12)
    # tight where every neuron is fixed: the interval collapses to the Jacobian
    tiny = exactlip.Box.linf_ball(box.center, 1e-9)
    tiny_states = [neuron_states(z) for z in interval_preactivation_bounds(net, tiny)]
    if all(np.all((s == ACTIVE) | (s == INACTIVE)) for s in tiny_states):
        lo, hi = jacobian_interval(list(net.weights), tiny_states, net.weights[-1])
        assert np.allclose(lo, hi) and np.allclose(lo, net.jacobian(box.center))


@pytest.mark.parametrize("seed", range(4))
def test_bound_propagation_is_valid_and_usually_beats_fastlip(seed):
    rng = np.random.default_rng(seed)
    net = random_network(rng, [3, 8, 8, 2])
    box = random_box(rng, 3, 0.5)
    for spec in [{"norm": "linf"}, {"norm": "l1", "output_norm": "linf"}, {"norm": "linf", "margin": (1, 0)}, {"norm": "l2"}]:
        exact = local_constant(net, box, **spec)
        fast, bp = exactlip.estimate(net, box, **spec, methods=["fastlip", "bound_propagation"])
        assert exact * (1 - 1e-9) <= bp.value
        assert exact * (1 - 1e-9) <= fast.value
        assert bp.value <= fast.value * (1 + 1e-12)  # linear backward bounds are intersected with intervals


def test_liplp_is_the_lp_relaxation_of_the_mip():
    rng = np.random.default_rng(4)
    net = random_network(rng, [2, 6, 6, 2])
    box = random_box(rng, 2, 0.5)
    for norm, out in [("linf", "linf"), ("l1", "l1"), ("linf", "l1")]:
        (lp,) = exactlip.estimate(net, box, norm=norm, output_norm=out, methods=["liplp"])
        spec = resolve_norm_spec(norm, 2, output_norm=out)
        encoding = build_mip(net, box, compute_bounds(net, box, spec), spec)
        mip = get_backend("highs").solve(encoding.model, SolveOptions())
        relaxed = dataclasses.replace(encoding.model, integrality=np.zeros(encoding.model.num_cols, bool))
        assert lp.value == pytest.approx(get_backend("highs").solve(relaxed, SolveOptions()).objective, rel=1e-9)
        assert lp.value >= mip.objective * (1 - 1e-7)
        assert lp.details["relaxed_binaries"] == encoding.model.num_integer > 0


def test_liplp_answers_l2_through_interpolation():
    rng = np.random.default_rng(5)
    net = random_network(rng, [2, 5, 5, 1])
    box = random_box(rng, 2, 0.4)
    (l2,) = exactlip.estimate(net, box, norm="l2", methods=["liplp"])
    (linf,) = exactlip.estimate(net, box, norm="linf", methods=["liplp"])
    (l1,) = exactlip.estimate(net, box, norm="l1", methods=["liplp"])
    conversion = l2.details["conversion"]
    values = {cand["formula"]: cand["value"] for cand in conversion["candidates"]}
    assert values["sqrt(L_linf→c · L_l1→c)"] == pytest.approx(np.sqrt(linf.value * l1.value), rel=1e-9)
    assert l2.value == pytest.approx(min(values.values()))
    assert l2.value >= local_constant(net, box, norm="l2") * (1 - 1e-9)
