"""Instances shared by the backend tests: small random nets (inside Gurobi's
size-limited licence) and one that no backend finishes in a few seconds."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from exactlip import Box, Network
from exactlip.backends import available
from exactlip.bounds import compute_bounds
from exactlip.mip import build_mip
from exactlip.norms import resolve_norm_spec
from tests.nets import random_box, random_network

BACKEND_ROWS = available()
BACKEND_NAMES = [row["name"] for row in BACKEND_ROWS]


def require(name: str) -> None:
    """Skip unless backend ``name`` is usable here."""
    row = next((r for r in BACKEND_ROWS if r["name"] == name), None)
    if row is None:
        pytest.skip(f"backend {name!r} is not listed here")
    if not row["available"]:
        pytest.skip(f"backend {name!r} is not usable here: {row['reason']}")


def backend_params(names=None):
    """pytest params over the listed backends (all of them by default)."""
    return [pytest.param(name, id=name) for name in (names or BACKEND_NAMES)]


# (seed, widths, radius, spec arguments): every norm pair, c and margin.
CASES = [
    (11, [2, 8, 8, 1], 0.5, {"norm": "linf"}),
    (12, [3, 10, 10, 2], 0.5, {"norm": "linf", "output_norm": "l1"}),
    (13, [3, 10, 10, 3], 0.5, {"norm": "l1", "output_norm": "linf"}),
    (14, [4, 12, 12, 2], 0.4, {"norm": "l1", "output_norm": "l1"}),
    (15, [3, 8, 8, 8, 3], 0.5, {"norm": "linf", "margin": (2, 0)}),
    (16, [2, 10, 10, 3], 0.5, {"norm": "linf", "c": [1.0, -2.0, 0.5]}),
]


def case(index: int):
    """``(network, box, spec arguments)`` of ``CASES[index]``."""
    seed, widths, radius, spec_args = CASES[index]
    rng = np.random.default_rng(seed)
    net = random_network(rng, widths)
    return net, random_box(rng, widths[0], radius), dict(spec_args)


@functools.lru_cache(maxsize=None)
def case_encoding(index: int):
    net, box, spec_args = case(index)
    spec = resolve_norm_spec(spec_args.pop("norm"), net.output_dim, **spec_args)
    return build_mip(net, box, compute_bounds(net, box, spec), spec)


# The engine starts big problems from a gradient ascent and runs its search over linear
# regions first on chains with more than 4 inputs (the hard instance has 10), both before
# the solver runs. Tests about the solver phase switch both off.
MIP_ONLY = "import exactlip.exact as _exact; _exact.ASCENT_MIN_UNSTABLE = 10**9; _exact.AUTO_REGION_MIN_UNSTABLE = 10**9"


def mip_only(monkeypatch) -> None:
    """Switch off the engine's gradient-ascent start and its automatic search over
    linear regions for this test: the MIP alone works on the problem."""
    import exactlip.exact

    monkeypatch.setattr(exactlip.exact, "ASCENT_MIN_UNSTABLE", 10**9, raising=False)
    monkeypatch.setattr(exactlip.exact, "AUTO_REGION_MIN_UNSTABLE", 10**9, raising=False)


def hard_instance(widths=(10, 60, 60, 60, 1)):
    """A net and box whose MIP (570 columns, 1280 rows for the default widths) takes
    HiGHS, Gurobi and CBC far longer than a few seconds."""
    rng = np.random.default_rng(1)
    net = random_network(rng, list(widths), bias_scale=0.1)
    return net, Box(np.full(widths[0], -1.0), np.full(widths[0], 1.0))


@functools.lru_cache(maxsize=None)
def hard_encoding(widths=(10, 60, 60, 60, 1)):
    net, box = hard_instance(widths)
    spec = resolve_norm_spec("linf", 1)
    return build_mip(net, box, compute_bounds(net, box, spec), spec)


def hard_start():
    """The hard MIP and a feasible start (the box's centre, c = 1)."""
    encoding = hard_encoding()
    _, box = hard_instance()
    return encoding, encoding.assignment(box.center, np.ones(1))


@functools.lru_cache(maxsize=None)
def medium_encoding():
    """A MIP (ℓ∞→ℓ1 of a 5-20-20-20-3 net) that HiGHS solves in about a second with a
    few hundred nodes: long enough for several progress reports."""
    rng = np.random.default_rng(4)
    widths = [5, 20, 20, 20, 3]
    weights = [rng.standard_normal((widths[i + 1], widths[i])) * np.sqrt(2.0 / widths[i]) for i in range(4)]
    biases = [0.5 * rng.standard_normal(widths[i + 1]) for i in range(4)]
    net = Network(weights, biases, name="medium")
    box = Box.linf_ball(np.random.default_rng(104).standard_normal(5), 0.1)
    spec = resolve_norm_spec("linf", 3, output_norm="l1")
    return build_mip(net, box, compute_bounds(net, box, spec), spec)
