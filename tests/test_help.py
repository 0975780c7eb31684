"""Every command's --help is in Vietnamese and English, with worked examples an officer can copy.

The commands are found by walking the click group (its lazy commands too), so a new command without
help in both languages fails here; the count is checked so the walk itself cannot pass empty.
"""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import cast

import click
import pytest
from click.testing import CliRunner

import poverty_rules
from poverty_rules.cli import LAZY, main
from poverty_rules.cli._base import LazyGroup
from poverty_rules.vocabulary.words import HELP

#: Letters only Vietnamese writes (tone marks, đ): a help text with none of them is not Vietnamese.
VIETNAMESE = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.I)
#: English words every English help text uses somewhere.
ENGLISH = re.compile(r"\b(the|and|of|with|or)\b")


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path under ``group`` (groups themselves included), lazy commands loaded."""
    ctx = click.Context(group)
    found = [path]
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            found += _commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


def _each_command() -> list[tuple[tuple[str, ...], click.Command]]:
    """Every command path under ``main`` with its command (the group itself for the empty path)."""
    out = []
    for path in _commands(main):
        command: click.Command = main
        for name in path:
            found = cast(click.Group, command).get_command(click.Context(command), name)
            assert found is not None
            command = found
        out.append((path, command))
    return out


def test_every_command_has_help_in_both_languages_with_examples() -> None:
    commands = _commands(main)
    assert len(commands) >= 17, commands  # main, 7 commands, history (4) and rulesets (4) subcommands
    assert {" ".join(p) or "main" for p in commands} == set(HELP), "a help text for each command, no more"
    for path in commands:
        result = CliRunner().invoke(main, [*path, "--help"], terminal_width=100)
        assert result.exit_code == 0, (path, result.output)
        text = result.output
        assert VIETNAMESE.search(text) and ENGLISH.search(text), (path, text)
        assert "Ví dụ / Examples:" in text, (path, text)
        examples = text.split("Ví dụ / Examples:", 1)[1]
        assert f"poverty-rules {' '.join(path)}".rstrip() in examples, (path, "an example of this very command")
        assert CliRunner().invoke(main, [*path, "-h"]).output == CliRunner().invoke(main, [*path, "--help"]).output


def test_every_option_says_what_it_does_in_vietnamese_then_english() -> None:
    """Each option's help is "Vietnamese / English" (29 options' help was English only: --output,
    --rejects, --bom, --quiet, --dask, report's and review's options …)."""
    checked = 0
    for path, command in _each_command():
        for param in command.params:
            if not isinstance(param, click.Option) or param.hidden or param.name == "help":
                continue
            vi, sep, en = (param.help or "").rpartition(" / ")
            assert sep and VIETNAMESE.search(vi), (path, param.opts, "Vietnamese first", param.help)
            assert not VIETNAMESE.search(en.replace("Phân loại = Hộ nghèo", "")), (path, param.opts, en)
            assert len(re.findall(r"[A-Za-z]{2,}", en)) >= 3, (path, param.opts, "then English", en)
            checked += 1
    assert checked >= 80, checked


# --------------------------------------------------------------------------- click's own words


LOCALE_DIR = Path(__file__).resolve().parent.parent / "poverty_rules" / "locale" / "vi" / "LC_MESSAGES"


def _program(*args: str) -> subprocess.CompletedProcess[str]:
    """The program run as officers run it (its own process: start_program binds click's words)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run(
        [sys.executable, "-m", "poverty_rules", *args], capture_output=True, text=True, check=False, env=env
    )


def test_clicks_own_errors_follow_lang() -> None:
    """A wrong option, a bad date, an unknown choice: click's words in Vietnamese by default (they were
    English whatever --lang said), in English with --lang en even when the error comes before it."""
    bogus = _program("classify", "ho.csv", "--bogus")
    assert bogus.returncode == 2
    assert "Lỗi: Không có tùy chọn '--bogus'. Có phải ý bạn là '--bom'?" in bogus.stderr
    assert "Xem hướng dẫn: 'python -m poverty_rules classify --help'." in bogus.stderr
    english = _program("classify", "ho.csv", "--bogus", "--lang", "en")
    assert "Error: No such option '--bogus'. Did you mean '--bom'?" in english.stderr
    date = _program("classify", "--as-of", "1/12", "ho.csv")  # no year (2025/12/01 is read since session 22)
    assert "Lỗi: Giá trị không hợp lệ cho '--as-of': cần một ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY" in date.stderr
    for day, read in (("2025-13-01", "ngày 1, tháng 13, năm 2025"), ("31/02/2026", "ngày 31, tháng 2, năm 2026")):
        # written as a date the calendar lacks: it said "cần một ngày dạng … DD/MM/YYYY" of 31/02/2026
        date = _program("review", "ho.csv", "--date", day)
        said = f"Lỗi: Giá trị không hợp lệ cho '--date': '{day}' không phải một ngày có trong lịch (đọc là {read})"
        assert said in date.stderr and "cần một ngày dạng" not in date.stderr, date.stderr
    engine = _program("classify", "ho.csv", "--engine", "fast", "--lang=en")
    assert "Error: Invalid value for '--engine': 'fast' is not one of 'vectorized', 'durable'." in engine.stderr
    helped = _program("classify", "--help")
    assert helped.returncode == 0 and helped.stdout.startswith("Cách dùng:") and "Tùy chọn:" in helped.stdout
    number = _program("history", "show", "abc", "--db", "x.db")  # said "không phải integer hợp lệ"
    assert "'abc' không phải một số nguyên hợp lệ." in number.stderr and "integer" not in number.stderr
    half = _program("report", "r.csv", "-o", "r.xlsx", "--k", "2.5")  # said "'2.5' is not a valid number"
    assert "'2.5' không phải một số nguyên hợp lệ." in half.stderr, half.stderr


def test_every_number_a_command_takes_is_whole() -> None:
    """click's "not a valid {number_type}" is said "không phải một số nguyên hợp lệ" (messages.po): true
    only while every number option and argument is an integer."""
    checked = 0
    for path, command in _each_command():
        for param in command.params:
            assert not isinstance(param.type, click.types.FloatParamType), (path, param.name, param.type)
            checked += isinstance(param.type, click.types.IntParamType)
    assert checked >= 3, checked


@pytest.mark.parametrize("command", [("classify",), ("report",), ("review",), ("history", "import"), ()])
def test_help_placeholders_and_version_follow_lang(command: tuple[str, ...]) -> None:
    """The usage line's and the options' placeholders in the run's language: ``classify --help`` said
    [OPTIONS], PATH, FILE, DATE in Vietnamese (click words a type when the option is made, before the
    language is known), while ``report --help`` said ĐƯỜNG DẪN."""
    vi = _program(*command, "--help").stdout
    english_words = re.compile(r"\[OPTIONS\]|COMMAND \[ARGS\]|\b(PATH|FILE|DIRECTORY|DATE|TEXT|INTEGER)\b")
    assert vi.startswith("Cách dùng:") and "[TÙY_CHỌN]" in vi and not english_words.search(vi), vi
    if command:
        en = _program(*command, "--help", "--lang", "en").stdout
        assert en.startswith("Usage:") and "[OPTIONS]" in en and "TÙY_CHỌN" not in en and "ĐƯỜNG" not in en, en
        assert re.search(r"\b(PATH|FILE|DATE)\b", en), en
    else:
        assert "LỆNH [THAM_SỐ]..." in vi and "Hiện phiên bản rồi thoát" in vi
        version = _program("--version")
        assert version.returncode == 0 and version.stdout.strip().endswith(f"phiên bản {poverty_rules.__version__}")


def _po_entries(text: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    """(msgid[, msgid_plural]) -> msgstr(s) of a .po file whose strings are each on one line."""
    unescape = {"\\n": "\n", "\\t": "\t", '\\"': '"'}  # the only escapes these files use
    entries: dict[tuple[str, ...], tuple[str, ...]] = {}
    for block in text.split("\n\n"):
        fields = [re.match(r'(msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line) for line in block.splitlines()]
        pairs = [(m.group(1), re.sub(r'\\[nt"]', lambda e: unescape[e.group(0)], m.group(2))) for m in fields if m]
        ids = tuple(v for k, v in pairs if k.startswith("msgid"))
        if ids and ids != ("",):
            entries[ids] = tuple(v for k, v in pairs if k.startswith("msgstr"))
    return entries


def test_clicks_vietnamese_catalog_is_its_source_compiled_with_every_placeholder_kept() -> None:
    """messages.mo says what messages.po says (``msgfmt -o messages.mo messages.po``), and every
    translation keeps its English message's {placeholders} (an unknown one would fail at the error), but
    for {number_type}, click's English name of a type ("integer"), which the Vietnamese leaves out."""
    source = _po_entries((LOCALE_DIR / "messages.po").read_text(encoding="utf-8"))
    with (LOCALE_DIR / "messages.mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    assert len(source) > 30
    for ids, texts in source.items():
        if len(ids) == 1:
            assert compiled.gettext(ids[0]) == texts[0], ids
        else:
            assert (compiled.ngettext(ids[0], ids[1], 1), compiled.ngettext(ids[0], ids[1], 2)) == texts, ids
        for msgid, text in zip(ids if len(ids) == len(texts) else ids * len(texts), texts, strict=False):
            kept, given = set(re.findall(r"\{[^}]*\}", text)), set(re.findall(r"\{[^}]*\}", msgid))
            assert kept <= given and given - kept <= {"{number_type}"}, (msgid, text)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_argument_the_help_explains_is_named_as_the_usage_line_names_it(lang: str) -> None:
    """``rulesets show --help`` explained "ID|PATH: mã …" under a usage line that says MÃ|TỆP in
    Vietnamese: each "ARGUMENT:" a help text opens a paragraph with is on its usage line."""
    checked = 0
    for path in _commands(main):
        text = CliRunner().invoke(main, [*path, "--help", "--lang", lang] if path else ["--help"]).output
        usage = text.splitlines()[0]
        body = text.split("Ví dụ / Examples:", 1)[0]
        for paragraph in body.split("\n\n")[1:]:
            words = paragraph.split()
            named = re.match(r"([^\s:]+):", paragraph.strip())
            if not named or named.group(1) != named.group(1).upper() or not words:
                continue
            mentioned = [w.rstrip(":") for w in words if w.endswith(":") and w.rstrip(":").isupper()]
            assert any(name in usage.split() for name in mentioned), (path, mentioned, usage)
            checked += 1
    assert checked >= 4, checked  # classify, explain, history show, rulesets show


def test_a_folder_given_for_a_file_is_refused_in_the_runs_language(tmp_path: Path) -> None:
    """``classify ho.csv --members FOLDER`` said "Giá trị không hợp lệ cho '--members': File '…' là một thư
    mục": click named the file in English, worded when classify's options are made (before the language is
    known). Every command's file options say "Tệp"; and now as classify says a folder given for its file (session
    23: "đây là thư mục, không phải tệp")."""
    for command in (["classify", "ho.csv"], ["review", "ho.csv", "--date", "10/12/2026"], ["explain", "ho.csv", "H"]):
        vi = _program(*command, "--members", str(tmp_path))
        assert f"'--members': {tmp_path}: đây là thư mục, không phải tệp" in vi.stderr, (command, vi.stderr)
        en = _program(*command, "--members", str(tmp_path), "--lang", "en")
        assert f"'--members': {tmp_path}: is a folder, not a file" in en.stderr, (command, en.stderr)


def test_an_example_that_works_on_a_history_names_the_history_of_the_first(tmp_path: Path) -> None:
    """``review --help``'s "rà soát lại" example (run again, ``--replace``) left out ``--db``: copied after the
    first example (``--db hung_chinh.db``), it recorded a first review in a new history.db and replaced
    nothing. Every example of a command that reads or writes a history names the same history file."""
    text = CliRunner().invoke(main, ["review", "--help"], terminal_width=200).output
    examples = [line.strip() for line in text.split("Ví dụ / Examples:", 1)[1].splitlines()]
    runs = [line for line in examples if line.startswith("poverty-rules review ")]
    assert len(runs) >= 3, runs
    replace = [line for line in runs if "--replace" in line]
    assert replace and all("--db hung_chinh.db" in line for line in replace), replace


def test_classify_dask_help_names_the_rejects_as_the_run_does() -> None:
    """classify --help said --dask writes '<input>.rejects.parquet beside it', while since the rejects follow
    -o (5f9ff7d) `--dask local -o out/thon1.parquet` writes out/thon1.rejects.parquet; the help now says the
    rejects are named after -o, else after the input, in both languages."""
    shown = " ".join(CliRunner().invoke(main, ["classify", "--help"]).output.split())
    assert "-o out/thon1.parquet → out/thon1.rejects.parquet" in shown
    assert "<input>.rejects.parquet beside it" not in shown
    assert "<input>.classified.parquet" in shown and "<tệp vào>.classified.parquet" in shown


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_review_output_help_names_every_format_it_writes(lang: str) -> None:
    """review --help called -o 'Classified CSV' and --movements 'Movements summary CSV', while review -o
    ket_qua.xlsx (or .parquet) and --movements bien_dong.xlsx write a workbook (docs/review.md) and a .txt is
    refused naming .csv, .xlsx, .parquet; the help now names the three formats for both options."""
    shown = " ".join(CliRunner().invoke(main, ["review", "--help", "--lang", lang]).output.split())
    output = shown[shown.index("-o, --output") : shown.index("--movements")]
    movements = shown[shown.index("--movements") : shown.index("--ruleset")]
    for text in (output, movements):
        assert ".csv, .xlsx" in text and ".parquet" in text, text
    assert "Classified CSV." not in shown and "Movements summary CSV." not in shown


def test_history_import_help_says_a_year_or_date_is_needed(tmp_path: Path) -> None:
    """history import --help said a lists file has Mã hộ and Tình trạng and *optionally* Năm or review_date,
    but a file with neither (and no --date) is refused ('no review_date or year (Năm); or use --date');
    the help now says one of them, or --date, is needed."""
    lists = tmp_path / "ds_2023.csv"
    lists.write_text("Mã hộ,Tình trạng,Thôn\nH1,nghèo,Xóm Chợ\n", encoding="utf-8")
    refused = CliRunner().invoke(main, ["history", "import", str(lists), "--db", str(tmp_path / "h.db")])
    assert refused.exit_code == 2
    for lang, needed in (
        ("vi", "Năm hoặc Ngày rà soát (hoặc --date"),
        ("en", "year (Năm) or review_date (Ngày rà soát; or --date"),
    ):
        shown = " ".join(CliRunner().invoke(main, ["history", "import", "--help", "--lang", lang]).output.split())
        assert needed in shown, shown


def test_lang_before_the_command_is_the_commands_language(tmp_path: Path) -> None:
    """``poverty-rules --lang en …``: the group refused it ("Không có tùy chọn '--lang'") although it is
    where an officer puts a setting for the whole run; now it words the group's help and is the
    command's language unless the command names its own."""
    helped = _program("--lang", "en", "--help")
    assert helped.returncode == 0 and helped.stdout.startswith("Usage:") and "--lang" in helped.stdout, helped.stderr
    missing = str(tmp_path / "nowhere.csv")
    english = _program("--lang", "en", "classify", missing)
    assert english.returncode == 2 and "file not found" in english.stderr, english.stderr
    own = _program("--lang", "en", "classify", missing, "--lang", "vi")  # the command's own wins
    assert "không tìm thấy tệp" in own.stderr, own.stderr
    nested = _program("--lang", "en", "history", "show", "1", "--db", str(tmp_path / "none.db"))
    assert "no history file" in nested.stderr, nested.stderr
    plain = _program("classify", missing)
    assert "không tìm thấy tệp" in plain.stderr, plain.stderr
    shown = _program("--lang", "en", "classify", "--help").stdout
    assert re.search(r"--lang \[vi\|en\].*?\[default: en\]", shown, re.S), shown


def test_the_language_before_the_command_is_helped_from_the_vocabulary() -> None:
    """The help of ``--lang`` before the command (3b1679b) was written in cli/_base.py, where no translator
    looks: every option's help lives in vocabulary/words.py (OPTION_HELP), Vietnamese then English."""
    from poverty_rules.cli import main
    from poverty_rules.vocabulary import words as L

    option = next(p for p in main.params if p.name == "lang")
    assert isinstance(option, click.Option) and option.help == L.OPTION_HELP["group_lang"]
    assert " / " in option.help and option.help.startswith("Ngôn ngữ")


def test_explain_local_help_says_what_explain_does_with_it() -> None:
    """explain --help said of --local what classify does ('các cột local_status, local_deprived, … bên cạnh cột
    quốc gia' / 'local_* columns beside the national ones'): explain writes no columns, it explains the
    household by the local standard after the national one. Its help now says so; classify's is unchanged."""
    shown = " ".join(CliRunner().invoke(main, ["explain", "--help"]).output.split())
    local = shown[shown.index("--local") : shown.index("--lang")]
    assert "local_status" not in local and "local_*" not in local, local
    assert "Giải thích thêm theo chuẩn địa phương này" in local and "Also explain the household" in local
    classify = " ".join(CliRunner().invoke(main, ["classify", "--help"]).output.split())
    assert "local_status, local_deprived" in classify


def test_lang_before_a_subcommand_of_history_and_rulesets(tmp_path: Path) -> None:
    """``poverty-rules history --lang en list`` was refused ("No such option '--lang'") where ``poverty-rules
    --lang en history list`` worked: a group of commands takes the language for the commands under it too."""
    nowhere = str(tmp_path / "none.db")
    history = _program("history", "--lang", "en", "list", "--db", nowhere)
    assert history.returncode == 2 and "no history file" in history.stderr, history.stderr
    rulesets = _program("rulesets", "--lang", "en", "list")
    assert rulesets.returncode == 0 and "National standards" in rulesets.stdout, rulesets.stderr


def test_rulesets_validate_names_the_check_command() -> None:
    """``poverty-rules rulesets validate my.yaml`` (what other tools call the check) said only "No such command
    'validate'." (click names a command only when it is spelt nearly alike), leaving the officer to guess
    'check'. A word for a command now names it, in --lang; an unknown word still says nothing more."""
    vi = _program("rulesets", "validate", "my.yaml")
    assert vi.returncode == 2
    assert "Lỗi: Không có lệnh 'validate'. Có phải ý bạn là 'check'?" in vi.stderr
    en = _program("--lang", "en", "rulesets", "verify", "my.yaml")
    assert "Error: No such command 'verify'. Did you mean 'check'?" in en.stderr
    assert "Did you mean" not in _program("--lang", "en", "rulesets", "frobnicate").stderr


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_recode_code_options_say_they_are_the_codes_given_to_the_commune(lang: str) -> None:
    """history recode --help said of --province-code 'Province code of a file without code columns: one
    commune' and of --commune-code 'Commune code of a file without code columns: its history is kept under
    the code', review's words: recode reads no file, it gives the commune recorded by name these codes."""
    shown = " ".join(CliRunner().invoke(main, ["history", "recode", "--help", "--lang", lang]).output.split())
    codes = shown[shown.index("--province-code") : shown.index("--province TEXT" if lang == "en" else "--province CHỮ")]
    assert "file without code columns" not in codes and "tệp không có cột mã" not in codes, codes
    assert "The province code to give the commune" in codes and "The commune code to give the commune" in codes
    assert "Mã tỉnh gắn cho xã" in codes and "Mã xã gắn cho xã" in codes


@pytest.mark.parametrize("group", [(), ("history",), ("rulesets",)])
def test_the_commands_a_group_lists_are_said_in_the_runs_language(group: tuple[str, ...]) -> None:
    """``poverty-rules --lang en --help`` listed its commands with the first words of their Vietnamese help
    ('classify  Phân loại từng hộ: nghèo, cận nghèo, …'), as did ``history --help --lang en``: each help is
    Vietnamese, then English, and click shows its first sentence. Under --lang en each command is said in
    English; in Vietnamese by default."""
    for lang in ("en", "vi"):
        args = ["--lang", lang, *group, "--help"] if not group else [*group, "--help", "--lang", lang]
        text = CliRunner().invoke(main, args, terminal_width=100).output
        listed = re.split(r"^(?:Commands|Lệnh):$", text, maxsplit=1, flags=re.M)[1].split("Ví dụ / Examples:")[0]
        lines = [line for line in listed.splitlines() if line.strip()]
        assert len(lines) >= 4, text
        for line in lines:  # eligible's English names the programme's term in Vietnamese too
            vietnamese = VIETNAMESE.search(line.replace("(hộ mới thoát nghèo)", ""))
            assert bool(vietnamese) == (lang == "vi"), (lang, line)


def test_the_list_of_commands_imports_none_of_them_and_says_what_each_says_of_itself() -> None:
    """``poverty-rules --help`` imported every command's module to list them (the report's Dask path,
    pyarrow.dataset, pandas: 1.0-1.3 s of CPU where ``classify --help`` takes 0.3 s). The list now shows each
    lazy command's help from vocabulary/words.py without importing it: no command module and no pandas are
    loaded, and each listed help is, in both languages, the help the command itself has once imported."""
    lazy = [target.split(":")[0] for target in LAZY.values()]
    code = (
        "import sys; from click.testing import CliRunner; from poverty_rules.cli import main; "
        "assert CliRunner().invoke(main, ['--help']).exit_code == 0; "
        f"print([m for m in {[*lazy, 'pandas']!r} if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", f"imported to list the commands: {done.stdout}"
    ctx = click.Context(main)
    for name in LAZY:
        command = main.get_command(ctx, name)
        assert command is not None and cast(LazyGroup, main).lazy_help[name] == command.help, name


def test_the_help_examples_run_outside_a_source_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``rulesets check --help`` gave ``poverty-rules rulesets check poverty_rules/rulesets/local/example-bac-ninh-
    2025.yaml``, a path that is there only in a source checkout (an officer who installed the package got
    "cannot read the file"), and ``test --help`` ``tests/scenarios/…``, a folder the package does not ship. A
    bundled standard is named by its id; an example naming the checkout's tests says it is for a checkout."""
    for name, texts in HELP.items():
        for line in texts["epilog"].splitlines():
            if "poverty-rules " in line:
                assert "poverty_rules/" not in line, (name, line)
                assert "tests/" not in line or "source checkout" in line, (name, line)
    monkeypatch.chdir(tmp_path)  # not the checkout
    checked = CliRunner().invoke(main, ["rulesets", "check", "example-bac-ninh-2025", "--lang", "en"])
    assert checked.exit_code == 0 and "example-bac-ninh-2025.yaml: ok" in checked.output, checked.output
    assert "example-bac-ninh-2025 --lang en" in HELP["rulesets check"]["epilog"]


def test_the_history_group_says_every_command_it_has() -> None:
    """``history --help`` said "import earlier lists, list, show, undo" / "nhập …, xem, xóa": ``recode`` (give a
    commune recorded by name its codes) was listed below but never said; the group's words name it too."""
    english = HELP["history"]["text"].split("\n\n")[1]
    vietnamese = HELP["history"]["text"].split("\n\n")[0]
    for name in ("import", "list", "show", "undo", "recode"):
        assert name in english, name
    assert "gắn mã" in vietnamese


def test_every_usage_line_names_its_arguments_in_the_runs_language() -> None:
    """Under --lang vi the usage line said 'Cách dùng: … classify [TÙY_CHỌN] HOUSEHOLDS' (and history show
    REVIEW_ID, report [REVIEWED], test FILES…), as did click's errors ('Thiếu đối số 'HOUSEHOLDS''): the
    arguments kept their English names. Each is now named in Vietnamese under vi, in the usage line, the help
    text that explains it and the errors, and as before under en; no usage line under vi has a placeholder in
    English capitals."""
    english = re.compile(r"\b(?:[A-Z][A-Z_]{2,}|OPTIONS|FILES|PATH|ID)\b")
    lines = {}
    for path in _commands(main):
        for lang in ("vi", "en"):
            text = CliRunner().invoke(main, [*path, "--help", "--lang", lang]).output
            lines[path, lang] = text.splitlines()[0]
        vi_usage = lines[path, "vi"].split(" ", 3)[-1]
        assert not english.findall(vi_usage.replace("poverty_rules", "")), lines[path, "vi"]
    assert lines[("classify",), "vi"].endswith("classify [TÙY_CHỌN] TỆP_HỘ")
    assert lines[("classify",), "en"].endswith("classify [OPTIONS] HOUSEHOLDS")
    assert lines[("explain",), "vi"].endswith("[TÙY_CHỌN] TỆP_HỘ MÃ_HỘ")
    assert lines[("report",), "vi"].endswith("[TÙY_CHỌN] [TỆP_ĐÃ_RÀ_SOÁT]")
    assert lines[("history", "show"), "en"].endswith("[OPTIONS] REVIEW_ID")
    missing = _program("classify")  # click's own words in the program's process
    assert "Lỗi: Thiếu tệp hộ cần phân loại (TỆP_HỘ)" in missing.stderr, missing.stderr
    missing = _program("classify", "--lang", "en")
    assert "Error: The households file to classify is missing (HOUSEHOLDS)" in missing.stderr, missing.stderr


def test_every_example_is_a_whole_command_an_officer_can_copy() -> None:
    """``classify --help`` opened its examples with ``classify ho_2025.xlsx`` (the program's name left out): copied
    into a terminal it ran no program ("classify: command not found"), where every other example says
    ``poverty-rules classify …``. Every example line (two spaces in, under "Ví dụ / Examples:") is a whole
    command; the lines explaining one are further in."""
    checked = 0
    for name, texts in HELP.items():
        examples = texts["epilog"].split("Ví dụ / Examples:", 1)[1].split("\b", 1)[0]
        for line in examples.splitlines():
            if line.startswith("  ") and not line.startswith("   "):
                assert line.strip().startswith("poverty-rules "), (name, line)
                checked += 1
    assert checked >= 40, checked


def test_a_households_movement_is_diễn_biến_in_the_help_and_the_refusals() -> None:
    """history show --help said its households have 'phân loại, biến động, hạn hưởng chính sách' under a screen
    headed 'Diễn biến', review --help that each household gets 'biến động so với lần rà soát trước', and a labelled
    workbook's or a case file's unknown movement was 'không phải một biến động': 'Biến động' is a household file's
    change column (chuyển đến, chết …) and the movements summary, the household's movement is 'Diễn biến' in
    every workbook, screen and docs/review.md. The help and refusals now say 'diễn biến' of a household's."""
    from poverty_rules.vocabulary import words as W

    assert "phân loại, diễn biến, hạn hưởng chính sách" in HELP["history show"]["text"]
    assert "Mỗi hộ được thêm diễn biến so với lần rà soát trước" in HELP["review"]["text"]
    for key in ("rep_unknown_transition", "case_unknown_transition"):
        assert "không phải một diễn biến" in W.MESSAGES[key]["vi"] and "biến động" not in W.MESSAGES[key]["vi"], key


def test_the_help_never_breaks_a_word_at_its_hyphen() -> None:
    """eligible --help wrapped its date format as 'DD/MM/YYYY hoặc YYYY-' / 'MM-DD' and classify --help the package
    as 'poverty-' / 'rules[dask]' (click's wrapper breaks a line after a hyphen between letters, where the width
    happens to fall): read as two words, and 'pip install poverty-' copied from it installs nothing. A word with
    hyphens (YYYY-MM-DD, poverty-rules, not-deprived) now stays on one line at every width."""
    broken = re.compile(r"[^\W\d_]-\n *[^\W\d_]")
    checked = 0
    for path in _commands(main):
        for width in range(60, 101, 4):
            for lang in ("vi", "en"):
                text = CliRunner().invoke(main, [*path, "--help", "--lang", lang], terminal_width=width).output
                assert not broken.search(text) and "\u2011" not in text, (path, width, lang, broken.search(text))
                checked += 1
    assert checked >= 300, checked


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_rulesets_diff_help_explains_every_mark_the_diff_prints(lang: str) -> None:
    """rulesets diff --help explained ↑ and ↓ in Vietnamese only, and ↕ (stricter in one area or way, looser in
    the other) in neither language, though the diff prints all three (vn-2022-2026 against
    example-hcmc-style-2022-2025: ↑ for its income line, ↓ for the indicators it drops, ↕ for its floor areas).
    Both languages' help now explain each mark the diff prints."""
    args = ["rulesets", "diff", "vn-2022-2026", "example-hcmc-style-2022-2025", "--lang", lang]
    diff = CliRunner().invoke(main, args)
    assert diff.exit_code == 0, diff.output
    marks = [mark for mark in "+-~↑↓↕" if re.search(rf"(^|\s){re.escape(mark)}\s", diff.output, re.M)]
    assert set(marks) == set("+-~↑↓↕"), marks
    half = HELP["rulesets diff"]["text"].split("\n\n")[0 if lang == "vi" else 1]
    assert all(re.search(rf"{re.escape(mark)} \w", half) for mark in marks), half


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_ruleset_option_says_it_takes_an_id_or_a_path(lang: str) -> None:
    """report --help showed its --ruleset as taking a bare word ('--ruleset CHỮ' / '--ruleset TEXT', 'Ruleset for
    the indicator columns'), where every other command's says 'MÃ|TỆP' / 'ID|PATH': report takes a province's
    .yaml file as they do (report reviewed.csv --ruleset chuan_tinh_2026.yaml). Every --ruleset now says so."""
    placeholder = {"vi": "--ruleset MÃ|TỆP", "en": "--ruleset ID|PATH"}[lang]
    checked = []
    for path, command in _each_command():
        if any("--ruleset" in param.opts for param in command.params):
            text = CliRunner().invoke(main, [*path, "--help", "--lang", lang]).output
            assert placeholder in text and ".yaml" in text.split("--ruleset", 1)[1].split("\n  -", 1)[0], (path, text)
            checked.append(path)
    assert ("report",) in checked and len(checked) >= 4, checked


def test_a_number_out_of_its_range_is_said_in_words_in_vietnamese() -> None:
    """``report --k 0`` said "0 nằm ngoài khoảng x>=1" and ``report --help`` showed "[1900<=x<=2999]" beside
    --year: a formula, not words, to a commune officer. The range is now said in Vietnamese words, in the refusal
    and in the help ("phải là số từ 1 trở lên, không phải 0", "[từ 1900 đến 2999]"); English keeps click's."""
    k = _program("report", "r.csv", "-o", "r.xlsx", "--k", "0")
    assert k.returncode == 2 and "'--k': phải là số từ 1 trở lên, không phải 0." in k.stderr, k.stderr
    year = _program("report", "--db", "x.db", "-o", "r.xlsx", "--year", "1800")
    assert "'--year': phải là số từ 1900 đến 2999, không phải 1800." in year.stderr, year.stderr
    assert "x>=" not in k.stderr + year.stderr and "<=x" not in year.stderr
    helped = " ".join(_program("report", "--help").stdout.split())
    assert "[từ 1900 đến 2999]" in helped and "[từ 1 trở lên]" in helped and "<=x" not in helped, helped
    english = _program("report", "r.csv", "-o", "r.xlsx", "--k", "0", "--lang", "en")
    assert "Error: Invalid value for '--k': 0 is not in the range x>=1." in english.stderr, english.stderr
