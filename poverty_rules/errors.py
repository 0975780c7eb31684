"""Every expected failure of poverty-rules, in one place.

Each error class carries the exit code the command line ends with (design.md, "Command line"):
``2`` when the command or its input is unusable and nothing was written, ``1`` when some rows were
rejected and every other row was classified. The CLI maps these classes to messages and codes; no
traceback reaches a user. Library callers catch :class:`PovertyRulesError` (or one subclass).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:  # a type only: importing errors stays light (the CLI's start-up, docs/architecture.md)
    import pandas as pd

EXIT_OK, EXIT_REJECTS, EXIT_UNUSABLE = 0, 1, 2


class PovertyRulesError(Exception):
    """Base of every expected failure; ``exit_code`` is what the command line exits with (0 / 1 / 2: docs/design.md,
    "Command line").

    ``texts`` holds the message in each language when the raiser wrote both (``{"vi": …, "en": …}``,
    the words from :mod:`poverty_rules.vocabulary.words`); ``str(exc)`` is the English one, or, raised by a
    library call with a ``lang`` (``pr.classify(df, lang="vi")``, the default), the one in that language
    (:func:`said_in`); :meth:`in_lang` gives each, and is what the command line prints under ``--lang``.
    """

    exit_code: int = EXIT_UNUSABLE
    texts: dict[str, str] = {}

    def in_lang(self, lang: str) -> str:
        """The message in ``lang`` when the raiser wrote it, else ``str(self)``."""
        return self.texts.get(lang) or str(self)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as it is (its message, texts, rejects …), not rebuilt through ``__init__``, whose arguments
        differ from its message for most classes: an error raised in a worker process (``multiprocessing``,
        ``concurrent.futures``, Dask) reaches the caller as itself, not as a broken pool or a TypeError."""
        return (_raised_again, (type(self), self.args), self.__dict__)

    @classmethod
    def of(cls, texts: dict[str, str]) -> Self:
        """The error with its message in both languages (for classes built from one message)."""
        exc = cls(texts["en"])
        exc.texts = dict(texts)
        return exc


def _raised_again(cls: type[BaseException], args: tuple[Any, ...]) -> BaseException:
    """An error of class ``cls`` with message ``args``, made without its ``__init__`` (unpickling: its
    attributes are set from the pickled state)."""
    return cls.__new__(cls, *args)


class ArgumentError(PovertyRulesError, ValueError):
    """A library argument that is not one of the values it takes (``engine="x"``, ``as_of="2025-13-01"``,
    ``blank_flags``, ``lang``, ``errors``): said in each language (``texts``, raised with :meth:`of`), so the
    library says it in its call's ``lang`` as the command line says its options; a ``ValueError``, as before."""


class ArgumentTypeError(PovertyRulesError, TypeError):
    """A library argument of the wrong kind (a dict where a ``pr.Household`` is taken, a list where a
    DataFrame is): said in each language, as :class:`ArgumentError`; a ``TypeError``, as before."""


class ExpressionError(PovertyRulesError, ValueError):
    """A rule text that is not in the language. ``column`` is 1-based within the text."""

    def __init__(self, message: str, text: str, column: int | None = None) -> None:
        self.text = text
        self.column = column
        #: the reason in each language, without the column and the text (set where it is raised)
        self.whys: dict[str, str] = {}
        where = f" at column {column}" if column else ""
        super().__init__(f"{message}{where} in expression: {text}")
        self.reason = message


class RulesetError(PovertyRulesError, ValueError):
    """A ruleset that cannot be used; the message names file, line and reason (the reason alone where no
    file is at fault, ``file`` empty: no national standard in force on the date asked). ``reasons``: the reason
    in each language, without the file and line, when the raiser gave it so (``rules.messages.located``): the
    error can then be said again naming the file another way (:func:`poverty_rules.rules.messages.renamed`).
    What loading refuses: docs/design.md, "Rulesets are data", and docs/rulesets.md."""

    def __init__(
        self,
        file: str | Path,
        line: int | None,
        reason: str,
        *,
        texts: dict[str, str] | None = None,
        reasons: dict[str, str] | None = None,
    ) -> None:
        self.file, self.line, self.reason = str(file), line, reason
        self.reasons = dict(reasons or {})
        shown = os.fsencode(str(file)).decode("utf-8", "backslashreplace")  # a name's bytes not UTF-8: \xNN
        where = f"{shown}:{line}" if line else shown
        super().__init__(f"{where}: {reason}" if where else reason)
        if texts:
            self.texts = texts


class DurableCompileError(RulesetError):
    """A ruleset that cannot be expressed within durable-rules' limits."""

    def __init__(self, reason: str) -> None:
        super().__init__("<durable-rules>", None, reason)


class InputError(PovertyRulesError):
    """The file as a whole cannot be used (exit code 2, docs/design.md "Command line"); the message says what to do."""


class ReportError(InputError):
    """A reviewed file, history, targets file or report option the report cannot use (exit code 2).

    ``key`` names the message in the vocabulary (``MESSAGES``) and ``values`` fill it, so the command
    line says it in the user's language; ``str()`` is the English text."""

    def __init__(self, message: str, key: str = "", values: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.values = dict(values or {})


class OutputError(PovertyRulesError):
    """An output that cannot be written where asked (unknown extension, missing folder, an input's
    name); exit code 2, nothing written."""


class OutputsNotPlaced(OutputError):
    """A set of outputs (:func:`poverty_rules.data.output_set.one_set`) that could not all be put in place:
    ``placed`` were, ``missing`` keep their earlier version (or are absent); the message says why."""

    def __init__(self, message: str, *, placed: list[Path], missing: list[Path]) -> None:
        super().__init__(message)
        self.placed, self.missing = list(placed), list(missing)


class HistoryError(PovertyRulesError, RuntimeError):
    """The history file cannot be used (not a database, or written by a newer version)."""


class HistoryInputError(PovertyRulesError, ValueError):
    """What the history refuses to record (a lists file without a readable status or date, a computed
    review in the way of an import); exit code 2, nothing written. Raised with :meth:`of`."""


class ScenarioError(PovertyRulesError, ValueError):
    """A scenario case file (``poverty-rules test``) that cannot be read, or a case naming an indicator
    no ruleset of it has; exit code 2. Raised with :meth:`of` (the message in both languages)."""


class MissingExtraError(PovertyRulesError, ImportError):
    """An option needs an optional extra that is not installed (``--dask`` needs ``poverty-rules[dask]``)."""


class RowErrors(PovertyRulesError, ValueError):
    """Some rows could not be classified; ``rejects`` says which, where and why (exit code 1, docs/design.md
    "Command line": the rejects file's row, column and reason).

    ``classified`` holds every other row, classified (the library's result without the bad rows),
    or ``None`` when nothing was classified. ``texts``: the message in each language it was worded in
    (the library words it: ``api._row_errors``, from vocabulary/words.py); ``str()`` is the one in the ``lang``
    of the call that raised it (``pr.classify(df)``: Vietnamese, its default), ``in_lang("en")`` the whole message
    in English. ``rejects`` keeps the reasons in the call's language (the table is read once, in that language);
    the English message of a call in another language is worded when first asked for (``english``: the table's
    cells read again in English, their reasons only), and before the error is pickled; of a dask.dataframe that
    is another pass over its partitions, made then only.
    """

    exit_code = EXIT_REJECTS

    def __init__(
        self,
        rejects: pd.DataFrame,
        texts: dict[str, str],
        classified: pd.DataFrame | None = None,
        english: Callable[[], str] | None = None,
    ) -> None:
        self.rejects = rejects
        self.classified = classified
        self.texts = dict(texts)
        self._english = english
        super().__init__(texts["en"])

    def in_lang(self, lang: str) -> str:
        """The message in ``lang``: English worded from the reasons read in English when the call read the
        table in another language."""
        english = getattr(self, "_english", None)
        if lang == "en" and english is not None:
            self.texts["en"], self._english = english(), None
        return super().in_lang(lang)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its English message worded (a function is not pickled: see ``english``)."""
        self.in_lang("en")
        return super().__reduce__()


class Note(UserWarning):
    """What the command line says as a note (``lưu ý``), for a library user: a column left out, member
    rows that belong to no household, incomes that look typed in thousands … The call goes on; the
    library issues each with :func:`warnings.warn` and keeps them in ``Classified.notes`` (the notes docs/design.md,
    "Command line", has ``classify`` say on stderr)."""


class HouseholdError(PovertyRulesError, ValueError):
    """A household record (``pr.Household(...)``) the library cannot take: each complaint names its field
    and what was expected, in each language (``texts``; ``str()`` the English, ``in_lang("vi")`` the
    Vietnamese, as the command line says a file's errors). ``errors``: pydantic's complaints as it gave
    them (empty for a check the library made itself). A ``ValueError``, as pydantic's error was."""

    def __init__(self, texts: dict[str, str], errors: list[Any] | None = None) -> None:
        self.texts = dict(texts)
        self.errors = list(errors or [])
        super().__init__(texts["en"])


@contextmanager
def said_in(lang: str) -> Iterator[None]:
    """A library call's errors said in its ``lang`` (``str(exc)``, what a traceback or a notebook shows):
    ``pr.classify(df, lang="vi")`` says "1 dòng không phân loại được: dòng 2: area = 'x': phải là …", and
    ``pr.af_measures(t, lang="vi")`` its errors likewise; ``exc.in_lang(l)`` still gives each language."""
    try:
        yield
    except PovertyRulesError as exc:
        if lang != "en" and exc.in_lang(lang) != str(exc):
            exc.args = (exc.in_lang(lang),)
        raise
