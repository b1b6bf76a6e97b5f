"""Write an audit: the terminal table, ``instances.csv``, ``audit.json``, ``report.md``.

:func:`write_outputs` stages every file (plots included) under a temporary name in the
output folder and renames them into place only once all are complete, so a crash
never leaves a half-written report.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import tempfile
from pathlib import Path

from .result import VIOLATED, AuditResult, EstimateRow

FILES = ("instances.csv", "audit.json", "report.md")
CSV_COLUMNS = (
    "instance",
    "network",
    "box",
    "point",
    "label",
    "radius",
    "target",
    "method",
    "kind",
    "certified",
    "local",
    "value",
    "seconds",
    "exact_status",
    "exact_lower",
    "exact_upper",
    "exact_value",
    "exact_seconds",
    "ratio",
    "ratio_low",
    "ratio_high",
    "ordering",
    "error",
)


# ----- formatting ----------------------------------------------------------------------
def number(value: float | None, digits: int = 4) -> str:
    if value is None:
        return "–"
    if math.isinf(value):
        return "∞"
    return f"{value:.{digits}g}"


def interval(pair, digits: int = 4) -> str:
    """One number when both ends agree, else ``[low, high]``."""
    if pair is None or pair[0] is None:
        return "–"
    low, high = pair
    if low == high:
        return number(low, digits)
    return f"[{number(low, digits)}, {number(high, digits)}]"


def row_ratio(row: EstimateRow, digits: int = 4) -> str:
    if row.error is not None:
        return "error"
    return interval((row.ratio_low, row.ratio_high), digits)


def _exact_line(result: AuditResult) -> str:
    statuses = result.exact_statuses()
    seconds = sorted(inst.exact_seconds for inst in result.instances)
    median = seconds[len(seconds) // 2] if len(seconds) % 2 else (0.5 * (seconds[len(seconds) // 2 - 1] + seconds[len(seconds) // 2]) if seconds else None)
    parts = ", ".join(f"{count} {status}" for status, count in sorted(statuses.items()))
    return f"exact: {len(result.instances)} instances ({parts or 'none'}), median {number(median, 3)} s per solve"


def summary_rows(result: AuditResult) -> list[list[str]]:
    rows = []
    for s in result.summaries:
        held = f"{s.held}/{s.checked}" if s.checked else "n/a"
        if s.violations:
            held += f"  VIOLATED ×{s.violations}"
        if s.uncertified_violations:
            held += f"  ({s.uncertified_violations} uncertified)"
        rows.append(
            [
                s.method,
                s.kind,
                interval(s.ratio_median),
                interval(s.ratio_min),
                interval(s.ratio_max),
                number(s.seconds_median, 3),
                held,
                str(s.errors) if s.errors else "",
            ]
        )
    return rows


SUMMARY_HEADER = ["estimator", "kind", "median ratio", "min ratio", "max ratio", "median s", "ordering held", "errors"]


def summary_table(result: AuditResult) -> str:
    """The terminal table: one line per estimator, then the verdict."""
    rows = [SUMMARY_HEADER] + summary_rows(result)
    widths = [max(len(r[i]) for r in rows) for i in range(len(SUMMARY_HEADER))]
    lines = [f"suite {result.suite.name}: {_exact_line(result)}; {result.seconds:.1f} s in all"]
    for j, r in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i]) for i, cell in enumerate(r)).rstrip())
        if j == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("ratio = estimate / exact constant; [a, b] where some exact solves ended with an open bracket")
    lines.extend(verdict_lines(result))
    return "\n".join(lines)


def verdict_lines(result: AuditResult) -> list[str]:
    lines = []
    for inst, row in result.violations:
        bound = "lower" if row.kind == "upper" else "upper"
        what = f"{row.method} ({row.kind} bound, {'certified' if row.certified else 'not certified'}) = {row.value!r} against exact {bound} bound {getattr(inst.exact, bound)!r} on {inst.instance.id}"
        if row.certified:
            lines.append(f"ORDERING VIOLATED: {what}")
        else:
            lines.append(f"ordering violated by an uncertified value (no guarantee claimed): {what}")
    for inst, row in result.errors:
        lines.append(f"ESTIMATOR ERROR: {row.method} on {inst.instance.id}: {row.error}")
    if not lines:
        lines.append("every ordering held (upper estimators >= exact lower bound, lower estimators <= exact upper bound)")
    return lines


# ----- files ----------------------------------------------------------------------------
def csv_text(result: AuditResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for inst in result.instances:
        i, e = inst.instance, inst.exact
        for row in inst.estimates:
            writer.writerow(
                [
                    i.id,
                    i.network_name,
                    i.box_name,
                    i.point,
                    "" if i.label is None else i.label,
                    repr(i.radius),
                    i.target,
                    row.method,
                    row.kind,
                    row.certified,
                    row.local,
                    _cell(row.value),
                    _cell(row.seconds),
                    e.status,
                    _cell(e.lower),
                    _cell(e.upper),
                    _cell(e.value),
                    _cell(inst.exact_seconds),
                    _cell(row.ratio),
                    _cell(row.ratio_low),
                    _cell(row.ratio_high),
                    row.ordering,
                    row.error or "",
                ]
            )
    return buffer.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    return "inf" if math.isinf(value) else repr(float(value))


# a JSON list of numbers/null/booleans that is a value (after `"key": ` or starting a line),
# never text inside a string (strings hold no raw newlines, and their quotes are escaped)
_FLAT_LIST = re.compile(r'(^[ ]*|(?<!\\)": )(\[[-+0-9.eE,\s]*(?:(?:null|true|false)[-+0-9.eE,\s]*)*\])', re.M)


def json_text(result: AuditResult, files: dict | None = None) -> str:
    """``audit.json``: indented, except that each instance (with its exact result and
    estimates) is one line, and lists of numbers stay on one line."""
    data = result.to_dict()
    if files is not None:
        data["files"] = {name: str(path) for name, path in files.items()}
    instances = data.pop("instances")
    head = json.dumps(data, indent=1, allow_nan=False, ensure_ascii=False)
    head = _FLAT_LIST.sub(lambda m: m.group(1) + re.sub(r"\s+", "", m.group(2)).replace(",", ", "), head)
    lines = [json.dumps(inst, allow_nan=False, ensure_ascii=False) for inst in instances]
    body = ' "instances": [\n  ' + ",\n  ".join(lines) + "\n ]" if lines else ' "instances": []'
    return head[: -len("\n}")] + ",\n" + body + "\n}\n"


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in r) + " |" for r in rows]
    return out


def markdown_text(result: AuditResult, plots: dict | None = None) -> str:
    suite = result.suite
    lines = [f"# Audit: {suite.name}", ""]
    if suite.description:
        lines += [suite.description.strip(), ""]
    m = result.machine
    lines += [
        f"exactlip {m.get('exactlip')}, Python {m.get('python')}, {m.get('cpus')} CPUs, started {result.started}, "
        f"{result.seconds:.1f} s in all. Exact engine: backend {suite.exact.backend}, bounds {suite.exact.bounds}, "
        f"time limit {number(suite.exact.time_limit)} s, threads {suite.exact.threads}.",
        "",
        _exact_line(result) + ".",
        "",
        "Ratio = estimate / exact constant (1 = exact). Where an exact solve ended with an open bracket "
        "[lower, upper], the ratio is the interval [estimate/upper, estimate/lower], and the summary "
        "statistics are intervals too. Ordering: upper-bound estimators must be ≥ the exact lower bound, "
        f"lower-bound estimators ≤ the exact upper bound (relative tolerance {suite.tolerance:g}).",
        "",
        "## Summary",
        "",
    ]
    lines += _md_table(SUMMARY_HEADER, summary_rows(result))
    lines += ["", "## Verdict", ""]
    lines += [f"* {line}" for line in verdict_lines(result)]
    if plots:
        lines += ["", "## Plots", ""]
        for name in plots:
            lines += [f"![{name}]({name})", ""]
    lines += ["", "## Instances", ""]
    header = ["instance", "exact status", "exact [lower, upper]", "exact s"] + list(suite.estimators)
    rows = []
    for inst in result.instances:
        e = inst.exact
        bracket = number(e.value, 6) if e.status == "optimal" and e.value is not None else f"[{number(e.lower, 6)}, {number(e.upper, 6)}]"
        cells = [inst.instance.id, e.status, bracket, number(inst.exact_seconds, 3)]
        for row in inst.estimates:
            flag = (" ⚠ VIOLATED" if row.certified else " (violated, uncertified)") if row.ordering == VIOLATED else ""
            cells.append(row_ratio(row, 3) + flag)
        rows.append(cells)
    lines += _md_table(header, rows)
    lines += ["", "Cells are ratios estimate / exact; per-estimator values and seconds are in instances.csv and audit.json.", ""]
    return "\n".join(lines)


class Staging:
    """Files written under temporary names in ``folder`` and renamed together by :meth:`commit`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.pending: list[tuple[Path, Path]] = []

    def path_for(self, name: str) -> Path:
        """A fresh temporary path in the folder; renamed to ``name`` on commit."""
        handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=self.folder)
        os.close(handle)
        os.chmod(temp, 0o644)  # mkstemp makes 0600; the report is meant to be read
        self.pending.append((Path(temp), self.folder / name))
        return Path(temp)

    def text(self, name: str, content: str) -> None:
        self.path_for(name).write_text(content, encoding="utf-8")

    def commit(self) -> dict[str, Path]:
        written = {}
        for temp, final in self.pending:
            os.replace(temp, final)
            written[final.name] = final
        self.pending = []
        return written

    def discard(self) -> None:
        for temp, _ in self.pending:
            try:
                temp.unlink()
            except FileNotFoundError:
                pass
        self.pending = []


def write_outputs(result: AuditResult, out) -> dict[str, Path]:
    """Write CSV, JSON, Markdown and the plots to the folder ``out`` (created);
    return ``{file name: path}``."""
    from .plots import PLOTS, write_plots

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    staging = Staging(folder)
    try:
        write_plots(result, staging)
        staging.text("instances.csv", csv_text(result))
        staging.text("report.md", markdown_text(result, plots=PLOTS))
        names = [*FILES, *PLOTS]
        staging.text("audit.json", json_text(result, files={name: folder / name for name in names}))
        return staging.commit()
    except BaseException:
        staging.discard()
        raise
