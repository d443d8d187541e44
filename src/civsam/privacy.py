"""Find a project's personal data in what an exporter wrote, however it was encoded.

Exports leave contact persons out unless asked to; this module checks that promise
against the bytes instead of trusting the report. The CLI's "personal data in this
export" line, ``check_exporter``'s privacy invariant (with unmistakable marker values)
and ``check_rule`` (a rule's reasons are text) all use it.

A value counts as found when it appears whole: names, roles and e-mails
case-insensitively, with no letter or digit right before or after; phone numbers by their
digits (at least six), with or without the country code. The bytes are read as UTF-8,
UTF-16 (with a BOM, or when every other byte is NUL) or cp1252, and each text in the
forms an exporter may give it: HTML/XML entities, markup tags (a word split by ``<b>`` or
across SVG ``<tspan>`` lines), backslash escapes (JSON, Python, iCalendar, Markdown),
percent-encoding, folded iCalendar lines, soft hyphens and zero-width characters.
Base64 runs, zip archives (xlsx, docx, odt) and gzip are unpacked and read again.

Limits keep a hostile file harmless: containers nest at most :data:`MAX_DEPTH` deep, and
all unpacked data together is at most 20 times the input, at least 16 MiB and at most
256 MiB (:func:`unpack_limit`). What a limit or a broken archive kept from being read is
listed in :attr:`Scan.skipped`, so a caller never claims "none" for data it did not see.

Speed: a text is read in at most three forms (as written, decoded, tags removed), each
cut into 16 KiB windows whose words and phone numbers go into sets by C-level byte
operations. A value is compared with a window's text only where its rarest word occurs
and all its words do (and, when its words are common, next to each other), so thousands
of values cost little more than one: a national project's 24,000 values are looked for
in its 5 MB HTML board in well under a second.

Values are never logged and never put in a message: :class:`PersonalValue` keeps its
value out of its ``repr``, and so out of every :class:`Finding`'s.
"""

from __future__ import annotations

import binascii
import bisect
import codecs
import collections
import contextlib
import functools
import gc
import html
import io
import re
import unicodedata
import urllib.parse
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import Literal

import attrs

from civsam.project import Project

__all__ = [
    "MAX_DEPTH",
    "Finding",
    "PersonalValue",
    "Scan",
    "Skipped",
    "find_in_text",
    "find_personal_data",
    "personal_values",
    "scan_personal_data",
    "unpack_limit",
]

MAX_DEPTH = 3
"""How deeply containers (zip, gzip, base64) are unpacked inside one another."""

_PHONE = "contact.phone"


@attrs.frozen(slots=True)
class PersonalValue:
    """One piece of personal data held by a project, and where it comes from.

    ``field`` names the kind (``contact.name``, ``contact.email``, ``contact.phone``,
    ``contact.role``, ``assessment.contact``, ``rating.rater``,
    ``readiness.answered_by``); ``partner`` is the organisation it belongs to, if any.
    The value itself never shows in a ``repr``: reprs end up in logs and tracebacks.
    """

    field: str
    value: str = attrs.field(repr=False)
    partner: str | None = None

    @property
    def masked(self) -> str:
        """Enough to tell which value it is, not enough to read it: ``H…n (12 characters)``."""
        value = " ".join(self.value.split())
        count = f"{len(value)} character{'' if len(value) == 1 else 's'}"
        if len(value) <= 3:  # noqa: PLR2004 - first and last would be most of it
            return f"… ({count})"
        return f"{value[0]}…{value[-1]} ({count})"


@attrs.frozen(slots=True)
class Finding:
    """Where a personal value first appeared in what was scanned.

    ``member`` is the zip member (``xl/sharedStrings.xml``; nested archives joined by
    ``/``), ``None`` for the file itself. ``encoding`` is how the bytes were read
    (``utf-8``, ``utf-16-le``, ``utf-16-be``, ``cp1252``; ``text`` for a ``str``).
    ``form`` lists what was undone to find it, outermost first (``plain`` when nothing
    was): ``gzip``, ``base64``, ``folded lines``, ``tags removed``, ``html entities``,
    ``backslash escapes``, ``percent-encoded``, ``invisible characters removed``, or
    ``member names``. ``offset`` is approximate: a character offset in the decoded,
    case-folded text of the member (spaces collapsed); for a value inside a base64 run,
    the run's offset in the text around it.
    """

    value: PersonalValue
    member: str | None
    encoding: str
    form: str
    offset: int


@attrs.frozen(slots=True)
class Skipped:
    """Data that was not read in full, so a scan cannot vouch for it.

    ``member`` as in :class:`Finding`; ``reason`` is ``size limit`` (the unpacking
    limit was reached, or an archive has over 10,000 members), ``depth limit`` (a
    container nested more than :data:`MAX_DEPTH` deep was read as it is, not unpacked)
    or ``unreadable`` (a broken or encrypted archive member).
    """

    member: str | None
    reason: Literal["size limit", "depth limit", "unreadable"]


@attrs.frozen(slots=True)
class Scan:
    """What a scan found (in the order of the values asked for) and what it could not read."""

    findings: tuple[Finding, ...]
    skipped: tuple[Skipped, ...] = ()


def personal_values(project: Project) -> tuple[PersonalValue, ...]:
    """Every personal value in ``project``, deduplicated, in the project's order.

    Contacts (name, e-mail, phone, role) by organisation, then assessments' contact
    persons, assessors and raters (earlier assessments too), then who answered the
    readiness points. A value that appears twice (a contact who is also an assessment's
    contact) is kept once, first seen.
    """
    values: list[PersonalValue] = []
    seen: set[tuple[bool, str]] = set()

    def add(field: str, value: str | None, partner: str | None) -> None:
        if value is None or not value.strip():
            return
        key = (field == _PHONE, _phone_digits(value) if field == _PHONE else _fold(value))
        if key not in seen:
            seen.add(key)
            values.append(PersonalValue(field, value, partner))

    for organisation in project.organisations.values():
        for contact in organisation.contacts:
            add("contact.name", contact.name, organisation.id)
            add("contact.email", contact.email, organisation.id)
            add(_PHONE, contact.phone, organisation.id)
            add("contact.role", contact.role, organisation.id)
    for history in project.history.values():
        for assessment in history:
            add("assessment.contact", assessment.contact, assessment.partner)
            add("assessment.by", assessment.by, assessment.partner)
            for rating in assessment.ratings:
                add("rating.rater", rating.rater, assessment.partner)
    for answer in project.readiness_answers:
        add("readiness.answered_by", answer.answered_by, None)
    return tuple(values)


def unpack_limit(size: int) -> int:
    """How many unpacked bytes a scan of ``size`` input bytes reads at most.

    Twenty times the input covers real archives (XML packs about tenfold) and stops a
    zip bomb; 16 MiB at least, so a small xlsx is always read whole, and 256 MiB at
    most, so memory stays bounded whatever the input.
    """
    return min(256 * 1024 * 1024, max(16 * 1024 * 1024, 20 * size))


def scan_personal_data(data: bytes, values: Iterable[PersonalValue]) -> Scan:
    """Look for each value in ``data``, unpacking and decoding as described above."""
    with _collector_paused():
        state = _State(_needles(values), unpack_limit(len(data)))
        _scan_bytes(data, _Where(), 0, state)
        return state.result()


def find_personal_data(data: bytes, values: Iterable[PersonalValue]) -> tuple[Finding, ...]:
    """One finding per value found in ``data`` (its first place), in the order of ``values``.

    A value shorter than two characters (four in binary data) or a phone number with
    fewer than six digits is not looked for: it would be found everywhere.
    """
    return scan_personal_data(data, values).findings


def find_in_text(text: str, values: Iterable[PersonalValue]) -> tuple[Finding, ...]:
    """Like :func:`find_personal_data`, for text such as a rule's reasons."""
    with _collector_paused():
        state = _State(_needles(values), unpack_limit(len(text)))
        _scan_text(text, "text", _Where(), 0, state)
        return state.result().findings


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a scan, as it was before after.

    A scan makes many short-lived containers and no reference cycles; with a national
    project in memory each collection they trigger walks all of it, which doubled the
    time of a national scan. Memory is freed by reference counting all the same.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- what is looked for -------------------------------------------------------------------

_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"
"""Soft hyphens and zero-width characters: invisible on screen, so not a word break."""
_SPACES = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
"""Spaces other than ASCII's (no-break, thin, …): word breaks, as a space is."""
_WORD = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"[0-9]")
_MIN_LENGTH = 2
_MIN_BINARY_LENGTH = 4
"""In binary data a short value turns up by chance (two letters about 40 times a MiB)."""
_MIN_DIGITS = 6
_LONG = 200
"""Values longer than this are compared across windows rather than within one."""


def _replace(text: str, chars: str, by: str) -> str:
    """``text`` with each of ``chars`` replaced; a quick look first, as there rarely are any."""
    for char in chars:
        if char in text:
            text = text.replace(char, by)
    return text


def _fold(text: str) -> str:
    """Casefolded, NFC, invisible characters removed, spaces collapsed: how text compares."""
    return " ".join(_fold_keeping_lines(text).split())


def _fold_keeping_lines(text: str) -> str:
    text = _replace(text, _INVISIBLE, "").casefold()
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _phone_digits(value: str) -> str:
    """The digits of a phone number, an international ``00`` prefix written as ``+``."""
    digits = "".join(_DIGITS.findall(value))
    return digits[2:] if value.lstrip().startswith("00") else digits


_TWO_DIGIT_CODE = re.compile(r"2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58]")
"""E.164 country codes are prefix-free: codes starting 1 or 7 have one digit, these
two, all others three. So the national number is known without a table of countries."""


def _phone_keys(digits: str, *, international: bool) -> list[bytes]:
    """The digit strings a phone number may be written as.

    In full and, with a country code, without it.
    """
    keys = [digits]
    if international and digits:
        keys.append(digits[1 if digits[0] in "17" else 2 if _TWO_DIGIT_CODE.match(digits) else 3 :])
    return [key.encode() for key in keys if len(key) >= _MIN_DIGITS]


class _Needle:
    """A value prepared for the search: its folded text and words, or its phone keys.

    ``keys`` are what an index is asked for: the phone keys, or the one word of the value
    that fewest other values share (a surname rather than "example" of an e-mail), so
    most values are ruled out for a whole text by one set intersection. ``gram`` is its
    first few words in order: common first names and surnames share windows without
    being next to each other.
    """

    __slots__ = ("gram", "keys", "length", "phones", "position", "text", "value", "words")

    def __init__(
        self,
        position: int,
        value: PersonalValue,
        text: str,
        words: tuple[bytes, ...] = (),
        phones: tuple[bytes, ...] = (),
    ) -> None:
        self.position = position
        self.value = value
        self.text = text
        self.length = len(text)
        self.words = frozenset(words)
        self.gram = words[:_GRAM]
        self.phones = phones
        self.keys = phones


def _needles(values: Iterable[PersonalValue]) -> tuple[_Needle, ...]:
    """The values prepared for the search, in the order given, duplicates dropped.

    Names and the like are folded and split into words all at once, as one text: a
    national project has tens of thousands of values, and one by one that would cost
    more than the search.
    """
    unique = list(dict.fromkeys(values))
    needles: list[_Needle] = []
    texts: list[tuple[int, PersonalValue]] = []
    for position, value in enumerate(unique):
        if value.field != _PHONE:
            texts.append((position, value))
            continue
        digits = _phone_digits(value.value)
        international = value.value.lstrip().startswith(("+", "00"))
        keys = _phone_keys(digits, international=international)
        if keys:
            needles.append(_Needle(position, value, digits, phones=tuple(keys)))
    folded = _fold_lines([value.value for _, value in texts])
    marked = _NOT_A_WORD.sub(" ", "\n".join(folded)).encode("utf-8", "surrogatepass")
    lines = marked.translate(_WORD_BYTES_LINES).split(b"\n") if texts else []
    shared: collections.Counter[bytes] = collections.Counter()
    for (position, value), text, line in zip(texts, folded, lines, strict=True):
        words = tuple(line.split())
        if len(text) >= _MIN_LENGTH and words:
            needles.append(_Needle(position, value, text, words))
            shared.update(words)
    for needle in needles:
        if len(needle.words) == 1:
            needle.keys = tuple(needle.words)
        elif needle.words:
            needle.keys = (min(needle.words, key=shared.__getitem__),)
    needles.sort(key=lambda needle: needle.position)
    return tuple(needles)


def _fold_lines(texts: list[str]) -> list[str]:
    """Each of ``texts`` as :func:`_fold` gives it, folded together as one text."""
    if not texts:
        return []
    joined = "\n".join(_replace(text, "\n", " ") for text in texts)
    return [" ".join(line.split()) for line in _fold_keeping_lines(joined).split("\n")]


# -- where and what has been found --------------------------------------------------------


def _here(offset: int) -> int:
    return offset


@attrs.frozen(slots=True)
class _Where:
    """Where a text came from.

    Its archive member, what was undone to get it, and how an offset in it maps to an
    offset worth reporting (a base64 run's place outside).
    """

    member: str | None = None
    forms: tuple[str, ...] = ()
    locate: Callable[[int], int] = _here

    def inside(self, member: str) -> _Where:
        return _Where(f"{self.member}/{member}" if self.member else member, self.forms)


@attrs.define
class _State:
    """The needles, what has been found so far, and how much may still be unpacked."""

    needles: tuple[_Needle, ...]
    budget: int
    found: dict[int, Finding] = attrs.Factory(dict)
    skipped: list[Skipped] = attrs.Factory(list)
    tokens: _Tokens = attrs.Factory(lambda: _Tokens())  # noqa: PLW0108 - defined below
    by_key: dict[bytes, list[_Needle]] = attrs.field(init=False)
    vocabulary: frozenset[bytes] = attrs.field(init=False)
    phones: bool = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.by_key = collections.defaultdict(list)
        for needle in self.needles:
            for key in needle.keys:
                self.by_key[key].append(needle)
        self.vocabulary = frozenset(word for needle in self.needles for word in needle.words)
        self.phones = any(needle.phones for needle in self.needles)

    def done(self) -> bool:
        """Whether every needle is found: the rest of the data need not be read."""
        return len(self.found) == len(self.needles)

    def waiting_keys(self) -> set[bytes]:
        """The keys of the needles not found yet."""
        return {key for needle in self.waiting() for key in needle.keys}

    def waiting(self, min_length: int = 0) -> list[_Needle]:
        """The needles not found yet, at least ``min_length`` long."""
        return [n for n in self.needles if n.position not in self.found and n.length >= min_length]

    def candidates(self, keys: Iterable[bytes], min_length: int) -> list[_Needle]:
        """The waiting needles whose key is among ``keys`` (the words of a text), in order."""
        hits = {
            n.position: n
            for key in self.by_key.keys() & keys
            for n in self.by_key[key]
            if n.position not in self.found and n.length >= min_length
        }
        return [hits[position] for position in sorted(hits)]

    def skip(
        self, member: str | None, reason: Literal["size limit", "depth limit", "unreadable"]
    ) -> None:
        entry = Skipped(member, reason)
        if entry not in self.skipped:
            self.skipped.append(entry)

    def result(self) -> Scan:
        return Scan(tuple(self.found[p] for p in sorted(self.found)), tuple(self.skipped))


# -- bytes: containers and encodings ------------------------------------------------------

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_MAX_MEMBERS = 10_000
"""Members read of one archive: a million empty ones would take as long as a bomb."""
_GZIP_MAGIC = b"\x1f\x8b"
_FOLD_BYTES = re.compile(rb"\r?\n[ \t]")
_CONTROL_BYTES = bytes(
    b
    for b in range(256)
    if chr(b).isascii() and not chr(b).isprintable() and b not in b"\t\n\r\f\x1b"
)
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)


def _scan_bytes(data: bytes, where: _Where, depth: int, state: _State) -> None:
    """Scan an archive's members, or else each text the bytes may be."""
    if state.done():
        return
    if data.startswith(_ZIP_MAGIC) or data.startswith(_GZIP_MAGIC):
        if depth >= MAX_DEPTH:
            state.skip(where.member, "depth limit")
        elif data.startswith(_GZIP_MAGIC):
            _scan_gzip(data, where, depth, state)
            return
        elif _scan_zip(data, where, depth, state):
            return
    binary = _looks_binary(data)
    for text, encoding, forms in _decodings(data):
        found_where = attrs.evolve(where, forms=where.forms + forms)
        _scan_text(text, encoding, found_where, depth, state, binary=binary)


def _scan_zip(data: bytes, where: _Where, depth: int, state: _State) -> bool:
    """Scan every member of a zip archive; ``False`` if ``data`` is not one after all."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        names = "\n".join(info.filename for info in archive.infolist())
        named = attrs.evolve(where, forms=(*where.forms, "member names"))
        _scan_text(names, "utf-8", named, depth, state)
        for number, info in enumerate(members):
            if state.done():
                break
            inner = where.inside(info.filename)
            if state.budget <= 0 or number >= _MAX_MEMBERS:
                state.skip(inner.member, "size limit")
                continue
            try:
                with archive.open(info) as stream:
                    content = stream.read(state.budget + 1)
            except (
                RuntimeError,
                NotImplementedError,
                zipfile.BadZipFile,
                zlib.error,
                OSError,
                EOFError,
                ValueError,
            ):
                state.skip(inner.member, "unreadable")
                continue
            if len(content) > state.budget:
                content = content[: state.budget]
                state.skip(inner.member, "size limit")
            state.budget -= len(content)
            _scan_bytes(content, inner, depth + 1, state)
    return True


def _scan_gzip(data: bytes, where: _Where, depth: int, state: _State) -> None:
    """Scan gzip's content (every member of a concatenated stream), as far as it goes."""
    parts: list[bytes] = []
    while data.startswith(_GZIP_MAGIC) and state.budget > 0:
        stream = zlib.decompressobj(wbits=31)
        try:
            part = stream.decompress(data, state.budget + 1)
        except zlib.error:
            state.skip(where.member, "unreadable")
            break
        if len(part) > state.budget:
            part = part[: state.budget]
            state.skip(where.member, "size limit")
        state.budget -= len(part)
        parts.append(part)
        if not stream.eof:
            if not stream.unconsumed_tail:
                state.skip(where.member, "unreadable")  # cut short
            break
        data = stream.unused_data
    if state.budget <= 0 and data.startswith(_GZIP_MAGIC):
        state.skip(where.member, "size limit")
    _scan_bytes(
        b"".join(parts), attrs.evolve(where, forms=(*where.forms, "gzip")), depth + 1, state
    )


def _looks_binary(data: bytes) -> bool:
    """More than 1 % control bytes: an image or compressed data, not text."""
    sample = data[: 64 * 1024]
    return len(sample.translate(None, _NOT_CONTROL)) * 100 > len(sample)


def _utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the bytes look like mostly-ASCII UTF-16 without a BOM."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:  # noqa: PLR2004 - a character or two proves nothing
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd * 10 > half * 3 and even * 20 < half:
        return "utf-16-le"
    if even * 10 > half * 3 and odd * 20 < half:
        return "utf-16-be"
    return None


def _decodings(data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """The texts ``data`` may be: one when the encoding is clear, else each candidate.

    UTF-16 without a BOM is a guess from where the NULs are, so valid UTF-8 is read as
    UTF-8 too; bytes that are neither are read as UTF-8 (what is valid of it) and cp1252.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return [(data[len(bom) :].decode(encoding, "replace"), encoding, ())]
    sniffed = _utf16(data)
    texts: list[tuple[str, str, tuple[str, ...]]] = []
    if sniffed:
        texts.append((data.decode(sniffed, "replace"), sniffed, ()))
    try:
        return [*texts, (data.decode("utf-8"), "utf-8", ())]
    except UnicodeDecodeError as error:
        if error.end == len(data) and error.start >= len(data) - 3:  # cut off mid-character
            return [*texts, (data.decode("utf-8", "replace"), "utf-8", ())]
    if texts:
        return texts
    if b"BEGIN:V" in data:  # iCalendar folds at 75 bytes, even inside a character
        try:
            return [(_FOLD_BYTES.sub(b"", data).decode("utf-8"), "utf-8", ("folded lines",))]
        except UnicodeDecodeError:
            pass
    utf8, cp1252 = data.decode("utf-8", "replace"), data.decode("cp1252", "replace")
    return [(utf8, "utf-8", ()), (cp1252, "cp1252", ())]


# -- text: the forms an exporter may give it ----------------------------------------------

_TAG = re.compile(r"<[^<>]*>")
_INLINE = (
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span"
    r"|strong|sub|sup|tspan(?![^<>]*\s(?:x|y|dy)\s*=)|u|var|wbr)(?:\s[^<>]*)?/?>"
)
_INLINE_TAG = re.compile(_INLINE)
"""Tags inside a line of text (``<b>``, ``<wbr>``, an unpositioned ``<tspan>``) join
what they split; every other tag (a cell, a paragraph, a new SVG line) is a space.
Lower case only, as exporters write them: a case-insensitive pattern is six times slower."""
_ESCAPE = re.compile(
    r"\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|x([0-9a-fA-F]{2})"
    r"|([0-7]{3})|([nNrtf])|([^\w\s]))"
)
"""A backslash before a letter that is no escape (``C:\\Users``) is left alone: decoding
it would join the words around it."""
_CONTROL_ESCAPES = {"n": "\n", "N": "\n", "r": "\r", "t": "\t", "f": "\f"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
_FOLD = re.compile(r"\r?\n[ \t]")
"""RFC 5545 and 6350 fold lines with CRLF (some writers: LF) and a space or tab. Only
iCalendar and vCard text (``BEGIN:V``) is unfolded: elsewhere a newline and an indent
are layout, and removing them would join the words around them."""


def _strip_tags(text: str) -> str:
    return _TAG.sub(" ", _INLINE_TAG.sub("", text)) if "<" in text else text


def _unescape_html(text: str) -> str:
    return html.unescape(text) if "&" in text else text


def _unescape_one(match: re.Match[str]) -> str:
    number = match[1] or match[2] or match[3] or match[4]
    if number:
        code = int(number, 16)
        return chr(code) if code <= 0x10FFFF else match[0]  # noqa: PLR2004 - Unicode's end
    if match[5]:
        return chr(int(match[5], 8))
    return _CONTROL_ESCAPES[match[6]] if match[6] else match[7]


def _unescape_backslashes(text: str) -> str:
    r"""Undo backslash escapes.

    JSON and JavaScript (``\u00e6``, surrogate pairs), Python (``\xe6``, octal),
    iCalendar (``\,`` ``\;`` ``\n``) and Markdown (``\.``).
    """
    if "\\" not in text:
        return text
    text = _ESCAPE.sub(_unescape_one, text)
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def _unquote(text: str) -> str:
    return urllib.parse.unquote_plus(text) if _PERCENT.search(text) else text


def _unfold(text: str) -> str:
    return _FOLD.sub("", text) if "BEGIN:V" in text else text


def _visible(text: str) -> str:
    return _replace(text, _INVISIBLE, "")


_Step = tuple[str, Callable[[str], str]]
_DECODED: tuple[_Step, ...] = (
    ("folded lines", _unfold),
    ("html entities", _unescape_html),
    ("backslash escapes", _unescape_backslashes),
    ("percent-encoded", _unquote),
)
_MARKUP: tuple[_Step, ...] = (("tags removed", _strip_tags), ("html entities", _unescape_html))
"""Markup is a form of its own: removing tags also removes attribute values, which the
other form keeps. Each form of a text is indexed in full, so there are few."""


def _form(text: str, steps: tuple[_Step, ...]) -> tuple[tuple[str, ...], str]:
    """``text`` with each step undone in order and invisible characters dropped.

    With it, the names of the steps that changed it.
    """
    changed: tuple[str, ...] = ()
    for name, step in steps:
        result = step(text)
        if result != text:
            changed, text = (*changed, name), result
    visible = _visible(text)
    if visible != text:
        changed = (*changed, "invisible characters removed")
    return changed, visible


def _joins_words(text: str) -> bool:
    """Whether removing inline tags makes a word anywhere (``Hemme</b><i>lig``).

    Elsewhere the markup form holds no word the other forms lack (``<`` and ``>`` end
    words there too), so it is only worth indexing for values already half-found.
    """
    joined, previous = False, -1
    for match in _INLINE_TAG.finditer(text):
        start, end = match.span()
        if start != previous:  # not right after another inline tag
            joined = start > 0 and text[start - 1].isalnum()
        if joined and end < len(text) and text[end].isalnum():
            return True
        previous = end
    return False


_BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_BASE64_BYTES = bytes(
    ord("A") if chr(b) in _BASE64_ALPHABET else b if chr(b) in "\r\n" else ord(" ")
    for b in range(256)
)
"""The base64 alphabet as ``A``, line ends kept, all else a space: runs are found with
``find``, many times faster than a regular expression over the text."""
_BASE64_RUN = re.compile(rb"A+")
_BASE64_LINE = re.compile(rb"\r?\nA{4,}")
_WORDLIKE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+")
"""A word, not base64: base64 of anything but a few bytes mixes cases and digits."""
_DATA_URI = re.compile(rb"base64,([A-Za-z0-9+/])")


def _scan_text(
    text: str, encoding: str, where: _Where, depth: int, state: _State, *, binary: bool = False
) -> None:
    min_length = _MIN_BINARY_LENGTH if binary else _MIN_LENGTH
    present: set[bytes] = set()
    seen: set[tuple[int, int]] = set()  # the forms' lengths and hashes: not kept in memory
    for steps in ((), _DECODED, _MARKUP):
        if state.done():
            return
        half_found = present and not present.isdisjoint(state.waiting_keys())
        if steps is _MARKUP and not half_found and not _joins_words(text):
            break
        changed, form = _form(text, steps)
        if (steps and not changed) or (len(form), hash(form)) in seen:
            continue
        seen.add((len(form), hash(form)))
        index = _Index(form, state.by_key.keys(), state.vocabulary, state.tokens, state.phones)
        present |= index.keys()
        candidates = state.candidates(index.keys(), min_length)
        index.expect(candidates)
        for needle in candidates:
            offset = index.find(needle)
            if offset is not None:
                forms = where.forms + changed
                state.found[needle.position] = Finding(
                    needle.value,
                    where.member,
                    encoding,
                    ", ".join(dict.fromkeys(forms)) or "plain",
                    where.locate(offset),
                )
    if not state.done():
        _scan_base64(text, where, depth, state)


def _base64_runs(text: str) -> dict[str, int]:
    """Each base64 run in ``text``, with where it first starts.

    A run is 16 characters or more of the base64 alphabet (12 bytes), its lines joined
    when wrapped (as MIME does), or any run after ``base64,`` (a data: URI says so).
    """
    data = text.encode("utf-8", "surrogatepass")
    marked = data.translate(_BASE64_BYTES)
    found: list[tuple[int, int]] = []
    start = marked.find(b"A" * 16)
    while start >= 0:
        end = _run_end(marked, data, start)
        found.append((start, end))
        start = marked.find(b"A" * 16, end)
    if b"base64," in data:
        starts = [match.start(1) for match in _DATA_URI.finditer(data)]
        found.extend((start, _run_end(marked, data, start)) for start in starts)
    runs: dict[str, int] = {}
    after = 0
    for start, end in sorted(found):
        run = data[start:end].decode("ascii")
        if run not in runs and not _WORDLIKE.fullmatch(run):
            at = text.find(run, after)  # its offset in characters, not bytes
            runs[run] = at if at >= 0 else text.find(run)
            after = runs[run] + len(run)
    return runs


def _run_end(marked: bytes, data: bytes, start: int) -> int:
    """Where the base64 run from ``start`` ends: its wrapped lines and padding included."""
    end = _BASE64_RUN.match(marked, start)
    stop = end.end() if end else start
    while line := _BASE64_LINE.match(marked, stop):
        stop = line.end()
    while data[stop : stop + 1] == b"=":
        stop += 1
    return stop


def _scan_base64(text: str, where: _Where, depth: int, state: _State) -> None:
    """Decode every base64 run (a data: URI, an attachment) and scan what it holds.

    Runs that decode to text are joined, one scan for each encoding; archives are
    scanned one by one.
    """
    runs = _base64_runs(text)
    if not runs:
        return
    if depth >= MAX_DEPTH:
        state.skip(where.member, "depth limit")
        return
    inner = attrs.evolve(where, forms=(*where.forms, "base64"))
    joined: dict[tuple[str, bool], list[tuple[str, int]]] = {}
    for run, offset in runs.items():
        blob = _b64decode(run)
        outside = where.locate(offset)
        if blob.startswith(_ZIP_MAGIC) or blob.startswith(_GZIP_MAGIC):
            here = attrs.evolve(inner, locate=_Locator((0,), (outside,)))
            _scan_bytes(blob, here, depth + 1, state)
            continue
        binary = _looks_binary(blob)
        for decoded, encoding, _ in _decodings(blob):
            joined.setdefault((encoding, binary), []).append((decoded, outside))
    for (encoding, binary), pieces in joined.items():
        starts, offsets, length = [], [], 0
        for decoded, outside in pieces:
            starts.append(length)
            offsets.append(outside)
            length += len(decoded) + 1
        locate = _Locator(tuple(starts), tuple(offsets))
        _scan_text(
            "\n".join(d for d, _ in pieces),
            encoding,
            attrs.evolve(inner, locate=locate),
            depth + 1,
            state,
            binary=binary,
        )


@attrs.frozen(slots=True)
class _Locator:
    """Maps an offset in joined decoded runs back to the run's offset outside."""

    starts: tuple[int, ...]
    offsets: tuple[int, ...]

    def __call__(self, offset: int) -> int:
        return self.offsets[max(0, bisect.bisect_right(self.starts, offset) - 1)]


def _b64decode(run: str) -> bytes:
    compact = run.replace("\r", "").replace("\n", "").rstrip("=")
    if len(compact) % 4 == 1:  # a lone last character holds no whole byte
        compact = compact[:-1]
    try:
        return binascii.a2b_base64(compact + "=" * (-len(compact) % 4))
    except binascii.Error:  # pragma: no cover - the run is base64 by construction
        return b""


# -- the index ----------------------------------------------------------------------------

_WINDOW = 16 * 1024
_OVERLAP = 512
"""Windows overlap, so a value up to this long is always whole in one of them."""
_FEW = 8
"""A value whose key word is in more windows than this is looked up by its word order."""
_GRAM = 4
"""How many of a value's first words are indexed in order, when they are common words."""
_WORD_BYTES = bytes(
    b if not chr(b).isascii() else ord(chr(b).lower() if chr(b).isalnum() else " ")
    for b in range(256)
)
"""ASCII letters lowercased, digits and non-ASCII bytes kept, everything else a space."""
_WORD_BYTES_LINES = bytes(b if b == ord("\n") else _WORD_BYTES[b] for b in range(256))
"""The same, newlines kept: to split many values' words at once, one value a line."""
_CHAIN_BYTES = bytes(
    b if chr(b) in "+0123456789" else ord("_") if chr(b) in " ().-" else ord(" ")
    for b in range(256)
)
"""Digits and the separators people write phone numbers with (as ``_``); all else a space."""
_DATE = re.compile(rb"\d{4}_\d{1,2}_\d{1,2}|\d{1,2}_\d{1,2}_\d{2,4}")


class _Tokens:
    """The word tokens of UTF-8 windows; each non-ASCII token of a scan is folded once.

    ASCII is folded by one byte translation. A token with other characters is folded
    and split again as Unicode: ``»Søren`` is ``søren``, ``–`` is nothing.
    """

    def __init__(self) -> None:
        self._parts: dict[bytes, tuple[bytes, ...]] = {}
        self._single: dict[bytes, bytes | None] = {}  # one part, b"" for none, None for more

    def words(self, data: bytes) -> frozenset[bytes]:
        """The folded words of a window."""
        words = set(data.translate(_WORD_BYTES).split())
        for word in [w for w in words if not w.isascii()]:
            parts = self._parts.get(word)
            if parts is None:
                parts = self._parts[word] = tuple(
                    w.encode() for w in _WORD.findall(_fold(word.decode("utf-8", "replace")))
                )
                self._single[word] = parts[0] if len(parts) == 1 else None if parts else b""
            words.update(parts)
        return frozenset(words)

    def sequence(self, data: bytes, folded: Callable[[], str]) -> list[bytes]:
        """The folded words of a window whose :meth:`words` were taken, in order.

        Byte operations, unless a token folds to several words: then ``folded()`` is split.
        """
        split = data.translate(_WORD_BYTES).split()
        sequence = list(map(self._single.get, split, split))
        if None in sequence:
            return _sequence(folded())
        return [word for word in sequence if word]


_NOT_A_WORD = re.compile(r"[^\x00-\x7f\w]|_")


def _sequence(folded: str) -> list[bytes]:
    """The words of a folded text (as :func:`_fold` gives it), in order."""
    data = _NOT_A_WORD.sub(" ", folded).encode("utf-8", "surrogatepass")
    return data.translate(_WORD_BYTES).split()


def _phones(data: bytes) -> dict[bytes, bytes]:
    """Each phone-number key in a UTF-8 window, with the run it was found in.

    A key is the digits of a whole run of digits and separators (not a part of one, so
    unrelated numbers side by side do not make a phone number), or, after ``+`` or
    ``00``, the same without the country code. Dates are not phone numbers.
    """
    phones: dict[bytes, bytes] = {}
    for run in set(data.translate(_CHAIN_BYTES).split()):
        if len(run) < _MIN_DIGITS:
            continue
        written = run.strip(b"_")
        digits = written.translate(None, b"_+")
        if len(digits) < _MIN_DIGITS or _DATE.fullmatch(written):
            continue
        international = written.startswith((b"+", b"00"))
        if written.startswith(b"00"):
            digits = digits[2:]
        for key in _phone_keys(digits.decode(), international=international):
            phones.setdefault(key, run)
    return phones


class _Index:
    """In which windows of a text the keys of the values looked for occur.

    Each window keeps the words of the ``vocabulary`` (the values' words) it holds and
    its phone keys; a value is compared with a window's text only where its key occurs
    and all its words do, and when that is many windows, where its words follow one
    another (:meth:`_gram_windows`).
    """

    def __init__(
        self,
        text: str,
        keys: AbstractSet[bytes],
        vocabulary: AbstractSet[bytes],
        tokens: _Tokens,
        phones: bool,  # noqa: FBT001 - private, always passed the scan's flag
    ) -> None:
        self._text = text
        self._tokens = tokens
        self._expected: list[_Needle] = []
        self._grams: dict[int, dict[tuple[bytes, ...], list[int]]] = {}
        self._words: list[frozenset[bytes]] = []
        self._phones: list[dict[bytes, bytes]] = []
        self._where: dict[bytes, list[int]] = {}
        self._pieces: dict[tuple[int, int], str] = {}
        self._folded: dict[tuple[int, int], str] = {}
        self._runs: dict[int, tuple[bytes, bytes]] = {}
        for window, start in enumerate(range(0, len(text) or 1, _WINDOW)):
            data = self._piece(start, _OVERLAP).encode("utf-8", "surrogatepass")
            words = tokens.words(data) & vocabulary if vocabulary else frozenset()
            numbers = _phones(data) if phones else {}
            self._words.append(words)
            self._phones.append(numbers)
            for key in keys & words | keys & numbers.keys():
                self._where.setdefault(key, []).append(window)

    def keys(self) -> AbstractSet[bytes]:
        """The keys asked for that occur in the text."""
        return self._where.keys()

    def expect(self, needles: list[_Needle]) -> None:
        """Say which needles will be looked for: their first words may be indexed."""
        self._expected = needles

    def _piece(self, start: int, overlap: int) -> str:
        return _replace(self._text[start : start + _WINDOW + overlap], _SPACES, " ")

    def find(self, needle: _Needle) -> int | None:
        """Where ``needle`` first occurs (approximately), or ``None``."""
        if needle.phones:
            return self._find_phone(needle)
        windows = self._where.get(needle.keys[0], [])
        if needle.length <= _LONG:
            if len(needle.gram) > 1 and len(windows) > _FEW:
                windows = self._gram_windows(needle.gram)
            for window in windows:
                if self._words[window] >= needle.words:
                    offset = self._verify(window, needle.text, _OVERLAP)
                    if offset is not None:
                        return offset
            return None
        # A long value may start windows before its key and end beyond the overlap.
        back = needle.length // _WINDOW + 1
        starts = sorted({s for w in windows for s in range(max(0, w - back), w + 1)})
        for window in starts:
            offset = self._verify(window, needle.text, _OVERLAP + 2 * needle.length)
            if offset is not None:
                return offset
        return None

    def _gram_windows(self, gram: tuple[bytes, ...]) -> list[int]:
        """The windows where the words of ``gram`` follow one another.

        Only a value whose key word is in many windows (many people share a first name
        and a surname) needs this; the windows' word sequences are then read once, for
        all the values expected.
        """
        if not self._grams:
            wanted: dict[int, set[tuple[bytes, ...]]] = collections.defaultdict(set)
            for needle in self._expected:
                if len(needle.gram) > 1:
                    wanted[len(needle.gram)].add(needle.gram)
            self._grams = {length: collections.defaultdict(list) for length in wanted}
            for window in range(len(self._words)):
                data = self._cached(window, _OVERLAP).encode("utf-8", "surrogatepass")
                folded = functools.partial(self._folded_window, window, _OVERLAP)
                words = self._tokens.sequence(data, folded)
                for length, grams in wanted.items():
                    following = zip(*(words[i:] for i in range(length)), strict=False)
                    for found in grams.intersection(following):
                        self._grams[length][found].append(window)
        return self._grams.get(len(gram), {}).get(gram, [])

    def _find_phone(self, needle: _Needle) -> int | None:
        window = min(self._where[key][0] for key in needle.phones if key in self._where)
        run = next(self._phones[window][k] for k in needle.phones if k in self._phones[window])
        runs = self._runs.get(window)
        if runs is None:
            data = self._cached(window, _OVERLAP).encode("utf-8", "surrogatepass")
            runs = self._runs[window] = (data, data.translate(_CHAIN_BYTES))
        at = max(0, runs[1].find(run))
        return window * _WINDOW + len(runs[0][:at].decode("utf-8", "replace"))

    def _cached(self, window: int, overlap: int) -> str:
        piece = self._pieces.get((window, overlap))
        if piece is None:
            piece = self._pieces[window, overlap] = self._piece(window * _WINDOW, overlap)
        return piece

    def _folded_window(self, window: int, overlap: int) -> str:
        folded = self._folded.get((window, overlap))
        if folded is None:
            folded = self._folded[window, overlap] = _fold(self._cached(window, overlap))
        return folded

    def _verify(self, window: int, text: str, overlap: int) -> int | None:
        """The offset of ``text`` as a whole word in ``window``'s folded text, if there."""
        folded = self._folded_window(window, overlap)
        last = window == len(self._words) - 1
        at = folded.find(text)
        while at >= 0:
            end = at + len(text)
            before = at > 0 and folded[at - 1].isalnum()
            after = end < len(folded) and folded[end].isalnum()
            # A match touching a window's edge is whole only in the neighbouring window.
            edge = (at == 0 and window > 0) or (end == len(folded) and not last)
            if not (before or after or edge):
                return window * _WINDOW + at
            at = folded.find(text, at + 1)
        return None
