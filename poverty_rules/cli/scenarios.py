"""``poverty-rules test``: run scenario cases written as YAML (see poverty_rules/scenarios.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import RulesetError
from ..scenarios import run_cases
from ..vocabulary import words as L
from ._common import CONTEXT, GuardedCommand, fail


@click.command(
    cls=GuardedCommand, context_settings=CONTEXT, help=L.HELP["test"]["text"], epilog=L.HELP["test"]["epilog"]
)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="List passing cases too.")
def test_command(files: tuple[Path, ...], verbose: bool) -> None:
    """Run scenario case files; print a diff for each failing case. Exit 1 if any case fails."""
    failed = passed = 0
    for path in files:
        try:
            outcomes = run_cases(path)
        except (ValueError, RulesetError) as exc:
            fail(str(exc))
        for o in outcomes:
            if o.passed:
                passed += 1
                if verbose:
                    click.echo(f"PASS {path}: {o.case.name}")
                continue
            failed += 1
            click.echo(f"FAIL {path}: {o.case.name}  [{o.case.law}]")
            for d in o.differences:
                click.echo(f"     {d}")
            for key in ("ruleset", "reason"):
                if o.got.get(key):
                    click.echo(f"     ({key}: {o.got[key]})")
    click.echo(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
