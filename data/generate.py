"""Regenerate the shipped example networks in ``data/`` (deterministic, numpy + onnx only).

Run from anywhere: ``python data/generate.py``. It writes, next to this script,

* ``moons2d.onnx`` / ``moons2d.npz`` / ``moons2d.json`` — a 2-16-16-2 ReLU classifier
  trained on a two-moons task with inputs in ``[0, 1]^2`` (seed 0), by full-batch Adam
  on the softmax cross-entropy with L2 weight decay, written by hand in numpy;
* ``tiny_regressor.onnx`` / ``tiny_regressor.npz`` / ``tiny_regressor.json`` — a 3-8-8-1
  ReLU network with random He-normal weights (seed 1) and a scalar output.

Every run writes the same bytes on the same platform: fixed seeds, no timestamps in
the files (check with ``sha256sum data/*``; the cards record the checksums).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script from a source checkout

from exactlip.network.from_npz import save_npz  # noqa: E402
from exactlip.network.from_onnx import save_onnx  # noqa: E402
from exactlip.network.ir import Network  # noqa: E402

REGENERATE = "python data/generate.py  (from the repository root; needs numpy and onnx)"

MOONS_SEED = 0
MOONS_WIDTHS = [2, 16, 16, 2]
MOONS_POINTS_PER_CLASS = 100
MOONS_NOISE = 0.08
MOONS_STEPS = 2000
MOONS_LEARNING_RATE = 0.01
MOONS_WEIGHT_DECAY = 1e-3  # keeps the weights, hence the Lipschitz constant, moderate
# The raw moons lie in about [-1.25, 2.25] x [-0.75, 1.25]; this box is mapped onto [0, 1]^2.
MOONS_RAW_LOWER = np.array([-1.25, -0.75])
MOONS_RAW_SPAN = np.array([3.5, 2.0])

REGRESSOR_SEED = 1
REGRESSOR_WIDTHS = [3, 8, 8, 1]


def make_moons(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles with Gaussian noise, rescaled and clipped to ``[0, 1]^2``.

    Class 0 is the upper moon ``(cos t, sin t)``, class 1 the lower moon
    ``(1 - cos t, 0.5 - sin t)``, ``t ~ U[0, pi]``. Returns points ``[N, 2]`` and labels ``[N]``.
    """
    t = rng.uniform(0.0, np.pi, size=(2, MOONS_POINTS_PER_CLASS))
    upper = np.stack([np.cos(t[0]), np.sin(t[0])], axis=1)
    lower = np.stack([1.0 - np.cos(t[1]), 0.5 - np.sin(t[1])], axis=1)
    raw = np.concatenate([upper, lower]) + MOONS_NOISE * rng.standard_normal((2 * MOONS_POINTS_PER_CLASS, 2))
    points = np.clip((raw - MOONS_RAW_LOWER) / MOONS_RAW_SPAN, 0.0, 1.0)
    labels = np.repeat([0, 1], MOONS_POINTS_PER_CLASS)
    return points, labels


def he_init(rng: np.random.Generator, widths: list[int]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """He-normal weights ``N(0, 2 / fan_in)`` shaped ``[out, in]`` and small normal biases."""
    weights = [rng.standard_normal((out, fan_in)) * np.sqrt(2.0 / fan_in) for fan_in, out in zip(widths, widths[1:])]
    biases = [0.1 * rng.standard_normal(out) for out in widths[1:]]
    return weights, biases


def forward_with_cache(weights, biases, x: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """Logits of a batch ``x`` and the layer inputs ``h_{-1} = x, h_0, …`` needed by backprop."""
    inputs = [x]
    h = x
    for w, b in zip(weights[:-1], biases[:-1]):
        h = np.maximum(h @ w.T + b, 0.0)
        inputs.append(h)
    return h @ weights[-1].T + biases[-1], inputs


def loss_and_gradients(weights, biases, x: np.ndarray, labels: np.ndarray, weight_decay: float):
    """Mean softmax cross-entropy plus ``weight_decay / 2 * sum ||W_k||_F^2``, and its gradients."""
    logits, inputs = forward_with_cache(weights, biases, x)
    shifted = logits - logits.max(axis=1, keepdims=True)
    probs = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    n = x.shape[0]
    loss = -np.mean(np.log(probs[np.arange(n), labels])) + 0.5 * weight_decay * sum(np.sum(w * w) for w in weights)
    delta = probs
    delta[np.arange(n), labels] -= 1.0
    delta /= n
    grad_w, grad_b = [None] * len(weights), [None] * len(weights)
    for k in range(len(weights) - 1, -1, -1):
        grad_w[k] = delta.T @ inputs[k] + weight_decay * weights[k]
        grad_b[k] = delta.sum(axis=0)
        if k > 0:
            delta = (delta @ weights[k]) * (inputs[k] > 0)
    return loss, grad_w, grad_b


def train_adam(weights, biases, x, labels, steps: int, learning_rate: float, weight_decay: float) -> float:
    """Full-batch Adam (beta1 0.9, beta2 0.999, eps 1e-8) in place; returns the final loss."""
    params = weights + biases
    first = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    loss = float("nan")
    for step in range(1, steps + 1):
        loss, grad_w, grad_b = loss_and_gradients(weights, biases, x, labels, weight_decay)
        for p, g, m, v in zip(params, grad_w + grad_b, first, second):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= learning_rate * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return float(loss)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_model(network: Network, card: dict) -> None:
    """Write ``<name>.onnx``, ``<name>.npz`` and the JSON card ``<name>.json`` into ``data/``."""
    files = {}
    for suffix, save in ((".onnx", save_onnx), (".npz", save_npz)):
        path = HERE / f"{network.name}{suffix}"
        save(network, path)
        files[path.name] = sha256(path)
    card = {
        "name": network.name,
        "widths": network.widths,
        "architecture": "-".join(map(str, network.widths)) + " fully connected, ReLU between layers, affine output",
        **card,
        "files_sha256": files,
        "format": "npz: W0, b0, W1, b1, ... with Wk shaped [out, in]; onnx: opset 13 Gemm/Relu chain, "
        "float64, input 'input' [batch, n], output 'output' [batch, m]",
        "regenerate": REGENERATE,
    }
    (HERE / f"{network.name}.json").write_text(json.dumps(card, indent=2) + "\n")


def build_moons() -> None:
    rng = np.random.default_rng(MOONS_SEED)
    points, labels = make_moons(rng)
    weights, biases = he_init(rng, MOONS_WIDTHS)
    loss = train_adam(weights, biases, points, labels, MOONS_STEPS, MOONS_LEARNING_RATE, MOONS_WEIGHT_DECAY)
    network = Network(weights, biases, name="moons2d")
    accuracy = float(np.mean(np.argmax(network.forward(points), axis=1) == labels))
    write_model(
        network,
        {
            "task": "two-moons binary classification; output = logits of class 0 (upper moon) and class 1 (lower moon)",
            "input_domain": {"lower": [0.0, 0.0], "upper": [1.0, 1.0]},
            "seed": MOONS_SEED,
            "training": {
                "data": f"{2 * MOONS_POINTS_PER_CLASS} points from make_moons() in data/generate.py, "
                f"noise {MOONS_NOISE}, rescaled and clipped to [0, 1]^2",
                "method": "full-batch Adam on the mean softmax cross-entropy with L2 weight decay, He-normal init",
                "steps": MOONS_STEPS,
                "learning_rate": MOONS_LEARNING_RATE,
                "weight_decay": MOONS_WEIGHT_DECAY,
                "final_objective": round(loss, 6),  # cross-entropy + weight-decay penalty
                "training_accuracy": round(accuracy, 4),
            },
        },
    )
    print(f"moons2d: training accuracy {accuracy:.3f}, loss {loss:.4f}")


def build_regressor() -> None:
    rng = np.random.default_rng(REGRESSOR_SEED)
    weights, biases = he_init(rng, REGRESSOR_WIDTHS)
    write_model(
        Network(weights, biases, name="tiny_regressor"),
        {
            "task": "none: random weights, scalar output (a small test case for exact Lipschitz constants)",
            "seed": REGRESSOR_SEED,
            "training": {"method": "untrained; He-normal weights N(0, 2/fan_in), biases N(0, 0.01)"},
        },
    )
    print("tiny_regressor: written")


if __name__ == "__main__":
    build_moons()
    build_regressor()
