"""Robustness certificates (exactlip.certify) against independent evidence.

* soundness: no sampled point and no (test-side, torch) PGD attack inside the certified
  ball changes the prediction, on the shipped moons network and random networks;
* tightness: on tiny 2-D networks the region-enumeration oracle's constants certify the
  radius and fail just above it (the exact radius is the best Lipschitz radius);
* ordering: the exact radius is at least every upper-bound estimator's radius;
* time-limited solves stay sound; bad inputs raise errors naming the argument.
"""

import json
import math

import numpy as np
import pytest

import exactlip
from exactlip import robustness
from exactlip.robustness import CertificateConsistencyError, certify, rounding_bound
from tests.nets import random_dag_network, random_network
from tests.oracle import oracle_lipschitz

MODEL = "data/moons2d.onnx"
MOONS = exactlip.load_network(MODEL)


# ----- independent evidence --------------------------------------------------------------


def _sample_ball(x0, r, norm, clip, count, rng):
    """Uniform points of the ℓ∞ box, or of the ℓ1 ball (uniform on the simplex, random
    signs), plus the ball's vertices, clipped to ``clip`` (which moves points towards x0)."""
    n = x0.size
    if norm == "linf":
        pts = x0 + r * (2 * rng.random((count, n)) - 1)
        corners = np.array(np.meshgrid(*[[-1.0, 1.0]] * n)).reshape(n, -1).T
        pts = np.vstack([pts, x0 + r * corners])
    else:
        e = rng.exponential(size=(count, n + 1))
        pts = x0 + r * (e[:, :n] / e.sum(axis=1, keepdims=True)) * rng.choice([-1.0, 1.0], size=(count, n))
        pts = np.vstack([pts, x0 + r * np.eye(n), x0 - r * np.eye(n)])
    return pts if clip is None else np.clip(pts, clip[0], clip[1])


def _pgd(net, x0, y, r, norm, clip, rng, starts=24, steps=120):
    """A PGD attack written independently of exactlip's (its own forward and backward pass
    in numpy, vectorised ℓ1 projection by bisection, fixed step schedule); returns the
    smallest worst-margin ``min_j f_y − f_j`` met, in float64."""
    weights = [np.asarray(w) for w in net.weights]
    biases = [np.asarray(b) for b in net.biases]
    others = np.array([j for j in range(net.output_dim) if j != y])

    def margin_and_grad(x):
        h, masks = x, []
        for w, b in zip(weights[:-1], biases[:-1]):
            z = h @ w.T + b
            masks.append(z > 0)
            h = np.maximum(z, 0)
        out = h @ weights[-1].T + biases[-1]
        gaps = out[:, [y]] - out[:, others]
        worst = others[np.argmin(gaps, axis=1)]
        g = weights[-1][y][None, :] - weights[-1][worst]
        for w, m in zip(weights[-2::-1], masks[::-1]):
            g = (g * m) @ w
        return gaps.min(axis=1), g

    def project(x):
        d = x - x0
        if norm == "linf":
            d = np.clip(d, -r, r)
        else:
            a = np.abs(d)
            lo, hi = np.zeros(len(d)), a.max(axis=1)
            for _ in range(60):  # threshold t with sum(max(|d| - t, 0)) = r, where the ball is left
                t = 0.5 * (lo + hi)
                over = np.maximum(a - t[:, None], 0).sum(axis=1) > r
                lo, hi = np.where(over, t, lo), np.where(over, hi, t)
            inside = a.sum(axis=1) <= r
            d = np.where(inside[:, None], d, np.sign(d) * np.maximum(a - hi[:, None], 0))
        x = x0 + d
        return x if clip is None else np.clip(x, clip[0], clip[1])

    x = project(_sample_ball(x0, r, norm, None, starts, rng)[:starts])
    best = np.inf
    for t in range(steps):
        worst, g = margin_and_grad(x)
        best = min(best, float(worst.min()))
        step = r * 0.3 * (1 - t / steps) + 1e-3 * r
        if norm == "linf":
            x = project(x - step * np.sign(g))
        else:
            rows = np.arange(len(x))
            i = np.argmax(np.abs(g), axis=1)
            move = np.zeros_like(x)
            move[rows, i] = -3 * step * np.sign(g[rows, i])
            x = project(x + move)
    return min(best, float(margin_and_grad(x)[0].min()))


def _assert_sound(net, cert, rng, count=3000):
    """No sampled point and no PGD point of the certified ball changes the prediction."""
    r = cert.certified_radius
    assert 0 < r < math.inf
    clip = cert.clip
    pts = _sample_ball(cert.center, r, cert.norm, clip, count, rng)
    assert np.all(np.argmax(net.forward(pts), axis=1) == cert.label)
    assert _pgd(net, cert.center, cert.label, r, cert.norm, clip, rng) > 0
    if cert.attack is not None and cert.attack.radius is not None:
        assert cert.attack.radius > r
        assert np.argmax(net.forward(cert.attack.point)) != cert.label or cert.attack.margin <= 0


# ----- moons ----------------------------------------------------------------------------------


@pytest.mark.parametrize("norm", ["linf", "l1"])
@pytest.mark.parametrize("center", [(0.31, 0.42), (0.51, 0.95), (0.5, 0.5)])
def test_moons_certificate_is_sound_and_tight(center, norm):
    cert = certify(MODEL, center, norm=norm, clip=(0.0, 1.0))
    assert cert.status == "certified" and cert.source == "exact"
    assert cert.predicted == cert.label == int(np.argmax(MOONS.forward(np.array(center))))
    _assert_sound(MOONS, cert, np.random.default_rng(0))
    # the exact lower bound stops the search just above: within the bisection tolerance
    assert cert.radius_limit is not None
    assert cert.certified_radius < cert.radius_limit <= cert.certified_radius * (1 + 2 * cert.search["rtol"])
    for c in cert.classes:
        assert c.status == "optimal" and c.lower <= c.upper <= c.lower * (1 + 1e-6)
        assert c.slack > 0
    # every upper-bound estimator certifies at most the exact radius
    assert cert.estimators and {e.method for e in cert.estimators} == set(robustness.DEFAULT_ESTIMATORS)
    for e in cert.estimators:
        assert e.certified
        assert e.radius <= cert.certified_radius * (1 + cert.search["rtol"])
    if norm == "l1":
        assert any("enclosing ℓ∞ box" in n for n in cert.notes)


def test_the_test_attack_is_not_vacuous():
    """Around (0.5, 0.5) moons is affine, so the Lipschitz limit is the true robust radius:
    the test-side PGD must find a counterexample just beyond it."""
    cert = certify(MODEL, (0.5, 0.5), clip=(0, 1), estimators=())
    rng = np.random.default_rng(3)
    for norm in ("linf", "l1"):
        limit = certify(MODEL, (0.5, 0.5), norm=norm, clip=(0, 1), estimators=(), attack=False).radius_limit
        assert _pgd(MOONS, cert.center, cert.label, limit * 1.01, norm, (0, 1), rng) < 0
    assert cert.attack.radius == pytest.approx(cert.radius_limit, rel=1e-3)


def test_given_radius_is_decided_consistently_with_the_search():
    full = certify(MODEL, (0.31, 0.42), clip=(0, 1), estimators=(), attack=False)
    r = full.certified_radius
    inside = certify(MODEL, (0.31, 0.42), r / 2, clip=(0, 1), estimators=("fastlip",), attack=False, max_steps=0)
    assert inside.status == "certified" and inside.radius_certified is True
    assert inside.estimators[0].radius_certified is True
    outside = certify(MODEL, (0.31, 0.42), r * 1.5, clip=(0, 1), estimators=(), attack=False, max_steps=0)
    assert outside.status == "not_certified" and outside.radius_certified is False
    # every certified radius of the trace is below every failing one (monotone decisions)
    certified = [e.radius for e in full.trace if e.certified]
    failed = [e.radius for e in full.trace if not e.certified]
    assert max(certified) < min(failed)
    assert full.search["bisection_steps"] <= full.search["max_steps"]


def test_wrong_label_certifies_nothing():
    cert = certify(MODEL, (0.31, 0.42), 0.01, label=0, clip=(0, 1))
    assert cert.predicted == 1 and cert.label == 0
    assert cert.status == "wrong_label" and cert.certified_radius == 0.0 and cert.radius_certified is False
    assert "nothing is certified" in cert.message
    json.dumps(cert.to_dict(), allow_nan=False)


def test_whole_clip_box_certified():
    # the certified radius at (0.5, 0.5) is about 0.0133; a clip box reaching 0.005 is covered
    cert = certify(MODEL, (0.5, 0.5), clip=(0.495, 0.505), estimators=("fastlip", "naive"))
    assert math.isinf(cert.certified_radius) and cert.status == "certified"
    data = cert.to_dict()
    assert data["covers_clip_box"] is True and data["certified_radius"] is None
    assert math.isinf([e for e in cert.estimators if e.method == "fastlip"][0].radius)
    pts = _sample_ball(cert.center, 0.005, "linf", None, 2000, np.random.default_rng(1))
    assert np.all(np.argmax(MOONS.forward(pts), axis=1) == cert.label)


def test_to_dict_is_strict_json_and_round_trips():
    cert = certify(MODEL, (0.51, 0.95), 0.1, clip=(0, 1), norm="l1")
    data = cert.to_dict()
    again = json.loads(json.dumps(data, allow_nan=False))
    assert again == data
    assert again["certified_radius"] == pytest.approx(cert.certified_radius, rel=0, abs=0)
    assert again["classes"][0]["class"] == 1 and again["binding_class"] == 1
    assert again["source"] == "exact" and again["radius_certified"] is True
    assert again["attack"]["radius"] > again["certified_radius"]


# ----- random networks: oracle, grid, estimators ----------------------------------------------


def _margins(net, x0, y):
    out = net.forward(x0)
    return {j: out[y] - out[j] for j in range(net.output_dim) if j != y}


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("norm", ["linf", "l1"])
def test_tiny_2d_networks_match_the_oracle_and_a_dense_grid(seed, norm):
    rng = np.random.default_rng(100 + seed)
    net = random_network(rng, [2, 8, 8, 3])
    x0 = 0.5 * rng.standard_normal(2)
    cert = certify(net, x0, norm=norm, estimators=("fastlip", "bound_propagation", "naive"))
    r = cert.certified_radius
    assert cert.source == "exact" and 0 < r < math.inf
    y, margins = cert.label, _margins(net, x0, cert.label)

    def oracle_certifies(radius):
        box = exactlip.Box.linf_ball(x0, radius)  # ℓ1: the enclosing ℓ∞ box, as documented
        return all(margins[j] > oracle_lipschitz(net, box, norm=norm, margin=(y, j)) * radius for j in margins)

    assert oracle_certifies(r)
    assert not oracle_certifies(r * (1 + 3 * cert.search["rtol"]))
    # a dense grid of the certified ball keeps the prediction
    t = np.linspace(-r, r, 241)
    grid = x0 + np.stack(np.meshgrid(t, t), axis=-1).reshape(-1, 2)
    if norm == "l1":
        grid = grid[np.abs(grid - x0).sum(axis=1) <= r]
    assert np.all(np.argmax(net.forward(grid), axis=1) == y)
    _assert_sound(net, cert, rng, count=2000)
    for e in cert.estimators:
        assert e.radius <= r * (1 + cert.search["rtol"])


@pytest.mark.parametrize("seed", range(2))
def test_wider_networks_are_sound_and_beat_the_estimators(seed):
    rng = np.random.default_rng(200 + seed)
    net = random_network(rng, [3, 12, 12, 4])
    x0 = 0.5 * rng.standard_normal(3)
    cert = certify(net, x0, clip=(-2.0, 2.0))
    assert cert.source == "exact"
    _assert_sound(net, cert, rng)
    for e in cert.estimators:
        assert e.radius <= cert.certified_radius * (1 + cert.search["rtol"])


@pytest.mark.parametrize("seed", range(2))
def test_screen_skips_solves_and_certifies_the_same_radius(seed):
    """Bound propagation certifies far classes without a solve (their source says so); the
    radius, its source and the binding class's exact bracket are those found without it."""
    rng = np.random.default_rng(300 + seed)
    net = random_network(rng, [3, 12, 12, 5])
    x0 = 0.5 * rng.standard_normal(3)
    fast = certify(net, x0, clip=(-2.0, 2.0), estimators=(), attack=False)
    slow = certify(net, x0, clip=(-2.0, 2.0), estimators=(), attack=False, screen=False)
    assert fast.search["screen"] is True and slow.search["screen"] is False
    assert "bound_propagation" in fast.sources and slow.sources == ("exact",)
    screened = [c for e in fast.trace for c in e.classes if c.source == "bound_propagation"]
    assert screened and all(c.status == "screened" and c.slack > 0 and c.lower <= c.upper for c in screened)
    assert fast.search["screened"] == len(screened)
    assert fast.search["exact_solves"] < slow.search["exact_solves"]
    assert fast.certified_radius == pytest.approx(slow.certified_radius, rel=fast.search["rtol"])
    assert fast.source == slow.source == "exact" and fast.binding_class == slow.binding_class
    binding = next(c for c in fast.classes if c.cls == fast.binding_class)
    assert binding.status == "optimal" and binding.source == "exact"
    if fast.certified_radius == slow.certified_radius:  # same box: each screened bracket contains the exact one
        exact = {c.cls: c for c in slow.classes}
        for c in fast.classes:
            assert c.lower <= exact[c.cls].upper * (1 + 1e-6) and exact[c.cls].lower <= c.upper * (1 + 1e-6)
    for e in fast.trace:  # a failing radius is decided by one exact solve, the last class evaluated
        failing = [c for c in e.classes if not c.slack > 0]
        assert e.certified or (failing == [e.classes[-1]] and failing[0].source == "exact")
    _assert_sound(net, fast, rng)
    with pytest.raises(exactlip.OptionError, match="screen must be True or False"):
        certify(net, x0, screen="yes")


def test_time_limited_solves_remain_sound():
    rng = np.random.default_rng(0)
    net = random_network(rng, [4, 24, 24, 3])
    x0 = 0.5 * rng.standard_normal(4)
    cert = certify(net, x0, time_limit=1e-3, max_steps=6, estimators=("fastlip",))
    statuses = {c.status for e in cert.trace for c in e.classes}
    assert "time_limit" in statuses
    assert cert.certified_radius > 0
    _assert_sound(net, cert, rng)
    if any(c.status == "time_limit" for c in cert.classes):
        assert cert.source == "exact-upper-bound (time limit)"
    for c in cert.classes:
        assert c.upper >= c.lower  # the upper end of the bracket, never the incumbent


def test_an_unsound_constant_is_caught_by_the_attack(monkeypatch):
    """If the engine ever returned too small an upper bound, the attack would find a point
    inside the 'certified' ball, and certify must refuse to return that certificate."""
    import exactlip.api

    real = exactlip.api.lipschitz

    def halved(*args, **kwargs):
        res = real(*args, **kwargs)
        return type(res)(res.value, res.lower / 4, res.upper / 4, res.status, res.witness, res.pattern,
                         res.direction, res.norm, res.stats, res.message)

    monkeypatch.setattr(exactlip.api, "lipschitz", halved)
    with pytest.raises(CertificateConsistencyError, match="bug"):
        certify(MODEL, (0.5, 0.5), clip=(0, 1), estimators=())


# ----- floating point --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(3))
def test_rounding_bound_covers_float32_evaluation(seed):
    import torch

    rng = np.random.default_rng(seed)
    net32 = random_network(rng, [5, 30, 30, 4])
    # weights representable in float32, as for a float32 ONNX model
    net = exactlip.Network([w.astype(np.float32) for w in net32.weights], [b.astype(np.float32) for b in net32.biases])
    box = exactlip.Box.linf_ball(rng.standard_normal(5), 0.5)
    bound = rounding_bound(net, box, "float32")
    x = box.sample(5000, rng).astype(np.float32)
    h = torch.tensor(x)
    for w, b in zip(net.weights[:-1], net.biases[:-1]):
        h = torch.relu(h @ torch.tensor(w, dtype=torch.float32).T + torch.tensor(b, dtype=torch.float32))
    out = (h @ torch.tensor(net.weights[-1], dtype=torch.float32).T + torch.tensor(net.biases[-1], dtype=torch.float32)).numpy()
    err = np.abs(out.astype(np.float64) - net.forward(x.astype(np.float64)))
    assert np.all(err <= bound)
    assert np.all(rounding_bound(net, box, "float64") < bound) and np.all(rounding_bound(net, box, "real") == 0)


@pytest.mark.parametrize("sparse", [False, True])
def test_rounding_bound_on_skip_and_leaky_networks(sparse):
    rng = np.random.default_rng(5)
    net = _float32_weights(random_dag_network(rng, [3, 10, 10, 2], negative_slopes=[0.1, 0.2], sparse=sparse))
    box = exactlip.Box.linf_ball(rng.standard_normal(3), 0.3)
    bound = rounding_bound(net, box, "float32")
    x = box.sample(3000, rng).astype(np.float32)
    assert np.all(np.abs(_float32_forward(net, x) - net.forward(x.astype(np.float64))) <= bound)


def test_certificate_on_a_skip_leaky_network_is_sound():
    rng = np.random.default_rng(6)
    net = random_dag_network(rng, [2, 8, 8, 3], negative_slopes=[0.05, 0.0])
    x0 = 0.5 * rng.standard_normal(2)
    cert = certify(net, x0, estimators=("fastlip", "naive"))
    assert cert.source == "exact" and 0 < cert.certified_radius < math.inf
    pts = _sample_ball(cert.center, cert.certified_radius, "linf", None, 4000, rng)
    assert np.all(np.argmax(net.forward(pts), axis=1) == cert.label)
    for e in cert.estimators:  # chain-only estimators refuse by name and certify nothing
        assert e.radius <= cert.certified_radius * (1 + cert.search["rtol"])
        assert e.note or e.radius > 0


def _float32_weights(net):
    """The same network with every weight and bias rounded to float32 (stored as float64)."""
    def r(w):
        return w.astype(np.float32).astype(np.float64)

    return exactlip.Network(
        [r(w) for w in net.weights], [r(b) for b in net.biases],
        skips={edge: r(w) for edge, w in net.skips.items()}, negative_slopes=net.negative_slopes,
    )


def _float32_forward(net, x):
    """The network evaluated in float32 (numpy matmul), with ReLU/LeakyReLU and skip edges."""
    outputs = [x]
    for k in range(len(net.weights)):
        z = net.biases[k].astype(np.float32)
        for j, w in net.incoming(k):
            w = w.toarray() if hasattr(w, "toarray") else w
            z = z + outputs[j + 1] @ np.asarray(w, dtype=np.float32).T
        if k == len(net.weights) - 1:
            return z.astype(np.float64)
        outputs.append(np.where(z > 0, z, np.float32(net.negative_slopes[k]) * z))
    raise AssertionError("unreachable")


def test_arithmetic_orders_the_radii():
    radii = {a: certify(MODEL, (0.31, 0.42), clip=(0, 1), arithmetic=a, estimators=(), attack=False, rtol=1e-6).certified_radius
             for a in ("real", "float64", "float32")}
    assert radii["real"] >= radii["float64"] >= radii["float32"] > 0.999 * radii["real"]


# ----- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs,error,match",
    [
        ({"norm": "l2"}, exactlip.NormError, "norm='l2'"),
        ({"norm": "max"}, exactlip.NormError, "allowed: 'linf', 'l1'"),
        ({"radius": -0.1}, exactlip.DomainError, "radius must be"),
        ({"radius": float("nan")}, exactlip.DomainError, "radius must be"),
        ({"label": 2}, exactlip.OptionError, r"label must be a class index in 0\.\.1"),
        ({"center": [0.5, 0.5, 0.5]}, exactlip.ShapeError, "center has 3 coordinates"),
        ({"center": [0.5, float("inf")]}, exactlip.NonFiniteError, "center"),
        ({"clip": (1.0, 0.0)}, exactlip.DomainError, "clip must be"),
        ({"center": [1.5, 0.5], "clip": (0.0, 1.0)}, exactlip.DomainError, "outside the clip range"),
        ({"estimators": ["sampling"]}, exactlip.OptionError, "lower bound, which certifies nothing"),
        ({"estimators": ["nope"]}, exactlip.OptionError, "unknown estimator 'nope'; allowed"),
        ({"arithmetic": "float16"}, exactlip.OptionError, "arithmetic must be one of 'float32'"),
        ({"rtol": 0}, exactlip.OptionError, "rtol"),
        ({"max_steps": -1}, exactlip.OptionError, "max_steps"),
        ({"max_radius": 0}, exactlip.OptionError, "max_radius"),
        ({"time_limit": 0}, exactlip.OptionError, "time_limit"),
    ],
)
def test_bad_inputs_name_the_argument(kwargs, error, match):
    args = {"center": [0.5, 0.5], **kwargs}
    with pytest.raises(error, match=match):
        certify(MODEL, args.pop("center"), args.pop("radius", None), **args)


def test_single_output_network_is_refused():
    net = exactlip.Network([np.ones((3, 2)), np.ones((1, 3))], [np.zeros(3), np.zeros(1)])
    with pytest.raises(exactlip.ShapeError, match="at least 2 outputs"):
        certify(net, [0.0, 0.0])
