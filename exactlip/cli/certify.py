"""``exactlip certify MODEL --center … [--radius R] [--norm linf|l1] [--clip LO,HI] [--label Y] …``.

Certifies that the prediction at the centre cannot change within a ball (see
:mod:`exactlip.robustness`): the largest certified radius by bisection, whether
``--radius`` is certified, per competing class the margin and the bracket of its
Lipschitz constant, the estimators' radii for comparison and the attack's closest
adversarial point. ``--json`` prints ``to_dict()``. Exit code 0 whatever the verdict.
"""

from __future__ import annotations

import json
import math

import numpy as np

from ..errors import ShapeError
from .options import floats


def register(commands) -> None:
    parser = commands.add_parser("certify", help="certify that a prediction is robust within a ball (exact Lipschitz margins)")
    parser.add_argument("model", help="a .onnx or .npz classifier (one logit per class)")
    ball = parser.add_argument_group("ball")
    ball.add_argument("--center", required=True, help="the input point, comma-separated (one value applies to all)")
    ball.add_argument("--radius", type=float, help="a radius to decide (the largest certified radius is searched anyway)")
    ball.add_argument("--norm", default="linf", help="ball norm: linf or l1 (default linf)")
    ball.add_argument("--clip", help="LO,HI data range to intersect the ball with (the centre must lie in it)")
    ball.add_argument("--label", type=int, help="class to certify (default: the prediction at the centre)")
    search = parser.add_argument_group("search")
    search.add_argument("--max-radius", type=float, help="upper end of the bisection (default: the a-priori limit m/|∇m(x0)|)")
    search.add_argument("--rtol", type=float, default=1e-3, help="relative tolerance of the bisection (default 1e-3)")
    search.add_argument("--max-steps", type=int, default=30, help="bisection steps at most (default 30)")
    search.add_argument(
        "--arithmetic", default="float32", help="evaluations covered besides the real network: float32 (default), float64 or real"
    )
    search.add_argument(
        "--estimators",
        default="naive,fastlip,bound_propagation,liplp",
        help="comma-separated upper-bound estimators to compare, or 'none' (default naive,fastlip,bound_propagation,liplp)",
    )
    search.add_argument("--no-attack", action="store_true", help="skip the adversarial search")
    search.add_argument(
        "--no-screen", action="store_true", help="solve every class exactly (no bound-propagation shortcut; same radius, slower)"
    )
    solver = parser.add_argument_group("solver")
    solver.add_argument("--backend", default="highs", help="MIP backend: highs (default), gurobi, pulp, pulp:SOLVER or auto")
    solver.add_argument("--time-limit", type=float, default=60.0, help="seconds per MIP solve (default 60); a time-limited solve's upper bound is used")
    solver.add_argument("--threads", type=int, help="solver threads, and processes sharing a region search (default: one per core)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (sampling, attack)")
    parser.add_argument("--json", action="store_true", help="print the certificate as JSON")
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..network.load import load_network
    from ..robustness import certify

    network = load_network(args.model)
    center = floats(args.center, "--center")
    if center.size == 1 and network.input_dim > 1:
        center = np.full(network.input_dim, center[0])
    clip = None
    if args.clip is not None:
        clip = tuple(floats(args.clip, "--clip"))
        if len(clip) != 2:
            raise ShapeError(f"--clip takes LO,HI, got {args.clip!r}")
    estimators = [] if args.estimators.strip().lower() in ("", "none") else [m for m in args.estimators.split(",") if m.strip()]
    result = certify(
        network,
        center,
        args.radius,
        norm=args.norm,
        clip=clip,
        label=args.label,
        estimators=estimators,
        max_radius=args.max_radius,
        rtol=args.rtol,
        max_steps=args.max_steps,
        arithmetic=args.arithmetic,
        attack=not args.no_attack,
        screen=not args.no_screen,
        backend=args.backend,
        time_limit=args.time_limit,
        threads=args.threads,
        seed=args.seed,
    )
    if args.json:
        print(json.dumps({"model": args.model, **result.to_dict()}, indent=2))
    else:
        print_certificate(result, args.model)
    return 0


def _radius(value) -> str:
    return "whole clip box" if value is not None and math.isinf(value) else "—" if value is None else f"{value:.6g}"


def print_certificate(result, model: str) -> None:
    clip = "" if result.clip is None else f"  clipped to [{result.clip[0]:g}, {result.clip[1]:g}]"
    print(f"model        {model}")
    print(f"ball         {result.norm} around [{', '.join(f'{v:.6g}' for v in result.center)}]{clip}")
    print(f"prediction   class {result.predicted}  (logits {', '.join(f'{v:.6g}' for v in result.logits)})")
    print(f"status       {result.status}: {result.message}")
    if result.status == "wrong_label":
        return
    search = result.search
    print(
        f"certified    radius {_radius(result.certified_radius)}  (source {result.source}; "
        f"{search['bisection_steps']} bisection steps, rtol {search['rtol']:g}, {search['evaluations']} radii evaluated)"
    )
    if result.radius_limit is not None:
        print(
            f"limit        radius {result.radius_limit:.6g}: the exact lower bound rules out any Lipschitz certificate "
            "(constant over the ball's box) there"
        )
    if result.attack is not None:
        if result.attack.radius is not None:
            print(
                f"attack       adversarial point at radius {result.attack.radius:.6g} "
                f"(class {result.attack.adversarial_class}, margin {result.attack.margin:.3g})"
            )
        else:
            print(f"attack       no adversarial point found up to radius {result.attack.searched_radius:.6g}")
    print(f"arithmetic   {result.arithmetic}")
    for note in result.notes:
        print(f"note         {note}")
    if result.classes:
        where = result.certified_radius if result.certified_radius > 0 else search.get("failed_radius")
        print(f"\nper class at radius {_radius(where)}")
        header = f"{'class':>5}  {'margin':>12}  {'L lower':>12}  {'L upper':>12}  {'status':<12}{'slack':>12}"
        print(header)
        print("-" * len(header))
        for c in result.classes:
            lower = "—" if c.lower is None else f"{c.lower:.8g}"
            mark = "  binding" if c.cls == result.binding_class else ""
            print(f"{c.cls:>5}  {c.margin:>12.8g}  {lower:>12}  {c.upper:>12.8g}  {c.status:<12}{c.slack:>12.4g}{mark}")
    if result.estimators:
        print("\nestimators (same decision rule, their upper bound in place of the exact one)")
        given = "" if result.radius is None else f"{'r=' + format(result.radius, 'g'):>12}"
        header = f"{'method':<20}{'scope':<8}{'certified':<11}{'radius':>16}{given}{'seconds':>10}"
        print(header)
        print("-" * len(header))
        for e in result.estimators:
            scope = "local" if e.local else "global"
            note = f"  {e.note}" if e.note else ""
            decided = "" if result.radius is None else f"{'—' if e.radius_certified is None else 'yes' if e.radius_certified else 'no':>12}"
            print(
                f"{e.method:<20}{scope:<8}{'yes' if e.certified else 'no':<11}{_radius(e.radius):>16}{decided}"
                f"{e.seconds:>10.3f}{note}"
            )
    seconds = result.seconds
    print(
        f"\nseconds      exact {seconds['exact']:.3f}, estimators {seconds['estimators']:.3f}, "
        f"attack {seconds['attack']:.3f}, total {seconds['total']:.3f}"
    )
