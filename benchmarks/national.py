"""A deterministic, national-size project: Denmark's 98 municipalities and their associations.

``national(organisations=100_000)`` returns the project file's data (a dict, as
``json.load`` would give it), the same for the same arguments on every machine, so that
benchmarks compare like with like. Names, target groups and relations are drawn from
small Danish vocabularies; scores cover the whole 1–5 scale; the contact log
(``[[touchpoints]]``) holds meetings, calls, e-mails and events with assessed partners in
the year before the plan starts (``[planning] start``, 2027-01-04).

To try civsam on it by hand, or to profile a command::

    python benchmarks/national.py national.json            # 100,000 organisations
    python benchmarks/national.py small.json --size 5000
    civsam export national.json -f csv -o national.csv
    python -m pyinstrument -m civsam export national.json -f markdown -o national.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path
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
_TOUCHPOINTS = ("meeting", "call", "email", "event")
PLAN_START = dt.date(2027, 1, 4)
"""The national project's ``[planning] start``: every touchpoint is in the year before it."""
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
    """The data of a project with that many organisations, relations, assessments and touchpoints.

    The owner is the first of the 98 municipalities, which are always there (so a
    project has at least 98 organisations). Touchpoints are with assessed partners,
    several with some, none with others, dated in the year before :data:`PLAN_START`
    and listed in the order they happened, as a team logs them.
    """
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
    # Drawn last, so that the organisations, relations and assessments above are the
    # same whether or not the project logs touchpoints.
    log = sorted(
        (
            (PLAN_START - dt.timedelta(days=rng.randint(1, 365))).isoformat(),
            rng.choice(partners),
            rng.choice(_TOUCHPOINTS),
        )
        for _ in range(touchpoints if partners else 0)
    )
    return {
        "project": {"name": "Danmark", "owner": ids[0], "target_groups": list(_GROUPS[:3])},
        "planning": {"start": PLAN_START.isoformat()},
        "organisations": orgs,
        "relations": rels,
        "assessments": rows,
        "touchpoints": [
            {"partner": partner, "date": day, "kind": kind} for day, partner, kind in log
        ],
    }


def main(argv: list[str] | None = None) -> int:
    """Write the national project to a JSON file, as the benchmarks do."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("path", type=Path, help="the JSON file to write")
    parser.add_argument("--size", type=int, default=100_000, help="organisations (100000)")
    args = parser.parse_args(argv)
    size = args.size
    data = national(size, size * 3, size, size // 2)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    args.path.write_text(text, encoding="utf-8")
    print(f"{args.path}: {len(data['organisations']):,} organisations, "
          f"{len(data['relations']):,} relations, {len(data['assessments']):,} assessments, "
          f"{len(data['touchpoints']):,} touchpoints")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
