"""What every solver backend promises: options in, a solver-neutral outcome out.

A backend maps its native statuses onto :class:`SolveStatus`, reports the incumbent
(best feasible objective and its column values, if any) separately from the proven
bound, and never lets a solver exception escape as anything but
:class:`~exactlip.errors.BackendError`. Availability is decided without importing
the solver (``importlib.util.find_spec``).
"""

from __future__ import annotations

import enum
import importlib.util
from dataclasses import dataclass
from typing import Callable, Protocol

import numpy as np

from ..mip.model import MilpModel


class SolveStatus(str, enum.Enum):
    OPTIMAL = "optimal"
    TIME_LIMIT = "time_limit"
    INTERRUPTED = "interrupted"
    INFEASIBLE = "infeasible"
    ERROR = "error"


@dataclass(frozen=True)
class Progress:
    """A snapshot during a solve: best feasible objective so far (``incumbent``, a
    candidate lower bound until verified) and the proven ``bound``, either None when
    the solver has none yet."""

    seconds: float
    incumbent: float | None
    bound: float | None
    nodes: int


@dataclass(frozen=True)
class SolveOptions:
    """``time_limit`` in seconds (None: no limit); ``threads`` (None: the solver's
    default); ``mip_rel_gap`` 0 for a proven optimum; ``feasibility_tolerance``:
    how far a row or integrality may be violated (solvers' 1e-6 default lets the
    optimum drift by about that much above the true value); ``start``: a feasible
    column vector to seed the incumbent; ``on_progress``: called with a
    :class:`Progress` as the solve advances (backends that cannot report progress
    call it once at the end)."""

    time_limit: float | None = None
    threads: int | None = None
    mip_rel_gap: float = 0.0
    feasibility_tolerance: float = 1e-9
    start: np.ndarray | None = None
    verbose: bool = False
    on_progress: Callable[[Progress], None] | None = None


@dataclass(frozen=True)
class SolveOutcome:
    """What a solve produced. ``objective``/``values``: the incumbent (None when the
    solver has none); ``bound``: the proven bound on the optimum (None when unknown)."""

    status: SolveStatus
    objective: float | None
    bound: float | None
    values: np.ndarray | None
    nodes: int
    seconds: float
    backend: str
    message: str = ""


class Backend(Protocol):
    name: str

    def availability(self) -> tuple[bool, str]:
        """``(True, version)`` when usable, else ``(False, why not)``."""

    def solve(self, model: MilpModel, options: SolveOptions) -> SolveOutcome:
        """Solve ``model``; raise BackendError only for failures of the backend itself."""


def module_installed(module: str) -> bool:
    """Whether ``module`` could be imported, found without importing it."""
    return importlib.util.find_spec(module) is not None
