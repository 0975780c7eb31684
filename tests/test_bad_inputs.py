"""The bad-input corpus (issue #10 item 6, tests/bad_inputs/generate.py): every broken or hostile file
ends with an exit code of the contract and no traceback; rows in = rows classified + rows rejected;
inputs untouched; on exit 2 nothing is written."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from poverty_rules.cli import main

HERE = Path(__file__).parent / "bad_inputs"
_spec = importlib.util.spec_from_file_location("bad_inputs_generate", HERE / "generate.py")
assert _spec is not None and _spec.loader is not None
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)
CASES = generate.main(Path(__import__("tempfile").mkdtemp(prefix="bad_inputs_")))
FILES = generate.OUT


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def test_the_corpus_has_at_least_60_cases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    src = tmp_path / name
    src.write_bytes((FILES / name).read_bytes())
    if name.startswith("for_extends_self"):
        (FILES / "extends_self.yaml").write_text(
            f"id: loop\nextends: {FILES / 'extends_self.yaml'}\n", encoding="utf-8"
        )
    args = [a.format(input=src, tmp=tmp_path, files=FILES) for a in case["args"]]
    out = tmp_path / "out.csv"
    rejects = tmp_path / "rej.csv"
    if "-o" not in args:
        args += ["-o", str(out)]
    if "--rejects" not in args:
        args += ["--rejects", str(rejects)]
    before_files = _digest(FILES)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    listing = sorted(p.name for p in tmp_path.iterdir())
    result = CliRunner().invoke(main, ["classify", str(src), "--as-of", "2025-12-01", "-q", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    assert result.exit_code in case["exit"], result.output
    for words in case.get("says", []):  # what the officer is told (Vietnamese, the default language)
        assert words in " ".join(result.output.split()), (words, result.output)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before, "the input was changed"
    assert _digest(FILES) == before_files
    if result.exit_code == 2:
        assert sorted(p.name for p in tmp_path.iterdir()) == listing, "nothing is written on exit 2"
        assert result.output.strip(), "an exit 2 says why"
        return
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    target = Path(args[args.index("-o") + 1])
    classified = (
        len(pd.read_csv(target, dtype=str, keep_default_na=False, encoding="utf-8-sig")) if target.exists() else 0
    )
    rejected = (
        len(pd.read_csv(rejects, dtype=str, keep_default_na=False, encoding="utf-8-sig")) if rejects.exists() else 0
    )
    if case["rows"] is not None:
        assert classified + rejected == case["rows"], result.output
