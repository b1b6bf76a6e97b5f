"""``estimate()``: run several Lipschitz estimators on one model and return typed answers."""

from __future__ import annotations

import importlib.util
import sys
import time
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..domain import Box
from ..errors import OptionError, UnsupportedLayerError
from ..network.ir import Network
from ..network.load import load_network
from . import autolip, bound_propagation, clever, fastlip, liplp, lipsdp, lower, naive, seqlip
from .base import Estimate, Outcome, Problem
from .conversions import ANY, L1_LINF, L2_ONLY, evaluate
from .target import Target, resolve_target


@dataclass(frozen=True)
class Method:
    """An estimator as the driver sees it: its kind, scope, native norms and adapter."""

    name: str
    kind: str
    local: bool
    native: str
    run: Callable[[Problem, Target, dict], Outcome]
    needs: tuple[str, ...] = ()
    summary: str = ""
    chain_only: bool = False  # its maths needs a plain Linear/ReLU chain


METHODS: dict[str, Method] = {
    m.name: m
    for m in [
        Method("naive", "upper", False, ANY, naive.run, summary="product of per-layer operator norms", chain_only=True),
        Method("autolip", "upper", False, L2_ONLY, autolip.run, ("torch", "networkx"), "AutoLip on the torch.fx graph"),
        Method("seqlip", "upper", False, L2_ONLY, seqlip.run, summary="SeqLip, exact over σ up to max_exact_width", chain_only=True),
        Method("seqlip_local", "upper", True, L2_ONLY, seqlip.run_local, summary="SeqLip with stable neurons fixed", chain_only=True),
        Method("lipsdp_neuron", "upper", False, L2_ONLY, lipsdp.run_neuron, ("cvxpy",), "LipSDP-Neuron, certified a posteriori", chain_only=True),
        Method("lipsdp_layer", "upper", False, L2_ONLY, lipsdp.run_layer, ("cvxpy",), "LipSDP-Layer, certified a posteriori", chain_only=True),
        Method("lipsdp_neuron_local", "upper", True, L2_ONLY, lipsdp.run_neuron_local, ("cvxpy",), "LipSDP-Neuron, stable slopes fixed", chain_only=True),
        Method("lipsdp_layer_local", "upper", True, L2_ONLY, lipsdp.run_layer_local, ("cvxpy",), "LipSDP-Layer, stable slopes fixed", chain_only=True),
        Method("fastlip", "upper", True, ANY, fastlip.run, summary="interval bounds on the Jacobian", chain_only=True),
        Method("bound_propagation", "upper", True, ANY, bound_propagation.run, summary="linear bounds on the backward graph"),
        Method("liplp", "upper", True, L1_LINF, liplp.run, ("highspy",), "LP relaxation of the exact MIP"),
        Method("sampling", "lower", True, ANY, lower.run_sampling, summary="best Jacobian norm over random points"),
        Method("gradient_ascent", "lower", True, ANY, lower.run_gradient_ascent, ("torch",), "projected ascent on a smoothed gradient norm"),
        Method("clever", "heuristic", True, ANY, clever.run, ("scipy",), "reverse-Weibull fit of sampled maxima"),
    ]
}
ALIASES = {
    "lipsdp": "lipsdp_neuron",
    "lipsdp_local": "lipsdp_neuron_local",
    "fast_lip": "fastlip",
    "naive_product": "naive",
    "lip_lp": "liplp",
    "random": "sampling",
    "gradient": "gradient_ascent",
    "bp": "bound_propagation",
}


def method_names() -> list[str]:
    return list(METHODS)


def resolve_method(name: str) -> Method:
    key = str(name).strip().lower().replace("-", "_")
    key = ALIASES.get(key, key)
    if key not in METHODS:
        raise OptionError(f"unknown estimator {name!r}; allowed: {', '.join(METHODS)} (aliases: {', '.join(ALIASES)})")
    return METHODS[key]


def _installed(module: str) -> bool:
    return module in sys.modules or importlib.util.find_spec(module) is not None


def default_methods(problem: Problem) -> list[str]:
    """Every method that applies: global ones, plus local ones when a box is given;
    only AutoLip for a torch module that is not a ReLU chain; no chain-only method for a
    network with skip edges or LeakyReLU; LipSDP only within its size limit and with
    cvxpy installed."""
    chosen = []
    for m in METHODS.values():
        if m.local and problem.box is None:
            continue
        if problem.network is None and m.name != "autolip":
            continue
        if m.chain_only and not (problem.network.is_chain and problem.network.is_relu):
            continue
        if not all(_installed(dep) for dep in m.needs):
            continue
        if m.name.startswith("lipsdp") and not lipsdp.fits(problem.network, m.name):
            continue
        chosen.append(m.name)
    return chosen


def _load(model, input_shape) -> tuple[Network | None, object, tuple | None, str | None]:
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(model, torch.nn.Module):
        try:
            network = load_network(model, input_shape=input_shape)
        except UnsupportedLayerError as exc:
            return None, model, input_shape, str(exc)
        shape = tuple(input_shape) if input_shape is not None else (network.input_dim,)
        return network, model, shape, None
    network = load_network(model)
    return network, None, (network.input_dim,), None


def _module_output_dim(module, input_shape) -> int:
    import copy

    import torch

    with torch.no_grad():
        out = copy.deepcopy(module).double().eval()(torch.zeros((1,) + tuple(input_shape), dtype=torch.float64))
    return int(np.prod(out.shape[1:]))


def estimate(
    model,
    box=None,
    norm: str = "l2",
    output_norm: str | None = None,
    c=None,
    margin: tuple[int, int] | None = None,
    methods=None,
    *,
    input_shape: tuple[int, ...] | None = None,
    options: dict | None = None,
    seed: int = 0,
) -> list[Estimate]:
    """Run Lipschitz estimators on ``model`` and return one :class:`Estimate` each.

    ``model``: an :class:`~exactlip.Network`, a path (``.onnx``/``.npz``) or a torch
    module (AutoLip accepts any module of the supported layers, conv/BN/residual
    included; the other methods need a Linear/ReLU chain). ``box``: an
    :class:`~exactlip.Box` or ``(lower, upper)``; required by the local methods, ignored
    by the global ones. ``norm``/``output_norm``: ``"l1"``, ``"l2"`` or ``"linf"``
    (``output_norm`` defaults to ``norm``); ``c`` or ``margin=(i, j)`` for the scalar
    ``c·f``. ``methods``: names from :data:`METHODS` (default: every method that applies;
    see :func:`default_methods`). ``input_shape``: one input's shape without the batch
    dimension (AutoLip on convolutional modules). ``options``: per-method keyword
    options, e.g. ``{"seqlip": {"max_exact_width": 16}, "lipsdp_neuron": {"solver": "SCS"}}``.

    Methods that work in other norms are converted with explicit dimension factors
    (:mod:`exactlip.estimators.conversions`); ``details["conversion"]`` shows how.
    """
    network, module, shape, why = _load(model, input_shape)
    if network is None and shape is None:
        shape = autolip.infer_input_shape(module)
    domain = None if box is None else Box.coerce(box)
    input_dim = network.input_dim if network is not None else (int(np.prod(shape)) if shape is not None else None)
    if domain is not None and input_dim is not None:
        domain.check_dim(input_dim)
    if network is not None:
        output_dim = network.output_dim
    elif shape is not None:
        output_dim = _module_output_dim(module, shape)
    else:
        raise OptionError("give input_shape (one input without the batch dimension) for a module that does not start with Linear")
    target = resolve_target(norm, output_dim, output_norm=output_norm, c=c, margin=margin)
    problem = Problem(network, module, domain, shape, why, int(seed))
    chosen = default_methods(problem) if methods is None else [resolve_method(m).name for m in ([methods] if isinstance(methods, str) else methods)]
    options = dict(options or {})
    for key in options:
        resolve_method(key)
    per_method = {resolve_method(k).name: dict(v) for k, v in options.items()}
    results = []
    for name in chosen:
        method = METHODS[name]
        if method.local:
            problem.require_box(name)
        start = time.perf_counter()
        outcome = evaluate(method.native, lambda t, m=method: m.run(problem, t, per_method.get(m.name, {})), target, input_dim or 0)
        seconds = time.perf_counter() - start
        details = {"target": target.to_dict(), **outcome.details}
        results.append(
            Estimate(
                method=name,
                value=float(outcome.value),
                kind=method.kind,
                certified=bool(outcome.certified) and method.kind != "heuristic",
                local=method.local,
                norm=target.norm,
                output_norm=None if target.scalar else target.output_norm,
                seconds=seconds,
                details=details,
            )
        )
    return results
