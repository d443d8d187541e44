"""``introductions``: who can introduce the owner to a partner, co-applicants and brokers."""

from __future__ import annotations

import argparse
from typing import TextIO

import civsam
from civsam import IntroductionPath, Language
from civsam.cli._columns import WIDTH, text_width, wrap, write_lines
from civsam.cli._errors import EXIT_OK
from civsam.cli._loading import load
from civsam.cli._options import count_option, partner_argument, today_option, with_project
from civsam.cli._parser import Commands
from civsam.cli._partners import named_partner
from civsam.labels import label

__all__ = ["add_introductions"]


def _chain(prefix: str, path: IntroductionPath) -> list[str]:
    """A path's organisations joined by arrows, each line broken before an arrow."""
    first, *rest = (organisation.name for organisation in path.organisations)
    lines = [prefix + first]
    for name in rest:
        if text_width(f"{lines[-1]} → {name}") > WIDTH:
            lines.append(f"  → {name}")
        else:
            lines[-1] += f" → {name}"
    return lines


def _introductions(args: argparse.Namespace, out: TextIO) -> int:
    project = load(args)
    language: Language = args.language
    partner = named_partner(project, args.partner)
    found = civsam.introductions(project, partner.id, limit=args.limit, as_of=args.today)
    lines = [label("introductions.title", language, name=partner.name)]
    if found.direct:
        lines += wrap(label("introductions.direct", language, name=partner.name))
    if not found.paths:
        lines += wrap(label("introductions.none", language))
    for number, path in enumerate(found.paths, start=1):
        lines += ["", *_chain(f"{label('introductions.path', language)} {number}: ", path)]
        for hop in path.hops:
            kinds = ", ".join(label(f"relation_kind.{kind.value}", language) for kind in hop.kinds)
            lines += wrap(f"{hop.source.name} → {hop.target.name}: {kinds}", "  ", "    ")
    lines += ["", label("introductions.co_applicants", language)]
    if not found.co_applicants:
        lines += wrap(label("introductions.no_co_applicants", language, name=partner.name), "  ")
    for candidate in found.co_applicants:
        kinds = ", ".join(
            label(f"relation_kind.{kind.value}", language) for kind in candidate.kinds
        )
        lines += wrap(f"{candidate.organisation.name}: {kinds}", "  ", "    ")
    if found.brokers:
        lines += ["", label("introductions.brokers", language)]
        lines += [f"  {broker.organisation.name}" for broker in found.brokers]
    write_lines(lines, out)
    return EXIT_OK


def add_introductions(commands: Commands) -> None:
    """``civsam introductions PATH PARTNER [--limit N] [--today DATE]``."""
    introductions = with_project(commands.add("introductions", _introductions))
    partner_argument(introductions)
    count_option(introductions, "--limit", least=1, default=5, help_key="cli.introductions.limit")
    today_option(introductions)
