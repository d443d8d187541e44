"""The model and its validation: organisations, relations, assessments, settings, lifecycle.

Part of civsam's one catalogue (:mod:`civsam.labels`): key -> (Danish, English). The
English texts are the messages civsam gave before it spoke Danish, character for
character: tests and Python callers match them. These are what a Danish user meets most,
as ``civsam check`` lists a file's mistakes: "organisations[2].kind: ukendt type; fundet
teksten 'forening'; forventet en af …". Field paths, keys and the values a file holds
(``municipality``, ``not_started``, ``true``) stay as they are written in the file.
"""

TEXTS: dict[str, tuple[str, str]] = {
    # -- a value of the wrong kind (civsam.files._converter) --------------------------------------
    "model.wrong_value": ("forkert værdi", "wrong value"),
    # A value an enumeration does not have: the Danish names what the field holds.
    "model.unknown.org_kind": ("ukendt type", "wrong value"),
    "model.unknown.relation_kind": ("ukendt relationstype", "wrong value"),
    "model.unknown.language": ("ukendt sprog", "wrong value"),
    "model.unknown.quadrant": ("ukendt felt i prioriteringsmatricen", "wrong value"),
    "model.unknown.readiness_point": ("ukendt punkt om parathed", "wrong value"),
    "model.unknown.outreach_step": ("ukendt trin", "wrong value"),
    "model.unknown.touchpoint_kind": ("ukendt kontaktform", "wrong value"),
    "model.unknown.checklist_item": ("ukendt punkt på tjeklisten", "wrong value"),
    "model.unknown.item_status": ("ukendt status", "wrong value"),
    "model.expected_found": (
        "forventede {expected}, fandt {found}",
        "expected {expected}, found {found}",
    ),
    "model.field_expected_found": (
        "{field}: forventede {expected}, fandt {found}",
        "{field}: expected {expected}, found {found}",
    ),
    "model.text_too_long": ("teksten er for lang", "text too long"),
    "model.too_many_items": ("for mange elementer", "too many items"),
    "model.characters.one": ("{number} tegn", "{number} character"),
    "model.characters.other": ("{number} tegn", "{number} characters"),
    "model.items.one": ("{number} element", "{number} item"),
    "model.items.other": ("{number} elementer", "{number} items"),
    "model.at_most": ("højst {number} ({setting})", "at most {number} ({setting})"),
    "model.unknown_key": ("ukendt nøgle", "unknown key"),
    "model.unknown_keys.one": ("ukendt nøgle {keys}", "unknown key {keys}"),
    "model.unknown_keys.other": ("ukendte nøgler {keys}", "unknown keys {keys}"),
    "model.required_key": ("påkrævet nøgle mangler", "required key is missing"),
    "model.one_of": ("en af {allowed}", "one of {allowed}"),
    # What was found, said without repeating a whole value (personal data stays out).
    "model.nothing": ("ingenting", "nothing"),
    "model.found_bool": ("sand/falsk-værdien {value}", "true/false value {value}"),
    "model.found_number": ("tallet {value}", "number {value}"),
    "model.found_text": ("teksten {value}", "text {value}"),
    "model.found_datetime": ("dato og klokkeslæt {value}", "date and time {value}"),
    "model.found_date": ("datoen {value}", "date {value}"),
    "model.found_type": ("en værdi af typen {type}", "a {type}"),
    "model.a_table": ("en tabel", "a table"),
    "model.a_list": ("en liste", "a list"),
    "model.a_bool": ("en sand/falsk-værdi", "a true/false value"),
    "model.a_whole_number": ("et helt tal", "a whole number"),
    "model.a_number": ("et tal", "a number"),
    "model.text": ("tekst", "text"),
    "model.a_datetime": ("en dato med klokkeslæt", "a date and time"),
    "model.a_date": ("en dato", "a date"),
    "model.a_value": ("en værdi", "a value"),
    # What was expected.
    "model.true_or_false": ("true eller false", "true or false"),
    "model.date_such_as": ("en dato som fx {example}", "a date such as {example}"),
    "model.plannable": ("en dato fra {first} til {last}", "a date from {first} to {last}"),
    "model.time_such_as": ('et klokkeslæt som fx "10:00"', 'a time of day such as "10:00"'),
    # -- the rules a field is held to (civsam._checks, civsam.files._levels) ---------------------
    "model.score": ("et helt tal fra 1 til 5", "a whole number from 1 to 5"),
    "model.identifier": (
        "et id, der ikke er tomt, uden mellemrum før og efter og uden kontroltegn",
        "a non-empty id without surrounding spaces or control characters",
    ),
    "model.name": ("et navn, der ikke er tomt", "a non-empty name"),
    "model.non_empty_texts": ("tekster, der ikke er tomme", "non-empty texts"),
    "model.each_item_once": ("hvert element én gang", "each item once"),
    "model.duplicates_in": ("gentagelser i {items}", "duplicates in {items}"),
    "model.level_score": ("et tal fra 1 til 5", "a score from 1 to 5"),
    "model.level_score_or_word": (
        "et tal fra 1 til 5 eller et af ordene {words}",
        "a score from 1 to 5 or one of {words}",
    ),
    # -- the values themselves (civsam.model) ----------------------------------------------
    "model.date_found": (
        "{field}: forventede en dato som fx {example}, fandt {type} {value}",
        "{field}: expected a date such as {example}, found {type} {value}",
    ),
    "model.another_organisation": (
        "Relation.target: forventede en anden organisation end {value}",
        "Relation.target: expected another organisation than {value}",
    ),
    "model.until_after_since": (
        "Relation.until: forventede en dato på eller efter since ({since}), fandt {value}",
        "Relation.until: expected a date on or after since ({since}), found {value}",
    ),
    "model.one_rating_per_rater": ("én vurdering pr. bedømmer", "one rating per rater"),
    "model.repeated.one": ("{count} gentagelse", "{count} repeated"),
    "model.repeated.other": ("{count} gentagelser", "{count} repeated"),
    # -- what needs the whole project: ids and references (civsam._validate) ---------------
    "model.duplicate_id": ("organisations-id'et er brugt før", "duplicate organisation id"),
    "model.id_not_used": ("et id, der ikke er brugt før{first}", "an id not used before{first}"),
    "model.first_at": (" (første gang i {path})", " (first at {path})"),
    "model.unknown_organisation": ("ukendt organisation", "unknown organisation"),
    "model.known_id": (
        "id'et på en af projektets organisationer",
        "the id of one of the project's organisations",
    ),
    "model.owner_missing": (
        "ejeren er ikke blandt organisationerne",
        "the owner is not among the organisations",
    ),
    "model.duplicate_relation": ("relationen findes allerede", "duplicate relation"),
    "model.relation_again": (
        "{source} → {target} ({kind}) igen",
        "{source} → {target} ({kind}) again",
    ),
    "model.one_relation": (
        "én relation af hver slags fra en organisation til en anden{first}",
        "one relation of each kind from one organisation to another{first}",
    ),
    "model.owner_assesses_itself": (
        "ejeren kan ikke vurdere sig selv",
        "the owner cannot assess itself",
    ),
    "model.potential_partner_id": (
        "id'et på en mulig samarbejdspartner, ikke ejeren",
        "the id of a potential partner, not the owner",
    ),
    "model.second_assessment": (
        "endnu en vurdering af samme samarbejdspartner",
        "a second assessment of the same partner",
    ),
    "model.owner_not_partner": (
        "ejeren er ikke sin egen samarbejdspartner",
        "the owner is not its own partner",
    ),
    "model.partner_id": (
        "id'et på en samarbejdspartner, ikke ejeren",
        "the id of a partner, not the owner",
    ),
    "model.step_not_allowed": (
        "{partner} kan ikke gå fra {current} til {step}",
        "{partner} cannot go from {current} to {step}",
    ),
    "model.step_too_early": (
        "et trin dateret før det forrige trin for {partner}",
        "a step dated before the previous step of {partner}",
    ),
    "model.step_in_order": (
        "{since} eller senere (trinnene noteres i den rækkefølge, de er taget)",
        "{since} or later (steps are recorded in the order taken)",
    ),
    "model.second_review": (
        "endnu en evaluering af {partner} samme dag",
        "a second review of {partner} on the same day",
    ),
    "model.one_review": (
        "én evaluering pr. samarbejdspartner om dagen; skriv alle punkter i den{first}",
        "one review per partner a day; put every item in it{first}",
    ),
    # -- changing a project in code (civsam.project) ---------------------------------------
    "project.owner_assessed": (
        "den nye ejer har en vurdering; fjern den først",
        "the new owner has an assessment; remove it first",
    ),
    "project.not_assessed_partner": (
        "en organisation, der ikke er en vurderet samarbejdspartner",
        "an organisation that is not an assessed partner",
    ),
    "project.owner_has_history": (
        "den nye ejer har en historik som samarbejdspartner",
        "the new owner has a history as a partner",
    ),
    "project.no_history": (
        "en organisation uden noterede trin, kontakter eller evalueringer",
        "an organisation without outreach steps, touchpoints or reviews",
    ),
    "project.a_class": ("en {name}", "a {name}"),
    "project.cannot_add": ("kan ikke tilføjes et projekt", "cannot add this to a project"),
    "project.addable": (
        "en Organisation, en Relation eller en Assessment",
        "an Organisation, a Relation or an Assessment",
    ),
    "project.cannot_record": ("kan ikke noteres i et projekt", "cannot record this in a project"),
    "project.recordable": (
        "en ReadinessAnswer, en OutreachEntry, en Touchpoint eller en Review",
        "a ReadinessAnswer, an OutreachEntry, a Touchpoint or a Review",
    ),
    "project.nothing_to_replace": ("ingen organisation at erstatte", "no organisation to replace"),
    "project.owner_not_removable": ("ejeren kan ikke fjernes", "the owner cannot be removed"),
    "project.partner_id_first": (
        "id'et på en samarbejdspartner; gør først en anden organisation til ejer",
        "a partner's id; make another organisation the owner first",
    ),
    "project.not_assessed": (
        "denne samarbejdspartner har ingen vurdering",
        "this partner has no assessment",
    ),
    "project.assessed_id": (
        "id'et på en vurderet samarbejdspartner",
        "the id of an assessed partner",
    ),
    "project.unknown_relation_kind": ("ukendt relationstype", "unknown relation kind"),
    # -- [prioritisation] and [planning] (civsam.settings) ---------------------------------
    "settings.threshold": ("et tal fra 1 til 5", "a number from 1 to 5"),
    "settings.finite": ("et endeligt tal", "a finite number"),
    "settings.years": ("et helt antal år, 0 eller flere", "a whole number of years, 0 or more"),
    "settings.spread": ("et helt tal fra 1 til 4", "a whole number from 1 to 4"),
    "settings.whole_at_least": ("et helt tal, {low} eller mere", "a whole number, {low} or more"),
    "settings.whole_range": ("et helt tal fra {low} til {high}", "a whole number {low}–{high}"),
    "settings.time_in_minutes": (
        "et klokkeslæt i hele minutter som fx 10:00",
        "a time of day in whole minutes such as 10:00",
    ),
    "settings.weeks_per_quadrant": (
        (
            "PlanSettings.check_in_weeks: forventede antal uger pr. felt som fx {example}, "
            "fandt {type}"
        ),
        (
            "PlanSettings.check_in_weeks: expected weeks per quadrant such as {example}, "
            "found {type}"
        ),
    ),
    "settings.weeks": (
        "et helt antal uger fra 0 (ingen) til 52",
        "a whole number of weeks from 0 (none) to 52",
    ),
    "settings.minutes.one": ("{count} minut", "{count} minute"),
    "settings.minutes.other": ("{count} minutter", "{count} minutes"),
    "settings.day_end": (
        (
            "PlanSettings.day_end: forventede et klokkeslæt mindst {minutes} efter "
            "meeting_time {start}, fandt {end}"
        ),
        (
            "PlanSettings.day_end: expected a time at least {minutes} after "
            "meeting_time {start}, found {end}"
        ),
    ),
    "settings.check_in_time": (
        (
            "PlanSettings.check_in_time: forventede et klokkeslæt {minutes} før midnat "
            "eller tidligere, fandt {time}"
        ),
        (
            "PlanSettings.check_in_time: expected a time {minutes} before midnight "
            "or earlier, found {time}"
        ),
    ),
    "settings.dates_such_as": ("datoer som fx {example}", "dates such as {example}"),
    # -- the collaboration's history (civsam.lifecycle, civsam.checklist) ------------------
    "lifecycle.recordable_step": (
        "en af {steps} (alle samarbejdspartnere starter ved not_started; det noteres ikke)",
        "one of {steps} (every partner starts at not_started; it is not recorded)",
    ),
    "lifecycle.not_started": (
        (
            "{field}: forventede en af {steps}, fandt 'not_started' (alle "
            "samarbejdspartnere starter der; det noteres ikke)"
        ),
        (
            "{field}: expected one of {steps}, found 'not_started' (every partner starts "
            "there; it is not recorded)"
        ),
    ),
    "lifecycle.no_items": (
        "{field}: forventede mindst ét punkt fra tjeklisten",
        "{field}: expected at least one checklist item",
    ),
    "lifecycle.items_twice": (
        "{field}: forventede hvert punkt én gang, fandt {items} mere end én gang",
        "{field}: expected each item once, found {items} more than once",
    ),
    "lifecycle.no_organisation": (
        "ingen organisation med id'et {partner} i projektet",
        "no organisation with the id {partner} in the project",
    ),
}
