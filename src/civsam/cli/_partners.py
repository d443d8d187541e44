"""The partner a user names on the command line: by id, or by a name no other has."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from civsam import CivsamError, Organisation, Project
from civsam.cli._errors import shown
from civsam.labels import Choices, Text

__all__ = ["named_partner"]


def _folded(text: str) -> str:
    """A name as it is compared: case and runs of spaces do not matter."""
    return " ".join(text.split()).casefold()


def _near(project: Project, wanted: str) -> list[Organisation]:
    """The partners whose id or name contains, or looks like, what was typed."""
    keys: dict[str, Organisation] = {}
    for organisation in project.organisations.values():
        if organisation.id != project.owner.id:
            keys.setdefault(organisation.id.casefold(), organisation)
            keys.setdefault(_folded(organisation.name), organisation)
    containing = [organisation for key, organisation in keys.items() if wanted and wanted in key]
    close = [keys[key] for key in difflib.get_close_matches(wanted, list(keys), n=5, cutoff=0.6)]
    found = {organisation.id: organisation for organisation in (*containing, *close)}
    return list(found.values())[:5]


def _named(organisations: Iterable[Organisation]) -> list[Text]:
    return [Text("cli.partner_named", id=org.id, name=org.name) for org in organisations]


def named_partner(project: Project, text: str) -> Organisation:
    """The partner PARTNER names: an organisation's id, or its name if no other has it.

    A name is matched ignoring case and extra spaces. An unknown, ambiguous or owner's
    name is invalid input (exit 1), like any reference the project does not hold; the
    message names the nearest partners, so a typo is fixed at once.
    """
    found = project.organisations.get(text)
    if found is None:
        wanted = _folded(text)
        named = [
            organisation
            for organisation in project.organisations.values()
            if wanted in {organisation.id.casefold(), _folded(organisation.name)}
        ]
        if len(named) > 1:
            raise CivsamError(
                Text(
                    "cli.partner_ambiguous",
                    text=shown(text),
                    count=len(named),
                    listed=Choices(_named(named), "and"),
                )
            )
        if not named:
            near = _named(_near(project, wanted))
            if near:
                raise CivsamError(
                    Text("cli.partner_unknown_near", text=shown(text), near=Choices(near))
                )
            raise CivsamError(Text("cli.partner_unknown", text=shown(text)))
        found = named[0]
    if found.id == project.owner.id:
        raise CivsamError(Text("cli.partner_owner", text=shown(text), name=found.name))
    return found
