"""A TOML or JSON syntax error in the reader's language; in English, as the parser said it."""

from __future__ import annotations

import json
import tomllib

import pytest

import civsam
from civsam import ValidationError
from civsam.errors import said

BROKEN_TOML = {
    "a": "forventede '=' efter en nøgle (nøgle = værdi) (ved slutningen af filen)",
    "a = ": "forventede en værdi her (ved slutningen af filen)",
    "a = [1": "en liste, der ikke er lukket med ] (ved slutningen af filen)",
    "a = {b = 1": (
        "en tabel på én linje, der ikke er lukket med en krøllet parentes (ved slutningen af filen)"
    ),
    'a = "x': "en tekst uden afsluttende anførselstegn (ved slutningen af filen)",
    "a = 1\na = 2": "den samme nøgle to gange (ved slutningen af filen)",
    "[t]\n[t]": "den samme tabel ('t',) to gange (kolonne 3)",
    "a = 1 b": "forventede en ny linje efter værdien (kolonne 7)",
    "= 1": "en linje, der hverken er nøgle = værdi eller en [tabel] (kolonne 1)",
    'a = "\x01"': "tegnet '\\x01' må ikke stå her (kolonne 6)",
}
BROKEN_JSON = {
    "x": "forventede en værdi her",
    '{"a" 1}': "forventede ':' efter navnet",
    '{"a": 1 "b": 2}': "forventede ',' mellem to værdier",
    "{a: 1}": "forventede et navn i dobbelte anførselstegn",
    '"abc': "en tekst uden afsluttende anførselstegn",
    '{"a": 1} x': "mere tekst efter slutningen",
    '"\\q"': "en ugyldig \\-kode i en tekst",
    '"\x01"': "et kontroltegn i en tekst",
}


def _parser_said(text: str, fmt: str) -> str:
    """What the parser itself says, the reference for the English."""
    try:
        if fmt == "toml":
            tomllib.loads(text)
        else:
            json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        return error.msg if isinstance(error, json.JSONDecodeError) else str(error)
    raise AssertionError(text)  # pragma: no cover - every case is broken


@pytest.mark.parametrize(("text", "danish"), BROKEN_TOML.items(), ids=list(BROKEN_TOML))
def test_toml_syntax_errors_are_said_in_danish(text: str, danish: str) -> None:
    """Danish from the catalogue; the English is the parser's own message, word for word."""
    with pytest.raises(ValidationError) as info:
        civsam.loads(text, "toml")
    (problem,) = info.value.problems
    assert said(problem.message, "da") == f"ikke gyldig TOML: {danish}"
    english = str(problem.message)
    parser = _parser_said(text, "toml")
    assert english.startswith("not valid TOML: ")
    assert english.removeprefix("not valid TOML: ").split(" (")[0] == parser.split(" (")[0]


@pytest.mark.parametrize(("text", "danish"), BROKEN_JSON.items(), ids=list(BROKEN_JSON))
def test_json_syntax_errors_are_said_in_danish(text: str, danish: str) -> None:
    """The same for JSON: the column stays, in either language."""
    with pytest.raises(ValidationError) as info:
        civsam.loads(text, "json")
    (problem,) = info.value.problems
    assert said(problem.message, "da").startswith(f"ikke gyldig JSON: {danish} (kolonne ")
    assert str(problem.message).startswith(f"not valid JSON: {_parser_said(text, 'json')} (column ")


def test_a_message_civsam_does_not_know_is_shown_as_the_parser_wrote_it() -> None:
    """Whatever a future parser says is still shown, not lost."""
    from civsam.files._syntax import syntax_detail  # noqa: PLC0415 - the unit under test

    assert syntax_detail("Something new (at line 3)") == "Something new (at line 3)"


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_a_number_too_long_for_python_is_a_clear_error_not_a_traceback(fmt: str) -> None:
    """Python refuses integers of over 4,300 digits with a bare ValueError: say what it is."""
    digits = "1" * 5000
    text = (
        f'[project]\nname = "x"\nowner = {digits}\n'
        if fmt == "toml"
        else f'{{"project": {{"name": "x", "owner": {digits}}}}}'
    )
    with pytest.raises(ValidationError) as info:
        civsam.loads(text, fmt, source=f"p.{fmt}")  # type: ignore[arg-type]
    (problem,) = info.value.problems
    assert str(problem) == (
        f"p.{fmt}: not valid {fmt.upper()}: a number of more than 4,300 digits; "
        "expected numbers of at most 4,300 digits"
    )
    assert problem.text("da").startswith(f"p.{fmt}: ikke gyldig {fmt.upper()}: et tal med mere")
