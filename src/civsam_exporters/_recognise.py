"""What the exporters' ``recognises`` methods share: reading the start of a file as text.

``civsam.export`` shows an exporter at most the first 64 KiB of an existing file, so the
bytes may end in the middle of a character; that is a cut, not a sign of another format.
"""

from __future__ import annotations

import codecs

__all__ = ["text"]


def text(data: bytes) -> str | None:
    """``data`` as UTF-8, a character cut off at the end left out; ``None`` if not UTF-8."""
    try:
        # Not final: an incomplete sequence at the end is held back, not an error.
        return codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return None
