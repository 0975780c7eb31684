"""Outputs put in place as one set: a year-end review's files appear only once its history is recorded.

A review writes four files (the reviewed households, the rejects, the movements, the households not
reviewed) and then records the review in the history. Each file is written to a temporary file beside
its place; inside :func:`one_set` the renames that would put them in place (:func:`put_in_place`, called
by every atomic writer of this package) are held until the set is complete, so a review that fails or is
stopped before its record leaves neither its files nor its record: the previous outputs stay, as the
history does (docs/review.md).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from ..errors import OutputsNotPlaced
from ..vocabulary import words as W
from .outputs import is_parquet_dataset, unwritable

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


def _refusal(exc: OSError, path: Path, lang: str) -> str:
    """Why ``path`` could not be replaced by its new version, in ``lang``: a file there that the system
    keeps (open in Excel on Windows, or read-only) while its folder is writable is said so, not as the
    folder's permission (:func:`~poverty_rules.data.outputs.unwritable` for any other refusal)."""
    parent = path.parent if str(path.parent) else Path(".")
    kept = exc.errno in (errno.EACCES, errno.EPERM) and os.path.lexists(path) and os.access(parent, os.W_OK)
    return W.msg("file_in_use", lang, file=path) if kept else str(unwritable(exc, path, lang))


def _remove(path: Path) -> None:
    """Unlink ``path`` (already gone: nothing to do)."""
    path.unlink(missing_ok=True)


class SetState:
    """What :func:`one_set` did with its files: ``placed`` (the files put in place, in order), ``done``
    (every file of the set in place) and :attr:`waiting`."""

    def __init__(self, held: list[tuple[Path, Path]]) -> None:
        self._held = held
        self.placed: list[Path] = []
        self.done = False

    @property
    def waiting(self) -> list[Path]:
        """The set's files not put in place (they keep their earlier version, or are absent)."""
        return [path for _, path in self._held if path not in self.placed]


@contextmanager
def one_set(lang: str = "en") -> Iterator[SetState]:
    """The files written inside this block are put in place together when it ends normally (and the
    files :func:`remove_in_place` named are removed then); when it ends by an error, a refusal
    (``SystemExit``) or a stop (Ctrl-C, ``SIGTERM``), none is, their temporary files are removed and
    the earlier files stay.

    A stop that comes while the files are being put in place waits until they all are (each rename is
    quick), then stops the run; a file that cannot be put in place (open in another program, a folder
    made read-only meanwhile) stops the renames: the files not yet in place keep their earlier version
    (their temporary files removed) and :class:`~poverty_rules.errors.OutputsNotPlaced` names them and
    the files already in place. The block's value (:class:`SetState`) tells which were put in place."""
    held: list[tuple[Path, Path]] = []
    dropped: list[Path] = []
    state = SetState(held)
    token = _HELD.set(held)
    dropping = _DROPPED.set(dropped)
    try:
        yield state
    except BaseException:
        for tmp, _ in held:
            tmp.unlink(missing_ok=True)
        raise
    finally:
        _HELD.reset(token)
        _DROPPED.reset(dropping)
    stopped: KeyboardInterrupt | None = None
    for at, (tmp, path) in enumerate(held):
        try:
            try:
                os.replace(tmp, path)
            except KeyboardInterrupt as stop:  # before the rename or just after it: the file says which
                stopped = stop
                if os.path.lexists(tmp):
                    os.replace(tmp, path)
        except OSError as exc:
            for later, _ in held[at:]:
                later.unlink(missing_ok=True)
            missing = [later for _, later in held[at:]]
            raise OutputsNotPlaced(_refusal(exc, path, lang), placed=state.placed, missing=missing) from None
        state.placed.append(path)
    for path in dropped:  # the earlier run's files this set replaces by none, once the set is in place
        try:
            _remove(path)
        except OSError as exc:
            raise OutputsNotPlaced(str(unwritable(exc, path, lang)), placed=state.placed, missing=[path]) from None
    state.done = True
    if stopped is not None:
        raise stopped


#: How old a temporary file beside an output must be to be a cut-off run's for sure: no run writes one for an
#: hour without touching it, nor keeps one waiting that long for its history's record.
LEFTOVER_AGE = 3600.0


def leftovers(path: str | Path, *, now: float | None = None) -> tuple[list[Path], list[Path]]:
    """The temporary files of ``path`` (``.ho.reviewed.csv.k2j3_x9a.tmp``, hidden, named as this package's
    writers name them) that a run cut off before its end (power lost, the program killed) left beside it:
    those older than :data:`LEFTOVER_AGE` are removed (no run writes them any more), the younger ones kept
    (a run may be writing them now). A ``classify --dask`` run's temporary folder of Parquet files, named so
    (``.out.parquet.k2j3_x9a.tmp/``), is one too (its time: its newest file's); a folder holding anything
    else is never removed. Gives (removed, kept); a file that cannot be removed is kept."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    pattern = re.compile(re.escape(f".{path.name}.") + r"[a-z0-9_]{8}\.tmp")
    moment = time.time() if now is None else now
    removed: list[Path] = []
    kept: list[Path] = []
    try:
        found = sorted(p for p in parent.iterdir() if pattern.fullmatch(p.name) and (p.is_file() or _dataset(p)))
    except OSError:
        return [], []
    for tmp in found:
        try:
            if moment - _written_at(tmp) > LEFTOVER_AGE:
                if tmp.is_dir():
                    shutil.rmtree(tmp)
                else:
                    tmp.unlink()
                removed.append(tmp)
                continue
        except OSError:
            pass
        kept.append(tmp)
    return removed, kept


def _dataset(folder: Path) -> bool:
    """Whether ``folder`` (not a link) holds Parquet files alone: what a ``--dask`` run writes into its
    temporary folder (:func:`~poverty_rules.data.outputs.is_parquet_dataset`)."""
    return folder.is_dir() and not folder.is_symlink() and is_parquet_dataset(folder)


def _written_at(tmp: Path) -> float:
    """When ``tmp`` was last written: a file's time, or a folder's and its files' newest."""
    if not tmp.is_dir():
        return tmp.stat().st_mtime
    return max([tmp.stat().st_mtime, *(p.stat().st_mtime for p in tmp.iterdir())])
