"""Checks that span several values: ids are unique and every reference points somewhere.

Field-level rules live with the values (``_checks``); what needs the whole project lives
here. The same :class:`Checker` serves a file being loaded (fed every item in order) and a
project being changed in code (fed only the new items, against what the project holds),
so both are held to the same rules, in one pass, and report every problem at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from civsam._message import Text
from civsam._where import Path, format_path
from civsam.lifecycle import OutreachStep

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Container, Iterator, Mapping

    from civsam.errors import Message
    from civsam.lifecycle import OutreachEntry, Review
    from civsam.model import Assessment, Organisation, Relation

__all__ = ["Checker", "Finding"]

_KNOWN = Text("model.known_id")
_UNKNOWN = Text("model.unknown_organisation")
_SHOWN = 40
"""How much of an id an error repeats."""
_NOT_THE_OWNER = (Text("model.owner_not_partner"), Text("model.partner_id"))
_OWNER_ASSESSED = (Text("model.owner_assesses_itself"), Text("model.potential_partner_id"))


@attrs.frozen(slots=True)
class Finding:
    """A cross-reference problem, before it is given a file and line.

    ``message``, ``found`` and ``expected`` are catalogue texts, or ids quoted as given.
    """

    path: Path
    message: Message
    found: Message | None = None
    expected: Message | None = None


def _quoted(value: str) -> str:
    """An id as an error repeats it: quoted, and cut short (an id built in code is unbounded)."""
    return repr(value) if len(value) <= _SHOWN else f"{value[: _SHOWN - 1]!r}…"


def _first(where: Path | None) -> Text | str:
    return Text("model.first_at", path=format_path(where)) if where else ""


class Checker:
    """Cross-checks items one at a time against what came before them.

    ``ids``, ``relation_keys`` and ``assessed`` are what the project already holds; they
    are read, never written. Items fed to the checker are remembered in its own state.
    """

    def __init__(
        self,
        owner: str | None,
        ids: Container[str] = (),
        relation_keys: Container[tuple[str, str, str]] = (),
        assessed: Container[str] = (),
        *,
        steps: Mapping[str, tuple[OutreachStep, dt.date]] | None = None,
        reviewed: Container[tuple[str, dt.date]] = (),
    ) -> None:
        self.owner = owner
        self._ids_before = ids
        self._relations_before = relation_keys
        self._assessed_before = assessed
        self._ids: dict[str, Path] = {}
        self._relations: dict[tuple[str, str, str], Path] = {}
        self._assessed: dict[str, Path] = {}
        self._steps: dict[str, tuple[OutreachStep, dt.date]] = dict(steps or {})
        self._reviewed_before = reviewed
        self._reviewed: dict[tuple[str, dt.date], Path] = {}

    def known(self, organisation_id: str) -> bool:
        """Whether an organisation with this id exists, before or among the new items."""
        return organisation_id in self._ids or organisation_id in self._ids_before

    def organisation(self, path: Path, organisation: Organisation) -> Iterator[Finding]:
        """A new organisation: its id must be new."""
        if organisation.id in self._ids_before or organisation.id in self._ids:
            yield Finding(
                (*path, "id"),
                Text("model.duplicate_id"),
                _quoted(organisation.id),
                Text("model.id_not_used", first=_first(self._ids.get(organisation.id))),
            )
        else:
            self._ids[organisation.id] = path

    def reserve(self, path: Path, organisation_id: str) -> None:
        """Count an id as known although its organisation was invalid.

        A broken organisation is reported once, where it is broken; the relations and
        assessments that name it are not reported again as pointing nowhere.
        """
        self._ids.setdefault(organisation_id, path)

    def references(self, path: Path, item: dict[str, object]) -> Iterator[Finding]:
        """Check the ids an item that failed to structure still names (raw ``source``, …).

        An assessment with a bad score and an unknown partner has two problems; both are
        reported, not only the one that stopped it from being built.
        """
        for field in ("source", "target", "partner"):
            value = item.get(field)
            if isinstance(value, str) and not self.known(value):
                yield Finding((*path, field), _UNKNOWN, _quoted(value), _KNOWN)

    def owner_exists(self, path: Path) -> Iterator[Finding]:
        """The owner must be one of the organisations; call after feeding them all."""
        if self.owner is not None and not self.known(self.owner):
            yield Finding(path, Text("model.owner_missing"), _quoted(self.owner), _KNOWN)

    def relation(self, path: Path, relation: Relation) -> Iterator[Finding]:
        """A new relation: both ends must exist, and the same relation not twice."""
        for end in ("source", "target"):
            value = getattr(relation, end)
            if not self.known(value):
                yield Finding((*path, end), _UNKNOWN, _quoted(value), _KNOWN)
        key = (relation.source, relation.target, relation.kind.value)
        if key in self._relations_before or key in self._relations:
            yield Finding(
                path,
                Text("model.duplicate_relation"),
                Text(
                    "model.relation_again",
                    source=relation.source,
                    target=relation.target,
                    kind=relation.kind.value,
                ),
                Text("model.one_relation", first=_first(self._relations.get(key))),
            )
        else:
            self._relations[key] = path

    def assessment(self, path: Path, assessment: Assessment) -> Iterator[Finding]:
        """A new assessment: of a known partner, not the owner; undated only once.

        Dated assessments of one partner are its history, kept side by side. An undated
        one (from before dates were kept) can only be the first: a second one could not
        be told apart from it, and one added to a project already assessing the partner
        would land before the others in time.
        """
        partner = assessment.partner
        where = (*path, "partner")
        yield from self.partner(path, partner, owner=_OWNER_ASSESSED)
        if assessment.date is not None:
            return
        if partner in self._assessed:
            yield Finding(
                where,
                Text("model.second_assessment"),
                _quoted(partner),
                Text("model.one_undated_assessment", first=_first(self._assessed.get(partner))),
            )
        elif partner in self._assessed_before:
            yield Finding(
                (*path, "date"),
                Text("project.undated_reassessment"),
                _quoted(partner),
                Text("project.dated_reassessment"),
            )
        else:
            self._assessed[partner] = path

    def partner(
        self, path: Path, partner: str, *, owner: tuple[Text, Text] = _NOT_THE_OWNER
    ) -> Iterator[Finding]:
        """An item's partner: a known organisation, and not the owner.

        ``owner`` is the message and the expectation when it names the owner.
        """
        where = (*path, "partner")
        if not self.known(partner):
            yield Finding(where, _UNKNOWN, _quoted(partner), _KNOWN)
        elif partner == self.owner:
            message, expected = owner
            yield Finding(where, message, _quoted(partner), expected)

    def outreach(self, path: Path, entry: OutreachEntry) -> Iterator[Finding]:
        """A step of the outreach: allowed from the partner's current step, not earlier."""
        yield from self.partner(path, entry.partner)
        current, since = self._steps.get(entry.partner, (OutreachStep.NOT_STARTED, None))
        if entry.step not in current.allowed_next:
            yield Finding(
                (*path, "step"),
                Text(
                    "model.step_not_allowed",
                    partner=repr(entry.partner),
                    current=current.value,
                    step=entry.step.value,
                ),
                repr(entry.step.value),
                Text(
                    "model.one_of",
                    allowed=", ".join(step.value for step in current.allowed_next),
                ),
            )
        elif since is not None and entry.date < since:
            yield Finding(
                (*path, "date"),
                Text("model.step_too_early", partner=repr(entry.partner)),
                entry.date.isoformat(),
                Text("model.step_in_order", since=since.isoformat()),
            )
        else:
            self._steps[entry.partner] = (entry.step, entry.date)

    def review(self, path: Path, review: Review) -> Iterator[Finding]:
        """A checklist review: of a partner, at most one per partner a day."""
        yield from self.partner(path, review.partner)
        key = (review.partner, review.date)
        if key in self._reviewed_before or key in self._reviewed:
            yield Finding(
                (*path, "date"),
                Text("model.second_review", partner=repr(review.partner)),
                review.date.isoformat(),
                Text("model.one_review", first=_first(self._reviewed.get(key))),
            )
        else:
            self._reviewed[key] = path
