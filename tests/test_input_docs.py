"""docs/input.md's header-alias table is the one the reader uses (HEADER_ALIASES)."""

from __future__ import annotations

import re
from pathlib import Path

from poverty_rules.data.schema import COLUMN_ALIASES, canonical_headers, header_aliases
from poverty_rules.engine.standards import load_ruleset

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
