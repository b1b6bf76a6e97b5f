"""Lipschitz estimators to audit against the exact value: one module per estimator.

``estimate(model, box=None, norm="l2", …, methods=[…])`` returns one :class:`Estimate`
per method (see :data:`METHODS` for the names). Upper bounds: ``naive``, ``autolip``,
``seqlip``/``seqlip_local``, ``lipsdp_neuron``/``lipsdp_layer`` (and ``_local``),
``fastlip``, ``bound_propagation``, ``liplp``; lower bounds: ``sampling``,
``gradient_ascent``; heuristic: ``clever``. Importing this package imports neither
torch nor cvxpy; the methods import them when they run.
"""

from .api import ALIASES, METHODS, Method, default_methods, estimate, method_names, resolve_method
from .base import Estimate
from .target import Target, resolve_target

__all__ = [
    "ALIASES",
    "METHODS",
    "Estimate",
    "Method",
    "Target",
    "default_methods",
    "estimate",
    "method_names",
    "resolve_method",
    "resolve_target",
]
