"""``exactlip export`` and the shipped instances in encodings/: the exported MIP
re-solves (in HiGHS, read from the file) to the engine's answer."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import highspy
import pytest

import exactlip
from exactlip import Box
from exactlip import export as export_module
from exactlip.cli import main
from exactlip.backends import SolveOptions
from exactlip.backends.highs import configured_highs
from exactlip.export import export_mip

ROOT = Path(__file__).resolve().parent.parent
ENCODINGS = ROOT / "encodings"
MOONS = ROOT / "data" / "moons2d.onnx"
RESOLVE_MAX_BINARIES = 25  # shipped instances re-solved by the tests (the rest: hashes only)


def _solve_file(path: Path) -> float:
    highs = configured_highs(highspy, SolveOptions())  # the engine's own HiGHS settings
    assert highs.readModel(str(path)) == highspy.HighsStatus.kOk
    highs.run()
    assert highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return float(highs.getInfo().objective_function_value)


def _file_sizes(path: Path) -> dict:
    """Columns, integer columns, rows and nonzeros of a model file, as HiGHS reads it."""
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    assert highs.readModel(str(path)) == highspy.HighsStatus.kOk
    lp = highs.getLp()
    return {
        "variables": highs.getNumCol(),
        "binaries": int(sum(int(kind) != 0 for kind in lp.integrality_)),
        "constraints": highs.getNumRow(),
        "nonzeros": highs.getNumNz(),
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("suffix", [".mps", ".lp"])
@pytest.mark.parametrize(
    "box,spec",
    [
        (Box.linf_ball([0.5, 0.5], 0.3, clip=(0, 1)), {"norm": "linf"}),
        (Box([0.0, 0.0], [1.0, 1.0]), {"norm": "l1", "output_norm": "linf"}),
        (Box([-1.0, -1.0], [2.0, 2.0]), {"norm": "linf", "margin": (0, 1)}),
    ],
)
def test_exported_file_resolves_to_the_engines_value(tmp_path, box, spec, suffix):
    out = tmp_path / f"instance{suffix}"
    result = export_mip(MOONS, box, out, **spec)
    engine = exactlip.lipschitz(MOONS, box, **spec)
    assert engine.status == "optimal"
    assert _solve_file(out) == pytest.approx(engine.value, rel=1e-9)
    sidecar = json.loads((tmp_path / "instance.json").read_text())
    assert sidecar == json.loads(json.dumps(result.sidecar))
    assert sidecar["solution"] is None
    assert sidecar["model_file"] == out.name and sidecar["format"] == suffix[1:]
    assert sidecar["model_sha256"] == _sha256(out)
    assert sidecar["network"]["sha256"] == _sha256(MOONS)
    assert sidecar["box"] == {"lower": box.lower.tolist(), "upper": box.upper.tolist()}
    assert sidecar["norm"]["norm"] == spec["norm"]
    assert sidecar["exactlip_version"] == exactlip.__version__
    assert _file_sizes(out) == {key: sidecar["sizes"][key] for key in ("variables", "binaries", "constraints", "nonzeros")}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([out.name, "instance.json"])


def test_cli_export_with_solve_records_the_optimum(tmp_path, capsys):
    out = tmp_path / "sub" / "moons.mps"
    argv = ["export", str(MOONS), "--center", "0.5,0.5", "--radius", "0.2", "--norm", "linf", "--out", str(out), "--solve"]
    assert main([*argv, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    sidecar = json.loads(out.with_suffix(".json").read_text())
    assert printed["model_path"] == str(out) and printed["solution"] == sidecar["solution"]
    solution = sidecar["solution"]
    engine = exactlip.lipschitz(MOONS, Box.linf_ball([0.5, 0.5], 0.2), norm="linf")
    assert solution["lipschitz_status"] == solution["mip_status"] == "optimal"
    assert solution["lipschitz_value"] == pytest.approx(engine.value, rel=1e-12)
    assert solution["mip_objective"] == pytest.approx(engine.value, rel=1e-9)
    assert _solve_file(out) == pytest.approx(solution["mip_objective"], rel=1e-9)
    assert main(argv) == 0
    assert "optimum" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv,match",
    [
        (["--out", "OUT/model.txt"], "must end in .mps or .lp"),
        (["--out", "OUT/model.mps", "--solve", "--backend", "cplex"], "backend='cplex' is not known"),
        (["--out", "OUT/model.mps", "--solve", "--time-limit", "-1"], "time_limit must be a positive"),
        (["--out", "OUT/model.mps", "--norm", "l2"], "not computed exactly"),
    ],
)
def test_bad_export_options_exit_2_and_write_nothing(tmp_path, capsys, argv, match):
    argv = [a.replace("OUT", str(tmp_path)) for a in argv]
    code = main(["export", str(MOONS), "--box", "0:1", *argv])
    err = capsys.readouterr().err
    assert code == 2 and match in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_a_failure_while_writing_leaves_no_file(tmp_path, monkeypatch):
    def broken_dumps(*args, **kwargs):
        raise OSError("disk full (test)")

    monkeypatch.setattr(export_module.json, "dumps", broken_dumps)
    with pytest.raises(OSError, match="disk full"):
        export_mip(MOONS, Box([0.0, 0.0], [1.0, 1.0]), tmp_path / "model.mps")
    assert list(tmp_path.iterdir()) == []


def test_a_network_object_is_hashed_by_its_weights(tmp_path):
    net = exactlip.load_network(MOONS)
    result = export_mip(net, Box([0.0, 0.0], [1.0, 1.0]), tmp_path / "net.lp")
    network = result.sidecar["network"]
    assert network["file"] is None and network["sha256_of"].startswith("weights")
    assert network["sha256"] == export_module.sha256_of_network(net)
    changed = exactlip.Network([w * 1.0001 for w in net.weights], net.biases)
    assert export_module.sha256_of_network(changed) != network["sha256"]


# ----- the shipped instances ------------------------------------------------------------
SIDECARS = sorted(ENCODINGS.glob("*.json"))


def test_encodings_holds_no_python_file():
    """A top-level package named `encodings` would shadow the standard library's codecs."""
    assert ENCODINGS.is_dir()
    assert [p for p in ENCODINGS.rglob("*") if p.suffix in (".py", ".pyc") or p.name == "__pycache__"] == []


def test_encodings_are_documented_and_small():
    assert (ENCODINGS / "README.md").is_file()
    assert len(SIDECARS) >= 5
    assert sum(p.stat().st_size for p in ENCODINGS.rglob("*") if p.is_file()) < 5_000_000
    readme = (ENCODINGS / "README.md").read_text()
    for sidecar in SIDECARS:
        assert json.loads(sidecar.read_text())["model_file"] in readme


@pytest.mark.parametrize("sidecar", SIDECARS, ids=lambda p: p.stem)
def test_shipped_instance_matches_its_sidecar_and_network(sidecar):
    data = json.loads(sidecar.read_text())
    model = ENCODINGS / data["model_file"]
    assert model.suffix == "." + data["format"] and model.is_file()
    assert data["model_sha256"] == _sha256(model)
    assert data["network"]["sha256"] == _sha256(ROOT / data["network"]["file"]), "network changed: re-export"
    solution = data["solution"]
    assert solution["lipschitz_status"] == "optimal"
    assert solution["mip_objective"] == pytest.approx(solution["lipschitz_value"], rel=1e-9)
    if data["sizes"]["binaries"] <= RESOLVE_MAX_BINARIES:
        assert _solve_file(model) == pytest.approx(solution["mip_objective"], rel=1e-9)


def test_re_exporting_a_shipped_instance_gives_the_same_optimum(tmp_path):
    data = json.loads((ENCODINGS / "tiny_regressor_l1_unit.json").read_text())
    box = Box(data["box"]["lower"], data["box"]["upper"])
    norm = data["norm"]
    result = export_mip(ROOT / data["network"]["file"], box, tmp_path / "again.mps", norm=norm["norm"], output_norm=norm["output_norm"])
    assert result.sidecar["sizes"]["variables"] > 0
    assert _solve_file(tmp_path / "again.mps") == pytest.approx(data["solution"]["mip_objective"], rel=1e-9)
