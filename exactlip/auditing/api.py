"""``audit()``: the Python entry point of ``exactlip audit``."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from ..errors import OptionError
from .result import AuditResult
from .run import run_suite
from .suite import Suite, load_suite, parse_suite


def _suite(suite_or_path, base_dir) -> Suite:
    if isinstance(suite_or_path, Suite):
        return suite_or_path
    if isinstance(suite_or_path, (str, os.PathLike)):
        return load_suite(suite_or_path)
    if isinstance(suite_or_path, dict):
        return parse_suite(suite_or_path, base_dir=Path(base_dir or "."), origin="suite")
    raise OptionError(
        f"suite_or_path must be a Suite, a mapping or a path to a .toml/.json file, got {type(suite_or_path).__name__}"
    )


def audit(
    suite_or_path,
    out=None,
    *,
    progress: bool = False,
    time_limit: float | None = None,
    threads: int | None = None,
    base_dir=None,
) -> AuditResult:
    """Audit Lipschitz estimators against the exact constant on every instance of a suite.

    ``suite_or_path``: a path to a ``.toml``/``.json`` suite, a mapping with the same
    keys (relative paths resolved against ``base_dir``, default the working folder) or
    a :class:`~exactlip.auditing.suite.Suite`. ``out``: a folder (created) that receives
    ``instances.csv``, ``audit.json``, ``report.md`` and the PNG plots, each complete
    or absent. ``progress``: a tqdm bar on stderr. ``time_limit``/``threads``: override
    the suite's ``[exact]`` settings for every solve.

    Returns an :class:`~exactlip.auditing.result.AuditResult` (``to_dict()``, ``table()``,
    ``ok``, ``violations``); ``files`` names what was written.
    """
    suite = _suite(suite_or_path, base_dir)
    overrides = {}
    if time_limit is not None:
        if isinstance(time_limit, bool) or not isinstance(time_limit, (int, float)) or not time_limit > 0:
            raise OptionError(f"time_limit must be a positive number of seconds, got {time_limit!r}")
        overrides["time_limit"] = float(time_limit)
    if threads is not None:
        if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
            raise OptionError(f"threads must be a positive integer, got {threads!r}")
        overrides["threads"] = threads
    if overrides:
        suite = dataclasses.replace(suite, exact=dataclasses.replace(suite.exact, **overrides))
    result = run_suite(suite, progress=progress)
    if out is not None:
        from .report import write_outputs

        result = dataclasses.replace(result, files=write_outputs(result, out))
    return result
