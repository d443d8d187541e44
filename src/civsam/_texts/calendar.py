"""The calendar export: cancelled events and moved check-ins.

Part of civsam's one catalogue (:mod:`civsam.labels`): key -> (Danish, English).
"""

TEXTS: dict[str, tuple[str, str]] = {
    # The description of an event that an earlier export had and the plan no longer has.
    "calendar.cancelled": (
        "Aflyst: aftalen er ikke længere med i planen.",
        "Cancelled: this event is no longer in the plan.",
    ),
    # The first line of a check-in that could not take its own time and moved.
    "calendar.moved": (
        "Flyttet fra {when}, hvor der ikke var plads (helligdag, lukket periode eller fuld uge).",
        "Moved from {when}, when there was no room (a holiday, a closed period or a full week).",
    ),
}
