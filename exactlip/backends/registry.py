"""Backends by name: ``get_backend("highs")`` and the table of what is usable."""

from __future__ import annotations

from ..errors import BackendUnavailableError, OptionError
from .base import Backend
from .highs import HighsBackend

_BACKENDS: dict[str, type] = {"highs": HighsBackend}


def backend_names() -> list[str]:
    return list(_BACKENDS)


def get_backend(name: str) -> Backend:
    """The backend called ``name``; raise if unknown or unusable here."""
    key = str(name).strip().lower()
    if key == "auto":
        key = "highs"
    if key not in _BACKENDS:
        allowed = ", ".join(repr(n) for n in ["auto", *_BACKENDS])
        raise OptionError(f"backend={name!r} is not known; allowed: {allowed}")
    backend = _BACKENDS[key]()
    usable, detail = backend.availability()
    if not usable:
        raise BackendUnavailableError(f"backend {key!r} is not usable: {detail}")
    return backend


def available() -> list[dict]:
    """One row per backend: name, available, version or reason."""
    rows = []
    for name, cls in _BACKENDS.items():
        usable, detail = cls().availability()
        rows.append({"name": name, "available": usable, "detail": detail})
    return rows
