"""Validation helpers shared by the public data types (float64, finite, shaped)."""

from __future__ import annotations

import numpy as np

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
