"""The fields a rule may read besides the flags: household-level fields and ``member.<field>``.

Their kinds decide how the data layer parses them and what an indicator's ``deprived_when`` may name.
This is the catalogue (a schema, not law): which of these fields a standard reads is declared in its
ruleset (``fields: {household: […], member: […]}``) and checked when it loads
(:mod:`poverty_rules.rules.loader`).
"""

from __future__ import annotations

from typing import Literal

#: Household-level fields an indicator's ``deprived_when`` may read (name -> description).
HOUSEHOLD_FIELDS: dict[str, str] = {
    "floor_area": "floor area of the dwelling in m² (diện tích nhà ở); per person = floor_area / members",
    "members_count": "number of members as recorded on the form (informational; rules count member rows)",
    "wall_durable": "walls of durable materials (tường bằng vật liệu bền chắc): yes/no",
    "frame_durable": "columns / frame of durable materials (cột, khung): yes/no",
    "roof_durable": "roof of durable materials (mái): yes/no",
    "safe_water": "has access to a safe (hygienic) domestic water source: yes/no",
    "hygienic_latrine": "uses a hygienic latrine (nhà tiêu hợp vệ sinh): yes/no",
    "internet_use": "some member uses internet services: yes/no",
    "phone_subscription": "some member has a phone subscription (2016–2021 telecom indicator): yes/no",
    "has_info_device": "owns a TV, radio, desktop or laptop, tablet or smartphone (2022–2026): yes/no",
    "has_tv_radio_computer": "owns a TV, radio or computer (2016–2021): yes/no",
    "hears_loudspeaker": "can hear the village loudspeaker system (2016–2021): yes/no",
    "waste_collected": "household waste is collected or treated (2027–2030, threshold unverified): yes/no",
    "digital_services_use": "some member uses digital services (2027–2030, threshold unverified): yes/no",
}
#: The columns of a household file and of the results (the canonical names of data/schema.py and
#: results/labels.py, which this layer may not import; tests/test_rulesets.py proves they are all here, with
#: :data:`HOUSEHOLD_FIELDS`): a designation, which the results write as a column of its own, takes none of them.
COLUMN_NAMES: tuple[str, ...] = (
    *("household_id", "head_name", "village", "commune", "province", "province_code", "commune_code", "area"),
    *("income_per_capita", "score_a", "previous_status", "escaped_on", "farm_household", "household_size"),
    *("change_reason", "ethnicity", "ethnic_minority", "no_labour", "meritorious", "female_head"),
    *("status", "deprivation_count", "deprived", "decided_by", "ruleset", "undetermined_by", "reason"),
    *("flag_sources", "transition", "transition_label", "eligible_until", "escaped_to_near_poor"),
    *("local_status", "local_deprived", "local_deprivation_count", "local_ruleset", "local_reason"),
    *HOUSEHOLD_FIELDS,
)
#: How :mod:`poverty_rules.inputs` parses each household field: a number or a yes/no flag.
HOUSEHOLD_FIELD_KINDS: dict[str, Literal["number", "flag"]] = {
    name: ("number" if name in ("floor_area", "members_count") else "flag") for name in HOUSEHOLD_FIELDS
}

#: Member fields a rule may read as ``member.<field>``: name -> (kind, description).
#: Kinds: ``number`` (interval), ``flag`` (three-valued), or a tuple of allowed category values.
MEMBER_FIELDS: dict[str, tuple[str | tuple[str, ...], str]] = {
    "age": (
        "number",
        "age in completed years at the review date (from birth_date, else birth_year: one of two ages, else age given)",
    ),
    "sex": (("male", "female"), "sex"),
    "working_age": ("flag", "of working age (trong độ tuổi lao động); see docs/members.md when blank"),
    "employment": (("employed", "unemployed", "not_in_labour_force"), "labour-force status"),
    "wage_without_contract": ("flag", "works for a wage without a labour contract"),
    "labour_capacity": ("flag", "has labour capacity (khả năng lao động)"),
    "disabled": ("flag", "has a disability"),
    "monthly_social_allowance": ("flag", "receives a monthly social allowance (trợ cấp xã hội hằng tháng)"),
    "has_social_insurance": ("flag", "takes part in social insurance now (tham gia BHXH bắt buộc hoặc tự nguyện)"),
    "has_health_insurance": ("flag", "has health insurance now (thẻ BHYT còn hạn)"),
    "stunted": ("flag", "child stunted (height-for-age)"),
    "underweight": ("flag", "child underweight (weight-for-age)"),
    "highest_qualification": (
        ("none", "primary", "lower_secondary", "upper_secondary", "vocational", "college_or_higher"),
        "highest qualification obtained",
    ),
    "in_education": ("flag", "currently in education or training (đang đi học)"),
    "attending_right_level": ("flag", "attends the school level right for their age (đi học đúng bậc, cấp)"),
    "sick_untreated": ("flag", "was ill and received no care (2016–2021 health-service indicator)"),
}
