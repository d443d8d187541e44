"""Changing a file safely: an advisory lock for read → change → write, then an atomic replace.

The lock is an exclusive ``flock`` on the file itself, not on a companion lock file, so
that civsam never leaves a stray file beside a user's project. A file is replaced by
renaming a new one over it, which leaves a waiting process holding a lock on a file
that is no longer there; so after the lock is granted, civsam checks that the path
still names the locked file (same device and inode) and, if not, locks the new one.
The lock is held until the new file has been renamed into place: the next writer reads
what the last one wrote.

A file that does not exist yet is created without a lock (there is nothing to lock);
two processes creating the same new file at once leave one of them, whole. Readers
take no lock: a rename shows them the old file or the new one, never a torn one.

On Windows civsam takes no lock (a file held open there cannot be renamed over):
writes stay atomic, but two writers at once may lose an entry. On a network share the
lock is what the share makes of ``flock``: Linux sends it to an NFS server as a
whole-file lock (which needs the file open for writing: it is opened read-write) and,
since 5.5, to an SMB server as a mandatory one; ``nolock``/``nobrl`` mounts keep it on
one machine. A file system that gives no lock at all is refused, not written unlocked.
See docs/file-format.md, "How civsam writes a file".
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from civsam._message import Text
from civsam._oserror import os_reason
from civsam.errors import CivsamError
from civsam.files._limits import DEFAULT_LIMITS, Limits, file_kind, read_descriptor, read_file

if sys.platform != "win32":
    import fcntl

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["TIMEOUT", "HardLinks", "LockTimeoutError", "LockedFile", "locked"]

TIMEOUT = 30.0
"""Seconds to wait for another process's lock before giving up."""

HardLinks = Literal["replace", "refuse"]
"""What to do with a file that has other names: replace this name only, or refuse."""

_LONGEST_PAUSE = 0.02
_OPEN_FLAGS = (
    os.O_RDWR
    | getattr(os, "O_NONBLOCK", 0)  # a pipe put in the file's place must not hang the open
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_NEW_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class LockTimeoutError(CivsamError):
    """Another process held the lock on a file longer than civsam would wait."""


class LockedFile:
    """A file held under civsam's lock: read it, decide, and replace it before letting go.

    ``path`` is the path as the caller named it (errors name it); ``real`` the file
    written, with symbolic links resolved. ``exists`` is false for a file about to be
    created, which is not locked. A file is replaced once per lock: the lock was on the
    file replaced, so after :meth:`replace` the handle is spent.
    """

    __slots__ = ("_descriptor", "_spent", "_status", "path", "real")

    def __init__(
        self, path: Path, real: Path, descriptor: int | None, status: os.stat_result | None
    ) -> None:
        self.path = path
        self.real = real
        self._descriptor = descriptor
        self._status = status
        self._spent = False

    @property
    def exists(self) -> bool:
        """Whether the file is there (and locked) rather than about to be created."""
        return self._status is not None

    def read(self, limits: Limits = DEFAULT_LIMITS) -> bytes:
        """The file's bytes as they are now, under the lock (none for a file to be created).

        At most ``limits.max_bytes``: a file that grew past them is refused, not read.
        """
        self._usable()
        if self._status is None:
            return b""
        if self._descriptor is None:
            return read_file(self.real, limits)
        os.lseek(self._descriptor, 0, os.SEEK_SET)
        return read_descriptor(self._descriptor, limits, str(self.path))

    def replace(self, data: bytes, *, hard_links: HardLinks = "replace") -> None:
        """Replace the file with ``data``, whole or not at all; the lock is still held.

        The bytes go to a temporary file beside the real file (``.NAME.<random>.tmp``,
        readable by its owner only while written), which is flushed to disk, given the
        old file's owner (where the process may) and mode, and renamed over it.
        """
        self._usable()
        status = self._status
        if status is not None and status.st_nlink > 1 and hard_links == "refuse":
            # Never fewer than two names here: one text, in the plural, says it.
            raise CivsamError(Text("lock.hard_links", path=str(self.path), count=status.st_nlink))
        folder = self.real.parent
        descriptor, temporary = _create(self.path, folder, self.real.name, status)
        try:
            try:
                if status is not None:
                    _give_owner(descriptor, status)
                _write_all(descriptor, data)
                os.fsync(descriptor)
                if status is not None:
                    _give_mode(descriptor, temporary, status)
            finally:
                os.close(descriptor)
            temporary.replace(self.real)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise CivsamError(
                Text("lock.could_not_save", path=str(self.path), reason=os_reason(error))
            ) from error
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        self._spent = True
        self.close()
        _sync_folder(folder)

    def _usable(self) -> None:
        if self._spent:
            raise CivsamError(Text("lock.spent", path=str(self.path)))

    def close(self) -> None:
        """Let go of the lock."""
        if self._descriptor is not None:
            descriptor, self._descriptor = self._descriptor, None
            os.close(descriptor)


@contextlib.contextmanager
def locked(
    path: str | os.PathLike[str], *, missing_ok: bool = False, timeout: float | None = None
) -> Iterator[LockedFile]:
    """Hold civsam's lock on the file at ``path`` (behind any symbolic link) for a block.

    Inside the block, :meth:`LockedFile.read` gives the file's current bytes and
    :meth:`LockedFile.replace` writes new ones; other civsam processes wait. A missing
    file is an error unless ``missing_ok`` (then it is created, unlocked). A read-only
    file, or one that is not a regular file, is refused before anything is read. After
    ``timeout`` seconds (default :data:`TIMEOUT`) of waiting, :class:`LockTimeoutError`.
    """
    file = _acquire(
        Path(path), missing_ok=missing_ok, timeout=TIMEOUT if timeout is None else timeout
    )
    try:
        yield file
    finally:
        file.close()


def _acquire(path: Path, *, missing_ok: bool, timeout: float) -> LockedFile:
    real = Path(os.path.realpath(path))
    deadline = time.monotonic() + timeout
    while True:
        status = _status(path, real, missing_ok=missing_ok)
        if status is None:
            return LockedFile(path, real, None, None)
        if sys.platform == "win32":
            return LockedFile(path, real, None, status)
        descriptor = _open(path, real)
        if descriptor is None:  # gone between the look and the open: look again
            continue
        try:
            _lock(path, descriptor, deadline, timeout)
            held = os.fstat(descriptor)
            if _names(real, held):
                _check(path, held)
                return LockedFile(path, real, descriptor, held)
        except BaseException:
            os.close(descriptor)
            raise
        # Replaced while we waited: the lock is on a file no longer there. Try the new one.
        os.close(descriptor)


def _status(path: Path, real: Path, *, missing_ok: bool) -> os.stat_result | None:
    """The file's status, checked writable; None for a file to be created."""
    try:
        status = real.stat()
    except FileNotFoundError:
        if missing_ok:
            return None
        missing = FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT))
        raise CivsamError(
            Text("files.cannot_read", path=str(path), reason=os_reason(missing))
        ) from None
    except OSError as error:
        what = "files.cannot_write_here" if missing_ok else "files.cannot_read"
        raise CivsamError(Text(what, path=str(path), reason=os_reason(error))) from None
    _check(path, status)
    return status


def _check(path: Path, status: os.stat_result) -> None:
    """Refuse what civsam must not write over: a folder, a pipe, a device, a read-only file."""
    if not stat.S_ISREG(status.st_mode):
        raise CivsamError(Text("lock.not_regular", path=str(path), kind=file_kind(status.st_mode)))
    # Mode bits, not os.access: root may write anything, and should still not do it here.
    if not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        mode = f"{stat.S_IMODE(status.st_mode):04o}"
        raise CivsamError(Text("lock.read_only", path=str(path), mode=mode))


def _open(path: Path, real: Path) -> int | None:
    """The file opened for reading and writing (flock over NFS needs write access)."""
    try:
        return os.open(real, _OPEN_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise CivsamError(
            Text("files.cannot_write", path=str(path), reason=os_reason(error))
        ) from None


def _lock(path: Path, descriptor: int, deadline: float, timeout: float) -> None:
    """Take the exclusive lock, waiting until ``deadline`` for another process to let go."""
    pause = 0.001
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pass
        except OSError as error:
            raise CivsamError(
                Text("lock.cannot_lock", path=str(path), reason=os_reason(error))
            ) from None
        else:
            return
        if time.monotonic() >= deadline:
            raise LockTimeoutError(
                Text(
                    "lock.timeout",
                    path=str(path),
                    seconds=f"{timeout:g}",
                    count=1 if timeout == 1 else 0,  # "1 second", "0.5 seconds"
                )
            )
        time.sleep(pause)
        pause = min(pause * 2, _LONGEST_PAUSE)


def _names(real: Path, held: os.stat_result) -> bool:
    """Whether ``real`` still names the file ``held`` describes."""
    try:
        now = real.stat()
    except OSError:
        return False
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


def _create(path: Path, folder: Path, name: str, status: os.stat_result | None) -> tuple[int, Path]:
    """A new temporary file beside the target, open for writing.

    Replacing a file: created 0o600 and given the old file's mode once written, so that
    nobody else reads it half-made. A new file: created 0o666, so that the umask and the
    folder's default ACL give it the mode ``open()`` would (the umask is never set, as
    reading it would need: that is process-wide, and races with other threads).
    """
    mode = 0o666 if status is None else 0o600
    for _ in range(100):
        temporary = folder / f".{name}.{secrets.token_hex(8)}.tmp"
        try:
            return os.open(temporary, _NEW_FLAGS, mode), temporary
        except FileExistsError:
            continue
        except OSError as error:
            raise CivsamError(
                Text("files.cannot_write_here", path=str(path), reason=os_reason(error))
            ) from None
        except BaseException:
            # Interrupted (Ctrl-C) after the file was made but before its descriptor was
            # returned: the name is ours (O_EXCL, 64 random bits), so remove it.
            temporary.unlink(missing_ok=True)
            raise
    raise CivsamError(Text("files.no_temporary_name", path=str(path)))  # pragma: no cover


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _give_owner(descriptor: int, status: os.stat_result) -> None:
    """The old file's owner and group, where the process may set them.

    Root may set both. A user may not give a file away, but may keep its group if they
    belong to it, so that a group-shared file stays readable by the group. Only ever a
    best effort: some shares (CIFS, NFS with root squashed) refuse any change of owner,
    and none of it stops a save.
    """
    if not hasattr(os, "fchown"):  # pragma: no cover - Windows
        return
    try:
        os.fchown(descriptor, status.st_uid, status.st_gid)
    except OSError:
        with contextlib.suppress(OSError):
            os.fchown(descriptor, -1, status.st_gid)


def _give_mode(descriptor: int, temporary: Path, status: os.stat_result) -> None:
    """The old file's permission bits.

    A share that takes no modes (some CIFS and FAT mounts) refuses; the new file then
    stays readable by its owner only, which errs on the safe side, rather than stopping
    the save.
    """
    mode = stat.S_IMODE(status.st_mode) & 0o777
    with contextlib.suppress(OSError):
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, mode)
        else:  # pragma: no cover - Windows
            temporary.chmod(mode)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the platform allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(descriptor)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(descriptor)
