"""Ruleset-author errors in both languages: each names the file, the line and what was expected.

:func:`ruleset_error` builds a :class:`~poverty_rules.errors.RulesetError` from a message of
:data:`poverty_rules.vocabulary.words.MESSAGES`; :func:`schema_error` turns pydantic's first
complaint about a ruleset's fields into one (Vietnamese from
:data:`~poverty_rules.vocabulary.words.SCHEMA_ERROR` by pydantic's error type, English pydantic's own).
``str(error)`` stays English; the command line prints ``error.in_lang(lang)``.
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import RulesetError
from ..vocabulary import words as L

LANGS = ("vi", "en")


def located(path: str | Path, line: int | None, reasons: dict[str, str]) -> RulesetError:
    """A :class:`RulesetError` at ``path``:``line`` whose reason is given in each language."""
    key = "rs_at_line" if line else "rs_at_file"
    texts = {lang: L.msg(key, lang, file=path, line=line, reason=reasons[lang]) for lang in LANGS}
    return RulesetError(path, line, reasons["en"], texts=texts, reasons=reasons)


def renamed(error: RulesetError, read: str | Path, written: str | Path) -> RulesetError:
    """``error`` naming the file ``written`` (as the user wrote it: ``bad.yaml``) where it names ``read`` (the
    path the file was read from, the working folder before it); a base the file extends, read from its full path,
    named from the folder of ``written`` (``tinh/goc.yaml`` for ``--local tinh/tinh-a.yaml`` that ``extends:
    goc.yaml`` beside it) or else from the working folder, as the user wrote it in ``extends:`` or finds it; as it
    is when it lies in neither (a bundled ruleset: its full path) or has no reason apart from its place."""
    if not error.reasons or not error.file:
        return error
    if error.file == str(read):
        return located(written, error.line, error.reasons)
    base = Path(error.file)
    for folder, shown in ((Path(read).parent, Path(written).parent), (Path.cwd(), Path())):
        with contextlib.suppress(ValueError):
            return located(shown / base.relative_to(folder), error.line, error.reasons)
    return error


def ruleset_error(path: str | Path, line: int | None, message: str, /, **values: Any) -> RulesetError:
    """The error ``message`` (a key of :data:`~poverty_rules.vocabulary.words.MESSAGES`) at ``path``:``line``."""
    return located(path, line, L.texts(message, **values))


def yaml_error(path: str | Path, error: Exception, text: str = "") -> RulesetError:
    """PyYAML's ``error`` reading ``path``, at its line and column when it has them; a tab where it
    stopped (YAML indents with spaces only, and a tab looks like spaces) is named as such."""
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        lines = text.splitlines()
        line = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in line[: mark.column + 1]:
            return ruleset_error(path, mark.line + 1, "rs_yaml_tab", column=line.index("\t") + 1)
    if mark is None:
        return ruleset_error(path, None, "rs_bad_yaml_here", detail=str(error).replace('"<unicode string>", ', ""))
    since = getattr(error, "context_mark", None)
    block = (
        L.texts("rs_bad_yaml_block", start=since.line + 1)
        if since is not None and since.line != mark.line
        else {"vi": "", "en": ""}
    )
    problem = str(getattr(error, "problem", "") or "").strip() or "?"
    return ruleset_error(path, mark.line + 1, "rs_bad_yaml", column=mark.column + 1, problem=problem, block=block)


def schema_error(path: str | Path, line: int | None, error: Any) -> RulesetError:
    """Pydantic's complaint ``error`` (one item of ``ValidationError.errors()``) about a ruleset field."""
    where = ".".join(str(p) for p in error["loc"])
    context = {k: _shown(v) for k, v in (error.get("ctx") or {}).items()}
    if isinstance(context.get("expected"), str):  # pydantic writes "'V', 'P' or 'U'"
        context["expected"] = context["expected"].replace(" or ", f" {L.WORDS['or']['vi']} ")
    kind = error["type"]
    if kind == "string_pattern_mismatch" and "._-" in str(context.get("pattern", "")):  # a ruleset's id: - and .
        kind = "id_pattern_mismatch"
    template = L.SCHEMA_ERROR.get(kind, L.SCHEMA_ERROR["other"])
    try:
        vi = template.format(where=where, message=error["msg"], **context)
    except (KeyError, IndexError):  # a context value the template expects is missing
        vi = L.SCHEMA_ERROR["other"].format(where=where, message=error["msg"])
    english = L.SCHEMA_ERROR_EN.get(kind)
    en = f"{where}: {error['msg']}"
    if english is not None:
        with contextlib.suppress(KeyError, IndexError):  # a context value the text expects is missing: pydantic's
            en = english.format(where=where, value=_shown(error.get("input")), **context)
    texts = {"vi": vi, "en": en}
    if error["type"] == "float_parsing" and isinstance(error.get("input"), str):  # "1.500.000", "1,5 triệu"
        hint = L.texts("rs_number_hint", value=error["input"])
        texts = {lang: text + hint[lang] for lang, text in texts.items()}
    if error.get("meant"):  # an unknown key that is one of the entry's misspelt (loader._misspelling)
        texts = L.texts("rs_misspelt_key", where=where, key=error["loc"][-1], meant=error["meant"])
    elif error.get("keys"):  # an unknown key: the entry's own keys
        texts = L.texts("rs_not_a_key", where=where, key=error["loc"][-1], keys=", ".join(error["keys"]))
    given = error.get("input")
    if error["type"] == "string_type" and isinstance(given, int | float | date) and error["loc"]:  # version: 1.0
        as_key = error["loc"][-1] == "[key]"  # a key YAML read as a number (household: {2020: x}): quote the key
        hint = L.texts("rs_quote_key_hint" if as_key else "rs_quote_hint", key=error["loc"][-1], value=given)
        texts = {lang: text + hint[lang] for lang, text in texts.items()}
    return located(path, line, texts)


def close_key(key: str, keys: Iterable[str]) -> str | None:
    """Of ``keys``, the one ``key`` is a misspelling of (``serve`` for ``serves``, ``confidance``), or ``None``."""
    close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.75)
    return close[0] if close and close[0] != key else None


def _shown(value: Any) -> Any:
    """A context value as the message shows it (pydantic gives literal choices as one quoted string)."""
    return value if isinstance(value, str | int | float) else str(value)
