"""How many examples a costly property draws under the hypothesis profile run (tests/conftest.py).

A property's own ``@settings(max_examples=…)`` wins over any profile's, so a property that costs seconds
sizes its count with ``examples(usual, thorough=…)``: ``usual`` in every run (the ``ci`` and ``explore``
profiles), ``thorough`` when ``HYPOTHESIS_PROFILE=thorough`` (nightly, before a release).
"""

from __future__ import annotations

import os

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"


def examples(usual: int, *, thorough: int) -> int:
    """The example count of a costly property under the profile run."""
    return thorough if THOROUGH else usual
