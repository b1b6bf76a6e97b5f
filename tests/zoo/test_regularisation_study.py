"""Smoke test of ``benchmarks/regularisation.py`` on one tiny configuration: the study runs,
writes its three files, and exact ≤ every certified upper bound at every point."""

import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("cvxpy")

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import regularisation  # noqa: E402


def test_study_orders_exact_below_every_upper_bound(tmp_path):
    payload = regularisation.study(["synthetic"], ["plain", "lipschitz"], points=3, time_limit=30, log=lambda *a, **k: None)
    assert [r["name"] for r in payload["rows"]] == ["synthetic-plain", "synthetic-lipschitz"]
    for row in payload["rows"]:
        assert row["points"] == 3 and row["optimal"] == 3 and row["exact_median"] is not None
        assert set(row["bounds"]) == set(regularisation.BOUNDS)
        for point in row["per_point"]:
            assert point["status"] == "optimal" and point["runner_up"] != point["label"]
            for name, bound in point["bounds"].items():
                assert bound["certified"], name
                assert point["value"] <= bound["value"] * (1 + 1e-9), (row["name"], name)
        assert row["ordering_holds"]
        assert all(b["median"] >= row["exact_median"] * (1 - 1e-9) for b in row["bounds"].values())
    paths = regularisation.write_outputs(payload, tmp_path, name="smoke")
    assert json.loads(paths["json"].read_text())["rows"][0]["name"] == "synthetic-plain"
    table = paths["md"].read_text()
    assert "| synthetic (r=0.1) | lipschitz |" in table and "LipSDP local" in table
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_chosen_points_are_spread_and_fixed():
    assert regularisation.chosen_indices(100, 5) == [0, 25, 50, 74, 99]
    assert regularisation.chosen_indices(3, 10) == [0, 1, 2]
