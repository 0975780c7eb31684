"""docs/rulesets.md: its tested examples run, and it documents every key, function and operator.

An example is a ```yaml block right after a marker line ``<!-- test: KIND [file=NAME] [reason="…"] -->``:
``ruleset``/``overlay`` must load, ``refused`` must be refused with the reason, ``cases`` must all
pass, ``expressions`` lists rule texts that must parse (``valid``) or be refused (``rejected``).
Every example is written into one folder under its file name, so cases can name an overlay above them.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pandas as pd
import pytest
import yaml

from poverty_rules import errors
from poverty_rules.engine.standards import load_file
from poverty_rules.errors import RulesetError
from poverty_rules.rules import expressions as ex
from poverty_rules.rules import model as rmod
from poverty_rules.rules.overlay import OVERLAY_KEYS
from poverty_rules.scenarios import Case, CaseFile, run_cases

DOC = Path(__file__).resolve().parent.parent / "docs" / "rulesets.md"
_MARKER = re.compile(r"<!-- test: (?P<args>.+?) -->\n```yaml\n(?P<body>.*?)\n```", re.S)


def _examples() -> list[tuple[str, dict[str, str], str]]:
    out = []
    for m in _MARKER.finditer(DOC.read_text(encoding="utf-8")):
        kind, *rest = shlex.split(m.group("args"))
        options = dict(item.split("=", 1) for item in rest)
        out.append((kind, options, m.group("body") + "\n"))
    return out


EXAMPLES = _examples()


def test_the_doc_has_every_kind_of_example() -> None:
    kinds = [k for k, _, _ in EXAMPLES]
    for kind in ("ruleset", "overlay", "refused", "cases", "expressions"):
        assert kind in kinds, kind


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("doc-examples")
    for _, options, body in EXAMPLES:
        if "file" in options:
            (tmp / options["file"]).write_text(body, encoding="utf-8")
    return tmp


@pytest.mark.parametrize(
    ("kind", "options", "body"), EXAMPLES, ids=[f"{k}-{o.get('file', i)}" for i, (k, o, _) in enumerate(EXAMPLES)]
)
def test_doc_example(folder: Path, kind: str, options: dict[str, str], body: str) -> None:
    path = folder / options["file"] if "file" in options else None
    if kind in ("ruleset", "overlay"):
        rs = load_file(path)
        assert bool(rs.extends) == (kind == "overlay")
    elif kind == "refused":
        with pytest.raises(RulesetError) as info:
            load_file(path)
        assert options["reason"] in info.value.reason and info.value.line
    elif kind == "cases":
        outcomes = run_cases(path)
        failed = [(o.case.name, o.differences) for o in outcomes if not o.passed]
        assert not failed
    elif kind == "expressions":
        data = yaml.safe_load(body)
        for text in data["valid"]:
            ex.parse(text)
        for text in data["rejected"]:
            with pytest.raises(ex.ExpressionError):
                ex.parse(text)
    else:
        raise AssertionError(f"unknown example kind {kind}")


def _documented() -> str:
    return DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "model",
    [
        rmod.Ruleset,
        rmod.Parameter,
        rmod.Indicator,
        rmod.Derived,
        rmod.ClassRule,
        rmod.Designation,
        rmod.Programme,
        rmod.NotDefined,
        Case,
        CaseFile,
    ],
    ids=lambda m: m.__name__,
)
def test_every_key_is_documented(model: type) -> None:
    text = _documented()
    for name in model.model_fields:
        assert f"`{name}`" in text, f"{model.__name__}.{name} is not documented in docs/rulesets.md"


def test_every_overlay_key_function_and_operator_is_documented() -> None:
    text = _documented()
    for key in OVERLAY_KEYS:
        assert f"`{key}`" in text
    for func in ex.FUNCTIONS:
        assert f"`{func}(" in text, func
    for op in ("+", "-", "*", "/", "<", "<=", ">", ">=", "==", "!=", "and", "or", "not"):
        assert f"`{op}`" in text, op
    assert "`x in (" in text and "`x not in (" in text
    for field in rmod.INPUT_FIELDS:
        assert f"`{field}`" in text


# --- The repository's own documents: what the docs cite exists, the architecture names every layer, the
# changelog keeps its headings.

ROOT = DOC.parent.parent
_CITED_DOC = re.compile(r"\bdocs/[\w.-]+\.md\b")


def _texts() -> list[Path]:
    found = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "fixtures").glob("*.md"))]
    for folder, patterns in (("poverty_rules", ("*.py", "*.yaml")), ("docs", ("*.md",)), ("tests", ("*.py", "*.yaml"))):
        found += [p for pattern in patterns for p in sorted((ROOT / folder).rglob(pattern))]
    return found


def test_docs_cite_documents_in_the_repository() -> None:
    mirrors = {ROOT / "docs" / name for name in ("standard.md", "design.md", "reports.md")}
    problems = []
    for path in _texts():
        text = path.read_text(encoding="utf-8")
        if path not in mirrors and path != Path(__file__).resolve():
            problems += [f"{path.relative_to(ROOT)}: cites spec/ (use docs/)" for _ in re.finditer(r"\bspec/", text)]
        problems += [f"{path.relative_to(ROOT)}: {m}" for m in _CITED_DOC.findall(text) if not (ROOT / m).exists()]
    assert not problems, "\n".join(problems)


def test_docs_name_package_paths_that_exist() -> None:
    mirrors = {"standard.md", "design.md", "reports.md"}
    pages = [ROOT / "README.md", *(p for p in sorted((ROOT / "docs").glob("*.md")) if p.name not in mirrors)]
    missing = [
        f"{page.relative_to(ROOT)}: {path}"
        for page in pages
        for path in re.findall(r"\bpoverty_rules/[\w/.*-]*\w", page.read_text(encoding="utf-8"))
        if not any(ROOT.glob(path))
    ]
    assert not missing, "\n".join(missing)


def test_the_architecture_names_every_layer() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    package = ROOT / "poverty_rules"
    layers = [f"`{p.name}/`" for p in package.iterdir() if p.is_dir() and p.name != "__pycache__"]
    layers += [f"`{p.name}`" for p in package.glob("*.py")]
    assert [name for name in sorted(layers) if name not in text] == []
    assert "tests/test_layers.py" in text
    # errors.py's row names every failure it holds (it named six of the ten, and not Note)
    failures = [n for n, c in vars(errors).items() if isinstance(c, type) and c.__module__ == errors.__name__]
    assert [name for name in failures if f"`{name}`" not in text] == []


def test_the_changelog_keeps_its_headings() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.split(r"^## ", text, flags=re.M)[1:]
    assert releases and releases[0].startswith("[Unreleased]"), "the first release heading is [Unreleased]"
    for release in releases:
        title = release.splitlines()[0]
        assert re.fullmatch(r"\[Unreleased\]|\[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}", title), title
        headings = re.findall(r"^### (.+)$", release, flags=re.M)
        assert headings == ["Added", "Changed", "Fixed", "Removed"], f"{title}: {headings}"


# --- The other pages' examples: the Python blocks run as written, on the bundled sample, and the outputs
# docs/rulesets.md quotes are what the commands print.

FIXTURES = ROOT / "fixtures"
_PYTHON = re.compile(r"```python\n(?P<body>.*?)\n```", re.S)


def _python_blocks(page: str) -> list[str]:
    return [m.group("body") for m in _PYTHON.finditer((ROOT / page).read_text(encoding="utf-8"))]


def _sample(name: str) -> pd.DataFrame:
    return pd.read_csv(FIXTURES / name, dtype=str, keep_default_na=False)


@pytest.mark.parametrize(("page", "index"), [("README.md", 0), ("docs/members.md", 0), ("docs/analysis.md", 0),
                                             ("docs/analysis.md", 1)])  # fmt: skip
def test_python_examples_run(page: str, index: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each block with the names it leaves to the reader bound to the bundled sample (its valid rows, for
    the calls that raise on a bad row), as a newcomer would run it."""
    import poverty_rules as pr

    valid = pr.classify_table(_sample("sample_commune.csv")).rows.iloc[:, :21]
    sized = valid.assign(household_size=[str(1 + i % 6) for i in range(len(valid))])
    classified = pr.classify(sized)
    names = {
        "df": valid,
        "households_df": valid,
        "members_df": _sample("sample_members.csv"),
        "households": sized,
        "rs": pr.load_ruleset("vn-2022-2026"),
        "partitions": [classified.iloc[:700], classified.iloc[700:]],
    }
    monkeypatch.setattr("builtins.print", lambda *args, **kwargs: None)
    blocks = _python_blocks(page)
    given = set(names)
    exec(compile(blocks[index], f"{page}[{index}]", "exec"), names)  # noqa: S102 - the page's own example
    made = {k: v for k, v in names.items() if k not in given and k != "__builtins__" and not isinstance(v, type(pr))}
    assert made and all(v is not None for v in made.values()), (page, index, sorted(made))  # what it says it gives


def test_check_error_examples_are_what_check_prints(folder: Path) -> None:
    """docs/rulesets.md quotes `rulesets check`'s message for removes.yaml in English and in Vietnamese."""
    from click.testing import CliRunner

    from poverty_rules.cli import main

    text = DOC.read_text(encoding="utf-8")
    quoted = re.findall(r"```\n((?:error|lỗi): removes\.yaml.*?)\n```", text, re.S)
    assert len(quoted) == 2
    for lang, said in zip(("en", "vi"), quoted, strict=True):
        result = CliRunner().invoke(main, ["rulesets", "check", str(folder / "removes.yaml"), "--lang", lang])
        assert result.exit_code == 2
        printed = " ".join(result.output.split()).replace(str(folder) + "/", "")
        assert " ".join(said.split()) == printed, lang


def test_diff_excerpt_is_what_diff_prints() -> None:
    """The HCMC-style `rulesets diff` excerpt: each quoted line (… stands for what it leaves out) is printed."""
    from click.testing import CliRunner

    from poverty_rules.cli import main

    text = DOC.read_text(encoding="utf-8")
    excerpt = re.search(r"For the bundled HCMC-style example:\n\n```\n(.*?)\n```", text, re.S)
    assert excerpt
    args = ["rulesets", "diff", "vn-2022-2026", "example-hcmc-style-2022-2025", "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    printed = result.output.splitlines()
    for line in excerpt.group(1).splitlines():
        pieces = [p.strip() for p in line.split("…") if p.strip()]
        if not pieces:
            continue
        pattern = ".*".join(re.escape(p) for p in pieces)
        assert any(re.search(pattern, out) for out in printed), line


def test_scale_dask_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/scale.md's library example on a folder of Parquet files (the sample in two), in a scratch folder."""
    pytest.importorskip("dask.dataframe")
    sample = _sample("sample_commune.csv")
    (tmp_path / "households").mkdir()
    sample.iloc[:1000].to_parquet(tmp_path / "households" / "a.parquet", index=False)
    sample.iloc[1000:].to_parquet(tmp_path / "households" / "b.parquet", index=False)
    monkeypatch.chdir(tmp_path)
    block = next(b for b in _python_blocks("docs/scale.md") if "classify_table(ddf" in b)
    exec(compile(block, "docs/scale.md", "exec"), {})  # noqa: S102 - the page's own example
    assert len(pd.read_parquet(tmp_path / "classified")) == 1993
    assert len(pd.read_parquet(tmp_path / "rejects")) == 7


def test_every_table_has_its_header() -> None:
    """A table row after a blank line starts a table without a header, which renders as plain text (the
    Modules table of docs/architecture.md was cut in two so, from `vocabulary/legacy.py` on)."""
    cut = []
    for page in [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]:
        lines = page.read_text(encoding="utf-8").splitlines()
        fenced = False
        for i, line in enumerate(lines):
            fenced ^= line.startswith("```")
            if fenced or not line.startswith("|") or (i and lines[i - 1].startswith("|")):
                continue
            if not re.fullmatch(r"\|[\s:|-]+", lines[i + 1] if i + 1 < len(lines) else ""):
                cut.append(f"{page.relative_to(ROOT)}:{i + 1}: {line[:60]}")
    assert not cut, "\n".join(cut)


def test_the_readme_names_every_docs_page() -> None:
    """README.md's "Docs:" paragraph is a newcomer's index of docs/ (there is no other): docs/scale.md (large files,
    streaming, Dask) was not in it, so a reader of the README never learnt how to classify a province. Every page of
    docs/ is named there."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    index = readme[readme.index("\nDocs: ") :]
    index = index[: index.index("\n\n")]
    named = set(re.findall(r"`docs/([\w.-]+\.md)`", index))
    assert named == {p.name for p in (ROOT / "docs").glob("*.md")}, sorted(named)
