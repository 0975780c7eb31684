"""Vietnamese and English words for statuses, paths, areas and input fields.

These are the words of the review forms (Quyết định 24/2021/QĐ-TTg; Thông tư 07/2021/TT-BLĐTBXH),
not rules: the rules and their parameters' labels live in the rulesets.
"""

from __future__ import annotations

Lang = str  # "vi" or "en"

STATUS = {
    "poor": {"vi": "Hộ nghèo", "en": "Poor household"},
    "near_poor": {"vi": "Hộ cận nghèo", "en": "Near-poor household"},
    "average": {"vi": "Hộ có mức sống trung bình", "en": "Household with an average living standard"},
    "not_poor": {"vi": "Hộ không nghèo", "en": "Not poor"},
    "undetermined": {"vi": "Chưa xác định", "en": "Undetermined"},
}
PATH = {
    "income": {"vi": "theo thu nhập bình quân", "en": "by measured income"},
    "score": {"vi": "theo điểm A, B của phiếu rà soát", "en": "by the review's scores A and B"},
}
AREA = {"rural": {"vi": "nông thôn", "en": "rural"}, "urban": {"vi": "thành thị", "en": "urban"}}
FIELD = {
    "income_per_capita": {"vi": "thu nhập bình quân đầu người", "en": "per-capita income"},
    "score_a": {"vi": "điểm A", "en": "score A"},
    "deprivation_count": {"vi": "số chỉ số thiếu hụt", "en": "number of deprivations"},
    "area": {"vi": "khu vực", "en": "area"},
}
KNOWN = {
    True: {"vi": "có {field}", "en": "{field} given"},
    False: {"vi": "không có {field}", "en": "no {field}"},
}
OPERATOR = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "=", "!=": "≠"}
WORDS = {
    "reference": {"vi": "Căn cứ", "en": "Reference"},
    "confidence": {"vi": "độ tin cậy", "en": "confidence"},
    "needs": {"vi": "cần bổ sung", "en": "needs"},
    "could_be": {"vi": "có thể là", "en": "could be"},
    "or": {"vi": "hoặc", "en": "or"},
    "none": {"vi": "không có", "en": "none"},
    "unknown": {"vi": "chưa rõ", "en": "unknown"},
}


def status_label(status: str, lang: Lang) -> str:
    return STATUS[status][lang]


def number(value: float, lang: Lang, decimals: int = 0) -> str:
    """A number as written in the language: 1.500.000,5 (vi) or 1,500,000.5 (en)."""
    text = f"{value:,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text
