"""Where the outputs go, checked before any work: a known extension, a writable folder, no output
that is an input or another output (design.md, "Command line": no output may overwrite an input).

Apart from :mod:`poverty_rules.data.write` (import these from here) because it needs no pandas: the
command line checks its outputs before it imports the pipeline (docs/architecture.md, "Start-up").
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import OutputError
from ..vocabulary import words as W

#: Output formats by extension.
OUTPUT_FORMATS = (".csv", ".xlsx", ".parquet")


def output_format(path: str | Path, lang: str = "en") -> str:
    """The output format of ``path`` (``.csv``, ``.xlsx``, ``.parquet``), or an :class:`OutputError`."""
    suffix = Path(path).suffix.lower()
    if suffix not in OUTPUT_FORMATS:
        raise OutputError(
            W.msg("bad_output_ext", lang, file=path, ext=suffix or "''", allowed=", ".join(OUTPUT_FORMATS))
        )
    return suffix


def check_output(path: str | Path, lang: str = "en", *, dataset: bool = False) -> None:
    """Stop before any work when ``path`` cannot be written: unknown extension, missing folder, a folder
    (with ``dataset``, a Parquet dataset a Dask run writes as a folder: a folder of Parquet files only,
    which the run replaces; any other folder is refused, never replaced)."""
    path = Path(path)
    output_format(path, lang)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(W.msg("no_folder", lang, file=path, folder=parent))
    if path.is_dir() and not (dataset and is_parquet_dataset(path)):
        raise OutputError(W.msg("is_folder", lang, file=path))
    if not os.access(parent, os.W_OK):
        raise OutputError(W.msg("not_writable", lang, file=path, folder=parent))


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
    """No output may be an input or another output (``--rejects`` naming the input, ``-o X --rejects X``):
    an :class:`OutputError` naming both, before anything is read or written. Symlinks and hard links
    to the same file count as the same file."""
    outs = [(k, p) for k, p in outputs.items() if p is not None]
    ins = [(k, p) for k, p in inputs.items() if p is not None]
    for i, (what, path) in enumerate(outs):
        for other, other_path in ins + outs[:i]:
            if _same(Path(path), Path(other_path)):
                raise OutputError(W.msg("same_path", lang, file=path, what=_role(what, lang), other=_role(other, lang)))
