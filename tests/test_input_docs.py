"""docs/input.md's header-alias table is the one the reader uses (HEADER_ALIASES)."""

from __future__ import annotations

import re
from pathlib import Path

from poverty_rules.data.schema import COLUMN_ALIASES, canonical_headers, header_aliases, header_score
from poverty_rules.engine.standards import load_ruleset
from poverty_rules.rules.bundled import (
    BUNDLED,
    indicator_aliases,
    national_designations,
    national_files,
    national_indicator_aliases,
    national_indicator_labels,
    period,
)
from poverty_rules.rules.fields import COLUMN_NAMES
from poverty_rules.rules.registry import available, load_file
from poverty_rules.vocabulary.text import fold

DOC = Path(__file__).resolve().parent.parent / "docs" / "input.md"


def _documented_aliases() -> dict[str, str]:
    rows = {}
    section = DOC.read_text(encoding="utf-8").split("## Header aliases", 1)[1].split("\n## ", 1)[0]
    for line in section.splitlines():
        m = re.match(r"\| `([a-z_]+)` \| (.+?) \|$", line)
        if m:
            rows[m.group(1)] = m.group(2)
    return rows


def test_every_alias_in_code_and_rulesets_is_documented_for_its_column() -> None:
    documented = _documented_aliases()
    aliases_known = header_aliases()
    assert set(documented) == set(aliases_known)
    for canonical, aliases in aliases_known.items():
        for alias in aliases:
            assert alias in documented[canonical], f"{alias!r} ({canonical}) missing from docs/input.md"


def test_vietnamese_headers_map_whatever_case_and_accents() -> None:
    mapping = canonical_headers(["MÃ HỘ", "khu vuc", "Thu nhập bình quân", "Điểm A", "Bảo hiểm y tế", "Ghi chú"])
    assert mapping == {
        "MÃ HỘ": "household_id",
        "khu vuc": "area",
        "Thu nhập bình quân": "income_per_capita",
        "Điểm A": "score_a",
        "Bảo hiểm y tế": "deprived_health_insurance",
    }


def test_indicator_headers_come_from_the_ruleset() -> None:
    assert not any(name.startswith("deprived_") for name in COLUMN_ALIASES)
    rs = load_ruleset("vn-2027-2030")
    assert canonical_headers(["Rác thải", "Phương tiện phục vụ tiếp cận thông tin"], rs) == {
        "Rác thải": "deprived_waste"
    }
    older = load_ruleset("vn-2022-2026")
    assert canonical_headers(["Dịch vụ viễn thông"], older) == {"Dịch vụ viễn thông": "deprived_telecom"}


def test_bundled_headers_read_without_the_model_are_the_validated_rulesets() -> None:
    """The indicator headers the readers know before the engine loads (rules/bundled.py, read from the
    YAML without pydantic) are exactly those of every bundled standard validated by the full model,
    in the same order, so the header index (which header names which column) is the same: one truth."""
    files = national_files([BUNDLED])
    assert len(files) == len(available()) >= 3
    for path in files:
        rs = load_file(path)
        assert indicator_aliases(path) == [(ind.column, ind.aliases) for ind in rs.indicators], path.name
    validated = [(ind.column, tuple(ind.aliases)) for rs in available() for ind in rs.indicators]
    assert list(national_indicator_aliases()) == validated
    merged = {k: list(v) for k, v in COLUMN_ALIASES.items()}
    for column, aliases in validated:
        merged.setdefault(column, []).extend(a for a in aliases if a not in merged[column])
    labels = [(ind.column, (ind.label.vi, ind.label.en)) for rs in available() for ind in rs.indicators]
    assert list(national_indicator_labels()) == labels
    designations = [(d.id, d.label.vi, d.label.en) for rs in available() for d in rs.designations]
    assert list(national_designations()) == designations and designations  # results/tables.py's earlier columns
    assert [period(path) for path in sorted(files, key=lambda p: str(period(p)))] == [
        (rs.valid_from, rs.valid_to) for rs in available()
    ]  # the standard in force is found by these periods, only its file loaded (rules/registry.py)
    for column, names in labels:  # an indicator's own name, unless already some column's header
        for name in names:
            if fold(name) not in {fold(h) for c, hs in merged.items() for h in (c, *hs)} | {*map(fold, COLUMN_NAMES)}:
                merged[column].append(name)
    assert header_aliases() == merged
    index = {fold(a): c for c, names in merged.items() for a in names} | {fold(c): c for c in merged}
    assert all(canonical_headers([h]) == {h: column} for h, column in index.items())
    assert all(header_score([h]) == 1 for h in index)


def test_a_2027_file_headed_with_the_indicators_names_reads_digital_services() -> None:
    """A 2027 review file headed with each indicator's name as the ruleset labels it (`Sử dụng dịch vụ
    số, internet`, the name of NĐ 351/2025's indicator) read every mark but that one: the header was not
    among digital_services' aliases, so the mark was unknown for every household (a note) and a household
    with two other deprivations, deprived of digital services too, was undetermined instead of poor."""
    rs = load_ruleset("vn-2027-2030")
    labels = [ind.label.vi for ind in rs.indicators]
    assert canonical_headers(labels, rs) == {ind.label.vi: ind.column for ind in rs.indicators}
