"""Hypothesis profiles (``HYPOTHESIS_PROFILE``): ``ci``, the default, draws the same examples on every
run (``derandomize``), so a commit's suite passes or fails alike on every machine and in CI; ``explore``
draws new examples on each run (as many as each test's settings ask), to look for new failures:
``HYPOTHESIS_PROFILE=explore python -m pytest``; ``thorough`` draws new examples too, and the costly
properties draw more of them (``examples(usual, thorough=…)`` in tests/_profiles.py), for a nightly run
or before a release: ``HYPOTHESIS_PROFILE=thorough python -m pytest``."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.register_profile("thorough", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
