"""The Markdown report's Mermaid chart and its legend; what the reports say about the plan.

Part of civsam's one catalogue (:mod:`civsam.labels`): key -> (Danish, English).
"""

TEXTS: dict[str, tuple[str, str]] = {
    # A quadrant's title in the chart, with how many partners it holds: "Start here (12)".
    "chart.quadrant": ("{quadrant} ({count})", "{quadrant} ({count})"),
    # The line under the chart: its points are placed by rank, not by score.
    "chart.legend": (
        (
            "Diagrammet er en tavle, ikke et punktdiagram: hver prik er en samarbejdspartner med "
            "sit nummer i prioriteringen, og hver kvadrant viser sine i den rækkefølge, fra "
            "venstre mod højre og oppefra og ned. Navnene står i tabellerne herunder."
        ),
        (
            "The chart is a board, not a scatter plot: each dot is a partner, numbered by rank, "
            "and each quadrant shows its partners in rank order, left to right and top to "
            "bottom. The names are in the tables below."
        ),
    ),
    # Partners a quadrant has no room for in the chart.
    "chart.more": ("{count} mere i {quadrant}", "{count} more in {quadrant}"),
    "chart.not_drawn": (
        "Ikke tegnet, da der ikke er plads: {more}.",
        "Not drawn, for lack of room: {more}.",
    ),
    # The reports' plan section (Markdown and HTML): what the plan could not do as asked.
    # A check-in moved or left out, and why: its rule's day was in the closed period, was
    # a holiday or day off, or else the week was full or the time taken by another meeting.
    "plan.because_closed": ("i lukkeperioden", "in the closed period"),
    "plan.because_day_off": ("en helligdag eller fridag", "a holiday or day off"),
    "plan.because_busy": (
        "ugen var fuld, eller tiden var optaget",
        "the week was full or the time taken",
    ),
    "plan.skipped_check_ins": ("Opfølgninger, der ikke holdes", "Check-ins not held"),
    "plan.skipped_check_in": (
        "{name}: {rule} holdes ikke, da ingen tid var ledig i tide",
        "{name}: {rule} is not held, as no time was free soon enough",
    ),
    # Partners the capacity leaves without room, in rank order.
    "plan.crowded_out": (
        (
            "Ingen plads til opfølgninger med {names}: ugernes møder går til "
            "samarbejdspartnere, der står højere i prioriteringen. Hæv kapaciteten, eller "
            "følg op sjældnere ([planning] check_in_weeks)."
        ),
        (
            "No room for check-ins with {names}: the weeks' meetings go to partners ranked "
            "higher. Raise the capacity, or check in less often ([planning] check_in_weeks)."
        ),
    ),
    "plan.unscheduled": (
        "Venter på et første møde, der ikke er plads til før {end}: {names}.",
        "Waiting for a first meeting there is no room for before {end}: {names}.",
    ),
}
