"""The command line: ``poverty-rules`` (a click group) and ``classify`` (its main job, standalone).

Exit codes (docs/design.md): 0 every row classified; 1 some rows rejected (they are in the rejects
file, every other row is classified); 2 the command or the input file is unusable (nothing written).
"""

from __future__ import annotations

import click

from .. import __version__
from ..vocabulary import words as L
from ._base import CONTEXT, LazyGroup, current_lang, group_lang_option
from .classify import classify_command

#: Commands imported only when run (``classify`` starts without loading the others' modules); ``--help`` lists each
#: with its own help from vocabulary/words.py, importing none of them.
LAZY = {
    "rulesets": "poverty_rules.cli.rulesets:rulesets_group",
    "explain": "poverty_rules.cli.explain:explain_command",
    "review": "poverty_rules.cli.review:review_command",
    "eligible": "poverty_rules.cli.history:eligible_command",
    "history": "poverty_rules.cli.history:history_group",
    "test": "poverty_rules.cli.scenarios:test_command",
    "report": "poverty_rules.cli.report:report_command",
}


@click.group(
    cls=LazyGroup,
    context_settings=CONTEXT,
    lazy=LAZY,
    lazy_help={name: L.HELP[name]["text"] for name in LAZY},  # each command's own help (its module's help=)
    help=L.HELP["main"]["text"],
    epilog=L.HELP["main"]["epilog"],
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _param, value: _show_version(ctx, value),
    help=L.OPTION_HELP["version"],
)
@group_lang_option
def main() -> None:
    """The poverty-rules commands (help and examples in both languages: vocabulary/words.py HELP)."""


def _show_version(ctx: click.Context, value: bool) -> None:
    """``--version``: the program's name and version in the run's language (click's own option words
    its message when the group is made, before the language is known), then exit."""
    if not value or ctx.resilient_parsing:
        return
    click.echo(L.CLI["version"][current_lang()].format(prog=ctx.find_root().info_name, version=__version__))
    ctx.exit()


main.add_command(classify_command, "classify")

#: The standalone ``classify`` console script is the same command as ``poverty-rules classify``.
classify_main = classify_command
