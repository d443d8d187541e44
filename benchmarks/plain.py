"""The baselines: plain Python (and plain libraries) doing the work each civsam step does.

Each baseline is what a careful programmer would write without civsam, given the same
input and asked for the same output: it is the floor a step is measured against, so it
must do all of the step's work (or the ratio flatters civsam) and nothing more (or the
ratio flatters the baseline). Each function's docstring says what it does and what it
leaves out. None of them imports civsam.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import MISSING, dataclass, field
from pathlib import Path
from typing import Any, TypeGuard, TypeVar, cast

import icalendar
import networkx as nx
import tomli_w

# -- load and validate --------------------------------------------------------------------

_ID_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ORG_KINDS = frozenset(("municipality", "civil_society", "non_profit", "business",
                        "public_institution", "other"))  # fmt: skip
_RELATION_KINDS = frozenset(("previous_project", "partnership", "co_creation",
                             "bridge_building", "resource_sharing", "acquaintance"))  # fmt: skip
_TOUCHPOINT_KINDS = frozenset(("meeting", "call", "email", "event"))
_LANGUAGES = frozenset(("da", "en"))


@dataclass(slots=True, frozen=True)
class Contact:
    """A contact person."""

    name: str
    email: str | None = None
    phone: str | None = None
    role: str | None = None


@dataclass(slots=True, frozen=True)
class Organisation:
    """An organisation; the kind stays a string."""

    id: str
    name: str
    kind: str = "other"
    target_groups: tuple[str, ...] = ()
    contacts: tuple[Contact, ...] = ()
    notes: str = ""


@dataclass(slots=True, frozen=True)
class Relation:
    """A relation between two organisations."""

    source: str
    target: str
    kind: str
    since: dt.date | None = None
    until: dt.date | None = None
    note: str = ""


@dataclass(slots=True, frozen=True)
class Rating:
    """One rater's scores."""

    rater: str
    importance: int | None = None
    ease: int | None = None
    note: str = ""


@dataclass(slots=True, frozen=True)
class Assessment:
    """One row of the partner table."""

    partner: str
    shared_interest: str = ""
    importance: int | None = None
    ease: int | None = None
    challenges: str = ""
    existing_relation: str = ""
    contact: str = ""
    importance_note: str = ""
    ease_note: str = ""
    notes: str = ""
    ratings: tuple[Rating, ...] = ()
    date: dt.date | None = None
    by: str = ""


@dataclass(slots=True, frozen=True)
class Touchpoint:
    """A logged contact with a partner."""

    partner: str
    date: dt.date
    kind: str
    note: str = ""


@dataclass(slots=True)
class PlainProject:
    """A checked project file as plain values, with its networkx graph."""

    header: dict[str, Any]
    planning: dict[str, Any]
    organisations: dict[str, Organisation]
    relations: list[Relation]
    assessments: dict[str, Assessment]
    touchpoints: list[Touchpoint]
    graph: nx.MultiDiGraph[str] = field(repr=False)


class PlainError(ValueError):
    """Every problem found in a file, as ``path: message`` lines."""


def _is_id(value: object) -> TypeGuard[str]:
    return (
        type(value) is str
        and value != ""
        and value == value.strip()
        and (_ID_CONTROL.search(value) is None)
    )


def _is_name(value: object) -> bool:
    return type(value) is str and value.strip() != "" and _TEXT_CONTROL.search(value) is None


def _is_score(value: object) -> bool:
    return value is None or (type(value) is int and 1 <= value <= 5)


def _date(value: object) -> dt.date:
    """A date as TOML (a date) or JSON (``YYYY-MM-DD``) gives it; ValueError otherwise."""
    if type(value) is dt.date:
        return value
    if type(value) is str and len(value) == 10:  # YYYY-MM-DD
        return dt.date.fromisoformat(value)
    raise ValueError(value)


def _texts(value: object) -> tuple[str, ...]:
    """A list of distinct, non-empty texts."""
    if type(value) is not list or any(type(v) is not str or not v.strip() for v in value):
        raise ValueError(value)
    if len(set(value)) != len(value):
        raise ValueError(value)
    return tuple(value)


def _optional_text(item: dict[str, Any], key: str) -> None:
    if key in item and type(item[key]) is not str:
        raise ValueError(key)


_ORG_KEYS = frozenset(("id", "name", "kind", "target_groups", "contacts", "notes"))
_CONTACT_KEYS = frozenset(("name", "email", "phone", "role"))
_RELATION_KEYS = frozenset(("source", "target", "kind", "since", "until", "note"))
_ASSESSMENT_KEYS = frozenset(("partner", "shared_interest", "importance", "ease", "challenges",
                              "existing_relation", "contact", "importance_note", "ease_note",
                              "notes", "ratings", "date", "by"))  # fmt: skip
_ASSESSMENT_TEXTS = ("shared_interest", "challenges", "existing_relation", "contact",
                     "importance_note", "ease_note", "notes", "by")  # fmt: skip
_RATING_KEYS = frozenset(("rater", "importance", "ease", "note"))
_TOUCHPOINT_KEYS = frozenset(("partner", "date", "kind", "note"))
_HEADER_KEYS = frozenset(("name", "owner", "target_groups", "language", "description"))
_TOP_KEYS = frozenset(("project", "prioritisation", "planning", "organisations",
                       "relations", "assessments", "readiness", "outreach", "touchpoints",
                       "reviews"))  # fmt: skip


def _contact(item: object) -> Contact:
    if type(item) is not dict or not item.keys() <= _CONTACT_KEYS or not _is_name(item.get("name")):
        raise ValueError(item)
    for key in ("email", "phone", "role"):
        _optional_text(item, key)
    return Contact(**item)


def _organisation(item: dict[str, Any]) -> Organisation:
    if not item.keys() <= _ORG_KEYS or not _is_id(item.get("id")) or not _is_name(item.get("name")):
        raise ValueError(item)
    kind = item.get("kind", "other")
    if kind not in _ORG_KINDS:
        raise ValueError(kind)
    _optional_text(item, "notes")
    contacts = item.get("contacts", ())
    if type(contacts) not in (list, tuple):
        raise ValueError(contacts)
    return Organisation(
        item["id"],
        item["name"],
        kind,
        _texts(item.get("target_groups", [])),
        tuple(_contact(contact) for contact in contacts),
        item.get("notes", ""),
    )


def _relation(item: dict[str, Any]) -> Relation:
    source, target, kind = item.get("source"), item.get("target"), item.get("kind")
    if not item.keys() <= _RELATION_KEYS or not _is_id(source) or not _is_id(target):
        raise ValueError(item)
    if source == target or kind not in _RELATION_KINDS:
        raise ValueError(item)
    since = _date(item["since"]) if "since" in item else None
    until = _date(item["until"]) if "until" in item else None
    if since is not None and until is not None and until < since:
        raise ValueError(item)
    _optional_text(item, "note")
    return Relation(source, target, kind, since, until, item.get("note", ""))


def _rating(item: object) -> Rating:
    if type(item) is not dict or not item.keys() <= _RATING_KEYS or not _is_name(item.get("rater")):
        raise ValueError(item)
    if not _is_score(item.get("importance")) or not _is_score(item.get("ease")):
        raise ValueError(item)
    _optional_text(item, "note")
    return Rating(**item)


def _assessment(item: dict[str, Any]) -> Assessment:
    if not item.keys() <= _ASSESSMENT_KEYS or not _is_id(item.get("partner")):
        raise ValueError(item)
    if not _is_score(item.get("importance")) or not _is_score(item.get("ease")):
        raise ValueError(item)
    for key in _ASSESSMENT_TEXTS:
        _optional_text(item, key)
    ratings = tuple(_rating(rating) for rating in item.get("ratings", ()))
    if len({rating.rater for rating in ratings}) != len(ratings):
        raise ValueError(item)
    day = _date(item["date"]) if "date" in item else None
    return Assessment(**(item | {"ratings": ratings, "date": day}))


def _touchpoint(item: dict[str, Any]) -> Touchpoint:
    if not item.keys() <= _TOUCHPOINT_KEYS or not _is_id(item.get("partner")):
        raise ValueError(item)
    if item.get("kind") not in _TOUCHPOINT_KINDS:
        raise ValueError(item)
    _optional_text(item, "note")
    return Touchpoint(item["partner"], _date(item.get("date")), item["kind"], item.get("note", ""))


def _header(raw: dict[str, Any]) -> dict[str, Any]:
    header = raw.get("project")
    if type(header) is not dict or not header.keys() <= _HEADER_KEYS:
        raise ValueError(header)
    if not _is_name(header.get("name")) or not _is_id(header.get("owner")):
        raise ValueError(header)
    if header.get("language", "da") not in _LANGUAGES:
        raise ValueError(header)
    _optional_text(header, "description")
    return header | {"target_groups": _texts(header.get("target_groups", []))}


def _items(raw: dict[str, Any], key: str, build: Any, problems: list[str]) -> list[Any]:
    """Build every item of a list, collecting a problem for each bad one."""
    built = []
    for position, item in enumerate(raw.get(key, ())):
        try:
            if type(item) is not dict:
                raise ValueError(item)  # noqa: TRY301
            built.append(build(item))
        except (ValueError, KeyError, TypeError):
            problems.append(f"{key}[{position}]: invalid")
    return built


def plain_load(path: Path) -> PlainProject:  # noqa: C901 - in one piece, as a script would be
    """``json.load`` (or ``tomllib``), slotted dataclasses, civsam's checks, the graph.

    Per field: the type (strictly: ``"5"`` is no score), ids non-empty without
    surrounding spaces or control characters, names non-empty without control
    characters, scores 1–5, enum values, ISO dates, unknown keys refused, target groups
    distinct. Across the file: unique ids, the owner among them, both ends of every
    relation known and no relation twice, one undated assessment per partner (never the
    owner; dated ones are its history, the latest kept),
    touchpoints with known partners. Every problem is collected before raising. Then
    the ``networkx.MultiDiGraph`` civsam also builds (organisations as nodes, one edge
    per relation keyed by kind, the same attributes), added in bulk and frozen. It does
    not find line numbers (civsam only looks for them when a file has problems), and
    reads no readiness answers, outreach steps or reviews (the national file has none).
    """
    text = path.read_text(encoding="utf-8-sig")
    raw = json.loads(text) if path.suffix == ".json" else _tomllib_loads(text)
    problems = [f"{key}: unknown key" for key in raw if key not in _TOP_KEYS]
    header = _header(raw)
    planning = dict(raw.get("planning", {}))
    if "start" in planning:
        planning["start"] = _date(planning["start"])
    organisations: dict[str, Organisation] = {}
    for org in _items(raw, "organisations", _organisation, problems):
        if org.id in organisations:
            problems.append(f"organisations: duplicate id {org.id!r}")
        organisations[org.id] = org
    owner = header["owner"]
    if owner not in organisations:
        problems.append("project.owner: not among the organisations")
    relations = _items(raw, "relations", _relation, problems)
    keys: set[tuple[str, str, str]] = set()
    for relation in relations:
        if relation.source not in organisations or relation.target not in organisations:
            problems.append(f"relations: unknown organisation in {relation!r}")
        key = (relation.source, relation.target, relation.kind)
        if key in keys:
            problems.append(f"relations: duplicate {key!r}")
        keys.add(key)
    assessments: dict[str, Assessment] = {}
    undated: set[str] = set()
    for assessment in _items(raw, "assessments", _assessment, problems):
        partner, day = assessment.partner, assessment.date
        if partner not in organisations or partner == owner or (day is None and partner in undated):
            problems.append(f"assessments: bad partner {partner!r}")
        if day is None:
            undated.add(partner)
        known = assessments.get(partner)
        if known is None or (day is not None and (known.date is None or known.date <= day)):
            assessments[partner] = assessment
    touchpoints = _items(raw, "touchpoints", _touchpoint, problems)
    problems.extend(
        f"touchpoints: bad partner {touchpoint.partner!r}"
        for touchpoint in touchpoints
        if touchpoint.partner not in organisations or touchpoint.partner == owner
    )
    if problems:
        raise PlainError("\n".join(problems))
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.add_nodes_from(
        (org.id, {"organisation": org, "name": org.name, "kind": org.kind})
        for org in organisations.values()
    )
    # The stubs know (u, v) and (u, v, data) edges only, not a multigraph's (u, v, key, data).
    graph.add_edges_from(
        (r.source, r.target, r.kind, {"relation": r, "kind": r.kind, "since": r.since})  # type: ignore[misc]
        for r in relations
    )
    nx.freeze(graph)
    return PlainProject(header, planning, organisations, relations, assessments, touchpoints, graph)


def _tomllib_loads(text: str) -> dict[str, Any]:
    import tomllib  # noqa: PLC0415 - only TOML files need it

    return tomllib.loads(text)


# -- save ---------------------------------------------------------------------------------


def _plain_dict(value: Any) -> dict[str, Any]:
    """A dataclass as a dict, fields at their default left out (TOML has no null)."""
    out: dict[str, Any] = {}
    defaults = _DEFAULTS[type(value)]
    for name, default in defaults:
        item = getattr(value, name)
        if item == default:
            continue
        if type(item) is tuple:
            item = [_plain_dict(v) if type(v) in _DEFAULTS else v for v in item]
        out[name] = item
    return out


_REQUIRED = object()
"""The default of a field that has none: no value equals it, so the field is always written."""
_DEFAULTS: dict[type[Any], tuple[tuple[str, Any], ...]] = {
    cls: tuple(
        (f.name, _REQUIRED if f.default is MISSING else f.default)
        for f in cls.__dataclass_fields__.values()
    )
    for cls in (Contact, Organisation, Relation, Rating, Assessment, Touchpoint)
}


def plain_document(project: PlainProject) -> dict[str, Any]:
    """The project as the plain dicts a file holds, defaults left out."""
    header = {k: list(v) if isinstance(v, tuple) else v for k, v in project.header.items()}
    return {
        "project": header,
        "planning": project.planning,
        "organisations": [_plain_dict(o) for o in project.organisations.values()],
        "relations": [_plain_dict(r) for r in project.relations],
        "assessments": [_plain_dict(a) for a in project.assessments.values()],
        "touchpoints": [_plain_dict(t) for t in project.touchpoints],
    }


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def write_atomic(path: Path, data: bytes) -> None:
    """Temporary file beside the target, fsync, rename, fsync the folder: as civsam saves."""
    handle = tempfile.NamedTemporaryFile(dir=path.parent, delete=False)  # noqa: SIM115
    with handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    Path(handle.name).replace(path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def plain_save_json(project: PlainProject, path: Path) -> None:
    """Dataclasses to dicts (defaults left out), ``json.dumps`` indented, written atomically."""
    text = json.dumps(plain_document(project), ensure_ascii=False, indent=2, default=_iso)
    write_atomic(path, (text + "\n").encode("utf-8"))


def plain_save_toml(project: PlainProject, path: Path) -> None:
    """Dataclasses to dicts (defaults left out), ``tomli_w.dumps``, written atomically."""
    write_atomic(path, tomli_w.dumps(plain_document(project)).encode("utf-8"))


# -- prioritise and CSV ---------------------------------------------------------------------

_ORDER = {"start_here": 0, "discuss": 1, "not_now": 2, "not_worth_it": 3}


def plain_prioritise(assessments: Iterable[Assessment]) -> list[tuple[Any, ...]]:
    """Classify and sort, nothing else: the floor any prioritisation has to pay.

    Hand-set scores, the matrix rule's thresholds (4 and 4), the guide's order of the
    quadrants, then priority, importance, ease and id; no reasons, no placements.
    """
    placed = []
    for assessment in assessments:
        partner, importance, ease = assessment.partner, assessment.importance, assessment.ease
        if importance is None or ease is None:
            raise PlainError(f"{partner}: scores must be set by hand")
        important, easy = importance >= 4, ease >= 4
        if important:
            quadrant = "start_here" if easy else "discuss"
        else:
            quadrant = "not_now" if easy else "not_worth_it"
        placed.append((_ORDER[quadrant], -(importance + ease), -importance, -ease, partner))
    placed.sort()
    return placed


@dataclass(slots=True, frozen=True)
class Score:
    """A score and where it came from (``"hand"``: set by hand)."""

    value: float
    source: str
    raters: int = 0
    spread: float | None = None
    factors: tuple[Any, ...] = ()


@dataclass(slots=True, frozen=True)
class Placement:
    """Where one partner landed: the fields of ``civsam.Placement``, as plain values."""

    partner: Organisation
    quadrant: str
    importance: float
    ease: float
    rank: int
    priority: float
    importance_score: Score
    ease_score: Score
    disagreement: bool
    rule: str
    rule_reasons: tuple[tuple[str, float, float], ...]
    place: int
    total: int
    language: str = "da"


_QUADRANTS = ("start_here", "discuss", "not_now", "not_worth_it")
_HAND_SCORES = {value: Score(float(value), "hand") for value in range(1, 6)}


def plain_placements(
    assessments: Iterable[Assessment], organisations: dict[str, Organisation], language: str
) -> list[Placement]:
    """Classify, sort and build a frozen record per partner: what iterating a ranking costs.

    :func:`plain_prioritise`'s loop, then one :class:`Placement` per partner in rank
    order, every field filled: the organisation looked up, the quadrant, rank and place
    within it, the shared hand-set :class:`Score` (there are five, as in civsam), and the
    matrix rule's reasons as plain data (which threshold each score met, the score, the
    threshold), made per partner. It renders no text: civsam's sentences are made when
    a placement's ``reasons`` are read, and neither side reads them.
    """
    ranked = plain_prioritise(assessments)
    total = len(ranked)
    placements = []
    start, current = 0, -1
    for position, key in enumerate(ranked):
        order, negative_priority, negative_importance, negative_ease, partner = key
        if order != current:
            start, current = position, order
        importance, ease = -negative_importance, -negative_ease
        placements.append(
            Placement(
                partner=organisations[partner],
                quadrant=_QUADRANTS[order],
                importance=float(importance),
                ease=float(ease),
                rank=position + 1,
                priority=float(-negative_priority),
                importance_score=_HAND_SCORES[importance],
                ease_score=_HAND_SCORES[ease],
                disagreement=False,
                rule="matrix",
                rule_reasons=(
                    ("importance_high" if importance >= 4 else "importance_low", importance, 4),
                    ("ease_high" if ease >= 4 else "ease_low", ease, 4),
                ),
                place=position - start + 1,
                total=total,
                language=language,
            )
        )
    return placements


_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def plain_csv(
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


# -- Markdown -------------------------------------------------------------------------------

_MD_ESCAPES = str.maketrans({char: "\\" + char for char in r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""})
_MD_SPACES = re.compile(r"[\r\n\t\x0b\x0c\x85\u2028\u2029]+")
_MD_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def md_escape(text: str) -> str:
    """GFM-safe text: line breaks to spaces, control characters out, punctuation escaped."""
    return _MD_CONTROL.sub("", _MD_SPACES.sub(" ", text)).lstrip(" ").translate(_MD_ESCAPES)


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    width = len(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


@dataclass(slots=True)
class MarkdownData:
    """A report's content as plain text, before escaping: what the Markdown baseline writes.

    The small sections (title and facts, chart and board, readiness, footer) come as
    finished Markdown; they are a few dozen lines at any size. The rest comes as raw
    text: one row of cells per partner, check-in or due contact, each partner's reasons
    as sentences and each running partnership's checklist, with the constant labels
    (headers, quadrant, step, status and trend names, "every 4 weeks") already escaped.
    """

    head: str
    partners_title: str
    partner_header: list[str]
    partners: list[list[str]]
    reasons_title: str
    reasons: list[tuple[int, str, bool, tuple[str, ...]]]
    readiness: str
    plan_title: str
    plan_header: list[str]
    plan_rows: list[tuple[str, str, str, str, str]]
    plan_facts: list[str]
    """The lines under the approaches (capacity, closed periods), made."""
    unscheduled: str
    """Who waits for a first meeting, as a sentence (raw), or empty."""
    crowded_out: str
    """Who gets no check-in, as a sentence (raw), or empty."""
    plan_notes: list[tuple[str, list[str]]]
    """Moved and left-out check-ins: each section's title (made) and its lines (raw)."""
    check_ins_title: str
    check_in_header: list[str]
    check_ins: list[tuple[str, str, str]]
    evaluations_title: str
    evaluation_header: list[str]
    evaluations: list[tuple[str, str]]
    due_title: str
    due_header: list[str]
    due: list[tuple[str, str, str, str]]
    due_none: str
    checklists_title: str
    checklists: list[Checklist]
    checklists_none: str
    checklist_words: dict[str, str]
    """The checklist's texts: escaped constants, and raw templates with a ``{…}`` to fill."""
    footer: str


@dataclass(slots=True)
class Checklist:
    """One running partnership's checklist, as text: items, statuses and trends escaped."""

    partner: str
    done: int
    last_review: str | None
    celebrate: bool
    next_review: str | None
    rows: list[tuple[str, str, str, str]]
    """Item, status and trend (escaped), and the latest note (raw)."""
    agenda: list[tuple[str, str, str]]
    """Item and status (escaped), and the latest note (raw)."""


def plain_markdown(data: MarkdownData) -> bytes:
    """The report's Markdown from plain text: escape every data text, lay out the tables.

    Handed every text already made (names, labels, reasons as sentences, times as
    text), it does what remains of the export: escape each text from the data as GFM
    needs (line breaks to spaces, control characters out, each ASCII punctuation
    character backslashed), lay out the tables and join the document. civsam also
    renders each reason from its scores, rank and the label catalogue, looks up each
    partner's outreach step and meeting, and formats the plan's times.
    """
    esc = md_escape
    partners = [
        "\n".join(
            [
                data.partners_title,
                "",
                *_md_table(data.partner_header, [[esc(c) for c in row] for row in data.partners]),
            ]
        )
    ]
    reasons = [data.reasons_title]
    for rank, name, disagreement, texts in data.reasons:
        flag = " \u26a0" if disagreement else ""
        reasons += ["", f"### {rank}\\. {esc(name)}{flag}", ""]
        reasons += [f"- {esc(text)}" for text in texts]
    plan = [data.plan_title, ""]
    if data.plan_rows:
        rows = [[rank, esc(name), quadrant, step, esc(when)]
                for rank, name, quadrant, step, when in data.plan_rows]  # fmt: skip
        plan += [*_md_table(data.plan_header, rows), ""]
    plan += data.plan_facts
    if data.unscheduled:
        plan += ["", esc(data.unscheduled)]
    if data.check_ins or data.crowded_out:
        plan += ["", data.check_ins_title]
    if data.check_ins:
        rows = [[esc(name), every, esc(first)] for name, every, first in data.check_ins]
        plan += ["", *_md_table(data.check_in_header, rows)]
    if data.crowded_out:
        plan += ["", esc(data.crowded_out)]
    for title, lines in data.plan_notes:
        plan += ["", title, "", *(f"- {esc(line)}" for line in lines)]
    if data.evaluations:
        rows = [[esc(name), esc(day)] for name, day in data.evaluations]
        plan += ["", data.evaluations_title, "", *_md_table(data.evaluation_header, rows)]
    due = [data.due_title, ""]
    if data.due:
        rows = [[esc(name), esc(last), esc(when), late] for name, last, when, late in data.due]
        due += _md_table(data.due_header, rows)
    else:
        due.append(data.due_none)
    blocks = [
        data.head,
        *partners,
        "\n".join(reasons),
        data.readiness,
        "\n".join(plan),
        "\n".join(due),
        "\n".join(_plain_checklists(data)),
        data.footer,
    ]
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def _plain_checklists(data: MarkdownData) -> list[str]:
    esc, words = md_escape, data.checklist_words
    lines = [data.checklists_title]
    if not data.checklists:
        return [*lines, "", data.checklists_none]
    header = [words["item"], words["status"], words["trend"], words["note"]]
    for checklist in data.checklists:
        lines += [
            "",
            f"### {esc(words['partnership'].format(name=checklist.partner))}",
            "",
            f"- {esc(words['done'].format(done=checklist.done))}",
        ]
        if checklist.last_review is None:
            lines.append(f"- {words['not_reviewed']}")
        else:
            lines.append(f"- {esc(words['last_review'].format(date=checklist.last_review))}")
        if checklist.next_review is not None:
            lines.append(f"- {esc(words['next_review'].format(date=checklist.next_review))}")
        rows = [[item, status, trend, esc(note)] for item, status, trend, note in checklist.rows]
        lines += ["", *_md_table(header, rows), "", f"#### {words['agenda']}", ""]
        if not checklist.agenda:
            lines.append(words["agenda_empty" if checklist.celebrate else "not_reviewed"])
        for item, status, note in checklist.agenda:
            line = f"- **{item}** ({status})"
            lines.append(f"{line}: {esc(note)}" if esc(note) else line)
    return lines


# -- calendar -------------------------------------------------------------------------------


_Property = TypeVar("_Property")


def _property(component: icalendar.Component, name: str, kind: type[_Property]) -> _Property:
    """A parsed property's value, checked to be of the kind its name has in RFC 5545.

    icalendar types every value as any property type; the check narrows it (and says
    which, should civsam's calendar ever write a property otherwise).
    """
    value = component[name]
    if not isinstance(value, kind):
        raise TypeError(f"{name} is {type(value).__name__}, not {kind.__name__}")
    return value


def calendar_data(data: bytes) -> list[tuple[str, dict[str, Any], str | None]]:
    """The events as plain Python values (str, datetime, timedelta, lists), once, untimed."""
    plain: list[tuple[str, dict[str, Any], str | None]] = []
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        values: dict[str, Any] = {}
        for name in ("SUMMARY", "DESCRIPTION", "UID", "X-CIVSAM-KIND"):
            values[name] = str(event[name])
        for name in ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID"):
            if name in event:
                values[name] = _property(event, name, icalendar.vDDDTypes).dt
        if "STATUS" in event:
            values["STATUS"] = str(event["STATUS"])
        values["DTSTAMP"] = _property(event, "DTSTAMP", icalendar.vDDDTypes).dt
        values["SEQUENCE"] = int(_property(event, "SEQUENCE", icalendar.vInt))
        if "RRULE" in event:
            rule = _property(event, "RRULE", icalendar.vRecur)
            values["RRULE"] = {
                "freq": rule["FREQ"][0],
                "interval": rule["INTERVAL"][0],
                "until": rule["UNTIL"][0],
            }
        if "EXDATE" in event:
            exdate = _property(event, "EXDATE", icalendar.vDDDLists)
            values["EXDATE"] = [when.dt for when in exdate.dts]
        alarms = event.walk("VALARM")
        plain.append(
            (values["X-CIVSAM-KIND"], values, str(alarms[0]["DESCRIPTION"]) if alarms else None)
        )
    return plain


def _timezone() -> icalendar.Timezone:
    zone = icalendar.Timezone()
    zone.add("tzid", "Europe/Copenhagen")
    zone.add("x-lic-location", "Europe/Copenhagen")
    for part, start, month, before, after, name in (
        (icalendar.TimezoneDaylight, dt.datetime(1970, 3, 29, 2), 3, 1, 2, "CEST"),  # noqa: DTZ001
        (icalendar.TimezoneStandard, dt.datetime(1970, 10, 25, 3), 10, 2, 1, "CET"),  # noqa: DTZ001
    ):
        rule = part()
        rule.add("dtstart", start)
        rule.add("rrule", {"freq": "YEARLY", "bymonth": month, "byday": "-1SU"})
        rule.add("tzoffsetfrom", dt.timedelta(hours=before))
        rule.add("tzoffsetto", dt.timedelta(hours=after))
        rule.add("tzname", name)
        zone.add_component(rule)
    return zone


def plain_calendar(
    plain: list[tuple[str, dict[str, Any], str | None]], header: dict[str, str], reminder: int
) -> bytes:
    """Plain icalendar building the same events from plain data: the floor for the step."""
    calendar = icalendar.Calendar()
    for name, value in header.items():
        calendar.add(name, value)
    calendar.add_component(_timezone())
    for _, values, alarm_text in plain:
        event = icalendar.Event()
        for name, value in values.items():
            event.add(name, value)
        if alarm_text is not None:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", -dt.timedelta(days=reminder))
            alarm.add("description", alarm_text)
            event.add_component(alarm)
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()  # untyped in icalendar
    return ical


# -- introductions --------------------------------------------------------------------------

STRENGTH = {"partnership": 3.0, "co_creation": 3.0, "resource_sharing": 2.5,
            "previous_project": 2.0, "bridge_building": 2.0, "acquaintance": 1.0}  # fmt: skip
_SUBSTANTIAL = frozenset(("partnership", "co_creation", "resource_sharing", "previous_project"))


def plain_network(
    organisations: dict[str, Organisation], relations: list[Relation], day: dt.date
) -> nx.Graph[str]:
    """The undirected network: one edge per pair, its strongest strength and its kinds."""
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(organisations)
    for relation in relations:
        strength = STRENGTH[relation.kind]
        if relation.until is not None and relation.until < day:
            strength /= 2
        # None when the pair has no edge yet, which the stubs leave out.
        edge = cast("dict[str, Any] | None", graph.get_edge_data(relation.source, relation.target))
        if edge is None:
            graph.add_edge(
                relation.source, relation.target, strength=strength, kinds={relation.kind: strength}
            )
        else:
            edge["strength"] = max(edge["strength"], strength)
            edge["kinds"][relation.kind] = max(edge["kinds"].get(relation.kind, 0.0), strength)
    return graph


def plain_introductions(
    graph: nx.Graph[str],
    organisations: dict[str, Organisation],
    owner: str,
    partner: str,
    limit: int = 5,
) -> tuple[list[tuple[list[str], float]], list[tuple[str, float]]]:
    """Up to ``limit`` shortest chains owner → partner, and the partner's co-applicants.

    ``networkx.shortest_simple_paths`` (Yen's algorithm over bidirectional searches)
    gives paths shortest first; those at most one hop longer than the shortest are
    kept, up to ``limit``, each with its strength (its weakest hop), fewest hops and
    strongest first. civsam's order is stricter: the strongest of *all* such paths
    first, where this takes the first ``limit`` networkx finds. Co-applicants are the
    partner's neighbours, the owner aside, of an established kind, with a substantial
    relation, strongest first.
    """
    found: list[tuple[list[str], float]] = []
    shortest = None
    paths = nx.shortest_simple_paths(graph, owner, partner)
    try:
        for path in itertools.islice(paths, limit):
            if shortest is None:
                shortest = len(path)
            elif len(path) > shortest + 1:
                break
            weakest = min(graph[a][b]["strength"] for a, b in itertools.pairwise(path))
            found.append((path, weakest))
    except nx.NetworkXNoPath:
        pass
    found.sort(key=lambda item: (len(item[0]), -item[1]))
    co_applicants = sorted(
        (
            (other, edge["strength"])
            for other, edge in graph[partner].items()
            if other != owner
            and organisations[other].kind != "other"
            and not _SUBSTANTIAL.isdisjoint(edge["kinds"])
        ),
        key=lambda item: (-item[1], item[0]),
    )
    return found, co_applicants
