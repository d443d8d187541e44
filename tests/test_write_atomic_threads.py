"""``write_atomic`` from many threads at once never sets the umask, which is process-wide.

Reading the umask by setting it (``os.umask(0)`` then back) would give another thread
creating a file at that moment a world-writable one. civsam creates a new file 0o666
and lets the operating system apply the umask instead; this holds it to that under
threads, where the race would bite.
"""

from __future__ import annotations

import os
import stat
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import pytest

from civsam.files.io import write_atomic

if TYPE_CHECKING:
    import pathlib

THREADS = 8
FILES = 64


@pytest.mark.skipif(os.name != "posix", reason="the umask is POSIX")
def test_threads_writing_new_and_old_files_never_touch_the_umask(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New files get 0o666 less the umask, old ones keep their mode; nobody calls os.umask."""
    old = os.umask(0o027)
    calls: list[str] = []
    real_umask = os.umask

    def recorded(mask: int) -> int:
        calls.append(threading.current_thread().name)
        return real_umask(mask)

    existing = tmp_path / "shared.csv"
    existing.write_bytes(b"old\n")
    existing.chmod(0o640)
    try:
        monkeypatch.setattr(os, "umask", recorded)

        def write(number: int) -> None:
            write_atomic(tmp_path / f"new-{number}.csv", b"a,b\n%d\n" % number)
            write_atomic(existing, b"n,%d\n" % number)

        with ThreadPoolExecutor(THREADS) as pool:
            list(pool.map(write, range(FILES)))
    finally:
        monkeypatch.undo()
        os.umask(old)
    assert calls == []
    for number in range(FILES):
        path = tmp_path / f"new-{number}.csv"
        assert path.read_bytes() == b"a,b\n%d\n" % number
        assert stat.S_IMODE(path.stat().st_mode) == 0o640  # 0o666 less 0o027
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    assert existing.read_bytes().startswith(b"n,")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []
