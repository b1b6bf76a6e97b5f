"""Deterministic benchmark networks and the boxes they are measured on.

Every network here is a function of fixed seeds alone: weights are drawn and trained
in float64 on one torch thread, so the same call gives the same weights in any
process. Built networks are cached in memory (one training per process).

Groups (see ``benchmarks/README.md``):

* ``sweep`` — LipMIP's sweep architectures, each random-init (torch's default
  ``nn.Linear`` init) and trained briefly (Adam, lr 1e-3, 200 full-batch epochs,
  cross-entropy) on a synthetic cluster task; ℓ∞ ball of radius 0.1 (0.2 for the
  input-dimension sweep) around a data point, objective ``c = [1, -1]``.
* ``digits`` — MLPs trained on scikit-learn's bundled digits (inputs /16 into [0, 1]),
  balls of radius 0.02/0.05/0.1 around a correctly classified test point, clipped to
  [0, 1], margin objective true class − runner-up.
* ``width`` — He-init random networks ``[4, w, w, 1]`` of growing width, radius 0.05.
"""

from __future__ import annotations

import contextlib
import zlib
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

import exactlip
from common import random_network

# --- the instance lists (the suite's contents) --------------------------------------
WIDTH_KS = (1, 2, 3, 4, 5)  # [2, 20, 20k, 20, 2]
DEPTH_KS = (1, 2, 3, 4, 5, 6, 7, 8)  # [2] + [20]*k + [2]
INPUT_DIMS = (2, 4, 8, 16)  # [d, 20, 40, 80, 2]
INITS = ("random", "trained")
SWEEP_RADIUS = 0.1
DIM_SWEEP_RADIUS = 0.2
DIGITS_HIDDEN = (20, 50, 100)  # 64-h-h-10
DIGITS_RADII = (0.02, 0.05, 0.1)
WIDTH_GROUP = (10, 20, 40, 80, 160, 320, 640)  # [4, w, w, 1]
WIDTH_RADIUS = 0.05

# --- training settings ----------------------------------------------------------------
CLUSTERS = 10
CLUSTER_POINTS = 300
CLUSTER_STD = 0.075
SWEEP_EPOCHS = 200
SWEEP_LR = 1e-3
DIGITS_EPOCHS = 100
DIGITS_BATCH = 64
DIGITS_LR = 1e-3
DIGITS_TEST_FRACTION = 0.25


@dataclass(frozen=True, eq=False)
class Instance:
    """One timed problem: a network, a box and the objective (keyword arguments)."""

    group: str
    name: str
    network: exactlip.Network
    box: exactlip.Box
    objective: dict  # norm / c / margin keywords for exactlip.lipschitz
    radius: float
    center: np.ndarray
    meta: dict = field(default_factory=dict)

    @property
    def architecture(self) -> str:
        return "-".join(map(str, self.network.widths))

    @property
    def input_dim(self) -> int:
        return self.network.input_dim

    @property
    def hidden_neurons(self) -> int:
        return self.network.num_hidden_neurons


def seed_of(text: str) -> int:
    """A stable 31-bit seed from a name (Python's ``hash`` is salted per process)."""
    return zlib.crc32(text.encode()) & 0x7FFFFFFF


@contextlib.contextmanager
def torch_determinism(seed: int):
    """One torch thread and a fixed seed for the duration; the thread count is restored."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    try:
        yield torch
    finally:
        torch.set_num_threads(threads)


def mlp(widths, seed: int):
    """A float64 ``nn.Sequential`` of Linear/ReLU with torch's default init under ``seed``."""
    with torch_determinism(seed) as torch:
        layers = []
        for k in range(len(widths) - 1):
            layers.append(torch.nn.Linear(widths[k], widths[k + 1]))
            if k < len(widths) - 2:
                layers.append(torch.nn.ReLU())
        return torch.nn.Sequential(*layers).double()


def train(model, inputs: np.ndarray, labels: np.ndarray, *, epochs: int, lr: float, seed: int, batch: int | None = None):
    """Adam on cross-entropy; full batch when ``batch`` is None, else shuffled minibatches
    drawn from a generator seeded with ``seed``. Trains ``model`` in place."""
    with torch_determinism(seed) as torch:
        x = torch.as_tensor(inputs, dtype=torch.float64)
        y = torch.as_tensor(labels, dtype=torch.long)
        optimiser = torch.optim.Adam(model.parameters(), lr=lr)
        loss_fn = torch.nn.CrossEntropyLoss()
        generator = torch.Generator().manual_seed(seed)
        model.train()
        for _ in range(epochs):
            order = [torch.arange(len(x))] if batch is None else torch.randperm(len(x), generator=generator).split(batch)
            for idx in order:
                optimiser.zero_grad()
                loss_fn(model(x[idx]), y[idx]).backward()
                optimiser.step()
        model.eval()
    return model


def accuracy(network: exactlip.Network, inputs: np.ndarray, labels: np.ndarray) -> float:
    return float(np.mean(np.argmax(logits(network, inputs), axis=1) == labels))


def logits(network: exactlip.Network, inputs: np.ndarray) -> np.ndarray:
    h = np.asarray(inputs, dtype=np.float64)
    for k, (w, b) in enumerate(zip(network.weights, network.biases)):
        h = h @ w.T + b
        if k < len(network.weights) - 1:
            h = np.maximum(h, 0.0)
    return h


# --- (a) LipMIP's sweeps on the synthetic cluster task --------------------------------
def drawn(name: str, draw: int) -> str:
    """The seed name of ``draw``: draw 0 is the suite's own instance, draw r > 0 an
    independent replica (new weights, new cluster data) of the same recipe."""
    return name if draw == 0 else f"{name}#{draw}"


@lru_cache(maxsize=None)
def cluster_data(dim: int, seed: int | None = None, draw: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """300 points around 10 Gaussian centres uniform in [0, 1]^dim (std 0.075), each
    cluster labelled 0 or 1 at random (five of each). Returns (inputs, labels)."""
    rng = np.random.default_rng(seed_of(drawn(f"clusters-{dim}", draw)) if seed is None else seed)
    centres = rng.uniform(0.0, 1.0, size=(CLUSTERS, dim))
    cluster_labels = rng.permutation(np.arange(CLUSTERS) % 2)
    which = np.arange(CLUSTER_POINTS) % CLUSTERS
    inputs = centres[which] + CLUSTER_STD * rng.standard_normal((CLUSTER_POINTS, dim))
    return inputs, cluster_labels[which]


def sweep_architectures() -> list[tuple[str, tuple[int, ...], float]]:
    """(family label, widths, radius) of LipMIP's width, depth and input-dimension sweeps."""
    archs = [(f"width k={k}", (2, 20, 20 * k, 20, 2), SWEEP_RADIUS) for k in WIDTH_KS]
    archs += [(f"depth k={k}", (2, *([20] * k), 2), SWEEP_RADIUS) for k in DEPTH_KS]
    archs += [(f"dim d={d}", (d, 20, 40, 80, 2), DIM_SWEEP_RADIUS) for d in INPUT_DIMS]
    return archs


@lru_cache(maxsize=None)
def sweep_network(widths: tuple[int, ...], init: str, epochs: int = SWEEP_EPOCHS, draw: int = 0) -> tuple[exactlip.Network, dict]:
    """The sweep network ``widths``: torch default init under a seed named by the widths
    (and the ``draw``); ``init="trained"`` is that same network after ``epochs`` of
    full-batch Adam on the cluster task of its input dimension. Returns (network, meta)."""
    if init not in INITS:
        raise ValueError(f"init must be one of {INITS}, got {init!r}")
    tag = "-".join(map(str, widths))
    seed = seed_of(drawn(f"sweep-{tag}", draw))
    model = mlp(widths, seed)
    inputs, labels = cluster_data(widths[0], draw=draw)
    meta = {"init": init, "seed": seed, "draw": draw}
    if init == "trained":
        train(model, inputs, labels, epochs=epochs, lr=SWEEP_LR, seed=seed)
        meta["epochs"] = epochs
    net = exactlip.load_network(model, name=drawn(f"sweep-{init}-{tag}", draw))
    meta["train_accuracy"] = accuracy(net, inputs, labels)
    return net, meta


def sweep_instances(families=None, inits=INITS, epochs: int = SWEEP_EPOCHS, draws: int = 1) -> list[Instance]:
    """Group (a). ``families``: labels to keep (e.g. ``{"width k=1"}``), all by default.
    The centre is data point 0 of the cluster task (a sample of cluster 0). ``draws``
    > 1 adds independent replicas of every instance (named ``... #r``), to see how
    much the timings depend on the particular weights and data."""
    out = []
    for draw in range(draws):
        for family, widths, radius in sweep_architectures():
            if families is not None and family not in families:
                continue
            out += _sweep_family(family, widths, radius, inits, epochs, draw)
    return out


def _sweep_family(family: str, widths, radius: float, inits, epochs: int, draw: int) -> list[Instance]:
    center = cluster_data(widths[0], draw=draw)[0][0]
    out = []
    for init in inits:
        net, meta = sweep_network(widths, init, epochs, draw)
        out.append(
            Instance(
                group="sweep",
                name=f"{family} {init}" + (f" #{draw}" if draw else ""),
                network=net,
                box=exactlip.Box.linf_ball(center, radius),
                objective={"norm": "linf", "c": [1.0, -1.0]},
                radius=radius,
                center=center,
                meta={**meta, "family": family.split()[0]},
            )
        )
    return out


# --- (b) scikit-learn digits ----------------------------------------------------------
@lru_cache(maxsize=None)
def digits_data(seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """scikit-learn's bundled digits scaled to [0, 1] (/16), split by a seeded
    permutation: (train_x, train_y, test_x, test_y), 25% test."""
    from sklearn.datasets import load_digits

    data = load_digits()
    x, y = data.data.astype(np.float64) / 16.0, data.target.astype(np.int64)
    order = np.random.default_rng(seed).permutation(len(x))
    n_test = int(round(DIGITS_TEST_FRACTION * len(x)))
    test, tr = order[:n_test], order[n_test:]
    return x[tr], y[tr], x[test], y[test]


@lru_cache(maxsize=None)
def digits_network(hidden: int, epochs: int = DIGITS_EPOCHS) -> tuple[exactlip.Network, dict]:
    """64-h-h-10 trained with Adam (lr 1e-3, minibatch 64, ``epochs`` epochs) on digits.
    Returns (network, meta with train/test accuracy)."""
    widths = (64, hidden, hidden, 10)
    tag = "-".join(map(str, widths))
    seed = seed_of(f"digits-{tag}")
    train_x, train_y, test_x, test_y = digits_data()
    model = train(mlp(widths, seed), train_x, train_y, epochs=epochs, lr=DIGITS_LR, seed=seed, batch=DIGITS_BATCH)
    net = exactlip.load_network(model, name=f"digits-{tag}")
    meta = {
        "seed": seed,
        "epochs": epochs,
        "train_accuracy": accuracy(net, train_x, train_y),
        "test_accuracy": accuracy(net, test_x, test_y),
    }
    return net, meta


def margin_point(network: exactlip.Network, inputs: np.ndarray, labels: np.ndarray, index: int = 0):
    """The ``index``-th correctly classified point: (position, x, label, runner-up), the
    runner-up being the class with the second-largest logit at x."""
    out = logits(network, inputs)
    correct = np.flatnonzero(np.argmax(out, axis=1) == labels)
    i = int(correct[index])
    order = np.argsort(-out[i], kind="stable")
    return i, inputs[i], int(labels[i]), int(order[1])


def digits_instances(hidden=DIGITS_HIDDEN, radii=DIGITS_RADII, points: int = 1, epochs: int = DIGITS_EPOCHS) -> list[Instance]:
    """Group (b): each network × radius × the first ``points`` correctly classified test points."""
    _, _, test_x, test_y = digits_data()
    out = []
    for h in hidden:
        net, meta = digits_network(h, epochs)
        for p in range(points):
            i, center, label, other = margin_point(net, test_x, test_y, p)
            for radius in radii:
                out.append(
                    Instance(
                        group="digits",
                        name=f"digits {net.widths[0]}-{h}-{h}-10 r={radius} test#{i}",
                        network=net,
                        box=exactlip.Box.linf_ball(center, radius, clip=(0.0, 1.0)),
                        objective={"norm": "linf", "margin": (label, other)},
                        radius=radius,
                        center=center,
                        meta={**meta, "test_index": i, "label": label, "runner_up": other},
                    )
                )
    return out


# --- (c) random networks of growing width ---------------------------------------------
def width_instances(widths=WIDTH_GROUP, radius: float = WIDTH_RADIUS) -> list[Instance]:
    """Group (c): He-init ``[4, w, w, 1]`` (Gaussian biases, sd 0.5), centre ~ N(0, I)."""
    out = []
    for w in widths:
        arch = [4, w, w, 1]
        seed = seed_of(f"width-{w}")
        net = random_network(seed, arch)
        center = np.random.default_rng(seed + 1).standard_normal(4)
        out.append(
            Instance(
                group="width",
                name=f"random 4-{w}-{w}-1",
                network=net,
                box=exactlip.Box.linf_ball(center, radius),
                objective={"norm": "linf"},
                radius=radius,
                center=center,
                meta={"init": "he", "seed": seed},
            )
        )
    return out


GROUPS = {"sweep": sweep_instances, "digits": digits_instances, "width": width_instances}


QUICK = {
    "sweep": lambda: sweep_instances(families={"width k=1", "depth k=1"}),
    "digits": lambda: digits_instances(hidden=(20,), radii=(0.02,)),
    "width": lambda: width_instances(widths=(10,)),
}


def quick_instances(groups=tuple(GROUPS)) -> list[Instance]:
    """A handful of small instances of ``groups`` for smoke testing (seconds, not minutes)."""
    return [instance for group in groups for instance in QUICK[group]()]
