"""``python -m exactlip.zoo [--out DIR] [--only NAME ...]``: (re)build the shipped zoo."""

from __future__ import annotations

import argparse
import sys

from ..errors import ExactLipError
from .build import DEFAULT_OUT, build
from .catalog import MODEL_NAMES
from .datasets import DATASET_NAMES


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m exactlip.zoo",
        description="Train the zoo's small ReLU classifiers (deterministic) and write "
        "<dataset>-<regime>.{onnx,npz,json} and <dataset>-test.npz.",
    )
    parser.add_argument("--out", default=str(DEFAULT_OUT), help=f"output directory (default {DEFAULT_OUT})")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help=f"a model ({MODEL_NAMES[0]}, …) or a dataset ({', '.join(DATASET_NAMES)}); repeat for several",
    )
    args = parser.parse_args(argv)

    def progress(index, count, spec, trained, seconds):
        print(
            f"[{index}/{count}] {spec.name}: {spec.epochs} epochs, train accuracy {trained.train_accuracy:.3f}, "
            f"test accuracy {trained.test_accuracy:.3f}, {seconds:.1f} s",
            flush=True,
        )

    try:
        build(args.out, args.only, on_model=progress)
    except ExactLipError as exc:
        print(f"python -m exactlip.zoo: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
