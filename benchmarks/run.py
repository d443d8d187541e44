"""civsam's benchmarks: each step timed against a plain baseline doing the same work.

Run with ``nox -s bench`` (or ``python benchmarks/run.py``). Every step is run several
times, alternating civsam and its baseline so that a busy machine slows both alike; the
table shows median CPU times (of the process, and of its child processes for the steps
that start one) and the ratio civsam / baseline, which is what targets are set on, since
absolute times on shared machines are noise. Two figures have absolute targets instead,
at national size: the peak memory of a loaded project, and ``civsam export … -f csv``
end to end.

    python benchmarks/run.py --size 100000 --repeat 3
    python benchmarks/run.py --size 100000 --steps load,memory   # some steps only
    python benchmarks/run.py --size 5000 --check --margin 2 --steps load,save,…   # the CI guard

The baselines live in ``plain.py``; each says what it does and leaves out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attrs
import icalendar
import plain
from national import MUNICIPALITIES, PLAN_START, national

import civsam
from civsam_exporters import markdown as civsam_markdown

NATIONAL = 100_000
"""The national size: organisations (and assessments); relations are three times as many."""
CALENDAR_PARTNERS = 5_000
"""Assessed partners in the calendar step at national size, all in *start here* or *discuss*."""
INTRODUCTION_TARGETS = 1_000
"""Partners the introductions step asks about at national size."""
MEMORY_LIMIT = 1_000_000_000
"""Bytes: a loaded national project (organisations, relations, the graph) stays under 1 GB."""
END_TO_END_LIMIT = 10.0
"""Seconds: ``civsam export national.json -f csv -o …`` at national size."""


class Step(NamedTuple):
    """One benchmark: civsam's way and the baseline's, with the target ratio."""

    name: str
    civsam: Callable[[], object]
    baseline: Callable[[], object]
    target: float
    runs: int = 0
    """Runs of each side; 0: ``--repeat``."""


class Figure(NamedTuple):
    """One absolute measurement of civsam's, with its limit (and a baseline's, for scale)."""

    name: str
    value: float
    limit: float
    unit: str
    baseline: float | None = None


def _cpu() -> float:
    """CPU seconds used so far by this process and the child processes it waited for.

    CPU time, not the clock on the wall: on a shared machine another job's work delays a
    step without adding to its CPU time (though it still costs it cache), so the ratios
    hold better. The end-to-end figure, which a user waits for, is wall time.
    """
    try:
        import resource  # noqa: PLC0415 - not on Windows
    except ImportError:  # pragma: no cover
        return time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _median_pair(step: Step, repeat: int) -> tuple[float, float]:
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(step.runs or repeat):
        for run, times in ((step.baseline, theirs), (step.civsam, ours)):
            gc.collect()
            started = _cpu()
            run()
            times.append(_cpu() - started)
    return statistics.median(ours), statistics.median(theirs)


class Bench:
    """The data and projects the steps share, each made the first time a step needs it."""

    def __init__(self, size: int, repeat: int, folder: Path) -> None:
        self.size = size
        self.repeat = repeat
        self.folder = folder

    @functools.cached_property
    def data(self) -> dict[str, Any]:
        """The national project file's data at this size: touchpoints for half as many."""
        size = self.size
        return national(
            organisations=size, relations=size * 3, assessments=size, touchpoints=size // 2
        )

    @functools.cached_property
    def json_path(self) -> Path:
        """The project as a JSON file, written as civsam writes one (indented, UTF-8)."""
        path = self.folder / "national.json"
        path.write_text(json.dumps(self.data, ensure_ascii=False, indent=2) + "\n", "utf-8")
        return path

    @functools.cached_property
    def project(self) -> civsam.Project:
        """The project as civsam loads it."""
        return civsam.load(self.json_path)

    @functools.cached_property
    def plain(self) -> plain.PlainProject:
        """The project as the plain baseline loads it."""
        return plain.plain_load(self.json_path)

    @functools.cached_property
    def report(self) -> civsam.Report:
        """A report on the project, its ranking and plan made (both sides start from them)."""
        report = civsam.make_report(self.project)
        civsam.export(report, "csv")
        return report

    def env(self) -> dict[str, str]:
        """Child processes' environment: bytecode cached (in our folder), as an install has."""
        env = dict(os.environ, PYTHONPYCACHEPREFIX=str(self.folder / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        return env


def _civsam_command() -> list[str]:
    """The ``civsam`` script beside this interpreter, as a user runs it."""
    script = Path(sys.executable).with_name("civsam")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "civsam"]


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False
    )
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode(errors='replace')}")


# -- steps against a baseline -------------------------------------------------------------


def load_step(bench: Bench) -> Step:
    """``civsam.load`` of the JSON file and ``project.graph``, against :func:`plain.plain_load`.

    The graph is asked for because the baseline builds it: civsam builds it only when
    it is first used, which a load alone never does.
    """
    path = bench.json_path

    def ours() -> object:
        return civsam.load(path).graph

    assert (
        civsam.load(path).graph.number_of_edges() == plain.plain_load(path).graph.number_of_edges()
    )
    return Step("load and validate", ours, lambda: plain.plain_load(path), 2.0)


def save_step(bench: Bench) -> Step:
    """``civsam.save`` to JSON against dataclasses to dicts, ``json.dumps``, atomic write."""
    project, baseline = bench.project, bench.plain
    ours, theirs = bench.folder / "civsam.json", bench.folder / "plain.json"
    return Step(
        "save json",
        lambda: civsam.save(project, ours),
        lambda: plain.plain_save_json(baseline, theirs),
        1.5,
    )


def save_toml_step(bench: Bench) -> Step:
    """``civsam.save`` to TOML against dataclasses to dicts, ``tomli_w.dumps``, atomic write."""
    project, baseline = bench.project, bench.plain
    ours, theirs = bench.folder / "civsam.toml", bench.folder / "plain.toml"
    return Step(
        "save toml",
        lambda: civsam.save(project, ours),
        lambda: plain.plain_save_toml(baseline, theirs),
        1.5,
    )


def prioritise_step(bench: Bench) -> Step:
    """``civsam.prioritise`` against :func:`plain.plain_prioritise` on the loaded assessments.

    Both read the assessments as loaded from the same file. Tuples made for the baseline
    in advance would lie in memory in rank-free order, side by side, where a loaded
    project's values are spread among the rest of the file: sorting 100,000 partners
    is mostly fetching their ids from memory, and that alone was worth 1.3× here.
    """
    project, assessments = bench.project, bench.plain.assessments
    return Step(
        "prioritise",
        lambda: civsam.prioritise(project),
        lambda: plain.plain_prioritise(assessments.values()),
        1.5,
    )


def placements_step(bench: Bench) -> Step:
    """Every placement, as README's example reads them, against :func:`plain.plain_placements`.

    ``list(civsam.prioritise(project))`` builds each :class:`civsam.Placement`; the
    baseline classifies, sorts and builds a slotted frozen dataclass with the same
    fields for each partner. Neither renders the reasons' sentences: civsam makes them
    when ``placement.reasons`` is read (see docs/benchmarks.md).
    """
    project, baseline = bench.project, bench.plain
    assessments, organisations = baseline.assessments, baseline.organisations
    language = project.language.value
    return Step(
        "placements",
        lambda: list(civsam.prioritise(project)),
        lambda: plain.plain_placements(assessments.values(), organisations, language),
        1.5,
    )


def csv_step(bench: Bench) -> Step:
    """``civsam.export(report, "csv")`` from a ready report against :func:`plain.plain_csv`."""
    report, data = bench.report, bench.data
    by_id = {org["id"]: org for org in data["organisations"]}
    by_partner = {row["partner"]: row for row in data["assessments"]}
    ranked = [(p.rank, p.quadrant.value, by_partner[p.partner.id]) for p in report.prioritisation]
    labels = {q.value: civsam.label(f"quadrant.{q.value}") for q in civsam.Quadrant}
    labels |= {k.value: civsam.label(f"org_kind.{k.value}") for k in civsam.OrgKind}
    return Step(
        "export csv",
        lambda: civsam.export(report, "csv"),
        lambda: plain.plain_csv(ranked, by_id, labels),
        1.5,
    )


def _section(function: Callable[[civsam.Report], Any], report: civsam.Report) -> str:
    return "\n".join(function(report)).strip("\n")


class _Words(dict[str, str]):
    """Labels in one language, escaped for Markdown, looked up once each."""

    def __init__(self, language: civsam.Language) -> None:
        super().__init__()
        self.language = language

    def __missing__(self, key: str) -> str:
        self[key] = plain.md_escape(civsam.label(key, self.language))
        return self[key]


def _markdown_data(report: civsam.Report) -> plain.MarkdownData:
    """What the Markdown baseline is handed: every text made, nothing escaped that is data."""
    language, project, plan = report.language, report.project, report.plan
    words = _Words(language)

    def number(value: float) -> str:
        return civsam.format_number(value, language)

    def local(when: dt.datetime) -> str:
        return when.astimezone(civsam.TIMEZONE).strftime("%Y-%m-%d %H:%M")

    placements = list(report.prioritisation)
    assessments = project.assessments
    partner_columns = ["rank", "partner", "quadrant", "importance", "ease", "shared_interest",
                       "challenges", "existing_relation"]  # fmt: skip
    approached = {entry.partner for entry in project.outreach}
    meetings = {meeting.partner.id: meeting for meeting in plan.meetings}
    ranked = [
        p
        for p in placements
        if p.quadrant in (civsam.Quadrant.START_HERE, civsam.Quadrant.DISCUSS)
        or p.partner.id in approached
    ]
    assert not approached, "the national project records no outreach steps"
    not_started = words["step.not_started"]
    notes = civsam.toolkit.plan_view(report)
    # The few lines under the approaches (capacity, closed periods) come made, as the
    # small sections do; the sentence naming the partners who wait comes raw.
    facts = list(civsam_markdown._plan_facts(attrs.evolve(notes, unscheduled="")))  # noqa: SLF001

    def every(weeks: int) -> str:
        if weeks == 1:
            return words["plan.every_week"]
        return plain.md_escape(civsam.label("plan.every_weeks", language, weeks=weeks))

    return plain.MarkdownData(
        head=_section(civsam_markdown.heading, report)
        + "\n\n"
        + _section(civsam_markdown.matrix, report),
        partners_title=f"## {civsam.label('report.partners', language)}",
        partner_header=[words[f"column.{c}"] for c in partner_columns],
        partners=[
            [
                str(p.rank),
                p.partner.name,
                civsam.label(f"quadrant_short.{p.quadrant.value}", language),
                number(p.importance),
                number(p.ease),
                assessments[p.partner.id].shared_interest,
                assessments[p.partner.id].challenges,
                assessments[p.partner.id].existing_relation,
            ]
            for p in placements
        ],
        reasons_title=f"## {civsam.label('report.reasons', language)}",
        reasons=[(p.rank, p.partner.name, p.disagreement, p.explain(language)) for p in placements],
        readiness=_section(civsam_markdown.readiness, report),
        plan_title=f"## {words['report.plan']}",
        plan_header=[
            words[f"column.{c}"] for c in ("rank", "partner", "quadrant", "step", "meeting")
        ],
        plan_rows=[
            (
                str(p.rank),
                p.partner.name,
                words[f"quadrant_short.{p.quadrant.value}"],
                not_started,
                local(meetings[p.partner.id].start) if p.partner.id in meetings else "",
            )
            for p in ranked
        ],
        plan_facts=facts,
        unscheduled=notes.unscheduled,
        crowded_out=notes.crowded_out,
        plan_notes=[
            (f"### {words[f'plan.{key}']}", list(lines))
            for key, lines in (
                ("moved_check_ins", notes.moved),
                ("skipped_check_ins", notes.skipped),
            )
            if lines
        ],
        check_ins_title=f"### {words['plan.check_ins']}",
        check_in_header=[words[f"column.{c}"] for c in ("partner", "every", "first")],
        check_ins=[
            (c.partner.name, every(c.every_weeks), local(next(iter(c.occurrences()), c.first)))
            for c in plan.check_ins
        ],
        evaluations_title=f"### {words['plan.evaluations']}",
        evaluation_header=[words[f"column.{c}"] for c in ("partner", "date")],
        evaluations=[(m.partner.name, m.date.isoformat()) for m in plan.milestones],
        due_title=f"## {words['due.title']}",
        due_header=[
            words[f"column.{c}"] for c in ("partner", "last_contact", "due", "days_overdue")
        ],
        due=[
            (
                d.partner.name,
                d.last_contact.isoformat(),
                d.due.isoformat(),
                number(d.days_overdue) if d.days_overdue else words["due.today"],
            )
            for d in report.due
        ],
        due_none=words["due.none"],
        checklists_title=f"## {words['checklist.title']}",
        checklists=[_plain_checklist(checklist, words) for checklist in report.checklists],
        checklists_none=words["review.none"],
        checklist_words={
            **{c: words[f"column.{c}"] for c in ("item", "status", "trend", "note")},
            **{k: words[f"review.{k}"] for k in ("not_reviewed", "agenda", "agenda_empty")},
            # Templates: each label with its placeholder put back, to be filled per checklist.
            "partnership": civsam.label("review.partnership", language, name="{name}"),
            "done": civsam.label("review.done", language, done="{done}"),
            "last_review": civsam.label("review.last_review", language, date="{date}"),
            "next_review": civsam.label("review.next_review", language, date="{date}"),
        },
        footer=_section(civsam_markdown.footer, report),
    )


def _plain_checklist(checklist: civsam.Checklist, words: _Words) -> plain.Checklist:
    def status(progress: civsam.ItemProgress) -> str:
        return words[f"item_status.{progress.status.value if progress.status else 'none'}"]

    def note(progress: civsam.ItemProgress) -> str:
        return progress.latest.note if progress.latest is not None else ""

    return plain.Checklist(
        partner=checklist.partner.name,
        done=checklist.done,
        last_review=None if checklist.last_review is None else checklist.last_review.isoformat(),
        celebrate=checklist.celebrate,
        next_review=None if checklist.next_review is None else checklist.next_review.isoformat(),
        rows=[
            (
                words[p.label_key],
                status(p),
                words[f"trend.{p.trend.value}"] if p.trend is not None else "",
                note(p),
            )
            for p in checklist.items
        ],
        agenda=[(words[p.label_key], status(p), note(p)) for p in checklist.agenda],
    )


def markdown_step(bench: Bench) -> Step:
    """``civsam.export(report, "markdown")`` against :func:`plain.plain_markdown`.

    Both start from a report whose ranking, plan and due contacts are made; the output
    is byte-identical (checked before timing).
    """
    report = bench.report
    data = _markdown_data(report)
    expected = civsam.export(report, "markdown")
    assert plain.plain_markdown(data) == expected, "the Markdown baseline writes other bytes"
    return Step(
        "export markdown",
        lambda: civsam.export(report, "markdown"),
        lambda: plain.plain_markdown(data),
        1.5,
    )


def _calendar_project(partners: int) -> civsam.Project:
    """A national-style project whose partners all get first meetings or check-ins.

    Every partner is important (start here or discuss); three in five have been in touch
    (a touchpoint before the start), so they get check-ins and evaluations instead.
    """
    data = national(
        organisations=partners + 98, relations=partners, assessments=partners, touchpoints=0
    )
    rng = random.Random(5545)  # noqa: S311 - reproducible benchmark data
    start = dt.date(2027, 1, 4)
    for row in data["assessments"]:
        row["importance"] = rng.randint(4, 5)
    data["planning"] = {"start": start.isoformat(), "capacity": 40}
    data["touchpoints"] = [
        {
            "partner": row["partner"],
            "date": (start - dt.timedelta(days=rng.randint(1, 90))).isoformat(),
            "kind": "meeting",
        }
        for row in data["assessments"]
        if rng.random() < 0.6
    ]
    return civsam.loads(json.dumps(data), "json")


def calendar_step(bench: Bench) -> Step:
    """The plan and ``civsam.export(report, "ics")`` against :func:`plain.plain_calendar`.

    5,000 partners at national size (a twentieth of the size below it). The baseline
    builds the same events with ``icalendar`` from plain data; byte-identical output.
    """
    partners = min(CALENDAR_PARTNERS, max(100, bench.size // 20))
    calendar_project = _calendar_project(partners)
    calendar_report = civsam.make_report(calendar_project)
    calendar_bytes = civsam.export(calendar_report, "ics")
    events = plain.calendar_data(calendar_bytes)
    parsed = icalendar.Calendar.from_ical(calendar_bytes)
    header = {name: str(parsed[name]) for name in ("PRODID", "VERSION", "CALSCALE", "UID",
                                                     "NAME", "X-WR-CALNAME")}  # fmt: skip
    reminder = calendar_project.plan_settings.reminder_days
    assert plain.plain_calendar(events, header, reminder) == calendar_bytes

    def ours() -> bytes:
        # A fresh report over the same ranking: the plan is made again each run.
        fresh = civsam.Report(
            calendar_project, calendar_report.prioritisation, calendar_report.language
        )
        return civsam.export(fresh, "ics")

    return Step(
        f"calendar ({partners:,})",
        ours,
        lambda: plain.plain_calendar(events, header, reminder),
        1.5,
    )


def introductions_step(bench: Bench) -> Step:
    """``civsam.introductions(…, brokers=0)`` for 1,000 partners against networkx.

    The partners are every hundredth assessed one (a thousandth of them below national
    size). Both sides start from their network made once: the baseline's ``nx.Graph``
    (:func:`plain.plain_network`), civsam's own undirected view, kept with the project
    until it changes (made by a first, untimed call).
    """
    project, baseline = bench.project, bench.plain
    count = max(10, min(INTRODUCTION_TARGETS, bench.size // 100))
    partners = list(project.assessments)
    targets = partners[:: max(1, len(partners) // count)][:count]
    owner = project.owner.id
    network = plain.plain_network(baseline.organisations, baseline.relations, PLAN_START)
    civsam.introductions(project, targets[0], brokers=0, as_of=PLAN_START)

    def ours() -> None:
        for target in targets:
            civsam.introductions(project, target, brokers=0, as_of=PLAN_START)

    def theirs() -> None:
        for target in targets:
            plain.plain_introductions(network, baseline.organisations, owner, target)

    return Step(f"introductions ({count:,})", ours, theirs, 1.5)


def startup_step(bench: Bench) -> Step:
    """``civsam --help`` against ``python -c "import networkx"``, each a fresh process.

    Both with their bytecode cached (a first, untimed run writes it), as after an
    install; each side runs three times as often as the other steps.
    """
    env = bench.env()
    ours = [*_civsam_command(), "--help"]
    theirs = [sys.executable, "-c", "import networkx"]
    _run(ours, env)
    _run(theirs, env)
    return Step(
        "start-up (civsam --help)",
        lambda: _run(ours, env),
        lambda: _run(theirs, env),
        2.0,
        runs=max(9, 3 * bench.repeat),
    )


STEPS: dict[str, Callable[[Bench], Step]] = {
    "load": load_step,
    "save": save_step,
    "save-toml": save_toml_step,
    "prioritise": prioritise_step,
    "placements": placements_step,
    "csv": csv_step,
    "markdown": markdown_step,
    "calendar": calendar_step,
    "introductions": introductions_step,
    "startup": startup_step,
}


# -- absolute figures -----------------------------------------------------------------------

# The peak resident set of this process image: /proc's VmHWM where there is one, since
# ru_maxrss survives exec and would report the (large) benchmark process that forked it.
_PEAK = """
import pathlib, resource, sys
{load}
status = pathlib.Path("/proc/self/status")
peaks = [line.split()[1] for line in status.read_text().splitlines()
         if line.startswith("VmHWM:")] if status.exists() else []
print(int(peaks[0]) * 1024 if peaks else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _peak(bench: Bench, load: str) -> int:
    code = _PEAK.format(load=textwrap.dedent(load))
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code, str(bench.json_path)],
        check=True,
        capture_output=True,
        text=True,
        env=bench.env(),
        cwd=Path(__file__).resolve().parent,
    )
    return int(done.stdout.split()[-1])


def memory_figure(bench: Bench) -> Figure:
    """Peak resident memory of a process that loads the project and builds its graph.

    The high-water mark of a fresh process (the interpreter and imports included); the plain
    baseline's (:func:`plain.plain_load`, which keeps the same values and graph) for scale.
    """
    ours = _peak(bench, "import civsam\nproject = civsam.load(sys.argv[1])\nproject.graph")
    theirs = _peak(bench, "import plain, pathlib\nplain.plain_load(pathlib.Path(sys.argv[1]))")
    return Figure("peak memory, loaded", ours / 1e6, MEMORY_LIMIT / 1e6, "MB", theirs / 1e6)


def end_to_end_figure(bench: Bench) -> Figure:
    """``civsam export national.json -f csv -o out.csv`` as a user runs it: median seconds."""
    env = bench.env()
    command = [*_civsam_command(), "export", str(bench.json_path), "-f", "csv", "-o",
               str(bench.folder / "national.csv")]  # fmt: skip
    times = []
    for _ in range(bench.repeat):
        started = time.perf_counter()
        _run(command, env)
        times.append(time.perf_counter() - started)
    return Figure("civsam export -f csv", statistics.median(times), END_TO_END_LIMIT, "s")


FIGURES: dict[str, Callable[[Bench], Figure]] = {
    "memory": memory_figure,
    "end-to-end": end_to_end_figure,
}


def _selected(text: str | None) -> list[str]:
    names = list(STEPS) + list(FIGURES)
    if text is None:
        return names
    chosen = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in names]
    if unknown:
        raise SystemExit(f"unknown step {', '.join(unknown)}; choose from {', '.join(names)}")
    return chosen


def _cpu_model() -> str:
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or "unknown CPU"
    models = [line.split(":", 1)[1].strip() for line in info.splitlines()
              if line.startswith("model name")]  # fmt: skip
    return models[0] if models else "unknown CPU"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the table; with ``--check``, fail on a missed target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=NATIONAL, help="organisations (100000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per step (5)")
    parser.add_argument(
        "--steps",
        metavar="NAMES",
        help="comma-separated steps to run (default: all): " + ", ".join([*STEPS, *FIGURES]),
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument(
        "--margin",
        type=float,
        default=1.0,
        help="multiply targets by this with --check (noisy machines)",
    )
    args = parser.parse_args(argv)
    chosen = _selected(args.steps)
    size = args.size
    print(
        f"civsam {civsam.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores ({_cpu_model()}); "
        f"{size:,} organisations, {size * 3:,} relations, "
        f"{min(size, max(size, MUNICIPALITIES) - 1):,} assessments (all but the owner), "
        f"{size // 2:,} touchpoints; median of {args.repeat}"
    )
    missed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="civsam-bench-") as folder:
        bench = Bench(size, args.repeat, Path(folder))
        steps = [name for name in chosen if name in STEPS]
        if steps:
            print(f"\n{'step':<28}{'civsam':>12}{'baseline':>12}{'ratio':>8}{'target':>8}")
        for name in steps:
            step = STEPS[name](bench)
            ours, theirs = _median_pair(step, args.repeat)
            ratio = ours / theirs
            mark = "" if ratio <= step.target else "  missed"
            print(
                f"{step.name:<28}{ours * 1000:>10.1f}ms{theirs * 1000:>10.1f}ms"
                f"{ratio:>8.2f}{step.target:>8.2f}{mark}",
                flush=True,
            )
            if ratio > step.target * args.margin:
                missed.append(step.name)
        figures = [name for name in chosen if name in FIGURES]
        if figures:
            print(f"\n{'figure':<28}{'civsam':>12}{'limit':>12}{'baseline':>12}")
        for name in figures:
            figure = FIGURES[name](bench)
            mark = "" if figure.value <= figure.limit else "  missed"
            scale = "" if figure.baseline is None else f"{figure.baseline:>9.1f} {figure.unit}"
            print(
                f"{figure.name:<28}{figure.value:>9.1f} {figure.unit:<2}"
                f"{figure.limit:>9.1f} {figure.unit:<2}{scale:>12}{mark}",
                flush=True,
            )
            if figure.value > figure.limit * args.margin:
                missed.append(figure.name)
    if args.check and missed:
        print(f"missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
