"""Smoke test of the benchmark suite: deterministic networks, one tiny timed instance.

Timings are not asserted (numbers come from ``make bench``); this only checks that the
builders are reproducible from their seeds and that the suite runs and writes its files.
"""

import json
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("sklearn")

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import networks  # noqa: E402
import suite  # noqa: E402


def same_weights(a, b) -> bool:
    return len(a.weights) == len(b.weights) and all(
        np.array_equal(x, y) for x, y in zip(a.weights + a.biases, b.weights + b.biases)
    )


def test_sweep_networks_are_reproducible_from_seeds():
    build = networks.sweep_network.__wrapped__  # bypass the per-process cache
    first, _ = build((2, 20, 20, 20, 2), "random")
    second, _ = build((2, 20, 20, 20, 2), "random")
    trained, meta = build((2, 20, 20, 20, 2), "trained", 5)
    assert first.widths == [2, 20, 20, 20, 2]
    assert same_weights(first, second)
    assert not same_weights(first, trained) and meta["epochs"] == 5


def test_digits_network_is_reproducible_and_learns():
    build = networks.digits_network.__wrapped__
    first, meta = build(20, epochs=3)
    second, _ = build(20, epochs=3)
    assert same_weights(first, second)
    assert meta["test_accuracy"] > 0.3  # three epochs already beat chance (0.1)
    _, _, test_x, test_y = networks.digits_data()
    i, center, label, other = networks.margin_point(first, test_x, test_y)
    assert label == test_y[i] and other != label and np.all((0 <= center) & (center <= 1))


def test_suite_runs_one_instance_into_a_given_directory(tmp_path):
    instance = networks.sweep_instances(families={"depth k=1"}, inits=("random",))[0]
    payload = suite.run_suite([instance], time_limit=20, out_dir=tmp_path, name="smoke", log=lambda *a, **k: None)
    row = payload["rows"][0]
    assert row["default"]["status"] == row["baseline"]["status"] == "optimal"
    assert row["agree"] is True and row["ratio"] > 0
    data = json.loads((tmp_path / "smoke.json").read_text())
    assert data["complete"] and data["settings"]["baseline_kwargs"] == {"bounds": "interval", "input_split": 0, "region_search": 0}
    markdown = (tmp_path / "smoke.md").read_text()
    assert "depth k=1 random" in markdown and "DISAGREEMENT" not in markdown


def test_compare_flags_disagreeing_optima():
    a = {"status": "optimal", "value": 1.0, "lower": 1.0, "upper": 1.0, "total_s": 1.0}
    b = {"status": "optimal", "value": 1.1, "lower": 1.1, "upper": 1.1, "total_s": 2.0}
    out = suite.compare(a, b)
    assert out["agree"] is False and "differ" in out["disagreement"] and out["ratio"] == 2.0


def test_quick_command_line_writes_into_out(tmp_path):
    payload = suite.main(["--quick", "--groups", "width", "--out", str(tmp_path), "--time-limit", "20"])
    assert [r["name"] for r in payload["rows"]] == ["random 4-10-10-1"]
    assert (tmp_path / "suite_quick.json").exists() and (tmp_path / "suite_quick.md").exists()


def test_operator_norm_floor_and_rows_one_by_one_agree_with_the_oracle():
    import operator_norm

    from tests.nets import random_box, random_network
    from tests.oracle import oracle_lipschitz

    rng = np.random.default_rng(61)
    net = random_network(rng, [3, 10, 10, 4])
    box = random_box(rng, 3)
    instance = networks.Instance("test", "random 3-10-10-4", net, box, {}, 0.0, (box.lower + box.upper) / 2)
    truth = oracle_lipschitz(net, box, norm="linf", output_norm="linf")
    floor = operator_norm.with_floor(instance, time_limit=60)
    plain = operator_norm.one_by_one(instance, time_limit=60)
    assert floor["status"] == plain["status"] == "optimal"
    assert floor["lower"] == pytest.approx(truth, rel=1e-9)
    assert plain["lower"] == pytest.approx(truth, rel=1e-9)
    assert floor["rows_below_floor"] >= 1
