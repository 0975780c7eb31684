"""The ruleset model: what a standard's YAML holds, validated by pydantic.

Every parameter, indicator, derived value, class, designation and programme cites its
``reference`` (instrument and article) and carries a ``confidence`` tag (V, P or U; see
docs/standard.md). Loading and checks: :mod:`poverty_rules.rules.loader`; choosing a standard:
:mod:`poverty_rules.rules.registry`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..vocabulary.choices import Lang
from ..vocabulary.day import eligible_until
from ..vocabulary.status_ids import CLASSES
from ..vocabulary.status_ids import Status as HouseholdStatus
from . import expressions as ex
from .bundled import flag_column
from .yaml_lines import Lines, line_for

if TYPE_CHECKING:  # a type only, never imported at run time
    import pandas as pd

Confidence = Literal["V", "P", "U"]
Status = Literal["poor", "near_poor", "average", "not_poor"]
Path_ = Literal["income", "score"]

AREAS = ("rural", "urban")
STATUSES = CLASSES

#: Household-level input fields a rule may read, besides flags, parameters and derived values.
INPUT_FIELDS = {
    "income_per_capita": "number",
    "score_a": "number",
    "area": "text",
    "deprivation_count": "number",
}
#: Names only designations may read (they are evaluated after the class is known).
DESIGNATION_FIELDS = {"status": "text"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Model):
    """A label in both languages."""

    vi: str
    en: str

    def get(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


class Cited(_Model):
    """Anything that encodes law: it cites the instrument and article, with a confidence tag.

    ``text`` may quote the cited wording verbatim (optional; shown by ``rulesets show``).
    """

    reference: str = Field(min_length=3)
    confidence: Confidence
    text: str | None = None


#: Which way of moving a parameter covers more households (a higher line, a lower cutoff, a wider
#: age band), or ``fixed`` when neither way does; ``rulesets diff`` reads it to say whether a local
#: change is stricter (covers more households) or looser (covers fewer).
Direction = Literal["raise", "lower", "fixed"]


class Parameter(Cited):
    """A number fixed by law: one value, or one per area.

    ``direction`` says which way of moving it covers more households (``raise``: up, ``lower``:
    down, ``fixed``: neither) — stated in the ruleset, never guessed from the name.
    """

    label: Text
    value: float | dict[Literal["rural", "urban"], float]
    unit: str = ""
    direction: Direction
    #: the parameter this one is the same line of, in other units (score A's 140 points stand for the
    #: 1,500,000 income line): a local standard that moves that one in an area moves this one too
    stands_for: str | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _not_yes_or_no(cls, v: Any) -> Any:
        """``value: yes`` / ``true`` is YAML's true, which a number field would read as 1: refused."""
        for number in v.values() if isinstance(v, dict) else [v]:
            if isinstance(number, bool):
                raise PydanticCustomError("float_type", "Input should be a valid number, not yes/no/true/false")
        return v

    @field_validator("value")
    @classmethod
    def _both_areas(cls, v: Any) -> Any:
        if isinstance(v, dict) and set(v) != set(AREAS):
            raise PydanticCustomError("both_areas", "an area-dependent value needs both 'rural' and 'urban'")
        return v

    @field_validator("value")
    @classmethod
    def _a_real_amount(cls, v: Any) -> Any:
        """A line, an age, a share or a count: never below zero, never NaN or infinite."""
        for number in v.values() if isinstance(v, dict) else [v]:
            if not 0 <= float(number) < float("inf"):
                shown = f"{float(number):.0f}" if float(number).is_integer() else f"{float(number):g}"
                why = "must be a number of 0 or more, not {value}"
                raise PydanticCustomError("not_negative", why, {"value": shown})
        return v

    def for_area(self, area: str) -> float:
        return float(self.value[area]) if isinstance(self.value, dict) else float(self.value)  # type: ignore[index]


class Dimension(Cited):
    """A dimension of the standard (chiều: việc làm, y tế …) as the instrument names it; its indicators name
    it by id (``dimension: employment``), the report page by its ``label``."""

    label: Text


class Indicator(Cited):
    """One deprivation indicator (chỉ số đo lường mức độ thiếu hụt dịch vụ xã hội cơ bản)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    dimension: str
    label: Text
    threshold: Text | None = None
    deprived_when: str | None = None
    #: headers of the review form (Vietnamese, common English) that name this indicator's flag column
    aliases: list[str] = []

    @property
    def column(self) -> str:
        return flag_column(self.id)


class Derived(Cited):
    """A value computed from others (e.g. score B = 10 × deprivations)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Text
    formula: str


class ClassRule(Cited):
    """One row of the classification table. Tried in file order; the first that holds decides.

    ``id`` is stable and named after the article it encodes (``poor_nd07_d3_2a``: Nghị định 07,
    Điều 3, khoản 2, điểm a); reasons and explanations print it.
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    status: Status
    decided_by: Path_
    when: str


class Designation(Cited):
    """A further mark given after the class (e.g. low-income worker, Nghị định 30/2025)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Text
    when: str
    applies_from: date | None = None  # reviews before this date do not give the mark (left empty)
    note: Text | None = None


class Programme(Cited):
    """A support programme whose window opens when a household's escape from poverty is recognized.

    ``months`` is the window, counted from the recognition date
    (:func:`poverty_rules.vocabulary.day.eligible_until`); ``valid_from`` / ``valid_to`` date the
    regime: an escape recognized after ``valid_to`` opens no window (``valid_to`` empty: no end
    known). ``serves`` lists the statuses a household must have now to be supported in its window
    (e.g. ``near_poor`` only, for health-insurance support of near-poor households).
    """

    label: Text
    months: int = Field(gt=0, le=1200)
    valid_from: date
    valid_to: date | None = None
    serves: list[Status] = Field(min_length=1)

    @field_validator("months", mode="before")
    @classmethod
    def _months_not_yes_or_no(cls, v: Any) -> Any:
        """``months: yes`` is YAML's true, which the whole-number field would read as 1: refused."""
        if isinstance(v, bool):
            raise PydanticCustomError("int_type", "Input should be a valid integer, not yes/no/true/false")
        return v

    @model_validator(mode="after")
    def _regime_dates(self) -> Programme:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise PydanticCustomError("dates_order", "valid_to is before valid_from")
        return self

    def eligible_until(self, recognized_on: date) -> date:
        """Last eligible day of this programme's window for an escape recognized that day."""
        return eligible_until(recognized_on, self.months)

    def opens_for(self, recognized_on: date) -> bool:
        """Whether an escape recognized that day opens this programme's window (before its regime ended)."""
        return self.valid_to is None or recognized_on <= self.valid_to


class Fields(_Model):
    """The household-level and member-level fields a standard's ``deprived_when`` rules read.

    Declared in the ruleset and checked at load time against the rules (no more, no fewer) and
    against the field catalogue (:mod:`poverty_rules.rules.fields`).
    """

    household: list[str] = []
    member: list[str] = []


class NotDefined(_Model):
    """Something the law (as far as we have read it) does not define; the ruleset says so."""

    id: str
    note: Text
    confidence: Confidence
    #: The instrument behind the declaration: for an indicator or a mark the standard before it had and this one
    #: drops, the article that drops it (``rulesets check`` asks for it, docs/rulesets.md).
    reference: str | None = Field(default=None, min_length=3)


class Removed(Cited):
    """What a local standard drops from its national base (``remove: true``), citing why.

    Kept on the merged ruleset so that ``rulesets diff`` shows the instrument behind each removal.
    """

    section: str
    id: str


class Ruleset(_Model):
    """A standard (chuẩn nghèo) as data. See docs/rulesets.md for the format."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    version: str
    title: Text
    legal_basis: str
    valid_from: date
    valid_to: date
    sources: list[str] = Field(min_length=1)
    extends: str | None = None
    example: bool = False
    not_defined: list[NotDefined] = []
    parameters: dict[str, Parameter]
    #: the dimensions by id, each with its name (vi/en): every indicator's ``dimension`` is one of them
    dimensions: dict[str, Dimension] = {}
    indicators: list[Indicator] = Field(min_length=1)
    derived: list[Derived] = []
    classes: list[ClassRule] = Field(min_length=1)
    designations: list[Designation] = []
    programmes: dict[str, Programme] = {}
    fields: Fields = Fields()
    #: a local standard's removals from its base (docs/rulesets.md, "Local standards")
    removed: list[Removed] = []
    #: the parameters a local standard's file sets while it keeps its base's class table: the class rules
    #: cite the base's articles, so a reason cites these parameters' own references beside them
    local_parameters: list[str] = []
    #: of :attr:`local_parameters`, those the file sets for one area only, with that area: the other area keeps
    #: its base's line, which the class's article covers, so its households' reasons cite no local instrument
    local_areas: dict[str, list[str]] = {}
    _compiled: CompiledRuleset | None = PrivateAttr(default=None)
    _source: str = PrivateAttr(default="<ruleset>")
    _lines: Lines = PrivateAttr(default_factory=dict)
    _proved: bool = PrivateAttr(default=False)

    @model_validator(mode="after")
    def _dates(self) -> Ruleset:
        if self.valid_to < self.valid_from:
            raise PydanticCustomError("dates_order", "valid_to is before valid_from")
        return self

    @property
    def label(self) -> str:
        """The id and version, as written into the ``ruleset`` output column.

        An overlay (whose merged ``extends`` holds its base's label, see :mod:`poverty_rules.overlay`)
        names both: ``vn-2022-2026@2025.02+example-province-2026@2``.
        """
        own = f"{self.id}@{self.version}"
        return f"{self.extends}+{own}" if self.extends else own

    @property
    def paths(self) -> set[str]:
        """Which income paths ('income', 'score') this standard defines."""
        return {c.decided_by for c in self.classes}

    def indicator(self, indicator_id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on <= self.valid_to

    def compiled(self) -> CompiledRuleset:
        """Every rule text parsed once, by the loader (:func:`poverty_rules.rules.loader.load_file`)."""
        if self._compiled is None:
            raise RuntimeError(f"ruleset {self.id} was not loaded with load_ruleset: its rules are not parsed")
        return self._compiled

    def attach(self, compiled: CompiledRuleset, source: str, lines: Lines) -> None:
        """Keep the parsed rules, the file and its key lines on the ruleset (called once, by the loader)."""
        self._compiled, self._source, self._lines = compiled, source, lines

    @property
    def source(self) -> str:
        """The file the ruleset was loaded from."""
        return self._source

    def line_of(self, *loc: Any) -> int | None:
        """The line of a key in the ruleset's file (``line_of("classes", 2, "when")``), if known."""
        return line_for(self._lines, tuple(loc))

    @property
    def proved(self) -> bool:
        """Whether the engine has proved the class list exhaustive (:mod:`poverty_rules.engine.checks`)."""
        return self._proved

    def mark_proved(self) -> None:
        self._proved = True

    # The library layer (poverty_rules.api) registers the classifiers on import; the rules layer
    # never imports upward, so these two methods look them up in _LIBRARY. Every public name of the
    # package (pr.load_ruleset, pr.Ruleset …) imports poverty_rules.api first (poverty_rules/__init__.py).
    def classify(self, frame: Any, **kwargs: Any) -> pd.DataFrame:
        """Classify a DataFrame of households with this ruleset (see :func:`poverty_rules.classify`)."""
        return _library("classify")(frame, ruleset=self, **kwargs)

    def classify_one(self, household: Any, **kwargs: Any) -> OneResult:
        """Classify one :class:`poverty_rules.Household` (see :func:`poverty_rules.classify_one`); the result is a
        :class:`poverty_rules.Result`, typed as :class:`OneResult` (what it holds, read only): the rules layer may
        not name the library's ``Result``, even for a type checker (imports run one way)."""
        return _library("classify_one")(household, ruleset=self, **kwargs)


class OneResult(Protocol):
    """What ``Ruleset.classify_one`` gives, as a type checker sees it: the fields of :class:`poverty_rules.Result`
    (models.py), read only, and ``.explain(lang)``. ``Result`` is one (poverty_rules.api registers its
    ``classify_one`` as returning it; tests/test_library.py keeps the two lists of fields the same)."""

    @property
    def household_id(self) -> str: ...
    @property
    def status(self) -> HouseholdStatus: ...
    @property
    def deprivation_count(self) -> int: ...
    @property
    def deprived(self) -> list[str]: ...
    @property
    def decided_by(self) -> Literal["income", "score", ""]: ...
    @property
    def ruleset(self) -> str: ...
    @property
    def undetermined_by(self) -> list[str]: ...
    @property
    def designations(self) -> dict[str, bool | None]: ...
    @property
    def transition(self) -> str | None: ...
    @property
    def eligible_until(self) -> date | None: ...
    @property
    def reasons(self) -> dict[str, str]: ...
    @property
    def local(self) -> OneResult | None: ...
    def explain(self, lang: Lang = "vi") -> str: ...


_LIBRARY: dict[str, Callable[..., Any]] = {}


def register_library(*, classify: Callable[..., pd.DataFrame], classify_one: Callable[..., OneResult]) -> None:
    """Called by :mod:`poverty_rules.api` on import: the functions behind ``Ruleset.classify*`` (so a type
    checker sees that the library's ``Result`` is a :class:`OneResult`)."""
    _LIBRARY.update(classify=classify, classify_one=classify_one)


def _library(name: str) -> Callable[..., Any]:
    if name not in _LIBRARY:
        raise RuntimeError(
            "the library is not loaded: get the ruleset from pr.load_ruleset (import poverty_rules as pr), "
            "or import poverty_rules.api, to classify with it"
        )
    return _LIBRARY[name]


@dataclass(frozen=True)
class CompiledRuleset:
    """A ruleset with every rule text parsed once, ready for the engines."""

    ruleset: Ruleset
    classes: tuple[ex.Expr, ...]
    derived: dict[str, ex.Expr]
    designations: dict[str, ex.Expr]
    indicator_rules: dict[str, ex.Expr]
    #: for each class rule, the input fields (flag columns included) it depends on
    class_inputs: tuple[tuple[str, ...], ...] = field(default=())
