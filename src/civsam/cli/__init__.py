"""The ``civsam`` command: the library's main jobs for people who don't write Python.

Exit status 0 on success, 1 when the input is invalid (every problem printed, no
traceback), 2 on wrong usage.

The command speaks the user's language: ``--lang``, else the project's ``language``,
else the environment's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else
English. Every message, ``--help`` included, comes from the catalogue
(:mod:`civsam.labels`), and every value a user types may be given in Danish or English.

Each command lives in a module of its own job; ``_commands.COMMANDS`` adds them all, in
the order ``--help`` lists them:

- ``_project``: ``init``, ``check``, ``import-table`` (project files);
- ``_export``: ``demo``, ``export``, ``plugins`` (exports, and the plugins that make them);
- ``_matrix``: ``matrix``, ``--sensitivity`` included (the board is drawn by ``_board``);
- ``_lifecycle``: ``readiness``, ``log``, ``step``, ``review``, ``checklist``;
- ``_plan``: ``plan``, ``due`` (the calendar);
- ``_network``: ``introductions``.

What they share: ``_parser`` (argparse in the user's language), ``_options`` (options
several commands take), ``_values`` (typed values, in Danish or English), ``_language``
(which language, and saying a text in it), ``_loading`` (the project file a command
reads), ``_partners`` (the partner a user names), ``_columns`` (text in a terminal's 80
columns), ``_terminal`` (control characters shown, never obeyed) and ``_errors`` (exit
statuses, the one-line message, warnings). Imports go one way: this module imports
``_commands``, which imports the commands, which import what they share; no module
imports one that imports it back.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from typing import TextIO, cast

from civsam import CivsamError, Language
from civsam.cli._commands import make_parser
from civsam.cli._errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, Warnings, describe
from civsam.cli._language import asked_language, environment_language, named_project_language
from civsam.cli._parser import Handler
from civsam.cli._terminal import CleanText, clean

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    language = (
        asked_language(arguments)
        or named_project_language(arguments)
        or environment_language(os.environ)
        or Language.EN
    )
    args = make_parser(language).parse_args(arguments)
    args.lang = getattr(args, "lang", None)
    args.language = Language(args.lang) if args.lang else language
    handler: Handler = args.handler
    warnings = Warnings(args)
    logger = logging.getLogger("civsam")
    logger.addHandler(warnings)
    try:
        return handler(args, cast("TextIO", CleanText(sys.stdout)))
    except BrokenPipeError:
        # The reader went away (`civsam export … | head`): stop quietly, as cat does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_INVALID
    except (CivsamError, OSError, RecursionError, MemoryError) as error:
        print(clean(f"civsam: {describe(error, args.language)}"), file=sys.stderr)
        return EXIT_USAGE if isinstance(error, UsageError) else EXIT_INVALID
    finally:
        logger.removeHandler(warnings)
