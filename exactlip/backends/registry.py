"""Backends by name: ``get_backend("highs")``, ``select_backend("auto", model)`` and the
table of what is usable here."""

from __future__ import annotations

from ..errors import BackendUnavailableError, OptionError
from ..mip.model import MilpModel
from .base import Backend
from .highs import HighsBackend

_BACKENDS: dict[str, type] = {"highs": HighsBackend}


def backend_names() -> list[str]:
    return list(_BACKENDS)


def check_backend_name(name: str) -> str:
    """The normalised backend name; OptionError listing the allowed names otherwise."""
    key = str(name).strip().lower()
    if key != "auto" and key not in _BACKENDS:
        allowed = ", ".join(repr(n) for n in ["auto", *_BACKENDS])
        raise OptionError(f"backend={name!r} is not known; allowed: {allowed}")
    return key


def get_backend(name: str) -> Backend:
    """The backend called ``name``; raise if unknown or unusable here."""
    key = check_backend_name(name)
    if key == "auto":
        key = "highs"
    backend = _BACKENDS[key]()
    usable, detail = backend.availability()
    if not usable:
        raise BackendUnavailableError(f"backend {key!r} is not usable: {detail}")
    return backend


def select_backend(name: str, model: MilpModel) -> Backend:
    """The backend to solve ``model`` with: ``name`` itself, or for ``"auto"`` the best
    one usable here for this model's size."""
    return get_backend(name)


def available() -> list[dict]:
    """One row per backend: name, available, version or reason."""
    rows = []
    for name, cls in _BACKENDS.items():
        usable, detail = cls().availability()
        rows.append({"name": name, "available": usable, "detail": detail})
    return rows
