"""``--lang vi`` means every message in Vietnamese: the rulesets commands (#10 left-out).

Each command is run in both languages; the Vietnamese run must hold the Vietnamese words and none of
the English ones the English run prints.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from poverty_rules.cli import main


def _run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def _assert_in_lang(vi: Result, en: Result, vi_words: tuple[str, ...], en_words: tuple[str, ...]) -> None:
    """The vi run says ``vi_words`` and none of ``en_words``; the en run says ``en_words``."""
    assert vi.exit_code == en.exit_code, (vi.output, en.output)
    for word in vi_words:
        assert word in vi.output, (word, vi.output)
    for word in en_words:
        assert word in en.output, (word, en.output)
        assert word not in vi.output, (word, vi.output)
    assert "Traceback" not in vi.output + en.output


def test_rulesets_commands_in_both_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    local = (
        Path(__file__).resolve().parent.parent / "poverty_rules" / "rulesets" / "local" / "example-province-2026.yaml"
    )
    both = [_run("rulesets", "check", local, "--lang", lang) for lang in ("vi", "en")]
    _assert_in_lang(*both, ("hợp lệ", "chỉ số", "chuẩn địa phương trên"), ("ok (", "class rules", "local standard on"))
    both = [_run("rulesets", "show", "vn-1999", "--lang", lang) for lang in ("vi", "en")]
    _assert_in_lang(*both, ("không có bộ quy tắc mang mã này",), ("no ruleset with this id",))
    both = [_run("rulesets", "diff", "vn-2022-2026", "vn-2027-2030", "--lang", lang) for lang in ("vi", "en")]
    _assert_in_lang(*both, ("Tham số",), ("Parameters",))
