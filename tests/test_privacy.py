"""civsam.privacy: a project's personal data found in what an exporter wrote, however encoded."""

from __future__ import annotations

import base64
import datetime as dt
import gc
import gzip
import html
import io
import json
import random
import re
import tracemalloc
import urllib.parse
import zipfile
from collections import Counter
from collections.abc import Callable

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import civsam
import civsam.privacy
from civsam import Assessment, Contact, Organisation, Project, Rating, ReadinessAnswer
from civsam.privacy import (
    MAX_DEPTH,
    Finding,
    PersonalValue,
    Skipped,
    find_in_text,
    find_personal_data,
    personal_values,
    scan_personal_data,
    unpack_limit,
)

NAME = PersonalValue("contact.name", "Søren Ærø Quist", "frivillig")
EMAIL = PersonalValue("contact.email", "soeren.quist@example.dk", "frivillig")
PHONE = PersonalValue("contact.phone", "+45 99 88 77 66", "frivillig")


def found(data: bytes, *values: PersonalValue) -> list[PersonalValue]:
    """The values found in ``data``, in the order asked for."""
    return [finding.value for finding in find_personal_data(data, values)]


def only(data: bytes, value: PersonalValue = NAME) -> Finding:
    """The one finding for ``value`` in ``data``."""
    (finding,) = find_personal_data(data, [value])
    return finding


def archive(members: dict[str, bytes]) -> bytes:
    """A deflated zip archive (as xlsx, docx and odt are) holding ``members``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, content in members.items():
            zipped.writestr(name, content)
    return buffer.getvalue()


# -- each form an exporter may write ------------------------------------------------------


def test_plain_utf8_is_found_where_it_is() -> None:
    """A name written as it is, in UTF-8: form ``plain``, the exact offset, no member."""
    data = "Kontakt: Søren Ærø Quist, tlf.".encode()
    assert only(data) == Finding(NAME, None, "utf-8", "plain", len("Kontakt: "))


def test_upper_case_is_found() -> None:
    """Case does not hide a name: an exporter may upper-case a heading."""
    assert found("KONTAKT: SØREN ÆRØ QUIST".encode(), NAME) == [NAME]


@pytest.mark.parametrize(
    "written",
    [
        "S&#248;ren &#198;r&#248; Quist",
        "S&#xF8;ren &#xc6;r&#xf8; Quist",
        "S&oslash;ren &AElig;r&oslash; Quist",
    ],
    ids=["decimal", "hex", "named"],
)
def test_html_entities_are_decoded(written: str) -> None:
    """XML/HTML character references, decimal, hex and named, are read as characters."""
    finding = only(f"<p>{written}</p>".encode())
    assert "html entities" in finding.form
    assert finding.encoding == "utf-8"


def test_json_escapes_are_decoded() -> None:
    r"""JSON's ``\u00f8`` (as ``json.dumps`` writes by default) hides nothing."""
    data = json.dumps({"contact": NAME.value}).encode()
    assert b"\\u00f8" in data
    assert only(data).form == "backslash escapes"


def test_python_and_surrogate_escapes_are_decoded() -> None:
    r"""``\xf8`` escapes and a JSON surrogate pair (an emoji in a name) are decoded."""
    emoji = PersonalValue("contact.name", "Anne 🌻 Holm")
    assert found(rb"x = 'S\xf8ren \xc6r\xf8 Quist'", NAME) == [NAME]
    assert found(json.dumps(emoji.value).encode(), emoji) == [emoji]


def test_percent_encoding_is_decoded() -> None:
    """A mailto: link percent-encodes the address; it is still the address."""
    data = f'<a href="mailto:{urllib.parse.quote(EMAIL.value, safe="")}">skriv</a>'.encode()
    assert b"%40" in data
    assert "percent-encoded" in only(data, EMAIL).form


def test_folded_icalendar_line_is_unfolded() -> None:
    r"""An iCalendar DESCRIPTION folded at 75 octets, with its ``\,`` escapes."""
    line = f"DESCRIPTION:Evt. kontaktperson: {NAME.value}\\, {EMAIL.value}\\, {PHONE.value}"
    raw = line.encode()
    folded = b"\r\n ".join(raw[i : i + 40] for i in range(0, len(raw), 40))
    data = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + folded + b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    findings = find_personal_data(data, [NAME, EMAIL, PHONE])
    assert [f.value for f in findings] == [NAME, EMAIL, PHONE]
    assert all("folded lines" in f.form for f in findings)


def test_fold_inside_a_character_is_undone_on_the_bytes() -> None:
    """Folding counts octets, so it may split ``ø``: the bytes are unfolded, then read."""
    raw = "BEGIN:VEVENT\r\nDESCRIPTION:Søren Ærø Quist".encode()
    cut = raw.index("ø".encode()) + 1
    data = raw[:cut] + b"\r\n " + raw[cut:] + b"\r\nEND:VEVENT\r\n"
    assert only(data).form == "folded lines"


def test_layout_is_not_unfolded_nor_unescaped() -> None:
    r"""Outside iCalendar a newline and an indent are layout; ``\U`` in a path is no escape.

    Undoing either would join the words around it.
    """
    anne = PersonalValue("contact.name", "Anne Holm")
    assert found(b"<p>\r\n  Kontakt: Anne\r\n Holm\r\n</p>", anne) == [anne]
    assert found(rb"C:\Users\Anne Holm\Documents", anne) == [anne]


def test_name_split_across_svg_lines_is_found() -> None:
    """A board wraps a name over two ``<tspan>`` lines: the lines are words apart."""
    svg = (
        '<svg><text x="0" y="10"><tspan x="0" dy="1.2em">S&#248;ren &#198;r&#248;</tspan>'
        '<tspan x="0" dy="1.2em">Quist</tspan></text></svg>'
    )
    assert "tags removed" in only(svg.encode()).form


def test_word_split_by_inline_tags_is_joined() -> None:
    """``<b>Hemme</b>lig`` and an unpositioned ``<tspan>`` inside a word make one word."""
    secret = PersonalValue("contact.name", "Hemmelig")
    assert found(b"<p>Ring til <b>Hemme</b><i>lig</i> i dag</p>", secret) == [secret]
    assert found(b"<text>Hem<tspan font-weight='bold'>mel</tspan>ig</text>", secret) == [secret]


def test_cells_are_not_joined() -> None:
    """Adjacent table cells stay words apart: ``Bo`` then ``Lig`` is not ``Bolig``."""
    bolig = PersonalValue("contact.name", "Bolig")
    assert found(b"<tr><td>Bo</td><td>Lig</td></tr>", bolig) == []


def test_soft_hyphens_and_zero_width_characters_are_ignored() -> None:
    """Hyphenation hints, raw or as ``&shy;``, and zero-width spaces hide nothing."""
    assert found("Sø\u00adren Æ\u200brø Qu\u2060ist".encode(), NAME) == [NAME]
    assert found(b"<td>S&oslash;&shy;ren &AElig;r&oslash; Qu&shy;ist</td>", NAME) == [NAME]


def test_no_break_spaces_separate_words() -> None:
    """``Søren&nbsp;Ærø Quist`` is the name; so is a phone grouped with no-break spaces."""
    data = b"<td>S&oslash;ren&nbsp;&AElig;r&oslash;&#8239;Quist, +45&nbsp;99&nbsp;88 77 66</td>"
    assert found(data, NAME, PHONE) == [NAME, PHONE]


def test_markdown_escapes_are_decoded() -> None:
    r"""Markdown escapes an address's dots and at sign: ``soeren\.quist\@example\.dk``."""
    data = rb"| Frivillig | soeren\.quist\@example\.dk\, \+45 99 88 77 66 |"
    assert found(data, EMAIL, PHONE) == [EMAIL, PHONE]


def test_base64_in_a_data_uri_is_decoded() -> None:
    """A data: URI holding the text; the offset is where the base64 run starts."""
    inner = f"<svg><text>{NAME.value}</text></svg>".encode()
    prefix = b'<img src="data:image/svg+xml;base64,'
    data = prefix + base64.b64encode(inner) + b'">'
    finding = only(data)
    assert finding.form == "base64"
    assert finding.offset == len(prefix)


def test_base64_with_mime_line_breaks_is_decoded() -> None:
    """An attachment wrapped at 76 characters a line is one run."""
    encoded = base64.encodebytes(("x" * 100 + f" {NAME.value} " + "y" * 100).encode())
    assert b"\n" in encoded.strip()
    assert found(b"Content-Transfer-Encoding: base64\r\n\r\n" + encoded, NAME) == [NAME]


def test_xlsx_member_is_scanned() -> None:
    """Inside a deflated xlsx, the finding names the member and its form."""
    data = archive(
        {
            "xl/workbook.xml": b"<workbook/>",
            "xl/sharedStrings.xml": f"<sst><si><t>{NAME.value}</t></si></sst>".encode(),
        }
    )
    assert only(data) == Finding(
        NAME, "xl/sharedStrings.xml", "utf-8", "plain", len("<sst><si><t>")
    )


def test_zip_in_base64_in_zip_is_scanned_to_the_depth_limit() -> None:
    """Containers nest: a zip in a base64 run in a zip member is scanned."""
    inner = archive({"doc": f"contact: {NAME.value}".encode()})
    outer = archive({"page": b"data:application/zip;base64," + base64.b64encode(inner)})
    finding = only(outer)
    assert (finding.member, finding.form) == ("page/doc", "base64")


def test_nesting_beyond_the_limit_is_reported_not_scanned() -> None:
    """A zip nested deeper than MAX_DEPTH is read as it is, and says so."""
    data = f"contact: {NAME.value}".encode()
    for _ in range(MAX_DEPTH + 1):
        data = archive({"inner": data})
    scan = scan_personal_data(data, [NAME])
    assert scan.findings == ()
    assert Skipped("inner/inner/inner", "depth limit") in scan.skipped


def test_member_names_are_scanned() -> None:
    """A member named after a person is personal data too."""
    data = archive({f"contacts/{NAME.value}.vcf": b"BEGIN:VCARD\r\nEND:VCARD\r\n"})
    assert only(data).form == "member names"


def test_gzip_is_decompressed() -> None:
    """A gzip stream (a .gz export, svgz) is decompressed and read."""
    data = gzip.compress(f"contact: {NAME.value}".encode())
    assert only(data).form == "gzip"


def test_utf16_with_bom_is_read() -> None:
    """A UTF-16 file with its BOM, as Excel's 'Unicode text' writes."""
    assert only(f"Kontakt\t{NAME.value}\r\n".encode("utf-16")).encoding == "utf-16-le"
    assert only(f"Kontakt\t{NAME.value}".encode("utf-16-be")).encoding == "utf-16-be"


def test_utf16_without_bom_is_recognised_by_its_nuls() -> None:
    """Mostly-ASCII UTF-16 without a BOM: every other byte is NUL."""
    data = f"Contact person: {NAME.value}, Frivilligcenter".encode("utf-16-le")
    assert only(data).encoding == "utf-16-le"


def test_cp1252_is_read() -> None:
    """A legacy cp1252 CSV (Excel's default in Denmark)."""
    data = f"navn;kontakt\r\nFrivilligcenter;{NAME.value}\r\n".encode("cp1252")
    assert only(data).encoding == "cp1252"


def test_find_in_text_reads_a_rule_s_reasons() -> None:
    """A rule's reasons are text: same matching, encoding ``text``."""
    reasons = f"preferred: known partner (contact {NAME.value.upper()})"
    (finding,) = find_in_text(reasons, [NAME, EMAIL])
    assert (finding.value, finding.encoding, finding.form) == (NAME, "text", "plain")
    assert find_in_text("preferred: known partner", [NAME, EMAIL]) == ()


# -- what counts as found -----------------------------------------------------------------


def test_names_match_as_whole_words() -> None:
    """A contact named Bo is not found in "Bolig" nor "Bo2", but is in "Ring til Bo."."""
    bo = PersonalValue("contact.name", "Bo")
    assert found(b"Boligforeningen Bakkely, Bo2, ABo", bo) == []
    assert found(b"Ring til Bo. Hun ved det.", bo) == [bo]
    assert found(b"Ring til bo_formand", bo) == [bo]  # an underscore is not a letter


def test_too_short_values_are_not_looked_for() -> None:
    """One character would be found everywhere; it is skipped, not reported."""
    one = PersonalValue("contact.name", " B ")
    assert found(b"B", one) == []


def test_emails_match_exactly_case_insensitively() -> None:
    """An address is found in any case, not inside a longer address."""
    assert found(b"Mail: SOEREN.QUIST@EXAMPLE.DK.", EMAIL) == [EMAIL]
    assert found(b"Mail: xsoeren.quist@example.dk", EMAIL) == []


@pytest.mark.parametrize(
    "written", ["+45 99 88 77 66", "99887766", "99-88-77-66", "0045 9988 7766", "(+45) 99 88 77 66"]
)
def test_phones_match_by_digits(written: str) -> None:
    """A phone number written with or without spaces, dashes or the country code."""
    assert found(f"Tlf. {written}.".encode(), PHONE) == [PHONE]


def test_phone_without_country_code_matches_one_with_it() -> None:
    """A number stored without +45 is found where an exporter adds it."""
    national = PersonalValue("contact.phone", "99 88 77 66")
    assert found(b"tel:+4599887766", national) == [national]


def test_phones_are_whole_numbers_not_parts() -> None:
    """Digits inside a longer number, or a date, are not a phone number."""
    short = PersonalValue("contact.phone", "20 26 01 15")
    assert found(b"Invoice 1299887766; 2026-01-15; 15.01.2026", PHONE, short) == []
    assert found(b"kl. 9988 7766", PersonalValue("contact.phone", "12 34")) == []


def test_findings_follow_the_order_of_values() -> None:
    """One finding per value, the first place each appears, in the order asked."""
    data = f"{EMAIL.value} ... {NAME.value} ... {NAME.value}".encode()
    findings = find_personal_data(data, [NAME, PHONE, EMAIL, NAME])
    assert [f.value for f in findings] == [NAME, EMAIL]
    assert findings[0].offset == data.index(NAME.value.encode()[:1])


def test_long_values_are_found_across_windows() -> None:
    """A long free-text contact spanning the scanner's 16 KiB windows is still found."""
    long = PersonalValue("assessment.contact", " ".join(["Anne", "Holm"] * 150))
    for position in range(16 * 1024 - 300, 16 * 1024 + 300, 97):
        data = ("x " * (position // 2) + long.value + " y").encode()
        assert found(data, long) == [long], position


def test_a_value_at_every_window_edge_is_found() -> None:
    """Windows overlap: a name straddling, starting or ending at an edge is found once."""
    for position in range(16 * 1024 - 40, 16 * 1024 + 10):
        data = ("-" * position + NAME.value + "-" * 100).encode()
        (finding,) = find_personal_data(data, [NAME])
        assert abs(finding.offset - position) <= 1, position


# -- limits -------------------------------------------------------------------------------


def test_zip_bomb_is_cut_at_the_limit() -> None:
    """A member declaring 50 MB of zeros is read only up to the limit, in bounded memory.

    What came before it is still found; what the limit kept from being read is reported.
    """
    first = PersonalValue("contact.name", "Forreste Markør")
    last = PersonalValue("contact.name", "Bageste Markør")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", first.value)
        archive.writestr("bomb.bin", bytes(50_000_000))
        archive.writestr("c.txt", last.value)
    data = buffer.getvalue()
    assert len(data) < 100_000
    tracemalloc.start()
    try:
        scan = scan_personal_data(data, [first, last])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [f.value for f in scan.findings] == [first]
    assert scan.skipped == (Skipped("bomb.bin", "size limit"), Skipped("c.txt", "size limit"))
    assert peak < 8 * unpack_limit(len(data))


def test_unpack_limit() -> None:
    """Twenty times the input, at least 16 MiB, at most 256 MiB."""
    mib = 1024 * 1024
    assert [unpack_limit(n) for n in (0, mib, 10 * mib, 100 * mib)] == [
        16 * mib,
        20 * mib,
        200 * mib,
        256 * mib,
    ]


def test_gzip_bomb_is_cut_at_the_limit() -> None:
    """A gzip stream is held to the same limit."""
    data = gzip.compress(NAME.value.encode() + bytes(40_000_000))
    scan = scan_personal_data(data, [NAME])
    assert [f.value for f in scan.findings] == [NAME]
    assert scan.skipped == (Skipped(None, "size limit"),)


def test_broken_member_is_reported_and_the_rest_scanned() -> None:
    """A member whose compressed data is corrupt is unreadable; the others are read."""
    data = bytearray(archive({"a": b"x" * 2000, "b": NAME.value.encode()}))
    start = data.index(b"a", 30) + 1  # the first member's compressed data
    data[start : start + 8] = b"\xff" * 8
    scan = scan_personal_data(bytes(data), [NAME])
    assert [f.value for f in scan.findings] == [NAME]
    assert scan.skipped == (Skipped("a", "unreadable"),)


def test_truncated_archive_is_read_as_bytes() -> None:
    """A cut-off zip is no archive; its stored text is still read."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.txt", f"contact {NAME.value}".encode() + b"." * 100)
    content = f"contact {NAME.value}".encode()
    data = buffer.getvalue()
    data = data[: data.index(content) + len(content)]
    assert found(data, NAME) == [NAME]


# -- values never shown -------------------------------------------------------------------


def test_reprs_do_not_show_the_value() -> None:
    """Reprs end up in logs and tracebacks: the value is never in them."""
    finding = only(NAME.value.encode())
    scan = scan_personal_data(NAME.value.encode(), [NAME])
    for shown in (repr(NAME), repr(finding), repr(scan), str(finding)):
        assert "Søren" not in shown
        assert "frivillig" in shown


def test_masked_shows_enough_to_find_it_not_to_read_it() -> None:
    """First and last character and the length; very short values not even that."""
    assert NAME.masked == "S…t (15 characters)"
    assert PersonalValue("contact.name", "  Bo ").masked == "… (2 characters)"
    assert PersonalValue("contact.name", "B").masked == "… (1 character)"


# -- personal values of a project ---------------------------------------------------------


def test_personal_values_of_the_bundled_example() -> None:
    """The example's contacts (name, e-mail, phone, role) and who answered readiness.

    Its assessments name the same contact persons, so they add nothing new.
    """
    project = civsam.example()
    values = personal_values(project)
    assert Counter(v.field for v in values) == {
        "contact.name": 12,
        "contact.email": 11,
        "contact.phone": 11,
        "contact.role": 12,
        "readiness.answered_by": 1,
    }
    owner = project.owner
    assert values[0] == PersonalValue("contact.name", owner.contacts[0].name, owner.id)
    assert values[-1].field == "readiness.answered_by"
    assert len(set(values)) == len(values)


def test_personal_values_cover_every_person_field() -> None:
    """Contacts, assessments' contact persons, raters and readiness answers, deduplicated."""
    project = Project(
        "Test",
        Organisation(
            "own",
            "Own",
            contacts=[Contact("Anne Holm", email="anne@example.dk", phone="+45 11 22 33 44")],
        ),
    )
    project.add(Organisation("p", "Partner", contacts=[Contact("Bo Friis", role="Formand")]))
    project.add(
        Assessment(
            "p",
            contact="Carl Dam",
            ratings=[Rating("Dorte Lund", importance=3), Rating("Anne Holm")],
        )
    )
    project.record(ReadinessAnswer("priority", True, dt.date(2026, 1, 1), "Eva Berg"))
    assert personal_values(project) == (
        PersonalValue("contact.name", "Anne Holm", "own"),
        PersonalValue("contact.email", "anne@example.dk", "own"),
        PersonalValue("contact.phone", "+45 11 22 33 44", "own"),
        PersonalValue("contact.name", "Bo Friis", "p"),
        PersonalValue("contact.role", "Formand", "p"),
        PersonalValue("assessment.contact", "Carl Dam", "p"),
        PersonalValue("rating.rater", "Dorte Lund", "p"),
        PersonalValue("readiness.answered_by", "Eva Berg", None),
    )


@pytest.mark.parametrize("format_name", sorted(civsam.exporters()))
def test_bundled_exports_without_contacts_show_none(format_name: str) -> None:
    """The CLI's line must not cry wolf: built-in exports of the example hold none of it."""
    project = civsam.example()
    data = civsam.export_project(project, format_name, as_of=dt.date(2026, 1, 1))
    assert scan_personal_data(data, personal_values(project)).findings == ()


@pytest.mark.parametrize("format_name", ["csv", "html", "ics", "markdown"])
def test_bundled_exports_with_contacts_are_found(format_name: str) -> None:
    """With ``include_contacts`` the same scan finds contact names, e-mails and phones."""
    project = civsam.example()
    data = civsam.export_project(
        project, format_name, include_contacts=True, as_of=dt.date(2026, 1, 1)
    )
    fields = {f.value.field for f in find_personal_data(data, personal_values(project))}
    assert {"contact.name", "contact.email", "contact.phone"} <= fields


# -- properties ---------------------------------------------------------------------------

MARKER_LETTERS = "qxzjkvw"
"""Marker values are made of these; the random text around them never holds them."""
markers = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from(["Qz", "Xq", "Zj"]),
    st.text(alphabet=MARKER_LETTERS + MARKER_LETTERS.upper(), min_size=4, max_size=10),
)
surroundings = st.text(st.characters(codec="utf-8"), max_size=80).filter(
    lambda s: not set(s.casefold()) & set(MARKER_LETTERS)
)


def _entities(marker: str, style: str) -> str:
    names = {"q": "&#113;", "Q": "&#x51;"}
    if style == "decimal":
        return "".join(f"&#{ord(c)};" for c in marker)
    if style == "hex":
        return "".join(f"&#x{ord(c):X};" for c in marker)
    return "".join(names.get(c, c) for c in marker)


def _fold(line: bytes) -> bytes:
    return b"\r\n ".join(line[i : i + 75] for i in range(0, len(line), 75))


def _ics_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _zip(content: bytes) -> bytes:
    return archive({"word/document.xml": content})


Encoding = Callable[[str, str, str], bytes]
ENCODINGS: dict[str, Encoding] = {
    "plain": lambda a, m, b: f"{a} {m} {b}".encode(),
    "upper": lambda a, m, b: f"{a} {m} {b}".upper().encode(),
    "decimal entities": lambda a, m, b: (
        f"{html.escape(a)} {_entities(m, 'decimal')} {html.escape(b)}".encode()
    ),
    "hex entities": lambda a, m, b: (
        f"{html.escape(a)} {_entities(m, 'hex')} {html.escape(b)}".encode()
    ),
    "mixed entities": lambda a, m, b: (
        f"{html.escape(a)} {_entities(m, 'mixed')} {html.escape(b)}".encode()
    ),
    "json escapes": lambda a, m, b: (
        json.dumps(a)[:-1] + " " + "".join(f"\\u{ord(c):04x}" for c in m) + " " + json.dumps(b)[1:]
    ).encode(),
    "percent": lambda a, m, b: (
        urllib.parse.quote(a, safe="")
        + "%20"
        + "".join(f"%{c:02X}" for c in m.encode())
        + "%20"
        + urllib.parse.quote(b, safe="")
    ).encode(),
    "folded ics": lambda a, m, b: (
        b"BEGIN:VCALENDAR\r\n"
        + _fold(("DESCRIPTION:" + _ics_escape(f"{a} {m} {b}")).encode())
        + b"\r\nEND:VCALENDAR\r\n"
    ),
    "split by tags": lambda a, m, b: (
        f"<p>{html.escape(a)} <b>{m[:2]}</b><i>{m[2:]}</i> {html.escape(b)}</p>"
    ).encode(),
    "soft hyphens": lambda a, m, b: f"{a} {chr(0xAD).join(m)} {b}".encode(),
    "base64 data uri": lambda a, m, b: (
        b"<img src='data:text/plain;base64," + base64.b64encode(f"{a} {m} {b}".encode()) + b"'>"
    ),
    "zip": lambda a, m, b: _zip(f"<w:t>{html.escape(a)} {m} {html.escape(b)}</w:t>".encode()),
    "gzip": lambda a, m, b: gzip.compress(f"{a} {m} {b}".encode()),
    "utf-16": lambda a, m, b: f"{a} {m} {b}".encode("utf-16"),
    "cp1252": lambda a, m, b: f"{a} {m} {b}".encode("cp1252", errors="replace"),
}


@given(
    marker=markers,
    before=surroundings,
    after=surroundings,
    encoding=st.sampled_from(sorted(ENCODINGS)),
)
@example(marker="QzJJJJ", before="\x00", after="0\x00", encoding="plain")  # NULs: not UTF-16
def test_marker_is_found_in_any_encoding(
    marker: str, before: str, after: str, encoding: str
) -> None:
    """A marker value in random text, in any encoding an exporter may use, is found."""
    value = PersonalValue("contact.name", marker)
    data = ENCODINGS[encoding](before, marker, after)
    assert found(data, value) == [value]


@given(
    marker=markers,
    before=surroundings,
    after=surroundings,
    encoding=st.sampled_from(sorted(ENCODINGS)),
)
def test_random_text_without_the_marker_yields_nothing(
    marker: str, before: str, after: str, encoding: str
) -> None:
    """Random text that does not hold the marker is never reported to hold it."""
    value = PersonalValue("contact.name", marker)
    data = ENCODINGS[encoding](before, "", after)
    assert found(data, value) == []
    assert find_in_text(f"{before} {after}", [value]) == ()


def test_garbage_collector_is_left_as_it_was() -> None:
    """A scan pauses the collector for speed and leaves it as it found it, even on error."""
    assert gc.isenabled()
    find_personal_data(NAME.value.encode(), [NAME])
    assert gc.isenabled()
    gc.disable()
    try:
        find_in_text(NAME.value, [NAME])
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(AttributeError):
        find_personal_data(b"x", [object()])  # type: ignore[list-item]
    assert gc.isenabled()


def _naive(text: str, values: list[PersonalValue]) -> list[PersonalValue]:
    """The values in ``text`` by one regular expression each: slow, obviously right."""
    folded = " ".join(text.casefold().split())
    found = []
    for value in values:
        words = r"\s+".join(re.escape(word) for word in value.value.casefold().split())
        if re.search(rf"(?<![^\W_]){words}(?![^\W_])", folded):
            found.append(value)
    return found


@pytest.mark.parametrize("seed", range(2))
def test_many_similar_names_match_a_naive_search(seed: int) -> None:
    """Hundreds of people sharing first names and surnames, some of them in a long text.

    Every window holds every common word, so the scanner must tell adjacent words from
    merely present ones (its index of word pairs); it agrees with a regex per name.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    first = ["Anne", "Bo", "Lars", "Mette", "Søren", "Inger"]
    last = ["Holm", "Friis", "Jensen", "Møller", "Dam", "Kjær"]
    values = [
        PersonalValue("contact.name", f"{f} {a}-{b}") for f in first for a in last for b in last
    ]
    lines = []
    for _ in range(4000):
        words = [rng.choice(first + last + ["og", "i", "–", "Holm-", "Anne,"]) for _ in range(8)]
        lines.append(" ".join(words))
        if rng.random() < 0.05:
            lines.append(f"Kontakt: {rng.choice(values).value.upper()}.")
    text = "\n".join(lines)
    expected = _naive(text, values)
    assert 0 < len(expected) < len(values)
    assert found(text.encode(), *values) == expected


def test_archive_with_too_many_members_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    """A million empty members would take as long as a bomb: members past the cap are not read."""
    monkeypatch.setattr(civsam.privacy, "_MAX_MEMBERS", 3)
    data = archive({f"m{n}": (NAME.value if n == 4 else "x").encode() for n in range(5)})
    scan = scan_personal_data(data, [NAME])
    assert scan.findings == ()
    assert scan.skipped == (Skipped("m3", "size limit"), Skipped("m4", "size limit"))
