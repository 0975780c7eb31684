"""One review as the reports read it: a row per household, with its status at the start and at the end.

docs/reports.md ("The review forms"): the start of a list is the status in force at the last review
of the households recorded in it; the end is the status in force now. Definitions used by every form:

- ``start``: the household's status at the last review (``start_status``, written by ``review``:
  ``""`` when the household was not in the last review — a household that left is not counted in
  the next start; a file without it falls back on ``previous_status``);
- ``end``: its status in force now: this review's result, or, when this review could not determine
  it (``undetermined``), the status it had (it stays on its list until determined); ``""`` when the
  household left (recorded last review and absent now, or marked ``moved_out``/``died``/``merged``
  in ``change_reason``);
- ``resident``: in this review's file and not leaving: the unit's resident households
  (tổng số hộ dân cư) that every rate divides by;
- ``persons``: ``household_size`` (0 when the file has no such column: person cells stay blank; 0 where the
  cell is blank, ``persons_known`` False: the report says how many, docs/reports.md).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..data.ids import PLACE_COLUMNS
from ..data.schema import GROUP_COLUMNS, canonical_headers
from ..engine.standards import load_ruleset
from ..errors import PovertyRulesError, ReportError
from ..results.labels import transition_ids, without_the_inputs_previous_status
from ..review.history import IMPORTED_RULESET, HistoryStore
from ..review.scope import commune_key, household_units
from ..review.yearly import REJECTED_ROW
from ..rules.model import Ruleset
from ..vocabulary import words as W
from ..vocabulary.areas import AREA_WORDS
from ..vocabulary.changes import ARRIVING, LEAVING, read_change_reasons
from ..vocabulary.dates import parse_days
from ..vocabulary.flags import read_flags
from ..vocabulary.statuses import normalize_status
from .messages import report_error
from .units import KEYS, codes_as_written

GROUPS: tuple[str, ...] = ("ethnic_minority", "no_labour", "meritorious", "female_head")
"""R8's group columns (yes/no flags), in the form's order."""

COLUMNS: tuple[str, ...] = (
    *KEYS,
    "area",
    "household_id",
    "head_name",
    "persons",
    "persons_known",
    "status",
    "start",
    "end",
    "transition",
    "change_reason",
    "present",
    "resident",
    "arriving",
    "relapsed_poor",
    "relapsed_near_poor",
    "deprived",
    "undetermined_by",
    "eligible_until",
    "farm",
    "start_village",
)
"""The columns of :attr:`ReviewFrame.households`."""

_ABOVE = ("average", "not_poor")


@dataclass
class ReviewFrame:
    """One review of one or many communes, ready for the forms and lists."""

    households: pd.DataFrame  # COLUMNS (+ GROUPS and ethnicity when the file has them)
    review_date: date | None = None
    ruleset: Ruleset | None = None
    has_persons: bool = False
    groups: tuple[str, ...] = ()
    has_ethnicity: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    local_label: str | None = None  # the local standard of ``local_status`` (classify/review --local), if any
    local_title: dict[str, str] | None = None  # its title, {vi, en}

    @property
    def indicators(self) -> list[tuple[str, dict[str, str]]]:
        """(id, {vi, en} label) of the ruleset's indicators, in ruleset order (R4–R7 columns)."""
        if self.ruleset is None:
            return []
        return [(ind.id, {"vi": ind.label.vi, "en": ind.label.en}) for ind in self.ruleset.indicators]


def from_reviewed(
    reviewed: pd.DataFrame,
    *,
    left: pd.DataFrame | None = None,
    ruleset: Ruleset | None = None,
    review_date: date | None = None,
    source: str = "<reviewed>",
    left_source: str = "<not_reviewed>",
    apart: bool = True,
    file_rows: np.ndarray | None = None,
    left_file_rows: np.ndarray | None = None,
) -> ReviewFrame:
    """A :class:`ReviewFrame` from a reviewed file (``poverty-rules review``'s output, every cell text).

    ``reviewed`` needs ``household_id`` and ``status``; ``previous_status``, ``transition``,
    ``province``, ``commune``, ``village``, ``area``, ``head_name``, ``household_size``,
    ``change_reason``, ``deprived``, ``farm_household`` and R8/R9's group columns are read when
    present (Vietnamese headers too). ``left`` lists the households recorded last review and absent
    now (the review's not-reviewed file: ``household_id``, ``status`` at the last review,
    ``village``, ``commune``…): each is an "other" decrease — except those marked ``in_file`` (their
    row was rejected): present and undetermined, they stay on the list they were on. ``file_rows`` and
    ``left_file_rows``: the row of its file each row is (a blank row is not a row of the table), for
    messages; else a row's position + 2.

    Two communes of one name in one province, each with its own commune code (``commune_code`` / ``Mã xã``,
    or the history's ``unit``), are two units named with their codes, ``Xã Tân Lập (03001)`` and
    ``Xã Tân Lập (05007)`` (``apart``; a Dask partition, which sees part of the communes, leaves them as
    written).
    """
    reviewed = without_the_inputs_previous_status(reviewed)  # a reviewed file an earlier version wrote beside it
    renamed = canonical_headers([str(c) for c in reviewed.columns], source=source)
    frame = reviewed.rename(columns=renamed)
    own = {canonical: str(header) for header, canonical in renamed.items()}  # the file's header of each column
    for name in ("household_id", "status"):
        if name not in frame.columns:
            raise report_error("rep_missing_column", file=source, column=_with_header(name))
    frame = frame.reset_index(drop=True)
    n = len(frame)
    status, bad = normalize_status(_col(frame, "status"))
    if (bad | (status == "")).any():
        at = int(np.flatnonzero((bad | (status == "")).to_numpy())[0])
        row = _file_row(file_rows, at)
        column = own.get("status", "status")
        raise report_error("rep_not_status", file=source, row=row, column=column, value=frame["status"].iloc[at])
    start_column = "start_status" if "start_status" in frame.columns else "previous_status"
    previous, bad = normalize_status(_col(frame, start_column))
    if bad.any():
        at = int(np.flatnonzero(bad.to_numpy())[0])
        row = _file_row(file_rows, at)
        value = _col(frame, start_column).iloc[at]
        raise report_error(
            "rep_not_status", file=source, row=row, column=own.get(start_column, start_column), value=value
        )
    reason, bad = read_change_reasons(_col(frame, "change_reason"))
    if bad.any():
        at = int(np.flatnonzero(bad.to_numpy())[0])
        row = _file_row(file_rows, at)
        column = own.get("change_reason", "change_reason")  # 'Lý do biến động' as the file heads it
        raise report_error(
            "rep_change_reason", file=source, row=row, column=column, value=frame["change_reason"].iloc[at]
        )
    persons, has_persons, known = _persons(frame, source, file_rows)
    until = _days_written(_col(frame, "eligible_until"), source, file_rows)
    transition, unread = transition_ids(_col(frame, "transition"))
    if unread.any():  # a movement that names none was counted as none (a relapse as newly poor in R2, R3)
        at = int(np.flatnonzero(unread)[0])
        value = frame["transition"].iloc[at]
        row = _file_row(file_rows, at)
        raise report_error("rep_unknown_transition", file=source, row=row, column="transition", value=value)
    status_now = status.astype(str).to_numpy()
    start = previous.fillna("").astype(str).to_numpy()
    leaving = reason.isin(LEAVING).to_numpy()
    end = np.where(status_now == "undetermined", start, status_now)
    end = np.where(leaving, "", end)
    households = _texts_kept(
        {
            "province": _col(frame, "province").to_numpy(),
            "commune": _col(frame, "commune").to_numpy(),
            "village": _col(frame, "village").to_numpy(),
            "area": _areas(_col(frame, "area")),
            "household_id": codes_as_written(frame["household_id"]),
            "head_name": _col(frame, "head_name").fillna("").astype(str).to_numpy(),
            "persons": persons,
            "persons_known": known,
            "status": status_now,
            "start": start,
            "end": end,
            "transition": transition.to_numpy(),
            "change_reason": reason.to_numpy(),
            "present": np.ones(n, bool),
            "resident": ~leaving,
            "arriving": reason.isin(ARRIVING).to_numpy(),
            "relapsed_poor": (transition == "relapsed_poor").to_numpy(),
            "relapsed_near_poor": (transition == "relapsed_near_poor").to_numpy(),
            "deprived": _col(frame, "deprived").fillna("").astype(str).to_numpy(),
            "undetermined_by": _col(frame, "undetermined_by").fillna("").astype(str).to_numpy(),
            "eligible_until": until,
            "farm": _flags(_col(frame, "farm_household")),
        }
    )
    # the village at the start, where the household moved village within its commune (review's start_village)
    households["start_village"] = _col(frame, "start_village").fillna("").astype(str).str.strip().to_numpy()
    if "start_size" in frame.columns:  # from the history: the size its last review recorded (start_sizes_changed)
        size = pd.to_numeric(frame["start_size"].fillna("").astype(str).str.strip(), errors="coerce")
        households["start_persons"] = size.where(size >= 1).to_numpy(dtype="float64")
    if "blank_marks" in frame.columns:  # from the history: how many marks were blank (null: not recorded)
        households["blank_marks"] = pd.to_numeric(frame["blank_marks"], errors="coerce").to_numpy(dtype="float64")
    has_ethnicity = "ethnicity" in frame.columns
    groups = tuple(g for g in GROUPS if g in frame.columns or (g == "ethnic_minority" and has_ethnicity))
    for g in groups:
        households[g] = _flags(frame[g]) if g in frame.columns else np.zeros(n, bool)
    if has_ethnicity:
        households["ethnicity"] = _col(frame, "ethnicity").fillna("").astype(str).str.strip().to_numpy()
        households["ethnic_minority"] = _minority(frame, households["ethnicity"])
    local_label = _local(frame, households, source, file_rows)
    codes = _commune_codes(frame)
    if left is not None and len(left):
        gone = _left_rows(left, households, groups, has_ethnicity, left_source, left_file_rows)
        households = pd.concat([households, gone], ignore_index=True)
        codes = np.concatenate([codes, _commune_codes(left.rename(columns=canonical_headers(list(map(str, left)))))])
    if apart:  # two communes of one name, each with its own code: two units, each named with its code
        households["commune"] = _communes_apart(households["province"], households["commune"], codes)
    return ReviewFrame(
        households=households,
        review_date=review_date,
        ruleset=ruleset,
        has_persons=has_persons,
        groups=groups,
        has_ethnicity=has_ethnicity,
        local_label=local_label,
        local_title=_local_title(local_label) if local_label else None,
    )


def _texts_kept(columns: dict[str, Any]) -> pd.DataFrame:
    """A frame of ``columns``, a column of Python text kept so (dtype object): pandas would make Arrow text of
    each (about 0.1 s a column of a million households), which the forms and lists read back as Python text."""
    kept = {name: _kept(values) for name, values in columns.items()}
    return pd.DataFrame(kept)


def _kept(values: Any) -> Any:
    """A column of Python text as a Series of dtype object; any other column as it is."""
    if isinstance(values, np.ndarray) and values.dtype == object:
        return pd.Series(values, dtype=object)
    return values


def _days_written(cells: pd.Series, source: str, file_rows: np.ndarray | None = None) -> np.ndarray:
    """A reviewed file's ``eligible_until`` cells as ISO days (blank where empty), read as every date of the
    program is (``2028-12-09`` or day first, ``09/12/2028``: a CSV saved again by Excel writes its dates in
    the regional format). The eligible list read them with pandas, month first (``09/12/2028`` as 12
    September), and dropped a cell that is no date (``someday``) from the list without a word: such a cell
    is an error naming the row (``file_rows``: :func:`_file_row`), the column and the value."""
    text = cells.fillna("").astype(str)
    days, bad = parse_days(text.str.strip().replace("", None))
    if bad.any():
        at = int(np.flatnonzero(bad)[0])
        row = _file_row(file_rows, at)
        raise report_error("rep_unknown_day", file=source, row=row, column="eligible_until", value=text.iloc[at])
    return np.where(pd.isna(days), "", days.astype(str)).astype(object)


def _local(
    frame: pd.DataFrame, households: pd.DataFrame, source: str, file_rows: np.ndarray | None = None
) -> str | None:
    """The local classification (``local_status``, ``local_deprived``; issue #12) into ``households``, and
    the label of its standard (``local_ruleset``); None when the file has no local classification."""
    if "local_status" not in frame.columns:
        return None
    status, bad = normalize_status(_col(frame, "local_status"))
    if bad.any():
        at = int(np.flatnonzero(bad.to_numpy())[0])
        row = _file_row(file_rows, at)
        value = frame["local_status"].iloc[at]
        raise report_error("rep_not_status", file=source, row=row, column="local_status", value=value)
    households["local_status"] = status.fillna("").astype(str).to_numpy()
    households["local_deprived"] = _col(frame, "local_deprived").fillna("").astype(str).to_numpy()
    labels = [str(v) for v in _col(frame, "local_ruleset").dropna() if str(v).strip()]
    return labels[0] if labels else "local"


def local_ruleset(label: str) -> Ruleset | None:
    """The local standard named in ``label`` (``base@v+local@v``), None when it is not a bundled one."""
    try:
        return load_ruleset(label.split("+")[-1].split("@")[0])
    except PovertyRulesError:
        return None


def _local_title(label: str) -> dict[str, str]:
    """The title of the local standard named in ``label`` (``base@v+local@v``), else its id."""
    rs = local_ruleset(label)
    if rs is None:
        name = label.split("+")[-1].split("@")[0]
        return {"vi": name, "en": name}
    return {"vi": rs.title.vi, "en": rs.title.en}


def _left_rows(
    left: pd.DataFrame,
    like: pd.DataFrame,
    groups: tuple[str, ...],
    ethnicity: bool,
    source: str,
    file_rows: np.ndarray | None = None,
) -> pd.DataFrame:
    """Households recorded last review and absent now: start = their status then, end = ``""``; those
    whose row this review rejected (``in_file``) are present and undetermined: end = start. ``source``
    names the not-reviewed file in messages."""
    frame = left.rename(columns=canonical_headers([str(c) for c in left.columns])).reset_index(drop=True)
    for name in ("household_id", "status"):
        if name not in frame.columns:
            raise report_error("rep_left_missing_column", file=source, column=_with_header(name))
    if "place_commune" in frame.columns:  # the household's own commune, recorded by the history (migration 3)
        place = _col(frame, "place_commune")
        frame["commune"] = place.where(place.notna() & (place.astype(str) != ""), _col(frame, "commune")).to_numpy()
    status, bad = normalize_status(_col(frame, "status"))
    if bad.any():
        at = int(np.flatnonzero(bad.to_numpy())[0])
        row = _file_row(file_rows, at)
        raise report_error("rep_not_status", file=source, row=row, column="status", value=frame["status"].iloc[at])
    persons, _, known = _persons(frame, source, file_rows)
    n = len(frame)
    rows = pd.DataFrame({name: like[name].iloc[:0] for name in like.columns}).reindex(range(n))
    for key in (*KEYS, "head_name"):
        rows[key] = _col(frame, key).to_numpy()
    rows["area"] = _areas(_col(frame, "area"))
    rows["household_id"] = frame["household_id"].astype(str).to_numpy()
    rows["persons"] = persons
    rows["persons_known"] = known
    start = status.astype(str).to_numpy()
    # in_file: the household's row is in this review's file but was rejected (bad input) — it is present,
    # undetermined, and stays on the list it was on (docs/reports.md: counted and listed, never dropped)
    rejected = _col(frame, "in_file").fillna("").astype(str).str.strip().str.lower().isin(("true", "1")).to_numpy()
    rows["status"] = np.where(rejected, "undetermined", "")
    rows["start"] = start
    rows["end"] = np.where(rejected, start, "")
    rows["transition"] = ""
    rows["change_reason"] = ""
    for name in ("arriving", "relapsed_poor", "relapsed_near_poor", "farm", *groups):
        rows[name] = False
    rows["present"] = rejected
    rows["resident"] = rejected
    # a rejected row's household keeps its support window (the not-reviewed file's eligible_until, ISO)
    until = _col(frame, "eligible_until").fillna("").astype(str).str.strip().to_numpy()
    rows["eligible_until"] = np.where(rejected, until, "")
    rows["start_village"] = ""
    # a rejected row's household stays on its list as its last review recorded it: with the deprivations
    # and the groups recorded then (R4–R7 count its deprivations, R8/R9 its groups, as R1 counts it)
    rows["deprived"] = np.where(rejected, _col(frame, "deprived").fillna("").astype(str).to_numpy(), "")
    for g in groups:
        if g in frame.columns:
            rows[g] = rejected & _flags(frame[g])
    rows["undetermined_by"] = np.where(rejected, REJECTED_ROW, "")
    if ethnicity:
        recorded = _col(frame, "ethnicity").fillna("").astype(str).str.strip()
        rows["ethnicity"] = np.where(rejected, recorded.to_numpy(), "")
        rows["ethnic_minority"] = rejected & _minority(frame, recorded)
    for name in ("local_status", "local_deprived"):
        if name in like.columns:
            rows[name] = ""
    return rows


def _commune_codes(frame: pd.DataFrame) -> np.ndarray:
    """Each row's commune code as the reports name it (``03001``, or ``12/03001`` with its province code),
    ``""`` where the row has none: from the history's ``unit`` (``code|12|03001``) when the rows carry it,
    else from the ``province_code`` / ``commune_code`` columns (``Mã tỉnh``, ``Mã xã``). Each distinct
    unit is read once."""
    if "unit" in frame.columns:
        units = _col(frame, "unit").fillna("").astype(str)
    elif "commune_code" in frame.columns:
        places = frame.reindex(columns=[c for c in PLACE_COLUMNS if c in frame.columns])
        units = pd.Series(household_units(places)[0], dtype=object).fillna("").astype(str)
    else:
        return np.full(len(frame), "", dtype=object)
    codes, uniques = pd.factorize(units.reset_index(drop=True))
    shown = []
    for unit in uniques:
        kind, _, rest = str(unit).partition("|")
        province_code, _, commune_code = rest.partition("|")
        shown.append(f"{province_code}/{commune_code}" if kind == "code" and commune_code else "")
    return np.array([*shown, ""], dtype=object)[np.where(codes < 0, len(shown), codes)]


def _communes_apart(province: pd.Series, commune: pd.Series, codes: np.ndarray) -> np.ndarray:
    """``commune`` with the code appended where one province's commune name is written for several commune
    codes (``Xã Tân Lập (03001)``, ``Xã Tân Lập (05007)``; the province code too, ``(12/03001)``, where the
    commune codes alone do not tell them apart), so that the forms' rows, the lists and the header block
    count and name each commune apart; communes a file names by their codes alone (``Mã xã``, no ``Xã``) by
    those codes (``03001``); every other name as written."""
    out = commune.to_numpy(dtype=object).copy()
    if (codes != "").sum() < 2:
        return out
    (p_at, p_texts), (c_at, c_texts), (k_at, k_texts) = (_distinct(v) for v in (province, commune, codes))
    where, pairs = pd.factorize((p_at * len(c_texts) + c_at) * len(k_texts) + k_at)  # each distinct triple once
    pairs = np.asarray(pairs, dtype=np.int64)
    names = pd.DataFrame(
        {
            "province": p_texts[pairs // len(k_texts) // len(c_texts)],
            "commune": c_texts[pairs // len(k_texts) % len(c_texts)],
            "code": k_texts[pairs % len(k_texts)],
        },
        dtype=object,
    )
    named = names[names["code"] != ""]  # a blank name too: communes a file names by their codes alone
    shared = named[named.duplicated(["province", "commune"], keep=False)]
    if shared.empty:
        return out
    short = shared["code"].str.rpartition("/")[2]
    alone = ~pd.DataFrame({"p": shared["province"], "c": shared["commune"], "s": short}).duplicated(keep=False)
    label = np.full(len(names), None, dtype=object)
    label[shared.index.to_numpy()] = [
        f"{c} ({t})" if c else t
        for c, t in zip(shared["commune"], np.where(alone, short, shared["code"].str.lstrip("/")), strict=True)
    ]
    relabelled = label[where]
    return np.where(pd.notna(relabelled), relabelled, out)


_CODED = "\x1f"
"""Between a commune's name and its code in the commune key of a part's sums (:func:`coded_communes`)."""


def coded_communes(frame: pd.DataFrame) -> np.ndarray:
    """The ``commune`` cells of a part of a file (a Dask partition, canonical headers) keyed with their commune
    code where the row has one (``Xã Tân Lập`` + ``03001``), so that the sums of parts keep two communes of
    one name apart until they are added; :func:`communes_apart_in_sums` names them then, from every part at
    once, as :func:`from_reviewed` names them in a whole file."""
    communes = _col(frame, "commune").to_numpy(dtype=object)
    codes = _commune_codes(frame)
    if not (codes != "").any():
        return communes
    names = np.array(["" if c is None or c != c else str(c) for c in communes], dtype=object)
    return np.where(codes != "", names + _CODED + codes.astype(str), communes).astype(object)


def communes_named_apart(frame: pd.DataFrame) -> np.ndarray:
    """The ``commune`` cells of a whole table (canonical headers) named as :func:`from_reviewed` names them:
    ``Xã Tân Lập (03001)`` where one province's commune name has several commune codes, else as written."""
    return _communes_apart(_col(frame, "province"), _col(frame, "commune"), _commune_codes(frame))


def communes_apart_in_sums(sums: pd.DataFrame) -> pd.DataFrame:
    """Sums whose ``commune`` keys carry a code (:func:`coded_communes`) with each commune named as a whole
    file names it: ``Xã Tân Lập (03001)`` where one province's commune name has several codes, the name alone
    otherwise (rows may then share a key: the caller adds them again)."""
    if sums.empty or "commune" not in sums.columns:
        return sums
    keys = sums["commune"].astype(object)
    coded = keys.astype(str).str.contains(_CODED, regex=False).to_numpy()
    if not coded.any():
        return sums
    split = keys[coded].astype(str).str.partition(_CODED)
    names = keys.to_numpy(dtype=object).copy()
    codes = np.full(len(sums), "", dtype=object)
    names[coded] = split[0].to_numpy(dtype=object)
    codes[coded] = split[2].to_numpy(dtype=object)
    out = sums.copy()
    out["commune"] = _communes_apart(sums["province"], pd.Series(names, index=sums.index), codes)
    return out


def _distinct(values: Any) -> tuple[np.ndarray, np.ndarray]:
    """A column's rows as positions (``int64``) in its distinct values as text without surrounding spaces
    (``""`` for a missing one, the last), each distinct value read once."""
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    at, uniques = pd.factorize(series.reset_index(drop=True), use_na_sentinel=True)  # Arrow text: not copied
    texts = np.array([*(str(v).strip() for v in uniques), ""], dtype=object)
    return np.where(at < 0, len(texts) - 1, at).astype(np.int64), texts


def _areas(values: pd.Series) -> np.ndarray:
    """Area words (thành thị, nông thôn …) as ``urban`` / ``rural``; anything else ``""``. Each distinct cell's
    text read once (a million households' cells one by one: about 1 s)."""
    rows, texts = _distinct(values)
    return np.array([AREA_WORDS.get(" ".join(t.lower().split()), "") for t in texts], dtype=object)[rows]


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column as objects, or an all-missing one. A column of numbers (a village or commune code typed as a
    number, which pandas makes floats of when one is blank) is read as a file holds it, ``1`` not ``1.0``
    (:func:`~poverty_rules.reports.units.codes_as_written`), a missing cell kept missing."""
    if name not in frame.columns:
        return pd.Series([None] * len(frame), dtype=object)
    column = frame[name]
    if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column.dtype):
        texts = codes_as_written(column).astype(object)
        texts[column.isna().to_numpy()] = None
        return pd.Series(texts, dtype=object)
    return pd.Series(column.astype(object).to_numpy(), dtype=object)


def ethnic_keys(ethnicity: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each household's ethnicity folded (one group however it is typed: "Tày", "tày", "TÀY"; case, spaces
    and Unicode composition folded; a missing one ``""``) and whether it is Kinh, the one group that is no ethnic
    minority. Each distinct spelling is folded once."""
    codes, uniques = pd.factorize(pd.Series(ethnicity).reset_index(drop=True), use_na_sentinel=True)
    keys = [" ".join(unicodedata.normalize("NFC", str(t)).lower().split()) for t in uniques]  # each distinct once
    folded = np.array([*keys, ""], dtype=object)[np.where(codes < 0, len(keys), codes)]
    return folded, np.isin(folded, ("kinh", "dân tộc kinh"))


def _minority(frame: pd.DataFrame, ethnicity: pd.Series) -> np.ndarray:
    """R8's ethnic minority household: as its ``ethnic_minority`` cell says, and where that is blank (or the
    file has no such column) as its ``ethnicity`` names a group other than Kinh, as R9 counts it (R8 said 0
    minority households where R9 counted them, for a file that names ethnicities and not the group)."""
    folded, kinh = ethnic_keys(pd.Series(ethnicity.to_numpy(), dtype=object))
    named_minority = (folded != "") & ~kinh
    if "ethnic_minority" not in frame.columns:
        return named_minority
    flags, _ = read_flags(pd.Series(frame["ethnic_minority"].to_numpy(), dtype=object))
    return np.where(np.isnan(flags), named_minority, flags == 1.0)


def _flags(values: pd.Series) -> np.ndarray:
    """A yes/no column (1/0, có/không, x …) as booleans; blank or unreadable is False."""
    flags, _ = read_flags(pd.Series(values, dtype=object))
    return np.asarray(flags == 1.0, dtype=bool)


def _file_row(file_rows: np.ndarray | None, position: int) -> int:
    """The row the officer sees of the table's row at ``position``: its row in the file (``file_rows``),
    else ``position`` + 2 (the header is row 1)."""
    return int(file_rows[position]) if file_rows is not None else position + 2


def _persons(
    frame: pd.DataFrame, source: str, file_rows: np.ndarray | None = None
) -> tuple[np.ndarray, bool, np.ndarray]:
    """``household_size`` as whole numbers ≥ 1 (0 where blank), whether the column exists, and which
    households' size is known (a blank cell is unknown, not 0 persons: the report says how many). A written 0 is
    refused, as the AF measures refuse it (a household has at least one person): the forms never count it."""
    if "household_size" not in frame.columns:
        return np.zeros(len(frame), np.int64), False, np.ones(len(frame), bool)
    raw = pd.Series(frame["household_size"], dtype=object)
    text = raw.where(raw.notna(), "").astype(str).str.strip()
    numbers = pd.to_numeric(text.where(text != "", "0"), errors="coerce")
    bad = numbers.isna() | (numbers < 0) | (numbers % 1 != 0)
    if bad.any():
        at = int(np.flatnonzero(bad.to_numpy())[0])
        row = _file_row(file_rows, at)
        raise report_error("rep_persons", file=source, row=row, value=raw.iloc[at])
    zero = ((numbers == 0) & (text != "")).to_numpy()  # a written 0: no household, as the AF measures refuse it
    if zero.any():
        at = int(np.flatnonzero(zero)[0])
        raise report_error("rep_persons_zero", file=source, row=_file_row(file_rows, at), value=raw.iloc[at])
    return numbers.astype(np.int64).to_numpy(), True, (text != "").to_numpy()


def unknown_persons(review: ReviewFrame) -> tuple[int, str]:
    """How many of the review's households (resident or gone since the last review) have a blank
    ``household_size``, and the code of the first: the forms' person cells leave them out."""
    h = review.households
    if not review.has_persons or "persons_known" not in h.columns:
        return 0, ""
    blank = ~h["persons_known"].astype(bool).to_numpy()
    if not blank.any():
        return 0, ""
    return int(blank.sum()), str(h["household_id"].to_numpy()[blank][0])


def start_sizes_changed(review: ReviewFrame) -> list[tuple[str, int, int, int]]:
    """R2's and R3's persons at the start against what the last review recorded, from a history
    (docs/review.md, "Persons in R2 and R3"): for each list (``poor``, ``near_poor``) whose households
    on it at the start changed size since, ``(list, persons column 1 counts, persons the last review
    recorded for the same households, households whose size changed)``. Columns 1 to 9 count this
    review's sizes (a household gone since, the size recorded at its last review), so that column 9 is
    1 − 2 − 3 − 4 + 5 + 6 + 7 + 8 on the persons row too; the last report's column 9 counted that
    review's sizes. Households whose size either review left blank are left out of both figures; a
    reviewed file carries no earlier size: empty then."""
    h = review.households
    if not review.has_persons or "start_persons" not in h.columns:
        return []
    present = h["present"].to_numpy(dtype=bool)
    now = h["persons"].to_numpy(dtype=np.int64)
    before = h["start_persons"].to_numpy(dtype="float64")
    before = np.where(present, before, now)  # a household gone since: counted with the size it left with
    known = h["persons_known"].to_numpy(dtype=bool) & ~np.isnan(before)
    start = h["start"].to_numpy()
    out = []
    for lst in ("poor", "near_poor"):
        on = (start == lst) & known
        changed = on & (before != now)
        if changed.any():
            out.append((lst, int(now[on].sum()), int(before[on].sum()), int(changed.sum())))
    return out


def unnamed_communes(review: ReviewFrame, level: str = "commune") -> tuple[int, str, list[str]]:
    """How many of the review's households have a blank commune (``level="province"``: province) where others
    name theirs (a commune's copy whose ``Xã`` or ``Tỉnh`` cell was left empty on some rows), the code of the
    first and the units named: the forms count them apart, as a unit of no name (a village is identified by its
    province, commune and village, docs/reports.md), not in the one they may belong to. ``(0, "", [])`` when
    every household names its unit, or none does (a file of one commune with no commune column)."""
    names = review.households[level].fillna("").astype(str).str.strip()
    blank = (names == "").to_numpy()
    if not blank.any() or blank.all():
        return 0, "", []
    named = sorted(set(names[~blank].unique()))
    return int(blank.sum()), str(review.households["household_id"].to_numpy()[blank][0]), named


def _recorded_commune(store: HistoryStore, commune: str) -> str:
    """The commune name the history records for ``commune``, compared as ``review`` compares communes
    (case, accents and a leading xã / phường / thị trấn folded); ``commune`` itself when it is on record
    as written, or when no recorded name, or more than one, folds to it."""
    names = store.commune_names()
    if commune in names:
        return commune
    same = [name for name in names if commune_key(name) == commune_key(commune)]
    return same[0] if len(same) == 1 else commune


def _refuse_code_without_zeros(store: HistoryStore, db: str | Path, commune: str) -> None:
    """Refuse ``--commune 3001`` naming the recorded code it writes without its zeros (``03001``, as Excel saves
    it), as ``eligible`` does; nothing when ``commune`` resembles no recorded code or is itself on record."""
    if store.units_named(commune):  # on record (by name or code): only not reviewed that day or year
        return
    zeros = store.codes_without_zeros(commune)
    if zeros:
        raise report_error("rep_commune_zeros", file=db, commune=commune, codes=", ".join(zeros))


def _refuse_several_coded(store: HistoryStore, db: str | Path, commune: str, units: set[str]) -> None:
    """Refuse ``--commune 'Xã Tân Lập'`` naming several communes of the report, each with its own commune code
    (two communes of one name after the 2025 mergers): one commune's report was asked for, and the report of
    both, headed by their province, would pass for it. The refusal names each with its code, the way to ask for
    one. Nothing when ``units`` is one commune, or when one of them is kept by name (no code to ask by)."""
    if not all(unit.startswith("code|") for unit in units) or len({u.rpartition("|")[2] for u in units}) < 2:
        return
    scopes = store.scopes()
    scopes = scopes[scopes["unit"].astype(str).isin(units)].drop_duplicates("unit")
    shown = []
    for row in scopes.sort_values(["commune_code", "province_code"]).itertuples(index=False):
        name = ", ".join(str(p) for p in (row.commune, row.province) if isinstance(p, str) and p.strip())
        shown.append(f"{row.commune_code} ({name})" if name else str(row.commune_code))
    first = str(scopes.sort_values(["commune_code", "province_code"])["commune_code"].iloc[0])
    raise report_error(
        "rep_commune_several", file=db, commune=commune, count=len(shown), communes="; ".join(shown), code=first
    )


def from_history(db: str | Path, review_date: date, *, commune: str | None = None) -> ReviewFrame:
    """A :class:`ReviewFrame` from the history file ``db``: the review(s) recorded on ``review_date``
    (only ``commune``'s when given), the start from each household's status at the scope's previous
    review, and the households of those reviews' communes that left since (docs/reports.md; recorded by
    migration 3): a commune reviewed on another date is not in the report."""
    with HistoryStore(db, read_only=True) as store:  # an old version on a read-only disk: read in memory
        named = commune
        if commune is not None:  # as review and eligible compare communes: Nghi Ân is Xã Nghi Ân
            commune = _recorded_commune(store, commune)
        rows, ruleset_label = store.review_at(review_date, commune)
        if rows.empty:
            day = review_date  # said as the language writes a date: 10/12/2026 in Vietnamese
            if named:
                _refuse_code_without_zeros(store, db, named)
                raise report_error("rep_no_review_commune", file=db, date=day, commune=named)
            raise report_error("rep_no_review", file=db, date=day)
        if ruleset_label == IMPORTED_RULESET:  # lists of the poor and near-poor: no total to rate them against
            raise report_error("rep_imported_list", file=db, date=review_date)
        if named:
            _refuse_several_coded(store, db, named, set(rows["unit"].astype(str)))
        frame, left = _history_part(store, review_date, rows, commune)
    return _history_frame(db, [(frame, left)], ruleset_label, review_date)


def from_history_year(db: str | Path, year: int, *, commune: str | None = None) -> ReviewFrame:
    """A :class:`ReviewFrame` of the year ``year`` from the history file ``db``: every commune's last review
    recorded in that year (only ``commune``'s when given), whatever its day — a district whose communes were
    reviewed on different days gets one report of the year. Each commune starts from its own previous
    review and loses the households that left since it, as :func:`from_history` of its own day gives them;
    the review date is the year's last, and ``extra["review_dates"]`` holds every day reported."""
    with HistoryStore(db, read_only=True) as store:  # an old version on a read-only disk: read in memory
        named = commune
        units: set[str] | None = None
        if commune is not None:
            units = set(store.units_named(commune))
        scopes = store.scopes()
        reviews = store.reviews().set_index("id")["ruleset"].astype(str)
        if len(scopes):
            recorded = scopes["review_date"].astype(str)
            imported = scopes["review_id"].map(reviews).eq(IMPORTED_RULESET).to_numpy()
            scopes = scopes[recorded.str.startswith(f"{year:04d}-").to_numpy() & ~imported]
        if units is not None and len(scopes):
            scopes = scopes[scopes["unit"].astype(str).isin(units)]
        if scopes.empty:
            if named:
                _refuse_code_without_zeros(store, db, named)
                raise report_error("rep_no_year_commune", file=db, year=year, commune=named)
            raise report_error("rep_no_year", file=db, year=year)
        if named:
            _refuse_several_coded(store, db, named, set(scopes["unit"].astype(str)))
        last = scopes.groupby("unit")["review_date"].max()  # each commune's last review of the year
        parts: list[tuple[pd.DataFrame, pd.DataFrame]] = []
        label = ""
        days: list[date] = []
        for day_text in sorted(set(last.astype(str))):
            day = date.fromisoformat(day_text)
            wanted = set(last.index[last.astype(str) == day_text].astype(str))
            rows, ruleset_label = store.review_at(day)
            rows = rows[rows["unit"].astype(str).isin(wanted)].reset_index(drop=True)
            if rows.empty:  # pragma: no cover - a unit in scope has rows
                continue
            label = label or ruleset_label
            parts.append(_history_part(store, day, rows, None))
            days.append(day)
    review = _history_frame(db, parts, label, days[-1])
    review.extra["review_dates"] = days
    return review


def _history_part(
    store: HistoryStore, review_date: date, rows: pd.DataFrame, commune: str | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The results ``rows`` recorded on ``review_date`` with each household's start (its status at its
    unit's previous review), and the households of those units that left since: the reviewed file and the
    not-reviewed file that review wrote."""
    # the start and the households that left: of the communes reviewed on that date only (a commune
    # of the district reviewed on another date neither starts nor leaves here)
    latest = store.latest_before(review_date, commune, units=sorted(set(rows["unit"].astype(str))))
    # a household is its commune unit and its code (review/scope.py): one code may live in two communes
    now = pd.MultiIndex.from_arrays([rows["unit"].astype(str), rows["household_id"].astype(str)])
    known = now.isin(pd.MultiIndex.from_arrays([latest["unit"].astype(str), latest["household_id"].astype(str)]))
    latest = latest[latest["in_last_review"]]
    before = pd.MultiIndex.from_arrays([latest["unit"].astype(str), latest["household_id"].astype(str)])
    at = before.get_indexer(now)  # one row per (unit, code) in latest_before
    statuses = latest["status"].astype(str).to_numpy(dtype=object)
    start = np.where(at >= 0, statuses[np.maximum(at, 0)] if len(statuses) else "", "")
    # a household the history did not know started from the file's previous_status, which the review recorded
    # (review/yearly.py start_status): the reviewed file's start, so both reports count it on the same list
    recorded = rows["previous_status"].fillna("").astype(str).to_numpy(dtype=object)
    frame = rows.assign(start_status=np.where(known, start, recorded))
    villages = latest["village"].fillna("").astype(str).to_numpy(dtype=object)
    frame["start_village"] = np.where(at >= 0, villages[np.maximum(at, 0)] if len(villages) else "", "")
    # the size the last review recorded: R2's and R3's persons at the start as that review's end counted them
    # (start_sizes_changed)
    sizes = latest["household_size"].fillna("").astype(str).to_numpy(dtype=object)
    frame["start_size"] = np.where(at >= 0, sizes[np.maximum(at, 0)] if len(sizes) else "", "")
    frame["commune"] = frame["place_commune"].where(frame["place_commune"].notna(), frame["commune"])
    rejected = frame["decided_by"].astype(str).eq(REJECTED_ROW) & frame["status"].eq("undetermined")
    # what to collect for an undetermined household, as its review recorded it (none before blocks had it)
    frame["undetermined_by"] = np.where(rejected, REJECTED_ROW, frame["undetermined_by"].fillna("").astype(str))
    frame = frame.drop(columns=["decided_by"])
    # a rejected row's household counts with the deprivations and groups its last review recorded, as the
    # reviewed file's not-reviewed list gives them (R4–R9 over the households R1 counts on the list)
    carried = rejected.to_numpy() & (at >= 0)
    if carried.any():
        for name in ("deprived", *GROUP_COLUMNS):
            if name in latest.columns and name in frame.columns:
                recorded = latest[name].to_numpy(dtype=object)[at[carried]]
                values = frame[name].to_numpy(dtype=object).copy()
                values[carried] = recorded
                frame[name] = values
    if frame["local_status"].isna().all():  # no local classification recorded (issue #12)
        frame = frame.drop(columns=["local_status", "local_deprived", "local_ruleset"])
    for name in ("household_size", "farm_household", "change_reason", "head_name", "province", "area", *GROUP_COLUMNS):
        if frame[name].isna().all():  # the reviewed file had no such column
            frame = frame.drop(columns=[name])
    left = latest[~before.isin(now)]
    _recorded_persons(frame, store.path, review_date)
    _recorded_persons(left, store.path, None)
    return frame.drop(columns=["place_commune"]), left


def _recorded_persons(rows: pd.DataFrame, db: str | Path, day: date | None) -> None:
    """Refuse a household size the history recorded that is not a number of persons (a reviewed file's ``True``)
    naming the household, its code and commune (with the commune's code, ``Xã Tân Lập (03001)``, where the
    history has it), and the review that recorded it (``day``, else the row's
    ``review_date``): a history has no rows the officer sees, so "row 2" would name nothing."""
    try:
        _persons(rows.reset_index(drop=True), str(db))
    except ReportError as error:
        at = int(str(error.values["row"])) - 2  # _persons counts a table's rows from 2 (the header is 1)
        row: dict[Any, Any] = rows.iloc[at].to_dict()
        place = row.get("place_commune")
        commune = place if isinstance(place, str) and place else row.get("commune")
        unit = str(row.get("unit") or "")
        if unit.startswith("code|") and unit.rpartition("|")[2]:  # a coded commune: with its code, as the report
            commune = f"{commune or '—'} ({unit.rpartition('|')[2]})"
        recorded = day or date.fromisoformat(str(row["review_date"])[:10])
        values = {"household": row["household_id"], "commune": commune or "—", "date": recorded}
        raise report_error("rep_history_persons", file=db, value=error.values["value"], **values) from None


def _history_frame(
    db: str | Path, parts: list[tuple[pd.DataFrame, pd.DataFrame]], ruleset_label: str, review_date: date
) -> ReviewFrame:
    """One :class:`ReviewFrame` of the parts :func:`_history_part` read, under the standard ``ruleset_label``
    names (else the one in force on ``review_date``)."""
    label = ruleset_label.split("+")[-1].split("@")[0]  # base@v+local@v: the local standard run alone
    try:
        ruleset = load_ruleset(label)
    except PovertyRulesError:
        ruleset = load_ruleset(as_of=review_date)
    frame = pd.concat([p[0] for p in parts], ignore_index=True) if len(parts) > 1 else parts[0][0]
    left = pd.concat([p[1] for p in parts], ignore_index=True) if len(parts) > 1 else parts[0][1]
    return from_reviewed(
        frame,
        left=left,
        ruleset=ruleset,
        review_date=review_date,
        source=str(db),
        left_source=str(db),
    )


def _with_header(name: str) -> str:
    """A required column named as a refusal names it: its id and the Vietnamese header the reviewed workbook and
    history show write (``status (Phân loại)``), which an officer who reads only Vietnamese looks for."""
    return f"{name} ({W.HISTORY_HEADERS[name]['vi']})"
