"""Loading plugins: entry points read one by one, each failure caught and named.

pluggy's ``load_setuptools_entrypoints`` stops at the first plugin that fails and can
leave it half-registered, so civsam reads the ``civsam`` entry-point group itself,
registers each plugin on its own, and keeps a report: what loaded, from which
distribution and version, and what failed and why. ``CIVSAM_LOAD_PLUGINS`` (a comma
list of plugin or distribution names; empty for none) limits what loads, and
``CIVSAM_BLOCK_PLUGINS`` blocks plugins by name.
"""

from __future__ import annotations

import importlib
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from types import MappingProxyType
from typing import Any

import attrs
import pluggy

from civsam import hookspecs
from civsam._message import Choices, Sayable, Text
from civsam.contracts import Exporter, exporter_problems, rule_problems
from civsam.errors import Message, raised, said
from civsam.hookspecs import PROJECT_NAME
from civsam.rules import Rule

__all__ = [
    "BUILTIN_PLUGINS",
    "ENTRY_POINT_GROUP",
    "PluginFailure",
    "PluginInfo",
    "Plugins",
    "Registered",
    "load_plugins",
    "plugins",
    "reset_plugins",
]

ENTRY_POINT_GROUP = PROJECT_NAME
BUILTIN_PLUGINS: tuple[str, ...] = ("civsam._builtin",)
"""Core plugin modules (the matrix rule), registered before any entry point; they are
not entry points, so ``CIVSAM_LOAD_PLUGINS`` and ``CIVSAM_BLOCK_PLUGINS`` don't touch them."""

_LOG = logging.getLogger("civsam.plugins")


@attrs.frozen(slots=True)
class PluginInfo:
    """A loaded plugin: its name and where it comes from."""

    name: str
    distribution: str | None = None
    version: str | None = None

    @property
    def origin(self) -> str:
        """``distribution version``, or "built in"."""
        return str(self.origin_text)

    @property
    def origin_text(self) -> Message:
        """:attr:`origin` to be said in the reader's language: "built in" is "indbygget"."""
        if self.distribution is None:
            return Text("plugins.built_in")
        return f"{self.distribution} {self.version}" if self.version else self.distribution


@attrs.frozen(slots=True)
class PluginFailure:
    """A plugin, or something it provided, that could not be used, and why.

    ``error`` is the reason in English; ``reason``, where civsam wrote it, is the same
    reason as a catalogue text, which :meth:`text` says in the reader's language.
    """

    name: str
    error: str
    distribution: str | None = None
    version: str | None = None
    reason: Message | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def say(self, language: str) -> str:
        """The failure, ``name (distribution version): reason``, in ``language``."""
        origin = f" ({self.distribution} {self.version or ''})".replace(" )", ")")
        reason = said(self.error if self.reason is None else self.reason, language)
        return f"{self.name}{origin if self.distribution else ''}: {reason}"

    def text(self, language: str = "en") -> str:
        """The failure in ``language`` (``"da"`` or ``"en"``), as ``civsam plugins`` lists it."""
        return self.say(language)

    def __str__(self) -> str:
        return self.say("en")


@attrs.frozen(slots=True)
class Registered:
    """Something a plugin provided (a rule, an exporter) and the plugin it came from."""

    name: str
    item: Any
    plugin: PluginInfo


def _normal(name: str) -> str:
    """A name as PEP 503 compares distributions: ``Civsam_JSONL`` is ``civsam-jsonl``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _names(variable: str) -> frozenset[str] | None:
    value = os.environ.get(variable)
    if value is None:
        return None
    return frozenset(_normal(name.strip()) for name in value.split(",") if name.strip())


def _matches(info: PluginInfo, names: frozenset[str]) -> bool:
    """Whether a plugin is named, by its entry-point name or its distribution's."""
    return bool({_normal(info.name), _normal(info.distribution or "")} & names)


def _own_first(entry_point: metadata.EntryPoint) -> tuple[bool, str, str]:
    dist = entry_point.dist
    own = dist is not None and _normal(dist.metadata["Name"]) == "civsam"
    return (not own, entry_point.name, entry_point.value)


def _is_builtin(info: PluginInfo) -> bool:
    """Whether a plugin is civsam's own: a core module, or an entry point of civsam itself."""
    return info.name in BUILTIN_PLUGINS or info.distribution == "civsam"


class Plugins:
    """The plugin manager, what it loaded, what failed, and what the plugins provide."""

    def __init__(self, *, entry_points: Iterable[metadata.EntryPoint] | None = None) -> None:
        self.manager = pluggy.PluginManager(PROJECT_NAME)
        self.manager.add_hookspecs(hookspecs)
        self._info: dict[str, PluginInfo] = {}
        self._failures: list[PluginFailure] = []
        for module_name in BUILTIN_PLUGINS:
            self._register(importlib.import_module(module_name), PluginInfo(module_name))
        wanted = _names("CIVSAM_LOAD_PLUGINS")
        blocked = _names("CIVSAM_BLOCK_PLUGINS") or frozenset()
        found = (
            metadata.entry_points(group=ENTRY_POINT_GROUP) if entry_points is None else entry_points
        )
        # civsam's own entry points first: no plugin can take their names by sorting earlier.
        for entry_point in sorted(found, key=_own_first):
            self._load(entry_point, wanted, blocked)
        self._check_pending()
        self._rules: Mapping[str, Registered] | None = None
        self._exporters: Mapping[str, Registered] | None = None

    # -- loading ------------------------------------------------------------------------

    def _load(
        self,
        entry_point: metadata.EntryPoint,
        wanted: frozenset[str] | None,
        blocked: frozenset[str],
    ) -> None:
        dist = entry_point.dist
        info = PluginInfo(
            entry_point.name,
            dist.metadata["Name"] if dist is not None else None,
            dist.version if dist is not None else None,
        )
        if wanted is not None and not _matches(info, wanted):
            return
        if _matches(info, blocked):
            self.manager.set_blocked(info.name)
            return
        if info.name in self._info:
            self._fail(info, Text("plugins.name_taken", origin=self._info[info.name].origin_text))
            return
        try:
            plugin = entry_point.load()
        except Exception as error:  # noqa: BLE001 - any import error is the plugin's, reported
            self._fail(info, Text("plugins.load_failed", error=raised(error)))
            return
        self._register(plugin, info)

    def _register(self, plugin: object, info: PluginInfo) -> None:
        try:
            self.manager.register(plugin, name=info.name)
        except Exception as error:  # noqa: BLE001 - pluggy's validation errors, reported
            self._fail(info, Text("plugins.register_failed", error=str(error)))
            self._unregister(info.name)
            return
        if not self.manager.get_hookcallers(plugin):
            self._unregister(info.name)
            self._fail(info, Text("plugins.no_hook"))
            return
        self._info[info.name] = info

    def _unregister(self, name: str) -> None:
        if self.manager.get_plugin(name) is not None:
            self.manager.unregister(name=name)

    def _check_pending(self) -> None:
        """Hook functions whose name is no civsam hook: a typo, reported, not ignored."""
        try:
            self.manager.check_pending()
        except pluggy.PluginValidationError as error:
            name = self.manager.get_name(error.plugin) or repr(error.plugin)
            info = self._info.pop(name, PluginInfo(name))
            self._unregister(name)
            self._fail(info, Text("plugins.unknown_hook", error=str(error)))
            self._check_pending()

    def _fail(self, info: PluginInfo, reason: Message) -> None:
        failure = PluginFailure(
            info.name, str(reason), info.distribution, info.version, reason=reason
        )
        self._failures.append(failure)
        # A text, not a format string: a handler can say it in the reader's language
        # (record.msg.say(language)); getMessage() gives the English.
        _LOG.warning(Text("plugins.warning", failure=failure))

    # -- what the plugins provide -------------------------------------------------------

    @property
    def loaded(self) -> tuple[PluginInfo, ...]:
        """The plugins that loaded, built-ins first."""
        return tuple(self._info.values())

    @property
    def failures(self) -> tuple[PluginFailure, ...]:
        """Plugins, and things they provided, that could not be used."""
        return tuple(self._failures)

    def rules(self) -> Mapping[str, Registered]:
        """Every usable rule by name."""
        if self._rules is None:
            self._rules = self._collect(
                self.manager.hook.civsam_rules, Text("plugins.rule"), _check_rule
            )
        return self._rules

    def exporters(self) -> Mapping[str, Registered]:
        """Every usable exporter by format name."""
        if self._exporters is None:
            self._exporters = self._collect(
                self.manager.hook.civsam_exporters, Text("plugins.exporter"), _check_exporter
            )
        return self._exporters

    def _collect(
        self,
        hook: pluggy.HookCaller,
        what: Text,
        check: Callable[[object], Sayable | None],
    ) -> Mapping[str, Registered]:
        """Call a hook plugin by plugin, validate each item, refuse duplicate names."""
        claims: dict[str, list[Registered]] = {}
        for implementation in hook.get_hookimpls():
            info = self._info.get(
                implementation.plugin_name, PluginInfo(implementation.plugin_name)
            )
            try:
                provided: Any = implementation.function()
                items = list(provided or ())
            except Exception as error:  # noqa: BLE001 - a plugin's bug, reported by name
                self._fail(info, Text("plugins.hook_raised", hook=hook.name, error=raised(error)))
                continue
            for item in items:
                try:
                    problem = check(item)
                except Exception as error:  # noqa: BLE001 - a raising property, on Python 3.11
                    problem = raised(error)
                if problem is not None:
                    self._fail(info, Text("plugins.invalid", what=what, problem=problem))
                    continue
                name = item.name
                claims.setdefault(name, []).append(Registered(name, item, info))
        result: dict[str, Registered] = {}
        for name, entries in sorted(claims.items()):
            builtin = [e for e in entries if _is_builtin(e.plugin)]
            if len(entries) == 1 or len(builtin) == 1:
                result[name] = builtin[0] if builtin else entries[0]
            others = [e for e in entries if e is not result.get(name)]
            if len(entries) > 1:
                claimants = Choices(
                    (
                        Text("plugins.claimant", origin=e.plugin.origin_text, plugin=e.plugin.name)
                        for e in entries
                    ),
                    "and",
                )
                outcome = Text("plugins.built_in_kept" if builtin else "plugins.none_used")
                for entry in others:
                    self._fail(
                        entry.plugin,
                        Text(
                            "plugins.claimed",
                            what=what,
                            name=name,
                            claimants=claimants,
                            outcome=outcome,
                        ),
                    )
        return MappingProxyType(result)


def _check_rule(item: object) -> Sayable | None:
    if not isinstance(item, Rule):
        return Text("plugins.not_a_rule", type=type(item).__name__)
    return _first(rule_problems(item))


def _check_exporter(item: object) -> Sayable | None:
    if not isinstance(item, Exporter):
        return Text("plugins.not_an_exporter", type=type(item).__name__)
    return _first(exporter_problems(item))


def _first(problems: tuple[Text, ...]) -> Sayable | None:
    """The problems as one text, ``; `` between them, or ``None`` when there are none."""
    return Joined(problems) if problems else None


@attrs.frozen
class Joined:
    """Texts said one after another, ``; `` between them: each one is a whole clause."""

    texts: tuple[Sayable, ...]

    def say(self, language: str) -> str:
        """The texts in ``language``."""
        return "; ".join(text.say(language) for text in self.texts)

    def __str__(self) -> str:
        return self.say("en")


_lock = threading.Lock()
_plugins: Plugins | None = None


def plugins() -> Plugins:
    """The plugins, loaded on first use and then kept (entry points are read once)."""
    global _plugins  # noqa: PLW0603 - a process-wide, lazily built registry
    with _lock:
        if _plugins is None:
            _plugins = Plugins()
        return _plugins


def load_plugins(entry_points: Iterable[metadata.EntryPoint] | None = None) -> Plugins:
    """Load the plugins again (e.g. after changing ``CIVSAM_LOAD_PLUGINS``)."""
    global _plugins  # noqa: PLW0603
    with _lock:
        _plugins = Plugins(entry_points=entry_points)
        return _plugins


def reset_plugins() -> None:
    """Forget the loaded plugins; the next use loads them again."""
    global _plugins  # noqa: PLW0603
    with _lock:
        _plugins = None
