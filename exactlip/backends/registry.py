"""Backends by name: ``get_backend("highs")``, ``select_backend("auto", model)`` and the
table of what is usable here.

Names: ``"highs"``, ``"gurobi"``, ``"pulp"`` (CBC) and ``"pulp:SOLVER"`` (any solver
PuLP can run), and ``"auto"``: Gurobi when it runs here and its licence allows the
model's size, else HiGHS. Nothing here imports a solver until a backend is used or
:func:`available` is called (which runs Gurobi's licence check once per process).
"""

from __future__ import annotations

from ..errors import BackendUnavailableError, OptionError
from ..mip.model import MilpModel
from .base import Backend
from .gurobi import GurobiBackend
from .highs import HighsBackend
from .pulp import PulpBackend, default_solver, pulp_solvers, resolve_solver

_BACKENDS: dict[str, type] = {"highs": HighsBackend, "gurobi": GurobiBackend, "pulp": PulpBackend}


def backend_names() -> list[str]:
    return list(_BACKENDS)


def check_backend_name(name: str) -> str:
    """The normalised backend name (``"pulp:SOLVER"`` keeps PuLP's spelling of the
    solver); OptionError listing the allowed names otherwise."""
    text = str(name).strip()
    key = text.lower()
    if key == "auto" or key in _BACKENDS:
        return key
    if key.startswith("pulp:"):
        solver = resolve_solver(text[len("pulp:") :])
        return "pulp" if solver == default_solver() else f"pulp:{solver}"
    allowed = ", ".join(repr(n) for n in ["auto", *_BACKENDS, "pulp:SOLVER"])
    raise OptionError(f"backend={name!r} is not known; allowed: {allowed}")


def _instance(key: str) -> Backend:
    if key.startswith("pulp:"):
        return PulpBackend(key[len("pulp:") :])
    return _BACKENDS[key]()


def get_backend(name: str) -> Backend:
    """The backend called ``name`` (``"auto"``: HiGHS, when no model is known); raise
    if unknown or unusable here."""
    key = check_backend_name(name)
    backend = _instance("highs" if key == "auto" else key)
    usable, detail = backend.availability()
    if not usable:
        raise BackendUnavailableError(f"backend {key!r} is not usable: {detail}")
    return backend


def select_backend(name: str, model: MilpModel) -> Backend:
    """The backend to solve ``model`` with: ``name`` itself (Gurobi raises at once when
    its licence is too small for the model), or for ``"auto"`` Gurobi when usable and
    licensed for this size, else HiGHS."""
    key = check_backend_name(name)
    if key == "auto":
        gurobi = GurobiBackend()
        if gurobi.availability()[0] and gurobi.fits(model):
            return gurobi
        return get_backend("highs")
    backend = get_backend(key)
    if isinstance(backend, GurobiBackend):
        backend.check_size(model)
    return backend


def available() -> list[dict]:
    """One row per backend: ``name``, ``version`` (None when unusable), ``available``,
    ``reason`` (why not, "" when usable), ``progress`` (live or final only) and
    ``note`` (e.g. a licence's size limit). PuLP's solvers other than CBC get rows
    ``pulp:NAME``."""
    rows = [_row(HighsBackend()), _row(GurobiBackend())]
    rows[-1]["note"] = _gurobi_note()
    rows.append(_row(PulpBackend()))
    rows[-1]["note"] = "CBC, bundled with PuLP"
    for solver in pulp_solvers()[1]:
        if solver != default_solver():
            rows.append(_row(PulpBackend(solver)))
            rows[-1]["note"] = f"PuLP's {solver} interface"
    return rows


def _row(backend) -> dict:
    usable, detail = backend.availability()
    return {
        "name": backend.name,
        "version": detail if usable else None,
        "available": usable,
        "reason": "" if usable else detail,
        "progress": backend.progress,
        "note": "",
    }


def _gurobi_note() -> str:
    from .gurobi import licence

    state = licence()
    return state.describe() if state.usable else ""
