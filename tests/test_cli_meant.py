"""The command line's refusal of a wrong option or value names the one meant (session 22, U3): click named
every option spelt somewhat like it ('--as-of' or '--dask' for ``--asof``) and no value at all (``--lang vn``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from poverty_rules.cli import main

ROOT = Path(__file__).resolve().parent.parent
HOUSEHOLDS = ROOT / "fixtures" / "sample_commune.csv"


def _refusal(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 2, result.output
    return result.output.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("--as_of", "No such option '--as_of'. Did you mean '--as-of'?"),
        ("--asof", "No such option '--asof'. Did you mean '--as-of'?"),
        ("--AS-OF", "No such option '--AS-OF'. Did you mean '--as-of'?"),
        ("--as_of=2025-12-01", "No such option '--as_of'. Did you mean '--as-of'?"),
        ("-as-of", "No such option '-as-of'. Did you mean '--as-of'?"),
        ("--as-of2025-12-01", "No such option '--as-of2025-12-01'. Did you mean '--as-of'?"),
        ("--ouput", "No such option '--ouput'. Did you mean '--output'?"),
        ("--rulset", "No such option '--rulset'. Did you mean '--ruleset'?"),
        ("--quite", "No such option '--quite'. Did you mean '--quiet'?"),
    ],
)
def test_a_wrong_option_names_the_one_meant(typed: str, said: str) -> None:
    assert _refusal("classify", str(HOUSEHOLDS), typed, "2025-12-01") == f"Error: {said}"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        (["--lang=vn"], "vi"),
        (["--lang", "VN"], "vi"),
        (["--lang", "english"], "en"),
        (["--engine", "vectorised"], "vectorized"),
        (["--blank-flags", "not_deprived"], "not-deprived"),
    ],
)
def test_a_wrong_value_of_a_few_names_the_one_meant(typed: list[str], meant: str) -> None:
    result = CliRunner().invoke(main, ["classify", str(HOUSEHOLDS), *typed])
    assert result.exit_code == 2
    assert result.output.strip().endswith(f"Có phải ý bạn là '{meant}'?"), result.output


def test_a_value_like_none_of_them_names_none() -> None:
    line = _refusal("classify", str(HOUSEHOLDS), "--blank-flags", "no")
    assert "mean" not in line
    assert "'no' is not one of 'unknown', 'not-deprived'" in line


def test_the_groups_wrong_option_names_the_one_meant() -> None:
    assert _refusal("-version") == "Error: No such option '-version'. Did you mean '--version'?"


def _program(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run(
        [sys.executable, "-m", "poverty_rules", *args], capture_output=True, text=True, check=False, env=env
    )


def test_the_one_meant_is_said_in_vietnamese_by_default() -> None:
    """Vietnamese, the default, although click refuses the option before it reads any ``--lang``."""
    option = _program("classify", str(HOUSEHOLDS), "--asof", "2025-12-01")
    assert option.returncode == 2
    assert "Lỗi: Không có tùy chọn '--asof'. Có phải ý bạn là '--as-of'?" in option.stderr
    value = _program("--lang", "vn", "rulesets", "list")
    assert value.returncode == 2
    assert "'vn' không phải một trong 'vi', 'en'. Có phải ý bạn là 'vi'?" in value.stderr


@pytest.mark.parametrize(
    ("lang", "said"), [("vi", "hãy ghi -- trước nó: -- -007"), ("en", "write -- before it: -- -007")]
)
def test_a_household_code_beginning_with_a_dash_is_said_how_to_give(tmp_path: Path, lang: str, said: str) -> None:
    """``explain ho.csv -007``: click read the code as an option and said only that no option '-0' exists."""
    households = tmp_path / "ho.csv"
    households.write_text("household_id,area,income_per_capita\n-007,rural,1000000\n", encoding="utf-8")
    refused = CliRunner().invoke(main, ["explain", str(households), "-007", "--lang", lang])
    assert refused.exit_code == 2
    assert "'-007'" in refused.stderr and said in refused.stderr, refused.stderr
    assert "-- -" not in CliRunner().invoke(main, ["classify", str(households), "-5"]).stderr
    given = CliRunner().invoke(
        main, ["explain", str(households), "--lang", lang, "--as-of", "2025-12-01", "--", "-007"]
    )
    assert given.exit_code == 0, given.output


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["classify", str(HOUSEHOLDS), "--date", "2025-12-01"], "No such option '--date'. Did you mean '--as-of'?"),
        (["eligible", "--date", "2025-12-01"], "No such option '--date'. Did you mean '--as-of'?"),
        (["review", str(HOUSEHOLDS), "--as-of", "2025-12-01"], "No such option '--as-of'. Did you mean '--date'?"),
        (["report", str(HOUSEHOLDS), "-o", "r.xlsx", "--as-of", "2025-12-01"], "Did you mean '--date'?"),
        (["review", str(HOUSEHOLDS), "--asof", "2025-12-01"], "No such option '--asof'. Did you mean '--date'?"),
        (["classify", str(HOUSEHOLDS), "--asof", "2025-12-01"], "No such option '--asof'. Did you mean '--as-of'?"),
    ],
)
def test_the_other_commands_date_option_names_this_ones(args: list[str], said: str) -> None:
    """``classify``, ``explain`` and ``eligible`` take ``--as-of``; ``review``, ``report`` and ``history import``
    ``--date``. The one typed for the other was asked about an option only spelt like it: ``classify --date``
    "did you mean '--dask'?", ``eligible --date`` "'--db'?", ``report --as-of`` "'--dask'?"."""
    assert _refusal(*args).endswith(said)


@pytest.mark.parametrize(
    ("group", "own", "said"),
    [
        ("en", "vi", "Lỗi: Không có tùy chọn '--nope'."),
        ("vi", "en", "Error: No such option '--nope'."),
    ],
)
def test_clicks_refusal_is_in_the_commands_own_lang_over_the_groups(group: str, own: str, said: str) -> None:
    """``poverty-rules --lang en classify ho.csv --lang vi --nope`` said "Error: No such option '--nope'." in
    English, the group's language, while the command's own ``--lang vi`` (which its other messages follow, and
    click's "Thừa đối số" of an extra argument too) asked for Vietnamese: click refuses an unknown option before the
    command's eager ``--lang`` is read, and the language was read from the first ``--lang`` of the whole line. The
    command's own ``--lang`` now decides click's words, for a command and for a command of a group
    (``rulesets list``), also with a value click wants left out (``--engine``)."""
    for args in (
        ["--lang", group, "classify", str(HOUSEHOLDS), "--lang", own, "--nope"],
        ["--lang", group, "rulesets", "list", "--lang", own, "--nope"],
        ["--lang", group, "rulesets", "--lang", own, "list", "--nope"],
        [f"--lang={group}", "explain", str(HOUSEHOLDS), "H1", f"--lang={own}", "--nope"],
    ):
        done = _program(*args)
        assert done.returncode == 2 and said in done.stderr, (args, done.stderr)
    value = _program("--lang", group, "classify", str(HOUSEHOLDS), "--lang", own, "--engine")
    option = "Lỗi: Tùy chọn '--engine' cần một giá trị" if own == "vi" else "Error: Option '--engine' requires"
    assert value.returncode == 2 and option in value.stderr, value.stderr
