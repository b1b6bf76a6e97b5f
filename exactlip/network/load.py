"""One entry point that turns any supported model into a :class:`~exactlip.network.ir.Network`.

Accepted: a :class:`Network`; a path to a ``.onnx`` or ``.npz`` file; a torch
``nn.Module``; an ``onnx.ModelProto``. torch and onnx are recognised through
``sys.modules`` — an object can only be a torch module if torch is already imported —
so this module never imports either framework itself.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..errors import ModelFileError
from .from_npz import network_from_npz
from .from_onnx import network_from_onnx
from .from_torch import network_from_torch
from .ir import Network

_LOADERS = {".onnx": network_from_onnx, ".npz": network_from_npz}


def load_network(model, name: str | None = None, *, input_shape=None) -> Network:
    """Return ``model`` as a :class:`Network`.

    A ``Network`` is returned as is (renamed copy if ``name`` is given); a path is read
    according to its suffix (``.onnx`` or ``.npz``); a torch ``nn.Module`` goes through
    :func:`~exactlip.network.from_torch.network_from_torch` (``input_shape``: one input's
    shape without the batch dimension, needed unless the module starts with a
    ``Linear``) and an ``onnx.ModelProto`` through
    :func:`~exactlip.network.from_onnx.network_from_onnx`.
    """
    if isinstance(model, Network):
        if name is None:
            return model
        return Network(model.weights, model.biases, name=name, skips=model.skips, negative_slopes=model.negative_slopes)
    if isinstance(model, (str, os.PathLike)):
        return _load_path(Path(model), name)
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(model, torch.nn.Module):
        return network_from_torch(model, name=name, input_shape=input_shape)
    onnx = sys.modules.get("onnx")
    if onnx is not None and isinstance(model, onnx.ModelProto):
        return network_from_onnx(model, name=name)
    raise TypeError(
        f"cannot load a model from a {type(model).__name__}; expected a Network, a path to a "
        f"{' or '.join(_LOADERS)} file, a torch.nn.Module or an onnx.ModelProto"
    )


def _load_path(path: Path, name: str | None) -> Network:
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        raise ModelFileError(
            f"cannot load {path}: unknown model file type '{path.suffix}'; allowed suffixes: {', '.join(_LOADERS)}"
        )
    return loader(path, name=name)  # each loader raises ModelFileError for a missing file
