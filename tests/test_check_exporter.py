"""check_exporter catches the broken exporters plugin authors really wrote (issue 15).

Each one breaks one promise, and the error names it with the evidence: the leaked value
and how it was encoded, the first differing byte and the zip member, the bad attribute.
The exporters are at module level: the determinism check sends them to a second process.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import random
import zipfile
from typing import TYPE_CHECKING

import pytest

import civsam
from civsam.testing import EXPORTER_PROMISES, ExporterContractError, check_exporter

if TYPE_CHECKING:
    from typing import BinaryIO

    from civsam import Report


class Base:
    """A well-behaved plain-text exporter: the ranks and names. Subclasses break it."""

    name = "kit"
    suffix = ".txt"
    media_type = "text/plain; charset=utf-8"

    def lines(self, report: Report) -> list[str]:
        """The report's partners in rank order."""
        return [f"{p.rank}. {p.partner.name}" for p in report.prioritisation]

    def export(self, report: Report, out: BinaryIO) -> None:
        """Write the lines."""
        out.write("".join(f"{line}\n" for line in self.lines(report)).encode() or b"-\n")


_STARTED = dt.datetime.now(dt.UTC)
"""When this process started: the same in one process, another in the next (or a later clock)."""


class Stamped(Base):
    """Writes when its process started: the same bytes within one process only.

    Reading the clock on each call made the in-process check catch it first whenever two
    calls straddled a second, which is not what this case is about.
    """

    def lines(self, report: Report) -> list[str]:
        """The lines, and when the process that made them started."""
        return [f"made {_STARTED:%Y-%m-%d %H:%M:%S.%f}", *super().lines(report)]


class Dated(Base):
    """Writes date.today(): the same bytes all day."""

    def lines(self, report: Report) -> list[str]:
        """The lines, and the day they were made."""
        return [f"made {dt.date.today()}", *super().lines(report)]  # noqa: DTZ011


class Zipped(Base):
    """A zip written with zipfile's defaults: every member stamped with the local time."""

    name = "kit-zip"
    suffix = ".zip"
    media_type = "application/zip"

    def export(self, report: Report, out: BinaryIO) -> None:
        """One member with the lines."""
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("partners.txt", "\n".join(self.lines(report)))


class HashOrdered(Base):
    """The partners in a set's order: another PYTHONHASHSEED, another order."""

    def lines(self, report: Report) -> list[str]:
        """The names in set order."""
        return list({p.partner.name for p in report.prioritisation}) or ["-"]


class Random(Base):
    """A random number in the output."""

    def lines(self, report: Report) -> list[str]:
        """The lines and a random id."""
        return [f"id {random.random()}", *super().lines(report)]  # noqa: S311


class Leaks(Base):
    """Writes every contact person, whether or not contacts are included; ``encode`` hides it."""

    def encode(self, name: str) -> str:
        """The name as this exporter writes it."""
        return name

    def lines(self, report: Report) -> list[str]:
        """The lines, with the contacts."""
        people = [
            self.encode(contact.name)
            for org in report.project.organisations.values()
            for contact in org.contacts
        ]
        return [*super().lines(report), *people]


class Shouting(Leaks):
    """Contact names upper-cased."""

    def encode(self, name: str) -> str:
        """Upper case."""
        return name.upper()


class Entities(Leaks):
    """Contact names as decimal character references, as some XML writers do."""

    def encode(self, name: str) -> str:
        """Every character as &#N;."""
        return "".join(f"&#{ord(c)};" for c in name)


class ZippedBase64(Leaks):
    """Contact names base64-encoded inside a deflated zip member (fixed times)."""

    name = "kit-zip"
    suffix = ".zip"
    media_type = "application/zip"

    def export(self, report: Report, out: BinaryIO) -> None:
        """One member holding the lines as base64."""
        text = "\n".join(self.lines(report)).encode()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            member = zipfile.ZipInfo("data/blob.txt", date_time=(2026, 1, 1, 0, 0, 0))
            archive.writestr(member, base64.b64encode(text), zipfile.ZIP_DEFLATED)


class Closing(Base):
    """Closes the caller's stream."""

    def export(self, report: Report, out: BinaryIO) -> None:
        """Write, then close."""
        super().export(report, out)
        out.close()


class Misnamed(Base):
    """A name with a space, a suffix without a dot, no media type."""

    name = "my format"
    suffix = "txt"
    media_type = "not a media type"


class Honest(Base):
    """Uses the report's clock: the same bytes anywhere, any time."""

    def lines(self, report: Report) -> list[str]:
        """The lines, and the report's time."""
        return [f"made {report.timestamp:%Y-%m-%d %H:%M:%S}", *super().lines(report)]


@pytest.mark.parametrize(
    ("exporter", "promise", "evidence"),
    [
        (Misnamed(), "follows the exporter contract", "its name is 'my format' (expected"),
        (Closing(), "writes bytes", "export() closed the caller's stream"),
        (Random(), "deterministic", "random seeded differently"),
        (Stamped(), "deterministic across processes and clocks", "first differing at byte"),
        (Dated(), "deterministic across processes and clocks", "first differing at byte"),
        (Zipped(), "deterministic across processes and clocks", "zip member times differ"),
        (HashOrdered(), "deterministic across processes and clocks", "first differing at byte"),
        (Leaks(), "keeps contact persons out", "holds the contact.name"),
        (Shouting(), "keeps contact persons out", "holds the contact.name"),
        (Entities(), "keeps contact persons out", "holds the contact.name"),
        (ZippedBase64(), "keeps contact persons out", "in zip member 'data/blob.txt'"),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Base) else "",
)
def test_check_exporter_names_the_promise_and_shows_the_evidence(
    exporter: Base, promise: str, evidence: str
) -> None:
    """Each broken exporter fails under its own promise; the message shows how."""
    with pytest.raises(ExporterContractError) as info:
        check_exporter(exporter, max_examples=3)
    assert info.value.promise == promise
    assert promise in EXPORTER_PROMISES
    message = str(info.value)
    assert message.startswith(f"exporter {exporter.name!r} breaks '{promise}': ")
    assert evidence in message


def test_an_exporter_reading_the_reports_clock_passes() -> None:
    """report.timestamp is the one clock: the second process agrees to the byte."""
    check_exporter(Honest(), max_examples=3)


def test_the_evidence_of_a_leak_shows_no_real_contact_data() -> None:
    """The planted values are fake markers; the message quotes those, nothing else."""
    with pytest.raises(ExporterContractError) as info:
        check_exporter(Leaks(), max_examples=3)
    example_people = {
        contact.name for org in civsam.example().organisations.values() for contact in org.contacts
    }
    assert example_people
    assert not [name for name in example_people if name in str(info.value)]
    assert "'HemmeligNavn'" in str(info.value)


def test_an_exporter_defined_in_a_function_is_told_how_to_be_checked() -> None:
    """Not picklable: the message says to move it to module level or pass processes=False."""

    class Local(Base):
        pass

    with pytest.raises(ExporterContractError) as info:
        check_exporter(Local(), max_examples=3)
    assert info.value.promise == "deterministic across processes and clocks"
    assert "module level" in str(info.value)
    assert "processes=False" in str(info.value)
    check_exporter(Local(), max_examples=3, processes=False)


def test_the_zip_evidence_reads_like_a_fix() -> None:
    """For a zip, the member and both times: enough to see that times must be fixed."""
    with pytest.raises(ExporterContractError) as info:
        check_exporter(Zipped(), max_examples=3)
    assert "'partners.txt'" in str(info.value)
    assert "report.timestamp" in str(info.value)
    stream = io.BytesIO()
    Zipped().export(civsam.make_report(civsam.example()), stream)
    assert zipfile.ZipFile(stream).namelist() == ["partners.txt"]
