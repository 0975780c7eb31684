"""The progress bar a long ``classify`` shows on stderr (rich.progress), imported only when it is
shown: a ``-q`` run, or a run whose bar is off, never imports rich.progress (0.025 s of the
classifying thread's start, docs/scale.md); cli/_classifying.py loads :func:`bar` late."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

from ..vocabulary import words as L


class _RowsDone(ProgressColumn):
    """Rows done of rows, written as the run's language writes numbers (``1.234.567/2.000.000`` in
    Vietnamese, ``1,234,567/2,000,000`` in English; ``?`` while the total is not known), as the summary is."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def render(self, task: Task) -> Text:
        """The task's rows done and, once known, its total."""
        total = "?" if task.total is None else L.number(int(task.total), self.lang)
        return Text(f"{L.number(int(task.completed), self.lang)}/{total}", style="progress.download")


def bar(console: Console, lang: str = "vi") -> Progress:
    """Description, bar, rows done of rows, time elapsed; gone from the screen when the run ends."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        _RowsDone(lang),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
