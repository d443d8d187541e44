"""Why the operating system refused, in the reader's language.

An ``OSError`` carries the system's own words (``strerror``), in English on most
systems. civsam keeps those words in English, exactly as the system gives them, and
says the commonest reasons in Danish; any other reason stays in the system's words.
"""

from __future__ import annotations

import errno

from civsam._message import Text

__all__ = ["os_reason"]

_KEYS: dict[int, str] = {
    errno.ENOENT: "os.enoent",
    errno.EACCES: "os.eacces",
    errno.EPERM: "os.eperm",
    errno.EISDIR: "os.eisdir",
    errno.ENOTDIR: "os.enotdir",
    errno.EEXIST: "os.eexist",
    errno.ENOSPC: "os.enospc",
    errno.EROFS: "os.erofs",
    errno.ENAMETOOLONG: "os.enametoolong",
    errno.ELOOP: "os.eloop",
}


def os_reason(error: OSError) -> Text:
    """The reason ``error`` gives: the system's ``strerror`` in English, Danish where known.

    Without a ``strerror`` (an ``OSError`` raised with a message only), the error's own
    text is the reason.
    """
    strerror = error.strerror if error.strerror is not None else str(error)
    key = _KEYS.get(error.errno, "os.strerror") if error.errno is not None else "os.strerror"
    return Text(key, strerror=strerror)
