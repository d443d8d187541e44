"""Partner tables, rules and scores, prioritisation, planning and the network.

Part of civsam's one catalogue (:mod:`civsam.labels`): key -> (Danish, English). The
English texts are the ones civsam has always raised, word for word; a Danish user meets
the table's texts first, with a spreadsheet of their own, so they speak of rows, columns
and cells.
"""

TEXTS: dict[str, tuple[str, str]] = {
    # Where a problem in a partner table is. A CSV file counts lines (a cell may hold a
    # line break), an XLSX workbook counts the worksheet's rows.
    "table.at_line": ("{file}, linje {line}", "{file}:{line}"),
    "table.at_row": ("{file}, række {line}", "{file}:{line}"),
    "table.at_line_column": (
        "{file}, linje {line}, kolonnen »{column}«",
        "{file}:{line}: {column}",
    ),
    "table.at_row_column": (
        "{file}, række {line}, kolonnen »{column}«",
        "{file}:{line}: {column}",
    ),
    # Reading the file.
    "table.allow_missing": ("allow_missing: {problem}", "allow_missing: {problem}"),
    "table.bad_suffix": (
        (
            "{source}: kan ikke læse en {suffix}-fil som tabel over samarbejdspartnere; "
            "forventede .csv (Excel: 'CSV UTF-8' eller 'CSV (semikolonsepareret)') eller .xlsx"
        ),
        (
            "{source}: cannot read a {suffix} file as a partner table; "
            "expected .csv (Excel: 'CSV UTF-8' or 'CSV (semikolonsepareret)') or .xlsx"
        ),
    ),
    "table.bad_csv": ("ikke en gyldig CSV-tabel: {error}", "not a valid CSV table: {error}"),
    "table.csv_expected": (
        "celler adskilt af ';' eller ',' og anførselstegn (\") i par",
        "cells separated by ';' or ',' with matched double quotes",
    ),
    "table.needs_openpyxl": (
        (
            "{source}: for at læse .xlsx-filer skal openpyxl være installeret; "
            "installer det med: pip install 'civsam[xlsx]'"
        ),
        (
            "{source}: reading .xlsx files needs openpyxl; "
            "install it with: pip install 'civsam[xlsx]'"
        ),
    ),
    "table.bad_xlsx": (
        "ikke en .xlsx-projektmappe, der kan læses ({error})",
        "not a readable .xlsx workbook ({error})",
    ),
    "table.no_sheet": (
        "{source}: intet regneark med navnet {sheet!r}; projektmappen har {sheets}",
        "{source}: no worksheet named {sheet!r}; the workbook has {sheets}",
    ),
    # Columns a table may leave out (allow_missing, --allow-missing).
    "table.partner_needed": (
        (
            "kolonnen med samarbejdspartnere ({shown}) kan ikke udelades: "
            "hver række er en samarbejdspartner"
        ),
        "the partner column ({shown}) cannot be left out: each row is a partner",
    ),
    "table.may_lack": (
        "forventede en af {columns} eller kolonnens overskrift på dansk eller engelsk",
        "expected one of {columns}, or its heading in Danish or English",
    ),
    "table.not_optional": (
        "{shown} er ikke en kolonne, som en tabel må mangle; {expected}",
        "{shown} is not a column a table may lack; {expected}",
    ),
    "table.no_column": ("ingen kolonne {shown}; {expected}", "no column {shown}; {expected}"),
    "table.no_column_near": (
        "ingen kolonne {shown}; mente du {near}?; {expected}",
        "no column {shown}; did you mean {near}?; {expected}",
    ),
    # The header row.
    "table.no_header": ("ingen overskriftsrække fundet", "no header row found"),
    "table.empty": ("en tom tabel", "an empty table"),
    "table.no_known_heading": (
        "ingen kendt overskrift i de første {rows} rækker (første række: {cells})",
        "no known heading in the first {rows} rows (the first row: {cells})",
    ),
    "table.header_expected": (
        "en overskriftsrække med vejledningens kolonner: {columns}",
        "a header row with the guide's columns: {columns}",
    ),
    "table.headings": ("overskrifterne {cells}", "the headings {cells}"),
    "table.more_cells": ("… ({count} til)", "… ({count} more)"),
    "table.masked_email": ("<e-mail>", "<e-mail>"),
    "table.masked_phone": ("<telefon>", "<phone>"),
    "table.missing_column": (
        "kolonnen {heading} ({field}) mangler",
        "missing column {heading} ({field})",
    ),
    "table.missing_column_near": (
        "kolonnen {heading} ({field}) mangler; mente du {near}?",
        "missing column {heading} ({field}); did you mean {near}?",
    ),
    "table.unknown_heading": (
        "ukendt overskrift; mente du {near} ({field})?",
        "unknown heading; did you mean {near} ({field})?",
    ),
    "table.heading_expected": (
        (
            "{headings} for den kolonne, eller en overskrift, der ikke ligner en kendt, "
            "for en ekstra kolonne (den gemmes i noterne)"
        ),
        (
            "{headings} for that column, or a heading not close to a known one for an "
            "extra column (kept in the notes)"
        ),
    ),
    "table.partner_column_expected": (
        (
            "en kolonne med overskriften {headings}: hver række er en samarbejdspartner, "
            "så den kan ikke udelades"
        ),
        "a column headed {headings}: each row is a partner, so it cannot be left out",
    ),
    "table.column_expected": (
        (
            "en kolonne med overskriften {headings}, eller --allow-missing {field}, "
            "hvis tabellen udelader den med vilje"
        ),
        (
            "a column headed {headings}, or --allow-missing {field} if the table leaves "
            "it out on purpose"
        ),
    ),
    # The rows.
    "table.beyond_last_column": (
        "en celle til højre for den sidste kolonne",
        "a cell to the right of the last column",
    ),
    "table.cells.one": ("{count} celle", "{count} cell"),
    "table.cells.other": ("{count} celler", "{count} cells"),
    "table.at_most_cells.one": (
        "højst {count} celle, som i overskriftsrækken",
        "at most {count} cell, as in the header",
    ),
    "table.at_most_cells.other": (
        "højst {count} celler, som i overskriftsrækken",
        "at most {count} cells, as in the header",
    ),
    "table.not_a_level": ("ikke et niveau", "not a level"),
    "table.no_partner": ("en række uden samarbejdspartner", "a row without a partner"),
    "table.empty_cell": ("en tom celle", "an empty cell"),
    "table.partner_name": ("organisationens navn", "the name of the organisation"),
    "table.bad_id": ("ikke et brugbart id", "not a usable id"),
    "table.duplicate_id": ("organisations-id'et er brugt før", "duplicate organisation id"),
    "table.unused_id": (
        "et id, der ikke er brugt i en række ovenfor",
        "an id not used in an earlier row",
    ),
    "table.control_character": (
        "et kontroltegn i cellen",
        "a control character in the cell",
    ),
    "table.invisible_character": ("et usynligt kontroltegn", "an invisible control character"),
    "table.plain_text": (
        "almindelig tekst (skriv cellen igen, eller indsæt den som ren tekst)",
        "plain text (retype the cell, or paste it as text only)",
    ),
    "table.unknown_kind": ("ukendt type organisation", "unknown kind of organisation"),
    "table.kind_expected": (
        "en af {kinds} (eller {values})",
        "one of {kinds} (or {values})",
    ),
    # Rules: the rule's name, then what is wrong with it.
    "rule.error": ("reglen {rule!r}: {message}", "rule {rule!r}: {message}"),
    "rule.error_for": (
        "reglen {rule!r} for samarbejdspartneren {partner!r}: {message}",
        "rule {rule!r} for partner {partner!r}: {message}",
    ),
    "rule.is_class": (
        "er en klasse; giv et regelobjekt, f.eks. {name}()",
        "is a class; pass a rule object, e.g. {name}()",
    ),
    "rule.not_a_rule": (
        "ikke en regel: den skal have et 'name' og en metode 'place(candidate)'",
        "not a rule: it needs a 'name' and a 'place(candidate)' method",
    ),
    "rule.named_in_project": (
        (
            "projektet vælger denne regel, som et plugin giver; brug civsam.prioritise(project),"
            " der slår navne op, eller giv reglen fra civsam.rules()"
        ),
        (
            "the project chooses this rule, which a plugin provides; use civsam.prioritise"
            "(project), which looks names up, or pass the rule from civsam.rules()"
        ),
    ),
    "rule.unknown": (
        "ingen regel har dette navn; de regler, der findes, er: {known}",
        "no rule has this name; the rules there are: {known}",
    ),
    "rule.raised": ("fejlede med {kind}: {error}", "raised {kind}: {error}"),
    "rule.returned": (
        "gav {kind}; forventede en civsam.Decision eller en civsam.Quadrant",
        "returned {kind}; expected a civsam.Decision or a civsam.Quadrant",
    ),
    "rule.reason_type": (
        "gav en begrundelse af typen {kind}; forventede en tekst eller en civsam.Reason",
        "gave a reason of type {kind}; expected a text or a civsam.Reason",
    ),
    "rule.reason_unshown": (
        "gav en begrundelse, der ikke kan vises: {error}",
        "gave a reason that cannot be shown: {error}",
    ),
    "rule.name_unreadable": (
        "dens navn kan ikke læses: {error}",
        "its name cannot be read: {error}",
    ),
    "rule.name_empty": (
        "en regels navn skal være en tekst, der ikke er tom",
        "a rule's name must be a non-empty text",
    ),
    "rule.needs_matrix": (
        "følsomheden kan kun beregnes med matrix-reglen",
        "sensitivity needs the matrix rule",
    ),
    "rule.bad_quadrant": (
        "Decision.quadrant: forventede en af {allowed}, fandt {found}",
        "Decision.quadrant: expected one of {allowed}, found {found}",
    ),
    "rule.bad_priority": (
        "Decision.priority: forventede et endeligt tal, fandt {found}",
        "Decision.priority: expected a finite number, found {found}",
    ),
    # Introductions and brokers.
    "network.unknown_organisation": ("ukendt organisation", "unknown organisation"),
    "network.organisation_id": (
        "id'et på en af projektets organisationer",
        "the id of one of the project's organisations",
    ),
    "network.owner_itself": (
        "ejeren skal ikke introduceres for sig selv",
        "the owner needs no introduction to itself",
    ),
    "network.not_owner": (
        "en anden organisation end ejeren",
        "another organisation than the owner",
    ),
    "network.too_few": ("for lavt antal", "too few asked for"),
    "network.or_more": ("{least} eller flere", "{least} or more"),
    # Reports.
    "report.bad_source_date_epoch": (
        "SOURCE_DATE_EPOCH skal være et helt antal sekunder, men er {value!r}",
        "SOURCE_DATE_EPOCH must be a whole number of seconds, found {value!r}",
    ),
}
