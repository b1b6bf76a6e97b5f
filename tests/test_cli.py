import json
import subprocess
import sys

import pytest

import exactlip
from exactlip.cli import main

MODEL = "data/moons2d.onnx"


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_matches_the_api(capsys):
    code, out, _ = _run(capsys, "lipschitz", MODEL, "--center", "0.5,0.5", "--radius", "0.1", "--norm", "linf", "--json")
    assert code == 0
    data = json.loads(out)
    api = exactlip.lipschitz(MODEL, exactlip.Box.linf_ball([0.5, 0.5], 0.1), norm="linf")
    assert data["status"] == "optimal" and data["value"] == pytest.approx(api.value, rel=1e-12)


def test_input_split_switch_reaches_the_engine(capsys):
    argv = ["lipschitz", MODEL, "--center", "0.5,0.5", "--radius", "0.3", "--json"]
    _, with_split, _ = _run(capsys, *argv, "--input-split", "5")
    _, mip_only, _ = _run(capsys, *argv, "--input-split", "0")
    with_split, mip_only = json.loads(with_split), json.loads(mip_only)
    assert with_split["stats"]["input_split_boxes"] >= 1
    assert mip_only["stats"]["input_split_boxes"] == 0
    assert with_split["value"] == pytest.approx(mip_only["value"], rel=1e-6)


def test_box_pairs_equal_center_radius_and_clip(capsys):
    _, out1, _ = _run(capsys, "lipschitz", MODEL, "--box", "0.9:1.0,0.4:0.6", "--margin", "1,0", "--json")
    _, out2, _ = _run(
        capsys, "lipschitz", MODEL, "--center", "0.95,0.5", "--radius", "0.1", "--clip", "0,1", "--margin", "1,0", "--json"
    )
    assert json.loads(out1)["value"] == pytest.approx(json.loads(out2)["value"], rel=1e-12)


def test_human_output_names_status_value_and_sizes(capsys):
    code, out, _ = _run(capsys, "lipschitz", MODEL, "--box", "0:1", "--norm", "l1", "--output-norm", "linf")
    assert code == 0
    assert "status     optimal" in out and "value" in out and "binaries" in out


@pytest.mark.parametrize(
    "argv,match",
    [
        (["lipschitz", "missing.onnx", "--box", "0:1"], "missing.onnx"),
        (["lipschitz", MODEL, "--box", "0:1", "--norm", "l2"], "not computed exactly"),
        (["lipschitz", MODEL, "--box", "0:1", "--center", "0,0", "--radius", "1"], "either --box or --center"),
        (["lipschitz", MODEL], "give the input box"),
        (["lipschitz", MODEL, "--box", "1:0"], "lower > upper"),
        (["lipschitz", MODEL, "--box", "0:1,0:1,0:1"], "box has 3 coordinates"),
        (["lipschitz", MODEL, "--center", "a,b", "--radius", "1"], "--center must be comma-separated numbers"),
        (["lipschitz", MODEL, "--box", "0:1", "--margin", "0,5"], "out of range"),
        (["lipschitz", MODEL, "--box", "0:1", "--time-limit", "0"], "time_limit must be a positive"),
        (["lipschitz", MODEL, "--box", "0:1", "--input-split", "-1"], "input_split must be a non-negative"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, argv, match):
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("exactlip: error:") and err.count("\n") == 1
    assert match in err


def test_module_entry_point_runs():
    proc = subprocess.run(
        [sys.executable, "-m", "exactlip", "lipschitz", MODEL, "--box", "0.4:0.6", "--json"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["status"] == "optimal"


def test_negative_values_after_numeric_options(capsys):
    code, out, _ = _run(capsys, "lipschitz", MODEL, "--box", "-1:2", "--c", "-1,1", "--json")
    code_eq, out_eq, _ = _run(capsys, "lipschitz", MODEL, "--box=-1:2", "--c=-1,1", "--json")
    assert code == code_eq == 0
    assert json.loads(out)["value"] == pytest.approx(json.loads(out_eq)["value"], rel=1e-12)
    code, out, _ = _run(capsys, "lipschitz", MODEL, "--center", "-0.5,0.5", "--radius", "0.1", "--json")
    assert code == 0 and json.loads(out)["status"] == "optimal"
