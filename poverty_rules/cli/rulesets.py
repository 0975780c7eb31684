"""``poverty-rules rulesets``: list, show and check the standards."""

from __future__ import annotations

from pathlib import Path

import click

from ..ruleset import RulesetError, available, load_file, load_ruleset
from ._common import fail, lang_option


@click.group()
def rulesets_group() -> None:
    """List, show and check rulesets (the standards as YAML)."""


@rulesets_group.command("list")
def list_command() -> None:
    """The national standards: id, validity, title and how settled their items are (V/P/U)."""
    for rs in available():
        tags = [p.confidence for p in rs.parameters.values()] + [i.confidence for i in rs.indicators]
        tags += [c.confidence for c in rs.classes]
        summary = " ".join(f"{t}:{tags.count(t)}" for t in "VPU")
        click.echo(f"{rs.id:<14} {rs.valid_from} … {rs.valid_to}  [{summary}]  {rs.title.vi}")


@rulesets_group.command("show")
@click.argument("name")
@lang_option
def show_command(name: str, lang: str) -> None:
    """Show one ruleset's parameters, indicators and classes with their references."""
    try:
        rs = load_ruleset(name)
    except RulesetError as exc:
        fail(str(exc))
    click.echo(f"{rs.label}  {rs.title.get(lang)}\n  {rs.legal_basis}\n  valid {rs.valid_from} … {rs.valid_to}")
    click.echo("\nparameters:")
    for pid, p in rs.parameters.items():
        value = (
            ", ".join(f"{k} {v:,.0f}" for k, v in p.value.items()) if isinstance(p.value, dict) else f"{p.value:,.0f}"
        )
        click.echo(f"  {pid:<26} {value} {p.unit}  [{p.confidence}] {p.reference}")
    click.echo("\nindicators:")
    for ind in rs.indicators:
        click.echo(f"  {ind.id:<26} {ind.label.get(lang)}  [{ind.confidence}] {ind.reference}")
    click.echo("\nclasses (first match wins):")
    for c in rs.classes:
        click.echo(f"  {c.status:<10} by {c.decided_by:<6} when {c.when}  [{c.confidence}] {c.reference}")


@rulesets_group.command("check")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def check_command(path: Path) -> None:
    """Run every load-time check on a ruleset file; exit 2 with file:line: reason on the first failure."""
    try:
        rs = load_file(path)
    except RulesetError as exc:
        fail(str(exc))
    click.echo(f"{path}: ok ({rs.label}, {len(rs.indicators)} indicators, {len(rs.classes)} class rules)")
