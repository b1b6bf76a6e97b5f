"""Read and write a :class:`~exactlip.network.ir.Network` as a numpy ``.npz`` archive.

The archive holds exactly the arrays ``W0, b0, W1, b1, …, W{L-1}, b{L-1}`` with ``Wk``
shaped ``[out, in]`` (the torch ``Linear`` convention) and ``bk`` shaped ``[out]``;
ReLU sits between consecutive layers and the last layer is affine. :func:`save_npz`
writes byte-identical files for equal networks (fixed zip timestamps), so shipped
models can be regenerated and compared by checksum.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import numpy as np

from ..errors import ModelFileError, ShapeError
from .ir import Network

_KEY = re.compile(r"^([Wb])(0|[1-9][0-9]*)$")
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def network_from_npz(path, name: str | None = None) -> Network:
    """Load a network from an ``.npz`` archive of ``W0, b0, W1, b1, …``.

    ``name`` defaults to the file's stem. A missing file raises :class:`ModelFileError`;
    unknown keys, a missing ``bk`` or ``Wk`` and gaps in the numbering raise
    :class:`ShapeError` naming the key.
    """
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(f"npz model file not found: {path}")
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {key: archive[key] for key in archive.files}
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise ModelFileError(f"{path} is not a readable npz archive: {exc}") from exc
    indices: dict[str, set[int]] = {"W": set(), "b": set()}
    for key in arrays:
        match = _KEY.match(key)
        if match is None:
            raise ShapeError(f"{path}: unexpected key '{key}'; an exactlip npz holds only W0, b0, W1, b1, …")
        indices[match.group(1)].add(int(match.group(2)))
    count = max(indices["W"] | indices["b"], default=-1) + 1
    if count == 0:
        raise ShapeError(f"{path}: no layers found; expected keys W0, b0, W1, b1, …")
    for index in range(count):
        for kind in ("W", "b"):
            if index not in indices[kind]:
                raise ShapeError(f"{path}: missing key '{kind}{index}' (found {sorted(arrays)})")
    weights = [arrays[f"W{k}"] for k in range(count)]
    biases = [arrays[f"b{k}"] for k in range(count)]
    return Network(weights, biases, name=path.stem if name is None else name)


def save_npz(network: Network, path) -> None:
    """Write ``network`` to ``path`` as ``W0, b0, …`` (float64, uncompressed, reproducible bytes).

    The file is written at exactly ``path`` (no ``.npz`` suffix is appended).
    """
    arrays = {}
    for k, (weight, bias) in enumerate(zip(network.weights, network.biases)):
        arrays[f"W{k}"] = weight
        arrays[f"b{k}"] = bias
    with zipfile.ZipFile(os.fspath(path), "w", compression=zipfile.ZIP_STORED) as archive:
        for key, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array, dtype=np.float64), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=_ZIP_EPOCH)
            info.external_attr = 0o644 << 16
            archive.writestr(info, buffer.getvalue())
