"""Audit suites: read a TOML or JSON file and validate it into typed entries.

A suite lists what to audit; the instances are every network × each of its boxes ×
every centre × every radius × every norm entry::

    name = "default"
    estimators = ["naive", "fastlip", "sampling"]    # names of exactlip.estimate()
    seed = 0                                         # estimators' and engine's seed
    tolerance = 1e-6                                 # relative slack of the ordering check

    [exact]                                          # the exact engine, per instance
    time_limit = 20                                  # seconds (a time-limited run gives a bracket)
    threads = 1

    [estimator_options.gradient_ascent]              # per-estimator keyword options
    steps = 20

    [[networks]]
    path = "../../data/zoo/iris-plain.onnx"          # relative to the suite file
    boxes = ["iris"]                                 # default: every box

    [[boxes]]
    name = "iris"
    centers = {file = "../../data/zoo/iris-test.npz", indices = [0, 1, 2]}   # keys x, y
    radii = [0.05, 0.1]
    clip = [0.0, 1.0]                                # optional data range

    [[norms]]
    norm = "linf"
    margin = "true-vs-runner-up"

``centers`` is either a list of points (optionally with ``labels``) or a table naming
an ``.npz`` file with arrays ``x`` (points, one per row) and ``y`` (integer labels) and
the ``indices`` of the rows to use. A norm entry has ``norm`` (``linf``/``l1``, the
norms the exact engine supports) and at most one of ``margin`` (``"true-vs-runner-up"``:
``f_y − f_j`` with ``y`` the label and ``j`` the other class scoring highest at the
centre; ``"predicted-vs-runner-up"``: the same with ``y`` the predicted class; or a
pair ``[i, j]``) and ``c`` (an output direction); ``output_norm`` (``linf``/``l1``)
asks for the operator norm of a vector output.

Every error is a :class:`SuiteError` naming the file, the key with its entry index
(``boxes[1].radii``) and the allowed values; a network file that does not exist raises
:class:`~exactlip.errors.ModelFileError` naming the path.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..backends.registry import check_backend_name
from ..bounds import BOUND_METHODS, DEFAULT_BOUNDS
from ..errors import ModelFileError, OptionError
from ..estimators.api import ALIASES, METHODS, resolve_method
from ..norms import EXACT_NORMS

MARGIN_RULES = ("true-vs-runner-up", "predicted-vs-runner-up")
NETWORK_SUFFIXES = (".onnx", ".npz")
DEFAULT_TIME_LIMIT = 30.0
DEFAULT_TOLERANCE = 1e-6

TOP_KEYS = ("name", "description", "networks", "boxes", "norms", "estimators", "estimator_options", "exact", "seed", "tolerance")
NETWORK_KEYS = ("path", "name", "boxes")
BOX_KEYS = ("name", "centers", "labels", "radii", "radius", "clip")
CENTER_FILE_KEYS = ("file", "indices", "x", "y")
NORM_KEYS = ("norm", "output_norm", "margin", "c")
EXACT_KEYS = ("time_limit", "threads", "backend", "bounds", "samples")


class SuiteError(OptionError):
    """A suite file is malformed: the message names the file, the key and the allowed values."""


# ----- typed entries ------------------------------------------------------------------
@dataclass(frozen=True)
class NetworkEntry:
    """One network: ``path`` resolved against the suite's folder, ``source`` as written."""

    name: str
    path: Path
    source: str
    boxes: tuple[str, ...] | None = None  # None: every box

    def to_dict(self) -> dict:
        return {"name": self.name, "path": self.source, "resolved": str(self.path), "boxes": None if self.boxes is None else list(self.boxes)}


@dataclass(frozen=True, eq=False)
class BoxEntry:
    """ℓ∞ balls of each radius around each centre, clipped to ``clip`` when given.

    ``points`` has one centre per row; ``indices`` are their row numbers in ``file``
    (or 0, 1, … for centres written in the suite); ``labels`` are None when unknown.
    """

    name: str
    points: np.ndarray
    indices: tuple[int, ...]
    labels: tuple[int, ...] | None
    radii: tuple[float, ...]
    clip: tuple[float, float] | None = None
    file: Path | None = None
    file_source: str | None = None

    @property
    def dim(self) -> int:
        return int(self.points.shape[1])

    def to_dict(self) -> dict:
        centers = (
            {"file": self.file_source, "resolved": str(self.file), "indices": list(self.indices)}
            if self.file is not None
            else self.points.tolist()
        )
        return {
            "name": self.name,
            "centers": centers,
            "labels": None if self.labels is None else list(self.labels),
            "radii": list(self.radii),
            "clip": None if self.clip is None else list(self.clip),
            "dim": self.dim,
        }


@dataclass(frozen=True)
class NormEntry:
    """Which constant: ``norm`` on the input and a margin, a direction ``c`` or ``output_norm``."""

    norm: str
    output_norm: str | None = None
    margin: str | tuple[int, int] | None = None
    c: tuple[float, ...] | None = None

    def describe(self) -> str:
        if isinstance(self.margin, str):
            return f"{self.norm}, margin {self.margin}"
        if self.margin is not None:
            return f"{self.norm}, margin f[{self.margin[0]}] - f[{self.margin[1]}]"
        if self.c is not None:
            return f"{self.norm}, c·f"
        return f"{self.norm} → {self.output_norm or self.norm}"

    def to_dict(self) -> dict:
        return {
            "norm": self.norm,
            "output_norm": self.output_norm,
            "margin": list(self.margin) if isinstance(self.margin, tuple) else self.margin,
            "c": None if self.c is None else list(self.c),
        }


@dataclass(frozen=True)
class ExactOptions:
    """Keyword arguments of :func:`exactlip.lipschitz` for every instance."""

    time_limit: float | None = DEFAULT_TIME_LIMIT
    threads: int | None = 1
    backend: str = "highs"
    bounds: str = DEFAULT_BOUNDS
    samples: int = 1024

    def to_dict(self) -> dict:
        return {"time_limit": self.time_limit, "threads": self.threads, "backend": self.backend, "bounds": self.bounds, "samples": self.samples}


@dataclass(frozen=True, eq=False)
class Suite:
    """A validated audit suite (see the module docstring for the file format)."""

    name: str
    networks: tuple[NetworkEntry, ...]
    boxes: tuple[BoxEntry, ...]
    norms: tuple[NormEntry, ...]
    estimators: tuple[str, ...]
    estimator_options: dict = field(default_factory=dict)
    exact: ExactOptions = field(default_factory=ExactOptions)
    seed: int = 0
    tolerance: float = DEFAULT_TOLERANCE
    description: str = ""
    path: Path | None = None
    raw: dict = field(default_factory=dict)

    def box(self, name: str) -> BoxEntry:
        return next(b for b in self.boxes if b.name == name)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "description": self.description,
            "path": None if self.path is None else str(self.path),
            "networks": [n.to_dict() for n in self.networks],
            "boxes": [b.to_dict() for b in self.boxes],
            "norms": [n.to_dict() for n in self.norms],
            "estimators": list(self.estimators),
            "estimator_options": self.estimator_options,
            "exact": self.exact.to_dict(),
            "seed": self.seed,
            "tolerance": self.tolerance,
        }


# ----- reading ------------------------------------------------------------------------
def load_suite(path) -> Suite:
    """Read a suite from a ``.toml`` or ``.json`` file and validate it."""
    path = Path(path)
    if not path.is_file():
        raise SuiteError(f"suite file not found: {path}")
    suffix = path.suffix.lower()
    if suffix == ".toml":
        data = _read_toml(path)
    elif suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise SuiteError(f"{path}: not valid JSON: {exc}") from None
    else:
        raise SuiteError(f"{path}: unknown suite file type '{path.suffix}'; allowed suffixes: .toml, .json")
    return parse_suite(data, base_dir=path.parent, origin=str(path), path=path)


def _read_toml(path: Path) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib
        except ModuleNotFoundError:
            raise SuiteError(f"{path}: reading TOML needs Python 3.11+ (tomllib) or the tomli package; or write the suite as JSON") from None
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise SuiteError(f"{path}: not valid TOML: {exc}") from None


class _Checker:
    """Builds error messages ``ORIGIN: KEY: problem`` and checks value types."""

    def __init__(self, origin: str, base_dir: Path):
        self.origin = origin
        self.base_dir = base_dir

    def fail(self, key: str, problem: str) -> SuiteError:
        return SuiteError(f"{self.origin}: {key}: {problem}")

    def table(self, value, key: str, allowed: tuple[str, ...]) -> dict:
        if not isinstance(value, dict):
            raise self.fail(key or "top level", f"must be a table with keys {', '.join(allowed)}, got {_show(value)}")
        unknown = [k for k in value if k not in allowed]
        if unknown:
            raise self.fail(f"{key}.{unknown[0]}" if key else unknown[0], f"unknown key; allowed keys: {', '.join(allowed)}")
        return value

    def entries(self, data: dict, key: str, required: bool = True) -> list:
        if key not in data:
            if required:
                raise self.fail(key, "missing; give a non-empty list")
            return []
        value = data[key]
        if not isinstance(value, list) or (required and not value):
            raise self.fail(key, f"must be a non-empty list, got {_show(value)}")
        return value

    def string(self, value, key: str, allowed: tuple[str, ...] | None = None) -> str:
        if not isinstance(value, str) or not value.strip():
            hint = f"; allowed: {', '.join(allowed)}" if allowed else ""
            raise self.fail(key, f"must be a non-empty string, got {_show(value)}{hint}")
        return value.strip()

    def number(self, value, key: str, positive: bool = False, allow_none: bool = False) -> float | None:
        if value is None and allow_none:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or (positive and value <= 0):
            what = "a positive number" if positive else "a finite number"
            raise self.fail(key, f"must be {what}, got {_show(value)}")
        return float(value)

    def integer(self, value, key: str, minimum: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(key, f"must be an integer >= {minimum}, got {_show(value)}")
        return int(value)

    def numbers(self, value, key: str, positive: bool = False, length: int | None = None) -> tuple[float, ...]:
        if not isinstance(value, list) or not value or (length is not None and len(value) != length):
            size = f"{length} numbers" if length is not None else "a non-empty list of numbers"
            raise self.fail(key, f"must be {size}, got {_show(value)}")
        return tuple(self.number(v, f"{key}[{i}]", positive=positive) for i, v in enumerate(value))

    def norm(self, value, key: str) -> str:
        text = str(value).strip().lower() if isinstance(value, str) else None
        if text not in EXACT_NORMS:
            raise self.fail(key, f"{_show(value)} is not a norm the exact engine supports; allowed: {', '.join(EXACT_NORMS)}")
        return text

    def resolve(self, source: str) -> Path:
        return Path(os.path.normpath(self.base_dir / Path(source).expanduser()))


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def parse_suite(data: dict, base_dir=".", origin: str = "suite", path: Path | None = None) -> Suite:
    """Validate a suite given as a mapping (as read from TOML/JSON); relative paths are
    resolved against ``base_dir``."""
    check = _Checker(origin, Path(base_dir))
    check.table(data, "", TOP_KEYS)
    name = check.string(data.get("name", path.stem if path is not None else "suite"), "name")
    description = data.get("description", "")
    if not isinstance(description, str):
        raise check.fail("description", f"must be a string, got {_show(description)}")
    boxes = tuple(_parse_box(check, entry, i) for i, entry in enumerate(check.entries(data, "boxes")))
    names = [b.name for b in boxes]
    for i, box_name in enumerate(names):
        if box_name in names[:i]:
            raise check.fail(f"boxes[{i}].name", f"{box_name!r} is already the name of boxes[{names.index(box_name)}]; names must be unique")
    networks = tuple(_parse_network(check, entry, i, names) for i, entry in enumerate(check.entries(data, "networks")))
    net_names = [n.name for n in networks]
    for i, net_name in enumerate(net_names):
        if net_name in net_names[:i]:
            raise check.fail(f"networks[{i}].name", f"{net_name!r} is already the name of networks[{net_names.index(net_name)}]; give a distinct name")
    norms = tuple(_parse_norm(check, entry, i) for i, entry in enumerate(check.entries(data, "norms")))
    estimators = _parse_estimators(check, data)
    options = _parse_estimator_options(check, data.get("estimator_options", {}), estimators)
    exact = _parse_exact(check, data.get("exact", {}))
    seed = check.integer(data.get("seed", 0), "seed", 0)
    tolerance = check.number(data.get("tolerance", DEFAULT_TOLERANCE), "tolerance")
    if not 0 <= tolerance < 0.5:
        raise check.fail("tolerance", f"must be in [0, 0.5) (relative slack of the ordering check), got {tolerance!r}")
    return Suite(
        name=name,
        networks=networks,
        boxes=boxes,
        norms=norms,
        estimators=estimators,
        estimator_options=options,
        exact=exact,
        seed=seed,
        tolerance=tolerance,
        description=description,
        path=path,
        raw=data,
    )


def _parse_network(check: _Checker, entry, i: int, box_names: list[str]) -> NetworkEntry:
    key = f"networks[{i}]"
    if isinstance(entry, str):
        entry = {"path": entry}
    check.table(entry, key, NETWORK_KEYS)
    if "path" not in entry:
        raise check.fail(f"{key}.path", "missing; give the .onnx or .npz file, relative to the suite file")
    source = check.string(entry["path"], f"{key}.path")
    path = check.resolve(source)
    if path.suffix.lower() not in NETWORK_SUFFIXES:
        raise check.fail(f"{key}.path", f"{source!r} has suffix '{path.suffix}'; allowed suffixes: {', '.join(NETWORK_SUFFIXES)}")
    if not path.is_file():
        raise ModelFileError(f"{check.origin}: {key}.path: network file not found: {path}")
    name = check.string(entry.get("name", path.stem), f"{key}.name")
    boxes = None
    if "boxes" in entry:
        value = entry["boxes"]
        if not isinstance(value, list) or not value:
            raise check.fail(f"{key}.boxes", f"must be a non-empty list of box names; allowed: {', '.join(box_names)}")
        for j, box_name in enumerate(value):
            if box_name not in box_names:
                raise check.fail(f"{key}.boxes[{j}]", f"{_show(box_name)} is not a box name; allowed: {', '.join(box_names)}")
        boxes = tuple(dict.fromkeys(value))
    return NetworkEntry(name=name, path=path, source=source, boxes=boxes)


def _parse_box(check: _Checker, entry, i: int) -> BoxEntry:
    key = f"boxes[{i}]"
    check.table(entry, key, BOX_KEYS)
    name = check.string(entry.get("name", f"box{i}"), f"{key}.name")
    if "centers" not in entry:
        raise check.fail(f"{key}.centers", "missing; give a list of points or {file = \"….npz\", indices = [...]}")
    if ("radii" in entry) == ("radius" in entry):
        raise check.fail(f"{key}.radii", "give exactly one of radii (a list) and radius (a number)")
    if "radii" in entry:
        radii = check.numbers(entry["radii"], f"{key}.radii", positive=True)
    else:
        radii = (check.number(entry["radius"], f"{key}.radius", positive=True),)
    clip = None
    if entry.get("clip") is not None:
        clip = check.numbers(entry["clip"], f"{key}.clip", length=2)
        if clip[0] > clip[1]:
            raise check.fail(f"{key}.clip", f"must be [low, high] with low <= high, got {list(clip)}")
    centers = entry["centers"]
    if isinstance(centers, dict):
        if "labels" in entry:
            raise check.fail(f"{key}.labels", "labels come from the centres' file (key y); remove labels or write the centres out")
        points, indices, labels, file, source = _centers_from_file(check, centers, f"{key}.centers")
    elif isinstance(centers, list) and centers:
        rows = []
        for j, point in enumerate(centers):
            rows.append(check.numbers(point, f"{key}.centers[{j}]"))
        if len({len(r) for r in rows}) != 1:
            raise check.fail(f"{key}.centers", f"every centre needs the same number of coordinates, got lengths {[len(r) for r in rows]}")
        points = np.array(rows, dtype=np.float64)
        indices = tuple(range(len(rows)))
        labels, file, source = None, None, None
        if "labels" in entry:
            value = entry["labels"]
            if not isinstance(value, list) or len(value) != len(rows):
                raise check.fail(f"{key}.labels", f"must be a list of {len(rows)} class indices (one per centre), got {_show(value)}")
            labels = tuple(check.integer(v, f"{key}.labels[{j}]", 0) for j, v in enumerate(value))
    else:
        raise check.fail(f"{key}.centers", f"must be a non-empty list of points or a table {{file, indices}}, got {_show(centers)}")
    points.setflags(write=False)
    return BoxEntry(name=name, points=points, indices=indices, labels=labels, radii=radii, clip=clip, file=file, file_source=source)


def _centers_from_file(check: _Checker, spec: dict, key: str):
    check.table(spec, key, CENTER_FILE_KEYS)
    for required in ("file", "indices"):
        if required not in spec:
            raise check.fail(f"{key}.{required}", "missing; a centres table needs file and indices")
    source = check.string(spec["file"], f"{key}.file")
    path = check.resolve(source)
    if path.suffix.lower() != ".npz":
        raise check.fail(f"{key}.file", f"{source!r} has suffix '{path.suffix}'; allowed suffixes: .npz")
    if not path.is_file():
        raise SuiteError(f"{check.origin}: {key}.file: data file not found: {path}")
    x_key = check.string(spec.get("x", "x"), f"{key}.x")
    y_key = check.string(spec.get("y", "y"), f"{key}.y")
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {k: archive[k] for k in archive.files}
    except (OSError, ValueError) as exc:
        raise SuiteError(f"{check.origin}: {key}.file: {path} is not a readable npz archive: {exc}") from None
    if x_key not in arrays:
        raise check.fail(f"{key}.x", f"{path} has no array {x_key!r}; it holds {', '.join(sorted(arrays)) or 'nothing'}")
    x = np.asarray(arrays[x_key], dtype=np.float64)
    x = x.reshape(x.shape[0], -1) if x.ndim >= 2 else x.reshape(-1, 1)
    value = spec["indices"]
    if not isinstance(value, list) or not value:
        raise check.fail(f"{key}.indices", f"must be a non-empty list of row numbers in [0, {x.shape[0] - 1}], got {_show(value)}")
    indices = tuple(check.integer(v, f"{key}.indices[{j}]", 0) for j, v in enumerate(value))
    for j, index in enumerate(indices):
        if index >= x.shape[0]:
            raise check.fail(f"{key}.indices[{j}]", f"{index} is out of range; {path} has {x.shape[0]} points (allowed 0 … {x.shape[0] - 1})")
    points = x[list(indices)]
    if not np.all(np.isfinite(points)):
        raise check.fail(f"{key}.indices", f"the chosen points of {path} hold NaN or infinity")
    labels = None
    if y_key in arrays:
        y = np.asarray(arrays[y_key]).reshape(-1)
        if y.shape[0] != x.shape[0] or not np.all(np.equal(np.mod(y, 1), 0)):
            raise check.fail(f"{key}.y", f"{path}: {y_key!r} must hold one integer label per point of {x_key!r}")
        labels = tuple(int(y[i]) for i in indices)
    elif "y" in spec:
        raise check.fail(f"{key}.y", f"{path} has no array {y_key!r}; it holds {', '.join(sorted(arrays))}")
    return points, indices, labels, path, source


def _parse_norm(check: _Checker, entry, i: int) -> NormEntry:
    key = f"norms[{i}]"
    if isinstance(entry, str):
        entry = {"norm": entry}
    check.table(entry, key, NORM_KEYS)
    if "norm" not in entry:
        raise check.fail(f"{key}.norm", f"missing; allowed: {', '.join(EXACT_NORMS)}")
    norm = check.norm(entry["norm"], f"{key}.norm")
    output_norm = None if entry.get("output_norm") is None else check.norm(entry["output_norm"], f"{key}.output_norm")
    if "margin" in entry and "c" in entry:
        raise check.fail(f"{key}.margin", "give at most one of margin and c")
    margin = None
    if "margin" in entry:
        value = entry["margin"]
        if isinstance(value, str) and value.strip().lower() in MARGIN_RULES:
            margin = value.strip().lower()
        elif isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value):
            if value[0] == value[1]:
                raise check.fail(f"{key}.margin", f"the two classes must differ, got {value}")
            margin = (int(value[0]), int(value[1]))
        else:
            raise check.fail(
                f"{key}.margin", f"{_show(value)} is not a margin; allowed: {', '.join(repr(m) for m in MARGIN_RULES)} or a pair [label, other]"
            )
    c = None if "c" not in entry else check.numbers(entry["c"], f"{key}.c")
    return NormEntry(norm=norm, output_norm=output_norm, margin=margin, c=c)


def _parse_estimators(check: _Checker, data: dict) -> tuple[str, ...]:
    allowed = f"{', '.join(METHODS)} (aliases: {', '.join(ALIASES)})"
    names = []
    for j, value in enumerate(check.entries(data, "estimators")):
        if not isinstance(value, str):
            raise check.fail(f"estimators[{j}]", f"{_show(value)} is not an estimator name; allowed: {allowed}")
        try:
            name = resolve_method(value).name
        except OptionError:
            raise check.fail(f"estimators[{j}]", f"unknown estimator {value!r}; allowed: {allowed}") from None
        if name in names:
            raise check.fail(f"estimators[{j}]", f"{value!r} repeats {name!r} (estimators[{names.index(name)}])")
        missing = [dep for dep in METHODS[name].needs if not _installed(dep)]
        if missing:
            raise check.fail(f"estimators[{j}]", f"{name!r} needs {', '.join(missing)}, which is not installed here; install it or remove {name!r}")
        names.append(name)
    return tuple(names)


def _installed(module: str) -> bool:
    return module in sys.modules or importlib.util.find_spec(module) is not None


def _parse_estimator_options(check: _Checker, value, estimators: tuple[str, ...]) -> dict:
    if not isinstance(value, dict):
        raise check.fail("estimator_options", f"must be a table of tables, one per estimator, got {_show(value)}")
    out = {}
    for method, options in value.items():
        key = f"estimator_options.{method}"
        try:
            name = resolve_method(method).name
        except OptionError:
            raise check.fail(key, f"unknown estimator; allowed: {', '.join(estimators)}") from None
        if name not in estimators:
            raise check.fail(key, f"{name!r} is not among the suite's estimators; allowed: {', '.join(estimators)}")
        if not isinstance(options, dict):
            raise check.fail(key, f"must be a table of keyword options, got {_show(options)}")
        out[name] = dict(options)
    return out


def _parse_exact(check: _Checker, value) -> ExactOptions:
    check.table(value, "exact", EXACT_KEYS)
    time_limit = check.number(value.get("time_limit", DEFAULT_TIME_LIMIT), "exact.time_limit", positive=True, allow_none=True)
    threads = value.get("threads", 1)
    threads = None if threads is None else check.integer(threads, "exact.threads", 1)
    backend = check.string(value.get("backend", "highs"), "exact.backend")
    try:
        backend = check_backend_name(backend)
    except OptionError as exc:
        raise check.fail("exact.backend", str(exc)) from None
    bounds = value.get("bounds", DEFAULT_BOUNDS)
    if bounds not in BOUND_METHODS:
        raise check.fail("exact.bounds", f"{_show(bounds)} is not a bound method; allowed: {', '.join(BOUND_METHODS)}")
    samples = check.integer(value.get("samples", 1024), "exact.samples", 0)
    return ExactOptions(time_limit=time_limit, threads=threads, backend=backend, bounds=bounds, samples=samples)
