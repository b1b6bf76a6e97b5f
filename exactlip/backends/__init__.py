"""Solver backends. Only this package imports solver libraries, and only lazily."""

from .base import Progress, SolveOptions, SolveOutcome, SolveStatus
from .registry import available, backend_names, check_backend_name, get_backend, select_backend

__all__ = [
    "Progress",
    "SolveOptions",
    "SolveOutcome",
    "SolveStatus",
    "available",
    "backend_names",
    "check_backend_name",
    "get_backend",
    "select_backend",
]
