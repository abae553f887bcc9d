"""The share of mutants killed per module, from mutmut's results (mutants/**/*.meta).

A timeout counts as killed (the mutant hangs a test, so the tests notice); a mutant that no test
reaches counts as survived. `--min 85` exits with 1 when a module scores lower.

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
        outcome = by_module.setdefault(module, {"killed": [], "survived": []})
        for mutant, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            if code in NOT_RUN:
                continue
            outcome["killed" if code in KILLED | TIMEOUT else "survived"].append(mutant)
    return by_module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("mutants"))
    parser.add_argument("--min", type=float, default=0.0, help="lowest acceptable %% killed")
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    args = parser.parse_args()
    low = []
    print(f"{'module':<48} {'killed':>7} {'of':>5} {'score':>7}")
    for module, outcome in scores(args.root).items():
        total = len(outcome["killed"]) + len(outcome["survived"])
        if not total:
            continue
        score = 100 * len(outcome["killed"]) / total
        print(f"{module:<48} {len(outcome['killed']):>7} {total:>5} {score:>6.1f}%")
        if args.survivors:
            for mutant in outcome["survived"]:
                print(f"    survived: {mutant}")
        if score < args.min:
            low.append(module)
    if low:
        print(f"below {args.min:g}%: {', '.join(low)}")
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
