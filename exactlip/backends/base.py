"""What every solver backend promises: options in, a solver-neutral outcome out.

A backend maps its native statuses onto :class:`SolveStatus`, reports the incumbent
(best feasible objective and its column values, if any) separately from the proven
bound, and never lets a solver exception escape as anything but
:class:`~exactlip.errors.BackendError`. Availability is decided without importing
the solver (``importlib.util.find_spec``).

Progress and Ctrl-C: a backend feeds the solver's raw numbers to a
:class:`ProgressReporter`, which hands ``on_progress`` monotone snapshots (best
incumbent so far, best bound so far). A ``KeyboardInterrupt`` — a real Ctrl-C, or one
raised by ``on_progress`` — stops the solve, which then returns
``SolveStatus.INTERRUPTED`` with whatever incumbent and bound it has. Any other
exception raised by ``on_progress`` also stops the solve and is re-raised once the
solver has returned.
"""

from __future__ import annotations

import enum
import importlib.util
import math
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
    how far a row or integrality may be violated (None: the backend's
    ``DEFAULT_FEASIBILITY_TOLERANCE``, the tightest at which its proven bounds held up
    on our models); ``start``: a feasible
    column vector to seed the incumbent; ``cutoff``: an objective value the caller
    already holds (verified elsewhere), so that only solutions at least as good are of
    use — HiGHS then prunes as if it had an incumbent of that value; other backends
    ignore it, so a caller that needs it enforced also adds it as a row; ``on_progress``: called with a
    :class:`Progress` as the solve advances (backends that cannot report progress
    call it once at the end)."""

    time_limit: float | None = None
    threads: int | None = None
    mip_rel_gap: float = 0.0
    feasibility_tolerance: float | None = None
    start: np.ndarray | None = None
    cutoff: float | None = None
    verbose: bool = False
    on_progress: Callable[[Progress], None] | None = None

    def tolerance(self, backend_default: float) -> float:
        """``feasibility_tolerance``, or ``backend_default`` when it is None."""
        return backend_default if self.feasibility_tolerance is None else float(self.feasibility_tolerance)


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


def finite_or_none(value, infinity: float = 1e30) -> float | None:
    """``value`` as a float, or None for a missing or infinite one (solvers report
    "no incumbent / no bound yet" as ±inf or ±1e100)."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) and abs(value) < infinity else None


class ProgressReporter:
    """Turns a solver's raw progress into :class:`Progress` calls of ``callback``.

    Reported values are the best so far — the incumbent never gets worse and the bound
    never gets looser (max/min for a maximisation) — so a display can trust them. Calls
    are throttled to one per ``interval`` seconds unless the incumbent improved or the
    report is the final one. A ``KeyboardInterrupt`` raised by ``callback`` sets
    ``interrupted``; any other exception is kept in ``error``; both set
    ``stop_requested``, which a backend turns into a stop of the solver.
    """

    def __init__(self, callback: Callable[[Progress], None] | None, sense: str = "maximize", interval: float = 0.2):
        self.callback = callback
        self.maximize = sense == "maximize"
        self.interval = interval
        self.incumbent: float | None = None
        self.bound: float | None = None
        self.nodes = 0
        self.calls = 0
        self.interrupted = False
        self.error: BaseException | None = None
        self._last_report = -math.inf

    @property
    def stop_requested(self) -> bool:
        return self.interrupted or self.error is not None

    def _better(self, a: float, b: float) -> bool:
        return a > b if self.maximize else a < b

    def update(self, seconds: float, incumbent=None, bound=None, nodes=0, final: bool = False) -> bool:
        """Record a raw snapshot, call ``callback`` if due; True when the solve should stop."""
        incumbent, bound = finite_or_none(incumbent), finite_or_none(bound)
        improved = incumbent is not None and (self.incumbent is None or self._better(incumbent, self.incumbent))
        if improved:
            self.incumbent = incumbent
        if bound is not None and (self.bound is None or self._better(self.bound, bound)):
            self.bound = bound
        self.nodes = max(self.nodes, int(nodes or 0))
        due = final or improved or seconds - self._last_report >= self.interval
        if self.callback is None or self.stop_requested or not due:
            return self.stop_requested
        self._last_report = seconds
        self.calls += 1
        try:
            self.callback(Progress(float(seconds), self.incumbent, self.bound, self.nodes))
        except KeyboardInterrupt:
            self.interrupted = True
        except BaseException as exc:  # noqa: BLE001 - re-raised by the backend after the solve
            self.error = exc
        return self.stop_requested

    def raise_error(self) -> None:
        """Re-raise an exception ``callback`` raised (after the solver has returned)."""
        if self.error is not None:
            raise self.error
