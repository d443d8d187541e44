"""civsam's version, in a leaf every layer may import (``civsam.__version__`` re-exports it)."""

__all__ = ["__version__"]

__version__ = "0.1.0"
