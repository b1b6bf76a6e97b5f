"""Validation helpers shared by the public data types (float64, finite, shaped)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .errors import NonFiniteError, ShapeError


def as_float_array(value, name: str, ndim: int | None = None) -> np.ndarray:
    """Return ``value`` as a new read-only float64 array, checking rank and finiteness.

    ``name`` is the argument's name as the user wrote it; it appears in every error.
    """
    try:
        array = np.array(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ShapeError(f"{name} must be numeric, got {type(value).__name__}: {exc}") from None
    if ndim is not None and array.ndim != ndim:
        raise ShapeError(f"{name} must be {ndim}-dimensional, got shape {array.shape}")
    if not np.all(np.isfinite(array)):
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise NonFiniteError(f"{name} holds {bad} non-finite value(s) (NaN or inf)")
    array.setflags(write=False)
    return array


def as_float_matrix(value, name: str):
    """A weight matrix: a read-only float64 ndarray, or a float64 CSR array when
    ``value`` is a scipy sparse matrix (kept sparse: convolutions on real image sizes
    must never become dense). Finiteness is checked either way."""
    if sp.issparse(value):
        matrix = sp.csr_array(value, dtype=np.float64)
        if matrix.ndim != 2:
            raise ShapeError(f"{name} must be 2-dimensional, got shape {matrix.shape}")
        if not np.all(np.isfinite(matrix.data)):
            raise NonFiniteError(f"{name} holds non-finite value(s) (NaN or inf)")
        matrix.sum_duplicates()
        return matrix
    return as_float_array(value, name, ndim=2)


def dense(matrix) -> np.ndarray:
    """``matrix`` as a dense ndarray (a no-op for ndarrays)."""
    return matrix.toarray() if sp.issparse(matrix) else np.asarray(matrix)
