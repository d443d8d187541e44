"""``python -m civsam``: the same as the ``civsam`` command."""

import sys

from civsam.cli import main

sys.exit(main())
