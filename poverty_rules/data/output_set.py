"""Outputs put in place as one set: a year-end review's files appear only once its history is recorded.

A review writes four files (the reviewed households, the rejects, the movements, the households not
reviewed) and then records the review in the history. Each file is written to a temporary file beside
its place; inside :func:`one_set` the renames that would put them in place (:func:`put_in_place`, called
by every atomic writer of this package) are held until the set is complete, so a review that fails or is
stopped before its record leaves neither its files nor its record: the previous outputs stay, as the
history does (docs/review.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from .outputs import unwritable

#: The renames held by the innermost :func:`one_set` (temporary file, its place), or None outside one.
_HELD: ContextVar[list[tuple[Path, Path]] | None] = ContextVar("held_renames", default=None)


def put_in_place(tmp: str | Path, path: str | Path) -> None:
    """Rename the finished temporary file ``tmp`` to ``path``: at once, or inside :func:`one_set` when the
    set is complete."""
    held = _HELD.get()
    if held is None:
        os.replace(tmp, path)
    else:
        held.append((Path(tmp), Path(path)))


@contextmanager
def one_set(lang: str = "en") -> Iterator[None]:
    """The files written inside this block are put in place together when it ends normally; when it
    ends by an error, a refusal (``SystemExit``) or a stop (Ctrl-C, ``SIGTERM``), none is, and their
    temporary files are removed."""
    held: list[tuple[Path, Path]] = []
    token = _HELD.set(held)
    try:
        yield
    except BaseException:
        for tmp, _ in held:
            tmp.unlink(missing_ok=True)
        raise
    finally:
        _HELD.reset(token)
    for at, (tmp, path) in enumerate(held):
        try:
            os.replace(tmp, path)
        except OSError as exc:
            for later, _ in held[at:]:
                later.unlink(missing_ok=True)
            raise unwritable(exc, path, lang) from None
