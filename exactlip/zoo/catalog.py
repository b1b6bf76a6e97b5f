"""What the zoo holds: one entry per (dataset, regime) with architecture and hyper-parameters.

Every model is an ``nn.Sequential`` of ``Linear``/``ReLU`` layers with the widths of
:data:`ARCHITECTURES`, trained by full-batch Adam for ``epochs`` steps from torch's
default ``Linear`` initialisation under seed :data:`SEED`. Adversarial ε equals the radius
the regularisation study uses for that dataset (:data:`STUDY_RADIUS`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import OptionError
from .datasets import DATASET_NAMES
from .regimes import REGIME_NAMES, Regime

SEED = 0
ARCHITECTURES = {"digits": [64, 32, 32, 10], "iris": [4, 16, 16, 3], "synthetic": [2, 16, 16, 2]}
TRAINING = {
    "digits": {"epochs": 400, "learning_rate": 0.01},
    "iris": {"epochs": 500, "learning_rate": 0.01},
    "synthetic": {"epochs": 1000, "learning_rate": 0.01},
}
STUDY_RADIUS = {"digits": 0.05, "iris": 0.1, "synthetic": 0.1}
PGD_STEPS = 10
FGSM_CLEAN_WEIGHT = 0.5
L2_LAMBDA = {"digits": 1e-3, "iris": 1e-3, "synthetic": 1e-3}
L1_LAMBDA = {"digits": 1e-4, "iris": 1e-3, "synthetic": 1e-3}
LIPSCHITZ_LAMBDA = {"digits": 1e-3, "iris": 1e-3, "synthetic": 1e-3}


@dataclass(frozen=True)
class ModelSpec:
    """One zoo model: ``<dataset>-<regime>``."""

    dataset: str
    regime: Regime
    widths: tuple[int, ...]
    epochs: int
    learning_rate: float
    seed: int = SEED

    @property
    def name(self) -> str:
        return f"{self.dataset}-{self.regime.name}"


def regime_for(dataset: str, regime: str) -> Regime:
    """The regime ``regime`` with the hyper-parameters used for ``dataset``."""
    eps = STUDY_RADIUS[dataset]
    params = {
        "plain": {},
        "l2": {"lambda": L2_LAMBDA[dataset]},
        "l1": {"lambda": L1_LAMBDA[dataset]},
        "fgsm": {"epsilon": eps, "clean_weight": FGSM_CLEAN_WEIGHT},
        "pgd": {"epsilon": eps, "steps": PGD_STEPS, "step_size": 2.5 * eps / PGD_STEPS},
        "lipschitz": {"lambda": LIPSCHITZ_LAMBDA[dataset], "bound": "naive product of ||W_k||_{inf->inf}"},
    }
    if regime not in params:
        raise OptionError(f"unknown regime {regime!r}; allowed: {', '.join(REGIME_NAMES)}")
    return Regime(regime, params[regime])


def spec(dataset: str, regime: str) -> ModelSpec:
    if dataset not in DATASET_NAMES:
        raise OptionError(f"unknown zoo dataset {dataset!r}; allowed: {', '.join(DATASET_NAMES)}")
    training = TRAINING[dataset]
    return ModelSpec(dataset, regime_for(dataset, regime), tuple(ARCHITECTURES[dataset]), training["epochs"], training["learning_rate"])


MODEL_NAMES = tuple(f"{d}-{r}" for d in DATASET_NAMES for r in REGIME_NAMES)


def select(only=None) -> list[ModelSpec]:
    """The specs named by ``only`` (model names ``dataset-regime`` or dataset names; all if
    empty), in catalogue order. Unknown names raise :class:`OptionError` listing the allowed ones."""
    wanted = set(only or [])
    unknown = wanted - set(MODEL_NAMES) - set(DATASET_NAMES)
    if unknown:
        raise OptionError(
            f"unknown zoo model(s) {', '.join(sorted(unknown))}; allowed: a dataset ({', '.join(DATASET_NAMES)}) "
            f"or dataset-regime with regime in {', '.join(REGIME_NAMES)}"
        )
    return [
        spec(d, r)
        for d in DATASET_NAMES
        for r in REGIME_NAMES
        if not wanted or d in wanted or f"{d}-{r}" in wanted
    ]
