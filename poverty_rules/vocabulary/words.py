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


#: Transitions between two reviews; the Vietnamese names are those of the review forms (standard.md §5).
TRANSITION: dict[str, dict[str, str]] = {
    "unchanged": {"vi": "Không đổi", "en": "Unchanged"},
    "newly_poor": {"vi": "Nghèo phát sinh", "en": "Newly poor"},
    "relapsed_poor": {"vi": "Tái nghèo", "en": "Relapsed into poverty"},
    "escaped_poverty": {"vi": "Thoát nghèo", "en": "Escaped poverty"},
    "escaped_near_poverty": {"vi": "Thoát cận nghèo", "en": "Escaped near-poverty"},
    "newly_near_poor": {"vi": "Cận nghèo phát sinh", "en": "Newly near-poor"},
    "relapsed_near_poor": {"vi": "Tái cận nghèo", "en": "Relapsed into near-poverty"},
    "first_review": {"vi": "Rà soát lần đầu", "en": "First review"},
}
#: Sections of a ruleset (``rulesets diff`` and ``rulesets show``).
RULESET_SECTION = {
    "validity": {"vi": "Hiệu lực", "en": "Validity"},
    "parameters": {"vi": "Tham số (chuẩn, ngưỡng)", "en": "Parameters (lines, cutoffs)"},
    "indicators": {"vi": "Chỉ số thiếu hụt", "en": "Indicators"},
    "derived": {"vi": "Giá trị suy ra", "en": "Derived values"},
    "classes": {"vi": "Phân loại (thứ tự thử)", "en": "Classes (order tried)"},
    "designations": {"vi": "Đánh dấu bổ sung", "en": "Designations"},
    "programmes": {"vi": "Thời hạn hỗ trợ", "en": "Programme windows"},
    "not_defined": {"vi": "Không quy định", "en": "Not defined"},
}
#: Words of ``rulesets diff``.
DIFF = {
    "same": {"vi": "Không có thay đổi.", "en": "No changes."},
    "months": {"vi": "tháng", "en": "months"},
    "order": {"vi": "thứ tự các lớp đã thay đổi", "en": "the order of the classes changed"},
}
#: Words of ``poverty-rules explain`` (the chain of rules that fired).
EXPLAIN = {
    "household": {"vi": "Hộ", "en": "Household"},
    "standard": {"vi": "Chuẩn áp dụng", "en": "Standard applied"},
    "facts": {"vi": "Thông tin của hộ", "en": "What the record says"},
    "chain": {"vi": "Các quy tắc đã áp dụng, theo thứ tự", "en": "The rules that fired, in order"},
    "deprived": {"vi": "Thiếu hụt", "en": "Deprived"},
    "value": {"vi": "Tính được", "en": "Derived"},
    "formula": {"vi": "công thức", "en": "formula"},
    "rule": {"vi": "quy tắc", "en": "rule"},
    "compare": {"vi": "So sánh", "en": "Compared"},
    "result": {"vi": "Kết luận", "en": "Conclusion"},
    "summary": {"vi": "Tóm lại", "en": "In short"},
    "true": {"vi": "đúng", "en": "true"},
    "false": {"vi": "sai", "en": "false"},
    "unknown": {"vi": "chưa rõ", "en": "unknown"},
    "yes": {"vi": "có", "en": "yes"},
    "no": {"vi": "không", "en": "no"},
    "none": {"vi": "không có chỉ số nào", "en": "none"},
    "from": {"vi": "đến", "en": "to"},
}
#: Words of ``rulesets list`` and ``rulesets show``.
RULESETS = {
    "national": {"vi": "Chuẩn quốc gia", "en": "National standards"},
    "local": {"vi": "Chuẩn địa phương (áp dụng thêm trên chuẩn quốc gia)", "en": "Local standards (overlays)"},
    "none": {"vi": "(không có)", "en": "(none)"},
    "example": {"vi": "ví dụ", "en": "example"},
    "extends": {"vi": "mở rộng", "en": "extends"},
    "valid": {"vi": "hiệu lực", "en": "valid"},
    "classes": {"vi": "Phân loại (lớp đầu tiên thỏa mãn quyết định)", "en": "Classes (first match wins)"},
    "months": {"vi": "tháng", "en": "months"},
    "by": {"vi": "theo", "en": "by"},
    "when": {"vi": "khi", "en": "when"},
}
#: The total row of the movements and eligible tables.
TOTAL = {"vi": "Tổng cộng", "en": "Total"}
#: Column headers of the review's movements table.
MOVEMENT = {
    "village": {"vi": "Thôn", "en": "Village"},
    "households": {"vi": "Số hộ rà soát", "en": "Reviewed"},
    "start": {"vi": "Đầu kỳ", "en": "Start"},
    "new": {"vi": "Phát sinh", "en": "New"},
    "relapsed": {"vi": "Tái", "en": "Relapsed"},
    "from_poor": {"vi": "Từ nghèo", "en": "From poor"},
    "escaped": {"vi": "Thoát", "en": "Escaped"},
    "other": {"vi": "Ra khác", "en": "Other exits"},
    "end": {"vi": "Cuối kỳ", "en": "End"},
    "rate": {"vi": "Tỷ lệ %", "en": "Rate %"},
}
#: The two lists the review recognizes.
LIST = {"poor": {"vi": "Nghèo", "en": "Poor"}, "near_poor": {"vi": "Cận nghèo", "en": "Near-poor"}}
#: Column headers of the ``eligible`` table.
ELIGIBLE_HEADERS = {
    "vi": ("Thôn", "Mã hộ", "Ngày thoát nghèo", "Hết hạn", "Còn (ngày)"),
    "en": ("Village", "Household", "Escaped on", "Eligible until", "Days left"),
}
#: Words of the commands' summaries on stderr.
CLI = {
    "households": {"vi": "hộ", "en": "households"},
    "classified": {"vi": "đã phân loại", "en": "classified"},
    "rejected_see": {"vi": "bị loại, xem", "en": "rejected, see"},
    "seconds": {"vi": "giây", "en": "s"},
    "not_reviewed": {"vi": "hộ chưa rà soát", "en": "not reviewed"},
    "months": {"vi": "tháng", "en": "months"},
}


def status_label(status: str, lang: Lang) -> str:
    return STATUS[status][lang]


def number(value: float, lang: Lang, decimals: int = 0) -> str:
    """A number as written in the language: 1.500.000,5 (vi) or 1,500,000.5 (en)."""
    text = f"{value:,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text
