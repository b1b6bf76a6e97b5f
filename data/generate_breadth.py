"""Train and ship the convolutional and residual example networks in ``data/``.

Run from the repository root: ``python data/generate_breadth.py``. It trains, on
scikit-learn's digits (8x8 images, pixels / 16, the zoo's stratified split), two small
classifiers with torch (float64, one thread, deterministic algorithms, fixed seeds) and
writes next to this script

* ``digits_cnn.onnx`` / ``.json`` — ``Conv2d(1, 8, 3, padding 1) → ReLU →
  Conv2d(8, 16, 3, stride 2, padding 1) → ReLU → Flatten → Linear(256, 10)`` on ``1×8×8``
  (768 hidden neurons);
* ``digits_resmlp.onnx`` / ``.json`` — ``Linear(64, 48) → ReLU →`` two residual blocks
  ``x + Linear(ReLU(Linear(x)))`` of width 48 ``→ Linear(48, 10)`` (144 hidden neurons).

The sizes are chosen so that the exact engine settles ℓ∞ margins at radii 0.01–0.05
around test points in seconds to a minute (``benchmarks/breadth.py``).

The held-out test points are the zoo's ``zoo/digits-test.npz`` (same split).

Both models are exported with ``torch.onnx.export(..., dynamo=False)`` (float64); the
cards record the architecture, seed, training and accuracies, the imported network's
sizes, and the checksums. The ONNX bytes depend on the torch version (recorded).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import sys
import warnings
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script from a source checkout

from exactlip.network.from_onnx import network_from_onnx  # noqa: E402
from exactlip.network.from_torch import network_from_torch  # noqa: E402
from exactlip.zoo.datasets import load_digits_dataset  # noqa: E402
from exactlip.zoo.train import deterministic_torch  # noqa: E402

REGENERATE = "python data/generate_breadth.py  (from the repository root; needs torch, onnx and scikit-learn)"
SEED = 0
EPOCHS = 300
LEARNING_RATE = 0.01
WEIGHT_DECAY = 1e-4
INPUT_SHAPE = {"digits_cnn": (1, 8, 8), "digits_resmlp": (64,)}
ARCHITECTURE = {
    "digits_cnn": "Conv2d(1,8,3,padding=1) -> ReLU -> Conv2d(8,16,3,stride=2,padding=1) -> ReLU -> Flatten -> Linear(256,10)",
    "digits_resmlp": "Linear(64,48) -> ReLU -> 2 x [x + Linear(48,48)(ReLU(Linear(48,48)(x)))] -> Linear(48,10)",
}
TEST_FILE = "zoo/digits-test.npz"  # the same split's held-out points, shipped with the zoo


def build(name: str):
    import torch.nn as nn

    if name == "digits_cnn":
        return nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1),
            nn.ReLU(),
            nn.Conv2d(8, 16, 3, stride=2, padding=1),
            nn.ReLU(),
            nn.Flatten(),
            nn.Linear(256, 10),
        ).double()

    class Residual(nn.Module):
        def __init__(self, width: int):
            super().__init__()
            self.inner = nn.Linear(width, width)
            self.outer = nn.Linear(width, width)

        def forward(self, x):
            return x + self.outer(nn.functional.relu(self.inner(x)))

    return nn.Sequential(nn.Linear(64, 48), nn.ReLU(), Residual(48), Residual(48), nn.Linear(48, 10)).double()


def train(name: str, data) -> tuple[object, float]:
    """Full-batch Adam on the softmax cross-entropy (float64); returns the model and final loss."""
    import torch

    with deterministic_torch(SEED):
        model = build(name)
        x = torch.from_numpy(data.x_train).reshape((-1,) + INPUT_SHAPE[name])
        y = torch.from_numpy(data.y_train)
        optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
        loss = torch.zeros(())
        for _ in range(EPOCHS):
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(x), y)
            loss.backward()
            optimizer.step()
    return model.eval(), float(loss.detach())


def export_onnx(model, name: str, path: Path) -> None:
    import torch

    example = (torch.zeros((1,) + INPUT_SHAPE[name], dtype=torch.float64),)
    buffer = io.BytesIO()
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")  # the legacy exporter announces its deprecation
        torch.onnx.export(
            model, example, buffer, dynamo=False, input_names=["input"], output_names=["logits"],
            dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
        )
    path.write_bytes(buffer.getvalue())


def accuracy(network, x: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(np.argmax(network.forward(x), axis=1) == y))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(out: Path = HERE) -> None:
    import torch

    data = load_digits_dataset()
    test_path = HERE / TEST_FILE
    with np.load(test_path) as shipped:
        if not (np.array_equal(shipped["x"], data.x_test) and np.array_equal(shipped["y"], data.y_test)):
            raise RuntimeError(f"{test_path} is not this split's test set; regenerate the zoo first")
    for name in ("digits_cnn", "digits_resmlp"):
        model, final_loss = train(name, data)
        path = out / f"{name}.onnx"
        export_onnx(model, name, path)
        network = network_from_onnx(path)
        reference = network_from_torch(model, input_shape=INPUT_SHAPE[name])
        x = data.x_test[:16]
        gap = float(np.max(np.abs(network.forward(x) - reference.forward(x))))
        if gap > 1e-10:
            raise RuntimeError(f"{name}: the ONNX file and the torch module differ by {gap}")
        card = {
            "name": name,
            "dataset": "scikit-learn digits: 8x8 images, pixels / 16, 10 classes (exactlip.zoo split, seed 0)",
            "input_shape": list(INPUT_SHAPE[name]),
            "input_domain": {"lower": 0.0, "upper": 1.0},
            "architecture": ARCHITECTURE[name],
            "parameters": int(sum(p.numel() for p in model.parameters())),
            "network": {**network.to_dict(), "hidden_neurons": network.num_hidden_neurons},
            "seed": SEED,
            "training": {
                "optimizer": "Adam, full batch, float64",
                "epochs": EPOCHS,
                "learning_rate": LEARNING_RATE,
                "weight_decay": WEIGHT_DECAY,
                "final_loss": final_loss,
            },
            "train_accuracy": accuracy(network, data.x_train, data.y_train),
            "test_accuracy": accuracy(network, data.x_test, data.y_test),
            "test_points": TEST_FILE,
            "torch_version": torch.__version__,
            "files_sha256": {path.name: sha256(path), TEST_FILE: sha256(test_path)},
            "regenerate": REGENERATE,
        }
        (out / f"{name}.json").write_text(json.dumps(card, indent=2) + "\n")
        print(f"{name}: {card['parameters']} parameters, test accuracy {card['test_accuracy']:.3f}")


if __name__ == "__main__":
    main()
