"""The shared result type of every estimator and what an estimator is given.

An :class:`Estimate` is one number with its meaning: ``kind="upper"`` (an upper bound on
the Lipschitz constant), ``"lower"`` (a lower bound) or ``"heuristic"`` (an estimate
with no guarantee); ``certified`` is True only when the value is a proven bound of that
kind in the stated norms (exact arithmetic aside); ``local`` says whether it concerns
the box or the whole input space (a global upper bound is also a local one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..domain import Box
from ..errors import OptionError
from ..network.ir import Network
from ..result import jsonable
from .target import Target

KINDS = ("upper", "lower", "heuristic")


@dataclass(frozen=True)
class Estimate:
    """One estimator's answer.

    * ``method``: the estimator's name (see :data:`exactlip.estimators.METHODS`);
    * ``value``: the number, in the norms ``norm → output_norm`` (``output_norm`` is None
      when a direction ``c`` or ``margin`` makes the function scalar; see
      ``details["target"]``);
    * ``kind``: ``"upper"``, ``"lower"`` or ``"heuristic"``;
    * ``certified``: the value is a proven bound of that kind;
    * ``local``: computed over the box (False: valid on the whole input space);
    * ``seconds``: wall-clock time of this estimator;
    * ``details``: method-specific numbers (per-layer factors, norm conversions, solver
      status, …), JSON-ready through :meth:`to_dict`.
    """

    method: str
    value: float
    kind: str
    certified: bool
    local: bool
    norm: str
    output_norm: str | None
    seconds: float
    details: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return jsonable(
            {
                "method": self.method,
                "value": self.value,
                "kind": self.kind,
                "certified": self.certified,
                "local": self.local,
                "norm": self.norm,
                "output_norm": self.output_norm,
                "seconds": self.seconds,
                "details": self.details,
            }
        )


@dataclass(frozen=True)
class Outcome:
    """What an estimator's adapter returns before timing and norm conversion."""

    value: float
    certified: bool
    details: dict = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Problem:
    """The estimators' input: the model in the forms available, the box and options.

    ``network`` is the feed-forward ReLU IR (None when the model is a torch module that
    is not such a chain; ``network_error`` then says why); ``module`` is the torch module
    when one was given (AutoLip uses it as is); ``input_shape`` is the shape of one input
    without the batch dimension.
    """

    network: Network | None
    module: Any = None
    box: Box | None = None
    input_shape: tuple[int, ...] | None = None
    network_error: str | None = None
    seed: int = 0

    def require_network(self, method: str) -> Network:
        if self.network is None:
            raise OptionError(
                f"method {method!r} needs a feed-forward ReLU network (Linear/ReLU layers): {self.network_error}; "
                "only 'autolip' accepts general torch modules"
            )
        return self.network

    def require_relu_chain(self, method: str) -> list[np.ndarray]:
        """The dense weights, for the methods whose maths needs a plain Linear/ReLU chain."""
        return self.require_network(method).require_relu_chain(f"method {method!r}")

    def require_box(self, method: str) -> Box:
        if self.box is None:
            raise OptionError(
                f"method {method!r} is local and needs an input box (box= in Python; --box or --center/--radius "
                "on the command line)"
            )
        return self.box

    @property
    def input_dim(self) -> int:
        if self.network is not None:
            return self.network.input_dim
        return int(np.prod(self.input_shape)) if self.input_shape is not None else 0


def check_positive_int(value, name: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise OptionError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def target_details(target: Target) -> dict:
    return {"target": target.to_dict()}
