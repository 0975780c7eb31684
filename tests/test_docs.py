"""docs/rulesets.md: its tested examples run, and it documents every key, function and operator.

An example is a ```yaml block right after a marker line ``<!-- test: KIND [file=NAME] [reason="…"] -->``:
``ruleset``/``overlay`` must load, ``refused`` must be refused with the reason, ``cases`` must all
pass, ``expressions`` lists rule texts that must parse (``valid``) or be refused (``rejected``).
Every example is written into one folder under its file name, so cases can name an overlay above them.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from poverty_rules.engine.standards import load_file
from poverty_rules.errors import RulesetError
from poverty_rules.rules import expressions as ex
from poverty_rules.rules import model as rmod
from poverty_rules.rules.overlay import OVERLAY_KEYS
from poverty_rules.scenarios import Case, CaseFile, run_cases

DOC = Path(__file__).resolve().parent.parent / "docs" / "rulesets.md"
_MARKER = re.compile(r"<!-- test: (?P<args>.+?) -->\n```yaml\n(?P<body>.*?)\n```", re.S)


def _examples() -> list[tuple[str, dict[str, str], str]]:
    out = []
    for m in _MARKER.finditer(DOC.read_text(encoding="utf-8")):
        kind, *rest = shlex.split(m.group("args"))
        options = dict(item.split("=", 1) for item in rest)
        out.append((kind, options, m.group("body") + "\n"))
    return out


EXAMPLES = _examples()


def test_the_doc_has_every_kind_of_example() -> None:
    kinds = [k for k, _, _ in EXAMPLES]
    for kind in ("ruleset", "overlay", "refused", "cases", "expressions"):
        assert kind in kinds, kind


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("doc-examples")
    for _, options, body in EXAMPLES:
        if "file" in options:
            (tmp / options["file"]).write_text(body, encoding="utf-8")
    return tmp


@pytest.mark.parametrize(
    ("kind", "options", "body"), EXAMPLES, ids=[f"{k}-{o.get('file', i)}" for i, (k, o, _) in enumerate(EXAMPLES)]
)
def test_doc_example(folder: Path, kind: str, options: dict[str, str], body: str) -> None:
    path = folder / options["file"] if "file" in options else None
    if kind in ("ruleset", "overlay"):
        rs = load_file(path)
        assert bool(rs.extends) == (kind == "overlay")
    elif kind == "refused":
        with pytest.raises(RulesetError) as info:
            load_file(path)
        assert options["reason"] in info.value.reason and info.value.line
    elif kind == "cases":
        outcomes = run_cases(path)
        failed = [(o.case.name, o.differences) for o in outcomes if not o.passed]
        assert not failed
    elif kind == "expressions":
        data = yaml.safe_load(body)
        for text in data["valid"]:
            ex.parse(text)
        for text in data["rejected"]:
            with pytest.raises(ex.ExpressionError):
                ex.parse(text)
    else:
        raise AssertionError(f"unknown example kind {kind}")


def _documented() -> str:
    return DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "model",
    [
        rmod.Ruleset,
        rmod.Parameter,
        rmod.Indicator,
        rmod.Derived,
        rmod.ClassRule,
        rmod.Designation,
        rmod.Programme,
        rmod.NotDefined,
        Case,
        CaseFile,
    ],
    ids=lambda m: m.__name__,
)
def test_every_key_is_documented(model: type) -> None:
    text = _documented()
    for name in model.model_fields:
        assert f"`{name}`" in text, f"{model.__name__}.{name} is not documented in docs/rulesets.md"


def test_every_overlay_key_function_and_operator_is_documented() -> None:
    text = _documented()
    for key in OVERLAY_KEYS:
        assert f"`{key}`" in text
    for func in ex.FUNCTIONS:
        assert f"`{func}(" in text, func
    for op in ("+", "-", "*", "/", "<", "<=", ">", ">=", "==", "!=", "and", "or", "not"):
        assert f"`{op}`" in text, op
    assert "`x in (" in text and "`x not in (" in text
    for field in rmod.INPUT_FIELDS:
        assert f"`{field}`" in text
