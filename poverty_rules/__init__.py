"""poverty-rules: Vietnam's multidimensional poverty standard (chuẩn nghèo đa chiều) as data and code.

>>> import poverty_rules as pr
>>> rs = pr.load_ruleset(as_of="2025-12-01")
>>> rs.id
'vn-2022-2026'

The public names are loaded on first use (PEP 562 module ``__getattr__``): ``import poverty_rules``
itself imports nothing heavy, so ``python -m poverty_rules classify`` can start reading its input
before pandas and the rules are imported (docs/architecture.md, "Start-up"). ``pr.classify``,
``from poverty_rules import classify`` and ``Ruleset.classify`` work as if everything were imported.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import Classified, classify, classify_one, classify_table, update_household
    from .engine.members import Member
    from .engine.standards import available, load_ruleset
    from .errors import InputError, Note, PovertyRulesError, RowErrors, RulesetError
    from .models import Household, Result
    from .reports.partitions import af_measures, report_forms
    from .rules.model import Ruleset

#: Each public name and the module it comes from (relative to this package).
PUBLIC = {
    "Classified": ".api",
    "classify": ".api",
    "classify_one": ".api",
    "classify_table": ".api",
    "update_household": ".api",
    "Member": ".engine.members",
    "available": ".engine.standards",
    "load_ruleset": ".engine.standards",
    "InputError": ".errors",
    "Note": ".errors",
    "PovertyRulesError": ".errors",
    "RowErrors": ".errors",
    "RulesetError": ".errors",
    "Household": ".models",
    "Result": ".models",
    "Ruleset": ".rules.model",
    "af_measures": ".reports.partitions",
    "report_forms": ".reports.partitions",
}

__all__ = [
    "Classified",
    "Household",
    "InputError",
    "Member",
    "Note",
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
]  # the keys of PUBLIC (tests/test_library.py)
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """A public name, imported on first use. The library (``.api``) is imported with any of them but
    the reports' two, so a ruleset got from ``pr.load_ruleset`` can ``.classify`` (api registers the
    classifiers with rules.model). ``pr.af_measures`` and ``pr.report_forms`` take a DataFrame or a
    dask.dataframe (reports/partitions.py); the reports layer is not needed to classify."""
    module = PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if module != ".reports.partitions":
        importlib.import_module(".api", __name__)
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # the next use is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *PUBLIC})
