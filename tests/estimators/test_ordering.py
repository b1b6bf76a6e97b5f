"""The central property: lower bounds <= exact local constant <= certified upper bounds.

The exact constant comes from the independent region-enumeration reference, in every
norm pair (ℓ1/ℓ∞ as the exact engine supports them, and ℓ2 on either side), for
operator norms, fixed directions and margins, on random small networks.
"""

import numpy as np
import pytest

import exactlip
from tests.estimators.reference import constant_over, local_constant, region_jacobians
from tests.nets import random_box, random_network

FAST = {
    "sampling": {"count": 200},
    "gradient_ascent": {"samples": 100, "steps": 8, "starts": 4},
    "clever": {"batches": 10, "batch_size": 32},
}
CHEAP_UPPER = ["naive", "autolip", "seqlip", "seqlip_local", "fastlip", "bound_propagation", "liplp", "lipsdp_neuron_local"]
LOWER = ["sampling", "gradient_ascent"]
NETS = [(0, [2, 6, 6, 2], 0.5), (1, [3, 5, 5, 3], 0.4), (2, [2, 8, 4, 1], 0.6), (3, [3, 4, 4, 4, 2], 0.5)]
TARGETS = [
    {"norm": "linf"},
    {"norm": "linf", "output_norm": "l1"},
    {"norm": "l1"},
    {"norm": "l1", "output_norm": "linf"},
    {"norm": "linf", "margin": (0, 1)},
    {"norm": "l1", "c": "random"},
    {"norm": "l2"},
    {"norm": "l2", "output_norm": "linf"},
    {"norm": "l2", "output_norm": "l1"},
    {"norm": "linf", "output_norm": "l2"},
    {"norm": "l1", "output_norm": "l2"},
    {"norm": "l2", "c": "random"},
]


def _spec(target, rng, m):
    spec = dict(target)
    if spec.get("c") == "random":
        spec["c"] = rng.standard_normal(m)
    if "margin" in spec and m < 2:
        spec["margin"] = None
        spec["c"] = [1.0]
    return spec


def check_ordering(estimates, exact):
    uppers = [e for e in estimates if e.kind == "upper" and e.certified]
    lowers = [e for e in estimates if e.kind == "lower"]
    assert uppers and lowers
    for e in lowers:
        assert e.certified
        assert e.value <= exact * (1 + 1e-9) + 1e-12, (e.method, e.value, exact)
    for e in uppers:
        assert e.value >= exact * (1 - 1e-7) - 1e-12, (e.method, e.value, exact)
    return uppers, lowers


@pytest.mark.parametrize("seed,widths,radius", NETS)
def test_lower_le_exact_le_certified_upper_in_every_norm_pair(seed, widths, radius):
    rng = np.random.default_rng(seed)
    net = random_network(rng, widths)
    box = random_box(rng, widths[0], radius)
    global_sdp = ["lipsdp_neuron", "lipsdp_layer"]
    jacobians = region_jacobians(net, box)
    for target in TARGETS:
        spec = _spec(target, rng, widths[-1])
        exact = constant_over(jacobians, **spec)
        methods = CHEAP_UPPER + LOWER + (global_sdp if spec["norm"] == "l2" else [])
        estimates = exactlip.estimate(net, box, **spec, methods=methods, options=FAST)
        uppers, _ = check_ordering(estimates, exact)
        assert {e.method for e in uppers} == {m for m in methods if m not in LOWER}, spec


@pytest.mark.parametrize("norm,output_norm", [("linf", "linf"), ("linf", "l1"), ("l1", "l1"), ("l1", "linf")])
def test_exact_engine_sits_between_the_bounds(norm, output_norm):
    rng = np.random.default_rng(11)
    net = random_network(rng, [3, 10, 10, 3])
    box = random_box(rng, 3, 0.3)
    exact = exactlip.lipschitz(net, box, norm=norm, output_norm=output_norm)
    assert exact.status == "optimal"
    estimates = exactlip.estimate(net, box, norm=norm, output_norm=output_norm, methods=CHEAP_UPPER + LOWER, options=FAST)
    check_ordering(estimates, exact.value)


def test_the_bounds_are_not_trivially_loose():
    """The local methods must be informative: on a box where every neuron is stable the
    network is affine, so these local upper bounds and the lower bound equal the exact value
    (SeqLip is not among them: its product over pairs of layers stays above ||J||)."""
    rng = np.random.default_rng(5)
    net = random_network(rng, [2, 6, 6, 2])
    box = exactlip.Box.linf_ball(rng.standard_normal(2), 1e-6)
    for norm, extra in [("linf", []), ("l2", ["lipsdp_neuron_local"])]:
        exact = local_constant(net, box, norm=norm)
        estimates = exactlip.estimate(net, box, norm=norm, methods=["fastlip", "bound_propagation", "sampling"] + extra)
        for e in estimates:
            assert e.value == pytest.approx(exact, rel=1e-6), e.method
