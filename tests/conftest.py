"""Hypothesis profiles (``HYPOTHESIS_PROFILE``): ``ci``, the default, draws the same examples on every
run (``derandomize``), so a commit's suite passes or fails alike on every machine and in CI; ``explore``
draws new examples on each run (as many as each test's settings ask), to look for new failures:
``HYPOTHESIS_PROFILE=explore python -m pytest``; ``thorough`` draws new examples too, and the costly
properties draw more of them (``examples(usual, thorough=…)`` in tests/_profiles.py), for a nightly run
or before a release: ``HYPOTHESIS_PROFILE=thorough python -m pytest``."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from hypothesis import settings

# Bytecode: an environment that sets PYTHONDONTWRITEBYTECODE (this project's machines do, as many containers do)
# had every process of the suite — each xdist worker, each command a CLI test starts in a subprocess — compile the
# package from its sources again, about 0.3 s of CPU per process (a two-household classify: 0.71-0.83 s of user
# CPU with bytecode, 0.95-1.19 s without, 6 alternating runs), and pytest rewrite the test modules' asserts again
# in every worker. The suite keeps its bytecode under .pytest_cache/bytecode (PYTHONPYCACHEPREFIX, inherited by
# the workers and the subprocesses), never beside the sources, and reads it back; what a user installs is
# compiled by pip (``pip install`` compiles), so the suite now runs the package as it is installed.
_BYTECODE = Path(__file__).resolve().parent.parent / ".pytest_cache" / "bytecode"
os.environ["PYTHONPYCACHEPREFIX"] = str(_BYTECODE)
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.pycache_prefix = str(_BYTECODE)
sys.dont_write_bytecode = False

# A suite started in the background by a shell without job control (``.ci/run &`` in a script, a CI step run so)
# inherits SIGINT ignored, and so do the commands the tests start: the tests of a stopped run (Ctrl-C) then saw
# runs finish instead of stopping (tests/test_interrupt.py, tests/test_review_cli.py; a fresh-clone CI run so
# launched, 2026-11-28). Ctrl-C means here what it means in a terminal: Python's KeyboardInterrupt, and the
# default for the processes the tests start.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.register_profile("thorough", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
