"""Where the benches find the project's reference data: ``../shared/data`` beside the checkout.

A user's clone has no ``../shared``: a bench that needs it says so and stops, instead of a traceback."""

import sys
from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def require(path: Path) -> Path:
    """``path`` when it exists; otherwise a one-line explanation and exit code 2."""
    if not path.exists():
        sys.exit(
            f"{path} is absent: this bench reads ../shared/data beside the checkout, which a clone lacks."
        )
    return path
