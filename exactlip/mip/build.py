"""Assemble the full LipMIP model: forward ReLU + backward Jacobian + norm objective.

    maximise ||g||_{α*}  over  x ∈ X,  a ∈ {0,1}^{unstable},  s ∈ S (directions),
    subject to the forward encoding (a consistent with x), the backward encoding
    (g = J(a)^T c(s)) and the objective encoding.

For networks in general position its optimum is the local Lipschitz constant
(Jordan & Dimakis 2020); in any case it is an upper bound, because every feasible
(x, a) has ``a`` consistent with the sign of every pre-activation at ``x``. Given an
extreme point ``v`` of the primal unit ball, the objective is ``v·g`` instead.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from ..bounds import NetworkBounds
from ..domain import Box
from ..network.ir import Network
from ..norms import NormSpec
from .backward import BackwardEncoding, encode_backward
from .forward import ForwardEncoding, encode_forward
from .model import MilpModel, ModelBuilder
from .objective import ObjectiveEncoding, encode_direction, encode_objective


@dataclass(frozen=True, eq=False)
class Encoding:
    """The model plus the maps between its columns and (x, pattern, c)."""

    model: MilpModel
    network: Network
    spec: NormSpec
    forward: ForwardEncoding
    backward: BackwardEncoding
    objective: ObjectiveEncoding
    seconds: float

    def assignment(self, x: np.ndarray, c: np.ndarray) -> np.ndarray:
        """The feasible column vector for input ``x`` (in the box) and direction ``c ∈ C``."""
        values = np.zeros(self.model.num_cols)
        pattern = self.forward.fill(values, self.network, x)
        self.backward.fill(values, self.network, self.spec, pattern, c)
        self.objective.fill(values, self.backward.gradient.evaluate(values))
        return values

    def pattern(self, values: np.ndarray) -> list[np.ndarray]:
        return self.forward.pattern(values)

    def direction(self, values: np.ndarray) -> np.ndarray:
        return self.backward.direction(values, self.spec)


def build_mip(
    network: Network, box: Box, bounds: NetworkBounds, spec: NormSpec, strict_margin: float = 0.0, direction: np.ndarray | None = None
) -> Encoding:
    """The model; ``strict_margin`` > 0 keeps points a relative distance ``strict_margin``
    (of each unstable neuron's range ``u − l``) from every neuron boundary, which turns
    the optimum into a lower bound attained inside a region with interior. With a
    ``direction`` v (an extreme point of the primal unit ball) it maximises ``v·g``."""
    start = time.perf_counter()
    builder = ModelBuilder()
    forward = encode_forward(builder, network, box, bounds, strict_margin)
    backward = encode_backward(builder, network, spec, bounds, forward)
    if direction is None:
        objective, expression = encode_objective(builder, backward.gradient, bounds.input_gradient, spec.norm)
    else:
        objective, expression = encode_direction(backward.gradient, direction, spec.norm)
    model = builder.build(expression, "maximize", name=f"lipschitz_{network.name}", metadata={"norm": spec.to_dict()})
    return Encoding(model, network, spec, forward, backward, objective, time.perf_counter() - start)
