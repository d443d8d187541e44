"""Check an exporter against what civsam promises of every export format.

``check_exporter(exporter)`` raises :class:`ExporterContractError` naming the first
promise the exporter breaks, with the evidence: it keeps the exporter contract (name,
suffix, media type), writes bytes, gives the same bytes for the same report (with
``random`` seeded differently, and in a second process with another hash seed and a
clock moved forward), handles an empty project and hostile text (in projects with a
whole history), holds no contact person, rater or readiness answerer unless contacts are
included (in any encoding, inside zip members too), and leaves the report as it found
it::

    def test_my_exporter_keeps_civsam_s_promises():
        check_exporter(MyExporter(), profile="thorough")
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
from collections.abc import Iterator, Mapping
from typing import Literal

import attrs
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from civsam.contracts import Exporter, exporter_problems
from civsam.files.bundled import example
from civsam.files.io import dumps, loads
from civsam.lifecycle import ReadinessAnswer, ReadinessPoint
from civsam.model import Assessment, Contact, Language, Organisation, OrgKind, Rating
from civsam.privacy import find_personal_data, personal_values
from civsam.project import Project
from civsam.report import Report, make_report
from civsam.testing._checks import first_failure, seeded
from civsam.testing._evidence import byte_difference
from civsam.testing._process import SecondProcessError, in_second_process
from civsam.testing._strategies import projects

__all__ = [
    "EXPORTER_PROFILES",
    "EXPORTER_PROMISES",
    "SOURCE_DATE",
    "ExporterContractError",
    "check_exporter",
]

EXPORTER_PROMISES = (
    "follows the exporter contract",
    "writes bytes",
    "deterministic",
    "deterministic across processes and clocks",
    "handles an empty project",
    "handles hostile text",
    "keeps contact persons out",
    "leaves the report unchanged",
)
"""What :func:`check_exporter` checks, in order."""

SOURCE_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
"""The ``SOURCE_DATE_EPOCH`` the check runs under, in both processes: the reports'
:attr:`~civsam.Report.generated` and :attr:`~civsam.Report.timestamp`."""

EXPORTER_PROFILES: Mapping[str, int] = {"quick": 8, "thorough": 50}
"""Generated projects for "handles hostile text": ``quick`` checks a simple format in
a few seconds, ``thorough`` in a minute or two. ``max_examples`` overrides them."""

_AS_OF = SOURCE_DATE.date()
_MARKER = "Hemmelig"  # marks personal data that must not appear without include_contacts


class ExporterContractError(AssertionError):
    """An exporter broke one of civsam's promises; the message says which, and how."""

    def __init__(self, exporter: str, promise: str, detail: str) -> None:
        self.exporter = exporter
        self.promise = promise
        super().__init__(f"exporter {exporter!r} breaks '{promise}': {detail}")


class _Stream(io.BytesIO):
    """A stream that records whether the exporter closed it (it must not)."""

    closed_by_exporter = False

    def close(self) -> None:
        self.closed_by_exporter = True


def _run(exporter: Exporter, report: Report) -> bytes:
    out = _Stream()
    exporter.export(report, out)
    assert not out.closed_by_exporter, "export() closed the caller's stream"
    return out.getvalue()


def _report(project: Project, **options: object) -> Report:
    return make_report(project, as_of=_AS_OF, **options)  # type: ignore[arg-type]


def _export_bytes(exporter: Exporter, project_text: str, language: str) -> bytes:
    """What ``exporter`` writes for a project (as JSON): the same in either process."""
    return _run(exporter, _report(loads(project_text, "json"), language=language))


@contextlib.contextmanager
def _source_date() -> Iterator[None]:
    """Run with ``SOURCE_DATE_EPOCH`` at :data:`SOURCE_DATE`, then as it was."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(SOURCE_DATE.timestamp()))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _with_secrets(project: Project) -> Project:
    """The project with a partner whose contact details are unmistakable markers."""
    name = f"{_MARKER}Navn"
    partner = Organisation(
        "kontakt-test",
        "Kontakttest",
        OrgKind.CIVIL_SOCIETY,
        contacts=(
            Contact(name, f"{_MARKER.lower()}@example.dk", "+45 99 88 77 66", f"{_MARKER}Rolle"),
        ),
    )
    copy = project.copy()
    copy.add(
        partner,
        Assessment(
            partner.id,
            importance=5,
            ease=5,
            contact=name,
            ratings=(Rating(f"{_MARKER}Bedømmer", 5, 5),),
        ),
    )
    point = next(iter(ReadinessPoint))
    copy.record(ReadinessAnswer(point, in_place=True, date=_AS_OF, answered_by=f"{_MARKER}Svarer"))
    return copy


def _fingerprint(report: Report) -> tuple[str, list[object]]:
    return dumps(report.project, "json"), list(report.prioritisation)


def check_exporter(  # noqa: C901, PLR0915 - one closure per promise, read top to bottom
    exporter: Exporter,
    *,
    profile: Literal["quick", "thorough"] = "quick",
    max_examples: int | None = None,
    processes: bool = True,
) -> None:
    """Check ``exporter`` against every promise in :data:`EXPORTER_PROMISES`.

    Raises :class:`ExporterContractError` for the first promise broken, with the
    evidence. ``profile`` sets how many hostile projects are tried (:data:`EXPORTER_PROFILES`),
    ``max_examples`` sets it instead. ``processes=False`` skips the second process (an
    exporter that cannot be pickled: defined inside a function). The check runs with
    ``SOURCE_DATE_EPOCH`` set to :data:`SOURCE_DATE`; an exporter's only clock is
    :attr:`civsam.Report.timestamp`.
    """
    name = str(getattr(exporter, "name", type(exporter).__name__))
    config = settings(
        max_examples=EXPORTER_PROFILES[profile] if max_examples is None else max_examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
        # No "explain" phase: slow, and the failing example is already in the message.
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    )

    def follows_contract() -> None:
        problems = exporter_problems(exporter)
        assert not problems, "; ".join(str(problem) for problem in problems)

    def writes_bytes() -> None:
        for language in Language:
            data = _run(exporter, _report(example(), language=language))
            assert data, f"no bytes were written for the bundled example in {language.value!r}"

    def deterministic() -> None:
        report = _report(example())
        with seeded(1):
            first = _run(exporter, report)
        with seeded(2):
            again = _run(exporter, report)
        difference = byte_difference(first, again)
        assert difference is None, (
            f"the same report gave different bytes (random seeded differently): {difference}"
        )
        fresh = byte_difference(first, _run(exporter, _report(example())))
        assert fresh is None, f"an equal report made again gave different bytes: {fresh}"

    def across_processes() -> None:
        if not processes:
            return
        text = dumps(example(), "json")
        here = _export_bytes(exporter, text, "da")
        try:
            there = in_second_process(_export_bytes, exporter, text, "da")
        except SecondProcessError as error:
            raise AssertionError(f"{error} (pass processes=False to skip this check)") from None
        difference = byte_difference(here, there)
        assert difference is None, (
            "a second process (another PYTHONHASHSEED, the clock moved forward by 400 days "
            "and 3 h 17 min 13 s, random seeded differently; the same SOURCE_DATE_EPOCH) "
            f"wrote different bytes; read the time from report.timestamp: {difference}"
        )

    def empty() -> None:
        project = Project("Tomt projekt", Organisation("ejer", "Ejer", OrgKind.MUNICIPALITY))
        _run(exporter, _report(project))

    @config
    @given(projects(history=True), st.booleans())
    def hostile(project: Project, contacts: bool) -> None:  # noqa: FBT001 - drawn by given
        _run(exporter, _report(project, include_contacts=contacts))

    def private() -> None:
        for base in (example(), Project("P", Organisation("ejer", "Ejer"))):
            project = _with_secrets(base)
            values = personal_values(project)
            for language in Language:
                data = _run(exporter, _report(project, language=language))
                findings = find_personal_data(data, values)
                if findings:
                    # A planted marker is shown as it is; anyone else's data only masked.
                    found = next(
                        (f for f in findings if _MARKER.casefold() in f.value.value.casefold()),
                        findings[0],
                    )
                    planted = _MARKER.casefold() in found.value.value.casefold()
                    shown = repr(found.value.value) if planted else found.value.masked
                    where = f"in zip member {found.member!r}, " if found.member else ""
                    raise AssertionError(
                        f"without include_contacts the export holds the {found.value.field} "
                        f"{shown} ({where}{found.encoding}, {found.form}, near "
                        f"offset {found.offset}; {language.value}); "
                        f"{len(findings)} personal value(s) in all"
                    )

    def unchanged() -> None:
        report = _report(example(), include_contacts=True)
        before = _fingerprint(report)
        frozen = attrs.evolve(report)
        _run(exporter, report)
        assert _fingerprint(report) == before, "the export changed the project or the ranking"
        assert attrs.evolve(report) == frozen, "the export changed the report"

    checks = (
        follows_contract,
        writes_bytes,
        deterministic,
        across_processes,
        empty,
        hostile,
        private,
        unchanged,
    )
    with _source_date():
        failure = first_failure(zip(EXPORTER_PROMISES, checks, strict=True))
    if failure is not None:
        raise ExporterContractError(name, *failure)
