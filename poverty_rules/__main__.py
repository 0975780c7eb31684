"""The program: ``python -m poverty_rules``, and the ``poverty-rules`` and ``classify`` commands
(pyproject.toml's scripts run :func:`main` and :func:`classify_main` of this module).

Garbage collection is turned off before the first import, numpy's BLAS told to use one thread
(``OPENBLAS_NUM_THREADS``, unless the user set it: the program multiplies no large matrices, and
OpenBLAS's threads spin for about 0.1 s after numpy loads, on the core the reading thread starts on —
1.31 -> 1.29 s wall and 2.15 -> 2.02 s of CPU for a million households, 7 alternating runs), pydantic
told to look for no plugins (``PYDANTIC_DISABLE_PLUGINS``, unless the user set it: the program's models use
none, and looking for them reads the entry points of every installed distribution when the first model is
built: about 5 ms of the start with 149 distributions installed), and the program's process set up
(:func:`poverty_rules.cli._base.start_program`: the collector resumes once the command's work is
imported), before the command runs; the process ends as soon as the command has
(:func:`poverty_rules.cli._base.end_program`).
"""

import contextlib
import gc
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

gc.disable()  # before the imports below: see start_program
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy loads
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # before the first model is built

from .vocabulary import words as L  # noqa: E402 - the words of a stop while the rest loads (standard library only)


def _stop_while_starting(signum: int, frame: object) -> None:
    """``SIGTERM`` while the program's modules load: stop as Ctrl-C does (start_program's own handler
    takes over once they are loaded)."""
    raise KeyboardInterrupt


def _stopped_while_starting(args: Sequence[str]) -> NoReturn:
    """Ctrl-C or ``SIGTERM`` before the command started (its modules still loading, 0.2-0.5 s): the
    one line every stopped run says, in the language ``--lang`` names, exit 2 — not Python's traceback
    of the import it stopped. Nothing was read or written yet."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C does not cut the line short
    lang = "vi"
    for i, arg in enumerate(args):
        named = args[i + 1] if arg == "--lang" and i + 1 < len(args) else None
        value = arg.partition("=")[2] if arg.startswith("--lang=") else named
        if value in ("vi", "en"):
            lang = str(value)
    print(f"{L.CLI['error'][lang]}: {L.CLI['interrupted'][lang]}", file=sys.stderr)
    os._exit(2)


with contextlib.suppress(ValueError):  # imported from a thread that is not the main one: no handler there
    signal.signal(signal.SIGTERM, _stop_while_starting)
try:
    from .cli import _base
    from .cli import classify_main as _classify
    from .cli import main as _main
except KeyboardInterrupt:
    _stopped_while_starting(sys.argv[1:])


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
