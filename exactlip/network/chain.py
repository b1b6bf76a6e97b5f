"""Chains of affine and ReLU steps: the common form both importers translate into.

:func:`network_from_chain` checks the layout ``affine, ReLU, affine, …, ReLU, affine``
and builds the network. Consecutive affine steps with no ReLU between them are merged
into one: ``W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, Union

import numpy as np

from ..errors import ShapeError, UnsupportedLayerError
from .ir import Network


@dataclass(frozen=True)
class AffineStep:
    """``x -> weight @ x + bias`` with ``weight`` shaped ``[out, in]``; ``where`` names its origin."""

    weight: np.ndarray
    bias: np.ndarray
    where: str


@dataclass(frozen=True)
class ReluStep:
    """An elementwise ReLU; ``where`` names its origin in the source model."""

    where: str


Step = Union[AffineStep, ReluStep]


def network_from_chain(steps: Sequence[Step], name: str) -> Network:
    """Build a :class:`Network` from a chain of affine and ReLU steps.

    The chain must start and end with an affine step and never hold two ReLUs in a
    row; runs of consecutive affine steps are merged into one affine layer.
    """
    weights: list[np.ndarray] = []
    biases: list[np.ndarray] = []
    pending: tuple[np.ndarray, np.ndarray] | None = None
    last_relu: ReluStep | None = None
    for step in steps:
        if isinstance(step, AffineStep):
            pending = _compose(pending, step)
            continue
        if pending is None:
            if not weights:
                raise UnsupportedLayerError(
                    f"{step.where} is a ReLU before any affine layer; the network must start with an affine layer"
                )
            raise UnsupportedLayerError(
                f"{step.where} is a second ReLU in a row; ReLUs must be separated by affine layers"
            )
        weights.append(pending[0])
        biases.append(pending[1])
        pending = None
        last_relu = step
    if pending is None:
        if last_relu is None:
            raise UnsupportedLayerError("the model has no affine layer (Linear, Gemm or MatMul)")
        raise UnsupportedLayerError(
            f"the model ends with a ReLU ({last_relu.where}), which is not an affine output; "
            "exactlip needs the last layer to be affine (Linear, Gemm or MatMul), so drop the final ReLU "
            "or append a Linear layer"
        )
    weights.append(pending[0])
    biases.append(pending[1])
    return Network(weights, biases, name=name)


def _compose(pending: tuple[np.ndarray, np.ndarray] | None, step: AffineStep) -> tuple[np.ndarray, np.ndarray]:
    """Apply ``step`` after the affine map ``pending`` (or start a new one)."""
    if pending is None:
        return step.weight, step.bias
    weight, bias = pending
    if step.weight.shape[1] != weight.shape[0]:
        raise ShapeError(
            f"{step.where} takes {step.weight.shape[1]} inputs but the affine layer before it "
            f"has {weight.shape[0]} outputs"
        )
    return step.weight @ weight, step.weight @ bias + step.bias
