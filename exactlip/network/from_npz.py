"""Read and write a :class:`~exactlip.network.ir.Network` as a numpy ``.npz`` archive.

Keys (``k`` the layer, from 0; the last layer is the affine output):

* ``W{k}``, ``b{k}`` — the edge from the previous layer (``[out, in]``, the torch
  ``Linear`` convention; ``W0`` reads the input) and the bias ``[out]``;
* ``S{k}_{j}`` — a skip edge from hidden layer ``j`` into layer ``k`` (``S{k}_in``: from
  the input), shaped ``[width_k, width_j]``;
* ``negative_slopes`` — one LeakyReLU slope per hidden layer (absent: all ReLU);
* a sparse matrix ``M`` (a ``W`` or ``S`` key) is stored in CSR form as
  ``M_csr_data``, ``M_csr_indices``, ``M_csr_indptr`` and ``M_csr_shape``.

A plain ReLU chain holds only ``W0, b0, W1, b1, …``, as files written before skip edges
existed; those load unchanged. :func:`save_npz` writes byte-identical files for equal
networks (fixed zip timestamps), so shipped models can be regenerated and compared by
checksum.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from ..errors import ModelFileError, ShapeError
from .ir import Network

_MATRIX = r"(W(?:0|[1-9][0-9]*)|S(?:0|[1-9][0-9]*)_(?:in|0|[1-9][0-9]*))"
_DENSE_KEY = re.compile(rf"^(?:{_MATRIX}|b(?:0|[1-9][0-9]*))$")
_SPARSE_KEY = re.compile(rf"^{_MATRIX}_csr_(data|indices|indptr|shape)$")
_CSR_PARTS = ("data", "indices", "indptr", "shape")
_SLOPES = "negative_slopes"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def network_from_npz(path, name: str | None = None) -> Network:
    """Load a network from an ``.npz`` archive (keys as in the module docstring).

    ``name`` defaults to the file's stem. A missing file raises :class:`ModelFileError`;
    unknown keys, a missing ``bk`` or ``Wk``, an incomplete sparse matrix and gaps in the
    numbering raise :class:`ShapeError` naming the key.
    """
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(f"npz model file not found: {path}")
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {key: archive[key] for key in archive.files}
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise ModelFileError(f"{path} is not a readable npz archive: {exc}") from exc
    entries: dict[str, object] = {}
    sparse_parts: dict[str, dict[str, np.ndarray]] = {}
    for key, array in arrays.items():
        if key == _SLOPES or _DENSE_KEY.match(key):
            entries[key] = array
        elif (match := _SPARSE_KEY.match(key)) is not None:
            sparse_parts.setdefault(match.group(1), {})[match.group(2)] = array
        else:
            raise ShapeError(
                f"{path}: unexpected key '{key}'; an exactlip npz holds W0, b0, W1, b1, …, skip edges S{{k}}_{{j}}, "
                f"'{_SLOPES}' and sparse parts <key>_csr_data/indices/indptr/shape"
            )
    for key, parts in sparse_parts.items():
        missing = [part for part in _CSR_PARTS if part not in parts]
        if missing:
            raise ShapeError(f"{path}: sparse matrix '{key}' lacks '{key}_csr_{missing[0]}'")
        if key in entries:
            raise ShapeError(f"{path}: '{key}' is stored both dense and sparse")
        shape = tuple(int(s) for s in parts["shape"])
        entries[key] = sp.csr_array((parts["data"], parts["indices"], parts["indptr"]), shape=shape)
    layer_keys = [key for key in entries if key[0] in "Wb" and "_" not in key]
    count = max((int(key[1:]) for key in layer_keys), default=-1) + 1
    if count == 0:
        raise ShapeError(f"{path}: no layers found; expected keys W0, b0, W1, b1, …")
    for index in range(count):
        for kind in ("W", "b"):
            if f"{kind}{index}" not in entries:
                raise ShapeError(f"{path}: missing key '{kind}{index}' (found {sorted(arrays)})")
    skips = {}
    for key, matrix in entries.items():
        if key.startswith("S"):
            k, j = key[1:].split("_")
            skips[(int(k), -1 if j == "in" else int(j))] = matrix
    slopes = entries.get(_SLOPES)
    return Network(
        [entries[f"W{k}"] for k in range(count)],
        [entries[f"b{k}"] for k in range(count)],
        name=path.stem if name is None else name,
        skips=skips,
        negative_slopes=None if slopes is None else np.asarray(slopes, dtype=np.float64).reshape(-1).tolist(),
    )


def save_npz(network: Network, path) -> None:
    """Write ``network`` to ``path`` (float64, uncompressed, reproducible bytes).

    The file is written at exactly ``path`` (no ``.npz`` suffix is appended).
    """
    arrays: dict[str, np.ndarray] = {}

    def put(key: str, matrix) -> None:
        if sp.issparse(matrix):
            matrix = sp.csr_array(matrix)
            arrays[f"{key}_csr_data"] = matrix.data
            arrays[f"{key}_csr_indices"] = matrix.indices.astype(np.int64)
            arrays[f"{key}_csr_indptr"] = matrix.indptr.astype(np.int64)
            arrays[f"{key}_csr_shape"] = np.asarray(matrix.shape, dtype=np.int64)
        else:
            arrays[key] = np.ascontiguousarray(matrix, dtype=np.float64)

    for k, (weight, bias) in enumerate(zip(network.weights, network.biases)):
        put(f"W{k}", weight)
        arrays[f"b{k}"] = np.ascontiguousarray(bias, dtype=np.float64)
    for (k, j), matrix in sorted(network.skips.items()):
        put(f"S{k}_{'in' if j < 0 else j}", matrix)
    if not network.is_relu:
        arrays[_SLOPES] = np.asarray(network.negative_slopes, dtype=np.float64)
    write_reproducible_npz(arrays, path)


def write_reproducible_npz(arrays: dict[str, np.ndarray], path) -> None:
    """An uncompressed ``.npz`` of ``arrays`` at exactly ``path``, with fixed zip
    timestamps and permissions (same arrays, same bytes)."""
    with zipfile.ZipFile(os.fspath(path), "w", compression=zipfile.ZIP_STORED) as archive:
        for key, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=_ZIP_EPOCH)
            info.external_attr = 0o644 << 16
            archive.writestr(info, buffer.getvalue())
