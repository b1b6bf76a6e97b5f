"""The backend registry and ``exactlip backends``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import exactlip
from exactlip.backends import available, backend_names, check_backend_name, get_backend
from exactlip.cli import main
from tests.backends.instances import BACKEND_ROWS

KEYS = {"name", "version", "available", "reason", "progress", "note"}


def test_available_lists_every_backend_with_version_or_reason():
    rows = available()
    names = [row["name"] for row in rows]
    assert names[:3] == ["highs", "gurobi", "pulp"] and backend_names() == ["highs", "gurobi", "pulp"]
    for row in rows:
        assert set(row) == KEYS
        if row["available"]:
            assert isinstance(row["version"], str) and row["version"] and row["reason"] == ""
        else:
            assert row["version"] is None and row["reason"]
    highs = rows[0]
    assert highs["available"] and highs["progress"] == "live"
    assert all(name.startswith("pulp:") for name in names[3:])


def test_every_listed_usable_backend_can_be_got_by_its_name():
    for row in BACKEND_ROWS:
        if row["available"]:
            assert get_backend(row["name"]).name == row["name"]


@pytest.mark.parametrize("name,expected", [("HiGHS", "highs"), (" gurobi ", "gurobi"), ("AUTO", "auto"), ("pulp", "pulp")])
def test_backend_names_are_normalised(name, expected):
    assert check_backend_name(name) == expected


def test_unknown_backend_lists_the_allowed_names():
    with pytest.raises(exactlip.OptionError, match=r"backend='cplex' is not known; allowed: 'auto', 'highs', 'gurobi', 'pulp', 'pulp:SOLVER'"):
        check_backend_name("cplex")


def test_importing_the_package_cli_and_export_loads_no_solver():
    code = (
        "import sys, exactlip, exactlip.cli, exactlip.export, exactlip.backends; "
        "print(sorted(m for m in ('highspy', 'gurobipy', 'pulp', 'tqdm') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_cli_backends_table_and_json(capsys):
    assert main(["backends"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:4] == ["name", "version", "available", "progress"]
    rows = available()
    for line, row in zip(table[1:], rows):
        assert line.split()[0] == row["name"]
        assert line.split()[2] == ("yes" if row["available"] else "no")
    assert main(["backends", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == rows
