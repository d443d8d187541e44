"""Every error type a user can catch is importable from the public API.

A user writes ``except civsam.SomeError``; an error raised by civsam but not exported
forces ``except Exception`` or an import from an implementation module. Every exception
class defined in civsam is exported (``civsam`` or ``civsam.testing``), or listed here as
internal with the reason it never reaches a caller.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import civsam
import civsam.testing

INTERNAL = {
    "civsam.files._converter.FieldError": "becomes a located civsam.ValidationError",
    "civsam.files._levels.LevelError": "becomes a located civsam.ValidationError",
    "civsam._message.UnknownKeyError": "becomes civsam.UnknownLabelError in civsam.label",
    "civsam._message.MissingValueError": "becomes civsam.LabelError in civsam.label",
    "civsam.cli._errors.UsageError": "the command line prints it and exits 2",
    "civsam.testing._checks.MisbehavedError": "becomes a RuleContractError/ExporterContractError",
    "civsam.testing._process.SecondProcessError": "becomes a contract error with its evidence",
}
"""Exception classes that never reach a caller, each with where it ends."""


def _exception_classes() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    modules = [
        civsam,
        *(
            importlib.import_module(info.name)
            for info in pkgutil.walk_packages(civsam.__path__, "civsam.")
            if info.name not in {"civsam.io", "civsam.table", "civsam.__main__"}
        ),
    ]
    for module in modules:
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__.startswith("civsam"):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return found


def test_every_error_a_user_can_catch_is_exported() -> None:
    """Each civsam exception is in civsam.__all__ or civsam.testing.__all__, or internal."""
    exported = [getattr(civsam, name) for name in civsam.__all__] + [
        getattr(civsam.testing, name) for name in civsam.testing.__all__
    ]
    found = _exception_classes()
    missing = sorted(
        name
        for name, cls in found.items()
        if not any(cls is value for value in exported) and name not in INTERNAL
    )
    assert not missing, f"raised but not exported: {missing}"
    assert set(INTERNAL) <= set(found), "an internal exception is gone: drop it from the list"


def test_every_civsam_error_derives_from_civsam_error() -> None:
    """What civsam exports as an error is a CivsamError (the test kit's are AssertionErrors)."""
    for name in civsam.__all__:
        value = getattr(civsam, name)
        if isinstance(value, type) and issubclass(value, BaseException):
            assert issubclass(value, civsam.CivsamError), name
    for name in ("RuleContractError", "ExporterContractError"):
        assert issubclass(getattr(civsam.testing, name), AssertionError)
