"""poverty-rules: Vietnam's multidimensional poverty standard (chuẩn nghèo đa chiều) as data and code.

>>> import poverty_rules as pr
>>> rs = pr.load_ruleset(as_of="2025-12-01")
>>> rs.id
'vn-2022-2026'
"""

import importlib
from typing import TYPE_CHECKING, Any

from .api import Classified, classify, classify_one, classify_table, update_household
from .engine.standards import available, load_ruleset
from .errors import InputError, PovertyRulesError, RowErrors, RulesetError
from .models import Household, Result
from .rules.model import Ruleset

if TYPE_CHECKING:
    from .reports.partitions import af_measures, report_forms

__all__ = [
    "Classified",
    "Household",
    "InputError",
    "PovertyRulesError",
    "Result",
    "RowErrors",
    "Ruleset",
    "RulesetError",
    "af_measures",
    "available",
    "classify",
    "classify_one",
    "classify_table",
    "load_ruleset",
    "report_forms",
    "update_household",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """``pr.af_measures`` and ``pr.report_forms`` are loaded on first use: the reports layer is not
    needed to classify, and ``python -m poverty_rules classify`` imports this package (start-up time,
    docs/scale.md). Both take a DataFrame or a dask.dataframe (reports/partitions.py)."""
    if name in ("af_measures", "report_forms"):
        return getattr(importlib.import_module(".reports.partitions", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
