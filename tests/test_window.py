"""Support windows after escaping poverty (standard.md §5; Quyết định 90/QĐ-TTg 2022)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

import poverty_rules as pr
from poverty_rules.cli import main
from poverty_rules.engine.standards import available, load_ruleset
from poverty_rules.review.transitions import programme
from poverty_rules.review.window import Programme
from poverty_rules.vocabulary.dates import add_months_series, eligible_until_series
from poverty_rules.vocabulary.day import add_months, eligible_until

# Every recognition date of four years, 2023-01-01 … 2026-12-31 (includes 2024-02-29).
FOUR_YEARS = [date(2023, 1, 1) + timedelta(days=i) for i in range(365 * 4 + 1)]
WINDOWS = [36, 60, 12, 1]  # national programme, health insurance (5 y), short windows


@pytest.mark.parametrize(
    ("recognized_on", "expected"),
    [
        (date(2024, 12, 20), date(2027, 12, 19)),
        (date(2024, 2, 29), date(2027, 2, 27)),
        (date(2023, 1, 31), date(2026, 1, 30)),
    ],
)
def test_qd90_36_month_window_spec_examples(recognized_on: date, expected: date) -> None:
    assert eligible_until(recognized_on, 36) == expected


def test_qd90_window_from_29_february_ends_before_28_february() -> None:
    # 2024-02-29 + 36 months has no 29th: end = 2027-02-28, last eligible day 2027-02-27.
    assert add_months(date(2024, 2, 29), 36) == date(2027, 2, 28)
    assert eligible_until(date(2024, 2, 29), 36) == date(2027, 2, 27)
    # into a leap year the 29th exists
    assert eligible_until(date(2024, 2, 29), 48) == date(2028, 2, 28)


def test_add_months_clamps_missing_day_to_month_end() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 3, 31), 1) == date(2024, 4, 30)
    assert add_months(date(2024, 12, 15), 1) == date(2025, 1, 15)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)


@pytest.mark.parametrize("months", WINDOWS)
def test_qd90_every_recognition_date_in_four_years_eligible_on_last_day_not_next(
    months: int,
) -> None:
    review_dates = pd.Series(FOUR_YEARS)
    vectorized = eligible_until_series(review_dates, months)
    for recognized_on, until_ts in zip(FOUR_YEARS, vectorized, strict=True):
        until = eligible_until(recognized_on, months)
        # independent oracle: dateutil's calendar-month step also clamps to the month's end
        assert until == recognized_on + relativedelta(months=months) - timedelta(days=1)
        assert until_ts.date() == until  # vectorized equals scalar
        # eligible on the last day, not on the next: the next day is the window's end
        assert until >= recognized_on
        assert until + timedelta(days=1) == add_months(recognized_on, months)
        assert add_months(recognized_on, months) > until


def test_qd90_36_month_window_lasts_three_calendar_years_of_days() -> None:
    # 36 months hold 1095 or 1096 days (one 29 February at most); counting day one, the
    # eligible span is the same length (a 29 February start ends on 27 February: 1095).
    lengths = {(eligible_until(d, 36) - d).days + 1 for d in FOUR_YEARS}
    assert lengths == {1095, 1096}


def test_vectorized_window_keeps_index_and_missing_dates() -> None:
    dates = pd.Series([date(2024, 2, 29), None, pd.NaT, date(2023, 1, 31)], index=[10, 11, 12, 13], dtype=object)
    out = eligible_until_series(dates, 36)
    assert list(out.index) == [10, 11, 12, 13]
    assert out.iloc[0] == pd.Timestamp("2027-02-27")
    assert out.iloc[1:3].isna().all()
    assert out.iloc[3] == pd.Timestamp("2026-01-30")


def test_vectorized_window_accepts_datetime64_and_iso_text() -> None:
    as_datetime = pd.Series(pd.to_datetime(["2024-12-20", None]))
    as_text = pd.Series(["2024-12-20", ""])
    expected = [pd.Timestamp("2027-12-19"), pd.NaT]
    for series in (as_datetime, as_text):
        out = eligible_until_series(series, 36)
        assert out.iloc[0] == expected[0] and pd.isna(out.iloc[1])


def test_vectorized_window_rejects_unreadable_dates() -> None:
    with pytest.raises(ValueError):
        eligible_until_series(pd.Series(["31/12/2024x"]), 36)


def test_window_of_zero_months_is_refused() -> None:
    with pytest.raises(ValueError):
        eligible_until(date(2024, 1, 1), 0)


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.integers(min_value=-600, max_value=600),
)
def test_add_months_matches_calendar_month_oracle(d: date, months: int) -> None:
    assert add_months(d, months) == d + relativedelta(months=months)
    vectorized = add_months_series(pd.Series([d]), months).iloc[0]
    assert vectorized.date() == add_months(d, months)


@given(st.lists(st.dates(min_value=date(1970, 1, 1), max_value=date(2100, 12, 31)), max_size=50))
def test_vectorized_equals_scalar_for_any_dates(days: list[date]) -> None:
    out = eligible_until_series(pd.Series(days, dtype=object), 36)
    assert [ts.date() for ts in out] == [eligible_until(d, 36) for d in days]


def test_programmes_are_in_the_rulesets_with_dates_reference_and_confidence() -> None:
    """standard.md §5: national 36 months P [S44], policy credit 3 years V [S41], health insurance
    60 months for the regime from 2015 (P), ended by Nghị định 188/2025 from 2025-08-15 (U)."""
    rs = load_ruleset("vn-2022-2026")
    national = programme(rs)
    assert national.months == 36 and national.confidence == "P"
    assert "90/QĐ-TTg" in national.reference
    assert national.eligible_until(date(2024, 12, 20)) == date(2027, 12, 19)
    assert programme(rs, "policy_credit").months == 36 and programme(rs, "policy_credit").confidence == "V"
    health = programme(rs, "health_insurance_support")
    assert health.months == 60 and health.serves == ["near_poor"]
    assert health.valid_to == date(2025, 8, 14)
    assert health.opens_for(date(2025, 8, 14)) and not health.opens_for(date(2025, 8, 15))
    assert set(national.serves) == {"near_poor", "average", "not_poor"}


def test_each_standard_cites_its_own_national_programme() -> None:
    by_id = {rs.id: programme(rs) for rs in available()}
    assert "1722/QĐ-TTg" in by_id["vn-2016-2021"].reference
    assert "90/QĐ-TTg" in by_id["vn-2022-2026"].reference
    assert "257/2025/QH15" in by_id["vn-2027-2030"].reference
    assert "417/QĐ-BNNMT" in by_id["vn-2027-2030"].reference
    assert by_id["vn-2027-2030"].confidence == "U"
    for rs in available():
        assert all(isinstance(p, Programme) for p in rs.programmes.values())


def test_there_is_no_window_in_the_code() -> None:
    with pytest.raises(KeyError):
        programme(object(), "national_programme")


GOOD = {
    "label": {"vi": "x", "en": "x"},
    "months": 36,
    "valid_from": "2022-01-01",
    "serves": ["near_poor"],
    "reference": "r r r",
    "confidence": "V",
}


@pytest.mark.parametrize(
    "change",
    [
        {"reference": None},
        {"months": 0},
        {"confidence": "X"},
        {"label": {"vi": "x"}},
        {"y": 1},
        {"serves": []},
        {"serves": ["escaped"]},
        {"valid_from": None},
        {"valid_to": "2021-12-31"},
    ],
)
def test_programme_without_reference_or_valid_window_is_refused(change: dict) -> None:
    broken = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    Programme.model_validate(GOOD)
    with pytest.raises(ValidationError):
        Programme.model_validate(broken)


def test_vectorized_window_accepts_per_row_months() -> None:
    days = pd.Series([date(2024, 12, 20), date(2024, 12, 20)])
    out = eligible_until_series(days, np.array([36, 60]))
    assert [ts.date() for ts in out] == [date(2027, 12, 19), date(2029, 12, 19)]


def test_classify_keeps_the_national_programmes_regime_and_statuses_as_eligible_does(tmp_path: Path) -> None:
    """A standard whose national programme ends its regime (``valid_to: 2026-03-31``) or serves fewer
    statuses (``serves: [average, not_poor]``) had ``classify`` still write a 36-month ``eligible_until`` for
    an escape recognized after the regime ended and for a near-poor household it does not serve, while
    ``eligible`` (and docs/rulesets.md: 'an escape recognized after valid_to opens no window'; serves: 'the
    statuses a household must have now') left them out. ``eligible_until`` now keeps both, and ``explain``
    says why there is no window, in vi and en; the bundled standards' windows are unchanged."""
    path = Path(__file__).parent / "rulesets" / "national-programme-ends-2026-03.yaml"
    flags = {f"deprived_{i.id}": [0, 0, 0, 0] for i in pr.load_ruleset("vn-2022-2026").indicators}
    frame = pd.DataFrame(
        {
            "household_id": ["late", "before", "near", "kept"],
            "area": ["rural"] * 4,
            "income_per_capita": [1_600_000, 1_600_000, 1_400_000, 1_600_000],
            "previous_status": ["poor", "average", "near_poor", "average"],
            "escaped_on": [None, "2026-02-01", "2026-02-01", "2025-12-10"],
            **flags,
        }
    )
    out = pr.classify(frame, ruleset=str(path), as_of="2026-06-01")
    assert out["eligible_until"].tolist() == ["", "2029-01-31", "", "2028-12-09"]
    national = pr.classify(frame, ruleset="vn-2022-2026", as_of="2026-06-01")  # its regime: no end, 3 statuses
    assert national["eligible_until"].tolist() == ["2029-05-31", "2029-01-31", "2029-01-31", "2028-12-09"]
    data = tmp_path / "h.csv"
    frame.to_csv(data, index=False)
    for lang, late, near in (
        ("en", "none: the escape was recognized after the regime ended (2026-03-31)", "does not serve"),
        ("vi", "không có: hộ được công nhận thoát nghèo sau khi chế độ kết thúc (31/03/2026)", "không hỗ trợ"),
    ):
        for code, words in (("late", late), ("near", near)):
            args = ["explain", str(data), code, "--as-of", "2026-06-01", "--ruleset", str(path), "--lang", lang]
            result = CliRunner().invoke(main, args)
            assert result.exit_code == 0, result.output
            assert words in result.output, result.output


def test_an_escape_recognized_in_2026_is_cited_to_the_merged_programme_too(tmp_path: Path) -> None:
    """An escape from poverty recognized in the 2026 review (the 2022 standard, kept for 2026) was explained
    as supported under 'Quyết định 90/QĐ-TTg ngày 18/01/2022 … [P]' alone, though from 2026 the national target
    programmes are merged (Nghị quyết 257/2025/QH15; Quyết định 417/QĐ-BNNMT, 2026-01-31) and the 36 months
    were not found there (U, docs/standard.md §5). The 2022 standard's national programme now cites both, the
    merged programme's 36 months tagged U, as `rulesets show` and `explain` print it."""
    support = programme(load_ruleset("vn-2022-2026"), "national_programme")
    assert "Quyết định 90/QĐ-TTg" in support.reference
    assert "Nghị quyết 257/2025/QH15" in support.reference and "417/QĐ-BNNMT" in support.reference
    assert "U" in support.reference.split("257/2025/QH15", 1)[1]
    data = tmp_path / "h.csv"
    data.write_text("household_id,area,income_per_capita,previous_status\nA,rural,1600000,poor\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["explain", str(data), "A", "--as-of", "2026-12-10", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "eligible through 2029-12-09" in result.output and "Nghị quyết 257/2025/QH15" in result.output


_STANDARDS = sorted(available(), key=lambda rs: rs.valid_from)
_STATUS_NOW = ["near_poor", "average", "not_poor"]


def _in_force(day: date) -> pr.Ruleset:
    return next(rs for rs in _STANDARDS if rs.valid_from <= day <= rs.valid_to)


def _national_months(rs: pr.Ruleset, months: int) -> pr.Ruleset:
    """``rs`` with its national programme lasting ``months``."""
    support = rs.programmes["national_programme"].model_copy(update={"months": months})
    return rs.model_copy(update={"programmes": {**rs.programmes, "national_programme": support}})


#: The national standards with programmes of different lengths (2016: 36 months, 2022: 30, 2027: 24): the day
#: they differ, a command reading the programme of another day than the escape's gives another window.
_UNEQUAL = [_national_months(rs, months) for rs, months in zip(_STANDARDS, (36, 30, 24), strict=True)]


@given(
    recognized=st.dates(min_value=date(2016, 1, 1), max_value=date(2030, 12, 31)),
    later=st.integers(min_value=0, max_value=40 * 31),
    status=st.sampled_from(_STATUS_NOW),
)
def test_classify_review_and_eligible_give_one_window_for_any_day(recognized: date, later: int, status: str) -> None:
    """The window of one escape is the same whichever command counts it (docs/standard.md §5, docs/review.md):
    ``classify`` and ``review`` (``eligible_until``, read with the standard in force on the review day),
    ``history import`` (no standard but the escape's day) and ``eligible`` (the standard in force on ``--as-of``)
    all count it with the programme of the standard in force on its recognition day
    (:func:`poverty_rules.review.window.escape_programmes`). They agreed only while every national programme
    lasted 36 months: here the standards' programmes last 36, 30 and 24 months, and for every recognition date of
    2016–2030 (29 February too) and every day up to 40 months after it — across the changes of standard of 2022
    and 2027 — the three give the same last day, open on the same days, the escape's own programme's."""
    from poverty_rules.review import window
    from poverty_rules.review.history import _window_ends
    from poverty_rules.review.transitions import national_window, served_escapes
    from poverty_rules.vocabulary.dates import eligible_until_array
    from poverty_rules.vocabulary.statuses import status_codes

    day = recognized + timedelta(days=later)
    if day > date(2030, 12, 31):  # no standard in force: classify refuses the day
        return
    on_day = next(rs for rs in _UNEQUAL if rs.valid_from <= day <= rs.valid_to)
    own = next(rs for rs in _UNEQUAL if rs.valid_from <= recognized <= rs.valid_to).programmes["national_programme"]
    rec = np.array([np.datetime64(recognized, "D")])
    code = status_codes(pd.Series([status]))[0]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(window, "available", lambda: _UNEQUAL)
        written = national_window(
            pd.Series([status]), pd.Series(["unchanged"]), pd.Series([recognized.isoformat()]), day, on_day
        ).iloc[0]
        imported = _window_ends(rec, code, np.array([True]), None)[0]
        chosen, which = window.escape_programmes(rec, "national_programme", on_day)  # as eligible reads it
    support = chosen[which[0]]
    assert support.months == own.months
    kept = not np.isnat(imported) and recognized <= day <= imported.astype(date)
    assert written == (str(imported) if kept else ""), (recognized, day, status)
    until = eligible_until_array(rec, support.months)[0]
    assert np.isnat(imported) or until == imported
    listed = served_escapes(code, rec, serves=support.serves, valid_to=support.valid_to)[0] and day <= until.astype(
        date
    )
    assert listed == bool(written), (recognized, day, status)


def test_eligible_and_explain_name_the_programme_the_escape_was_recognized_under(tmp_path: Path) -> None:
    """``eligible --as-of 2027-06-01`` named every listed household's programme after the 2027 standard's ("Merged
    national target programme …"), and ``explain`` on that day cited it, for an escape recognized on 20/12/2024
    under the 2022 standard (Quyết định 90/QĐ-TTg): the window is that programme's (docs/standard.md §5, "Windows
    are dated parameters per programme"), and both now name it, on screen and in the workbook."""
    lists = tmp_path / "ds.csv"
    lists.write_text("Mã hộ,Tình trạng,Ngày công nhận\nH1,thoát nghèo,20/12/2024\n", encoding="utf-8")
    db = str(tmp_path / "h.db")
    imported = CliRunner().invoke(
        main, ["history", "import", str(lists), "--db", db, "--date", "2024-12-30", "--commune", "Xã A"]
    )
    assert imported.exit_code == 0, imported.output
    out = tmp_path / "el.xlsx"
    args = ["eligible", "--as-of", "2027-06-01", "--db", db, "--lang", "en", "-o", str(out)]
    listed = CliRunner().invoke(main, args)
    assert listed.exit_code == 0, listed.output
    said = " ".join(listed.output.split())
    assert "National target programme support for recently escaped households (36 months)" in said, said
    assert "Merged" not in said and "2027-12-19" in said, said
    label = programme(load_ruleset("vn-2022-2026")).label.en
    assert pd.read_excel(out, dtype=str, engine="openpyxl").iloc[0].tolist()[-1] == label
    data = tmp_path / "h.csv"
    data.write_text(
        "household_id,area,income_per_capita,previous_status,escaped_on\nH1,rural,3000000,not_poor,2024-12-20\n"
    )
    explained = CliRunner().invoke(main, ["explain", str(data), "H1", "--as-of", "2027-06-01", "--lang", "en"])
    assert explained.exit_code == 0, explained.output
    said = " ".join(explained.output.split())
    assert "eligible through 2027-12-19. Reference: Quyết định 90/QĐ-TTg" in said and "Merged" not in said, said


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_escape_recognized_after_the_review_date_in_its_year_is_said_not_begun(tmp_path: Path, lang: str) -> None:
    """An ``escaped_on`` after the review date in the review's year (20/12/2025 in a review of 2025-12-10: read, as
    the chair's decision may follow the review; a later year is rejected) silently left ``eligible_until`` blank.
    Its window has not begun on the review date (eligible from the recognition, docs/standard.md §5), so it stays
    blank, but ``classify`` and ``review`` now say so, naming the column and the review date, once; ``explain``
    says it of the household. Dates on or before the review date give no such note."""
    src = tmp_path / "ho.csv"
    head = "household_id,area,income_per_capita,previous_status,escaped_on\n"
    src.write_text(
        head + "B,rural,3000000,not_poor,20/12/2025\nB2,rural,3000000,not_poor,21/12/2025\n"
        "C,rural,3000000,not_poor,2024-12-20\n"
    )
    said = {
        "vi": "cột escaped_on: có hộ có ngày công nhận thoát nghèo sau ngày rà soát 10/12/2025",
        "en": "column escaped_on: some households' escapes from poverty are recognized after the review date "
        "2025-12-10",
    }[lang]
    for command in (["classify", "--as-of", "2025-12-10"], ["review", "--date", "2025-12-10", "--commune", "Xã A"]):
        extra = ["--db", str(tmp_path / f"{lang}.db")] if command[0] == "review" else []
        out = tmp_path / f"{command[0]}.csv"
        result = CliRunner().invoke(main, [command[0], str(src), "-o", str(out), *command[1:], *extra, "--lang", lang])
        assert result.exit_code == 0, result.output
        assert " ".join(result.output.split()).count(said) == 1, result.output
        written = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert written["eligible_until"].tolist() == ["", "", "2027-12-19"]
    src.write_text(head + "C,rural,3000000,not_poor,2024-12-20\nD,rural,3000000,not_poor,10/12/2025\n")
    result = CliRunner().invoke(
        main, ["classify", str(src), "-o", str(tmp_path / "k.csv"), "--as-of", "2025-12-10", "--lang", lang]
    )
    assert result.exit_code == 0 and said not in " ".join(result.output.split()), result.output
