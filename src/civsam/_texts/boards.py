"""The SVG and HTML boards: paper sizes, the phone list, print.

Part of civsam's one catalogue (:mod:`civsam.labels`): key -> (Danish, English).
"""

TEXTS: dict[str, tuple[str, str]] = {
    # The board's legend (SVG): what a post-it's place means. The board is a board, not a
    # scatter plot: within a quadrant the post-its sit in rank order.
    "board.order_legend": (
        (
            "Kvadranten følger sedlens point. Inden for kvadranten sidder sedlerne i "
            "rangorden, fra venstre mod højre og oppefra og ned, ikke efter de præcise point."
        ),
        (
            "A post-it's quadrant follows its scores. Within the quadrant, post-its sit in "
            "rank order, left to right and top to bottom, not by their exact scores."
        ),
    ),
    # The HTML report: the board's caption, and the board as a list on a phone.
    "board.caption": (
        (
            "Tavlen: hver vurderet samarbejdspartner er en post-it i sin kvadrant, i "
            "rangorden. Tabellen over samarbejdspartnere nedenfor rummer det samme som tekst."
        ),
        (
            "The board: each assessed partner is a post-it in its quadrant, in rank order. "
            "The partner table below holds the same as text."
        ),
    ),
    "board.list_intro": (
        "Tavlen som liste: hver kvadrant med sine samarbejdspartnere i rangorden.",
        "The board as a list: each quadrant with its partners in rank order.",
    ),
}
