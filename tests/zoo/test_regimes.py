"""Training regimes: adversarial points stay in the clipped ball, penalties are the stated
formulas, and training restores torch's global settings."""

import numpy as np
import pytest

from exactlip.errors import OptionError
from exactlip.estimators.naive import naive_product_torch
from exactlip.zoo.catalog import regime_for, select
from exactlip.zoo.regimes import REGIME_NAMES, Regime, fgsm_points, pgd_points

torch = pytest.importorskip("torch")
F = torch.nn.functional


def _setup():
    from exactlip.zoo.train import build_module

    torch.manual_seed(0)
    model = build_module([3, 8, 4])
    x = torch.rand((10, 3), generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    x[0] = 0.0
    x[1] = 1.0
    y = torch.arange(10) % 4
    return model, x, y


def test_adversarial_points_stay_in_the_clipped_ball_and_raise_the_loss():
    model, x, y = _setup()
    eps = 0.1
    clean = F.cross_entropy(model(x), y).detach()
    for point in (fgsm_points(model, x, y, eps), pgd_points(model, x, y, eps, 10, 0.025, torch.Generator().manual_seed(0))):
        assert float((point - x).abs().max()) <= eps + 1e-12
        assert float(point.min()) >= 0.0 and float(point.max()) <= 1.0
        assert float(F.cross_entropy(model(point), y).detach()) > float(clean)
    first = pgd_points(model, x, y, eps, 3, 0.05, torch.Generator().manual_seed(7))
    again = pgd_points(model, x, y, eps, 3, 0.05, torch.Generator().manual_seed(7))
    assert torch.equal(first, again)


def test_penalised_losses_are_cross_entropy_plus_the_penalty():
    model, x, y = _setup()
    with torch.no_grad():
        ce = F.cross_entropy(model(x), y)
        weights = [model[0].weight, model[2].weight]
        l2 = Regime("l2", {"lambda": 0.3}).loss(model, x, y)
        l1 = Regime("l1", {"lambda": 0.3}).loss(model, x, y)
        lip = Regime("lipschitz", {"lambda": 0.3}).loss(model, x, y)
        assert float(l2) == pytest.approx(float(ce + 0.15 * sum(w.square().sum() for w in weights)))
        assert float(l1) == pytest.approx(float(ce + 0.3 * sum(w.abs().sum() for w in weights)))
        assert float(lip) == pytest.approx(float(ce + 0.3 * naive_product_torch(weights, "linf")))


def test_every_catalogued_regime_names_its_hyper_parameters():
    for name in REGIME_NAMES:
        regime = regime_for("iris", name)
        assert regime.to_dict()["name"] == name
    assert regime_for("digits", "pgd").params["epsilon"] == 0.05
    with pytest.raises(OptionError, match="allowed"):
        Regime("dropout")
    assert [s.name for s in select(["iris"])] == [f"iris-{r}" for r in REGIME_NAMES]


def test_training_restores_torch_threads_and_determinism():
    from exactlip.zoo.datasets import load_dataset
    from exactlip.zoo.train import train

    threads, deterministic = torch.get_num_threads(), torch.are_deterministic_algorithms_enabled()
    state = torch.random.get_rng_state()
    (spec,) = select(["synthetic-plain"])
    short = type(spec)(spec.dataset, spec.regime, spec.widths, 5, spec.learning_rate)
    trained = train(short, load_dataset("synthetic"))
    assert trained.network.widths == [2, 16, 16, 2] and 0 <= trained.test_accuracy <= 1
    assert torch.get_num_threads() == threads and torch.are_deterministic_algorithms_enabled() == deterministic
    assert torch.equal(torch.random.get_rng_state(), state)
    assert np.isfinite(trained.final_loss)
