"""civsam's benchmarks: each step timed against a plain baseline doing the same work.

Run with ``nox -s bench`` (or ``python benchmarks/run.py``). Every step is run several
times, alternating civsam and its baseline so that a busy machine slows both alike; the
table shows medians and the ratio civsam / baseline, which is what targets are set on,
since absolute times on shared machines are noise.

    python benchmarks/run.py --size 100000 --repeat 5
    python benchmarks/run.py --size 5000 --check   # the CI regression guard
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from national import national

import civsam


class Step(NamedTuple):
    """One benchmark: civsam's way and the baseline's, with the target ratio."""

    name: str
    civsam: Callable[[], object]
    baseline: Callable[[], object]
    target: float


def _median_pair(step: Step, repeat: int) -> tuple[float, float]:
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(repeat):
        for run, times in ((step.baseline, theirs), (step.civsam, ours)):
            gc.collect()
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
    return statistics.median(ours), statistics.median(theirs)


_ORDER = {"start_here": 0, "discuss": 1, "not_now": 2, "not_worth_it": 3}


def _plain_prioritise(rows: list[tuple[str, int, int]]) -> list[tuple[Any, ...]]:
    """Classify and sort, nothing else: the floor any prioritisation has to pay."""
    placed = []
    for partner, importance, ease in rows:
        important, easy = importance >= 4, ease >= 4
        if important:
            quadrant = "start_here" if easy else "discuss"
        else:
            quadrant = "not_now" if easy else "not_worth_it"
        placed.append((_ORDER[quadrant], -(importance + ease), -importance, -ease, partner))
    placed.sort()
    return placed


_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _plain_csv(
    ranked: list[tuple[int, str, dict[str, Any]]],
    organisations: dict[str, dict[str, Any]],
    labels: dict[str, str],
) -> bytes:
    """Plain Python writing the same table with csv.writer, from plain dicts.

    The same work as civsam's exporter: look up each partner, fill the same columns,
    neutralise would-be formulas, write with csv.writer, UTF-8 with BOM and ``;``.
    """

    def cell(text: str) -> str:
        return "'" + text if text.startswith(_RISKY_START) else text

    out = io.BytesIO()
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    for rank, quadrant, row in ranked:
        organisation = organisations[row["partner"]]
        writer.writerow(
            [
                str(rank),
                labels[quadrant],
                cell(organisation["id"]),
                cell(organisation["name"]),
                labels[organisation["kind"]],
                cell(row.get("shared_interest", "")),
                str(row["importance"]),
                cell(row.get("importance_note", "")),
                str(row["ease"]),
                cell(row.get("ease_note", "")),
                cell(row.get("challenges", "")),
                cell(row.get("existing_relation", "")),
                "",
                cell(row.get("notes", "")),
            ]
        )
    text.flush()
    text.detach()
    return out.getvalue()


def steps(size: int) -> list[Step]:
    """The benchmarks for a project of ``size`` organisations and assessments."""
    data = national(organisations=size, relations=size * 3, assessments=size)
    project = civsam.loads(json.dumps(data), "json")
    rows = [(a["partner"], a["importance"], a["ease"]) for a in data["assessments"]]
    report = civsam.make_report(project)
    civsam.export(report, "csv")  # both sides start from a ranking already made
    by_id = {org["id"]: org for org in data["organisations"]}
    by_partner = {row["partner"]: row for row in data["assessments"]}
    ranked = [(p.rank, p.quadrant.value, by_partner[p.partner.id]) for p in report.prioritisation]
    labels = {q.value: civsam.label(f"quadrant.{q.value}") for q in civsam.Quadrant}
    labels |= {k.value: civsam.label(f"org_kind.{k.value}") for k in civsam.OrgKind}
    return [
        Step(
            "prioritise",
            lambda: civsam.prioritise(project),
            lambda: _plain_prioritise(rows),
            1.5,
        ),
        Step(
            "export csv",
            lambda: civsam.export(report, "csv"),
            lambda: _plain_csv(ranked, by_id, labels),
            1.5,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the table; with ``--check``, fail on a missed target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="organisations (100000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per step (5)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument(
        "--margin",
        type=float,
        default=1.0,
        help="multiply targets by this with --check (noisy machines)",
    )
    args = parser.parse_args(argv)
    print(
        f"civsam {civsam.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {args.size:,} organisations, median of {args.repeat}"
    )
    print(f"{'step':<24}{'civsam':>12}{'baseline':>12}{'ratio':>8}{'target':>8}")
    missed = []
    for step in steps(args.size):
        ours, theirs = _median_pair(step, args.repeat)
        ratio = ours / theirs
        mark = "" if ratio <= step.target else "  missed"
        print(
            f"{step.name:<24}{ours * 1000:>10.1f}ms{theirs * 1000:>10.1f}ms"
            f"{ratio:>8.2f}{step.target:>8.2f}{mark}"
        )
        if ratio > step.target * args.margin:
            missed.append(step.name)
    if args.check and missed:
        print(f"missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
