r"""Text for a terminal: what a project file holds is shown, never obeyed.

A name or a note can hold escape sequences (``ESC [2J`` clears the screen, ``OSC 8``
makes a hidden link, ``OSC 52`` writes the clipboard), a bell, a carriage return that
overwrites what was printed, or bidirectional overrides that make text read otherwise
than it is. Everything the command line prints goes through :func:`clean`, which shows
each such character as a visible escape (``\x1b``, ``\u202e``) and keeps line breaks and
tabs.
"""

from __future__ import annotations

import io
from typing import TextIO

__all__ = ["CleanText", "clean"]

_KEPT = {"\n", "\t"}
_CONTROLS = [
    *(chr(code) for code in range(0x20)),
    "\x7f",
    *(chr(code) for code in range(0x80, 0xA0)),
    # Bidirectional embeddings, overrides and isolates ("Trojan Source"), and the
    # line and paragraph separators some terminals honour.
    *(chr(code) for code in range(0x202A, 0x202F)),
    *(chr(code) for code in range(0x2066, 0x206A)),
    "\u2028",
    "\u2029",
]
_LATIN_1 = 0x100


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < _LATIN_1 else f"\\u{code:04x}"


_TABLE = {ord(char): _escape(ord(char)) for char in _CONTROLS if char not in _KEPT}
# Lone surrogates cannot be printed as UTF-8 at all: show them escaped too.
_TABLE.update({code: _escape(code) for code in range(0xD800, 0xE000)})


def clean(text: str) -> str:
    """``text`` with every control character shown as a visible escape, but line breaks."""
    return text.translate(_TABLE)


class CleanText(io.TextIOBase):
    """A text stream that cleans everything written through it, for a command's output.

    ``buffer`` is the underlying binary stream, for output that must go out byte for
    byte (an export written to standard output), as ``sys.stdout.buffer`` is.
    """

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self._inner = inner

    @property
    def buffer(self) -> object:
        """The wrapped stream's binary buffer, or ``None`` when it has none."""
        return getattr(self._inner, "buffer", None)

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._inner.write(clean(text))
        return len(text)

    def write_raw(self, text: str) -> None:
        """Write ``text`` as it is: an export's own text, where there is no buffer."""
        self._inner.write(text)

    def flush(self) -> None:
        # The wrapper does not own the stream: closing it (as the garbage collector
        # does) must not fail, or close, when whoever owns the stream closed it first.
        if not self._inner.closed:
            self._inner.flush()
