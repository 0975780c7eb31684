"""``poverty-rules test``: run scenario cases written as YAML (see poverty_rules/scenarios.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import PovertyRulesError
from ..pipeline import Engine, Lang
from ..scenarios import run_cases
from ..vocabulary import words as L
from ._base import WordedPath
from ._common import CONTEXT, EXIT_UNUSABLE, GuardedCommand, engine_option, escape, fail, lang_option, stderr


@click.command(
    cls=GuardedCommand, context_settings=CONTEXT, help=L.HELP["test"]["text"], epilog=L.HELP["test"]["epilog"]
)
@click.argument("files", nargs=-1, required=True, type=WordedPath(path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="Liệt kê cả các tình huống đạt / list passing cases too.")
@engine_option
@lang_option
def test_command(files: tuple[Path, ...], verbose: bool, engine: Engine, lang: Lang) -> None:
    """Run scenario case files with ``engine``; print a diff for each failing case. Exit 1 if any case fails, 2 if
    a file or a case cannot be run (each said at its line; the other cases and files still run)."""
    failed = passed = broken = 0
    unusable: list[Path] = []
    for path in files:
        try:
            outcomes = run_cases(path, lang, engine, keep_going=True)
        except PovertyRulesError as exc:
            if len(files) == 1:
                fail(exc.in_lang(lang))
            # one broken file among several: said, and the others still run (exit 2 at the end)
            stderr().print(f"[bold red]{L.CLI['error'][lang]}:[/] {escape(exc.in_lang(lang))}", markup=True)
            unusable.append(path)
            continue
        for o in outcomes:
            if o.unusable:  # a case that cannot be run: said at its line, and the file's other cases still run
                broken += 1
                stderr().print(f"[bold red]{L.CLI['error'][lang]}:[/] {escape(o.unusable)}", markup=True)
                continue
            if o.passed:
                passed += 1
                if verbose:
                    click.echo(L.msg("case_pass", lang, file=path, case=o.case.name))
                    _say_notes(o.notes, lang)
                continue
            failed += 1
            click.echo(L.msg("case_fail", lang, file=path, case=o.case.name, law=o.case.law))
            for d in o.differences:
                click.echo(f"     {d}")
            for key in _shown(o.case.expect):
                if o.got.get(key):
                    click.echo(f"     {L.msg('case_got', lang, what=L.CASE_GOT[key][lang], value=o.got[key])}")
            _say_notes(o.notes, lang)
    summary = L.msg("case_summary", lang, passed=passed, failed=failed)
    if broken:
        summary += L.msg("case_cases_unusable", lang, n=broken)
    if unusable:
        names = ", ".join(str(path) for path in unusable)
        summary += L.msg("case_files_unusable", lang, n=len(unusable), files=names)
    click.echo(summary)
    sys.exit(EXIT_UNUSABLE if unusable or broken else 1 if failed else 0)


def _shown(expect: dict[str, object]) -> tuple[str, ...]:
    """What a failing case shows beside its differences: the ruleset and its reason, and the local
    standard's when the case expects one of its columns (its reason, not the national one, says why)."""
    if any(key.startswith("local_") for key in expect):
        return ("ruleset", "reason", "local_ruleset", "local_reason")
    return ("ruleset", "reason")


def _say_notes(notes: list[str], lang: Lang) -> None:
    """A case's notes on its own member rows, under its line, as the command line says a note (``lưu ý: …``)."""
    for said in notes:
        click.echo(f"     {L.CLI['note'][lang]}: {said}")
