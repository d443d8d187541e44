"""The command line: messages, counts, usage errors and every --help text."""

TEXTS: dict[str, tuple[str, str]] = {
    # What the whole command is, and argparse's own words.
    "cli.description": (
        (
            "Find, vurdér, prioritér og ræk ud: samarbejde mellem kommuner og civilsamfund, "
            "efter vejledningen."
        ),
        (
            "Find, assess, prioritise and reach out: collaboration between municipalities and "
            "civil society, after the guide."
        ),
    ),
    "cli.usage": ("brug: ", "usage: "),
    "cli.arguments": ("argumenter", "positional arguments"),
    "cli.options": ("tilvalg", "options"),
    "cli.commands": ("kommandoer", "commands"),
    "cli.help": ("vis denne hjælp og afslut", "show this help message and exit"),
    "cli.version": ("vis versionen og afslut", "show the version and exit"),
    "cli.error": ("{prog}: fejl: {message}", "{prog}: error: {message}"),
    # argparse's errors, said again in the user's language (see civsam.cli._parser.Parser).
    "cli.parse.required": (
        "disse argumenter mangler: {names}",
        "the following arguments are required: {names}",
    ),
    "cli.parse.unrecognised": (
        "ukendte argumenter: {names}",
        "unrecognized arguments: {names}",
    ),
    "cli.parse.argument": ("{name}: {message}", "argument {name}: {message}"),
    "cli.parse.choice": (
        "ugyldigt valg: {value} (vælg mellem {choices})",
        "invalid choice: {value} (choose from {choices})",
    ),
    "cli.parse.value": (
        "ugyldig værdi: {value}",
        "invalid value: {value}",
    ),
    "cli.parse.one": ("forventede én værdi", "expected one argument"),
    "cli.parse.at_most_one": ("forventede højst én værdi", "expected at most one argument"),
    "cli.parse.at_least_one": ("forventede mindst én værdi", "expected at least one argument"),
    "cli.parse.ambiguous": (
        "tvetydigt tilvalg: {option} kan være {matches}",
        "ambiguous option: {option} could match {matches}",
    ),
    "cli.parse.not_allowed": (
        "kan ikke bruges sammen med {name}",
        "not allowed with argument {name}",
    ),
    "cli.parse.explicit": ("overflødig værdi {value}", "ignored explicit argument {value}"),
    # Arguments many commands share.
    "cli.arg.project": ("en projektfil (.toml eller .json)", "a project file (.toml or .json)"),
    "cli.arg.lang": (
        "sproget for svar og uddata: da eller en (standard: projektets, ellers LANG)",
        "the language of messages and output: da or en (default: the project's, else LANG)",
    ),
    "cli.arg.force": ("erstat en fil, der findes", "replace an existing file"),
    "cli.arg.partner": (
        "samarbejdspartneren: dens id, eller dens navn, hvis ingen anden organisation har det",
        "the partner: its id, or its name if no other organisation has it",
    ),
    "cli.arg.today": (
        "datoen, relationer måles op imod (standard: i dag)",
        "the date relations are measured against (default: today)",
    ),
    "cli.arg.start": (
        "den første dag, der planlægges fra (standard: projektets [planning] start, ellers i dag)",
        "the first day to plan from (default: the project's [planning] start, or today)",
    ),
    "cli.arg.capacity": (
        "højst N møder om ugen, opfølgninger og første møder tilsammen (standard: projektets, 4)",
        (
            "at most N meetings a week, check-ins and first meetings together (default: the "
            "project's, 4)"
        ),
    ),
    "cli.arg.date_example": ("{what}, fx 2026-03-01", "{what}, such as 2026-03-01"),
    "cli.arg.rule": (
        "reglen, der bruges (standard: projektets)",
        "the rule to use (default: the project's)",
    ),
    "cli.metavar.path": ("STI", "PATH"),
    "cli.metavar.partner": ("PARTNER", "PARTNER"),
    "cli.metavar.date": ("DATO", "DATE"),
    "cli.metavar.text": ("TEKST", "TEXT"),
    "cli.metavar.name": ("NAVN", "NAME"),
    "cli.metavar.format": ("FORMAT", "FORMAT"),
    "cli.metavar.command": ("KOMMANDO", "COMMAND"),
    "cli.metavar.kind": ("TYPE", "KIND"),
    "cli.metavar.step": ("TRIN", "STEP"),
    "cli.metavar.verdict": ("PUNKT=STATUS[:NOTE]", "ITEM=STATUS[:NOTE]"),
    "cli.metavar.table": ("TABEL", "TABLE"),
    "cli.metavar.sheet": ("ARK", "SHEET"),
    "cli.metavar.column": ("KOLONNE", "COLUMN"),
    "cli.metavar.out": ("UD", "OUT"),
    "cli.metavar.outdir": ("MAPPE", "OUTDIR"),
    "cli.metavar.n": ("N", "N"),
    "cli.metavar.paper": ("PAPIR", "PAPER"),
    # The commands, each with its arguments.
    "cli.init": (
        "skriv en ny projektfil (eller det medfølgende eksempel)",
        "write a new project file (or the bundled example)",
    ),
    "cli.init.path": (
        "filen, der skrives (.toml eller .json)",
        "the file to write (.toml or .json)",
    ),
    "cli.init.example": ("skriv det medfølgende eksempel", "write the bundled example"),
    "cli.check": (
        "kontrollér en projektfil, og vis alle problemer",
        "validate a project file; print every problem",
    ),
    "cli.import_table": (
        "lav en partnertabel (CSV eller XLSX) om til en projektfil",
        "turn a partner table (CSV or XLSX) into a project file",
    ),
    "cli.import_table.table": (
        "partnertabellen (.csv eller .xlsx)",
        "the partner table (.csv or .xlsx)",
    ),
    "cli.import_table.output": (
        "projektfilen, der skrives (.toml eller .json)",
        "the project file to write (.toml or .json)",
    ),
    "cli.import_table.owner": (
        "navnet på jeres organisation, hvis plan det er",
        "the name of your organisation, whose plan it is",
    ),
    "cli.import_table.name": (
        "projektets navn (standard: filens navn)",
        "the project's name (default: file name)",
    ),
    "cli.import_table.sheet": ("regnearket i en XLSX-fil", "the worksheet of an XLSX file"),
    "cli.import_table.allow_missing": (
        (
            "en kolonne fra vejledningen, som tabellen med vilje udelader, ved nøgle eller "
            "overskrift (importance, Betydning, …); gentag for flere"
        ),
        (
            "a guide column the table leaves out on purpose, by key or heading "
            "(importance, Betydning, …); repeat for several"
        ),
    ),
    "cli.matrix": (
        "tegn prioriteringsmatricen i terminalen",
        "draw the priority matrix in the terminal",
    ),
    "cli.matrix.importance_threshold": (
        "betydning på N eller derover er høj (1–5)",
        "importance at or above N is high (1–5)",
    ),
    "cli.matrix.ease_threshold": (
        "lethed på N eller derover er nem (1–5)",
        "ease at or above N is easy (1–5)",
    ),
    "cli.matrix.sensitivity": (
        "vis også, hvem der ville flytte sig, hvis en grænse flyttede sig ét trin",
        "also show who would move if a threshold moved by one step",
    ),
    "cli.matrix.top": (
        "antal samarbejdspartnere, der vises pr. kvadrant (standard 8)",
        "partners shown per quadrant (default 8)",
    ),
    "cli.export": (
        "eksportér et projekt (CSV, Markdown, kalender, HTML, …)",
        "export a project (CSV, Markdown, calendar, HTML, …)",
    ),
    "cli.export.format": (
        (
            "formatet (se `civsam plugins`), fx csv eller markdown; uden -f vælges det ud fra "
            "endelsen på UD"
        ),
        (
            "the format (see `civsam plugins`), e.g. csv or markdown; without -f, OUT's suffix "
            "picks it"
        ),
    ),
    "cli.export.output": (
        (
            "filen, der skrives; - eller ingen for standard-output; en enhed eller et rør skrives "
            "som en strøm"
        ),
        "the file to write; - or none for standard output, a device or pipe is written as a stream",
    ),
    "cli.export.force": (
        "erstat UD, også når den ikke er en tidligere eksport i dette format",
        "replace OUT even when it is not an earlier export of this format",
    ),
    "cli.export.paper": (
        (
            "papiret en tavle til udskrift (SVG, HTML) lægges ud til, på tværs: a3, a4 eller "
            "letter (standard: a3)"
        ),
        (
            "the paper a printable board (SVG, HTML) is laid out for, landscape: a3, a4 or "
            "letter (default: a3)"
        ),
    ),
    "cli.export.include_contacts": (
        "tag kontaktpersoners navne, e-mails og telefonnumre med",
        "include contact persons' names, e-mails and phones",
    ),
    "cli.demo": (
        "skriv det medfølgende eksempel og alle eksporter af det",
        "write the bundled example and every export of it",
    ),
    "cli.demo.outdir": ("mappen, der skrives til", "the folder to write to"),
    "cli.demo.force": ("erstat filer, der er anderledes", "replace files that differ"),
    "cli.readiness": (
        "ejerens parathed: vejledningens tre punkter for dens side",
        "the owner's readiness: the guide's three points for its side",
    ),
    "cli.plan": (
        "planen: første møder, faste opfølgninger og evalueringer",
        "the schedule: first meetings, regular check-ins and evaluations",
    ),
    "cli.log": (
        "notér en kontakt med en samarbejdspartner",
        "record a contact with a partner (a touchpoint)",
    ),
    "cli.log.date": ("dagen for kontakten", "the day of the contact"),
    "cli.log.kind": ("hvordan I var i kontakt: {choices}", "how you were in touch: {choices}"),
    "cli.log.note": ("hvad der blev sagt eller aftalt", "what was said or agreed"),
    "cli.due": (
        "samarbejdspartnere, hvis kontakt er forfalden, de mest forfaldne først",
        "the partners whose contact is due or overdue, most overdue first",
    ),
    "cli.due.today": (
        "dagen, der tælles fra (standard: i dag)",
        "the day to count from (default: today)",
    ),
    "cli.step": (
        "notér, at en samarbejdspartner er nået et trin i at række ud",
        "record that a partner reached an outreach step",
    ),
    "cli.step.step": ("trinnet, der er nået: {choices}", "the step reached: {choices}"),
    "cli.step.date": ("dagen, trinnet blev nået", "the day the step was reached"),
    "cli.step.note": ("en note om trinnet", "a note on the step"),
    "cli.review": (
        "notér en evaluering af et samarbejde efter vejledningens tjekliste",
        "record a review of a partnership against the guide's checklist",
    ),
    "cli.review.items": (
        (
            "et punkt på tjeklisten og dets status ({statuses}), fx "
            "snak_sammen_ofte=gul:'Kun ét møde'; punkterne: {items}"
        ),
        (
            "a checklist item and its status ({statuses}), such as "
            "talk_often=amber:'Only one meeting'; the items: {items}"
        ),
    ),
    "cli.review.date": ("dagen for evalueringen", "the day of the review"),
    "cli.review.note": ("en note om hele evalueringen", "a note on the whole review"),
    "cli.checklist": (
        "et samarbejdes tjekliste: status, udvikling og næste dagsorden",
        "one partnership's checklist: status, trend and the next agenda",
    ),
    "cli.introductions": (
        "hvem der kan introducere jer for en samarbejdspartner, og hvem I kan søge med",
        "who can introduce you to a partner, and whom to apply with",
    ),
    "cli.introductions.limit": (
        "højst N måder at blive introduceret på (standard 5)",
        "at most N ways to be introduced (default 5)",
    ),
    "cli.plugins": (
        "vis installerede regler, eksportformater og plugins, der ikke kunne indlæses",
        "list the installed rules, exporters and failed plugins",
    ),
    # What the commands say.
    "cli.count.organisations.one": ("{count} organisation", "{count} organisation"),
    "cli.count.organisations.other": ("{count} organisationer", "{count} organisations"),
    "cli.count.relations.one": ("{count} relation", "{count} relation"),
    "cli.count.relations.other": ("{count} relationer", "{count} relations"),
    "cli.count.assessments.one": ("{count} vurdering", "{count} assessment"),
    "cli.count.assessments.other": ("{count} vurderinger", "{count} assessments"),
    "cli.count.bytes.one": ("{number} byte", "{number} byte"),
    "cli.count.bytes.other": ("{number} bytes", "{number} bytes"),
    "cli.summary": (
        "{name!r}: {organisations}, {relations}, {assessments}",
        "{name!r}: {organisations}, {relations}, {assessments}",
    ),
    "cli.valid": ("{path}: gyldigt projekt {summary}", "{path}: valid project {summary}"),
    "cli.wrote_project": ("Skrev {path}: projekt {summary}", "Wrote {path}: project {summary}"),
    "cli.wrote_example": (
        "Skrev det medfølgende eksempel til {path}",
        "Wrote the bundled example to {path}",
    ),
    "cli.wrote_template": (
        "Skrev en ny projektskabelon til {path}",
        "Wrote a new project template to {path}",
    ),
    "cli.wrote_file": ("Skrev {path} ({size})", "Wrote {path} ({size})"),
    "cli.wrote_export": ("Skrev {path} ({format}, {size})", "Wrote {path} ({format}, {size})"),
    "cli.format_from_suffix": (
        "formatet {format} er valgt ud fra endelsen {suffix}",
        "format {format} chosen from the suffix {suffix}",
    ),
    "cli.personal_data": (
        "persondata i denne eksport: {fields}",
        "personal data in this export: {fields}",
    ),
    "cli.personal_data_none": ("ingen fundet", "none found"),
    "cli.personal_data_unasked": (
        (
            "advarsel: eksporten indeholder persondata uden --include-contacts; de står i "
            "projektets egne tekster (noter, navne), eller eksportøren viser dem uden lov"
        ),
        (
            "warning: the export holds personal data without --include-contacts; it is in "
            "the project's own text (notes, names), or the exporter shows it unasked"
        ),
    ),
    "cli.personal_data_unread.one": (
        "1 del af eksporten kunne ikke læses helt (for stor, for dybt pakket eller ulæselig)",
        (
            "1 part of the export could not be read in full (too large, nested too deep "
            "or unreadable)"
        ),
    ),
    "cli.personal_data_unread.other": (
        (
            "{count} dele af eksporten kunne ikke læses helt (for store, for dybt pakket "
            "eller ulæselige)"
        ),
        (
            "{count} parts of the export could not be read in full (too large, nested too "
            "deep or unreadable)"
        ),
    ),
    "cli.personal.names.one": ("1 navn", "1 name"),
    "cli.personal.names.other": ("{count} navne", "{count} names"),
    "cli.personal.emails.one": ("1 e-mailadresse", "1 e-mail address"),
    "cli.personal.emails.other": ("{count} e-mailadresser", "{count} e-mail addresses"),
    "cli.personal.phones.one": ("1 telefonnummer", "1 phone number"),
    "cli.personal.phones.other": ("{count} telefonnumre", "{count} phone numbers"),
    "cli.personal.roles.one": ("1 rolle", "1 role"),
    "cli.personal.roles.other": ("{count} roller", "{count} roles"),
    "cli.personal.raters.one": ("1 bedømmers navn", "1 rater's name"),
    "cli.personal.raters.other": ("{count} bedømmeres navne", "{count} raters' names"),
    "cli.personal.answerers.one": (
        "1 navn på en, der svarede på parathed",
        "1 name of a readiness answerer",
    ),
    "cli.personal.answerers.other": (
        "{count} navne på dem, der svarede på parathed",
        "{count} names of readiness answerers",
    ),
    "cli.personal.other.one": ("1 anden personoplysning", "1 other personal value"),
    "cli.personal.other.other": (
        "{count} andre personoplysninger",
        "{count} other personal values",
    ),
    "cli.demo_contacts": (
        (
            "Kontaktpersoner er udeladt af alle eksporter; tilføj --include-contacts til "
            "`civsam export` for at tage dem med."
        ),
        (
            "Contact persons are left out of every export; add --include-contacts to "
            "`civsam export` to include them."
        ),
    ),
    "cli.arg.plugins_strict": (
        "afslut med kode 1, hvis et plugin ikke kunne indlæses eller bruges (til CI)",
        "exit with status 1 when any plugin failed to load or could not be used (for CI)",
    ),
    "cli.plugins.exporters": ("Eksportformater:", "Exporters:"),
    "cli.plugins.rules": ("Regler:", "Rules:"),
    "cli.plugins.none": ("ingen", "none"),
    "cli.plugins.entry": ("{origin} (plugin {plugin})", "{origin} (plugin {plugin})"),
    "cli.plugins.failed": ("Plugins, der ikke kunne indlæses:", "Plugins that failed:"),
    "cli.plugins.failed_none": (
        "Plugins, der ikke kunne indlæses: ingen",
        "Plugins that failed: none",
    ),
    # What the commands refuse.
    "cli.exists": (
        "{path} findes allerede; brug --force for at erstatte den",
        "{path} exists already; use --force to replace it",
    ),
    "cli.export_over_project": (
        (
            "{path} er den projektfil, som denne eksport læser; at eksportere oven i den ville "
            "erstatte projektet. Vælg en anden fil med -o (eller brug --force)"
        ),
        (
            "{path} is the project file this export reads; exporting over it would replace the "
            "project. Choose another file with -o (or use --force)"
        ),
    ),
    "cli.no_format": (
        "angiv et format med -f, eller en fil med en kendt endelse med -o; formater: {formats}",
        "give a format with -f, or a file with a known suffix with -o; formats: {formats}",
    ),
    "cli.unknown_suffix": (
        (
            "endelsen {suffix!r} på {path} siger ikke, hvilket format der menes; angiv det med "
            "-f; formater: {formats}"
        ),
        (
            "the suffix {suffix!r} of {path} does not say which format to write; give it with "
            "-f; formats: {formats}"
        ),
    ),
    "cli.format_with_suffix": ("{name} ({suffix})", "{name} ({suffix})"),
    "cli.demo_differs": (
        (
            "findes allerede og er anderledes end det, demo skriver: {paths}; brug --force for at "
            "erstatte"
        ),
        "already there, and different from what demo writes: {paths}; use --force to replace",
    ),
    "cli.demo_not_folder": (
        "{path} er en fil, ikke en mappe; angiv en mappe til demoen",
        "{path} is a file, not a folder; name a folder for the demo",
    ),
    "cli.demo_no_folder": (
        "{path}: kan ikke lave mappen: {reason}",
        "{path}: cannot make the folder: {reason}",
    ),
    "cli.thresholds_need_matrix": (
        "--importance-threshold og --ease-threshold hører til reglen matrix, ikke {rule!r}",
        "--importance-threshold and --ease-threshold go with the matrix rule, not {rule!r}",
    ),
    "cli.threshold_range": (
        "reglen 'matrix': en grænse skal være et tal fra 1 til 5 ({reason})",
        "rule 'matrix': a threshold must be a number from 1 to 5 ({reason})",
    ),
    "cli.sensitivity_needs_matrix": (
        "--sensitivity kræver reglen matrix, ikke {rule!r}",
        "--sensitivity needs the matrix rule, not {rule!r}",
    ),
    "cli.partner_ambiguous": (
        (
            "samarbejdspartner {text}: {count} organisationer har dette navn: {listed}; angiv id i "
            "stedet"
        ),
        "partner {text}: {count} organisations have this name: {listed}; give the id instead",
    ),
    "cli.partner_unknown": (
        "samarbejdspartner {text}: ingen organisation har dette id eller navn",
        "partner {text}: no organisation has this id or name",
    ),
    "cli.partner_unknown_near": (
        "samarbejdspartner {text}: ingen organisation har dette id eller navn; mente du {near}?",
        "partner {text}: no organisation has this id or name; did you mean {near}?",
    ),
    "cli.partner_owner": (
        "samarbejdspartner {text}: {name} er projektets ejer, ikke en af dets samarbejdspartnere",
        "partner {text}: {name} is the project's owner, not one of its partners",
    ),
    "cli.partner_named": ("{id!r} ({name})", "{id!r} ({name})"),
    "cli.verdict_form": (
        "forventede PUNKT=STATUS eller PUNKT=STATUS:NOTE, fx snak_sammen_ofte=gul, fandt {text}",
        "expected ITEM=STATUS or ITEM=STATUS:NOTE, such as talk_often=amber, found {text}",
    ),
    "cli.unknown_word": (
        "ukendt {what} {text}; brug en af disse: {choices}",
        "unknown {what} {text}; expected one of {choices}",
    ),
    "cli.word.kind": ("kontaktform", "kind"),
    "cli.word.paper": ("papir", "paper"),
    "cli.word.step": ("trin", "step"),
    "cli.word.item": ("punkt på tjeklisten", "checklist item"),
    "cli.word.status": ("status", "status"),
    "cli.item_twice": (
        "punktet {item} er givet to gange i samme evaluering",
        "the item {item} is given twice in one review",
    ),
    "cli.whole_number": (
        "forventede et helt tal, {least} eller mere, fandt {text}",
        "expected a whole number, {least} or more, found {text}",
    ),
    "cli.number": ("forventede et tal, fandt {text}", "expected a number, found {text}"),
    "cli.capacity_range": (
        "forventede et helt antal møder om ugen fra 1 til 40, fandt {text}",
        "expected a whole number of meetings a week from 1 to 40, found {text}",
    ),
    "cli.too_large": (
        "inddata er for store eller for dybt indlejrede til at håndtere ({kind})",
        "the input is too large or too deeply nested to handle ({kind})",
    ),
    "cli.os_error": ("{path}: {reason}", "{path}: {reason}"),
    "cli.owner_placeholder": (
        (
            "Bemærk: uden --owner er planens ejer pladsholderen »{name}« (id {id}). "
            'Importér igen med --owner "Jeres organisation", eller ret ejeren i {path}.'
        ),
        (
            "Note: without --owner, the plan's owner is the placeholder “{name}” (id {id}). "
            'Import again with --owner "Your organisation", or edit the owner in {path}.'
        ),
    ),
    "cli.logged": (
        "{kind} med {name} den {date} er noteret i {path}.",
        "{kind} with {name} on {date} recorded in {path}.",
    ),
    "cli.stepped": (
        "{name}: trinnet »{step}« den {date} er noteret i {path}.",
        "{name}: the step “{step}” on {date} recorded in {path}.",
    ),
    "cli.reviewed": (
        "Evalueringen af samarbejdet med {name} den {date} er noteret i {path}.",
        "The review of the partnership with {name} on {date} recorded in {path}.",
    ),
    # The words the command line accepts for values a user types, beside the English
    # identifiers (which always work): comma-separated, compared ignoring case, with
    # spaces, hyphens and underscores alike. docs/words.md lists them.
    "word.touchpoint_kind.meeting": ("møde", "meeting"),
    "word.paper.a3": ("a3", "a3"),
    "word.paper.a4": ("a4", "a4"),
    "word.paper.letter": ("letter", "letter"),
    "word.touchpoint_kind.call": ("opkald, telefon, samtale", "call, phone"),
    "word.touchpoint_kind.email": ("mail, e-mail, email", "email, e-mail, mail"),
    "word.touchpoint_kind.event": ("arrangement, begivenhed", "event"),
    "word.step.shared_goals": ("fælles_mål", "shared_goals"),
    "word.step.their_agenda": ("deres_dagsorden, hinandens_dagsorden", "their_agenda"),
    "word.step.prepare": ("forbered", "prepare"),
    "word.step.maintain_contact": ("vedligehold_kontakten, hold_kontakten", "maintain_contact"),
    "word.step.ended": ("afsluttet", "ended"),
    "word.item.common_ground": ("fælles_grund", "common_ground"),
    "word.item.open_to_differences": ("åben_for_forskelle", "open_to_differences"),
    "word.item.talk_often": ("snak_sammen_ofte", "talk_often"),
    "word.item.evaluate_and_adjust": ("evaluer_og_juster", "evaluate_and_adjust"),
    "word.item.leadership": ("ledelsen", "leadership"),
    "word.item.rules_of_play": ("spilleregler", "rules_of_play"),
    "word.status.ticked": ("afkrydset, kryds, sat_kryds", "ticked"),
    "word.status.green": ("grøn", "green"),
    "word.status.amber": ("gul", "amber, yellow"),
    "word.status.red": ("rød", "red"),
}
