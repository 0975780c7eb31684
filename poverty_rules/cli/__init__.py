"""The command line: ``poverty-rules`` (a click group) and ``classify`` (its main job, standalone).

Exit codes (docs/design.md): 0 every row classified; 1 some rows rejected (they are in the rejects
file, every other row is classified); 2 the command or the input file is unusable (nothing written).
"""

from __future__ import annotations

import click

from ._common import CONTEXT, GuardedGroup
from .classify import classify_command
from .explain import explain_command
from .report import report_command
from .review import eligible_command, history_group, review_command
from .rulesets import rulesets_group
from .scenarios import test_command


@click.group(cls=GuardedGroup, context_settings=CONTEXT)
@click.version_option(package_name="poverty-rules")
def main() -> None:
    """Áp dụng chuẩn nghèo đa chiều cho danh sách hộ gia đình.
    Apply Vietnam's multidimensional poverty standard (chuẩn nghèo đa chiều) to household records.

    \b
    Ví dụ / Examples:
      poverty-rules classify ho_2025.xlsx -o ket_qua.xlsx
      poverty-rules classify households.csv
      poverty-rules classify households.csv --as-of 2025-12-01 --explain --lang en
      poverty-rules rulesets list
    """


main.add_command(classify_command, "classify")
main.add_command(rulesets_group, "rulesets")

#: The standalone ``classify`` console script is the same command as ``poverty-rules classify``.
classify_main = classify_command


main.add_command(explain_command, "explain")
main.add_command(review_command, "review")
main.add_command(eligible_command, "eligible")
main.add_command(history_group, "history")
main.add_command(test_command, "test")
main.add_command(report_command, "report")
