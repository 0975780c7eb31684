"""The program: ``python -m poverty_rules``, and the ``poverty-rules`` and ``classify`` commands
(pyproject.toml's scripts run :func:`main` and :func:`classify_main` of this module).

Garbage collection is turned off before the first import, numpy's BLAS told to use one thread
(``OPENBLAS_NUM_THREADS``, unless the user set it: the program multiplies no large matrices, and
OpenBLAS's threads spin for about 0.1 s after numpy loads, on the core the reading thread starts on —
1.31 -> 1.29 s wall and 2.15 -> 2.02 s of CPU for a million households, 7 alternating runs), and the
program's process set up
(:func:`poverty_rules.cli._base.start_program`: the collector resumes once the command's work is
imported), before the command runs; the process ends as soon as the command has
(:func:`poverty_rules.cli._base.end_program`).
"""

import gc
import os
from collections.abc import Callable
from typing import Any

gc.disable()  # before the imports below: see start_program
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy loads

from .cli import _base  # noqa: E402 - after the collector is off
from .cli import classify_main as _classify  # noqa: E402
from .cli import main as _main  # noqa: E402


def main() -> None:
    """``poverty-rules``: the command line's group of commands, in this process."""
    _program(_main)


def classify_main() -> None:
    """``classify``: the standalone classify command, in this process."""
    _program(_classify)


def _program(command: Callable[[], Any]) -> None:
    """Run ``command`` as the program: its process set up first, ended with the command's exit code."""
    _base.start_program()
    try:
        command()
    except SystemExit as stop:
        _base.end_program(stop.code)


if __name__ == "__main__":
    main()
