"""What ``report`` says to the user — refusals and errors — in the user's language (docs/reports.md).

Every failure of the reports layer is a :class:`~poverty_rules.errors.ReportError` built by
:func:`report_error` from a message of the vocabulary (``MESSAGES``, keys ``rep_*`` and ``af_*``): its
text is English for library callers, and :func:`say` gives it again in Vietnamese for ``--lang vi``.
"""

from __future__ import annotations

from ..errors import ReportError
from ..vocabulary.words import msg, texts


def report_error(key: str, **values: object) -> ReportError:
    """The error ``key`` (English text), keeping what it needs to be said in another language, and its
    text in each (``in_lang("vi")``: a library caller of ``pr.af_measures`` / ``pr.report_forms`` shows it
    in Vietnamese as the command line does)."""
    error = ReportError(msg(key, "en", **values), key, values)
    error.texts = texts(key, **values)
    return error


def say(error: ReportError, lang: str) -> str:
    """``error``'s message in ``lang`` (its own text when it names no message)."""
    return msg(error.key, lang, **error.values) if error.key else str(error)
