"""``exactlip certify``: JSON equals the API, the human summary, errors in one line."""

import json

import pytest

import exactlip
from exactlip.cli import main

MODEL = "data/moons2d.onnx"


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _timeless(value):
    """``value`` without its ``seconds`` entries (wall-clock times differ between runs)."""
    if isinstance(value, dict):
        return {k: _timeless(v) for k, v in value.items() if k != "seconds"}
    if isinstance(value, list):
        return [_timeless(v) for v in value]
    return value


def test_json_round_trip_matches_the_api(capsys):
    code, out, _ = _run(
        capsys, "certify", MODEL, "--center", "0.31,0.42", "--radius", "0.05", "--clip", "0,1",
        "--estimators", "fastlip,naive", "--json",
    )
    assert code == 0
    data = json.loads(out)
    api = exactlip.certify(MODEL, [0.31, 0.42], 0.05, clip=(0, 1), estimators=["fastlip", "naive"])
    expected = json.loads(json.dumps(api.to_dict()))
    assert data["model"] == MODEL
    for key in ("status", "certified_radius", "radius_certified", "radius_limit", "binding_class", "source", "classes", "trace"):
        assert _timeless(data[key]) == _timeless(expected[key]), key
    assert [e["method"] for e in data["estimators"]] == ["fastlip", "naive"]
    assert [e["radius"] for e in data["estimators"]] == [e["radius"] for e in expected["estimators"]]
    assert data["status"] == "certified" and data["radius_certified"] is True


def test_human_summary(capsys):
    code, out, _ = _run(capsys, "certify", MODEL, "--center", "0.31,0.42", "--clip", "0,1", "--norm", "l1", "--radius", "0.05")
    assert code == 0
    assert "status       certified" in out
    assert "certified    radius" in out and "source exact" in out
    assert "binding" in out and "L upper" in out
    assert "liplp" in out and "r=0.05" in out
    assert "attack       adversarial point at radius" in out
    assert "enclosing ℓ∞ box" in out


def test_wrong_label_and_no_estimators(capsys):
    code, out, _ = _run(capsys, "certify", MODEL, "--center", "0.31,0.42", "--label", "0", "--estimators", "none")
    assert code == 0 and "wrong_label" in out and "nothing is certified" in out
    code, out, _ = _run(capsys, "certify", MODEL, "--center", "0.5", "--estimators", "none", "--no-attack", "--json")
    data = json.loads(out)
    assert data["estimators"] == [] and data["attack"] is None and data["center"] == [0.5, 0.5]


def test_negative_center_values(capsys):
    code, out, _ = _run(capsys, "certify", MODEL, "--center", "-0.2,0.5", "--estimators", "none", "--no-attack", "--json")
    assert code == 0 and json.loads(out)["center"] == [-0.2, 0.5]


@pytest.mark.parametrize(
    "argv,match",
    [
        (["--norm", "l2"], "norm='l2'"),
        (["--label", "7"], "label must be a class index in 0..1"),
        (["--clip", "1,0"], "clip must be"),
        (["--clip", "0,1,2"], "--clip takes LO,HI"),
        (["--estimators", "sampling"], "certifies nothing"),
        (["--arithmetic", "half"], "arithmetic must be one of"),
        (["--radius", "-1"], "radius must be"),
        (["--time-limit", "0"], "time_limit must be a positive"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, argv, match):
    code, out, err = _run(capsys, "certify", MODEL, "--center", "0.5,0.5", *argv)
    assert code == 2 and out == ""
    assert err.startswith("exactlip: error:") and err.count("\n") == 1
    assert match in err


def test_bad_center_and_missing_center(capsys):
    code, _, err = _run(capsys, "certify", MODEL, "--center", "a,b")
    assert code == 2 and "--center must be comma-separated numbers" in err
    with pytest.raises(SystemExit) as exc:
        main(["certify", MODEL])
    assert exc.value.code == 2
    assert "--center" in capsys.readouterr().err


def test_no_screen_solves_every_class_exactly_and_certifies_the_same_radius(capsys):
    args = ["certify", MODEL, "--center", "0.31,0.42", "--clip", "0,1", "--estimators", "none", "--no-attack", "--json"]
    screened = json.loads(_run(capsys, *args)[1])
    exact = json.loads(_run(capsys, *args, "--no-screen")[1])
    assert exact["search"]["screened"] == 0 and "bound_propagation" not in exact["sources"]
    assert exact["certified_radius"] == pytest.approx(screened["certified_radius"], rel=2e-3)
