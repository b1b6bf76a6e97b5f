"""The progress line of ``exactlip lipschitz``: on stderr when it is a terminal,
never with --json or --quiet."""

from __future__ import annotations

import json

import pytest

from exactlip.backends import Progress
from exactlip.cli import lipschitz as lipschitz_command
from exactlip.cli import main

ARGS = ["lipschitz", "data/moons2d.onnx", "--box", "0:1", "--norm", "linf", "--output-norm", "l1"]


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.setattr(lipschitz_command, "stderr_is_terminal", lambda: True)


def test_progress_line_on_a_terminal(capsys, terminal):
    assert main(ARGS) == 0
    out, err = capsys.readouterr()
    assert "status     optimal" in out
    assert "incumbent" in err and "bound" in err and "nodes" in err
    assert "incumbent" not in out


@pytest.mark.parametrize("flag", ["--json", "--quiet"])
def test_no_progress_line_with_json_or_quiet(capsys, terminal, flag):
    assert main([*ARGS, flag]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    if flag == "--json":
        assert json.loads(out)["status"] == "optimal"


def test_no_progress_line_when_stderr_is_not_a_terminal(capsys):
    assert main(ARGS) == 0
    assert capsys.readouterr().err == ""


def test_progress_text():
    text = lipschitz_command.describe_progress(Progress(2.54, 1.5, 2.0, 17))
    assert text == "solving  incumbent 1.5  bound 2  gap 25%  nodes 17  2.5s"
    assert "incumbent —  bound —" in lipschitz_command.describe_progress(Progress(0.0, None, None, 0))


def test_ctrl_c_outside_the_solver_exits_130(capsys, monkeypatch):
    import exactlip.api

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(exactlip.api, "lipschitz", interrupted)
    assert main(ARGS) == 130
    assert capsys.readouterr().err == "exactlip: interrupted\n"
