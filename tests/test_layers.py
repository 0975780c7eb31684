"""The package's layers import one way (docs/architecture.md), at module level, with no cycle.

errors → vocabulary → rules → engine → data → results → review → pipeline → reports → api → cli:
a module may import its own layer and the layers before it, never a later one, and never inside a
function (optional extras, e.g. Dask, aside: they are listed in OPTIONAL).
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import click
import pytest

from poverty_rules.cli import LAZY, main
from poverty_rules.cli._base import load
from poverty_rules.cli._classifying import ON_DASK
from poverty_rules.cli.classify import WORK
from poverty_rules.cli.review import WORK as REVIEW_WORK

PACKAGE = Path(__file__).resolve().parent.parent / "poverty_rules"
LAYERS = [
    {"errors", "_late"},
    {"vocabulary"},
    {"rules"},
    {"engine"},
    {"data"},
    {"results"},
    {"review"},
    {"pipeline"},
    {"reports"},
    {"api", "models", "scenarios", "__init__"},
    {"cli", "__main__"},
]
#: Third-party modules that are optional extras: imported inside functions on purpose.
OPTIONAL = {"dask", "distributed", "openpyxl", "python_calamine", "jinja2", "altair", "vl_convert"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _layer(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    raise AssertionError(f"{module} belongs to no layer: add its folder to LAYERS and docs/architecture.md")


def _targets(module: str, path: Path, node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if node.level == 0:
        base = node.module or ""
        return [base] + [f"{base}.{a.name}" for a in node.names]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    package = package[: len(package) - (node.level - 1)]
    base = ".".join(package + ([node.module] if node.module else []))
    return [base] + [f"{base}.{a.name}" for a in node.names]


MODULES = {(_module_name(p)): p for p in sorted(PACKAGE.rglob("*.py"))}


@cache
def _imports(module: str) -> list[tuple[int, str, bool]]:
    """[(line, imported module, inside a function)] for every import in ``module``, found in one walk of
    its syntax tree (an import is inside a function when any function encloses it). Read when a test
    asks, once per module and process: not at collection, which every xdist worker does."""
    path = MODULES[module]
    found: list[tuple[int, str, bool]] = []

    def visit(node: ast.AST, inside: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.extend((child.lineno, target, inside) for target in _targets(module, path, child))
            visit(child, inside or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_one_way(module: str) -> None:
    mine = _layer(module)
    for line, target, _ in _imports(module):
        if target.startswith("poverty_rules") and target in MODULES:
            assert _layer(target) <= mine, f"{MODULES[module]}:{line} imports {target}, a later layer"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_inside_a_function(module: str) -> None:
    inside = [
        f"{MODULES[module]}:{line} imports {target} inside a function"
        for line, target, in_function in _imports(module)
        if in_function and target.split(".")[0] not in OPTIONAL
    ]
    assert not inside, inside


def test_no_import_cycle() -> None:
    graph = {
        m: {t for _, t, _ in _imports(m) if t in MODULES and t != m and not m.startswith(t + ".")} for m in MODULES
    }
    state: dict[str, int] = {}

    def visit(m: str, stack: list[str]) -> None:
        state[m] = 1
        for t in sorted(graph[m]):
            cycle = stack[stack.index(t) :] + [t] if t in stack else [m, t]
            assert state.get(t) != 1, "import cycle: " + " → ".join(cycle)
            if t not in state:
                visit(t, [*stack, t])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])


def test_the_layer_test_can_fail(tmp_path: Path) -> None:
    """The checks above see an upward import and a function-level import when there is one."""
    src = "from ..cli import main\n\ndef f():\n    from ..api import classify\n"
    tree = ast.parse(src)
    fake = PACKAGE / "rules" / "fake.py"
    nodes = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    targets = [t for n in nodes for t in _targets("poverty_rules.rules.fake", fake, n)]
    assert "poverty_rules.cli" in targets and "poverty_rules.api" in targets
    assert _layer("poverty_rules.cli") > _layer("poverty_rules.rules.fake")


def test_the_command_line_starts_light() -> None:
    """``poverty-rules classify`` does not import what only other commands or formats need (start-up
    time, docs/scale.md): the subcommands are loaded lazily (cli LAZY), openpyxl when a workbook is
    written, the reports layer when a report or ``pr.af_measures`` is asked for."""
    heavy = ["openpyxl", "jinja2", "altair", "poverty_rules.reports", "poverty_rules.cli.report"]
    code = f"import sys, poverty_rules.cli; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=PACKAGE.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", f"imported at start-up: {done.stdout}"


def test_the_review_work_imports_no_console_until_it_shows_something() -> None:
    """A quiet review (a province's scripted run) prints no table: its work (cli/_reviewing.py) imports rich
    when a table or message is shown (cli/_base.py ``new_table``, ``stdout``, ``stderr``), and no XML or web
    module (``xml.sax.saxutils`` brought ``urllib.request``, ``http.client`` and ``ssl``: 0.017 s of its start)."""
    heavy = ["rich", "xml.sax.saxutils", "urllib.request", "http.client"]
    code = f"import sys, poverty_rules.cli._reviewing; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=PACKAGE.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", f"imported by the review's work: {done.stdout}"


def test_every_lazy_command_loads() -> None:
    """Each name in the CLI's LAZY table resolves to a click command of that name's group."""
    ctx = click.Context(main)
    for name in LAZY:
        assert isinstance(main.get_command(ctx, name), click.Command), name
    assert set(LAZY) <= set(main.list_commands(ctx))


#: The modules that import other modules late, on purpose, through importlib: the package's public names
#: (PEP 562 ``__getattr__``) and poverty_rules/_late.py (pyarrow.parquet when a Parquet file is read or
#: written, rich when something is shown, and through :func:`poverty_rules.cli._base.load` the command
#: line's lazy subcommands and the classifying work, imported once the input is being read).
LATE_IMPORTERS = {"poverty_rules", "poverty_rules._late"}


def test_late_imports_in_one_place() -> None:
    """``importlib.import_module`` (and ``__import__``) appear only in LATE_IMPORTERS: any other late
    import would escape the layer checks above."""
    found = set()
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
            if name in ("import_module", "__import__"):
                found.add(module)
    assert found == LATE_IMPORTERS


def test_classify_starts_reading_before_the_heavy_imports(tmp_path: Path) -> None:
    """``poverty-rules classify`` imports, before it starts reading its input, neither pandas nor the
    engine nor the pipeline nor the ruleset model (pydantic: the readers know the bundled headers from
    rules/bundled.py), and reading a plain file imports none of them (docs/architecture.md,
    "Start-up"): they load while the file is parsed.
    Its work module and the Dask path, loaded late, resolve."""
    lines = (PACKAGE.parent / "fixtures" / "sample_commune.csv").read_text(encoding="utf-8").splitlines()
    plain = tmp_path / "plain.csv"  # every household code given (an empty one is looked at with pyarrow.compute)
    plain.write_text("\n".join(line for line in lines if not line.startswith(",")) + "\n", encoding="utf-8")
    heavy = ["pandas", "poverty_rules.pipeline", "poverty_rules.engine", "poverty_rules.api"]
    heavy += ["poverty_rules.cli._common", "poverty_rules.cli._classifying"]
    heavy += ["pydantic", "poverty_rules.rules.model", "poverty_rules.rules.registry"]
    heavy += ["pyarrow.parquet", "rich.console", "rich.markup", "rich.progress"]  # only when used
    code = (  # the reading thread must not import pandas either (pyarrow's pa.array does): it would wait for it
        "import sys, functools, poverty_rules.cli, poverty_rules.cli.classify, poverty_rules.data.stream as ds; "
        f"list(ds.ReadAhead(functools.partial(ds.open_batches, {str(plain)!r}, 2048))); "
        f"print([m for m in {heavy!r} if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=PACKAGE.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", f"imported before reading starts: {done.stdout}"
    assert callable(load(WORK)) and callable(load(ON_DASK))


def test_review_starts_reading_before_the_heavy_imports() -> None:
    """``poverty-rules review`` (cli/review.py) imports, before it starts reading the household file,
    neither pandas nor the pipeline nor the history: they load while the file is parsed; its work resolves."""
    heavy = ["pandas", "poverty_rules.pipeline", "poverty_rules.review", "poverty_rules.cli._common"]
    code = f"import sys, poverty_rules.cli, poverty_rules.cli.review; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=PACKAGE.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", f"imported before reading starts: {done.stdout}"
    assert callable(load(REVIEW_WORK))


@pytest.mark.parametrize("quiet", [True, False])
def test_a_quiet_classify_never_imports_rich(tmp_path: Path, quiet: bool) -> None:
    """``classify -q`` shows nothing, so it imports neither rich's console nor its progress bar
    (cli/_base.py ``stderr``, cli/_progress.py: 0.03-0.04 s of start-up); without ``-q`` both load (on a
    terminal: ``TTY_INTERACTIVE=1`` makes rich take the pipe for one)."""
    sample = PACKAGE.parent / "fixtures" / "sample_commune.csv"
    args = ["classify", str(sample), "-o", str(tmp_path / "out.csv"), *(["-q"] if quiet else [])]
    code = (
        "import sys\nfrom poverty_rules.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print([m for m in ('rich.console', 'rich.progress') if m in sys.modules])"
    )
    env = {**os.environ, "TTY_INTERACTIVE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False, cwd=PACKAGE.parent, env=env
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.csv").exists()
    expected = "[]" if quiet else "['rich.console', 'rich.progress']"
    assert done.stdout.strip().splitlines()[-1] == expected


def test_every_module_is_named_in_the_architecture_modules_table() -> None:
    """docs/architecture.md's "Modules" table is where a newcomer looks a module up: ``rules/bundled.py`` (the
    bundled standards' files and their flag headers, read before the engine loads) was named in no row of it.
    Every module of the package is now named in the table, by its path or, in a row of a folder's modules
    (``cli/``, ``engine/durable/``), by its file name."""
    text = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = text.split("## Modules", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([\w/.]+\.py)`", table))
    missing = [
        rel
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "__init__.py"
        and (rel := path.relative_to(PACKAGE).as_posix()) not in named
        and not (path.name in named and f"`{rel.rsplit('/', 1)[0]}/`" in table)
    ]
    assert not missing, f"add to docs/architecture.md's Modules table: {missing}"


def test_reading_a_parquet_file_imports_no_pandas(tmp_path: Path) -> None:
    """The reading thread turns a Parquet file's typed columns into text without pandas: pyarrow's
    ``pa.array`` / ``pa.scalar`` (and pyarrow.compute given a Python value) import it, and on the reading
    thread that import waited for the one the command makes meanwhile, so the first batch of the 1M
    benchmark file came 0.4-0.6 s after the file was opened, all of its columns ready long before."""
    import datetime as dt
    import decimal

    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 6
    table = pa.table(
        {
            "household_id": pa.array([f"H{i}" if i != 3 else None for i in range(n)]),
            "area": pa.array(["rural", "urban", "rural", "urban", "rural", "urban"]),
            "income_per_capita": pa.array([1500000.0, 1053000.5, float("nan"), None, 7.99, 2.5e20]),
            "score_a": pa.array([139.125, 1.5, 2.0, None, 100.0, 3.25], pa.float32()),
            "household_size": pa.array([1, 2, None, 4, 5, 6], pa.int16()),
            "code_big": pa.array([0, 2**40, None, 3, 4, 5], pa.int64()),
            "deprived_water": pa.array([True, False, None, True, False, True]),
            "farm_household": pa.array([1, 0, 1, 0, None, 1], pa.int8()),
            "surveyed_on": pa.array([dt.datetime(2025, 12, 1)] * n, pa.timestamp("ms")),
            "born_on": pa.array([dt.date(2000, 1, 1)] * n, pa.date32()),
            "members": pa.array([["An", "Bình"], [], None, ["C"], ["D"], ["E"]]),
            "where": pa.array([{"x": 1}] * n),
            "amount": pa.array([decimal.Decimal("1.500")] * n, pa.decimal128(10, 3)),
            "nothing": pa.nulls(n),
        }
    )
    src = tmp_path / "typed.parquet"
    pq.write_table(table, src)
    code = (
        "import sys, functools, poverty_rules.data.stream as ds; "
        f"parts = list(ds.ReadAhead(functools.partial(ds.open_batches, {str(src)!r}, 2048))); "
        "print(sum(p.num_rows for p in parts), 'pandas' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=PACKAGE.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(n), "False"]


#: What ``classify`` of a plain household file does not need (m7): the review against the history (SQLite, the
#: review run), the durable engine (``--engine durable``) and the reports' forms and lists (its summary's
#: rates come from reports/units.py alone).
NOT_FOR_CLASSIFY = [
    "sqlite3",
    "poverty_rules.review.history",
    "poverty_rules.review.yearly",
    "poverty_rules.engine.durable",
    "poverty_rules.reports.frame",
    "poverty_rules.reports.model",
    "poverty_rules.reports.forms",
]


@pytest.mark.parametrize("engine", ["vectorized", "durable"])
def test_classify_loads_only_what_it_needs(tmp_path: Path, engine: str) -> None:
    """``poverty-rules classify`` of a household file with previous statuses (transitions, support windows)
    loads none of :data:`NOT_FOR_CLASSIFY`: they cost 0.02-0.03 s of CPU on the classifying thread before
    its first batch (docs/architecture.md, "Start-up"), and a run that needs one loads it then
    (``--engine durable`` the durable engine, and only it)."""
    lines = (PACKAGE.parent / "fixtures" / "sample_commune.csv").read_text(encoding="utf-8").splitlines()
    sample = tmp_path / "ho.csv"  # each household's status at the last review: classify adds its transition
    sample.write_text("\n".join(f"{line},{'previous_status' if i == 0 else 'poor'}" for i, line in enumerate(lines)))
    args = ["classify", str(sample), "-o", str(tmp_path / "out.csv"), "-q", "--engine", engine]
    code = (
        "import sys\nfrom poverty_rules.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        f"print([m for m in {NOT_FOR_CLASSIFY!r} if m in sys.modules])"
    )
    command = [sys.executable, "-c", code, *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=PACKAGE.parent)
    assert done.returncode == 0, done.stderr
    assert "transition" in (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    expected = "['poverty_rules.engine.durable']" if engine == "durable" else "[]"
    assert done.stdout.strip().splitlines()[-1] == expected


def test_the_librarys_plain_classify_loads_neither_the_durable_engine_nor_dask(tmp_path: Path) -> None:
    """``import poverty_rules as pr; pr.classify(frame)`` loaded the durable engine (api.py imported it at
    module level for ``update_household``) and pipeline/dask.py with pyarrow.dataset (for ``is_dask_frame``),
    which a pandas frame's classification never uses. Both now load only for a call that needs them
    (api.py through _late.py): ``update_household`` loads the durable engine, and still works."""
    code = (
        "import sys, pandas as pd, poverty_rules as pr\n"
        "frame = pd.DataFrame({'household_id': ['H1'], 'area': ['rural'], 'income_per_capita': ['900000']})\n"
        "import warnings\nwarnings.simplefilter('ignore')\n"
        "assert len(pr.classify(frame, as_of='2025-12-01')) == 1\n"
        "late = ['poverty_rules.engine.durable', 'poverty_rules.pipeline.dask', 'pyarrow.dataset', 'dask']\n"
        "print([m for m in late if m in sys.modules])\n"
        "h = pr.Household(household_id='H1', area='rural', income_per_capita=900000)\n"
        "pr.update_household(None, h, {'income_per_capita': 3000000}, as_of='2025-12-01')\n"
        "print([m for m in late if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=PACKAGE.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "['poverty_rules.engine.durable']"]


def test_the_architecture_lists_the_layers_in_the_order_imports_run() -> None:
    """docs/architecture.md's layer table is the order this module checks (``LAYERS``), row by row; it keeps the
    order of docs/design.md's sketch (``rules/ → engine/ → … → cli/``), and each layer the sketch does not list
    (``errors.py``, ``vocabulary/``, ``pipeline/`` …) is named where the page says why it departs from the sketch,
    as design.md asks ("where you depart from the sketch, say why in docs/architecture.md"): it did not say so."""
    docs = PACKAGE.parent / "docs"
    text = (docs / "architecture.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| (.+?) \|", text, re.M)
    documented = [{re.sub(r"/$|\.py$", "", n) for n in re.findall(r"`([^`]+)`", names)} for _, names in rows]
    assert documented == LAYERS
    design = (docs / "design.md").read_text(encoding="utf-8")
    sketch = re.search(r"(rules/ →.*?→ cli/)", design, re.S)
    assert sketch, "docs/design.md's layout sketch"
    order = [re.sub(r"\(.*?\)|/|\.py", "", step).strip() for step in sketch.group(1).split("→")]
    assert [_layer(name) for name in order] == sorted(_layer(name) for name in order), order
    departure = text.split("departs from docs/design.md's sketch", 1)
    assert len(departure) == 2, "docs/architecture.md says where it departs from docs/design.md's sketch"
    said = departure[1].split("\n\n", 1)[0]
    unlisted = [names for names in LAYERS if not names & set(order)]
    assert [names for names in unlisted if not any(f"`{n}" in said for n in names)] == []


def test_the_librarys_own_helpers_are_private() -> None:
    """docs/architecture.md: private helpers have a leading underscore. A module-level function of the library
    layer (api.py, models.py) that is neither a public name of the package (``poverty_rules.PUBLIC``) nor used by
    another module nor by a test is a helper of its module: ``models.known_indicator_ids`` read as part of the
    library (Tab-completion in a notebook offered it beside ``Household``) though only ``Household`` calls it."""
    import poverty_rules

    sources = {path: path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py")}
    tests = "\n".join(
        p.read_text(encoding="utf-8") for p in Path(__file__).parent.rglob("*.py") if p.name != "test_layers.py"
    )
    public = []
    for name in ("api.py", "models.py"):
        path = PACKAGE / name
        for node in ast.parse(sources[path]).body:
            if (
                isinstance(node, ast.FunctionDef)
                and not node.name.startswith("_")
                and node.name not in poverty_rules.PUBLIC
            ):
                word = re.compile(rf"\b{node.name}\b")
                if not any(word.search(text) for other, text in sources.items() if other != path) and not word.search(
                    tests
                ):
                    public.append(f"{name}: {node.name}")
    assert not public, public
