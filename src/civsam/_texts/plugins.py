"""The plugin kit: the rule and exporter contracts, labels and options plugins bring.

Part of civsam's one catalogue (:mod:`civsam.labels`): key -> (Danish, English).
"""

TEXTS: dict[str, tuple[str, str]] = {
    # civsam.contracts: why a rule or an exporter breaks its contract
    # [prioritisation.options]: a rule's own settings (completes "expected …")
    "settings.option_value": (
        "tekst, et tal, true eller false, eller en liste eller tabel af dem",
        "text, a number, true or false, or a list or table of them",
    ),
    # rules with context and their own labels (civsam.rules, civsam.labels)
    "rule.bad_score": (
        "Decision.{axis}: forventede et tal fra 1 til 5 eller None, fandt {found}",
        "Decision.{axis}: expected a number from 1 to 5 or None, found {found}",
    ),
    "rule.bind_failed": (
        "bind() gav fejlen {error} (se [prioritisation.options])",
        "bind() raised {error} (see [prioritisation.options])",
    ),
    "rule.bind_returned": (
        "bind() gav en {kind}, ikke en regel: {problems}",
        "bind() returned a {kind}, not a rule: {problems}",
    ),
    "rule.reason_personal": (
        (
            "dens begrundelser nævner partnerens persondata ({field}); en regels begrundelser "
            "står i alle eksporter og må ikke indeholde kontaktpersoner"
        ),
        (
            "its reasons hold the partner's personal data ({field}); a rule's reasons go "
            "into every export and must not name contact persons"
        ),
    ),
    "rule.labels_refused": (
        "dens labels kan ikke bruges: {error}",
        "its labels cannot be used: {error}",
    ),
    "labels.bad_key": (
        (
            "label-nøglen {key!r} skal være små bogstaver, cifre og '_' i mindst to dele "
            "adskilt af punktum, fx 'mitplugin.grund'"
        ),
        (
            "the label key {key!r} must be lower-case letters, digits and '_' in at least "
            "two parts separated by dots, such as 'myplugin.reason'"
        ),
    ),
    "labels.civsam_area": (
        "label-nøglen {key!r} begynder med {area!r}, som er civsams egen; brug dit plugins navn",
        "the label key {key!r} starts with {area!r}, which is civsam's own; use your plugin's name",
    ),
    "labels.bad_texts": (
        "label {key!r} skal have to ikke-tomme tekster (dansk, engelsk), fandt {found}",
        "label {key!r} needs two non-empty texts (Danish, English), found {found}",
    ),
    "labels.placeholders": (
        "label {key!r} har forskellige pladsholdere på dansk ({da}) og engelsk ({en})",
        "label {key!r} has different placeholders in Danish ({da}) and English ({en})",
    ),
    "labels.taken": (
        "label {key!r} er allerede registreret med andre tekster",
        "label {key!r} is already registered with other texts",
    ),
    "contract.missing": ("den har ingen {attribute}", "it has no {attribute}"),
    "contract.raised": (
        "at læse dens {attribute} gav fejlen {error}",
        "reading its {attribute} raised {error}",
    ),
    "contract.syntax": (
        "dens {attribute} er {value} (forventet {expected})",
        "its {attribute} is {value} (expected {expected})",
    ),
    "contract.not_callable": (
        "dens {attribute} er en {type}, ikke en funktion",
        "its {attribute} is a {type}, not a function",
    ),
    "contract.expected_name": (
        (
            "1-64 bogstaver (a-z, A-Z), cifre, '-', '_' eller '.', der begynder med et "
            "bogstav eller ciffer, fx 'xlsx'"
        ),
        (
            "1 to 64 letters (a-z, A-Z), digits, '-', '_' or '.', starting with a letter "
            "or a digit, such as 'xlsx'"
        ),
    ),
    "contract.expected_suffix": (
        "et punktum og bogstaver eller cifre, fx '.xlsx' eller '.tar.gz'",
        "a dot and letters or digits, such as '.xlsx' or '.tar.gz'",
    ),
    "contract.expected_media_type": (
        "en medietype som 'type/subtype' (RFC 6838), fx 'text/csv; charset=utf-8'",
        "a media type as 'type/subtype' (RFC 6838), such as 'text/csv; charset=utf-8'",
    ),
}
