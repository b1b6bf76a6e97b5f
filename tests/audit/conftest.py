"""Small networks, data points and suites written into a temporary folder."""

from __future__ import annotations

import json

import numpy as np
import pytest

from exactlip.network.from_npz import save_npz
from tests.nets import random_network

FAST_OPTIONS = {
    "gradient_ascent": {"starts": 2, "steps": 5, "samples": 100},
    "clever": {"batches": 5, "batch_size": 16},
    "sampling": {"count": 200},
}


@pytest.fixture
def workdir(tmp_path):
    return make_workdir(tmp_path)


def make_workdir(tmp_path):
    """``nets/cls.npz`` (2 inputs, 3 classes), ``nets/hard.npz`` (10 inputs, 64 unstable
    neurons on its box: not solved within 5 s), ``data/points.npz`` (x in [0,1]², y)."""
    rng = np.random.default_rng(3)
    (tmp_path / "nets").mkdir()
    (tmp_path / "data").mkdir()
    save_npz(random_network(rng, [2, 8, 8, 3]), tmp_path / "nets" / "cls.npz")
    save_npz(random_network(np.random.default_rng(0), [10, 32, 32, 1]), tmp_path / "nets" / "hard.npz")
    x = rng.random((6, 2))
    y = np.array([0, 1, 2, 0, 1, 2])
    np.savez(tmp_path / "data" / "points.npz", x=x, y=y)
    return tmp_path


def base_suite() -> dict:
    """A valid suite mapping, paths relative to a ``suites/`` folder of ``workdir``."""
    return {
        "name": "tiny",
        "estimators": ["naive", "seqlip", "fastlip", "bp", "liplp", "sampling", "gradient_ascent", "clever"],
        "estimator_options": {k: dict(v) for k, v in FAST_OPTIONS.items()},
        "exact": {"time_limit": 20, "threads": 1},
        "networks": [{"path": "../nets/cls.npz", "boxes": ["points"]}],
        "boxes": [
            {"name": "points", "centers": {"file": "../data/points.npz", "indices": [0, 1]}, "radii": [0.05, 0.15], "clip": [0.0, 1.0]}
        ],
        "norms": [{"norm": "linf", "margin": "true-vs-runner-up"}, {"norm": "l1", "output_norm": "linf"}],
    }


def write_suite(workdir, suite: dict, name: str = "tiny.json"):
    folder = workdir / "suites"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(suite))
    return path
