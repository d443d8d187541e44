"""The plan: capacity, closed periods, what counts as contact, moved check-ins.

Part of civsam's one catalogue (:mod:`civsam.labels`): key -> (Danish, English).
"""

TEXTS: dict[str, tuple[str, str]] = {}
