"""Area words (khu vực): how officers write rural and urban. Not law: the law's areas are the rulesets' keys."""

from __future__ import annotations

AREA_WORDS = {
    "rural": "rural",
    "nông thôn": "rural",
    "nong thon": "rural",
    "nt": "rural",
    "urban": "urban",
    "thành thị": "urban",
    "thanh thi": "urban",
    "đô thị": "urban",
    "do thi": "urban",
    "tt": "urban",
}
