"""The command line: ``poverty-rules`` (a click group) and ``classify`` (its main job, standalone).

Exit codes (spec/design.md): 0 every row classified; 1 some rows rejected (they are in the rejects
file, every other row is classified); 2 the command or the input file is unusable (nothing written).
"""

from __future__ import annotations

import click

from ._common import CONTEXT
from .classify import classify_command
from .rulesets import rulesets_group


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="poverty-rules")
def main() -> None:
    """Apply Vietnam's multidimensional poverty standard (chuẩn nghèo đa chiều) to household records.

    \b
    Examples:
      poverty-rules classify households.csv
      poverty-rules classify households.csv --as-of 2025-12-01 --explain --lang en
      poverty-rules rulesets list
    """


main.add_command(classify_command, "classify")
main.add_command(rulesets_group, "rulesets")

#: The standalone ``classify`` console script is the same command as ``poverty-rules classify``.
classify_main = classify_command


def _register_optional() -> None:
    """Commands whose modules may be absent while they are being built."""
    import importlib

    for module, attr, name in (
        ("explain", "explain_command", "explain"),
        ("review", "review_command", "review"),
        ("review", "eligible_command", "eligible"),
        ("review", "history_group", "history"),
        ("scenarios", "test_command", "test"),
    ):
        try:
            mod = importlib.import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{module}":
                raise
            continue
        main.add_command(getattr(mod, attr), name)


_register_optional()
