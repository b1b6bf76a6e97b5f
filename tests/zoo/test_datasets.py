"""Zoo datasets: fixed stratified split, inputs in [0, 1], iris scaled by training ranges."""

import numpy as np
import pytest

from exactlip.errors import OptionError
from exactlip.zoo.datasets import DATASET_NAMES, load_dataset, stratified_split

pytest.importorskip("sklearn")


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_datasets_are_scaled_split_and_reproducible(name):
    data, again = load_dataset(name), load_dataset(name)
    for x in (data.x_train, data.x_test):
        assert x.dtype == np.float64 and x.min() >= 0.0 and x.max() <= 1.0
    assert np.array_equal(data.x_test, again.x_test) and np.array_equal(data.y_train, again.y_train)
    total = data.y_train.size + data.y_test.size
    assert abs(data.y_test.size - total / 4) <= data.classes
    assert set(np.unique(data.y_test)) == set(range(data.classes))


def test_iris_training_inputs_span_the_unit_box():
    data = load_dataset("iris")
    assert np.allclose(data.x_train.min(axis=0), 0.0) and np.allclose(data.x_train.max(axis=0), 1.0)


def test_stratified_split_partitions_every_class():
    labels = np.repeat([0, 1, 2], [8, 12, 4])
    train, test = stratified_split(labels)
    assert sorted(np.concatenate([train, test]).tolist()) == list(range(labels.size))
    assert np.bincount(labels[test]).tolist() == [2, 3, 1]


def test_unknown_dataset_names_the_allowed_ones():
    with pytest.raises(OptionError, match="digits, iris, synthetic"):
        load_dataset("mnist")
