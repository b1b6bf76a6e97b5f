"""The torch penalty of the ``lipschitz`` regime is the numpy naive estimator's bound."""

import numpy as np
import pytest

from exactlip.errors import OptionError
from exactlip.estimators.naive import naive_product, naive_product_torch
from exactlip.estimators.target import resolve_target

torch = pytest.importorskip("torch")


def _weights(seed, widths):
    rng = np.random.default_rng(seed)
    return [rng.standard_normal((o, i)) for i, o in zip(widths, widths[1:])]


@pytest.mark.parametrize("norm", ["linf", "l1", "l2"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_torch_penalty_equals_numpy_naive_bound(norm, seed):
    weights = _weights(seed, [5, 7, 6, 3])
    expected, _, exact = naive_product(weights, resolve_target(norm, 3))
    assert all(exact)
    value = naive_product_torch([torch.from_numpy(w) for w in weights], norm)
    assert float(value) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("norm", ["linf", "l1", "l2"])
def test_torch_penalty_with_a_margin_uses_the_row(norm):
    weights = _weights(3, [4, 8, 5])
    expected, _, _ = naive_product(weights, resolve_target(norm, 5, margin=(2, 0)))
    c = np.array([-1.0, 0.0, 1.0, 0.0, 0.0])
    tensors = [torch.from_numpy(w) for w in weights]
    assert float(naive_product_torch(tensors, norm, c=c)) == pytest.approx(expected, rel=1e-12)
    assert float(naive_product_torch(tensors, norm, c=torch.from_numpy(c))) == pytest.approx(expected, rel=1e-12)


def test_torch_penalty_is_differentiable_and_rejects_unknown_norms():
    tensors = [torch.from_numpy(w).requires_grad_(True) for w in _weights(4, [3, 4, 2])]
    naive_product_torch(tensors, "linf").backward()
    assert all(t.grad is not None and torch.count_nonzero(t.grad) > 0 for t in tensors)
    with pytest.raises(OptionError, match="norm"):
        naive_product_torch(tensors, "l3")
