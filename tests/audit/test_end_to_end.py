"""A tiny suite end to end: every output file, ratios against the exact value, a
time-limited instance reported as an interval, and a violated ordering flagged."""

from __future__ import annotations

import csv
import json
import math
import sys

import pytest

import exactlip
from exactlip.auditing.report import CSV_COLUMNS, FILES
from exactlip.auditing.plots import PLOTS

from .conftest import base_suite, make_workdir, write_suite


def _suite_with_hard_instance() -> dict:
    """The base suite plus a scalar network whose exact solve stops at 1 s (it needs far longer)."""
    suite = base_suite()
    suite["exact"]["time_limit"] = 1.0
    suite["networks"].append({"path": "../nets/hard.npz", "boxes": ["wide"]})
    suite["boxes"].append({"name": "wide", "centers": [[0.0] * 10], "radius": 1.0})
    suite["norms"] = [{"norm": "linf", "margin": "true-vs-runner-up"}]
    return suite


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    """The tiny suite run once into ``out/``: (result, out folder)."""
    workdir = make_workdir(tmp_path_factory.mktemp("audit"))
    suite = _suite_with_hard_instance()
    # the margin rule needs two outputs: the scalar network gets the plain linf norm
    suite["norms"] = [{"norm": "linf"}]
    suite["networks"][0]["boxes"] = ["points"]
    path = write_suite(workdir, suite)
    out = workdir / "out"
    return exactlip.audit(path, out=out), out


def test_all_files_written_and_parse(audited):
    result, out = audited
    assert sorted(p.name for p in out.iterdir()) == sorted([*FILES, *PLOTS])  # no temporary files left
    assert set(result.files) == {*FILES, *PLOTS}

    data = json.loads((out / "audit.json").read_text())
    assert data["suite"]["name"] == "tiny" and data["suite_source"]["name"] == "tiny"
    assert len(data["instances"]) == len(result.instances) == 4 + 1
    for inst in data["instances"]:
        assert {"lower", "upper", "status", "value", "witness", "seconds"} <= set(inst["exact"])
        assert [e["method"] for e in inst["estimates"]] == list(result.suite.estimators)
    assert [s["method"] for s in data["summary"]] == list(result.suite.estimators)
    assert data["ok"] is True and data["violations"] == [] and data["errors"] == []

    with open(out / "instances.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 5 * len(result.suite.estimators)

    report = (out / "report.md").read_text()
    assert report.startswith("# Audit: tiny")
    for name in result.suite.estimators:
        assert f"| {name} |" in report
    assert "![ratios.png](ratios.png)" in report

    for name in PLOTS:
        assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        import matplotlib.image

        assert matplotlib.image.imread(out / name).shape[0] > 100

    table = result.table()
    assert "median ratio" in table and "ordering held" in table
    assert "every ordering held" in table


def test_ratios_on_optimal_instances_and_interval_on_time_limited(audited):
    result, _ = audited
    optimal = [r for r in result.instances if r.exact.status == "optimal"]
    assert len(optimal) >= 3, [r.exact.status for r in result.instances]
    for inst in optimal:
        for row in inst.estimates:
            assert row.error is None and row.ratio is not None and row.ratio_low == row.ratio_high
            assert row.ratio == pytest.approx(row.value / inst.exact.value)
            if row.kind == "upper":
                assert row.ratio >= 1 - 1e-6, (inst.instance.id, row.method)
            elif row.kind == "lower":
                assert row.ratio <= 1 + 1e-6, (inst.instance.id, row.method)
            assert row.ordering == ("n/a" if row.kind == "heuristic" else "held")

    (hard,) = [r for r in result.instances if r.instance.network_name == "hard"]
    assert hard.exact.status == "time_limit" and hard.exact.value is None
    assert hard.exact.lower < hard.exact.upper
    for row in hard.estimates:
        assert row.ratio is None  # never a single number for an open bracket
        assert row.ratio_low == pytest.approx(row.value / hard.exact.upper)
        assert row.ratio_high == pytest.approx(row.value / hard.exact.lower)
        assert row.ratio_low < row.ratio_high
    stats = [p for s in result.summaries for p in (s.ratio_min, s.ratio_median, s.ratio_max)]
    assert all(low <= high for low, high in stats)
    assert any(low < high for low, high in stats)  # the open bracket makes some statistic an interval
    data = next(i for i in result.to_dict()["instances"] if i["network"] == "hard")
    assert all(e["ratio"] is None and e["ratio_low"] < e["ratio_high"] for e in data["estimates"])
    assert "[" in result.table()


def test_margin_instances_and_progress_bar(workdir, capsys):
    suite = base_suite()
    suite["estimators"] = ["naive", "fastlip", "sampling"]
    suite["estimator_options"] = {"sampling": {"count": 50}}
    suite["boxes"][0]["radii"] = [0.1]
    suite["norms"] = [{"norm": "linf", "margin": "true-vs-runner-up"}]
    result = exactlip.audit(suite, base_dir=workdir / "suites", progress=True)
    assert result.files == {}
    assert [i.instance.label for i in result.instances] == [0, 1]
    for inst in result.instances:
        assert inst.instance.margin[0] == inst.instance.label
        assert inst.exact.norm["c"] is not None
    assert "audit: 100%" in capsys.readouterr().err


def test_violated_ordering_is_flagged(workdir, monkeypatch):
    run = sys.modules["exactlip.auditing.run"]
    real = run.estimate

    def inflated(*args, methods, **kwargs):
        estimates = real(*args, methods=methods, **kwargs)
        if methods == ["sampling"]:
            e = estimates[0]
            estimates = [type(e)(**{**e.__dict__, "value": 10 * e.value})]
        return estimates

    monkeypatch.setattr(run, "estimate", inflated)
    suite = base_suite()
    suite["estimators"] = ["naive", "sampling"]
    suite["estimator_options"] = {"sampling": {"count": 50}}
    suite["boxes"][0]["radii"] = [0.1]
    suite["norms"] = [{"norm": "linf", "margin": [0, 1]}]
    result = exactlip.audit(suite, out=workdir / "out", base_dir=workdir / "suites")
    assert not result.ok and len(result.violations) == 2
    assert all(row.method == "sampling" and row.ordering == "violated" for _, row in result.violations)
    assert "ORDERING VIOLATED: sampling (lower bound, certified)" in result.table()
    assert "⚠ VIOLATED" in (workdir / "out" / "report.md").read_text()
    data = json.loads((workdir / "out" / "audit.json").read_text())
    assert data["ok"] is False and {v["method"] for v in data["violations"]} == {"sampling"}
    assert {s["method"]: s["violations"] for s in data["summary"]} == {"naive": 0, "sampling": 2}


def test_ratio_helpers():
    from exactlip.auditing.run import ordering, ratio, ratio_interval

    assert ratio(2.0, 1.0) == 2.0 and ratio(0.0, 0.0) == 1.0 and ratio(1.0, 0.0) == math.inf
    assert ratio_interval(2.0, 1.0, 4.0) == (0.5, 2.0)
    assert ratio_interval(2.0, 0.0, math.inf) == (0.0, math.inf)
    assert ordering("upper", 1.0 - 1e-9, 1.0, 2.0, 1e-6) == "held"
    assert ordering("upper", 0.99, 1.0, 2.0, 1e-6) == "violated"
    assert ordering("lower", 2.0 + 1e-9, 1.0, 2.0, 1e-6) == "held"
    assert ordering("lower", 2.1, 1.0, 2.0, 1e-6) == "violated"
    assert ordering("lower", 1e9, 1.0, math.inf, 1e-6) == "held"
    assert ordering("heuristic", 1e9, 1.0, 2.0, 1e-6) == "n/a"


def test_audit_argument_errors(workdir):
    with pytest.raises(exactlip.OptionError, match="suite_or_path must be a Suite, a mapping or a path"):
        exactlip.audit(3)
    with pytest.raises(exactlip.OptionError, match="time_limit must be a positive number of seconds, got -1"):
        exactlip.audit(base_suite(), base_dir=workdir / "suites", time_limit=-1)
