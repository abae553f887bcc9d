"""The share of mutants killed per module, from mutmut's results (mutants/**/*.meta).

The score is killed / checked. A timeout is shown apart and not counted as killed: a run that
builds a test database can pass mutmut's time limit without any hang (timeout_constant in
pyproject.toml gives it room). A mutant that no test reaches counts as survived. `--min 85` exits
with 1 when a module scores lower.

    .venv/bin/python bench/mutation/score.py [--min 85] [--survivors]
"""

import argparse
import json
import sys
from pathlib import Path

KILLED = {1, 3}
TIMEOUT = {36, 24, -24, 152, 255}
NOT_RUN = {None, 2, 34}  # not checked yet, interrupted, skipped


def scores(root: Path) -> dict[str, dict[str, list[str]]]:
    by_module: dict[str, dict[str, list[str]]] = {}
    for meta in sorted(root.rglob("*.py.meta")):
        module = str(meta.relative_to(root))[: -len(".meta")]
        outcome = by_module.setdefault(module, {"killed": [], "survived": [], "timeout": []})
        for mutant, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            if code in NOT_RUN:
                continue
            kind = "killed" if code in KILLED else "timeout" if code in TIMEOUT else "survived"
            outcome[kind].append(mutant)
    return by_module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("mutants"))
    parser.add_argument("--min", type=float, default=0.0, help="lowest acceptable %% killed")
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    args = parser.parse_args()
    low = []
    print(f"{'module':<48} {'killed':>7} {'timeout':>8} {'of':>5} {'score':>7}")
    for module, outcome in scores(args.root).items():
        total = sum(len(mutants) for mutants in outcome.values())
        if not total:
            continue
        score = 100 * len(outcome["killed"]) / total
        killed, timeout = len(outcome["killed"]), len(outcome["timeout"])
        print(f"{module:<48} {killed:>7} {timeout:>8} {total:>5} {score:>6.1f}%")
        if args.survivors:
            for kind in ("survived", "timeout"):
                for mutant in outcome[kind]:
                    print(f"    {kind}: {mutant}")
        if score < args.min:
            low.append(module)
    if low:
        print(f"below {args.min:g}%: {', '.join(low)}")
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
