"""The zoo's three classification tasks, scaled to ``[0, 1]^n`` with a fixed train/test split.

* ``digits`` — scikit-learn's bundled 8x8 handwritten digits (1797 images, 64 pixels of
  0..16, divided by 16), 10 classes;
* ``iris`` — scikit-learn's bundled iris (150 flowers, 4 measurements), 3 classes,
  min-max scaled with the *training* set's ranges and clipped to ``[0, 1]``;
* ``synthetic`` — four Gaussian clusters in an XOR layout drawn by numpy (seed
  :data:`SYNTHETIC_SEED`): class 0 around (0.25, 0.25) and (0.75, 0.75), class 1 around
  (0.25, 0.75) and (0.75, 0.25), standard deviation 0.12, clipped to ``[0, 1]^2``.

The split is stratified and made here with numpy (seed :data:`SPLIT_SEED`), so it does
not depend on scikit-learn's version: a quarter of each class is held out for testing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import OptionError

SPLIT_SEED = 0
TEST_FRACTION = 0.25
SYNTHETIC_SEED = 0
SYNTHETIC_POINTS_PER_CLUSTER = 100
SYNTHETIC_STD = 0.12
SYNTHETIC_CENTRES = (((0.25, 0.25), 0), ((0.75, 0.75), 0), ((0.25, 0.75), 1), ((0.75, 0.25), 1))

DATASET_NAMES = ("digits", "iris", "synthetic")


@dataclass(frozen=True, eq=False)
class Dataset:
    """A classification task with inputs in ``[0, 1]^n``: float64 inputs, int64 labels."""

    name: str
    description: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray

    @property
    def input_dim(self) -> int:
        return int(self.x_train.shape[1])

    @property
    def classes(self) -> int:
        return int(max(self.y_train.max(), self.y_test.max()) + 1)


def stratified_split(labels: np.ndarray, seed: int = SPLIT_SEED, test_fraction: float = TEST_FRACTION):
    """``(train_indices, test_indices)``, both sorted: ``round(test_fraction · n_c)`` random
    points of each class ``c`` go to the test set."""
    rng = np.random.default_rng(seed)
    test = []
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        test.append(rng.permutation(members)[: int(round(test_fraction * members.size))])
    test_idx = np.sort(np.concatenate(test))
    train_idx = np.setdiff1d(np.arange(labels.size), test_idx)
    return train_idx, test_idx


def _split(name: str, description: str, x: np.ndarray, y: np.ndarray) -> Dataset:
    train, test = stratified_split(y)
    return Dataset(name, description, x[train], y[train], x[test], y[test])


def load_digits_dataset() -> Dataset:
    from sklearn.datasets import load_digits

    bunch = load_digits()
    x = np.asarray(bunch.data, dtype=np.float64) / 16.0
    y = np.asarray(bunch.target, dtype=np.int64)
    return _split("digits", "scikit-learn digits: 8x8 images, pixels / 16, 10 classes", x, y)


def load_iris_dataset() -> Dataset:
    from sklearn.datasets import load_iris

    bunch = load_iris()
    raw = np.asarray(bunch.data, dtype=np.float64)
    y = np.asarray(bunch.target, dtype=np.int64)
    train, test = stratified_split(y)
    lo, hi = raw[train].min(axis=0), raw[train].max(axis=0)
    x = np.clip((raw - lo) / (hi - lo), 0.0, 1.0)
    description = (
        "scikit-learn iris: 4 measurements, min-max scaled with the training set's ranges "
        f"(lower {lo.tolist()}, upper {hi.tolist()} cm) and clipped to [0, 1], 3 classes"
    )
    return Dataset("iris", description, x[train], y[train], x[test], y[test])


def make_synthetic_dataset() -> Dataset:
    rng = np.random.default_rng(SYNTHETIC_SEED)
    points, labels = [], []
    for centre, label in SYNTHETIC_CENTRES:
        points.append(np.asarray(centre) + SYNTHETIC_STD * rng.standard_normal((SYNTHETIC_POINTS_PER_CLUSTER, 2)))
        labels.append(np.full(SYNTHETIC_POINTS_PER_CLUSTER, label, dtype=np.int64))
    x = np.clip(np.concatenate(points), 0.0, 1.0)
    y = np.concatenate(labels)
    description = (
        f"synthetic XOR clusters: {len(SYNTHETIC_CENTRES)} Gaussian clusters of {SYNTHETIC_POINTS_PER_CLUSTER} points "
        f"(std {SYNTHETIC_STD}, numpy seed {SYNTHETIC_SEED}), class 0 at (0.25, 0.25) and (0.75, 0.75), "
        "class 1 at (0.25, 0.75) and (0.75, 0.25), clipped to [0, 1]^2"
    )
    return _split("synthetic", description, x, y)


_LOADERS = {"digits": load_digits_dataset, "iris": load_iris_dataset, "synthetic": make_synthetic_dataset}


def load_dataset(name: str) -> Dataset:
    """The task called ``name`` (one of :data:`DATASET_NAMES`)."""
    if name not in _LOADERS:
        raise OptionError(f"unknown zoo dataset {name!r}; allowed: {', '.join(DATASET_NAMES)}")
    return _LOADERS[name]()
