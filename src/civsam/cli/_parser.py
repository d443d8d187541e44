"""argparse in the user's language: help, usage and argparse's own errors, said again.

Every command is made through :class:`Commands`, its arguments and options under the
two headings :class:`Groups` makes; argparse's English group titles stay empty.
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from collections.abc import Callable, Iterable
from typing import NoReturn, TextIO

from civsam import Language
from civsam.cli._errors import EXIT_USAGE
from civsam.cli._terminal import clean
from civsam.labels import label

__all__ = ["Commands", "Groups", "Handler", "Parser", "typed"]

Handler = Callable[[argparse.Namespace, TextIO], int]
"""A command: it reads the parsed arguments, writes to the output, returns the exit status."""

# argparse's own messages, as it words them in Python 3.11 to 3.13, and the catalogue
# text each one is said with. A message not listed here is shown as argparse made it.
_ARGPARSE: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = tuple(
    (re.compile(pattern, re.DOTALL), key, names)
    for pattern, key, names in (
        (r"the following arguments are required: (.*)", "cli.parse.required", ("names",)),
        (r"unrecognized arguments: (.*)", "cli.parse.unrecognised", ("names",)),
        (r"invalid choice: (.*) \(choose from (.*)\)", "cli.parse.choice", ("value", "choices")),
        (r"invalid \S+ value: (.*)", "cli.parse.value", ("value",)),
        (r"expected one argument", "cli.parse.one", ()),
        (r"expected at most one argument", "cli.parse.at_most_one", ()),
        (r"expected at least one argument", "cli.parse.at_least_one", ()),
        (r"ambiguous option: (\S+) could match (.*)", "cli.parse.ambiguous", ("option", "matches")),
        (r"not allowed with argument (.*)", "cli.parse.not_allowed", ("name",)),
        (r"ignored explicit argument (.*)", "cli.parse.explicit", ("value",)),
    )
)
_ARGUMENT = re.compile(r"argument (\S+): (.*)", re.DOTALL)


def _argparse_message(message: str, language: Language) -> str:
    """One of argparse's messages in ``language``; our own (already said) pass through."""
    argument = _ARGUMENT.fullmatch(message)
    if argument is not None:
        name, rest = argument.groups()
        said_rest = _argparse_message(rest, language)
        return label("cli.parse.argument", language, name=name, message=said_rest)
    for pattern, key, names in _ARGPARSE:
        found = pattern.fullmatch(message)
        if found is not None:
            return label(key, language, **dict(zip(names, found.groups(), strict=True)))
    return message


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, with "usage:" in the parser's language."""

    def __init__(self, prog: str, *, language: Language) -> None:
        super().__init__(prog)
        self._usage_prefix = label("cli.usage", language)

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, self._usage_prefix if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """A parser that speaks ``language``: its help, its usage and its errors.

    Arguments go into the two groups :class:`Groups` makes, titled in the language, so
    argparse's own English group titles stay empty and unprinted.
    """

    def __init__(self, *args: object, language: Language, **kwargs: object) -> None:
        self.language = language
        kwargs["formatter_class"] = functools.partial(_Formatter, language=language)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> NoReturn:
        """Print the usage and the error in the parser's language; exit 2."""
        self.print_usage(sys.stderr)
        text = label(
            "cli.error",
            self.language,
            prog=self.prog,
            message=_argparse_message(message, self.language),
        )
        self.exit(EXIT_USAGE, clean(text) + "\n")


class Groups:
    """A command's arguments and options, under headings in its language."""

    def __init__(self, parser: Parser) -> None:
        language = parser.language
        self.language = language
        self.parser = parser
        self.arguments = parser.add_argument_group(label("cli.arguments", language))
        self.options = parser.add_argument_group(label("cli.options", language))
        self.options.add_argument(
            "-h",
            "--help",
            action="help",
            default=argparse.SUPPRESS,
            help=label("cli.help", language),
        )

    def say(self, key: str, /, **values: object) -> str:
        """A help text, for argparse: its ``%`` signs doubled, as argparse formats help."""
        return label(key, self.language, **values).replace("%", "%%")

    def argument(self, name: str, metavar: str, help_key: str, **kwargs: object) -> None:
        """A positional argument."""
        self.arguments.add_argument(
            name,
            metavar=label(f"cli.metavar.{metavar}", self.language),
            help=self.say(help_key),
            **kwargs,  # type: ignore[arg-type]
        )

    def option(
        self, *names: str, help_text: str, metavar: str | None = None, **kwargs: object
    ) -> None:
        """An option, with its help already said."""
        if metavar is not None:
            kwargs["metavar"] = label(f"cli.metavar.{metavar}", self.language)
        self.options.add_argument(*names, help=help_text.replace("%", "%%"), **kwargs)  # type: ignore[arg-type]


class Commands:
    """The subcommands of ``civsam``, each made with its arguments in one language."""

    def __init__(self, parser: Parser) -> None:
        self.language = parser.language
        self.action = parser.add_subparsers(
            title=label("cli.commands", self.language),
            dest="command",
            required=True,
            metavar=label("cli.metavar.command", self.language),
        )

    def add(self, name: str, handler: Handler) -> Groups:
        """A subcommand, its help from ``cli.<name>``; every one takes ``--lang``."""
        help_text = label(f"cli.{name.replace('-', '_')}", self.language)
        parser = self.action.add_parser(
            name, help=help_text, description=help_text, language=self.language
        )
        parser.set_defaults(handler=handler)
        groups = Groups(parser)
        groups.option(
            "--lang",
            choices=[lang.value for lang in Language],
            default=argparse.SUPPRESS,
            help_text=label("cli.arg.lang", self.language),
        )
        return groups


def typed(function: Callable[..., object], language: Language) -> Callable[[str], object]:
    """An argparse ``type`` whose errors are said in ``language``."""
    return functools.partial(function, language=language)
