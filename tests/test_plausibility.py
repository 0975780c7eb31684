"""The notes from a table's numbers (data/plausibility.py) are the same whether the table is taken whole
or cut into batches whose figures are added up: the share and median of incomes under 20,000, every flag
blank, and the rank correlation of score A and income — with ties, unknown cells, even and odd counts,
incomes at 20,000, and fewer than 5 incomes or 20 pairs. And they are what the single-table rule says
(``np.median`` of the given incomes; Spearman's rho of the rows with both)."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poverty_rules.data import plausibility
from poverty_rules.data.plausibility import Figures, _pearson, _ranks, _row_hashes
from poverty_rules.vocabulary import words as W

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAN = float("nan")
INCOMES = [NAN, 0.0, 1.0, 1500.0, 1500.5, 19_999.0, 19_999.5, 20_000.0, 20_000.5, 25_000.0, 1_500_000.0, 16_777_217.0]
SCORES = [NAN, 0.0, 1.0, 50.0, 50.5, 100.0, 274.0, 0.1]
HEADERS = {"income_per_capita": "Thu nhập", "score_a": "Điểm A", "deprived_water": "Nước"}


@st.composite
def tables(draw: st.DrawFn) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], dict[str, str], list[int]]:
    """Incomes (many under 20,000 or not, ties, unknown), scores (free, or against the incomes), a flag
    column (blank or not), which of those columns the file has, and where it is cut into batches."""
    n = draw(st.integers(0, 90))
    top = draw(st.sampled_from([30_000.0, 3e6]))  # typed in thousands (about), or in dong
    value = st.one_of(st.sampled_from(INCOMES), st.floats(0, top, allow_nan=False))
    income = np.array(draw(st.lists(value, min_size=n, max_size=n)), dtype=np.float64)
    if draw(st.booleans()):  # scores against the incomes (a disagreeing column), a few unknown or free
        step = draw(st.sampled_from([1.0, 1000.0, 1e6]))
        score = np.floor((4e6 - np.nan_to_num(income)) / step)
        free = np.array(draw(st.lists(st.sampled_from(SCORES), min_size=n, max_size=n)), dtype=np.float64)
        mixed = draw(st.lists(st.sampled_from([False, False, False, True]), min_size=n, max_size=n))
        score = np.where(np.array(mixed, dtype=bool), free, score)
    else:
        score = np.array(draw(st.lists(st.sampled_from(SCORES), min_size=n, max_size=n)), dtype=np.float64)
    flag = np.array(draw(st.lists(st.sampled_from([NAN, NAN, 0.0, 1.0]), min_size=n, max_size=n)), dtype=np.float64)
    if draw(st.integers(0, 3)) == 0:
        flag[:] = NAN
    headers = {k: v for k, v in HEADERS.items() if draw(st.integers(0, 3)) or k == "deprived_water"}
    if "income_per_capita" not in headers:
        income[:] = NAN
    if "score_a" not in headers:
        score[:] = NAN
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=10)))
    return {"income_per_capita": income, "score_a": score}, {"deprived_water": flag}, headers, cuts


def _figures(
    numbers: dict[str, np.ndarray], flags: dict[str, np.ndarray], headers: dict[str, str], lang: str, first: int = 0
) -> Figures:
    """The figures of a table whose first row is the file's ``first``-th (0-based; rows numbered from 2)."""
    rows = np.arange(first + 2, first + 2 + len(numbers["score_a"]), dtype=np.int64)
    return Figures.of(numbers, flags, headers, "h.csv", lang, "unknown", rows)


def _expected(numbers: dict[str, np.ndarray], flags: dict[str, np.ndarray], headers: dict[str, str]) -> list[str]:
    """The notes as the single-table rule says them (normalize before the figures were kept)."""
    notes = []
    income = numbers["income_per_capita"]
    known = income[~np.isnan(income)]
    if "income_per_capita" in headers and known.size >= 5 and float((known < 20_000).mean()) >= 0.5:
        share = round(100 * float((known < 20_000).mean()))
        median = W.number(float(np.median(known)), "en")
        notes.append(W.msg("n_thousands", "en", file="h.csv", column="Thu nhập", share=share, median=median))
    if flags["deprived_water"].size and np.isnan(flags["deprived_water"]).all():  # no row: no blank cell
        notes.append(W.msg("n_all_blank", "en", file="h.csv", count=1))
    score = numbers["score_a"]
    both = ~np.isnan(score) & ~np.isnan(income)
    if "score_a" in headers and "income_per_capita" in headers and both.sum() >= 20:
        rho = _pearson(_ranks(score[both]), _ranks(income[both]))
        if rho == rho and rho < -0.3:
            rounded = W.number(rho, "en", decimals=2)
            notes.append(W.msg("n_disagree", "en", file="h.csv", score="Điểm A", income="Thu nhập", rho=rounded))
    return notes


@SETTINGS
@given(table=tables(), lang=st.sampled_from(["en", "vi"]))
def test_batches_added_up_say_the_whole_tables_notes(
    table: tuple[dict[str, np.ndarray], dict[str, np.ndarray], dict[str, str], list[int]], lang: str
) -> None:
    numbers, flags, headers, cuts = table
    whole = _figures(numbers, flags, headers, lang)
    bounds = [0, *cuts, len(numbers["score_a"])]
    parts = [
        _figures({k: v[a:b] for k, v in numbers.items()}, {k: v[a:b] for k, v in flags.items()}, headers, lang, a)
        for a, b in zip(bounds, bounds[1:], strict=False)
    ]
    added = parts[0]
    for part in parts[1:]:
        added.add(part)
    assert added.notes() == whole.notes()
    if lang == "en":
        assert whole.notes() == _expected(numbers, flags, headers)


@SETTINGS
@given(table=tables())
def test_the_median_kept_is_numpys_median_of_every_income(
    table: tuple[dict[str, np.ndarray], dict[str, np.ndarray], dict[str, str], list[int]],
) -> None:
    """Whenever half the incomes or more are under 20,000, the median from what is kept is
    ``np.median`` of every given income, to the last bit (the even count's two middle values
    averaged, one of them the least income at or over 20,000 when exactly half are under)."""
    numbers, flags, headers, cuts = table
    headers = {**headers, "income_per_capita": "Thu nhập"}
    income = np.concatenate([numbers["income_per_capita"], [19_999.0, 20_000.0, 20_000.0, 7.5, 30_000.0]])
    numbers = {"income_per_capita": income, "score_a": income}
    figures = Figures.of(numbers, flags, headers, "h.csv", "en", "unknown", np.arange(income.size) + 2)
    known = income[~np.isnan(income)]
    assert figures.given == known.size and figures.under == int((known < 20_000).sum())
    if figures.under * 2 >= figures.given:
        assert figures._median() == float(np.median(known))


def test_a_file_whose_batches_are_each_too_small_still_says_the_files_figures() -> None:
    """30 pairs in batches of 10: no batch has 20 pairs, and their shares under 20,000 (100%, 90%, 0%)
    are not the file's (63%); the file's figures are said."""
    income = np.array([1000.0 * (i + 1) for i in range(30)])
    score = 100.0 - np.arange(30.0)
    parts = [
        Figures.of(
            {"income_per_capita": income[i : i + 10], "score_a": score[i : i + 10]},
            {},
            HEADERS,
            "h.csv",
            "en",
            "unknown",
            np.arange(i + 2, i + 12),
        )
        for i in range(0, 30, 10)
    ]
    file = parts[0]
    for part in parts[1:]:
        file.add(part)
    said = file.notes()
    assert len(said) == 2
    assert "63% of households have an income under 20,000 (median 15,500)" in said[0]
    assert "rank correlation -1.00" in said[1]


@SETTINGS
@given(table=tables(), most=st.integers(1, 12))
def test_beyond_the_pairs_ranked_a_sample_drawn_by_row_is_ranked_the_same_in_batches(
    table: tuple[dict[str, np.ndarray], dict[str, np.ndarray], dict[str, str], list[int]], most: int
) -> None:
    """With more pairs than PAIRS_RANKED (here 1 to 12), the pairs ranked are those of the PAIRS_RANKED
    rows whose numbers hash least, in file order: the same rho whole or in batches, and no more than
    twice PAIRS_RANKED pairs kept between batches."""
    numbers, flags, headers, cuts = table
    headers = {**headers, "income_per_capita": "Thu nhập", "score_a": "Điểm A"}
    n = len(numbers["score_a"])
    with mock.patch.object(plausibility, "PAIRS_RANKED", most):
        whole = _figures(numbers, flags, headers, "en")
        bounds = [0, *cuts, n]
        added = _figures({k: v[:0] for k, v in numbers.items()}, {k: v[:0] for k, v in flags.items()}, headers, "en")
        for a, b in zip(bounds, bounds[1:], strict=False):
            part = {k: v[a:b] for k, v in numbers.items()}
            added.add(_figures(part, {k: v[a:b] for k, v in flags.items()}, headers, "en", a))
            assert added.kept <= 2 * most
        assert added.notes() == whole.notes()
        income, score = numbers["income_per_capita"], numbers["score_a"]
        both = np.flatnonzero(~np.isnan(score) & ~np.isnan(income))
        if both.size >= 20:
            sample = both[np.sort(np.argsort(_row_hashes(both + 2))[:most])] if both.size > most else both
            expected = _pearson(_ranks(score[sample]), _ranks(income[sample]))
            assert added._rho() == whole._rho() or (expected != expected and whole._rho() != whole._rho())
            assert whole._rho() == expected or (expected != expected and whole._rho() != whole._rho())


def test_a_sampled_rank_correlation_says_it_is_a_samples() -> None:
    """Beyond PAIRS_RANKED pairs (here 25 of 40) the note names the sample and the households with both,
    in both languages; up to it, the plain note."""
    income = np.array([1000.0 * (i + 1) for i in range(40)])
    score = 100.0 - np.arange(40.0)
    numbers = {"income_per_capita": income, "score_a": score}
    with mock.patch.object(plausibility, "PAIRS_RANKED", 25):
        said = {lang: _figures(numbers, {}, HEADERS, lang).notes()[-1] for lang in ("en", "vi")}
    assert "rank correlation -1.00, over a sample of 25 of the 40 households with both" in said["en"]
    assert "tính trên mẫu 25 trong 40 hộ có cả hai cột" in said["vi"]
    with mock.patch.object(plausibility, "PAIRS_RANKED", 40):
        plain = _figures(numbers, {}, HEADERS, "en").notes()[-1]
    assert "(rank correlation -1.00):" in plain and "sample" not in plain


def test_a_file_of_a_header_alone_is_not_said_to_have_every_flag_blank(tmp_path: Path) -> None:
    """A header without household rows has no flag cell, blank or not: the run said "mọi ô chỉ số thiếu hụt
    đều trống (2 cột) … dùng --blank-flags not-deprived" and printed an empty line for the statuses it counted."""
    from click.testing import CliRunner

    from poverty_rules.cli import main

    src = tmp_path / "ho.csv"
    src.write_text("household_id,area,income_per_capita,deprived_employment,deprived_water\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["classify", str(src), "-o", str(tmp_path / "o.csv"), "--as-of", "2025-12-01"])
    assert result.exit_code == 2, result.output  # refused: the file has no household (k1)
    assert "đều trống" not in result.output and "--blank-flags" not in result.output, result.output
    assert "không có dòng hộ nào để phân loại" in result.output
    assert not [line for line in result.output.splitlines() if line and not line.strip()], result.output
    src.write_text(src.read_text(encoding="utf-8") + "H1,rural,1000000,,\n", encoding="utf-8")  # a blank row: said
    result = CliRunner().invoke(main, ["classify", str(src), "-o", str(tmp_path / "o.csv"), "--as-of", "2025-12-01"])
    assert "mọi ô chỉ số thiếu hụt đều trống (2 cột)" in result.output, result.output


def test_a_file_without_households_is_not_said_to_have_every_flag_blank_in_any_output(tmp_path: Path) -> None:
    """A header-only CSV was said to have "every deprivation cell blank (12 columns) … use --blank-flags
    not-deprived": there is no cell at all. Said for a CSV and a workbook output alike."""
    from click.testing import CliRunner

    from poverty_rules.cli import main

    header = "household_id,area,income_per_capita,deprived_water,deprived_employment\n"
    empty, blank = tmp_path / "empty.csv", tmp_path / "blank.csv"
    empty.write_text(header, encoding="utf-8")
    blank.write_text(header + "H1,rural,1000000,,\n", encoding="utf-8")
    for out in ("o.csv", "o.xlsx"):
        args = ["-o", str(tmp_path / out), "--as-of", "2025-12-01", "--lang", "en"]
        assert "every deprivation cell is blank" not in CliRunner().invoke(main, ["classify", str(empty), *args]).output
        assert "every deprivation cell is blank" in CliRunner().invoke(main, ["classify", str(blank), *args]).output
