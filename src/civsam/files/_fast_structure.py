"""The fast path of structuring: cattrs' non-detailed function first, the detailed one on failure.

The reference is cattrs' detailed structuring (:func:`civsam.files._converter.make_converter`
with ``fast=False``): each field is read in a try block of its own, so that every problem
of a table is reported at once, located. A national register holds half a million
tables and almost never a problem, so a table is first read by the function cattrs
generates with ``detailed_validation=False``, from the very same field hooks and the
class's own ``__init__``: a valid table gives the same value either way. On any failure
the table is read again by the detailed function, which raises the errors civsam
reports; the quick reading's only effect, the keys it counted, is undone first.

Set ``CIVSAM_REFERENCE=1`` before civsam is imported to structure with the reference
alone (and build the project's graph with networkx's public calls alone, see
:mod:`civsam._fast_graph`); ``make_converter(fast=…)`` chooses per converter.
``tests/test_fast_paths.py`` holds the two to the same answers, and ``docs/scale.md``
("Fast paths") says what this buys.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from cattrs.gen import make_dict_structure_fn

from civsam.lifecycle import ItemReview, OutreachEntry, ReadinessAnswer, Review, Touchpoint
from civsam.model import Assessment, Contact, Organisation, Rating, Relation

if TYPE_CHECKING:
    from collections.abc import Callable

    import cattrs

    from civsam.files._converter import Budget

__all__ = ["MANY", "REFERENCE", "quick_first"]

REFERENCE = os.environ.get("CIVSAM_REFERENCE") == "1"
"""Whether the reference alone runs: ``CIVSAM_REFERENCE=1``, read once, at import."""

MANY: tuple[type[Any], ...] = (
    Contact,
    Rating,
    ItemReview,
    Organisation,
    Relation,
    Assessment,
    ReadinessAnswer,
    OutreachEntry,
    Touchpoint,
    Review,
)
"""The classes a file holds many of: each is read quickly first."""


def quick_first(
    cls: type[Any],
    conv: cattrs.Converter,
    overrides: dict[str, Any],
    detailed: Callable[[Any, Any], Any],
    current_budget: Callable[[], Budget],
) -> Callable[[Any, Any], Any]:
    """Structure ``cls`` with cattrs' non-detailed function, ``detailed`` if that fails.

    ``overrides`` are the field hooks ``detailed`` was made with, so that both read
    each value alike; ``detailed`` counts the table's keys in the budget, and so does
    this, for a table the quick function reads.
    """
    quick = make_dict_structure_fn(cls, conv, _cattrs_detailed_validation=False, **overrides)

    def structure(data: Any, _: Any = None) -> Any:
        counted = current_budget()
        keys = counted.keys
        try:
            value = quick(data, cls)
        except Exception:  # noqa: BLE001 - any failure: the detailed function says what it is
            # Tables inside this one may have been counted: the detailed function counts
            # them again.
            counted.keys = keys
            return detailed(data, cls)
        counted.keys += len(data)
        return value

    return structure
