"""The project: one owner's plan, its organisations, relations and assessments.

``Project`` is the one mutable object in civsam. It checks every change with the same
rules a file is checked with, and it never hands out its inner state for mutation: the
mappings are read-only views and the graph is a frozen copy, rebuilt after a change.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from civsam._checks import to_tuple_of_str
from civsam._deprecated import warn_renamed
from civsam._document import Document, Header
from civsam._message import Choices, Sayable, Text
from civsam._validate import Checker, Finding
from civsam._where import Path, describe, format_path
from civsam.errors import Problem, ValidationError
from civsam.lifecycle import OutreachEntry, OutreachStep, ReadinessAnswer, Review, Touchpoint
from civsam.model import FIRST_DAY, Assessment, Language, Organisation, Relation, RelationKind
from civsam.settings import PlanSettings, PrioritySettings

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterable

    from networkx import MultiDiGraph

__all__ = ["Project"]

_Item = Organisation | Relation | Assessment
_T = TypeVar("_T")
_Entry = ReadinessAnswer | OutreachEntry | Touchpoint | Review | Assessment


def _order(assessment: Assessment) -> tuple[bool, dt.date]:
    """Where an assessment falls in its partner's history: undated ones first, then by date."""
    day = assessment.date
    return (day is not None, day or FIRST_DAY)


class _History(Mapping[str, tuple[Assessment, ...]]):
    """Every partner's assessments, oldest first: a read-only, live view of a project."""

    __slots__ = ("_earlier", "_latest")

    def __init__(
        self, latest: Mapping[str, Assessment], earlier: Mapping[str, list[Assessment]]
    ) -> None:
        self._latest = latest
        self._earlier = earlier

    def __getitem__(self, partner: str) -> tuple[Assessment, ...]:
        latest = self._latest[partner]
        earlier = self._earlier.get(partner)
        return (*earlier, latest) if earlier else (latest,)

    def __iter__(self) -> Iterator[str]:
        return iter(self._latest)

    def __len__(self) -> int:
        return len(self._latest)


def _raise_for(findings: Iterable[Finding]) -> None:
    problems = [
        Problem(f.message, path=format_path(f.path), found=f.found, expected=f.expected)
        for f in findings
    ]
    if problems:
        raise ValidationError(problems)


def _invalid_value(path: Path, error: ValueError | TypeError) -> ValidationError:
    """A validator's complaint as a Problem; attrs' own type errors made readable."""
    args = error.args
    message: str | Sayable
    if len(args) == 4 and isinstance(args[1], attrs.Attribute):  # noqa: PLR2004 - instance_of
        attribute, expected, value = args[1], args[2], args[3]
        names = expected if isinstance(expected, tuple) else (expected,)
        message = Text(
            "model.field_expected_found",
            field=attribute.name,
            expected=Choices(t.__name__ for t in names),
            found=describe(value),
        )
    elif len(args) == 1 and isinstance(args[0], Sayable):
        message = args[0]  # civsam's own validators: a catalogue text
    else:
        message = str(args[0]) if len(args) == 1 else str(error)
    return ValidationError([Problem(message, path=format_path(path))])


def _check_fields(cls: type[Any], fields: Mapping[str, Any], path: str) -> None:
    """Refuse a misspelt keyword with civsam's words, not Python's (which vary by version)."""
    known = [f.name for f in attrs.fields(cls) if f.init and f.name != "partner"]
    unknown = sorted(set(fields) - set(known))
    if unknown:
        raise ValidationError(
            [
                Problem(
                    Text("files.unknown_key"),
                    path=path,
                    found=repr(name),
                    expected=Text("files.one_of", names=", ".join(known)),
                )
                for name in unknown
            ]
        )


class Project:
    """One owner's collaboration plan around a target group.

    Build it in code::

        project = Project("Ensomhed blandt ældre", owner=Organisation("aarhus", "Aarhus"))
        project.add(Organisation("ds", "Ældre Sagen", kind="civil_society"))
        project.relate("aarhus", "ds", "previous_project", since=date(2023, 3, 1))
        project.assess("ds", importance=5, ease=4)

    or read it from a file with :func:`civsam.load`. Every change is checked: an unknown
    organisation, a duplicate id or a score out of range raises
    :class:`civsam.ValidationError` and leaves the project as it was.
    """

    __slots__ = (
        "_assessments",
        "_derived",
        "_earlier",
        "_graph",
        "_header",
        "_organisations",
        "_organisations_shared",
        "_outreach",
        "_planning",
        "_readiness",
        "_relations",
        "_reviews",
        "_settings",
        "_touchpoints",
    )

    def __init__(
        self,
        name: str,
        owner: Organisation,
        *,
        target_groups: Iterable[str] = (),
        language: Language | str = Language.DA,
        description: str = "",
        organisations: Iterable[Organisation] = (),
        relations: Iterable[Relation] = (),
        assessments: Iterable[Assessment] = (),
    ) -> None:
        try:
            header = Header(
                name=name,
                owner=owner.id,
                target_groups=to_tuple_of_str(target_groups),
                language=Language(language),
                description=description,
            )
        except (TypeError, ValueError) as error:
            raise _invalid_value(("project",), error) from None
        self._header = header
        self._settings = PrioritySettings()
        self._organisations: dict[str, Organisation] = {}
        self._organisations_shared = False
        self._relations: dict[tuple[str, str, str], Relation] = {}
        self._assessments: dict[str, Assessment] = {}
        self._earlier: dict[str, list[Assessment]] = {}
        self._graph: MultiDiGraph[str] | None = None
        self._derived: dict[str, Any] = {}
        self._planning = PlanSettings()
        self._readiness: list[ReadinessAnswer] = []
        self._outreach: list[OutreachEntry] = []
        self._touchpoints: list[Touchpoint] = []
        self._reviews: list[Review] = []
        others = [o for o in organisations if o != owner]
        self.add(owner, *others, *relations, *assessments)

    @classmethod
    def _from_document(cls, document: Document) -> Project:
        """Build from a document that has already passed every check; no re-validation."""
        project = cls.__new__(cls)
        project._header = document.project
        project._settings = document.prioritisation
        project._organisations = {o.id: o for o in document.organisations}
        project._organisations_shared = False
        project._relations = {_key(r): r for r in document.relations}
        project._assessments, project._earlier = _histories(document.assessments)
        project._graph = None
        project._derived = {}
        project._planning = document.planning
        project._readiness = list(document.readiness)
        project._outreach = list(document.outreach)
        project._touchpoints = list(document.touchpoints)
        project._reviews = list(document.reviews)
        return project

    def _to_document(self) -> Document:
        return Document(
            project=self._header,
            prioritisation=self._settings,
            organisations=tuple(self._organisations.values()),
            relations=tuple(self._relations.values()),
            assessments=self._every_assessment(),
            planning=self._planning,
            readiness=tuple(self._readiness),
            outreach=tuple(self._outreach),
            touchpoints=tuple(self._touchpoints),
            reviews=tuple(self._reviews),
        )

    # -- the header ---------------------------------------------------------------------

    @property
    def name(self) -> str:
        """What the plan is about, e.g. "Ensomhed blandt ældre"."""
        return self._header.name

    @name.setter
    def name(self, value: str) -> None:
        self._evolve_header(name=value)

    @property
    def owner(self) -> Organisation:
        """The organisation whose plan this is."""
        return self._organisations[self._header.owner]

    @owner.setter
    def owner(self, value: Organisation | str) -> None:
        owner_id = value.id if isinstance(value, Organisation) else value
        if owner_id not in self._organisations:
            _raise_for(Checker(owner_id, self._organisations).owner_exists(("project", "owner")))
        if owner_id in self._assessments:
            raise ValidationError(
                [
                    Problem(
                        Text("project.owner_assessed"),
                        path="project.owner",
                        found=repr(owner_id),
                        expected=Text("project.not_assessed_partner"),
                    )
                ]
            )
        logs = (self._outreach, self._touchpoints, self._reviews)
        if any(entry.partner == owner_id for log in logs for entry in log):
            # The owner is never its own partner: its file would no longer load.
            raise ValidationError(
                [
                    Problem(
                        Text("project.owner_has_history"),
                        path="project.owner",
                        found=repr(owner_id),
                        expected=Text("project.no_history"),
                    )
                ]
            )
        self._evolve_header(owner=owner_id)

    @property
    def target_groups(self) -> tuple[str, ...]:
        """The people the collaboration is for (*målgrupper*)."""
        return self._header.target_groups

    @target_groups.setter
    def target_groups(self, value: Iterable[str]) -> None:
        self._evolve_header(target_groups=to_tuple_of_str(value))

    @property
    def language(self) -> Language:
        """The language reports and exports use by default."""
        return self._header.language

    @language.setter
    def language(self, value: Language | str) -> None:
        self._evolve_header(language=value)

    @property
    def description(self) -> str:
        """A free-text description of the plan."""
        return self._header.description

    @description.setter
    def description(self, value: str) -> None:
        self._evolve_header(description=value)

    @property
    def priority_settings(self) -> PrioritySettings:
        """How this project prioritises: rule, thresholds, derivation (``[prioritisation]``).

        The settings; :func:`civsam.prioritise` gives the result, a ``Prioritisation``.
        """
        return self._settings

    @priority_settings.setter
    def priority_settings(self, value: PrioritySettings) -> None:
        if not isinstance(value, PrioritySettings):
            raise ValidationError(
                [
                    Problem(
                        Text("model.wrong_value"),
                        path="prioritisation",
                        found=type(value).__name__,
                        expected=Text("project.a_class", name="civsam.PrioritySettings"),
                    )
                ]
            )
        self._settings = value

    @property
    def plan_settings(self) -> PlanSettings:
        """How this project plans its time: capacity, hours, cadence (``[planning]``).

        The settings; :func:`civsam.plan` gives the result, a ``Plan``.
        """
        return self._planning

    @plan_settings.setter
    def plan_settings(self, value: PlanSettings) -> None:
        if not isinstance(value, PlanSettings):
            raise ValidationError(
                [
                    Problem(
                        Text("model.wrong_value"),
                        path="planning",
                        found=type(value).__name__,
                        expected=Text("project.a_class", name="civsam.PlanSettings"),
                    )
                ]
            )
        self._planning = value

    @property
    def prioritisation(self) -> PrioritySettings:
        """Deprecated since 0.2.0: :attr:`priority_settings` (a result is a Prioritisation)."""
        warn_renamed("Project.prioritisation", "Project.priority_settings")
        return self.priority_settings

    @prioritisation.setter
    def prioritisation(self, value: PrioritySettings) -> None:
        warn_renamed("Project.prioritisation", "Project.priority_settings")
        self.priority_settings = value

    @property
    def planning(self) -> PlanSettings:
        """Deprecated since 0.2.0: :attr:`plan_settings` (a result is a Plan)."""
        warn_renamed("Project.planning", "Project.plan_settings")
        return self.plan_settings

    @planning.setter
    def planning(self, value: PlanSettings) -> None:
        warn_renamed("Project.planning", "Project.plan_settings")
        self.plan_settings = value

    def _evolve_header(self, **changes: Any) -> None:
        try:
            self._header = attrs.evolve(self._header, **changes)
        except (TypeError, ValueError) as error:
            raise _invalid_value(("project",), error) from None

    # -- read-only views ----------------------------------------------------------------

    @property
    def organisations(self) -> Mapping[str, Organisation]:
        """Every organisation, by id, the owner included (a read-only, live view)."""
        return MappingProxyType(self._organisations)

    @property
    def relations(self) -> tuple[Relation, ...]:
        """Every relation, in the order they were added."""
        return tuple(self._relations.values())

    @property
    def assessments(self) -> Mapping[str, Assessment]:
        """Each partner's latest assessment, by partner id (a read-only, live view)."""
        return MappingProxyType(self._assessments)

    @property
    def history(self) -> Mapping[str, tuple[Assessment, ...]]:
        """Every assessment of each partner, oldest first, by partner id (read-only, live).

        Undated assessments (from before dates were kept) come first, then the dated ones
        by date; two on one day keep the order they were made in. The last is the one
        :attr:`assessments` holds.
        """
        return _History(self._assessments, self._earlier)

    def assessments_on(self, day: dt.date) -> Mapping[str, Assessment]:
        """Each partner's latest assessment on ``day``: as the board stood that day.

        An undated assessment counts as made before any day; a partner first assessed
        after ``day`` is left out.
        """
        chosen: dict[str, Assessment] = {}
        for partner, latest in self._assessments.items():
            if latest.date is None or latest.date <= day:
                chosen[partner] = latest
                continue
            for earlier in reversed(self._earlier.get(partner, ())):
                if earlier.date is None or earlier.date <= day:
                    chosen[partner] = earlier
                    break
        return MappingProxyType(chosen)

    def _every_assessment(self) -> tuple[Assessment, ...]:
        """Every assessment as a file lists them: partner by partner, each oldest first."""
        if not self._earlier:
            return tuple(self._assessments.values())
        earlier = self._earlier
        return tuple(
            a
            for partner, latest in self._assessments.items()
            for a in (*earlier.get(partner, ()), latest)
        )

    def _insert(self, assessment: Assessment) -> None:
        """Put an assessment in its partner's history, after any of the same day."""
        partner = assessment.partner
        latest = self._assessments.get(partner)
        if latest is not None and _order(assessment) < _order(latest):
            bisect.insort_right(self._earlier.setdefault(partner, []), assessment, key=_order)
            return
        if latest is not None:
            self._earlier.setdefault(partner, []).append(latest)
        self._assessments[partner] = assessment

    @property
    def graph(self) -> MultiDiGraph[str]:
        """Organisations as nodes, relations as edges: a frozen networkx ``MultiDiGraph``.

        Each node carries ``organisation`` (the :class:`Organisation`), ``name`` and
        ``kind``; each edge, keyed by relation kind, carries ``relation``, ``kind`` and
        ``since``. Run any networkx algorithm on it; for undirected questions ("who
        knows whom") use ``graph.to_undirected(as_view=True)``. Changing it raises
        ``NetworkXError``; change the project instead.
        """
        if self._graph is None:
            # networkx loads with the first graph: a command that needs none starts faster.
            from civsam._graph import build_graph  # noqa: PLC0415

            self._graph = build_graph(self._organisations.values(), self._relations.values())
        return self._graph

    def _changed(self) -> None:
        """Organisations or relations changed: what was derived from them is made again."""
        self._graph = None
        self._derived = {}

    def _remember(self, key: str, make: Callable[[], _T]) -> _T:
        """A value derived from the organisations and relations, kept until they change.

        For views other modules make of the network (the undirected one introductions
        search): one pass over 300,000 relations, not one per question.
        """
        try:
            return cast("_T", self._derived[key])
        except KeyError:
            value = self._derived[key] = make()
            return value

    @property
    def readiness_answers(self) -> tuple[ReadinessAnswer, ...]:
        """Every readiness answer, oldest first; :func:`civsam.readiness` sums them up."""
        return tuple(self._readiness)

    @property
    def readiness(self) -> tuple[ReadinessAnswer, ...]:
        """Deprecated since 0.2.0: :attr:`readiness_answers` (a summary is a Readiness)."""
        warn_renamed("Project.readiness", "Project.readiness_answers")
        return self.readiness_answers

    @property
    def outreach(self) -> tuple[OutreachEntry, ...]:
        """Every outreach step taken, in the order recorded."""
        return tuple(self._outreach)

    @property
    def touchpoints(self) -> tuple[Touchpoint, ...]:
        """Every logged contact with a partner, in the order logged."""
        return tuple(self._touchpoints)

    @property
    def reviews(self) -> tuple[Review, ...]:
        """Every checklist review, in the order recorded."""
        return tuple(self._reviews)

    def outreach_step(self, partner: str) -> OutreachStep:
        """Where the outreach to a partner stands: its last recorded step."""
        for entry in reversed(self._outreach):
            if entry.partner == partner:
                return entry.step
        return OutreachStep.NOT_STARTED

    def relations_of(self, organisation_id: str) -> tuple[Relation, ...]:
        """The relations an organisation takes part in, either end."""
        return tuple(r for r in self._relations.values() if organisation_id in (r.source, r.target))

    # -- snapshots ----------------------------------------------------------------------

    def _shared_organisations(self) -> Mapping[str, Organisation]:
        """The organisations as they are now, for a result that outlives later changes.

        No copy is made here: the next change copies the dict first (copy on write), so
        prioritising a national register costs no 100,000-entry copy, and a project that
        is changed afterwards leaves earlier results as they were.
        """
        self._organisations_shared = True
        return MappingProxyType(self._organisations)

    def _writable_organisations(self) -> dict[str, Organisation]:
        if self._organisations_shared:
            self._organisations = dict(self._organisations)
            self._organisations_shared = False
        return self._organisations

    # -- changes ------------------------------------------------------------------------

    def add(self, *items: _Item) -> None:
        """Add organisations, relations and assessments, all checked together.

        Items may refer to each other in one call (an organisation and the relation to
        it). Nothing is added unless everything is valid.
        """
        checker = Checker(
            self._header.owner,
            self._organisations,
            self._relations,
            self._assessments,
        )  # an undated assessment of a partner assessed before is refused: give it a date
        findings: list[Finding] = []
        orgs = [i for i in items if isinstance(i, Organisation)]
        rels = [i for i in items if isinstance(i, Relation)]
        assessments = [i for i in items if isinstance(i, Assessment)]
        findings.extend(
            Finding((), Text("project.cannot_add"), type(stray).__name__, Text("project.addable"))
            for stray in items
            if not _is_item(stray)
        )
        for org in orgs:
            findings.extend(checker.organisation(("organisations", org.id), org))
        if self._header.owner not in self._organisations:
            findings.extend(checker.owner_exists(("project", "owner")))
        for rel in rels:
            findings.extend(checker.relation(("relations",), rel))
        for assessment in assessments:
            findings.extend(checker.assessment(("assessments",), assessment))
        _raise_for(findings)
        organisations = self._writable_organisations() if orgs else self._organisations
        for org in orgs:
            organisations[org.id] = org
        for rel in rels:
            self._relations[_key(rel)] = rel
        for assessment in assessments:
            self._insert(assessment)
        self._changed()

    def record(self, *entries: _Entry) -> None:
        """Record what happened: readiness answers, outreach steps, touchpoints, reviews.

        Entries are appended in the order given and checked together, against the
        project and each other: a partner must exist, an outreach step must be allowed
        from the partner's current one. A dated :class:`Assessment` is recorded as
        :meth:`add` adds it, into its partner's history (an undated one is refused: only
        a date keeps it apart from the ones before). Nothing is recorded unless
        everything is valid.
        """
        steps: dict[str, tuple[OutreachStep, Any]] = {}
        for taken in self._outreach:
            steps[taken.partner] = (taken.step, taken.date)
        checker = Checker(
            self._header.owner,
            self._organisations,
            steps=steps,
            reviewed={(review.partner, review.date) for review in self._reviews},
        )
        findings = [
            Finding(
                (), Text("project.cannot_record"), type(stray).__name__, Text("project.recordable")
            )
            for stray in entries
            if not _is_entry(stray)
        ]
        for entry in entries:
            findings.extend(_entry_findings(checker, entry))
        _raise_for(findings)
        for entry in entries:
            if isinstance(entry, Assessment):
                self._insert(entry)
            else:
                _log_of(self, entry).append(entry)
        if any(isinstance(entry, Assessment) for entry in entries):
            self._changed()

    def replace(self, organisation: Organisation) -> Organisation:
        """Replace the organisation with the same id; returns the one it replaced."""
        old = self._organisations.get(organisation.id)
        if old is None:
            raise ValidationError(
                [
                    Problem(
                        Text("project.nothing_to_replace"),
                        path="organisations",
                        found=repr(organisation.id),
                        expected=Text("model.known_id"),
                    )
                ]
            )
        self._writable_organisations()[organisation.id] = organisation
        self._changed()
        return old

    def remove(self, organisation_id: str) -> Organisation:
        """Remove an organisation with its relations, its assessment and its history."""
        if organisation_id == self._header.owner:
            raise ValidationError(
                [
                    Problem(
                        Text("project.owner_not_removable"),
                        path="organisations",
                        found=repr(organisation_id),
                        expected=Text("project.partner_id_first"),
                    )
                ]
            )
        organisation = self._organisations.get(organisation_id)
        if organisation is None:
            _raise_for([_unknown(("organisations",), organisation_id)])
        assert organisation is not None  # noqa: S101 - narrowed by _raise_for
        del self._writable_organisations()[organisation_id]
        self._relations = {
            key: r
            for key, r in self._relations.items()
            if organisation_id not in (r.source, r.target)
        }
        self._assessments.pop(organisation_id, None)
        self._earlier.pop(organisation_id, None)
        self._outreach = [e for e in self._outreach if e.partner != organisation_id]
        self._touchpoints = [e for e in self._touchpoints if e.partner != organisation_id]
        self._reviews = [e for e in self._reviews if e.partner != organisation_id]
        self._changed()
        return organisation

    def relate(
        self,
        source: str,
        target: str,
        kind: RelationKind | str,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        note: str = "",
    ) -> Relation:
        """Add a relation from ``source`` to ``target`` and return it."""
        relation_kind = _relation_kind(kind)
        try:
            relation = Relation(source, target, relation_kind, since, until, note)
        except (TypeError, ValueError) as error:
            raise _invalid_value(("relations",), error) from None
        self.add(relation)
        return relation

    def unrelate(
        self, source: str, target: str, kind: RelationKind | str | None = None
    ) -> tuple[Relation, ...]:
        """Remove the relations from ``source`` to ``target`` (of one kind, or all)."""
        wanted = None if kind is None else _relation_kind(kind).value
        removed = tuple(
            r
            for r in self._relations.values()
            if r.source == source and r.target == target and wanted in (None, r.kind.value)
        )
        for relation in removed:
            del self._relations[_key(relation)]
        if removed:
            self._changed()
        return removed

    def assess(self, partner: str, **fields: Any) -> Assessment:
        """Assess a partner; with a ``date``, assess again and keep the old assessments.

        ``fields`` are :class:`Assessment`'s: ``importance``, ``ease``, ``date``,
        ``shared_interest``, ``challenges``, ``existing_relation``, ``contact``, ….
        A dated assessment joins the partner's :attr:`history`. An undated one replaces
        the partner's undated assessment, as before dates were kept; a partner with
        dated assessments is only assessed again with a date. To keep the partner
        table's words and change the scores, use :meth:`reassess`.
        """
        _check_fields(Assessment, fields, "assessments")
        try:
            assessment = Assessment(partner, **fields)
        except (TypeError, ValueError) as error:
            raise _invalid_value(("assessments",), error) from None
        if assessment.date is not None:
            self.add(assessment)
            return assessment
        latest = self._assessments.get(partner)
        if latest is not None and latest.date is not None:
            _raise_for([_undated(partner)])
        previous = self._assessments.pop(partner, None)
        try:
            self.add(assessment)
        except ValidationError:
            if previous is not None:
                self._assessments[partner] = previous
            raise
        return assessment

    def reassess(self, partner: str, date: dt.date, **changes: Any) -> Assessment:
        """Assess a partner again on ``date``, from its latest assessment; returns the new one.

        The partner table's words (shared interest, challenges, contact, …) carry over;
        ``changes`` sets any field (``importance``, ``ease``, ``notes``, ``by``, …). The
        group's ``ratings`` were about the old scores and do not carry over, nor does a
        level's note (``importance_note``) when its score changes. The old assessments
        stay in :attr:`history`. A partner not assessed before is assessed afresh.
        """
        _check_fields(Assessment, changes, "assessments")
        latest = self._assessments.get(partner)
        fields = {} if latest is None else _carried_over(latest, changes)
        return self.assess(partner, **{**fields, **changes, "date": date})

    def unassess(self, partner: str) -> Assessment:
        """Remove a partner's assessments, its history with them; returns the latest."""
        self._earlier.pop(partner, None)
        assessment = self._assessments.pop(partner, None)
        if assessment is None:
            raise ValidationError(
                [
                    Problem(
                        Text("project.not_assessed"),
                        path="assessments",
                        found=repr(partner),
                        expected=Text("project.assessed_id"),
                    )
                ]
            )
        return assessment

    # -- the rest -----------------------------------------------------------------------

    def copy(self) -> Project:
        """An independent copy: changing one never changes the other."""
        return Project._from_document(self._to_document())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Project):
            return NotImplemented
        return self._to_document() == other._to_document()

    __hash__ = None  # type: ignore[assignment] # mutable: equal by value, so not hashable

    def __repr__(self) -> str:
        return (
            f"<Project {self.name!r}: owner {self._header.owner!r}, "
            f"{len(self._organisations)} organisations, {len(self._relations)} relations, "
            f"{len(self._assessments)} assessments>"
        )


def _relation_kind(kind: RelationKind | str) -> RelationKind:
    try:
        return RelationKind(kind)
    except ValueError:
        allowed = ", ".join(k.value for k in RelationKind)
        raise ValidationError(
            [
                Problem(
                    Text("project.unknown_relation_kind"),
                    path="relations",
                    found=repr(kind),
                    expected=Text("model.one_of", allowed=allowed),
                )
            ]
        ) from None


def _log_of(project: Project, entry: _Entry) -> list[Any]:
    if isinstance(entry, Touchpoint):
        return project._touchpoints
    if isinstance(entry, OutreachEntry):
        return project._outreach
    if isinstance(entry, Review):
        return project._reviews
    return project._readiness


def _entry_findings(checker: Checker, entry: _Entry) -> Iterable[Finding]:
    """What is wrong with an entry to record, against the project and the ones before it."""
    if isinstance(entry, Touchpoint):
        return checker.partner(("touchpoints",), entry.partner)
    if isinstance(entry, OutreachEntry):
        return checker.outreach(("outreach",), entry)
    if isinstance(entry, Review):
        return checker.review(("reviews",), entry)
    if isinstance(entry, Assessment):
        undated = [_undated(entry.partner)] if entry.date is None else []
        return [*checker.assessment(("assessments",), entry), *undated]
    return ()


def _is_entry(value: object) -> bool:
    return isinstance(value, ReadinessAnswer | OutreachEntry | Touchpoint | Review | Assessment)


def _histories(
    assessments: tuple[Assessment, ...],
) -> tuple[dict[str, Assessment], dict[str, list[Assessment]]]:
    """Each partner's latest assessment, and the earlier ones, from a file's list.

    A file lists a partner's assessments in any order; its history is sorted by date,
    and two of one day keep the file's order.
    """
    latest = {a.partner: a for a in assessments}
    if len(latest) == len(assessments):  # one each, as most files: no history to sort
        return latest, {}
    grouped: dict[str, list[Assessment]] = {partner: [] for partner in latest}
    for assessment in assessments:
        grouped[assessment.partner].append(assessment)
    earlier: dict[str, list[Assessment]] = {}
    for partner, history in grouped.items():
        history.sort(key=_order)
        latest[partner] = history.pop()
        if history:
            earlier[partner] = history
    return latest, earlier


_NOT_CARRIED = frozenset({"partner", "date", "by", "notes", "ratings"})
"""What a new assessment does not take over from the one before: it is the new one's own."""
_LEVEL_NOTES = {"importance": "importance_note", "ease": "ease_note"}


def _carried_over(latest: Assessment, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of ``latest`` a re-assessment keeps: the table's words, unchanged levels."""
    fields = {
        field.name: getattr(latest, field.name)
        for field in attrs.fields(Assessment)
        if field.name not in _NOT_CARRIED
    }
    for score, note in _LEVEL_NOTES.items():
        if score in changes and changes[score] != getattr(latest, score):
            fields[note] = ""
    return fields


def _undated(partner: str) -> Finding:
    return Finding(
        ("assessments",),
        Text("project.undated_reassessment"),
        repr(partner),
        Text("project.dated_reassessment"),
    )


def _is_item(value: object) -> bool:
    """Callers without a type checker can pass anything; say so instead of failing later."""
    return isinstance(value, Organisation | Relation | Assessment)


def _key(relation: Relation) -> tuple[str, str, str]:
    return (relation.source, relation.target, relation.kind.value)


def _unknown(path: Path, organisation_id: str) -> Finding:
    return Finding(
        path, Text("model.unknown_organisation"), repr(organisation_id), Text("model.known_id")
    )
