"""Run a call in a second Python process whose clock, hash seed and ``random`` all differ.

Output that depends on the wall clock, on ``hash()`` or set order, or on the global
``random`` does not change within one process: every run there reads the same clock to
the second, the same hash seed and whatever seed hypothesis gave ``random``. A second
process changes all three at once, so :func:`in_second_process` running the same call
again is the determinism check that a single process cannot make:

- the clock reads :data:`CLOCK_SHIFT` later (days, hours, minutes and seconds, so a date,
  a time of day and a stamp to the second all change);
- ``PYTHONHASHSEED`` is :data:`SECOND_HASH_SEED` (another value if the parent runs with
  that one), so string hashes and set order differ;
- ``random`` is seeded with :data:`CHILD_RANDOM_SEED`, which is none of the usual seeds
  (hypothesis seeds ``random`` with 0 for every example);
- ``SOURCE_DATE_EPOCH`` is whatever the parent has, unchanged: it is the documented clock
  an export may read, so it must be the same in both.

How the clock moves: the child starts with ``-S``, so no ``.pth`` file has imported
:mod:`datetime` yet (coverage's does). It blocks the C accelerator, so :mod:`datetime`
is the pure-Python implementation that asks :func:`time.time`, wraps :func:`time.time`
and the functions of :mod:`time` that read the clock when given no time
(``localtime()``, ``strftime(format)``, ``clock_gettime(CLOCK_REALTIME)``, ...), and
only then runs :func:`site.main`. The C accelerator of :mod:`zoneinfo` needs the C
:mod:`datetime` and is blocked too; its pure-Python twin gives the same answers.

What reads the clock without :mod:`time` is not moved: file times (``ZipFile.write`` of
a file on disk, ``os.stat``), and C code with its own clock (SQLite's
``CURRENT_TIMESTAMP``, libuuid's ``uuid1``). A C extension that needs the C
:mod:`datetime` API cannot be imported in the child; the error says so.

A child costs a Python start-up (about 25 ms more than a bare one) plus whatever the call
imports: about 0.7-1 s for civsam's test kit with hypothesis. Run many calls in one child
rather than one child per call.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from typing import Final, TypeVar

__all__ = [
    "BOOTSTRAP",
    "CHILD_RANDOM_SEED",
    "CLOCK_SHIFT",
    "SECOND_HASH_SEED",
    "SecondProcessError",
    "in_second_process",
    "second_hash_seed",
]

T = TypeVar("T")

CLOCK_SHIFT: Final = dt.timedelta(days=400, hours=3, minutes=17, seconds=13)
"""How far the second process's clock is ahead of the real one.

Over a year (another year, month, weekday and day), plus hours, minutes and seconds, so
that output stamped with a date, a time of day or a time to the second changes.
"""

SECOND_HASH_SEED: Final = 2_718_281
"""The second process's ``PYTHONHASHSEED``; 0 would switch hash randomisation off."""

CHILD_RANDOM_SEED: Final = 31_415_926
"""The second process seeds ``random`` with this, unlike hypothesis (0) or common seeds."""

_TRACEBACK_LINES = 8
"""How many of the child's last traceback or stderr lines an error shows."""

_SHIFT_SECONDS = int(CLOCK_SHIFT.total_seconds())

BOOTSTRAP: Final = f"""\
import sys

# Python starts with -S: no .pth file has run yet (a coverage .pth imports datetime), so
# nothing has imported datetime; site runs below, once the clock has moved.
sys.modules["_datetime"] = None  # datetime falls back to Python, which asks time.time()
sys.modules["_zoneinfo"] = None  # its C ZoneInfo needs the C datetime

def _shift_clock(shift):
    import time
    real_time, real_time_ns = time.time, time.time_ns
    localtime, gmtime, ctime, asctime, strftime = (
        time.localtime, time.gmtime, time.ctime, time.asctime, time.strftime)

    def now():
        return real_time() + shift

    def now_ns():
        return real_time_ns() + shift * 1_000_000_000

    def shifted_localtime(seconds=None, /):
        return localtime(now() if seconds is None else seconds)

    def shifted_gmtime(seconds=None, /):
        return gmtime(now() if seconds is None else seconds)

    def shifted_ctime(seconds=None, /):
        return ctime(now() if seconds is None else seconds)

    def shifted_asctime(when=None, /):
        return asctime(localtime(now()) if when is None else when)

    def shifted_strftime(format, when=None, /):
        return strftime(format, localtime(now()) if when is None else when)

    wrappers = dict(time=now, time_ns=now_ns, localtime=shifted_localtime,
                    gmtime=shifted_gmtime, ctime=shifted_ctime, asctime=shifted_asctime,
                    strftime=shifted_strftime)
    if hasattr(time, "clock_gettime"):
        clock_gettime, clock_gettime_ns = time.clock_gettime, time.clock_gettime_ns

        def shifted_clock_gettime(clock, /):
            moved = clock == time.CLOCK_REALTIME
            return clock_gettime(clock) + (shift if moved else 0)

        def shifted_clock_gettime_ns(clock, /):
            moved = clock == time.CLOCK_REALTIME
            return clock_gettime_ns(clock) + (shift * 1_000_000_000 if moved else 0)

        wrappers.update(clock_gettime=shifted_clock_gettime,
                        clock_gettime_ns=shifted_clock_gettime_ns)
    for name, wrapper in wrappers.items():  # so that they pickle as time.<name>
        wrapper.__module__, wrapper.__name__, wrapper.__qualname__ = "time", name, name
        setattr(time, name, wrapper)

def _pure_datetime():
    import datetime
    if type(datetime.datetime.now).__name__ != "method":  # a builtin: the C datetime
        raise RuntimeError("the pure-Python datetime could not be loaded")
    for name in ("date", "datetime", "time", "timedelta", "timezone", "tzinfo"):
        getattr(datetime, name).__module__ = "datetime"  # results pickle as the parent's
    # The pure timezone pickles its slots, which the parent's C timezone lacks.
    datetime.timezone.__reduce__ = lambda zone: (datetime.timezone, zone.__getinitargs__())

_shift_clock({_SHIFT_SECONDS})
_pure_datetime()

import os, pickle, random

random.seed({CHILD_RANDOM_SEED})
_answer = os.fdopen(os.dup(1), "wb")  # only the answer goes to stdout ...
os.dup2(2, 1)  # ... whatever the call prints, even from C or a subprocess, goes to stderr
sys.stdout = sys.stderr

def _failure(stage, error):
    import traceback
    kind = type(error)
    name = kind.__qualname__
    if kind.__module__ != "builtins":
        name = kind.__module__ + "." + name
    try:
        message = str(error)
    except BaseException:
        message = "(its message could not be made)"
    trace = "".join(traceback.format_exception(error))
    return pickle.dumps((stage, name, message, trace))

def _answer_for(message):
    try:
        path, call = pickle.loads(message)
        sys.path[:] = path
        import site
        site.main()  # .pth files (editable installs' finders, coverage), sitecustomize
        sys.path[:] = path  # exactly the parent's, in its order
        function, arguments = pickle.loads(call)
    except BaseException as error:
        return _failure("load", error)
    try:
        result = function(*arguments)
    except BaseException as error:
        return _failure("call", error)
    try:
        return pickle.dumps(("returned", pickle.dumps(result, pickle.HIGHEST_PROTOCOL)))
    except BaseException as error:
        return _failure("result", error)

_answer.write(_answer_for(sys.stdin.buffer.read()))
_answer.flush()
"""
"""The child's program (``python -S -c BOOTSTRAP``): move the clock, then load and run the call.

It reads one pickle from stdin, ``(parent's sys.path, pickled (function, arguments))``,
sets ``sys.path`` and runs :func:`site.main` (which ``-S`` put off until the clock had
moved) before loading the call, and writes one pickle to stdout: ``("returned", pickled
result)``, or the stage that failed (``load``, ``call``, ``result``) with the exception's
type, message and traceback.
"""


class SecondProcessError(Exception):
    """The call could not run in the second process: it could not be sent, failed or hung.

    ``stage`` says which: ``send`` (the call does not pickle), ``load`` (the child could
    not import it), ``call`` (it raised there), ``result`` (its result does not pickle),
    ``timeout`` or ``crash`` (the child ended without an answer). ``child_type`` and
    ``child_message`` are the child's exception, when it raised one.
    """

    def __init__(
        self,
        stage: str,
        message: str,
        *,
        child_type: str | None = None,
        child_message: str | None = None,
    ) -> None:
        self.stage = stage
        self.child_type = child_type
        self.child_message = child_message
        super().__init__(message)


def second_hash_seed() -> int:
    """The child's ``PYTHONHASHSEED``: :data:`SECOND_HASH_SEED`, unless the parent has it."""
    if os.environ.get("PYTHONHASHSEED", "").strip() == str(SECOND_HASH_SEED):
        return SECOND_HASH_SEED + 1
    return SECOND_HASH_SEED


def in_second_process(function: Callable[..., T], /, *args: object, timeout: float = 120) -> T:
    """``function(*args)`` run in a fresh Python whose clock, hash seed and ``random`` differ.

    The call and its result travel by pickle, so ``function``, each argument and the
    result must pickle; functions and classes pickle by reference, so they must be
    defined at the top level of an importable module (not a lambda, not defined inside a
    function, not in a script run as ``__main__``). The child imports from the parent's
    ``sys.path`` and inherits its environment, but for ``PYTHONHASHSEED``. Raises
    :class:`SecondProcessError` when the call cannot be sent, raises in the child, or
    takes longer than ``timeout`` seconds (the child is then killed).
    """
    name = getattr(function, "__qualname__", repr(function))
    try:
        call = pickle.dumps((function, args), pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, AttributeError, TypeError) as error:
        raise SecondProcessError(
            "send",
            f"cannot send {name} or its arguments to a second process: {error}. The call "
            "is pickled, and a function or class pickles by reference, so it and every "
            "argument must be defined at module level in an importable module (not a "
            "lambda, not inside a function): move it to module level",
        ) from error
    if not sys.executable:
        raise SecondProcessError("crash", "cannot start a second process: no sys.executable")
    command = [sys.executable, "-S", f"-Xutf8={sys.flags.utf8_mode}", *["-O"] * sys.flags.optimize]
    environment = {**os.environ, "PYTHONHASHSEED": str(second_hash_seed())}
    try:
        # The command is this Python running BOOTSTRAP; no shell, nothing from outside.
        done = subprocess.run(  # noqa: S603
            [*command, "-c", BOOTSTRAP],
            input=pickle.dumps((list(sys.path), call), pickle.HIGHEST_PROTOCOL),
            capture_output=True,
            env=environment,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise SecondProcessError(
            "timeout", f"{name} did not finish within {timeout:g} s in the second process"
        ) from error
    stderr = done.stderr.decode("utf-8", errors="replace")
    try:
        # The answer comes from our own child, running our own BOOTSTRAP.
        stage, *rest = pickle.loads(done.stdout)  # noqa: S301
    except Exception as error:
        raise SecondProcessError(
            "crash",
            f"the second process running {name} ended (exit code {done.returncode}) "
            f"without an answer; its stderr ends:\n{_tail(stderr)}",
        ) from error
    if stage == "returned":
        try:
            result: T = pickle.loads(rest[0])  # noqa: S301 - see above
        except Exception as error:
            raise SecondProcessError(
                "result", f"the result of {name} from the second process does not load: {error}"
            ) from error
        return result
    child_type, child_message, trace = rest
    raise SecondProcessError(
        stage,
        _failure_text(stage, name, child_type, child_message, trace),
        child_type=child_type,
        child_message=child_message,
    )


def _failure_text(stage: str, name: str, child_type: str, message: str, trace: str) -> str:
    """Say what failed in the child, with a hint where the cause is usually the same."""
    what = {
        "load": f"the second process could not load {name}",
        "call": f"{name} raised in the second process",
        "result": f"the result of {name} in the second process does not pickle",
    }[stage]
    hint = ""
    if stage == "load":
        hint = (
            " (the function, its arguments' classes and their modules must be importable "
            "in a new process from the same sys.path; a script's __main__ is not)"
        )
    if "datetime_CAPI" in message:
        hint = (
            " (a C extension needs the C datetime, which the second process replaces with "
            "the pure-Python one to move its clock; use pure-Python code for this check)"
        )
    return f"{what}: {child_type}: {message}{hint}\nthe child's traceback ends:\n{_tail(trace)}"


def _tail(text: str) -> str:
    """The last few lines of ``text``, indented, or a note that there were none."""
    lines = text.rstrip().splitlines()[-_TRACEBACK_LINES:]
    return "\n".join(f"  {line}" for line in lines) or "  (nothing)"
