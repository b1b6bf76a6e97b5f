"""Option groups shared by several commands: the input box and the norm choice."""

from __future__ import annotations

import numpy as np

from ..domain import Box
from ..errors import ShapeError


_NUMERIC_OPTIONS = ("--box", "--center", "--clip", "--c", "--margin")


def attach_negative_values(argv: list[str]) -> list[str]:
    """Write ``--box -1:2`` as ``--box=-1:2`` (likewise ``--center``, ``--clip``, ``--c``,
    ``--margin``): argparse would otherwise read a value starting with ``-`` as an option."""
    out: list[str] = []
    tokens = iter(argv)
    for token in tokens:
        if token in _NUMERIC_OPTIONS:
            value = next(tokens, None)
            if value is not None and value.startswith("-") and value[1:2] in tuple("0123456789."):
                out.append(f"{token}={value}")
                continue
            out.append(token)
            if value is not None:
                out.append(value)
            continue
        out.append(token)
    return out


def add_box_options(parser) -> None:
    group = parser.add_argument_group("input box")
    group.add_argument("--box", help="LO:HI per coordinate, comma-separated (one pair applies to all)")
    group.add_argument("--center", help="centre of an ℓ∞ ball, comma-separated (one value applies to all)")
    group.add_argument("--radius", type=float, help="radius of the ℓ∞ ball")
    group.add_argument("--clip", help="LO,HI data range to intersect the ball with")


def add_norm_options(parser) -> None:
    group = parser.add_argument_group("norms")
    group.add_argument("--norm", default="linf", help="input norm: linf or l1 (default linf)")
    group.add_argument("--output-norm", help="output norm for vector outputs: linf or l1 (default: --norm)")
    group.add_argument("--c", help="output direction c (constant of c·f), comma-separated")
    group.add_argument("--margin", help="LABEL,OTHER: constant of f[LABEL] - f[OTHER]")


def floats(text: str, option: str) -> np.ndarray:
    """Comma-separated numbers; ShapeError naming ``option`` otherwise."""
    try:
        return np.array([float(v) for v in text.split(",") if v.strip() != ""], dtype=np.float64)
    except ValueError:
        raise ShapeError(f"{option} must be comma-separated numbers, got {text!r}") from None


def norm_arguments(args) -> dict:
    """``norm``, ``output_norm``, ``c`` and ``margin`` keyword arguments from the options."""
    return {
        "norm": args.norm,
        "output_norm": args.output_norm,
        "c": None if args.c is None else floats(args.c, "--c"),
        "margin": None if args.margin is None else tuple(int(v) for v in floats(args.margin, "--margin")),
    }


def _box_from_pairs(text: str, input_dim: int) -> Box:
    """``LO:HI,LO:HI,…`` (one pair per coordinate, or one pair for all)."""
    pairs = []
    for item in text.split(","):
        parts = item.split(":")
        if len(parts) != 2:
            raise ShapeError(f"--box takes LO:HI pairs separated by commas, got {item!r}")
        try:
            pairs.append((float(parts[0]), float(parts[1])))
        except ValueError:
            raise ShapeError(f"--box bounds must be numbers, got {item!r}") from None
    if len(pairs) == 1:
        pairs = pairs * input_dim
    lower, upper = zip(*pairs)
    return Box(lower, upper)


def box_from_arguments(args, input_dim: int) -> Box:
    """The box given by ``--box`` or by ``--center``/``--radius``/``--clip``."""
    if args.box is not None:
        if args.center is not None or args.radius is not None:
            raise ShapeError("give either --box or --center/--radius, not both")
        return _box_from_pairs(args.box, input_dim)
    if args.center is None or args.radius is None:
        raise ShapeError("give the input box: --box LO:HI,… or --center C1,C2,… with --radius R")
    center = floats(args.center, "--center")
    if center.size == 1 and input_dim > 1:
        center = np.full(input_dim, center[0])
    clip = None if args.clip is None else tuple(floats(args.clip, "--clip"))
    if clip is not None and len(clip) != 2:
        raise ShapeError(f"--clip takes LO,HI, got {args.clip!r}")
    return Box.linf_ball(center, args.radius, clip=clip)
