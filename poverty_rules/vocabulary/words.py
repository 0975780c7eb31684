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
}
#: Messages about the local classification beside the national one (``--local``, issue #12).
LOCAL = {
    "out_of_period": {
        "vi": "chuẩn địa phương {id} áp dụng từ {start} đến {end}; ngày rà soát là {day}: "
        "hãy cho --as-of trong khoảng đó",
        "en": "local standard {id} applies from {start} to {end}; the review date is {day}: "
        "give --as-of inside that period",
    },
    "unread_rows": {
        "vi": "{n} dòng đã phân loại theo chuẩn quốc gia nhưng chuẩn địa phương {id} không đọc được: "
        "các cột local_* để trống",
        "en": "{n} row(s) classified by the national standard could not be read by the local standard {id}: "
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


#: Messages to the officer: errors, notes and reject reasons, each in both languages. ``{file}``,
#: ``{row}``, ``{column}`` … are filled by :func:`msg`; user text goes in as it is (never markup).
MESSAGES: dict[str, dict[str, str]] = {
    # files that cannot be read (exit 2)
    "file_not_found": {"vi": "{file}: không tìm thấy tệp", "en": "{file}: file not found"},
    "is_folder": {"vi": "{file}: đây là thư mục, không phải tệp", "en": "{file}: is a folder, not a file"},
    "cannot_open": {"vi": "{file}: không mở được tệp ({why})", "en": "{file}: cannot be opened ({why})"},
    "empty_file": {"vi": "{file}: tệp rỗng, không có dòng tiêu đề", "en": "{file}: the file is empty (no header row)"},
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
    "encoding_unsure": {
        "vi": "{file}: tệp không phải UTF-8 và không rõ bảng mã; đã đọc theo {encoding}. Hãy kiểm tra chữ có dấu; "
        "nếu sai, dùng --encoding cp1258 (Windows-1258) hoặc lưu lại dưới dạng 'CSV UTF-8'",
        "en": "{file}: not UTF-8 and the encoding is unsure; read as {encoding}. Check the accented letters; if they "
        "are wrong, use --encoding cp1258 (Windows-1258) or save the file as 'CSV UTF-8'",
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
    "cannot_read_text": {"vi": "{file}: không đọc được ({why})", "en": "{file}: cannot be read ({why})"},
    "no_sheet": {
        "vi": "{file}: không có trang tính '{sheet}'; các trang: {sheets}",
        "en": "{file}: no sheet '{sheet}'; the sheets are: {sheets}",
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
        "vi": "{file}: không đọc được bảng tính ({why})",
        "en": "{file}: the spreadsheet cannot be read ({why})",
    },
    "bad_parquet": {
        "vi": "{file}: không đọc được tệp Parquet ({why})",
        "en": "{file}: cannot be read as Parquet ({why})",
    },
    "blank_rows": {
        "vi": "{file}: bỏ qua {count} dòng trống",
        "en": "{file}: {count} empty row(s) skipped",
    },
    "header_at": {
        "vi": "{file}: dòng tiêu đề là dòng {row}; các dòng phía trên được bỏ qua",
        "en": "{file}: the header is row {row}; the rows above it are skipped",
    },
}


def msg(key: str, lang: Lang, **values: object) -> str:
    """The message ``key`` in ``lang`` (English for a language without it), filled with ``values``."""
    texts = MESSAGES[key]
    return texts.get(lang, texts["en"]).format(**values)


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
        "xlsx_too_big": {
            "vi": "{file}: {rows} dòng, quá giới hạn {limit} dòng của Excel; hãy ghi ra .csv hoặc .parquet",
            "en": "{file}: {rows} rows, more than Excel's limit of {limit}; write .csv or .parquet instead",
        },
        "same_path": {
            "vi": "{file}: tệp {what} trùng với {other}; hãy chọn tên khác",
            "en": "{file}: the {what} file would be the same file as the {other}; choose another name",
        },
    }
)

MESSAGES.update(
    {
        "replaced_columns": {
            "vi": "{file}: cột {columns} có trong tệp vào và được thay bằng kết quả lần chạy này",
            "en": "{file}: column(s) {columns} were in the input and are replaced by this run's",
        },
    }
)
#: Headers of the rejects file's first columns (with ``--headers labels``).
REJECT_HEADERS = {
    "row": {"vi": "Dòng", "en": "Row"},
    "column": {"vi": "Cột", "en": "Column"},
    "reason": {"vi": "Lý do bị loại", "en": "Reason"},
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
