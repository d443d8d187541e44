"""Texts of the workshop changes file and `civsam apply`: reading, conflicts, what was recorded."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # Reading a changes file (civsam.workshop.read_changes): what a field must hold.
    "workshop.token": (
        "et token på 16 hexadecimale cifre (0-9, a-f)",
        "a token of 16 hexadecimal digits (0-9, a-f)",
    ),
    "workshop.base": (
        'et token på 16 hexadecimale cifre (0-9, a-f), eller "" for ingen vurdering',
        'a token of 16 hexadecimal digits (0-9, a-f), or "" for no assessment',
    ),
    "workshop.each_partner_once": (
        "hver samarbejdspartner højst én gang",
        "each partner at most once",
    ),
    "workshop.partner_twice": (
        "samarbejdspartneren er flyttet to gange i samme fil",
        "the partner is moved twice in the same file",
    ),
    "workshop.first_at": (
        "hver samarbejdspartner én gang (først ved {path})",
        "each partner once (first at {path})",
    ),
    "workshop.an_object": (
        "et JSON-objekt med format, version, project, board, made, date og changes",
        "a JSON object with format, version, project, board, made, date and changes",
    ),
    "workshop.not_changes": (
        "ikke en ændringsfil fra en workshoptavle",
        "not a changes file from a workshop board",
    ),
    "workshop.no_format": ("ingen format-nøgle", "no format key"),
    "workshop.format": (
        '"format": "civsam-workshop-changes"',
        '"format": "civsam-workshop-changes"',
    ),
    "workshop.newer": (
        "filen er lavet af en nyere civsam; opgradér civsam for at læse den",
        "the file was made by a newer civsam; upgrade civsam to read it",
    ),
    "workshop.version": ("version {version}", "version {version}"),
    "workshop.version_or_older": ("version {version} eller ældre", "version {version} or older"),
    "workshop.version_number": (
        "versionsnummeret {version} (et helt tal)",
        "the version number {version} (a whole number)",
    ),
    # `civsam apply` (civsam.cli._workshop). The command's help must be keyed `cli.apply`:
    # Commands.add looks a command's help up as `cli.<name>`.
    "cli.apply": (
        "registrér en workshoptavles ændringsfil som nye daterede vurderinger",
        "record a workshop board's changes file as new dated assessments",
    ),
    "workshop.metavar.changes": ("ÆNDRINGER", "CHANGES"),
    "workshop.apply.changes": (
        "ændringsfilen, som tavlens »Gem« hentede ned (.json)",
        "the changes file the board's Save downloaded (.json)",
    ),
    "workshop.apply.force": (
        (
            "registrér også ændringer, der er i konflikt med projektet, og en fil lavet til et "
            "projekt med et andet navn (de nyere vurderinger bliver stående i historikken)"
        ),
        (
            "record changes that conflict with the project too, and a file made for a project "
            "of another name (the newer assessments stay in the history)"
        ),
    ),
    "workshop.apply.dry_run": (
        "vis, hvad der ville blive registreret, uden at skrive noget",
        "show what would be recorded, writing nothing",
    ),
    "workshop.other_project": (
        (
            "{changes} er lavet til projektet »{board}«, men {path} er projektet »{name}«; "
            "anvend den på det rigtige projekt, eller brug --force, hvis projektet har skiftet navn"
        ),
        (
            "{changes} was made for the project “{board}”, but {path} is the project “{name}”; "
            "apply it to the right project, or use --force if the project was renamed"
        ),
    ),
    "workshop.other_project_forced": (
        "Bemærk: {changes} er lavet til projektet »{board}«, ikke »{name}« (--force).",
        "Note: {changes} was made for the project “{board}”, not “{name}” (--force).",
    ),
    "workshop.conflicts.one": (
        (
            "{count} konflikt: projektet er ændret, siden tavlen blev lavet den {made}; "
            "intet er registreret i {path}:"
        ),
        (
            "{count} conflict: the project has changed since the board was made on {made}; "
            "nothing was recorded in {path}:"
        ),
    ),
    "workshop.conflicts.other": (
        (
            "{count} konflikter: projektet er ændret, siden tavlen blev lavet den {made}; "
            "intet er registreret i {path}:"
        ),
        (
            "{count} conflicts: the project has changed since the board was made on {made}; "
            "nothing was recorded in {path}:"
        ),
    ),
    "workshop.conflicts_advice": (
        (
            "Se på samarbejdspartnerne igen, eller registrér tavlens placeringer alligevel med "
            "--force (projektets nyere vurderinger bliver stående i historikken)."
        ),
        (
            "Look at the partners again, or record the board's placements anyway with --force "
            "(the project's newer assessments stay in its history)."
        ),
    ),
    "workshop.conflicts_forced.one": (
        "Registreret trods {count} konflikt (--force):",
        "Recorded despite {count} conflict (--force):",
    ),
    "workshop.conflicts_forced.other": (
        "Registreret trods {count} konflikter (--force):",
        "Recorded despite {count} conflicts (--force):",
    ),
    "workshop.conflict": (
        "{name}: på tavlen {was} → {new}; i projektet nu {now}",
        "{name}: on the board {was} → {new}; in the project now {now}",
    ),
    "workshop.scores": (
        "betydning {importance}, lethed {ease}",
        "importance {importance}, ease {ease}",
    ),
    "workshop.not_placed": ("ikke placeret", "not placed"),
    "workshop.no_assessment": ("ingen vurdering", "no assessment"),
    "workshop.assessed_on": ("{scores} (vurderet {date})", "{scores} (assessed {date})"),
    "workshop.undated": ("{scores} (uden dato)", "{scores} (undated)"),
    "workshop.recorded.one": (
        "{count} vurdering dateret {date} er registreret i {path}:",
        "Recorded {count} assessment dated {date} in {path}:",
    ),
    "workshop.recorded.other": (
        "{count} vurderinger dateret {date} er registreret i {path}:",
        "Recorded {count} assessments dated {date} in {path}:",
    ),
    "workshop.would_record.one": (
        "Ville registrere {count} vurdering dateret {date} i {path}:",
        "Would record {count} assessment dated {date} in {path}:",
    ),
    "workshop.would_record.other": (
        "Ville registrere {count} vurderinger dateret {date} i {path}:",
        "Would record {count} assessments dated {date} in {path}:",
    ),
    "workshop.moved": (
        "{name}: betydning {importance}, lethed {ease}",
        "{name}: importance {importance}, ease {ease}",
    ),
    "workshop.moved_earlier": (
        "{moved} (gemt i historikken: vurderingen fra {date} er stadig den seneste)",
        "{moved} (kept in the history: the assessment of {date} stays the latest)",
    ),
    "workshop.not_regular": (
        "{path}: kan ikke læse {kind} som en ændringsfil; forventede en almindelig fil",
        "{path}: cannot read {kind} as a changes file; expected a regular file",
    ),
    "workshop.move": ("{before} → {after}", "{before} → {after}"),
    "workshop.skipped.one": (
        "{count} ændring er allerede registreret og er sprunget over: {names}",
        "{count} change already recorded, skipped: {names}",
    ),
    "workshop.skipped.other": (
        "{count} ændringer er allerede registreret og er sprunget over: {names}",
        "{count} changes already recorded, skipped: {names}",
    ),
    "workshop.nothing_to_record": (
        "Intet at registrere i {path}.",
        "Nothing to record in {path}.",
    ),
    "workshop.changed_meanwhile": (
        (
            "projektfilen blev ændret, mens {path} blev anvendt; intet er registreret. "
            "Kør kommandoen igen"
        ),
        (
            "the project file changed while {path} was being applied; nothing was recorded. "
            "Run the command again"
        ),
    ),
    "workshop.dry_run": (
        "Intet er skrevet (--dry-run).",
        "Nothing was written (--dry-run).",
    ),
}
