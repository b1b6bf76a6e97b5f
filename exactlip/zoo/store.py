"""Writing the zoo's files: every file appears whole or not at all, with reproducible bytes.

Each file is written to a hidden temporary name in the target directory and moved into
place with ``os.replace`` (atomic on one file system), so an interrupted run leaves either
the old file or the new one, never a half-written one. Per model the card is written last,
so a card always describes the network files next to it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

import numpy as np

from ..network.from_npz import save_npz, write_reproducible_npz
from ..network.from_onnx import save_onnx
from ..network.ir import Network


def sha256(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@contextlib.contextmanager
def atomic_path(path):
    """Yield a temporary path next to ``path`` (same suffix); on success it replaces
    ``path``, on error it is removed."""
    path = Path(path)
    temp = path.with_name(f".{path.stem}.tmp-{os.getpid()}{path.suffix}")
    try:
        yield temp
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def write_arrays_npz(arrays: dict[str, np.ndarray], path) -> None:
    """An uncompressed ``.npz`` of ``arrays`` with fixed zip timestamps (same arrays, same bytes), written atomically."""
    with atomic_path(path) as temp:
        write_reproducible_npz(arrays, temp)


def write_json(payload: dict, path) -> None:
    with atomic_path(path) as temp:
        Path(temp).write_text(json.dumps(payload, indent=2) + "\n")


def write_network(network: Network, directory) -> dict[str, str]:
    """``<name>.onnx`` and ``<name>.npz`` in ``directory``; returns ``{file name: sha256}``."""
    files = {}
    for suffix, save in ((".onnx", save_onnx), (".npz", save_npz)):
        path = Path(directory) / f"{network.name}{suffix}"
        with atomic_path(path) as temp:
            save(network, temp)
        files[path.name] = sha256(path)
    return files
