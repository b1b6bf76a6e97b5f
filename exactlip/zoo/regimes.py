"""Training regimes: the objective each zoo network minimises, with its hyper-parameters.

With ``ℓ`` the mean softmax cross-entropy over a batch ``(x, y)`` and ``W_k`` the weight
matrices (biases are never penalised):

* ``plain`` — ``ℓ(f(x), y)``;
* ``l2`` — weight decay, ``ℓ + λ/2 Σ_k ||W_k||_F²``;
* ``l1`` — ``ℓ + λ Σ_k Σ_ij |W_k,ij|``;
* ``fgsm`` — adversarial training (Goodfellow et al. 2015):
  ``w ℓ(f(x), y) + (1 − w) ℓ(f(x'), y)`` with the FGSM point
  ``x' = clip(x + ε sign ∇_x ℓ, 0, 1)``;
* ``pgd`` — adversarial training (Madry et al. 2018): ``ℓ(f(x'), y)`` where ``x'``
  starts uniformly in the ℓ∞ ball ``B(x, ε) ∩ [0, 1]^n`` and takes ``steps`` signed
  gradient steps of size ``α``, each projected back onto that set;
* ``lipschitz`` — ``ℓ + λ · L_naive`` with ``L_naive = ∏_k ||W_k||_{∞→∞}`` (the product
  of the largest row ℓ1 norms), the naive upper bound on the network's ℓ∞→ℓ∞ Lipschitz
  constant, computed by :func:`exactlip.estimators.naive.naive_product_torch`.

The adversarial points are computed with the weights held fixed (gradients with respect
to the input only), from a seeded torch generator for PGD's random start.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import OptionError
from ..estimators.naive import naive_product_torch

REGIME_NAMES = ("plain", "l2", "l1", "fgsm", "pgd", "lipschitz")


@dataclass(frozen=True)
class Regime:
    """A named training objective; ``params`` are its hyper-parameters (JSON-ready)."""

    name: str
    params: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.name not in REGIME_NAMES:
            raise OptionError(f"unknown regime {self.name!r}; allowed: {', '.join(REGIME_NAMES)}")

    def loss(self, model, x, y, generator=None):
        """The training objective on the batch ``(x, y)`` (a differentiable torch scalar)."""
        import torch.nn.functional as F

        weights = [p for name, p in model.named_parameters() if name.endswith("weight")]
        p = self.params
        if self.name == "plain":
            return F.cross_entropy(model(x), y)
        if self.name == "l2":
            return F.cross_entropy(model(x), y) + 0.5 * p["lambda"] * sum(w.square().sum() for w in weights)
        if self.name == "l1":
            return F.cross_entropy(model(x), y) + p["lambda"] * sum(w.abs().sum() for w in weights)
        if self.name == "lipschitz":
            return F.cross_entropy(model(x), y) + p["lambda"] * naive_product_torch(weights, "linf")
        if self.name == "fgsm":
            adversarial = fgsm_points(model, x, y, p["epsilon"])
            w = p["clean_weight"]
            return w * F.cross_entropy(model(x), y) + (1.0 - w) * F.cross_entropy(model(adversarial), y)
        adversarial = pgd_points(model, x, y, p["epsilon"], p["steps"], p["step_size"], generator)
        return F.cross_entropy(model(adversarial), y)

    def to_dict(self) -> dict:
        return {"name": self.name, **self.params}


def _input_gradient(model, x, y):
    import torch
    import torch.nn.functional as F

    x = x.detach().requires_grad_(True)
    (grad,) = torch.autograd.grad(F.cross_entropy(model(x), y), x)
    return grad


def fgsm_points(model, x, y, epsilon: float):
    """``clip(x + ε sign ∇_x ℓ(f(x), y), 0, 1)`` (detached)."""
    return (x + epsilon * _input_gradient(model, x, y).sign()).clamp(0.0, 1.0).detach()


def pgd_points(model, x, y, epsilon: float, steps: int, step_size: float, generator=None):
    """Projected signed-gradient ascent on ``ℓ`` over ``B_∞(x, ε) ∩ [0, 1]^n`` from a
    uniform random start (drawn with ``generator``); returns the last iterate (detached)."""
    import torch

    lower, upper = (x - epsilon).clamp(min=0.0), (x + epsilon).clamp(max=1.0)
    start = torch.rand(x.shape, generator=generator, dtype=x.dtype)
    point = lower + (upper - lower) * start
    for _ in range(steps):
        point = point + step_size * _input_gradient(model, point, y).sign()
        point = torch.minimum(torch.maximum(point, lower), upper)
    return point.detach()
