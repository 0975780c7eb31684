"""The bundled standards: found as package data, chosen by id, path or review date.

National standards live in ``poverty_rules/rulesets/*.yaml`` (package data, read with
:mod:`importlib.resources`, so a wheel carries them); local standards in ``rulesets/local/``.
The national periods must tile time (no overlap, no gap).
"""

from __future__ import annotations

import difflib
import itertools
import threading
from collections import OrderedDict
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from ..errors import RulesetError
from ..vocabulary import words as L
from ..vocabulary.day import parse_date
from .bundled import BUNDLED, national_files
from .bundled import period as bundled_period
from .diff import diff_rulesets
from .loader import build, read_file
from .messages import located, renamed, ruleset_error
from .model import Ruleset
from .yaml_lines import line_for

_BUNDLED = BUNDLED


def ruleset_dirs() -> list[Path]:
    """Where rulesets are looked up: the ``rulesets/`` folder inside the package (package data)."""
    return [_BUNDLED]


def local_files() -> list[Path]:
    """Local overlays (``rulesets/local/*.yaml``): listed apart, never in the national period check."""
    return sorted(p for d in ruleset_dirs() if (d / "local").is_dir() for p in (d / "local").glob("*.yaml"))


def local_file(name: str) -> Path | None:
    """The local standard's file ``name`` names: by its file name (``example-bac-ninh-2025``), else by the id
    the file states (``rulesets list`` shows that id, whatever the file is named); ``None`` when none does.
    Two files stating that id are refused, naming both (which one is meant cannot be known)."""
    files = local_files()
    for path in files:
        if path.stem == name:
            return path
    stating = [path for path in files if _stated_id(path) == name]
    if len(stating) > 1:
        shown = ", ".join(f"local/{path.name}" for path in stating)
        raise ruleset_error(name, None, "rs_local_id_twice", files=shown)
    return stating[0] if stating else None


def local_files_stating(ruleset_id: str) -> list[Path]:
    """The files of ``rulesets/local/`` that state ``ruleset_id`` as their ``id:``, whatever they are named."""
    return [path for path in local_files() if _stated_id(path) == ruleset_id]


def _refuse_same_label(path: Path, rs: Ruleset) -> None:
    """Refuse the local standard of ``rulesets/local/`` at ``path`` when another file there states its id and
    version (its label, ``tinh-a-2026@1``) but says something else: two contributors' standards would stamp
    results and review histories with one label, and no one could tell which standard classified a household.
    Said at its ``version:`` line, naming both files and what differs."""
    here = path.resolve()
    if rs.extends is None or here not in {file.resolve() for file in local_files()}:
        return
    for other in local_files_stating(rs.id):
        if other.resolve() == here:
            continue
        try:
            theirs = _load_path(other.resolve())
        except RulesetError:  # a broken file is said when it is loaded itself
            continue
        if theirs.label != rs.label or theirs.model_dump() == rs.model_dump():
            continue
        what = ", ".join(dict.fromkeys(c.what for c in diff_rulesets(theirs, rs).changes)) or "title, legal_basis"
        line = rs.line_of("version") or rs.line_of("id")
        raise ruleset_error(
            path,
            line,
            "rs_local_same_label",
            label=rs.label,
            file=f"local/{path.name}",
            other=f"local/{other.name}",
            what=what,
        )


def _stated_id(path: Path) -> str | None:
    """The ``id:`` a ruleset file states, or ``None`` when it cannot be read (said when it is loaded); read once
    for as long as the file is unchanged (its time and size)."""
    stamp = _stamp(path)
    if stamp is not None and stamp in _STATED:
        return _STATED[stamp]
    try:
        data, _ = read_file(path)
    except RulesetError:
        return None
    stated = str(data["id"]) if data.get("id") is not None else None
    if stamp is not None:
        _STATED[stamp] = stated
    return stated


#: The id each local file states, by the file's stamp (path, time, size).
_STATED: dict[tuple[str, int, int], str | None] = {}


def _national_files() -> list[Path]:
    return national_files(ruleset_dirs())


@lru_cache(maxsize=1)
def _national() -> tuple[Ruleset, ...]:
    files = _national_files()
    loaded = [_national_file(p) for p in files]
    _check_periods(loaded)
    return tuple(sorted(loaded, key=lambda r: r.valid_from))


@cache
def _national_file(path: Path) -> Ruleset:
    """One national standard's file, loaded and checked once (the same object :func:`available` lists)."""
    rs = load_file(path)
    if rs.extends:
        raise ruleset_error(path, None, "rs_overlay_national_dir")
    return rs


@lru_cache(maxsize=1)
def _in_force_files() -> tuple[tuple[Path, date, date], ...] | None:
    """The national files with their periods as the files write them (read without the model: no standard
    is loaded to find which one is in force), oldest first; None when a file does not write its period so or
    the periods do not tile time — the caller then loads every file, which says what is wrong where."""
    periods = []
    for path in _national_files():
        found = bundled_period(path)
        if found is None:
            return None
        periods.append((path, *found))
    periods.sort(key=lambda item: item[1])
    for (_, _, end), (_, start, _) in itertools.pairwise(periods):
        if (start - end).days != 1:
            return None
    return tuple(periods)


def _national_on(on: date) -> Ruleset | None:
    """The national standard in force on ``on``; only its file is loaded (a classify of 2025 loads neither
    the 2016-2021 nor the 2027-2030 standard: about 10 ms of the start). None when none is."""
    periods = _in_force_files()
    if periods is None:  # every file loaded: an error names its file and line
        return next((rs for rs in _national() if rs.in_force(on)), None)
    for path, start, end in periods:
        if start <= on <= end:
            rs = _national_file(path)
            if rs.in_force(on):  # the model reads the period as the YAML wrote it
                return rs
            return next((other for other in _national() if other.in_force(on)), None)  # pragma: no cover
    return None


def _check_periods(rulesets: list[Ruleset]) -> None:
    """National standards must tile time: no overlap, no gap between consecutive periods."""
    national = sorted((r for r in rulesets if not r.extends), key=lambda r: r.valid_from)
    for before, after in itertools.pairwise(national):
        key = None
        if after.valid_from <= before.valid_to:
            key = "rs_periods_overlap"
        elif (after.valid_from - before.valid_to).days != 1:
            key = "rs_periods_gap"
        if key is not None:  # at the later file's valid_from, in each language
            where = after.source if after.source != "<ruleset>" else _BUNDLED / f"{after.id}.yaml"
            values = {"before": before.id, "end": before.valid_to, "after": after.id, "start": after.valid_from}
            raise ruleset_error(where, after.line_of("valid_from"), key, **values)


def available() -> list[Ruleset]:
    """The bundled national standards, oldest first."""
    return list(_national())


def load_ruleset(name: str | Path | None = None, *, as_of: str | date | None = None) -> Ruleset:
    """The ruleset named by id or path; or else the national standard in force on ``as_of``.

    >>> load_ruleset(as_of="2025-12-01").id
    'vn-2022-2026'
    """
    if name is not None:
        text = str(name)
        if _is_path(text):
            read = Path(text).resolve()
            try:
                loaded = _load_path(read)
            except RulesetError as exc:  # its file named as the user wrote it, not as it was read
                raise renamed(exc, read, text) from None
            _refuse_same_label(Path(text), loaded)
            return loaded
        for rs in _national():
            if rs.id == text or rs.label == text:
                return rs
        file = local_file(text)
        if file is not None:
            loaded = _load_path(file.resolve())
            _refuse_same_label(file, loaded)
            return loaded
        ids = [r.id for r in _national()] + [p.stem for p in local_files()]  # --local takes these
        meant = _id_meant(text, ids)
        if meant is not None:  # ``vn-2022``, ``vn-2022-2025``: the one spelt like it named first
            raise ruleset_error(text, None, "rs_unknown_id_meant", meant=meant, known=", ".join(ids))
        raise ruleset_error(text, None, "rs_unknown_id", known=", ".join(ids))
    on = parse_date(as_of, "as_of") if as_of is not None else date.today()
    in_force = _national_on(on)
    if in_force is not None:
        return in_force
    periods = {  # each period's dates as the message's language writes them (31/12/2021 or 2021-12-31)
        lang: ", ".join(f"{r.id} {L.day(r.valid_from, lang)}…{L.day(r.valid_to, lang)}" for r in _national())
        for lang in ("vi", "en")
    }
    # the date and the standards' periods: no file of the officer's is at fault (not the package's rulesets/)
    texts = L.texts("rs_none_in_force", day=on, periods=periods)
    raise RulesetError("", None, texts["en"], texts=texts)


def _load_path(path: Path) -> Ruleset:
    """The ruleset file at ``path``, read once for as long as it and the files it extends are unchanged: a
    file edited on disk (its time or size changed), or the base file a local standard extends by path, is
    read again, so a long-running program classifies with what the files say."""
    return _load_path_stamped(path)[0]


#: A file as it was read: its path, time and size (the key that says it changed).
_Stamp = tuple[str, int, int]

#: Rulesets read from a path, by path: the stamps of the file and of every file it extends, and the ruleset.
_BY_PATH: OrderedDict[str, tuple[tuple[_Stamp, ...], Ruleset]] = OrderedDict()
_BY_PATH_LOCK = threading.Lock()
_BY_PATH_SIZE = 32


def _stamp(path: Path) -> _Stamp | None:
    """``path``'s time and size now, or ``None`` when it cannot be read."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (str(path), stat.st_mtime_ns, stat.st_size)


def _load_path_stamped(path: Path) -> tuple[Ruleset, tuple[_Stamp, ...]]:
    """The ruleset at ``path`` and the stamps of the files it was read from (it, then its bases)."""
    own = _stamp(path)
    if own is None:
        return load_file(path), ()  # not there, or not readable: said by the loader, nothing cached
    key = str(path)
    with _BY_PATH_LOCK:
        hit = _BY_PATH.get(key)
    if hit is not None and all(_stamp(Path(stamp[0])) == stamp for stamp in hit[0]):
        return hit[1], hit[0]
    rs, bases = _load_file(path)
    stamps = (own, *bases)
    with _BY_PATH_LOCK:
        _BY_PATH[key] = (stamps, rs)
        _BY_PATH.move_to_end(key)
        while len(_BY_PATH) > _BY_PATH_SIZE:
            _BY_PATH.popitem(last=False)
    return rs, stamps


def _is_path(text: str) -> bool:
    """Whether a ruleset name is a file's path rather than an id."""
    return text.endswith((".yaml", ".yml")) or "/" in text or Path(text).is_file()


def _base_path(local: Path, extends: str) -> Path:
    """The file an ``extends:`` path names: relative to the local standard's own folder (where its author
    keeps both), else to the working folder, else to the bundled ``rulesets/`` folder (``vn-2022-2026.yaml``
    names the bundled national standard's file), the first that has it."""
    named = Path(extends)
    if named.is_absolute():
        return named.resolve()
    beside = local.resolve(strict=False).parent / named
    for candidate in (beside, named, *(d / named for d in ruleset_dirs())):
        if candidate.is_file():
            return candidate.resolve()
    return beside.resolve(strict=False)


def base_of(path: str | Path) -> Ruleset | None:
    """The ruleset a local standard's file extends, found as loading the file finds it (an id, or a path
    beside the file, in the working folder or in the bundled folder); ``None`` for a national file."""
    data, _ = read_file(path)
    extends = str(data["extends"]) if data.get("extends") else None
    if extends is None:
        return None
    if _is_path(extends):
        return _load_path(_base_path(Path(path), extends))
    return load_ruleset(extends)


def load_file(path: str | Path) -> Ruleset:
    """Load and check one ruleset file (a local standard loads the ruleset it ``extends`` first). A broken base
    it extends by path is named from the file's folder as ``path`` writes it (:func:`~.messages.renamed`)."""
    try:
        return _load_file(path)[0]
    except RulesetError as exc:
        raise renamed(exc, Path(path).resolve(strict=False), path) from None


def _load_file(path: str | Path) -> tuple[Ruleset, tuple[_Stamp, ...]]:
    """:func:`load_file`, with the stamps of the base files it read by path (none for a base by id)."""
    data, lines = read_file(path)
    key = str(Path(path).resolve(strict=False)) if Path(path).exists() else str(path)
    loading = _loading()
    if key in loading:  # named as the files' own names, from the first file of the cycle back to it
        chain = " → ".join(Path(file).name for file in [*list(loading)[list(loading).index(key) :], key])
        raise ruleset_error(path, line_for(lines, ("extends",)), "rs_cycle", chain=chain)
    loading[key] = None
    bases: tuple[_Stamp, ...] = ()
    try:
        extends = str(data["extends"]) if data.get("extends") else None
        if extends is None:
            base = None
        elif _is_path(extends):
            base, bases = _load_path_stamped(_base_path(Path(path), extends))
        else:
            base = load_ruleset(extends)
    except RulesetError as exc:
        if exc.line is not None:
            raise  # the base file itself is broken: its own file and line
        # no base by that id, or no base file to read: said at this file's `extends:` line
        reasons = {lang: f"extends: {exc.in_lang(lang)}" for lang in ("vi", "en")}
        raise located(path, line_for(lines, ("extends",)), reasons) from None
    finally:
        loading.pop(key, None)
    return build(data, lines, path, base), bases


#: Ruleset files being loaded now, by this thread: an ``extends`` that leads back to one of them is a
#: cycle. Per thread: another thread loading the same file at the same time is no cycle.
_LOADING = threading.local()


def _loading() -> dict[str, None]:
    """The files this thread is loading, in the order it began them (its chain of ``extends``)."""
    files: dict[str, None] | None = getattr(_LOADING, "files", None)
    if files is None:
        files = _LOADING.files = {}
    return files


def _id_meant(text: str, ids: list[str]) -> str | None:
    """The one ruleset id ``text`` was meant to be: the only one it begins (``vn-2022`` for ``vn-2022-2026``), else
    the one spelt most like it (``vn-2022-2025``, ``VN-2022-2026``), else None."""
    folded = text.strip().lower()
    begun = [each for each in ids if each.lower().startswith(folded)] if len(folded) >= 4 else []
    if len(begun) == 1:
        return begun[0]
    close = difflib.get_close_matches(folded, [each.lower() for each in ids], n=1, cutoff=0.8)
    return next((each for each in ids if close and each.lower() == close[0]), None)
