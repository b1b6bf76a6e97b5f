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


@pytest.mark.parametrize("backend", ["highs", "gurobi"])
def test_ctrl_c_in_a_terminal_shows_progress_then_the_interrupted_bracket(tmp_path, backend):
    """End to end in a pseudo-terminal (size 0×0, as some CI terminals report): the
    progress line appears, Ctrl-C stops the solve, the bracket is printed, exit code 0."""
    pty = pytest.importorskip("pty")
    import os
    import select
    import sys
    import time

    from exactlip.network.from_npz import save_npz
    from tests.backends.instances import MIP_ONLY, hard_instance, require

    require(backend)
    net, _ = hard_instance()
    save_npz(net, tmp_path / "hard.npz")
    command = ["lipschitz", str(tmp_path / "hard.npz"), "--box=-1:1", "--backend", backend, "--time-limit", "60"]
    code = f"import sys; {MIP_ONLY}; from exactlip.cli import main; sys.exit(main({command!r}))"
    argv = [sys.executable, "-c", code]
    pid, fd = pty.fork()
    if pid == 0:  # the child: run the command line in the terminal
        os.execv(sys.executable, argv)
    output, sent, deadline = b"", False, time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        if not sent and b"incumbent" in output:
            os.write(fd, b"\x03")  # Ctrl-C, as typed
            sent = True
    _, status = os.waitpid(pid, 0)
    text = output.decode(errors="replace")
    assert sent, text
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "status     interrupted" in text and "bracket" in text
    assert "Traceback" not in text
