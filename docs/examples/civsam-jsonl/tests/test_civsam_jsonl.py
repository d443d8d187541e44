"""civsam-jsonl keeps civsam's promises, is found as a plugin, and writes what it says."""

from __future__ import annotations

import datetime as dt
import json

import civsam
from civsam.testing import check_exporter

AS_OF = dt.date(2026, 1, 1)


def records(data: bytes) -> list[dict[str, object]]:
    """The JSON objects of an export, one per line."""
    text = data.decode("utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.split("\n")[:-1]]


def test_is_found_through_its_entry_point() -> None:
    """Installed, the package's entry point gives civsam the `jsonl` format."""
    assert "jsonl" in civsam.exporters()
    assert type(civsam.exporters()["jsonl"]).__module__ == "civsam_jsonl"


def test_keeps_civsam_s_promises() -> None:
    """Bytes, deterministic, empty and hostile projects, no contacts unasked, report unchanged."""
    check_exporter(civsam.exporters()["jsonl"])


def test_writes_one_record_per_partner_of_the_example_in_rank_order() -> None:
    """The bundled example: every placement, in rank order, with its reasons in Danish."""
    project = civsam.example()
    prio = civsam.prioritise(project, as_of=AS_OF)

    got = records(civsam.export_project(project, "jsonl", as_of=AS_OF))

    assert got == [
        {
            "rank": placement.rank,
            "id": placement.partner.id,
            "name": placement.partner.name,
            "quadrant": placement.quadrant.value,
            "importance": placement.importance,
            "ease": placement.ease,
            "reasons": list(placement.explain("da")),
        }
        for placement in prio
    ]
    assert got[0] == {
        "rank": 1,
        "id": "aeldresagen-aarhus",
        "name": "Ældre Sagen Aarhus",
        "quadrant": "start_here",
        "importance": 5.0,
        "ease": 5.0,
        "reasons": got[0]["reasons"],
    }


def test_writes_reasons_in_the_report_s_language() -> None:
    """With language="en" the reasons are English; nothing else changes."""
    project = civsam.example()
    danish = records(civsam.export_project(project, "jsonl", as_of=AS_OF))
    english = records(civsam.export_project(project, "jsonl", as_of=AS_OF, language="en"))

    assert [r["reasons"] for r in english] == [
        list(p.explain("en")) for p in civsam.prioritise(project, as_of=AS_OF)
    ]
    assert [{**r, "reasons": []} for r in english] == [{**r, "reasons": []} for r in danish]


def test_shows_the_contact_person_only_when_asked() -> None:
    """`contact` is absent by default, and the assessment's contact person with include_contacts."""
    project = civsam.example()
    hidden = records(civsam.export_project(project, "jsonl", as_of=AS_OF))
    shown = records(civsam.export_project(project, "jsonl", as_of=AS_OF, include_contacts=True))

    assert all("contact" not in record for record in hidden)
    assert [r["contact"] for r in shown] == [
        project.assessments[str(r["id"])].contact for r in shown
    ]
    assert shown[0]["contact"] == "Birthe Søndergaard"


def test_keeps_every_record_on_one_line() -> None:
    """Line and paragraph separators in the data are escaped, so splitlines() sees one record."""
    project = civsam.Project("P", civsam.Organisation("ejer", "Ejer"))
    partner = civsam.Organisation("p", "A\u2028B\u2029C\u0085D\nE")
    project.add(partner, civsam.Assessment("p", importance=5, ease=5))

    data = civsam.export_project(project, "jsonl", as_of=AS_OF)

    assert len(data.decode("utf-8").splitlines()) == 1
    assert records(data)[0]["name"] == "A\u2028B\u2029C\u0085D\nE"
