"""The household file's columns: canonical names and the spreadsheet headers that map onto them."""

from __future__ import annotations

from ..vocabulary.text import fold

#: Vietnamese (and common English) spreadsheet headers that map onto canonical column names.
#: Matching folds case, spacing and Vietnamese accents, so ``Mã hộ``, ``MÃ HỘ`` and ``ma ho`` all match.
HEADER_ALIASES: dict[str, list[str]] = {
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
    "deprived_employment": ["Việc làm"],
    "deprived_dependency": ["Người phụ thuộc", "Người phụ thuộc trong hộ gia đình"],
    "deprived_nutrition": ["Dinh dưỡng"],
    "deprived_health_insurance": ["Bảo hiểm y tế"],
    "deprived_health_service_access": ["Tiếp cận dịch vụ y tế", "Tiếp cận các dịch vụ y tế"],
    "deprived_adult_education": ["Trình độ giáo dục của người lớn"],
    "deprived_child_schooling": ["Tình trạng đi học của trẻ em"],
    "deprived_housing_quality": ["Chất lượng nhà ở"],
    "deprived_housing_area": ["Diện tích nhà ở bình quân đầu người", "Diện tích nhà ở"],
    "deprived_water": ["Nguồn nước sinh hoạt", "Nước sinh hoạt"],
    "deprived_sanitation": ["Nhà tiêu hợp vệ sinh", "Hố xí/nhà tiêu hợp vệ sinh"],
    "deprived_telecom": ["Sử dụng dịch vụ viễn thông", "Dịch vụ viễn thông"],
    "deprived_information_assets": ["Phương tiện phục vụ tiếp cận thông tin", "Tài sản phục vụ tiếp cận thông tin"],
    "deprived_waste": ["Thu gom, xử lý rác thải sinh hoạt", "Rác thải"],
    "deprived_digital_services": ["Sử dụng dịch vụ số", "Dịch vụ số"],
}

_ALIAS_INDEX = {fold(alias): canonical for canonical, aliases in HEADER_ALIASES.items() for alias in aliases}
_ALIAS_INDEX.update({fold(canonical): canonical for canonical in HEADER_ALIASES})


def canonical_headers(headers: list[str]) -> dict[str, str]:
    """Map each input header that names a known column onto its canonical name."""
    mapping: dict[str, str] = {}
    for h in headers:
        canonical = h if h.startswith("deprived_") else _ALIAS_INDEX.get(fold(h))
        if canonical and canonical not in mapping.values():
            mapping[h] = canonical
    return mapping


# --------------------------------------------------------------------------- reading
