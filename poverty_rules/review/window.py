"""Support windows after a household escapes poverty (docs/standard.md §5).

A household recognized as having escaped poverty (hộ mới thoát nghèo) keeps a programme's support
for the programme's window, counted from the date the competent authority recognized the escape
(the commune chair's decision under Quyết định 24/2021/QĐ-TTg).

Every window is law and lives in the rulesets, never here: each ruleset's ``programmes:`` section
gives, per programme, its ``months``, the dates of its regime (``valid_from`` / ``valid_to``), the
statuses it ``serves``, its ``reference`` and ``confidence`` (model:
:class:`poverty_rules.rules.model.Programme`; format: docs/rulesets.md; use: docs/review.md).

Counting rule (our reading, tagged U in the spec): ``end = recognition date + N calendar months``,
a day that does not exist in the target month becoming that month's last day; the household is
eligible from the recognition date through ``eligible_until = end - 1 day``
(:func:`poverty_rules.vocabulary.day.eligible_until`).
"""

from __future__ import annotations

from ..rules.model import Programme
from ..vocabulary.day import eligible_until

__all__ = ["Programme", "eligible_until"]
