"""Rulesets are data and are checked at load (docs/design.md "Rulesets are data").

Load-time errors name the file, the line and the reason; rule text is parsed, never evaluated.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from poverty_rules.engine.standards import available, load_file, load_ruleset
from poverty_rules.errors import RulesetError
from poverty_rules.rules import expressions as ex
from poverty_rules.rules.registry import _check_periods, local_files
from poverty_rules.vocabulary import words as W

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted((ROOT / "poverty_rules" / "rulesets").glob("*.yaml"))
BASE = ROOT / "poverty_rules" / "rulesets" / "vn-2022-2026.yaml"
POOR_WHEN = "known(score_a) and score_a <= score_line and deprivation_score >= score_deprivation_cutoff"


def _variant(tmp_path: Path, old: str, new: str, count: int = 1) -> tuple[Path, int]:
    """A copy of the 2022 ruleset with one text replaced; returns the path and the changed line."""
    text = BASE.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    line = text[: text.index(old)].count("\n") + 1
    path = tmp_path / "variant.yaml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path, line


@pytest.mark.parametrize(
    ("rule", "reason"),
    [
        ("eval(score_a)", "unknown function"),
        ("__import__('os').system('x')", "unknown function"),
        ("score_a.real > 1", "attribute access"),
        ("(lambda: 1) == 1", "'Lambda' is not allowed"),
        ("[x for x in score_a]", "not allowed"),
        ("score_a[0] > 1", "not allowed"),
        ("score_a ** 2 > 1", "only + - * /"),
        ("score_a <= ", "syntax error"),
        ("score_a <= " + "9" * 400, "a number too large"),  # was an OverflowError, 'unexpected failure'
        ("score_a ≤ score_line", "the character '≤' (U+2264) cannot be used"),
        ("score_a <=\u200b score_line", "(U+200B) cannot be used"),
    ],
    ids=[
        *("eval", "dunder_import", "attribute", "lambda", "comprehension", "subscript", "power", "syntax", "huge"),
        *("copied_sign", "invisible_space"),
    ],
)
def test_bad_expression_is_rejected_with_file_line_and_reason(tmp_path: Path, rule: str, reason: str) -> None:
    path, line = _variant(tmp_path, POOR_WHEN, json.dumps(rule))  # quoted: YAML must hand over the text as is
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert err.file == str(path) and err.line == line
    assert reason in err.reason
    assert f"{path}:{line}:" in str(err)
    if "U+" in reason:  # said in Vietnamese too: the character that may not show, by its code
        assert reason.split("(")[1].split(")")[0] in err.in_lang("vi") and "không dùng được" in err.in_lang("vi")


@pytest.mark.parametrize(
    ("written", "column"),
    [
        (f"{POOR_WHEN} and and known(score_a)", 11 + len(POOR_WHEN) + 5),  # plain: `    when: ` is 10 characters
        (json.dumps(f"{POOR_WHEN} and and known(score_a)"), 12 + len(POOR_WHEN) + 5),  # after the opening quote
        (f"'{POOR_WHEN} and and known(score_a)'", 12 + len(POOR_WHEN) + 5),
        (f"\n      {POOR_WHEN} and and known(score_a)", 7 + len(POOR_WHEN) + 5),  # on the line below the key
    ],
    ids=["plain", "double_quoted", "single_quoted", "next_line"],
)
def test_a_rule_error_names_the_column_of_the_yaml_line(tmp_path: Path, written: str, column: int) -> None:
    """A typo in a rule said the column within the rule only ('at column 72 in expression'), which an author
    counts by hand: it now names the column of the file's line too, and the line the rule is on."""
    path, line = _variant(tmp_path, POOR_WHEN, written)
    line += written.startswith("\n")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err, at = info.value, len(POOR_WHEN) + 6
    assert err.line == line and f"{path}:{line}:" in str(err)
    assert f"syntax error (invalid syntax) at column {column} of the line (character {at} of the rule)" in err.reason
    assert f"dòng {line}: quy tắc viết sai: sai cú pháp" in err.in_lang("vi")
    assert f"ở cột {column} của dòng (ký tự thứ {at} của quy tắc) trong biểu thức" in err.in_lang("vi")
    assert path.read_text(encoding="utf-8").splitlines()[line - 1][column - 1 :].startswith("and known(score_a)")


def test_a_rule_with_a_run_of_spaces_is_placed_at_its_column_as_written(tmp_path: Path) -> None:
    """The parser reads a run of spaces as one: a rule written with two spaces somewhere before its error was said
    at the column of the rule as parsed ('at column 72 in expression'), not of the line; it is now placed as
    written."""
    written = POOR_WHEN.replace(" and ", "  and ", 1) + " and and known(score_a)"
    path, line = _variant(tmp_path, POOR_WHEN, written)
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    column = text.index("and and") + 5
    with pytest.raises(RulesetError) as info:
        load_file(path)
    at = written.index("and and") + 5
    assert f"at column {column} of the line (character {at} of the rule) in expression: {written}" in info.value.reason


def test_a_rule_written_as_a_block_keeps_the_column_of_the_rule(tmp_path: Path) -> None:
    """A rule folded over lines (``>-``) is not the text of one line: its error names the rule's own column."""
    path, line = _variant(tmp_path, POOR_WHEN, f">-\n      {POOR_WHEN}\n      and and known(score_a)")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert f"syntax error (invalid syntax) at column {len(POOR_WHEN) + 6} in expression" in info.value.reason


def test_unknown_name_is_rejected_with_its_line(tmp_path: Path) -> None:
    path, line = _variant(tmp_path, POOR_WHEN, "income_per_head <= income_line")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert info.value.line == line and "unknown name 'income_per_head'" in info.value.reason


def test_an_unknown_name_in_a_rule_is_placed_at_its_column(tmp_path: Path) -> None:
    """A misspelt name (the commonest typo in a rule) was said at the rule's line only: on a rule written on one
    line it is now placed at its column there, in both languages; a member field likewise."""
    written = POOR_WHEN.replace("score_line", "score_lin")
    path, line = _variant(tmp_path, POOR_WHEN, written)
    column = 11 + written.index("score_lin ")  # `    when: ` is 10 characters
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert err.line == line and err.reason.startswith(f"at column {column} of the line: unknown name 'score_lin'")
    assert err.reason.endswith("did you mean score_line?")
    assert f"dòng {line}: ở cột {column} của dòng: tên không biết 'score_lin'" in err.in_lang("vi")
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    assert text[column - 1 :].startswith("score_lin ")
    rule = "any(member, member.age >= health_insurance_age and not member.has_health_insurance)"
    path, line = _variant(tmp_path, rule, rule.replace("has_health_insurance", "has_health_insurence"))
    with pytest.raises(RulesetError) as info:
        load_file(path)
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    column = text.index("member.has_health_insurence") + 1
    assert info.value.line == line and info.value.reason.startswith(f"at column {column} of the line: ")
    assert "has_health_insurence" in info.value.reason


@pytest.mark.parametrize("written", ["1_750_000", "1750000", "0.5"])
def test_a_number_in_a_rule_is_said_as_written_at_its_column(tmp_path: Path, written: str) -> None:
    """A line written into a rule (``income_per_capita <= 1_750_000``) was refused as 'the number 1.75e+06',
    which no officer wrote: it is said as the rule writes it, at its column of the line, in both languages."""
    old = "not known(score_a) and income_per_capita <= income_line and deprivation_count >= deprivation_cutoff"
    path, line = _variant(tmp_path, old, old.replace("income_line", written))
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    column = text.index(written) + 1
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert err.line == line and err.reason.startswith(f"at column {column} of the line: the number {written} in rule")
    assert f"ở cột {column} của dòng: số {written} trong quy tắc" in err.in_lang("vi")


def test_missing_reference_is_rejected(tmp_path: Path) -> None:
    old = "    reference: NĐ 07/2021/NĐ-CP, Điều 3, khoản 1, điểm a\n"
    path, line = _variant(tmp_path, old, "")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert "parameters.income_line.reference" in info.value.reason and "required" in info.value.reason.lower()
    assert info.value.line is not None and abs(info.value.line - line) <= 6


def test_missing_confidence_is_rejected(tmp_path: Path) -> None:
    old = "    reference: NĐ 07/2021/NĐ-CP, Phụ lục, mục 1.1\n    confidence: P\n"
    path, _ = _variant(tmp_path, old, "    reference: NĐ 07/2021/NĐ-CP, Phụ lục, mục 1.1\n")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert "indicators.0.confidence" in info.value.reason and info.value.line is not None


def test_unknown_confidence_tag_is_rejected(tmp_path: Path) -> None:
    path, _ = _variant(tmp_path, "    confidence: P\n", "    confidence: maybe\n")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert "confidence" in info.value.reason


def test_the_shipped_proofs_are_the_bundled_standards_proved_now() -> None:
    """``rulesets/proved.sha256`` lists each bundled national standard's file as it is, and each is proved
    exhaustive now by the engine's grid (engine/checks.py ``prove``, whatever the list says): a run loading
    the file may take the list's word (engine/checks.py ``proved_when_built``). An edited file fails here
    with the lines to write (``sha256sum vn-*.yaml`` in poverty_rules/rulesets/)."""
    import hashlib

    from poverty_rules.engine.checks import PROOFS, prove, proved_when_built
    from poverty_rules.rules.bundled import BUNDLED, national_files
    from poverty_rules.rules.registry import load_file as load_unproved

    files = national_files([BUNDLED])
    wanted = "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}\n" for p in files)
    assert PROOFS.read_text(encoding="utf-8") == wanted, f"write {PROOFS}:\n{wanted}"
    for path in files:
        fresh = load_unproved(path)
        assert proved_when_built(fresh) and not fresh.proved
        prove(fresh)
        assert fresh.proved
    local = next(p for p in local_files())  # a local standard is proved with its base at every load
    assert not proved_when_built(load_unproved(local))


def test_class_list_without_not_poor_rules_is_not_exhaustive(tmp_path: Path) -> None:
    text = BASE.read_text(encoding="utf-8")
    start = text.index("  - id: not_poor_tt07_d4\n")
    end = text.index("designations:")
    path = tmp_path / "no-not-poor.yaml"
    path.write_text(text[:start] + "\n" + text[end:], encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert "not exhaustive" in info.value.reason
    assert info.value.line == text[: text.index("classes:")].count("\n") + 1


def test_class_gap_at_a_line_is_found(tmp_path: Path) -> None:
    """'<' instead of '<=' in both income rules leaves income exactly on the line unclassified (D any)."""
    text = BASE.read_text(encoding="utf-8")
    text = text.replace(
        "not known(score_a) and income_per_capita <= income_line",
        "not known(score_a) and income_per_capita < income_line",
    )
    path = tmp_path / "gap.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert "not exhaustive" in info.value.reason and "income_per_capita=1,500,000" in info.value.reason


def test_parse_never_evaluates(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser builds a tree only: rule text that would run code raises, and nothing runs."""
    import builtins
    import os

    calls: list[str] = []
    monkeypatch.setattr(os, "system", lambda cmd: calls.append(cmd) or 0)
    real_import = builtins.__import__

    def spy_import(name, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if name == "os":
            calls.append("import os")
        return real_import(name, *args, **kwargs)

    for text in ("__import__('os').system('x')", "open('/etc/passwd')", "exec('1')", "().__class__"):
        monkeypatch.setattr(builtins, "__import__", spy_import)
        with pytest.raises(ex.ExpressionError):
            ex.parse(text)
        monkeypatch.setattr(builtins, "__import__", real_import)
    assert calls == []


def test_parse_gives_a_tree_not_a_value() -> None:
    tree = ex.parse("income_per_capita <= income_line and deprivation_count >= 3")
    assert isinstance(tree, ex.And)
    assert ex.variables(tree) == {"income_per_capita", "income_line", "deprivation_count"}
    assert ex.to_text(tree) == "income_per_capita <= income_line and deprivation_count >= 3"


# --------------------------------------------------------------------------- validity periods


def _shifted(rs, **dates):  # noqa: ANN001, ANN202
    return rs.model_copy(update={k: date.fromisoformat(v) for k, v in dates.items()})


def test_bundled_national_periods_tile_2016_to_2030() -> None:
    national = available()
    _check_periods(national)
    assert national[0].valid_from == date(2016, 1, 1) and national[-1].valid_to == date(2030, 12, 31)


def test_overlapping_validity_periods_are_rejected() -> None:
    a, b, c = available()
    with pytest.raises(RulesetError, match="overlaps vn-2016-2021"):
        _check_periods([a, _shifted(b, valid_from="2021-12-31"), c])


def test_gapped_validity_periods_are_rejected() -> None:
    a, b, c = available()
    with pytest.raises(RulesetError, match="gap between vn-2022-2026"):
        _check_periods([a, b, _shifted(c, valid_from="2027-01-02")])


def test_the_standard_in_force_is_found_without_loading_the_others() -> None:
    """A run on a date loads only the national standard in force then (rules/registry.py ``_national_on``: the
    periods read from the files as written); listing them all loads the rest, the same objects."""
    import subprocess
    import sys

    probe = (
        "from poverty_rules.engine.standards import load_ruleset, available\n"
        "import poverty_rules.rules.registry as R\n"
        "rs = load_ruleset(as_of='2025-12-01')\n"
        "print(rs.id, R._national_file.cache_info().currsize, R._national.cache_info().currsize)\n"
        "print(available()[1] is rs, R._national_file.cache_info().currsize)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["vn-2022-2026 1 0", "True 3"]


def test_national_files_whose_periods_do_not_tile_are_refused_on_any_date(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """The periods read without the model leave a gap or an overlap to the full check, which names the file
    and its line: a run on any date is refused, not given the standard whose own period holds the date."""
    import poverty_rules.rules.registry as registry

    folder = tmp_path / "rulesets"
    folder.mkdir()
    for path in registry.national_files([registry.BUNDLED]):
        text = path.read_text(encoding="utf-8")
        if path.stem == "vn-2027-2030":
            text = text.replace("valid_from: 2027-01-01", "valid_from: 2027-01-02")
        (folder / path.name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(registry, "_national_files", lambda: registry.national_files([folder]))
    for cache in (registry._national, registry._national_file, registry._in_force_files):
        cache.cache_clear()
    try:
        with pytest.raises(RulesetError, match="gap between vn-2022-2026"):
            registry.load_ruleset(as_of="2025-12-01")
    finally:
        for cache in (registry._national, registry._national_file, registry._in_force_files):
            cache.cache_clear()


def test_local_overlays_are_not_part_of_the_national_tiling() -> None:
    a, b, c = available()
    overlay = b.model_copy(update={"id": "local-x", "extends": "vn-2022-2026"})
    _check_periods([a, b, c, overlay])


# --------------------------------------------------------------------------- law in the rulesets


@pytest.mark.parametrize(
    ("old", "new", "number"),
    [
        ("floor_area < housing_area_per_person * persons(member)", "floor_area < 8 * persons(member)", "8"),
        ("member.age >= health_insurance_age and", "member.age >= 6 and", "6"),
        (">= housing_non_durable_structures", ">= 2", "2"),
        ("score_points_per_indicator * deprivation_count", "10 * deprivation_count", "10"),
        ("> dependency_share * count(member)", "> 0.5 * count(member)", "0.5"),
        ("member.highest_qualification in ('none', 'primary')", "member.highest_qualification in (3, 4)", "3"),
    ],
)
def test_a_number_in_rule_text_is_refused(tmp_path: Path, old: str, new: str, number: str) -> None:
    path, line = _variant(tmp_path, old, new)
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert info.value.line == line
    assert f"the number {number} in rule" in info.value.reason and "parameter" in info.value.reason


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_rule_texts_write_no_number_but_0_and_1(path: Path) -> None:
    rs = load_file(path)
    compiled = rs.compiled()
    exprs = [*compiled.classes, *compiled.derived.values(), *compiled.designations.values()]
    exprs += list(compiled.indicator_rules.values())
    for expr in exprs:
        assert set(ex.numbers(expr)) <= {0.0, 1.0}, ex.to_text(expr)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_class_has_a_unique_id_named_after_its_status(path: Path) -> None:
    rs = load_file(path)
    ids = [c.id for c in rs.classes]
    assert len(set(ids)) == len(ids)
    assert all(c.id.startswith(f"{c.status}_") for c in rs.classes)


def test_a_class_without_id_or_with_a_used_id_is_refused(tmp_path: Path) -> None:
    path, line = _variant(tmp_path, "  - id: near_poor_tt07_d4_1b\n", "  - id: poor_tt07_d4_1a\n")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert "used twice" in info.value.reason and info.value.line == line
    path, _ = _variant(tmp_path, "  - id: near_poor_tt07_d4_1b\n    status", "  - status")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert "id" in info.value.reason


def test_fields_must_list_what_the_rules_read(tmp_path: Path) -> None:
    path, _ = _variant(tmp_path, "  household: [frame_durable, ", "  household: [")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert "read frame_durable" in info.value.reason
    path, _ = _variant(tmp_path, "  household: [", "  household: [waste_collected, ")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert "no indicator's rule reads waste_collected" in info.value.reason
    path, _ = _variant(tmp_path, "  member: [", "  member: [shoe_size, ")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert "unknown member field 'shoe_size'" in info.value.reason


def test_fields_of_the_2022_standard() -> None:
    rs = load_file(BASE)
    assert "floor_area" in rs.fields.household and "has_info_device" in rs.fields.household
    assert {"age", "working_age", "employment", "attending_right_level"} <= set(rs.fields.member)
    assert "phone_subscription" not in rs.fields.household  # a 2016–2021 field


def test_verbatim_text_beside_a_reference_is_optional(tmp_path: Path) -> None:
    quote = '    text: "Hộ nghèo: thu nhập bình quân đầu người/tháng từ chuẩn nghèo trở xuống"\n'
    path, _ = _variant(
        tmp_path,
        "    reference: NĐ 07/2021/NĐ-CP, Điều 3, khoản 2, điểm a\n",
        "    reference: NĐ 07/2021/NĐ-CP, Điều 3, khoản 2, điểm a\n" + quote,
    )
    rs = load_file(path)
    assert rs.classes[2].text and rs.classes[2].text.startswith("Hộ nghèo")
    assert load_file(BASE).classes[2].text is None


# --------------------------------------------------------------------------- bundled rulesets


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_parameter_indicator_class_cites_reference_and_confidence(path: Path) -> None:
    rs = load_file(path)
    cited = [*rs.parameters.values(), *rs.indicators, *rs.classes, *rs.derived, *rs.designations]
    cited += list(rs.programmes.values())
    for item in cited:
        assert len(item.reference.strip()) >= 3, item
        assert item.confidence in ("V", "P", "U"), item
    assert rs.sources and rs.legal_basis


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_dimension_is_named_as_its_reference_names_it(path: Path) -> None:
    """A dimension's name (shown by show and diff, and on the report page) is the instrument's, and its
    citation names it: the 2027–2030 dimensions all cited "water, sanitation and environment become one
    dimension" (Việc làm, Y tế … cited for a note on another dimension), and the 2016–2020 water dimension
    was named "Nước sinh hoạt và vệ sinh", the 2022 name, where QĐ 59/2015 (its citation) says "nước sạch
    và vệ sinh"."""
    rs = load_file(path)
    for did, dimension in rs.dimensions.items():
        assert dimension.label.vi.lower() in dimension.reference.lower(), (did, dimension.label.vi)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_ruleset_lines_match_the_standard(path: Path) -> None:
    """docs/standard.md §2–§4: the lines in the data are the lines in the law."""
    rs = load_file(path)
    expected = {
        "vn-2016-2021": {"income_line": (700_000, 900_000), "near_poor_line": (1_000_000, 1_300_000)},
        "vn-2022-2026": {
            "income_line": (1_500_000, 2_000_000),
            "average_line": (2_250_000, 3_000_000),
            "low_income_worker_line": (2_250_000, 3_000_000),
            "score_line": (140, 175),
        },
        "vn-2027-2030": {"income_line": (2_200_000, 2_800_000)},
    }[rs.id]
    for name, (rural, urban) in expected.items():
        assert (rs.parameters[name].for_area("rural"), rs.parameters[name].for_area("urban")) == (rural, urban)
    assert rs.parameters["deprivation_cutoff"].value == 3
    assert ("average_line" in rs.parameters) == (rs.id != "vn-2027-2030")  # 2027: no average band
    assert rs.paths == ({"income", "score"} if rs.id == "vn-2022-2026" else {"income"})


def test_every_unit_of_the_bundled_rulesets_has_its_vietnamese_words() -> None:
    """``rulesets show`` and ``diff`` print a parameter's unit: in Vietnamese, each unit a bundled ruleset
    uses must be in vocabulary/words.py UNITS (it printed VND/person/month in Vietnamese output)."""
    units = {p.unit for rs in [*available(), *map(load_file, local_files())] for p in rs.parameters.values()}
    assert units - {""} and not units - {""} - set(W.UNITS), sorted(units - {""} - set(W.UNITS))
    assert W.unit("VND/person/month", "vi") == "đồng/người/tháng" and W.unit("points", "en") == "points"


_ENGLISH = re.compile(r"\b(the|whether|above|below|kept|keeps|province|national|line|band)\b")


@pytest.mark.parametrize("name", [*(rs.id for rs in available()), *(path.stem for path in local_files())])
def test_references_are_written_in_vietnamese_as_every_reference_is(name: str) -> None:
    """A reference is one text, shown as it is in Vietnamese and English output alike (it cites Vietnamese
    instruments): Bắc Ninh's average band carried English commentary into Vietnamese explanations."""
    rs = load_ruleset(name)
    cited = [*rs.parameters.values(), *rs.indicators, *rs.derived, *rs.classes, *rs.designations]
    cited += [*rs.programmes.values(), *rs.removed]
    english = [c.reference for c in cited if _ENGLISH.search(c.reference)]
    assert english == []


def test_2016_poor_classes_cite_the_point_of_each_area() -> None:
    """QĐ 59/2015/QĐ-TTg, Điều 2, khoản 1 (docs/standard.md [S29]): điểm a is the rural poor household and
    điểm b the urban one, each meeting one of two criteria — income alone (tier 1), or income up to the
    near-poverty line with 3 deprivations (tier 2). Tier 2 was cited as 'điểm b' (the urban point) for
    every household, tier 1 as 'điểm a' (the rural point), and the 3-deprivation cutoff as 'điểm b'."""
    rs = load_ruleset("vn-2016-2021")
    poor = [c for c in rs.classes if c.status == "poor"]
    assert [c.id for c in poor] == ["poor_qd59_d2_1_income", "poor_qd59_d2_1_deprived"]
    for c, criterion in zip(poor, ("tiêu chí thứ nhất", "tiêu chí thứ hai"), strict=True):
        assert "Điều 2, khoản 1, điểm a (nông thôn) / điểm b (thành thị)" in c.reference and criterion in c.reference
    cutoff = rs.parameters["deprivation_cutoff"].reference
    assert "điểm a (nông thôn) và điểm b (thành thị), tiêu chí thứ hai" in cutoff


def test_a_key_written_twice_is_refused_not_silently_overridden(tmp_path: Path) -> None:
    """YAML keeps the last of two equal keys: a second `parameters:` section or a second `value:`
    would silently drop the first; the file is refused at the second one's line."""
    old = "    value: {rural: 1_500_000, urban: 2_000_000}\n"
    path, line = _variant(tmp_path, old, "    value: 1_600_000\n" + old)
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert (err.file, err.line) == (str(path), line + 1)
    assert "`parameters.income_line.value` is written twice" in err.reason
    assert "được viết hai lần" in err.in_lang("vi")


@pytest.mark.parametrize(
    ("value", "where"),
    [
        ('{rural: "1.500.000", urban: 2_000_000}', "parameters.income_line.value.rural:"),
        ('"1.500.000"', "parameters.income_line.value:"),
    ],
    ids=["one_area_as_text", "as_text"],
)
def test_a_line_written_as_text_names_the_value_as_the_file_writes_it(tmp_path: Path, value: str, where: str) -> None:
    """A value may be a number or {rural, urban}: the message names neither of pydantic's forms
    ('value.float', English in a Vietnamese message) and says which area is not a number."""
    old = "    value: {rural: 1_500_000, urban: 2_000_000}\n"
    path, line = _variant(tmp_path, old, f"    value: {value}\n")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert err.line == line
    assert err.in_lang("vi").startswith(f"{path}, dòng {line}: {where} phải là số")
    assert err.reason.startswith(where) and "float" not in err.reason and "dict[" not in err.reason


def test_an_end_before_the_start_is_said_at_valid_to(tmp_path: Path) -> None:
    """The ruleset's own dates in the wrong order: said at valid_to's line, naming it (it was line 1,
    with an empty place: ': valid_to is before valid_from')."""
    path, line = _variant(tmp_path, "valid_to: 2026-12-31", "valid_to: 2021-12-31")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert err.line == line
    assert err.reason == "valid_to: valid_to is before valid_from"
    vi = "valid_to: valid_to (ngày hết hiệu lực) trước valid_from (ngày bắt đầu)"
    assert err.in_lang("vi") == f"{path}, dòng {line}: {vi}"


@pytest.mark.parametrize(
    ("old", "new", "part"),
    [
        (POOR_WHEN, POOR_WHEN + " and area < 'urban'", "area < 'urban': text can be compared only with text"),
        (POOR_WHEN, "score_a <= '140'", "score_a <= '140': text can be compared only with text"),
        (POOR_WHEN, "score_a <= score_line + 'x'", "'x' is text where a number is expected"),
        (POOR_WHEN, "score_a", "score_a is a value where a condition is expected"),
        (POOR_WHEN, "score_a in ('a', 'b')", "score_a is a number, so the list may hold only numbers"),
        (POOR_WHEN, POOR_WHEN + " and area == 'thành thị'", "area is never 'thành thị' (its values: rural, urban)"),
        ("member.employment == 'unemployed'", "member.employment == 'unemploy'", "member.employment is never"),
        ("member.age >= health_insurance_age", "member.age >= 'sáu'", "member.age >= 'sáu': text can be compared"),
        ("status in ('average', 'not_poor')", "status == 'hộ nghèo'", "status is never 'hộ nghèo'"),
    ],
    ids=[
        *("text_order", "text_number", "text_sum", "number_as_condition", "text_list", "area", "category", "age"),
        "designation_status",
    ],
)
def test_a_rule_of_the_wrong_kind_is_refused_at_its_line(tmp_path: Path, old: str, new: str, part: str) -> None:
    """Text against numbers, a number as a condition, a value a field never takes: refused when the
    ruleset loads, naming the line and the part (they stopped the run later, while classifying, with
    'unexpected failure (TypeError …)' and no file or line, or never held without a word)."""
    path, line = _variant(tmp_path, old, new)
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert (err.file, err.line) == (str(path), line)
    assert part in err.reason and err.in_lang("vi").startswith(f"{path}, dòng {line}: ")


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        (POOR_WHEN, "score_a", "score_a"),
        (POOR_WHEN, POOR_WHEN + " and area == 'thành thị'", "area == 'thành thị'"),
        ("member.employment == 'unemployed'", "member.employment == 'unemploy'", "member.employment == 'unemploy'"),
    ],
    ids=["number_as_condition", "area", "category_in_a_quoted_rule"],
)
def test_a_part_of_the_wrong_kind_is_placed_at_its_column(tmp_path: Path, old: str, new: str, fragment: str) -> None:
    """The part of the wrong kind, named in the reason, is also placed at its column of the line, in both
    languages, on a rule written on one line."""
    path, line = _variant(tmp_path, old, new)
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index(fragment) + 1
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert err.line == line and err.reason.startswith(f"at column {column} of the line: ")
    assert err.in_lang("vi").startswith(f"{path}, dòng {line}: ở cột {column} của dòng: ")


def test_a_condition_or_a_flag_may_still_be_counted_as_a_number(tmp_path: Path) -> None:
    """What the evaluator computes stays accepted: a condition in a sum, a derived value that is a
    condition used as one, text compared with text."""
    path, _ = _variant(
        tmp_path,
        POOR_WHEN,
        # the same households as the class's own rule (the class list stays exhaustive), written otherwise
        "known(score_a) and (deprived_water * 0 + (score_a <= score_line)) * 1 >= 1"
        " and deprivation_score >= score_deprivation_cutoff and (area == 'rural' or area != 'rural')",
    )
    assert load_file(path).id == "vn-2022-2026"


def test_a_tab_in_the_indentation_is_named(tmp_path: Path) -> None:
    """A tab (it looks like spaces) was 'không phải YAML hợp lệ (cột 1): kiểm tra thụt lề …', and in English
    PyYAML's three lines ('found character that cannot start any token … in "<unicode string>"')."""
    path, line = _variant(tmp_path, "    confidence: V\n", "\tconfidence: V\n")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert err.line == line
    assert err.reason == "a tab at column 1: YAML indents with spaces only; replace the tab with spaces"
    assert "có ký tự Tab ở cột 1" in err.in_lang("vi")


def test_a_file_too_large_says_its_limit_as_the_language_writes_numbers(tmp_path: Path) -> None:
    """'tệp lớn hơn 2,000,000 byte' — an English number in the Vietnamese message."""
    path = tmp_path / "huge.yaml"
    path.write_text("# " + "x" * 2_100_000 + "\n", encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert "2.000.000 byte" in info.value.in_lang("vi") and "2,000,000 bytes" in info.value.in_lang("en")


def test_a_date_that_does_not_exist_is_refused_at_its_line(tmp_path: Path) -> None:
    """valid_to: 2026-02-30 — YAML reads it as a date and fails: 'unexpected failure (ValueError: day is
    out of range for month)', no file or line."""
    path, line = _variant(tmp_path, "valid_to: 2026-12-31", "valid_to: 2026-02-30")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert (err.file, err.line) == (str(path), line)
    assert err.reason.startswith("2026-02-30 is not a real date")
    assert "ngày 2026-02-30 không có thật" in err.in_lang("vi")


def test_the_score_path_cites_the_circular_as_the_standard_gives_it_and_no_unread_article() -> None:
    """docs/standard.md §2.2 gives the score path's instrument, Thông tư 07/2021/TT-BLĐTBXH amended by
    TT 02/2022, and no article; its sources [S10, S11] give the scoring of Phụ lục III / IV and the method
    under QĐ 24/2021/QĐ-TTg, Điều 2, khoản 1. The ruleset cited 'Thông tư 07/2021/TT-BLĐTBXH, Điều 4,
    khoản 1, điểm a' (tagged V) for the classes and 'Điều 4' for the lines: an article no source gives,
    which an officer checking the reason would open in vain. Every score-path entry now names the
    circular and its amendment and no article number."""
    rs = load_ruleset("vn-2022-2026")
    cited = {name: rs.parameters[name].reference for name in ("score_line", "score_deprivation_cutoff")}
    cited["score_points_per_indicator"] = rs.parameters["score_points_per_indicator"].reference
    cited.update({d.id: d.reference for d in rs.derived if d.id == "deprivation_score"})
    cited.update({c.id: c.reference for c in rs.classes if c.decided_by == "score"})
    assert set(cited) >= {"poor_tt07_d4_1a", "near_poor_tt07_d4_1b", "not_poor_tt07_d4", "deprivation_score"}
    for name, reference in cited.items():
        assert reference.startswith("Thông tư 07/2021/TT-BLĐTBXH (sửa đổi bởi Thông tư 02/2022/TT-BLĐTBXH)"), name
        assert "Điều" not in reference, (name, reference)


def test_the_2027_standard_cites_no_article_of_a_decree_whose_text_was_not_read() -> None:
    """docs/standard.md §4: Nghị định 351/2025/NĐ-CP is known from reports ('the decree text itself was not
    read'), and §1 gives no article. vn-2027-2030 cited 'NĐ 351/2025/NĐ-CP, Điều 3, khoản 1' for the lines
    and 'Điều 3, khoản 2, điểm a / b' for the classes, numbers borrowed from Nghị định 07/2021's layout. Its
    lines, cutoff and classes now name the decree and what it fixes, and say the article was not checked."""
    rs = load_ruleset("vn-2027-2030")
    cited = {name: p.reference for name, p in rs.parameters.items()}
    cited.update({c.id: c.reference for c in rs.classes})
    cited["legal_basis"] = rs.legal_basis
    for name, reference in cited.items():
        assert "351/2025" in reference and "Điều" not in reference, (name, reference)
        assert "chưa đối chiếu" in reference, (name, reference)


def test_a_misspelt_stands_for_is_refused_at_its_line(tmp_path: Path) -> None:
    """score_line's `stands_for: income_line` is what refuses a local standard moving its income line
    under the national 140 points; misspelt (`incme_line`) it loaded and silently turned that check off.
    It must name a parameter or derived value of the standard, at its line, in both languages."""
    path, line = _variant(tmp_path, "    stands_for: income_line\n", "    stands_for: incme_line\n")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert err.line == line
    assert err.reason.startswith("parameters.score_line.stands_for: 'incme_line' is not a parameter")
    assert "không phải tham số hay giá trị suy ra" in err.in_lang("vi")


def test_an_unknown_name_in_deprived_when_says_what_that_rule_may_read(tmp_path: Path) -> None:
    """An indicator's ``deprived_when`` reading a mark (``deprived_water == 1``) was refused with 'unknown name
    'deprived_water' … (known: inputs …, deprivation_count, … and deprived_<indicator> flags)': the message
    named as known the very names it refused, and not the household fields the rule may read. It now lists what
    a deprived_when may read (household fields, member.<field> inside count/any/all/sum), in both languages;
    a designation's message names ``status``."""
    old = 'deprived_when: "any(member, member.working_age and'
    path, line = _variant(tmp_path, old, 'deprived_when: "deprived_water == 1 and any(member, member.working_age and')
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert err.line == line and "unknown name 'deprived_water'" in err.reason
    assert "deprived_<indicator> flags)" not in err.reason and "not deprived_<indicator> flags" in err.reason
    assert "floor_area" in err.reason.split("may read")[1] and "safe_water" in err.reason
    vi = err.in_lang("vi")
    assert "không dùng cờ deprived_<chỉ số>" in vi and "các trường của hộ floor_area" in vi
    text = BASE.read_text(encoding="utf-8")
    designation = text[text.index("designations:") :]
    when = designation[designation.index("when: ") + 6 : designation.index("\n", designation.index("when: "))]
    path, line = _variant(tmp_path, "when: " + when, "when: statu == 'poor'")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert "unknown name 'statu'" in info.value.reason and "status" in info.value.reason.split("known:")[1]


@pytest.mark.parametrize("value", ["{rural: -1_500_000, urban: 2_000_000}", ".nan", "-.inf"])
def test_a_parameter_below_zero_or_not_a_real_number_is_refused(tmp_path: Path, value: str) -> None:
    """``rulesets check`` called an income line of -1,500,000 đồng (a stray minus sign), or ``.nan``, valid:
    every household is then above the line. A parameter's value is now refused below zero or not finite, at
    its line, in both languages."""
    path, line = _variant(tmp_path, "value: {rural: 1_500_000, urban: 2_000_000}", f"value: {value}")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert info.value.line == line
    assert info.value.reason.startswith("parameters.income_line.value: must be a number of 0 or more, not ")
    assert "parameters.income_line.value: phải là một số từ 0 trở lên, không phải " in info.value.in_lang("vi")
    assert "e+06" not in info.value.reason


@pytest.mark.parametrize("written", ['"1.500.000"', '"1,5 triệu"', "1.500.000"])
def test_a_line_written_as_officers_write_money_says_how_to_write_it(tmp_path: Path, written: str) -> None:
    """A line written as on paper (``1.500.000``, ``"1,5 triệu"``) was refused with 'phải là số' ('must be a
    number') alone, though to its writer it is one. The message now quotes the value and says how to write it
    (1500000 or 1_500_000), in both languages."""
    path, line = _variant(tmp_path, "value: {rural: 1_500_000, urban: 2_000_000}", f"value: {{rural: {written}}}")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    shown = written.strip('"')
    assert info.value.line == line
    assert f"parameters.income_line.value.rural: phải là số ('{shown}'): viết số không có dấu chấm ngăn nghìn" in (
        info.value.in_lang("vi")
    )
    assert f"('{shown}'): write the number without thousands dots, commas or words, e.g. 1500000 or 1_500_000" in (
        info.value.reason
    )


def test_a_bad_ruleset_id_says_that_hyphens_are_allowed(tmp_path: Path) -> None:
    """A ruleset id written as a name ('id: Tỉnh B 2026') was refused with the indicators' rule, 'chỉ dùng chữ
    thường không dấu, chữ số và dấu gạch dưới' (only lower-case letters, digits and underscores), though a
    ruleset's id is written with hyphens (vn-2022-2026, tinh-b-2026), which that text forbids. It now says what
    a ruleset's id may hold; an indicator's id keeps its own rule."""
    path, line = _variant(tmp_path, "id: vn-2022-2026", "id: Tỉnh B 2026")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    vi = info.value.in_lang("vi")
    assert info.value.line == line and "id: bắt đầu bằng chữ thường không dấu hoặc chữ số" in vi
    assert "dấu gạch ngang (-)" in vi and "chữ số và dấu gạch dưới (mẫu" not in vi
    path, _ = _variant(tmp_path, "  - id: employment", "  - id: Viec-lam")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert "chỉ dùng chữ thường không dấu, chữ số và dấu gạch dưới" in info.value.in_lang("vi")


def test_a_version_yaml_reads_as_a_number_says_to_quote_it(tmp_path: Path) -> None:
    """``version: 2025.03`` (unquoted) was refused with 'version: phải là văn bản' ('must be text'), though to
    its writer it is text: YAML reads it as a number. The message now says so and shows it quoted."""
    path, line = _variant(tmp_path, 'version: "2025.02"', "version: 2025.03")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert info.value.line == line
    said = "version: phải là văn bản (YAML đọc 2025.03 là một số hay một ngày): đặt nó trong dấu nháy"
    assert said + ', ví dụ version: "2025.03"' in info.value.in_lang("vi")
    assert 'put it in quotes, e.g. version: "2025.03"' in info.value.reason


def test_every_source_a_national_ruleset_cites_by_number_is_in_its_sources() -> None:
    """docs/standard.md: 'A ruleset cites the instrument and article; the source URL goes in the ruleset's
    sources: list.' The programmes cite '[S41]' (policy credit), '[S44]' (QĐ 90/2022's 36 months) and
    '[S7]' (health-insurance support), but those URLs were in no ruleset's sources (S7 only in
    vn-2022-2026's): `rulesets show` gave a number that led nowhere. Each [S#] a national ruleset
    writes now has its URL, as docs/standard.md lists it, in that ruleset's sources."""
    text = (ROOT / "docs" / "standard.md").read_text(encoding="utf-8")
    urls = dict(re.findall(r"^- (S\d+) (\S+)$", text, flags=re.M))
    for rs in available():
        raw = (ROOT / "poverty_rules" / "rulesets" / f"{rs.id}.yaml").read_text(encoding="utf-8")
        for number in sorted(set(re.findall(r"\[(S\d+)\]", raw))):
            assert urls[number] in rs.sources, (rs.id, number)


def test_the_2022_ruleset_lists_every_source_docs_standard_gives_for_its_facts() -> None:
    """docs/standard.md backs the 2022–2026 standard with [S9] (the indicator names), [S19, S20] (kept
    for 2026 by Nghị định 351/2025), [S22] (the P thresholds of employment, dependants and nutrition) and
    [S39] (the average band for farm households); none was in vn-2022-2026's sources, so an officer
    checking a P tag there found no page to read. Every source §1 and §2 give is listed (as the 2016 and
    2027 rulesets already list theirs)."""
    text = (ROOT / "docs" / "standard.md").read_text(encoding="utf-8")
    urls = dict(re.findall(r"^- (S\d+) (\S+)$", text, flags=re.M))
    given = {
        "vn-2016-2021": (1, 27, 28, 29, 30, 31),
        "vn-2022-2026": (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 18, 19, 20, 22, 32, 39, 55),
        "vn-2027-2030": (18, 19, 20, 21, 22, 23, 26),
    }
    for ruleset, numbers in given.items():
        sources = load_ruleset(ruleset).sources
        assert [n for n in numbers if urls[f"S{n}"] not in sources] == [], ruleset


def test_a_class_gap_is_said_in_the_officers_words(tmp_path: Path) -> None:
    """A class table with a gap was refused, under --lang vi, with Python's values: 'khu vực=rural, thu nhập
    bình quân=1500000.0, điểm A=nan'. The household no class covers is now written as the officer writes it:
    'khu vực=nông thôn, thu nhập bình quân=1.500.000, điểm A=không có' (English: rural, 1,500,000, none)."""
    path, _ = _variant(
        tmp_path,
        "not known(score_a) and income_per_capita <= income_line",
        "not known(score_a) and income_per_capita < income_line",
        count=2,
    )
    with pytest.raises(RulesetError) as info:
        load_file(path)
    vi = info.value.in_lang("vi")
    assert "thu nhập bình quân=1.500.000, điểm A=không có" in vi and "khu vực=nông thôn" in vi
    assert "nan" not in vi and "1500000.0" not in vi and "rural" not in vi
    assert "area=rural, income_per_capita=1,500,000, score_a=none" in info.value.reason


def test_a_parameter_written_yes_is_not_read_as_one(tmp_path: Path) -> None:
    """``value: yes`` (or ``true``) is YAML's true, which the number field read as 1: a deprivation cutoff
    written so became 1 and ``rulesets check`` called the file valid. It is now refused at its line."""
    path, line = _variant(tmp_path, "value: 3\n", "value: yes\n")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert info.value.line == line and info.value.reason.startswith("parameters.deprivation_cutoff.value: ")
    assert "phải là số" in info.value.in_lang("vi")
    path, line = _variant(tmp_path, "months: 36\n", "months: yes\n")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    assert info.value.line == line and ".months: " in info.value.reason
    assert "phải là số nguyên" in info.value.in_lang("vi")


_TWO_DERIVED = """derived:
  - id: score_b_half
    label: {vi: Nửa điểm B, en: Half of score B}
    formula: FIRST
    reference: Thông tư 07/2021/TT-BLĐTBXH
    confidence: U
  - id: deprivation_score
"""


@pytest.mark.parametrize(
    ("first", "second", "said", "vi"),
    [
        ("deprivation_score / 2", None, "below this one", "phía dưới nó"),
        ("deprivation_score / 2", "score_b_half * 2", "score_b_half → deprivation_score → score_b_half", "vòng lặp"),
        ("score_b_half / 2", None, "reads itself", "tự đọc chính nó"),
    ],
    ids=["later", "cycle", "itself"],
)
def test_a_derived_value_read_before_it_is_computed_is_not_called_unknown(
    tmp_path: Path, first: str, second: str | None, said: str, vi: str
) -> None:
    """A derived formula reading a derived value defined below it (or itself, or two reading each other) was
    refused with "unknown name 'deprivation_score' … (known: … the parameters, derived values …)": the name is
    a derived value of the file, so the author was told a defined name does not exist. The refusal now says
    which derived value it is, at which line, that a formula reads only those above it, and names the cycle."""
    path, _ = _variant(tmp_path, "derived:\n  - id: deprivation_score\n", _TWO_DERIVED.replace("FIRST", first))
    if second is not None:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("score_points_per_indicator * deprivation_count", second), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(n for n, text in enumerate(lines, 1) if text.strip().startswith(f"formula: {first}"))
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert err.line == at and "unknown name" not in err.reason and said in err.reason
    assert "tên không biết" not in err.in_lang("vi") and vi in err.in_lang("vi")
    if said == "below this one":
        below = next(n for n, text in enumerate(lines, 1) if text.strip() == "- id: deprivation_score")
        assert f"line {below}" in err.reason and f"dòng {below}" in err.in_lang("vi")


@pytest.mark.parametrize(
    ("old", "new", "meant"),
    [("    months: 36\n", "    month: 36\n", "months"), ("    confidence: P\n", "    confidance: P\n", "confidence")],
)
def test_a_misspelt_key_is_named_at_its_line_not_called_missing(tmp_path: Path, old: str, new: str, meant: str) -> None:
    """A misspelt key (``month: 36`` for ``months:``) was refused as 'programmes.national_programme.months: Field
    required' at the entry's line, never naming the key the author wrote. The misspelt key is now named at its
    own line, with the key meant, in vi and en."""
    path, line = _variant(tmp_path, old, new)
    typo = new.split(":")[0].strip()
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert err.line == line and f".{typo}: " in err.reason and f"did you mean `{meant}`" in err.reason
    assert f"viết nhầm `{meant}`" in err.in_lang("vi")


def test_a_yaml_syntax_error_is_one_line_naming_the_block_it_broke_in_each_language(tmp_path: Path) -> None:
    """A broken YAML line (a key indented one space less than its block) was said in English as PyYAML's four
    lines, twice naming the file '"<unicode string>"' ('while parsing a block mapping\\n  in "<unicode
    string>", line 393, column 3\\ndid not find expected key …'), and in Vietnamese without the block it broke.
    It is now one line in each language: the column, what was expected, and the line its block starts at."""
    path, line = _variant(tmp_path, "    months: 36\n", "    months: 36\n   serves2: [x\n")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    start = line - 2  # national_programme: label, then months
    assert "national_programme:" in path.read_text(encoding="utf-8").splitlines()[start - 1]
    assert err.line == line + 1 and "\n" not in err.reason and "<unicode string>" not in err.reason
    assert err.reason.startswith("not valid YAML at column 4: did not find expected key")
    assert f"(in the block that starts at line {start})" in err.reason
    vi = err.in_lang("vi")
    assert "\n" not in vi and f"trong khối bắt đầu ở dòng {start}" in vi and "(cột 4)" in vi


@pytest.mark.parametrize(
    ("old", "new", "en", "vi"),
    [
        (
            "    unit: VND/person/month\n",
            "    unit: VND/person/month\n    note: per month\n",
            "parameters.income_line.note: `note` is not a key of this entry; its keys: label, value, unit, direction, "
            "stands_for, reference, confidence, text (docs/rulesets.md)",
            "parameters.income_line.note: `note` không phải khóa của mục này; các khóa của nó: label, value, unit, "
            "direction, stands_for, reference, confidence, text (docs/rulesets.md)",
        ),
        (
            "    threshold: {",
            "    threshhold: {",
            "indicators.0.threshhold: `threshhold` is not a key of the ruleset format: did you mean `threshold`?",
            "indicators.0.threshhold: không có trường `threshhold` trong định dạng bộ quy tắc: viết nhầm `threshold`?",
        ),
    ],
    ids=["unknown", "optional_misspelt"],
)
def test_an_unknown_key_says_in_english_too_which_keys_the_entry_has(
    tmp_path: Path, old: str, new: str, en: str, vi: str
) -> None:
    """A key an entry does not have was said in English as pydantic's 'parameters.income_line.note: Extra inputs
    are not permitted' (and 'threshhold:' for 'threshold:' alike), which says neither what is wrong nor what was
    expected. It is now named with the entry's keys, or with the key meant, in vi and en."""
    path, line = _variant(tmp_path, old, new)
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert err.line == line + max(new.count("\n") - 1, 0) and err.reason == en and err.in_lang("vi").endswith(": " + vi)


@pytest.mark.parametrize(
    ("old", "new", "en", "vi"),
    [
        (
            "id: vn-2022-2026\n",
            "id: Tinh B 2026\n",
            "id: start with a lower-case letter without accents or a digit, then use only lower-case letters, "
            "digits, hyphens (-), dots and underscores, e.g. tinh-b-2026",
            "id: bắt đầu bằng chữ thường không dấu",
        ),
        (
            "  - id: employment\n",
            "  - id: Employment\n",
            "indicators.0.id: use only lower-case letters without accents, digits and underscores",
            "indicators.0.id: chỉ dùng chữ thường không dấu, chữ số và dấu gạch dưới",
        ),
        (
            "valid_from: 2022-01-01\n",
            "valid_from: 01/01/2022\n",
            "valid_from: must be a date written YYYY-MM-DD (2026-01-31), not 01/01/2022",
            "valid_from: phải là ngày dạng YYYY-MM-DD",
        ),
    ],
    ids=["ruleset_id", "indicator_id", "date"],
)
def test_a_bad_id_or_date_says_in_english_what_is_expected_not_a_pattern(
    tmp_path: Path, old: str, new: str, en: str, vi: str
) -> None:
    """A ruleset id written 'Tinh B 2026' was said in English as pydantic's "id: String should match pattern
    '^[a-z0-9][a-z0-9._-]*$'" (an indicator id alike), and a date written 01/01/2022 as 'Input should be a valid
    date or datetime, invalid character in year', where Vietnamese says what to write. English says it too."""
    path, line = _variant(tmp_path, old, new)
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert err.line == line and err.reason.startswith(en), err.reason
    assert "should match pattern" not in err.reason and "Input should be" not in err.reason
    assert vi in err.in_lang("vi")


@pytest.mark.parametrize("name", ["status", "deprived", "household_id", "eligible_until", "floor_area", "local_status"])
def test_a_designation_named_as_a_column_of_the_file_or_the_results_is_refused(tmp_path: Path, name: str) -> None:
    """A designation becomes a column of its own; one written with the id ``status`` (or ``deprived``,
    ``household_id`` …) passed ``rulesets check``, and classifying with it overwrote that column: every
    household's status was written '0', its list of deprivations '0', its household code '0'. Such an id is now
    refused at its line, naming the column it would replace, in vi and en."""
    path, line = _variant(tmp_path, "  - id: low_income_worker\n", f"  - id: {name}\n")
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert err.line == line and err.reason.startswith(f"designations.{name}: ")
    assert f"the column {name}" in err.reason and f"cột {name}" in err.in_lang("vi")


def test_the_rules_layer_knows_every_column_a_designation_may_not_take() -> None:
    """The names a designation may not take (rules/fields.py COLUMN_NAMES) cover the household file's columns
    and the results' (data/schema.py, results/labels.py), which the rules layer may not import."""
    from poverty_rules.data.schema import COLUMN_ALIASES
    from poverty_rules.results.labels import RESULT_HEADERS
    from poverty_rules.rules.fields import COLUMN_NAMES, HOUSEHOLD_FIELDS

    assert {*COLUMN_ALIASES, *RESULT_HEADERS, *HOUSEHOLD_FIELDS} <= set(COLUMN_NAMES)


@pytest.mark.parametrize(
    ("old", "new", "meant"),
    [
        (POOR_WHEN, POOR_WHEN.replace("score_line", "score_lines"), "score_line"),
        (POOR_WHEN, POOR_WHEN + " and deprived_sanitaton", "deprived_sanitation"),
    ],
    ids=["parameter", "flag"],
)
def test_an_unknown_name_in_a_rule_says_the_name_meant(tmp_path: Path, old: str, new: str, meant: str) -> None:
    """A rule reading 'score_lines' (or 'deprived_sanitaton') was refused as "unknown name 'score_lines' in rule:
    … (known: inputs …, the parameters, derived values and deprived_<indicator> flags)", leaving the author to
    find the spelling among the file's names. The name meant is now said, in vi and en."""
    path, line = _variant(tmp_path, old, new)
    with pytest.raises(RulesetError) as info:
        load_file(path)
    err = info.value
    assert err.line == line and f"did you mean {meant}?" in err.reason
    assert f"viết nhầm {meant}?" in err.in_lang("vi")


def test_a_national_standard_leaving_a_gap_or_overlapping_is_said_in_the_language_asked_at_its_line() -> None:
    """A contributor's new national standard put in rulesets/ (vn-2031-2035 from 2032-01-01, or from 2030-06-01)
    stopped every command, under --lang vi too, with 'gap between vn-2027-2030 (valid to 2030-12-31) and …' in
    English, at no line of the file. It is now said in vi and en at the file's valid_from line."""
    a, b, c = available()
    later = _shifted(c, valid_from="2031-01-02", valid_to="2035-12-31").model_copy(update={"id": "vn-2031-2035"})
    with pytest.raises(RulesetError) as info:
        _check_periods([a, b, c, later])
    err = info.value
    assert err.line == c.line_of("valid_from") and err.file == c.source
    assert "gap between vn-2027-2030" in err.reason and "khoảng hở giữa vn-2027-2030" in err.in_lang("vi")
    assert "31/12/2030" in err.in_lang("vi") and "2030-12-31" in err.reason
    with pytest.raises(RulesetError) as info:
        _check_periods([a, _shifted(b, valid_from="2021-12-31"), c])
    assert "overlaps vn-2016-2021" in info.value.reason and "trùng với vn-2016-2021" in info.value.in_lang("vi")
    assert info.value.line == b.line_of("valid_from")


def test_no_standard_in_force_names_the_date_and_the_periods_not_the_packages_folder() -> None:
    """``--as-of 2015-12-31`` (before any national standard) was refused as "rulesets/: no national standard is
    in force on 2015-12-31 …", naming the package's rulesets/ folder as if it were a file the officer gave. It
    now says the date and the standards' periods alone, in vi and en."""
    with pytest.raises(RulesetError) as info:
        load_ruleset(as_of="2015-12-31")
    err = info.value
    assert str(err).startswith("no national standard is in force on 2015-12-31 (periods: vn-2016-2021 "), str(err)
    assert err.in_lang("vi").startswith("không có chuẩn quốc gia nào có hiệu lực vào ngày 31/12/2015 (các giai đoạn")
    assert "rulesets/" not in str(err) and "rulesets/" not in err.in_lang("vi")


# docs/standard.md, fact by fact (session 22's law audit): each number, boundary and confidence tag as the
# specification states it, for the bundled national standards. (value, tag); a value of two areas is
# (rural, urban). The boundaries (<= / < / >=) are checked by the scenario files at the line, one đồng or one
# point either side; here, that every number of the law is where the rules read it, with the tag the law has.
_STANDARD_MD: dict[str, dict[str, tuple[object, str]]] = {
    "vn-2016-2021": {  # §3
        "income_line": ((700_000, 900_000), "V"),
        "near_poor_line": ((1_000_000, 1_300_000), "V"),
        "deprivation_cutoff": (3, "V"),
        "average_line": ((1_500_000, 1_950_000), "P"),
        "health_insurance_age": (6, "U"),
        "adult_education_age_from": (15, "U"),
        "adult_education_age_to": (30, "U"),
        "schooling_age_from": (5, "U"),
        "schooling_age_to": (15, "U"),
        "housing_area_per_person": (8, "U"),
    },
    "vn-2022-2026": {  # §2.1, §2.2, §2.3
        "income_line": ((1_500_000, 2_000_000), "V"),
        "deprivation_cutoff": (3, "V"),
        "average_line": ((2_250_000, 3_000_000), "V"),
        "low_income_worker_line": ((2_250_000, 3_000_000), "V"),
        "score_line": ((140, 175), "V"),
        "score_deprivation_cutoff": (30, "V"),
        "score_points_per_indicator": (10, "V"),
        "dependency_share": (0.5, "P"),
        "dependency_child_age": (16, "U"),
        "nutrition_child_age": (16, "P"),
        "health_insurance_age": (6, "U"),
        "adult_education_age_from": (16, "U"),
        "adult_education_age_to": (30, "U"),
        "adult_education_upper_secondary_age": (18, "U"),
        "schooling_age_from": (3, "U"),
        "schooling_age_to": (16, "U"),
        "housing_non_durable_structures": (2, "U"),
        "housing_area_per_person": (8, "P"),
    },
    "vn-2027-2030": {  # §4: the lines V, no average band
        "income_line": ((2_200_000, 2_800_000), "V"),
        "deprivation_cutoff": (3, "V"),
    },
}
# §2.3: the twelve of 2022 (dependency's list U, so the indicator U); §3: the ten of 2016 (thresholds U);
# §4: the twelve of 2027 (P), the information dimension's two replaced by digital services, waste added.
_BOTH = ("health_insurance", "adult_education", "child_schooling", "housing_quality", "water", "sanitation")
_INDICATOR_TAGS = {
    "vn-2016-2021": dict.fromkeys(
        ("health_service_access", *_BOTH, "housing_area", "telecom", "information_assets"), "U"
    ),
    "vn-2022-2026": {
        **dict.fromkeys(("employment", "nutrition", "housing_area"), "P"),
        **dict.fromkeys(("dependency", *_BOTH, "telecom", "information_assets"), "U"),
    },
    "vn-2027-2030": dict.fromkeys(
        ("employment", "dependency", "nutrition", "housing_area", *_BOTH, "waste", "digital_services"), "P"
    ),
}
_PROGRAMMES = {  # §5: (months, regime from, regime to, tag)
    "vn-2016-2021": {
        "national_programme": (36, date(2016, 9, 2), date(2021, 12, 31), "U"),
        "policy_credit": (36, date(2016, 1, 1), None, "V"),
        "health_insurance_support": (60, date(2015, 1, 1), date(2025, 8, 14), "P"),
    },
    "vn-2022-2026": {
        "national_programme": (36, date(2022, 1, 18), None, "P"),
        "policy_credit": (36, date(2022, 1, 1), None, "V"),
        "health_insurance_support": (60, date(2015, 1, 1), date(2025, 8, 14), "P"),
    },
    "vn-2027-2030": {
        "national_programme": (36, date(2026, 1, 1), None, "U"),
        "policy_credit": (36, date(2027, 1, 1), None, "V"),
        "health_insurance_support": (60, date(2015, 1, 1), date(2025, 8, 14), "P"),
    },
}
_PERIODS = {  # §1
    "vn-2016-2021": (date(2016, 1, 1), date(2021, 12, 31)),
    "vn-2022-2026": (date(2022, 1, 1), date(2026, 12, 31)),
    "vn-2027-2030": (date(2027, 1, 1), date(2030, 12, 31)),
}


@pytest.mark.parametrize("name", sorted(_STANDARD_MD))
def test_every_number_and_tag_of_the_standard_is_in_its_ruleset(name: str) -> None:
    """docs/standard.md §1–§5, fact by fact: the period, each parameter's value (each area) and confidence tag,
    each indicator's tag, each programme's months, regime and tag — and nothing the law does not give (a
    parameter of the ruleset that docs/standard.md does not list is an assumption tagged U, never V or P)."""
    rs = load_ruleset(name)
    assert (rs.valid_from, rs.valid_to) == _PERIODS[name]
    for pid, (value, tag) in _STANDARD_MD[name].items():
        p = rs.parameters[pid]
        got = (p.for_area("rural"), p.for_area("urban")) if isinstance(value, tuple) else p.value
        assert (got, p.confidence) == (value, tag), pid
    assumed = {pid: p.confidence for pid, p in rs.parameters.items() if pid not in _STANDARD_MD[name]}
    assert set(assumed.values()) <= {"U"}, assumed  # the working ages that fill a blank cell: ours, not law
    assert {i.id: i.confidence for i in rs.indicators} == _INDICATOR_TAGS[name]
    got_programmes = {k: (p.months, p.valid_from, p.valid_to, p.confidence) for k, p in rs.programmes.items()}
    assert got_programmes == _PROGRAMMES[name]
