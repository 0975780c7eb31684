"""A members file's ragged rows (more or fewer cells than the header): kept as unknown, each noted by
its row in the run's language (data/members.py) — no member row lost, none padded silently."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from poverty_rules.cli import main
from poverty_rules.data.members import member_rows
from poverty_rules.data.read import read_table

MEMBERS = (
    "household_id,member_id,birth_date,has_health_insurance\n"
    "H1,1,1950-01-01,1\n"
    "H1,2,1990-01-01\n"  # row 3: one cell short
    "H2,1,1980-01-01,0,extra\n"  # row 4: one cell too many
    "H2,2,1985-01-01,1\n"
)


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("h.csv").write_text("household_id,area,income_per_capita\nH1,rural,1000000\nH2,rural,1000000\n")
    Path("m.csv").write_text(MEMBERS, encoding="utf-8")
    return tmp_path


def test_ragged_member_rows_are_kept_as_unknown(files: Path) -> None:
    table, notes = member_rows(read_table(Path("m.csv")), "m.csv", "en")
    assert table.num_rows == 4, "every member row is kept"
    assert table.column("member_id").to_pylist() == ["1", "2", "1", "2"]
    assert table.column("birth_date").to_pylist() == ["1950-01-01", "", "", "1985-01-01"]
    assert table.column("has_health_insurance").to_pylist() == ["1", "", "", "1"]
    assert notes == [
        "m.csv: row 3: has 3 cells where the header has 4: the member is kept, its cells (but the household and "
        "member codes) read as unknown; check separators and quotes",
        "m.csv: row 4: has 5 cells where the header has 4: the member is kept, its cells (but the household and "
        "member codes) read as unknown; check separators and quotes",
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", ("m.csv (tệp thành viên): dòng 3: dòng có 3 ô, dòng tiêu đề có 4 ô", "dòng 4: dòng có 5 ô")),
        ("en", ("m.csv (members file): row 3: has 3 cells where the header has 4", "row 4: has 5 cells")),
    ],
)
def test_classify_notes_each_ragged_member_row_in_the_language(
    files: Path, lang: str, expected: tuple[str, ...]
) -> None:
    args = ["classify", "h.csv", "--members", "m.csv", "-o", "out.csv", "--as-of", "2025-12-01", "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    for text in expected:
        assert text in result.stderr
    assert "belong to no" not in result.stderr and "Traceback" not in result.output
    assert len(Path("out.csv").read_text(encoding="utf-8-sig").splitlines()) == 3


@pytest.mark.parametrize("header", ["Mã hộ", "Ma ho", "household_id"])
def test_a_members_file_may_name_the_household_code_as_a_household_file_does(tmp_path: Path, header: str) -> None:
    """A members file whose code column says "Mã hộ" was refused: "missing column household_id (Mã hộ)"."""
    import pandas as pd

    import poverty_rules as pr

    (tmp_path / "ho.csv").write_text("household_id,area,income_per_capita\nM1,rural,1200000\n", encoding="utf-8")
    members = f"{header},birth_date,has_health_insurance\nM1,2019-12-01,không\nM1,1990-01-01,không\n"
    (tmp_path / "tv.csv").write_text(members, encoding="utf-8")
    out = tmp_path / "out.csv"
    args = ["classify", str(tmp_path / "ho.csv"), "--members", str(tmp_path / "tv.csv"), "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--as-of", "2025-12-01", "-q"])
    assert result.exit_code == 0, result.output
    row = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig").iloc[0]
    assert "health_insurance" in row["deprived"].split(";") and "health_insurance=derived" in row["flag_sources"]
    frame = pd.read_csv(tmp_path / "tv.csv", dtype=str)
    households = pd.DataFrame({"household_id": ["M1"], "area": ["rural"], "income_per_capita": [1200000]})
    got = pr.classify(households, members=frame, as_of="2025-12-01")
    assert got["deprived"].tolist() == [row["deprived"]]


def test_no_note_calls_a_derived_indicator_unknown_for_every_household(tmp_path: Path) -> None:
    """With --members, "no column deprived_health_insurance: treated as unknown for every household" was
    said while the members file derived it (and the household was deprived of it); the note is said only
    for the indicators the members file cannot derive either."""
    header = "household_id,area,income_per_capita,deprived_employment,deprived_dependency,deprived_nutrition"
    (tmp_path / "ho.csv").write_text(f"{header}\nH1,rural,1200000,,,\n", encoding="utf-8")
    (tmp_path / "tv.csv").write_text("household_id,birth_date,has_health_insurance\nH1,2019-12-01,không\n", "utf-8")
    args = ["classify", str(tmp_path / "ho.csv"), "--members", str(tmp_path / "tv.csv"), "-o", str(tmp_path / "o.csv")]
    result = CliRunner().invoke(main, [*args, "--as-of", "2025-12-01", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "deprived_health_insurance" not in result.output
    assert "no column deprived_water (Domestic water source), and the household file has nothing" in result.output
    assert "--blank-flags" not in result.output


def test_a_standard_that_derives_nothing_notes_each_missing_column_once(tmp_path: Path) -> None:
    """vn-2027-2030 derives no indicator from members (docs/standard.md §4: thresholds not verified).
    With --members, each missing column was noted twice, the second time as "the members file cannot
    derive it" — as if the file lacked something; it is said once, as without members."""
    (tmp_path / "ho.csv").write_text("household_id,area,income_per_capita\nH1,rural,1200000\n", encoding="utf-8")
    (tmp_path / "tv.csv").write_text("household_id,birth_date,has_health_insurance\nH1,2019-12-01,không\n", "utf-8")
    args = ["classify", str(tmp_path / "ho.csv"), "--members", str(tmp_path / "tv.csv"), "-o", str(tmp_path / "o.csv")]
    result = CliRunner().invoke(main, [*args, "--as-of", "2027-06-01", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "members file cannot derive" not in result.output
    assert result.output.count("no column deprived_waste (Household waste collection and treatment)") == 1


@pytest.mark.parametrize("headers", ["Birth_Date,Has_Health_Insurance", "BIRTH DATE,has health insurance"])
def test_member_headers_are_read_in_any_case_and_spacing(tmp_path: Path, headers: str) -> None:
    """A members file (or DataFrame) headed "Birth_Date,Has_Health_Insurance" was read as if it had neither
    column, silently: every mark they derive stayed unknown (a household file's headers are matched
    ignoring case and spaces, docs/input.md)."""
    import pandas as pd

    import poverty_rules as pr

    (tmp_path / "ho.csv").write_text("household_id,area,income_per_capita\nM1,rural,1200000\n", encoding="utf-8")
    (tmp_path / "tv.csv").write_text(f"household_id,{headers}\nM1,1990-01-01,0\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    args = ["classify", str(tmp_path / "ho.csv"), "--members", str(tmp_path / "tv.csv"), "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--as-of", "2025-12-01", "-q"])
    assert result.exit_code == 0, result.output
    row = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig").iloc[0]
    assert row["deprived"] == "health_insurance" and "health_insurance=derived" in row["flag_sources"]
    households = pd.DataFrame({"household_id": ["M1"], "area": ["rural"], "income_per_capita": [1200000]})
    got = pr.classify(households, members=pd.read_csv(tmp_path / "tv.csv"), as_of="2025-12-01")
    assert got["deprived"].tolist() == ["health_insurance"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_members_list_headed_in_vietnamese_is_read(tmp_path: Path, kind: str) -> None:
    """A members list as a register exports it (Mã hộ, Họ tên, Ngày sinh, Giới tính, Quan hệ với chủ hộ,
    Có BHYT) was read as if it had no birth date and no insurance, silently: every mark they derive
    stayed unknown and the notes blamed the members file. Its columns are read under their Vietnamese
    headers, by the command (whole and streamed), the library and explain."""
    import pandas as pd

    import poverty_rules as pr

    (tmp_path / "ho.csv").write_text(
        "household_id,area,income_per_capita\nM1,rural,1200000\nM2,rural,1200000\n", encoding="utf-8"
    )
    frame = pd.DataFrame(
        {
            "Mã hộ": ["M1", "M1", "M2"],
            "Họ tên": ["Nguyễn Văn A", "Nguyễn Thị B", "Trần Văn C"],
            "Ngày sinh": ["22/09/1965", "02/12/2019", "01/01/1990"],
            "Giới tính": ["Nam", "Nữ", "Nam"],
            "Quan hệ với chủ hộ": ["Chủ hộ", "Con", "Chủ hộ"],
            "Có BHYT": ["không", "không", "có"],
        }
    )
    members = tmp_path / f"tv.{kind}"
    if kind == "csv":
        frame.to_csv(members, index=False)
    else:
        frame.to_excel(members, index=False)
    out = tmp_path / "out.csv"
    args = ["classify", str(tmp_path / "ho.csv"), "--members", str(members), "-o", str(out), "--as-of", "2025-12-01"]
    result = CliRunner().invoke(main, [*args, "-q"])
    assert result.exit_code == 0, result.output
    got = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert got["deprived"].tolist() == ["health_insurance", ""]
    assert all("health_insurance=derived" in s for s in got["flag_sources"])
    households = pd.DataFrame({"household_id": ["M1", "M2"], "area": ["rural"] * 2, "income_per_capita": [1200000] * 2})
    assert pr.classify(households, members=frame, as_of="2025-12-01")["deprived"].tolist() == got["deprived"].tolist()
    explain = ["explain", str(tmp_path / "ho.csv"), "M1", "--members", str(members), "--as-of", "2025-12-01"]
    explained = CliRunner().invoke(main, [*explain, "--lang", "en"])
    assert "Health insurance: yes (derived from the members list: member row 2 (aged 60))" in explained.output


def test_two_headers_of_one_member_column_are_refused(tmp_path: Path) -> None:
    """``birth_date`` and ``Ngày sinh`` in one members file: which one is the birth date? Refused, naming
    both, as two headers of one household column are."""
    (tmp_path / "ho.csv").write_text("household_id,area,income_per_capita\nM1,rural,1200000\n", encoding="utf-8")
    (tmp_path / "tv.csv").write_text("household_id,birth_date,Ngày sinh\nM1,1990-01-01,01/01/1991\n", "utf-8")
    args = ["classify", str(tmp_path / "ho.csv"), "--members", str(tmp_path / "tv.csv"), "-o", str(tmp_path / "o.csv")]
    result = CliRunner().invoke(main, [*args, "--as-of", "2025-12-01", "--lang", "vi"])
    assert result.exit_code == 2
    assert "hai cột 'birth_date' và 'Ngày sinh' cùng là birth_date" in result.output
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_members_list_below_its_title_is_read(tmp_path: Path, kind: str) -> None:
    """A members list saved from a form has its title above the header ("DANH SÁCH THÀNH VIÊN HỘ", then
    household_id, member_id, birth_date …): the header row was looked for by the household file's names,
    of which a members header has one (household_id), so the title was taken for the header and the file
    refused "row 1: missing column household_id". One known name under rows with none is the header."""
    rows = [["DANH SÁCH THÀNH VIÊN HỘ"], [], ["household_id", "member_id", "birth_date", "has_health_insurance"]]
    rows += [["H1", "01", "1980-01-01", "0"]]
    members = tmp_path / f"tv.{kind}"
    if kind == "csv":
        members.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    else:
        import openpyxl

        wb = openpyxl.Workbook()
        for r in rows:
            wb.active.append(r)
        wb.save(members)
    assert read_table(members).header_row == 3
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\nH1,rural,1000000\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    args = ["classify", str(households), "--members", str(members), "-o", str(out), "--as-of", "2025-12-01", "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "health_insurance" in out.read_text(encoding="utf-8-sig").splitlines()[1]


def test_a_workbooks_members_sheet_is_the_one_headed_as_a_members_list(tmp_path: Path) -> None:
    """`classify hh.xlsx --members hh.xlsx` (one workbook, a household sheet and a members sheet) read the
    household sheet as the members list: every derived mark stayed unknown, exit 0, no word. A members
    workbook's sheet is chosen by the members' columns; a workbook with none is refused naming its sheets."""
    import pandas as pd

    root = Path(__file__).resolve().parent.parent / "fixtures"
    hh = pd.read_csv(root / "sample_commune.csv", dtype=str, keep_default_na=False).head(30)
    mm = pd.read_csv(root / "sample_members.csv", dtype=str, keep_default_na=False)
    mm = mm[mm["household_id"].isin(hh["household_id"])]
    hh = hh[[c for c in hh.columns if not c.startswith("deprived_")]]
    both, summary = tmp_path / "both.xlsx", tmp_path / "summary.xlsx"
    with pd.ExcelWriter(both) as book:
        hh.to_excel(book, sheet_name="Hộ", index=False)
        mm.to_excel(book, sheet_name="Thành viên", index=False)
    with pd.ExcelWriter(summary) as book:
        pd.DataFrame({"Thôn": ["Xóm Chợ"], "Số hộ": [30]}).to_excel(book, sheet_name="Tổng hợp", index=False)
        hh.to_excel(book, sheet_name="Hộ", index=False)
    assert read_table(both, members=True).table.column_names == list(mm.columns)
    assert read_table(both).table.column_names == list(hh.columns)  # the household file's choice is its own
    out = tmp_path / "out.csv"
    args = ["classify", str(both), "--members", str(both), "-o", str(out), "--as-of", "2025-12-01", "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    assert "deprived_employment (Employment), and the members file cannot derive it" not in result.output
    refused = CliRunner().invoke(main, [*args[:3], str(summary), *args[4:]])
    assert refused.exit_code == 2
    assert "no sheet is headed as a members list" in refused.output and "Tổng hợp, Hộ" in refused.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_household_file_given_as_the_members_file_is_refused(tmp_path: Path, lang: str) -> None:
    """``classify ho.csv --members ho.csv`` (or a classified output) was read as a members list with no
    member column: every derived mark unknown, exit 1, and no word but "6 member rows belong to no classified
    household". It is refused (exit 2, nothing written), saying the file has no members' column."""
    src = tmp_path / "ho.csv"
    src.write_text("household_id,area,income_per_capita\nH1,rural,1000000\nH2,urban,5000000\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    args = ["classify", str(src), "--members", str(src), "-o", str(out), "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    said = {"vi": "không có cột nào của danh sách thành viên", "en": "no column of a members list"}[lang]
    assert said in " ".join(result.output.split()) and sorted(p.name for p in tmp_path.iterdir()) == ["ho.csv"]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "Việc làm: chưa rõ; Người phụ thuộc trong hộ gia đình: chưa rõ; Dinh dưỡng: suy ra; Bảo hiểm y tế: suy"),
        ("en", "Employment: unknown; Dependants in the household: unknown; Nutrition: derived; Health insurance: der"),
    ],
)
def test_a_labelled_result_says_each_marks_source_in_words(tmp_path: Path, lang: str, said: str) -> None:
    """A workbook result (headers as words) headed its sources column "Nguồn chỉ số" but wrote in it
    "employment=derived;dependency=derived;…": English ids in a Vietnamese sheet. Each mark's source is
    worded as the indicators are (canonical CSV keeps the ids of docs/members.md)."""
    import pandas as pd

    (tmp_path / "ho.csv").write_text(
        "household_id,area,income_per_capita,deprived_water\nM1,rural,1200000,1\n", encoding="utf-8"
    )
    (tmp_path / "tv.csv").write_text("household_id,birth_date,has_health_insurance\nM1,1990-01-01,0\n", "utf-8")
    out = tmp_path / "out.xlsx"
    args = ["classify", str(tmp_path / "ho.csv"), "--members", str(tmp_path / "tv.csv"), "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--as-of", "2025-12-01", "--lang", lang, "-q"])
    assert result.exit_code == 0, result.output
    row = pd.read_excel(out, dtype=str, engine="openpyxl").iloc[0]
    sources = row["Nguồn chỉ số" if lang == "vi" else "Flag sources"]
    assert sources.startswith(said) and "=" not in sources
    assert ("Nguồn nước sinh hoạt: theo tệp hộ" if lang == "vi" else "Domestic water source: given") in sources
    canonical = tmp_path / "out.csv"
    result = CliRunner().invoke(main, [*args[:-1], str(canonical), "--as-of", "2025-12-01", "--lang", lang, "-q"])
    assert "employment=unknown;dependency=unknown;nutrition=derived;" in canonical.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("stream", [True, False])
def test_a_year_of_birth_alone_gives_one_of_two_ages(tmp_path: Path, stream: bool) -> None:
    """A register that gives only ``Năm sinh`` (year of birth): the column was not read, every age was
    unknown and every mark that tests an age stayed unknown. The member is now one of two ages on the
    review date, and a rule decides where both ages agree: born 1950 is surely 6 or over (deprived when
    uninsured); born 2019 is 5 or 6 on 1 December 2025 (unknown), surely 6 on 31 December. A birth date
    beside the year decides; an unreadable year is named in the note; explain gives both ages."""
    import pandas as pd

    (tmp_path / "ho.csv").write_text(
        "household_id,area,income_per_capita\n" + "".join(f"Y{i},rural,1200000\n" for i in range(1, 5)), "utf-8"
    )
    members = tmp_path / ("tv.csv" if stream else "tv_shuffled.csv")
    rows = ["Y1,1950,,,không", "Y2,2019,,,không", "Y3,2019,02/12/2019,,không", "Y4,năm 80,,40,không"]
    rows = rows if stream else rows[::-1]  # out of the household file's order: read whole
    members.write_text("Mã hộ,Năm sinh,Ngày sinh,Tuổi,Có BHYT\n" + "\n".join(rows) + "\n", "utf-8")

    def health_insurance(as_of: str) -> list[str]:
        """Each household's health insurance mark: yes, no or unknown."""
        out = tmp_path / f"out-{as_of}.csv"
        args = ["classify", str(tmp_path / "ho.csv"), "--members", str(members), "-o", str(out), "--as-of", as_of]
        result = CliRunner().invoke(main, [*args, "--lang", "en"])
        assert result.exit_code == 0, result.output
        assert "Ngày sinh/Năm sinh/Tuổi: 1 unreadable cell ('năm 80'; the first at row" in result.output
        got = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        marks = []
        for deprived, sources in zip(got["deprived"], got["flag_sources"], strict=True):
            if "health_insurance" in deprived.split(";"):
                marks.append("yes")
            else:
                marks.append("unknown" if "health_insurance=unknown" in sources else "no")
        return marks

    assert health_insurance("2025-12-01") == ["yes", "unknown", "no", "yes"]  # Y3: 2019-12-02, aged 5
    assert health_insurance("2025-12-31") == ["yes", "yes", "yes", "yes"]
    explain = ["explain", str(tmp_path / "ho.csv"), "Y1", "--members", str(members), "--as-of", "2025-12-01"]
    said = CliRunner().invoke(main, [*explain, "--lang", "vi"]).output
    assert "74 hoặc 75 tuổi — chỉ biết năm sinh" in said


def test_explain_names_the_member_of_the_code_in_its_commune(tmp_path: Path) -> None:
    """Code 1 is used in Xã A and Xã B; the members list names the commune. explain for Xã B's household
    named no member (the code's rows joined neither household); it now names Xã B's uninsured member,
    and the library joins as the command does."""
    import pandas as pd

    import poverty_rules as pr

    households = "Mã hộ,Tỉnh,Xã,area,income_per_capita\n1,Nghệ An,Xã A,rural,1000000\n1,Nghệ An,Xã B,rural,1000000\n"
    members = "Mã hộ,Tỉnh,Xã,Tuổi,Có BHYT\n1,Nghệ An,Xã A,40,có\n1,Nghệ An,Xã B,40,không\n"
    (tmp_path / "ho.csv").write_text(households, "utf-8")
    (tmp_path / "tv.csv").write_text(members, "utf-8")
    args = ["explain", str(tmp_path / "ho.csv"), "1", "--members", str(tmp_path / "tv.csv"), "--as-of", "2025-12-01"]
    said = CliRunner().invoke(main, [*args, "--commune", "Xã B", "--lang", "en"]).output
    assert "Health insurance: yes (derived from the members list: member row 3 (aged 40))" in said
    said = CliRunner().invoke(main, [*args, "--commune", "Xã A", "--lang", "en"]).output
    assert "Health insurance: no (derived from the members list)" in said
    frame = pd.read_csv(tmp_path / "ho.csv", dtype=str)
    got = pr.classify(frame, members=pd.read_csv(tmp_path / "tv.csv", dtype=str), as_of="2025-12-01")
    assert got["deprived"].tolist() == ["", "health_insurance"]


def test_the_note_on_an_unreadable_birth_date_names_its_row_in_the_members_file(tmp_path: Path) -> None:
    """The note on an unreadable birth date named the value but no row ("cột birth_date …: 1 ô không đọc
    được ('1972-13-04')"), leaving the officer to search the members file for it; it now names the first
    such cell's row in the members file, counted as the officer's sheet counts it (a title row above the
    header counts), as the notes on other rows do; a DataFrame's rows are numbered from 2, as its rejects."""
    import pandas as pd

    import poverty_rules as pr

    (tmp_path / "ho.csv").write_text("household_id,area,income_per_capita\nH1,rural,1200000\nH2,rural,3000000\n")
    members = tmp_path / "tv.csv"
    members.write_text(
        "DANH SÁCH THÀNH VIÊN\nhousehold_id,member_id,birth_date\nH1,1,1980-01-01\nH1,2,1972-13-04\nH2,1,31/02/2000\n",
        encoding="utf-8",
    )
    args = ["classify", str(tmp_path / "ho.csv"), "--members", str(members), "-o", str(tmp_path / "out.csv")]
    result = CliRunner().invoke(main, [*args, "--as-of", "2025-12-01", "--lang", "vi"])
    assert result.exit_code == 0, result.output
    assert (
        "cột birth_date của tệp thành viên: 2 ô không đọc được ('1972-13-04', '31/02/2000'; ô đầu tiên ở dòng 4)"
        in result.output
    )
    frame = pd.DataFrame({"household_id": ["H1", "H1"], "birth_date": ["1980-01-01", "1972-13-04"]})
    households = pd.DataFrame({"household_id": ["H1"], "area": ["rural"], "income_per_capita": [1_200_000]})
    with pytest.warns(pr.Note, match=r"\('1972-13-04'; the first at row 3\)"):
        pr.classify(households, members=frame, as_of="2025-12-01", lang="en")


@pytest.mark.parametrize(
    ("header", "lang", "said"),
    [
        ("household_id,member_id,Age,age,sex", "vi", "hai cột 'Age' và 'age' cùng là age"),
        ("household_id,member_id,Birth_Date,birth date,sex", "en", "columns 'Birth_Date' and 'birth date' both mean"),
        ("household_id,member_id,Có BHYT,HAS HEALTH INSURANCE", "vi", "'Có BHYT' và 'HAS HEALTH INSURANCE' cùng là"),
    ],
)
def test_a_members_column_headed_twice_in_two_spellings_is_refused_naming_both(
    tmp_path: Path, header: str, lang: str, said: str
) -> None:
    """A members file headed 'Age' and 'age' (a register's column and the officer's corrected copy of it) was
    read from 'age' alone, the 'Age' cells left unread without a word (and 'Birth_Date' beside 'birth date'
    from whichever came first): docs/members.md refuses two headers naming one column, but only when one was
    a Vietnamese header. Two spellings of one column's name are now refused alike, naming both, in --lang."""
    (tmp_path / "ho.csv").write_text("household_id,area,income_per_capita\nH1,rural,1200000\n", encoding="utf-8")
    members = tmp_path / "tv.csv"
    members.write_text(f"{header}\nH1,1,40,1970-01-01,0\n", encoding="utf-8")
    args = ["classify", str(tmp_path / "ho.csv"), "--members", str(members), "-o", str(tmp_path / "out.csv")]
    result = CliRunner().invoke(main, [*args, "--as-of", "2025-12-01", "--lang", lang])
    assert result.exit_code == 2, result.output
    assert said in result.output and "tv.csv" in result.output, result.output
    assert not (tmp_path / "out.csv").exists()


def test_explain_says_why_a_shared_codes_member_rows_are_not_counted(tmp_path: Path) -> None:
    """Code H1 is used in Xã A and Xã B, the members list names no commune: its rows join neither household.
    explain H1 --commune 'Xã A' said each member mark was unknown because of 'no member rows', though the
    members file has two rows of H1; it now says the rows of code H1 were not counted and why (the code is
    in several communes of the household file and the members list names no commune), in --lang."""
    households = "household_id,commune,area,income_per_capita\nH1,Xã A,rural,1000000\nH1,Xã B,rural,1000000\n"
    (tmp_path / "ho.csv").write_text(households, "utf-8")
    (tmp_path / "tv.csv").write_text("household_id,age,has_health_insurance\nH1,40,có\nH1,30,không\n", "utf-8")
    args = ["explain", str(tmp_path / "ho.csv"), "H1", "--members", str(tmp_path / "tv.csv"), "--as-of", "2025-12-01"]
    said = CliRunner().invoke(main, [*args, "--commune", "Xã A", "--lang", "vi"]).output
    assert "không có dòng thành viên nào" not in said
    assert (
        "Bảo hiểm y tế: chưa rõ (2 dòng thành viên mã H1 không được tính: mã hộ này có ở nhiều xã trong tệp hộ mà "
        "danh sách thành viên không ghi xã)" in said
    )
    said = CliRunner().invoke(main, [*args, "--commune", "Xã B", "--lang", "en"]).output
    assert (
        "Health insurance: unknown (2 member rows of code H1 not counted: the household file uses the code in "
        "several communes and the members list names none)" in said
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_members_file_that_cannot_be_read_is_named_as_the_members_file(tmp_path: Path, lang: str) -> None:
    """A members workbook with no members sheet was refused with '(tệp thành viên)' put after the list of its
    sheets ('…; các trang: Hộ, Ghi chú (tệp thành viên)'), as if the last sheet were the members file, and a
    missing one as 'tv.csv: không tìm thấy tệp (tệp thành viên)'; the members file is now named where its
    name is, as every other message on it names it ('tv.xlsx (tệp thành viên): …')."""
    import openpyxl

    (tmp_path / "ho.csv").write_text("household_id,area,income_per_capita\nH1,rural,1000000\n")
    book = openpyxl.Workbook()
    book.active.title = "Hộ"
    book.active.append(["Mã hộ", "Khu vực", "Thu nhập bình quân"])
    book.create_sheet("Ghi chú").append(["Mã hộ", "Ghi chú"])
    book.save(tmp_path / "tv.xlsx")
    tag = {"vi": "(tệp thành viên)", "en": "(members file)"}[lang]
    for members in ("tv.xlsx", "none.csv"):
        args = ["classify", str(tmp_path / "ho.csv"), "--members", str(tmp_path / members), "--lang", lang]
        result = CliRunner().invoke(main, [*args, "--as-of", "2025-12-01", "-o", str(tmp_path / "out.csv")])
        assert result.exit_code == 2, result.output
        said = result.output.strip()
        assert f"{tmp_path / members} {tag}: " in said and not said.endswith(tag), said


def test_explain_says_the_floor_area_mark_counts_the_members(tmp_path: Path) -> None:
    """explain --members said the floor-area mark (floor area under 8 m² a person, the persons counted in
    the members list) was 'derived from the household's fields' alone, and said nothing when it was
    unknown for want of member rows; it now says the mark counts the members list's rows ('derived from
    the household's fields and the members list (2 members)'), and that a household has no member rows."""
    (tmp_path / "ho.csv").write_text(
        "household_id,area,income_per_capita,floor_area,safe_water\nH1,rural,1000000,15,1\nH2,rural,1000000,15,1\n",
        "utf-8",
    )
    (tmp_path / "tv.csv").write_text("household_id,age,has_health_insurance\nH1,40,có\nH1,30,có\n", "utf-8")
    args = ["explain", str(tmp_path / "ho.csv"), "--members", str(tmp_path / "tv.csv"), "--as-of", "2025-12-01"]
    said = CliRunner().invoke(main, [*args[:2], "H1", *args[2:], "--lang", "en"]).output
    assert "Floor area per person: yes (derived from the household's fields and the members list (2 members))" in said
    assert "Domestic water source: no (derived from the household's fields)" in said
    said = CliRunner().invoke(main, [*args[:2], "H1", *args[2:], "--lang", "vi"]).output
    assert "bình quân đầu người: có (suy ra từ thông tin của hộ và danh sách thành viên (2 thành viên))" in said
    said = CliRunner().invoke(main, [*args[:2], "H2", *args[2:], "--lang", "en"]).output
    assert "Floor area per person: unknown (no member rows)" in said


def test_a_members_household_code_headed_twice_is_refused_in_lang_naming_the_members_file(tmp_path: Path) -> None:
    """A members file headed 'household_id' and 'Mã hộ' (the register's code column beside the officer's) was
    refused as "<data>: columns 'household_id' and 'Mã hộ' both mean household_id …": in English under --lang
    vi, and naming no file (6ee82e2 refused two spellings of a member column in --lang, naming the file; the
    household code's two headers were still read with the defaults). It is now said in --lang, naming the
    members file, as the other columns are."""
    (tmp_path / "ho.csv").write_text("household_id,area,income_per_capita\nH1,rural,1200000\n", encoding="utf-8")
    members = tmp_path / "tv.csv"
    members.write_text("household_id,Mã hộ,age\nH1,H1,40\n", encoding="utf-8")
    args = ["classify", str(tmp_path / "ho.csv"), "--members", str(members), "-o", str(tmp_path / "out.csv")]
    for lang, said in (("vi", "hai cột 'household_id' và 'Mã hộ' cùng là household_id"), ("en", "both mean")):
        result = CliRunner().invoke(main, [*args, "--as-of", "2025-12-01", "--lang", lang])
        text = " ".join(result.output.split())
        assert result.exit_code == 2 and said in text and "tv.csv" in text and "<data>" not in text, result.output
    assert not (tmp_path / "out.csv").exists()


def test_a_members_file_with_two_headers_of_its_commune_is_named_in_the_runs_words(tmp_path: Path) -> None:
    """A members file headed both 'commune' and 'Xã' (two headers of one column) stopped classify --members
    with "<data>: columns 'commune' and 'Xã' both mean commune; …": no file named, and in English under
    --lang vi. It now names the members file, in --lang, as its other header errors are."""
    households = tmp_path / "ho.csv"
    households.write_text(
        "household_id,commune,area,income_per_capita\nH1,Xã An,rural,1000000\nH2,Xã An,urban,3000000\n",
        encoding="utf-8",
    )
    members = tmp_path / "tv.csv"
    members.write_text("household_id,commune,Xã,birth_date\nH1,Xã An,Xã An,1980-01-01\n", encoding="utf-8")
    for lang, words in (("vi", "(tệp thành viên): hai cột 'commune' và 'Xã'"), ("en", "(members file): columns")):
        args = ["classify", str(households), "--members", str(members), "--as-of", "2025-12-01", "--lang", lang]
        result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "out.csv")])
        assert result.exit_code == 2, result.output
        assert f"{members} {words}" in result.output, result.output


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_member_row_pasted_twice_is_counted_and_named(tmp_path: Path, lang: str) -> None:
    """A members file in which one member's row was pasted twice (every cell equal) counted that person twice
    without a word: H1's child, listed twice beside one adult, made the dependants 2 of 3 (> 50%) and H1 deprived
    of dependency. Each row is still a person (docs/members.md: one row per person; twins may share every cell),
    but a note now names the row, the row it repeats and the household, in --lang, so the officer can delete
    the copy."""
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\nH1,rural,1000000\nH2,rural,1000000\n", "utf-8")
    members = tmp_path / "tv.csv"
    members.write_text(
        "household_id,member_id,birth_date,labour_capacity,working_age,disabled\n"
        "H1,01,1980-01-01,1,1,0\n"
        "H1,02,2015-05-05,0,0,0\n"
        "H1,02,2015-05-05,0,0,0\n"
        "H2,01,1980-01-01,1,1,0\n"
        "H2,02,2015-05-05,0,0,0\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    args = ["classify", str(households), "--members", str(members), "-o", str(out), "--as-of", "2025-12-01"]
    result = CliRunner().invoke(main, [*args, "--lang", lang])
    assert result.exit_code == 0, result.output
    said = {
        "vi": "1 dòng thành viên giống hệt một dòng phía trên (mọi ô như nhau): dòng 4 giống dòng 3 (hộ 'H1')",
        "en": "1 member row repeats an earlier row cell for cell: row 4 repeats row 3 (household 'H1')",
    }
    assert f"{members} " in result.output and said[lang] in " ".join(result.output.split()), result.output
    rows = csv.DictReader(out.read_text("utf-8-sig").splitlines())
    deprived = {row["household_id"]: row["deprived"].split(";") for row in rows}
    assert "dependency" in deprived["H1"] and "dependency" not in deprived["H2"]


def _repeats_by_hand(rows: list[tuple[str, ...]], skip: list[bool]) -> tuple[list[int], list[int]]:
    """(later, earlier): each row equal cell for cell to an earlier one, and the first such, one by one."""
    seen: dict[tuple[str, ...], int] = {}
    later, earlier = [], []
    for i, row in enumerate(rows):
        if skip[i]:
            continue
        if row in seen:
            later.append(i)
            earlier.append(seen[row])
        else:
            seen[row] = i
    return later, earlier


@pytest.mark.parametrize("seed", range(12))
def test_the_search_for_rows_pasted_twice_finds_every_one_whatever_the_order(seed: int) -> None:
    """The search for member rows pasted twice starts from the join's household positions and leaves out the
    households whose member codes rise from row to row (01, 02 …): it must still find every row equal cell for
    cell to an earlier one, as a comparison of whole rows does — households listed together or not, codes
    rising or not (1, 10, 2), blank or repeated (twins with one code), ragged rows; rows of no household are
    none of them (they count for no household, and are said so)."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from poverty_rules.engine.members import _member_columns, repeated_rows

    rng = np.random.default_rng(seed)
    rows: list[tuple[str, ...]] = []
    households: list[int] = []
    for h in range(60):
        size = int(rng.integers(1, 12)) if h else 20  # one household of more rows than are compared apart
        codes = [str(k + 1).zfill(2) if seed % 3 else str(k + 1) for k in range(size)]
        if seed % 4 == 0:
            codes = [c if rng.random() < 0.7 else "" for c in codes]
        for k in range(size):
            sex = "male" if rng.random() < 0.5 else "female"
            born = f"20{rng.integers(10, 13)}-01-01" if rng.random() < 0.9 else ""
            rows.append((f"H{h}", codes[k], born, sex))
            households.append(h)
        for _ in range(int(rng.integers(0, 3)) if rng.random() < 0.3 else 0):  # a row pasted again in its household
            start = len(rows) - size
            at = int(rng.integers(start, len(rows) + 1))
            copied = rows[int(rng.integers(start, len(rows)))]
            rows.insert(at, copied)
            households.insert(at, h)
    for _ in range(4):  # rows of no household, one pasted twice
        rows.append(("X9", "01", "2010-01-01", "male"))
        households.append(-1)
    if seed % 2:  # households not listed together
        order = rng.permutation(len(rows))
        rows = [rows[i] for i in order]
        households = [households[i] for i in order]
    skip = [bool(rng.random() < 0.02) or households[i] < 0 for i in range(len(rows))]
    frame = pd.DataFrame(rows, columns=["household_id", "member_id", "birth_date", "sex"])
    expected = _repeats_by_hand(rows, skip)
    years = np.array([float(row[2][:4]) if row[2] else np.nan for row in rows])  # as an age read from the date
    for members in (frame, pa.Table.from_pandas(frame, preserve_index=False)):
        first = _member_columns(members)["member_id"]
        for given, alike in ((first, None), (first, years), (None, years), (None, None)):
            later, earlier = repeated_rows(members, np.array(households), np.array(skip), given, alike)
            assert (later.tolist(), earlier.tolist()) == expected


def test_the_search_for_rows_pasted_twice_compares_no_cell_where_member_codes_rise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The search cost about 0.8 s per million households on the members path (every row's cells compared),
    where issue #11 allows none: in a members file listing each household's rows together with their member
    codes rising (01, 02 …), as a register writes it, no two rows of a household can be alike, and no cell is
    compared; a household whose codes do not rise is compared alone, and its row pasted twice found."""
    import numpy as np
    import pandas as pd

    from poverty_rules.engine import members as engine_members

    compared = _cells_compared(monkeypatch)
    frame = pd.DataFrame(
        {
            "household_id": ["H1", "H1", "H1", "H2", "H2", "H3", "H3", "H3"],
            "member_id": ["01", "02", "03", "01", "02", "01", "02", "02"],
            "birth_date": ["1980-01-01", "2010-01-01", "2012-01-01", "1970-01-01", "2000-01-01"]
            + ["1990-01-01", "2015-05-05", "2015-05-05"],
        }
    )
    households = np.array([0, 0, 0, 1, 1, 2, 2, 2])
    first = engine_members._member_columns(frame)["member_id"]
    later, earlier = engine_members.repeated_rows(frame.iloc[:5], households[:5], None, first.slice(0, 5))
    assert later.size == 0 and compared == []
    later, earlier = engine_members.repeated_rows(frame, households, None, first)
    assert (later.tolist(), earlier.tolist()) == ([7], [6])
    assert compared and max(compared) <= 3  # H3's rows only


def test_the_search_for_rows_pasted_twice_without_member_codes_compares_only_rows_of_one_age(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A members file with no member code (or codes that do not rise) had every row of every household of two
    rows or more compared cell for cell (0.1 s of 200,000 households, 0.5 s per million): rows pasted twice
    share their age as the join read it, so only rows of one household sharing an age are compared; the row
    pasted twice is still found, a twin of another birth date's household not compared."""
    import numpy as np
    import pandas as pd

    from poverty_rules.engine import members as engine_members

    compared = _cells_compared(monkeypatch)
    frame = pd.DataFrame(
        {
            "household_id": ["H1", "H1", "H1", "H2", "H2", "H2"],
            "birth_date": ["1980-01-01", "2015-05-05", "2015-05-05", "1970-01-01", "2000-01-01", "2001-01-01"],
            "sex": ["male", "female", "female", "male", "female", "male"],
        }
    )
    ages = np.array([45.0, 10.0, 10.0, 55.0, 25.0, 24.0])
    later, earlier = engine_members.repeated_rows(frame, np.array([0, 0, 0, 1, 1, 1]), None, None, ages)
    assert (later.tolist(), earlier.tolist()) == ([2], [1])
    assert compared and max(compared) <= 2  # H1's two rows of one age only


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_pasted_row_of_no_household_is_not_said_counted_twice(tmp_path: Path, lang: str) -> None:
    """A row of no household pasted twice (its code not in the household file) was named in the note on rows
    pasted twice, which says each row still counts as a person of the household, so that person twice: those
    rows count for no household, and the note on rows of no household already names their code (a file read in
    batches never named them: such rows do not reach the search). Only rows of a household are named, in --lang."""
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\nH1,rural,1000000\nH2,rural,1000000\n", "utf-8")
    members = tmp_path / "tv.csv"
    members.write_text(  # a ragged row (row 3): the file is read whole
        "household_id,member_id,birth_date,sex\nH2,01,1970-01-01,male\nH2,02,1975-01-01\nH1,01,1980-01-01,male\n"
        "H1,02,2015-05-05,female\nH1,02,2015-05-05,female\nH9,01,1990-01-01,male\nH9,01,1990-01-01,male\n",
        encoding="utf-8",
    )
    args = ["classify", str(households), "--members", str(members), "-o", str(tmp_path / "out.csv")]
    result = CliRunner().invoke(main, [*args, "--as-of", "2025-12-01", "--lang", lang])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    named = {"vi": "1 dòng thành viên giống hệt một dòng phía trên (mọi ô như nhau): dòng 6 giống dòng 5 (hộ 'H1')."}
    named["en"] = "1 member row repeats an earlier row cell for cell: row 6 repeats row 5 (household 'H1')."
    assert named[lang] in said, result.output
    assert "'H9'" in said and ("dòng 8" not in said and "row 8" not in said), result.output


def _cells_compared(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many rows each column comparison of the search for rows pasted twice takes (a spy on
    engine/members.py ``_repeat_codes``), filled as the search runs."""
    import numpy as np

    from poverty_rules.engine import members as engine_members

    compared: list[int] = []
    codes = engine_members._repeat_codes

    def counting(members: object, column: int, rows: np.ndarray) -> np.ndarray | None:
        compared.append(len(rows))
        return codes(members, column, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(engine_members, "_repeat_codes", counting)
    return compared


@pytest.mark.parametrize("output", ["o.csv", "o.xlsx"])  # streamed, then whole
def test_member_notes_name_each_code_with_its_commune(tmp_path: Path, output: str) -> None:
    """A province's files, household codes restarting in each commune (1, 2 in Xã Nghi An and in Xã Nghi Bình):
    the notes on member rows of no household and on households with no member row named bare codes ('3', '5';
    '2', '2'), which every commune has. Each code is now named with its commune when both files name theirs:
    '3' (Xã Nghi An), '5' (Xã Nghi Bình); '2' (Xã Nghi An), '2' (Xã Nghi Bình)."""
    households = tmp_path / "ho.csv"
    households.write_text(
        "household_id,province,commune,village,area,income_per_capita\n"
        + "".join(f"{i},Tỉnh A,{c},Thôn 1,rural,900000\n" for c in ("Xã Nghi An", "Xã Nghi Bình") for i in (1, 2)),
        encoding="utf-8",
    )
    members = tmp_path / "tv.csv"
    members.write_text(
        "household_id,province,commune,member_id,birth_date\n1,Tỉnh A,Xã Nghi An,1,1980-01-01\n"
        "3,Tỉnh A,Xã Nghi An,1,1980-01-01\n1,Tỉnh A,Xã Nghi Bình,1,1980-01-01\n5,Tỉnh A,Xã Nghi Bình,1,1980-01-01\n",
        encoding="utf-8",
    )
    args = ["classify", str(households), "--members", str(members), "-o", str(tmp_path / output), "--lang", "en"]
    result = CliRunner().invoke(main, args)
    text = " ".join(result.output.split())
    assert result.exit_code == 0, text
    assert "check the household codes '3' (Xã Nghi An), '5' (Xã Nghi Bình)" in text, text
    assert "unknown: '2' (Xã Nghi An), '2' (Xã Nghi Bình)" in text, text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_members_workbook_of_one_sheet_per_village_is_refused_naming_the_sheets(tmp_path: Path, lang: str) -> None:
    """A members workbook of one sheet per village ('Thôn Đông', 'Thôn Tây') was read from one sheet, the
    other village's members left out without a word but "1 household has no member rows" (exit 0, its derived
    marks unknown), where a household workbook of one sheet per village is refused. It is refused too (exit 2,
    nothing written), naming the sheets and asking to copy the members lists onto one sheet or to choose one
    with --members-sheet. A workbook of the household list and one members list is read as before."""
    import pandas as pd

    members = tmp_path / "tv.xlsx"
    header = ["Mã hộ", "Họ tên", "Ngày sinh", "Giới tính", "Có BHYT"]
    with pd.ExcelWriter(members) as book:
        east = [["H1", "A", "01/01/1980", "Nam", "có"], ["H1", "B", "01/01/2015", "Nữ", "có"]]
        pd.DataFrame(east, columns=header).to_excel(book, sheet_name="Thôn Đông", index=False)
        pd.DataFrame([["H2", "C", "01/01/1970", "Nam", "không"]], columns=header).to_excel(
            book, sheet_name="Thôn Tây", index=False
        )
    households = tmp_path / "ho.csv"
    households.write_text(
        "Mã hộ,Thôn,Khu vực,Thu nhập bình quân\nH1,Thôn Đông,nông thôn,1000000\nH2,Thôn Tây,nông thôn,1000000\n",
        encoding="utf-8",
    )
    out = tmp_path / "kq.csv"
    args = ["classify", str(households), "--members", str(members), "-o", str(out), "--as-of", "2025-12-01"]
    result = CliRunner().invoke(main, [*args, "--lang", lang])
    assert result.exit_code == 2, result.output
    said = {"vi": "2 trang tính đều là danh sách thành viên", "en": "2 sheets are members lists"}[lang]
    flat = " ".join(result.output.split())
    assert said in flat and "('Thôn Đông', 'Thôn Tây')" in flat and "tv.xlsx" in flat, result.output
    assert not out.exists()
    one = tmp_path / "one.xlsx"
    with pd.ExcelWriter(one) as book:
        pd.read_csv(households, dtype=str).to_excel(book, sheet_name="Hộ", index=False)
        pd.DataFrame([*east, ["H2", "C", "01/01/1970", "Nam", "không"]], columns=header).to_excel(
            book, sheet_name="Thành viên", index=False
        )
    args = ["classify", str(one), "--members", str(one), "-o", str(out), "--as-of", "2025-12-01", "--lang", lang]
    assert CliRunner().invoke(main, args).exit_code in (0, 1)
    assert out.exists()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("kind", ["xlsx", "parquet"])
def test_a_yes_no_age_cell_is_no_age_but_an_unreadable_cell_named_by_file_row_and_column(
    tmp_path: Path, kind: str, lang: str
) -> None:
    """A ticked box (TRUE / FALSE: a spreadsheet's boolean, a Parquet boolean) under ``Tuổi`` is no age: read
    as 1 / 0 it made an uninsured member a one-year-old (not deprived of health insurance, a dependant). It is
    unknown and the note on unreadable cells names the file, the column, the cell as shown and its row."""
    import pandas as pd

    (tmp_path / "h.csv").write_text("household_id,area,income_per_capita\nH1,rural,1000000\n", encoding="utf-8")
    members = pd.DataFrame({"Mã hộ": ["H1", "H1"], "Tuổi": [True, False], "Có BHYT": [False, True]})
    path = tmp_path / f"tv.{kind}"
    if kind == "xlsx":
        members.to_excel(path, index=False, engine="openpyxl")
    else:
        members.to_parquet(path)
    out = tmp_path / "out.csv"
    args = ["classify", str(tmp_path / "h.csv"), "--members", str(path), "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--as-of", "2025-12-01", "--lang", lang])
    assert result.exit_code == 0, result.output
    shown = "'TRUE', 'FALSE'" if kind == "xlsx" else "'True', 'False'"
    said = {
        "vi": f"cột Tuổi của tệp thành viên: 2 ô không đọc được ({shown}; ô đầu tiên ở dòng 2)",
        "en": f"members column Tuổi: 2 unreadable cells ({shown}; the first at row 2)",
    }[lang]
    assert f"tv.{kind}" in result.output and said in result.output, result.output
    with out.open(encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    sources = dict(part.split("=") for part in row["flag_sources"].split(";"))
    assert sources["health_insurance"] == "unknown", "an age that is a tick decides no rule on the age"
    assert sources["dependency"] == "unknown"


def test_a_yes_no_age_in_a_members_table_or_record_is_no_age() -> None:
    """From Python too: a members DataFrame's boolean ``age`` column (``True`` read as 1 by numpy) is unknown
    and noted, and ``pr.Member(age=True)`` is refused in vi and en, as ``pr.Member(age="có")`` is."""
    import warnings

    import pandas as pd

    import poverty_rules as pr
    from poverty_rules.errors import HouseholdError

    households = pd.DataFrame({"household_id": ["H1"], "area": ["rural"], "income_per_capita": [1_000_000]})
    for ages in ([True], pd.Series([True], dtype=object)):
        members = pd.DataFrame({"household_id": ["H1"], "age": ages, "has_health_insurance": [False]})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out = pr.classify(households, members=members, as_of="2025-12-01", lang="en")
        assert "health_insurance=unknown" in out["flag_sources"][0]
        assert "dependency=unknown" in out["flag_sources"][0]
        assert any("members column age: 1 unreadable cell ('True'" in str(w.message) for w in caught)
    with pytest.raises(HouseholdError) as refused:
        pr.Member(age=True)
    assert refused.value.in_lang("en") == "age: expected a number of years, got the yes/no value True"
    assert "có/không" in refused.value.in_lang("vi")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_broken_members_file_stops_no_run_of_a_standard_that_derives_nothing_from_members(
    tmp_path: Path, lang: str
) -> None:
    """vn-2027-2030 derives no indicator from a members list (its thresholds not verified), yet a members file
    that could not be read (no household code column; the household list given by mistake) stopped classify,
    explain and review under it (exit 2, nothing written) for a file that changes no result. The file is now not
    read: the run goes on, a note names it and says it was not read (nor checked), in --lang. Under vn-2022-2026,
    which reads it, the same file still stops the run naming it."""
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\nH1,rural,1000000\nH2,rural,3000000\n", "utf-8")
    no_code = tmp_path / "tv.csv"
    no_code.write_text("Họ tên,Tuổi\nNguyễn A,40\n", encoding="utf-8")
    said = {
        "vi": "(tệp thành viên): chuẩn vn-2027-2030 không suy ra chỉ số nào từ danh sách thành viên: tệp thành viên "
        "không được đọc (cũng không được kiểm tra)",
        "en": "(members file): the standard vn-2027-2030 derives no indicator from a members list: the members file "
        "was not read (nor checked)",
    }[lang]
    for members in (no_code, households):
        out = tmp_path / "out.csv"
        args = ["classify", str(households), "--members", str(members), "-o", str(out), "--lang", lang]
        result = CliRunner().invoke(main, [*args, "--as-of", "2027-06-01"])
        assert result.exit_code == 0, result.output
        assert result.output.count(f"{members} {said}") == 1, result.output
        with out.open(encoding="utf-8-sig", newline="") as f:
            assert [r["household_id"] for r in csv.DictReader(f)] == ["H1", "H2"]
        out.unlink()
        result = CliRunner().invoke(main, [*args, "--as-of", "2025-12-01"])
        assert result.exit_code == 2, result.output
        assert not out.exists()
    explain = ["explain", str(households), "H1", "--members", str(no_code), "--as-of", "2027-06-01", "--lang", lang]
    result = CliRunner().invoke(main, explain)
    assert result.exit_code == 0, result.output
    assert f"{no_code} {said}" in result.output
    review = ["review", str(households), "--members", str(no_code), "--db", str(tmp_path / "h.db"), "--lang", lang]
    result = CliRunner().invoke(main, [*review, "--date", "2027-06-01", "--commune", "Xã A", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{no_code} {said}" in result.output


def _two_year_members_workbook(tmp_path: Path) -> tuple[Path, Path]:
    """A household list and a members workbook holding last year's list ('Năm 2024': H1's child not yet born,
    H2 insured) beside this year's ('Năm 2025': H2 uninsured), as a commune keeps them."""
    import pandas as pd

    members = tmp_path / "tv.xlsx"
    header = ["Mã hộ", "Họ tên", "Ngày sinh", "Giới tính", "Có BHYT"]
    last = [["H1", "A", "01/01/1980", "Nam", "có"], ["H2", "C", "01/01/1970", "Nam", "có"]]
    this = [["H1", "A", "01/01/1980", "Nam", "có"], ["H1", "B", "01/01/2025", "Nữ", "có"]]
    this.append(["H2", "C", "01/01/1970", "Nam", "không"])
    with pd.ExcelWriter(members) as book:
        pd.DataFrame(last, columns=header).to_excel(book, sheet_name="Năm 2024", index=False)
        pd.DataFrame(this, columns=header).to_excel(book, sheet_name="Năm 2025", index=False)
    households = tmp_path / "ho.csv"
    households.write_text(
        "Mã hộ,Thôn,Khu vực,Thu nhập bình quân\nH1,Thôn Đông,nông thôn,1000000\nH2,Thôn Tây,nông thôn,1000000\n",
        encoding="utf-8",
    )
    return households, members


def _health_insurance(out: Path) -> dict[str, str]:
    """Each household's mark of health insurance in the output, 1 when its deprivations name it."""
    with out.open(encoding="utf-8-sig", newline="") as f:
        return {r["Mã hộ"]: str(int("health_insurance" in r["deprived"])) for r in csv.DictReader(f)}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("command", ["classify", "review"])
def test_members_sheet_chooses_the_members_list_of_a_workbook_of_several(
    tmp_path: Path, lang: str, command: str
) -> None:
    """A members workbook holding last year's and this year's lists could not be used at all: refused (two
    members lists) with no option to choose one, the officer told to copy the lists onto one sheet, which
    would join last year's members too. ``--members-sheet`` chooses the sheet, by name or by its number, as
    ``--sheet`` does the household file's; the refusal names it."""
    households, members = _two_year_members_workbook(tmp_path)
    out = tmp_path / "kq.csv"
    args = [command, str(households), "--members", str(members), "-o", str(out), "--lang", lang]
    review = ["--date", "2025-12-01", "--db", str(tmp_path / "h.db")]
    args += ["--as-of", "2025-12-01"] if command == "classify" else review
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 2, refused.output
    assert "--members-sheet 'Năm 2024'" in " ".join(refused.output.split()), refused.output
    for chosen, uninsured in (("Năm 2025", "1"), ("1", "0")):
        if command == "review":
            args = [*args, "--replace"] if chosen == "1" else args
        result = CliRunner().invoke(main, [*args, "--members-sheet", chosen])
        assert result.exit_code == 0, result.output
        assert _health_insurance(out)["H2"] == uninsured, (chosen, result.output)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_members_sheet_of_no_workbook_or_without_members_is_refused(tmp_path: Path, lang: str) -> None:
    """``--members-sheet`` with a members CSV (which has no sheet) stops naming the file and the option, never
    reading the whole file in the sheet's stead; without ``--members`` it stops too (exit 2, nothing
    written): a sheet of no file would be ignored while the officer thinks the members are read."""
    households, _ = _two_year_members_workbook(tmp_path)
    members = tmp_path / "tv.csv"
    members.write_text("household_id,birth_date,has_health_insurance\nH1,1980-01-01,1\n", encoding="utf-8")
    out = tmp_path / "kq.csv"
    base = ["classify", str(households), "-o", str(out), "--as-of", "2025-12-01", "--lang", lang]
    result = CliRunner().invoke(main, [*base, "--members", str(members), "--members-sheet", "2"])
    flat = " ".join(result.output.split())
    assert result.exit_code == 2 and "tv.csv" in flat and "--members-sheet" in flat, result.output
    said = {"vi": "không phải bảng tính", "en": "not a workbook"}[lang]
    assert said in flat, result.output
    alone = CliRunner().invoke(main, [*base, "--members-sheet", "2"])
    assert alone.exit_code == 2 and "--members FILE" in alone.output.replace("TỆP", "FILE"), alone.output
    assert not out.exists()


def test_explain_reads_the_members_sheet_chosen(tmp_path: Path) -> None:
    """``explain --members`` takes ``--members-sheet`` as classify does: the household is explained with the
    members of the sheet chosen (this year's H2 uninsured), not refused for the workbook's two lists."""
    households, members = _two_year_members_workbook(tmp_path)
    args = ["explain", str(households), "H2", "--members", str(members), "--as-of", "2025-12-01", "--lang", "en"]
    assert CliRunner().invoke(main, args).exit_code == 2
    result = CliRunner().invoke(main, [*args, "--members-sheet", "Năm 2025"])
    assert result.exit_code == 0, result.output
    assert "health_insurance" in result.output.replace(" ", "_").lower(), result.output
