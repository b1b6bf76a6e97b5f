"""``exactlip audit``: table on stdout, files under --out, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
import subprocess
import sys

from exactlip.auditing.plots import PLOTS
from exactlip.auditing.report import FILES
from exactlip.cli import main

from .conftest import base_suite, write_suite


def _small(workdir):
    suite = base_suite()
    suite["estimators"] = ["naive", "fastlip", "sampling"]
    suite["estimator_options"] = {"sampling": {"count": 50}}
    suite["boxes"][0]["radii"] = [0.05]
    return write_suite(workdir, suite)


def test_audit_command_writes_everything(workdir, capsys):
    out = workdir / "report"
    assert main(["audit", str(_small(workdir)), "--out", str(out), "--quiet", "--time-limit", "10"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith("suite tiny: exact: 4 instances (4 optimal)")
    assert lines[1].split() == ["estimator", "kind", "median", "ratio", "min", "ratio", "max", "ratio", "median", "s", "ordering", "held", "errors"]
    assert [line.split()[0] for line in lines[3:6]] == ["naive", "fastlip", "sampling"]
    assert lines[3].split()[-1] == "4/4"
    assert "every ordering held" in captured.out
    assert sorted(p.name for p in out.iterdir()) == sorted([*FILES, *PLOTS])
    assert f"wrote {out / 'audit.json'}" in captured.out
    assert captured.err == ""  # --quiet: no progress bar
    data = json.loads((out / "audit.json").read_text())
    assert data["suite"]["exact"]["time_limit"] == 10.0


def test_audit_command_json_and_progress(workdir, capsys):
    assert main(["audit", str(_small(workdir)), "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert [s["method"] for s in data["summary"]] == ["naive", "fastlip", "sampling"] and data["files"] == {}
    assert "audit: 100%" in captured.err and "4/4" in captured.err


def test_bad_suite_exits_2_with_one_line(workdir, capsys):
    suite = base_suite()
    suite["norms"][0]["norm"] = "l2"
    path = write_suite(workdir, suite)
    assert main(["audit", str(path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err == f"exactlip: error: {path}: norms[0].norm: 'l2' is not a norm the exact engine supports; allowed: linf, l1\n"
    suite = base_suite()
    suite["networks"][0]["path"] = "../nets/gone.onnx"
    path = write_suite(workdir, suite)
    assert main(["audit", str(path), "--quiet"]) == 2
    assert "networks[0].path: network file not found: " in capsys.readouterr().err


def test_violation_exits_1_and_names_it(workdir, capsys, monkeypatch):
    run = sys.modules["exactlip.auditing.run"]
    real = run.estimate

    def deflated(*args, methods, **kwargs):
        (e,) = real(*args, methods=methods, **kwargs)
        return [type(e)(**{**e.__dict__, "value": e.value / 10})] if methods == ["fastlip"] else [e]

    monkeypatch.setattr(run, "estimate", deflated)
    assert main(["audit", str(_small(workdir)), "--quiet"]) == 1
    captured = capsys.readouterr()
    assert "VIOLATED ×4" in captured.out
    assert captured.err.count("exactlip: ORDERING VIOLATED: fastlip (upper bound, certified)") == 4


def test_console_entry_point_help():
    done = subprocess.run([sys.executable, "-m", "exactlip", "audit", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "--out DIR" in done.stdout and "--time-limit" in done.stdout


def test_uncertified_violation_is_reported_but_not_failed(workdir, capsys, monkeypatch):
    run = sys.modules["exactlip.auditing.run"]
    real = run.estimate

    def greedy(*args, methods, **kwargs):
        (e,) = real(*args, methods=methods, **kwargs)
        return [type(e)(**{**e.__dict__, "value": e.value / 10, "certified": False})] if methods == ["fastlip"] else [e]

    monkeypatch.setattr(run, "estimate", greedy)
    out = workdir / "out"
    assert main(["audit", str(_small(workdir)), "--quiet", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "0/4  (4 uncertified)" in captured.out
    assert captured.err.count("exactlip: ordering violated by an uncertified value (no guarantee claimed): fastlip") == 4
    data = json.loads((out / "audit.json").read_text())
    assert data["ok"] is True and len(data["violations"]) == 4 and not any(v["certified"] for v in data["violations"])
    assert "(violated, uncertified)" in (out / "report.md").read_text()


def test_interrupt_stops_the_audit_and_writes_nothing(workdir, capsys, monkeypatch):
    run = sys.modules["exactlip.auditing.run"]
    real = run.lipschitz
    calls = []

    def interrupted(*args, **kwargs):
        result = real(*args, **kwargs)
        calls.append(1)
        return result if len(calls) == 1 else type(result)(**{**result.__dict__, "status": "interrupted", "value": None})

    monkeypatch.setattr(run, "lipschitz", interrupted)  # the first call is the warm-up
    out = workdir / "out"
    assert main(["audit", str(_small(workdir)), "--quiet", "--out", str(out)]) == 130
    assert len(calls) == 2 and not out.exists()
    assert capsys.readouterr().err == "exactlip: interrupted\n"
