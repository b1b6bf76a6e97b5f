"""Deterministic training of one zoo model (torch, one thread, float64).

Bit-for-bit reproducible on the same platform and torch version: the weights start from
torch's default ``Linear`` initialisation under ``torch.manual_seed(spec.seed)`` (inside
``fork_rng``, so the caller's random state is untouched), training is full-batch Adam in
float64, PGD's random starts come from a ``torch.Generator`` seeded with ``spec.seed``,
and torch runs with one thread and ``use_deterministic_algorithms(True)`` (both restored
afterwards).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import numpy as np

from ..errors import ShapeError
from ..network.from_torch import network_from_torch
from ..network.ir import Network
from .catalog import ModelSpec
from .datasets import Dataset


@dataclass(frozen=True, eq=False)
class Trained:
    """A trained zoo model: the exported network and how it did."""

    spec: ModelSpec
    network: Network
    final_loss: float
    train_correct: int
    test_correct: int
    train_size: int
    test_size: int

    @property
    def train_accuracy(self) -> float:
        return self.train_correct / self.train_size

    @property
    def test_accuracy(self) -> float:
        return self.test_correct / self.test_size


@contextlib.contextmanager
def deterministic_torch(seed: int):
    """One thread, deterministic algorithms, ``manual_seed(seed)``; all restored on exit."""
    import torch

    threads = torch.get_num_threads()
    deterministic = torch.are_deterministic_algorithms_enabled()
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    try:
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            yield
    finally:
        torch.use_deterministic_algorithms(deterministic)
        torch.set_num_threads(threads)


def build_module(widths):
    """``Linear(w0, w1), ReLU, …, Linear(w_{L-1}, w_L)`` in float64."""
    import torch.nn as nn

    layers = []
    for k, (fan_in, fan_out) in enumerate(zip(widths, widths[1:])):
        if k > 0:
            layers.append(nn.ReLU())
        layers.append(nn.Linear(fan_in, fan_out))
    return nn.Sequential(*layers).double()


def correct(network: Network, x: np.ndarray, y: np.ndarray) -> int:
    """How many points of ``x`` the network classifies as ``y`` (numpy float64 forward)."""
    return int(np.sum(np.argmax(network.forward(x), axis=1) == y))


def train(spec: ModelSpec, data: Dataset) -> Trained:
    """Train ``spec`` on ``data`` and return the exported :class:`Network` and its accuracies."""
    import torch

    if data.input_dim != spec.widths[0] or data.classes != spec.widths[-1]:
        raise ShapeError(f"{spec.name}: widths {list(spec.widths)} do not fit {data.input_dim} inputs and {data.classes} classes")
    with deterministic_torch(spec.seed):
        model = build_module(spec.widths)
        generator = torch.Generator().manual_seed(spec.seed)
        optimizer = torch.optim.Adam(model.parameters(), lr=spec.learning_rate)
        x = torch.from_numpy(data.x_train)
        y = torch.from_numpy(data.y_train)
        loss = torch.zeros(())
        for _ in range(spec.epochs):
            optimizer.zero_grad(set_to_none=True)
            loss = spec.regime.loss(model, x, y, generator)
            loss.backward()
            optimizer.step()
        network = network_from_torch(model.eval(), name=spec.name)
    return Trained(
        spec,
        network,
        float(loss.detach()),
        correct(network, data.x_train, data.y_train),
        correct(network, data.x_test, data.y_test),
        int(data.y_train.size),
        int(data.y_test.size),
    )
