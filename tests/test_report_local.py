"""A local standard's classification in the reports (issue #12): beside the national one in the workbook
and the page, named by the local standard's title; the CSV export keeps docs/reports.md's contract."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from poverty_rules.cli import main
from poverty_rules.engine.standards import load_ruleset

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "sample_commune.csv"
LOCAL = "example-province-2026"
HCMC = "example-hcmc-style-2022-2025"


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("local")
    households = folder / "ho.csv"
    households.write_text("".join(FIXTURE.read_text(encoding="utf-8").splitlines(keepends=True)[:301]), "utf-8")
    args = ["review", str(households), "--date", "2026-12-10", "--db", str(folder / "h.db"), "--local", LOCAL, "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    return folder / "ho.reviewed.csv"


def _local_poor(reviewed: Path) -> int:
    return sum(1 for r in _read(reviewed) if r["local_status"] == "poor" and r["status"] != "")


def test_workbook_shows_the_local_standard_beside_the_national(reviewed: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    title = load_ruleset(LOCAL).title.vi
    for source in ([str(reviewed)], ["--db", str(reviewed.with_name("h.db")), "--date", "2026-12-10"]):
        out = reviewed.with_name(f"local_{len(source)}.xlsx")
        result = CliRunner().invoke(main, ["report", *source, "-o", str(out), "--lang", "vi"])
        assert result.exit_code == 0, result.output
        book = openpyxl.load_workbook(out)
        forms = [n for n in book.sheetnames if n.startswith("R")]  # R1…R7 and the local R1
        lists = len(book.sheetnames) - len(forms) - 1  # and the Alkire–Foster sheet
        assert f"(xlsx: {len(forms)} biểu, {lists} danh sách)" in result.output and (len(forms), lists) == (8, 8)
        sheet = book["R1 chuẩn địa phương"]
        assert title in str(sheet["A4"].value) and "theo chuẩn địa phương" in str(sheet["A4"].value)
        total = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Tổng cộng")
        assert total[3] == _local_poor(reviewed)  # R1 column 3 by the local standard
        national = next(r for r in book["R1"].iter_rows(values_only=True) if r[0] == "Tổng cộng")
        assert national[1] == total[1] and (national[3], national[5]) != (total[3], total[5])  # other lists
        poor = book["Danh sách hộ nghèo"]
        assert "Phân loại theo chuẩn địa phương" in [c.value for c in poor[7]]
        assert any(title in str(c.value) for c in poor[6])
        listed = [r for r in book["DS nghèo chuẩn địa phương"].iter_rows(min_row=10, values_only=True)]
        assert sum(1 for r in listed if isinstance(r[0], int)) == _local_poor(reviewed)


def test_csv_contract_unchanged_and_page_shows_the_local_standard(reviewed: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.reviewed.csv"
    rows = _read(reviewed)
    keep = [c for c in rows[0] if not c.startswith("local_")]
    with open(plain, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, keep, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    with_local, without = tmp_path / "with", tmp_path / "without"
    for source, out in ((reviewed, with_local), (plain, without)):
        result = CliRunner().invoke(main, ["report", str(source), "--format", "csv", "-o", str(out)])
        assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(with_local).as_posix() for p in with_local.rglob("*.csv"))
    assert files == sorted(p.relative_to(without).as_posix() for p in without.rglob("*.csv"))
    for name in ("r1.csv", "r2.csv", "lists/poor.csv", "lists/undetermined.csv"):
        assert _read(with_local / name) == _read(without / name), name
    page = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["report", str(reviewed), "-o", str(page), "--lang", "en"])
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert load_ruleset(LOCAL).title.en in text and 'id="local-villages"' in text and 'data-col="local"' in text


def test_docs_review_md_local_samples_are_the_samples_review(tmp_path: Path) -> None:
    """docs/review.md shows, for fixtures/sample_commune.csv reviewed on 2026-12-10 with --local
    example-province-2026, R1 by the local standard beside the national one and the first rows of a
    village's list of the poor by the local standard. Its list gave HC-07-0046 as the second household of
    Thôn Hạ, where the workbook lists HC-07-0034 (average nationally, poor locally) second. Each number and
    row shown is the review's (the workbook numbers a village's households in the order of their codes)."""
    from decimal import ROUND_HALF_UP, Decimal

    from poverty_rules.vocabulary.words import status_label

    args = ["review", str(FIXTURE), "--date", "2026-12-10", "--db", str(tmp_path / "h.db"), "--local", LOCAL]
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "ho.reviewed.csv"), "-q"])
    assert result.exit_code == 1, result.output
    rows = _read(tmp_path / "ho.reviewed.csv")
    doc = (FIXTURE.parent.parent / "docs" / "review.md").read_text(encoding="utf-8")

    def rate(n: int, of: int) -> str:
        return str((Decimal(100 * n) / of).quantize(Decimal("0.01"), ROUND_HALF_UP))

    r1 = doc.split("**R1 by the local standard**", 1)[1].split("\n\n|", 1)[1].split("\n\n", 1)[0]
    for line in r1.splitlines()[2:]:
        unit, *cells = [c.strip() for c in line.strip("|").split("|")]
        if unit.startswith("Cộng "):
            rows_of = rows
        elif unit.startswith("II. "):
            rows_of = [r for r in rows if r["area"] == "rural"]
        else:
            rows_of = [r for r in rows if r["village"] == unit]
        n = len(rows_of)
        shown = [str(n)]
        for column in ("status", "local_status"):
            for status in ("poor", "near_poor"):
                count = sum(r[column] == status for r in rows_of)
                shown += [str(count), rate(count, n)]
        assert cells == shown, unit

    listed = doc.split("**Danh sách hộ nghèo theo chuẩn địa phương**", 1)[1].split("\n\n|", 1)[1].split("\n\n")[0]
    for line in listed.splitlines()[2:]:
        number, village, code, head, status, local = [c.strip() for c in line.strip("|").split("|")]
        poor_here = sorted(r["household_id"] for r in rows if r["village"] == village and r["local_status"] == "poor")
        row = next(r for r in rows if r["household_id"] == code)
        assert poor_here.index(code) + 1 == int(number), (code, poor_here[:4])
        assert (row["head_name"], status_label(row["status"], "vi")) == (head, status)
        assert status_label(row["local_status"], "vi") == local
    assert "the first rows of Thôn Hạ" in doc, "the excerpt says which village's rows it shows"


def test_docs_review_md_names_the_local_sheets_as_the_workbook_does(reviewed: Path, tmp_path: Path) -> None:
    """docs/review.md said the workbook of a review with --local adds "R1 theo chuẩn địa phương", a sheet no
    workbook has (it is `R1 chuẩn địa phương`, as the page's own sample says); each sheet the sentence names is
    the workbook's."""
    openpyxl = pytest.importorskip("openpyxl")
    doc = (FIXTURE.parent.parent / "docs" / "review.md").read_text(encoding="utf-8")
    sentence = " ".join(
        doc.split("- with a local standard (`review --local`), the workbook adds", 1)[1].split(";")[0].split()
    )
    named = [m for m in sentence.split("`")[1::2] if "chuẩn địa phương" in m]
    assert len(named) == 3, sentence
    out = tmp_path / "local.xlsx"
    assert CliRunner().invoke(main, ["report", str(reviewed), "-o", str(out)]).exit_code == 0
    assert set(named) <= set(openpyxl.load_workbook(out, read_only=True).sheetnames), named


def _classified_by_hcmc(tmp_path: Path) -> Path:
    """Eight urban households, each of the HCMC-style standard's indicators marked on some, classified with
    ``--ruleset example-hcmc-style-2022-2025`` alone: the classified file."""
    ids = [i.id for i in load_ruleset(HCMC).indicators]
    rows = [
        f"H{n},T{n % 2},urban,{2_000_000 + 500_000 * (n % 3)}," + ",".join(str((n + j) % 2) for j in range(len(ids)))
        for n in range(8)
    ]
    source = tmp_path / "hc.csv"
    source.write_text(
        "household_id,village,area,income_per_capita,"
        + ",".join(f"deprived_{i}" for i in ids)
        + "\n"
        + "\n".join(rows)
        + "\n"
    )
    out = tmp_path / "hc.classified.csv"
    args = ["classify", str(source), "--ruleset", HCMC, "--as-of", "2024-06-01", "-o", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    return out


def test_page_names_a_local_standards_own_dimension_not_its_id(tmp_path: Path) -> None:
    """The report page of a file classified by example-hcmc-style-2022-2025 (its own dimension social_insurance)
    showed that dimension by its id, 'social_insurance', in the AF table and the contributions chart, in both
    languages: the ruleset format gives a dimension no label and the page knew the national ones only. A
    dimension the vocabulary does not name is now labelled by its indicators' names ('Bảo hiểm xã hội')."""
    out = _classified_by_hcmc(tmp_path)
    for lang, name in (("en", "Social insurance"),):  # one page (the words are the ruleset's, vi alike)
        page = tmp_path / f"page.{lang}.html"
        result = CliRunner().invoke(main, ["report", str(out), "-o", str(page), "--ruleset", HCMC, "--lang", lang])
        assert result.exit_code == 0, result.output
        html = page.read_text(encoding="utf-8")
        row = re.search(
            r'data-indicator="social_insurance"><th scope="row">[^<]*</th><td class="hide-narrow">([^<]*)', html
        )
        assert row is not None and row.group(1) == name
        assert "social_insurance" not in html.replace('data-indicator="social_insurance"', "")


def test_report_of_a_file_classified_by_a_local_standard_alone_reads_that_standard(tmp_path: Path) -> None:
    """report of a file classified with --ruleset example-hcmc-style-2022-2025 (its ruleset column
    'vn-2022-2026@2025.02+example-hcmc-style-2022-2025@2') took the base, vn-2022-2026, for 'the file's
    ruleset': the page listed its own indicator by its id ('social_insurance') among a household's
    deprivations and measured AF on the national indicators. The file's standard is now the local one."""
    out = _classified_by_hcmc(tmp_path)
    page = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["report", str(out), "-o", str(page), "--lang", "en"])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert 'data-indicator="social_insurance"' in html  # measured on the local standard's indicators
    assert "social_insurance" not in html.replace('data-indicator="social_insurance"', "")


def test_report_of_a_file_classified_by_a_local_standard_read_from_a_path_reads_its_base(tmp_path: Path) -> None:
    """A file classified by a local standard read from a path (--ruleset my-province-2026.yaml: ruleset
    'vn-2022-2026@2025.02+my-province-2026@1') names a standard this install does not have: report reads its
    base, as it did, and is not refused for the local id (e4f88e1 reads the local standard when installed)."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "rulesets.md").read_text(encoding="utf-8")
    block = text.split("<!-- test: overlay file=my-province-2026.yaml -->\n```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "my-province-2026.yaml").write_text(block, encoding="utf-8")
    source = tmp_path / "mp.csv"
    source.write_text("household_id,village,area,income_per_capita,deprived_water\nH1,T1,rural,1800000,1\n")
    out = tmp_path / "mp.classified.csv"
    args = ["classify", str(source), "--ruleset", str(tmp_path / "my-province-2026.yaml"), "--as-of", "2026-06-01"]
    assert CliRunner().invoke(main, [*args, "-o", str(out)]).exit_code == 0
    result = CliRunner().invoke(main, ["report", str(out), "-o", str(tmp_path / "mp.xlsx")])
    assert result.exit_code == 0, result.output


def test_every_form_names_the_standard_its_counts_follow(tmp_path: Path) -> None:
    """The workbook's forms named no standard (the page did): R1 of a file classified by a local standard run
    alone (--ruleset example-hcmc-style-2022-2025), sent up, read as the national count. Every sheet's dates
    line now names the standard its counts follow, in the report's language: the local one's title for such a
    file (and for the R1 and lists by the local standard beside the national ones), the national one's for a
    national file, and a local standard read from a file this install does not have by its id."""
    import openpyxl

    def dates_line(book: Path, sheet: str) -> str:
        rows = openpyxl.load_workbook(book, read_only=True)[sheet].iter_rows(min_row=5, max_row=5, values_only=True)
        return str(next(rows)[0])

    classified = _classified_by_hcmc(tmp_path)
    for lang, words in (("vi", "Chuẩn áp dụng: "), ("en", "Standard applied: ")):
        book = tmp_path / f"hc_{lang}.xlsx"
        result = CliRunner().invoke(main, ["report", str(classified), "-o", str(book), "--lang", lang])
        assert result.exit_code == 0, result.output
        for sheet in ("R1", "R4"):
            assert dates_line(book, sheet).endswith(words + getattr(load_ruleset(HCMC).title, lang)), sheet
    national = tmp_path / "nat.csv"
    national.write_text("household_id,village,area,income_per_capita\nH1,T1,rural,1000000\n", encoding="utf-8")
    args = ["classify", str(national), "--as-of", "2025-06-01", "-o", str(tmp_path / "nat.classified.csv")]
    assert CliRunner().invoke(main, args).exit_code == 0
    result = CliRunner().invoke(main, ["report", str(tmp_path / "nat.classified.csv"), "-o", str(tmp_path / "n.xlsx")])
    assert result.exit_code == 0, result.output
    assert dates_line(tmp_path / "n.xlsx", "R1").endswith(load_ruleset("vn-2022-2026").title.vi)
    text = (Path(__file__).resolve().parent.parent / "docs" / "rulesets.md").read_text(encoding="utf-8")
    block = text.split("<!-- test: overlay file=my-province-2026.yaml -->\n```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "my-province-2026.yaml").write_text(block, encoding="utf-8")
    args = ["classify", str(national), "--ruleset", str(tmp_path / "my-province-2026.yaml"), "--as-of", "2026-06-01"]
    assert CliRunner().invoke(main, [*args, "-o", str(tmp_path / "mp.csv")]).exit_code == 0
    result = CliRunner().invoke(main, ["report", str(tmp_path / "mp.csv"), "-o", str(tmp_path / "mp.xlsx")])
    assert result.exit_code == 0, result.output
    assert dates_line(tmp_path / "mp.xlsx", "R1").endswith("Chuẩn áp dụng: my-province-2026")
