"""Check an exporter against what civsam promises of every export format.

``check_exporter(exporter)`` raises :class:`ExporterContractError` naming the first
promise the exporter breaks: it writes bytes, the same report gives the same bytes, it
handles an empty project and hostile text (in projects with a whole history: planning,
readiness, outreach, touchpoints, reviews), it shows no contact person, rater or
readiness answerer unless contacts are included, and it leaves the report as it found
it::

    def test_my_exporter_keeps_civsam_s_promises():
        check_exporter(MyExporter())
"""

from __future__ import annotations

import datetime as dt
import io

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civsam.bundled import example
from civsam.exporting import Exporter
from civsam.io import dumps
from civsam.lifecycle import ReadinessAnswer, ReadinessPoint
from civsam.model import Assessment, Contact, Language, Organisation, OrgKind, Rating
from civsam.project import Project
from civsam.report import Report, make_report
from civsam.testing._checks import first_failure
from civsam.testing._strategies import projects

__all__ = ["EXPORTER_PROMISES", "ExporterContractError", "check_exporter"]

EXPORTER_PROMISES = (
    "writes bytes",
    "deterministic",
    "handles an empty project",
    "handles hostile text",
    "keeps contact persons out",
    "leaves the report unchanged",
)
"""What :func:`check_exporter` checks, in order."""

_AS_OF = dt.date(2026, 1, 1)
_MARKER = "Hemmelig"  # marks personal data that must not appear without include_contacts


class ExporterContractError(AssertionError):
    """An exporter broke one of civsam's promises; the message says which, and how."""

    def __init__(self, exporter: str, promise: str, detail: str) -> None:
        self.exporter = exporter
        self.promise = promise
        super().__init__(f"exporter {exporter!r} breaks '{promise}': {detail}")


class _Stream(io.BytesIO):
    """A stream that records whether the exporter closed it (it must not)."""

    def close(self) -> None:
        self.closed_by_exporter = True
        super().close()


def _run(exporter: Exporter, report: Report) -> bytes:
    out = _Stream()
    exporter.export(report, out)
    assert not getattr(out, "closed_by_exporter", False), "export() closed the caller's stream"
    return out.getvalue()


def _report(project: Project, **options: object) -> Report:
    return make_report(project, as_of=_AS_OF, **options)  # type: ignore[arg-type]


def _with_secrets(project: Project) -> tuple[Project, list[str]]:
    """The project with a partner whose contact details are unmistakable markers."""
    secrets = [f"{_MARKER}Navn", f"{_MARKER.lower()}@example.dk", "+4599887766", f"{_MARKER}Rolle"]
    partner = Organisation(
        "kontakt-test",
        "Kontakttest",
        OrgKind.CIVIL_SOCIETY,
        contacts=(Contact(secrets[0], secrets[1], secrets[2], secrets[3]),),
    )
    copy = project.copy()
    copy.add(
        partner,
        Assessment(
            partner.id,
            importance=5,
            ease=5,
            contact=secrets[0],
            ratings=(Rating(f"{_MARKER}Bedømmer", 5, 5),),
        ),
    )
    point = next(iter(ReadinessPoint))
    copy.record(ReadinessAnswer(point, in_place=True, date=_AS_OF, answered_by=f"{_MARKER}Svarer"))
    return copy, [*secrets, f"{_MARKER}Bedømmer", f"{_MARKER}Svarer"]


def _fingerprint(report: Report) -> tuple[str, list[object]]:
    return dumps(report.project, "json"), list(report.prioritisation)


def check_exporter(exporter: Exporter, *, max_examples: int = 30) -> None:  # noqa: C901
    """Check ``exporter`` against every promise in :data:`EXPORTER_PROMISES`."""
    name = str(getattr(exporter, "name", type(exporter).__name__))
    config = settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )

    def writes_bytes() -> None:
        for language in Language:
            data = _run(exporter, _report(example(), language=language))
            assert data, f"no bytes were written for the example in {language.value!r}"

    def deterministic() -> None:
        report = _report(example())
        first, again = _run(exporter, report), _run(exporter, report)
        assert first == again, "the same report gave different bytes"
        fresh = _run(exporter, _report(example()))
        assert first == fresh, "an equal report made again gave different bytes"

    def empty() -> None:
        project = Project("Tomt projekt", Organisation("ejer", "Ejer", OrgKind.MUNICIPALITY))
        _run(exporter, _report(project))

    @config
    @given(projects(history=True), st.booleans())
    def hostile(project: Project, contacts: bool) -> None:  # noqa: FBT001 - drawn by given
        _run(exporter, _report(project, include_contacts=contacts))

    def private() -> None:
        for base in (example(), Project("P", Organisation("ejer", "Ejer"))):
            project, secrets = _with_secrets(base)
            for language in Language:
                data = _run(exporter, _report(project, language=language))
                for encoding in ("utf-8", "utf-16", "latin-1"):
                    text = data.decode(encoding, errors="ignore")
                    leaked = [s for s in secrets if s in text]
                    assert not leaked, (
                        f"without include_contacts the export holds {leaked} "
                        f"({encoding}, {language.value})"
                    )

    def unchanged() -> None:
        report = _report(example(), include_contacts=True)
        before = _fingerprint(report)
        frozen = attrs.evolve(report)
        _run(exporter, report)
        assert _fingerprint(report) == before, "the export changed the project or the ranking"
        assert attrs.evolve(report) == frozen, "the export changed the report"

    checks = (writes_bytes, deterministic, empty, hostile, private, unchanged)
    failure = first_failure(zip(EXPORTER_PROMISES, checks, strict=True))
    if failure is not None:
        raise ExporterContractError(name, *failure)
