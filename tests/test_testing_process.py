"""The test kit's second process (clock, hash seed, random moved) and its difference evidence.

Each second process costs a Python start-up plus the imports of the call (this module's
own imports, hypothesis among them: about a second). The clock, hash, random and
environment readings therefore come from one child, shared by the tests below; the
failure paths use builtins, which the child needs no import for.
"""

from __future__ import annotations

import _thread
import calendar
import datetime as dt
import io
import os
import random
import re
import sys
import time
import types
import warnings
import zipfile
import zoneinfo
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civsam.testing._evidence import DIFF_LINES, byte_difference, first_difference, text_difference
from civsam.testing._process import (
    CHILD_RANDOM_SEED,
    CLOCK_SHIFT,
    SECOND_HASH_SEED,
    SecondProcessError,
    _failure_text,
    in_second_process,
    second_hash_seed,
)

SHIFT = CLOCK_SHIFT.total_seconds()
EPOCH = "1767225600"
"""A SOURCE_DATE_EPOCH (2026-01-01) that the parent sets and the child must see unchanged."""

Readings = dict[str, object]


class RefusedError(Exception):
    """Raised in the child, to see its type and message come back."""


def refuse(reason: str) -> None:
    """Raise :class:`RefusedError` (run in the child)."""
    raise RefusedError(reason)


def zip_with_one_member() -> bytes:
    """A zip written the usual way, so its member's time is the clock's."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


def readings() -> Readings:
    """Every clock reading, hash, random draw and setting the child must have moved or kept.

    Also prints to stdout, from Python and from a shell, which must not spoil the answer.
    """
    print("noise from print")  # noqa: T201 - the point: stdout must stay clean
    os.system("echo noise from a shell")  # noqa: S605, S607 - ditto, at the file descriptor
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # utcnow, from 3.12
        utcnow = dt.datetime.utcnow()  # noqa: DTZ003 - one of the clocks an exporter may read
    copenhagen = zoneinfo.ZoneInfo("Europe/Copenhagen")
    with zipfile.ZipFile(io.BytesIO(zip_with_one_member())) as archive:
        member_time = archive.infolist()[0].date_time
    return {
        "datetime.now()": dt.datetime.now(),  # noqa: DTZ005 - ditto
        "date.today()": dt.date.today(),  # noqa: DTZ011 - ditto
        "datetime.now(UTC)": dt.datetime.now(dt.UTC),
        "datetime.utcnow()": utcnow,
        "time.time()": time.time(),
        "time.time_ns()": time.time_ns(),
        "time.localtime()": time.localtime(),
        "time.gmtime()": time.gmtime(),
        "time.ctime()": time.ctime(),
        "time.asctime()": time.asctime(),
        'time.strftime("%Y")': time.strftime("%Y"),
        "zip member time": member_time,
        "zip": zip_with_one_member(),
        "hash": hash("x"),
        "random": random.random(),  # noqa: S311 - the global random is what is checked
        "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED"),
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH"),
        "sys.path": list(sys.path),
        "pure datetime": type(dt.datetime.now).__name__ == "method",
        "Copenhagen in July": dt.datetime(2026, 7, 1, tzinfo=copenhagen).utcoffset(),
        "test kit": "civsam.testing" in sys.modules and "hypothesis" in sys.modules,
    }


CLOCKS = (
    "datetime.now()",
    "date.today()",
    "datetime.now(UTC)",
    "datetime.utcnow()",
    "time.time()",
    "time.time_ns()",
    "time.localtime()",
    "time.gmtime()",
    "time.ctime()",
    "time.asctime()",
    'time.strftime("%Y")',
    "zip member time",
)
"""The readings of the wall clock that the child must see moved."""


def _as_seconds(clock: str, value: object) -> float:  # noqa: PLR0911 - one case a clock
    """A reading of ``clock`` as POSIX seconds, rounded down as the reading is."""
    match value:
        case dt.datetime() if clock == "datetime.utcnow()":
            return value.replace(tzinfo=dt.UTC).timestamp()
        case dt.datetime():
            return value.timestamp()  # naive ones are local time, as timestamp() reads them
        case float():
            return value
        case int():
            return value / 1e9
        case time.struct_time() if clock == "time.gmtime()":
            return calendar.timegm(value)
        case time.struct_time():
            return time.mktime(value)
        case str():
            return time.mktime(time.strptime(value))
        case (int(), *_):
            return time.mktime((*value, 0, 0, -1))  # type: ignore[arg-type]
    raise AssertionError(f"{clock} gave {value!r}")


def reads_between(clock: str, value: object, low: float, high: float) -> bool:
    """Whether ``value``, read from ``clock``, is of a time from ``low`` to ``high`` seconds."""
    if clock == "date.today()":
        return dt.date.fromtimestamp(low) <= value <= dt.date.fromtimestamp(high)  # type: ignore[operator]  # noqa: DTZ012
    if clock == 'time.strftime("%Y")':
        return value in {time.strftime("%Y", time.localtime(when)) for when in (low, high)}
    # Readings to the second are rounded down; a zip's times to two seconds.
    resolution = {"time.time()": 0, "time.time_ns()": 0, "zip member time": 2}.get(clock, 1)
    if clock.startswith("datetime."):
        resolution = 0
    return low - resolution <= _as_seconds(clock, value) <= high


@pytest.fixture(scope="module")
def child() -> Iterator[tuple[float, Readings, float]]:
    """The real time before, the child's readings and the real time after (one child)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        before = time.time()
        seen = in_second_process(readings)
        yield before, seen, time.time()


@pytest.mark.parametrize("clock", CLOCKS)
def test_each_clock_reads_later_in_the_child(
    clock: str, child: tuple[float, Readings, float]
) -> None:
    """Every way to read the wall clock reads it CLOCK_SHIFT later in the second process."""
    before, seen, after = child
    assert reads_between(clock, seen[clock], before + SHIFT, after + SHIFT), seen[clock]


@pytest.mark.parametrize("clock", CLOCKS)
def test_each_clock_reads_the_real_time_here(clock: str) -> None:
    """... and the real time in this process: the checks above do tell a shifted reading."""
    before = time.time()
    seen = readings()
    after = time.time()
    assert reads_between(clock, seen[clock], before, after), seen[clock]
    assert not reads_between(clock, seen[clock], before + SHIFT, after + SHIFT), seen[clock]


def test_the_child_hashes_and_draws_differently(child: tuple[float, Readings, float]) -> None:
    """Another PYTHONHASHSEED (so hash() and set order) and a random seeded unlike hypothesis."""
    _, seen, _ = child
    assert seen["PYTHONHASHSEED"] == str(second_hash_seed())
    assert seen["hash"] != hash("x")
    assert seen["random"] == random.Random(CHILD_RANDOM_SEED).random()  # noqa: S311
    assert seen["random"] != random.Random(0).random()  # noqa: S311 - hypothesis's seed


def test_the_child_keeps_source_date_epoch_and_sys_path(
    child: tuple[float, Readings, float],
) -> None:
    """The documented clock is the parent's; the parent's modules import from the same path."""
    _, seen, _ = child
    assert seen["SOURCE_DATE_EPOCH"] == EPOCH
    assert seen["sys.path"] == sys.path


def test_the_test_kit_and_time_zones_work_on_the_pure_datetime(
    child: tuple[float, Readings, float],
) -> None:
    """The test kit (hypothesis) and zoneinfo work in the child, on the pure-Python datetime.

    Its datetimes come back as this process's ``datetime`` classes, aware ones too.
    """
    _, seen, _ = child
    assert seen["pure datetime"] is True
    assert seen["test kit"] is True
    assert seen["Copenhagen in July"] == dt.timedelta(hours=2)
    assert type(seen["datetime.now()"]) is dt.datetime
    assert seen["datetime.now(UTC)"].tzinfo is dt.UTC  # type: ignore[attr-defined]


def test_a_zip_written_in_the_child_differs_in_its_member_time(
    child: tuple[float, Readings, float],
) -> None:
    """The evidence for a zip whose members are stamped with the clock names the member."""
    _, seen, _ = child
    assert isinstance(seen["zip"], bytes)
    evidence = byte_difference(zip_with_one_member(), seen["zip"])
    assert evidence is not None
    assert "zip member times differ: 'xl/workbook.xml'" in evidence


def test_the_hash_seed_is_another_when_the_parent_has_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A parent run with PYTHONHASHSEED=SECOND_HASH_SEED still gets a child that hashes apart."""
    monkeypatch.delenv("PYTHONHASHSEED", raising=False)
    assert second_hash_seed() == SECOND_HASH_SEED
    monkeypatch.setenv("PYTHONHASHSEED", str(SECOND_HASH_SEED))
    assert second_hash_seed() not in {SECOND_HASH_SEED, 0}


def test_a_lambda_cannot_be_sent() -> None:
    """A call that does not pickle says why, and what to do: define it at module level."""
    with pytest.raises(SecondProcessError, match="module level") as raised:
        in_second_process(lambda: 1)
    assert raised.value.stage == "send"


def test_an_exception_in_the_child_comes_back_with_its_type_and_message() -> None:
    """The child's exception type (qualified), message and last traceback lines."""
    with pytest.raises(SecondProcessError) as raised:
        in_second_process(refuse, "no, not today")
    error = raised.value
    assert (error.stage, error.child_type) == ("call", "test_testing_process.RefusedError")
    assert error.child_message == "no, not today"
    assert "RefusedError: no, not today" in str(error)
    assert "in refuse" in str(error)  # the traceback's last lines


def test_a_call_the_child_cannot_import_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """A function from a module the child cannot import fails to load, with a hint."""
    module = types.ModuleType("civsam_nowhere")
    exec("def function():\n    return 1\n", module.__dict__)  # noqa: S102 - a module made here
    monkeypatch.setitem(sys.modules, "civsam_nowhere", module)
    with pytest.raises(SecondProcessError, match="No module named 'civsam_nowhere'") as raised:
        in_second_process(module.function)
    assert raised.value.stage == "load"
    assert "importable" in str(raised.value)


def test_a_result_that_does_not_pickle_says_so() -> None:
    """A lock cannot travel back: the error names the result stage, not a crash."""
    with pytest.raises(SecondProcessError, match="does not pickle") as raised:
        in_second_process(_thread.allocate_lock)
    assert raised.value.stage == "result"


def test_a_child_that_dies_gives_its_exit_code() -> None:
    """A child that exits without an answer is reported with its exit code."""
    with pytest.raises(SecondProcessError, match="exit code 3") as raised:
        in_second_process(os._exit, 3)
    assert raised.value.stage == "crash"


def test_a_child_that_hangs_is_stopped() -> None:
    """The timeout ends the child and says how long it waited."""
    started = time.monotonic()
    with pytest.raises(SecondProcessError, match="within 1 s") as raised:
        in_second_process(time.sleep, 30, timeout=1)
    assert raised.value.stage == "timeout"
    assert time.monotonic() - started < 10


def test_a_c_extension_needing_the_c_datetime_gets_a_hint() -> None:
    """The child has no C datetime API: an extension that needs it is told why, not just failed."""
    message = "module 'datetime' has no attribute 'datetime_CAPI'"
    trace = f"Traceback (most recent call last):\n  ...\nAttributeError: {message}"
    text = _failure_text("load", "export", "AttributeError", message, trace)
    assert text.startswith(f"the second process could not load export: AttributeError: {message}")
    assert "a C extension needs the C datetime" in text
    assert text.endswith(f"  AttributeError: {message}")


# -- evidence ----------------------------------------------------------------------------------


def _offset(evidence: str, unit: str) -> int:
    found = re.search(rf"first differing at {unit} (\d+)", evidence)
    assert found is not None, evidence
    return int(found.group(1))


def _naive_first_difference(first: bytes | str, second: bytes | str) -> int:
    pairs = zip(first, second, strict=False)
    return next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(first), len(second)))


def test_equal_outputs_have_no_difference() -> None:
    """Equal outputs give None, whatever they hold."""
    assert byte_difference(b"", b"") is None
    assert byte_difference(zip_with_one_member(), zip_with_one_member()) is None
    assert text_difference("same", "same") is None


@given(st.binary(), st.binary(), st.binary())
def test_the_offset_is_where_the_bytes_first_differ(common: bytes, one: bytes, two: bytes) -> None:
    """The reported offset is the first index where they differ, or the shorter length."""
    first, second = common + one, common + two
    evidence = byte_difference(first, second)
    if first == second:
        assert evidence is None
        return
    assert evidence is not None
    expected = _naive_first_difference(first, second)
    assert _offset(evidence, "byte offset") == expected == first_difference(first, second)
    assert f"{len(first)} bytes vs {len(second)} bytes" in evidence


@given(st.text(), st.text(), st.text())
def test_the_offset_is_where_the_texts_first_differ(common: str, one: str, two: str) -> None:
    """Likewise for texts, counted in characters; and the evidence stays short."""
    first, second = common + one, common + two
    evidence = text_difference(first, second)
    if first == second:
        assert evidence is None
        return
    assert evidence is not None
    assert _offset(evidence, "character") == _naive_first_difference(first, second)
    assert len(evidence.splitlines()) <= 3 + DIFF_LINES


@pytest.mark.parametrize("size", [10, 5000, 200_000])
def test_the_evidence_is_short_however_long_the_outputs(size: int) -> None:
    """Long lines are cut around the difference; the text stays a few hundred characters."""
    first = ("<p>" + "a" * size + "</p>\n") * 3 + "<b>" + "c" * size + "1</b>\n"
    second = first.replace("1</b>", "2</b>")
    evidence = byte_difference(first.encode(), second.encode())
    assert evidence is not None
    assert len(evidence) < 1200
    assert "-…" in evidence or size < 50
    assert "c1</b>" in evidence
    assert "c2</b>" in evidence


def test_a_text_difference_shows_the_place_and_a_diff() -> None:
    """Line and column, the text on each side and the changed lines as a unified diff."""
    lines = [f"line {n}" for n in range(30)]
    first = "\n".join([*lines, "<modified>2026-01-01T00:00:00Z</modified>", "end"])
    second = first.replace("2026-01-01T00:00:00Z", "2027-02-05T03:17:13Z")
    evidence = byte_difference(first.encode(), second.encode())
    assert evidence is not None
    assert "(line 31, column 14)" in evidence
    assert "  first:  …'28\\nline 29\\n<modified>2026-01-01T00:00:00Z</modif'…" in evidence
    assert "  second: …'28\\nline 29\\n<modified>2027-02-05T03:17:13Z</modif'…" in evidence
    assert "  @@ -30,3 +30,3 @@" in evidence
    assert "  -<modified>2026-01-01T00:00:00Z</modified>" in evidence
    assert "  +<modified>2027-02-05T03:17:13Z</modified>" in evidence


def test_binary_outputs_show_bytes() -> None:
    """Outputs that are not UTF-8 are shown as bytes around the difference."""
    evidence = byte_difference(b"\xff\x00" * 40 + b"\x01", b"\xff\x00" * 40 + b"\x02")
    assert evidence is not None
    assert "first differing at byte offset 80:" in evidence
    assert "\\x00\\x01'" in evidence
    assert "\\x00\\x02'" in evidence


def _zip(
    members: dict[str, str],
    *,
    when: tuple[int, int, int, int, int, int] = (2026, 1, 1, 0, 0, 0),
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in members.items():
            archive.writestr(zipfile.ZipInfo(name, when), text, compress_type=compression)
    return out.getvalue()


XLSX = {
    "docProps/core.xml": "<core>\n<modified>2026</modified>\n</core>",
    "xl/workbook.xml": "<w/>",
}


def test_zip_member_times_are_named() -> None:
    """Members stamped at another time: the first member and both times, then how many more."""
    evidence = byte_difference(_zip(XLSX), _zip(XLSX, when=(2027, 2, 5, 3, 17, 12)))
    assert evidence is not None
    assert "both are zip archives" in evidence
    assert (
        "zip member times differ: 'docProps/core.xml' 2026-01-01 00:00:00 vs "
        "2027-02-05 03:17:12 (and 1 more)"
    ) in evidence


def test_zip_member_contents_are_compared_as_outputs() -> None:
    """A member whose content differs is named, with the offset and diff inside it."""
    changed = {**XLSX, "docProps/core.xml": XLSX["docProps/core.xml"].replace("2026", "2027")}
    evidence = byte_difference(_zip(XLSX), _zip(changed))
    assert evidence is not None
    assert (
        "zip member 'docProps/core.xml' differs: 40 bytes vs 40 bytes, first differing at "
        "byte offset 20 (line 2, column 14)"
    ) in evidence
    assert "-<modified>2026</modified>" in evidence
    assert "xl/workbook.xml" not in evidence


def test_zip_member_lists_order_and_compression_are_named() -> None:
    """Members only in one archive, another order, another compression."""
    more = {**XLSX, "xl/styles.xml": "<s/>"}
    evidence = byte_difference(_zip(XLSX), _zip(more))
    assert evidence is not None
    assert "zip members only in the second: 'xl/styles.xml'" in evidence
    reordered = dict(reversed(XLSX.items()))
    evidence = byte_difference(_zip(XLSX), _zip(reordered))
    assert evidence is not None
    assert "zip members are in another order" in evidence
    evidence = byte_difference(_zip(XLSX), _zip(XLSX, compression=zipfile.ZIP_STORED))
    assert evidence is not None
    assert "zip member compression differ: 'docProps/core.xml' deflated vs stored" in evidence


def test_a_broken_zip_is_compared_as_bytes() -> None:
    """Output that starts like a zip but is not one is still compared, byte by byte."""
    prefix = b"PK\x03\x04 not a zip "
    evidence = byte_difference(prefix + b"1", prefix + b"2")
    assert evidence is not None
    assert f"first differing at byte offset {len(prefix)} " in evidence
    assert "zip" not in evidence.split(":", 1)[0]
