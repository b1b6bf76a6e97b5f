"""Solver backends. Only this package imports solver libraries, and only lazily."""

from .base import SolveOptions, SolveOutcome, SolveStatus
from .registry import available, backend_names, get_backend

__all__ = ["SolveOptions", "SolveOutcome", "SolveStatus", "available", "backend_names", "get_backend"]
