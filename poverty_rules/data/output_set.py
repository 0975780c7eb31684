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

#: The files the innermost :func:`one_set` removes once its renames are done (an earlier run's rejects).
_DROPPED: ContextVar[list[Path] | None] = ContextVar("held_removals", default=None)


def put_in_place(tmp: str | Path, path: str | Path) -> None:
    """Rename the finished temporary file ``tmp`` to ``path``: at once, or inside :func:`one_set` when the
    set is complete."""
    held = _HELD.get()
    if held is None:
        os.replace(tmp, path)
    else:
        held.append((Path(tmp), Path(path)))


def remove_in_place(path: str | Path) -> bool:
    """Remove ``path``, an earlier run's output this run does not write again (its rejects file when no
    row is rejected now): at once, or inside :func:`one_set` when the set is put in place. True when
    there is such a file (or link) to remove; a folder is never removed."""
    path = Path(path)
    if not os.path.lexists(path) or (path.is_dir() and not path.is_symlink()):
        return False
    dropped = _DROPPED.get()
    if dropped is None:
        _remove(path)
    else:
        dropped.append(path)
    return True


def _remove(path: Path) -> None:
    """Unlink ``path`` (already gone: nothing to do)."""
    path.unlink(missing_ok=True)


@contextmanager
def one_set(lang: str = "en") -> Iterator[None]:
    """The files written inside this block are put in place together when it ends normally (and the
    files :func:`remove_in_place` named are removed then); when it ends by an error, a refusal
    (``SystemExit``) or a stop (Ctrl-C, ``SIGTERM``), none is, their temporary files are removed and
    the earlier files stay."""
    held: list[tuple[Path, Path]] = []
    dropped: list[Path] = []
    token = _HELD.set(held)
    dropping = _DROPPED.set(dropped)
    try:
        yield
    except BaseException:
        for tmp, _ in held:
            tmp.unlink(missing_ok=True)
        raise
    finally:
        _HELD.reset(token)
        _DROPPED.reset(dropping)
    for at, (tmp, path) in enumerate(held):
        try:
            os.replace(tmp, path)
        except OSError as exc:
            for later, _ in held[at:]:
                later.unlink(missing_ok=True)
            raise unwritable(exc, path, lang) from None
    for path in dropped:  # the earlier run's files this set replaces by none, once the set is in place
        try:
            _remove(path)
        except OSError as exc:
            raise unwritable(exc, path, lang) from None
