"""The SVG and HTML boards: paper sizes, the phone list, print.

Part of civsam's one catalogue (:mod:`civsam.labels`): key -> (Danish, English).
"""

TEXTS: dict[str, tuple[str, str]] = {}
