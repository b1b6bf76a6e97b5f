"""``exactlip estimate MODEL [--methods …] [box] [norms] [--json]``: run Lipschitz estimators.

Without a box only the global methods run (and asking for a local one is an error
naming it); with a box the local ones run too. The terminal shows one row per
estimator: kind, certified, scope, value and seconds.
"""

from __future__ import annotations

import json

from ..errors import OptionError
from .options import add_box_options, box_from_arguments, norm_arguments


def register(commands) -> None:
    parser = commands.add_parser("estimate", help="bound the Lipschitz constant with estimators (AutoLip, SeqLip, LipSDP, …)")
    parser.add_argument("model", help="a .onnx or .npz network")
    parser.add_argument(
        "--methods",
        help="comma-separated estimators (default: every one that applies; see exactlip.estimators.METHODS)",
    )
    add_box_options(parser)
    group = parser.add_argument_group("norms")
    group.add_argument("--norm", default="l2", help="input norm: l2, linf or l1 (default l2)")
    group.add_argument("--output-norm", help="output norm for vector outputs: l2, linf or l1 (default: --norm)")
    group.add_argument("--c", help="output direction c (constant of c·f), comma-separated")
    group.add_argument("--margin", help="LABEL,OTHER: constant of f[LABEL] - f[OTHER]")
    parser.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="METHOD.KEY=VALUE",
        help="a per-method option, e.g. seqlip.max_exact_width=16 or lipsdp_neuron.solver=SCS (repeatable)",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed of the sampling methods")
    parser.add_argument("--json", action="store_true", help="print the estimates as JSON")
    parser.set_defaults(run=run)


def method_options(items: list[str]) -> dict:
    """``{"method": {"key": value}}`` from ``METHOD.KEY=VALUE`` items (values parsed as JSON when possible)."""
    out: dict = {}
    for item in items:
        name, sep, value = item.partition("=")
        method, dot, key = name.partition(".")
        if not sep or not dot or not method or not key:
            raise OptionError(f"--option takes METHOD.KEY=VALUE, got {item!r}")
        try:
            parsed = json.loads(value)
        except json.JSONDecodeError:
            parsed = value
        out.setdefault(method.strip(), {})[key.strip()] = parsed
    return out


def run(args) -> int:
    from ..estimators import estimate
    from ..network.load import load_network

    network = load_network(args.model)
    has_box = any(getattr(args, key) is not None for key in ("box", "center", "radius"))
    box = box_from_arguments(args, network.input_dim) if has_box else None
    methods = None if args.methods is None else [m for m in args.methods.split(",") if m.strip()]
    results = estimate(
        network, box, **norm_arguments(args), methods=methods, options=method_options(args.option), seed=args.seed
    )
    if args.json:
        print(json.dumps({"model": args.model, "estimates": [r.to_dict() for r in results]}, indent=2))
    else:
        print_table(results, args.model)
    return 0


def print_table(results, model: str) -> None:
    target = results[0].details["target"] if results else {}
    print(f"model   {model}")
    if target:
        if target.get("margin") is not None:
            what = f"margin f[{target['margin'][0]}] - f[{target['margin'][1]}]"
        elif target.get("c") is not None:
            what = "c·f" if target.get("output_norm") is None else "scalar output"
        else:
            what = target["output_norm"]
        print(f"norm    {target['norm']} → {what}")
    header = f"{'method':<22}{'kind':<11}{'certified':<11}{'scope':<8}{'value':>16}{'seconds':>10}  note"
    print(header)
    print("-" * len(header))
    for r in results:
        note = ""
        conversion = r.details.get("conversion")
        if conversion:
            note = f"converted: {conversion['chosen']}"
        elif r.details.get("note"):
            note = str(r.details["note"])
        print(
            f"{r.method:<22}{r.kind:<11}{'yes' if r.certified else 'no':<11}{'local' if r.local else 'global':<8}"
            f"{r.value:>16.8g}{r.seconds:>10.3f}  {note}"
        )
