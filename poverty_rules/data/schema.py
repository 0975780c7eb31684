"""The household file's columns: canonical names and the spreadsheet headers that map onto them."""

from __future__ import annotations

from ..rules.model import Ruleset
from ..rules.registry import available
from ..vocabulary.text import fold

#: Vietnamese (and common English) spreadsheet headers of the household columns that are not law
#: (identity, place, income, score, history). The headers of each indicator's flag column are law
#: and live in the rulesets (``aliases:`` on each indicator). Matching folds case, spacing and
#: Vietnamese accents, so ``Mã hộ``, ``MÃ HỘ`` and ``ma ho`` all match.
COLUMN_ALIASES: dict[str, list[str]] = {
    "household_id": ["Mã hộ", "Mã hộ gia đình", "Mã số hộ", "household id", "hh_id"],
    "head_name": ["Họ tên chủ hộ", "Họ và tên chủ hộ", "Chủ hộ"],
    "village": ["Thôn", "Xóm", "Ấp", "Bản", "Thôn/xóm", "Thôn, xóm, ấp, bản", "Tổ dân phố", "village"],
    "commune": ["Xã", "Xã/phường", "Phường", "commune"],
    "province": ["Tỉnh", "Tỉnh/thành phố", "province"],
    "area": ["Khu vực", "Địa bàn", "area"],
    "income_per_capita": [
        "Thu nhập bình quân",
        "Thu nhập bình quân đầu người",
        "Thu nhập bình quân đầu người/tháng",
        "income",
    ],
    "score_a": ["Điểm A", "Tổng điểm A", "score A"],
    "previous_status": ["Tình trạng năm trước", "Phân loại năm trước", "Kết quả năm trước"],
    "escaped_on": ["Ngày thoát nghèo", "Ngày công nhận thoát nghèo"],
    "farm_household": ["Hộ nông nghiệp", "Hộ làm nông, lâm, ngư nghiệp, diêm nghiệp"],
}


def header_aliases(ruleset: Ruleset | None = None) -> dict[str, list[str]]:
    """Canonical column -> headers: :data:`COLUMN_ALIASES` plus each indicator's ``aliases:`` in
    ``ruleset`` (``deprived_<id>``); without a ruleset, the indicators of every bundled national
    standard (an indicator id means the same column in each)."""
    out = {k: list(v) for k, v in COLUMN_ALIASES.items()}
    for rs in [ruleset] if ruleset is not None else available():
        for ind in rs.indicators:
            known = out.setdefault(ind.column, [])
            known.extend(a for a in ind.aliases if a not in known)
    return out


def canonical_headers(headers: list[str], ruleset: Ruleset | None = None) -> dict[str, str]:
    """Map each input header that names a known column onto its canonical name (see
    :func:`header_aliases` for the headers known with and without a ``ruleset``)."""
    aliases = header_aliases(ruleset)
    index = {fold(alias): canonical for canonical, names in aliases.items() for alias in names}
    index.update({fold(canonical): canonical for canonical in aliases})
    mapping: dict[str, str] = {}
    for h in headers:
        canonical = h if h.startswith("deprived_") else index.get(fold(h))
        if canonical and canonical not in mapping.values():
            mapping[h] = canonical
    return mapping


# --------------------------------------------------------------------------- reading
