"""Import a torch ``nn.Sequential`` MLP into a :class:`~exactlip.network.ir.Network`.

Each leaf layer becomes a step of a chain (see :mod:`exactlip.network.chain`);
torch is imported lazily inside :func:`network_from_torch`, so this module imports
without torch installed.
"""

from __future__ import annotations

import numpy as np

from ..errors import UnsupportedLayerError
from .chain import AffineStep, ReluStep, Step, network_from_chain
from .ir import Network

SUPPORTED_TORCH_LAYERS = "Linear, ReLU, Flatten, Identity, Dropout"


def network_from_torch(module, name: str | None = None) -> Network:
    """Translate a torch ``nn.Sequential`` (or a bare ``nn.Linear``) into a :class:`Network`.

    Nested ``Sequential`` containers are flattened; ``Flatten`` (default dims),
    ``Identity`` and ``Dropout`` (evaluation semantics) are dropped. Weights are
    copied as float64. ``name`` defaults to the module's class name.
    """
    import torch.nn as nn

    if not isinstance(module, nn.Module):
        raise TypeError(f"expected a torch.nn.Module, got {type(module).__name__}")
    if isinstance(module, nn.Linear):
        layers = [module]
    elif isinstance(module, nn.Sequential):
        layers = _flatten_sequential(module, nn)
    else:
        raise UnsupportedLayerError(
            f"cannot import a {type(module).__name__}: pass an nn.Sequential of {SUPPORTED_TORCH_LAYERS} "
            "layers or a single nn.Linear"
        )
    steps = [step for index, layer in enumerate(layers) if (step := _torch_step(index, layer, nn)) is not None]
    return network_from_chain(steps, name=type(module).__name__ if name is None else name)


def _flatten_sequential(module, nn) -> list:
    """The leaf layers of a (possibly nested) ``nn.Sequential``, in order."""
    layers = []
    for child in module:
        if isinstance(child, nn.Sequential):
            layers.extend(_flatten_sequential(child, nn))
        else:
            layers.append(child)
    return layers


def _torch_step(index: int, layer, nn) -> Step | None:
    """The chain step of one leaf layer (``None`` for layers without effect)."""
    where = f"layer {index} ({type(layer).__name__})"
    if isinstance(layer, nn.Linear):
        weight = layer.weight.detach().cpu().double().numpy()
        if layer.bias is None:
            bias = np.zeros(weight.shape[0])
        else:
            bias = layer.bias.detach().cpu().double().numpy()
        return AffineStep(weight, bias, where)
    if isinstance(layer, nn.ReLU):
        return ReluStep(where)
    if isinstance(layer, nn.Flatten):
        if (layer.start_dim, layer.end_dim) != (1, -1):
            raise UnsupportedLayerError(
                f"{where} flattens dims {layer.start_dim}..{layer.end_dim}; only the default "
                "Flatten(start_dim=1, end_dim=-1) is supported"
            )
        return None
    if isinstance(layer, (nn.Identity, nn.Dropout)):
        return None
    raise UnsupportedLayerError(f"{where} is not supported; supported: {SUPPORTED_TORCH_LAYERS}")
