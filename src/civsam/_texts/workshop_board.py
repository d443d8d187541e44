"""Texts of the workshop board: the HTML page the group drags post-its on.

Part of civsam's one catalogue (:mod:`civsam.labels`): key -> (Danish, English). The
board's script says most of them, with their ``{name}`` placeholders filled in the
browser; the exporter hands it each text with its placeholders unfilled.
"""

TEXTS: dict[str, tuple[str, str]] = {
    "workshop.board.title": ("Workshoptavle: {project}", "Workshop board: {project}"),
    "workshop.board.intro": (
        (
            "Flyt post-its'ene sammen, så tavlen viser, hvad gruppen mener i dag. Tavlen bruger "
            "ikke internettet og gemmer ingenting i projektfilen: \u201dGem ændringer\u201d henter "
            "en lille ændringsfil, som I bagefter indlæser med \u201dcivsam apply\u201d."
        ),
        (
            "Move the post-its together until the board shows what the group thinks today. "
            "The board uses no internet and changes nothing in the project file: "
            "\u201cSave changes\u201d downloads a small changes file, which you then record "
            "with \u201ccivsam apply\u201d."
        ),
    ),
    "workshop.board.made": (
        "Tavlen er lavet {date} ud fra projektets seneste vurderinger.",
        "The board was made on {date} from the project's latest assessments.",
    ),
    "workshop.board.thresholds": (
        (
            "En betydning på {importance} eller mere tæller som høj, en lethed på {ease} eller "
            "mere som let."
        ),
        "An importance of {importance} or more counts as high, an ease of {ease} or more as easy.",
    ),
    "workshop.board.keys": (
        (
            "Træk en post-it med musen eller fingeren hen på et andet felt. Med tastaturet: gå "
            "til en post-it med Tab, og flyt den ét point ad gangen med piletasterne: højre og "
            "venstre ændrer letheden, op og ned betydningen. Enter viser den i panelet."
        ),
        (
            "Drag a post-it with the mouse or a finger onto another cell. With the keyboard: "
            "Tab to a post-it and move it one point at a time with the arrow keys: right and "
            "left change the ease, up and down the importance. Enter shows it in the panel."
        ),
    ),
    "workshop.board.noscript": (
        (
            "Tavlen skal bruge JavaScript for at vise post-its'ene. Slå JavaScript til, eller "
            "brug HTML-rapporten (civsam export -f html)."
        ),
        (
            "The board needs JavaScript to show the post-its. Turn JavaScript on, or use the "
            "HTML report (civsam export -f html)."
        ),
    ),
    "workshop.board.board": ("Tavlen", "The board"),
    "workshop.board.skip": (
        "Spring tavlen over: gå til dato, flytninger og Gem",
        "Skip the board: go to the date, the moves and Save",
    ),
    "workshop.board.cell": (
        "Betydning {importance}, lethed {ease}: {quadrant}",
        "Importance {importance}, ease {ease}: {quadrant}",
    ),
    "workshop.board.tray": ("Ikke placeret endnu", "Not placed yet"),
    "workshop.board.tray_note": (
        (
            "Samarbejdspartnere uden vurdering. Træk dem op på tavlen, eller tryk på en piletast "
            "for at sætte dem midt på."
        ),
        (
            "Partners without an assessment. Drag them onto the board, or press an arrow key to "
            "put them in the middle."
        ),
    ),
    "workshop.board.list": ("Listen", "The list"),
    "workshop.board.position": (
        "betydning {importance}, lethed {ease}",
        "importance {importance}, ease {ease}",
    ),
    "workshop.board.unplaced": ("ikke placeret", "not placed"),
    "workshop.board.postit": ("{name}: {position} – {quadrant}", "{name}: {position} – {quadrant}"),
    "workshop.board.postit_unplaced": (
        "{name}: ikke placeret endnu",
        "{name}: not placed yet",
    ),
    "workshop.board.was": ("før: {quadrant}", "was: {quadrant}"),
    "workshop.board.edge": (
        "{name} kan ikke flyttes længere den vej.",
        "{name} cannot move further that way.",
    ),
    "workshop.board.no_unplacing": (
        "{name} har en vurdering og kan ikke tages af tavlen igen.",
        "{name} has an assessment and cannot be taken off the board.",
    ),
    "workshop.board.panel": ("Workshoppen", "The workshop"),
    "workshop.board.selected": ("Valgt samarbejdspartner", "Selected partner"),
    "workshop.board.none_selected": (
        "Vælg en post-it for at se den her.",
        "Choose a post-it to see it here.",
    ),
    "workshop.board.rater": ("Hvem flytter? (valgfrit)", "Who is moving? (optional)"),
    "workshop.board.note": ("Note til flytningen (valgfrit)", "Note on the move (optional)"),
    "workshop.board.date": ("Workshoppens dato", "The workshop's date"),
    "workshop.board.moves": ("Flytninger", "Moves"),
    "workshop.board.no_moves": ("Ingen flytninger endnu.", "No moves yet."),
    "workshop.board.move": ("{name}: {before} → {after}", "{name}: {before} → {after}"),
    "workshop.board.by": ("({rater})", "({rater})"),
    "workshop.board.undo": ("Fortryd", "Undo"),
    "workshop.board.undo_label": (
        "Fortryd flytningen af {name}",
        "Undo the move of {name}",
    ),
    "workshop.board.undone": (
        "Fortrudt: {name} er tilbage på {position}.",
        "Undone: {name} is back at {position}.",
    ),
    "workshop.board.save": ("Gem ændringer", "Save changes"),
    "workshop.board.saved.one": (
        "Gemt: {file} med {count} ændring.",
        "Saved: {file} with {count} change.",
    ),
    "workshop.board.saved.other": (
        "Gemt: {file} med {count} ændringer.",
        "Saved: {file} with {count} changes.",
    ),
    "workshop.board.nothing": (
        "Intet at gemme: ingen post-it er flyttet.",
        "Nothing to save: no post-it has moved.",
    ),
    "workshop.board.no_date": (
        "Vælg workshoppens dato, før I gemmer.",
        "Choose the workshop's date before you save.",
    ),
    "workshop.board.restored.one": (
        "{count} flytning, der ikke var gemt, er hentet frem igen.",
        "{count} move that was not saved has been brought back.",
    ),
    "workshop.board.restored.other": (
        "{count} flytninger, der ikke var gemt, er hentet frem igen.",
        "{count} moves that were not saved have been brought back.",
    ),
}
