"""Texts every part shares: how a problem is told, plurals of common words, lists."""

TEXTS: dict[str, tuple[str, str]] = {
    # How every problem is told: where, what, what was found and what was expected.
    "error.line": ("linje {line}", "line {line}"),
    "error.found": ("; fundet {found}", "; found {found}"),
    "error.expected": ("; forventet {expected}", "; expected {expected}"),
    "error.problems.one": ("{count} problem", "{count} problem"),
    "error.problems.other": ("{count} problemer", "{count} problems"),
    "error.problems_in.one": ("{count} problem i {source}", "{count} problem in {source}"),
    "error.problems_in.other": ("{count} problemer i {source}", "{count} problems in {source}"),
    "join.or": ("eller", "or"),
    "join.and": ("og", "and"),
    # Mistakes in code that uses the catalogue: a plugin's, or civsam's own.
    "error.unknown_label": ("ukendt tekstnøgle {key!r}", "unknown label key {key!r}"),
    "error.unknown_label_near": (
        "ukendt tekstnøgle {key!r}; mente du {near}?",
        "unknown label key {key!r}; did you mean {near}?",
    ),
    "error.unknown_language": (
        "ukendt sprog {language}; forventede et af {allowed}",
        "unknown language {language}; expected one of {allowed}",
    ),
    "error.label_count": (
        "teksten {key!r} har ental og flertal og skal have et antal (count)",
        "label {key!r} is a plural and needs a whole-number count",
    ),
    "error.label_value": (
        "teksten {key!r} skal have en værdi for {{{name}}}; givet: {given}",
        "label {key!r} needs a value for {{{name}}}; given: {given}",
    ),
}
