"""A file or folder the user may not read, given to any command (session 22, U3): click said "Không đọc được Path
'ho.csv'." — its English word for what it names, title-cased, and no word of why or what to do."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from poverty_rules.cli import main

ROOT = Path(__file__).resolve().parent.parent
HOUSEHOLDS = ROOT / "fixtures" / "sample_commune.csv"

_SAID = {
    "vi": "{file}: không có quyền đọc {what} này; hãy xin quyền đọc",
    "en": "{file}: no permission to read this {what}; get read access",
}
_WHAT = {"vi": {"file": "tệp", "folder": "thư mục"}, "en": {"file": "file", "folder": "folder"}}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    "args",
    [
        ("classify", "{file}", "-o", "{out}"),
        ("classify", "{households}", "--members", "{file}", "-o", "{out}"),
        ("review", "{file}", "--date", "2025-12-10", "--db", "{db}"),
        ("explain", "{file}", "HC-01-0001"),
        ("report", "{file}", "-o", "{out}.xlsx"),
        ("history", "import", "{file}", "--db", "{db}"),
        ("history", "list", "--db", "{file}"),
        ("rulesets", "check", "{file}"),
        ("test", "{file}"),
    ],
)
def test_a_file_the_user_may_not_read_is_said_so_in_the_runs_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], lang: str
) -> None:
    locked = tmp_path / "ho.csv"
    locked.write_bytes(HOUSEHOLDS.read_bytes())
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: Path(path).name != "ho.csv" and real_access(path, mode))
    names = {"file": locked, "out": tmp_path / "ket_qua.csv", "db": tmp_path / "xa.db", "households": HOUSEHOLDS}
    result = CliRunner().invoke(main, [a.format(**names) for a in args] + ["--lang", lang])
    assert result.exit_code == 2, result.output
    said = _SAID[lang].format(file=locked, what=_WHAT[lang]["file"])
    assert said in result.stderr, result.stderr
    assert "Path" not in result.stderr and "Traceback" not in result.stderr


def test_a_folder_the_user_may_not_read_is_said_to_be_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "bo_du_lieu"
    folder.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: Path(path) != folder and real_access(path, mode))
    result = CliRunner().invoke(main, ["report", str(folder), "-o", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 2
    assert _SAID["vi"].format(file=folder, what="thư mục") in result.stderr
