"""Export the exact MIP of a Lipschitz question as a solver-neutral file plus a JSON sidecar.

:func:`export_mip` builds the model with the very calls the engine makes
(:func:`~exactlip.bounds.compute_bounds`, then :func:`~exactlip.mip.build_mip`), so
any MIP solver reading the file solves the engine's problem: maximise ``||g||_{α*}``
over inputs, activation patterns and output directions (see ``encodings/README.md``).
For a network in general position its optimum is the local Lipschitz constant.

The sidecar ``PATH.json`` records where the instance comes from (the network file's
sha256, the box, the norm specification, the bound method), its sizes, the exactlip
version, the model file's own sha256 and, when asked to solve, the optimum of this
MIP and the certified result of :func:`exactlip.lipschitz`. Both files are written
under temporary names and renamed only once both are complete, so a failure leaves
neither behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ._arrays import dense

from .domain import Box
from .errors import OptionError

FORMATS = {".mps": "mps", ".lp": "lp"}


@dataclass(frozen=True)
class ExportResult:
    """The written model file, its sidecar and the sidecar's content."""

    model_path: Path
    sidecar_path: Path
    sidecar: dict

    def to_dict(self) -> dict:
        return {"model_path": str(self.model_path), "sidecar_path": str(self.sidecar_path), **self.sidecar}


def sha256_of_file(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_of_network(network) -> str:
    """A digest of the weights, biases, skip edges and negative slopes (for networks
    that do not come from a file; a ReLU chain hashes its weights and biases only);
    sparse matrices are hashed densely."""
    digest = hashlib.sha256()
    extra = [m for edge in network.skips for m in (np.array(edge, dtype=np.float64), network.skips[edge])]
    if not network.is_relu:
        extra.append(np.array(network.negative_slopes))
    for array in [*network.weights, *network.biases, *extra]:
        data = np.ascontiguousarray(dense(array), dtype=np.float64)
        digest.update(str(data.shape).encode())
        digest.update(data.tobytes())
    return digest.hexdigest()


def sidecar_path(path) -> Path:
    """``encodings/x.mps`` → ``encodings/x.json``."""
    return Path(path).with_suffix(".json")


def export_mip(
    model,
    box,
    out,
    norm: str = "linf",
    output_norm: str | None = None,
    c=None,
    margin: tuple[int, int] | None = None,
    *,
    bounds: str | None = None,
    solve: bool = False,
    backend: str = "highs",
    time_limit: float | None = None,
    input_shape: tuple[int, ...] | None = None,
) -> ExportResult:
    """Write the exact MIP for ``model`` over ``box`` to ``out`` (``.mps`` or ``.lp``)
    and its sidecar ``out`` with suffix ``.json``.

    ``model``, ``box``, the norm arguments and ``bounds`` (None: the engine's default
    method) and ``input_shape`` (torch modules that do not start with ``Linear``) are
    those of :func:`exactlip.lipschitz`.
    ``solve``: also solve the exported MIP with ``backend`` and run
    :func:`exactlip.lipschitz` on the same question, and record both in the sidecar.
    """
    from . import __version__
    from .api import lipschitz
    from .backends import SolveOptions, check_backend_name, select_backend
    from .bounds import DEFAULT_BOUNDS, compute_bounds
    from .mip import build_mip
    from .network.load import load_network
    from .norms import resolve_norm_spec

    out = Path(out)
    bounds = DEFAULT_BOUNDS if bounds is None else bounds
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise OptionError(f"out={str(out)!r}: the file name must end in {' or '.join(FORMATS)}")
    if time_limit is not None and not (isinstance(time_limit, (int, float)) and time_limit > 0):
        raise OptionError(f"time_limit must be a positive number of seconds or None, got {time_limit!r}")
    if solve:
        check_backend_name(backend)
    network = load_network(model, input_shape=input_shape)
    domain = box if isinstance(box, Box) else Box(*box)
    domain.check_dim(network.input_dim)
    spec = resolve_norm_spec(norm, network.output_dim, output_norm=output_norm, c=c, margin=margin)
    net_bounds = compute_bounds(network, domain, spec, method=bounds)
    encoding = build_mip(network, domain, net_bounds, spec)
    milp = encoding.model

    is_file = isinstance(model, (str, os.PathLike))
    sidecar = {
        "model_file": out.name,
        "format": fmt,
        "network": {
            "file": str(model) if is_file else None,
            "sha256": sha256_of_file(model) if is_file else sha256_of_network(network),
            "sha256_of": "file" if is_file else "weights and biases (float64)",
            "name": network.name,
            "widths": list(network.widths),
        },
        "box": domain.to_dict(),
        "norm": spec.to_dict(),
        "bounds_method": net_bounds.method,
        "sense": milp.sense,
        "sizes": {
            **milp.sizes(),
            "unstable_neurons": int(net_bounds.num_unstable),
            "hidden_neurons": int(network.num_hidden_neurons),
        },
        "exactlip_version": __version__,
        "solution": None,
    }
    if solve:
        solver = select_backend(backend, milp)
        outcome = solver.solve(milp, SolveOptions(time_limit=time_limit))
        result = lipschitz(
            network, domain, norm, output_norm, c, margin, backend=backend, bounds=bounds, time_limit=time_limit
        )
        sidecar["solution"] = {
            "mip_status": outcome.status.value,
            "mip_objective": outcome.objective,
            "mip_bound": outcome.bound,
            "mip_backend": outcome.backend,
            "lipschitz_status": result.status,
            "lipschitz_value": result.value,
            "lipschitz_lower": result.lower,
            "lipschitz_upper": result.upper,
            "witness": result.witness.tolist(),
        }
    _write_pair(milp, fmt, out, sidecar)
    return ExportResult(out, sidecar_path(out), sidecar)


def _write_pair(milp, fmt: str, out: Path, sidecar: dict) -> None:
    """Write the model and the sidecar to temporary files, then rename both."""
    out.parent.mkdir(parents=True, exist_ok=True)
    json_out = sidecar_path(out)
    temporary: list[Path] = []
    renamed = False
    try:
        for target in (out, json_out):
            handle, name = tempfile.mkstemp(dir=out.parent, prefix=f".{target.name}.", suffix=".tmp")
            os.close(handle)
            temporary.append(Path(name))
        model_tmp, json_tmp = temporary
        mode = _file_mode()
        (milp.to_mps if fmt == "mps" else milp.to_lp)(model_tmp)
        sidecar["model_sha256"] = sha256_of_file(model_tmp)
        json_tmp.write_text(json.dumps(sidecar, indent=2) + "\n")
        for name in temporary:
            os.chmod(name, mode)
        os.replace(model_tmp, out)
        renamed = True
        os.replace(json_tmp, json_out)
    except BaseException:
        for name in temporary:
            name.unlink(missing_ok=True)
        if renamed:  # a model without its sidecar would be a half-written export
            out.unlink(missing_ok=True)
        raise


def _file_mode() -> int:
    """The mode a newly created file gets under the current umask (mkstemp uses 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
