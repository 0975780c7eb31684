"""A streamed file's notes: what its batches say, as the whole file says it.

``normalize`` writes its notes about the batch it is given. Most are the same in every batch (a column
missing, a column that is no indicator): :class:`FileNotes` says each once, in the order the batches
first say them. The notes from the file's numbers (``data/plausibility.py``: incomes typed in thousands,
with their share and median; every flag blank; score A disagreeing with incomes, with the rank
correlation) are not the batch's to say: each batch is normalized with ``say_figures=False``, its
figures are added to the file's (:meth:`~poverty_rules.data.plausibility.Figures.add`, exactly) and the
notes are said once, from the whole file's figures, where the whole-file path says them: after the
notes about the file's columns, before the notes that follow them (the members, a replaced column).
A note that an indicator column is unknown for every household (derived for none of the batch's) is
the file's only when every batch with rows says it of that column.
All three streams say their notes through this (``classify``, ``classify --members``, the review), so
none reads a file whole for a note.
"""

from __future__ import annotations

import re
from functools import cache

from ..data.normalize import Normalized
from ..data.plausibility import Figures
from ..vocabulary import words as W
from ..vocabulary.choices import Lang

__all__ = ["FileNotes", "is_message"]


@cache
def _pattern(key: str, lang: str) -> re.Pattern[str]:
    parts = re.split(r"\{[a-z_]+(?::[^{}]*)?\}", W.MESSAGES[key][lang])  # {count}, {count:row|rows}
    return re.compile(".*".join(map(re.escape, parts)), flags=re.DOTALL)


def is_message(note: str, key: str, lang: Lang | str) -> bool:
    """Whether ``note`` is the message ``key`` (vocabulary/words.py) in ``lang``, whatever its values."""
    return _pattern(key, lang).fullmatch(note) is not None


class FileNotes:
    """The notes of a streamed file: :meth:`add` each batch's normalized table (its figures kept, not
    said: ``say_figures=False``), :meth:`note` any other note; :meth:`whole` gives them as the whole
    file says them, each once, the file's figures' notes in their place."""

    def __init__(self) -> None:
        self._notes: list[str] = []
        self._figures: Figures | None = None
        self._at = 0  # where the figures' notes go: after the first batch's notes before them
        self._batches = 0  # the batches with rows added
        self._unknown: dict[str, int] = {}  # column -> the batches saying it unknown for every household
        self._unknown_note: dict[str, str] = {}  # column -> the first such note

    def note(self, message: str) -> None:
        """Say ``message``, unless it was said before."""
        if message not in self._notes:
            self._notes.append(message)

    def add(self, normalized: Normalized) -> None:
        """A batch's notes, and its figures added to the file's."""
        notes, at, figures = normalized.notes, normalized.figures_at, normalized.figures
        if figures is None:  # normalized with its figures said: its notes as they are
            at = len(notes)
        if len(normalized.frame):
            self._batches += 1
        unknown = {message: column for column, message in normalized.unknown_for_all.items()}
        for message in notes[:at]:
            self._batch_note(message, unknown.get(message))
        if figures is not None and self._figures is None:
            self._figures, self._at = figures, len(self._notes)
        elif figures is not None and self._figures is not None:
            self._figures.add(figures)
        for message in notes[at:]:
            self._batch_note(message, unknown.get(message))

    def _batch_note(self, message: str, column: str | None) -> None:
        """A batch's note; one saying ``column`` unknown for every household of the batch counted, and said
        in the words of the first batch that says it (the next may name other empty fields)."""
        if column is not None:
            self._unknown[column] = self._unknown.get(column, 0) + 1
            message = self._unknown_note.setdefault(column, message)
        self.note(message)

    def whole(self) -> list[str]:
        """The notes, the file's figures' notes among them (worked out here, once)."""
        said = self._figures.notes() if self._figures is not None else []
        partial = {self._unknown_note[column] for column, n in self._unknown.items() if n < self._batches}
        notes = [message if message not in partial else None for message in self._notes]
        kept = [*notes[: self._at], *said, *notes[self._at :]]
        return [message for message in kept if message is not None]
