"""Where the outputs go, checked before any work: a known extension, a writable folder, no output
that is an input or another output (design.md, "Command line": no output may overwrite an input).

Apart from :mod:`poverty_rules.data.write` (import these from here) because it needs no pandas: the
command line checks its outputs before it imports the pipeline (docs/architecture.md, "Start-up").
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputError
from ..vocabulary import words as W

#: Output formats by extension.
OUTPUT_FORMATS = (".csv", ".xlsx", ".parquet")


def output_format(path: str | Path, lang: str = "en") -> str:
    """The output format of ``path`` (``.csv``, ``.xlsx``, ``.parquet``), or an :class:`OutputError`."""
    suffix = Path(path).suffix.lower()
    if not suffix:  # ``-o ket_qua``: it said "cannot write a '' file"
        allowed = ", ".join(OUTPUT_FORMATS)
        raise OutputError(W.msg("no_output_ext", lang, file=path, allowed=allowed, example=f"{Path(path).name}.csv"))
    if suffix not in OUTPUT_FORMATS:
        raise OutputError(
            W.msg("bad_output_ext", lang, file=path, ext=suffix or "''", allowed=", ".join(OUTPUT_FORMATS))
        )
    return suffix


def check_output(path: str | Path, lang: str = "en", *, dataset: bool = False) -> None:
    """Stop before any work when ``path`` cannot be written: unknown extension, missing folder, a folder
    (with ``dataset``, a Parquet dataset a Dask run writes as a folder: a folder of Parquet files only,
    which the run replaces; any other folder is refused, never replaced; its name may have no extension,
    as a dataset's folder often has none: ``-o classified``)."""
    path = Path(path)
    if path.is_dir() and not (dataset and is_parquet_dataset(path)):  # before its extension: a folder has none
        raise OutputError(W.msg("is_folder", lang, file=path))
    if not (dataset and not path.suffix):
        output_format(path, lang)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise _no_folder(path, parent, lang)
    check_folder(path, lang)
    check_replaceable(path, lang)


def check_replaceable(path: str | Path, lang: str = "en") -> None:
    """Stop before any work when ``path`` is a file the system will not let this run replace: open in
    another program that locks it (Excel on Windows) or read-only. Found by opening it for writing, which
    changes nothing (no byte written, not truncated); otherwise the run would do its work, and a year-end
    review record its history, before its rename failed."""
    path = Path(path)
    if not path.is_file():
        return
    try:
        os.close(os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0)))
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.ETXTBSY):
            raise OutputError(W.msg("file_in_use", lang, file=path)) from None


def check_folder(path: str | Path, lang: str = "en") -> None:
    """Stop before any work when no file can be made at ``path``: its folder is missing, or cannot be
    written to (no permission, a read-only disk). What :func:`check_output` checks whatever the format
    (``report``'s .xlsx and .html, ``eligible -o``)."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise _no_folder(path, parent, lang)
    if not os.access(parent, os.W_OK):
        raise OutputError(W.msg("not_writable", lang, file=path, folder=parent))


def _no_folder(path: Path, parent: Path, lang: str) -> OutputError:
    """Why no file can be made at ``path``, whose folder ``parent`` is not one: a file on its way (``-o
    ho.csv/ket_qua.csv``, the household file ``ho.csv`` taken for a folder) is named as a file, never said
    not to exist; else the folder is missing."""
    existing = parent
    while not os.path.lexists(existing) and existing != existing.parent:
        existing = existing.parent
    if os.path.lexists(existing) and not existing.is_dir():
        return OutputError(W.msg("not_folder", lang, file=existing))
    return OutputError(W.msg("no_folder", lang, file=path, folder=parent))


def check_output_folder(folder: str | Path, lang: str = "en") -> None:
    """Stop before any work when the folder ``folder`` (``report --format csv -o out/``, made with its
    missing parents) cannot be made or written to: the nearest folder that exists must be writable."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(W.msg("not_folder", lang, file=folder))
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.exists() and not existing.is_dir():  # out.csv/report: a folder inside a file
        raise OutputError(W.msg("not_folder", lang, file=existing))
    if not os.access(existing if str(existing) else ".", os.W_OK):
        raise OutputError(W.msg("not_writable", lang, file=folder, folder=existing))


def check_history_writable(db: str | Path, lang: str = "en") -> None:
    """Stop before any work when the history file ``db`` cannot be written (a review records into it,
    ``history import`` and ``undo`` change it): the file read-only, or its folder missing or read-only
    (SQLite writes its journal beside the file). Checked before a review writes any file, so that a
    review never writes its files and then fails to record them."""
    db = Path(db)
    if db.exists() and not os.access(db, os.W_OK):
        raise OutputError(W.msg("history_read_only", lang, file=db))
    check_folder(db, lang)


def unwritable(exc: OSError, path: str | Path, lang: str = "en") -> OutputError:
    """The :class:`OutputError` for ``exc``, an operating system's refusal met while writing ``path``
    (what the checks above could not foresee: a disk made read-only, root's chmod …), in ``lang``."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if exc.errno == errno.ENOENT:
        return OutputError(W.msg("no_folder", lang, file=path, folder=parent))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return OutputError(W.msg("not_writable", lang, file=path, folder=parent))
    return OutputError(W.msg("cannot_write", lang, file=path, why=W.os_reason(exc, lang)))


@contextmanager
def writing(path: str | Path, lang: str = "en") -> Iterator[None]:
    """Write ``path`` inside this block: an operating system's refusal becomes :func:`unwritable`'s
    message (one line, in ``lang``) instead of an unexpected failure."""
    try:
        yield
    except OSError as exc:
        raise unwritable(exc, path, lang) from None


def is_parquet_dataset(folder: str | Path) -> bool:
    """Whether ``folder`` holds nothing but Parquet files (``*.parquet``, Dask's ``_metadata`` and
    ``_common_metadata``): what ``classify --dask`` writes, so what a run again may replace."""
    return all(
        p.is_file() and (p.suffix == ".parquet" or p.name in ("_metadata", "_common_metadata"))
        for p in Path(folder).iterdir()
    )


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)


def _role(what: str, lang: str) -> str:
    return W.FILE_ROLE.get(what, {}).get(lang, what)


def check_distinct(inputs: dict[str, Path | None], outputs: dict[str, Path | None], lang: str = "en") -> None:
    """No output may be an input or another output (``--rejects`` naming the input, ``-o X --rejects X``),
    nor lie inside an input that is a folder (a Parquet dataset read by ``--dask``, whose next run would
    read the output as households too): an :class:`OutputError` naming both, before anything is read or
    written. Symlinks and hard links to the same file count as the same file."""
    outs = [(k, p) for k, p in outputs.items() if p is not None]
    ins = [(k, p) for k, p in inputs.items() if p is not None]
    for i, (what, path) in enumerate(outs):
        for other, other_path in ins + outs[:i]:
            if _same(Path(path), Path(other_path)):
                raise OutputError(W.msg("same_path", lang, file=path, what=_role(what, lang), other=_role(other, lang)))
        for other, folder in ins:
            if Path(folder).is_dir() and Path(os.path.realpath(folder)) in Path(os.path.realpath(path)).parents:
                what_, other_ = _role(what, lang), _role(other, lang)
                raise OutputError(W.msg("inside_input", lang, file=path, what=what_, other=other_, folder=folder))
