"""Local standards as a classification of their own, beside the national one (issue #12;
docs/standard.md §1, docs/rulesets.md "Local standards")."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import poverty_rules as pr
from poverty_rules.cli import main
from poverty_rules.engine.standards import load_file, load_ruleset
from poverty_rules.errors import ArgumentError, RulesetError
from poverty_rules.review.history import HistoryStore
from poverty_rules.rules.diff import diff_rulesets, render

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
SAMPLE = ROOT / "fixtures" / "sample_commune.csv"
HCMC = "example-hcmc-style-2022-2025"
BAC_NINH = "example-bac-ninh-2025"
LOCAL_COLUMNS = ["local_status", "local_deprived", "local_deprivation_count", "local_ruleset"]


FLAGS = [ind.id for ind in load_ruleset("vn-2022-2026").indicators] + ["social_insurance"]


def _households(deprived: dict[str, list[int]], **columns: list[object]) -> pd.DataFrame:
    """A household table with every flag column (0 unless given), so no mark is unknown."""
    n = len(columns["household_id"])
    return pd.DataFrame(columns | {f"deprived_{i}": deprived.get(i, [0] * n) for i in FLAGS})


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


# --------------------------------------------------------------------------- both classifications


def test_classify_local_keeps_the_national_columns_and_adds_the_local_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SAMPLE, tmp_path)
    args = ["classify", "sample_commune.csv", "--as-of", "2025-12-01", "-q"]
    national = CliRunner().invoke(main, [*args, "-o", "national.csv"])
    both = CliRunner().invoke(main, [*args, "-o", "both.csv", "--local", BAC_NINH])
    assert national.exit_code == both.exit_code == 1  # the sample's 7 bad rows
    a, b = _rows((tmp_path / "national.csv").read_bytes()), _rows((tmp_path / "both.csv").read_bytes())
    assert list(b[0])[: len(a[0])] == list(a[0]) and list(b[0])[len(a[0]) :] == LOCAL_COLUMNS
    assert [{k: r[k] for k in a[0]} for r in b] == a  # the national result untouched
    golden = GOLDEN / "sample_commune.local-bac-ninh.csv"
    local = pd.DataFrame(b)[["household_id", "status", *LOCAL_COLUMNS]].to_csv(index=False, lineterminator="\n")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(local, encoding="utf-8")
    assert local == golden.read_text(encoding="utf-8")
    # average nationally, poor or near-poor locally: income at or under Bắc Ninh's line — above the
    # national one, or under it with a national score A above the score line (Bắc Ninh has no score path)
    moved = [r for r in b if r["status"] == "average" and r["local_status"] in ("poor", "near_poor")]
    lines = {"rural": (1_500_000, 1_750_000), "urban": (2_000_000, 2_250_000)}
    assert moved and all(float(r["income_per_capita"]) <= lines[r["area"]][1] for r in moved)
    assert all(float(r["income_per_capita"]) > lines[r["area"]][0] for r in moved if not r["score_a"])
    assert {r["local_ruleset"] for r in b} == {"vn-2022-2026@2025.02+example-bac-ninh-2025@2"}


def test_explain_adds_local_reason(tmp_path: Path) -> None:
    df = _households(
        {i: [1, 0] for i in ("employment", "water", "sanitation")},
        household_id=["A", "B"],
        area=["rural", "urban"],
        income_per_capita=[1_700_000, 2_900_000],
    )
    out = pr.classify(df, as_of="2025-06-01", local=HCMC, explain=True, lang="en")
    assert out["status"].tolist() == ["average", "average"]
    # sanitation is not an HCMC indicator: A has 2 deprivations there, B none; 3,000,000 a month for both areas
    assert out["local_status"].tolist() == ["near_poor", "near_poor"]
    assert out["local_deprived"].tolist() == ["employment;water", ""]
    assert "3,000,000" in out["local_reason"].iloc[1] and "near_poor_hcm_income" in out["local_reason"].iloc[1]


def test_library_local_equals_cli_and_national_is_unchanged() -> None:
    df = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    plain = pr.classify(df, as_of="2025-12-01", errors="drop")
    both = pr.classify(df, as_of="2025-12-01", errors="drop", local=load_ruleset(BAC_NINH))
    pd.testing.assert_frame_equal(both[plain.columns], plain)
    assert list(both.columns[len(plain.columns) :]) == LOCAL_COLUMNS


def test_local_outside_its_period_is_refused() -> None:
    df = pd.DataFrame({"household_id": ["A"], "area": ["rural"], "income_per_capita": [1_000_000]})
    with pytest.raises(pr.PovertyRulesError, match="applies from 2025-01-01 to 2025-12-31"):
        pr.classify(df, as_of="2026-03-01", local=BAC_NINH, lang="en")
    # in Vietnamese, the dates as Vietnamese writes them (they were 2025-01-01 … 2026-03-01)
    with pytest.raises(pr.PovertyRulesError, match="áp dụng từ 01/01/2025 đến 31/12/2025; ngày rà soát là 01/03/2026"):
        pr.classify(df, as_of="2026-03-01", local=BAC_NINH, lang="vi")


@pytest.mark.parametrize("as_of", [["--as-of", "2020-12-01"], []])
def test_explain_local_outside_its_period_is_refused_as_classify(
    as_of: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """explain --local explained a household by Bắc Ninh 2025 on a 2020 review date (or today's, no
    --as-of) where classify refuses: the same exit 2 and message now."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    explained = runner.invoke(main, ["explain", str(SAMPLE), "HC-01-0001", *as_of, "--local", BAC_NINH, "--lang", "en"])
    classified = runner.invoke(
        main, ["classify", str(SAMPLE), "-o", "o.csv", *as_of, "--local", BAC_NINH, "--lang", "en"]
    )
    assert (explained.exit_code, classified.exit_code) == (2, 2)
    assert "applies from 2025-01-01 to 2025-12-31" in explained.output
    assert "give --as-of inside that period" in explained.output
    assert explained.output.strip() == classified.output.strip()
    assert "Classification by the local standard" not in explained.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_review_local_outside_its_period_names_its_date_option(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """review has --date, not --as-of: the refusal told the officer to give an option review lacks."""
    monkeypatch.chdir(tmp_path)
    args = ["review", str(SAMPLE), "--date", "2020-12-01", "--db", "h.db", "--local", BAC_NINH, "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    start = "01/01/2025" if lang == "vi" else "2025-01-01"  # each language's date order

    start = "01/01/2025" if lang == "vi" else "2025-01-01"  # the date as the language writes it
    assert start in result.output and "--date" in result.output and "--as-of" not in result.output
    assert not (tmp_path / "sample_commune.reviewed.csv").exists()


def test_review_records_both_classifications(tmp_path: Path) -> None:
    df = _households(
        {i: [1, 0] for i in ("employment", "water", "sanitation")},
        household_id=["A", "B"],
        area=["rural", "rural"],
        income_per_capita=[1_600_000, 1_000_000],
    )
    store = HistoryStore(tmp_path / "h.db")
    try:
        review = pr.pipeline.run_review(df, load_ruleset("vn-2022-2026"), "2025-12-01", store, local=BAC_NINH)
        assert review.classified["local_status"].tolist() == ["poor", "near_poor"]
        recorded = [json.loads(line[len("--   ") :]) for line in store.dump() if line.startswith("--   ")]
        names = ("household_id", "status", "local_status", "local_deprivation_count")  # the results, migration 8
        rows = sorted(tuple(row[n] for n in names) for row in recorded)
        assert rows == [("A", "average", "poor", 3), ("B", "near_poor", "near_poor", 0)]
        assert store.reviews()["local_ruleset"].tolist() == ["vn-2022-2026@2025.02+example-bac-ninh-2025@2"]
    finally:
        store.close()


def test_explain_command_explains_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SAMPLE, tmp_path)
    result = CliRunner().invoke(
        main, ["explain", "sample_commune.csv", "HC-01-0002", "--as-of", "2025-12-01", "--local", HCMC, "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "Classification by the local standard: vn-2022-2026@2025.02+example-hcmc-style-2022-2025@2" in result.output


def test_explain_says_why_the_local_standard_cannot_read_a_household(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bắc Ninh reads incomes only: a household with a score A and no income is explained by the national
    standard, then a note says why the local one cannot read it (exit 0, as classify keeps the row; it
    stopped with exit 2 and no reason)."""
    monkeypatch.chdir(tmp_path)
    table = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    code = table.loc[(table["score_a"] != "") & (table["household_id"] != ""), "household_id"].iloc[0]
    table.loc[table["household_id"] == code, "income_per_capita"] = ""
    table.to_csv(tmp_path / "ho.csv", index=False)
    args = ["explain", "ho.csv", code, "--as-of", "2025-12-01", "--local", BAC_NINH, "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "In short:" in result.output and "Classification by the local standard" not in result.output
    said = result.output[result.output.index("note:") :]
    assert f"household '{code}' cannot be read by the local standard {BAC_NINH} (income_per_capita: " in said
    assert said.count("income_per_capita") == 1


# --------------------------------------------------------------------------- diff


def test_diff_lists_dropped_and_added_indicators_and_the_yearly_line() -> None:
    d = diff_rulesets(load_ruleset("vn-2022-2026"), load_ruleset(HCMC))
    assert d.ids("indicators", "removed") == ["sanitation", "telecom", "information_assets"]
    assert d.ids("indicators", "added") == ["social_insurance"]
    assert "income_line_per_year" in d.ids("parameters", "added")
    line = next(c for c in d.changes if c.section == "parameters" and c.what == "income_line")
    assert line.kind == "changed" and line.new.value == {"rural": 3_000_000, "urban": 3_000_000}
    assert line.effect == "stricter"
    text = render(d, "en")
    assert "+ income_line_per_year: 36,000,000 VND/person/year" in text
    assert "rural 1,500,000 → 3,000,000; urban 2,000,000 → 3,000,000 VND/person/month" in text
    assert "(= income_line_per_year / months_per_year)" in text
    assert "- telecom: Telecommunication services  ([P] Nghị quyết HĐND TP.HCM" in text
    assert "housing_area_per_person: rural 8 → 10; urban 8 → 6" in text
    assert "Note: example-hcmc-style-2022-2025 is looser than vn-2022-2026 (covers fewer households) on: " in text
    assert "housing_area_per_person, sanitation, telecom, information_assets." in text


def test_diff_cli_of_the_hcmc_example() -> None:
    result = CliRunner().invoke(main, ["rulesets", "diff", "vn-2022-2026", HCMC, "--lang", "vi"])
    assert result.exit_code == 0
    assert "36.000.000" in result.output and "social_insurance" in result.output and "Lưu ý:" in result.output


def test_bac_ninh_is_stricter_everywhere_no_looser_note() -> None:
    d = diff_rulesets(load_ruleset("vn-2022-2026"), load_ruleset(BAC_NINH))
    assert not d.looser
    assert "Note:" not in render(d, "en")


# --------------------------------------------------------------------------- the format

HEAD = """\
id: test-local-2025
extends: vn-2022-2026
version: "1"
title: {vi: Tỉnh thử, en: Test province}
legal_basis: "[TEST] NQ 00/2025/NQ-HĐND"
valid_from: 2025-01-01
valid_to: 2025-12-31
sources: ["test"]
"""


def _write(tmp: Path, body: str) -> Path:
    path = tmp / "local.yaml"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return path


def test_a_strict_below_line_is_expressible(tmp_path: Path) -> None:
    """Bình Dương 2016–2021 style: poor *below* the line (docs/standard.md §1)."""
    body = """\
    parameters:
      income_line:
        value: {rural: 1_200_000, urban: 1_400_000}
        reference: "[TEST] Bình Dương-style: dưới 1.200.000 / 1.400.000"
        confidence: P
    classes:
      - id: poor_below
        status: poor
        decided_by: income
        when: income_per_capita < income_line and deprivation_count >= deprivation_cutoff
        reference: "[TEST] Điều 1"
        confidence: P
      - id: near_poor_below
        status: near_poor
        decided_by: income
        when: income_per_capita < income_line and deprivation_count < deprivation_cutoff
        reference: "[TEST] Điều 1"
        confidence: P
      - id: not_poor_on_or_above
        status: not_poor
        decided_by: income
        when: income_per_capita >= income_line
        reference: "[TEST] Điều 1"
        confidence: P
    """
    rs = load_file(_write(tmp_path, body))
    df = _households({}, household_id=["A", "B"], area=["rural", "rural"], income_per_capita=[1_199_999, 1_200_000])
    out = pr.classify(df, ruleset=rs, as_of="2025-06-01")
    assert out["status"].tolist() == ["near_poor", "not_poor"]
    d = diff_rulesets(load_ruleset("vn-2022-2026"), rs)
    assert next(c for c in d.changes if c.what == "income_line").effect == "looser"


def test_a_removal_must_cite_the_local_instrument(tmp_path: Path) -> None:
    path = _write(tmp_path, "indicators:\n  - id: telecom\n    remove: true\n")
    with pytest.raises(RulesetError, match="must cite the local instrument: add `reference:`"):
        load_file(path)


def test_removing_what_the_base_lacks_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, 'indicators:\n  - id: nothing\n    remove: true\n    reference: "[T]"\n    confidence: U\n')
    with pytest.raises(RulesetError, match="no 'nothing' to remove"):
        load_file(path)


# --------------------------------------------------------------------------- law corrections


def test_poor_to_near_poor_is_escaped_poverty_reported_in_its_own_column() -> None:
    df = _households(
        {},
        household_id=["A", "B", "C"],
        area=["rural"] * 3,
        income_per_capita=[1_000_000, 3_000_000, 1_000_000],
        previous_status=["poor", "poor", ""],
    )
    out = pr.classify(df, as_of="2025-12-01")
    assert out["transition"].tolist() == ["escaped_poverty", "escaped_poverty", "first_review"]
    assert out["escaped_to_near_poor"].tolist() == ["1", "0", "0"]


def test_the_2027_average_band_is_partly_verified() -> None:
    rs = load_ruleset("vn-2027-2030")
    assert {n.id: n.confidence for n in rs.not_defined}["average_band"] == "P"


def test_dependency_is_an_interpretation_and_monthly_social_allowance_is_accepted() -> None:
    rs = load_ruleset("vn-2022-2026")
    assert rs.indicator("dependency").confidence == "U"
    members = pd.DataFrame({"household_id": ["A"], "age": [70], "monthly_social_allowance": ["có"]})
    df = pd.DataFrame({"household_id": ["A"], "area": ["rural"], "income_per_capita": [1_000_000]})
    pr.classify(df, as_of="2025-12-01", members=members)  # read without complaint


def test_a_row_the_local_standard_cannot_read_keeps_empty_local_columns() -> None:
    """Bắc Ninh classifies by income only: a row with a score A and no income is national-only."""
    df = _households(
        {},
        household_id=["A", "B"],
        area=["rural", "rural"],
        income_per_capita=[None, 1_000_000],
        score_a=[120, None],
    )
    out = pr.classify_table(df, as_of="2025-12-01", local=BAC_NINH)
    assert out.ok and out.rows["status"].tolist() == ["near_poor", "near_poor"]
    assert out.rows["local_status"].tolist() == ["", "near_poor"]
    assert out.rows["local_ruleset"].tolist() == ["", "vn-2022-2026@2025.02+example-bac-ninh-2025@2"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_rows_the_local_standard_cannot_read_are_written_with_empty_local_cells(tmp_path: Path, suffix: str) -> None:
    """The command writes them (it stopped with "unexpected failure", exit 2, on every output format: the
    local count column mixed numbers and empty text): their local count is an empty cell, a null in
    Parquet; the others' a number; one note says how many."""
    table = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    scored = table.index[(table["score_a"] != "") & (table["household_id"] != "")][:3]
    table.loc[scored, "income_per_capita"] = ""
    src = tmp_path / "ho.csv"
    table.to_csv(src, index=False)
    out = tmp_path / f"out{suffix}"
    args = ["classify", str(src), "-o", str(out), "--local", BAC_NINH, "--as-of", "2025-12-01", "--lang", "en"]
    got = CliRunner().invoke(main, args)
    assert got.exit_code in (0, 1), got.output
    assert "3 rows classified by the national standard could not be read by the local standard" in got.output
    first = int(scored[0]) + 2  # the file's row of the first (the header is row 1): the note names it and why
    assert f"(the first: row {first}: income_per_capita: is required: the standard {BAC_NINH}" in got.output
    if suffix == ".csv":
        rows = {r["household_id"]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))}
    elif suffix == ".parquet":
        rows = {r["household_id"]: r for r in pd.read_parquet(out).to_dict("records")}
    else:
        sheet = pd.read_excel(out, dtype=object, engine="openpyxl").to_dict("records")
        rows = {r["household_id"]: {"local_deprivation_count": r["Deprivations (local standard)"]} for r in sheet}
    counts = [rows[table.loc[i, "household_id"]]["local_deprivation_count"] for i in scored]
    assert all(c in ("", None) or pd.isna(c) for c in counts)
    others = [r["local_deprivation_count"] for k, r in rows.items() if k not in set(table.loc[scored, "household_id"])]
    assert others and all(str(c).isdigit() or (isinstance(c, float) and c == int(c)) for c in others)


def test_a_table_the_local_standard_reads_no_row_of_keeps_every_local_column_empty() -> None:
    """Every row scored, none with an income: Bắc Ninh reads none (it raised IndexError, for
    ``classify_one`` of such a household too); a file without the income column at all is refused
    with a message that names the local standard, since the national one can read it."""
    df = _households({}, household_id=["A", "B"], area=["rural", "urban"], income_per_capita=[None, None])
    df["score_a"] = [120, 150]
    out = pr.classify_table(df, as_of="2025-12-01", local=BAC_NINH)
    assert out.rows["local_status"].tolist() == ["", ""] and out.rows["local_deprivation_count"].isna().all()
    one = pr.classify_one(pr.Household(household_id="B", area="urban", score_a=150), as_of="2025-12-01", local=BAC_NINH)
    assert one.local is None
    with pytest.raises(pr.InputError) as caught:
        pr.classify_table(df.drop(columns=["income_per_capita"]), as_of="2025-12-01", local=BAC_NINH, lang="en")
    assert str(caught.value).startswith(
        f"the local standard {BAC_NINH} cannot read the file (the national standard can)"
    )
    assert "missing column income_per_capita" in str(caught.value)


def test_with_reasons_a_row_the_local_standard_cannot_read_gets_its_reason() -> None:
    """Its ``local_reason`` names the local standard and the reason (it was empty); a row it reads
    keeps the local classification's own reason."""
    df = _households({}, household_id=["A", "B"], area=["rural", "rural"], income_per_capita=[None, 1_000_000])
    df["score_a"] = [120, None]
    out = pr.classify_table(df, as_of="2025-12-01", local=BAC_NINH, explain=True, lang="en")
    unread, read = out.rows["local_reason"].tolist()
    assert unread.startswith(f"The local standard {BAC_NINH} cannot read this household (income_per_capita: ")
    assert unread.endswith("it is classified by the national standard only.")
    assert read.startswith("Near-poor household") and out.rows["local_status"].tolist() == ["", "near_poor"]


def test_labelled_output_names_the_local_columns_and_their_indicators() -> None:
    from poverty_rules.results.labels import label_results

    results = pd.DataFrame(
        {
            "status": ["average"],
            "local_status": ["poor"],
            "local_deprived": ["water;social_insurance"],
            "escaped_to_near_poor": ["1"],
        }
    )
    out = label_results(results, load_ruleset("vn-2022-2026"), "vi", load_ruleset(HCMC))
    assert list(out.columns) == [
        "Phân loại",
        "Phân loại (chuẩn địa phương)",
        "Các chỉ số thiếu hụt (chuẩn địa phương)",
        "Thoát nghèo, trở thành hộ cận nghèo",
    ]
    assert out.iloc[0, 2] == "Nguồn nước sinh hoạt, Bảo hiểm xã hội"


def test_a_history_file_of_schema_1_gains_the_local_columns(tmp_path: Path) -> None:
    import sqlite3

    from poverty_rules.review.history import MIGRATIONS

    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO reviews (review_date, commune, ruleset, created_at) VALUES ('2024-12-01', '', 'x', 't')")
    conn.commit()
    conn.close()
    store = HistoryStore(path)
    try:
        assert store.schema_version >= 2
        assert store.reviews()["local_ruleset"].tolist() == [None]
    finally:
        store.close()


def test_classify_one_local_equals_classify_local() -> None:
    """``classify_one(local=…)``: the national result unchanged, ``.local`` as classify's local_* columns
    (a household above the national 1,500,000 line, under Bắc Ninh's 1,750,000; HCMC marks its own
    social_insurance indicator and drops national ones)."""
    for local, hid, income in ((BAC_NINH, "H1", 1_600_000), (HCMC, "H2", 2_500_000)):
        marks = {i.id: False for rs in ("vn-2022-2026", local) for i in load_ruleset(rs).indicators}
        household = pr.Household(household_id=hid, area="rural", income_per_capita=income, deprived=marks)
        day = "2025-06-30"
        national_marks = {k: v for k, v in marks.items() if k in FLAGS and k != "social_insurance"}
        national = pr.classify_one(household.model_copy(update={"deprived": national_marks}), as_of=day)
        both = pr.classify_one(household, as_of=day, ruleset="vn-2022-2026", local=local)
        assert both.model_copy(update={"local": None}) == national and national.local is None
        table = pr.classify(pd.DataFrame([household.to_row()]), as_of=day, ruleset="vn-2022-2026", local=local)
        row = table.iloc[0]
        assert both.local is not None
        assert (both.local.status, both.local.ruleset) == (row["local_status"], row["local_ruleset"])
        assert both.local.deprivation_count == int(row["local_deprivation_count"])
        assert ";".join(both.local.deprived) == row["local_deprived"]
        assert both.local.explain("en") and both.local.explain("vi") != both.local.explain("en")
        if local == BAC_NINH:
            assert (both.status, both.local.status) == ("average", "near_poor")
    with pytest.raises(pr.InputError, match="30/06/2024"):
        pr.classify_one(pr.Household(household_id="H3", area="rural"), as_of="2024-06-30", local=BAC_NINH)


@pytest.mark.parametrize("members", [False, True])  # streamed, and joined with a members file
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_column_only_the_local_standard_reads_missing_from_the_file_is_said(
    tmp_path: Path, members: bool, lang: str
) -> None:
    """The local standard's own indicator (clean_cooking) has no column in the file: every household's
    mark is unknown by the local standard (many undetermined), and nothing was said, where the national
    standard's missing column is said. Now a note says it, naming the local standard."""
    args = ["classify", str(SAMPLE), "--local", "example-province-2026", "--as-of", "2026-06-01", "--lang", lang]
    if members:
        args += ["--members", str(ROOT / "fixtures" / "sample_members.csv")]
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 1, result.output
    said = [line for line in result.stderr.splitlines() if "deprived_clean_cooking" in line]
    start = "lưu ý: theo chuẩn địa phương example-province-2026: " if lang == "vi" else "note: by the local standard "
    assert len(said) == 1 and said[0].startswith(start), result.stderr


def test_an_unknown_local_standard_lists_the_local_standards_there_are(tmp_path: Path) -> None:
    """`--local hanoi-2025` (a name no file has) listed only the national ids as the known ones, none of
    which --local is for; the bundled local standards are listed too."""
    result = CliRunner().invoke(
        main, ["classify", str(SAMPLE), "--local", "hanoi-2025", "--as-of", "2025-10-01", "-o", str(tmp_path / "o.csv")]
    )
    assert result.exit_code == 2
    assert "hanoi-2025: không có bộ quy tắc mang mã này" in result.stderr
    assert "example-bac-ninh-2025" in result.stderr and "vn-2022-2026" in result.stderr


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_yearly_line_divided_by_zero_months_is_refused_at_its_formula(tmp_path: Path, lang: str) -> None:
    """months_per_year: 0 made income_line = income_line_per_year / months_per_year of no value, and the
    ruleset was refused as 'the class list is not exhaustive: no class covers area=rural,
    income_per_capita=0.0', a message that did not lead to the parameter; now the formula's line says
    which divisor is 0."""
    src = ROOT / "poverty_rules" / "rulesets" / "local" / "example-hcmc-style-2022-2025.yaml"
    text = src.read_text(encoding="utf-8")
    start = text.index("  months_per_year:")
    at = text.index("value: 12", start)
    path = tmp_path / "zero.yaml"
    path.write_text(text[:at] + "value: 0" + text[at + len("value: 12") :], encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_file(path)
    err = caught.value
    formula = next(
        i for i, line in enumerate(text.splitlines(), 1) if "formula: income_line_per_year / months_per_year" in line
    )
    assert err.line == formula
    said = {
        "vi": "chia cho 0 (months_per_year bằng 0 ở khu vực nông thôn)",
        "en": "divides by 0 (months_per_year is 0 for rural areas)",
    }[lang]
    assert "income_line = income_line_per_year / months_per_year" in err.in_lang(lang)
    assert said in err.in_lang(lang)
    got = CliRunner().invoke(
        main,
        [
            "classify",
            str(ROOT / "fixtures" / "sample_commune.csv"),
            "-o",
            str(tmp_path / "o.csv"),
            "--local",
            str(path),
            "--as-of",
            "2024-12-01",
            "--lang",
            lang,
        ],
    )
    assert got.exit_code == 2 and said in got.output and "Traceback" not in got.output


def test_a_local_line_read_by_the_national_class_rules_is_cited_in_the_reason() -> None:
    """example-province-2026 raises the rural line to 2,000,000 but keeps the national class table: the reason
    cited only 'NĐ 07/2021 …, Điều 3, khoản 2, điểm a [V]' beside the 2,000,000, so the article behind the line
    (the province's decision, U) could not be read out of it. Its own reference now follows the class's."""
    local = load_ruleset("example-province-2026")
    assert local.local_parameters == ["income_line", "score_line"]  # read from the file: the parameters it sets
    assert load_ruleset(BAC_NINH).local_parameters == []  # its own class table cites its resolution itself
    df = _households(
        {i: [1, 1] for i in ("employment", "dependency", "nutrition")},
        household_id=["R", "U"],
        area=["rural", "urban"],
        income_per_capita=[1_900_000, 2_500_000],
    )
    out = pr.classify(df, as_of="2026-06-01", local=local, explain=True, lang="en")
    assert out["local_status"].tolist() == ["poor", "average"]
    line = local.parameters["income_line"]
    cited = f"[confidence V]; Income poverty line: {line.reference} [confidence {line.confidence}]."
    assert out["local_reason"].iloc[0].endswith(cited)
    assert "QĐ 00/2026" not in out["local_reason"].iloc[1]  # urban: the national lines, the province's for rural only
    assert "QĐ 00/2026" not in out["reason"].iloc[0]  # the national reason stays national
    vi = pr.classify(df, as_of="2026-06-01", local=local, explain=True, lang="vi")
    assert (
        "; Chuẩn nghèo về thu nhập: [VÍ DỤ] QĐ 00/2026/QĐ-UBND Tỉnh Ví Dụ, Điều 1 [độ tin cậy U]."
        in (vi["local_reason"].iloc[0])
    )


def test_two_threads_loading_one_local_standard_is_no_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The files being loaded (to find an ``extends`` cycle) were one set for the whole process: a web
    service whose two requests loaded the same local standard at once had the second refused with
    "extends: a cycle (the overlay extends itself)" while the first was loading its base. Each thread
    now follows its own chain (a real cycle is still refused)."""
    import threading

    from poverty_rules.rules import registry

    path = tmp_path / "mine.yaml"
    shutil.copy(ROOT / "poverty_rules" / "rulesets" / "local" / "example-bac-ninh-2025.yaml", path)
    real, first = registry.load_ruleset, []
    holding, release = threading.Event(), threading.Event()

    def base_slowly(name: object = None, **kwargs: object) -> object:
        if not first:  # the first thread stops while loading its base, its file still being loaded
            first.append(threading.get_ident())
            holding.set()
            release.wait(10)
        return real(name, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(registry, "load_ruleset", base_slowly)
    loaded: list[object] = []
    other = threading.Thread(target=lambda: loaded.append(registry.load_file(path)))
    other.start()
    assert holding.wait(10)
    try:
        mine = registry.load_file(path)  # meanwhile, on this thread
    finally:
        release.set()
        other.join(10)
    assert mine.label == loaded[0].label == "vn-2022-2026@2025.02+example-bac-ninh-2025@2"  # type: ignore[attr-defined]
    itself = tmp_path / "self.yaml"
    itself.write_text(path.read_text(encoding="utf-8").replace("extends: vn-2022-2026", f"extends: {itself}"), "utf-8")
    with pytest.raises(RulesetError, match="cycle"):
        registry.load_file(itself)


def test_a_local_standard_edited_on_disk_is_read_again(tmp_path: Path) -> None:
    """Rulesets loaded from a path were cached by the path alone for the life of the process: a web service
    (or a notebook) whose local standard file was corrected on disk kept classifying with the old rules,
    and even a broken edit went unnoticed. The file is read again when it changed (its time or size)."""
    path = tmp_path / "mine.yaml"
    text = (ROOT / "poverty_rules" / "rulesets" / "local" / "example-bac-ninh-2025.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert load_ruleset(path).label.endswith("+example-bac-ninh-2025@2")
    path.write_text(text.replace('version: "2"', 'version: "3"'), encoding="utf-8")
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    assert load_ruleset(path).label.endswith("+example-bac-ninh-2025@3")
    assert load_ruleset(str(path)) is load_ruleset(path)  # unchanged: read once
    path.write_text(text.replace("extends: vn-2022-2026", "extends: nowhere"), encoding="utf-8")
    os.utime(path, ns=(1_700_000_001_000_000_000, 1_700_000_001_000_000_000))
    with pytest.raises(RulesetError, match="nowhere"):
        load_ruleset(path)


def test_a_local_standard_is_read_again_when_only_its_base_file_changed(tmp_path: Path) -> None:
    """A ruleset read from a path was cached by that file's time and size alone: a local standard that
    extends a base file by path (``extends: /…/base.yaml``) kept the base as first read after the base was
    corrected on disk, so a long-running program classified with the old national lines. It is now read
    again when any file it was read from changed; unchanged, it is read once."""
    base = tmp_path / "base.yaml"
    national = (ROOT / "poverty_rules" / "rulesets" / "vn-2022-2026.yaml").read_text(encoding="utf-8")
    base.write_text(national, encoding="utf-8")
    local = tmp_path / "mine.yaml"
    text = (ROOT / "poverty_rules" / "rulesets" / "local" / "example-bac-ninh-2025.yaml").read_text(encoding="utf-8")
    local.write_text(text.replace("extends: vn-2022-2026", f"extends: {base}"), encoding="utf-8")
    first = load_ruleset(local)
    assert first.label == "vn-2022-2026@2025.02+example-bac-ninh-2025@2"
    assert load_ruleset(local) is first  # nothing changed: read once
    base.write_text(national.replace('version: "2025.02"', 'version: "2025.03"'), encoding="utf-8")
    os.utime(base, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    assert load_ruleset(local).label == "vn-2022-2026@2025.03+example-bac-ninh-2025@2"


def test_a_base_file_named_by_a_relative_path_is_read_beside_the_local_standard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``extends: base.yaml`` was read from the working folder: a local standard kept beside its base was
    valid when checked from its own folder and refused from any other ('extends: /elsewhere/base.yaml:
    cannot read the file'). A relative path is now read from the local standard's folder."""
    folder = tmp_path / "tinh"
    folder.mkdir()
    shutil.copy(ROOT / "poverty_rules" / "rulesets" / "vn-2022-2026.yaml", folder / "base.yaml")
    text = (ROOT / "poverty_rules" / "rulesets" / "local" / "example-bac-ninh-2025.yaml").read_text(encoding="utf-8")
    (folder / "mine.yaml").write_text(text.replace("extends: vn-2022-2026", "extends: base.yaml"), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(main, ["rulesets", "check", str(folder / "mine.yaml"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "vn-2022-2026@2025.02+example-bac-ninh-2025@2" in result.output


def test_a_base_named_by_the_bundled_file_name_is_read_from_the_bundled_folder(tmp_path: Path) -> None:
    """``extends: vn-2022-2026.yaml`` (the national standard's file name, as the officer sees it in
    rulesets/) was refused: 'extends: /…/vn-2022-2026.yaml: cannot read the file'. A relative path that is
    neither beside the local standard nor in the working folder is now read from the bundled folder, as a
    scenario file's ``ruleset:`` is; a file of that name beside the local standard still comes first."""
    text = (ROOT / "poverty_rules" / "rulesets" / "local" / "example-bac-ninh-2025.yaml").read_text(encoding="utf-8")
    path = tmp_path / "mine.yaml"
    path.write_text(text.replace("extends: vn-2022-2026", "extends: vn-2022-2026.yaml"), encoding="utf-8")
    assert load_file(path).label == "vn-2022-2026@2025.02+example-bac-ninh-2025@2"
    national = (ROOT / "poverty_rules" / "rulesets" / "vn-2022-2026.yaml").read_text(encoding="utf-8")
    (tmp_path / "vn-2022-2026.yaml").write_text(national.replace('version: "2025.02"', 'version: "mine"'), "utf-8")
    assert load_file(path).label == "vn-2022-2026@mine+example-bac-ninh-2025@2"


def test_a_cycle_of_two_local_standards_names_its_files(tmp_path: Path) -> None:
    """a.yaml extending b.yaml extending a.yaml was refused as 'extends: a cycle (the overlay extends
    itself)': neither file extends itself, and the officer was not told which files go round. The message now
    names the cycle's files in order, in both languages."""
    text = (ROOT / "poverty_rules" / "rulesets" / "local" / "example-bac-ninh-2025.yaml").read_text(encoding="utf-8")
    for name, other in (("a", "b"), ("b", "a")):
        body = text.replace("extends: vn-2022-2026", f"extends: {other}.yaml").replace(BAC_NINH, f"tinh-{name}")
        (tmp_path / f"{name}.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        load_file(tmp_path / "a.yaml")
    assert info.value.file == str(tmp_path / "a.yaml")
    assert info.value.reason.startswith("extends: a cycle a.yaml → b.yaml → a.yaml (")
    assert "vòng lặp a.yaml → b.yaml → a.yaml" in info.value.in_lang("vi")


def test_a_local_line_set_for_one_area_is_cited_for_that_area_only(tmp_path: Path) -> None:
    """example-province-2026 sets its income line and score line for rural households only ('urban stays at
    the national 2,000,000'), yet an urban household's local reason, and explain --local, cited the
    province's decision behind the national 2,000,000 and 175 ('[VÍ DỤ] QĐ 00/2026 …, Điều 1 (… 175 điểm ứng
    với 2.000.000 ở nông thôn) [độ tin cậy U]'). A line the file sets for one area is now cited for that
    area's households only; the other area's reason cites the class's article, as the national one does."""
    local = load_ruleset("example-province-2026")
    df = _households(
        {i: [1, 1, 1, 1] for i in ("employment", "dependency", "nutrition")},
        household_id=["R", "U", "RA", "UA"],
        area=["rural", "urban", "rural", "urban"],
        income_per_capita=[1_800_000, 1_800_000, None, None],
        score_a=[None, None, 170, 170],
    )
    for lang in ("vi", "en"):
        out = pr.classify(df, as_of="2026-06-01", local=local, explain=True, lang=lang)
        assert out["local_status"].tolist() == ["poor"] * 4
        said = out["local_reason"].tolist()
        assert "QĐ 00/2026" in said[0] and "QĐ 00/2026" in said[2]  # rural: the province's lines
        assert "QĐ 00/2026" not in said[1] and "QĐ 00/2026" not in said[3]  # urban: the national lines
    path = tmp_path / "ho.csv"
    df.to_csv(path, index=False)
    for hid, cited in (("UA", False), ("RA", True)):
        shown = CliRunner().invoke(
            main, ["explain", str(path), hid, "--as-of", "2026-06-01", "--local", "example-province-2026"]
        )
        assert shown.exit_code == 0, shown.output
        local_part = shown.output.split("example-province-2026@2", 1)[1]
        assert ("175 điểm ứng với 2.000.000 ở nông thôn" in local_part) is cited
    assert local.local_areas == {"income_line": ["rural"], "score_line": ["rural"]}
    assert load_ruleset(HCMC).local_areas == {}  # its yearly line covers both areas


def test_review_local_writes_the_local_columns_after_the_national_ones(tmp_path: Path) -> None:
    """review --local wrote the local_* columns before previous_status … eligible_until in the reviewed file
    (streamed CSV and whole workbook alike), while classify --local writes them after the national result
    columns (docs/rulesets.md: it "keeps every national column exactly as it is and adds, after them,
    local_status …"). The review now writes them last, after its own columns, in both ways and in the
    library's run_review rows; the report reads them by name."""
    households = tmp_path / "ho.csv"
    households.write_text(
        "household_id,area,income_per_capita,deprived_employment,deprived_water,deprived_sanitation\n"
        "A,rural,1600000,1,1,1\nB,rural,1000000,0,0,0\n",
        encoding="utf-8",
    )
    base = ["review", str(households), "--date", "2025-12-01", "--commune", "Hưng Chính", "--local", BAC_NINH, "-q"]
    result = CliRunner().invoke(main, [*base, "--db", str(tmp_path / "a.db"), "--explain"])  # streamed: a CSV
    assert result.exit_code == 0, result.output
    header = pd.read_csv(tmp_path / "ho.reviewed.csv", dtype=str, encoding="utf-8-sig").columns.tolist()
    assert header[-5:] == [*LOCAL_COLUMNS, "local_reason"], header
    assert header.index("review_date") < header.index("local_status")
    assert header.index("eligible_until") < header.index("reason") < header.index("local_status")
    book = tmp_path / "ket_qua.xlsx"
    result = CliRunner().invoke(main, [*base, "--db", str(tmp_path / "b.db"), "-o", str(book), "--lang", "en"])
    assert result.exit_code == 0, result.output
    headed = pd.read_excel(book, dtype=str, engine="openpyxl").columns.tolist()  # the whole review: a workbook
    local = ["Status (local standard)", "Deprived indicators (local standard)", "Deprivations (local standard)"]
    assert headed[-4:] == [*local, "Local standard applied"], headed
    assert headed.index("Eligible until") < headed.index("Review date") < headed.index(local[0])
    store = HistoryStore(tmp_path / "c.db")
    try:
        frame = pd.read_csv(households, dtype={"household_id": str})
        review = pr.pipeline.run_review(frame, load_ruleset("vn-2022-2026"), "2025-12-01", store, local=BAC_NINH)
        assert review.classified.columns.tolist()[-4:] == LOCAL_COLUMNS
    finally:
        store.close()


@pytest.mark.parametrize("header", ["BHXH", "Bảo hiểm xã hội"])
def test_a_local_indicators_own_header_names_its_column(tmp_path: Path, header: str) -> None:
    """The HCMC-style example's social_insurance indicator gives its review-form headers (``aliases: [Bảo hiểm
    xã hội, BHXH]``), but a household file headed 'BHXH' was read as having no such column: 'no column
    deprived_social_insurance (Social insurance): treated as unknown for every household', and the household
    came out undetermined. Household files were matched against the bundled national standards' headers only;
    the headers of the standards the run applies (a local standard, a ruleset by path) now name their columns
    too, in classify and in the library."""
    path = tmp_path / "ho.csv"
    path.write_text(
        f"Mã hộ,Khu vực,Thu nhập bình quân,{header},deprived_water,deprived_employment\nH1,nông thôn,2500000,1,1,1\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    args = ["classify", str(path), "-o", str(out), "--as-of", "2025-06-01", "--local", "example-hcmc-style-2022-2025"]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "deprived_social_insurance" not in result.output
    (row,) = _rows(out.read_bytes())
    assert row["local_deprived"] == "employment;water;social_insurance" and row["local_status"] == "poor"
    frame = pd.read_csv(path, dtype=str)
    both = pr.classify(frame, local="example-hcmc-style-2022-2025", as_of="2025-06-01")
    assert both["local_deprived"].tolist() == ["employment;water;social_insurance"]
    text = (ROOT / "poverty_rules" / "rulesets" / "local" / "example-hcmc-style-2022-2025.yaml").read_text("utf-8")
    mine = tmp_path / "mine.yaml"  # a header that is a household column's stays that column's
    mine.write_text(text.replace('aliases: ["Bảo hiểm xã hội", "BHXH"]', f'aliases: ["Khu vực", "{header}"]'), "utf-8")
    both = pr.classify(frame, local=str(mine), as_of="2025-06-01")
    assert both["local_deprived"].tolist() == ["employment;water;social_insurance"]


_NO_NATIONAL_WINDOW = """\
id: tinh-f-2026
extends: vn-2022-2026
version: "1"
title: {vi: "Chuẩn nghèo Tỉnh F năm 2026", en: "Province F local standard, 2026"}
legal_basis: "[TEST] Quyết định 06/2026/QĐ-UBND của UBND Tỉnh F"
valid_from: 2026-01-01
valid_to: 2026-12-31
sources: ["test"]
programmes:
  national_programme:
    remove: true
    reference: "[TEST] QĐ 06/2026/QĐ-UBND, Điều 3"
    confidence: U
"""


def test_a_local_standard_dropping_the_national_window_classifies_without_failing(tmp_path: Path) -> None:
    """A local standard that drops the national programme's window (programmes: national_programme: remove: true,
    cited; rulesets check passes it and diff calls it looser) stopped classify --local, classify --ruleset and
    explain on any file with an escape: 'unexpected failure (KeyError: unknown programme national_programme)'.
    Run alone it now opens no window (eligible_until empty, and explain says why, in vi and en); beside the
    national standard the national window is kept; a scenario's local_eligible_until is empty."""
    local = tmp_path / "tinh-f.yaml"
    local.write_text(_NO_NATIONAL_WINDOW, encoding="utf-8")
    households = tmp_path / "ho.csv"
    households.write_text(
        "household_id,area,income_per_capita,previous_status,escaped_on\nH1,rural,3000000,not_poor,2024-12-20\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    for option, until in (("--ruleset", ""), ("--local", "2027-12-19")):
        args = ["classify", str(households), "--as-of", "2026-06-01", option, str(local), "-o", str(out)]
        result = CliRunner().invoke(main, [*args, "--lang", "en"])
        assert result.exit_code == 0, result.output
        (row,) = _rows(out.read_bytes())
        assert row["eligible_until"] == until
    for lang, said in (("en", "none: tinh-f-2026 drops the national programme"), ("vi", "tinh-f-2026 bỏ chương trình")):
        args = ["explain", str(households), "H1", "--as-of", "2026-06-01", "--ruleset", str(local), "--lang", lang]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert said in result.output
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "title: t\nas_of: 2026-06-01\nruleset: vn-2022-2026\nlocal: tinh-f.yaml\ncases:\n  - name: a\n"
        "    law: QĐ 06/2026/QĐ-UBND, Điều 3\n"
        "    household: {area: rural, income_per_capita: 3000000, previous_status: not_poor, escaped_on: 2024-12-20}\n"
        "    expect: {eligible_until: 2027-12-19, local_eligible_until: ''}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["test", str(cases), "--lang", "en"])
    assert result.exit_code == 0, result.output


def test_the_example_provinces_own_indicator_is_read_under_its_name() -> None:
    """example-province-2026 adds 'Chất đốt sạch' (clean_cooking) but gave it no header (`aliases:`), so a
    household file with a column 'Chất đốt sạch', as the province's review form would name it, was read
    as having no such column ('no column deprived_clean_cooking … treated as unknown for every
    household'): a rural household of 1,800,000 marked for water, sanitation and clean cooking was
    'undetermined' by the local standard instead of poor. Its name is now its header, as every national
    indicator's name is."""
    frame = pd.DataFrame(
        {
            "household_id": ["H1"],
            "area": ["rural"],
            "income_per_capita": ["1800000"],
            **{f"deprived_{i}": ["0"] for i in ("employment", "dependency", "nutrition", "health_insurance")},
            **{f"deprived_{i}": ["0"] for i in ("adult_education", "child_schooling", "housing_quality")},
            **{f"deprived_{i}": ["0"] for i in ("housing_area", "telecom", "information_assets")},
            "deprived_water": ["1"],
            "deprived_sanitation": ["1"],
            "Chất đốt sạch": ["1"],
        }
    )
    both = pr.classify(frame, local="example-province-2026", as_of="2026-06-01")
    assert both["local_deprived"].tolist() == ["water;sanitation;clean_cooking"]
    assert both["local_status"].tolist() == ["poor"]


@pytest.mark.parametrize("header", ["Chất đốt sạch", "CHAT DOT SACH", "Clean cooking fuel"])
def test_a_province_copying_the_docs_example_reads_its_indicator_under_its_name(tmp_path: Path, header: str) -> None:
    """A province copying docs/rulesets.md's `my-province-2026` (its own indicator clean_cooking, labelled
    'Chất đốt sạch', with no `aliases:`) met 'no column deprived_clean_cooking … treated as unknown' for a
    file headed 'Chất đốt sạch', and a rural household of 1,800,000 marked for water and clean cooking was
    not poor locally. An indicator's own name (label vi, en) is now a header of its column too."""
    text = (ROOT / "docs" / "rulesets.md").read_text(encoding="utf-8")
    block = text.split("<!-- test: overlay file=my-province-2026.yaml -->\n```yaml\n", 1)[1].split("```", 1)[0]
    assert "aliases" not in block
    (tmp_path / "my-province-2026.yaml").write_text(block, encoding="utf-8")
    frame = pd.DataFrame(
        {"Mã hộ": ["H1"], "Khu vực": ["nông thôn"], "Thu nhập bình quân": ["1800000"], "Nguồn nước sinh hoạt": ["có"]}
    )
    frame[header] = ["có"]
    both = pr.classify(frame, local=str(tmp_path / "my-province-2026.yaml"), as_of="2026-06-01")
    assert both["local_deprived"].tolist() == ["water;clean_cooking"]
    assert both["local_status"].tolist() == ["poor"]


@pytest.mark.parametrize(
    ("name", "day", "income"), [(BAC_NINH, "2025-06-01", "1600000"), ("example-province-2026", "2026-06-01", "2000000")]
)
def test_a_local_standard_run_alone_marks_no_low_income_worker_from_its_own_status(
    name: str, day: str, income: str
) -> None:
    """NĐ 30/2025's low-income worker is a working member of a household neither poor nor near-poor by the
    NATIONAL standard (docs/standard.md §2.1). example-bac-ninh-2025 and example-province-2026 kept the mark,
    so run alone (--ruleset) it read their own status: a rural household near-poor locally, average nationally,
    got low_income_worker 0 where the national standard marks it 1. They now drop it, cited (as
    example-hcmc-style does); beside the national standard the national columns mark it 1."""
    rs = load_ruleset(name)
    assert "low_income_worker" not in {d.id for d in rs.designations}
    dropped = {(r.section, r.id): r for r in rs.removed}
    assert "NĐ 30/2025" in dropped["designations", "low_income_worker"].reference
    zero = {f"deprived_{i.id}": ["0"] for i in rs.indicators}
    frame = pd.DataFrame({"household_id": ["H1"], "area": ["rural"], "income_per_capita": [income], **zero})
    alone = pr.classify(frame, ruleset=name, as_of=day)
    assert alone["status"].tolist() == ["near_poor"]
    assert "low_income_worker" not in alone
    beside = pr.classify(frame, local=name, as_of=day)
    assert beside["status"].tolist() == ["average"] and beside["local_status"].tolist() == ["near_poor"]
    assert beside["low_income_worker"].astype(str).tolist() == ["1"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_librarys_review_under_a_local_standard_alone_is_refused(tmp_path: Path, lang: str) -> None:
    """pr.pipeline.run_review(df, <a local standard>, …) recorded the local statuses as the commune's in its
    history, as review --ruleset <local> did (refused now: a local standard never replaces the national result,
    docs/standard.md §1): it is refused too, nothing recorded, in the call's language, asking for the national
    standard with ``local=``; under the national standard with ``local=`` both are recorded, as before."""
    df = _households(
        {i: [1] for i in ("employment", "water", "sanitation")},
        household_id=["A"],
        area=["rural"],
        income_per_capita=[1_600_000],
    )
    from poverty_rules.pipeline import run_review

    store = HistoryStore(tmp_path / "h.db")
    try:
        with pytest.raises(ArgumentError) as raised:
            run_review(df, load_ruleset(BAC_NINH), "2025-12-01", store, lang=lang)
        assert "local=" in raised.value.in_lang(lang) and BAC_NINH in raised.value.in_lang(lang)
        assert store.reviews().empty
    finally:
        store.close()


#: What each released label of a bundled local example says: the sha256 (16 hex digits) of its YAML data,
#: comments left out. A label is a standard's identity in every result and review history
#: (docs/rulesets.md, "Its id and version are its label in every result"), so an example whose content
#: changes takes a new ``version:``, and its new label is added here; an old label keeps its old content.
_RELEASED_LOCAL_EXAMPLES = {
    "example-bac-ninh-2025@1": "a421a24b0ced4359",
    "example-province-2026@1": "8a63785384bad1c8",
    "example-hcmc-style-2022-2025@1": "176f3cf743800738",
    "example-bac-ninh-2025@2": "0b5c5645a6e5e563",
    "example-province-2026@2": "9ca94c7ed76e000f",
    "example-hcmc-style-2022-2025@2": "74ab65dabe9894b9",
}


def test_a_bundled_local_example_whose_content_changed_has_a_version_of_its_own() -> None:
    """Session 19 dropped the low-income-worker mark from example-bac-ninh-2025 and example-province-2026 (and
    gave the latter a header) under the same version "1": results of the two contents carried one label,
    vn-2022-2026@2025.02+example-bac-ninh-2025@1, with or without the mark. Each content has its own label."""
    import hashlib

    import yaml

    from poverty_rules.rules.registry import local_files

    for path in local_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        label = f"{data['id']}@{data['version']}"
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        assert label in _RELEASED_LOCAL_EXAMPLES, f"{path.name}: {label} is not recorded here"
        assert _RELEASED_LOCAL_EXAMPLES[label] == digest, f"{path.name}: {label} says something else than released"
