"""Result columns as officers read them: headers and values in Vietnamese (or English).

``classify --headers labels`` (the default for ``.xlsx``) writes ``Phân loại`` = ``Hộ nghèo`` where
the canonical file says ``status`` = ``poor``; ``--headers canonical`` keeps the ids of
docs/design.md ("Output"). Dates are shown ``dd/mm/yyyy`` in Vietnamese. Input columns are never
renamed: they are the officer's own headers.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa

from ..data.schema import canonical_headers
from ..engine.standards import load_ruleset
from ..errors import PovertyRulesError, ReportError
from ..rules.model import Ruleset
from ..vocabulary import words as W
from ..vocabulary.statuses import normalize_status
from ..vocabulary.text import fold

#: How a result column is headed in each language.
RESULT_HEADERS: dict[str, dict[str, str]] = {
    "status": {"vi": "Phân loại", "en": "Status"},
    "deprivation_count": {"vi": "Số chỉ số thiếu hụt", "en": "Deprivations"},
    "deprived": {"vi": "Các chỉ số thiếu hụt", "en": "Deprived indicators"},
    "decided_by": {"vi": "Xác định theo", "en": "Decided by"},
    "ruleset": {"vi": "Chuẩn áp dụng", "en": "Standard applied"},
    "undetermined_by": {"vi": "Cần bổ sung", "en": "To collect"},
    "reason": {"vi": "Lý do", "en": "Reason"},
    "transition": {"vi": "Diễn biến", "en": "Movement"},
    "eligible_until": {"vi": "Hưởng đến hết ngày", "en": "Eligible until"},
    "transition_label": {"vi": "Diễn biến (chữ)", "en": "Movement (words)"},
    "flag_sources": {"vi": "Nguồn chỉ số", "en": "Flag sources"},
    "escaped_to_near_poor": {"vi": "Thoát nghèo, trở thành hộ cận nghèo", "en": "Escaped poverty to near-poor"},
    # the local classification beside the national one (docs/standard.md §1)
    "local_status": {"vi": "Phân loại (chuẩn địa phương)", "en": "Status (local standard)"},
    "local_deprivation_count": {"vi": "Số chỉ số thiếu hụt (chuẩn địa phương)", "en": "Deprivations (local standard)"},
    "local_deprived": {"vi": "Các chỉ số thiếu hụt (chuẩn địa phương)", "en": "Deprived indicators (local standard)"},
    "local_ruleset": {"vi": "Chuẩn địa phương áp dụng", "en": "Local standard applied"},
    "local_reason": {"vi": "Lý do (chuẩn địa phương)", "en": "Reason (local standard)"},
}


_FORMER_HEADERS: dict[str, tuple[str, ...]] = {
    "transition": ("Biến động",),
    "transition_label": ("Biến động (chữ)",),
    "eligible_until": ("Hưởng chính sách đến",),
}
"""Labels earlier versions headed a result column with, still read back: ``Biến động`` is also a household
file's header of ``change_reason`` (data/schema.py), so the movement is headed ``Diễn biến`` now, and a
``Biến động`` column is read as the movement only when every cell is one (:func:`labelled_headers`);
``Hưởng chính sách đến`` is the support window's, now headed ``Hưởng đến hết ngày`` as ``history show``
and ``eligible`` head it (the last day included)."""


def _date_text(value: object, lang: str) -> str:
    text = "" if value is None or value != value else str(value)
    if lang == "vi" and len(text) == 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    return text


def _map_values(s: pd.Series, mapping: dict[str, str]) -> pd.Series:
    if isinstance(s.dtype, pd.CategoricalDtype):
        cats = [mapping.get(str(c), str(c)) for c in s.cat.categories]
        if len(set(cats)) == len(cats):
            return s.cat.rename_categories(cats)
    return s.astype(object).map(lambda v: mapping.get(str(v), v) if v == v and v is not None else "")


def _map_lists(s: pd.Series, mapping: dict[str, str], sep: str) -> pd.Series:
    def one(text: object) -> str:
        if not isinstance(text, str) or not text:
            return ""
        return ", ".join(mapping.get(p, p) for p in text.split(sep))

    if isinstance(s.dtype, pd.CategoricalDtype):
        return pd.Series(pd.Categorical(s.cat.categories.map(one).to_numpy()[s.cat.codes.to_numpy()]), index=s.index)
    return s.map(one)


def _map_sources(s: pd.Series, indicators: dict[str, str], lang: str) -> pd.Series:
    """``flag_sources`` (``employment=derived;water=given;…``) in words: ``Việc làm: suy ra; Nguồn nước
    sinh hoạt: theo tệp hộ; …``, each distinct value worded once."""

    def one(text: object) -> str:
        if not isinstance(text, str) or not text:
            return ""
        parts = (part.split("=", 1) for part in text.split(";") if "=" in part)
        return "; ".join(
            f"{indicators.get(ind, ind)}: {W.FLAG_SOURCE[src][lang] if src in W.FLAG_SOURCE else src}"
            for ind, src in parts
        )

    if isinstance(s.dtype, pd.CategoricalDtype):
        return pd.Series(pd.Categorical(s.cat.categories.map(one).to_numpy()[s.cat.codes.to_numpy()]), index=s.index)
    return s.map(one)


def collect_labels(ruleset: Ruleset | None, lang: str) -> dict[str, str]:
    """What ``undetermined_by`` names, in ``lang``: each indicator's column (``deprived_<id>``) by the
    indicator's name in ``ruleset``, and the household fields (income, score A …) by theirs."""
    fields = {ind.column: ind.label.get(lang) for ind in (ruleset.indicators if ruleset is not None else [])}
    fields.update({k: v[lang] for k, v in W.FIELD.items()})
    return fields


def to_collect(value: object, fields: dict[str, str], lang: str) -> str:
    """One household's ``undetermined_by`` for people: what to collect, by name (``fields`` from
    :func:`collect_labels`), or why a rejected row left it undetermined."""
    if not isinstance(value, str) or not value:
        return ""
    if value in W.UNDETERMINED_REASON:
        return W.UNDETERMINED_REASON[value][lang]
    return ", ".join(fields.get(part, part) for part in value.split(";"))


def label_results(
    results: pd.DataFrame, ruleset: Ruleset, lang: str, local: Ruleset | None = None, *, review: bool = False
) -> pd.DataFrame:
    """``results`` with headers and values in ``lang`` (statuses, movements, paths, indicator names,
    yes/no, dates ``dd/mm/yyyy`` in Vietnamese); ``local``: the local standard of the ``local_*`` columns;
    ``review``: also the columns ``review`` adds (``previous_status``, ``start_status``, ``recognized_on``,
    ``review_date``: :data:`~poverty_rules.vocabulary.words.REVIEW_RESULT_HEADERS`)."""
    out = results.copy()
    indicators = {ind.id: ind.label.get(lang) for ind in ruleset.indicators}
    local_indicators = {ind.id: ind.label.get(lang) for ind in (local or ruleset).indicators}
    fields = collect_labels(ruleset, lang)
    yes_no = {"1": W.EXPLAIN["yes"][lang], "0": W.EXPLAIN["no"][lang]}
    for name in list(out.columns):
        s = out[name]
        if name in ("status", "local_status") or (review and name in ("previous_status", "start_status")):
            out[name] = _map_values(s, {k: v[lang] for k, v in W.STATUS.items()})
        elif review and name in ("recognized_on", "review_date"):
            out[name] = s.map(lambda v: _date_text(v, lang))
        elif name == "local_deprived":
            out[name] = _map_lists(s, local_indicators, ";")
        elif name == "escaped_to_near_poor":
            out[name] = _map_values(s, yes_no)
        elif name == "transition":
            out[name] = _map_values(s, {k: v[lang] for k, v in W.TRANSITION.items()})
        elif name == "decided_by":
            out[name] = _map_values(s, {k: v[lang] for k, v in W.PATH.items()})
        elif name == "deprived":
            out[name] = _map_lists(s, indicators, ";")
        elif name == "undetermined_by":
            out[name] = _map_lists(s, fields, ";")
        elif name == "flag_sources":
            out[name] = _map_sources(s, indicators, lang)
        elif name == "eligible_until":
            out[name] = s.map(lambda v: _date_text(v, lang))
        elif name in {d.id for d in ruleset.designations}:
            out[name] = _map_values(s, yes_no)
    headers = {k: v[lang] for k, v in RESULT_HEADERS.items()}
    if review:
        headers.update({k: v[lang] for k, v in W.REVIEW_RESULT_HEADERS.items()})
    headers.update({d.id: d.label.get(lang) for d in ruleset.designations})
    return out.rename(columns={c: headers.get(c, c) for c in out.columns})


def label_beside(
    results: pd.DataFrame,
    ruleset: Ruleset,
    lang: str,
    local: Ruleset | None,
    *,
    inputs: pa.Table,
    renamed: dict[str, str],
    review: bool = False,
) -> pd.DataFrame:
    """:func:`label_results` for a result written beside the input columns ``inputs`` (``renamed``: each
    input header's canonical name): a label that heads another known input column (an officer's ``Biến
    động`` = ``change_reason``: chuyển đến …, not the movement) leaves that result under its id, with its
    ids, so that both columns are written and each is read back as what it is; a label heading no known
    column, or the same words (the result of an earlier run, classified or reviewed again), is replaced
    as before; so is a result under a label an earlier version wrote (:data:`_FORMER_HEADERS`: a workbook's
    movements under ``Biến động``), which keeps that header."""
    labelled = label_results(results, ruleset, lang, local, review=review)
    for name, label in zip(list(results.columns), list(labelled.columns), strict=True):
        if label == name or label not in inputs.column_names or renamed.get(label) in (None, name):
            continue
        if _earlier_result(inputs.column(label).to_pandas(), name):
            continue
        order = [name if c == label else c for c in labelled.columns]
        labelled = labelled.drop(columns=[label]).assign(**{name: results[name]})[order]
    labels = dict(zip(list(results.columns), list(labelled.columns), strict=True))
    for name, former in _FORMER_HEADERS.items():  # a workbook an earlier version wrote: its result replaced
        now = labels.get(name)
        if now is None or now == name or now in inputs.column_names:
            continue
        for header in former:
            if header not in inputs.column_names or header in labelled.columns:
                continue
            if name != "transition" or _earlier_result(inputs.column(header).to_pandas(), name):
                labelled = labelled.rename(columns={now: header})
                break
    return labelled


def _earlier_result(cells: pd.Series, name: str) -> bool:
    """Whether an input column headed with ``name``'s label holds that result as an earlier run wrote it
    (a movement column: some movement word, and nothing else but blanks)."""
    if name != "transition":
        return False
    text = pd.Series(cells, dtype=object).dropna().astype(str).str.strip()
    text = text[text != ""]
    return bool(len(text)) and bool(text.map(fold).isin(list(_words_index(W.TRANSITION))).all())


# --------------------------------------------------------------------------- reading labels back

_DAY_FIRST = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _words_index(table: dict[str, dict[str, str]]) -> dict[str, str]:
    """Each id of ``table`` and each of its words (vi and en), folded, by the id."""
    index = {fold(key): key for key in table}
    index.update({fold(text): key for key, words in table.items() for text in words.values()})
    return index


def transition_ids(cells: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """The movement ids ``cells`` name — an id (``relapsed_poor``) or a label in vi or en (``Tái nghèo``),
    accents and case folded; a blank cell blank — and the mask of the cells that name none."""
    moves = _words_index(W.TRANSITION)
    text = cells.fillna("").astype(str).str.strip()
    read = text.map({t: moves.get(fold(t), "") if t else "" for t in text.unique()})  # each distinct cell once
    return read, ((text != "") & (read == "")).to_numpy()


def labelled_headers(frame: pd.DataFrame) -> dict[str, str]:
    """Each header of ``frame`` that is a result column's label (:data:`RESULT_HEADERS`, vi or en, folded)
    by the column's name (also the labels of :data:`_FORMER_HEADERS`); a column already under its name is
    kept, and ``Biến động`` (a former label of the movement, also a household file's header of
    ``change_reason``) is read as the movement only when every cell is one."""
    tables = (RESULT_HEADERS, W.REVIEW_RESULT_HEADERS)
    index = {fold(text): name for table in tables for name, words in table.items() for text in words.values()}
    index.update({fold(text): name for name, texts in _FORMER_HEADERS.items() for text in texts})
    present = {str(c) for c in frame.columns}
    found: dict[str, str] = {}
    for header in present:
        name = index.get(fold(header))
        if name is None or name == header or name in present or name in found.values():
            continue
        if name == "transition":
            cells = pd.Series(frame[header], dtype=object).dropna().astype(str).str.strip()
            if not cells[cells != ""].map(fold).isin(list(_words_index(W.TRANSITION))).all():
                continue
        found[header] = name
    return found


def _read_list(text: str, index: dict[str, str]) -> str | None:
    """A list of names written ``A, B`` (a name may hold a comma) or of ids ``a;b`` as ``a;b``; None
    when a part names nothing in ``index``."""
    if ";" in text:
        ids = [index.get(fold(part)) for part in text.split(";") if part.strip()]
        return None if None in ids else ";".join(str(i) for i in ids)
    parts = [part.strip() for part in text.split(",")]
    ids_found: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):  # the longest run of parts that is one name
            name = index.get(fold(", ".join(parts[i:j])))
            if name is not None:
                ids_found.append(name)
                i = j
                break
        else:
            return None
    return ";".join(ids_found)


def _read_day(text: str) -> str | None:
    """A day ``dd/mm/yyyy`` (or ISO) as ISO text; None when it is neither."""
    if _ISO_DAY.match(text):
        return text
    found = _DAY_FIRST.match(text)
    if found is None:
        return None
    day, month, year = (int(g) for g in found.groups())
    try:
        return pd.Timestamp(year=year, month=month, day=day).strftime("%Y-%m-%d")
    except ValueError:
        return None


def _read_sources(text: str, indicators: dict[str, str], sources: dict[str, str]) -> str | None:
    """``flag_sources`` in words (``Việc làm: suy ra; Nguồn nước sinh hoạt: theo tệp hộ``) as its ids
    (``employment=derived;water=given``); ids are kept; None when a part names nothing."""
    if "=" in text:
        return text
    parts = [part.rpartition(":") for part in text.split(";") if part.strip()]
    read = [(indicators.get(fold(name)), sources.get(fold(word))) for name, _, word in parts]
    if not read or any(ind is None or src is None for ind, src in read):
        return None
    return ";".join(f"{ind}={src}" for ind, src in read)


def _indicator_index(rulesets: list[Ruleset]) -> dict[str, str]:
    """Each indicator of ``rulesets`` by its id and its names (vi and en), folded."""
    index: dict[str, str] = {}
    for rs in rulesets:
        for ind in rs.indicators:
            index.update({fold(ind.id): ind.id, fold(ind.label.vi): ind.id, fold(ind.label.en): ind.id})
    return index


def _local_standard(frame: pd.DataFrame) -> list[Ruleset]:
    """The bundled local standard ``local_ruleset`` names (``base@v+local@v``), if any."""
    if "local_ruleset" not in frame.columns:
        return []
    labels = [str(v) for v in frame["local_ruleset"].dropna() if str(v).strip()]
    try:
        return [load_ruleset(labels[0].split("+")[-1].split("@")[0])] if labels else []
    except PovertyRulesError:
        return []


def _unknown(
    key: str, source: str, header: str, position: int, value: object, rows: np.ndarray | None = None, **more: object
) -> ReportError:
    """The error ``key`` of a labelled cell that names nothing: its file, row (``rows[position]``, the
    file's row, else ``position`` + 2: the header is row 1), column as written, and value."""
    row = int(rows[position]) if rows is not None else position + 2
    values = {"file": source, "row": row, "column": header, "value": value, **more}
    error = ReportError(W.msg(key, "en", **values), key, values)
    error.texts = W.texts(key, **values)  # in_lang("vi"), as the command line says it
    return error


def _map_cells(
    cells: pd.Series, read: Callable[[str], str | None], keep_unknown: bool = False
) -> tuple[np.ndarray, int | None]:
    """Each cell read by ``read`` (each distinct text once; blank stays ``""``), and the position of the
    first cell it could not read (None when all were read; ``keep_unknown``: such a cell kept as it is)."""
    text = cells.astype(object).where(cells.notna(), "").astype(str).str.strip()
    codes, uniques = pd.factorize(text)
    read_back = [("" if u == "" else read(u)) for u in uniques]
    bad = [i for i, r in enumerate(read_back) if r is None]
    if bad and not keep_unknown:
        return np.array([]), int(np.flatnonzero(np.isin(codes, bad))[0])
    values = np.array([u if r is None else r for u, r in zip(uniques, read_back, strict=True)], dtype=object)
    return values[codes] if len(values) else np.array([""] * len(text), dtype=object), None


def _reader(name: str, rulesets: list[Ruleset]) -> tuple[Callable[[str], str | None], str] | None:
    """How a labelled result column's cell is read back (its id, None when it names nothing), and the
    error of a cell that names nothing (``""``: such a cell is kept as written); None for a column the
    reports do not read back."""
    if name in ("status", "local_status", "previous_status", "start_status"):
        statuses = _words_index(W.STATUS)
        return (lambda t: statuses.get(fold(t))), "rep_not_status"
    if name == "transition":
        moves = _words_index(W.TRANSITION)
        return (lambda t: moves.get(fold(t))), "rep_unknown_transition"
    if name in ("deprived", "local_deprived"):
        indicators = _indicator_index(rulesets)
        return (lambda t: _read_list(t, indicators)), "rep_unknown_deprived"
    if name in ("eligible_until", "recognized_on", "review_date"):
        return _read_day, "rep_unknown_day"
    if name == "undetermined_by":
        fields = {fold(k): k for k in W.UNDETERMINED_REASON}
        fields.update({fold(v[lang]): k for k, v in W.UNDETERMINED_REASON.items() for lang in ("vi", "en")})
        standards: list[Ruleset | None] = [*rulesets] or [None]
        for lang in ("vi", "en"):
            for rs in standards:
                fields.update({fold(text): column for column, text in collect_labels(rs, lang).items()})
        fields.update({fold(k): k for k in list(fields.values())})
        return (lambda t: fields.get(fold(t)) or _read_list(t, fields)), ""
    if name == "decided_by":
        paths = _words_index(W.PATH)
        return (lambda t: paths.get(fold(t))), ""
    if name == "flag_sources":
        indicators, sources = _indicator_index(rulesets), _words_index(W.FLAG_SOURCE)
        return (lambda t: _read_sources(t, indicators, sources)), ""
    if name == "escaped_to_near_poor":
        yes_no = {fold(W.EXPLAIN[w][lang]): v for w, v in (("yes", "1"), ("no", "0")) for lang in ("vi", "en")}
        return (lambda t: yes_no.get(fold(t))), ""
    return None


def unlabel_results(
    frame: pd.DataFrame,
    ruleset_of: Callable[[pd.DataFrame], Ruleset | None],
    *,
    source: str = "<results>",
    rows: np.ndarray | None = None,
) -> pd.DataFrame:
    """A result table written with labels (``classify``/``review`` ``--headers labels``, the default for
    ``.xlsx``: ``Phân loại`` = ``Hộ nghèo``) read back under the ids of docs/design.md: result headers in
    either language, statuses, movements, paths, the indicators a ``deprived`` list names (of the
    standard ``ruleset_of`` gives for the renamed table), what to collect, yes/no, and days written
    ``dd/mm/yyyy``. A table of ids is given back as it is. A status, movement, indicator or day that names
    nothing is a :class:`~poverty_rules.errors.ReportError` naming ``source``, the row (``rows``: the file's
    row of each of the table's rows, else its position + 2), the column as written and the value."""
    renamed = labelled_headers(frame)
    if not renamed:
        return frame
    out = frame.rename(columns=renamed)
    header = {name: h for h, name in renamed.items()}
    rulesets: list[Ruleset] = []
    if {"deprived", "local_deprived", "undetermined_by", "flag_sources"} & set(header):
        rs = ruleset_of(out)
        rulesets = ([rs] if rs is not None else []) + _local_standard(out)
    for name, written in header.items():
        reading = _reader(name, rulesets)
        if reading is None:
            continue
        read, error = reading
        cells = pd.Series(out[name].to_numpy(dtype=object), dtype=object)
        values, at = _map_cells(cells, read, keep_unknown=error in ("", "rep_not_status"))
        if error == "rep_not_status":  # a status is also read in any of its spellings (ho ngheo, poor …)
            _, bad = normalize_status(pd.Series(values, dtype=object))
            at = int(np.flatnonzero(bad.to_numpy())[0]) if bad.any() else None
        if at is not None:
            more = {"ruleset": "+".join(rs.id for rs in rulesets) or "?"} if error == "rep_unknown_deprived" else {}
            raise _unknown(error, source, written, at, cells.iloc[at], rows=rows, **more)
        out[name] = pd.Series(values, index=out.index, dtype=object).where(cells.notna().to_numpy(), None)
    return out


def without_the_inputs_previous_status(text: pd.DataFrame) -> pd.DataFrame:
    """``text`` without the household file's previous status (``Tình trạng năm trước``) where a review wrote its
    own beside it (``previous_status``, ``Phân loại lần trước``; the file has the review's ``start_status``), as
    earlier versions did: the review's is the one the report reads, the household file's was its input."""
    headers = [str(c) for c in text.columns]
    labelled = labelled_headers(text)
    names = {h: labelled.get(h, h) for h in headers}
    if "start_status" not in names.values() or "previous_status" not in names.values():
        return text
    inputs = [
        h for h in headers if names[h] != "previous_status" and canonical_headers([h]).get(h) == "previous_status"
    ]
    return text.drop(columns=inputs) if inputs else text
