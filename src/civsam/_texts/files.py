"""Files: loading, saving, locking, limits and exporting to a file, and the plugins.

The English texts are the messages civsam gave before it spoke Danish, character for
character: tests and Python callers match them. An operating system's own words (a
``strerror``) stay as the system gives them in English; ``os.*`` says them in Danish.
"""

TEXTS: dict[str, tuple[str, str]] = {
    # Why the operating system refused (civsam._oserror.os_reason): the English is the
    # system's own strerror, passed in; the Danish says the same for the common errnos.
    "os.enoent": ("filen eller mappen findes ikke", "{strerror}"),
    "os.eacces": ("adgang nægtet", "{strerror}"),
    "os.eperm": ("handlingen er ikke tilladt", "{strerror}"),
    "os.eisdir": ("det er en mappe", "{strerror}"),
    "os.enotdir": ("en del af stien er ikke en mappe", "{strerror}"),
    "os.eexist": ("filen findes allerede", "{strerror}"),
    "os.enospc": ("der er ikke mere plads på disken", "{strerror}"),
    "os.erofs": ("filsystemet er skrivebeskyttet", "{strerror}"),
    "os.enametoolong": ("filnavnet er for langt", "{strerror}"),
    "os.eloop": ("for mange symbolske links i træk", "{strerror}"),
    "os.strerror": ("{strerror}", "{strerror}"),
    # Project files: the format, the encoding, the syntax and the shape (civsam.files.io).
    "files.format_unknown": (
        "{path}: kan ikke se filformatet ud fra {suffix}; forventede en .toml- eller .json-fil",
        "{path}: cannot tell the file format from {suffix}; expected a .toml or .json file",
    ),
    "files.no_suffix": ("'ingen endelse'", "'no suffix'"),
    "files.not_utf8": ("filen er ikke UTF-8-tekst", "the file is not UTF-8 text"),
    "files.byte": ("byte {byte}", "byte {byte}"),
    "files.save_as_utf8": ("UTF-8 (gem filen som UTF-8)", "UTF-8 (save the file as UTF-8)"),
    "files.invalid_toml": ("ikke gyldig TOML: {detail}", "not valid TOML: {detail}"),
    "files.json_trailing_comma": (
        "et komma før {bracket} (slet kommaet)",
        "a comma before {bracket} (delete the comma)",
    ),
    "files.invalid_json": (
        "ikke gyldig JSON: {detail} (kolonne {column})",
        "not valid JSON: {detail} (column {column})",
    ),
    # What a TOML or JSON parser says, in the reader's language (civsam.files._syntax);
    # the English is the parser's own words.
    "syntax.at_end": ("{detail} (ved slutningen af filen)", "{detail} (at end of document)"),
    "syntax.at_column": ("{detail} (kolonne {column})", "{detail} (column {column})"),
    "syntax.toml_equals": (
        "forventede '=' efter en nøgle (nøgle = værdi)",
        "Expected '=' after a key in a key/value pair",
    ),
    "syntax.toml_value": ("forventede en værdi her", "Invalid value"),
    "syntax.unclosed_array": ("en liste, der ikke er lukket med ]", "Unclosed array"),
    "syntax.unclosed_table": (
        "en tabel på én linje, der ikke er lukket med en krøllet parentes",
        "Unclosed inline table",
    ),
    "syntax.toml_unterminated": ("en tekst uden afsluttende anførselstegn", "Unterminated string"),
    "syntax.toml_overwrite": ("den samme nøgle to gange", "Cannot overwrite a value"),
    "syntax.toml_twice": ("den samme tabel {names} to gange", "Cannot declare {names} twice"),
    "syntax.toml_newline": (
        "forventede en ny linje efter værdien",
        "Expected newline or end of document after a statement",
    ),
    "syntax.toml_statement": (
        "en linje, der hverken er nøgle = værdi eller en [tabel]",
        "Invalid statement",
    ),
    "syntax.illegal_character": ("tegnet {char} må ikke stå her", "Illegal character {char}"),
    "syntax.toml_key": (
        "en nøgle kan ikke begynde sådan",
        "Invalid initial character for a key part",
    ),
    "syntax.json_value": ("forventede en værdi her", "Expecting value"),
    "syntax.json_colon": ("forventede ':' efter navnet", "Expecting ':' delimiter"),
    "syntax.json_comma": ("forventede ',' mellem to værdier", "Expecting ',' delimiter"),
    "syntax.json_key": (
        "forventede et navn i dobbelte anførselstegn",
        "Expecting property name enclosed in double quotes",
    ),
    "syntax.json_unterminated": (
        "en tekst uden afsluttende anførselstegn",
        "Unterminated string starting at",
    ),
    "syntax.json_extra": ("mere tekst efter slutningen", "Extra data"),
    "syntax.json_escape": ("en ugyldig \\-kode i en tekst", "Invalid \\escape"),
    "syntax.json_control": ("et kontroltegn i en tekst", "Invalid control character at"),
    "limits.long_number": (
        "ikke gyldig {fmt}: et tal med mere end 4.300 cifre",
        "not valid {fmt}: a number of more than 4,300 digits",
    ),
    "limits.short_number": ("tal med højst 4.300 cifre", "numbers of at most 4,300 digits"),
    "files.wrong_value": ("forkert værdi", "wrong value"),
    "files.unknown_key": ("ukendt nøgle", "unknown key"),
    "files.one_of": ("en af {names}", "one of {names}"),
    "files.project_tables": (
        "en tabel med project, organisations, …",
        "a table of project, organisations, …",
    ),
    "files.table_missing": ("tabellen [{key}] mangler", "the [{key}] table is missing"),
    "files.named_table": ("en [{key}]-tabel", "a [{key}] table"),
    "files.list_of_tables": ("en liste af tabeller ([[{key}]])", "a list of tables ([[{key}]])"),
    "files.a_table": ("en tabel", "a table"),
    "files.unwritable_json": ("kan ikke skrive {type} som JSON", "cannot write {type} to JSON"),
    "files.unwritable_toml": ("kan ikke skrive {type} som TOML", "cannot write {type} to TOML"),
    "files.unknown_format": (
        "ukendt format for projektfiler {fmt!r}; forventede {expected}",
        "unknown project file format {fmt!r}; expected {expected}",
    ),
    "files.cannot_append": (
        (
            "{path}: kan ikke tilføje til denne fil uden at skrive den om (skriver den en "
            "liste som touchpoints på én linje, som `touchpoints = [...]`? skriv hver post "
            "som en [[touchpoints]]-tabel); filen er uændret"
        ),
        (
            "{path}: cannot append to this file without rewriting it (does it write a list "
            "such as touchpoints inline, as `touchpoints = [...]`? write each entry as a "
            "[[touchpoints]] table); the file is unchanged"
        ),
    ),
    "files.cannot_read": (
        "{path}: kan ikke læse filen: {reason}",
        "{path}: cannot read the file: {reason}",
    ),
    "files.cannot_write": (
        "{path}: kan ikke skrive filen: {reason}",
        "{path}: cannot write the file: {reason}",
    ),
    "files.cannot_write_here": (
        "{path}: kan ikke skrive her: {reason}",
        "{path}: cannot write here: {reason}",
    ),
    "files.no_temporary_name": (
        "{path}: kan ikke skrive her: intet ledigt midlertidigt navn",
        "{path}: cannot write here: no free temporary name",
    ),
    # Changing a file under civsam's lock (civsam.files._lock).
    "lock.hard_links": (
        (
            "{path}: filen har {count} navne (hårde links); at gemme erstatter den, så de "
            "andre navne ville beholde det gamle indhold; behold ét navn, eller brug et "
            "symbolsk link (civsam skriver gennem dem)"
        ),
        (
            "{path}: the file has {count} names (hard links); saving replaces it, which "
            "would leave the other names with the old content; keep one name, or use a "
            "symbolic link (civsam writes through those)"
        ),
    ),
    "lock.could_not_save": (
        "{path}: kunne ikke gemme ({reason}); filen er uændret",
        "{path}: could not save ({reason}); the file is unchanged",
    ),
    "lock.spent": (
        "{path}: allerede erstattet under denne lås; tag låsen igen for at ændre den igen",
        "{path}: already replaced under this lock; take the lock again to change it again",
    ),
    "lock.not_regular": (
        "{path}: ikke en almindelig fil ({kind}); civsam skriver kun almindelige filer",
        "{path}: not a regular file ({kind}); civsam writes only regular files",
    ),
    "lock.read_only": (
        (
            "{path}: filen er skrivebeskyttet (tilstand {mode}); gør den skrivbar "
            "(chmod u+w), så civsam kan ændre den"
        ),
        (
            "{path}: the file is read-only (mode {mode}); make it writable (chmod u+w) "
            "to let civsam change it"
        ),
    ),
    "lock.cannot_lock": (
        (
            "{path}: kan ikke låse filen ({reason}); civsam ændrer kun en fil under en "
            "lås, og dette filsystem giver ingen"
        ),
        (
            "{path}: cannot lock the file ({reason}); civsam changes a file only under a "
            "lock, and this file system gives none"
        ),
    ),
    "lock.timeout.one": (
        (
            "{path}: en anden civsam-proces skriver i denne fil (ventede {seconds} sekund "
            "på den); prøv igen"
        ),
        (
            "{path}: another civsam process is writing this file (waited {seconds} second "
            "for it); try again"
        ),
    ),
    "lock.timeout.other": (
        (
            "{path}: en anden civsam-proces skriver i denne fil (ventede {seconds} sekunder "
            "på den); prøv igen"
        ),
        (
            "{path}: another civsam process is writing this file (waited {seconds} seconds "
            "for it); try again"
        ),
    ),
    # Bounded input (civsam.files._limits): sizes, depths, counts, and the values of Limits.
    "limits.at_least_one": (
        "{name}: forventede et helt tal, 1 eller mere, men fandt {value}",
        "{name}: expected a whole number, 1 or more, found {value}",
    ),
    "limits.depth": (
        (
            "{name}: forventede et helt tal fra {low} til {high} (en projektfil har 5 "
            "niveauer), men fandt {value}"
        ),
        (
            "{name}: expected a whole number from {low} to {high} (a project file nests "
            "5 deep), found {value}"
        ),
    ),
    "limits.not_plannable": (
        "ikke en dato, civsam kan planlægge med",
        "not a date civsam can plan with",
    ),
    "limits.plannable": (
        "en dato fra {first} til {last}, fx 2026-03-01",
        "a date from {first} to {last}, such as 2026-03-01",
    ),
    "limits.kind.folder": ("en mappe", "a folder"),
    "limits.kind.pipe": ("en navngiven pipe", "a named pipe"),
    "limits.kind.device": ("en enhed", "a device"),
    "limits.kind.socket": ("en socket", "a socket"),
    "limits.kind.other": ("ikke en almindelig fil", "not a regular file"),
    "limits.not_regular": (
        "{path}: kan ikke læse {kind} som en projektfil; forventede en almindelig fil",
        "{path}: cannot read {kind} as a project file; expected a regular file",
    ),
    "limits.too_large": ("filen er for stor", "the file is too large"),
    "limits.bytes.one": ("{number} byte", "{number} byte"),
    "limits.bytes.other": ("{number} bytes", "{number} bytes"),
    "limits.characters.one": ("{number} tegn", "{number} character"),
    "limits.characters.other": ("{number} tegn", "{number} characters"),
    "limits.parts.one": ("{number} del", "{number} part"),
    "limits.parts.other": ("{number} dele", "{number} parts"),
    "limits.levels.one": ("{number} niveau", "{number} level"),
    "limits.levels.other": ("{number} niveauer", "{number} levels"),
    "limits.more_than": ("mere end {amount}", "more than {amount}"),
    "limits.at_most": ("højst {amount} ({setting})", "at most {amount} ({setting})"),
    "limits.too_many_tables": ("for mange tabeller og lister", "too many tables and lists"),
    "limits.too_many_parts": (
        "en nøgle med punktummer eller et tabelnavn med for mange dele",
        "a dotted key or table name with too many parts",
    ),
    "limits.too_deep": (
        "lister og tabeller inde i hinanden i for mange niveauer",
        "lists and tables nested too deeply",
    ),
    "limits.too_deep_for_stack": (
        (
            "lister og tabeller inde i hinanden i for mange niveauer til pladsen, der er "
            "tilbage på stakken"
        ),
        "lists and tables nested too deeply for the space left on the stack",
    ),
    "limits.fewer_levels": (
        "færre niveauer, eller et kald fra et mindre dybt sted i programmet",
        "fewer levels, or a call from less deep in the program",
    ),
    "limits.lone_surrogate": (
        "tekst med halvdelen af et UTF-16-surrogatpar, som ingen fil eller skærm kan vise",
        "text with half of a UTF-16 surrogate pair, which no file or screen can show",
    ),
    "limits.surrogate_alone": ("{escape} alene", "{escape} alone"),
    "limits.whole_characters": (
        "tekst af hele tegn (\\ud83d\\ude00 er ét, i et par)",
        "text of whole characters (\\ud83d\\ude00 is one, in a pair)",
    ),
    "limits.too_many_items": ("for mange elementer", "too many items"),
    "limits.key_twice": ("en nøgle givet to gange i én tabel", "a key given twice in one table"),
    "limits.key_again": ("{key} igen", "{key} again"),
    "limits.a_key_again": ("en nøgle igen", "a key again"),
    "limits.each_key_once": (
        "hver nøgle én gang (JSON ville kun beholde den sidste værdi)",
        "each key once (JSON would keep only the last value)",
    ),
    # The project's graph, which callers share (civsam._graph).
    "project_graph.read_only": (
        "projektets graf kan kun læses; ændr projektet, eller arbejd på graph.copy()",
        "the project's graph is read-only; change the project, or work on graph.copy()",
    ),
    # Exporting to a file or a stream (civsam.exporting).
    "export.unknown_format": (
        "ukendt format {name!r}; de formater, der findes, er: {known}",
        "unknown format {name!r}; the formats there are: {known}",
    ),
    "export.unknown_format_failed.one": (
        "{unknown}; et plugin kunne ikke bruges og kan være det, der giver formatet: {failures}",
        "{unknown}; a plugin could not be used and may be the one that provides it: {failures}",
    ),
    "export.unknown_format_failed.other": (
        "{unknown}; {count} plugins kunne ikke bruges, og et af dem kan give formatet: {failures}",
        "{unknown}; {count} plugins could not be used, and one may provide it: {failures}",
    ),
    "export.closed_stream": (
        "den lukkede den strøm, den skrev til (en eksportør skal lade den være åben)",
        "it closed the stream it wrote to (an exporter must leave it open)",
    ),
    "export.wrote_nothing": (
        "den skrev ingenting, selv om rapporten har placerede partnere",
        "it wrote nothing, though the report has placed partners",
    ),
    "export.no_formats": (
        "ingen (intet eksport-plugin er indlæst)",
        "none (no exporter plugin is loaded)",
    ),
    "export.cannot_write_there": (
        "{path}: kan ikke skrive eksporten dér: {reason}",
        "{path}: cannot write the export there: {reason}",
    ),
    "export.is_folder": (
        "{path} er en mappe; angiv en fil, som eksporten skal skrives til",
        "{path} is a folder; name a file to write the export to",
    ),
    "export.overwrite": (
        (
            "{path} findes og {why}, så civsam lader den være; vælg en anden fil, eller "
            "brug --force (force=True i Python) for at erstatte den"
        ),
        (
            "{path} exists and {why}, so civsam leaves it as it is; choose another file, "
            "or use --force (force=True in Python) to replace it"
        ),
    ),
    "export.not_earlier": (
        "den er ikke en tidligere {name!r}-eksport",
        "it is not an earlier {name!r} export",
    ),
    "export.too_large": ("den er større end {size} MiB", "it is larger than {size} MiB"),
    "export.unreadable": (
        "civsam kan ikke læse den for at se, hvad den er",
        "civsam cannot read it to see what it is",
    ),
    "export.recognise_failed": (
        (
            "eksportøren {name!r} (plugin {plugin}, {origin}) fejlede, da den så på en "
            "eksisterende fil: {error}"
        ),
        (
            "the {name!r} exporter (plugin {plugin}, {origin}) failed to look at an "
            "existing file: {error}"
        ),
    ),
    "export.could_not_write": (
        "{path}: kunne ikke skrive eksporten: {reason}",
        "{path}: could not write the export: {reason}",
    ),
    "export.ready_report": (
        (
            "export() fik en færdig Report og {given}: en rapport laves med sine "
            "indstillinger; giv dem til make_report() i stedet"
        ),
        (
            "export() was given a ready Report and {given}: a report is made with its "
            "options; pass them to make_report() instead"
        ),
    ),
    "export.failed": (
        "eksportøren {name!r} (plugin {plugin}, {origin}) fejlede: {error}",
        "the {name!r} exporter (plugin {plugin}, {origin}) failed: {error}",
    ),
    # Plugins: where one comes from, and why one could not be used (civsam.plugins).
    "plugins.built_in": ("indbygget", "built in"),
    "plugins.warning": ("civsam-plugin {failure}", "civsam plugin {failure}"),
    "plugins.name_taken": ("navnet er taget af {origin}", "the name is taken by {origin}"),
    "plugins.load_failed": ("kunne ikke indlæses: {error}", "failed to load: {error}"),
    "plugins.register_failed": ("kunne ikke registreres: {error}", "failed to register: {error}"),
    "plugins.no_hook": (
        (
            "giver ingen civsam-hook; mærk dens hook-funktioner med @civsam.hookimpl, og "
            "giv dem navn efter en hook (civsam_rules, civsam_exporters)"
        ),
        (
            "provides no civsam hook; mark its hook functions with @civsam.hookimpl and "
            "name them after a hook (civsam_rules, civsam_exporters)"
        ),
    ),
    "plugins.unknown_hook": (
        "har en hook-funktion, civsam ikke kender: {error}",
        "has a hook function civsam does not know: {error}",
    ),
    "plugins.hook_raised": ("{hook}() gav fejlen {error}", "{hook}() raised {error}"),
    "plugins.rule": ("regel", "rule"),
    "plugins.exporter": ("eksportør", "exporter"),
    "plugins.invalid": ("gav en ugyldig {what}: {problem}", "gave an invalid {what}: {problem}"),
    "plugins.claimed": (
        "navnet {name!r} ({what}) kræves af {claimants}; {outcome}",
        "the {what} name {name!r} is claimed by {claimants}; {outcome}",
    ),
    "plugins.claimant": ("{origin} (plugin {plugin})", "{origin} (plugin {plugin})"),
    "plugins.built_in_kept": ("den indbyggede beholdes", "the built-in one is kept"),
    "plugins.none_used": ("ingen af dem bruges", "none of them is used"),
    "plugins.not_a_rule": (
        "{type} har ikke 'name' og 'place(candidate)'",
        "{type} has no 'name' and 'place(candidate)'",
    ),
    "plugins.not_an_exporter": (
        "{type} mangler name, suffix, media_type eller export(report, out)",
        "{type} lacks name, suffix, media_type or export(report, out)",
    ),
}
"""Every key of this part -> (Danish, English)."""
