"""Support windows after a household escapes poverty (docs/standard.md §5).

A household recognized as having escaped poverty (hộ mới thoát nghèo) keeps the national
programme's support for 36 months from the date the competent authority recognized the escape
(Quyết định 90/QĐ-TTg năm 2022, approving the national target programme for sustainable poverty
reduction 2021-2025; the recognition itself is the commune chair's decision under Quyết định
24/2021/QĐ-TTg). Other programmes use other windows: 3 years of policy credit, 5 years of
health-insurance support for near-poor households who escaped poverty.

Counting rule (our reading, tagged U in the spec): ``end = recognition date + N calendar months``,
a day that does not exist in the target month becoming that month's last day; the household is
eligible from the recognition date through ``eligible_until = end - 1 day``.

The windows are data: :data:`DEFAULT_PROGRAMMES` is built from a plain mapping by
:func:`programmes_from_mapping`, which the ruleset loader also calls on a ruleset's
``programmes:`` section.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..vocabulary.dates import eligible_until

__all__ = [
    "DEFAULT_PROGRAMMES",
    "LocalizedText",
    "Programme",
    "eligible_until",
    "programmes_from_mapping",
]

# --------------------------------------------------------------------------- programmes as data


class LocalizedText(BaseModel):
    """A label in Vietnamese and English."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    vi: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Programme(BaseModel):
    """A support programme whose window opens when a household's escape is recognized.

    ``months`` is the window length counted as in :func:`eligible_until`; ``reference`` cites the
    instrument and ``confidence`` carries the spec's tag (V verified, P partly, U unverified).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: LocalizedText
    months: int = Field(ge=1, le=1200)
    reference: str = Field(min_length=1)
    confidence: Literal["V", "P", "U"]

    def eligible_until(self, recognized_on: date) -> date:
        """Last eligible day of this programme's window for an escape recognized that day."""
        return eligible_until(recognized_on, self.months)


_DEFAULT_PROGRAMME_MAPPING: dict[str, dict[str, Any]] = {
    "national_programme": {
        "label": {
            "vi": "Hỗ trợ của Chương trình MTQG giảm nghèo bền vững cho hộ mới thoát nghèo",
            "en": "National sustainable poverty reduction programme support for recently escaped households",
        },
        "months": 36,
        "reference": "Quyết định 90/QĐ-TTg năm 2022 (36 tháng kể từ khi cấp có thẩm quyền công nhận thoát nghèo) [S44]",
        "confidence": "P",
    },
    "policy_credit": {
        "label": {
            "vi": "Tín dụng chính sách cho hộ mới thoát nghèo",
            "en": "Policy credit for recently escaped households",
        },
        "months": 36,
        "reference": "Tín dụng chính sách: hộ mới thoát nghèo trong 3 năm kể từ khi thoát nghèo [S41]",
        "confidence": "V",
    },
    "near_poor_health_insurance": {
        "label": {
            "vi": "Hỗ trợ bảo hiểm y tế cho hộ cận nghèo mới thoát nghèo",
            "en": "Health-insurance support for near-poor households that escaped poverty",
        },
        "months": 60,
        "reference": "Hỗ trợ đóng BHYT cho hộ cận nghèo mới thoát nghèo trong 5 năm [S7]",
        "confidence": "V",
    },
}


def programmes_from_mapping(
    mapping: Mapping[str, Mapping[str, Any]] | Iterable[Mapping[str, Any]],
) -> dict[str, Programme]:
    """Build programmes from a ruleset's ``programmes:`` section, keyed by id, in file order.

    Accepts either a mapping ``{id: {label, months, reference, confidence}}`` or a list of
    mappings that each carry ``id``. Raises ``pydantic.ValidationError`` for a missing
    reference, an unknown field or a window shorter than one month, and ``ValueError`` for a
    duplicated or mismatched id.
    """
    if isinstance(mapping, Mapping):
        entries = []
        for key, fields in mapping.items():
            if "id" in fields and fields["id"] != key:
                raise ValueError(f"programme {key!r} declares a different id {fields['id']!r}")
            entries.append({**fields, "id": key})
    else:
        entries = [dict(fields) for fields in mapping]
    programmes: dict[str, Programme] = {}
    for fields in entries:
        programme = Programme.model_validate(fields)
        if programme.id in programmes:
            raise ValueError(f"programme {programme.id!r} is defined twice")
        programmes[programme.id] = programme
    return programmes


DEFAULT_PROGRAMMES: dict[str, Programme] = programmes_from_mapping(_DEFAULT_PROGRAMME_MAPPING)
"""National defaults (spec §5); a ruleset's ``programmes:`` section replaces them."""
