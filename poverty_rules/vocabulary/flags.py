"""Flag words: how a deprivation mark or a yes/no cell is written (1/0, có/không, x, yes/no…)."""

from __future__ import annotations

FLAG_WORDS = {
    "1": 1.0,
    "0": 0.0,
    "1.0": 1.0,
    "0.0": 0.0,
    "true": 1.0,
    "false": 0.0,
    "yes": 1.0,
    "no": 0.0,
    "y": 1.0,
    "n": 0.0,
    "có": 1.0,
    "co": 1.0,
    "không": 0.0,
    "khong": 0.0,
    "x": 1.0,
    "thiếu hụt": 1.0,
    "không thiếu hụt": 0.0,
}
