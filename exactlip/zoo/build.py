"""Build the zoo: train the selected models and write their files and cards.

For each model ``<dataset>-<regime>`` in ``out``: ``.onnx``, ``.npz`` (the same network)
and a ``.json`` card; for each dataset involved, ``<dataset>-test.npz`` with the held-out
points ``x`` (float64, scaled to ``[0, 1]``) and labels ``y`` (int64).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from .catalog import ModelSpec, select
from .datasets import Dataset, load_dataset
from .store import sha256, write_arrays_npz, write_json, write_network
from .train import Trained, train

DEFAULT_OUT = Path("data/zoo")
REGENERATE = "python -m exactlip.zoo --only {name}  (from the repository root; --out DIR for elsewhere)"


def test_file_name(dataset: str) -> str:
    return f"{dataset}-test.npz"


def card(trained: Trained, data: Dataset, files: dict[str, str]) -> dict:
    """The JSON card of a trained model (deterministic: no dates, no host names)."""
    import torch

    spec = trained.spec
    return {
        "name": spec.name,
        "dataset": spec.dataset,
        "dataset_description": data.description,
        "input_domain": {"lower": 0.0, "upper": 1.0},
        "classes": data.classes,
        "widths": list(spec.widths),
        "architecture": "-".join(map(str, spec.widths)) + " fully connected, ReLU between layers, affine output (logits)",
        "regime": spec.regime.to_dict(),
        "seed": spec.seed,
        "epochs": spec.epochs,
        "optimizer": {"name": "Adam", "learning_rate": spec.learning_rate, "batch": "full", "dtype": "float64"},
        "final_objective": trained.final_loss,
        "train_accuracy": trained.train_accuracy,
        "test_accuracy": trained.test_accuracy,
        "train_size": trained.train_size,
        "test_size": trained.test_size,
        "test_points": test_file_name(spec.dataset),
        "files_sha256": files,
        "torch_version": torch.__version__,
        "format": "npz: W0, b0, W1, b1, ... with Wk shaped [out, in]; onnx: opset 13 Gemm/Relu chain, "
        "float64, input 'input' [batch, n], output 'output' [batch, m]",
        "regenerate": REGENERATE.format(name=spec.name),
    }


def build(
    out=DEFAULT_OUT, only=None, on_model: Callable[[int, int, ModelSpec, Trained, float], None] | None = None
) -> list[dict]:
    """Train the models named by ``only`` (all by default; see :func:`~exactlip.zoo.catalog.select`)
    into ``out`` and return their cards. ``on_model(index, count, spec, trained, seconds)``
    is called after each model is written."""
    specs = select(only)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    datasets: dict[str, Dataset] = {}
    cards = []
    for index, spec in enumerate(specs, start=1):
        if spec.dataset not in datasets:
            data = datasets[spec.dataset] = load_dataset(spec.dataset)
            write_arrays_npz({"x": data.x_test, "y": data.y_test}, out / test_file_name(spec.dataset))
        data = datasets[spec.dataset]
        start = time.perf_counter()
        trained = train(spec, data)
        files = write_network(trained.network, out)
        files[test_file_name(spec.dataset)] = sha256(out / test_file_name(spec.dataset))
        payload = card(trained, data, files)
        write_json(payload, out / f"{spec.name}.json")
        cards.append(payload)
        if on_model is not None:
            on_model(index, len(specs), spec, trained, time.perf_counter() - start)
    return cards
