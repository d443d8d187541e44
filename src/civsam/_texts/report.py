"""The texts of reports and exports: the guide's terms, the board, the plan, the checklist.

Part of civsam's one catalogue (:mod:`civsam.labels`): key -> (Danish, English).
"""

TEXTS: dict[str, tuple[str, str]] = {
    # The four quadrants of the priority matrix (guide section 3), and short forms for
    # narrow places such as table cells and terminal output.
    "quadrant.start_here": ("Lad os starte her", "Let's start here"),
    "quadrant.discuss": (
        "Diskuter, om det er arbejdet værd at få dem med",
        "Discuss whether it is worth the effort to bring them in",
    ),
    "quadrant.not_now": ("Måske, men ikke nu", "Maybe, but not now"),
    "quadrant.not_worth_it": ("Ikke det værd", "Not worth it"),
    "quadrant_short.start_here": ("Start her", "Start here"),
    "quadrant_short.discuss": ("Diskuter", "Discuss"),
    "quadrant_short.not_now": ("Ikke nu", "Not now"),
    "quadrant_short.not_worth_it": ("Ikke det værd", "Not worth it"),
    # The partner table (guide section 2): the guide's six columns, then civsam's extras.
    "column.partner": ("Potentiel samarbejdspartner", "Potential partner"),
    "column.shared_interest": ("Fælles interesse", "Shared interest"),
    "column.importance": ("Betydning", "Importance"),
    "column.challenges": ("Udfordringer", "Challenges"),
    "column.existing_relation": ("Eksisterende relation", "Existing relation"),
    "column.contact": ("Evt. kontaktperson", "Contact person"),
    "column.ease": ("Lethed", "Ease"),
    "column.kind": ("Type", "Kind"),
    "column.email": ("E-mail", "E-mail"),
    "column.phone": ("Telefon", "Phone"),
    "column.quadrant": ("Kvadrant", "Quadrant"),
    "column.rank": ("Rang", "Rank"),
    "column.notes": ("Noter", "Notes"),
    "column.id": ("Id", "Id"),
    "column.importance_note": ("Note om betydning", "Importance note"),
    "column.ease_note": ("Note om lethed", "Ease note"),
    "column.role": ("Rolle", "Role"),
    "column.target_groups": ("Målgrupper", "Target groups"),
    # The matrix's axes and levels. The guide prints the ease axis as
    # "Betydning for samarbejde", so that is the Danish text.
    "axis.importance": (
        "Betydning: hvor meget betyder de for, at samarbejdet lykkes?",
        "Importance: how much do they matter for the collaboration's success?",
    ),
    "axis.ease": (
        "Lethed: hvor let er samarbejdet med dem?",
        "Ease: how easy is the collaboration with them?",
    ),
    "level.high": ("Høj", "High"),
    "level.medium": ("Middel", "Medium"),
    "level.low": ("Lav", "Low"),
    "level.easy": ("Nemt", "Easy"),
    "level.hard": ("Svært", "Hard"),
    "matrix.notes": ("Dine noter", "Your notes"),
    # OrgKind values.
    "org_kind.municipality": ("Kommune", "Municipality"),
    "org_kind.civil_society": ("Civilsamfundsorganisation", "Civil-society organisation"),
    "org_kind.non_profit": ("Almennyttig organisation", "Non-profit organisation"),
    "org_kind.business": ("Virksomhed", "Business"),
    "org_kind.public_institution": ("Offentlig institution", "Public institution"),
    "org_kind.other": ("Andet", "Other"),
    # RelationKind values: the guide's collaboration forms, and more.
    "relation_kind.previous_project": (
        "Tidligere projektsamarbejde",
        "Previous project collaboration",
    ),
    "relation_kind.partnership": ("Langsigtet partnerskab", "Long-term partnership"),
    "relation_kind.co_creation": ("Samskabelse af aktiviteter", "Co-creation of activities"),
    "relation_kind.bridge_building": ("Brobygning", "Bridge-building"),
    "relation_kind.resource_sharing": ("Deling af ressourcer", "Sharing of resources"),
    "relation_kind.acquaintance": ("Bekendtskab", "Acquaintance"),
    # Readiness (guide section 1): three points for each side.
    "readiness.title": ("Parathed", "Readiness"),
    "readiness.role.municipality": (
        "Som kommune, der ønsker at samarbejde med civilsamfundsaktører",
        "As a municipality that wants to work with civil-society actors",
    ),
    "readiness.role.civil_society": (
        "Som civilsamfundsaktør, der ønsker at samarbejde med kommune(r)",
        "As a civil-society actor that wants to work with one or more municipalities",
    ),
    "readiness.municipality.priority": ("Prioritering", "Priority"),
    "readiness.municipality.priority.advice": (
        (
            "Samarbejdet med civilsamfundet skal bæres af hele organisationen, fra direktionen "
            "til den enkelte institutionsleder – ikke kun af frivilligkonsulenterne."
        ),
        (
            "Collaboration with civil society has to be carried by the whole organisation, from "
            "top management to each head of institution, not by the volunteer consultants alone."
        ),
    ),
    "readiness.municipality.openness": ("Vær åben", "Be open"),
    "readiness.municipality.openness.advice": (
        (
            "Vær klar over, hvilke problemer I vil løse sammen, men lad løsningen blive til i "
            "fællesskab med partneren."
        ),
        (
            "Be clear about which problems you want to solve together, but let the solution take "
            "shape jointly with your partner."
        ),
    ),
    "readiness.municipality.dedicated_time": ("Dedikér tid", "Dedicate time"),
    "readiness.municipality.dedicated_time.advice": (
        (
            "Beslut, hvor meget I vil samarbejde, og sikr jer politisk og ledelsesmæssig "
            "opbakning. Afsæt så tid til at finde partnere, blive enige om mål og holde "
            "dialogen i gang."
        ),
        (
            "Decide how much you want to collaborate and secure political and management "
            "backing. Then set time aside to find partners, agree on goals and keep the "
            "dialogue going."
        ),
    ),
    "readiness.civil_society.internal_agreement": ("Vær enige internt", "Agree internally"),
    "readiness.civil_society.internal_agreement.advice": (
        (
            "Tal fordele og ulemper igennem, før I går i partnerskab med kommunen, og aftal "
            "roller og hvordan I håndterer uenigheder."
        ),
        (
            "Talk the pros and cons through before entering a partnership with the "
            "municipality, and agree on roles and on how you will handle disagreements."
        ),
    ),
    "readiness.civil_society.dedicated_team": (
        "Skab et dedikeret team",
        "Create a dedicated team",
    ),
    "readiness.civil_society.dedicated_team.advice": (
        (
            "Udpeg et team, der undersøger mulighederne, driver partnerskabet og er kommunens "
            "faste indgang til jer."
        ),
        (
            "Appoint a team that explores the options, drives the partnership and is the "
            "municipality's one known way in to you."
        ),
    ),
    "readiness.civil_society.realistic_resources": (
        "Vær realistiske om ressourcer",
        "Be realistic about resources",
    ),
    "readiness.civil_society.realistic_resources.advice": (
        (
            "Lov kun det, I kan holde, og afstem forventningerne tydeligt. Ingen forventer, at "
            "I løser hele kommunens udfordring."
        ),
        (
            "Promise only what you can deliver and make expectations clear. Nobody expects you "
            "to solve the whole of the municipality's challenge."
        ),
    ),
    # Outreach (guide section 4): four steps.
    "outreach.title": ("Sådan rækker I ud", "How to reach out"),
    "outreach.shared_goals": ("Fælles mål og interesser", "Shared goals and interests"),
    "outreach.shared_goals.advice": (
        (
            "Begynd med det, I begge brænder for – især de mennesker, projektet skal hjælpe – "
            "og vis, hvordan jeres aktiviteter supplerer hinanden til gavn for jer begge."
        ),
        (
            "Begin with what you both care about, above all the people the project is meant to "
            "help, and show how your activities complement each other to the benefit of both."
        ),
    ),
    "outreach.their_agenda": ("Tal ind i hinandens dagsorden", "Speak to each other's agenda"),
    "outreach.their_agenda.advice": (
        (
            "Beskriv jeres idé ud fra den anden parts planer og mål. Når idéen hjælper dem "
            "mod deres egne mål, er det lettere at få opbakning og ressourcer."
        ),
        (
            "Describe your idea in terms of the other party's plans and goals. When it helps "
            "them towards their own goals, support and resources come more easily."
        ),
    ),
    "outreach.prepare": ("Forbered dig godt", "Prepare well"),
    "outreach.prepare.advice": (
        (
            "Sæt dig ind i den anden parts igangværende projekter, og find ud af, hvor jeres "
            "projekt passer ind. Som civilsamfundsaktør kan en fælles ansøgning med etablerede "
            "organisationer eller virksomheder give forslaget mere tyngde."
        ),
        (
            "Learn about the other party's current projects and find where yours fits in. A "
            "civil-society actor can add weight to a proposal by applying together with "
            "established organisations or businesses."
        ),
    ),
    "outreach.maintain_contact": ("Vedligehold kontakten", "Maintain contact"),
    "outreach.maintain_contact.advice": (
        (
            "Knyt tætte bånd til de nøglepersoner, projektet afhænger af, og hold jævnligt "
            "kontakten. Det skaber tillid og baner vejen for fremtidigt samarbejde."
        ),
        (
            "Build close ties with the key people the project depends on and stay in regular "
            "touch. That creates trust and paves the way for future collaboration."
        ),
    ),
    # The checklist for the running collaboration: six items.
    "checklist.title": ("Tjekliste til godt samarbejde", "Checklist for good collaboration"),
    "checklist.common_ground": ("Find fælles grund", "Find common ground"),
    "checklist.common_ground.advice": (
        (
            "Sørg for, at alle parter er med og får noget ud af samarbejdet, og tal om den "
            "fælles vision."
        ),
        (
            "Make sure every party is on board and gains from the collaboration, and talk "
            "about the shared vision."
        ),
    ),
    "checklist.open_to_differences": ("Vær åben for forskelle", "Be open to differences"),
    "checklist.open_to_differences.advice": (
        (
            "Vær nysgerrige på de kompetencer og ressourcer, I hver især har med, og accepter, "
            "at I arbejder forskelligt."
        ),
        (
            "Be curious about the skills and resources each of you brings, and accept that you "
            "work in different ways."
        ),
    ),
    "checklist.talk_often": ("Snak sammen ofte", "Talk often"),
    "checklist.talk_often.advice": (
        (
            "Hold jævnlig kontakt, så I holder kursen og er trygge ved hinanden. Sæt pris på "
            "både det, I deler, og det, I ser forskelligt."
        ),
        (
            "Keep in regular contact so that you stay on course and feel safe with each other. "
            "Value both what you share and where you differ."
        ),
    ),
    "checklist.evaluate_and_adjust": (
        "Evaluer og juster løbende",
        "Evaluate and adjust continuously",
    ),
    "checklist.evaluate_and_adjust.advice": (
        (
            "Planlæg tidligt, hvordan samarbejdet evalueres undervejs, og tilpas roller, mål og "
            "arbejdsgange efter feedback og resultater."
        ),
        (
            "Plan early how the collaboration will be evaluated along the way, and adapt roles, "
            "goals and ways of working to feedback and results."
        ),
    ),
    "checklist.leadership": ("Få ledelsen med", "Get the leadership on board"),
    "checklist.leadership.advice": (
        (
            "Sikr, at lederne synligt bakker op, og at I har de ressourcer, der skal til for at "
            "føre planerne ud i livet."
        ),
        (
            "Make sure your managers visibly back the work and that you have the resources "
            "needed to put plans into practice."
        ),
    ),
    "checklist.rules_of_play": ("Aftal spillereglerne", "Agree on the ground rules"),
    "checklist.rules_of_play.advice": (
        (
            "Aftal fra starten, hvem der gør hvad og hvordan, og tal forventningerne igennem, "
            "så alle ved, hvad de siger ja til."
        ),
        (
            "Agree from the start who does what and how, and talk expectations through so that "
            "everyone knows what they are signing up for."
        ),
    ),
    # The guide's section titles. Section 1 is printed as "Beskriv borgerens dagligdag",
    # which does not describe its content, so civsam names it after what it asks.
    "section.readiness": ("Er I klar til at samarbejde?", "Are you ready to collaborate?"),
    "section.who": ("Hvem kan vi arbejde sammen med?", "Who can we work with?"),
    "section.whom_first": ("Hvem skal vi så række ud til?", "Whom should we reach out to?"),
    "section.how": (
        "Hvordan rækker vi ud på den bedste måde?",
        "How do we reach out in the best way?",
    ),
    # Words the exporters put in reports.
    "report.owner": ("Ejer", "Owner"),
    "report.target_groups": ("Målgrupper", "Target groups"),
    "report.matrix": ("Prioriteringsmatrix", "Priority matrix"),
    "report.reasons": ("Begrundelser", "Reasons"),
    "report.partners": ("Samarbejdspartnere", "Partners"),
    "report.personal_data": (
        "Persondata i denne eksport: {fields}",
        "Personal data in this export: {fields}",
    ),
    "report.personal_data_none": ("ingen", "none"),
    "report.generated_by": ("Lavet med civsam", "Made with civsam"),
    "report.as_of": ("Dato", "Date"),
    "report.as_of_note": (
        "{date}: planen begynder denne dag, og dage over tid tælles frem til den",
        "{date}: the plan starts on this day, and days overdue are counted up to it",
    ),
    "report.priority": ("Prioritet", "Priority"),
    "report.priority_matrix": (
        "betydning + lethed; inden for en kvadrant rækker I først ud til den højeste",
        "importance + ease; within a quadrant, reach out to the highest first",
    ),
    "report.priority_other": (
        "rækkefølgen, reglen {rule} giver; inden for en kvadrant rækker I først ud til den højeste",
        "the order the rule {rule} gives; within a quadrant, reach out to the highest first",
    ),
    # Cell values.
    # The priority matrix in the terminal (civsam matrix).
    "matrix.title": ("{project}: prioriteringsmatrix", "{project}: priority matrix"),
    "matrix.rule": (
        "Vejledningens matrix: betydningen er høj fra {importance}, samarbejdet nemt fra {ease}.",
        (
            "The guide's matrix: importance is high from {importance}, collaboration easy from "
            "{ease}."
        ),
    ),
    "matrix.rule_other": ("Placeret efter reglen {rule}.", "Placed by the rule {rule}."),
    "matrix.more": ("… og {count} mere", "… and {count} more"),
    "matrix.empty": ("(ingen)", "(none)"),
    "matrix.disagreement_legend": (
        "! = bedømmerne er uenige: tal om dem, før I rækker ud",
        "! = the raters disagree: discuss them before reaching out",
    ),
    "matrix.scores_legend": (
        "Tallene efter navnet er betydning/lethed.",
        "The numbers after the name are importance/ease.",
    ),
    "matrix.no_partners": (
        "Ingen vurderede samarbejdspartnere endnu.",
        "No assessed partners yet.",
    ),
    "matrix.sensitivity_title": (
        "Følsomhed: hvem flytter, hvis en tærskel flyttes ét trin",
        "Sensitivity: who moves if a threshold moves by one step",
    ),
    "matrix.sensitivity_none": (
        "Ingen flytter, hvis en tærskel flyttes ét trin.",
        "Nobody moves if a threshold moves by one step.",
    ),
    "matrix.shift_importance": (
        "{partner}: {before} → {after}, hvis betydning skal være mindst {threshold}",
        "{partner}: {before} → {after} if importance must be at least {threshold}",
    ),
    "matrix.shift_ease": (
        "{partner}: {before} → {after}, hvis lethed skal være mindst {threshold}",
        "{partner}: {before} → {after} if ease must be at least {threshold}",
    ),
    # Why a partner is placed where it is (civsam.Placement.reasons).
    "reason.importance_hand": (
        "Betydning {score}: sat i tabellen",
        "Importance {score}: set in the table",
    ),
    "reason.importance_raters": (
        "Betydning {score}: median af {raters} bedømmere (spredning {spread})",
        "Importance {score}: median of {raters} raters (spread {spread})",
    ),
    "reason.importance_derived": (
        "Betydning {score}: foreslået af civsam ({factors})",
        "Importance {score}: proposed by civsam ({factors})",
    ),
    "reason.importance_default": (
        "Betydning {score}: intet at gå ud fra, så middel",
        "Importance {score}: nothing to go on, so medium",
    ),
    "reason.ease_hand": ("Lethed {score}: sat i tabellen", "Ease {score}: set in the table"),
    "reason.ease_raters": (
        "Lethed {score}: median af {raters} bedømmere (spredning {spread})",
        "Ease {score}: median of {raters} raters (spread {spread})",
    ),
    "reason.ease_derived": (
        "Lethed {score}: foreslået af civsam ({factors})",
        "Ease {score}: proposed by civsam ({factors})",
    ),
    "reason.ease_default": (
        "Lethed {score}: intet at gå ud fra, så middel",
        "Ease {score}: nothing to go on, so medium",
    ),
    "reason.importance_high": (
        "Betydning {score} er mindst {threshold}: høj betydning",
        "Importance {score} is at least {threshold}: high importance",
    ),
    "reason.importance_low": (
        "Betydning {score} er under {threshold}: lav betydning",
        "Importance {score} is below {threshold}: low importance",
    ),
    "reason.ease_high": (
        "Lethed {score} er mindst {threshold}: nemt at samarbejde",
        "Ease {score} is at least {threshold}: easy to work with",
    ),
    "reason.ease_low": (
        "Lethed {score} er under {threshold}: svært at samarbejde",
        "Ease {score} is below {threshold}: hard to work with",
    ),
    "reason.disagreement": (
        "Bedømmerne er uenige (spredning {spread}): tal om denne partner sammen",
        "The raters disagree (spread {spread}): discuss this partner together",
    ),
    "reason.rank": (
        (
            "Nr. {rank} af {total}, nr. {place} i »{quadrant}« med prioritet {priority} "
            "(ved lige prioritet går højere betydning, så højere lethed, så id forrest)"
        ),
        (
            "Rank {rank} of {total}, number {place} in “{quadrant}” with priority {priority} "
            "(on equal priority: higher importance, then higher ease, then id first)"
        ),
    ),
    # What a derived score is made of.
    "factor.base": ("grundværdi {amount}", "base {amount}"),
    "factor.relation": ("{detail} {amount}", "{detail} {amount}"),
    "factor.contact": ("kendt kontaktperson {amount}", "known contact person {amount}"),
    "factor.second_degree": (
        "vi kender nogen, der kender dem {amount}",
        "we know someone who knows them {amount}",
    ),
    "factor.challenges": ("udfordringer noteret {amount}", "challenges noted {amount}"),
    "factor.target_groups": ("fælles målgrupper: {detail}", "shared target groups: {detail}"),
    "factor.unknown": ("ingen fakta", "no facts"),
    # The collaboration's lifecycle: outreach states, contact, reviews, plan (issue 5).
    "step.not_started": ("Ikke startet", "Not started"),
    "step.ended": ("Afsluttet", "Ended"),
    "touchpoint_kind.meeting": ("Møde", "Meeting"),
    "touchpoint_kind.call": ("Opkald", "Call"),
    "touchpoint_kind.email": ("E-mail", "E-mail"),
    "touchpoint_kind.event": ("Arrangement", "Event"),
    "item_status.ticked": ("Sat kryds", "Ticked"),
    "item_status.green": ("Grøn", "Green"),
    "item_status.amber": ("Gul", "Amber"),
    "item_status.red": ("Rød", "Red"),
    "item_status.none": ("Ikke vurderet", "Not reviewed"),
    "trend.new": ("Ny", "New"),
    "trend.better": ("Bedre", "Better"),
    "trend.steady": ("Uændret", "Steady"),
    "trend.worse": ("Dårligere", "Worse"),
    "role.municipality": ("Kommune", "Municipality"),
    "role.civil_society": ("Civilsamfundsaktør", "Civil-society actor"),
    "readiness.in_place": ("På plads", "In place"),
    "readiness.missing": ("Mangler", "Missing"),
    "readiness.unanswered": ("Ikke besvaret", "Not answered"),
    "readiness.gaps": ("Det mangler I", "What is missing"),
    "readiness.ready": ("Alle tre punkter er på plads.", "All three points are in place."),
    "readiness.answered": ("Besvaret {date}", "Answered {date}"),
    "plan.title": ("Plan for første møder", "Plan for first meetings"),
    "plan.capacity": (
        (
            "Møder: højst {capacity} om ugen, opfølgninger og første møder tilsammen, på "
            "hverdage uden helligdage, fra {start}."
        ),
        (
            "Meetings: at most {capacity} a week, check-ins and first meetings together, on "
            "working days without holidays, from {start}."
        ),
    ),
    "plan.none": ("Ingen første møder at planlægge.", "No first meetings to plan."),
    "plan.first_meeting": ("Første møde: {name}", "First meeting: {name}"),
    "plan.check_in": ("Opfølgning: {name}", "Check-in: {name}"),
    "plan.evaluation": ("Evaluering: {name}", "Evaluation: {name}"),
    "plan.prepare": ("Forbered mødet med {name}", "Prepare the meeting with {name}"),
    "plan.every_week": ("hver uge", "every week"),
    "plan.every_weeks": ("hver {weeks}. uge", "every {weeks} weeks"),
    "plan.check_ins": ("Faste opfølgninger", "Regular check-ins"),
    "plan.evaluations": ("Evalueringer", "Evaluations"),
    "column.meeting": ("Første møde", "First meeting"),
    "column.step": ("Trin", "Step"),
    "column.when": ("Hvornår", "When"),
    "column.last_contact": ("Seneste kontakt", "Last contact"),
    "column.due": ("Forfalden", "Due"),
    "column.days_overdue": ("Dage over tid", "Days overdue"),
    "column.item": ("Punkt", "Item"),
    "column.status": ("Status", "Status"),
    "column.trend": ("Udvikling", "Trend"),
    "column.note": ("Note", "Note"),
    "column.date": ("Dato", "Date"),
    "column.kind_of_contact": ("Kontaktform", "Kind of contact"),
    "column.every": ("Interval", "Interval"),
    "due.title": ("Kontakt, der skal følges op", "Contacts due"),
    "due.none": ("Ingen kontakter er forfaldne.", "No contacts are due."),
    "due.today": ("i dag", "today"),
    "due.days.one": ("{count} dag over tid", "{count} day overdue"),
    "due.days.other": ("{count} dage over tid", "{count} days overdue"),
    "review.partnership": ("Samarbejdet med {name}", "The partnership with {name}"),
    "review.agenda": ("Dagsorden for næste evaluering", "Agenda for the next review"),
    "review.agenda_empty": (
        "Intet rødt eller gult: brug evalueringen til at fejre og justere.",
        "Nothing red or amber: use the review to celebrate and adjust.",
    ),
    "review.next_review": ("Næste evaluering: {date}", "Next review: {date}"),
    "review.last_review": ("Seneste evaluering: {date}", "Last review: {date}"),
    "review.not_reviewed": ("Ikke evalueret endnu.", "Not reviewed yet."),
    "review.done": ("{done} af 6 punkter på plads", "{done} of 6 items in place"),
    "review.none": ("Ingen igangværende samarbejder endnu.", "No running partnerships yet."),
    "introductions.title": (
        "Hvem kan introducere jer til {name}?",
        "Who can introduce you to {name}?",
    ),
    "introductions.direct": (
        "I kender allerede {name} direkte.",
        "You already know {name} directly.",
    ),
    "introductions.none": (
        "Ingen vej gennem jeres kendte relationer.",
        "No path through your known relations.",
    ),
    "introductions.path": ("Vej", "Path"),
    "introductions.brokers": ("Brobyggere i netværket", "Brokers in the network"),
    "introductions.co_applicants": ("Mulige medansøgere", "Possible co-applicants"),
    "introductions.no_co_applicants": (
        "Ingen etablerede organisationer er knyttet til {name}.",
        "No established organisations are linked to {name}.",
    ),
    "section.checklist": ("Tjekliste til godt samarbejde", "Checklist for good collaboration"),
    "report.plan": ("Plan for at række ud", "Outreach plan"),
    "column.first": ("Første gang", "First"),
    # The lifecycle commands of the command line (civsam readiness, plan, log, …).
    "readiness.answered_by": ("Besvaret {date} af {name}", "Answered {date} by {name}"),
    "weekday.monday": ("mandag", "Monday"),
    "weekday.tuesday": ("tirsdag", "Tuesday"),
    "weekday.wednesday": ("onsdag", "Wednesday"),
    "weekday.thursday": ("torsdag", "Thursday"),
    "weekday.friday": ("fredag", "Friday"),
    "weekday.saturday": ("lørdag", "Saturday"),
    "weekday.sunday": ("søndag", "Sunday"),
    "column.weekday": ("Ugedag", "Weekday"),
    "column.time": ("Kl.", "Time"),
    # The owner civsam.read_table makes up when it is given none, and the command line's
    # note that it did (civsam import-table without --owner).
    "table.placeholder_owner": ("Vores organisation", "Our organisation"),
    # The HTML report (civsam export -f html).
    "html.contents": ("Indhold", "Contents"),
    "html.facts": ("Om projektet", "About the project"),
    "html.board_caption": (
        (
            "Tavlen: hver vurderet samarbejdspartner er en post-it, placeret efter betydning "
            "og lethed. Tabellen over samarbejdspartnere nedenfor rummer det samme som tekst."
        ),
        (
            "The board: each assessed partner is a post-it, placed by importance and ease. "
            "The partner table below holds the same as text."
        ),
    ),
    "html.board_table": (
        "Tavlen som tabel: betydning op ad siden, lethed hen ad bunden",
        "The board as a table: importance up the side, ease along the bottom",
    ),
    "html.partners_caption": (
        "Samarbejdspartnere i prioriteret rækkefølge",
        "Partners in rank order",
    ),
    "html.readiness_caption": ("De tre punkter for jeres rolle", "The three points for your role"),
    "html.plan_caption": (
        "Hvor hver tilgang står, og det første møde",
        "Where each approach stands, and the first meeting",
    ),
    "html.checklist_caption": ("Guidens seks punkter", "The guide's six items"),
    "column.since": ("Siden", "Since"),
    "column.until": ("Indtil", "Until"),
    "column.disagreement": ("Bedømmerne er uenige", "Raters disagree"),
    # The priority board as SVG (civsam export -f svg).
    "svg.legend": ("Forklaring", "Legend"),
    "svg.postit": (
        "{rank}. {name} – {quadrant}. Betydning {importance}, lethed {ease}.",
        "{rank}. {name} – {quadrant}. Importance {importance}, ease {ease}.",
    ),
    "svg.disagreement": ("Bedømmerne er uenige.", "The raters disagree."),
    "svg.desc.one": (
        (
            "Prioriteringstavle med {count} vurderet samarbejdspartner. {counts}. "
            "Tabellen over samarbejdspartnere rummer det samme som tekst."
        ),
        (
            "Priority board with {count} assessed partner. {counts}. "
            "The partner table holds the same as text."
        ),
    ),
    "svg.desc.other": (
        (
            "Prioriteringstavle med {count} vurderede samarbejdspartnere. {counts}. "
            "Tabellen over samarbejdspartnere rummer det samme som tekst."
        ),
        (
            "Priority board with {count} assessed partners. {counts}. "
            "The partner table holds the same as text."
        ),
    ),
    "svg.quadrant_count": ("{quadrant}: {count}", "{quadrant}: {count}"),
    "svg.rank_legend": (
        "Tallet på en seddel er dens rang: nr. 1 kontaktes først.",
        "The number on a post-it is its rank: contact number 1 first.",
    ),
    "svg.disagreement_legend": (
        "Stiplet kant og ! = bedømmerne er uenige: tal om dem, før I rækker ud.",
        "Dashed border and ! = the raters disagree: discuss them before reaching out.",
    ),
    "svg.position_legend": (
        "En seddels plads følger dens point: betydning op ad siden, lethed hen ad bunden.",
        "A post-it's place follows its scores: importance up the side, ease along the bottom.",
    ),
    "svg.hidden.one": (
        (
            "{count} samarbejdspartner er ikke vist på tavlen, da der ikke var plads; "
            "tabellen over samarbejdspartnere har dem alle."
        ),
        (
            "{count} partner is not shown on the board for lack of room; "
            "the partner table has them all."
        ),
    ),
    "svg.hidden.other": (
        (
            "{count} samarbejdspartnere er ikke vist på tavlen, da der ikke var plads; "
            "tabellen over samarbejdspartnere har dem alle."
        ),
        (
            "{count} partners are not shown on the board for lack of room; "
            "the partner table has them all."
        ),
    ),
    "value.yes": ("ja", "yes"),
    "value.no": ("nej", "no"),
    "value.empty": ("", ""),
}
