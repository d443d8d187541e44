"""civsam's built-in exporters, written as any third-party plugin would be.

This package uses only the public names of :mod:`civsam` (an import-linter contract
checks it) and registers its exporters through the ``civsam`` entry-point group, the
same way an outside plugin does.
"""

__all__: list[str] = []
