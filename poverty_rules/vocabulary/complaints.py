"""A record's complaints in each language: pydantic's errors about a household (``pr.Household``) or a
member (``Member``) worded as the command line says a file's cells, naming the field, what was expected
and the value given (the words: ``RECORD_ERROR`` and the ``hh_`` messages of words.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Self

from pydantic import BaseModel, ValidationError
from pydantic.config import ExtraValues

from ..errors import HouseholdError
from . import words as W
from .flags import FLAG_SPELLINGS


class Said(ValueError):
    """A check's complaint worded in each language (``texts``: the message ``key`` of words.py); ``str()``
    the English. Pydantic keeps it with its complaint, so :class:`HouseholdError` says it in either."""

    def __init__(self, key: str, /, **values: Any) -> None:
        self.texts = W.texts(key, **values)
        super().__init__(self.texts["en"])

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as it is (a :class:`HouseholdError` carries it among pydantic's complaints), not rebuilt
        through ``__init__``, which takes a message key."""
        return (_said_again, (self.args,), self.__dict__)


def _said_again(args: tuple[Any, ...]) -> Said:
    """A :class:`Said` with message ``args``, made without its ``__init__`` (unpickling)."""
    return Said.__new__(Said, *args)


def _where(loc: tuple[int | str, ...]) -> str:
    """A complaint's field as a user names it: ``members[1].age``, ``deprived``."""
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(loc))


def _complaint(error: Any, lang: str) -> str:
    """One of pydantic's complaints about a household record in ``lang``: its field, what was expected and
    the value given (a check of this module: its own words)."""
    context = dict(error.get("ctx") or {})
    said = context.pop("error", None)
    where, message = _where(tuple(error["loc"])), str(error["msg"]).removeprefix("Value error, ")
    message = message.removeprefix("Invalid JSON: ")  # json_invalid: the words say it is not JSON
    if isinstance(said, Said):
        return said.texts[lang]
    if isinstance(said, HouseholdError) and said.errors:  # a member's complaints: each at its member's field
        return "; ".join(_complaint({**e, "loc": (*error["loc"], *e["loc"])}, lang) for e in said.errors)
    if isinstance(said, HouseholdError):  # a member's check, worded in each language: at its member
        return f"{where}: {said.texts[lang]}" if where else said.texts[lang]
    if isinstance(context.get("expected"), str) and lang == "vi":  # pydantic writes "'rural' or 'urban'"
        context["expected"] = context["expected"].replace(" or ", f" {W.WORDS['or']['vi']} ")
    got = repr(error.get("input"))
    values = {**context, "where": where, "got": got if len(got) <= 60 else got[:59] + "…", "flags": FLAG_SPELLINGS}
    try:
        text = W.RECORD_ERROR.get(error["type"], W.RECORD_ERROR["other"])[lang].format(message=message, **values)
    except (KeyError, IndexError):  # a value the words expect that pydantic did not give
        text = W.RECORD_ERROR["other"][lang].format(where=where, message=message)
    return text if where else text.removeprefix(": ")


def record_error(errors: Sequence[Any], household: Any = None) -> HouseholdError:
    """Pydantic's complaints (``ValidationError.errors()``) about a record as one :class:`HouseholdError`,
    in vi and en, naming the household when its code was given."""
    texts = {}
    for lang in ("vi", "en"):
        complaints = "; ".join(_complaint(e, lang) for e in errors)
        named = isinstance(household, str | int) and str(household).strip()
        texts[lang] = W.msg("hh_record", lang, household=household, complaints=complaints) if named else complaints
    return HouseholdError(texts, list(errors))


class CheckedRecord(BaseModel):
    """A record (``pr.Household``, ``Member``) whose checks raise :class:`HouseholdError` in vi and en, built
    as ``Record(**fields)``, ``Record.model_validate(obj)`` (a table's row, a web form's fields),
    ``Record.model_validate_json(body)`` or ``Record.model_validate_strings(fields)``, never
    pydantic's English ``ValidationError``; a subclass words its complaints in :meth:`_said`."""

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise type(self)._said(exc, data) from None

    @classmethod
    def model_validate(
        cls,
        obj: Any,
        *,
        strict: bool | None = None,
        extra: ExtraValues | None = None,
        from_attributes: bool | None = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """The record of ``obj``, checked as ``Record(**obj)`` is."""
        try:
            return super().model_validate(
                obj,
                strict=strict,
                extra=extra,
                from_attributes=from_attributes,
                context=context,
                by_alias=by_alias,
                by_name=by_name,
            )
        except ValidationError as exc:
            raise cls._said(exc, obj) from None

    @classmethod
    def model_validate_json(
        cls,
        json_data: str | bytes | bytearray,
        *,
        strict: bool | None = None,
        extra: ExtraValues | None = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """The record of a JSON text (a web request's body), checked as ``Record(**fields)`` is; a text that
        is not JSON, or not one object, is said as its other complaints are."""
        try:
            return super().model_validate_json(
                json_data, strict=strict, extra=extra, context=context, by_alias=by_alias, by_name=by_name
            )
        except ValidationError as exc:
            raise cls._said(exc, json_data) from None

    @classmethod
    def model_validate_strings(
        cls,
        obj: Any,
        *,
        strict: bool | None = None,
        extra: ExtraValues | None = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """The record of a mapping of texts (a query string's or a form's fields), checked as
        ``Record(**fields)`` is."""
        try:
            return super().model_validate_strings(
                obj, strict=strict, extra=extra, context=context, by_alias=by_alias, by_name=by_name
            )
        except ValidationError as exc:
            raise cls._said(exc, obj) from None

    @classmethod
    def _said(cls, exc: ValidationError, given: Any) -> HouseholdError:
        """Pydantic's complaints about the record built from ``given`` as one :class:`HouseholdError`."""
        return record_error(exc.errors())
