"""The Markdown report's Mermaid chart and its legend.

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
}
