"""What the commands share: choosing the ruleset, reporting errors, the stderr console."""

from __future__ import annotations

import sys
from datetime import date
from typing import NoReturn

import click
from rich.console import Console

from ..engine.standards import load_ruleset
from ..errors import EXIT_OK, EXIT_REJECTS, EXIT_UNUSABLE, RulesetError
from ..rules.model import Ruleset

stderr = Console(stderr=True, highlight=False, soft_wrap=True)

__all__ = ["EXIT_OK", "EXIT_REJECTS", "EXIT_UNUSABLE"]

#: click settings every command shares: -h as well as --help, and help text 100 columns wide.
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def fail(message: str) -> NoReturn:
    """Stop with exit code 2: the command or its input is unusable; nothing was written."""
    stderr.print(f"[bold red]error:[/] {message}", markup=True)
    sys.exit(EXIT_UNUSABLE)


def choose_ruleset(name: str | None, as_of: date | None) -> Ruleset:
    """The named ruleset, or the national standard in force on the review date (default today)."""
    try:
        return load_ruleset(name, as_of=as_of or date.today())
    except RulesetError as exc:
        fail(str(exc))


def as_of_option(func):  # type: ignore[no-untyped-def]
    return click.option(
        "--as-of",
        "as_of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Review date (YYYY-MM-DD); picks the standard in force. Default: today.",
    )(func)


def ruleset_option(func):  # type: ignore[no-untyped-def]
    return click.option(
        "--ruleset",
        "ruleset_name",
        metavar="ID|PATH",
        default=None,
        help="Use this ruleset (id such as vn-2022-2026, or a .yaml path) instead of choosing by date.",
    )(func)


def blank_flags_option(func):  # type: ignore[no-untyped-def]
    """``--blank-flags``, handed to the command already in the library's spelling (``not_deprived``)."""
    return click.option(
        "--blank-flags",
        type=click.Choice(["unknown", "not-deprived"]),
        default="unknown",
        show_default=True,
        callback=lambda _ctx, _param, value: value.replace("-", "_"),
        help="What an empty deprivation cell means. Use not-deprived for forms that mark only deprivations (x).",
    )(func)


def lang_option(func):  # type: ignore[no-untyped-def]
    return click.option(
        "--lang",
        type=click.Choice(["vi", "en"]),
        default="vi",
        show_default=True,
        help="Language of reasons and messages.",
    )(func)
