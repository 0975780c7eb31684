"""Vietnamese and English words for statuses, paths, areas and input fields.

These are the words of the review forms (Quyết định 24/2021/QĐ-TTg; Thông tư 07/2021/TT-BLĐTBXH),
not rules: the rules and their parameters' labels live in the rulesets.
"""

from __future__ import annotations

import errno
import functools
import numbers
import os
import re
import shlex
from collections.abc import Sequence
from datetime import date

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

#: The units a ruleset's parameters are counted in (their ``unit:``, written in English in the YAML),
#: in Vietnamese for what ``rulesets show`` and ``rulesets diff`` print (tests/test_rulesets.py checks
#: that every unit of the bundled rulesets is here).
UNITS = {
    "VND/person/month": "đồng/người/tháng",
    "VND/person/year": "đồng/người/năm",
    "years": "tuổi",  # every parameter counted in years is an age
    "months": "tháng",
    "points": "điểm",
    "indicators": "chỉ số",
    "m²/person": "m²/người",
    "share of members": "tỷ lệ thành viên",
    "structures": "kết cấu",
}


def unit(text: str, lang: str) -> str:
    """A parameter's unit as the language writes it (a unit not in :data:`UNITS` as it is written)."""
    return UNITS.get(text, text) if lang == "vi" else text


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
    "and": {"vi": "và", "en": "and"},
    "not": {"vi": "không phải", "en": "not"},
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
    # r2
    "dimensions": {"vi": "Chiều thiếu hụt", "en": "Dimensions"},
}
#: Words of ``rulesets diff``.
DIFF = {
    "same": {"vi": "Không có thay đổi.", "en": "No changes."},
    "months": {"vi": "tháng", "en": "months"},
    "order": {"vi": "thứ tự các lớp đã thay đổi", "en": "the order of the classes changed"},
    # effect of a change for households (docs/rulesets.md, "Local standards")
    "stricter": {"vi": "↑ chặt hơn: bao phủ nhiều hộ hơn", "en": "↑ stricter: covers more households"},
    "looser": {"vi": "↓ lỏng hơn: bao phủ ít hộ hơn", "en": "↓ looser: covers fewer households"},
    "mixed": {
        "vi": "↕ khu vực này chặt hơn, khu vực kia lỏng hơn",
        "en": "↕ stricter in one area, looser in the other",
    },
    "looser_note": {
        "vi": "Lưu ý: {b} lỏng hơn {a} (bao phủ ít hộ hơn) ở: {where}.",
        "en": "Note: {b} is looser than {a} (covers fewer households) on: {where}.",
    },
    # p4: a support window changed both ways (more months, a regime ended earlier …)
    "mixed_window": {
        "vi": "↕ chặt hơn về mặt này, lỏng hơn về mặt khác",
        "en": "↕ stricter in one way, looser in another",
    },
}
#: What changed in an item (``rulesets diff``'s "(threshold; reference)"), by its key in the ruleset.
DIFF_KEY = {
    "value": {"vi": "giá trị", "en": "value"},
    "reference": {"vi": "căn cứ", "en": "reference"},
    "confidence": {"vi": "độ tin cậy", "en": "confidence"},
    "unit": {"vi": "đơn vị", "en": "unit"},
    "label": {"vi": "tên", "en": "label"},
    "dimension": {"vi": "chiều", "en": "dimension"},
    "threshold": {"vi": "ngưỡng thiếu hụt", "en": "threshold"},
    "deprived_when": {"vi": "thiếu hụt khi", "en": "deprived when"},
    "formula": {"vi": "công thức", "en": "formula"},
    "when": {"vi": "điều kiện", "en": "condition"},
    "months": {"vi": "số tháng", "en": "months"},
    "valid_from": {"vi": "áp dụng từ", "en": "valid from"},
    "valid_to": {"vi": "áp dụng đến", "en": "valid to"},
    "serves": {"vi": "đối tượng", "en": "serves"},
    # p4: a designation's first day and its note
    "applies_from": {"vi": "áp dụng từ ngày", "en": "applies from"},
    "note": {"vi": "ghi chú", "en": "note"},
}
#: Messages about the local classification beside the national one (``--local``, issue #12).
LOCAL = {
    "unread_reason": {
        "vi": "Chuẩn địa phương {id} không đọc được hộ này ({reason}): hộ chỉ được phân loại theo chuẩn quốc gia.",
        "en": "The local standard {id} cannot read this household ({reason}): it is classified by the national "
        "standard only.",
    },
    "note": {"vi": "theo chuẩn địa phương {id}: {message}", "en": "by the local standard {id}: {message}"},
    "for_local": {
        "vi": "chuẩn địa phương {id} không đọc được tệp (chuẩn quốc gia thì đọc được): {message}",
        "en": "the local standard {id} cannot read the file (the national standard can): {message}",
    },
    "out_of_period": {
        "vi": "chuẩn địa phương {id} áp dụng từ {start} đến {end}; ngày rà soát là {day}: "
        "hãy cho {option} trong khoảng đó",
        "en": "local standard {id} applies from {start} to {end}; the review date is {day}: "
        "give {option} inside that period",
    },
    "unread_first": {
        "vi": " (dòng đầu tiên như vậy: dòng {row}: {reason})",
        "en": " (the first: row {row}: {reason})",
    },
    "unread_rows": {
        "vi": "{n} dòng đã phân loại theo chuẩn quốc gia nhưng chuẩn địa phương {id} không đọc được: "
        "các cột local_* để trống",
        "en": "{n:row|rows} classified by the national standard could not be read by the local standard {id}: "
        "their local_* columns are empty",
    },
}
#: Words of ``poverty-rules explain`` (the chain of rules that fired).
EXPLAIN = {
    "household": {"vi": "Hộ", "en": "Household"},
    "standard": {"vi": "Chuẩn áp dụng", "en": "Standard applied"},
    "local": {"vi": "Phân loại theo chuẩn địa phương", "en": "Classification by the local standard"},
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
    "commune_code": {"vi": "mã xã", "en": "commune code"},
    "no_commune": {"vi": "không ghi xã", "en": "no commune given"},
    # where a mark came from, with a members file (flag_sources), and the members behind a derived one
    "given_mark": {"vi": "ghi trong tệp hộ", "en": "as marked in the household file"},
    "from_household": {"vi": "suy ra từ thông tin của hộ", "en": "derived from the household's fields"},
    "from_members": {"vi": "suy ra từ danh sách thành viên", "en": "derived from the members list"},
    "members_meeting": {"vi": "thành viên", "en": "member"},
    "members_unsure": {"vi": "chưa đủ thông tin về thành viên", "en": "not enough information on member"},
    "no_member_rows": {"vi": "không có dòng thành viên nào", "en": "no member rows"},
    "member_row": {"vi": "dòng {row}", "en": "row {row}"},
    "member_aged": {"vi": "{age} tuổi", "en": "aged {age}"},
    "member_aged_either": {
        "vi": "{age} hoặc {oldest} tuổi — chỉ biết năm sinh",
        "en": "aged {age} or {oldest} — year of birth only",
    },
    # a rule worded for its reader (rules.expressions.Wording): "thu nhập … > Mức sống trung bình và …"
    "and": {"vi": "và", "en": "and"},
    "or": {"vi": "hoặc", "en": "or"},
    "not": {"vi": "không phải", "en": "not"},
    # h3: the movement since the last review and the support window, when the file says the previous status
    "movement": {
        "vi": "Diễn biến so với lần rà soát trước (ngày rà soát {day})",
        "en": "Movement since the last review (review date {day})",
    },
    "previous": {"vi": "Tình trạng ở lần rà soát trước", "en": "Status at the last review"},
    "none_recorded": {"vi": "không ghi", "en": "none recorded"},
    "status_now": {"vi": "Tình trạng nay", "en": "Status now"},
    "transition": {"vi": "Diễn biến", "en": "Movement"},
    "undecided": {"vi": "chưa xác định được", "en": "cannot be decided"},
    "escaped_on": {"vi": "Ngày công nhận thoát nghèo", "en": "Escape from poverty recognized on"},
    "this_review": {"vi": "lần rà soát này", "en": "this review"},
    "window": {
        "vi": "{label} ({months} tháng kể từ ngày công nhận thoát nghèo)",
        "en": "{label} ({months} months from the recognition of the escape)",
    },
    "window_open": {"vi": "còn hưởng đến hết ngày {day}", "en": "eligible through {day}"},
    "window_closed": {"vi": "đã hết, ngày cuối cùng là {day}", "en": "ended, its last day was {day}"},
    "window_later": {
        "vi": "chưa bắt đầu: ngày công nhận sau ngày rà soát",
        "en": "not begun: the escape is recognized after the review date",
    },
    # the lead: an escape the file records without the date it was recognized (F4's finding)
    "window_no_date": {
        "vi": "chưa tính được: tệp ghi hộ đã thoát nghèo nhưng không ghi ngày công nhận thoát nghèo (cột Ngày thoát "
        "nghèo / escaped_on), ngày bắt đầu thời hạn",
        "en": "cannot be worked out: the file records an escape from poverty but not the day it was recognized "
        "(column escaped_on / Ngày thoát nghèo), the day the window starts",
    },
    "window_poor": {"vi": "không còn: hộ lại là hộ nghèo", "en": "none: the household is poor again"},
    "window_undetermined": {
        "vi": "chưa xác định được: tình trạng nay chưa xác định",
        "en": "cannot be decided: the status now is undetermined",
    },
    # h3: a designation the household holds (low-income worker, Nghị định 30/2025), as classify marks it
    "designation": {"vi": "Đánh dấu bổ sung", "en": "Also marked"},
    # f2: a mark derived from the household's fields and the number of member rows (floor area a person)
    "from_both": {
        "vi": "suy ra từ thông tin của hộ và danh sách thành viên ({count} thành viên)",
        "en": "derived from the household's fields and the members list ({count:member|members})",
    },
    # f2: the member rows of a code the household file uses in several communes (the members naming none)
    "member_rows_shared": {
        "vi": "{count} dòng thành viên mã {code} không được tính: mã hộ này có ở nhiều xã trong tệp hộ mà danh "
        "sách thành viên không ghi xã",
        "en": "{count:member row|member rows} of code {code} not counted: the household file uses the code in "
        "several communes and the members list names none",
    },
    # f4: an undetermined household's conclusion: the class rules that could still decide it
    "still_open": {"vi": "Còn có thể theo quy tắc {rules}", "en": "It could still be decided by rule {rules}"},
    # f4: a reviewed file's movement and support window as its review recorded them (from the history)
    "recorded": {
        "vi": "theo kết quả rà soát ghi trong tệp, từ lịch sử rà soát",
        "en": "as the review recorded it in the file, from the review history",
    },
    # p4: no window because the programme's regime had ended, or it does not serve the status now
    "window_regime_ended": {
        "vi": "không có: hộ được công nhận thoát nghèo sau khi chế độ kết thúc ({end})",
        "en": "none: the escape was recognized after the regime ended ({end})",
    },
    "window_not_served": {
        "vi": "không có: chương trình không hỗ trợ {status} (chỉ hỗ trợ {serves})",
        "en": "none: the programme does not serve {status} (it serves {serves})",
    },
    # g4: a local standard run alone that drops the national programme's window (remove: true)
    "window_dropped": {
        "vi": "Thời hạn hỗ trợ hộ mới thoát nghèo: không có: {id} bỏ chương trình quốc gia (national_programme)",
        "en": "Support window for a recently escaped household: none: {id} drops the national programme "
        "(national_programme)",
    },
    # r2: persons(member) read the household's own number of persons (no member rows)
    "from_size": {
        "vi": "suy ra từ thông tin của hộ và số nhân khẩu của hộ ({size} người, cột household_size; hộ không có "
        "dòng thành viên)",
        "en": "derived from the household's fields and its number of persons ({size}, household_size; the household "
        "has no member rows)",
    },
}
#: Where a mark came from (``flag_sources``: given, derived, unknown), as a labelled result says it.
FLAG_SOURCE = {
    "given": {"vi": "theo tệp hộ", "en": "given"},
    "derived": {"vi": "suy ra", "en": "derived"},
    "unknown": {"vi": "chưa rõ", "en": "unknown"},
}
#: What a members column's cells must be (docs/members.md), said in the note on its unreadable cells.
MEMBER_EXPECTED = {
    "birth_date/age": {
        "vi": "ngày sinh dạng YYYY-MM-DD, DD/MM/YYYY hoặc DD-MM-YYYY, không sau ngày rà soát "
        "(hoặc năm sinh bốn chữ số, ở cột riêng Năm sinh, không sau năm rà soát; hoặc tuổi: số năm tròn, "
        "khi không có ngày sinh), cho tuổi không quá {oldest} vào ngày rà soát",
        "en": "a birth date YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY, not after the review date "
        "(or a year of birth of four digits in a column of its own, Năm sinh or birth_year, not after the "
        "review year; or an age in completed years where there is no birth date), giving an age of at most "
        "{oldest} on the review date",
    },
    "flag": {"vi": "1/0, có/không, x (có) hoặc để trống", "en": "1/0, yes/no, có/không, x (yes) or blank"},
    "sex": {"vi": "nam/nữ", "en": "male/female (nam/nữ)"},
    "employment": {
        "vi": "một trong: có việc làm, thất nghiệp, không tham gia lực lượng lao động",
        "en": "employed, unemployed, not_in_labour_force (có việc làm, thất nghiệp, không tham gia lực lượng lao động)",
    },
    "highest_qualification": {
        "vi": "một trong: không, tiểu học, THCS, THPT, nghề (sơ cấp, trung cấp), cao đẳng, đại học",
        "en": "none, primary, lower_secondary, upper_secondary, vocational, college_or_higher "
        "(không, tiểu học, THCS, THPT, nghề, sơ cấp, trung cấp, cao đẳng, đại học)",
    },
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
    "when": {"vi": "khi", "en": "when"},
    # r2
    "rule_text": {"vi": "quy tắc", "en": "rule"},
    # d4
    "removed": {
        "vi": "Bỏ so với chuẩn gốc (mục, căn cứ)",
        "en": "Removed from the base (entry, reference)",
    },
    # p4
    "regime_ended": {
        "vi": "chế độ {start} … {end}: hộ được công nhận thoát nghèo sau {end} không được hưởng; "
        "hỗ trợ hộ nay là: {serves}",
        "en": "regime {start} … {end}: an escape recognized after {end} opens no window; serves: {serves}",
    },
    "regime_open": {
        "vi": "chế độ từ {start}, chưa rõ ngày kết thúc; hỗ trợ hộ nay là: {serves}",
        "en": "regime from {start}, no end known; serves: {serves}",
    },
    "applies_from": {
        "vi": "đánh dấu từ {day} (các lần rà soát trước ngày này để trống cột)",
        "en": "given from {day} (reviews before it leave the column empty)",
    },
    "one_area": {"vi": "(chỉ {area}; {other} giữ như {base})", "en": "({area} only; {other} as in {base})"},
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
    # d6
    "undetermined": {"vi": "Chưa xác định", "en": "Undetermined"},
    # g5: the near-poor households that became poor (R3 column 3), apart from the other exits
    "to_poor": {"vi": "Sang nghèo", "en": "Became poor"},
}
#: The two lists the review recognizes.
LIST = {"poor": {"vi": "Nghèo", "en": "Poor"}, "near_poor": {"vi": "Cận nghèo", "en": "Near-poor"}}
#: Column headers of the ``eligible`` table.
ELIGIBLE_HEADERS = {
    "vi": ("Thôn", "Mã hộ", "Ngày thoát nghèo", "Hưởng đến hết ngày", "Còn (ngày)"),
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
    "error": {"vi": "lỗi", "en": "error"},
    "note": {"vi": "lưu ý", "en": "note"},
    "ruleset_out_of_period": {
        "vi": "bộ quy tắc {id} áp dụng từ {start} đến {end}, không phải ngày rà soát {day} (chuẩn đang hiệu lực "
        "ngày đó: {current}): kết quả theo {id} như đã yêu cầu bằng --ruleset",
        "en": "ruleset {id} applies from {start} to {end}, not on the review date {day} (the standard in force "
        "that day: {current}): the results follow {id}, as --ruleset asked",
    },
    "reading": {"vi": "Đang đọc", "en": "Reading"},
    "classifying": {"vi": "Đang phân loại theo", "en": "Classifying with"},
    "writing": {"vi": "Đang ghi", "en": "Writing"},
    "reviewing": {"vi": "Đang rà soát", "en": "Reviewing"},
    "with": {"vi": "theo", "en": "with"},
    "version": {"vi": "{prog}, phiên bản {version}", "en": "{prog}, version {version}"},
    "interrupted": {
        "vi": "đã dừng theo yêu cầu (Ctrl-C hoặc tín hiệu dừng) trước khi xong: không tệp nào bị ghi dở và lịch "
        "sử không ghi lần chạy dở này; hãy chạy lại lệnh",
        "en": "stopped on request (Ctrl-C or a stop signal) before the end: no file was left half-written and the "
        "history does not record the unfinished run; run the command again",
    },
    "unexpected": {
        "vi": "lỗi ngoài dự kiến ({what}). Lần chạy đã dừng; hãy báo cho nhóm phát triển "
        "poverty-rules kèm câu lệnh đã chạy và dòng này",
        "en": "unexpected failure ({what}). The run stopped; please report it to the poverty-rules maintainers "
        "with the command you ran and this line",
    },
    # r2
    "household": {"vi": "hộ", "en": "household"},
    # r4
    "reporting": {"vi": "Đang lập báo cáo", "en": "Writing the report"},
}


def status_label(status: str, lang: Lang) -> str:
    return STATUS[status][lang]


def number(value: float, lang: Lang, decimals: int = 0) -> str:
    """A number as written in the language: 1.500.000,5 (vi) or 1,500,000.5 (en)."""
    text = f"{value:,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


#: Messages to the officer: errors, notes and reject reasons, each in both languages. ``{file}``,
#: ``{row}``, ``{column}`` … are filled by :func:`msg`; user text goes in as it is (never markup).
MESSAGES: dict[str, dict[str, str]] = {
    # files that cannot be read (exit 2)
    "file_not_found": {"vi": "{file}: không tìm thấy tệp", "en": "{file}: file not found"},
    "is_folder": {"vi": "{file}: đây là thư mục, không phải tệp", "en": "{file}: is a folder, not a file"},
    "cannot_open": {"vi": "{file}: không mở được tệp ({why})", "en": "{file}: cannot be opened ({why})"},
    "empty_file": {"vi": "{file}: tệp rỗng, không có dòng tiêu đề", "en": "{file}: the file is empty (no header row)"},
    "review_no_rows": {
        "vi": "{file}: tệp chỉ có dòng tiêu đề, không có dòng hộ nào để rà soát; không ghi tệp nào, lịch sử giữ nguyên",
        "en": "{file}: the file has its header row but no household rows to review; no file written, the history "
        "is unchanged",
    },
    "binary_file": {
        "vi": "{file}: không phải tệp văn bản hay bảng tính đọc được (CSV, Excel, ODS, Parquet)",
        "en": "{file}: not a text file or a spreadsheet this tool reads (CSV, Excel, ODS, Parquet)",
    },
    "bad_encoding": {
        "vi": "{file}: bảng mã '{value}' không được hỗ trợ; dùng một trong: {allowed}",
        "en": "{file}: encoding '{value}' is not supported; use one of: {allowed}",
    },
    "encoding_guess": {
        "vi": "{file}: tệp không phải UTF-8; đã đọc theo bảng mã {encoding} (tiếng Việt). "
        "Nếu chữ bị sai, dùng --encoding",
        "en": "{file}: not UTF-8; read as {encoding} (Vietnamese). If letters look wrong, use --encoding",
    },
    "legacy_font": {
        "vi": "{file}: dòng {row}: tệp được gõ bằng bảng mã cũ {font}, không phải Unicode (đọc theo {font} thì thấy "
        "{headers}). Hãy chuyển tệp sang Unicode (ví dụ công cụ chuyển mã của Unikey: từ {font} sang Unicode) "
        "rồi chạy lại",
        "en": "{file}: row {row}: the file is typed in the old {font} encoding, not Unicode (read as {font} it has "
        "{headers}). Convert it to Unicode (e.g. with Unikey's converter, from {font} to Unicode) and run again",
    },
    "n_legacy_cells": {
        "vi": "{file}: cột {column}: có ô được gõ bằng bảng mã cũ {font}, không phải Unicode (ví dụ 'nông thôn' "
        "thành 'n«ng th«n' hay 'noâng thoân'), nên bị loại. Hãy chuyển tệp sang Unicode (ví dụ công cụ chuyển mã của "
        "Unikey: từ {font} sang Unicode) rồi chạy lại",
        "en": "{file}: column {column}: some cells are typed in the old {font} encoding, not Unicode ('nông thôn' "
        "as 'n«ng th«n' or 'noâng thoân'), and are rejected. Convert the file to Unicode (e.g. with Unikey's "
        "converter, from {font} to Unicode) and run again",
    },
    "encoding_unsure": {
        "vi": "{file}: tệp không phải UTF-8 và không rõ bảng mã; đã đọc theo {encoding}. Hãy kiểm tra chữ có dấu; "
        "nếu sai, dùng --encoding cp1258 (Windows-1258) hoặc lưu lại dưới dạng 'CSV UTF-8'",
        "en": "{file}: not UTF-8 and the encoding is unsure; read as {encoding}. Check the accented letters; if they "
        "are wrong, use --encoding cp1258 (Windows-1258) or save the file as 'CSV UTF-8'",
    },
    "not_encoding_at": {
        "vi": "{file}: dòng {row}, cột {column}: ô '{value}' có chữ không đọc được theo bảng mã {encoding}. Sửa ô đó, "
        "lưu lại dưới dạng 'CSV UTF-8' hoặc chỉ rõ --encoding",
        "en": "{file}: row {row}, column {column}: the cell '{value}' has letters that cannot be read as {encoding}. "
        "Correct that cell, save the file as 'CSV UTF-8' or give --encoding",
    },
    "no_utf16_bom": {
        "vi": "{file}: tệp không bắt đầu bằng dấu BOM của UTF-16 nên không đọc được theo --encoding utf-16; "
        "dùng --encoding utf-16-le hoặc utf-16-be, hoặc bỏ --encoding để tự nhận biết bảng mã",
        "en": "{file}: the file does not start with a UTF-16 byte order mark, so --encoding utf-16 cannot read it; "
        "give --encoding utf-16-le or utf-16-be, or leave --encoding out to detect the encoding",
    },
    "not_encoding": {
        "vi": "{file}: không đọc được theo bảng mã {encoding} (byte {at}). Lưu lại dưới dạng 'CSV UTF-8' "
        "hoặc chỉ rõ --encoding",
        "en": "{file}: cannot be read as {encoding} (byte {at}). Save it as 'CSV UTF-8' or give --encoding",
    },
    "too_many_columns": {
        "vi": "{file}: dòng {row}: {count} cột, nhiều hơn giới hạn {limit}",
        "en": "{file}: row {row}: {count} columns, more than the limit of {limit}",
    },
    "long_header": {
        "vi": "{file}: dòng {row}, cột {column}: ô tiêu đề dài hơn {limit} ký tự",
        "en": "{file}: row {row}, column {column}: the header cell is longer than {limit} characters",
    },
    "long_cell": {
        "vi": '{file}: có ô dài hơn {limit} ký tự; kiểm tra dấu ngoặc kép (") trong tệp',
        "en": '{file}: a cell is longer than {limit} characters; check the quotes (") in the file',
    },
    "duplicate_header": {
        "vi": "{file}: dòng {row}: cột '{header}' xuất hiện hai lần (cột {first} và {second})",
        "en": "{file}: row {row}: column '{header}' appears twice (columns {first} and {second})",
    },
    "same_column": {
        "vi": "{file}: hai cột '{first}' và '{second}' cùng là {column}; xóa hoặc đổi tên một cột",
        "en": "{file}: columns '{first}' and '{second}' both mean {column}; remove or rename one of them",
    },
    "no_header": {
        "vi": "{file}: không tìm thấy dòng tiêu đề (ví dụ Mã hộ, Khu vực). Xem docs/input.md",
        "en": "{file}: no header row found (e.g. household_id, area / Mã hộ, Khu vực). See docs/input.md",
    },
    "cannot_read_text": {
        "vi": "{file}: không đọc được tệp văn bản: có ký tự lạ (như ký tự NUL của tệp nhị phân) hoặc dấu ngoặc "
        "kép không đóng",
        "en": "{file}: cannot be read ({why})",
    },
    "no_sheet": {
        "vi": "{file}: không có trang tính '{sheet}'; các trang: {sheets}",
        "en": "{file}: no sheet '{sheet}'; the sheets are: {sheets}",
    },
    "sheet_not_workbook": {
        "vi": "{file}: không có trang tính '{sheet}': tệp này không phải bảng tính (--sheet chỉ dùng cho tệp .xlsx, "
        ".xlsm, .xls, .ods); bỏ --sheet để đọc cả tệp",
        "en": "{file}: no sheet '{sheet}': the file is not a workbook (--sheet is for .xlsx, .xlsm, .xls, .ods "
        "files); leave out --sheet to read the whole file",
    },
    "no_members_sheet": {
        "vi": "{file}: không trang tính nào có tiêu đề của danh sách thành viên (household_id hoặc Mã hộ cùng "
        "birth_date, sex, has_health_insurance …: docs/members.md); các trang: {sheets}",
        "en": "{file}: no sheet is headed as a members list (household_id or Mã hộ with birth_date, sex, "
        "has_health_insurance …: docs/members.md); the sheets are: {sheets}",
    },
    "sheet_used": {
        "vi": "{file}: đã đọc trang tính '{sheet}' (các trang: {sheets}); chọn trang khác bằng --sheet",
        "en": "{file}: read sheet '{sheet}' (sheets: {sheets}); choose another with --sheet",
    },
    "password": {
        "vi": "{file}: bảng tính có mật khẩu; hãy bỏ mật khẩu rồi thử lại",
        "en": "{file}: the workbook is password-protected; remove the password and try again",
    },
    "bad_spreadsheet": {
        "vi": "{file}: không đọc được bảng tính: tệp bị hỏng, chưa lưu xong, hoặc không thật là tệp .xlsx, .xls "
        "hay .ods (hãy mở bằng Excel rồi lưu lại)",
        "en": "{file}: the spreadsheet cannot be read: the file is damaged, was not completely saved, or is not "
        "really an .xlsx, .xls or .ods file (open it in Excel and save it again)",
    },
    "bad_parquet": {
        "vi": "{file}: không đọc được tệp Parquet: tệp bị hỏng hoặc không phải tệp Parquet",
        "en": "{file}: cannot be read as Parquet: the file is damaged or is not a Parquet file",
    },
    "dask_spreadsheet": {
        "vi": "{file}: --dask không đọc bảng tính, chỉ đọc tệp CSV (dòng tiêu đề ở dòng 1) và tệp Parquet; "
        "hãy chạy không có --dask, hoặc lưu tệp thành CSV hay Parquet (docs/scale.md)",
        "en": "{file}: --dask does not read spreadsheets, only CSV (with the header in row 1) and Parquet; "
        "run without --dask, or save the file as CSV or Parquet (docs/scale.md)",
    },
    "numeric_codes": {
        "vi": "{file}: cột {column} lưu mã dạng số, không phải dạng chữ: mã có số 0 ở đầu (03001) được đọc là "
        "3001, nên không khớp với cùng mã ghi dạng chữ trong lịch sử rà soát hay ở tệp khác; hãy lưu các mã dạng chữ",
        "en": "{file}: column {column} stores its codes as numbers, not text: a code with leading zeros (03001) "
        "is read as 3001, so it does not match the same code written as text in the review history or another "
        "file; store the codes as text",
    },
    "dask_connect": {
        "vi": "--dask {address}: không kết nối được với bộ lập lịch Dask ở địa chỉ này; hãy kiểm tra địa chỉ và "
        "bộ lập lịch đang chạy (dask scheduler), hoặc dùng --dask local (docs/scale.md)",
        "en": "--dask {address}: no Dask scheduler answers at this address; check the address and that the "
        "scheduler is running (dask scheduler), or use --dask local (docs/scale.md)",
    },
    "dask_address": {
        "vi": "--dask {address}: không phải địa chỉ của bộ lập lịch Dask; hãy cho tcp://MÁY:CỔNG (ví dụ "
        "tcp://10.0.0.5:8786) hoặc local (docs/scale.md)",
        "en": "--dask {address}: not a Dask scheduler's address; give tcp://HOST:PORT (e.g. tcp://10.0.0.5:8786) "
        "or local (docs/scale.md)",
    },
    "dask_extra": {
        "vi": "--dask cần gói Dask đi kèm: pip install 'poverty-rules[dask]' (docs/scale.md)",
        "en": "--dask needs the Dask extra: pip install 'poverty-rules[dask]' (docs/scale.md)",
    },
    "dask_title_rows": {
        "vi": "{file}: dòng tiêu đề là dòng {row}; --dask chỉ đọc tệp CSV có dòng tiêu đề ở dòng 1: "
        "hãy chạy không có --dask, hoặc xoá các dòng phía trên dòng tiêu đề (docs/scale.md)",
        "en": "{file}: the header is row {row}; --dask reads CSV only with the header in row 1: "
        "run without --dask, or delete the rows above the header (docs/scale.md)",
    },
    "blank_rows": {
        "vi": "{file}: bỏ qua {count} dòng trống",
        "en": "{file}: {count:empty row|empty rows} skipped",
    },
    "header_at": {
        "vi": "{file}: dòng tiêu đề là dòng {row}; các dòng phía trên được bỏ qua",
        "en": "{file}: the header is row {row}; the rows above it are skipped",
    },
    # h2
    "compressed_file": {
        "vi": "{file}: tệp nén {kind}, chương trình không tự giải nén loại này (chỉ đọc tệp nén gzip, .csv.gz): "
        "hãy giải nén rồi đưa tệp bên trong",
        "en": "{file}: a {kind}-compressed file, which this tool does not decompress (it reads gzip, .csv.gz, "
        "only): decompress it and give the file inside",
    },
    "zip_archive": {
        "vi": "{file}: tệp nén ZIP chứa {inside}, không phải bảng tính Excel hay ODS: "
        "hãy giải nén rồi đưa tệp bên trong",
        "en": "{file}: a ZIP archive holding {inside}, not an Excel or ODS workbook: extract it and give the file "
        "inside",
    },
    "not_regular_file": {
        "vi": "{file}: không phải tệp thường trên đĩa (một đường ống như <(zcat …) hay một thiết bị), chương trình "
        "cần đọc lại từ đầu: hãy ghi ra một tệp rồi đưa tệp đó",
        "en": "{file}: not an ordinary file on disk (a pipe such as <(zcat …), or a device), which this tool must "
        "read from its start more than once: write it to a file and give that file",
    },
    "xlsx_cells_cut": {
        "vi": "{file}: {count} ô dài hơn {limit} ký tự (giới hạn một ô của Excel) đã bị cắt ngắn trong tệp này; "
        "ghi ra .csv hoặc .parquet để giữ nguyên",
        "en": "{file}: {count:cell|cells} longer than {limit} characters (Excel's limit for a cell) cut short "
        "in this file; write .csv or .parquet to keep them whole",
    },
    # g7
    "rejects_removed": {
        "vi": "{file}: không dòng nào bị loại lần này; tệp dòng bị loại của lần chạy trước đã được xóa",
        "en": "{file}: no row is rejected this time; the earlier run's rejects file was removed",
    },
    "xlsx_cells_replaced": {
        "vi": "{file}: {count} ô có ký tự điều khiển (mã dưới 32, Excel không chứa được) đã được ghi thành \ufffd "
        "trong tệp này; ghi ra .csv hoặc .parquet để giữ nguyên",
        "en": "{file}: {count:cell|cells} held control characters (codes under 32, which Excel cannot hold), written "
        "as \ufffd in this file; write .csv or .parquet to keep them as they are",
    },
    "explain_file_review_date": {
        "vi": "{file}: tệp đã rà soát, giải thích theo ngày rà soát ghi trong tệp ({day}); --as-of để chọn ngày khác",
        "en": "{file}: a reviewed file, explained as of the review date it gives ({day}); --as-of chooses another",
    },
    "dask_parquet_only": {
        "vi": "{file}: --dask ghi một thư mục dữ liệu Parquet, không ghi được tệp {ext}: hãy đặt tên .parquet "
        "(hoặc chạy không có --dask để có tệp {ext})",
        "en": "{file}: --dask writes a Parquet dataset (a folder), not a {ext} file: name it .parquet (or run "
        "without --dask for a {ext} file)",
    },
    # d5
    "hh_record": {
        "vi": "hộ {household}: {complaints}",
        "en": "household {household}: {complaints}",
    },
    "hh_not_number": {
        "vi": "{field}: phải là số (ví dụ 1500000 hoặc 1.500.000), nhận được {value}",
        "en": "{field}: expected a number (e.g. 1500000 or 1.500.000), got {value}",
    },
    "hh_not_day": {
        "vi": "{field}: phải là ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY, nhận được {value}",
        "en": "{field}: expected a date as YYYY-MM-DD or DD/MM/YYYY, got {value}",
    },
    "hh_not_mark": {
        "vi": "{field}: phải là {flags} hoặc để trống (chưa rõ), nhận được {value}",
        "en": "{field}: expected {flags} or empty (unknown), got {value}",
    },
    "hh_unknown_indicator": {
        "vi": "deprived: không có chỉ số {unknown} trong các bộ quy tắc; các chỉ số là {known}",
        "en": "deprived: unknown indicator {unknown}; the rulesets' indicators are {known}",
    },
    "hh_not_indicator": {
        "vi": "deprived: {unknown} không phải chỉ số của {names}; các chỉ số của nó là {known}",
        "en": "deprived: {unknown} is not an indicator of {names}; its indicators are {known}",
    },
    "hh_other_household": {
        "vi": "members[{i}]: household_id {code} không phải mã của hộ này ({household}); cho mỗi hộ các thành viên "
        "của hộ đó (hoặc để trống household_id của họ)",
        "en": "members[{i}]: household_id {code} is not this household's {household}; give each household its own "
        "members (or leave their household_id empty)",
    },
    "hh_birth_date_number": {
        "vi": "birth_date: phải là ngày (YYYY-MM-DD, DD/MM/YYYY hoặc DD-MM-YYYY), nhận được số {value}",
        "en": "birth_date: expected a date (YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY), got the number {value}",
    },
    "frame_column_levels": {
        "vi": "{name}: các cột của bảng có {levels} tầng tiêu đề (MultiIndex, ví dụ {example}): cần một tiêu đề "
        "cho mỗi cột, ví dụ df.columns = df.columns.get_level_values(-1)",
        "en": "{name}: the table's columns have {levels} header levels (a MultiIndex, e.g. {example}): give one "
        "header per column, e.g. df.columns = df.columns.get_level_values(-1)",
    },
    "nul_in_cell": {
        "vi": "{file}: dòng {row}, cột {column}: ô có ký tự NUL (byte 0): tệp bị hỏng hoặc không phải tệp văn bản; "
        "sửa ô đó rồi lưu lại dưới dạng CSV",
        "en": "{file}: row {row}, column {column}: the cell holds a NUL character (byte 0): the file is damaged or "
        "not a text file; correct that cell and save the file as CSV again",
    },
    # e3
    "arg_one_of": {
        "vi": "{name}: phải là một trong {allowed}, nhận được {value}",
        "en": "{name}: expected one of {allowed}, got {value}",
    },
    "arg_not_date": {
        "vi": "{name}phải là ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY, nhận được {value}",
        "en": "{name}expected a date as YYYY-MM-DD or DD/MM/YYYY, got {value}",
    },
    "arg_not_bool": {
        "vi": "{name}: phải là True hoặc False, nhận được {value}",
        "en": "{name}: expected True or False, got {value}",
    },
    "arg_not_members": {
        "vi": "members: phải là một DataFrame hoặc một pyarrow Table, nhận được {kind}",
        "en": "members: expected a DataFrame or pyarrow Table, got {kind}",
    },
    "arg_not_ruleset": {
        "vi": "{name}: phải là một Ruleset, một mã hoặc một đường dẫn, nhận được {kind}",
        "en": "{name}: expected a Ruleset, an id or a path, got {kind}",
    },
    "arg_not_frame": {
        "vi": "households: phải là một pandas DataFrame, nhận được {kind}",
        "en": "households: expected a pandas DataFrame, got {kind}",
    },
    "arg_not_household": {
        "vi": "household: phải là một poverty_rules.Household (pr.Household(**row)), nhận được {kind}",
        "en": "household: expected a poverty_rules.Household (pr.Household(**row)), got {kind}",
    },
    "arg_not_record": {
        "vi": "household: phải là một pr.Household, một dict hoặc một dòng của bảng (pd.Series), nhận được {kind}",
        "en": "household: expected a pr.Household, a dict or a table's row (pd.Series), got {kind}",
    },
    "arg_not_changes": {
        "vi": "changes: phải là một dict trường → giá trị mới ({{'income_per_capita': 2100000}}), nhận được {kind}",
        "en": "changes: expected a dict of field → new value ({{'income_per_capita': 2100000}}), got {kind}",
    },
    "arg_dask_members": {
        "vi": "members: đường Dask chỉ phân loại hộ, không nhận tệp thành viên (docs/scale.md)",
        "en": "members: the Dask path classifies households only (docs/scale.md)",
    },
    "arg_not_change": {
        "vi": "changes: {name} không phải chỉ số của {ruleset} cũng không phải trường của hồ sơ hộ; "
        "các chỉ số của nó: {ids}",
        "en": "changes: {name} is not an indicator of {ruleset} nor a field of the household record; "
        "its indicators are {ids}",
    },
    # f3
    "choose_from": {"vi": "{message} Chọn một trong: {choices}.", "en": "{message} Choose from: {choices}."},
    "nul_in_parquet_cell": {
        "vi": "{file}: dòng {row}, cột {column}: ô có ký tự NUL (byte 0), ký tự không có trong văn bản; "
        "hãy sửa ô đó trong dữ liệu nguồn rồi ghi lại tệp Parquet",
        "en": "{file}: row {row}, column {column}: the cell holds a NUL character (byte 0), which no text holds; "
        "correct that cell in the source data and write the Parquet file again",
    },
    # f1
    "sheet_hidden": {"vi": "{sheet} (ẩn: chỉ chọn theo tên)", "en": "{sheet} (hidden: chosen by its name only)"},
    "uncomputed_formulas": {
        "vi": "{file}: {count} ô có công thức chưa được tính (ô đầu tiên: {cell}): tệp do một chương trình ghi ra, "
        "chưa được Excel tính lại, nên ô không có giá trị và được đọc là công thức của nó (hộ có ô như vậy ở cột "
        "số hay cột chỉ số thiếu hụt bị loại). Hãy mở tệp bằng Excel, lưu lại rồi chạy lại",
        "en": "{file}: {count:cell holds|cells hold} a formula never computed (the first: {cell}): the file was "
        "written by a program and never recalculated by Excel, so a cell has no value and is read as its formula "
        "(a household with one in a number or mark column is rejected). Open the file in Excel, save it and run "
        "again",
    },
    "lost_letters": {
        "vi": "{file}: dòng {row}: các chữ tiếng Việt của tệp đã bị thay bằng dấu '?' ({headers}): Excel đã lưu tệp "
        "CSV theo bảng mã của Windows, không giữ được các chữ đó (tên chủ hộ, khu vực … cũng mất). Hãy mở lại tệp "
        "Excel gốc và lưu bằng 'CSV UTF-8 (Comma delimited)', hoặc dùng thẳng tệp .xlsx",
        "en": "{file}: row {row}: the file's Vietnamese letters were replaced by '?' ({headers}): Excel saved the "
        "CSV in Windows' code page, which cannot hold them (the heads' names, areas … are lost too). Open the "
        "original workbook again and save it as 'CSV UTF-8 (Comma delimited)', or use the .xlsx itself",
    },
    # f5
    "dask_header_rows": {
        "vi": "{file}: dòng tiêu đề gồm dòng {first} đến dòng {last} (tiêu đề hai tầng, hoặc dòng đánh số cột); "
        "--dask chỉ đọc tệp CSV có dòng tiêu đề là một dòng, ở dòng 1: hãy chạy không có --dask, hoặc viết "
        "dòng tiêu đề thành một dòng (docs/scale.md)",
        "en": "{file}: the header takes rows {first} to {last} (a two-row header, or a row of column numbers); "
        "--dask reads CSV only with a header of one row, in row 1: run without --dask, or write the header "
        "as one row (docs/scale.md)",
    },
    "rep_unknown_persons": {
        "vi": "{file}: {count} hộ để trống số nhân khẩu (household_size), hộ đầu tiên là {id}: số nhân khẩu của "
        "các biểu và danh sách không tính các hộ này (không coi là 0 người), chỉ số AF theo nhân khẩu để các hộ "
        "này ra ngoài; hãy bổ sung số nhân khẩu",
        "en": "{file}: {count:household|households} with a blank household size (household_size), the first "
        "{id}: the persons of the forms and lists leave them out (not 0 persons), and the AF measures by person "
        "leave them out; fill in their sizes",
    },
    "rep_start_sizes": {
        "vi": "{form} ({list}), dòng Nhân khẩu: cột 1 (đầu kỳ) là {now} người, tính theo số nhân khẩu lần rà soát này "
        "ghi; lần rà soát trước ghi {before} người cho cùng các hộ ({count} hộ thay đổi số nhân khẩu), nên cột 1 khác "
        "cột 9 dòng Nhân khẩu của báo cáo lần trước: các cột 1 đến 9 cùng tính theo số nhân khẩu hiện nay để cột 9 = "
        "1 − 2 − 3 − 4 + 5 + 6 + 7 + 8 (docs/review.md)",
        "en": "{form} ({list}), Persons row: column 1 (start) is {now} persons, counted with this review's household "
        "sizes; the last review recorded {before} persons for the same households ({count:household|households} "
        "changed size), so column 1 differs from column 9 of the last report's Persons row: columns 1 to 9 all "
        "count today's sizes, so that column 9 = 1 − 2 − 3 − 4 + 5 + 6 + 7 + 8 (docs/review.md)",
    },
    "remote_input": {
        "vi": "{file}: đây là địa chỉ kho dữ liệu từ xa; lệnh chỉ đọc tệp trên ổ đĩa của máy này (hoặc ổ dùng chung "
        "mà mọi máy của cụm Dask đều thấy): hãy tải tệp về, hoặc mở bộ dữ liệu bằng Dask rồi đưa cho thư viện, "
        "ví dụ pr.classify_table(dd.read_parquet(…)) (docs/scale.md)",
        "en": "{file}: a remote storage address; the command reads files on this computer's disks (or a disk every "
        "machine of the Dask cluster sees) only: download the file, or open the dataset with Dask and give it "
        "to the library, e.g. pr.classify_table(dd.read_parquet(…)) (docs/scale.md)",
    },
    # p2
    "hh_same_field": {
        "vi": "{first} và {second} cùng là {field}; chỉ cho một trong hai",
        "en": "{first} and {second} both give {field}; give one of them",
    },
    # p1
    "dask_columns_differ": {
        "vi": "{file}: các cột không giống tệp đầu tiên của thư mục, {first}: {differences}; --dask đọc một thư mục "
        "mà mọi tệp có cùng các cột (thứ tự có thể khác): hãy cho các tệp cùng các cột, hoặc xử lý riêng tệp này "
        "(docs/scale.md)",
        "en": "{file}: its columns are not those of the folder's first file, {first}: {differences}; --dask reads a "
        "folder whose files all have the same columns (in any order): give the files the same columns, or run "
        "this file on its own (docs/scale.md)",
    },
    "columns_missing": {"vi": "thiếu {columns}", "en": "{columns} missing"},
    "columns_extra": {"vi": "thêm {columns}", "en": "{columns} not in it"},
    "dask_folder_not_parquet": {
        "vi": "{folder}: thư mục có tệp không phải Parquet ({file}); --dask đọc một tệp CSV, một tệp Parquet hoặc "
        "một thư mục chỉ gồm tệp Parquet: hãy ghép các tệp CSV thành một tệp (một dòng tiêu đề), hoặc lưu chúng "
        "thành Parquet, rồi chạy lại (docs/scale.md)",
        "en": "{folder}: the folder holds a file that is not Parquet ({file}); --dask reads a CSV file, a Parquet "
        "file or a folder of Parquet files only: join the CSV files into one (with one header), or save them as "
        "Parquet, and run again (docs/scale.md)",
    },
    "parquet_folder": {
        "vi": "{file}: là thư mục gồm các tệp Parquet (một bộ dữ liệu), không phải một tệp: hãy cho một tệp trong đó, "
        "hoặc phân loại cả thư mục bằng classify --dask (ví dụ --dask local) (docs/scale.md)",
        "en": "{file}: a folder of Parquet files (a dataset), not a file: give one of its files, or classify the "
        "whole folder with classify --dask (e.g. --dask local) (docs/scale.md)",
    },
    # t2
    "open_quote": {
        "vi": '{file}: dòng {row}, cột {column}: ô mở bằng dấu nháy kép (") mà không đóng lại ở cuối ô, nên {lines} '
        "dòng tiếp theo của tệp (từ dòng '{line}') bị đọc thành một ô này và các hộ ở đó sẽ không được phân loại "
        'cũng không bị loại. Hãy xóa dấu nháy đó, hoặc đóng nó lại (viết "" cho dấu nháy nằm trong ô), rồi chạy lại',
        "en": '{file}: row {row}, column {column}: a quote (") opens this cell and is not closed where the cell '
        "ends, so the next {lines} lines of the file (from the line '{line}') were read into this one cell, and "
        'their households would be neither classified nor rejected. Remove that quote, or close it ("" for a '
        "quote inside a cell), and run again",
    },
    "empty_path": {
        "vi": 'đường dẫn trống; hãy ghi tên tệp (một biến trong lệnh chưa có giá trị, như -o "$OUT"?)',
        "en": 'the path is empty; give a file name (a variable in the command left unset, as in -o "$OUT"?)',
    },
    "no_output_ext": {
        "vi": "{file}: tên tệp không có phần đuôi cho biết định dạng; hãy thêm một trong: {allowed} (ví dụ {example})",
        "en": "{file}: the name has no extension to tell the file's format; add one of: {allowed} (e.g. {example})",
    },
    # k3
    "arg_not_table": {
        "vi": "{name}: phải là một pandas DataFrame (hoặc một dask.dataframe) các hộ đã phân loại, nhận được {kind}",
        "en": "{name}: expected a pandas DataFrame (or a dask.dataframe) of classified households, got {kind}",
    },
    "frame_header_in_row": {
        "vi": "{file}: tiêu đề của bảng không nằm ở tên cột ({columns}) mà ở dòng df.iloc[{position}] ({headers}), "
        "như khi tệp có dòng tên danh sách ở trên dòng tiêu đề: hãy đọc lại tệp với header={header}, ví dụ "
        "pd.read_excel(tệp, header={header}), hoặc df.columns = df.iloc[{position}]; df = df.iloc[{after}:]",
        "en": "{file}: the table's header is not its column names ({columns}) but its row df.iloc[{position}] "
        "({headers}), as when a file has a title above its header row: read the file again with header={header}, "
        "e.g. pd.read_excel(path, header={header}), or df.columns = df.iloc[{position}]; df = df.iloc[{after}:]",
    },
    "af_unknown_marks": {
        "vi": "{file}: {count} hộ có chỉ số chưa rõ (dấu thiếu hụt để trống), hộ đầu tiên là {id}: các chỉ số AF "
        "để các hộ này ra ngoài N (chỉ tính các hộ biết đủ mọi chỉ số, như mpitb); hãy bổ sung các dấu đó",
        "en": "{file}: {count:household|households} with an unknown indicator (a blank deprivation mark), the "
        "first {id}: the AF measures leave them out of N (only households with every indicator known count, as "
        "in mpitb); fill in their marks",
    },
    "af_none_chosen": {
        "vi": "{name}: hãy chọn ít nhất một trong {allowed} (danh sách đã cho trống)",
        "en": "{name}: give at least one of {allowed} (the list given is empty)",
    },
    # k2
    "zero_tail": {
        "vi": "{file}: tệp kết thúc bằng {count} byte 0 sau dòng {line}, không phải chữ: tệp chưa được lưu hoặc chép "
        "hết (các dòng cuối có thể đã mất); hãy chép lại tệp từ nơi đã lập (hoặc lưu lại) rồi chạy lại",
        "en": "{file}: the file ends in {count:zero byte|zero bytes} after its line {line}, not text: it was not "
        "saved or copied completely (its last rows may be lost); copy it again from where it was made (or save it "
        "again) and run again",
    },
    # n2
    "sheets_many_members": {
        "vi": "{file}: {count} trang tính đều là danh sách thành viên ({sheets}), mỗi lần chạy chỉ đọc một trang: "
        "thành viên ở các trang khác sẽ bị bỏ sót, các chỉ số suy từ thành viên của hộ họ thành chưa rõ. Hãy chép "
        "các danh sách thành viên vào một trang rồi chạy lại, hoặc chọn một trang bằng --members-sheet (ví dụ "
        "--members-sheet '{first}'); không ghi tệp nào",
        "en": "{file}: {count} sheets are members lists ({sheets}), and a run reads one sheet: the members of the "
        "others would be left out, their households' marks derived from members unknown. Copy the members lists "
        "onto one sheet and run again, or choose one sheet with --members-sheet (e.g. --members-sheet '{first}'); "
        "no file written",
    },
    "forced_but_utf8": {
        "vi": "{file}: tệp được lưu theo UTF-8 (như 'CSV UTF-8' của Excel), không phải bảng mã {encoding}: "
        "bỏ --encoding {encoding} (hoặc dùng --encoding utf-8) rồi chạy lại; các ô của tệp không có gì phải sửa",
        "en": "{file}: the file is saved as UTF-8 (as Excel's 'CSV UTF-8'), not in the {encoding} encoding: "
        "leave out --encoding {encoding} (or give --encoding utf-8) and run again; nothing in its cells needs "
        "correcting",
    },
    # u3 (session 22): the command line's refusals of a wrong option or value
    "value_meant": {"vi": "{message} Có phải ý bạn là '{meant}'?", "en": "{message} Did you mean '{meant}'?"},
    "value_dashed": {
        "vi": "{message} Nếu {value} là một giá trị (mã hộ bắt đầu bằng dấu -), hãy ghi -- trước nó: -- {value}",
        "en": "{message} If {value} is a value (a household code beginning with -), write -- before it: -- {value}",
    },
    "cli_file_unreadable": {
        "vi": "{file}: không có quyền đọc tệp này; hãy xin quyền đọc, hoặc chép tệp vào một thư mục của mình, rồi "
        "chạy lại",
        "en": "{file}: no permission to read this file; get read access, or copy the file into a folder of your own, "
        "and run again",
    },
    "cli_folder_unreadable": {
        "vi": "{file}: không có quyền đọc thư mục này; hãy xin quyền đọc, hoặc chép thư mục vào chỗ của mình, rồi "
        "chạy lại",
        "en": "{file}: no permission to read this folder; get read access, or copy the folder somewhere of your own, "
        "and run again",
    },
}


#: The values of messages that are counts (``{count} dòng``, ``{n} hộ``, ``quá giới hạn {limit}``): a whole
#: number given for one of them is written as :func:`number` writes it (1.500 / 1,500), as the run's summary
#: writes its counts. A row, a line, a year or an id (``{row}``, ``{line}``, ``{id}`` …) is never grouped.
_COUNTS = frozenset({"count", "n", "limit", "shown", "rows", "reviews", "cells"})


class _Counted(str):
    """A count as a message writes it (``1.500``), which the message may follow with the noun that agrees with
    it: ``{count:row|rows}`` gives ``1 row``, ``3 rows`` (a count given as text is read back for its number)."""

    value: int | None

    def __new__(cls, text: str, value: object) -> _Counted:
        made = super().__new__(cls, text)
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            made.value = int(value)
        else:
            digits = re.sub(r"[.,\s]", "", str(value))
            made.value = int(digits) if digits.isdigit() else None
        return made

    def __format__(self, spec: str) -> str:
        if "|" not in spec:
            return super().__format__(spec)
        one, _, many = spec.partition("|")
        return f"{self} {one if self.value == 1 else many}"


def counted(value: int, lang: Lang) -> str:
    """``value`` as a message's count in ``lang`` (``1.500``), for a message filled without :func:`msg`: its
    ``{n:row|rows}`` then names the noun that agrees with it."""
    return _Counted(number(value, lang), value)


def column_list(columns: Sequence[str]) -> dict[str, str]:
    """Columns named in a message, in each language: ``column status``, ``columns status and deprived``
    (``cột status``, ``cột status và deprived``)."""
    names = [str(c) for c in columns]
    listed = {"vi": names[0], "en": names[0]} if len(names) == 1 else {}
    if len(names) > 1:
        listed = {"vi": f"{', '.join(names[:-1])} và {names[-1]}", "en": f"{', '.join(names[:-1])} and {names[-1]}"}
    return {"vi": f"cột {listed['vi']}", "en": f"{'column' if len(names) == 1 else 'columns'} {listed['en']}"}


def row_list(rows: Sequence[int | str], total: int | None = None) -> dict[str, str]:
    """Rows named in a message, in each language: ``row 3``, ``rows 3 and 5``, ``rows 3, 5 and 7`` (``dòng 3``,
    ``dòng 3, 5 và 7``); ``total`` rows of which ``rows`` are the first: ``rows 3, 5, 7 and 9 more``. A row given
    as text is shown as it is (``[Thôn 2] 7``: a row of a workbook read with ``--sheet all``)."""
    shown = [r if isinstance(r, str) else str(int(r)) for r in rows]
    more = (total or len(shown)) - len(shown)
    if more > 0:
        return {
            "vi": f"dòng {', '.join(shown)} và {number(more, 'vi')} dòng khác",
            "en": f"rows {', '.join(shown)} and {number(more, 'en')} more",
        }
    if len(shown) == 1:
        return {"vi": f"dòng {shown[0]}", "en": f"row {shown[0]}"}
    head, last = ", ".join(shown[:-1]), shown[-1]
    return {"vi": f"dòng {head} và {last}", "en": f"rows {head} and {last}"}


def msg(key: str, lang: Lang, /, **values: object) -> str:
    """The message ``key`` in ``lang`` (English for a language without it), filled with ``values``
    (a date written as the language writes it: 31/12/2026 or 2026-12-31; a count as it writes a
    number: 1.500 or 1,500)."""
    texts = MESSAGES[key]
    shown = {k: _in_lang(v, lang, count=k in _COUNTS) for k, v in values.items()}
    shown = {k: _Counted(v, values[k]) if k in _COUNTS and isinstance(v, str) else v for k, v in shown.items()}
    template, commanded = _in_command(texts.get(lang, texts["en"]))
    for name in commanded:  # a file's name given as an option's value (-o {file}): as it is typed in a shell
        value = shown.get(name)
        if isinstance(value, str):
            shown[f"{name}{_AS_TYPED}"] = value if isinstance(value, AsTyped) else shell_word(str(value))
    return template.format(**shown)


#: Placeholders that hold one file's, sheet's or ruleset's name, which a message may write after an option as
#: a command to type (``-o {folder}``, ``--db {db}``, ``--sheet {sheet}``): written as :func:`shell_word` there.
_SHELL_VALUES = ("db", "file", "wanted", "folder", "workbook", "page", "sheet", "name")
_AS_TYPED = "__as_typed"
_OPTION_VALUE = re.compile(r"(?<![\w-])(-[a-zA-Z]|--[a-z][a-z-]*) \{(" + "|".join(_SHELL_VALUES) + r")\}")


@functools.cache
def _in_command(template: str) -> tuple[str, tuple[str, ...]]:
    """``template`` with each name placeholder written after an option (``-o {file}``) renamed to take the name as
    typed in a shell (``-o {file__as_typed}``), and the names so renamed; ``{file}`` elsewhere (``{file}: …``)
    is left as it is."""
    names = tuple(dict.fromkeys(m.group(2) for m in _OPTION_VALUE.finditer(template)))
    if not names:
        return template, ()
    return _OPTION_VALUE.sub(lambda m: f"{m.group(1)} {{{m.group(2)}{_AS_TYPED}}}", template), names


#: Characters a name may hold and still be typed bare in every shell (letters of any script, digits, _@%+=:,./-;
#: a backslash too on Windows, where it parts folders).
_BARE = re.compile(r"[\w@%+=:,./\\-]+" if os.name == "nt" else r"[\w@%+=:,./-]+")


class AsTyped(str):
    """A value a message writes after an option already as it is typed in a shell (``"bao cao" --format csv``: a
    name quoted by :func:`shell_word` and the option that goes with it), which :func:`msg` writes as it is."""


def shell_word(name: str) -> str:
    """``name`` (a file's) as a message writes it in a command to type: bare when it can be (``bao_cao.xlsx``),
    else in double quotes (``"bao cao.xlsx"``), which cmd, PowerShell, bash and zsh all read as one word; on a
    POSIX system a name holding a character double quotes do not protect there (``$ ` \\ " !``) in single quotes
    (:func:`shlex.quote`), as those shells take it (docs/architecture.md, "Choices and why")."""
    if name and _BARE.fullmatch(name):
        return name
    if os.name != "nt" and any(c in name for c in '$`\\"!'):
        return shlex.quote(name)
    return f'"{name}"'


_ESCAPED_BYTES = re.compile("[\udc80-\udcff]")


def printable(text: str | os.PathLike[str]) -> str:
    """A text or path as it can be printed: the bytes of a file name that are not UTF-8 (a name from a
    Windows zip, ``h\xf4.csv``), which Python keeps as ``\udcf4``, shown as ``\xf4``."""
    text = os.fspath(text)
    if text.isascii() or not _ESCAPED_BYTES.search(text):
        return text
    return _ESCAPED_BYTES.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)


def _in_lang(value: object, lang: Lang, count: bool = False) -> object:
    """A message's value as ``lang`` says it: a date in its order, a count (``count``: a whole number)
    with its thousands grouped, a value given in each language (``{"vi": …, "en": …}``, e.g.
    :func:`os_reasons`) in that one, a text or path :func:`printable`, anything else as it is."""
    if isinstance(value, str | os.PathLike):
        return printable(value)
    if isinstance(value, date):
        return day(value, lang)
    if count and isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return number(int(value), lang)
    if isinstance(value, dict) and "en" in value:
        return value.get(lang, value["en"])
    return value


#: What the operating system said when a file could not be opened, read or written, by its error number.
OS_REASONS: dict[int, dict[str, str]] = {
    errno.ENOENT: {"vi": "không có tệp hay thư mục này", "en": "no such file or directory"},
    errno.EACCES: {"vi": "không có quyền truy cập", "en": "permission denied"},
    errno.EPERM: {"vi": "không được phép", "en": "operation not permitted"},
    errno.EROFS: {"vi": "ổ đĩa chỉ cho đọc, không cho ghi", "en": "read-only file system"},
    errno.ENOSPC: {"vi": "đĩa đã hết chỗ trống", "en": "no space left on device"},
    errno.EISDIR: {"vi": "đây là một thư mục", "en": "is a directory"},
    errno.ENOTDIR: {"vi": "một phần của đường dẫn không phải thư mục", "en": "a part of the path is not a directory"},
    errno.ELOOP: {"vi": "các liên kết trỏ vòng vào nhau", "en": "too many levels of symbolic links"},
    errno.ENAMETOOLONG: {"vi": "tên tệp quá dài", "en": "file name too long"},
    errno.EBUSY: {"vi": "tệp đang bị chương trình khác dùng", "en": "the file is busy"},
    errno.EDQUOT: {"vi": "vượt hạn mức dung lượng đĩa", "en": "disk quota exceeded"},
    errno.EIO: {"vi": "lỗi đọc ghi của thiết bị", "en": "input/output error"},
    errno.EFBIG: {
        "vi": "tệp vượt quá kích thước tệp lớn nhất hệ thống cho phép",
        "en": "the file is larger than the system allows a file to be",
    },
}


#: Why SQLite cannot use a history file, by its error name (``sqlite3.Error.sqlite_errorname``) prefix.
def os_reason(exc: BaseException, lang: Lang) -> str:
    """Why the system refused a file, in ``lang`` (the system's own English words for an error not listed)."""
    number = getattr(exc, "errno", None)
    if isinstance(number, int) and number in OS_REASONS:
        return OS_REASONS[number][lang]
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def os_reasons(exc: BaseException) -> dict[str, str]:
    """:func:`os_reason` in every language, for a message said in both (``texts``)."""
    return {lang: os_reason(exc, lang) for lang in ("vi", "en")}


#: What SQLite said when a history file could not be opened or read, by its (English) message.
SQLITE_REASONS: dict[str, dict[str, str]] = {
    "file is not a database": {
        "vi": "tệp không phải cơ sở dữ liệu SQLite — có phải là một tệp Excel hay CSV?",
        "en": "the file is not an SQLite database — is it a spreadsheet or a CSV file?",
    },
    "database disk image is malformed": {"vi": "tệp bị hỏng", "en": "the database file is damaged"},
    "unable to open database file": {"vi": "không mở được tệp", "en": "the file cannot be opened"},
    "database is locked": {
        "vi": "tệp đang được một lần chạy khác ghi vào",
        "en": "another run is writing to the file",
    },
}


def sqlite_reasons(exc: BaseException) -> dict[str, str]:
    """Why SQLite could not open or read a history file, in every language (its own English words for
    a message not listed), for a message said in both (``texts``)."""
    said = str(exc)
    return SQLITE_REASONS.get(said.strip().lower(), {"vi": said, "en": said})


# k3
#: A command-line option a note advises, and the library's argument that does the same: a note said to a
#: library caller (``pr.classify``, ``pr.classify_table``) names the argument (:func:`for_library`).
LIBRARY_ARGUMENTS = {
    "--blank-flags not-deprived": 'blank_flags="not_deprived"',
    # l2: the members table's refusal (n_member_no_member_columns), of a DataFrame or a pyarrow Table
    "is it the household file? --members takes a file of one row per person": "is it the household table? members= "
    "takes a table of one row per person",
    "đây là tệp hộ chăng? --members cần tệp mỗi dòng một người": "đây là bảng hộ chăng? members= cần bảng mỗi dòng một "
    "người",
    # r5: the members and the households a library caller passed as tables (DataFrame, pyarrow Table), not files
    "members file": "members table",
    "household file": "household table",
    "both files": "both tables",
    "tệp thành viên": "bảng thành viên",
    "tệp hộ": "bảng hộ",
    "ở hai tệp": "ở hai bảng",
}


def for_library(note: str) -> str:
    """A note as the library says it: each command-line option it advises named as the call's argument
    (``use blank_flags="not_deprived"``, not ``--blank-flags not-deprived``, which a notebook has no way to give)."""
    for option, argument in LIBRARY_ARGUMENTS.items():
        note = note.replace(option, argument)
    return note


def texts(key: str, /, **values: object) -> dict[str, str]:
    """The message ``key`` in every language, for an error that carries both (``PovertyRulesError.texts``)."""
    return {lang: msg(key, lang, **values) for lang in ("vi", "en")}


def day(value: date, lang: Lang) -> str:
    """A date as written in the language: 31/12/2026 (vi) or 2026-12-31 (en)."""
    return value.strftime("%d/%m/%Y") if lang == "vi" else value.isoformat()


MESSAGES.update(
    {
        "bad_output_ext": {
            "vi": "{file}: không ghi được tệp đuôi {ext}; dùng một trong: {allowed}",
            "en": "{file}: cannot write a {ext} file; use one of: {allowed}",
        },
        "no_folder": {
            "vi": "{file}: thư mục {folder} không tồn tại; hãy tạo thư mục hoặc chọn nơi khác",
            "en": "{file}: the folder {folder} does not exist; create it or choose another place",
        },
        "not_writable": {
            "vi": "{file}: không có quyền ghi vào thư mục {folder}",
            "en": "{file}: the folder {folder} cannot be written to",
        },
        "cannot_write": {"vi": "{file}: không ghi được ({why})", "en": "{file}: cannot be written ({why})"},
        "not_folder": {
            "vi": "{file}: đây là một tệp, không phải thư mục; hãy chọn nơi khác",
            "en": "{file}: is a file, not a folder; choose another place",
        },
        "history_read_only": {
            "vi": "{file}: không có quyền ghi vào tệp lịch sử (tệp chỉ đọc); chưa ghi tệp nào",
            "en": "{file}: the history file cannot be written to (it is read-only); nothing was written",
        },
        "xlsx_too_big": {
            "vi": "{file}: {rows} dòng, quá giới hạn {limit} dòng của Excel; hãy ghi ra .csv hoặc .parquet",
            "en": "{file}: {rows} rows, more than Excel's limit of {limit}; write .csv or .parquet instead",
        },
        "same_path": {
            "vi": "{file}: tệp {what} trùng với tệp {other}; hãy chọn tên khác",
            "en": "{file}: the {what} file would be the same file as the {other} file; choose another name",
        },
        # f5
        "inside_input": {
            "vi": "{file}: tệp {what} nằm trong thư mục {other} {folder}: lần chạy sau sẽ đọc nó như các hộ "
            "của thư mục đó; hãy ghi ra ngoài thư mục",
            "en": "{file}: the {what} file would be inside the {other} folder {folder}: a later run would read it "
            "as households of that folder; write it outside the folder",
        },
    }
)

MESSAGES.update(
    {
        "bad_gzip": {
            "vi": "tệp nén .gz bị hỏng hoặc chưa tải xong",
            "en": "the .gz file is damaged or incomplete",
        },
        "bad_link": {
            "vi": "liên kết tới {target} bị hỏng hoặc vòng lặp",
            "en": "a link to {target} that is broken or loops",
        },
        "replaced_columns": {
            "vi": "{file}: {columns} có trong tệp vào và được thay bằng kết quả lần chạy này",
            "en": "{file}: {columns} of the input replaced by this run's",
        },
    }
)
#: Headers of the rejects file's first columns (with ``--headers labels``).
REJECT_HEADERS = {
    "row": {"vi": "Dòng", "en": "Row"},
    "column": {"vi": "Cột", "en": "Column"},
    "reason": {"vi": "Lý do bị loại", "en": "Reason"},
    # l2: a folder of Parquet files (classify --dask): the part file of each rejected row
    "file": {"vi": "Tệp", "en": "File"},
}
#: The files a command reads and writes, as messages name them.
FILE_ROLE = {
    "input": {"vi": "đầu vào", "en": "input"},
    "output": {"vi": "kết quả", "en": "output"},
    "rejects": {"vi": "dòng bị loại", "en": "rejects"},
    "members": {"vi": "thành viên", "en": "members"},
    "movements": {"vi": "biến động", "en": "movements"},
    "not_reviewed": {"vi": "hộ chưa rà soát", "en": "not-reviewed"},
    "database": {"vi": "cơ sở dữ liệu lịch sử", "en": "history database"},
}


#: The words of the HTML report page (reports/html.py, reports/templates/report.html.j2).
PAGE = {
    "title": {"vi": "Kết quả rà soát hộ nghèo, hộ cận nghèo", "en": "Poverty review results"},
    "review_of": {"vi": "Kỳ rà soát", "en": "Review"},
    "ruleset": {"vi": "Chuẩn áp dụng", "en": "Standard"},
    "generated": {"vi": "Lập lúc", "en": "Generated"},
    "households": {"vi": "Số hộ", "en": "Households"},
    "persons": {"vi": "Số nhân khẩu", "en": "Persons"},
    "poor": {"vi": "Hộ nghèo", "en": "Poor"},
    "near_poor": {"vi": "Hộ cận nghèo", "en": "Near-poor"},
    "poor_and_near": {
        "vi": "Tỷ lệ nghèo đa chiều (nghèo + cận nghèo)",
        "en": "Multidimensional poverty rate (poor + near-poor)",
    },
    "rate": {"vi": "Tỷ lệ", "en": "Rate"},
    "of_households": {"vi": "trên tổng số hộ dân cư", "en": "of all resident households"},
    "contents": {"vi": "Nội dung", "en": "Contents"},
    "by_village": {"vi": "Theo thôn", "en": "By village"},
    "village": {"vi": "Thôn", "en": "Village"},
    "commune": {"vi": "Xã", "en": "Commune"},
    "total": {"vi": "Tổng cộng", "en": "Total"},
    "rates_chart": {"vi": "Tỷ lệ hộ nghèo và cận nghèo theo thôn (%)", "en": "Poor and near-poor rate by village (%)"},
    "rate_axis": {"vi": "% số hộ", "en": "% of households"},
    "movements": {"vi": "Biến động trong năm", "en": "Movements of the year"},
    "no_movements": {
        "vi": "Tệp không có cột biến động (transition): chạy 'poverty-rules review' để có biến động so với kỳ trước.",
        "en": "The file has no transition column: run 'poverty-rules review' to see movements since the last review.",
    },
    "heatmap": {
        "vi": "Tỷ lệ hộ thiếu hụt từng chỉ số, theo thôn (%)",
        "en": "Households deprived in each indicator, by village (%)",
    },
    "share_axis": {"vi": "% số hộ", "en": "% of households"},
    "counts": {"vi": "Số hộ theo số chỉ số thiếu hụt", "en": "Households by number of deprivations"},
    "count_axis": {"vi": "Số chỉ số thiếu hụt", "en": "Number of deprivations"},
    "af": {"vi": "Chỉ số nghèo đa chiều Alkire–Foster", "en": "Alkire–Foster multidimensional poverty measures"},
    # {unit}: the unit the AF numbers count (unit_household, unit_person…): H is a share of them
    "af_intro": {
        "vi": "Hộ nghèo đa chiều theo Alkire–Foster (nghèo AF): hộ thiếu hụt từ k trong d chỉ số trở lên (điểm "
        "thiếu hụt có trọng số ≥ k/d, so sánh chính xác). H (tỷ lệ nghèo AF): phần trăm {unit} nghèo AF trên tổng "
        "số {unit}; A (mức độ thiếu hụt bình quân): bình quân tỷ lệ các chỉ số mà hộ nghèo AF thiếu hụt; M0 (chỉ "
        "số nghèo đa chiều) = H × A, phản ánh cả số nghèo lẫn mức độ thiếu hụt.",
        "en": "A household is AF-poor (Alkire–Foster) when it is deprived in at least k of the d indicators (its "
        "weighted deprivation score is ≥ k/d, compared exactly). H (headcount ratio): the share of {unit} that are "
        "AF-poor; A (intensity): the average share of the indicators the AF-poor are deprived in; M0 (adjusted "
        "headcount ratio) = H × A, counting both how many are poor and how deprived they are.",
    },
    "af_left_out": {
        "vi": "{n} hộ có chỉ số chưa rõ không được tính vào các chỉ số AF.",
        "en": "{n:household|households} with an unknown indicator left out of the AF measures.",
    },
    "weights": {"vi": "Trọng số", "en": "Weights"},
    "equal": {"vi": "bằng nhau", "en": "equal"},
    "nested": {"vi": "theo chiều", "en": "nested"},
    "unit": {"vi": "Đơn vị", "en": "Unit"},
    "unit_household": {"vi": "hộ", "en": "households"},
    "unit_household_weighted": {"vi": "hộ, có quyền số", "en": "households, weighted"},
    "unit_person": {"vi": "nhân khẩu", "en": "persons"},
    "unit_person_weighted": {"vi": "nhân khẩu, có quyền số", "en": "persons, weighted"},
    # M0 is an index, drawn × 100 on the axis of percentages (its cards and table give it as a fraction)
    "k_sweep": {"vi": "H, A (%) và M0 × 100 theo ngưỡng k", "en": "H, A (%) and M0 × 100 by cutoff k"},
    "k_axis": {"vi": "Ngưỡng k (số chỉ số trên d)", "en": "Cutoff k (of d indicators)"},
    "contrib": {
        "vi": "Đóng góp của từng chiều vào M0, theo thôn (%)",
        "en": "Contribution of each dimension to M0, by village (%)",
    },
    "pct_axis": {"vi": "% của M0", "en": "% of M0"},
    "indicator": {"vi": "Chỉ số", "en": "Indicator"},
    "dimension": {"vi": "Chiều", "en": "Dimension"},
    # {unit}: the unit the AF numbers count (unit_household, unit_person…), so the label says what it shows
    "uncensored": {"vi": "Tỷ lệ thiếu hụt (% tổng số {unit})", "en": "Deprived (% of all {unit})"},
    "censored": {"vi": "Thiếu hụt và nghèo AF (% tổng số {unit})", "en": "Deprived and AF-poor (% of all {unit})"},
    "contribution": {"vi": "Đóng góp vào M0", "en": "Contribution to M0"},
    "households_of": {"vi": "Danh sách hộ", "en": "Households"},
    "household": {"vi": "Mã hộ", "en": "Household"},
    "head": {"vi": "Chủ hộ", "en": "Head"},
    "status": {"vi": "Kết quả", "en": "Result"},
    "kept": {"vi": "{status} (giữ: {kept})", "en": "{status} (keeps: {kept})"},
    "deprived": {"vi": "Chỉ số thiếu hụt", "en": "Deprived in"},
    "collect": {"vi": "Cần bổ sung", "en": "To collect"},
    "reason": {"vi": "Lý do", "en": "Reason"},
    "movement": {"vi": "Diễn biến", "en": "Movement"},
    "not_listed": {
        "vi": "{n} hộ khác (không nghèo, không biến động) không liệt kê.",
        "en": "{n:other household (not poor, no movement) is|other households (not poor, no movement) are} not listed.",
    },
    "back": {"vi": "Về đầu trang", "en": "Back to top"},
    "footer": {
        "vi": "Lập bằng poverty-rules. Tỷ lệ làm tròn hai chữ số thập phân (làm tròn lên từ 5); "
        "ô trống: không xác định.",
        "en": "Made with poverty-rules. Rates rounded half-up to two decimals; a blank cell is undefined.",
    },
    # h4
    "chart_data": {"vi": "Số liệu của biểu đồ", "en": "The chart's numbers"},
    # p3
    "print_page": {"vi": "Trang {page}/{pages}", "en": "Page {page} of {pages}"},
    # u1
    "af_table": {
        "vi": "Thiếu hụt và đóng góp vào M0 theo từng chỉ số",
        "en": "Deprivations and contribution to M0 by indicator",
    },
    # s24 h3: a village with no household to list said "Không có hộ nghèo", as if near-poor ones might be listed
    "nothing_listed": {
        "vi": "Không có hộ nghèo, hộ cận nghèo, hộ chưa xác định hay hộ có biến động nào để liệt kê.",
        "en": "No poor, near-poor or undetermined household, and none with a movement, to list.",
    },
    # s25 x1: a household moved village within its commune was "Không đổi" in its new village's list, which R2/R3
    # count it in column 8 ("Tăng khác") of
    "moved_from": {"vi": "Chuyển đến từ {village}", "en": "Moved in from {village}"},
}


# --------------------------------------------------------------------------- the review's reports (docs/reports.md)

#: The header block every form carries (docs/reports.md, "The review forms").
FORM_HEADER = {
    "committee": {"vi": "ỦY BAN NHÂN DÂN", "en": "PEOPLE'S COMMITTEE OF"},
    "republic": {"vi": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "en": "SOCIALIST REPUBLIC OF VIET NAM"},
    "motto": {"vi": "Độc lập - Tự do - Hạnh phúc", "en": "Independence - Freedom - Happiness"},
    "year": {"vi": "Năm", "en": "Year"},
    "review_date": {"vi": "Ngày rà soát", "en": "Review date"},
    "list_on": {"vi": "Danh sách tại ngày", "en": "Eligible on"},
    "unit": {"vi": "Đơn vị", "en": "Unit"},
    "column_numbers": {"vi": "Cột", "en": "Column"},
    # d3
    "covers": {"vi": "Gồm {count} xã: {communes}", "en": "Covering {count} communes: {communes}"},
    "prepared_by": {"vi": "NGƯỜI LẬP BIỂU", "en": "PREPARED BY"},
    "sign_name": {"vi": "(Ký, ghi rõ họ tên)", "en": "(Signature and full name)"},
    # the day and month to fill in named (a blank "…… / …… / 2025" reads as month first to many English readers)
    "place_date": {"vi": "{place}, ngày …… tháng …… năm {year}", "en": "{place}, day …… month …… {year}"},
    "on_behalf": {"vi": "TM. ỦY BAN NHÂN DÂN", "en": "ON BEHALF OF THE PEOPLE'S COMMITTEE"},
    "chair": {"vi": "CHỦ TỊCH", "en": "CHAIRPERSON"},
    "sign_seal": {"vi": "(Ký tên, đóng dấu)", "en": "(Signature and seal)"},
    "covers_count": {"vi": "Gồm {count} xã", "en": "Covering {count} communes"},
    # p3
    "page_of": {"vi": "Trang &P/&N", "en": "Page &P of &N"},  # Excel's codes: this page, how many pages
    "empty_list": {"vi": "Không có hộ nào trong danh sách này.", "en": "No household is on this list."},
    # m3: a report covering wards (phường) or townships (thị trấn) beside communes: a ward is no commune
    "covers_wards": {
        "vi": "Gồm {count} xã, phường, thị trấn: {communes}",
        "en": "Covering {count} communes, wards and townships: {communes}",
    },
    "covers_wards_count": {
        "vi": "Gồm {count} xã, phường, thị trấn",
        "en": "Covering {count} communes, wards and townships",
    },
    # r4: the standard a form's counts follow (the national one, or a local one run alone or beside it)
    "standard": {"vi": "Chuẩn áp dụng", "en": "Standard applied"},
    # t7: the targets sheet's printed title (its tab keeps SHEET["targets"], the short name)
    "targets_title": {"vi": "Kết quả thực hiện chỉ tiêu giảm nghèo", "en": "Poverty reduction targets: results"},
    # t7: a list's heading for the households whose file leaves their village blank (Thôn: (chưa ghi thôn), Xã …)
    "no_village": {"vi": "(chưa ghi thôn)", "en": "(village not recorded)"},
    # u2 (session 22): a village's list going on to another printed page says so above its repeated column heads
    "continued": {"vi": "(tiếp theo)", "en": "(continued)"},
}
#: Titles of the forms R1–R9 (docs/reports.md).
FORM_TITLE = {
    "r1": {
        "vi": "Tổng hợp kết quả chính thức rà soát hộ nghèo, hộ cận nghèo, hộ làm nông, lâm, ngư nghiệp "
        "có mức sống trung bình",
        "en": "Official results of the review of poor, near-poor and average-standard farm households",
    },
    "r2": {"vi": "Tổng hợp diễn biến hộ nghèo", "en": "Movements of poor households"},
    "r3": {"vi": "Tổng hợp diễn biến hộ cận nghèo", "en": "Movements of near-poor households"},
    "r4": {
        "vi": "Phân tích các chỉ số thiếu hụt dịch vụ xã hội cơ bản của hộ nghèo",
        "en": "Deprivations in basic social services of poor households",
    },
    "r5": {
        "vi": "Phân tích tỷ lệ các chỉ số thiếu hụt dịch vụ xã hội cơ bản của hộ nghèo",
        "en": "Deprivation rates of poor households",
    },
    "r6": {
        "vi": "Phân tích các chỉ số thiếu hụt dịch vụ xã hội cơ bản của hộ cận nghèo",
        "en": "Deprivations in basic social services of near-poor households",
    },
    "r7": {
        "vi": "Phân tích tỷ lệ các chỉ số thiếu hụt dịch vụ xã hội cơ bản của hộ cận nghèo",
        "en": "Deprivation rates of near-poor households",
    },
    "r8": {
        "vi": "Tổng hợp hộ nghèo, hộ cận nghèo theo nhóm đối tượng",
        "en": "Poor and near-poor households by group",
    },
    "r9": {"vi": "Tổng hợp hộ nghèo, hộ cận nghèo theo dân tộc", "en": "Poor and near-poor households by ethnicity"},
}
#: Column headers of the forms, by key (the form's numbered columns are built from these).
FORM_COLUMN = {
    "unit": {"vi": "Đơn vị", "en": "Unit"},
    "row": {"vi": "Chỉ tiêu", "en": "Counted"},
    "households": {"vi": "Tổng số hộ dân cư", "en": "Resident households"},
    "persons": {"vi": "Tổng số nhân khẩu", "en": "Persons"},
    "poor_households": {"vi": "Số hộ nghèo", "en": "Poor households"},
    "near_poor_households": {"vi": "Số hộ cận nghèo", "en": "Near-poor households"},
    "average_farm_households": {
        "vi": "Số hộ làm nông, lâm, ngư nghiệp có mức sống trung bình",
        "en": "Farm households with an average living standard",
    },
    "poor_persons": {"vi": "Số nhân khẩu nghèo", "en": "Poor persons"},
    "near_poor_persons": {"vi": "Số nhân khẩu cận nghèo", "en": "Near-poor persons"},
    "average_farm_persons": {"vi": "Số nhân khẩu hộ có mức sống trung bình", "en": "Average-standard persons"},
    "rate": {"vi": "Tỷ lệ (%)", "en": "Rate (%)"},
    "poor_start": {"vi": "Số hộ nghèo đầu kỳ", "en": "Poor at start"},
    "poor_to_near": {"vi": "Giảm: thoát nghèo thành hộ cận nghèo", "en": "Decrease: escaped, became near-poor"},
    "poor_to_above": {
        "vi": "Giảm: thoát nghèo vượt chuẩn cận nghèo",
        "en": "Decrease: escaped above the near-poor line",
    },
    "poor_other_out": {
        "vi": "Giảm khác (chết, chuyển đi, tách, nhập hộ)",
        "en": "Other decrease (died, moved away, split, merged)",
    },
    "near_to_poor": {"vi": "Tăng: hộ cận nghèo thành hộ nghèo", "en": "Increase: near-poor became poor"},
    "poor_relapsed": {"vi": "Tăng: tái nghèo", "en": "Increase: relapsed"},
    "poor_new": {"vi": "Tăng: nghèo phát sinh", "en": "Increase: newly poor"},
    "poor_other_in": {"vi": "Tăng khác (chuyển đến, tách hộ)", "en": "Other increase (moved in, split)"},
    "poor_end": {"vi": "Số hộ nghèo cuối kỳ", "en": "Poor at end"},
    "near_start": {"vi": "Số hộ cận nghèo đầu kỳ", "en": "Near-poor at start"},
    "near_escaped": {"vi": "Giảm: thoát cận nghèo", "en": "Decrease: escaped near-poverty"},
    "near_to_poor_out": {"vi": "Giảm: trở thành hộ nghèo", "en": "Decrease: became poor"},
    "near_other_out": {"vi": "Giảm khác", "en": "Other decrease"},
    "poor_to_near_in": {"vi": "Tăng: hộ nghèo thành hộ cận nghèo", "en": "Increase: poor became near-poor"},
    "near_relapsed": {"vi": "Tăng: tái cận nghèo", "en": "Increase: relapsed into near-poverty"},
    "near_new": {"vi": "Tăng: cận nghèo phát sinh", "en": "Increase: newly near-poor"},
    "near_other_in": {"vi": "Tăng khác", "en": "Other increase"},
    "near_end": {"vi": "Số hộ cận nghèo cuối kỳ", "en": "Near-poor at end"},
    "deprivations": {"vi": "Tổng số chỉ số thiếu hụt", "en": "Total deprivations"},
    "poor": {"vi": "Nghèo", "en": "Poor"},
    "near_poor": {"vi": "Cận nghèo", "en": "Near-poor"},
    "kinh": {"vi": "Dân tộc Kinh", "en": "Kinh"},
    "minorities": {"vi": "Dân tộc thiểu số", "en": "Ethnic minorities"},
    # h4
    "ethnicity_unrecorded": {"vi": "Chưa ghi dân tộc", "en": "Ethnicity not recorded"},
}
#: R2 and R3 count each unit twice: households and persons.
FORM_ROW = {"households": {"vi": "Hộ", "en": "Households"}, "persons": {"vi": "Nhân khẩu", "en": "Persons"}}
#: The groups of R8 (columns of the household file: a yes/no flag each).
FORM_GROUP = {
    "ethnic_minority": {"vi": "Hộ dân tộc thiểu số", "en": "Ethnic minority households"},
    "no_labour": {"vi": "Hộ không có khả năng lao động", "en": "Households without labour capacity"},
    "meritorious": {"vi": "Hộ có người có công với cách mạng", "en": "Households with a meritorious person"},
    "female_head": {"vi": "Hộ có chủ hộ là nữ", "en": "Female-headed households"},
}
#: The levels of a form's rows (village → commune → province → total, and the areas).
LEVEL = {
    "village": {"vi": "Thôn", "en": "Village"},
    "commune": {"vi": "Cộng xã", "en": "Commune subtotal"},
    "province": {"vi": "Cộng tỉnh", "en": "Province subtotal"},
    "total": {"vi": "Tổng cộng", "en": "Total"},
    "area": {"vi": "Khu vực", "en": "Area"},
    # l1
    "given_unit": {"vi": "Cộng", "en": "Subtotal"},  # the province row of a district's report: Cộng Huyện X
}
#: Area rows of a form (I. thành thị / II. nông thôn).
AREA_ROW = {
    "urban": {"vi": "I. Khu vực thành thị", "en": "I. Urban areas"},
    "rural": {"vi": "II. Khu vực nông thôn", "en": "II. Rural areas"},
}
#: Household identity events (column ``change_reason``): canonical id → words, and every spelling read.
CHANGE_REASON = {
    "moved_in": {"vi": "chuyển đến", "en": "moved in"},
    "moved_out": {"vi": "chuyển đi", "en": "moved out"},
    "died": {"vi": "chết", "en": "died"},
    "split": {"vi": "tách hộ", "en": "split"},
    "merged": {"vi": "nhập hộ", "en": "merged"},
}
#: The lists posted in each village (niêm yết) and the sheets that hold them.
LIST_KIND = {
    "poor": {"vi": "Danh sách hộ nghèo", "en": "Poor households"},
    "near_poor": {"vi": "Danh sách hộ cận nghèo", "en": "Near-poor households"},
    "escaped_poverty": {"vi": "Danh sách hộ thoát nghèo", "en": "Households that escaped poverty"},
    "escaped_near_poverty": {"vi": "Danh sách hộ thoát cận nghèo", "en": "Households that escaped near-poverty"},
    "undetermined": {"vi": "Danh sách hộ chưa xác định được", "en": "Households not yet determined"},
    "eligible": {"vi": "Danh sách hộ được hưởng chính sách", "en": "Households eligible for support"},
}
#: Column headers of the lists.
LIST_COLUMN = {
    "number": {"vi": "STT", "en": "No."},
    "province": {"vi": "Tỉnh", "en": "Province"},
    "commune": {"vi": "Xã", "en": "Commune"},
    "village": {"vi": "Thôn", "en": "Village"},
    "household_id": {"vi": "Mã hộ", "en": "Household"},
    "head_name": {"vi": "Họ và tên chủ hộ", "en": "Head of household"},
    "persons": {"vi": "Số nhân khẩu", "en": "Persons"},
    "status": {"vi": "Phân loại", "en": "Status"},
    "previous_status": {"vi": "Phân loại năm trước", "en": "Status last review"},
    "deprived": {"vi": "Các chỉ số thiếu hụt", "en": "Deprivations"},
    "programme": {"vi": "Chính sách", "en": "Programme"},
    "eligible_until": {"vi": "Hưởng đến hết ngày", "en": "Eligible until"},
    "undetermined_by": {"vi": "Cần bổ sung", "en": "To collect"},
    "local_status": {"vi": "Phân loại theo chuẩn địa phương", "en": "Status by the local standard"},
}
#: The local standard's classification beside the national one in the reports (issue #12).
LOCAL_REPORT = {
    "by": {"vi": "theo chuẩn địa phương", "en": "by the local standard"},
    "sheet": {"vi": "R1 chuẩn địa phương", "en": "R1 local standard"},
    "sheet_local_poor": {"vi": "DS nghèo chuẩn địa phương", "en": "Poor by local standard"},
    "sheet_local_near_poor": {"vi": "DS cận nghèo chuẩn địa phương", "en": "Near-poor by local standard"},
    "standard": {"vi": "Chuẩn địa phương", "en": "Local standard"},
    "note": {
        "vi": "Chuẩn quốc gia quyết định danh sách chính thức; chuẩn địa phương dùng cho chính sách của địa phương.",
        "en": "The national standard decides the official lists; the local standard serves local programmes.",
    },
}
#: Why a household is on the undetermined list, when it is not the fields it lacks.
UNDETERMINED_REASON = {
    "rejected_row": {
        "vi": "dòng dữ liệu bị từ chối (xem tệp rejects); giữ phân loại năm trước",
        "en": "its row was rejected (see the rejects file); keeps last review's status",
    },
}
#: Columns of the plan-targets table.
TARGET_COLUMN = {
    "unit": {"vi": "Đơn vị", "en": "Unit"},
    "start": {"vi": "Hộ nghèo đầu kỳ", "en": "Poor at start"},
    "end": {"vi": "Hộ nghèo cuối kỳ", "en": "Poor at end"},
    "reduction": {"vi": "Số hộ nghèo giảm", "en": "Reduction (households)"},
    "start_rate": {"vi": "Tỷ lệ đầu kỳ (%)", "en": "Rate at start (%)"},
    "end_rate": {"vi": "Tỷ lệ cuối kỳ (%)", "en": "Rate at end (%)"},
    "rate_reduction": {"vi": "Tỷ lệ giảm (điểm %)", "en": "Rate reduction (points)"},
    "target_poor_reduction": {"vi": "Chỉ tiêu giảm (hộ)", "en": "Target reduction (households)"},
    "target_poor_end": {"vi": "Chỉ tiêu hộ nghèo cuối kỳ", "en": "Target poor at end"},
    "target_rate_reduction": {"vi": "Chỉ tiêu giảm tỷ lệ (điểm %)", "en": "Target rate reduction (points)"},
    "met": {"vi": "Đạt chỉ tiêu", "en": "Target met"},
    "yes": {"vi": "Đạt", "en": "Met"},
    "no": {"vi": "Không đạt", "en": "Not met"},
}
#: Sheet names of the report workbook (Excel allows 31 characters).
SHEET = {
    # the one sheet of an .xlsx output (data/write.py), by what the file holds
    "results": {"vi": "Kết quả", "en": "Results"},
    "rejects": {"vi": "Dòng bị loại", "en": "Rejected rows"},
    "movements": {"vi": "Biến động", "en": "Movements"},
    "targets": {"vi": "Chỉ tiêu", "en": "Targets"},
    "af": {"vi": "Chỉ số AF", "en": "AF measures"},
    # the lists' sheets (Excel: at most 31 characters, unique in the workbook; the full title is on the sheet)
    "poor": {"vi": "Danh sách hộ nghèo", "en": "Poor households"},
    "near_poor": {"vi": "Danh sách hộ cận nghèo", "en": "Near-poor households"},
    "escaped_poverty": {"vi": "Danh sách hộ thoát nghèo", "en": "Escaped poverty"},
    "escaped_near_poverty": {"vi": "Danh sách hộ thoát cận nghèo", "en": "Escaped near-poverty"},
    "undetermined": {"vi": "Danh sách hộ chưa xác định được", "en": "Households not yet determined"},
    "eligible": {"vi": "DS hộ được hưởng chính sách", "en": "Eligible for support"},
}
#: The workbook's Alkire–Foster sheet (af.csv's measures, docs/reports.md): section titles and headers.
AF_SHEET = {
    "cutoff": {
        "vi": "Ngưỡng nghèo k = {k} trên d = {d} chỉ số; H, A, tỷ lệ thiếu hụt và đóng góp tính theo %",
        "en": "Cutoff k = {k} of d = {d} indicators; H, A, deprivation rates and contributions in %",
    },
    "by_unit": {"vi": "1. Theo đơn vị (k = {k})", "en": "1. By unit (k = {k})"},
    "by_indicator": {"vi": "2. Theo chỉ số, toàn bộ (k = {k})", "en": "2. By indicator, all units (k = {k})"},
    "by_k": {"vi": "3. Theo ngưỡng k, toàn bộ", "en": "3. By cutoff k, all units"},
    "N": {"vi": "Tổng số (N)", "en": "Population (N)"},
    "q": {"vi": "Số nghèo AF (q)", "en": "AF-poor (q)"},
    "H": {"vi": "Tỷ lệ nghèo AF (H)", "en": "Headcount ratio (H)"},
    "A": {"vi": "Mức độ thiếu hụt bình quân (A)", "en": "Average intensity (A)"},
    "M0": {"vi": "Chỉ số nghèo đa chiều (M0)", "en": "Adjusted headcount ratio (M0)"},
    "hd": {"vi": "Tỷ lệ thiếu hụt, toàn bộ", "en": "Deprived, all (uncensored)"},
    "hdk": {"vi": "Tỷ lệ thiếu hụt và nghèo AF", "en": "Deprived and AF-poor (censored)"},
    "actb": {"vi": "Đóng góp tuyệt đối vào M0", "en": "Absolute contribution to M0"},
    "pctb": {"vi": "Đóng góp vào M0 (%)", "en": "Contribution to M0 (%)"},
    "k": {"vi": "Ngưỡng k", "en": "Cutoff k"},
    "unit_of_analysis": {"vi": "Tính theo", "en": "Counted in"},
}
#: Why a row is rejected (the rejects file's reason column) and the notes about a household file.
MESSAGES.update(
    {
        "r_id_empty": {
            "vi": "trống: mỗi hộ cần có mã hộ",
            "en": "is empty: every household needs its code (Mã hộ)",
        },
        "r_id_scientific": {
            "vi": "là số Excel đã rút gọn (dạng 1,23457E+11) nên mất các chữ số của mã: định dạng cột là Văn bản "
            "(Text) rồi nhập lại mã",
            "en": "is a number Excel has shortened (as 1.23457E+11), losing the code's digits: format the column as "
            "Text and type the codes again",
        },
        "r_id_used": {"vi": "đã dùng ở dòng ", "en": "is already used at row "},
        "r_not_household": {
            "vi": "dòng không có mã hộ, cũng không có ô nào đọc được là dữ liệu của một hộ (khu vực, thu nhập, "
            "điểm A, chỉ số thiếu hụt): dòng tiêu đề nhóm, ghi chú hay chữ ký dưới bảng? Nếu đây là một hộ, hãy "
            "điền các ô đó",
            "en": "has no household code, and no cell that reads as a household's data (area, income, score A, "
            "deprivation marks): a group heading, a note or a signature under the table? If it is a household, "
            "fill those cells",
        },
        "r_header_again": {
            "vi": "dòng này lặp lại dòng tiêu đề (mã hộ, khu vực …): một bản xuất khác được dán tiếp bên dưới? Hãy xóa "
            "dòng này; các hộ bên dưới nó vẫn được đọc",
            "en": "repeats the header row (household code, area …): another export pasted below the first? Delete "
            "this row; the households below it are read",
        },
        "r_area": {
            "vi": "phải là nông thôn hoặc thành thị (đô thị; rural, urban)",
            "en": "must be rural or urban (nông thôn, thành thị, đô thị)",
        },
        "r_number": {
            "vi": "phải là số (ví dụ 1500000 hoặc 1.500.000)",
            "en": "must be a number (e.g. 1500000 or 1.500.000)",
        },
        "r_negative": {"vi": "không được âm", "en": "cannot be negative"},
        "r_income_required": {
            "vi": "bắt buộc: chuẩn {ruleset} không có cách tính theo điểm A",
            "en": "is required: the standard {ruleset} defines no score-A path",
        },
        "r_income_or_score": {
            "vi": "trống, điểm A cũng trống: cần một trong hai để phân loại",
            "en": "is empty and so is score_a: one of them is needed to classify",
        },
        "r_flag": {
            "vi": "phải là 1/0, có/không, x hoặc để trống (chưa rõ)",
            "en": "must be 1/0, có/không, yes/no, true/false, x or empty (unknown)",
        },
        "r_field_number": {
            "vi": "phải là số không âm (ví dụ 24 hoặc 24,5)",
            "en": "must be a non-negative number (e.g. 24 or 24,5)",
        },
        "r_field_flag": {
            "vi": "phải là 1/0, có/không hoặc để trống (chưa rõ)",
            "en": "must be 1/0, có/không, yes/no, true/false or empty (unknown)",
        },
        "r_status": {
            "vi": "phải là một tình trạng: nghèo, cận nghèo, trung bình, không nghèo, thoát nghèo, "
            "thoát cận nghèo, chưa xác định (hoặc poor, near_poor, average, not_poor, undetermined), hoặc để trống",
            "en": "must be a status: nghèo, cận nghèo, trung bình, không nghèo, thoát nghèo, thoát cận nghèo, "
            "chưa xác định (or poor, near_poor, average, not_poor, undetermined) or empty",
        },
        "r_date": {
            "vi": "phải là ngày, ví dụ 20/12/2024 hoặc 2024-12-20, hoặc để trống",
            "en": "must be a date such as 2024-12-20 or 20/12/2024, or empty",
        },
        "r_no_such_day": {
            "vi": "không phải một ngày có trong lịch (đọc là ngày {day}, tháng {month}, năm {year})",
            "en": "is not a day of the calendar (read as day {day}, month {month}, year {year})",
        },
        "r_ragged": {
            "vi": "dòng có {cells} ô, dòng tiêu đề có {width} ô (kiểm tra dấu phân cách và dấu ngoặc kép)",
            "en": "has {cells:cell|cells} where the header has {width} (check separators and quotes)",
        },
        "r_row_cells": {"vi": "số ô", "en": "cells"},
        "n_no_column": {
            "vi": "{file}: không có cột {column} ({label}): coi là chưa rõ cho mọi hộ",
            "en": "{file}: no column {column} ({label}): treated as unknown for every household",
        },
        "n_money_unit": {
            "vi": "{file}: cột {column}: thu nhập ghi theo {unit}, đã quy ra đồng/người/tháng ({how})",
            "en": "{file}: column {column}: incomes in {unit}, read as đồng per person per month ({how})",
        },
        "n_no_column_members": {
            "vi": "{file}: không có cột {column} ({label}), và tệp thành viên không đủ thông tin để suy ra: coi "
            "là chưa rõ cho mọi hộ",
            "en": "{file}: no column {column} ({label}), and the members file cannot derive it: treated as "
            "unknown for every household",
        },
        "n_score_unused": {
            "vi": "{file}: chuẩn {ruleset} không có cách tính theo điểm A: cột score_a (Điểm A) không được dùng, "
            "các hộ được phân loại theo thu nhập bình quân",
            "en": "{file}: the standard {ruleset} defines no score-A path: column score_a is not used, households "
            "are classified by per-capita income",
        },
        "n_not_indicators": {
            "vi": "{file}: {columns} không phải chỉ số của {ruleset}: giữ lại nhưng không dùng",
            "en": "{file}: {columns} not among the indicators of {ruleset}: kept but not used",
        },
        "missing_column": {
            "vi": "{file}: dòng {row}: thiếu cột {names}. Xem docs/input.md để biết các tiêu đề được chấp nhận",
            "en": "{file}: row {row}: missing column {names}. See docs/input.md for the accepted headers",
        },
        "income_or_score": {
            "vi": "income_per_capita (Thu nhập bình quân) hoặc score_a (Điểm A)",
            "en": "income_per_capita (Thu nhập bình quân) or score_a (Điểm A)",
        },
        # h2
        "r_code_alone": {
            "vi": "dòng chỉ có chữ ở cột mã hộ, mọi ô khác trống: dòng tên danh sách của một bản xuất khác được dán "
            "tiếp bên dưới (DANH SÁCH HỘ …), hay một tiêu đề nhóm? Hãy xóa dòng này; các hộ khác vẫn được đọc. Nếu "
            "đây là một hộ, hãy điền khu vực và thu nhập bình quân (hoặc điểm A) của hộ",
            "en": "holds text in the household code column and nothing else: the title of another export pasted "
            "below the first (DANH SÁCH HỘ …), or a group heading? Delete this row; the other households are read. "
            "If it is a household, fill its area and per-capita income (or score A)",
        },
        # t1
        "r_escaped_after": {
            "vi": "là sau năm rà soát {year} (ngày rà soát {date}): ngày công nhận thoát nghèo phải trong năm rà soát "
            "hoặc trước đó (gõ nhầm năm?)",
            "en": "is after the review's year {year} (review date {date}): the escape's recognition date must be in "
            "the review's year or before it (a mistyped year?)",
        },
        # g1
        "status_tn": {
            "vi": "TN có thể là thoát nghèo hoặc tái nghèo nên không đọc được: hãy viết thoát nghèo cho hộ đã thoát "
            "nghèo, hoặc nghèo cho hộ tái nghèo",
            "en": "TN may be thoát nghèo (escaped poverty) or tái nghèo (poor again), so it is not read: write thoát "
            "nghèo for a household that escaped poverty, or nghèo for one poor again",
        },
        "status_tcn": {
            "vi": "TCN có thể là thoát cận nghèo hoặc tái cận nghèo nên không đọc được: hãy viết thoát cận nghèo cho "
            "hộ đã thoát cận nghèo, hoặc cận nghèo cho hộ tái cận nghèo",
            "en": "TCN may be thoát cận nghèo (escaped near-poverty) or tái cận nghèo (near-poor again), so it is not "
            "read: write thoát cận nghèo for a household that escaped near-poverty, or cận nghèo for one near-poor "
            "again",
        },
        # k2
        "extra_cells": {
            "vi": "{file}: dòng {row} có {cells} ô, nhiều hơn dòng tiêu đề: các ô sau cột cuối ({extra!r}) không thuộc "
            "cột nào (kiểm tra dấu phân cách và dấu ngoặc kép); hãy sửa dòng này rồi chạy lại",
            "en": "{file}: row {row} has {cells} cells, more than the header: the cells after its last column "
            "({extra!r}) belong to no column (check separators and quotes); correct the row and run again",
        },
        "r_place_formula_error": {
            "vi": "là lỗi của công thức trong bảng tính (#N/A, #REF! …), không phải tên hay mã của nơi hộ ở: hãy sửa "
            "công thức hoặc nhập lại",
            "en": "is a spreadsheet formula's error (#N/A, #REF! …), not the name or code of the household's place: "
            "correct the formula or type it",
        },
        "r_id_formula_error": {
            "vi": "là lỗi của công thức trong bảng tính (#N/A, #REF! …), không phải mã hộ: hãy sửa công thức hoặc "
            "nhập mã hộ",
            "en": "is a spreadsheet formula's error (#N/A, #REF! …), not a household code: correct the formula or type "
            "the code",
        },
        # l2: a folder of Parquet files (classify --dask): a row named in its part file
        "row_of_file": {"vi": "{row} của {file}", "en": "{row} of {file}"},
        # l2: a folder of Parquet files (classify --dask): the row a code was first used at, in its file
        "r_id_used_in": {"vi": "đã dùng ở dòng {row} của {file}", "en": "is already used at row {row} of {file}"},
        # s1: a review's row that leaves its commune blank beside rows that name one (data/normalize.py NamedPlaces)
        "r_blank_commune": {
            "vi": "để trống, trong khi các dòng khác của tệp ghi {places}: hãy ghi xã của hộ này rồi chạy lại rà soát "
            "(lịch sử theo dõi mỗi hộ theo xã của hộ; để trống, hộ sẽ được ghi vào một xã không tên và năm sau mất "
            "phân loại, diễn biến thoát nghèo và thời hạn hưởng chính sách)",
            "en": "is blank, while the file's other rows name {places}: write this household's commune and run the "
            "review again (the history keeps each household under its commune; left blank, it would be recorded "
            "under a commune of no name and lose its status, escape and support window the next year)",
        },
        # s1: a review's row that leaves its province (or province code) blank beside rows that name one
        "r_blank_province": {
            "vi": "để trống, trong khi các dòng khác của tệp ghi {places}: hãy ghi tỉnh của hộ này rồi chạy lại rà "
            "soát (lịch sử theo dõi mỗi hộ theo tỉnh và xã của hộ; để trống, hộ sẽ được ghi vào một xã khác và năm "
            "sau mất phân loại, diễn biến thoát nghèo và thời hạn hưởng chính sách)",
            "en": "is blank, while the file's other rows name {places}: write this household's province and run the "
            "review again (the history keeps each household under its province and commune; left blank, it would "
            "be recorded under another commune and lose its status, escape and support window the next year)",
        },
        # t3: a review's row that writes its commune without its Mã xã beside rows writing that commune with one
        "r_blank_commune_code": {
            "vi": "để trống, trong khi các dòng khác của tệp ghi xã '{commune}' với Mã xã {codes}: hãy ghi mã xã của "
            "hộ này rồi chạy lại rà soát (lịch sử theo dõi mỗi hộ theo mã xã của hộ; để trống, hộ sẽ được ghi vào một "
            "xã khác và năm sau mất phân loại, diễn biến thoát nghèo và thời hạn hưởng chính sách)",
            "en": "is blank, while the file's other rows write commune '{commune}' with the code {codes}: write this "
            "household's commune code and run the review again (the history keeps each household under its commune's "
            "code; left blank, it would be recorded under another commune and lose its status, escape and support "
            "window the next year)",
        },
    }
)

#: Plausibility notes: results that are probably right for the numbers given, but the numbers look wrong.
MESSAGES.update(
    {
        "n_thousands": {
            "vi": "{file}: cột {column}: {share}% số hộ có thu nhập dưới 20.000 (trung vị {median}). Thu nhập tính "
            "bằng đồng/người/tháng (ví dụ 1.500.000); kiểm tra xem có nhập theo nghìn đồng (5.000 = 5 triệu) không",
            "en": "{file}: column {column}: {share}% of households have an income under 20,000 (median {median}). "
            "Incomes are đồng per person per month (e.g. 1,500,000); check whether they were typed in thousands "
            "(5,000 meaning 5 million)",
        },
        "n_all_blank": {
            "vi": "{file}: mọi ô chỉ số thiếu hụt đều trống ({count} cột): coi là chưa rõ. Nếu biểu chỉ đánh dấu x "
            "các chỉ số thiếu hụt, dùng --blank-flags not-deprived",
            "en": "{file}: every deprivation cell is blank ({count:column|columns}): read as unknown. If the form only "
            "marks deprivations with x, use --blank-flags not-deprived",
        },
        "n_disagree": {
            "vi": "{file}: cột {score} và cột {income} ngược chiều nhau (hệ số tương quan hạng {rho}): hộ điểm cao "
            "lại có thu nhập thấp. Kiểm tra hai cột có bị đổi chỗ hay nhập sai không",
            "en": "{file}: columns {score} and {income} disagree (rank correlation {rho}): high scores go with low "
            "incomes. Check that the two columns are not swapped or mistyped",
        },
        "n_disagree_sample": {
            "vi": "{file}: cột {score} và cột {income} ngược chiều nhau (hệ số tương quan hạng {rho}, tính trên mẫu "
            "{sample} trong {pairs} hộ có cả hai cột): hộ điểm cao lại có thu nhập thấp. Kiểm tra hai cột có bị đổi "
            "chỗ hay nhập sai không",
            "en": "{file}: columns {score} and {income} disagree (rank correlation {rho}, over a sample of {sample} of "
            "the {pairs} households with both): high scores go with low incomes. Check that the two columns are not "
            "swapped or mistyped",
        },
    }
)

#: The review history's scope (issue #13 item 2): communes known by their codes, else by their names.
MESSAGES.update(
    {
        "h_already": {
            "vi": "{db}: đã ghi một lần rà soát {scope} ngày {day} (lần rà soát {ids}); thêm --replace để thay, "
            "hoặc xem 'poverty-rules history list --db {db}'",
            "en": "{db}: a review of {scope} on {day} is already recorded (review {ids}); add --replace to "
            "replace it, or see 'poverty-rules history list --db {db}'",
        },
        "h_resembles": {
            "vi": "{db}: xã {commune} chưa có lịch sử, nhưng {names} đã có: ghi --commune (hoặc cột Xã) đúng như "
            "đã ghi để nối tiếp lịch sử, hoặc thêm --new-commune nếu {commune} là một xã khác",
            "en": "{db}: commune {commune} has no history, but {names} has: write --commune (or the commune "
            "column) exactly as recorded to continue its history, or add --new-commune if {commune} is another "
            "commune",
        },
        "h_resembles_province": {
            "vi": "{db}: xã {commune} của {province} chưa có lịch sử, nhưng {names} đã được ghi không có tỉnh "
            "(history import --commune), và lịch sử của một xã được nối tiếp theo tỉnh và xã tệp ghi: hãy nhập "
            "lại danh sách với cột Tỉnh = {province!r} và cột Xã = {commune} như tệp này ghi ('history undo' "
            "bỏ lần nhập trước), hoặc thêm --new-commune nếu {commune} là một xã khác",
            "en": "{db}: commune {commune} of {province} has no history, but {names} was recorded without a "
            "province (history import --commune), and a commune's history continues under the province and "
            "commune the file names: import the lists again with the province column = {province!r} and the "
            "commune column = {commune} as this file writes them ('history undo' removes the earlier import), "
            "or add --new-commune if {commune} is another commune",
        },
        "h_unnamed": {
            "vi": "{db}: lịch sử này có các xã {names}: hãy ghi tên xã bằng --commune (hoặc mã xã bằng "
            "--commune-code), hoặc thêm --new-commune để ghi một lần rà soát không nêu xã",
            "en": "{db}: this history holds the communes {names}: name the commune with --commune (or its code "
            "with --commune-code), or add --new-commune to record a review without one",
        },
        "h_code_vs_names": {
            "vi": "{db}: xã {commune} (mã {code}) chưa có lịch sử theo mã, nhưng {names} đã được ghi theo tên, "
            "không có mã: gắn mã cho xã đã ghi để nối tiếp lịch sử theo mã ('poverty-rules history recode --db "
            "{db} --commune {recorded} {options}'), rà soát theo tên như trước (bỏ mã), hoặc thêm --new-commune "
            "để bắt đầu lịch sử mới theo mã",
            "en": "{db}: commune {commune} (code {code}) has no history under its code, but {names} was "
            "recorded by name, without codes: give it its codes to continue that history under them "
            "('poverty-rules history recode --db {db} --commune {recorded} {options}'), review it by name as "
            "before (without codes), or add --new-commune to start a new history under the code",
        },
        "h_name_vs_code": {
            "vi": "{db}: xã {commune} chưa có lịch sử, nhưng {names} đã được ghi theo mã xã: thêm cột Mã tỉnh, "
            "Mã xã vào tệp (hoặc --province-code, --commune-code), hoặc thêm --new-commune nếu là một xã khác",
            "en": "{db}: commune {commune} has no history, but {names} was recorded by commune code: add the "
            "columns province_code, commune_code (Mã tỉnh, Mã xã) to the file (or --province-code, "
            "--commune-code), or add --new-commune if it is another commune",
        },
        "h_commune_differs": {
            "vi": "{file}: --commune là {commune} nhưng cột Xã của tệp ghi {names}; bỏ --commune hoặc sửa lại",
            "en": "{file}: --commune is {commune} but the file's commune column names {names}; leave out "
            "--commune or correct it",
        },
        "h_codes_in_file": {
            "vi": "{file}: tệp đã có mã xã (cột Mã xã); bỏ --province-code và --commune-code",
            "en": "{file}: the file has its own commune codes (column commune_code / Mã xã); leave out "
            "--province-code and --commune-code",
        },
        "h_codes_one_commune": {
            "vi": "{file}: --commune-code chỉ một xã nhưng tệp có {count} xã (cột Xã); hãy thêm cột Mã tỉnh, "
            "Mã xã vào tệp",
            "en": "{file}: --commune-code names one commune but the file holds {count} communes (commune "
            "column); add the columns province_code, commune_code (Mã tỉnh, Mã xã) to the file instead",
        },
        "h_no_file": {
            "vi": "{db}: chưa có tệp lịch sử; hãy chạy 'poverty-rules review' hoặc 'poverty-rules history import' "
            "trước",
            "en": "{db}: no history file; run 'poverty-rules review' or 'poverty-rules history import' first",
        },
        "h_no_review": {
            "vi": "{db}: không có lần rà soát {id}; xem 'poverty-rules history list --db {db}'",
            "en": "{db}: no review {id}; see 'poverty-rules history list --db {db}'",
        },
        "h_removed": {"vi": "đã xóa lần rà soát {id} khỏi {db}", "en": "review {id} removed from {db}"},
        # h1
        "h_db_positional": {
            "vi": "tệp lịch sử được nêu bằng tùy chọn --db: hãy viết --db {file}",
            "en": "a history file is named with the --db option: write --db {file}",
        },
        # f1
        "r_totals_row": {
            "vi": "dòng tổng cộng của biểu (Tổng cộng, Cộng …), không phải một hộ: hãy xóa dòng này; các hộ khác vẫn "
            "được đọc",
            "en": "is the form's total row (Tổng cộng, Cộng …), no household: delete this row; the households are read",
        },
        "r_income_unit_too_big": {
            "vi": "tính theo đơn vị ở tiêu đề ({unit}) là từ 1 tỷ đồng/người/tháng trở lên: ô được ghi theo đồng? "
            "(dấu chấm hay dấu phẩy trước đúng ba chữ số là dấu ngăn cách hàng nghìn: 1.234 và 1,234 đều là một "
            "nghìn hai trăm ba mươi tư)",
            "en": "is, in the header's unit ({unit}), a billion đồng or more a person a month: written in đồng? (a "
            "dot or comma before exactly three digits separates thousands: 1.234 and 1,234 are both one thousand two "
            "hundred and thirty-four)",
        },
        # g3
        "h_code_zeros": {
            "vi": "{db}: mã xã {code} chưa có lịch sử, nhưng {names} đã có: cùng một mã, chỉ khác các số 0 đứng "
            "đầu (Excel có thể đã bỏ hoặc thêm chúng); lần rà soát này sẽ bắt đầu một lịch sử mới, mọi hộ là hộ mới "
            "và các hộ của lần rà soát trước không được tính. Hãy ghi mã đúng như đã ghi ({recorded}: mã xã "
            "{commune_code} trong ô kiểu Văn bản, gõ '{commune_code}, hoặc --commune-code {commune_code}) để nối "
            "tiếp lịch sử của xã, hoặc thêm --new-commune nếu {code} là một xã khác",
            "en": "{db}: commune code {code} has no history, but {names} has: the same code but for its leading "
            "zeros (Excel may have dropped or added them); this review would start a new history, every household "
            "new and the last review's households left uncounted. Write the code as recorded ({recorded}: commune "
            "code {commune_code} in a Text cell, typed '{commune_code}, or --commune-code {commune_code}) to "
            "continue the commune's history, or add --new-commune if {code} is another commune",
        },
        # t2
        "h_empty_file": {
            "vi": "{db}: tệp lịch sử rỗng (0 byte), không ghi lần rà soát nào: có phải một bản sao chưa chép xong? "
            "Hãy dùng tệp lịch sử đã ghi các lần rà soát, hoặc chạy 'poverty-rules review' hay 'poverty-rules "
            "history import' trước; tệp này giữ nguyên",
            "en": "{db}: the history file is empty (0 bytes) and records no review: a copy cut short? Use the "
            "history file the reviews were recorded in, or run 'poverty-rules review' or 'poverty-rules history "
            "import' first; the file is left as it is",
        },
        # t3: a review on the day of an imported list (history import) of its commune: refused, --replace too
        "h_over_imported": {
            "vi": "{db}: ngày {day}, {scope} đã có một danh sách nhập bằng 'history import' (số {ids} trong 'history "
            "list'), không phải "
            "một lần rà soát: rà soát cùng ngày sẽ thay danh sách đó, và các hộ nghèo, cận nghèo trong đó mất phân "
            "loại trước đây mà lần rà soát này so sánh. Nếu danh sách là của năm trước, hãy chạy lại rà soát với "
            "--date là ngày quyết định công nhận của năm nay; nếu danh sách bị nhập nhầm ngày, hãy bỏ nó bằng "
            "'poverty-rules history undo {first} --db {db}', nhập lại với đúng --date rồi chạy rà soát. --replace "
            "không thay một danh sách đã nhập; chưa ghi gì",
            "en": "{db}: on {day}, {scope} has a list imported with 'history import' (id {ids} in 'history list'), "
            "not a review: "
            "a review of the same day would replace that list, and its poor and near-poor households would lose the "
            "earlier status this review compares them with. If the list is an earlier year's, run the review again "
            "with --date the day of this year's recognition decision; if the list was imported with the wrong date, "
            "remove it with 'poverty-rules history undo {first} --db {db}', import it again with its own --date, then "
            "run the review. --replace does not replace an imported list; nothing written",
        },
        # t3: eligible --as-of after the last national standard's period: its windows still run
        "h_eligible_after_standards": {
            "vi": "ngày {day} chưa có chuẩn nghèo quốc gia nào có hiệu lực (chuẩn sau cùng, {id}, áp dụng đến hết "
            "ngày {end}); thời hạn hưởng chính sách của hộ thoát nghèo được công nhận theo chuẩn đó vẫn tiếp tục, "
            "nên danh sách tính theo chương trình của chuẩn {id}",
            "en": "no national standard is in force on {day} (the last one, {id}, applied through {end}); the support "
            "windows of escapes recognized under it still run, so the list counts them with {id}'s programmes",
        },
    }
)
#: Headers of ``history list`` and ``history show``.
HISTORY_HEADERS = {
    "id": {"vi": "Số", "en": "id"},
    "review_date": {"vi": "Ngày rà soát", "en": "review date"},
    "commune": {"vi": "--commune", "en": "--commune"},
    "scope": {"vi": "Phạm vi (mã tỉnh/mã xã, xã)", "en": "scope (province/commune code, commune)"},
    "units": {"vi": "Số xã", "en": "communes"},
    "ruleset": {"vi": "Chuẩn", "en": "ruleset"},
    "created_at": {"vi": "Ghi lúc", "en": "written at"},
    "province_code": {"vi": "Mã tỉnh", "en": "province code"},
    "commune_code": {"vi": "Mã xã", "en": "commune code"},
    "household_id": {"vi": "Mã hộ", "en": "household"},
    "village": {"vi": "Thôn", "en": "village"},
    "status": {"vi": "Phân loại", "en": "status"},
    "transition": {"vi": "Diễn biến", "en": "movement"},
    "review": {"vi": "lần rà soát", "en": "review"},
    "households": {"vi": "Số hộ", "en": "households"},
    # h3: the support window ``history show`` says it shows (the national programme's last day)
    "eligible_until": {"vi": "Hưởng đến hết ngày", "en": "eligible until"},
}
#: The headers of an ``eligible`` or ``history show`` workbook (``-o list.xlsx``) beside the result columns'
#: (results/labels.py): an officer's sheet, in the run's language (a CSV keeps the canonical names).
LIST_FILE_HEADERS = {
    "province_code": {"vi": "Mã tỉnh", "en": "Province code"},
    "commune_code": {"vi": "Mã xã", "en": "Commune code"},
    "commune": {"vi": "Xã", "en": "Commune"},
    "village": {"vi": "Thôn", "en": "Village"},
    "household_id": {"vi": "Mã hộ", "en": "Household"},
    "previous_status": {"vi": "Phân loại lần trước", "en": "Previous status"},
    "recognized_on": {"vi": "Ngày công nhận", "en": "Recognized on"},
    "escaped_on": {"vi": "Ngày thoát nghèo", "en": "Escaped on"},
    "days_left": {"vi": "Còn (ngày)", "en": "Days left"},
    "programme": {"vi": "Chương trình", "en": "Programme"},
    # s2
    "province": {"vi": "Tỉnh", "en": "Province"},
    # g5: a household's leaving mark (history show), read back by history import
    "change_reason": {"vi": "Lý do biến động", "en": "Change reason"},
    "review_date": {"vi": "Ngày rà soát", "en": "Review date"},
}

#: What ``poverty-rules report`` says (reports/messages.py, cli/report.py): refusals and errors, rep_* about
#: the files and options, af_* about the Alkire–Foster measures.
MESSAGES.update(
    {
        "rep_missing_column": {
            "vi": "{file}: dòng 1: thiếu cột {column}; tệp đã rà soát là tệp do lệnh 'poverty-rules review' ghi ra",
            "en": "{file}: row 1: missing column {column}; a reviewed file comes from 'poverty-rules review'",
        },
        "rep_left_missing_column": {
            "vi": "{file}: dòng 1: thiếu cột {column}; tệp hộ chưa rà soát là tệp do lệnh 'poverty-rules review' "
            "ghi bên cạnh tệp đã rà soát",
            "en": "{file}: row 1: missing column {column}; the not-reviewed file is the one 'poverty-rules review' "
            "writes beside the reviewed file",
        },
        "rep_not_status": {
            "vi": "{file}: dòng {row}, cột {column}: '{value}' không phải một phân loại (nghèo, cận nghèo, "
            "trung bình, không nghèo, chưa xác định)",
            "en": "{file}: row {row}, column {column}: '{value}' is not a status (poor, near_poor, average, "
            "not_poor, undetermined)",
        },
        "rep_change_reason": {
            "vi": "{file}: dòng {row}, cột {column}: '{value}' không phải lý do biến động; cần một trong: chuyển đến, "
            "chuyển đi, chết, tách hộ, nhập hộ (moved_in, moved_out, died, split, merged) hoặc để trống",
            "en": "{file}: row {row}, column {column}: '{value}' is not a change reason; expected moved_in, moved_out, "
            "died, split, merged (chuyển đến, chuyển đi, chết, tách hộ, nhập hộ) or blank",
        },
        "rep_persons": {
            "vi": "{file}: dòng {row}, cột household_size: '{value}' không phải số nhân khẩu",
            "en": "{file}: row {row}, column household_size: '{value}' is not a number of persons",
        },
        "rep_imported_list": {
            "vi": "{file}: ngày {date} chỉ có danh sách đã nhập (history import): danh sách hộ nghèo, cận nghèo, "
            "không phải toàn bộ hộ của xã, nên không tính được số hộ và tỷ lệ của các biểu; hãy lập báo cáo "
            "từ tệp đã rà soát năm đó, hoặc chọn ngày của một kỳ rà soát (xem 'poverty-rules history list "
            "--db {file}')",
            "en": "{file}: {date} holds only imported lists (history import): the poor and near-poor households, "
            "not all the commune's, so the forms' household counts and rates cannot be made; report from that "
            "year's reviewed file, or choose the date of a review (see 'poverty-rules history list --db {file}')",
        },
        "rep_no_review": {
            "vi": "{file}: không có kỳ rà soát nào ghi ngày {date}; xem 'poverty-rules history list --db {file}'",
            "en": "{file}: no review recorded on {date}; see 'poverty-rules history list --db {file}'",
        },
        "rep_no_review_commune": {
            "vi": "{file}: không có kỳ rà soát nào của xã '{commune}' ghi ngày {date}; "
            "xem 'poverty-rules history list --db {file}'",
            "en": "{file}: no review recorded on {date} for commune '{commune}'; see 'poverty-rules history list "
            "--db {file}'",
        },
        "rep_targets_key": {
            "vi": "{file}: dòng 1: thiếu cột {column}; tệp chỉ tiêu cần có tỉnh và xã",
            "en": "{file}: row 1: missing column {column}; a targets file names province and commune",
        },
        "rep_targets_none": {
            "vi": "{file}: dòng 1: không có cột chỉ tiêu nào; cần một trong: {allowed}",
            "en": "{file}: row 1: no target column; expected one of {allowed}",
        },
        "rep_targets_number": {
            "vi": "{file}: dòng {row}, cột {column}: '{value}' không phải là số",
            "en": "{file}: row {row}, column {column}: '{value}' is not a number",
        },
        "rep_unknown_format": {
            "vi": "không có định dạng '{value}'; các định dạng: {allowed}",
            "en": "unknown format '{value}'; known: {allowed}",
        },
        "rep_format_from_ext": {
            "vi": "{file}: không biết định dạng của đuôi '{ext}'; dùng --format với một trong các định dạng: {allowed}",
            "en": "{file}: cannot tell the format from the extension '{ext}'; use --format with one of: {allowed}",
        },
        "rep_overwrite": {
            "vi": "{file}: tệp kết quả sẽ ghi đè lên một tệp đầu vào; hãy chọn -o khác",
            "en": "{file}: the output would overwrite an input; choose another -o",
        },
        "rep_one_source": {
            "vi": "hãy cho một tệp đã rà soát, hoặc --db cùng --date (chỉ một trong hai)",
            "en": "give a reviewed file, or --db with --date (one of the two)",
        },
        "rep_db_af_blank": {
            "vi": "{file}: {count} hộ được ghi vào lịch sử mà không kèm số ô để trống (lần rà soát ghi trước khi lịch "
            "sử giữ số này): các chỉ số Alkire–Foster (af) tính từ lịch sử coi các hộ này "
            "không có ô trống nào. Để có số đúng, hãy lập báo cáo từ tệp đã rà soát",
            "en": "{file}: {count:household|households} recorded without how many of their marks were blank "
            "(by a review recorded before the history kept it): the Alkire–Foster measures "
            "(af) from the history count them as having none. For the exact measures, report from the reviewed file",
        },
        "rep_db_needs_date": {
            "vi": "--db cần --date (ngày của kỳ rà soát cần lập báo cáo) hoặc --year (năm: lần rà soát cuối năm "
            "của mỗi xã)",
            "en": "--db needs --date (the date of the review to report) or --year (each commune's last review of "
            "that year)",
        },
        "rep_no_review_date": {
            "vi": "{file}: tệp không ghi ngày rà soát (không có cột review_date, cũng không có ngày công nhận thoát"
            " nghèo ở cột recognized_on): các biểu không ghi năm rà soát và không có danh sách hộ được hưởng chính"
            " sách; hãy cho --date",
            "en": "{file}: the file does not give the review date (no review_date column, and no escape's date in a"
            " recognized_on column): the forms show no review year and there is no list of eligible households;"
            " give --date",
        },
        "rep_no_db": {"vi": "{file}: không có tệp lịch sử này", "en": "{file}: no history file"},
        "rep_no_folder": {"vi": "{file}: không có thư mục này", "en": "{file}: no such folder"},
        "rep_extra": {
            "vi": "trang báo cáo HTML cần gói bổ sung: pip install 'poverty-rules[report]'",
            "en": "the HTML report needs the report extra: pip install 'poverty-rules[report]'",
        },
        "rep_lang": {
            "vi": "ngôn ngữ phải là vi hoặc en, không phải '{value}'",
            "en": "lang must be vi or en, not '{value}'",
        },
        "rep_no_status_column": {
            "vi": "bảng không có cột status: hãy chạy classify hoặc review trước",
            "en": "the table has no status column: classify or review it first",
        },
        "rep_no_ruleset": {
            "vi": "trang báo cáo cần chuẩn đã dùng để phân loại (--ruleset)",
            "en": "the report page needs the ruleset the review was classified with (--ruleset)",
        },
        "rep_folder": {
            "vi": "{file}: là một thư mục; hãy cho một tệp đã rà soát (thư mục dữ liệu Parquet cần --dask)",
            "en": "{file}: a folder; give a reviewed file (a Parquet dataset folder needs --dask)",
        },
        "rep_no_input": {"vi": "{file}: không có tệp hoặc thư mục này", "en": "{file}: no such file or folder"},
        "rep_dask_db": {
            "vi": "--dask lập báo cáo từ một bộ dữ liệu các hộ đã phân loại hoặc rà soát, không từ --db",
            "en": "--dask reports a dataset of classified or reviewed rows, not --db",
        },
        "rep_dask_csv": {
            "vi": "--dask chỉ ghi các tệp CSV (r1.csv, r4.csv–r7.csv, af.csv): dùng --format csv, không kèm --targets",
            "en": "--dask writes the CSV export (r1.csv, r4.csv–r7.csv, af.csv): use --format csv, without --targets",
        },
        "rep_dask_written": {
            "vi": "→ {file} (csv, tính trên Dask: {count} tệp)",
            "en": "→ {file} (csv on Dask: {count} files)",
        },
        "rep_written": {
            "vi": "→ {file} ({kind}: {forms} biểu, {lists} danh sách)",
            "en": "→ {file} ({kind}: {forms} forms, {lists} lists)",
        },
        "af_choice": {
            "vi": "{name} phải là một trong {allowed}, không phải '{value}'",
            "en": "{name} must be one of {allowed}, not '{value}'",
        },
        "af_flag": {
            "vi": "dòng {row}, cột {column}: '{value}' không phải dấu thiếu hụt (1/0, có/không)",
            "en": "row {row}, column {column}: '{value}' is not a flag (1/0, có/không)",
        },
        "af_no_indicator": {
            "vi": "bảng không có cột {column}, cũng không có cột deprived để đọc chỉ số này",
            "en": "the table has neither a {column} column nor a deprived column to read it from",
        },
        "af_no_column": {
            "vi": "bảng không có cột {column} (cần cho cách tính này)",
            "en": "the table has no {column} column (needed for this unit of analysis)",
        },
        "af_persons": {
            "vi": "dòng {row}, cột {column}: '{value}' không phải số nhân khẩu (số nguyên ≥ 1)",
            "en": "row {row}, column {column}: '{value}' is not a whole number of persons ≥ 1",
        },
        "af_weight": {
            "vi": "dòng {row}, cột {column}: '{value}' không phải quyền số (số ≥ 0)",
            "en": "row {row}, column {column}: '{value}' is not a number ≥ 0",
        },
        "af_unit_weight": {
            "vi": "cách tính {unit} cần cột quyền số (--weight-column)",
            "en": "unit {unit} needs a weight column (--weight-column)",
        },
        "af_k": {
            "vi": "k phải là số nguyên từ 1 đến {d} (số chỉ số), không phải {value}",
            "en": "k must be a whole number between 1 and {d} (the number of indicators), not {value}",
        },
        "af_rulesets": {
            "vi": "bảng được phân loại theo nhiều chuẩn ({ids}): hãy chọn một",
            "en": "the table was classified under several rulesets ({ids}): pick one",
        },
        # h5
        "af_unmeasured": {
            "vi": "bảng được phân loại theo {classified}, chuẩn này không có chỉ số {ids} của {ruleset}, và bảng "
            "không có cột {columns}: không đo được theo {ruleset} (bổ sung các cột đó, hoặc dùng chuẩn của bảng)",
            "en": "the table was classified by {classified}, which has no indicator {ids} of {ruleset}, and it has "
            "no column {columns}: it cannot be measured by {ruleset} (add those columns, or use the table's standard)",
        },
        # d3
        "rep_no_year": {
            "vi": "{file}: không có kỳ rà soát nào trong năm {year}; xem 'poverty-rules history list --db {file}'",
            "en": "{file}: no review recorded in {year}; see 'poverty-rules history list --db {file}'",
        },
        "rep_no_year_commune": {
            "vi": "{file}: không có kỳ rà soát nào của xã '{commune}' trong năm {year}; "
            "xem 'poverty-rules history list --db {file}'",
            "en": "{file}: no review recorded in {year} for commune '{commune}'; see 'poverty-rules history list "
            "--db {file}'",
        },
        "rep_date_or_year": {
            "vi": "--date và --year: chỉ dùng một (--date: một ngày rà soát; --year: lần rà soát cuối năm của mỗi xã)",
            "en": "--date and --year: use one (--date: one review day; --year: each commune's last review of the year)",
        },
        "rep_written_page": {
            "vi": "→ {file} (html: trang báo cáo của {count} thôn: bảng theo thôn, biểu đồ, chỉ số AF, danh sách hộ "
            "từng thôn)",
            "en": "→ {file} (html: the report page of {count:village|villages}: the village table, charts, AF "
            "measures, each village's households)",
        },
        "rep_year_needs_db": {
            "vi": "--year chỉ dùng với --db (tệp đã rà soát đã là một kỳ rà soát)",
            "en": "--year goes with --db only (a reviewed file is one review already)",
        },
        # h1
        "rep_remote_input": {
            "vi": "{file}: đây là địa chỉ kho dữ liệu từ xa; lệnh report chỉ đọc tệp trên ổ đĩa của máy này (hoặc ổ "
            "dùng chung mà mọi máy của cụm Dask đều thấy): hãy tải tệp về, hoặc mở bộ dữ liệu bằng Dask rồi đưa cho "
            "thư viện, ví dụ pr.report_forms(dd.read_parquet(…)) và pr.af_measures(dd.read_parquet(…)) "
            "(docs/scale.md)",
            "en": "{file}: a remote storage address; report reads files on this computer's disks (or a disk every "
            "machine of the Dask cluster sees) only: download the file, or open the dataset with Dask and give it "
            "to the library, e.g. pr.report_forms(dd.read_parquet(…)) and pr.af_measures(dd.read_parquet(…)) "
            "(docs/scale.md)",
        },
        "rep_dask_unused": {
            "vi": "{options}: report --dask chỉ ghi r1.csv, r4.csv–r7.csv và af.csv, các tệp này không ghi ngày rà "
            "soát và không có danh sách hộ được hưởng chính sách, nên không dùng đến; để có danh sách đó, hãy lập "
            "báo cáo từ tệp đã rà soát, không kèm --dask",
            "en": "{options}: report --dask writes r1.csv, r4.csv–r7.csv and af.csv only, which show no review "
            "date and no list of eligible households: not used; for that list, report the reviewed file without "
            "--dask",
        },
        # p3
        "rep_eligible_before": {
            "vi": "--eligible-on {day}: ngày này trước ngày rà soát {review}; danh sách hộ được hưởng chính sách lập "
            "từ kết quả của lần rà soát này, chỉ có hiệu lực từ ngày rà soát: hãy cho một ngày từ {review} trở đi, "
            "hoặc lập báo cáo của lần rà soát trước đó (report --db … --date); không ghi gì",
            "en": "--eligible-on {day}: before the review's date, {review}; the eligible list is drawn up from this "
            "review's results, in force from its date: give a day on or after {review}, or report the review "
            "before it (report --db … --date); nothing written",
        },
        # s2
        "rep_commune_zeros": {
            "vi": "{file}: không có kỳ rà soát nào của xã '{commune}'; có phải --commune {codes}? Excel có thể đã bỏ "
            "các số 0 ở đầu mã xã: hãy ghi mã với đủ các số 0",
            "en": "{file}: no review recorded for commune '{commune}'; did you mean --commune {codes}? Excel may "
            "have dropped the commune code's leading zeros: give the code with its zeros",
        },
        # t4
        "rep_commune_several": {
            "vi": "{file}: --commune '{commune}' là tên của {count} xã có mã xã khác nhau: {communes}; hãy cho mã "
            "của xã cần lập báo cáo, ví dụ --commune {code} (hoặc bỏ --commune để lập một báo cáo chung các xã); "
            "không ghi gì",
            "en": "{file}: --commune '{commune}' names {count} communes with different commune codes: {communes}; "
            "give the code of the commune to report, e.g. --commune {code} (or leave out --commune for one report "
            "of them all); nothing written",
        },
        "rep_commune_needs_db": {
            "vi": "--commune chỉ dùng với --db: báo cáo từ tệp đã rà soát ({file}) gồm mọi xã của tệp; để lập báo "
            "cáo một xã, hãy dùng --db … --commune, hoặc lập từ tệp chỉ có các dòng của xã đó; không ghi gì",
            "en": "--commune goes with --db only: a report of a reviewed file ({file}) covers every commune in it; "
            "for one commune's report use --db … --commune, or a file of that commune's rows alone; nothing "
            "written",
        },
        "rep_targets_unmatched": {
            "vi": "{file}: {count} dòng mục tiêu ghi đơn vị không có hộ nào trong báo cáo này, không đưa vào bảng "
            "mục tiêu: {units}",
            "en": "{file}: {count:target row names|target rows name} a unit with no household in this report, left "
            "out of the targets table: {units}",
        },
        "rep_targets_coded": {
            "vi": "{file}: các xã cùng tên có mã xã khác nhau được báo cáo ghi kèm mã: {communes}; hãy ghi tên xã "
            "trong tệp mục tiêu đúng như vậy",
            "en": "{file}: communes of one name with different commune codes are named with their codes in the "
            "report: {communes}; write the commune so in the targets file",
        },
        # g3
        "rep_format_not_ext": {
            "vi": "{file}: --format {fmt}, nhưng đuôi '{ext}' là của định dạng {named}: hãy đặt tên {wanted}, "
            "hoặc bỏ --format; không ghi gì",
            "en": "{file}: --format {fmt}, but '{ext}' is the {named} format's extension: name it {wanted}, or "
            "leave out --format; nothing written",
        },
        # h1
        "rep_format_needs_file": {
            "vi": "{file}: là tên một thư mục, nhưng báo cáo {fmt} là một tệp (chỉ --format csv ghi ra một thư mục): "
            "hãy cho tên tệp, ví dụ -o {wanted}; không ghi gì",
            "en": "{file}: names a folder, but the {fmt} report is one file (only --format csv writes a folder): give "
            "the file's name, e.g. -o {wanted}; nothing written",
        },
        "rep_history_persons": {
            "vi": "{file}: hộ {household} — {commune}, lần rà soát ngày {date}: số nhân khẩu (household_size) đã ghi "
            "là '{value}', không phải số nhân khẩu; hãy sửa trong tệp hộ rồi rà soát lại ngày đó",
            "en": "{file}: household {household} — {commune}, review of {date}: the number of persons "
            "(household_size) recorded is '{value}', not a number of persons; correct it in the household file "
            "and review that day again",
        },
        # m3
        "rep_targets_twice": {
            "vi": "{file}: dòng {row}, cột {columns}: {unit} đã có chỉ tiêu ở dòng {first}; mỗi đơn vị chỉ ghi một "
            "dòng chỉ tiêu; không ghi gì",
            "en": "{file}: row {row}, columns {columns}: {unit} already has its targets on row {first}; give each "
            "unit one row of targets; nothing written",
        },
        "rep_targets_negative": {
            "vi": "{file}: dòng {row}, cột {column}: '{value}' nhỏ hơn 0; chỉ tiêu là số hộ hoặc số điểm phần trăm "
            "cần đạt, từ 0 trở lên; không ghi gì",
            "en": "{file}: row {row}, column {column}: '{value}' is below zero; a target is a number of households "
            "or percentage points to reach, 0 or more; nothing written",
        },
        "rep_targets_whole": {
            "vi": "{file}: dòng {row}, cột {column}: '{value}' không phải là số hộ nguyên; cột này đếm hộ (chỉ tiêu "
            "tỷ lệ ghi ở cột target_rate_reduction); không ghi gì",
            "en": "{file}: row {row}, column {column}: '{value}' is not a whole number of households; this column "
            "counts households (a rate target goes in target_rate_reduction); nothing written",
        },
        "rep_no_households": {
            "vi": "{file}: tệp chỉ có dòng tiêu đề, không có dòng hộ nào (review ghi tệp như vậy khi mọi dòng bị loại, "
            "xem tệp rejects; hay đã chọn nhầm tệp?): các biểu ghi 0 hộ, các tỷ lệ để trống",
            "en": "{file}: the file has its header row but no household rows (review writes such a file when every "
            "row is rejected, see its rejects file; or is it the wrong file?): the forms count 0 households, their "
            "rates blank",
        },
        "rep_page_unused": {
            "vi": "{options}: trang HTML không có bảng chỉ tiêu kế hoạch và danh sách hộ được hưởng chính sách, nên "
            "không dùng đến; các bảng đó có trong tệp Excel (-o {file}) hoặc các tệp CSV (--format csv)",
            "en": "{options}: the HTML page holds no plan targets table and no eligible list: not used; those tables "
            "are in the workbook (-o {file}) or the CSV files (--format csv)",
        },
        "rep_blank_flags_unknown": {
            "vi": "{file}: dòng {row}, hộ {id}: lần rà soát đã đọc dấu để trống là chưa rõ (hộ chưa xác định được vì "
            "thiếu {marks}), nên --blank-flags not-deprived không hợp với tệp này: hãy lập báo cáo không kèm tùy chọn "
            "đó; không ghi gì",
            "en": "{file}: row {row}, household {id}: the review read blank marks as unknown (undetermined for want "
            "of {marks}), so --blank-flags not-deprived does not fit this file: report it without that option; "
            "nothing written",
        },
        "rep_targets_no_rows": {
            "vi": "{file}: tệp chỉ có dòng tiêu đề, không có dòng chỉ tiêu nào (mẫu chưa điền, hay nhầm trang tính?); "
            "không ghi gì",
            "en": "{file}: the file has its header row but no target rows (a template not yet filled in, or the "
            "wrong sheet?); nothing written",
        },
        "rep_blank_flags_file": {
            "vi": "--blank-flags not-deprived chỉ dùng cho tệp đã rà soát, không kèm --dask: lịch sử (--db) đã ghi mỗi "
            "dấu như lần rà soát đã đọc; không ghi gì",
            "en": "--blank-flags not-deprived goes with a reviewed file, without --dask: the history (--db) records "
            "each mark as the review read it; nothing written",
        },
        # r4
        "rep_unnamed_commune": {
            "vi": "{file}: {count} hộ để trống ô Xã (commune), hộ đầu tiên là {id}: các biểu tính các hộ này riêng, "
            "thành một xã không tên ('Cộng xã —'), không vào {communes}, vì một thôn được xác định bởi tỉnh, xã và "
            "thôn; hãy ghi xã của các hộ đó vào tệp hộ rồi rà soát lại",
            "en": "{file}: {count:household|households} with a blank commune (Xã) cell, the first {id}: the forms "
            "count them apart, as a commune of no name ('Commune subtotal —'), not in {communes}, since a village "
            "is identified by its province, commune and village; write their commune in the household file and "
            "review it again",
        },
        "rep_unnamed_province": {
            "vi": "{file}: {count} hộ để trống ô Tỉnh (province), hộ đầu tiên là {id}: các biểu tính các hộ này riêng, "
            "thành một tỉnh không tên ('Cộng tỉnh —') với xã và thôn của chúng, không vào {communes}, vì một thôn "
            "được xác định bởi tỉnh, xã và thôn; hãy ghi tỉnh của các hộ đó vào tệp hộ rồi rà soát lại",
            "en": "{file}: {count:household|households} with a blank province (Tỉnh) cell, the first {id}: the forms "
            "count them apart, with their commune and village, in a province of no name ('Province subtotal —'), "
            "not in {communes}, since a village is identified by its province, commune and village; write their "
            "province in the household file and review it again",
        },
        "rep_not_reviewed_either": {
            "vi": "{stem} (hoặc {whole}, tên review đặt khi bên cạnh đã có một tệp đã rà soát khác cùng tên)",
            "en": "{stem} (or {whole}, as review names it when another reviewed file of that name was beside it)",
        },
        # s2
        "rep_csv_named_file": {
            "vi": "{file}: báo cáo CSV là một thư mục (gồm r1.csv, r2.csv …, af.csv và thư mục lists/), không phải một "
            "tệp {ext}, và Excel không mở được thư mục: hãy cho -o {folder} để có thư mục các tệp CSV đó, hoặc -o "
            "{workbook}{without} để có một sổ tính Excel; không ghi gì",
            "en": "{file}: the CSV export is a folder (of r1.csv, r2.csv …, af.csv and a lists/ folder), not one {ext} "
            "file, and Excel cannot open a folder: give -o {folder} for that folder of CSV files, or -o "
            "{workbook}{without} for one Excel workbook; nothing written",
        },
        "rep_csv_named_file_format": {"vi": " (không kèm --format csv)", "en": " (without --format csv)"},
        "rep_file_ext": {
            "vi": "{file}: báo cáo ghi một sổ tính Excel (.xlsx), một trang (.html) hoặc một thư mục các tệp CSV, "
            "không ghi tệp {ext}: hãy cho -o {workbook}, -o {page} hoặc -o {folder}; không ghi gì",
            "en": "{file}: report writes an Excel workbook (.xlsx), a page (.html) or a folder of CSV files, not a "
            "{ext} file: give -o {workbook}, -o {page} or -o {folder}; nothing written",
        },
        "rep_format_file_ext": {
            "vi": "{file}: --format {fmt} ghi một tệp .{fmt}, không phải tệp {ext} (tệp sẽ không mở được bằng chương "
            "trình của đuôi đó): hãy đặt tên {wanted}; không ghi gì",
            "en": "{file}: --format {fmt} writes a .{fmt} file, not a {ext} one (the program of that extension would "
            "not open it): name it {wanted}; nothing written",
        },
        "rep_dask_named_file": {
            "vi": "{file}: report --dask ghi một thư mục các tệp CSV (r1.csv, r4.csv–r7.csv, af.csv), không phải một "
            "tệp {ext}, và Excel không mở được thư mục: hãy cho -o {folder}; không ghi gì",
            "en": "{file}: report --dask writes a folder of CSV files (r1.csv, r4.csv–r7.csv, af.csv), not one {ext} "
            "file, and Excel cannot open a folder: give -o {folder}; nothing written",
        },
        "rep_format_no_ext": {
            "vi": "{file}: --format {fmt} ghi một tệp .{fmt}, nhưng tên này không có đuôi .{fmt}, nên máy sẽ không "
            "biết mở tệp bằng chương trình nào: hãy đặt tên {wanted}; không ghi gì",
            "en": "{file}: --format {fmt} writes one .{fmt} file, but this name does not end in .{fmt}, so the "
            "computer would not know which program opens it: name it {wanted}; nothing written",
        },
        "rep_csv_unit_unused": {
            "vi": "--unit-name: các tệp CSV không có phần đầu biểu (ỦY BAN NHÂN DÂN <đơn vị>), mỗi dòng ghi theo tỉnh, "
            "xã, thôn của nó, nên không dùng đến; tên đơn vị ghi ở đầu các biểu của sổ tính Excel (-o {file}) và trên "
            "trang HTML",
            "en": "--unit-name: the CSV files have no header block (PEOPLE'S COMMITTEE OF <unit>), each row being "
            "keyed by its province, commune and village: not used; the unit is named in the header of the workbook's "
            "forms (-o {file}) and on the HTML page",
        },
        "rep_format_csv_ext": {
            "vi": "{file}: --format {fmt} ghi một tệp {fmt}, nhưng đuôi '{ext}' là của một tệp CSV: hãy đặt tên "
            "{wanted} (báo cáo CSV là một thư mục, không phải một tệp {ext}: -o {folder}); không ghi gì",
            "en": "{file}: --format {fmt} writes one {fmt} file, but '{ext}' names a CSV file: name it {wanted} (the "
            "CSV export is a folder, not one {ext} file: -o {folder}); nothing written",
        },
        # u2 (session 22): what the forms and the AF measures refuse alike
        "rep_persons_zero": {
            "vi": "{file}: dòng {row}, cột household_size: '{value}' nhân khẩu — hộ nào cũng có ít nhất 1 người; "
            "hãy ghi số nhân khẩu của hộ (để trống nếu chưa biết)",
            "en": "{file}: row {row}, column household_size: '{value}' persons — a household has at least one "
            "person; write the household's number of persons (leave it blank when unknown)",
        },
        "af_change_reason": {
            "vi": "dòng {row}, cột {column}: '{value}' không phải lý do biến động; cần một trong: chuyển đến, "
            "chuyển đi, chết, tách hộ, nhập hộ (moved_in, moved_out, died, split, merged) hoặc để trống",
            "en": "row {row}, column {column}: '{value}' is not a change reason; expected moved_in, moved_out, "
            "died, split, merged (chuyển đến, chuyển đi, chết, tách hộ, nhập hộ) or blank",
        },
        # s24 h3: --weight-column naming a column the file lacks was said "needed for this unit of analysis"
        "af_no_weight_column": {
            "vi": "bảng không có cột quyền số {column} (--weight-column): hãy ghi tên cột quyền số đúng như ở dòng "
            "tiêu đề của tệp",
            "en": "the table has no {column} column to weight by (--weight-column): name the weight column as the "
            "file's header writes it",
        },
    }
)

# --------------------------------------------------------------------------- the history commands (cli/history.py)

#: Messages of ``history list/show/undo/import`` and ``eligible``; the lists file's errors (review/history.py).
MESSAGES.update(
    {
        "h_read_only": {
            "vi": "{file}: tệp lịch sử chỉ đọc, không ghi được vào đó",
            "en": "{file}: the history file is read-only and cannot be written to",
        },
        "h_locked": {
            "vi": "{file}: tệp lịch sử đang bị một chương trình khác khóa để ghi (đã chờ mà chưa được): hãy đợi "
            "chương trình đó xong hoặc đóng nó rồi chạy lại; lịch sử không thay đổi",
            "en": "{file}: the history file is locked by another program writing to it (waited, in vain): let it "
            "finish, or close it, and run again; the history is unchanged",
        },
        "h_write_failed": {
            "vi": "{file}: không ghi được vào tệp lịch sử (đĩa đầy, tệp vượt kích thước hệ thống cho phép, hoặc lỗi "
            "thiết bị); lịch sử không thay đổi: hãy giải phóng chỗ trống rồi chạy lại",
            "en": "{file}: the history file could not be written (a full disk, a file larger than the system "
            "allows, or a device error); the history is unchanged: make room and run again",
        },
        "h_unusable": {
            "vi": "{file}: không phải tệp lịch sử dùng được ({why})",
            "en": "{file}: not a usable history file ({why})",
        },
        "h_newer": {
            "vi": "{file}: tệp lịch sử ở phiên bản {version}, mới hơn phiên bản {ours} của chương trình; "
            "hãy nâng cấp poverty-rules",
            "en": "{file}: schema version {version} is newer than this program's {ours}; upgrade poverty-rules",
        },
        "h_imported": {
            "vi": "{rows} dòng → {reviews} lần rà soát trong {file}",
            "en": "{rows:row|rows} → {reviews:review|reviews} in {file}",
        },
        "rv_later_reviews": {
            "vi": "{db}: các lần rà soát sau ngày {day} của xã này ({days}) đã tính biến động và thời hạn hưởng "
            "chính sách theo lịch sử trước thay đổi này ở ngày {day}; hãy rà soát lại chúng theo thứ tự, với --replace",
            "en": "{db}: the later reviews of these communes ({days}) counted their movements and support windows "
            "from the history as it was before this change on {day}; review them again, in order, with --replace",
        },
        "rv_nothing_recorded": {
            "vi": "{file}: không hộ nào được phân loại (mọi dòng đều bị loại): chưa ghi lần rà soát này vào {db}; "
            "hãy sửa các dòng trong tệp rejects rồi rà soát lại",
            "en": "{file}: no household was classified (every row was rejected): this review is not recorded in "
            "{db}; correct the rows in the rejects file and run the review again",
        },
        "h_undated_escapes": {
            "vi": "{file}: {count} hộ thoát nghèo không có ngày công nhận: đã ghi nhận nhưng chưa tính được thời hạn "
            "hưởng chính sách (tính từ ngày công nhận); hãy điền cột Ngày công nhận rồi nhập lại",
            "en": "{file}: {count:household|households} escaped poverty without a recognition date: recorded, "
            "but their support window (which starts on that date) is unknown; fill the recognized_on column and import "
            "again",
        },
        "h_unknown_commune": {
            "vi": "{db}: lịch sử không có xã '{commune}'; các xã đã ghi: {known}",
            "en": "{db}: no commune '{commune}' in the history; communes on record: {known}",
        },
        "h_unknown_programme": {
            "vi": "chuẩn {ruleset} không có chính sách '{programme}'; các chính sách: {known}",
            "en": "{ruleset} has no programme {programme!r}; known: {known}",
        },
        # the lists file (history import) and the review's results, refused before anything is written
        "l_missing_column": {
            "vi": "thiếu cột bắt buộc {label} ({name}): tệp danh sách cần cột Mã hộ và Tình trạng",
            "en": "missing required column {name} ({label}): a lists file needs household_id (Mã hộ) and status "
            "(Tình trạng)",
        },
        "l_unreadable": {
            "vi": "{rows}, cột {column}: {value!r} không phải tình trạng (cần: nghèo, cận nghèo, "
            "thoát nghèo, thoát cận nghèo, trung bình, không nghèo, chưa xác định, hoặc poor, near_poor, average, "
            "not_poor, undetermined)",
            "en": "{rows}, column {column}: {value!r} is not a status (expected: nghèo, cận nghèo, thoát "
            "nghèo, thoát cận nghèo, trung bình, không nghèo, chưa xác định, or poor, near_poor, average, not_poor, "
            "undetermined)",
        },
        "l_no_id": {
            "vi": "{rows}: thiếu mã hộ (cột {column})",
            "en": "{rows}: no household id (column {column})",
        },
        "l_no_date": {
            "vi": "{rows}: không có ngày rà soát (review_date) hoặc năm (Năm); hoặc dùng --date",
            "en": "{rows}: no review_date or year (Năm); or use --date",
        },
        "l_not_dates": {
            "vi": "cột {name}: {rows} không phải ngày ({value!r}; cần dạng DD/MM/YYYY hoặc YYYY-MM-DD)",
            "en": "column {name}, {rows}: not a date ({value!r}; expected YYYY-MM-DD or DD/MM/YYYY)",
        },
        "l_not_years": {
            "vi": "cột {name}: {rows} không phải năm ({value!r}; ví dụ 2023)",
            "en": "column {name}, {rows}: not a year ({value!r}; e.g. 2023)",
        },
        "o_date": {
            "vi": "cần một ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY, nhận được {value!r}",
            "en": "expected a date as YYYY-MM-DD or DD/MM/YYYY, got {value!r}",
        },
        "o_no_such_day": {
            "vi": "{value!r} không phải một ngày có trong lịch (đọc là ngày {day}, tháng {month}, năm {year})",
            "en": "{value!r} is not a day of the calendar (read as day {day}, month {month}, year {year})",
        },
        "l_one_date": {
            "vi": "{name}: cần một ngày (DD/MM/YYYY hoặc YYYY-MM-DD), nhận được {value!r}",
            "en": "{name}: expected one date (YYYY-MM-DD or DD/MM/YYYY), got {value!r}",
        },
        "l_whole_numbers": {
            "vi": "cột {name}: cần số nguyên",
            "en": "column {name}: expected whole numbers",
        },
        "l_no_window_rows": {
            "vi": "{rows}, cột recognized_on (Ngày công nhận) {days}: không có chuẩn quốc gia (và thời hạn hỗ "
            "trợ) có hiệu lực vào ngày đó; cần ngày từ {first} đến {last}",
            "en": "{rows}, column recognized_on {days}: no national standard (and programme window) in force "
            "then; expected a date from {first} to {last}",
        },
        "l_no_window": {
            "vi": "recognized_on (Ngày công nhận) {days}: không có chuẩn quốc gia (và thời hạn hỗ trợ) có hiệu lực "
            "vào ngày đó",
            "en": "recognized_on {days}: no national standard (and programme window) in force then",
        },
        "l_computed": {
            "vi": "lần rà soát ngày {day} của xã {commune!r} đã được ghi theo chuẩn {ruleset!r}; không nhập danh "
            "sách đè lên một lần rà soát đã tính",
            "en": "the review of {day} for commune {commune!r} was recorded by ruleset {ruleset!r}; lists are not "
            "imported over a computed review",
        },
        # h1
        "rv_replaced_nothing": {
            "vi": "{db}: --replace: chưa có lần rà soát nào của {scope} ngày {day} để thay; lần rà soát này được "
            "ghi thêm như một lần mới (nếu định thay một lần đã ghi, xem ngày của nó: 'poverty-rules history list "
            "--db {db}')",
            "en": "{db}: --replace: no review of {scope} on {day} was recorded, so nothing was replaced; this review "
            "is recorded as a new one (to replace a recorded review, see its date: 'poverty-rules history list "
            "--db {db}')",
        },
        "rv_absent_villages": {
            "vi": "{file}: không hộ nào của {villages} có trong tệp: {count} hộ đã ghi ở lần rà soát trước được ghi "
            "là đã ra khỏi xã, và lần rà soát sau không tính từ các hộ này; nếu tệp chỉ có một phần của xã (rà soát "
            "một thôn, một vài hộ), hãy xóa lần rà soát này ('poverty-rules history list --db {db}', rồi "
            "'history undo')",
            "en": "{file}: no household of {villages} is in the file: {count:household|households} recorded at "
            "the last review now recorded as gone, and the next review does not start from them; if the file holds "
            "only part of the commune (one village, a few households), remove this review ('poverty-rules history list "
            "--db {db}', then 'history undo')",
        },
        # g8
        "h_name_is_code": {
            "vi": "{db}: {commune} là mã xã của {names}, không phải tên xã: dùng {options} để nối tiếp lịch sử của "
            "xã đó, hoặc thêm --new-commune nếu {commune} là tên một xã khác",
            "en": "{db}: {commune} is the commune code of {names}, not a commune's name: give {options} to continue "
            "its history, or add --new-commune if {commune} names another commune",
        },
        "h_commune_code": {
            "vi": "--commune {code}: mã xã của {names}",
            "en": "--commune {code}: the commune code of {names}",
        },
        # f6
        "rv_not_placed": {
            "vi": "{db}: lần rà soát {review} ngày {day} đã được ghi vào lịch sử, nhưng các tệp kết quả chưa được đặt "
            "vào chỗ đủ cả ({why}): {missing} vẫn là tệp của lần chạy trước (hoặc chưa có){placed}; hãy đóng tệp "
            "đang mở trong chương trình khác (Excel) hoặc sửa nguyên nhân, rồi chạy lại đúng lệnh này với --replace "
            "để các tệp khớp với lịch sử",
            "en": "{db}: review {review} of {day} was recorded in the history, but its files were not all put in "
            "place ({why}): {missing} still hold the previous run's results (or do not exist){placed}; close the "
            "file open in another program (Excel) or mend the cause, then run this same command again with "
            "--replace so that the files agree with the history",
        },
        "rv_placed_part": {
            "vi": "; {files} đã là kết quả mới",
            "en": "; {files} already hold the new results",
        },
        "rv_stopped_why": {"vi": "lần chạy bị dừng", "en": "the run was stopped"},
        "rv_unplaced": {
            "vi": "{db}: lần rà soát {review} ngày {day} đã được ghi vào lịch sử nhưng các tệp kết quả của nó chưa "
            "bao giờ được đặt vào chỗ (lần chạy bị cắt ngang: mất điện, bị buộc dừng, hoặc một tệp không thay được): "
            "{files} có thể vẫn là của lần chạy trước (hoặc chưa có) và không khớp với lịch sử; hãy chạy lại lần rà "
            "soát đó với --replace, hoặc xóa nó: 'poverty-rules history undo {review} --db {db}'",
            "en": "{db}: review {review} of {day} was recorded in the history, but its files were never put in place "
            "(the run was cut off: power lost, the program killed, or a file that could not be replaced): {files} may "
            "still hold an earlier run's results (or not exist) and do not agree with the history; run that review "
            "again with --replace, or remove it: 'poverty-rules history undo {review} --db {db}'",
        },
        "rv_leftovers_removed": {
            "vi": "{files}: đã xóa các tệp dở mà một lần chạy bị cắt ngang (mất điện, bị buộc dừng) để lại bên cạnh "
            "các tệp kết quả",
            "en": "{files}: removed the unfinished files a run cut off before its end (power lost, the program killed) "
            "had left beside the outputs",
        },
        "rv_leftovers_kept": {
            "vi": "{files}: tệp dở bên cạnh các tệp kết quả, của một lần chạy khác đang ghi hoặc của một lần chạy vừa "
            "bị cắt ngang (mất điện, bị buộc dừng); nếu không có lần chạy nào khác đang ghi, hãy xóa chúng",
            "en": "{files}: unfinished files beside the outputs, of another run writing now or of a run cut off a "
            "moment ago (power lost, the program killed); if no other run is writing, delete them",
        },
        "rep_no_not_reviewed": {
            "vi": "{file}: không thấy tệp {sibling} mà review ghi bên cạnh (các hộ của lần rà soát trước không còn "
            "trong tệp): biểu R2, R3 không tính được các hộ đó (giảm khác, cột 4), và cột 1 (đầu kỳ) chỉ gồm các hộ "
            "có trong tệp, khác cột 9 của năm trước; hãy chép tệp đó vào cạnh tệp đã rà soát, hoặc lập báo cáo từ "
            "lịch sử: 'poverty-rules report --db … --date …'",
            "en": "{file}: no {sibling} beside it, which review writes (the last review's households absent from the "
            "file): R2 and R3 cannot count them (other decrease, column 4), and column 1 (start) holds only the "
            "file's households, unlike last year's column 9; copy that file beside the reviewed one, or report from "
            "the history: 'poverty-rules report --db … --date …'",
        },
        "file_in_use": {
            "vi": "{file}: không thay được tệp này: nó đang mở trong một chương trình khác (Excel) hoặc chỉ đọc; "
            "hãy đóng nó (hoặc bỏ thuộc tính chỉ đọc)",
            "en": "{file}: this file cannot be replaced: it is open in another program (Excel) or read-only; close "
            "it (or make it writable)",
        },
        # g3
        "rv_zero_pairs": {
            "vi": "{file}: {count} hộ mới (rà soát lần đầu) có mã chỉ khác mã của một hộ ở lần rà soát trước, không "
            "có trong tệp, cùng xã, ở các số 0 đứng đầu (mã trong tệp ↔ mã trong lịch sử): {pairs}. Excel có thể "
            "đã bỏ hoặc giữ các số 0 đầu mã (ô định dạng số 000, mã gõ như một số, hoặc lịch sử ghi bởi một phiên "
            "bản trước): nếu đó là cùng một hộ, lần rà soát này đã ghi nó là hộ mới và ghi hộ mã cũ là đã ra khỏi "
            "danh sách (mất diễn biến thoát nghèo và thời hạn hưởng chính sách); để giữ lịch sử của hộ, hãy ghi mã "
            "trong tệp đúng như lịch sử ghi (ô kiểu Văn bản, '001 để giữ các số 0; định dạng General để bỏ chúng), "
            "rồi chạy lại lần rà soát với --replace (docs/review.md). Nếu là hai hộ khác nhau, không cần làm gì",
            "en": "{file}: {count:new household|new households} (first review) whose code differs from the code of "
            "a household of the last review, absent from the file, in the same commune, only by leading zeros (code "
            "in the file ↔ code in the history): {pairs}. Excel may have dropped or kept the zeros (a cell "
            "formatted 000, a code typed as a number, or a history recorded by an earlier version): if it is the "
            "same household, this review recorded it as new and the old code as gone (its escape from poverty and "
            "support window lost); to keep its history, write the code in the file as the history has it (a Text "
            "cell, '001 to keep the zeros; the General format to drop them), then run the review again with "
            "--replace (docs/review.md). If they are two households, nothing is to be done",
        },
        # r2
        "rv_fresh_communes": {
            "vi": "{db}: {fresh} chưa có lịch sử: mọi hộ của xã được ghi là rà soát lần đầu (không có phân loại "
            "năm trước, diễn biến hay thời hạn hưởng chính sách); lịch sử còn {old}, không có trong tệp này và "
            "chưa rà soát năm {year}. Nếu xã được hợp nhất từ các xã đó (sắp xếp đơn vị hành chính), lịch sử của "
            "chúng không được nối sang: poverty-rules không gộp hai lịch sử (mã hộ chỉ là duy nhất trong một xã). "
            "Để nối tiếp lịch sử của từng hộ, hãy ghi trong tệp cột Mã xã (hoặc Xã) cũ của hộ và mã hộ như lịch "
            "sử ghi, xóa lần rà soát này ('poverty-rules history undo', số của nó trong 'history list') rồi "
            "chạy lại; một xã cũ ghi theo tên (không có mã) có thể nhận mã của xã mới bằng 'poverty-rules "
            "history recode' (docs/review.md). Nếu là một xã khác, không cần làm gì",
            "en": "{db}: {fresh} has no history: every household of it is recorded as a first review (no previous "
            "status, movement or support window); the history also holds {old}, absent from this file and not "
            "reviewed in {year}. If the commune was formed by merging those (an administrative reorganisation), "
            "their histories are not carried over: poverty-rules merges no two histories (a household code is "
            "unique only within its commune). To continue each household's history, write its old commune's "
            "code (or name) in the file's commune code (or commune) column and its code as the history has it, "
            "remove this review ('poverty-rules history undo', its id in 'history list') and run it again; an "
            "old commune recorded by name (without codes) can take the new commune's codes with 'poverty-rules "
            "history recode' (docs/review.md). If it is another commune, nothing is to be done",
        },
        "l_repeat_named": {
            "vi": "{rows}: hộ {id} đã có trong danh sách của cùng năm, ở dòng {first}",
            "en": "{rows}: household {id} is already listed that year, at row {first}",
        },
        "h_code_zeros_import": {
            "vi": "{db}: mã xã {code} chưa có lịch sử, nhưng {names} đã có: cùng một mã, chỉ khác các số 0 đứng "
            "đầu (Excel có thể đã bỏ hoặc thêm chúng); nhập danh sách này sẽ bắt đầu một lịch sử mới mà lần rà "
            "soát sau không nối tiếp. Hãy ghi mã đúng như đã ghi ({recorded}: mã xã {commune_code} trong ô kiểu "
            "Văn bản, gõ '{commune_code}) để nối tiếp lịch sử của xã, hoặc thêm --new-commune nếu {code} là một "
            "xã khác",
            "en": "{db}: commune code {code} has no history, but {names} has: the same code but for its leading "
            "zeros (Excel may have dropped or added them); importing these lists would start a new history, which "
            "the next review does not continue. Write the code as recorded ({recorded}: commune code "
            "{commune_code} in a Text cell, typed '{commune_code}) to continue the commune's history, or add "
            "--new-commune if {code} is another commune",
        },
        "h_name_is_code_import": {
            "vi": "{db}: {commune} là mã xã của {names}, không phải tên xã: ghi mã trong cột Mã tỉnh, Mã xã của "
            "danh sách để nối tiếp lịch sử của xã đó, hoặc thêm --new-commune nếu {commune} là tên "
            "một xã khác",
            "en": "{db}: {commune} is the commune code of {names}, not a commune's name: write the codes in the "
            "lists' Mã tỉnh, Mã xã (province_code, commune_code) columns to continue its history, or "
            "add --new-commune if {commune} names another commune",
        },
        "h_name_vs_code_import": {
            "vi": "{db}: xã {commune} chưa có lịch sử, nhưng {names} đã được ghi theo mã xã: thêm cột Mã tỉnh, "
            "Mã xã vào danh sách, hoặc thêm --new-commune nếu là một xã khác",
            "en": "{db}: commune {commune} has no history, but {names} was recorded by commune code: add the "
            "columns province_code, commune_code (Mã tỉnh, Mã xã) to the lists, or add --new-commune if it is "
            "another commune",
        },
        "h_unnamed_import": {
            "vi": "{db}: lịch sử này có các xã {names}: hãy ghi tên xã bằng --commune (hoặc cột Xã), hoặc thêm "
            "--new-commune để nhập danh sách không nêu xã",
            "en": "{db}: this history holds the communes {names}: name the commune with --commune (or a commune "
            "column), or add --new-commune to import lists that name none",
        },
        "rv_same_year": {
            "vi": "{db}: {scope} đã được rà soát ngày {days} (lần {ids}), cùng năm {year}: lần rà soát này so các "
            "hộ với kết quả ngày {last}, không với năm trước (biến động, thời hạn hưởng chính sách và đầu kỳ của "
            "báo cáo tính từ ngày {last}). Nếu ngày đó bị ghi nhầm, hãy xóa lần đó ('poverty-rules history undo "
            "{last_id} --db {db}') rồi chạy lại lần rà soát này với --replace",
            "en": "{db}: {scope} was already reviewed on {days} (review {ids}), in the same year {year}: this "
            "review compares its households with the results of {last}, not with the year before (its movements, "
            "support windows and the reports' start counted from {last}). If that date was a mistake, remove that "
            "review ('poverty-rules history undo {last_id} --db {db}') and run this review again with --replace",
        },
        # s2
        "h_unknown_commune_zeros": {
            "vi": "{db}: lịch sử không có xã '{commune}'; có phải --commune {codes}? Excel có thể đã bỏ các số 0 "
            "ở đầu mã xã: hãy ghi mã với đủ các số 0",
            "en": "{db}: no commune '{commune}' in the history; did you mean --commune {codes}? Excel may have "
            "dropped the commune code's leading zeros: give the code with its zeros",
        },
        # t1
        "l_recognized_after": {
            "vi": "{rows}, cột {column}: {value!r} là sau năm của danh sách ({year}, ngày rà soát {date}): ngày công "
            "nhận phải trong năm rà soát đó hoặc trước đó (gõ nhầm năm?); chưa nhập gì",
            "en": "{rows}, column {column}: {value!r} is after the list's year ({year}, review date {date}): the "
            "recognition date must be in that review's year or before it (a mistyped year?); nothing imported",
        },
        # t4
        "rv_absent_communes": {
            "vi": "{db}: lần rà soát trước của các xã trong tệp này (ngày {days}, lần {ids}) còn gồm {absent}, "
            "không có dòng nào trong tệp này và chưa rà soát năm {year}: các hộ của xã đó không được tính là đã ra "
            "khỏi danh sách, và biến động, biểu báo cáo của lần này không có xã đó. Nếu tệp bỏ sót xã đó, hãy thêm "
            "các dòng của xã rồi chạy lại với --replace; nếu xã được rà soát riêng, không cần làm gì",
            "en": "{db}: the last review of this file's communes ({days}, review {ids}) also covered {absent}, "
            "which has no row in this file and was not reviewed in {year}: its households are not counted as gone, "
            "and this review's movements and forms leave it out. If the file left it out by mistake, add its rows "
            "and run this review again with --replace; if it is reviewed on its own, nothing is to be done",
        },
        # g1
        "h_import_no_rows": {
            "vi": "{file}: tệp chỉ có dòng tiêu đề, không có dòng hộ nào để nhập; chưa nhập gì, lịch sử giữ nguyên",
            "en": "{file}: the file has its header row but no household rows to import; nothing imported, the "
            "history is unchanged",
        },
        "l_unreadable_abbr": {
            "vi": "{rows}, cột {column}: {value!r}: {why}",
            "en": "{rows}, column {column}: {value!r}: {why}",
        },
        # g5
        "l_change_reason": {
            "vi": "{rows}, cột {column}: {value!r} không phải lý do biến động (cần: chuyển đến, chuyển đi, chết, "
            "tách hộ, nhập hộ, hoặc để trống); chưa nhập gì",
            "en": "{rows}, column {column}: {value!r} is not a change reason (expected: moved_in, moved_out, died, "
            "split, merged — or chuyển đến, chuyển đi, chết, tách hộ, nhập hộ — or blank); nothing imported",
        },
        # g3
        # k5
        "h_foreign": {
            "vi": "{file}: đây là cơ sở dữ liệu SQLite của một chương trình khác (các bảng: {tables}), không phải "
            "tệp lịch sử rà soát; không ghi gì vào tệp. Hãy chỉ --db tới tệp lịch sử của xã, hoặc một tệp mới",
            "en": "{file}: an SQLite database of another program (its tables: {tables}), not a review history; "
            "nothing was written to it. Give --db the commune's history file, or a new file",
        },
        # k2
        "l_id_formula_error": {
            "vi": "{rows}, cột {column}: {value!r} là lỗi của công thức trong bảng tính, không phải mã hộ: hãy sửa "
            "công thức hoặc nhập mã hộ; chưa nhập gì",
            "en": "{rows}, column {column}: {value!r} is a spreadsheet formula's error, not a household code: correct "
            "the formula or type the code; nothing imported",
        },
        # m1
        "rv_companions_apart": {
            "vi": "{other}, một tệp đã rà soát khác cùng tên bên cạnh, có tệp biến động và tệp hộ chưa rà soát mang "
            "tên đó: các tệp của lần này được đặt theo tên đầy đủ của {output} ({files}) để không ghi đè lên "
            "chúng; 'report {output}' đọc đúng các tệp này",
            "en": "{other}, another reviewed file of the same name beside it, has the movements and not-reviewed "
            "files of that name: this review's are named after the whole name of {output} ({files}) so as not to "
            "replace them; 'report {output}' reads these",
        },
        "rv_nothing_written": {
            "vi": " (không ghi tệp đã rà soát, tệp biến động và tệp hộ chưa rà soát: {output} và các tệp bên cạnh "
            "của lần chạy trước, nếu có, giữ nguyên)",
            "en": " (no reviewed, movements or not-reviewed file is written: {output} and the files beside it of an "
            "earlier run, if any, are left as they were)",
        },
        # s1: the last review recorded households under no commune (an earlier version, their Xã left blank)
        "rv_absent_unnamed": {
            "vi": "{db}: lần rà soát trước của các xã trong tệp này (ngày {days}, lần {ids}) đã ghi một số hộ vào một "
            "xã không tên (ô Xã của các hộ đó để trống bên cạnh các dòng có ghi xã; nay rà soát loại những dòng như "
            "vậy): lần này không tìm thấy lịch sử của các hộ đó, các hộ được rà soát như lần đầu, mất phân loại, diễn "
            "biến thoát nghèo và thời hạn hưởng chính sách. Để giữ lịch sử: poverty-rules history undo {first} --db "
            "{db}, ghi xã vào tệp của lần rà soát đó và chạy lại lần đó, rồi chạy lại lần này với --replace",
            "en": "{db}: the last review of this file's communes ({days}, review {ids}) recorded households under a "
            "commune of no name (their Xã cell left blank beside rows naming one; review now rejects such rows): "
            "this review does not find their history, and they are first reviews, their status, escape and support "
            "window lost. To keep their history: poverty-rules history undo {first} --db {db}, write the commune in "
            "that review's file and run it again, then run this review again with --replace",
        },
        # s1: history import of a list that leaves a row's commune blank beside rows naming one
        "l_blank_commune": {
            "vi": "{rows}, cột {column}: để trống, trong khi các dòng khác của danh sách ghi {places}: hãy ghi xã của "
            "hộ (lịch sử giữ mỗi hộ theo xã của hộ; để trống, hộ sẽ được nhập vào một xã không tên và các lần rà soát "
            "sau không tìm thấy phân loại, diễn biến thoát nghèo và thời hạn hưởng chính sách của hộ); chưa nhập gì",
            "en": "{rows}, column {column}: blank, while the list's other rows name {places}: write the household's "
            "commune (the history keeps each household under its commune; left blank, it would be imported under a "
            "commune of no name, and the reviews would not find its status, escape and support window); nothing "
            "imported",
        },
        # s1: history import of a list that leaves a row's province (or province code) blank beside rows naming one
        "l_blank_province": {
            "vi": "{rows}, cột {column}: để trống, trong khi các dòng khác của danh sách ghi {places}: hãy ghi tỉnh "
            "của hộ (lịch sử giữ mỗi hộ theo tỉnh và xã của hộ; để trống, hộ sẽ được nhập vào một xã khác và các lần "
            "rà soát sau không tìm thấy phân loại, diễn biến thoát nghèo và thời hạn hưởng chính sách của hộ); chưa "
            "nhập gì",
            "en": "{rows}, column {column}: blank, while the list's other rows name {places}: write the household's "
            "province (the history keeps each household under its province and commune; left blank, it would be "
            "imported under another commune, and the reviews would not find its status, escape and support "
            "window); nothing imported",
        },
        # t3: history import of a list whose row writes its commune without the Mã xã other rows give that commune
        "l_blank_commune_code": {
            "vi": "{rows}, cột {column}: để trống, trong khi các dòng khác của danh sách ghi xã '{commune}' với Mã xã "
            "{codes}: hãy ghi mã xã của hộ (lịch sử giữ mỗi hộ theo mã xã của hộ; để trống, hộ sẽ được nhập vào một "
            "xã khác và các lần rà soát sau không tìm thấy phân loại, diễn biến thoát nghèo và thời hạn hưởng chính "
            "sách của hộ); chưa nhập gì",
            "en": "{rows}, column {column}: blank, while the list's other rows write commune '{commune}' with the code "
            "{codes}: write the household's commune code (the history keeps each household under its commune's "
            "code; left blank, it would be imported under another commune, and the reviews would not find its "
            "status, escape and support window); nothing imported",
        },
    }
)


# --------------------------------------------------------------------------- the rulesets commands (cli/rulesets.py)

MESSAGES.update(
    {
        "rs_ok": {
            "vi": "{file}: hợp lệ ({label}, {indicators} chỉ số, {classes} quy tắc phân loại{kind})",
            "en": "{file}: ok ({label}, {indicators} indicators, {classes} class rules{kind})",
        },
        "rs_ok_local": {"vi": ", chuẩn địa phương trên {base}", "en": ", local standard on {base}"},
        "rs_list_error": {"vi": "LỖI", "en": "ERROR"},
    }
)


# --------------------------------------------------------------------------- ruleset-author errors (rules/)

#: Where a ruleset error is: file and line (``file:line:`` in English, as editors read it).
MESSAGES.update(
    {
        "rs_at_line": {"vi": "{file}, dòng {line}: {reason}", "en": "{file}:{line}: {reason}"},
        "rs_at_file": {"vi": "{file}: {reason}", "en": "{file}: {reason}"},
    }
)
#: Why a ruleset file is refused (rules/loader.py, yaml_lines.py, registry.py, overlay.py, model.py).
MESSAGES.update(
    {
        "rs_cannot_read": {"vi": "không đọc được tệp ({why})", "en": "cannot read the file ({why})"},
        "rs_too_big": {
            "vi": "tệp lớn hơn {limit} byte: không phải một bộ quy tắc",
            "en": "the file is larger than {limit} bytes: not a ruleset",
        },
        "rs_not_utf8": {
            "vi": "không phải văn bản UTF-8 (hãy lưu bộ quy tắc dưới dạng UTF-8)",
            "en": "not UTF-8 text (save the ruleset as UTF-8)",
        },
        "rs_binary": {"vi": "tệp nhị phân, không phải bộ quy tắc YAML", "en": "a binary file, not a YAML ruleset"},
        "rs_not_mapping": {
            "vi": "bộ quy tắc phải là một bảng khóa: giá trị (id:, title:, parameters: …)",
            "en": "a ruleset must be a mapping (id:, title:, parameters: …)",
        },
        "rs_empty": {"vi": "tệp rỗng", "en": "the file is empty"},
        "rs_bad_yaml": {
            "vi": "không phải YAML hợp lệ (cột {column}){block}: kiểm tra thụt lề, dấu hai chấm, dấu ngoặc và dấu nháy",
            "en": "not valid YAML at column {column}: {problem}{block}; check the indentation, colons, brackets "
            "and quotes",
        },
        "rs_duplicate_key": {
            "vi": "khóa `{key}` được viết hai lần (chỉ một giá trị được dùng): hãy giữ một và xóa dòng kia",
            "en": "the key `{key}` is written twice (only one value would be used): keep one and delete the other",
        },
        "rs_bad_date": {
            "vi": "ngày {value} không có thật (tháng từ 1 đến 12, ngày có trong tháng đó): viết dạng YYYY-MM-DD",
            "en": "{value} is not a real date (a month from 1 to 12, a day that month has): write it YYYY-MM-DD",
        },
        "rs_yaml_tab": {
            "vi": "có ký tự Tab ở cột {column}: YAML chỉ thụt lề bằng dấu cách; hãy thay Tab bằng dấu cách",
            "en": "a tab at column {column}: YAML indents with spaces only; replace the tab with spaces",
        },
        "rs_too_nested": {
            "vi": "lồng nhau quá sâu, không thể là một bộ quy tắc",
            "en": "nested too deeply to be a ruleset",
        },
        "rs_depth": {"vi": "lồng nhau sâu hơn {limit} cấp", "en": "nested more than {limit} levels deep"},
        "rs_aliases": {"vi": "nhiều hơn {limit} bí danh YAML (*tên)", "en": "more than {limit} YAML aliases"},
        "rs_twice_indicator": {
            "vi": "chỉ số '{id}' được khai báo hai lần",
            "en": "indicator '{id}' is listed twice",
        },
        "rs_twice_class": {"vi": "mã lớp '{id}' được dùng hai lần", "en": "class id '{id}' is used twice"},
        "rs_reserved_name": {
            "vi": "{where}: '{id}' đã là tên một dữ liệu của hộ (các dữ liệu vào {inputs}, cờ deprived_<chỉ số>, "
            "các trường của hộ trong docs/members.md), quy tắc đọc tên này chỉ đọc được một trong hai: hãy đặt tên "
            "khác",
            "en": "{where}: '{id}' is already the name of a household's data (the inputs {inputs}, the "
            "deprived_<indicator> flags, the household fields of docs/members.md), and a rule reading it would "
            "read only one of them: give it another name",
        },
        "rs_twice_name": {
            "vi": "derived.{id}: tên '{id}' đã là một {other} (parameters.{id}), quy tắc chỉ đọc được một trong hai: "
            "hãy đặt tên khác, hoặc bỏ tham số (trong chuẩn địa phương: `remove: true` dưới parameters.{id}, kèm "
            "reference và confidence)",
            "en": "derived.{id}: the name '{id}' is already a {other} (parameters.{id}), and a rule reads only one "
            "of them: give it another name, or drop the parameter (in a local standard: `remove: true` under "
            "parameters.{id}, with its reference and confidence)",
        },
        "rs_number_in_rule": {
            "vi": "số {number} trong quy tắc: {text} — ngưỡng phải là một tham số (parameters:) có căn cứ "
            "(reference) và độ tin cậy (confidence); trong quy tắc chỉ được viết 0 và 1",
            "en": "the number {number} in rule: {text} — a threshold must be a parameter with its reference and "
            "confidence (only 0 and 1 may be written in a rule)",
        },
        "rs_kind_condition": {
            "vi": "{part} là một giá trị, ở đây cần một điều kiện (một phép so sánh, and/or/not, một cờ "
            "deprived_<chỉ số>) trong quy tắc: {text}",
            "en": "{part} is a value where a condition is expected (a comparison, and/or/not, a "
            "deprived_<indicator> flag) in rule: {text}",
        },
        "rs_kind_number": {
            "vi": "{part} là văn bản, ở đây cần một số trong quy tắc: {text}",
            "en": "{part} is text where a number is expected in rule: {text}",
        },
        "rs_kind_text": {
            "vi": "{part}: văn bản chỉ so sánh được với văn bản, bằng == hoặc != (hoặc in (…)), trong quy tắc: {text}",
            "en": "{part}: text can be compared only with text, by == or != (or in (…)), in rule: {text}",
        },
        "rs_kind_in_numbers": {
            "vi": "{part}: {operand} là số, danh sách chỉ được có số, trong quy tắc: {text}",
            "en": "{part}: {operand} is a number, so the list may hold only numbers, in rule: {text}",
        },
        "rs_kind_value": {
            "vi": "{part}: {field} không bao giờ là '{value}' (các giá trị: {values}) trong quy tắc: {text}",
            "en": "{part}: {field} is never '{value}' (its values: {values}) in rule: {text}",
        },
        "rs_zero_divisor": {
            "vi": "giá trị suy ra {name} = {text} chia cho 0 ({divisor} bằng 0 ở khu vực {area}): không có "
            "giá trị nào; sửa tham số chia",
            "en": "derived value {name} = {text} divides by 0 ({divisor} is 0 for {area} areas): it has no value; "
            "correct the divisor's parameter",
        },
        "rs_unknown_member": {
            "vi": "member.{name} không phải trường thành viên (các trường: {known}; xem docs/members.md) trong quy "
            "tắc: {text}",
            "en": "member.{name} is not a member field (known: {known}; see docs/members.md) in rule: {text}",
        },
        "rs_unknown_field": {
            "vi": "fields.{kind}: trường '{name}' không có trong danh mục (xem docs/members.md)",
            "en": "fields.{kind}: unknown {kind} field '{name}' (see docs/members.md)",
        },
        "rs_field_missing": {
            "vi": "fields.{kind}: quy tắc của các chỉ số đọc {names}; hãy liệt kê dưới fields.{kind}",
            "en": "fields.{kind}: the indicators' rules read {names}; list it under fields.{kind}",
        },
        "rs_field_unused": {
            "vi": "fields.{kind}: không quy tắc chỉ số nào đọc {names}",
            "en": "fields.{kind}: no indicator's rule reads {names}",
        },
        "rs_field_missing_kept": {
            "vi": "fields.{kind} (danh sách của chuẩn gốc, tệp này không viết fields:) thiếu {names}, trường mà "
            "quy tắc của các chỉ số đọc; hãy viết fields: gồm cả hai danh sách household và member của chuẩn gốc, "
            "thêm {names} (fields: của tệp thay cho danh sách của chuẩn gốc)",
            "en": "fields.{kind} (the base standard's list: this file gives no fields:) lacks {names}, which the "
            "indicators' rules read; give fields: with the base standard's household and member lists and {names} "
            "(a file's fields: replaces the base's lists)",
        },
        "rs_field_unused_kept": {
            "vi": "fields.{kind} (danh sách của chuẩn gốc, tệp này không viết fields:): không quy tắc chỉ số nào đọc "
            "{names}; hãy viết fields: với các trường mà quy tắc của các chỉ số đọc, bỏ {names}",
            "en": "fields.{kind} (the base standard's list: this file gives no fields:): no indicator's rule reads "
            "{names}; give fields: with the fields the indicators' rules read, without {names}",
        },
        "rs_unknown_name": {
            "vi": "tên không biết {names} trong quy tắc: {text} (được dùng: các trường {inputs}, các tham số, "
            "giá trị suy ra và cờ deprived_<chỉ số>)",
            "en": "unknown name {names} in rule: {text} (known: inputs {inputs}, the parameters, derived values "
            "and deprived_<indicator> flags)",
        },
        "rs_member_outside": {
            "vi": "trường của thành viên (member.…) chỉ được dùng trong deprived_when của một chỉ số: {text}",
            "en": "member fields are allowed only in an indicator's deprived_when: {text}",
        },
        "rs_expression": {
            "vi": "quy tắc viết sai: {why}{where} trong biểu thức: {text}",
            "en": "{why}{where} in expression: {text}",
        },
        "rs_expression_column": {"vi": " ở cột {column}", "en": " at column {column}"},
        "rs_overlay_national_dir": {
            "vi": "chuẩn địa phương (extends:) phải đặt trong rulesets/local/, không đặt cùng các chuẩn quốc gia",
            "en": "an overlay (extends:) belongs in rulesets/local/, not with the national files",
        },
        "rs_unknown_id": {
            "vi": "không có bộ quy tắc mang mã này (các mã: {known}; hoặc cho đường dẫn tới một tệp .yaml)",
            "en": "no ruleset with this id (known: {known}; or give a path to a .yaml file)",
        },
        "rs_none_in_force": {
            "vi": "không có chuẩn quốc gia nào có hiệu lực vào ngày {day} (các giai đoạn: {periods})",
            "en": "no national standard is in force on {day} (periods: {periods})",
        },
        "rs_cycle": {
            "vi": "extends: vòng lặp {chain} (chuẩn địa phương lại mở rộng chính nó; nó chỉ mở rộng một chuẩn "
            "quốc gia)",
            "en": "extends: a cycle {chain} (the local standard comes back to itself; it extends a national one)",
        },
        "rs_overlap": {
            "vi": "hiệu lực {start} … {end} trùng với {other} ({other_start} … {other_end}); các chuẩn quốc gia "
            "không được trùng nhau hay để hở",
            "en": "validity {start} … {end} overlaps {other} ({other_start} … {other_end}); national standards "
            "may neither overlap nor leave gaps",
        },
        "rs_not_exhaustive": {
            "vi": "danh sách lớp chưa bao hết: không lớp nào áp dụng cho khu vực={area}, thu nhập bình quân="
            "{income}, điểm A={score}, số chỉ số thiếu hụt={count}",
            "en": "the class list is not exhaustive: no class covers area={area}, income_per_capita={income}, "
            "score_a={score}, deprivations={count}",
        },
        # d2
        "rs_stands_for": {
            "vi": "parameters.{name}.stands_for: '{line}' không phải tham số hay giá trị suy ra của chuẩn này"
            " (có: {known})",
            "en": "parameters.{name}.stands_for: '{line}' is not a parameter or derived value of this standard"
            " (known: {known})",
        },
        # d4
        "rs_extends_empty": {
            "vi": "extends: trống: ghi mã chuẩn quốc gia mà chuẩn địa phương này mở rộng, ví dụ extends: vn-2022-2026",
            "en": "extends: is empty: give the national standard this local standard extends, e.g. "
            "extends: vn-2022-2026",
        },
        "rs_local_without_extends": {
            "vi": "{key}: thiếu trường bắt buộc này của một chuẩn quốc gia; nếu đây là chuẩn địa phương, hãy ghi "
            "extends: với mã chuẩn quốc gia nó mở rộng (ví dụ extends: vn-2022-2026)",
            "en": "{key}: a national standard needs this field; if this is a local standard, give extends: with the "
            "national standard it extends (e.g. extends: vn-2022-2026)",
        },
        "rs_removed_read": {
            "vi": "{section}.{name} bị bỏ, nhưng {where} (giữ từ chuẩn gốc) vẫn đọc nó: {text}; hãy viết lại "
            "quy tắc đó trong tệp này (ví dụ classes:), hoặc thêm một giá trị suy ra cùng tên (derived:)",
            "en": "{section}.{name} is removed, but {where} (kept from the base) still reads it: {text}; write that "
            "rule again in this file (e.g. classes:), or add a derived value of that name (derived:)",
        },
        "rs_number_hint": {
            "vi": " ('{value}'): viết số không có dấu chấm ngăn nghìn, dấu phẩy hay chữ, ví dụ 1500000 hoặc 1_500_000 "
            "(số thập phân dùng dấu chấm: 0.5)",
            "en": " ('{value}'): write the number without thousands dots, commas or words, e.g. 1500000 or 1_500_000 "
            "(a decimal point for a fraction: 0.5)",
        },
        "rs_quote_hint": {
            "vi": ' (YAML đọc {value} là một số hay một ngày): đặt nó trong dấu nháy, ví dụ {key}: "{value}"',
            "en": ' (YAML reads {value} as a number or a date): put it in quotes, e.g. {key}: "{value}"',
        },
        "rs_unknown_name_member": {
            "vi": "tên không biết {names} trong quy tắc: {text} (deprived_when của một chỉ số được dùng: các trường "
            "{inputs}, các trường của hộ {fields} (ghi trong fields:), các tham số, giá trị suy ra, và member.<trường> "
            "trong count, any, all, sum; không dùng cờ deprived_<chỉ số> hay deprivation_count)",
            "en": "unknown name {names} in rule: {text} (an indicator's deprived_when may read: inputs {inputs}, the "
            "household fields {fields} (listed under fields:), the parameters, derived values, and member.<field> "
            "inside count, any, all, sum; not deprived_<indicator> flags or deprivation_count)",
        },
        # g2
        "rs_working_ages_order": {
            "vi": "parameters.{past}: {past_value} nhỏ hơn {below} ({below_value}): một tuổi không thể vừa chắc chắn "
            "trong vừa chắc chắn đã qua độ tuổi lao động; {past} phải từ {below_value} trở lên",
            "en": "parameters.{past}: {past_value} is under {below} ({below_value}): no age can be surely of and "
            "surely past working age at once; {past} must be {below_value} or more",
        },
        "rs_working_age_per_area": {
            "vi": "parameters.{name}: ghi một giá trị cho mọi khu vực, không theo từng khu vực (tuổi này chỉ dùng "
            "để điền working_age để trống của thành viên, docs/members.md)",
            "en": "parameters.{name}: give one value for every area, not one per area (this age only fills a "
            "member's blank working_age, docs/members.md)",
        },
        "rs_working_ages_missing": {
            "vi": "parameters.{name}: cần cả {needed} (các tuổi dùng để điền working_age để trống của thành viên, "
            "docs/members.md)",
            "en": "parameters.{name} needs {needed} too (the ages that fill a member's blank working_age, "
            "docs/members.md)",
        },
        # t5
        "rs_derived_itself": {
            "vi": "derived.{name} tự đọc chính nó trong công thức: {text} (công thức chỉ đọc các trường, các tham "
            "số và các giá trị suy ra viết phía trên nó)",
            "en": "derived.{name} reads itself in its formula: {text} (a formula reads only inputs, the parameters "
            "and the derived values written above it)",
        },
        "rs_derived_later": {
            "vi": "derived.{name} đọc {later}, giá trị suy ra viết ở dòng {at}, phía dưới nó: {text} (công thức chỉ "
            "đọc các giá trị suy ra viết phía trên nó); hãy chuyển {later} lên trên {name}",
            "en": "derived.{name} reads {later}, the derived value at line {at}, below this one: {text} (a formula "
            "reads only the derived values written above it); move {later} above {name}",
        },
        "rs_bad_yaml_block": {
            "vi": ", trong khối bắt đầu ở dòng {start}",
            "en": " (in the block that starts at line {start})",
        },
        "rs_bad_yaml_here": {
            "vi": "không phải YAML hợp lệ: kiểm tra thụt lề, dấu hai chấm, dấu ngoặc và dấu nháy",
            "en": "not valid YAML: {detail}",
        },
        "rs_same_label": {
            "vi": "{label} là mã và phiên bản của chuẩn có sẵn {bundled}, nhưng tệp này khác chuẩn đó ({what}): kết "
            "quả và lịch sử rà soát sẽ ghi {label} như của chuẩn có sẵn; hãy đặt cho tệp một version: (hoặc id:) "
            "riêng",
            "en": "{label} is the id and version of the bundled standard {bundled}, but this file differs from it "
            "({what}): results and histories would be stamped {label} as the bundled standard's are; give this "
            "file its own version: (or id:)",
        },
        "rs_not_a_key": {
            "vi": "{where}: `{key}` không phải khóa của mục này; các khóa của nó: {keys} (docs/rulesets.md)",
            "en": "{where}: `{key}` is not a key of this entry; its keys: {keys} (docs/rulesets.md)",
        },
        "rs_local_id_twice": {
            "vi": "hai tệp chuẩn địa phương cùng ghi mã này ({files}): không biết tệp nào được chọn; hãy gọi bằng tên "
            "tệp, hoặc đặt cho mỗi tệp một id: riêng",
            "en": "two local standards' files state this id ({files}): which one is meant cannot be known; name one "
            "by its file name, or give each file its own id:",
        },
        "rs_national_local_dir": {
            "vi": "tệp trong rulesets/local/ phải mở rộng một chuẩn quốc gia (extends: vn-2022-2026); tệp này không có "
            "extends:, một chuẩn quốc gia phải đặt trong rulesets/",
            "en": "a file in rulesets/local/ extends a national standard (extends: vn-2022-2026); this one has no "
            "extends:, and a national standard belongs in rulesets/",
        },
        "rs_designation_column": {
            "vi": "designations.{id}: mỗi dấu bổ sung là một cột của kết quả, mà {id} đã là tên cột {id} của tệp hộ "
            "hay của kết quả (dấu này sẽ ghi đè lên cột đó): hãy đặt tên khác",
            "en": "designations.{id}: a designation is a column of the results, and {id} is already the column {id} "
            "of the household file or of the results (the mark would overwrite it): give it another name",
        },
        "rs_alias_twice": {
            "vi": "indicators.{id}.aliases: tiêu đề '{alias}' đã là tiêu đề cột của chỉ số {other}: cột có tiêu đề đó "
            "trong tệp hộ chỉ được đọc cho một trong hai chỉ số; hãy bỏ tiêu đề này ở một chỉ số",
            "en": "indicators.{id}.aliases: the header '{alias}' is already {other}'s: a household file's column "
            "under it would be read for one of the two only; drop it from one of them",
        },
        "rs_name_meant": {"vi": "; viết nhầm {meant}?", "en": "; did you mean {meant}?"},
        "rs_periods_overlap": {
            "vi": "valid_from {start} trùng với {before} (hiệu lực đến {end}); các chuẩn quốc gia không được trùng "
            "nhau hay để hở",
            "en": "valid_from {start} overlaps {before} (valid to {end}); national standards may neither overlap nor "
            "leave gaps",
        },
        "rs_periods_gap": {
            "vi": "khoảng hở giữa {before} (hiệu lực đến {end}) và {after} (hiệu lực từ {start}); các chuẩn quốc gia "
            "không được trùng nhau hay để hở",
            "en": "gap between {before} (valid to {end}) and {after} (valid from {start}); national standards may "
            "neither overlap nor leave gaps",
        },
        "rs_alias_column": {
            "vi": "indicators.{id}.aliases: '{alias}' là tiêu đề của cột {column} trong tệp hộ: cột có tiêu đề đó được "
            "đọc là {column}, nên chỉ số {id} không bao giờ được đánh dấu; hãy bỏ tiêu đề này",
            "en": "indicators.{id}.aliases: '{alias}' is the header of the household column {column}: a file's column "
            "under it is read as {column}, so {id} would never be marked; drop this header",
        },
        "rs_misspelt_key": {
            "vi": "{where}: không có trường `{key}` trong định dạng bộ quy tắc: viết nhầm `{meant}`?",
            "en": "{where}: `{key}` is not a key of the ruleset format: did you mean `{meant}`?",
        },
        "rs_derived_cycle": {
            "vi": "derived.{name} đọc {later} (dòng {at}) mà {later} lại đọc {name}: vòng lặp {chain}; không giá "
            "trị nào tính được trước; hãy viết một công thức không đọc giá trị kia",
            "en": "derived.{name} reads {later} (line {at}), which reads {name} back: a cycle {chain}; neither can "
            "be computed first; write one formula without the other",
        },
        # g1
        "rs_same_label_note": {
            "vi": "{file}: {label} là mã và phiên bản của chuẩn có sẵn {bundled}, nhưng tệp này khác chuẩn đó "
            "({what}): kết quả lần này (và lịch sử rà soát) vẫn ghi {label} như kết quả của chuẩn có sẵn; hãy đặt "
            "cho tệp một version: (hoặc id:) riêng rồi kiểm tra bằng 'poverty-rules rulesets check {file}'",
            "en": "{file}: {label} is the id and version of the bundled standard {bundled}, but this file differs "
            "from it ({what}): this run's results (and a review's history) are stamped {label} as the bundled "
            "standard's are; give this file its own version: (or id:) and check it with 'poverty-rules rulesets "
            "check {file}'",
        },
        # r2
        "rs_dimension_unlabelled": {
            "vi": "indicators.{id}: chiều '{dimension}' chưa có tên: thêm vào mục dimensions: "
            "'{dimension}: {{label: {{vi: …, en: …}}, reference: …, confidence: …}}' (các chiều đã có tên: {known})",
            "en": "indicators.{id}: the dimension '{dimension}' has no name: add to dimensions: "
            "'{dimension}: {{label: {{vi: …, en: …}}, reference: …, confidence: …}}' (named dimensions: {known})",
        },
        "rs_dimension_removed_used": {
            "vi": "dimensions.{dimension}: chiều này bị bỏ nhưng các chỉ số {ids} vẫn thuộc chiều này: bỏ cả các chỉ "
            "số đó (remove: true, có căn cứ) hoặc giữ chiều",
            "en": "dimensions.{dimension}: this dimension is removed but the indicators {ids} still belong to it: "
            "remove them too (remove: true, cited) or keep the dimension",
        },
        "rs_class_shadowed": {
            "vi": "quy tắc của nhóm này đúng với một số hộ, nhưng lớp '{first}' đứng trước đã xếp các hộ đó (các lớp "
            "được thử theo thứ tự, lớp đầu tiên thỏa mãn quyết định)",
            "en": "its rules hold for some households, but the class '{first}' before them takes those households "
            "first (classes are tried in order; the first that holds decides)",
        },
        # a rule written on one line: the column of the YAML file, then the character of the rule
        "rs_expression_at": {
            "vi": "quy tắc viết sai: {why} ở cột {column} của dòng (ký tự thứ {at} của quy tắc) "
            "trong biểu thức: {text}",
            "en": "{why} at column {column} of the line (character {at} of the rule) in expression: {text}",
        },
        # an unknown name in a rule written on one line: the column where it is, before the reason
        "rs_name_column": {"vi": "ở cột {column} của dòng: ", "en": "at column {column} of the line: "},
    }
)
#: Pydantic's checks of a ruleset's fields, by error type, in Vietnamese (``{where}``: the field's path,
#: e.g. ``parameters.income_line.value``); the English text is pydantic's own. Types not listed here
#: give ``other``.
SCHEMA_ERROR = {
    "missing": "{where}: thiếu trường bắt buộc này",
    "extra_forbidden": "{where}: trường không có trong định dạng bộ quy tắc (viết sai tên? xem docs/rulesets.md)",
    "literal_error": "{where}: phải là một trong {expected}",
    "enum": "{where}: phải là một trong {expected}",
    "string_type": "{where}: phải là văn bản",
    "float_type": "{where}: phải là số",
    "float_parsing": "{where}: phải là số",
    "int_type": "{where}: phải là số nguyên",
    "int_parsing": "{where}: phải là số nguyên",
    "int_from_float": "{where}: phải là số nguyên",
    "bool_type": "{where}: phải là true hoặc false",
    "bool_parsing": "{where}: phải là true hoặc false",
    "date_type": "{where}: phải là ngày dạng YYYY-MM-DD",
    "date_parsing": "{where}: phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "{where}: phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_inexact": "{where}: phải là ngày dạng YYYY-MM-DD (không kèm giờ)",
    "string_too_short": "{where}: cần ít nhất {min_length} ký tự",
    "too_short": "{where}: cần ít nhất {min_length} mục",
    "string_pattern_mismatch": "{where}: chỉ dùng chữ thường không dấu, chữ số và dấu gạch dưới (mẫu {pattern})",
    "greater_than": "{where}: phải lớn hơn {gt}",
    "less_than_equal": "{where}: không được lớn hơn {le}",
    "dict_type": "{where}: phải là một bảng khóa: giá trị",
    "list_type": "{where}: phải là một danh sách (mỗi mục một dòng bắt đầu bằng -)",
    "model_type": "{where}: phải là một bảng khóa: giá trị",
    "model_attributes_type": "{where}: phải là một bảng khóa: giá trị",
    "both_areas": "{where}: giá trị theo khu vực cần cả 'rural' (nông thôn) và 'urban' (thành thị)",
    "dates_order": "{where}: valid_to (ngày hết hiệu lực) trước valid_from (ngày bắt đầu)",
    "other": "{where}: giá trị không hợp lệ ({message})",
    # d4
    "day_parsing": "{where}: phải là một ngày có thật dạng YYYY-MM-DD hoặc DD/MM/YYYY, không phải {value}",
    "not_negative": "{where}: phải là một số từ 0 trở lên, không phải {value}",
    "id_pattern_mismatch": "{where}: bắt đầu bằng chữ thường không dấu hoặc chữ số, rồi chỉ dùng chữ thường không dấu, "
    "chữ số, dấu gạch ngang (-), dấu chấm và dấu gạch dưới, ví dụ tinh-b-2026 (mẫu {pattern})",
}
# t5
#: The English of the pydantic checks whose own text says a pattern or a parser's complaint instead of what to
#: write (``{where}``, ``{pattern}``, ``{value}`` as in :data:`SCHEMA_ERROR`); other types keep pydantic's text.
SCHEMA_ERROR_EN = {
    "id_pattern_mismatch": "{where}: start with a lower-case letter without accents or a digit, then use only "
    "lower-case letters, digits, hyphens (-), dots and underscores, e.g. tinh-b-2026 (pattern {pattern})",
    "string_pattern_mismatch": "{where}: use only lower-case letters without accents, digits and underscores, "
    "starting with a letter, e.g. clean_cooking (pattern {pattern})",
    "date_parsing": "{where}: must be a date written YYYY-MM-DD (2026-01-31), not {value}",
    "date_from_datetime_parsing": "{where}: must be a date written YYYY-MM-DD (2026-01-31), not {value}",
    "date_type": "{where}: must be a date written YYYY-MM-DD (2026-01-31), not {value}",
}
#: Why a rule text is not in the expression language (rules/expressions.py).
MESSAGES.update(
    {
        "x_empty": {"vi": "biểu thức trống", "en": "empty expression"},
        "x_too_long": {"vi": "dài hơn {limit} ký tự", "en": "longer than {limit} characters"},
        "x_too_deep": {"vi": "lồng ngoặc sâu hơn {limit} cấp", "en": "nested more deeply than {limit} levels"},
        "x_syntax": {
            "vi": "sai cú pháp (kiểm tra dấu ngoặc, phép so sánh và dấu nháy)",
            "en": "syntax error ({why})",
        },
        "x_node": {"vi": "không được dùng '{kind}' trong quy tắc", "en": "'{kind}' is not allowed in rule text"},
        "x_unary": {"vi": "chỉ được dùng 'not' và dấu '-' đứng trước", "en": "only 'not' and unary '-' are allowed"},
        "x_arith": {"vi": "phép tính chỉ được dùng + - * /", "en": "only + - * / are allowed in arithmetic"},
        "x_in_list": {
            "vi": "'in' cần một danh sách giá trị trong ngoặc",
            "en": "'in' needs a parenthesised list of literals",
        },
        "x_in_values": {
            "vi": "danh sách của 'in' chỉ được chứa số và chuỗi",
            "en": "'in' lists may hold only numbers and strings",
        },
        "x_compare": {
            "vi": "phép so sánh chỉ được dùng < <= > >= == != và 'in'",
            "en": "only < <= > >= == != and 'in' are allowed",
        },
        "x_literal": {"vi": "không được dùng giá trị {value!r}", "en": "literal {value!r} is not allowed"},
        "x_character": {
            "vi": "ký tự '{char}' (U+{code}) không dùng được trong quy tắc (thường do chép từ Word: gõ lại bằng "
            "bàn phím, ví dụ <=, >=, != và dấu nháy thẳng ')",
            "en": "the character '{char}' (U+{code}) cannot be used in a rule (often copied from a word processor: "
            "type it again, e.g. <=, >=, != and straight quotes ')",
        },
        "x_number_too_big": {
            "vi": "số quá lớn để tính (hơn 300 chữ số)",
            "en": "a number too large to compute with (more than 300 digits)",
        },
        "x_member_name": {
            "vi": "'member' chỉ được viết dạng member.<trường> bên trong count/any/all/sum",
            "en": "'member' may appear only as member.<field> inside count/any/all/sum",
        },
        "x_attribute": {
            "vi": "dấu chấm chỉ được dùng dạng member.<trường>",
            "en": "attribute access is allowed only as member.<field>",
        },
        "x_member_outside": {
            "vi": "member.<trường> chỉ được dùng bên trong count/any/all/sum(member, …)",
            "en": "member.<field> is allowed only inside count/any/all/sum(member, …)",
        },
        "x_function": {
            "vi": "hàm không biết; các hàm được dùng: {allowed}",
            "en": "unknown function; allowed: {allowed}",
        },
        "x_keywords": {
            "vi": "không được dùng đối số có tên (tên=giá trị)",
            "en": "keyword arguments are not allowed",
        },
        "x_known": {"vi": "known() nhận đúng một tên trường", "en": "known() takes one field name"},
        "x_member_first": {
            "vi": "{func}() nhận 'member' làm đối số đầu tiên",
            "en": "{func}() takes 'member' as its first argument",
        },
        "x_nested_aggregate": {
            "vi": "{func}() không được lồng trong một hàm gộp thành viên khác",
            "en": "{func}() cannot be nested inside another member aggregate",
        },
        "x_two_args": {
            "vi": "{func}(member, …) nhận đúng hai đối số",
            "en": "{func}(member, …) takes exactly two arguments",
        },
        # r2
        "x_persons": {
            "vi": "persons(member) chỉ nhận một đối số: số nhân khẩu của hộ (các dòng thành viên, không có thì cột "
            "household_size); muốn đếm người thỏa một điều kiện, dùng count(member, …)",
            "en": "persons(member) takes one argument: the household's persons (its member rows, or, with none, "
            "household_size); to count the members for whom a condition holds, use count(member, …)",
        },
    }
)
#: Why a local standard (``extends:``) is refused (rules/overlay.py).
MESSAGES.update(
    {
        "o_base_local": {
            "vi": "chuẩn địa phương chỉ được mở rộng một chuẩn quốc gia ({base} là chuẩn địa phương)",
            "en": "a local standard extends only a national one ({base} is local)",
        },
        "o_unknown_key": {
            "vi": "khóa `{key}` không dùng được trong chuẩn địa phương (được dùng: {allowed})",
            "en": "unknown key `{key}` in a local standard (allowed: {allowed})",
        },
        "o_required": {
            "vi": "chuẩn địa phương phải tự ghi `{key}` của mình (không kế thừa từ {base})",
            "en": "a local standard must state its own `{key}` (it is not inherited from {base})",
        },
        "o_own_id": {
            "vi": "chuẩn địa phương cần mã (id) riêng, không dùng mã của chuẩn quốc gia ({base})",
            "en": "a local standard needs its own id, not the national one ({base})",
        },
        "o_cite": {
            "vi": "{name} thay đổi chuẩn quốc gia nên phải dẫn văn bản của địa phương: thêm `{key}:`",
            "en": "{name} changes the national standard and must cite the local instrument: add `{key}:`",
        },
        "o_remove_true": {
            "vi": "{section}.{name}: `remove:` chỉ nhận giá trị `true`",
            "en": "{section}.{name}: `remove:` takes only `true`",
        },
        "o_removed_stray": {
            "vi": "{section}.{name} đã bị bỏ: `{key}` không có ý nghĩa ở đây",
            "en": "{section}.{name} is removed: `{key}` has no meaning here",
        },
        "o_section_mapping": {
            "vi": "`{section}:` phải là một bảng tên: thay đổi",
            "en": "`{section}:` must be a mapping of names to changes",
        },
        "o_entry_mapping": {
            "vi": "{section}.{name} phải là một bảng khóa: giá trị (value:, reference:, …)",
            "en": "{section}.{name} must be a mapping (value:, reference:, …)",
        },
        "o_nothing_to_remove": {
            "vi": "{section}.{name}: chuẩn quốc gia không có mục này để bỏ",
            "en": "{section}.{name}: the national standard has no such entry to remove",
        },
        "o_unknown_area": {
            "vi": "{name}: khu vực '{area}' không có (chỉ có rural - nông thôn, urban - thành thị)",
            "en": "{name}: unknown area '{area}' (rural or urban)",
        },
        "o_section_list": {
            "vi": "`{section}:` trong chuẩn địa phương là một danh sách (- id: …)",
            "en": "`{section}:` in a local standard is a list (- id: …)",
        },
        "o_item_id": {
            "vi": "mỗi mục của `{section}:` phải là một bảng khóa: giá trị có id",
            "en": "each item of `{section}:` must be a mapping with an id",
        },
        "o_no_item": {
            "vi": "{section}: chuẩn quốc gia không có '{id}' để bỏ",
            "en": "{section}: the national standard has no '{id}' to remove",
        },
        "o_starts_before": {
            "vi": "valid_from {start} trước ngày {base} có hiệu lực ({base_start})",
            "en": "valid_from {start} is before {base} is in force ({base_start})",
        },
        "o_ends_after": {
            "vi": "valid_to {end} sau ngày {base} hết hiệu lực ({base_end})",
            "en": "valid_to {end} is after {base} ends ({base_end})",
        },
        # d2
        "o_stands_for": {
            "vi": "parameters.{line} đổi mức {area_vi} nhưng {name} vẫn giữ {value} của {base}, là mức ứng với"
            " {line} quốc gia ({reference}): ghi {name} của địa phương ({area_vi}), hoặc bỏ đường đó"
            " (`remove: true` dưới parameters.{name}) và ghi bảng classes phân loại theo thu nhập",
            "en": "parameters.{line} changes the {area_en} line but {name} keeps {base}'s {value}, which stands for"
            " the national {line} ({reference}): give the local standard's own {name} ({area_en}), or drop that"
            " path (`remove: true` under parameters.{name}) and give a classes table by income",
        },
        # d4
        "o_new_incomplete": {
            "vi": "{section}.{name}: {base} không có mục này, nên đây là một mục mới và phải ghi đủ; "
            "còn thiếu {missing}",
            "en": "{section}.{name}: {base} has no such entry, so this is a new one and must give every key; "
            "missing {missing}",
        },
        "o_twice": {
            "vi": "{section}: '{id}' được viết hai lần trong tệp này (lần đầu ở dòng {first}): gộp lại thành một mục",
            "en": "{section}: '{id}' is given twice in this file (first at line {first}): make them one item",
        },
        "o_new_misspelt": {
            "vi": "{section}.{name}: {base} không có mục này (viết nhầm tên {close}?); nếu là một mục mới thì phải ghi "
            "đủ, còn thiếu {missing}",
            "en": "{section}.{name}: {base} has no such entry (did you mean {close}?); a new entry must give every "
            "key; missing {missing}",
        },
        # p4: o_stands_for for a parameter with one value for both areas (deprivation_cutoff)
        "o_stands_for_all": {
            "vi": "parameters.{line} đổi {line} (một mức cho cả hai khu vực) nhưng {name} vẫn giữ {value} của {base},"
            " là mức ứng với {line} quốc gia ({reference}): ghi {name} của địa phương, hoặc bỏ đường đó"
            " (`remove: true` dưới parameters.{name}) và ghi bảng classes phân loại theo thu nhập",
            "en": "parameters.{line} changes {line} (one value for both areas) but {name} keeps {base}'s {value},"
            " which stands for the national {line} ({reference}): give the local standard's own {name}, or drop"
            " that path (`remove: true` under parameters.{name}) and give a classes table by income",
        },
    }
)

#: A members file's ragged rows (data/members.py) and how messages name a members file.
MESSAGES.update(
    {
        "members_file": {"vi": "{file} (tệp thành viên)", "en": "{file} (members file)"},
        "n_member_ragged": {
            "vi": "{file}: dòng {row}: dòng có {cells} ô, dòng tiêu đề có {width} ô: giữ thành viên này nhưng các ô "
            "(trừ mã hộ, mã thành viên) coi là chưa rõ; kiểm tra dấu phân cách và dấu ngoặc kép",
            "en": "{file}: row {row}: has {cells:cell|cells} where the header has {width}: the member is kept, its "
            "cells (but the household and member codes) read as unknown; check separators and quotes",
        },
        "n_member_unmatched": {
            "vi": "{count} dòng thành viên không thuộc hộ nào đã phân loại (không có trong tệp hộ, hộ bị loại, hoặc "
            "mã hộ có ở nhiều xã trong tệp hộ nên không biết của hộ nào): bỏ qua; kiểm tra mã hộ {codes}",
            "en": "{count:member row belongs|member rows belong} to no classified household (not in the household "
            "file, rejected, or a code the household file uses in several communes, so whose is unknown): left out; "
            "check the household codes {codes}",
        },
        "n_member_unreadable": {
            "vi": "cột {column} của tệp thành viên: {count} ô không đọc được ({cells}), coi là chưa rõ; cần {expected}",
            "en": "members column {column}: {count:unreadable cell|unreadable cells} ({cells}) read as unknown; "
            "expected {expected}",
        },
        "n_member_no_household_id": {
            "vi": "{file}: dòng 1: thiếu cột household_id (Mã hộ): mỗi dòng thành viên cần mã hộ của mình. "
            "Xem docs/members.md",
            "en": "{file}: row 1: missing column household_id (Mã hộ): every member row needs its household's "
            "code. See docs/members.md",
        },
        "n_member_no_member_columns": {
            "vi": "{file}: dòng 1: không có cột nào của danh sách thành viên (member_id, birth_date, sex, "
            "has_health_insurance …: docs/members.md): đây là tệp hộ chăng? --members cần tệp mỗi dòng một người",
            "en": "{file}: row 1: no column of a members list (member_id, birth_date, sex, has_health_insurance …: "
            "docs/members.md): is it the household file? --members takes a file of one row per person",
        },
        "n_member_ragged_more": {
            "vi": "{file}: thêm {count} dòng khác cũng có số ô khác dòng tiêu đề (xử lý như trên)",
            "en": "{file}: {count:more row|more rows} with more or fewer cells than the header (read as above)",
        },
        # e3
        "n_member_unreadable_at": {
            "vi": "cột {column} của tệp thành viên: {count} ô không đọc được ({cells}; ô đầu tiên ở dòng {row}), "
            "coi là chưa rõ; cần {expected}",
            "en": "members column {column}: {count:unreadable cell|unreadable cells} ({cells}; the first at row "
            "{row}) read as unknown; expected {expected}",
        },
        # f2
        "member_code_empty": {"vi": "(mã trống)", "en": "(no code)"},
        "n_member_no_rows": {
            "vi": "{count} hộ không có dòng thành viên nào, nên các chỉ số suy từ thành viên của hộ là chưa rõ: "
            "{codes}",
            "en": "{count:household has|households have} no member row, so the marks derived from members are "
            "unknown: {codes}",
        },
        "n_no_column_fields": {
            "vi": "{file}: không có cột {column} ({label}), và tệp hộ không có thông tin để suy ra ({fields}: không có "
            "cột hoặc để trống): coi là chưa rõ cho mọi hộ",
            "en": "{file}: no column {column} ({label}), and the household file has nothing to derive it from "
            "({fields}: missing or empty): treated as unknown for every household",
        },
        "n_members_unused": {
            "vi": "{file}: chuẩn {ruleset} không có quy tắc suy ra chỉ số nào từ danh sách thành viên: tệp thành viên "
            "không được dùng để phân loại theo chuẩn này, các chỉ số lấy theo tệp hộ",
            "en": "{file}: the standard {ruleset} has no rule deriving an indicator from the members list: the "
            "members file is not used to classify by it, the marks are the household file's",
        },
        # g1
        "n_member_repeated": {
            "vi": "{count} dòng thành viên giống hệt một dòng phía trên (mọi ô như nhau): {pairs}. Mỗi dòng vẫn được "
            "tính là một người của hộ, nên một dòng dán hai lần tính người đó hai lần (người phụ thuộc, trẻ em "
            "không đi học …): nếu là bản sao, hãy xóa nó rồi chạy lại",
            "en": "{count:member row repeats|member rows repeat} an earlier row cell for cell: {pairs}. Each row "
            "still counts as a person of the household, so a row pasted twice counts that person twice "
            "(dependants, children out of school …): if it is a copy, delete it and run again",
        },
        "member_repeated_pair": {
            "vi": "dòng {row} giống dòng {first} (hộ {code!r})",
            "en": "row {row} repeats row {first} (household {code!r})",
        },
        # h2
        "member_repeated_listed": {
            "vi": "thành viên thứ {row} giống thành viên thứ {first} (hộ {code!r})",
            "en": "member {row} repeats member {first} (household {code!r})",
        },
        # l2
        "n_member_zero_codes": {
            "vi": "{count} dòng trong số đó có mã chỉ khác mã của một hộ trong tệp hộ ở các số 0 đứng đầu ({codes}): "
            "Excel có thể đã bỏ hoặc giữ các số 0 đầu mã (ô định dạng số 000, mã gõ như một số); hãy ghi mã giống "
            "nhau ở hai tệp (ô kiểu Văn bản, '001 để giữ các số 0; định dạng General để bỏ chúng)",
            "en": "{count:of them has|of them have} a code that differs from a household's code in the household "
            "file only by leading zeros ({codes}): Excel may have dropped or kept the zeros (a cell formatted 000, a "
            "code typed as a number); write the codes alike in both files (a Text cell, '001 to keep the zeros; the "
            "General format to drop them)",
        },
    }
)


# --------------------------------------------------------------------------- --help of every command (cli/)

#: Each command's help, Vietnamese then English, and its worked examples (``epilog``), by command path.
#: ``\b`` keeps click from re-wrapping the lines that follow it (examples stay one per line).
HELP: dict[str, dict[str, str]] = {
    "main": {
        "text": "Áp dụng chuẩn nghèo đa chiều cho danh sách hộ gia đình.\n\n"
        "Apply Vietnam's multidimensional poverty standard (chuẩn nghèo đa chiều) to household records.",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules classify ho_2025.xlsx -o ket_qua.xlsx
  poverty-rules classify households.csv --as-of 2025-12-01 --explain --lang en
  poverty-rules review ho_2026.csv --date 10/12/2026 --db hung_chinh.db --commune "Hưng Chính"
  poverty-rules report ho_2026.reviewed.csv -o bao_cao_2026.xlsx
  poverty-rules rulesets list
\b
Mỗi lệnh có trợ giúp riêng / each command has its own help:  poverty-rules review --help""",
    },
    "classify": {
        "text": """Phân loại từng hộ: nghèo, cận nghèo, mức sống trung bình, không nghèo.

Classify every household: poor, near-poor, average living standard or not poor.

TỆP_HỘ: tệp danh sách hộ (.xlsx, .xls, .ods, .csv, .txt, .parquet), mỗi dòng một hộ: Mã hộ,
Khu vực, Thu nhập bình quân và/hoặc Điểm A, các chỉ số thiếu hụt. Dòng tiêu đề được tìm dưới các
dòng tên biểu. / HOUSEHOLDS: one row per household: household_id, area, income_per_capita and/or score_a,
and the deprived_<indicator> marks; the header row is found below title rows.""",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules classify ho_2025.xlsx
      ghi ho_2025.classified.csv bên cạnh (và ho_2025.rejects.csv nếu có dòng lỗi)
      writes ho_2025.classified.csv beside it (and ho_2025.rejects.csv if rows are bad)
  poverty-rules classify ho_thon.xlsx --sheet "Thôn Đông" -o ket_qua.xlsx --as-of 01/12/2025
      một trang của bảng tính mỗi thôn một trang; kết quả là bảng tính có tiêu đề tiếng Việt
      one sheet of a workbook with a sheet per village; the result is a workbook with Vietnamese headings
  poverty-rules classify ho_thon.xlsx --sheet all -o ket_qua.xlsx --as-of 01/12/2025
      mọi trang (mỗi thôn một trang) thành một danh sách / every sheet (one per village) as one list
  poverty-rules classify ho_2025.csv --encoding cp1258 -o ket_qua.csv --explain
  poverty-rules classify ho_ngheo.csv --blank-flags not-deprived   # chỉ đánh dấu x các chỉ số thiếu hụt
  poverty-rules classify ho_2025.csv --members thanh_vien.csv --as-of 01/12/2025 --local example-bac-ninh-2025
  poverty-rules classify households.csv -o out.parquet --lang en --headers canonical
\b
Mã thoát / Exit codes: 0 mọi dòng đã phân loại / all rows classified; 1 có dòng bị loại (xem tệp
rejects) / some rows rejected; 2 lệnh hoặc tệp không dùng được, không ghi gì / unusable, nothing written.""",
    },
    "explain": {
        "text": """Giải thích từng bước vì sao một hộ được phân loại như vậy: các quy tắc đã áp dụng, giá trị
so sánh, căn cứ pháp lý và độ tin cậy — để đọc tại cuộc họp thôn.

Explain, rule by rule, how one household of HOUSEHOLDS is classified: the rules that fired, the
values compared, the references and confidence tags.

MÃ_HỘ: Mã hộ của hộ cần giải thích trong TỆP_HỘ / HOUSEHOLD_ID: the household's household_id (Mã hộ).
Mã hộ chỉ là duy nhất trong một xã: khi tệp có cùng Mã hộ ở nhiều xã, chọn xã bằng --commune / a code is
unique only within its commune: when the file uses it in several communes, choose one with --commune.""",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules explain ho_2025.csv HC-01-0007
  poverty-rules explain ho_2025.xlsx HC-01-0007 --as-of 01/12/2025 --members thanh_vien.csv
  poverty-rules explain households.csv HC-01-0007 --lang en --as-of 2025-12-01 --local example-bac-ninh-2025
  poverty-rules explain huyen_2025.csv HC-01-0007 --commune "Hưng Chính"   # Mã hộ có ở nhiều xã
\b
Mã thoát / Exit codes: 0 đã giải thích / explained; 2 tệp không dùng được, không có hộ này, hoặc dòng
của hộ bị loại / the file is unusable, the household is not in it, or its row is rejected.""",
    },
    "review": {
        "text": """Rà soát cuối năm: phân loại các hộ trong TỆP_HỘ, so sánh với lịch sử, ghi lại và báo cáo
biến động (thoát nghèo, tái nghèo, nghèo phát sinh …) theo thôn.

Year-end review: classify HOUSEHOLDS, compare with the history, record and report movements.

Mỗi hộ được thêm diễn biến so với lần rà soát trước và hạn hưởng chính sách; tệp biến động có số
đầu kỳ, phát sinh, tái, thoát, cuối kỳ và tỷ lệ theo thôn; các hộ có trong lịch sử mà tệp không có
được liệt kê trong tệp hộ chưa rà soát. / Each household gets its movement since its last recorded
review and the end of its support window; the movements file has start, new, relapsed, escaped, end
and rates per village; households in the history that the file lacks go to the not-reviewed file.
Quyết định 24/2021/QĐ-TTg; Quyết định 90/QĐ-TTg 2022.""",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules review ho_2026.csv --date 10/12/2026 --db hung_chinh.db --commune "Hưng Chính"
      ghi / writes ho_2026.reviewed.csv, ho_2026.movements.csv, ho_2026.not_reviewed.csv
  poverty-rules review ho_2026.xlsx --date 2026-12-10 --members thanh_vien.csv --blank-flags not-deprived
  poverty-rules review huyen_2026.csv --date 10/12/2026 --db huyen.db     # cột Mã tỉnh, Mã xã trong tệp
  poverty-rules review ho_2026.csv --date 10/12/2026 --db hung_chinh.db --commune "Hưng Chính" --replace   # rà soát lại
\b
Rà soát lần hai cùng ngày và cùng xã bị từ chối nếu không có --replace; một xã chưa có lịch sử mà
tên giống một xã đã có bị từ chối nếu không có --new-commune. Lần rà soát chỉ được ghi ở bước cuối,
trong một giao dịch: lỗi thì không ghi gì. / A second review of the same date and commune is refused
without --replace; a commune with no history whose name resembles one on record is refused without
--new-commune. The review is recorded last, in one transaction: a failed review records nothing.
Mã thoát / Exit codes: 0 mọi dòng đã phân loại / all rows classified; 1 có dòng bị loại / some rows
rejected; 2 lệnh, tệp hoặc tệp lịch sử không dùng được / unusable, nothing written.""",
    },
    "eligible": {
        "text": """Các hộ mới thoát nghèo còn trong thời hạn được hưởng chính sách, theo thôn.

Recently escaped households (hộ mới thoát nghèo) still in their support window, per village.

Được hưởng từ ngày công nhận thoát nghèo đến hết ngày cuối của thời hạn (36 tháng với chương trình
quốc gia, Quyết định 90/QĐ-TTg 2022); thời hạn các chính sách khác lấy từ chuẩn có hiệu lực vào
--as-of. / Eligible from the recognition through the window's last day; other programmes' windows
come from the ruleset in force on --as-of.""",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules eligible --as-of 31/12/2026 --db hung_chinh.db
  poverty-rules eligible --as-of 2027-06-30 --db hung_chinh.db --programme policy_credit -o tin_dung.csv
  poverty-rules eligible --as-of 2026-12-31 --db hung_chinh.db --commune "Hưng Chính" --lang en""",
    },
    "history": {
        "text": """Lịch sử rà soát (một tệp SQLite cho mỗi xã hoặc huyện): nhập danh sách các năm trước, xem,
xóa một lần rà soát, gắn mã cho một xã đã ghi theo tên.

The review history (one SQLite file per commune or district): import earlier lists, list, show, undo a
review, recode a commune recorded by name.""",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules history import ds_2023.csv --db hung_chinh.db --commune "Hưng Chính"
  poverty-rules history list --db hung_chinh.db
  poverty-rules history show 3 --db hung_chinh.db -o lan_3.csv
  poverty-rules history undo 3 --db hung_chinh.db""",
    },
    "history import": {
        "text": """Tạo lịch sử từ danh sách hộ nghèo, cận nghèo đã được công nhận các năm trước
(Quyết định 24/2021/QĐ-TTg). Một giao dịch: một dòng lỗi thì không nhập gì (mã thoát 2); nhập lại
cùng danh sách không thay đổi gì.

Bootstrap the history from earlier years' recognized lists. One transaction: a bad row imports
nothing (exit code 2). Importing the same lists again changes nothing.""",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules history import ds_2023.csv --db hung_chinh.db --commune "Hưng Chính"
  poverty-rules history import danh_sach.csv --date 15/12/2023 --db hung_chinh.db
\b
Tệp danh sách có Mã hộ, Tình trạng (nghèo, cận nghèo, thoát nghèo, thoát cận nghèo …), Năm hoặc
Ngày rà soát (hoặc --date cho cả tệp), và có thể có Ngày công nhận, Thôn, Xã. / A lists file has
household_id (Mã hộ), status (nghèo, cận nghèo, thoát nghèo …), year (Năm) or review_date (Ngày rà
soát; or --date for the whole file), and optionally recognized_on, village, commune.""",
    },
    "history list": {
        "text": """Mọi lần rà soát đã ghi: số, ngày, xã, phạm vi, chuẩn áp dụng, lúc ghi.

Every recorded review: id, date, commune, scope, ruleset, when it was written.""",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules history list --db hung_chinh.db
  poverty-rules history list --db huyen.db --lang en""",
    },
    "history show": {
        "text": """Các hộ của một lần rà soát đã ghi: phân loại, diễn biến, hạn hưởng chính sách.

One recorded review's households: status, movement, support window.

SỐ_LẦN_RÀ_SOÁT: số của lần rà soát, xem 'history list' / REVIEW_ID: the review's id, see 'history list'.""",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules history show 3 --db hung_chinh.db
  poverty-rules history show 3 --db hung_chinh.db -o lan_3.csv --lang en""",
    },
    "history undo": {
        "text": """Xóa một lần rà soát đã ghi và các hộ của nó (một giao dịch), ví dụ khi đã rà soát nhầm tệp.

Delete one recorded review and its households (one transaction), e.g. after reviewing the wrong file.""",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules history list --db hung_chinh.db      # tìm số lần rà soát / find the review's id
  poverty-rules history undo 3 --db hung_chinh.db""",
    },
    "rulesets": {
        "text": """Xem, kiểm tra và so sánh các bộ quy tắc (chuẩn nghèo viết dưới dạng YAML).

List, show, check and compare rulesets (the standards as YAML).""",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules rulesets list
  poverty-rules rulesets show vn-2022-2026
  poverty-rules rulesets check chuan_tinh_2026.yaml
  poverty-rules rulesets diff vn-2022-2026 vn-2027-2030 --lang en""",
    },
    "rulesets list": {
        "text": """Các chuẩn quốc gia (mã, hiệu lực, độ tin cậy V/P/U, tên), rồi các chuẩn địa phương.

The national standards (id, validity, confidence V/P/U, title), then local standards apart.""",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules rulesets list
  poverty-rules rulesets list --lang en""",
    },
    "rulesets show": {
        "text": """Một bộ quy tắc: tham số, chỉ số, phân loại, đánh dấu bổ sung, thời hạn hỗ trợ, kèm căn cứ.

One ruleset: parameters, indicators, classes, designations and windows with their references.

MÃ|TỆP: mã (vn-2022-2026) hoặc đường dẫn tệp .yaml / ID|PATH: an id or a .yaml path.""",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules rulesets show vn-2022-2026
  poverty-rules rulesets show example-bac-ninh-2025 --lang en
  poverty-rules rulesets show chuan_tinh_2026.yaml""",
    },
    "rulesets check": {
        "text": """Chạy mọi bước kiểm tra khi nạp một tệp bộ quy tắc (hoặc một chuẩn có sẵn, theo mã); lỗi đầu tiên
dừng lại với tệp, dòng và lý do (mã thoát 2).

Run every load-time check on a ruleset file (or a bundled standard, by its id); exit 2 with file, line and
reason on the first failure.""",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules rulesets check chuan_tinh_2026.yaml
  poverty-rules rulesets check example-bac-ninh-2025 --lang en""",
    },
    "rulesets diff": {
        "text": """Những gì thay đổi từ chuẩn A sang chuẩn B (mã hoặc tệp .yaml; chuẩn địa phương so với chuẩn gốc):
tham số cũ → mới, chỉ số thêm hoặc bớt, phân loại, thời hạn hỗ trợ; + thêm, - bớt, ~ đổi; ↑ chặt hơn
(bao phủ nhiều hộ hơn), ↓ lỏng hơn (ít hộ hơn), ↕ chặt hơn mặt này, lỏng hơn mặt khác.

What changed from standard A to standard B (ids or .yaml paths; an overlay against its base):
parameters old → new, indicators added or removed, classes, windows; + added, - removed, ~ changed;
↑ stricter (covers more households), ↓ looser (fewer), ↕ stricter one way, looser another.""",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules rulesets diff vn-2022-2026 vn-2027-2030
  poverty-rules rulesets diff vn-2022-2026 example-hcmc-style-2022-2025 --lang en""",
    },
    "test": {
        "text": """Chạy các tệp tình huống kiểm thử (YAML): mỗi tình huống là một hộ và kết quả mong đợi; in khác
biệt của từng tình huống sai. Mã thoát 1 nếu có tình huống sai; 2 nếu có tệp hay tình huống không chạy
được (nêu ở dòng của nó; các tình huống khác vẫn chạy).

Run scenario case files (YAML): each case a household and its expected result; print a diff for
each failing case. Exit code 1 if any case fails; 2 if a file or a case cannot be run (said at its
line; the other cases still run).""",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules test tests/scenarios/vn-2022-2026-income.yaml   # trong mã nguồn / in a source checkout
  poverty-rules test tinh_huong_tinh.yaml -v
  poverty-rules test tinh_huong_tinh.yaml --engine durable""",
    },
    "report": {
        "text": """Báo cáo kết quả rà soát: các biểu R1–R9, danh sách niêm yết theo thôn, hộ được hưởng chính
sách và chỉ tiêu kế hoạch, thành một tệp Excel (.xlsx, mỗi biểu một trang), các tệp CSV, hoặc một
trang HTML; từ tệp đã rà soát (TỆP_ĐÃ_RÀ_SOÁT) hoặc từ lịch sử (--db, --date hoặc --year).

The review's forms R1–R9, village lists, eligible households and plan targets as an XLSX workbook,
CSV files or an HTML page; from a reviewed file (REVIEWED) or from the history (--db, --date or --year).""",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules report ho_2026.reviewed.csv -o bao_cao_2026.xlsx
  poverty-rules report --db hung_chinh.db --date 10/12/2026 -o bao_cao_2026.xlsx
  poverty-rules report --db huyen.db --year 2026 --unit-name "Huyện Nghi Lộc" -o bao_cao_huyen_2026.xlsx
  poverty-rules report ho_2026.reviewed.csv -o bao_cao_2026.html
  poverty-rules report ho_2026.reviewed.csv --format csv -o bao_cao/ --targets chi_tieu.csv --lang en
\b
Các hộ đã ra khỏi danh sách được đọc từ tệp hộ chưa rà soát bên cạnh (<tên>.not_reviewed.csv, do
lệnh review ghi) / households that left are read from the not-reviewed file beside it.
Mã thoát / Exit codes: 0 đã ghi / written; 2 lệnh hoặc tệp không dùng được, không ghi gì / unusable,
nothing written.""",
    },
    # d6
    "history recode": {
        "text": """Gắn mã tỉnh, mã xã cho một xã đã ghi theo tên (không có mã), để các lần rà soát sau theo mã
nối tiếp lịch sử của xã (một giao dịch).

Give a commune recorded by name (without codes) its province and commune codes, so that the reviews of
files with code columns continue its history (one transaction).""",
        "epilog": """\b
Ví dụ / Examples:
  poverty-rules history list --db hung_chinh.db      # xã đã ghi / the communes on record
  poverty-rules history recode --db hung_chinh.db --commune "Hưng Chính" --province-code 12 --commune-code 02800""",
    },
}
#: The placeholders of --help (click's usage line and the options' value words), in each language: the
#: type of an option's value, and the placeholders our options name; the arguments' names are ARGUMENTS.
METAVARS: dict[str, dict[str, str]] = {
    "[OPTIONS]": {"vi": "[TÙY_CHỌN]", "en": "[OPTIONS]"},
    "COMMAND [ARGS]...": {"vi": "LỆNH [THAM_SỐ]...", "en": "COMMAND [ARGS]..."},
    "PATH": {"vi": "ĐƯỜNG_DẪN", "en": "PATH"},
    "FILE": {"vi": "TỆP", "en": "FILE"},
    "DIRECTORY": {"vi": "THƯ_MỤC", "en": "DIRECTORY"},
    "DATE": {"vi": "NGÀY", "en": "DATE"},
    "TEXT": {"vi": "CHỮ", "en": "TEXT"},
    "INTEGER": {"vi": "SỐ", "en": "INTEGER"},
    "ID|PATH": {"vi": "MÃ|TỆP", "en": "ID|PATH"},
    "NAME|N": {"vi": "TÊN|SỐ", "en": "NAME|N"},
    "ADDRESS|local": {"vi": "ĐỊA_CHỈ|local", "en": "ADDRESS|local"},
    "NAME|N|all": {"vi": "TÊN|SỐ|all", "en": "NAME|N|all"},
}


#: --help of the options the commands share (cli/_common.py), Vietnamese / English.
OPTION_HELP = {
    "classify_output": "Tệp kết quả: .csv, .xlsx hoặc .parquet (theo phần mở rộng); mặc định <tệp "
    "vào>.classified.csv bên cạnh tệp vào (<tệp vào>.classified.parquet cho tệp Parquet). / Output file: .csv, "
    ".xlsx or .parquet (by its extension). Default: <input>.classified.csv beside the input "
    "(<input>.classified.parquet for a Parquet file).",
    "headers": "Cột kết quả bằng chữ theo --lang (labels: Phân loại = Hộ nghèo) hay bằng mã (canonical: status = "
    "poor); mặc định labels cho .xlsx, canonical cho .csv và .parquet. / Result columns as words in --lang (labels)"
    " or as ids (canonical). Default: labels for .xlsx, canonical for .csv and .parquet.",
    "rejects": "Tệp ghi các dòng bị loại (kèm dòng, cột và lý do); mặc định bên cạnh tệp kết quả, cùng định dạng: "
    "<tên tệp -o>.rejects.<đuôi> khi có -o (-o out/thon1.csv → out/thon1.rejects.csv), nếu không "
    "<tệp vào>.rejects.<đuôi> (ho.csv → ho.rejects.csv). "
    "/ Where rejected rows go. Default: beside the output, in its format: named after it with -o (-o out/thon1.csv "
    "→ out/thon1.rejects.csv), else after the input (ho.csv → ho.rejects.csv).",
    "classify_bom": "Mở đầu tệp kết quả bằng BOM UTF-8 để Excel hiện đúng chữ tiếng Việt. / Start the output with"
    " a UTF-8 BOM so Excel shows Vietnamese letters correctly.",
    "classify_quiet": "Không hiện tiến độ, lưu ý và bảng tổng hợp (lỗi vẫn được báo). / No progress, notes or "
    "summary on stderr (errors are still said).",
    "classify_dask": "Phân loại trên một cụm Dask (địa chỉ bộ điều phối của cụm, hoặc 'local' để dựng một cụm "
    "trên máy này): vào CSV hoặc Parquet, ra các bộ dữ liệu Parquet (-o, mặc định <tệp vào>.classified.parquet; "
    "các dòng bị loại bên cạnh, đặt theo tên -o: -o out/thon1.parquet → out/thon1.rejects.parquet, không có -o "
    "thì <tệp vào>.rejects.parquet). Cần cài poverty-rules[dask]; xem docs/scale.md. / Classify on a Dask "
    "cluster (its scheduler address, or 'local' for one on this machine): CSV or Parquet in, Parquet datasets "
    "out (-o, default <input>.classified.parquet; the rejects beside it, named after -o: -o out/thon1.parquet → "
    "out/thon1.rejects.parquet, else <input>.rejects.parquet). Needs poverty-rules[dask]; see docs/scale.md.",
    "eligible_as_of": "Ngày xét thời hạn hưởng chính sách, DD/MM/YYYY hoặc YYYY-MM-DD. / Date to check the "
    "windows on, YYYY-MM-DD or DD/MM/YYYY.",
    "eligible_commune": "Chỉ xét lịch sử của xã này (tên hoặc mã xã). / Only this commune's history (its name or "
    "code).",
    "programme": "Chính sách: national_programme (36 tháng), policy_credit, health_insurance_support; thời hạn "
    "lấy từ bộ quy tắc. / national_programme (36 months), policy_credit, health_insurance_support — windows from "
    "the ruleset.",
    "import_date": "Ngày rà soát cho các dòng không ghi năm hay ngày. / Review date for rows without year/date.",
    "import_commune": "Xã cho các dòng của tệp không có cột xã. / Commune for rows without a commune column.",
    "report_output": "Tệp báo cáo: sổ tính .xlsx, trang .html, hoặc thư mục (csv). / Workbook (.xlsx), page "
    "(.html) or folder (csv).",
    "report_format": "Định dạng báo cáo; mặc định theo phần mở rộng của -o. / Report format. Default: from "
    "-o's extension.",
    "report_db": "Lập báo cáo từ tệp lịch sử rà soát này. / Report from this history.",
    "report_date": "Ngày rà soát (với --db: chọn lần rà soát nào). / The review's date (with --db: which review).",
    "report_commune": "Với --db: chỉ lần rà soát của xã này (tên hoặc mã xã). / With --db: only this commune's review "
    "(its name or code).",
    "eligible_on": "Ngày lập danh sách hộ còn trong thời hạn hưởng chính sách. / Date of the eligible list.",
    "report_ruleset": "Bộ quy tắc cho các cột chỉ số (mã như vn-2022-2026, hoặc tệp .yaml; mặc định: bộ quy tắc ghi "
    "trong tệp). / Ruleset for the indicator columns (id such as vn-2022-2026, or a .yaml path; default: the "
    "file's).",
    "af_k": "Ngưỡng k của chỉ số Alkire–Foster trên trang báo cáo và trang Chỉ số AF của sổ tính (mặc định 3); "
    "af.csv luôn có mọi k. / AF cutoff k of the page and of the workbook's AF sheet (default 3); af.csv always "
    "holds every k.",
    "af_weights": "Trọng số Alkire–Foster (mặc định: cả hai). / AF weights (default: both).",
    "af_unit": "Đơn vị tính Alkire–Foster: hộ hay người (mặc định: cả hai khi tệp có cột household_size). / AF "
    "unit (default: both when the file has household_size).",
    "weight_column": "Cột trọng số mẫu cho các chỉ số Alkire–Foster. / Sampling weight column for the AF measures.",
    "report_dask": "Lập báo cáo từ một bộ dữ liệu các hộ đã phân loại hoặc đã rà soát (Parquet hoặc CSV, một tệp "
    "hay một thư mục) trên một cụm Dask (địa chỉ bộ điều phối, hoặc 'local'): r1.csv, r4-r7.csv và af.csv từ tổng "
    "của từng phần (--format csv). Cần cài poverty-rules[dask]; xem docs/scale.md. / Report a dataset of classified"
    " or reviewed rows (Parquet or CSV, a file or a folder) on a Dask cluster (its scheduler address, or 'local'): "
    "r1.csv, r4-r7.csv and af.csv from sums per partition (--format csv). Needs poverty-rules[dask]; see "
    "docs/scale.md.",
    "review_date": "Ngày rà soát (ngày công nhận), DD/MM/YYYY hoặc YYYY-MM-DD. / Review (recognition) date, YYYY-"
    "MM-DD or DD/MM/YYYY.",
    "review_commune": "Xã của tệp không có cột Xã: lần rà soát này nối tiếp lịch sử của xã đó. / Commune of a "
    "file without a commune column, whose history this review continues.",
    "province_code": "Mã tỉnh của tệp không có cột mã (tệp của một xã). / Province code of a file without code "
    "columns: one commune.",
    "commune_code": "Mã xã của tệp không có cột mã: lịch sử của xã được lưu theo mã này. / Commune code of a file"
    " without code columns: its history is kept under the code.",
    "review_output": "Tệp các hộ đã rà soát: .csv, .xlsx hoặc .parquet (theo phần mở rộng); mặc định <tệp "
    "vào>.reviewed.csv bên cạnh tệp vào (<tệp vào>.reviewed.parquet cho tệp Parquet). / The reviewed households: "
    ".csv, .xlsx or .parquet (by its extension). Default: <input>.reviewed.csv beside the input "
    "(<input>.reviewed.parquet for a Parquet file).",
    "movements": "Tệp tổng hợp biến động: .csv, .xlsx hoặc .parquet; mặc định bên cạnh tệp kết quả: <tên tệp "
    "-o>.movements.csv khi có -o (-o out/thon1.csv → out/thon1.movements.csv), nếu không <tệp vào>.movements.csv. "
    "/ Movements summary: .csv, .xlsx or .parquet. Default: beside the output, named after it with -o (-o "
    "out/thon1.csv → out/thon1.movements.csv), else <input>.movements.csv.",
    "review_bom": "Mở đầu các tệp CSV bằng BOM UTF-8 (để Excel hiện đúng chữ tiếng Việt). / Start CSV files with "
    "a UTF-8 BOM (Excel).",
    "review_quiet": "Không in tiến độ, lưu ý và bảng tổng hợp (lỗi vẫn được báo). / No progress, notes or summary "
    "table on stderr (errors are still said).",
    "replace": "Thay những gì đã ghi vào lịch sử ngày --date của các xã này. / Replace what is already recorded "
    "on this --date for these communes.",
    "new_commune": "Các xã chưa có lịch sử là xã mới, dù tên gần giống một xã đã có. / The communes without "
    "history are communes of their own, though their names resemble ones on record.",
    "targets": "Tệp chỉ tiêu giảm nghèo (CSV/XLSX: tỉnh, xã, thôn và target_poor_reduction, target_poor_end, "
    "target_rate_reduction): báo cáo so kết quả với chỉ tiêu. / Plan targets file (CSV/XLSX; docs/reports.md): the "
    "report compares the results with them.",
    "version": "Hiện phiên bản rồi thoát. / Show the version and exit.",
    "as_of": "Ngày rà soát (DD/MM/YYYY hoặc YYYY-MM-DD), chọn chuẩn có hiệu lực; mặc định hôm nay. / Review date "
    "(YYYY-MM-DD or DD/MM/YYYY); picks the standard in force. Default: today.",
    "explain_as_of": "Ngày rà soát (DD/MM/YYYY hoặc YYYY-MM-DD), chọn chuẩn có hiệu lực; mặc định ngày rà soát ghi "
    "trong tệp đã rà soát (cột review_date), nếu không hôm nay. / Review date (YYYY-MM-DD or DD/MM/YYYY); picks "
    "the standard in force. Default: a reviewed file's own review date (its review_date column), else today.",
    "ruleset": "Dùng bộ quy tắc này (mã như vn-2022-2026, hoặc tệp .yaml) thay vì chọn theo ngày. / Use this "
    "ruleset (id such as vn-2022-2026, or a .yaml path) instead of choosing by date.",
    "local": "Phân loại thêm theo chuẩn địa phương này (mã trong rulesets/local/ hoặc tệp .yaml): các cột "
    "local_status, local_deprived, local_deprivation_count, local_ruleset bên cạnh cột quốc gia. / Also classify "
    "with this local standard: local_* columns beside the national ones.",
    "blank_flags": "Ô chỉ số thiếu hụt để trống nghĩa là gì; dùng not-deprived cho biểu chỉ đánh dấu x chỉ số thiếu "
    "hụt. / What an empty deprivation cell means; not-deprived for forms that mark only deprivations (x).",
    "engine": "vectorized: xử lý cả bảng; durable: suy diễn từng hộ (cùng kết quả). / vectorized: the bulk path; "
    "durable: household-by-household forward chaining (same results).",
    "explain": "Thêm cột lý do: một câu cho mỗi hộ, dẫn quy tắc. / Add a 'reason' column: one sentence per "
    "household citing the rule.",
    "members": "Tệp thành viên (mỗi dòng một người) để suy ra các chỉ số thiếu hụt. / Members file (one row per "
    "person) to derive deprivation flags from.",
    "encoding": "Bảng mã của tệp văn bản (mặc định: tự nhận biết UTF-8, UTF-16, Windows-1258, Windows-1252). / "
    "Encoding of a text file (default: detected).",
    "sheet": "Trang tính cần đọc, theo tên hoặc theo số thứ tự trong các trang đang hiện (mặc định: trang có dòng "
    "tiêu đề nêu nhiều cột đã biết nhất; bảng tính có danh sách hộ ở nhiều trang thì phải chọn); all: đọc mọi trang "
    "danh sách hộ (mỗi thôn một trang) thành một danh sách, thôn của trang không có cột Thôn là tên trang, ví dụ "
    "--sheet all (không dùng cho history import). / Sheet of a workbook to read, by name or by its number among the "
    "visible sheets (default: the sheet whose header names the most known columns; a workbook with household lists "
    "on several sheets needs one chosen); all: every household-list sheet (one per village) as one list, the "
    "village of a sheet without a village column being its name, e.g. --sheet all (not for history import).",
    "db": "Tệp lịch sử (SQLite) các lần rà soát của xã. / The history file (SQLite) of the commune's reviews.",
    "explain_commune": "Xã của hộ (tên, không phân biệt dấu, hoa thường, chữ Xã/Phường; hoặc mã xã) khi Mã hộ có ở "
    "nhiều xã trong tệp. / The household's commune (its name — accents, case and a leading commune or ward word "
    "ignored — or its commune code) when its code is used in several communes of the file.",
    # d3
    "report_year": "Với --db: năm báo cáo, gồm lần rà soát cuối năm của mỗi xã dù rà soát ngày nào (huyện có "
    "xã rà soát muộn). / With --db: the year to report, each commune's last review of that year whatever its "
    "day (a district with a late commune).",
    "report_unit_name": "Đơn vị ghi ở đầu biểu: ỦY BAN NHÂN DÂN <đơn vị> (mặc định: xã, hoặc tỉnh khi báo cáo "
    "nhiều xã; báo cáo huyện: --unit-name \"Huyện Nghi Lộc\"). / The unit the forms' header names: PEOPLE'S "
    "COMMITTEE OF <unit> (default: the commune, or the province of a report of several communes; name a "
    "district's here).",
    # d6
    "recode_commune": "Xã đã ghi theo tên (không có mã) cần gắn mã. / The commune recorded by name (without codes) "
    "to give its codes.",
    # r2
    "recode_province": "Tỉnh của xã, khi hai tỉnh có xã cùng tên được ghi theo tên. / The commune's province, when "
    "communes of two provinces recorded by name have that name.",
    # g1
    "group_lang": "Ngôn ngữ của thông báo và hướng dẫn cho mọi lệnh (mặc định: vi) / language of messages and help "
    "for every command (default: vi).",
    # the lead: the inline option help moved here (G1's finding)
    "lang": "Ngôn ngữ của thông báo, lý do và tiêu đề / language of messages, reasons and headers.",
    "eligible_output": "Ghi danh sách ra cả tệp (.csv, .xlsx, .parquet). / Also write the list to a file (.csv, "
    ".xlsx, .parquet).",
    "history_show_output": "Ghi tất cả các hộ ra tệp (.csv, .xlsx, .parquet); màn hình in số hộ theo phân loại. / "
    "Write every household to a file (.csv, .xlsx, .parquet); the screen gets the count of each status.",
    # f4
    "explain_local": "Giải thích thêm theo chuẩn địa phương này (mã trong rulesets/local/ hoặc tệp .yaml): sau "
    "phân loại theo chuẩn quốc gia, các quy tắc của chuẩn địa phương cho cùng hộ. / Also explain the household by "
    "this local standard (an id in rulesets/local/ or a .yaml path): after the national classification, the local "
    "standard's rules for the same household.",
    # g3
    "recode_province_code": "Mã tỉnh gắn cho xã (có thể bỏ trống). / The province code to give the commune (may be "
    "left out).",
    "recode_commune_code": "Mã xã gắn cho xã: các lần rà soát đã ghi của xã được chuyển sang mã này. / The commune "
    "code to give the commune: its recorded reviews move under this code.",
    # u3 (session 22): -q of the commands that write to stdout or a file
    "quiet": "Không in các lưu ý và dòng báo đã làm xong (lỗi vẫn được báo); kết quả vẫn được in hoặc ghi ra tệp "
    "như thường. / No notes or summary line on stderr (errors are still said); the result is printed or written "
    "as usual.",
}
#: What ``explain`` and ``classify --dask`` refuse (cli/explain.py, cli/classify.py).
MESSAGES.update(
    {
        "e_rejected": {
            "vi": "{file}: hộ {id} (dòng {row}) bị loại nên không giải thích được: cột {column}: {reason}",
            "en": "{file}: household {id} (row {row}) was rejected and cannot be explained: column {column}: {reason}",
        },
        "e_several_communes": {
            "vi": "{file}: Mã hộ {id!r} có ở {n} xã ({communes}): hãy chọn xã bằng --commune",
            "en": "{file}: household_id {id!r} is used in {n} communes ({communes}): choose one with --commune",
        },
        "e_not_in_commune": {
            "vi": "{file}: xã {commune!r} không có hộ nào có Mã hộ {id!r}; Mã hộ này có ở: {communes}",
            "en": "{file}: commune {commune!r} has no household with household_id {id!r}; the code is used in: "
            "{communes}",
        },
        "e_not_found": {
            "vi": "{file}: không có hộ nào có Mã hộ {id!r} trong tệp",
            "en": "{file}: no household with household_id {id!r} in the file",
        },
        "e_local_unread": {
            "vi": "{file}: chuẩn địa phương {local} không đọc được hộ {id!r} ({reason}): "
            "hộ chỉ được phân loại theo chuẩn quốc gia, các cột local_* để trống",
            "en": "{file}: household {id!r} cannot be read by the local standard {local} ({reason}): it is "
            "classified by the national standard only, its local_* columns empty",
        },
        "dask_members": {
            "vi": "--dask chỉ phân loại tệp hộ: khi có --members, hãy chạy không có --dask (docs/scale.md)",
            "en": "--dask classifies households only: with --members, run without --dask (docs/scale.md)",
        },
        # h3: a code not in the file, with the file's codes that are close to it (case, spaces, a typo)
        "e_not_found_close": {
            "vi": "{file}: không có hộ nào có Mã hộ {id!r} trong tệp; Mã hộ gần giống có trong tệp: {close}",
            "en": "{file}: no household with household_id {id!r} in the file; close codes in the file: {close}",
        },
        # h3: the code is also on a rejected row (used twice): which row the explanation is of
        "n_explained_row": {
            "vi": "{file}: Mã hộ {id!r} còn có ở dòng {other}, dòng đó bị loại ({reason}); "
            "dưới đây là giải thích của dòng {row}",
            "en": "{file}: household_id {id!r} is also on row {other}, which was rejected ({reason}); "
            "the explanation below is of row {row}",
        },
        # r6
        "dask_sheet": {
            "vi": "{file}: --dask chỉ đọc tệp CSV và tệp Parquet, không có trang tính: bỏ --sheet {sheet} (hoặc chạy "
            "không có --dask để đọc một trang của bảng tính)",
            "en": "{file}: --dask reads CSV and Parquet files only, which have no sheet: leave out --sheet {sheet} (or "
            "run without --dask to read a sheet of a workbook)",
        },
    }
)


#: ``poverty-rules test``: scenario case files (poverty_rules/scenarios.py, cli/scenarios.py).
MESSAGES.update(
    {
        "case_pass": {"vi": "ĐẠT {file}: {case}", "en": "PASS {file}: {case}"},
        "case_fail": {"vi": "SAI {file}: {case}  [{law}]", "en": "FAIL {file}: {case}  [{law}]"},
        "case_summary": {"vi": "{passed} đạt, {failed} sai", "en": "{passed} passed, {failed} failed"},
        "case_got": {"vi": "({what}: {value})", "en": "({what}: {value})"},
        "case_unknown_expect": {
            "vi": "expect: '{key}' không phải một cột của kết quả; các cột kết quả: {known}",
            "en": "expect: '{key}' is no column of the result; the result's columns: {known}",
        },
        "case_differs": {
            "vi": "{key}: mong đợi {want}, nhận được {have}",
            "en": "{key}: expected {want}, got {have}",
        },
        "case_error": {"vi": "lỗi: {what}", "en": "error: {what}"},
        "row_errors": {
            "vi": "{n} dòng không phân loại được: {rows}{more}",
            "en": "{n:row|rows} cannot be classified: {rows}{more}",
        },
        "row_error": {"vi": "dòng {row}: {reason}", "en": "row {row}: {reason}"},
        "row_errors_more": {"vi": " (và {n} dòng khác)", "en": " (and {n} more)"},
        "case_error_differs": {
            "vi": "lỗi: mong đợi một thông báo có {want}, nhận được {have}",
            "en": "error: expected a message containing {want}, got {have}",
        },
        "case_not_text": {
            "vi": "không phải tệp văn bản UTF-8; tệp tình huống là tệp YAML lưu dạng UTF-8",
            "en": "not a UTF-8 text file; case files are YAML, saved as UTF-8",
        },
        "case_unreadable": {
            "vi": "{file}: không đọc được tệp tình huống ({why})",
            "en": "{file}: cannot read the case file ({why})",
        },
        "case_invalid": {"vi": "{file}: {why}", "en": "{file}: {why}"},
        "case_not_mapping": {
            "vi": "{file}: tệp tình huống trống hoặc không phải một bảng khóa: giá trị (cần title và cases)",
            "en": "{file}: the case file is empty or not a mapping of keys to values (it needs title and cases)",
        },
        "case_not_indicator": {
            "vi": "tình huống '{case}': {names} không phải chỉ số của {rulesets}",
            "en": "case '{case}': {names} is not an indicator of {rulesets}",
        },
        "case_no_ruleset_file": {
            "vi": "không có tệp bộ quy tắc '{name}' bên cạnh tệp tình huống hay trong rulesets/",
            "en": "no ruleset file '{name}' beside the case file or in rulesets/",
        },
        # h5
        "household_error": {  # classify_one / update_household: a record, not a table's row
            "vi": "hộ {household!r} không phân loại được: {reason}",
            "en": "household {household!r} cannot be classified: {reason}",
        },
        # d4
        "case_is_ruleset": {
            "vi": "{file}: đây là một bộ quy tắc (có {keys}), không phải tệp tình huống: kiểm tra nó bằng "
            "`poverty-rules rulesets check {file}`; tệp tình huống có title: và cases: (docs/rulesets.md)",
            "en": "{file}: this is a ruleset (it has {keys}), not a case file: check it with "
            "`poverty-rules rulesets check {file}`; a case file has title: and cases: (docs/rulesets.md)",
        },
        "case_deprived_and_unknown": {
            "vi": "tình huống '{case}': {names} vừa ở deprived: vừa ở unknown: — hãy chọn một (thiếu hụt, hay chưa rõ)",
            "en": "case '{case}': {names} is both under deprived: and unknown: — choose one (deprived, or not known)",
        },
        "case_member_key": {
            "vi": "tình huống '{case}': members: '{key}' không phải cột của thành viên (viết nhầm {meant}?; "
            "docs/members.md)",
            "en": "case '{case}': members: '{key}' is no member column (did you mean {meant}?; docs/members.md)",
        },
        "case_household_key": {
            "vi": "tình huống '{case}': household: '{key}' không phải cột mà chương trình đọc (viết nhầm {meant}?)",
            "en": "case '{case}': household: '{key}' is no column the engine reads (did you mean {meant}?)",
        },
        "case_local_missing": {
            "vi": "expect: {key} là kết quả của chuẩn địa phương, nhưng tình huống không có local: (ruleset: {ruleset} "
            "được chạy một mình, kết quả của nó ở status, deprived …): thêm local: hoặc mong đợi {plain}",
            "en": "expect: {key} is a local standard's result, but the case has no local: (ruleset: {ruleset} runs "
            "alone, its result is in status, deprived …): add local: or expect {plain}",
        },
        "case_files_unusable": {
            "vi": "; {n} tệp không chạy được (lỗi ở trên): {files}",
            "en": "; {n:file|files} could not be run (errors above): {files}",
        },
        "case_empty": {"vi": "(trống)", "en": "(empty)"},  # a result's cell with nothing in it, in a case's diff
        "rs_is_cases": {
            "vi": "đây là một tệp tình huống (có cases:), không phải bộ quy tắc: chạy nó bằng `poverty-rules test "
            "{file}`; một bộ quy tắc có id:, parameters:, … hoặc extends: (docs/rulesets.md)",
            "en": "this is a case file (it has cases:), not a ruleset: run it with `poverty-rules test {file}`; a "
            "ruleset has id:, parameters:, … or extends: (docs/rulesets.md)",
        },
        # e1
        "case_nested_value": {
            "vi": "tình huống '{case}': {key}: {value} là một danh sách hoặc một bảng, nhưng mỗi cột của hộ hay của "
            "thành viên chỉ có một giá trị (một số, một chữ hoặc một ngày)",
            "en": "case '{case}': {key}: {value} is a list or a mapping, but a household's or a member's column "
            "holds one value (a number, a word or a date)",
        },
        "case_row_error": {
            "vi": "tình huống '{case}': household: {reason}",
            "en": "case '{case}': household: {reason}",
        },
        "case_member_note": {
            "vi": "tình huống '{case}': members: {note}",
            "en": "case '{case}': members: {note}",
        },
        "rs_quote_key_hint": {
            "vi": ' (YAML đọc {value} là một số hay một ngày): đặt nó trong dấu nháy, ví dụ "{value}": …',
            "en": ' (YAML reads {value} as a number or a date): put it in quotes, e.g. "{value}": …',
        },
        "case_unknown_transition": {
            "vi": "expect: transition '{value}' không phải một diễn biến (tên trên biểu mẫu, ví dụ Thoát nghèo, "
            "hoặc mã); các diễn biến: {known}",
            "en": "expect: transition '{value}' is no transition (a form's name such as Thoát nghèo, or an id); the "
            "transitions: {known}",
        },
        # r1
        "case_same_name": {
            "vi": "tình huống '{case}' trùng tên với tình huống ở dòng {first}: mỗi tình huống cần một tên riêng "
            "(tình huống sai được nêu bằng tên)",
            "en": "case '{case}' has the same name as the case at line {first}: give each case its own name (a "
            "failing case is shown by its name)",
        },
        "case_named": {"vi": "tình huống '{case}': {reason}", "en": "case '{case}': {reason}"},
        "case_unknown_key": {
            "vi": "{where}'{key}' không phải khóa của {what}{meant}; các khóa: {known} (docs/rulesets.md)",
            "en": "{where}'{key}' is no key of {what}{meant}; the keys: {known} (docs/rulesets.md)",
        },
        "case_file_keys": {"vi": "tệp tình huống", "en": "a case file"},
        "case_keys": {"vi": "một tình huống", "en": "a case"},
        "case_key_meant": {"vi": " (viết nhầm {meant}?)", "en": " (did you mean {meant}?)"},
        "case_ruleset_out_of_period": {
            "vi": "tình huống '{case}': bộ quy tắc {id} áp dụng từ {start} đến {end}, không phải ngày rà soát {day} "
            "(chuẩn đang hiệu lực ngày đó: {current}): kết quả theo {id} như ruleset: yêu cầu",
            "en": "case '{case}': ruleset {id} applies from {start} to {end}, not on the review date {day} (the "
            "standard in force that day: {current}): the results follow {id}, as ruleset: asks",
        },
        "case_id_as_key": {
            "vi": "tình huống '{case}': household: '{key}' là mã một chỉ số, không phải cột của hộ: viết các chỉ số "
            "thiếu hụt trong ngoặc vuông, deprived: [{example}] (không ngoặc, 'deprived: water, {key}' đọc {key} là "
            "một cột riêng)",
            "en": "case '{case}': household: '{key}' is an indicator's id, not a household column: write the "
            "deprived indicators in brackets, deprived: [{example}] (without them, 'deprived: water, {key}' reads "
            "{key} as a column of its own)",
        },
        "case_members_unused": {
            "vi": "tình huống '{case}': members: không chỉ số nào được suy ra từ thành viên, vì không chỉ số nào ở "
            "unknown: (chỉ số không ở deprived: hay unknown: là không thiếu hụt); để suy ra, ghi chỉ số vào unknown:, "
            "ví dụ unknown: [{example}]",
            "en": "case '{case}': members: no indicator is derived from the members, as none is under unknown: (an "
            "indicator under neither deprived: nor unknown: is not deprived); to derive one, list it under unknown:, "
            "e.g. unknown: [{example}]",
        },
        "case_ids_mapping": {
            "vi": "tình huống '{case}': household: {key}: {value} là một bảng, nhưng {key}: là danh sách mã chỉ số, "
            "ví dụ {key}: [water, sanitation]",
            "en": "case '{case}': household: {key}: {value} is a mapping, but {key}: is a list of indicator ids, "
            "e.g. {key}: [water, sanitation]",
        },
        # t5
        "case_indicator_meant": {"vi": " (viết nhầm {meant}?)", "en": " (did you mean {meant}?)"},
        "case_indicators_are": {"vi": "; các chỉ số của nó: {known}", "en": "; its indicators: {known}"},
    }
)
#: The two words of a failing case's extra lines (``(ruleset: …)``, ``(reason: …)``).
CASE_GOT = {
    "ruleset": {"vi": "bộ quy tắc", "en": "ruleset"},
    "reason": {"vi": "lý do", "en": "reason"},
    "local_ruleset": {"vi": "chuẩn địa phương", "en": "local standard"},
    "local_reason": {"vi": "lý do theo chuẩn địa phương", "en": "reason by the local standard"},
}


#: ``history show``: a large review's households go to a file.
MESSAGES.update(
    {
        "h_show_more": {
            "vi": "… còn {count} hộ nữa không in ra màn hình (in {shown} hộ đầu); dùng -o tệp.csv để ghi tất cả",
            "en": "… {count:more household|more households} not printed (the first {shown} shown); use -o file.csv "
            "to write them all",
        },
        "h_show_written": {
            "vi": "{file}: đã ghi {count} hộ của lần rà soát {id}",
            "en": "{file}: wrote the {count:household|households} of review {id}",
        },
    }
)

# h4
MOVEMENT_FILE_COLUMN = {
    "village": {"vi": "Thôn", "en": "Village"},
    "households": {"vi": "Số hộ rà soát", "en": "Households reviewed"},
    "not_reviewed": {"vi": "Số hộ không còn trong danh sách", "en": "Households that left"},
    "poor_start": {"vi": "Hộ nghèo đầu kỳ", "en": "Poor at start"},
    "poor_new": {"vi": "Hộ nghèo phát sinh", "en": "Newly poor"},
    "poor_relapsed": {"vi": "Hộ tái nghèo", "en": "Relapsed into poverty"},
    "poor_escaped": {"vi": "Hộ thoát nghèo", "en": "Escaped poverty"},
    "poor_undetermined": {"vi": "Hộ nghèo chưa xác định được", "en": "Poor, not yet determined"},
    "poor_not_reviewed": {"vi": "Hộ nghèo ra khác", "en": "Poor, other exits"},
    "poor_end": {"vi": "Hộ nghèo cuối kỳ", "en": "Poor at end"},
    "poor_escaped_to_near_poor": {
        "vi": "Trong đó: thoát nghèo thành hộ cận nghèo",
        "en": "Of which: escaped poverty to near-poor",
    },
    "near_poor_start": {"vi": "Hộ cận nghèo đầu kỳ", "en": "Near-poor at start"},
    "near_poor_new": {"vi": "Hộ cận nghèo phát sinh", "en": "Newly near-poor"},
    "near_poor_relapsed": {"vi": "Hộ tái cận nghèo", "en": "Relapsed into near-poverty"},
    "near_poor_from_poor": {"vi": "Hộ nghèo thành hộ cận nghèo", "en": "Poor became near-poor"},
    "near_poor_escaped": {"vi": "Hộ thoát cận nghèo", "en": "Escaped near-poverty"},
    "near_poor_to_poor": {"vi": "Hộ cận nghèo thành hộ nghèo", "en": "Near-poor became poor"},
    "near_poor_undetermined": {"vi": "Hộ cận nghèo chưa xác định được", "en": "Near-poor, not yet determined"},
    "near_poor_not_reviewed": {"vi": "Hộ cận nghèo ra khác", "en": "Near-poor, other exits"},
    "near_poor_end": {"vi": "Hộ cận nghèo cuối kỳ", "en": "Near-poor at end"},
    "poor_rate": {"vi": "Tỷ lệ hộ nghèo (%)", "en": "Poor rate (%)"},
    "near_poor_rate": {"vi": "Tỷ lệ hộ cận nghèo (%)", "en": "Near-poor rate (%)"},
    "poor_and_near_poor_rate": {"vi": "Tỷ lệ nghèo đa chiều (%)", "en": "Multidimensional poverty rate (%)"},
    "average_farm": {
        "vi": "Hộ làm nông, lâm, ngư nghiệp có mức sống trung bình",
        "en": "Farm households with average living standard",
    },
}
"""The movements file's columns as a workbook heads them (``review --movements x.xlsx``: for people to
read, in the run's language); the CSV keeps the ids of docs/review.md ("Movements")."""

# g6
MESSAGES.update(
    {
        # report of a labelled workbook (classify/review --headers labels): a cell that names nothing
        "rep_unknown_transition": {
            "vi": "{file}: dòng {row}, cột {column}: '{value}' không phải một diễn biến (Không đổi, Nghèo phát "
            "sinh, Tái nghèo, Thoát nghèo, Thoát cận nghèo, Cận nghèo phát sinh, Tái cận nghèo, Rà soát lần đầu)",
            "en": "{file}: row {row}, column {column}: '{value}' is not a movement (Unchanged, Newly poor, "
            "Relapsed into poverty, Escaped poverty, Escaped near-poverty, Newly near-poor, Relapsed into "
            "near-poverty, First review)",
        },
        "rep_unknown_deprived": {
            "vi": "{file}: dòng {row}, cột {column}: '{value}' không phải tên các chỉ số thiếu hụt của chuẩn "
            "{ruleset}, cách nhau bởi dấu phẩy",
            "en": "{file}: row {row}, column {column}: '{value}' is not a list of the indicators of {ruleset}, "
            "separated by commas",
        },
        "rep_unknown_day": {
            "vi": "{file}: dòng {row}, cột {column}: '{value}' không phải một ngày (dd/mm/yyyy)",
            "en": "{file}: row {row}, column {column}: '{value}' is not a date (dd/mm/yyyy or yyyy-mm-dd)",
        },
    }
)
#: The columns ``review`` adds to a result (docs/review.md) as its workbook (``-o x.xlsx``) heads them in
#: the run's language, beside the result columns' (results/labels.py), and as ``report`` reads them back.
REVIEW_RESULT_HEADERS = {
    "previous_status": LIST_FILE_HEADERS["previous_status"],
    "start_status": {"vi": "Phân loại đầu kỳ", "en": "Status at the start"},
    "recognized_on": LIST_FILE_HEADERS["recognized_on"],
    "review_date": {"vi": "Ngày rà soát", "en": "Review date"},
    # d6
    "start_village": {"vi": "Thôn đầu kỳ", "en": "Village at the start"},
}

# d1
MESSAGES.update(
    {
        # explain --commune that still matches several rows of the code (cli/explain.py)
        "e_commune_several_codes": {
            "vi": "{file}: --commune {commune!r} ứng với {n} xã có Mã hộ {id!r} ({communes}): hãy ghi cả mã tỉnh "
            "và mã xã, ví dụ --commune {example}",
            "en": "{file}: --commune {commune!r} matches {n} communes that use household_id {id!r} ({communes}): "
            "give the province code with the commune code, e.g. --commune {example}",
        },
        # poverty-rules test: an expected status that is no status (scenarios.py)
        "case_unknown_status": {
            "vi": "expect: {key} '{value}' không phải một phân loại; các phân loại: {known}",
            "en": "expect: {key} '{value}' is no status; the statuses: {known}",
        },
        "e_commune_several_names": {
            "vi": "{file}: --commune {commune!r} ứng với {n} xã có Mã hộ {id!r} ({communes}) mà tên không phân biệt "
            "được; hãy thêm cột Mã tỉnh, Mã xã vào tệp rồi chọn xã bằng mã của xã",
            "en": "{file}: --commune {commune!r} matches {n} communes that use household_id {id!r} ({communes}) "
            "and their names do not tell them apart; add the Mã tỉnh and Mã xã (province_code, commune_code) "
            "columns to the file and choose the commune by its code",
        },
    }
)

#: d6: giving a commune recorded by name its codes (``history recode``, docs/review.md).
MESSAGES.update(
    {
        "h_recoded": {
            "vi": "{db}: xã {names} từ nay được ghi theo mã {code} ({reviews} lần rà soát); các lần rà soát tệp có "
            "cột Mã tỉnh, Mã xã nối tiếp lịch sử của xã",
            "en": "{db}: commune {names} is now recorded under the code {code} ({reviews:review|reviews}); reviews of "
            "files with code columns continue its history",
        },
        "h_recode_none": {
            "vi": "{db}: không có xã {commune} được ghi theo tên (không có mã); các xã đã ghi: {names}",
            "en": "{db}: no commune {commune} recorded by name (without codes); communes on record: {names}",
        },
        "h_recode_taken": {
            "vi": "{db}: mã {code} đã có lịch sử ({names}); không thể gộp hai lịch sử",
            "en": "{db}: the code {code} already has a history ({names}); two histories cannot be merged",
        },
        "h_recode_twice": {
            "vi": "{db}: {names} được ghi trong cùng một lần rà soát ({ids}) như hai xã; hãy nêu --commune đúng "
            "như một trong các tên đó",
            "en": "{db}: {names} are recorded in the same review ({ids}) as two communes; give --commune exactly "
            "as one of those names",
        },
        # r2
        "h_recode_provinces": {
            "vi": "{db}: có {count} xã tên {commune} được ghi theo tên, ở các tỉnh khác nhau ({names}): hai lịch "
            "sử không thể gộp dưới một mã; hãy nêu --province là một trong các tỉnh đó",
            "en": "{db}: {count} communes named {commune} are recorded by name, in different provinces ({names}): "
            "two histories cannot be merged under one code; give --province, one of those provinces",
        },
        "h_recode_no_province": {
            "vi": "{db}: không có xã {commune} của {province} được ghi theo tên (không có mã); xã {commune} đã ghi "
            "ở: {names}",
            "en": "{db}: no commune {commune} of {province} recorded by name (without codes); {commune} is "
            "recorded in: {names}",
        },
    }
)


# d5
#: A household record's field that is not what it should be (``pr.Household(...)``), by pydantic's error type:
#: ``{where}`` the field, ``{got}`` the value given; "other" for a type not listed.
RECORD_ERROR = {
    "missing": {"vi": "{where}: thiếu trường bắt buộc này", "en": "{where}: this field is required"},
    "literal_error": {
        "vi": "{where}: phải là một trong {expected}, nhận được {got}",
        "en": "{where}: expected one of {expected}, got {got}",
    },
    "enum": {
        "vi": "{where}: phải là một trong {expected}, nhận được {got}",
        "en": "{where}: expected one of {expected}, got {got}",
    },
    "string_type": {"vi": "{where}: phải là văn bản, nhận được {got}", "en": "{where}: expected a text, got {got}"},
    "float_type": {"vi": "{where}: phải là số, nhận được {got}", "en": "{where}: expected a number, got {got}"},
    "float_parsing": {"vi": "{where}: phải là số, nhận được {got}", "en": "{where}: expected a number, got {got}"},
    "int_type": {
        "vi": "{where}: phải là số nguyên, nhận được {got}",
        "en": "{where}: expected a whole number, got {got}",
    },
    "int_parsing": {
        "vi": "{where}: phải là số nguyên, nhận được {got}",
        "en": "{where}: expected a whole number, got {got}",
    },
    "int_from_float": {
        "vi": "{where}: phải là số nguyên, nhận được {got}",
        "en": "{where}: expected a whole number, got {got}",
    },
    "bool_type": {
        "vi": "{where}: phải là {flags} hoặc để trống (chưa rõ), nhận được {got}",
        "en": "{where}: expected {flags} or empty (unknown), got {got}",
    },
    "bool_parsing": {
        "vi": "{where}: phải là {flags} hoặc để trống (chưa rõ), nhận được {got}",
        "en": "{where}: expected {flags} or empty (unknown), got {got}",
    },
    "date_type": {
        "vi": "{where}: phải là ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY, nhận được {got}",
        "en": "{where}: expected a date as YYYY-MM-DD or DD/MM/YYYY, got {got}",
    },
    "date_parsing": {
        "vi": "{where}: phải là ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY, nhận được {got}",
        "en": "{where}: expected a date as YYYY-MM-DD or DD/MM/YYYY, got {got}",
    },
    "date_from_datetime_parsing": {
        "vi": "{where}: phải là ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY, nhận được {got}",
        "en": "{where}: expected a date as YYYY-MM-DD or DD/MM/YYYY, got {got}",
    },
    "string_too_short": {"vi": "{where}: không được để trống", "en": "{where}: must not be empty"},
    "greater_than_equal": {
        "vi": "{where}: phải lớn hơn hoặc bằng {ge}, nhận được {got}",
        "en": "{where}: expected at least {ge}, got {got}",
    },
    "greater_than": {
        "vi": "{where}: phải lớn hơn {gt}, nhận được {got}",
        "en": "{where}: expected more than {gt}, got {got}",
    },
    "dict_type": {
        "vi": "{where}: phải là một bảng tên: giá trị (dict), nhận được {got}",
        "en": "{where}: expected a mapping of names to values (a dict), got {got}",
    },
    "model_type": {
        "vi": "{where}: phải là một bảng tên: giá trị (dict), nhận được {got}",
        "en": "{where}: expected a mapping of names to values (a dict), got {got}",
    },
    "list_type": {"vi": "{where}: phải là một danh sách, nhận được {got}", "en": "{where}: expected a list, got {got}"},
    "extra_forbidden": {
        "vi": "{where}: không phải trường của thành viên (xem docs/members.md)",
        "en": "{where}: not a field of a member (see docs/members.md)",
    },
    "other": {"vi": "{where}: giá trị không hợp lệ ({message})", "en": "{where}: {message}"},
    # p2
    "json_invalid": {
        "vi": "{where}: không phải văn bản JSON đọc được ({message})",
        "en": "{where}: not a readable JSON text ({message})",
    },
}

# g4
MESSAGES.update(
    {
        "rs_dropped_silently": {
            "vi": "{section}.{id} của chuẩn trước ({before}) không có trong chuẩn này mà cũng không được khai báo: "
            "một mục bị bỏ không một lời thì người đọc không biết đó là luật bãi bỏ hay người viết quên; hãy thêm "
            "vào not_defined: `- id: {id}` với note (vi, en), reference (văn bản bỏ nó) và confidence",
            "en": "{section}.{id} of the standard before ({before}) is not in this standard and is not declared: "
            "dropped without a word, a reader cannot tell a repeal of the law from an entry forgotten; add under "
            "not_defined: `- id: {id}` with a note (vi, en), the reference (the instrument that drops it) and its "
            "confidence",
        },
        "rs_dropped_uncited": {
            "vi": "not_defined.{id}: {id} của chuẩn trước ({before}) bị bỏ ở đây nhưng không dẫn văn bản: thêm "
            "`reference:`",
            "en": "not_defined.{id}: {id} of the standard before ({before}) is dropped here without citing the "
            "instrument: add `reference:`",
        },
        "case_cases_unusable": {
            "vi": "; {n} tình huống không chạy được (lỗi ở trên)",
            "en": "; {n:case|cases} could not be run (errors above)",
        },
        "case_no_programme": {
            "vi": "tình huống '{case}': programme: {name} không phải chương trình hỗ trợ của {ruleset}; các chương "
            "trình của nó: {known}",
            "en": "case '{case}': programme: {name} is not a support programme of {ruleset}; its programmes: {known}",
        },
        "rs_local_same_label": {
            "vi": "{file} và {other} cùng ghi mã và phiên bản {label} nhưng là hai chuẩn khác nhau ({what}): kết quả "
            "và lịch sử rà soát của hai chuẩn sẽ mang cùng một nhãn, không ai phân biệt được chuẩn nào đã phân loại "
            "hộ; hãy đặt cho một tệp một version: (hoặc id:) riêng",
            "en": "{file} and {other} both state the id and version {label} but are two different standards "
            "({what}): their results and review histories would bear one label, and no one could tell which "
            "standard classified a household; give one file a version: (or id:) of its own",
        },
        "rs_class_lost": {
            "vi": "{file}: theo {id}, không hộ {area} nào được xếp '{status}': {why}. Hộ thuộc nhóm này theo "
            "chuẩn quốc gia được phân loại theo các chuẩn của {id}; kết quả theo chuẩn quốc gia ({base}) vẫn giữ nhóm "
            "'{status}' (chuẩn địa phương là một phân loại riêng bên cạnh, docs/standard.md §1).",
            "en": "{file}: under {id} no {area} household is classed '{status}': {why}. Households of that class "
            "under the national standard are classified by {id}'s own lines; the national result ({base}) keeps "
            "that class (a local standard is a classification of its own beside it, docs/standard.md §1).",
        },
        "rs_class_lines_empty": {
            "vi": "các chuẩn mà quy tắc của nhóm này so thu nhập ({lines}) không để khoảng thu nhập nào giữa chúng",
            "en": "the lines its rules for that class compare income with ({lines}) leave no income between them",
        },
        "rs_defined_and_not": {
            "vi": "not_defined.{id}: {id} là một mục của {section} trong chính chuẩn này (dòng {at}): một chuẩn không "
            "thể vừa quy định vừa nói là không quy định nó; hãy bỏ một trong hai",
            "en": "not_defined.{id}: {id} is one of this standard's {section} (line {at}): a standard cannot both "
            "define it and say it is not defined; drop one of the two",
        },
        "case_expect_not_defined": {
            "vi": "expect: '{key}': {ruleset} không quy định mục này ({note}); chỉ mong đợi nó ở chuẩn có quy định",
            "en": "expect: '{key}': {ruleset} does not define it ({note}); expect it only of a standard that does",
        },
        "rs_class_none": {
            "vi": "bảng phân loại của nó không có nhóm {status}",
            "en": "its class table has no {status} class",
        },
        # k6
        "rv_twin_communes": {
            "vi": "{file}: {communes} là cùng một tên (không kể chữ hoa, dấu, khoảng trắng và chữ Xã / "
            "Phường){coded}, nhưng được rà soát là {n} xã, mỗi xã có các hộ và lịch sử riêng: một xã gửi hai lần "
            "(hai trang hay hai tệp ghép lại) thì các hộ của xã được tính hai lần, và mã hộ trùng giữa hai cách ghi "
            "không bị loại. Nếu là một xã, hãy ghi tên xã một cách (và Mã xã trên mọi dòng), bỏ các dòng gửi lặp rồi "
            "chạy lại với --replace; nếu là các xã khác nhau, không cần làm gì",
            "en": "{file}: {communes} are one name (letter case, accents, spaces and the word Xã / Phường "
            "aside){coded}, but are reviewed as {n} communes, each with its own households and history: a commune "
            "sent twice (two sheets or files joined) counts its households twice, and a code used under both "
            "spellings is not rejected. If they are one commune, write its name one way (and its Mã xã on every "
            "row), drop the rows sent twice and run the review again with --replace; if they are different "
            "communes, nothing is to be done",
        },
        "rv_twin_coded": {
            "vi": ", một cách ghi có Mã xã, cách kia không",
            "en": ", one written with its Mã xã, the other without",
        },
    }
)

# k1
MESSAGES.update(
    {
        "n_size_not_persons": {
            "vi": "{file}: {count} hộ có số nhân khẩu (cột {column}) không phải số người: {cells}; các báo cáo "
            "(report, cả report --db sau khi rà soát) tính số nhân khẩu từ cột này và sẽ từ chối tệp cho đến khi "
            "sửa: hãy sửa các ô đó trong tệp hộ rồi chạy lại (rà soát: với --replace)",
            "en": "{file}: {count:household|households} with a household size (column {column}) that is no "
            "number of persons: {cells}; the reports (report, and report --db after a review) count persons "
            "from it and refuse the file until it is corrected: correct those cells in the household file and "
            "run again (a review: with --replace)",
        },
        "n_size_cell": {"vi": "dòng {row} ('{value}')", "en": "row {row} ('{value}')"},
        "r_change_reason": {
            "vi": "phải là một lý do biến động: chuyển đến, chuyển đi, chết, tách hộ, nhập hộ (moved_in, moved_out, "
            "died, split, merged), hoặc để trống",
            "en": "must be a change reason: moved_in, moved_out, died, split, merged (chuyển đến, chuyển đi, chết, "
            "tách hộ, nhập hộ), or empty",
        },
        "classify_no_rows": {
            "vi": "{file}: tệp chỉ có dòng tiêu đề, không có dòng hộ nào để phân loại (có phải đã xuất nhầm trang tính "
            "hay tệp?); không ghi tệp nào",
            "en": "{file}: the file has its header row but no household rows to classify (was the wrong sheet or file "
            "exported?); no file written",
        },
    }
)

# k1
#: The commands' arguments on the usage line, in help texts and in click's errors ('Thiếu đối số …'), in each
#: language, by the argument's name (cli/_base.py ``_worded_arguments``); an optional argument in brackets,
#: one of many with its dots, as click writes them.
ARGUMENTS: dict[str, dict[str, str]] = {
    "households": {"vi": "TỆP_HỘ", "en": "HOUSEHOLDS"},
    "household_id": {"vi": "MÃ_HỘ", "en": "HOUSEHOLD_ID"},
    "reviewed": {"vi": "[TỆP_ĐÃ_RÀ_SOÁT]", "en": "[REVIEWED]"},
    "lists": {"vi": "TỆP_DANH_SÁCH", "en": "LISTS"},
    "review_id": {"vi": "SỐ_LẦN_RÀ_SOÁT", "en": "REVIEW_ID"},
    "name": {"vi": "MÃ|TỆP", "en": "ID|PATH"},  # rulesets show
    "path": {"vi": "ĐƯỜNG_DẪN", "en": "PATH"},  # rulesets check
    "files": {"vi": "TỆP...", "en": "FILES..."},  # test
}

# l1
MESSAGES.update(
    {
        "h_empty_new": {
            "vi": "{db}: tệp lịch sử rỗng (0 byte), không ghi lần rà soát nào: có phải một bản sao chưa chép xong? "
            "Ghi vào đó sẽ bắt đầu một lịch sử mới, mất tình trạng của mọi lần rà soát trước. Hãy dùng tệp lịch sử "
            "đã ghi các lần rà soát; muốn bắt đầu lịch sử mới thì xóa tệp này hoặc ghi --db một tệp chưa có; tệp "
            "này giữ nguyên, không ghi tệp nào",
            "en": "{db}: the history file is empty (0 bytes) and records no review: a copy cut short? Writing to it "
            "would start a new history, every earlier review's status lost. Use the history file the reviews were "
            "recorded in; to start a new history, delete this file or give --db a file that does not exist yet; "
            "the file is left as it is, no file written",
        },
        "cl_twin_communes": {
            "vi": "{file}: {communes} là cùng một tên (không kể chữ hoa, dấu, khoảng trắng và chữ Xã / "
            "Phường){coded}, nhưng được phân loại là {n} xã: một xã gửi hai lần (hai trang hay hai tệp ghép lại) "
            "thì các hộ của xã được tính hai lần, cả trong báo cáo, và mã hộ trùng giữa hai cách ghi không bị loại. "
            "Nếu là một xã, hãy ghi tên xã một cách (và Mã xã trên mọi dòng), bỏ các dòng gửi lặp rồi chạy lại; "
            "nếu là các xã khác nhau, không cần làm gì",
            "en": "{file}: {communes} are one name (letter case, accents, spaces and the word Xã / Phường "
            "aside){coded}, but are classified as {n} communes: a commune sent twice (two sheets or files joined) "
            "counts its households twice, in the reports too, and a code used under both spellings is not "
            "rejected. If they are one commune, write its name one way (and its Mã xã on every row), drop the "
            "rows sent twice and run again; if they are different communes, nothing is to be done",
        },
    }
)

# m6
#: The Vietnamese header of each column a lists file (history import) cannot go without, as the lists' forms and
#: ``history import --help`` name it: a refusal names it beside the column's id, in either language.
LIST_REQUIRED_LABEL = {"household_id": "Mã hộ", "status": "Tình trạng"}

# m2
MESSAGES.update(
    {
        "sheets_many_lists": {
            "vi": "{file}: {count} trang tính đều là danh sách hộ ({sheets}): đọc một trang thì các hộ ở trang khác sẽ "
            "bị bỏ sót. Hãy đọc mọi trang thành một danh sách bằng --sheet all, hoặc chép các danh sách vào một trang "
            "(rà soát cuối năm cần mọi hộ của xã trong một lần chạy), hoặc chọn một trang bằng --sheet (ví dụ --sheet "
            "'{first}'); không ghi tệp nào",
            "en": "{file}: {count} sheets are household lists ({sheets}): reading one would leave out the households "
            "of the others. Read every sheet as one list with --sheet all, or copy the lists onto one sheet (a "
            "year-end review takes all the commune's households in one run), or choose one sheet with --sheet (e.g. "
            "--sheet '{first}'); no file written",
        },
        "markup_file": {
            "vi": "{file}: là {kind}, không phải bảng tính hay tệp văn bản chương trình đọc được (.xlsx, .xlsm, .xls, "
            ".ods, CSV, Parquet): hãy mở tệp bằng Excel rồi lưu lại dưới dạng Excel Workbook (.xlsx) hoặc CSV UTF-8",
            "en": "{file}: is {kind}, not a workbook or text file this program reads (.xlsx, .xlsm, .xls, .ods, "
            "CSV, Parquet): open it in Excel and save it as Excel Workbook (.xlsx) or CSV UTF-8",
        },
        "markup_html": {
            "vi": "một trang web (HTML, như các phần mềm xuất ra với tên .xls)",
            "en": "a web page (HTML, as programs export one named .xls)",
        },
        "markup_xml2003": {
            "vi": "một bảng tính XML của Excel 2003 (XML Spreadsheet 2003)",
            "en": "an Excel 2003 XML spreadsheet (XML Spreadsheet 2003)",
        },
        "markup_xml": {"vi": "một tệp XML", "en": "an XML file"},
        "r_date_serial": {
            "vi": "phải là ngày, ví dụ 20/12/2024; số này là cách Excel lưu ngày {day} khi ô không định dạng ngày: "
            "hãy định dạng cột là ngày (dd/mm/yyyy), kiểm tra rồi lưu lại",
            "en": "must be a date such as 20/12/2024; this number is how Excel stores the day {day} in a cell not "
            "formatted as a date: format the column as a date (dd/mm/yyyy), check it and save again",
        },
    }
)

# r3
MESSAGES.update(
    {
        "rv_local_refused": {
            "vi": "{db}: không rà soát theo chuẩn địa phương {ruleset} một mình: lịch sử rà soát là của xã và giữ "
            "kết quả theo chuẩn quốc gia (chương trình, báo cáo quốc gia và 'eligible --db', 'report --db' dùng kết "
            "quả đó; lần rà soát sau so sánh với nó), chuẩn địa phương không thay thế kết quả theo chuẩn quốc gia. "
            "Hãy chạy lại với {option} thay cho --ruleset {name}: lịch sử ghi kết quả quốc gia và phân loại theo "
            "chuẩn địa phương bên cạnh (cột local_status); không ghi gì",
            "en": "{db}: no review under the local standard {ruleset} alone: the review history is the commune's and "
            "keeps the national result (national programmes and reports, 'eligible --db' and 'report --db' use it; "
            "the next review compares with it), and a local standard never replaces the national result. Run it "
            "again with {option} instead of --ruleset {name}: the history records the national result with the "
            "local classification beside it (column local_status); nothing written",
        },
        "l_no_such_day": {
            "vi": "cột {name}: {rows}: {value!r} không phải một ngày có trong lịch (đọc là ngày {day}, tháng {month}, "
            "năm {year})",
            "en": "column {name}, {rows}: {value!r} is not a day of the calendar (read as day {day}, month {month}, "
            "year {year})",
        },
        "rv_same_year_later": {
            "vi": "{db}: {scope} đã được rà soát ngày {days} (lần {ids}), sau ngày rà soát này, cùng năm {year}: "
            "rà soát cuối năm mỗi năm một lần. Nếu ngày đó bị ghi nhầm, hãy xóa lần đó ('poverty-rules history undo "
            "{first_id} --db {db}'); nếu rà soát lại lần đó với --replace, nó sẽ so các hộ với lần rà soát này "
            "(không có biến động, không hộ nào thoát nghèo ngày đó)",
            "en": "{db}: {scope} was already reviewed on {days} (review {ids}), after this review's date, in the same "
            "year {year}: the year-end review is yearly. If that date was a mistake, remove that review "
            "('poverty-rules history undo {first_id} --db {db}'); run again with --replace, it would compare its "
            "households with this review (no movement, no escape recognized that day)",
        },
        "rv_local_refused_library": {
            "vi": "run_review: không rà soát theo chuẩn địa phương {ruleset} một mình: lịch sử rà soát của xã giữ kết "
            "quả theo chuẩn quốc gia, chuẩn địa phương không thay thế kết quả đó. Hãy truyền chuẩn quốc gia làm "
            "ruleset và local='{name}': lịch sử ghi kết quả quốc gia và phân loại theo chuẩn địa phương bên cạnh",
            "en": "run_review: no review under the local standard {ruleset} alone: the commune's review history keeps "
            "the national result, which a local standard never replaces. Pass the national standard as ruleset and "
            "local='{name}': the history records the national result with the local classification beside it",
        },
        "rv_review_ref": {"vi": "{day}, lần {id}", "en": "{day}, review {id}"},
        "rv_after_local_alone": {
            "vi": "{db}: lần rà soát trước của {scope} ({reviews}) đã ghi phân loại theo chuẩn địa phương {ruleset} "
            "(rà soát với --ruleset), không theo chuẩn quốc gia: lần rà soát này so các hộ với các phân loại đó "
            "(biến động, thời hạn hưởng chính sách giữa hai chuẩn). Hãy rà soát lại lần đó theo chuẩn quốc gia (kèm "
            "--local nếu cần) với --replace, rồi chạy lại lần này với --replace",
            "en": "{db}: the last review of {scope} ({reviews}) recorded the statuses of the local standard {ruleset} "
            "(a review with --ruleset), not the national ones: this review compares its households with them "
            "(movements and support windows across two standards). Run that review again under the national "
            "standard (with --local if wanted) with --replace, then this one again with --replace",
        },
        "rv_escape_days_differ": {
            "vi": "{file}: {count} hộ có ngày thoát nghèo (escaped_on) khác ngày công nhận thoát nghèo lịch sử đã ghi "
            "({pairs}: ngày trong tệp ≠ ngày đã ghi): thời hạn hưởng chính sách tính từ ngày đã ghi; nếu ngày đã "
            "ghi sai, hãy sửa lần rà soát đã ghi ngày đó",
            "en": "{file}: {count:household gives|households give} an escaped_on other than the escape from poverty "
            "the history recorded ({pairs}: the file's day ≠ the recorded day): the support window counts from the "
            "recorded day; if it is wrong, correct the review recorded on it",
        },
    }
)

# r7
MESSAGES.update(
    {
        "sheet_too_large": {
            "vi": "{file}: ô {cells} có giá trị, rất xa danh sách: trang tính trải đến {rows} dòng × {columns} cột, "
            "quá lớn để đọc (tối đa {limit} ô). Hãy xóa các ô thừa đó (trong Excel, Ctrl+End đưa đến ô cuối cùng "
            "có dữ liệu) hoặc chép danh sách sang một trang tính mới, lưu lại rồi chạy lại",
            "en": "{file}: cell {cells} holds a value far from the list: the sheet spans {rows} rows × {columns} "
            "columns, too large to read (at most {limit} cells). Delete those stray cells (in Excel, Ctrl+End goes "
            "to the last cell holding data) or copy the list to a new sheet, save it and run again",
        },
    }
)


# r2
#: How ``rulesets show`` and ``diff`` read a rule aloud (rules/diff.py ``worded``): the member aggregates, the
#: membership test and the household and member fields a ``deprived_when`` reads (rules/fields.py).
RULE_READING = {
    "any": {"vi": "có thành viên mà {cond}", "en": "some member with {cond}"},
    "all": {"vi": "mọi thành viên đều {cond}", "en": "every member with {cond}"},
    "count": {"vi": "số thành viên", "en": "the number of members"},
    "persons": {"vi": "số nhân khẩu", "en": "the number of persons"},
    "count_if": {"vi": "số thành viên mà {cond}", "en": "the number of members with {cond}"},
    "sum": {"vi": "tổng {expr} của các thành viên", "en": "the sum over members of {expr}"},
    "in": {"vi": "là một trong", "en": "is one of"},
    "not_in": {"vi": "không là một trong", "en": "is none of"},
    "not_flag": {"vi": "không", "en": "not"},
}
RULE_FIELD = {
    "status": {"vi": "phân loại", "en": "status"},
    "floor_area": {"vi": "diện tích nhà ở", "en": "floor area"},
    "members_count": {"vi": "số thành viên ghi trên phiếu", "en": "members on the form"},
    "wall_durable": {"vi": "tường bền chắc", "en": "durable walls"},
    "frame_durable": {"vi": "khung, cột bền chắc", "en": "durable frame"},
    "roof_durable": {"vi": "mái bền chắc", "en": "durable roof"},
    "safe_water": {"vi": "có nguồn nước an toàn", "en": "safe water"},
    "hygienic_latrine": {"vi": "dùng nhà tiêu hợp vệ sinh", "en": "hygienic latrine"},
    "internet_use": {"vi": "có người dùng internet", "en": "internet use"},
    "phone_subscription": {"vi": "có thuê bao điện thoại", "en": "phone subscription"},
    "has_info_device": {"vi": "có phương tiện tiếp cận thông tin", "en": "an information device"},
    "has_tv_radio_computer": {"vi": "có ti vi, radio hoặc máy tính", "en": "a TV, radio or computer"},
    "hears_loudspeaker": {"vi": "nghe được loa truyền thanh", "en": "hears the loudspeaker"},
    "waste_collected": {"vi": "rác được thu gom", "en": "waste collected"},
    "digital_services_use": {"vi": "có dùng dịch vụ số", "en": "digital services use"},
    "member.age": {"vi": "tuổi", "en": "age"},
    "member.sex": {"vi": "giới tính", "en": "sex"},
    "member.working_age": {"vi": "trong độ tuổi lao động", "en": "of working age"},
    "member.employment": {"vi": "tình trạng việc làm", "en": "employment"},
    "member.wage_without_contract": {"vi": "làm công không có hợp đồng", "en": "wage work without a contract"},
    "member.labour_capacity": {"vi": "có khả năng lao động", "en": "labour capacity"},
    "member.disabled": {"vi": "khuyết tật", "en": "disabled"},
    "member.monthly_social_allowance": {"vi": "hưởng trợ cấp xã hội hằng tháng", "en": "a monthly allowance"},
    "member.has_social_insurance": {"vi": "có bảo hiểm xã hội", "en": "social insurance"},
    "member.has_health_insurance": {"vi": "có bảo hiểm y tế", "en": "health insurance"},
    "member.stunted": {"vi": "suy dinh dưỡng thấp còi", "en": "stunted"},
    "member.underweight": {"vi": "suy dinh dưỡng nhẹ cân", "en": "underweight"},
    "member.highest_qualification": {"vi": "trình độ cao nhất", "en": "highest qualification"},
    "member.in_education": {"vi": "đang đi học", "en": "in education"},
    "member.attending_right_level": {"vi": "đi học đúng bậc, cấp", "en": "at the right school level"},
    "member.sick_untreated": {"vi": "ốm không được chữa", "en": "sick and untreated"},
}

# t1 (session 21): the officer's own spreadsheets and CSVs
MESSAGES.update(
    {
        "hidden_rows": {
            "vi": "{file}: {count} dòng đang bị ẩn hoặc bị lọc đi trên trang tính ({rows}) vẫn được phân loại như các "
            "dòng khác, vì đó là dữ liệu của tệp. Nếu chỉ muốn phân loại các dòng đang hiện (ví dụ một thôn), hãy "
            "chép các dòng đó sang một tệp mới rồi chạy lại",
            "en": "{file}: {count:row is|rows are} hidden or filtered out in the sheet ({rows}) and classified like "
            "the others, being the file's data. To classify only the rows shown (one village, say), copy them to a "
            "new file and run again",
        },
        "n_village_blank": {
            "vi": "{file}: cột {column}: {count} hộ không ghi thôn ({rows}) trong khi các hộ khác có ghi (thường do ô "
            "thôn được gộp cho các hộ của thôn trên biểu rồi chép hoặc lưu ra CSV: chỉ dòng đầu còn tên thôn). Trong "
            "báo cáo, các hộ này được tính vào một thôn không tên ('—'); hãy ghi tên thôn cho từng hộ rồi chạy lại",
            "en": "{file}: column {column}: {count:household has|households have} no village ({rows}) while the "
            "others have one (often a village cell merged over its households on a form, then copied or saved as "
            "CSV: only the first row keeps the name). The reports count these households under a village with no "
            "name ('—'); write the village on each row and run again",
        },
    }
)

# t2
MESSAGES.update(
    {
        "hh_age_yes_no": {
            "vi": "age: phải là số tuổi (số năm tròn), nhận được giá trị có/không {value}",
            "en": "age: expected a number of years, got the yes/no value {value}",
        },
        "hh_birth_year_yes_no": {
            "vi": "birth_year: phải là năm sinh bốn chữ số, nhận được giá trị có/không {value}",
            "en": "birth_year: expected a year of four digits, got the yes/no value {value}",
        },
        "n_members_not_read": {
            "vi": "{file}: chuẩn {ruleset} không suy ra chỉ số nào từ danh sách thành viên: tệp thành viên không được "
            "đọc (cũng không được kiểm tra), các chỉ số lấy theo tệp hộ",
            "en": "{file}: the standard {ruleset} derives no indicator from a members list: the members file was not "
            "read (nor checked), the marks are the household file's",
        },
    }
)

#: A record's field above its most (a member's year of birth of five digits), worded as the least is.
RECORD_ERROR["less_than_equal"] = {
    "vi": "{where}: phải nhỏ hơn hoặc bằng {le}, nhận được {got}",
    "en": "{where}: expected at most {le}, got {got}",
}
#: The command line's notes and refusals added in session 21 (T4: cli/, messages in both languages).
MESSAGES.update(
    {
        "rep_csv_k_unused": {
            "vi": "--k: tệp af.csv luôn ghi chỉ số Alkire–Foster ở mọi ngưỡng k, nên tùy chọn này không dùng đến; "
            "ngưỡng k dùng cho trang Chỉ số AF của sổ tính Excel (-o {file}) và cho trang HTML",
            "en": "--k: af.csv always holds the Alkire–Foster measures at every cutoff k: not used; the cutoff is "
            "the one of the workbook's AF sheet (-o {file}) and of the HTML page",
        },
        "interrupted_no_history": {
            "vi": "đã dừng theo yêu cầu (Ctrl-C hoặc tín hiệu dừng) trước khi xong: không tệp nào bị ghi dở; hãy "
            "chạy lại lệnh",
            "en": "stopped on request (Ctrl-C or a stop signal) before the end: no file was left half-written; run "
            "the command again",
        },
        "range_from": {"vi": "từ {low} trở lên", "en": "{low} or more"},
        "range_to": {"vi": "từ {high} trở xuống", "en": "{high} or less"},
        "range_between": {"vi": "từ {low} đến {high}", "en": "{low} to {high}"},
        "replaced_columns_table": {
            "vi": "{file}: {columns} có trong bảng dữ liệu đưa vào và được thay bằng kết quả lần chạy này",
            "en": "{file}: {columns} of the table given replaced by this run's",
        },
    }
)

#: The input layer's messages added in session 22 (U1: data/read.py, data/normalize.py, vocabulary/).
MESSAGES.update(
    {
        "utf8_row": {
            "vi": "{file}: dòng {row}, cột {column}: ô '{value}' được lưu theo UTF-8 (đúng ra là '{utf8}'), còn các "
            "dòng khác theo bảng mã {encoding}, nên đọc theo {encoding} thì chữ của ô đó bị sai. Có lẽ dòng này được "
            "dán từ một tệp khác. Hãy gõ lại các ô của dòng đó (Excel cũng hiện chúng thành chữ sai), lưu lại dưới "
            "dạng 'CSV UTF-8' rồi chạy lại",
            "en": "{file}: row {row}, column {column}: the cell '{value}' is saved in UTF-8 (it reads '{utf8}'), the "
            "other rows in the {encoding} encoding: read as {encoding}, its letters are garbled. The row was "
            "probably pasted from another file. Retype that row's cells (Excel shows them garbled too), save the "
            "file as 'CSV UTF-8' and run again",
        },
        "r_date_short_year": {
            "vi": "năm chỉ có hai chữ số nên không biết là năm nào: hãy ghi năm đủ bốn chữ số, ví dụ {example}",
            "en": "the year has two digits, so which year is unsure: write the year with four digits, e.g. {example}",
        },
        "r_date_month_first": {
            "vi": "là ngày ghi tháng trước ngày (tháng {month}, ngày {day}), như Google Sheets hay Excel cài đặt tiếng "
            "Anh ghi: hãy ghi ngày trước, ví dụ {example}",
            "en": "is a date written month first (month {month}, day {day}), as Google Sheets or Excel in English "
            "settings write one: write the day first, e.g. {example}",
        },
        "n_month_first": {
            "vi": "{file}: cột {column}: có ngày ghi tháng trước ngày (như 12/20/2024), các dòng đó bị loại; các ngày "
            "khác của cột được đọc theo kiểu ngày trước (ngày/tháng/năm), nên một ngày như 05/12/2024 có thể đã bị "
            "đọc sai (ngày 5 tháng 12 thay vì ngày 12 tháng 5). Hãy kiểm tra cột này; trong Google Sheets, đặt "
            "'Ngôn ngữ' của bảng tính là Việt Nam (Tệp > Cài đặt) rồi tải xuống lại",
            "en": "{file}: column {column}: some dates are written month first (as 12/20/2024); their rows are "
            "rejected. The column's other dates are read day first (day/month/year), so one such as 05/12/2024 may "
            "be misread (5 December, not 12 May). Check the column; in Google Sheets, set the spreadsheet's locale "
            "to Vietnam (File > Settings) and download it again",
        },
        "r_number_unit_word": {
            "vi": "số tiền có ghi đơn vị bằng chữ ('{unit}'): hãy ghi số đồng, ví dụ {example}",
            "en": "the amount gives its unit in words ('{unit}'): write it in đồng, e.g. {example}",
        },
        "r_number_unit_word_header": {
            "vi": "số tiền có ghi đơn vị bằng chữ ('{unit}'): hãy ghi số theo đơn vị ở tiêu đề cột, ví dụ {example}",
            "en": "the amount gives its unit in words ('{unit}'): write it in the unit the column's header gives, "
            "e.g. {example}",
        },
        "r_number_letter_o": {
            "vi": "có chữ O thay cho số 0: hãy gõ lại bằng số 0",
            "en": "holds the letter O where a zero should be: type it again with zeros",
        },
        "r_number_formula_error": {
            "vi": "là lỗi của công thức trong bảng tính, không phải số: hãy kiểm tra các ô mà công thức tính từ đó "
            "(#DIV/0! là chia cho ô trống hoặc bằng 0, ví dụ số nhân khẩu để trống) hoặc nhập số",
            "en": "is a spreadsheet formula's error, not a number: check the cells the formula works it out from "
            "(#DIV/0!: divided by an empty or zero cell, such as a blank number of persons) or type the number",
        },
    }
)
#: ``--members-sheet`` (session 22, U4): a members workbook's sheet chosen as ``--sheet`` chooses the household file's.
OPTION_HELP["members_sheet"] = (
    "Trang tính của tệp thành viên cần đọc, theo tên hoặc theo số thứ tự trong các trang đang hiện (khi bảng tính "
    "có danh sách thành viên ở nhiều trang). / Sheet of the members workbook to read, by name or by its number "
    "among the visible sheets (when the workbook holds members lists on several sheets)."
)
MESSAGES.update(
    {
        "members_sheet_not_workbook": {
            "vi": "{file}: không có trang tính '{sheet}': tệp này không phải bảng tính (--members-sheet chỉ dùng cho "
            "tệp .xlsx, .xlsm, .xls, .ods); bỏ --members-sheet để đọc cả tệp",
            "en": "{file}: no sheet '{sheet}': the file is not a workbook (--members-sheet is for .xlsx, .xlsm, "
            ".xls, .ods files); leave out --members-sheet to read the whole file",
        },
        "members_sheet_alone": {
            "vi": "--members-sheet {sheet}: chưa có tệp thành viên; hãy ghi thêm --members TỆP (trang tính "
            "chọn là trang của tệp đó)",
            "en": "--members-sheet {sheet}: no members file given; add --members FILE (the sheet chosen is one of "
            "that file)",
        },
    }
)
#: ``history show --commune`` (session 22, U4): one commune's (or a district's communes') households of a review.
OPTION_HELP["show_commune"] = (
    "Chỉ các hộ của xã này (tên hoặc mã xã); ghi nhiều lần để xem các xã của một huyện trong lịch sử của tỉnh. / "
    "Only this commune's households (its name or code); give it again for each commune of a district in a "
    "province's history."
)
MESSAGES.update(
    {
        "h_show_no_commune": {
            "vi": "{db}: lần rà soát {id} không có hộ nào của xã {communes}; xem các xã của từng lần rà soát bằng "
            "'poverty-rules history list --db {db}'",
            "en": "{db}: review {id} holds no household of {communes}; see each review's communes with "
            "'poverty-rules history list --db {db}'",
        },
    }
)
#: A date refused day first that reads month first (12/20/2024): saved by Excel with US settings (session 22, U4).
MESSAGES.update(
    {
        "r_month_first": {
            "vi": "ô này chỉ đọc được nếu tháng viết trước ngày ({iso}), kiểu Mỹ: có lẽ tệp đã được Excel lưu với "
            "định dạng ngày tháng/ngày/năm, nên các ngày khác của tệp có ngày từ 12 trở xuống (như 03/12/2024) có "
            "thể đã bị đọc sai; hãy ghi mọi ngày theo kiểu ngày/tháng/năm (20/12/2024) hoặc 2024-12-20 rồi chạy lại",
            "en": "it reads as a date only month first ({iso}), as Excel writes dates with US settings: the file was "
            "likely saved so, and its other dates whose day is 12 or less (such as 03/12/2024) may have been read "
            "wrong; write every date day first (20/12/2024) or as 2024-12-20 and run again",
        },
    }
)
#: An escape recognized after the review date in the review's year (session 23, W2): its window has not begun on
#: the review date, so eligible_until is blank; said, not silent.
MESSAGES.update(
    {
        "n_escaped_after_review": {
            "vi": "{file}: cột {column}: có hộ có ngày công nhận thoát nghèo sau ngày rà soát {date} (nhưng trong "
            "năm rà soát): vào ngày rà soát thời hạn hỗ trợ của hộ đó chưa bắt đầu, nên cột eligible_until để "
            "trống. Hãy kiểm tra các ngày này (gõ nhầm?; 'poverty-rules explain' nói rõ từng hộ); nếu đúng, lập "
            "danh sách hộ được hỗ trợ bằng 'poverty-rules eligible' vào ngày công nhận hoặc sau đó",
            "en": "{file}: column {column}: some households' escapes from poverty are recognized after the review "
            "date {date} (in the review's year): on the review date their support windows have not begun, so "
            "eligible_until is left blank. Check these dates (mistyped? 'poverty-rules explain' says it of each "
            "household); if right, list the supported households with 'poverty-rules eligible' on the recognition "
            "day or later",
        },
    }
)
#: The eligible list's last day of support for a poor or near-poor household outside any window (session 23, W2):
#: it is supported while the status lasts, until a later review recognizes another (docs/reports.md).
UNTIL_NEXT_REVIEW: dict[str, str] = {"vi": "đến kỳ rà soát sau", "en": "until the next review"}
#: What a command cannot go without, said as an officer would ask for it when left out (session 23, W4): click
#: said only "Thiếu đối số 'B'" (rulesets diff) or "Thiếu tùy chọn '--date'". Keyed by the command as its help
#: (:data:`HELP`) names it and the argument's or option's name; ``{example}`` is the first example of its help.
MISSING: dict[str, dict[str, str]] = {
    "classify households": {
        "vi": "Thiếu tệp hộ cần phân loại (TỆP_HỘ): ghi tên tệp danh sách hộ ngay sau chữ classify, ví dụ: {example}",
        "en": "The households file to classify is missing (HOUSEHOLDS): write its name right after classify, "
        "for example: {example}",
    },
    "review households": {
        "vi": "Thiếu tệp hộ cần rà soát (TỆP_HỘ): ghi tên tệp danh sách hộ ngay sau chữ review, ví dụ: {example}",
        "en": "The households file to review is missing (HOUSEHOLDS): write its name right after review, "
        "for example: {example}",
    },
    "review review_date": {
        "vi": "Thiếu ngày rà soát (--date): ghi ngày của đợt rà soát, ngày/tháng/năm hoặc năm-tháng-ngày, "
        "ví dụ: {example}",
        "en": "The review date is missing (--date): give the day of the review, as DD/MM/YYYY or YYYY-MM-DD, "
        "for example: {example}",
    },
    "explain households": {
        "vi": "Thiếu tệp hộ và mã hộ cần giải thích (TỆP_HỘ MÃ_HỘ): ghi tên tệp danh sách hộ rồi mã của hộ như "
        "trong cột Mã hộ, ví dụ: {example}",
        "en": "The households file and the household to explain are missing (HOUSEHOLDS HOUSEHOLD_ID): write the "
        "file's name, then the household's code as in its household_id column, for example: {example}",
    },
    "explain household_id": {
        "vi": "Thiếu mã hộ cần giải thích (MÃ_HỘ): sau tên tệp {given}, ghi mã của hộ như trong cột Mã hộ, "
        "ví dụ: {example}",
        "en": "The household to explain is missing (HOUSEHOLD_ID): after the file's name {given}, write the "
        "household's code as in its household_id column, for example: {example}",
    },
    "eligible as_of": {
        "vi": "Thiếu ngày xét (--as-of): ghi ngày cần biết hộ nào còn được hưởng chính sách, ngày/tháng/năm hoặc "
        "năm-tháng-ngày, ví dụ: {example}",
        "en": "The date to check is missing (--as-of): give the day on which to see who still receives the "
        "policies, as DD/MM/YYYY or YYYY-MM-DD, for example: {example}",
    },
    "report output_name": {
        "vi": "Thiếu tệp báo cáo cần ghi (-o): ghi tên tệp báo cáo (.xlsx, .html) hoặc một thư mục cho các tệp "
        ".csv, ví dụ: {example}",
        "en": "The report file to write is missing (-o): give the report's file name (.xlsx, .html) or a folder for "
        ".csv files, for example: {example}",
    },
    "rulesets show name": {
        "vi": "Thiếu bộ quy tắc cần xem (MÃ|TỆP): ghi mã một chuẩn (xem các mã bằng 'poverty-rules rulesets "
        "list') hoặc tên một tệp .yaml, ví dụ: {example}",
        "en": "The ruleset to show is missing (ID|PATH): give a standard's id (see them with 'poverty-rules "
        "rulesets list') or a .yaml file's name, for example: {example}",
    },
    "rulesets check path": {
        "vi": "Thiếu tệp bộ quy tắc cần kiểm tra (ĐƯỜNG_DẪN): ghi tên tệp .yaml (hoặc mã một chuẩn địa phương), "
        "ví dụ: {example}",
        "en": "The ruleset file to check is missing (PATH): give the .yaml file's name (or a local standard's id), "
        "for example: {example}",
    },
    "rulesets diff old": {
        "vi": "Thiếu hai bộ quy tắc cần so sánh (A và B): ghi mã (hoặc tệp .yaml) của chuẩn cũ rồi của chuẩn mới; "
        "xem các mã bằng 'poverty-rules rulesets list'. Ví dụ: {example}",
        "en": "The two rulesets to compare are missing (A and B): give the old standard's id (or .yaml file), then "
        "the new one's; see the ids with 'poverty-rules rulesets list'. For example: {example}",
    },
    "rulesets diff new": {
        "vi": "Thiếu bộ quy tắc thứ hai (B) để so sánh với {given}: sau {given}, ghi mã (hoặc tệp .yaml) của chuẩn "
        "cần so sánh; xem các mã bằng 'poverty-rules rulesets list'. Ví dụ: {example}",
        "en": "The second ruleset (B) to compare {given} with is missing: after {given}, give the id (or .yaml "
        "file) of the standard to compare; see the ids with 'poverty-rules rulesets list'. For example: {example}",
    },
    "history import lists": {
        "vi": "Thiếu tệp danh sách hộ nghèo, cận nghèo cần nhập (TỆP_DANH_SÁCH): ghi tên tệp ngay sau chữ import, "
        "ví dụ: {example}",
        "en": "The lists file to import is missing (LISTS): write its name right after import, for example: {example}",
    },
    "history show review_id": {
        "vi": "Thiếu số lần rà soát cần xem (SỐ_LẦN_RÀ_SOÁT): ghi số của lần rà soát, xem các số bằng "
        "'poverty-rules history list --db <tệp lịch sử>'. Ví dụ: {example}",
        "en": "The review to show is missing (REVIEW_ID): give its number, see them with 'poverty-rules history "
        "list --db <history file>'. For example: {example}",
    },
    "history undo review_id": {
        "vi": "Thiếu số lần rà soát cần xóa (SỐ_LẦN_RÀ_SOÁT): ghi số của lần rà soát, xem các số bằng "
        "'poverty-rules history list --db <tệp lịch sử>'. Ví dụ: {example}",
        "en": "The review to undo is missing (REVIEW_ID): give its number, see them with 'poverty-rules history "
        "list --db <history file>'. For example: {example}",
    },
    "history recode commune": {
        "vi": "Thiếu xã cần gắn mã (--commune): ghi tên xã như đã ghi trong lịch sử, ví dụ: {example}",
        "en": "The commune to recode is missing (--commune): give its name as the history records it, "
        "for example: {example}",
    },
    "history recode commune_code": {
        "vi": "Thiếu mã xã cần gắn (--commune-code): ghi mã xã (5 chữ số), ví dụ: {example}",
        "en": "The commune code to give is missing (--commune-code): write the commune's code (5 digits), "
        "for example: {example}",
    },
    "test files": {
        "vi": "Thiếu tệp tình huống cần chạy (TỆP...): ghi một hay nhiều tệp tình huống .yaml, ví dụ: {example}",
        "en": "The scenario files to run are missing (FILES...): give one or more scenario .yaml files, "
        "for example: {example}",
    },
}
#: Statuses officers abbreviate that may be read two ways (session 23, W4): refused saying what each might mean
#: and what to write (vocabulary/statuses.py ``_AMBIGUOUS``), as ``TN`` and ``TCN`` are; they were refused only as
#: "must be a status".
MESSAGES.update(
    {
        "status_n": {
            "vi": "N có thể là nghèo, hoặc một chữ viết tắt khác (Không, No …), nên không đọc được: hãy viết nghèo "
            "(hoặc HN) cho hộ nghèo, cận nghèo (hoặc HCN) cho hộ cận nghèo, không nghèo cho hộ khác, hoặc để trống "
            "nếu chưa có tình trạng",
            "en": "N may be nghèo (poor) or another abbreviation (Không, No …), so it is not read: write nghèo (or HN) "
            "for a poor household, cận nghèo (or HCN) for a near-poor one, không nghèo for any other, or leave it "
            "empty when no status is recorded",
        },
        "status_cn": {
            "vi": "CN có thể là cận nghèo hoặc chưa nghèo, nên không đọc được: hãy viết cận nghèo (hoặc HCN) cho hộ "
            "cận nghèo, hoặc không nghèo cho hộ không thuộc danh sách",
            "en": "CN may be cận nghèo (near-poor) or chưa nghèo (not poor yet), so it is not read: write cận nghèo "
            "(or HCN) for a near-poor household, or không nghèo for one on neither list",
        },
        "status_kn": {
            "vi": "KN có thể là không nghèo hoặc khỏi nghèo (tức thoát nghèo), nên không đọc được: hãy viết không "
            "nghèo cho hộ không thuộc danh sách, hoặc thoát nghèo cho hộ đã thoát nghèo",
            "en": "KN may be không nghèo (not poor) or khỏi nghèo (out of poverty, that is thoát nghèo: escaped "
            "poverty), so it is not read: write không nghèo for a household on neither list, or thoát nghèo for one "
            "that escaped poverty",
        },
        "status_ngheo_bt": {
            "vi": "'nghèo BT' có thể là hộ nghèo thuộc diện bảo trợ xã hội, hoặc một ghi chú khác sau chữ nghèo, nên "
            "không đọc được: hãy viết nghèo cho hộ nghèo, và để ghi chú bảo trợ xã hội ở một cột khác",
            "en": "'nghèo BT' may be a poor household under social protection (bảo trợ xã hội), or another remark "
            "after the word nghèo, so it is not read: write nghèo for a poor household, and put the social "
            "protection remark in another column",
        },
    }
)
#: The review's note on codes that differ from the history's only by leading zeros, when the members file wrote
#: them as the history does (session 23, W4, review/yearly.py ``_members_folded``): one note, not two.
MESSAGES.update(
    {
        "rv_zero_pairs_members": {
            "vi": "{members}: mã các hộ đó được ghi như lịch sử ghi, không như tệp hộ, nên {count} dòng "
            "thành viên của chúng bị bỏ qua: các hộ đó được phân loại không có các thành viên này; ghi mã trong tệp "
            "hộ như lịch sử ghi thì các thành viên cũng được tính",
            "en": "{members}: those households' codes are written as the history has them, not as in the "
            "households file, so {count:member row of theirs was|member rows of theirs were} left out: those "
            "households were classified without them; with the codes in the households file written as the "
            "history has them, the members count too",
        },
    }
)
#: The same note when one household's code is so written (session 23): "those households" said of one.
MESSAGES.update(
    {
        "rv_zero_pair_members": {
            "vi": "{members}: mã hộ đó được ghi như lịch sử ghi, không như tệp hộ, nên {count} dòng thành viên của hộ "
            "đó bị bỏ qua: hộ đó được phân loại không có các thành viên này; ghi mã trong tệp hộ như lịch sử ghi thì "
            "các thành viên cũng được tính",
            "en": "{members}: that household's code is written as the history has it, not as in the households file, "
            "so its {count:member row was|member rows were} left out: the household was classified without them; "
            "with its code in the households file written as the history has it, its members count too",
        },
    }
)
#: A date option given only a year or a month and a year (session 23, W4): it said only "expected a date".
MESSAGES.update(
    {
        "o_date_part": {
            "vi": "{value!r} chưa đủ là một ngày: cần cả ngày, tháng và năm, ví dụ 10/12/{year} hoặc {year}-12-10",
            "en": "{value!r} is not a whole date: give the day, the month and the year, for example 10/12/{year} or "
            "{year}-12-10",
        },
    }
)
#: Words of a file's name with spaces given without quotes (``classify ho 2025.csv``, session 23, W4).
MESSAGES.update(
    {
        "spaced_name": {
            "vi": 'tên tệp có dấu cách phải đặt trong ngoặc kép, hãy viết "{file}"',
            "en": 'a file name with spaces must be put in double quotes: write "{file}"',
        },
    }
)
#: A ruleset id spelt like a known one (``vn-2022`` for ``vn-2022-2026``, session 23, W4): the one meant named.
MESSAGES.update(
    {
        "rs_unknown_id_meant": {
            "vi": "không có bộ quy tắc mang mã này; có phải ý bạn là {meant}? (các mã: {known}; hoặc cho đường dẫn "
            "tới một tệp .yaml)",
            "en": "no ruleset with this id; did you mean {meant}? (known: {known}; or give a path to a .yaml file)",
        },
    }
)
#: A review's scope that names no commune, in a message (session 23, W4): it was said "—".
MESSAGES.update(
    {
        "scope_no_commune": {
            "vi": "không ghi xã (tệp không có cột Xã, không có --commune)",
            "en": "an unnamed commune (no commune column in the file, no --commune)",
        },
    }
)
#: A workbook of one household list per village whose sheets name no village column (session 23, W3).
MESSAGES.update(
    {
        "sheets_lists_no_village": {
            "vi": ". Lưu ý: trang {sheets} không có cột Thôn, tên thôn chỉ ghi ở tên trang tính (--sheet all lấy tên "
            "trang làm thôn của các hộ trong trang); khi chép vào một trang, hãy thêm cột Thôn và ghi tên thôn cho "
            "từng hộ, nếu không các hộ sẽ không thuộc thôn nào trong các biểu và danh sách theo thôn",
            "en": ". Note: no village column (Thôn) on {sheets}, the village is only the sheet's name (--sheet all "
            "takes it as the village of the sheet's households); when copying onto one sheet, add a village column "
            "and write each household's village, or the households belong to no village in the forms and the "
            "village lists",
        },
    }
)
#: A PDF, an RTF text or a JSON export given as the household list (session 23, data/read.py ``_document_kind``): it
#: was read as a CSV and refused as missing its columns.
MESSAGES.update(
    {
        "document_file": {
            "vi": "{file}: là {kind}, không phải bảng tính hay tệp văn bản chương trình đọc được (.xlsx, .xlsm, .xls, "
            ".ods, CSV, Parquet): hãy dùng tệp Excel hoặc CSV gốc của danh sách, hoặc chép bảng sang Excel rồi lưu "
            "dưới dạng Excel Workbook (.xlsx) hoặc CSV UTF-8",
            "en": "{file}: is {kind}, not a workbook or text file this program reads (.xlsx, .xlsm, .xls, .ods, CSV, "
            "Parquet): use the list's own Excel or CSV file, or copy the table into Excel and save it as Excel "
            "Workbook (.xlsx) or CSV UTF-8",
        },
        "document_pdf": {"vi": "một tệp PDF", "en": "a PDF file"},
        "document_rtf": {"vi": "một văn bản RTF (Word)", "en": "an RTF text (Word)"},
        "document_json": {"vi": "một tệp JSON", "en": "a JSON file"},
        "document_docx": {"vi": "một văn bản Word (.docx)", "en": "a Word document (.docx)"},
        "document_pptx": {"vi": "một bản trình chiếu PowerPoint (.pptx)", "en": "a PowerPoint presentation (.pptx)"},
        "document_odt": {"vi": "một văn bản OpenDocument (.odt)", "en": "an OpenDocument text (.odt)"},
        "document_odp": {"vi": "một bản trình chiếu OpenDocument (.odp)", "en": "an OpenDocument presentation (.odp)"},
    }
)
# h2 (session 24): explain of a household leaving the commune; the leading-zeros note of a household back after leaving
MESSAGES.update(
    {
        "explain_left": {
            "vi": "Hộ ra khỏi danh sách của xã ở lần rà soát này ({reason}): không công nhận thoát nghèo hay diễn biến "
            "nào, không có thời hạn hưởng chính sách; biểu 2, biểu 3 tính hộ ở cột 4 (giảm khác)",
            "en": "The household left the commune's lists at this review ({reason}): no escape or other movement is "
            "recognized, no support window; R2 and R3 count it in column 4 (other decrease)",
        },
        "rv_zero_pairs_back": {
            "vi": "{file}: {count} hộ trở lại sau khi ra khỏi danh sách (không có ở lần rà soát trước, có trong lịch "
            "sử) có mã chỉ khác mã của một hộ ở lần rà soát trước, không có trong tệp, cùng xã, ở các số 0 đứng đầu "
            "(mã trong tệp ↔ mã ở lần rà soát trước): {pairs}. Lần rà soát trước có thể đã ghi hộ theo mã bị Excel "
            "bỏ hoặc thêm số 0: nếu đó là cùng một hộ, lần rà soát này tính nó là hộ trở lại (không tính từ phân "
            "loại năm trước) và hộ mã kia là đã ra khỏi danh sách; để nối tiếp lịch sử của hộ, hãy sửa mã trong tệp "
            "năm trước đúng như lịch sử ghi, chạy lại lần rà soát đó với --replace, rồi chạy lại lần này với "
            "--replace (docs/review.md). Nếu là hai hộ khác nhau, không cần làm gì",
            "en": "{file}: {count:household|households} back after leaving (absent from the last review, known to "
            "the history) whose code differs from the code of a household of the last review, absent from the file, "
            "in the same commune, only by leading zeros (code in the file ↔ code at the last review): {pairs}. The "
            "last review may have recorded it under a code Excel stripped or padded: if it is the same household, "
            "this review counts it as coming back (not from last year's status) and the other code as gone; to "
            "continue its history, correct the code in last year's file as the history has it, run that review "
            "again with --replace, then this one with --replace (docs/review.md). If they are two households, "
            "nothing to do",
        },
    }
)
#: A household record's own field marking an indicator its standard does not have (session 24, models.py
#: ``Household.check_indicators``): ``deprived_watr=1`` was kept and never read, without a word.
MESSAGES.update(
    {
        "hh_not_indicator_field": {
            "vi": "{fields}: không phải chỉ số của {names} (trường deprived_<mã chỉ số> đánh dấu một chỉ số, "
            "hoặc dùng deprived={{'mã chỉ số': True}}); các chỉ số của nó là {known}",
            "en": "{fields}: not an indicator of {names} (a deprived_<indicator id> field marks an indicator, or "
            "use deprived={{'indicator id': True}}); its indicators are {known}",
        },
    }
)
#: A Word or PowerPoint 97-2003 file given as the household list (session 24, H1, data/read.py
#: ``_ole_document_kind``): it was said to be a damaged workbook.
MESSAGES.update(
    {
        "document_doc": {"vi": "một văn bản Word 97-2003 (.doc)", "en": "a Word 97-2003 document (.doc)"},
        "document_ppt": {
            "vi": "một bản trình chiếu PowerPoint 97-2003 (.ppt)",
            "en": "a PowerPoint 97-2003 presentation (.ppt)",
        },
    }
)
#: history import: a date column's cells that are Excel's count of days, the column saved without its date format
#: (session 24, H1, review/history.py ``_days``): it said only "not a date ('45275')", as classify says it since 23.
MESSAGES.update(
    {
        "l_date_serial": {
            "vi": "cột {name}: {rows} không phải ngày ({value!r}): số này là cách Excel lưu ngày {day} khi ô không "
            "định dạng ngày; hãy định dạng cột là ngày (dd/mm/yyyy), kiểm tra rồi lưu lại",
            "en": "column {name}, {rows}: not a date ({value!r}): this number is how Excel stores the day {day} in a "
            "cell not formatted as a date; format the column as a date (dd/mm/yyyy), check it and save again",
        },
    }
)
#: A UTF-8 or UTF-16 text file that ends inside a letter: a copy cut short, a file still being written (session 24, H1,
#: data/read.py ``_cut_mid_letter``): its end was said to be letters of another encoding.
MESSAGES.update(
    {
        "cut_mid_letter": {
            "vi": "{file}: tệp kết thúc giữa chừng một chữ: tệp chưa được lưu hoặc chép hết (rút USB khi đang chép, "
            "tệp còn đang được ghi; các dòng cuối có thể đã mất); hãy chép lại tệp từ nơi đã lập (hoặc lưu lại) rồi "
            "chạy lại",
            "en": "{file}: the file ends in the middle of a letter: it was not saved or copied completely (a USB stick "
            "pulled out while copying, a file still being written; its last rows may be lost); copy it again from "
            "where it was made (or save it again) and run again",
        },
    }
)
#: The lock file Excel or LibreOffice writes beside an open workbook, given as the list (session 24, H1, data/read.py
#: ``_lock_file_of``): Excel's was said to be a copy cut short, LibreOffice's a list missing its columns.
MESSAGES.update(
    {
        "lock_file": {
            "vi": "{file}: là tệp khóa {program} tạo ra khi đang mở bảng tính {workbook}, không phải danh sách: "
            "hãy đóng {workbook} trong {program} rồi đưa chính tệp {workbook}",
            "en": "{file}: is the lock file {program} writes while the workbook {workbook} is open, not a list: close "
            "{workbook} in {program} and give {workbook} itself",
        },
    }
)
#: history import: a list's total row under its households (session 24, H1, review/history.py ``_totals_rows``): it
#: said "no household id", nothing imported.
MESSAGES.update(
    {
        "l_totals_row": {
            "vi": "{rows}: là dòng tổng cộng của danh sách (Tổng cộng, Cộng …), không phải một hộ: hãy xóa dòng này "
            "rồi nhập lại (chưa nhập gì)",
            "en": "{rows}: the list's total row (Tổng cộng, Cộng …), no household: delete this row and import again "
            "(nothing imported)",
        },
    }
)
#: A command that reads one file given several (session 24, H1, cli/_base.py ``_with_one_file``): click said only
#: "Thừa đối số (ds_2023.csv)".
MESSAGES.update(
    {
        "one_file": {
            "vi": "lệnh chỉ đọc một tệp mỗi lần chạy, đã nêu {count} tệp: hãy chạy lệnh cho từng tệp",
            "en": "the command reads one file a run, {count} files were given: run it once for each file",
        },
        "one_file_import": {
            "vi": "history import nhập một danh sách mỗi lần chạy, đã nêu {count} tệp: hãy nhập từng tệp, mỗi tệp "
            "một lệnh với cùng --db",
            "en": "history import imports one list a run, {count} files were given: import each file with its own "
            "command and the same --db",
        },
        "one_file_review": {
            "vi": "review rà soát một tệp gồm mọi hộ của xã, đã nêu {count} tệp: hãy chép các danh sách (ví dụ của "
            "các thôn) vào một tệp rồi rà soát một lần; rà soát riêng tệp của một thôn thì các hộ thôn khác sẽ bị "
            "tính là chưa rà soát",
            "en": "review reviews one file holding all the commune's households, {count} files were given: copy the "
            "lists (the villages', say) into one file and review it once; a review of one village's file counts the "
            "other villages' households as not reviewed",
        },
    }
)
#: history import: rows the lists' sheet hides (session 24, H1, data/read.py ``_hidden_rows_note``): the note said
#: they were "classified like the others" and to "run again" with the rows shown, of rows recorded in the history.
MESSAGES.update(
    {
        "hidden_rows_imported": {
            "vi": "{file}: {count} dòng đang bị ẩn hoặc bị lọc đi trên trang tính ({rows}) vẫn được nhập vào lịch sử "
            "như các dòng khác, vì đó là dữ liệu của tệp. Nếu các dòng đó không thuộc danh sách, hãy xóa lần nhập này "
            "(history undo, với số của lần rà soát trong history list) rồi nhập một bản chỉ có các dòng đang hiện",
            "en": "{file}: {count:row is|rows are} hidden or filtered out in the sheet ({rows}) and imported into the "
            "history like the others, being the file's data. If they are not on the list, undo this import (history "
            "undo, with the review's number from history list) and import a copy holding only the rows shown",
        },
    }
)
#: s1 (session 25): --sheet all, a workbook of one sheet per village read as one list (data/read.py _joined_sheets)
MESSAGES.update(
    {
        "sheet_village_header": {"vi": "Thôn", "en": "village"},
        "sheets_all_read": {
            "vi": "{file}: đã đọc {count} trang danh sách hộ thành một danh sách, theo thứ tự các trang (số dòng của "
            "mỗi trang): {sheets}",
            "en": "{file}: read {count} household-list sheets as one list, in tab order (rows of each): {sheets}",
        },
        "sheets_all_village": {
            "vi": "{file}: trang {sheets} không có cột Thôn: thôn của các hộ ở đó là tên trang, ghi vào cột '{column}'",
            "en": "{file}: no village column on {sheets}: each of their households' village is its sheet's name, "
            "written in column '{column}'",
        },
        "r_id_used_sheet": {
            "vi": "đã dùng ở trang '{sheet}' dòng {row}",
            "en": "is already used at row {row} of sheet '{sheet}'",
        },
        "sheets_all_lacking": {
            "vi": "{file}: trang '{sheet}' không có {columns} (có ở trang khác): các hộ của trang này để trống ở "
            "cột đó, tức là chưa rõ, không phải là 0 hay là không thiếu hụt",
            "en": "{file}: sheet '{sheet}' has no {columns} (found on another sheet): its households are blank "
            "there, that is unknown, not 0 or not deprived",
        },
        "sheets_all_unread": {
            "vi": "{file}: các trang không được đọc vì không có dòng tiêu đề của danh sách hộ (Mã hộ và hai cột đã "
            "biết nữa, trong 30 dòng đầu): {sheets}. Nếu trang nào là danh sách hộ của một thôn, hãy sửa dòng tiêu "
            "đề của trang đó rồi chạy lại",
            "en": "{file}: sheets not read, having no household list's header (the household code and two more known "
            "columns, in the first 30 rows): {sheets}. If one is a village's household list, correct its header and "
            "run again",
        },
        "sheets_all_hidden": {
            "vi": "{file}: các trang đang ẩn không được đọc: {sheets}. Nếu trang nào là danh sách hộ của một thôn, hãy "
            "bỏ ẩn trang đó trong Excel rồi chạy lại",
            "en": "{file}: hidden sheets are not read: {sheets}. If one is a village's household list, unhide it in "
            "Excel and run again",
        },
        "sheet_all_not_here": {
            "vi": "{file}: --sheet all (đọc mọi trang danh sách hộ) không dùng được cho lệnh {command}; hãy chọn một "
            "trang bằng --sheet TÊN hoặc --sheet SỐ",
            "en": "{file}: --sheet all (every household-list sheet) is not available to {command}; choose one sheet "
            "with --sheet NAME or --sheet N",
        },
    }
)
#: g2 (session 26): explain writes no rejects file: the --sheet all note of the sheets read says so only for the
#: commands that write one (data/read.py sheets_read_note)
MESSAGES.update(
    {
        "sheets_all_rejects_rows": {
            "vi": "Tệp dòng bị loại ghi mỗi dòng bằng tên trang và số dòng trong trang đó, ví dụ {example}",
            "en": "The rejects file names each row by its sheet and its row there, e.g. {example}",
        },
    }
)
#: g2 (session 26): the page's section of the households that left the lists during the year (reports/html.py
#: _leavers), R2/R3's column 4 by name
PAGE.update(
    {
        "left_title": {"vi": "Hộ ra khỏi danh sách trong năm", "en": "Households that left during the year"},
        "left_intro": {
            "vi": "Các hộ đầu kỳ là hộ nghèo, hộ cận nghèo nay không còn trong danh sách của xã (chết, chuyển đi, "
            "nhập hộ, hoặc không có trong danh sách rà soát năm nay): là cột 4 «Giảm khác» của biểu R2, R3",
            "en": "Households poor or near-poor at the start that are no longer on the commune's lists (died, moved "
            "out, merged, or not in this review's list): column 4, «Other decrease», of forms R2 and R3",
        },
        "left_start": {"vi": "Đầu kỳ", "en": "At the start"},
        "left_absent": {
            "vi": "không có trong danh sách rà soát năm nay",
            "en": "not in this review's list",
        },
    }
)
#: g2 (session 26): a history written before session 25 keeps a movement (an escape and its window) for households
#: marked leaving the commune (review/transitions.py leaving_movements): history show and report --db say so
MESSAGES.update(
    {
        "h_old_leaving_movements": {
            "vi": "{db}: kỳ rà soát {day} được ghi bằng phiên bản cũ: {count} hộ đã đánh dấu ra khỏi xã (chết, "
            "chuyển đi, nhập hộ) vẫn được ghi là thoát nghèo, thoát cận nghèo hoặc rơi vào nghèo, kèm thời hạn hỗ "
            "trợ. Hãy rà soát lại kỳ đó để ghi lại: poverty-rules review TỆP_HỘ --date {day} --db {db}{commune} "
            "--replace",
            "en": "{db}: the review of {day} was recorded by an earlier version: {count:household|households} "
            "marked leaving the commune (died, moved out, merged) still recorded with a movement (an escape or a "
            "fall, with its support window). Run that review again to record it anew: poverty-rules review "
            "HOUSEHOLDS --date {day} --db {db}{commune} --replace",
        },
    }
)
