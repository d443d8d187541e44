"""Texts of movement on the boards and reports: "was: …", arrows, a partner's history."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # Where a partner came from: on a post-it, in a table, in a tooltip.
    "movement.was": ("før: {quadrant}", "was: {quadrant}"),
    "movement.was_scores": ("før: {scores}", "was: {scores}"),
    "movement.was_scores_short": ("før: {importance} / {ease}", "was: {importance} / {ease}"),
    "movement.was_full": ("før: {quadrant} ({scores})", "was: {quadrant} ({scores})"),
    "movement.new": ("ny siden {since}", "new since {since}"),
    "movement.new_short": ("ny", "new"),
    "movement.left": ("ikke længere på tavlen", "no longer on the board"),
    "movement.scores": (
        "betydning {importance}, lethed {ease}",
        "importance {importance}, ease {ease}",
    ),
    "movement.not_given": ("ikke angivet", "not given"),
    "movement.from_ratings": ("ud fra bedømmelserne", "from the ratings"),
    # The reports' section.
    "movement.title": ("Bevægelser siden {since}", "Movement since {since}"),
    "movement.intro": (
        (
            "Tavlen nu sammenlignet med tavlen, som den så ud den {since}: hver "
            "samarbejdspartner efter sin seneste vurdering på den dag."
        ),
        (
            "The board now compared with the board as it stood on {since}: each partner "
            "by its latest assessment on that day."
        ),
    ),
    "movement.moved_heading.one": (
        "1 samarbejdspartner har flyttet felt",
        "1 partner moved quadrant",
    ),
    "movement.moved_heading.other": (
        "{count} samarbejdspartnere har flyttet felt",
        "{count} partners moved quadrant",
    ),
    "movement.new_heading.one": (
        "1 samarbejdspartner er ny på tavlen",
        "1 partner is new on the board",
    ),
    "movement.new_heading.other": (
        "{count} samarbejdspartnere er nye på tavlen",
        "{count} partners are new on the board",
    ),
    "movement.left_heading.one": (
        "1 samarbejdspartner er ikke længere på tavlen",
        "1 partner is no longer on the board",
    ),
    "movement.left_heading.other": (
        "{count} samarbejdspartnere er ikke længere på tavlen",
        "{count} partners are no longer on the board",
    ),
    "movement.moved_item": (
        "{was} → {now} ({before} → {after})",
        "{was} → {now} ({before} → {after})",
    ),
    "movement.new_item": ("{now} ({after})", "{now} ({after})"),
    "movement.left_item": ("før: {was} ({before})", "was: {was} ({before})"),
    "movement.none": (
        "Ingen samarbejdspartner har flyttet felt siden {since}.",
        "No partner moved quadrant since {since}.",
    ),
    "movement.within.one": (
        (
            "1 samarbejdspartner fik nye point i samme felt; tabellen over "
            "samarbejdspartnere viser, hvad de var før."
        ),
        "1 partner's scores changed within its quadrant; the partner table shows what they were.",
    ),
    "movement.within.other": (
        (
            "{count} samarbejdspartnere fik nye point i samme felt; tabellen over "
            "samarbejdspartnere viser, hvad de var før."
        ),
        (
            "{count} partners' scores changed within their quadrant; the partner table "
            "shows what they were."
        ),
    ),
    # The board (SVG, and the HTML report's drawing).
    "movement.legend": (
        (
            "Bevægelser siden {since}: en pil viser, hvilken vej en post-it er flyttet, "
            "og »før:« hvor den var (et felt, eller betydning / lethed); »ny«: vurderet "
            "første gang siden da."
        ),
        (
            "Movement since {since}: an arrow shows which way a post-it moved, and "
            "“was:” where it was (a quadrant, or importance / ease); “new”: first "
            "assessed since then."
        ),
    ),
    "movement.legend_left.one": (
        "1 samarbejdspartner er ikke længere på tavlen: {names}.",
        "1 partner is no longer on the board: {names}.",
    ),
    "movement.legend_left.other": (
        "{count} samarbejdspartnere er ikke længere på tavlen: {names}.",
        "{count} partners are no longer on the board: {names}.",
    ),
    "movement.desc.one": (
        "1 samarbejdspartner har flyttet felt siden {since}.",
        "1 partner moved quadrant since {since}.",
    ),
    "movement.desc.other": (
        "{count} samarbejdspartnere har flyttet felt siden {since}.",
        "{count} partners moved quadrant since {since}.",
    ),
    # A partner's history, at the end of its explanation.
    "movement.history": ("Historik", "History"),
    "movement.undated": ("fra før datoerne blev gemt", "before dates were kept"),
    "movement.history_line": ("{date}: {scores}", "{date}: {scores}"),
    "movement.history_note": ("{date}: {scores} – {note}", "{date}: {scores} – {note}"),
    # civsam export --since
    "movement.arg.since": (
        (
            "vis bevægelser siden denne dag, fx 2026-11-01: hvem der har flyttet felt, "
            "hvem der er nye, og hvor de var"
        ),
        (
            "show movement since this day, such as 2026-11-01: who moved quadrant, who is "
            "new, and where they were"
        ),
    ),
}
