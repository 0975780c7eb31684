"""poverty-rules: Vietnam's multidimensional poverty standard (chuẩn nghèo đa chiều) as data and code.

>>> import poverty_rules as pr
>>> rs = pr.load_ruleset(as_of="2025-12-01")
>>> rs.id
'vn-2022-2026'
"""

from .api import Classified, classify, classify_one, classify_table, update_household
from .engine.standards import available, load_ruleset
from .errors import InputError, PovertyRulesError, RowErrors, RulesetError
from .models import Household, Result
from .reports.af import af_measures
from .rules.model import Ruleset

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
    "update_household",
]
__version__ = "0.1.0"
