"""A streamed file's notes: what each batch says, as the whole file would say it.

``normalize`` writes its notes about the batch it is given. Most are the same in every batch (a column
missing, a column that is no indicator) and are said once. Two kinds are about the file's numbers:

* **every flag blank** (``n_all_blank``) is true of the file only when it is true of every batch:
  :class:`BatchNotes` says it only then;
* **the file's figures** (``n_thousands``: the share of incomes under 20,000 and their median;
  ``n_disagree``: the rank correlation of score A and income) are computed from the rows at hand, so
  a batch's figures are not the file's. :func:`has_file_figures` finds them; the streamed review and
  ``classify --members`` then take the whole-file path, which says the file's figures; ``classify``
  of households alone says each batch's (a file of millions rows is not read whole for a warning).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from ..vocabulary import words as W
from ..vocabulary.choices import Lang

__all__ = ["BatchNotes", "has_file_figures", "is_message"]

_FILE_FIGURES = ("n_thousands", "n_disagree")
_EVERY_BATCH = "n_all_blank"


@cache
def _pattern(key: str, lang: str) -> re.Pattern[str]:
    parts = re.split(r"\{[a-z_]+\}", W.MESSAGES[key][lang])
    return re.compile(".*".join(map(re.escape, parts)), flags=re.DOTALL)


def is_message(note: str, key: str, lang: Lang | str) -> bool:
    """Whether ``note`` is the message ``key`` (vocabulary/words.py) in ``lang``, whatever its values."""
    return _pattern(key, lang).fullmatch(note) is not None


def has_file_figures(note: str, lang: Lang | str) -> bool:
    """Whether ``note`` gives figures of the rows it was made from (a share, a median, a correlation)."""
    return any(is_message(note, key, lang) for key in _FILE_FIGURES)


class BatchNotes:
    """Counts the batches that say "every flag blank" (:meth:`add` each batch's notes);
    :meth:`whole` keeps that note only if every batch said it."""

    def __init__(self, lang: Lang | str) -> None:
        self._lang = lang
        self._said: Counter[str] = Counter()

    def add(self, notes: list[str]) -> None:
        for note in notes:
            if is_message(note, _EVERY_BATCH, self._lang):
                self._said[note] += 1

    def whole(self, notes: list[str], batches: int) -> list[str]:
        """``notes`` (the batches' notes, each said once) as the whole file says them."""
        return [note for note in notes if self._said.get(note, batches) == batches]
