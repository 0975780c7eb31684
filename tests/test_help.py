"""Every command's --help is in Vietnamese and English, with worked examples an officer can copy.

The commands are found by walking the click group (its lazy commands too), so a new command without
help in both languages fails here; the count is checked so the walk itself cannot pass empty.
"""

from __future__ import annotations

import re

import click
from click.testing import CliRunner

from poverty_rules.cli import main
from poverty_rules.vocabulary.words import HELP

#: Letters only Vietnamese writes (tone marks, đ): a help text with none of them is not Vietnamese.
VIETNAMESE = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.I)
#: English words every English help text uses somewhere.
ENGLISH = re.compile(r"\b(the|and|of|with|or)\b")


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path under ``group`` (groups themselves included), lazy commands loaded."""
    ctx = click.Context(group)
    found = [path]
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            found += _commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


def test_every_command_has_help_in_both_languages_with_examples() -> None:
    commands = _commands(main)
    assert len(commands) >= 17, commands  # main, 7 commands, history (4) and rulesets (4) subcommands
    assert {" ".join(p) or "main" for p in commands} == set(HELP), "a help text for each command, no more"
    for path in commands:
        result = CliRunner().invoke(main, [*path, "--help"], terminal_width=100)
        assert result.exit_code == 0, (path, result.output)
        text = result.output
        assert VIETNAMESE.search(text) and ENGLISH.search(text), (path, text)
        assert "Ví dụ / Examples:" in text, (path, text)
        examples = text.split("Ví dụ / Examples:", 1)[1]
        assert f"poverty-rules {' '.join(path)}".rstrip() in examples, (path, "an example of this very command")
        assert CliRunner().invoke(main, [*path, "-h"]).output == CliRunner().invoke(main, [*path, "--help"]).output
