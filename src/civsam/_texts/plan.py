"""The plan: capacity, closed periods, what counts as contact, moved check-ins.

Part of civsam's one catalogue (:mod:`civsam.labels`): key -> (Danish, English).
"""

TEXTS: dict[str, tuple[str, str]] = {
    # [planning] settings refused (completes "expected …")
    "settings.closed_period": (
        'første og sidste lukkedag som "MM-DD", fx "12-20" og "01-01", eller ingen',
        'the first and the last closed day as "MM-DD", such as "12-20" and "01-01", or none',
    ),
    "settings.closed_period_day": (
        'en dag, der findes hvert år, som "MM-DD", fx "12-20"',
        'a day of every year as "MM-DD", such as "12-20"',
    ),
    "settings.closed_period_length": (
        "en lukkeperiode på højst {weeks} uger",
        "a closed period of at most {weeks} weeks",
    ),
    "settings.contact_kinds": (
        "nogle af {kinds}, hver højst én gang",
        "some of {kinds}, each at most once",
    ),
    # what a report may say about the plan
    "plan.moved_check_ins": ("Flyttede opfølgninger", "Moved check-ins"),
    "plan.moved_check_in": (
        "{name}: {rule} flyttet til {moved}",
        "{name}: {rule} moved to {moved}",
    ),
    "plan.closed_period": (
        "Lukket fra {first} til {last}: intet planlægges",
        "Closed from {first} to {last}: nothing is planned",
    ),
}
