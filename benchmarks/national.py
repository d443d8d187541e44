"""A deterministic, national-size project: Denmark's 98 municipalities and their associations.

``national(organisations=100_000)`` returns the project file's data (a dict, as
``json.load`` would give it), the same for the same arguments on every machine, so that
benchmarks compare like with like. Names, target groups and relations are drawn from
small Danish vocabularies; scores cover the whole 1–5 scale.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

MUNICIPALITIES = 98
_KINDS = ("civil_society", "civil_society", "civil_society", "non_profit", "business",
          "public_institution", "other")  # fmt: skip
_RELATIONS = ("previous_project", "partnership", "co_creation", "bridge_building",
              "resource_sharing", "acquaintance")  # fmt: skip
_GROUPS = ("ældre", "unge", "børn", "familier", "ensomme", "flygtninge", "handicappede",
           "pårørende", "ledige", "studerende")  # fmt: skip
_WORDS = ("Forening", "Klub", "Netværk", "Fællesskab", "Center", "Hus", "Venner", "Råd",
          "Værested", "Initiativ")  # fmt: skip
_PLACES = ("Aarhus", "Viby", "Odense", "Ålborg", "Køge", "Næstved", "Randers", "Esbjerg",
           "Herning", "Sønderborg", "Holstebro", "Frederiksberg")  # fmt: skip


def national(
    organisations: int = 100_000,
    relations: int = 300_000,
    assessments: int = 100_000,
    touchpoints: int = 50_000,
    *,
    seed: int = 2026,
) -> dict[str, Any]:
    """The data of a project with that many organisations, relations and assessments.

    The owner is the first municipality. ``touchpoints`` is accepted for the lifecycle
    benchmarks and ignored until project files hold touchpoints.
    """
    del touchpoints
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    ids = [f"kommune-{n:03d}" for n in range(MUNICIPALITIES)]
    ids += [f"org-{n:06d}" for n in range(max(0, organisations - MUNICIPALITIES))]
    orgs: list[dict[str, Any]] = []
    for position, org_id in enumerate(ids):
        if position < MUNICIPALITIES:
            orgs.append({"id": org_id, "name": f"Kommune {position:03d}", "kind": "municipality",
                         "target_groups": list(_GROUPS[:3])})  # fmt: skip
            continue
        org: dict[str, Any] = {
            "id": org_id,
            "name": f"{rng.choice(_PLACES)} {rng.choice(_WORDS)} {position}",
            "kind": rng.choice(_KINDS),
            "target_groups": rng.sample(_GROUPS, rng.randint(0, 3)),
        }
        if rng.random() < 0.3:
            org["contacts"] = [{"name": f"Kontakt {position}", "email": f"k{position}@example.dk"}]
        orgs.append(org)
    seen: set[tuple[str, str, str]] = set()
    rels: list[dict[str, Any]] = []
    start = dt.date(2015, 1, 1)
    while len(rels) < relations and len(ids) > 1:
        source, target = rng.sample(ids, 2)
        kind = rng.choice(_RELATIONS)
        if (source, target, kind) in seen:
            continue
        seen.add((source, target, kind))
        relation: dict[str, Any] = {"source": source, "target": target, "kind": kind}
        if rng.random() < 0.5:
            relation["since"] = (start + dt.timedelta(days=rng.randrange(3650))).isoformat()
        rels.append(relation)
    partners = ids[1 : 1 + assessments]
    rows = [
        {
            "partner": partner,
            "shared_interest": "Samme målgruppe",
            "importance": rng.randint(1, 5),
            "ease": rng.randint(1, 5),
        }
        for partner in partners
    ]
    return {
        "project": {"name": "Danmark", "owner": ids[0], "target_groups": list(_GROUPS[:3])},
        "organisations": orgs,
        "relations": rels,
        "assessments": rows,
    }
