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
    # as the review's forms head their area rows ("II. Khu vực nông thôn"), which an officer copies
    "khu vực nông thôn": "rural",
    "khu vuc nong thon": "rural",
    "kv nông thôn": "rural",
    "kv nong thon": "rural",
    "khu vực thành thị": "urban",
    "khu vuc thanh thi": "urban",
    "kv thành thị": "urban",
    "kv thanh thi": "urban",
    "khu vực đô thị": "urban",
    "khu vuc do thi": "urban",
    "kv đô thị": "urban",
    "kv do thi": "urban",
}
