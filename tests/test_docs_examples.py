"""Every command example of the docs and of each command's ``--help`` runs as written, on the bundled sample.

A newcomer copies them: the command lines of README.md's and docs/*.md's code blocks, the commands the docs'
text quotes (`` `poverty-rules …` ``) and the "Ví dụ / Examples" of every ``--help`` (vocabulary/words.py
``HELP``). Each is, by its exact text:

- run here (``EXAMPLES``), in a scratch folder holding the files it names, made from fixtures/ (a few dozen
  households, so that each runs in about a second) and, where it reads what another example writes (a review
  in the history it lists, shows or reports), after that example: it must succeed (exit 0, or 1 where rows
  are rejected) and write the output it names (``-o``);
- or a synopsis (an option or a file named by a placeholder: ``FILE``, ``ID|PATH``, ``[--k 3]``, ``…``), or a
  command named in a sentence without what it needs (``classify --members``), which is not run;
- or left out on purpose (``NOT_RUN``), saying why.

So an example added or changed in a page or a help text fails here until it is run (or left out on
purpose), and an example the program no longer takes fails when it is run. The Python blocks are run by
tests/test_docs.py; this module checks that each of them is, and runs the library's docstring examples.
"""

from __future__ import annotations

import doctest
import re
import shlex
import shutil
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from poverty_rules.cli import main
from poverty_rules.vocabulary.words import HELP

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

_FENCE = re.compile(r"^ *```[a-z]*\n(.*?)^ *```", re.S | re.M)
_QUOTED = re.compile(r"`((?:poverty-rules|classify) [^`]+)`")
_LINE = re.compile(r"^\s*((?:poverty-rules|classify) \S.*?)\s*$")
#: A placeholder: a word in capitals (FILE, ID, HOUSEHOLD_ID, HISTORY.db, FILE.yaml), a choice (ID|PATH,
#: vi|en), an optional part ([--k 3]) or an ellipsis.
_PLACEHOLDER = re.compile(r"\[|\||…|\.\.\.|(?:^|\s)[A-Z][A-Z_]*(?:\.[a-z]+)?(?=\s|$)")


def _command(text: str) -> str:
    """The command of an example line, as written: its comment (`` # …``) and extra spaces left out."""
    return " ".join(re.sub(r"\s#.*$", "", text).split())


def _found() -> dict[str, list[str]]:
    """Every command example, by its command, with where it is (a page, or a command's --help)."""
    found: dict[str, list[str]] = {}
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        lines = [line for block in _FENCE.finditer(text) for line in block.group(1).splitlines()]
        lines += [" ".join(m.group(1).split()) for m in _QUOTED.finditer(_FENCE.sub("", text))]
        for line in lines:
            if m := _LINE.match(line):
                found.setdefault(_command(m.group(1)), []).append(page.name)
    for name, texts in HELP.items():
        for line in texts["epilog"].splitlines():
            if m := _LINE.match(line):
                found.setdefault(_command(m.group(1)), []).append(f"{name} --help")
    return found


#: Commands named in a sentence with an option but nothing to run it on (a mention, not an example).
MENTIONS = {
    "poverty-rules explain",
    "poverty-rules review",
    "poverty-rules test",
    "classify --members",
    "classify --dask",
    "classify --ruleset",
    "classify --as-of",
    "classify --engine durable",
    "classify -o out.parquet",
}

#: Examples not run here, and why.
NOT_RUN = {
    "classify <(zcat ho.csv.bz2)": "what is refused (docs/input.md): tests/test_inputs.py",
    "poverty-rules report reviewed.csv -o report.html": "the page takes seconds: tests/test_report_html.py",
    "poverty-rules report ho_2026.reviewed.csv -o bao_cao_2026.html": "the page: tests/test_report_html.py",
    "poverty-rules classify households.csv --dask local -o households.classified.parquet": "a Dask cluster takes "
    "seconds to start: tests/test_dask.py",
    "poverty-rules classify households/ --dask tcp://scheduler:8786 -o out.parquet": "a cluster's address",
    "poverty-rules report classified.parquet/ --dask local -o out/ --format csv": "Dask: tests/test_dask.py",
    "poverty-rules test tests/scenarios/vn-2022-2026-income.yaml": "49 cases: tests/test_scenarios.py runs them",
}
#: A report takes a second or more (a workbook, R1-R9 and the AF measures at every k): one is run here, the
#: CSV export of a reviewed file (``report reviewed.csv -o out/ --format csv``).
NOT_RUN |= dict.fromkeys(
    [
        "poverty-rules report ho_2026.reviewed.csv -o bao_cao.xlsx",
        "poverty-rules report ho_2026.reviewed.csv -o bao_cao_2026.xlsx",
        "poverty-rules report --db commune.db --date 2026-12-10 -o report.xlsx",
        "poverty-rules report --db hung_chinh.db --date 10/12/2026 -o bao_cao_2026.xlsx",
        'poverty-rules report --db huyen.db --year 2026 --unit-name "Huyện Nghi Lộc" -o bao_cao_huyen_2026.xlsx',
        "poverty-rules report ho_2026.reviewed.csv --format csv -o bao_cao/ --targets chi_tieu.csv --lang en",
    ],
    "a report takes seconds: tests/test_reports.py, tests/test_reports_years.py",
)

REVIEW = 'poverty-rules review ho_2026.csv --date 10/12/2026 --db hung_chinh.db --commune "Hưng Chính"'
README_REVIEW = "poverty-rules review households.csv --date 2026-12-10 --db commune.db"
DISTRICT_REVIEW = "poverty-rules review huyen_2026.csv --date 10/12/2026 --db huyen.db"
IMPORT = 'poverty-rules history import ds_2023.csv --db hung_chinh.db --commune "Hưng Chính"'
LISTS = "poverty-rules history import danh_sach.csv --date 15/12/2023 --db hung_chinh.db"
THIRD = (IMPORT, LISTS, REVIEW)  # the history's review 3

#: Every example run here (as the docs write it, comment left out), with the examples it follows: those
#: that write what it reads. Each runs in a copy of the folder, after those.
EXAMPLES: dict[str, tuple[str, ...]] = {
    # README.md, "Use", and docs/design.md's command line
    "classify households.csv": (),
    "poverty-rules classify households.csv -o out.csv --as-of 2025-12-01 --explain --lang en": (),
    "poverty-rules classify households.csv --members members.csv": (),
    "poverty-rules classify households.csv --engine durable": (),
    "poverty-rules explain households.csv HC-01-0001": (),
    README_REVIEW: (),
    "poverty-rules eligible --as-of 2026-12-10 --db commune.db": (README_REVIEW,),
    "poverty-rules history import lists-2023.csv --db commune.db": (README_REVIEW,),
    "poverty-rules rulesets list | show vn-2022-2026 | check my-local.yaml | diff vn-2022-2026 vn-2027-2030": (),
    "poverty-rules test cases.yaml": (),
    "poverty-rules --version": (),
    # docs/input.md, docs/members.md
    "poverty-rules --lang en classify ho.csv": (),
    "poverty-rules --lang en --help": (),
    "classify households.csv --members members.csv --as-of 2025-12-01": (),
    "classify ho.xlsx --members ho.xlsx": (),
    "classify ho.csv": (),
    "poverty-rules classify ho_thon.xlsx --sheet all --as-of 2025-12-01": (),
    # docs/review.md, docs/reports.md
    IMPORT: (),
    'poverty-rules review ho_2026.csv --date 2026-12-10 --db hung_chinh.db --commune "Hưng Chính"': (IMPORT,),
    'poverty-rules history recode --db hung_chinh.db --commune "Hưng Chính" --province-code 12 --commune-code 02800': (
        IMPORT,
        REVIEW,
    ),
    "poverty-rules report reviewed.csv -o out/ --format csv": (),
    # poverty-rules --help
    "poverty-rules classify ho_2025.xlsx -o ket_qua.xlsx": (),
    "poverty-rules classify households.csv --as-of 2025-12-01 --explain --lang en": (),
    REVIEW: (IMPORT,),
    "poverty-rules rulesets list": (),
    # classify --help
    "poverty-rules classify ho_2025.xlsx": (),
    'poverty-rules classify ho_thon.xlsx --sheet "Thôn Đông" -o ket_qua.xlsx --as-of 01/12/2025': (),
    "poverty-rules classify ho_thon.xlsx --sheet all -o ket_qua.xlsx --as-of 01/12/2025": (),
    "poverty-rules classify ho_2025.csv --encoding cp1258 -o ket_qua.csv --explain": (),
    "poverty-rules classify ho_ngheo.csv --blank-flags not-deprived": (),
    "poverty-rules classify ho_2025.csv --members thanh_vien.csv --as-of 01/12/2025 --local example-bac-ninh-2025": (),
    "poverty-rules classify households.csv -o out.parquet --lang en --headers canonical": (),
    # explain --help
    "poverty-rules explain ho_2025.csv HC-01-0007": (),
    "poverty-rules explain ho_2025.xlsx HC-01-0007 --as-of 01/12/2025 --members thanh_vien.csv": (),
    "poverty-rules explain households.csv HC-01-0007 --lang en --as-of 2025-12-01 --local example-bac-ninh-2025": (),
    'poverty-rules explain huyen_2025.csv HC-01-0007 --commune "Hưng Chính"': (),
    # review --help
    "poverty-rules review ho_2026.xlsx --date 2026-12-10 --members thanh_vien.csv --blank-flags not-deprived": (),
    DISTRICT_REVIEW: (),
    f"{REVIEW} --replace": (IMPORT, REVIEW),
    # eligible --help
    "poverty-rules eligible --as-of 31/12/2026 --db hung_chinh.db": (IMPORT, REVIEW),
    "poverty-rules eligible --as-of 2027-06-30 --db hung_chinh.db --programme policy_credit -o tin_dung.csv": (
        IMPORT,
        REVIEW,
    ),
    'poverty-rules eligible --as-of 2026-12-31 --db hung_chinh.db --commune "Hưng Chính" --lang en': (IMPORT, REVIEW),
    # history … --help
    LISTS: (IMPORT,),
    "poverty-rules history list --db hung_chinh.db": (IMPORT, REVIEW),
    "poverty-rules history list --db huyen.db --lang en": (DISTRICT_REVIEW,),
    "poverty-rules history show 3 --db hung_chinh.db": THIRD,
    "poverty-rules history show 3 --db hung_chinh.db -o lan_3.csv": THIRD,
    "poverty-rules history show 3 --db hung_chinh.db -o lan_3.csv --lang en": THIRD,
    "poverty-rules history undo 3 --db hung_chinh.db": THIRD,
    # rulesets … --help
    "poverty-rules rulesets show vn-2022-2026": (),
    "poverty-rules rulesets check chuan_tinh_2026.yaml": (),
    "poverty-rules rulesets diff vn-2022-2026 vn-2027-2030 --lang en": (),
    "poverty-rules rulesets list --lang en": (),
    "poverty-rules rulesets show example-bac-ninh-2025 --lang en": (),
    "poverty-rules rulesets show chuan_tinh_2026.yaml": (),
    "poverty-rules rulesets check example-bac-ninh-2025 --lang en": (),
    "poverty-rules rulesets diff vn-2022-2026 vn-2027-2030": (),
    "poverty-rules rulesets diff vn-2022-2026 example-hcmc-style-2022-2025 --lang en": (),
    # test --help
    "poverty-rules test tinh_huong_tinh.yaml -v": (),
    "poverty-rules test tinh_huong_tinh.yaml --engine durable": (),
}

#: The docs' case file (docs/rulesets.md, "Scenario cases": a mark derived from members), for cases.yaml.
CASES = """title: Bảo hiểm y tế suy ra từ thành viên
as_of: 2025-12-01
ruleset: vn-2022-2026
cases:
  - name: a member aged six without health insurance makes the household deprived
    law: NĐ 07/2021/NĐ-CP, Phụ lục, mục 2.2 (từ đủ 6 tuổi trở lên)
    household: {area: rural, income_per_capita: 1200000, unknown: [health_insurance]}
    members:
      - {birth_date: 2019-12-01, has_health_insurance: không}
      - {age: 36, has_health_insurance: có}
    expect: {deprived: [health_insurance], status: near_poor}
"""


def _argvs(example: str) -> list[list[str]]:
    """The command lines of an example: README's ``rulesets list | show … | check …`` is four commands."""
    words = shlex.split(example)
    if words[0] == "poverty-rules":
        words = words[1:]
    if "|" in words and words[0] == "rulesets":
        text = " ".join(words[1:])
        return [["rulesets", *part.split()] for part in text.split(" | ")]
    return [words]


def _cp1258(text: str) -> bytes:
    """``text`` in Windows-1258, as Excel's Vietnamese "CSV" writes it: a letter the code page has not whole
    (``ộ``) is its base letter and its tone mark."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)


@pytest.fixture(scope="module")
def given(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files the examples name: households of two villages of the sample (Xóm Chợ, Thôn Đông, with
    HC-01-0001 and HC-01-0007), their members, and what an officer would have beside them."""
    folder = tmp_path_factory.mktemp("given")
    sample = pd.read_csv(FIXTURES / "sample_commune.csv", dtype=str, keep_default_na=False)
    households = pd.concat([sample.iloc[:24], sample.iloc[240:264]])
    members = pd.read_csv(FIXTURES / "sample_members.csv", dtype=str, keep_default_na=False)
    members = members[members["household_id"].isin(households["household_id"])]
    for name in ("households.csv", "ho.csv", "ho_ngheo.csv"):
        households.to_csv(folder / name, index=False)
    for name in ("members.csv", "thanh_vien.csv"):
        members.to_csv(folder / name, index=False)
    (folder / "ho_2025.csv").write_bytes(_cp1258(households.to_csv(index=False)))
    with pd.ExcelWriter(folder / "ho_2025.xlsx") as book:  # the commune's list, and a sheet of instructions
        households.to_excel(book, sheet_name="Danh sách hộ", index=False)
        pd.DataFrame({"Hướng dẫn": ["Mỗi dòng một hộ; đánh dấu x chỉ số thiếu hụt"]}).to_excel(
            book, sheet_name="Hướng dẫn"
        )
    with pd.ExcelWriter(folder / "ho_thon.xlsx") as book:  # a sheet per village
        for village, rows in households.groupby("village", sort=False):
            rows.to_excel(book, sheet_name=str(village), index=False)
    with pd.ExcelWriter(folder / "ho.xlsx") as book:  # the members beside the households
        households.to_excel(book, sheet_name="Hộ", index=False)
        members.to_excel(book, sheet_name="Thành viên", index=False)
    one = households.drop(columns=["commune", "province"])  # a commune's file, named by --commune
    one.to_csv(folder / "ho_2026.csv", index=False)
    one.to_excel(folder / "ho_2026.xlsx", index=False)
    district = pd.concat([households, households.assign(commune="Xã Tà Lèng")])  # one code in two communes
    district.to_csv(folder / "huyen_2025.csv", index=False)
    households.assign(**{"Mã tỉnh": "40", "Mã xã": "17000"}).to_csv(folder / "huyen_2026.csv", index=False)
    poor = households.iloc[::5]  # earlier years' lists
    lists = pd.DataFrame({"Mã hộ": poor["household_id"], "Thôn": poor["village"], "Tình trạng": "nghèo"})
    lists.assign(Năm="2023").to_csv(folder / "ds_2023.csv", index=False)
    lists.assign(Xã="Hưng Chính").to_csv(folder / "danh_sach.csv", index=False)
    lists.assign(Năm="2023", Xã="Xã Hưng Chính", Tỉnh="Tỉnh Nghệ An").to_csv(folder / "lists-2023.csv", index=False)
    for name in ("my-local.yaml", "chuan_tinh_2026.yaml"):
        shutil.copy(ROOT / "poverty_rules" / "rulesets" / "local" / "example-province-2026.yaml", folder / name)
    for name in ("cases.yaml", "tinh_huong_tinh.yaml"):
        (folder / name).write_text(CASES, encoding="utf-8")
    households.iloc[:12].to_csv(folder / "thon.csv", index=False)  # a reviewed file (reports.md)
    _run(folder, "poverty-rules review thon.csv --date 2026-12-10 --db thon.db -o reviewed.csv -q")
    return folder


def _run(folder: Path, example: str) -> int:
    """Run ``example`` in ``folder``: its exit code, the worst of its commands'; a failure's output is shown."""
    worst = 0
    for argv in _argvs(example):
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(folder)
            result = CliRunner().invoke(main, argv)
        assert result.exception is None or isinstance(result.exception, SystemExit), (example, result.output)
        assert result.exit_code in (0, 1), f"{example}\n{result.output}"
        worst = max(worst, result.exit_code)
    return worst


def _synopsis(example: str) -> bool:
    """Whether ``example`` names a file, a value or a part by a placeholder (not run as written)."""
    return bool(_PLACEHOLDER.search(example.split(" ", 1)[1]))


def test_every_example_is_run_or_left_out_on_purpose() -> None:
    """A new or changed example must be run (EXAMPLES) or left out saying why (NOT_RUN); one of these no
    page or help text gives any more goes too."""
    found = _found()
    assert len(found) >= 60, sorted(found)  # the walk itself cannot pass empty
    known = set(EXAMPLES) | set(NOT_RUN) | MENTIONS
    new = {e: where for e, where in found.items() if e not in known and not _synopsis(e)}
    assert not new, "examples neither run nor left out (tests/test_docs_examples.py):\n" + "\n".join(
        f"{e}   ({', '.join(where)})" for e, where in new.items()
    )
    gone = sorted(known - set(found))
    assert not gone, f"no page or --help gives these any more: {gone}"


@pytest.mark.parametrize("example", list(EXAMPLES))
def test_example_runs_as_written(example: str, given: Path, tmp_path: Path) -> None:
    """The example, after the examples it reads from, succeeds in a copy of the given folder and writes the
    output it names."""
    folder = tmp_path / "run"
    shutil.copytree(given, folder)
    for before in EXAMPLES[example]:
        _run(folder, before)
    _run(folder, example)
    words = shlex.split(example)
    for option in ("-o", "--output"):
        if option in words:
            assert (folder / words[words.index(option) + 1]).exists(), example


def test_every_python_block_of_the_docs_is_run() -> None:
    """tests/test_docs.py runs the Python blocks, with the names they leave to the reader bound to the
    sample: README's, docs/members.md's and docs/analysis.md's (test_python_examples_run), docs/scale.md's
    on Dask (test_scale_dask_example_runs, tests/test_dask.py); a new block must be run there too.
    docs/design.md's is a sketch (``pr.Household(...)``)."""
    blocks = {
        (page.name, i): body
        for page in PAGES
        for i, body in enumerate(re.findall(r"```python\n(.*?)\n\s*```", page.read_text(encoding="utf-8"), re.S))
    }
    run = {("README.md", 0), ("members.md", 0), ("analysis.md", 0), ("analysis.md", 1)}
    on_dask = {key for key, body in blocks.items() if "dd.read_parquet" in body}
    sketches = {key for key, body in blocks.items() if "(...)" in body}
    assert on_dask == {("scale.md", 0), ("scale.md", 1)} and sketches == {("design.md", 0)}
    assert set(blocks) == run | on_dask | sketches, sorted(set(blocks) - run - on_dask - sketches)
    source = (ROOT / "tests" / "test_docs.py").read_text(encoding="utf-8")
    for page, index in run:
        assert f'"{page}", {index})' in source.replace("docs/", ""), (page, index)


def test_the_librarys_docstring_examples_run() -> None:
    """The ``>>>`` examples of ``poverty_rules`` (``pr.load_ruleset(as_of=…).id``), of its library calls and of
    every other module that has some: only the first two were run, and ``pr.classify_one``'s example of a local
    standard was skipped (it named a ``household`` it never built). A module whose examples are all skipped
    (history.py's, which writes a file) runs none."""
    import importlib

    package = ROOT / "poverty_rules"
    with_examples = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in package.rglob("*.py")
        if ">>> " in path.read_text(encoding="utf-8")
    )
    assert {"poverty_rules", "poverty_rules.api", "poverty_rules.vocabulary.money"} <= set(with_examples)
    tried_in = {}
    for name in with_examples:
        module = importlib.import_module(name)
        failed, tried_in[name] = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        skipped_only = "doctest: +SKIP" in Path(str(module.__file__)).read_text(encoding="utf-8")
        assert (tried_in[name] or skipped_only) and not failed, name
    assert tried_in["poverty_rules.api"] >= 9, tried_in  # pr.classify_one's local example is run, not skipped


#: What the text beside an example says it writes beside its input (the README's and docs/design.md's
#: ``# → households.classified.csv``, classify --help's "writes ho_2025.classified.csv beside it", review
#: --help's "writes ho_2026.reviewed.csv, ho_2026.movements.csv, ho_2026.not_reviewed.csv"): checked by name,
#: as the example runs (test_example_runs_as_written checks only the outputs ``-o`` names).
WRITES = {
    "classify households.csv": ("households.classified.csv",),
    "poverty-rules classify ho_2025.xlsx": ("ho_2025.classified.csv",),
    REVIEW: ("ho_2026.reviewed.csv", "ho_2026.movements.csv", "ho_2026.not_reviewed.csv"),
    README_REVIEW: ("households.reviewed.csv", "households.movements.csv", "households.not_reviewed.csv"),
}


@pytest.mark.parametrize("example", list(WRITES))
def test_an_example_writes_the_files_its_text_names(example: str, given: Path, tmp_path: Path) -> None:
    """Each example of WRITES, after the examples it reads from, writes the files its text names, and
    nothing named so was there before it ran."""
    folder = tmp_path / "run"
    shutil.copytree(given, folder)
    for before in EXAMPLES[example]:
        _run(folder, before)
    assert not [name for name in WRITES[example] if (folder / name).exists()]
    _run(folder, example)
    assert [name for name in WRITES[example] if not (folder / name).exists()] == [], example


def test_the_readmes_set_up_command_does_what_the_readme_says(tmp_path: Path) -> None:
    """README.md's set-up line ``classify fixtures/sample_commune.csv --explain`` (after ``pip install … &&``,
    so the walk above, which reads lines that start with a command, never ran it): "it writes
    fixtures/sample_commune.classified.csv and, because the sample deliberately holds 7 bad rows,
    fixtures/sample_commune.rejects.csv (row, column and reason for each) — which is why classify exits 1"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "classify fixtures/sample_commune.csv --explain"
    assert f"({command}; [ $? -le 1 ])" in readme
    (tmp_path / "fixtures").mkdir()
    shutil.copy(FIXTURES / "sample_commune.csv", tmp_path / "fixtures")
    assert _run(tmp_path, command) == 1
    classified = pd.read_csv(tmp_path / "fixtures" / "sample_commune.classified.csv", dtype=str, encoding="utf-8-sig")
    rejects = pd.read_csv(tmp_path / "fixtures" / "sample_commune.rejects.csv", dtype=str, encoding="utf-8-sig")
    assert len(classified) == 1993 and classified["reason"].notna().all()
    assert len(rejects) == 7 and list(rejects.columns[:3]) == ["row", "column", "reason"]
    assert "7 bad rows" in readme and "exits 1" in readme
