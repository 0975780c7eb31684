"""poverty-rules: Vietnam's multidimensional poverty standard (chuẩn nghèo đa chiều) as data and code.

>>> import poverty_rules as pr
>>> rs = pr.load_ruleset(as_of="2025-12-01")
>>> rs.id
'vn-2022-2026'
"""

from .api import RowErrors, classify, classify_one
from .durable_engine import update_household
from .inputs import InputError
from .models import Household, Result
from .ruleset import Ruleset, RulesetError, available, load_ruleset

__all__ = [
    "Household",
    "InputError",
    "Result",
    "RowErrors",
    "Ruleset",
    "RulesetError",
    "available",
    "classify",
    "classify_one",
    "load_ruleset",
    "update_household",
]
__version__ = "0.1.0"
