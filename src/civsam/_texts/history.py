"""Texts of assessment history: re-assessing, movement since a date, `civsam changes`."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "model.name_or_nothing": (
        'et navn uden kontroltegn, eller ""',
        'a name without control characters, or ""',
    ),
    "model.one_undated_assessment": (
        (
            "én vurdering uden dato pr. samarbejdspartner{first}; giv de andre en dato, "
            "så bliver de gemt som dens historik"
        ),
        (
            "one undated assessment per partner{first}; give the others a date to keep "
            "them as its history"
        ),
    ),
    "project.undated_reassessment": (
        "en ny vurdering uden dato af en samarbejdspartner, der er vurderet før",
        "a new undated assessment of a partner assessed before",
    ),
    "project.dated_reassessment": (
        "en dato på den nye vurdering (date=…), så de gamle bliver gemt som historik",
        "a date on the new assessment (date=…), so that the old ones are kept as history",
    ),
    # civsam assess
    "cli.assess": (
        (
            "vurdér en samarbejdspartner igen: en ny dateret vurdering, de gamle bliver "
            "gemt som historik"
        ),
        "assess a partner again: a new dated assessment, the old ones kept as history",
    ),
    "history.arg.importance": (
        "betydning for, at samarbejdet lykkes: 1–5 eller høj, middel, lav",
        "importance for the collaboration's success: 1–5 or high, medium, low",
    ),
    "history.arg.ease": (
        "hvor let samarbejdet er: 1–5 eller nemt, middel, svært",
        "how easy the collaboration is: 1–5 or easy, medium, hard",
    ),
    "history.arg.date": (
        "dagen for vurderingen, fx 2026-03-01 (standard: i dag)",
        "the day of the assessment, such as 2026-03-01 (default: today)",
    ),
    "history.arg.note": (
        "hvorfor I vurderer dem sådan nu",
        "why you assess them so now",
    ),
    "history.arg.by": (
        "hvem der vurderede (valgfrit; personoplysning, kommer aldrig med i en eksport)",
        "who assessed (optional; personal data, never in an export)",
    ),
    "history.not_a_level": (
        "forventede et tal fra 1 til 5 eller et af ordene {words}, fandt {text}",
        "expected a number from 1 to 5 or one of the words {words}, found {text}",
    ),
    "history.assess_nothing": (
        "giv --importance, --ease eller begge: det er dem, en ny vurdering sætter",
        "give --importance, --ease or both: they are what a new assessment sets",
    ),
    "history.scores": (
        "betydning {importance}, lethed {ease}",
        "importance {importance}, ease {ease}",
    ),
    "history.assessed": (
        "{name} er vurderet den {date} ({scores}) i {path}.",
        "{name} assessed on {date} ({scores}) in {path}.",
    ),
    "history.moved": (
        "Flyttet: {was} → {now}.",
        "Moved: {was} → {now}.",
    ),
    "history.stayed": (
        "Stadig i feltet »{now}«.",
        "Still in “{now}”.",
    ),
    "history.kept.one": (
        "Det er den første vurdering af dem.",
        "This is their first assessment.",
    ),
    "history.kept.other": (
        "De {count} vurderinger af dem er gemt som historik.",
        "Their {count} assessments are kept as history.",
    ),
    "history.off_board": ("ikke vurderet", "not assessed"),
    # civsam changes
    "cli.changes": (
        "hvem der har flyttet felt på prioriteringstavlen siden en dato",
        "who moved quadrant on the priority board since a date",
    ),
    "history.arg.since": (
        "den dag, I sammenligner med, fx 2026-03-01",
        "the day to compare with, such as 2026-03-01",
    ),
    "history.arg.until": (
        "til og med denne dag (standard: den seneste vurdering af hver)",
        "up to and including this day (default: each partner's latest assessment)",
    ),
    "history.arg.all": (
        "vis også dem, der fik nye point i samme felt",
        "also show those whose scores changed within a quadrant",
    ),
    "history.until_before_since": (
        "--until {until} ligger før --since {since}",
        "--until {until} is before --since {since}",
    ),
    "history.period": ("siden {since}", "since {since}"),
    "history.period_until": ("fra {since} til {until}", "from {since} to {until}"),
    "history.moved_heading.one": (
        "1 samarbejdspartner har flyttet felt {period}:",
        "1 partner moved quadrant {period}:",
    ),
    "history.moved_heading.other": (
        "{count} samarbejdspartnere har flyttet felt {period}:",
        "{count} partners moved quadrant {period}:",
    ),
    "history.none_moved": (
        "Ingen samarbejdspartner har flyttet felt {period}.",
        "No partner moved quadrant {period}.",
    ),
    "history.none_within": (
        "Ingen samarbejdspartner fik nye point i samme felt {period}.",
        "No partner's scores changed within a quadrant {period}.",
    ),
    "history.within_heading.one": (
        "1 samarbejdspartner fik nye point i samme felt {period}:",
        "1 partner's scores changed within its quadrant {period}:",
    ),
    "history.within_heading.other": (
        "{count} samarbejdspartnere fik nye point i samme felt {period}:",
        "{count} partners' scores changed within their quadrant {period}:",
    ),
    "history.within_hint.one": (
        "1 samarbejdspartner fik nye point i samme felt (--all viser hvem).",
        "1 partner's scores changed within its quadrant (--all shows whose).",
    ),
    "history.within_hint.other": (
        "{count} samarbejdspartnere fik nye point i samme felt (--all viser hvem).",
        "{count} partners' scores changed within their quadrant (--all shows whose).",
    ),
    "history.move": (
        "{name}: {was} → {now} ({before} → {after})",
        "{name}: {was} → {now} ({before} → {after})",
    ),
}
