"""The package as a user gets it: a wheel built from the checkout, installed apart from it, classifies the sample.

The wheel is built offline from a copy of the checkout's project files (``pip wheel --no-deps
--no-build-isolation``; the dev extra brings a setuptools that builds wheels), so the checkout gets no
``build/`` folder. It is installed with ``pip install --target`` into a folder of its own, and run by a
fresh interpreter in isolated mode (``python -I``: no current folder, no ``PYTHONPATH``, no user site)
from an empty temporary folder, with that folder first on ``sys.path``. The interpreter's site-packages
still provide the dependencies (pandas, pyarrow, durable-rules…) and the checkout's editable install,
whose import hook comes after the path finder: the run proves that it did not shadow the wheel by
checking where every ``poverty_rules`` module and the rulesets it read were loaded from.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
SAMPLE = ROOT / "fixtures" / "sample_commune.csv"
PROJECT_FILES = ("pyproject.toml", "README.md")

# Runs the installed console script in this process, then reports where the package came from: from an
# exit handler, which runs however the program ends (cli/_base.py end_program runs them, then ends at once).
_RUNNER = r"""
import atexit, json, runpy, sys
from importlib import resources
site, script, report = sys.argv[1:4]
sys.path.insert(0, site)
sys.argv = [script, *sys.argv[4:]]


def _report():
    import poverty_rules
    modules = {n: getattr(m, "__file__", None) for n, m in sys.modules.items() if n.split(".")[0] == "poverty_rules"}
    rulesets = str(resources.files("poverty_rules").joinpath("rulesets"))
    with open(report, "w", encoding="utf-8") as f:
        json.dump({"package": poverty_rules.__file__, "modules": modules, "rulesets": rulesets}, f)


atexit.register(_report)
runpy.run_path(script, run_name="__main__")
"""


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "poverty_rules", src / "poverty_rules", ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp / "dist"
    args = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(dist)]
    built = _run([*args, str(src)], cwd=tmp)
    assert built.returncode == 0, built.stdout + built.stderr
    (path,) = dist.glob("poverty_rules-*.whl")
    return path


def test_the_wheel_carries_the_rulesets_and_py_typed(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    rulesets = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "poverty_rules" / "rulesets").rglob("*.yaml"))
    assert rulesets, "no rulesets in the checkout"
    missing = [name for name in [*rulesets, "poverty_rules/py.typed"] if name not in names]
    assert not missing, f"not in the wheel: {missing}"
    packages = {p.relative_to(ROOT).as_posix() for p in (ROOT / "poverty_rules").rglob("*.py")}
    assert not packages - names, f"modules not in the wheel: {sorted(packages - names)}"
    assert not [n for n in names if n.startswith(("tests/", "fixtures/", "benchmarks/"))]
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "poverty-rules = poverty_rules.__main__:main" in text
    assert "classify = poverty_rules.__main__:classify_main" in text


def test_the_installed_wheel_classifies_the_sample(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    installed = _run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", str(site), str(wheel)],
        cwd=tmp_path,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    script = site / "bin" / "classify"
    assert script.exists(), "pip installed no console script"
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(SAMPLE, work / SAMPLE.name)
    report = tmp_path / "report.json"
    args = [SAMPLE.name, "-o", "out.csv", "--as-of", "2025-12-01", "-q"]
    run = _run([sys.executable, "-I", "-c", _RUNNER, str(site), str(script), str(report), *args], cwd=work)
    # the sample holds 7 deliberately bad rows: classified, with rejects, exit 1
    assert run.returncode == 1, run.stdout + run.stderr
    where = json.loads(report.read_text(encoding="utf-8"))
    assert Path(where["package"]).is_relative_to(site), where["package"]
    assert Path(where["rulesets"]).is_relative_to(site), where["rulesets"]
    outside = {n: f for n, f in where["modules"].items() if f is not None and not Path(f).is_relative_to(site)}
    assert not outside, f"modules loaded from outside the installed wheel: {outside}"
    assert "poverty_rules.rules.loader" in where["modules"], "the rulesets were not loaded"
    for written, golden in (("out.csv", "output"), ("out.rejects.csv", "rejects")):
        assert (work / written).read_bytes() == (GOLDEN / f"sample_commune.golden-{golden}.csv").read_bytes(), written
