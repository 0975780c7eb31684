"""The progress bar a long ``classify`` shows on stderr (rich.progress), imported only when it is
shown: a ``-q`` run, or a run whose bar is off, never imports rich.progress (0.025 s of the
classifying thread's start, docs/scale.md); cli/_classifying.py loads :func:`bar` late."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


def bar(console: Console) -> Progress:
    """Description, bar, rows done of rows, time elapsed; gone from the screen when the run ends."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
