"""What every command needs before its work starts, importing nothing heavy (no pandas, no engine):
the stderr console, reporting errors, the shared options, and :func:`load`, the one place the command
line imports a module late (docs/architecture.md, "Start-up").

Every failure a user can meet ends here: :func:`fail` for what a command checks itself, and
:class:`GuardedCommand` / :class:`GuardedGroup`, which map every
:class:`~poverty_rules.errors.PovertyRulesError` to its message and exit code and turn anything
unexpected into exit code 2 with one line and where to report it — no traceback reaches a user.
User text (file names, cell values, messages) is never read as rich markup.
"""

from __future__ import annotations

import atexit
import contextlib
import difflib
import gc
import gettext
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast

import click
import pyarrow as pa

from .._late import late_attribute
from ..data.read import ENCODINGS
from ..errors import EXIT_OK, EXIT_REJECTS, EXIT_UNUSABLE, PovertyRulesError
from ..vocabulary import words as L
from ..vocabulary.choices import BLANK_FLAGS, ENGINES, LANGS
from ..vocabulary.day import date_parts, parse_date

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

__all__ = ["EXIT_OK", "EXIT_REJECTS", "EXIT_UNUSABLE", "escape"]

#: click settings every command shares: -h as well as --help, and help text 100 columns wide.
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

#: What an unexpected failure asks the user to do.
REPORT_TO = "please report it to the poverty-rules maintainers with the command you ran and this line"

F = TypeVar("F", bound=Callable[..., Any])


#: The exit handlers registered (once per process, by the first command run).
_REGISTERED: list[Callable[[], None]] = []

#: Whether the program holds garbage collection until its work is imported (:func:`start_program`).
_HELD = {"collector": False, "words": False}

#: click's own words (usage errors, help headings) in Vietnamese: a gettext catalog of click's default
#: domain, ``messages`` (source: ``messages.po`` beside it), used in the program's own process.
LOCALE = Path(str(resources.files("poverty_rules") / "locale"))

#: The language of messages: the one ``--lang`` names, read from the command's arguments before click
#: parses them (:class:`GuardedCommand`; Vietnamese, the default, when none is named).
_LANG = {"lang": "vi"}


def current_lang() -> str:
    return _LANG["lang"]


@cache
def stderr() -> Console:
    """The stderr console (rich), made when first written to: a quiet run never makes it, and importing
    rich's console and markup (0.02 s) was the largest import before the input's reading thread starts
    (docs/architecture.md, "Start-up")."""
    console: type[Console] = late_attribute("rich.console:Console")
    return console(stderr=True, highlight=False, soft_wrap=True)


def stdout() -> Console:
    """A stdout console (rich) for a command's tables: rich's console imported with the first one made."""
    console: type[Console] = late_attribute("rich.console:Console")
    return console(highlight=False, soft_wrap=True)


def new_table(title: str) -> Table:
    """A rich table, rich's table module imported when a table is first made: a quiet review prints none
    (0.014 s of its start)."""
    table: type[Table] = late_attribute("rich.table:Table")
    return table(title=title)


def escape(text: str) -> str:
    """``text`` shown as it is in a rich message (its square brackets escaped: user text is never markup; a
    file name's bytes that are not UTF-8 shown as ``\\xNN``, :func:`~poverty_rules.vocabulary.words.printable`)."""
    return cast(str, late_attribute("rich.markup:escape")(L.printable(text)))


def fail(message: str, code: int = EXIT_UNUSABLE) -> NoReturn:
    """Stop with exit code 2 (default): the command or its input is unusable; nothing was written."""
    stderr().print(f"[bold red]{L.CLI['error'][current_lang()]}:[/] {escape(message)}", markup=True)
    sys.exit(code)


def note(message: str) -> None:
    """A note for the officer on stderr (a column left out, member cells read as unknown …); none under ``-q``
    (:func:`quiet_option`)."""
    if _QUIET["on"]:
        return
    stderr().print(f"[yellow]{L.CLI['note'][current_lang()]}:[/] {escape(message)}", markup=True)


def summary(message: str) -> None:
    """What a command did, said on stderr (``report``'s files written, ``history import``'s reviews recorded);
    nothing under ``-q`` (:func:`quiet_option`)."""
    if not _QUIET["on"]:
        stderr().print(escape(message))


def working(text: str) -> contextlib.AbstractContextManager[object]:
    """A spinner on stderr saying ``text`` while a long piece of work runs (a terminal's only); none under ``-q``."""
    if _QUIET["on"]:
        return contextlib.nullcontext()
    return stderr().status(text, spinner="dots")


#: Whether the command running was given ``-q`` (:func:`quiet_option`); set again as each command's
#: arguments are parsed (:class:`GuardedCommand`), so that one run's ``-q`` never quiets the next in a process.
_QUIET = {"on": False}


def _set_quiet(_ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    _QUIET["on"] = bool(value)
    return value


def quiet_option(func: F) -> F:
    """``-q`` / ``--quiet`` of a command that writes its result to stdout or a file (``report``, ``explain``,
    ``eligible``, ``history …``): its notes, the summary and the spinner on stderr are left out; errors are
    still said, as ``classify -q`` and ``review -q`` say them (docs/design.md, "Command line")."""
    return click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_set_quiet,
        help=L.OPTION_HELP["quiet"],
    )(func)


def _exit_without_collecting() -> None:
    """At exit, leave the objects alive then to the operating system (``gc.freeze``): the
    interpreter's last garbage collections walk every object pandas, pydantic and the run made,
    0.11-0.13 s of a 1M-household ``classify`` spent after its outputs are in place. Exit handlers
    still run and open files are still flushed; the outputs are committed before this."""
    gc.freeze()


def arrow_memory(environ: Mapping[str, str] = os.environ) -> str:
    """Give Arrow's buffers to jemalloc rather than to pyarrow's default, mimalloc, unless the user chose
    an allocator (``ARROW_DEFAULT_MEMORY_POOL``) or pyarrow was built without jemalloc; returns the
    allocator in use. Done by the program (:func:`start_program`).

    Why: a streamed run frees and allocates batch-sized buffers again and again. mimalloc gives the
    freed pages back to the system and takes fresh ones, which the kernel must zero first (perf: a
    fifth of a 1M-household ``classify``'s CPU in ``clear_page_erms``, under mimalloc's page
    allocation); jemalloc keeps them for a second and reuses them: 0.15-0.3 s less CPU and 0.08 s less
    wall for a million households, and a lower peak (docs/scale.md).
    """
    if "ARROW_DEFAULT_MEMORY_POOL" not in environ:
        with contextlib.suppress(NotImplementedError):  # a pyarrow built without jemalloc: its default stays
            pa.set_memory_pool(pa.jemalloc_memory_pool())
    return str(pa.default_memory_pool().backend_name)


def start_program() -> None:
    """Set up the program's own process (``poverty-rules``, ``classify``, ``python -m poverty_rules``:
    poverty_rules/__main__.py), before its command runs; the library, and a command run inside another
    program (click's test runner), leave their process as it is.

    * Garbage collection, which poverty_rules/__main__.py turned off before its first import, stays off
      until the command's work is imported (:func:`load`): start-up imports make objects, not
      garbage, yet the collector walked them 20 times (a full pass at 0.33 s: 0.03-0.04 s of the
      classifying thread before its first batch, ``gc.callbacks``). :func:`load` then freezes what
      the imports made (later collections skip it) and turns the collector on.
    * Arrow's buffers from jemalloc (:func:`arrow_memory`).
    * click's own words — usage errors such as "No such option", help headings — in the language of
      ``--lang`` (Vietnamese unless ``--lang en``): click translates them with gettext, in the domain
      this binds to poverty_rules/locale/ (:data:`LOCALE`; :class:`GuardedCommand` looks for ``--lang``
      in the arguments first, as a wrong option stops click before it reads ``--lang``).
    * A stop asked from outside — Ctrl-C (``SIGINT``), or ``SIGTERM`` from ``kill``, a service manager or
      a scheduler's time limit — ends the command the same way (:func:`_stop`): the files being
      written are removed, the history's transaction is rolled back, and one line says so (exit 2),
      where ``SIGTERM`` ended the process at once, leaving its temporary files (``.out.csv.*.tmp``,
      hundreds of MB) beside the outputs, and Ctrl-C exited 1 ("some rows rejected") with click's
      "Aborted!".
    * Standard output and error written through a code page that has no Vietnamese letters (Windows'
      cp1252 or cp1258 when the output goes to a file: ``explain ho.csv HC-01-0007 > giai_thich.txt``),
      which stopped the command with an unexpected ``UnicodeEncodeError``, are written as UTF-8
      (:func:`_vietnamese_streams`).
    * Output to a pipe that closes early (``poverty-rules rulesets list | head -3``) ends the program
      quietly, as it ends any command-line tool (the system's default for ``SIGPIPE``), instead of
      reporting a broken pipe as an unexpected failure. Files are written by the program itself, never
      through its standard output, so no output file is cut short this way.
    """
    _HELD["collector"] = not gc.isenabled()
    _HELD["words"] = True
    gettext.bindtextdomain("messages", str(LOCALE))
    arrow_memory()
    _vietnamese_streams()
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    sys.unraisablehook = _lost_stop


def _vietnamese_streams() -> None:
    """Standard output and error as UTF-8 when their encoding cannot write Vietnamese ('ộ', 'ư', 'đ'): a
    file or pipe the program's output is sent to on Windows is written in the locale's code page, and
    cp1252 / cp1258 have no precomposed Vietnamese letters. A console, or a stream that writes them, is
    left as it is."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        reconfigure = getattr(stream, "reconfigure", None)
        if not encoding or reconfigure is None:
            continue
        try:
            "Hộ nghèo ư đ".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            with contextlib.suppress(Exception):
                reconfigure(encoding="utf-8")


def _stop(signum: int, frame: object) -> None:
    """Ctrl-C (``SIGINT``) or ``SIGTERM``: stop the command (:func:`_guarded` says it, and the writers remove
    their temporary files as the stop unwinds them). Every later stop is ignored from now on: a second Ctrl-C
    of an impatient officer, pressed while the first one's cleanup ran, cut it short — the temporary files
    (``.out.csv.*.tmp``, hundreds of MB) left beside the outputs, and, arriving as the line was said, click's
    "Aborted!" with exit 1 ("some rows rejected")."""
    for each in (signal.SIGINT, signal.SIGTERM):
        signal.signal(each, signal.SIG_IGN)
    raise KeyboardInterrupt


def _lost_stop(unraisable: Any) -> None:
    """``sys.unraisablehook``: a stop (:func:`_stop`) that came while Python ran a finalizer or a weak reference's
    callback (an import's module lock) could not stop the run — Python prints such an exception as 'Exception
    ignored in …' with its traceback and goes on. Said so, that stop is lost: the next Ctrl-C or ``SIGTERM``
    stops the run again, and no traceback reaches the user. Any other such exception is printed as Python does."""
    if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
        with contextlib.suppress(ValueError):  # only the main thread sets handlers (and only it runs them)
            for each in (signal.SIGINT, signal.SIGTERM):
                signal.signal(each, _stop)
        return
    sys.__unraisablehook__(unraisable)


def end_program(code: int | str | None) -> NoReturn:
    """Leave the program's process with ``code`` (what the command's ``SystemExit`` carried) once the
    command has returned: its outputs are committed and closed by then.

    The exit handlers run and the standard streams are flushed, then the process ends at once
    (``os._exit``) instead of tearing the interpreter down — freeing every module's objects one by one,
    0.02-0.04 s after a 1M-household ``classify`` (7 alternating runs: 1.25 -> 1.23 s). If a thread that
    is not a daemon is still running (a library's worker), the interpreter ends as usual, waiting for it.
    """
    if code is None:
        status = EXIT_OK
    elif isinstance(code, int):
        status = code
    else:  # a message, as sys.exit("...") gives: printed, exit status 1
        print(code, file=sys.stderr)
        status = 1
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        sys.exit(status)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(status)


def _resume_collecting() -> None:
    """Garbage collection on again after the work's imports, if the program held it (:func:`start_program`)."""
    if _HELD["collector"]:
        _HELD["collector"] = False
        gc.freeze()
        gc.enable()


def _guarded(call: Callable[[], Any], db: object = None) -> Any:
    """Run a command: expected failures give their message and exit code, anything else exit 2. ``db``: the
    command's history file (its ``--db``), named when SQLite finds it damaged inside (:func:`_history_refusal`)."""
    if _exit_without_collecting not in _REGISTERED:
        _REGISTERED.append(_exit_without_collecting)
        atexit.register(_exit_without_collecting)
    try:
        return call()
    except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
        raise
    except PovertyRulesError as exc:
        fail(exc.in_lang(current_lang()), exc.exit_code)
    except SystemExit:
        raise
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (:func:`_stop`): what was being written is gone by now
        if db is None:  # classify, explain, test, report of a file: no history to speak of
            fail(L.msg("interrupted_no_history", current_lang()))
        fail(L.CLI["interrupted"][current_lang()])
    except Exception as exc:  # noqa: BLE001 - the last handler: no traceback reaches a user
        refusal = _history_refusal(exc, db)
        if refusal is not None:
            fail(refusal)
        first = str(exc).splitlines()[0] if str(exc) else ""
        fail(L.CLI["unexpected"][current_lang()].format(what=f"{type(exc).__name__}{': ' + first if first else ''}"))


def _history_refusal(exc: Exception, db: object) -> str | None:
    """What to say when SQLite met ``exc`` reading or writing the history file ``db`` after it opened (a page
    damaged inside it: a bad sector, a copy broken on a USB stick; or locked past the wait): the file named
    and why, as a history that cannot be opened is said (``h_unusable``, ``h_locked``), in the run's language;
    None for any other failure. sqlite3 is looked up, not imported: a run that never imported it met none of
    its errors."""
    sqlite = sys.modules.get("sqlite3")
    if db is None or sqlite is None or not isinstance(exc, sqlite.DatabaseError):
        return None
    lang = current_lang()
    if "locked" in str(exc).lower():
        return L.msg("h_locked", lang, file=db)
    return L.msg("h_unusable", lang, file=db, why=L.sqlite_reasons(exc)[lang])


def _type_word(kind: click.ParamType) -> str:
    """The English placeholder of an option's value type (:data:`~poverty_rules.vocabulary.words.METAVARS`
    words it): from the type itself, as click names types once, in the language of the moment."""
    if isinstance(kind, click.Path):
        return "FILE" if not kind.dir_okay else "DIRECTORY" if not kind.file_okay else "PATH"
    if isinstance(kind, DateParam):
        return "DATE"
    if isinstance(kind, click.types.IntParamType):
        return "INTEGER"
    return "TEXT" if isinstance(kind, click.types.StringParamType) else ""


@contextlib.contextmanager
def _worded_placeholders(params: Sequence[click.Parameter]) -> Iterator[None]:
    """The options' value placeholders (``PATH``, ``DATE`` …) in the run's language while help is written:
    click words a type when the option is made, which for the commands loaded at start-up is before the
    language is known (so ``classify --help`` said PATH in Vietnamese while ``report --help`` said
    ĐƯỜNG DẪN)."""
    lang = current_lang()
    given = [(param, param.metavar) for param in params]
    for param, metavar in given:
        if not isinstance(param, click.Option) or param.is_flag or isinstance(param.type, click.Choice):
            continue
        word = L.METAVARS.get(metavar or _type_word(param.type))
        if word is not None:
            param.metavar = word[lang]
    try:
        yield
    finally:
        for param, metavar in given:
            param.metavar = metavar


def _worded_arguments(params: Sequence[click.Parameter]) -> None:
    """The command's arguments named in the run's language (``TỆP_HỘ`` / ``HOUSEHOLDS``, vocabulary ARGUMENTS):
    on the usage line, and in click's errors, which name an argument as the usage line does ('Thiếu đối số
    'TỆP_HỘ''). Set before the arguments are parsed, each run (the commands are made once, before the
    language is known)."""
    lang = current_lang()
    for param in params:
        words = L.ARGUMENTS.get(param.name or "") if isinstance(param, click.Argument) else None
        if words is not None:
            param.metavar = words[lang]


def _usage_pieces(pieces: list[str]) -> list[str]:
    """click's usage line's placeholders (``[OPTIONS]``, ``COMMAND [ARGS]...``) in the run's language."""
    return [L.METAVARS[piece][current_lang()] if piece in L.METAVARS else piece for piece in pieces]


#: The endings of a file that is a history file (SQLite) by its name.
_HISTORY_ENDINGS = frozenset({".db", ".sqlite", ".sqlite3"})


def _is_history_file(text: str) -> bool:
    """Whether ``text`` names a history file: a ``.db`` / ``.sqlite`` name, or a SQLite file whatever its name."""
    path = Path(text)
    if path.suffix.lower() in _HISTORY_ENDINGS:
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _with_db_hint(command: click.Command, exc: click.UsageError, args: Sequence[str]) -> None:
    """Add to click's "extra argument" refusal of a command with ``--db`` the way to name the history
    file, when the extra argument is one (``history list huyen.db``): click said only "Thừa đối số"."""
    if not any(param.name == "db" for param in command.params) or "--db" in args:
        return
    found = [text for text in args if not text.startswith("-") and f"({text}" in exc.message and _is_history_file(text)]
    if found:
        exc.message = f"{exc.message}\n{L.msg('h_db_positional', current_lang(), file=found[0])}"


def _with_spaced_name(command: click.Command, exc: click.UsageError, args: Sequence[str]) -> None:
    """Add to click's "extra argument" refusal the quotes a file's name with spaces needs, when the words given
    name such a file once joined (``classify ho 2025.csv`` for ``ho 2025.csv``, an option's value too): click said
    only "Thừa đối số (2025.csv)", and the officer sees the file's name written right."""
    if type(exc) is not click.UsageError:  # click's extra arguments: a plain usage error
        return
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    valued = {o for p in command.params if isinstance(p, click.Option) and not p.is_flag for o in p.opts}
    words = [t for at, t in enumerate(args) if not t.startswith("-") and not (at and args[at - 1] in valued)]
    if len(words) <= len(arguments) or any(p.nargs == -1 for p in arguments):
        return
    for start in range(len(args) - 1):  # an option's value too (``--members thanh vien.csv``)
        for end in range(len(args), start + 1, -1):
            if any(text.startswith("-") for text in args[start:end]):
                continue
            name = " ".join(args[start:end])
            if os.path.exists(name):
                exc.message = f"{exc.message}: {L.msg('spaced_name', current_lang(), file=name)}"
                return


def _with_one_file(command: click.Command, exc: click.UsageError, args: Sequence[str]) -> None:
    """Add to click's "extra argument" refusal of a command that reads one file that it reads one a run, when the
    words given are files (``history import ds_2022.csv ds_2023.csv``, ``review thon1.xlsx thon2.xlsx``): click said
    only "Thừa đối số (ds_2023.csv)", as of a word mistyped. How to go on is said per command: ``history import``
    imports each list in turn into the same history, ``review`` reviews the commune's households in one file (a
    review of one village's file would take the others for gone), the others run once per file. A refusal another
    hint has already completed is left as it is."""
    if type(exc) is not click.UsageError or not exc.message.endswith(")"):  # click's own words, not completed
        return
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    if len(arguments) != 1 or arguments[0].nargs != 1:
        return
    valued = {o for p in command.params if isinstance(p, click.Option) and not p.is_flag for o in p.opts}
    words = [t for at, t in enumerate(args) if not t.startswith("-") and not (at and args[at - 1] in valued)]
    if len(words) < 2 or not all(os.path.isfile(word) and not _is_history_file(word) for word in words):
        return
    key = {"review": "one_file_review", "import": "one_file_import"}.get(command.name or "", "one_file")
    exc.message = f"{exc.message}: {L.msg(key, current_lang(), count=len(words))}"


def _with_choices(command: click.Command, exc: click.UsageError) -> None:
    """Add the values an option of a few (``--lang``: vi, en) takes to click's refusal of it given without
    its value (``classify ho.csv --lang``): click said only "Tùy chọn '--lang' cần một giá trị."."""
    name = getattr(exc, "option_name", None)
    for param in command.params:
        if isinstance(param, click.Option) and name in param.opts and isinstance(param.type, click.Choice):
            choices = ", ".join(str(choice) for choice in param.type.choices)
            exc.message = L.msg("choose_from", current_lang(), message=exc.message, choices=choices)
            return


def _squeezed(word: str) -> str:
    """``word`` as a comparison of what was meant reads it: lower case, without dashes and underscores
    (``--as_of``, ``--asof``, ``-as-of``, ``--AS-OF`` all read ``asof``)."""
    return re.sub(r"[-_]", "", word).lower()


def _closest(word: str, known: Sequence[str]) -> list[str]:
    """The one of ``known`` that ``word`` was meant to be: the one that reads as it does once dashes,
    underscores and case are left aside, else the one it is spelt most like (more than one only when they are
    spelt equally like it, none when none is spelt much like it)."""
    squeezed = _squeezed(word)
    same = [each for each in known if _squeezed(each) == squeezed]
    if same:
        return same[:1]
    scores = {each: difflib.SequenceMatcher(None, squeezed, _squeezed(each)).ratio() for each in known}
    best = max(scores.values(), default=0.0)
    return [each for each in known if scores[each] == best] if best >= _CLOSE_ENOUGH else []


#: How alike (difflib's ratio) a wrong word must be to a known one to be named as the one meant: click's own
#: cut-off for the options it suggests.
_CLOSE_ENOUGH = 0.6

#: Values of ``--lang`` an officer types for a language click does not know: Vietnam's country code, the
#: language's name (without its accents, as a shell types it).
_LANG_MEANT = {"vn": "vi", "vie": "vi", "viet": "vi", "tiengviet": "vi", "eng": "en", "english": "en", "anh": "en"}


#: The commands' two date options, each the one meant where the other is typed: ``classify``, ``explain`` and
#: ``eligible`` take ``--as-of``, ``review``, ``report`` and ``history import`` ``--date``; ``classify --date`` was
#: asked "did you mean '--dask'?", ``eligible --date`` "'--db'?", ``report --as-of`` "'--dask'?".
_DATE_TWINS = {"--date": "--as-of", "--as-of": "--date", "--asof": "--date", "--as_of": "--date"}


def _with_closest(command: click.Command, exc: click.UsageError, args: Sequence[str]) -> None:
    """Name the one option or value meant in click's refusal of a wrong one: click names every option spelt
    somewhat like it (``--asof``: '--as-of' or '--dask'?, ``--rulset``: '--quiet', '--ruleset' or '--sheet'?)
    and no value (``--lang vn``). The option meant is the one spelt as it is but for its dashes, underscores
    and case (``--as_of``, ``--asof``, ``-as-of``), or the one glued to its value (``--as-of2025-12-01``),
    else the one spelt most like it; a value meant of an option of a few values (``--lang``, ``--engine``),
    the one spelt most like it. A word that begins with a dash and a digit (``explain ho.csv -7``: a household
    code) is said to be read as an option, and how to give it as a value (``-- -7``)."""
    if isinstance(exc, click.NoSuchOption):
        longs = [opt for param in command.get_params(exc.ctx or click.Context(command)) for opt in param.opts]
        longs = [opt for opt in longs if opt.startswith("--")]
        name = exc.option_name
        typed = next((a for a in args if a.startswith(name) and not a.startswith("--") and len(a) > 2), None)
        if typed is not None:  # ``-as-of``: click read it as the short options -a -s …
            name = typed.partition("=")[0]
        twin = _DATE_TWINS.get(name.lower())
        meant = [twin] if twin in longs else _closest(name, longs)
        glued = [opt for opt in longs if name.startswith(opt) and len(name) > len(opt)]
        if not meant and glued:
            meant = [max(glued, key=len)]
        if meant:
            if name != exc.option_name:
                exc.message = exc.message.replace(repr(exc.option_name), repr(name))
            exc.possibilities = meant
        elif re.fullmatch(r"-\d\S*", typed or name) and any(p.name == "household_id" for p in command.params):
            dashed = typed or name  # ``explain ho.csv -7``: a code that begins with a dash, read as an option
            exc.message = exc.message.replace(repr(exc.option_name), repr(dashed))
            exc.message = L.msg("value_dashed", current_lang(), message=exc.message, value=dashed)
        return
    param = getattr(exc, "param", None)
    if not isinstance(exc, click.BadParameter) or param is None or not isinstance(param.type, click.Choice):
        return
    choices = [str(choice) for choice in param.type.choices]
    value = next((str(v) for a, v in zip(args, args[1:], strict=False) if a in param.opts), None)
    value = next((a.partition("=")[2] for a in args if a.partition("=")[0] in param.opts and "=" in a), value)
    if value is None or value in choices:
        return
    alias = _LANG_MEANT.get(_squeezed(value)) if param.name == "lang" else None
    meant = [alias] if alias in choices else _closest(value, choices)
    if len(meant) == 1:
        exc.message = L.msg("value_meant", current_lang(), message=exc.message, meant=meant[0])


def _help_key(command: click.Command, ctx: click.Context) -> str:
    """The command as its help is keyed in :data:`~poverty_rules.vocabulary.words.HELP` (``classify``,
    ``rulesets diff``): its name, after its group's unless the group is the program."""
    parent = ctx.parent
    if parent is not None and parent.parent is not None and parent.info_name:
        return f"{parent.info_name} {command.name}"
    return command.name or ""


def _first_example(key: str) -> str:
    """The first example of the command's help that runs it (``poverty-rules rulesets diff vn-2022-2026
    vn-2027-2030``), without the comment after it."""
    for line in L.HELP.get(key, {}).get("epilog", "").splitlines():
        text = line.strip()
        if text.startswith(f"poverty-rules {key} "):
            return text.partition("  #")[0].strip()
    return f"poverty-rules {key} --help"


def _missing_said(command: click.Command, ctx: click.Context, exc: click.MissingParameter) -> str | None:
    """What the command cannot go without, in the officer's words, with the first example of its help
    (vocabulary ``MISSING``), for an argument or option left out: click said only "Thiếu đối số 'B'"
    (``rulesets diff vn-2022-2026``). ``{given}`` is the argument given before the one left out."""
    param = exc.param
    key = _help_key(command, ctx)
    words = L.MISSING.get(f"{key} {param.name}") if param is not None else None
    if words is None:
        return None
    arguments = [p.name for p in command.params if isinstance(p, click.Argument)]
    before = arguments[: arguments.index(param.name)] if param.name in arguments else []  # type: ignore[union-attr]
    given = next((str(ctx.params[name]) for name in reversed(before) if ctx.params.get(name) is not None), "")
    return words[current_lang()].format(example=_first_example(key), given=given)


def _refuse_empty_path(command: click.Command, ctx: click.Context, args: Sequence[str]) -> None:
    """Refuse a file or folder option given an empty value (``-o ""``, ``-o "$OUT"`` with ``OUT`` unset):
    click reads it as the current folder, so ``report`` wrote its forms into whatever folder the officer
    was in, and ``classify`` and ``review`` stopped with an unexpected failure. So is an empty file
    argument (``classify ""``, ``classify "$FILE"``): an empty word that is no option's value."""
    for param in command.params:
        if not isinstance(param, click.Option) or not isinstance(param.type, click.Path):
            continue
        for at, text in enumerate(args):
            given_empty = text in param.opts and at + 1 < len(args) and args[at + 1] == ""
            if given_empty or any(text == f"{opt}=" for opt in param.opts if opt.startswith("--")):
                raise click.BadParameter(L.msg("empty_path", current_lang()), ctx=ctx, param=param)
    for param, text in _arguments_given(command, args):
        if text == "" and isinstance(param.type, click.Path):
            raise click.BadParameter(L.msg("empty_path", current_lang()), ctx=ctx, param=param)


def _name_the_current_folder(command: click.Command, ctx: click.Context) -> None:
    """A file or folder given as the current folder or the one above it (``classify .``, ``classify ho.csv
    -o .``, ``report .. -o r.xlsx``) as its full path: ``.`` has no name to name the outputs after, and
    ``classify`` and ``report`` stopped with an unexpected failure (``classify ..`` wrote of an output
    '...classified.csv'); so named, the folder is refused as a file is, or read as a folder. The root folder,
    which no full path names, is refused as a folder."""
    for param in command.params:
        value = ctx.params.get(param.name or "")
        if not isinstance(param.type, click.Path) or value is None:
            continue
        paths = value if isinstance(value, tuple) else (value,)
        named = tuple(type(p)(Path(p).resolve()) if str(p) and Path(p).name in ("", "..") else p for p in paths)
        for path in named:
            if str(path) and not Path(path).name:
                raise click.BadParameter(L.msg("is_folder", current_lang(), file=path), ctx=ctx, param=param)
        ctx.params[param.name or ""] = named if isinstance(value, tuple) else named[0]


def _arguments_given(command: click.Command, args: Sequence[str]) -> list[tuple[click.Argument, str]]:
    """Each word of ``args`` that is no option nor an option's value, with the argument it gives (in the
    order the command declares them; one taking any number of words takes the rest)."""
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    valued = {o for p in command.params if isinstance(p, click.Option) and not p.is_flag for o in p.opts}
    given: list[tuple[click.Argument, str]] = []
    words_only = False
    for at, text in enumerate(args):
        option = text.startswith("-") and text != "-" or bool(at and args[at - 1] in valued)
        if not words_only and text == "--":
            words_only = True
        elif arguments and (words_only or not option):
            given.append((arguments[0], text))
            if arguments[0].nargs != -1:
                arguments = arguments[1:]
    return given


#: A hyphen between two letters (YYYY-MM-DD, poverty-rules, not-deprived) while the help is wrapped: U+2011, a
#: hyphen no line is broken after, put back as "-" when the line is written.
_HYPHEN_HELD = "\u2011"


def _hyphens_held(text: str) -> str:
    """``text`` with each hyphen between two letters held (:data:`_HYPHEN_HELD`), so that wrapping never breaks a
    word there: ``YYYY-`` / ``MM-DD`` read as two words, ``pip install poverty-`` copied from a help."""
    return re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", _HYPHEN_HELD, text)


class _HelpFormatter(click.HelpFormatter):
    """click's help formatter, whose wrapping never breaks a word at its hyphen (:func:`_hyphens_held`)."""

    def write(self, string: str) -> None:
        """Write ``string`` with its held hyphens as the hyphens they are."""
        super().write(string.replace(_HYPHEN_HELD, "-"))

    def write_text(self, text: str) -> None:
        """A paragraph, wrapped between words only."""
        super().write_text(_hyphens_held(text))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """Options and commands with their help, wrapped between words only."""
        super().write_dl([(first, _hyphens_held(second)) for first, second in rows], col_max, col_spacing)


class _Context(click.Context):
    """A command's context, whose help is written by :class:`_HelpFormatter`."""

    formatter_class = _HelpFormatter


class GuardedCommand(click.Command):
    """A command whose failures reach the user as one line and an exit code (design.md), in the
    language its ``--lang`` names, read from its arguments before click parses them: an option click
    refuses, or one checked before ``--lang`` is read (a bad ``--as-of``), is said in that language, as
    are the placeholders of its help. A history file given without ``--db`` is refused with the way to
    name it (:func:`_with_db_hint`)."""

    context_class = _Context

    def main(self, args: Sequence[str] | None = None, *more: Any, **options: Any) -> Any:
        _speak(_lang_in(sys.argv[1:] if args is None else args))
        return super().main(args, *more, **options)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        _QUIET["on"] = False  # until its -q is read: an earlier command's -q in this process quiets not this one
        _worded_arguments(self.params)  # before --help (eager) and the errors name them
        given = list(args)
        _speak_own(given)
        _refuse_empty_path(self, ctx, given)
        try:
            rest = super().parse_args(ctx, args)
            _name_the_current_folder(self, ctx)
            return rest
        except click.MissingParameter as exc:
            said = _missing_said(self, ctx, exc)
            if said is None:
                raise
            raise click.UsageError(said, ctx) from None
        except click.UsageError as exc:
            _with_db_hint(self, exc, given)
            _with_spaced_name(self, exc, given)
            _with_one_file(self, exc, given)
            _with_closest(self, exc, given)
            if exc.ctx is None:  # an option without its value (``-o`` last): click leaves out the usage lines
                exc.ctx = ctx
                exc.cmd = ctx.command
                _with_choices(self, exc)
            raise

    def invoke(self, ctx: click.Context) -> Any:
        return _guarded(lambda: super(GuardedCommand, self).invoke(ctx), ctx.params.get("db"))

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return _usage_pieces(super().collect_usage_pieces(ctx))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _worded_placeholders(self.get_params(ctx)):
            super().format_options(ctx, formatter)


class GuardedGroup(click.Group):
    """A group whose subcommands' failures reach the user as one line and an exit code, in the
    language their ``--lang`` names (:class:`GuardedCommand`)."""

    command_class = GuardedCommand
    context_class = _Context

    def main(self, args: Sequence[str] | None = None, *more: Any, **options: Any) -> Any:
        _speak(_lang_in(sys.argv[1:] if args is None else args))
        return super().main(args, *more, **options)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        given = list(args)  # click's parser takes the words out of ``args`` as it reads them
        _speak_own(given)
        try:
            return super().parse_args(ctx, args)
        except click.BadOptionUsage as exc:  # ``poverty-rules --lang`` (the language left out): name the values
            _with_choices(self, exc)
            raise
        except click.UsageError as exc:  # ``poverty-rules --lang vn``, ``poverty-rules -version``
            _with_closest(self, exc, given)
            raise

    def invoke(self, ctx: click.Context) -> Any:
        return _guarded(lambda: super(GuardedGroup, self).invoke(ctx))

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """The subcommand ``args`` name; an unknown one is refused naming the command meant when it is a word
        for one (``rulesets validate``: did you mean 'check'?), as click names one spelt nearly alike."""
        try:
            return super().resolve_command(ctx, args)
        except click.NoSuchCommand as exc:
            meant = _MEANT.get(exc.command_name.lower())
            if not exc.possibilities and meant is not None and meant in self.commands:
                exc.possibilities = [meant]
            raise

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return _usage_pieces(super().collect_usage_pieces(ctx))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _worded_placeholders(self.get_params(ctx)):
            super().format_options(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands, each with the first words of its help in the run's language: a help is Vietnamese,
        then English (vocabulary/words.py ``HELP``), and click listed the Vietnamese under ``--lang en`` too."""
        listed = [(name, self.listed_help(ctx, name)) for name in self.list_commands(ctx)]
        shown = [(name, text) for name, text in listed if text is not None]
        if not shown:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in shown)
        paragraph = 1 if current_lang() == "en" else 0
        rows = []
        for name, text in shown:
            paragraphs = text.split("\n\n")
            said = paragraphs[paragraph] if len(paragraphs) > paragraph else paragraphs[0]
            rows.append((name, click.utils.make_default_short_help(said, limit)))
        with formatter.section(gettext.gettext("Commands")):  # click's heading, in its words (messages.po)
            formatter.write_dl(rows)

    def listed_help(self, ctx: click.Context, name: str) -> str | None:
        """The help the list of commands shows for ``name`` (None: a hidden command, or none of that name)."""
        command = self.get_command(ctx, name)
        return None if command is None or command.hidden else command.help or ""


GuardedGroup.group_class = GuardedGroup

#: Words for a command that name none (what other tools call it): refused with the command meant.
_MEANT = {"validate": "check", "verify": "check", "lint": "check", "compare": "diff"}


def load(target: str) -> Any:
    """``"package.module:attribute"``, imported now: how the command line imports a module late, on
    purpose — a subcommand's module when it is run or listed (:class:`LazyGroup`), the classifying
    work once ``classify`` has started reading its input (cli/classify.py), the Dask path only for
    ``--dask`` (cli/_classifying.py), the progress bar when it is shown (cli/_progress.py). It imports
    through poverty_rules/_late.py, the package's one late importer (tests/test_layers.py checks it),
    as :func:`stderr` does for rich's console; anything else is imported at module level."""
    found = late_attribute(target)
    _resume_collecting()
    return found


class LazyGroup(GuardedGroup):
    """A group whose subcommands named in ``lazy`` (name → ``"module:attribute"``) are imported when
    first run or listed, click's documented lazy-loading pattern: ``classify`` does not pay for the
    report, review or rulesets commands' imports at start-up (docs/scale.md). Commands added with
    ``add_command`` work as in any group."""

    def __init__(
        self, *args: Any, lazy: dict[str, str] | None = None, lazy_help: dict[str, str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})
        self.lazy_help = dict(lazy_help or {})

    def listed_help(self, ctx: click.Context, name: str) -> str | None:
        """A lazy command not yet imported is listed with the help ``lazy_help`` gives it (its own, from
        vocabulary/words.py), without importing its module: ``poverty-rules --help`` imported every command's
        (the report's Dask path, pyarrow.dataset, pandas: 1.0-1.3 s of CPU against 0.3 s for ``classify --help``)."""
        if name not in self.commands and name in self.lazy_help:
            return self.lazy_help[name]
        return super().listed_help(ctx, name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            command = load(self.lazy[cmd_name])
            if not isinstance(command, click.Command):
                raise TypeError(f"{self.lazy[cmd_name]} is not a click command")
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


class WholeRange(click.IntRange):
    """A whole number between bounds (``--k``, ``--year``), whose range the help and the refusal say in words in
    Vietnamese (``từ 1900 đến 2999``, ``từ 1 trở lên``) where click writes ``1900<=x<=2999`` and ``x>=1``, a
    formula a commune officer does not read; in English as click writes it. A value that is no number is said to
    be no whole number ("'abc' is not a valid integer."), not "no valid integer range"."""

    name = "integer"

    def _describe_range(self) -> str:
        if current_lang() != "vi" or self.min_open or self.max_open:
            return super()._describe_range()
        if self.max is None:
            return L.msg("range_from", "vi", low=self.min)
        if self.min is None:
            return L.msg("range_to", "vi", high=self.max)
        return L.msg("range_between", "vi", low=self.min, high=self.max)


class DateParam(click.ParamType):
    """A date option: ``2026-12-10`` or ``10/12/2026`` (:func:`poverty_rules.vocabulary.day.parse_date`)."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value.date() if isinstance(value, datetime) else value
        try:
            return parse_date(value)
        except ValueError:
            parts = date_parts(str(value))
            if parts is not None:  # written as a date, but the calendar has no such day (31/02/2026, 2026-13-01)
                year, month, day = parts
                said = L.msg("o_no_such_day", current_lang(), value=value, day=day, month=month, year=year)
                self.fail(said, param, ctx)
            only = _year_of_part(str(value))
            if only is not None:  # ``--date 2025``, ``--as-of 12/2025``: the day (and month) left out
                self.fail(L.msg("o_date_part", current_lang(), value=value, year=only), param, ctx)
            self.fail(L.msg("o_date", current_lang(), value=value), param, ctx)


#: A date option's value that is only a year (``2025``), or a month and a year (``12/2025``, ``2025-12``).
_DATE_PARTS = (
    re.compile(r"(?:(?:0?[1-9]|1[0-2])[/.-])?(?P<year>(?:19|20)\d\d)"),
    re.compile(r"(?P<year>(?:19|20)\d\d)[/.-](?:0?[1-9]|1[0-2])"),
)


def _year_of_part(text: str) -> str | None:
    """The year of a date option's value that gives no day (:data:`_DATE_PARTS`), else None."""
    for pattern in _DATE_PARTS:
        found = pattern.fullmatch(text.strip())
        if found is not None:
            return found["year"]
    return None


DATE = DateParam()


def as_of_option(func: F) -> F:
    return click.option(
        "--as-of",
        "as_of",
        type=DATE,
        default=None,
        help=L.OPTION_HELP["as_of"],
    )(func)


def explain_as_of_option(func: F) -> F:
    """``--as-of`` of ``explain``: its default is a reviewed file's own review date, else today."""
    return click.option(
        "--as-of",
        "as_of",
        type=DATE,
        default=None,
        help=L.OPTION_HELP["explain_as_of"],
    )(func)


def ruleset_option(func: F) -> F:
    return click.option(
        "--ruleset",
        "ruleset_name",
        metavar="ID|PATH",
        default=None,
        help=L.OPTION_HELP["ruleset"],
    )(func)


def local_option(func: F) -> F:
    return click.option(
        "--local",
        "local_name",
        metavar="ID|PATH",
        default=None,
        help=L.OPTION_HELP["local"],
    )(func)


def explain_local_option(func: F) -> F:
    """``--local`` of ``explain``: the household explained by the local standard too (it writes no columns)."""
    return click.option(
        "--local",
        "local_name",
        metavar="ID|PATH",
        default=None,
        help=L.OPTION_HELP["explain_local"],
    )(func)


def blank_flags_option(func: F) -> F:
    """``--blank-flags``, handed to the command already in the library's spelling (``not_deprived``)."""
    return click.option(
        "--blank-flags",
        type=click.Choice([b.replace("_", "-") for b in BLANK_FLAGS]),
        default="unknown",
        show_default=True,
        callback=lambda _ctx, _param, value: value.replace("-", "_"),
        help=L.OPTION_HELP["blank_flags"],
    )(func)


_GROUP_LANG = "poverty_rules.lang"  # ctx.meta: the --lang given before the command


def _set_lang(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    _speak(value or "vi")
    return value


def _set_group_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:  # not given: the language read from the arguments stands (a command's --lang after)
        return None
    ctx.meta[_GROUP_LANG] = value  # the commands' default (:class:`_LangOption`)
    return _set_lang(ctx, param, value)


class _LangOption(click.Option):
    """A command's ``--lang``, whose default is the language named before the command
    (:func:`group_lang_option`), else Vietnamese."""

    def get_default(self, ctx: click.Context, call: bool = True) -> Any:
        return ctx.meta.get(_GROUP_LANG, "vi")


def _speak(lang: str) -> None:
    """Messages in ``lang`` from now on: ours, and click's own in the program's process (gettext
    chooses its catalog by ``LANGUAGE``; :func:`start_program`)."""
    _LANG["lang"] = lang
    if _HELD["words"]:
        os.environ["LANGUAGE"] = lang


def _lang_in(args: Sequence[str]) -> str:
    """The language ``--lang`` names among the command's arguments (``--lang en``, ``--lang=en``, ``--lang
    EN``), else Vietnamese: read before click parses them, so that its own errors are in that language too."""
    return _lang_named(args) or "vi"


def _lang_named(args: Sequence[str]) -> str | None:
    """The language the first ``--lang`` among ``args`` names, None when none names one."""
    for i, arg in enumerate(args):
        if arg.startswith("--lang="):
            value: str | None = arg.partition("=")[2]
        else:
            value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else None
        if value is not None and value.lower() in LANGS:
            return value.lower()
    return None


def _speak_own(args: Sequence[str]) -> None:
    """Messages in the language a command's (or a group's) own ``--lang`` names among its arguments, when it
    names one: ``poverty-rules --lang en classify ho.csv --lang vi --nope`` is refused in Vietnamese, as the
    command's other messages are (its ``--lang`` wins over the group's), though click refuses ``--nope`` before
    it reads the command's eager ``--lang``; the program's :meth:`GuardedGroup.main` read only the first."""
    own = _lang_named(args)
    if own is not None:
        _speak(own)


def lang_option(func: F) -> F:
    """A command's ``--lang``; without it, the language given before the command
    (``poverty-rules --lang en classify …``, :func:`group_lang_option`), else Vietnamese."""
    return click.option(
        "--lang",
        cls=_LangOption,
        type=click.Choice(list(LANGS), case_sensitive=False),
        default="vi",
        show_default=True,
        is_eager=True,
        callback=_set_lang,
        help=L.OPTION_HELP["lang"],
    )(func)


def group_lang_option(func: F) -> F:
    """``--lang`` before the command (``poverty-rules --lang en --help``, ``poverty-rules --lang en
    classify …``): the group's help in that language, and the command's language unless the command
    names its own. Before, the group refused it ("No such option '--lang'") although a Vietnamese
    officer types it there as readily as after the command."""
    return click.option(
        "--lang",
        type=click.Choice(list(LANGS), case_sensitive=False),
        is_eager=True,
        expose_value=False,
        callback=_set_group_lang,
        help=L.OPTION_HELP["group_lang"],
    )(func)


def engine_option(func: F) -> F:
    return click.option(
        "--engine",
        type=click.Choice(list(ENGINES)),
        default="vectorized",
        show_default=True,
        help=L.OPTION_HELP["engine"],
    )(func)


def explain_option(func: F) -> F:
    return click.option("--explain", is_flag=True, help=L.OPTION_HELP["explain"])(func)


class WordedPath(click.Path):
    """A path argument or option whose word for what it names ("file", in "File '…' is a directory.") is taken in
    the run's language when a value is checked: click words it when the option is made, which for the options of
    the commands loaded at start-up (``classify --members``, ``classify``'s file) is before the language is known."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """``value`` checked as click checks a path, a file or folder the user may not read said as such, in the
        run's language: click said "Không đọc được Path 'ho.csv'." (its English word for what it names, title-cased,
        and no word of why) where an officer's file lies in a folder of another user or a share read-only to others."""
        self.name = gettext.gettext("file" if not self.dir_okay else "directory" if not self.file_okay else "path")
        if not self.dir_okay and isinstance(value, (str, os.PathLike)) and os.path.isdir(value):
            named = Path(value).resolve() if Path(value).name in ("", "..") else value  # ``.`` by its full path
            self.fail(L.msg("is_folder", current_lang(), file=os.fspath(named)), param, ctx)  # as classify says it
        if self.readable and isinstance(value, (str, os.PathLike)) and os.path.exists(value):
            folder = os.path.isdir(value)
            if (self.dir_okay or not folder) and not os.access(value, os.R_OK):
                key = "cli_folder_unreadable" if folder else "cli_file_unreadable"
                self.fail(L.msg(key, current_lang(), file=os.fspath(value)), param, ctx)
        return super().convert(value, param, ctx)


def members_option(func: F) -> F:
    """``--members`` and ``--members-sheet``: the members file, and which sheet of it when it is a workbook
    holding several members lists (last year's and this year's, one per village: docs/members.md)."""
    func = click.option(
        "--members-sheet",
        "members_sheet",
        default=None,
        metavar="NAME|N",
        help=L.OPTION_HELP["members_sheet"],
    )(func)
    return click.option(
        "--members",
        "members_path",
        type=WordedPath(dir_okay=False, path_type=Path),
        default=None,
        help=L.OPTION_HELP["members"],
    )(func)


def input_options(func: F) -> F:
    """``--sheet`` and ``--encoding``: which sheet of a workbook, which encoding of a text file."""
    func = click.option(
        "--encoding",
        type=click.Choice(list(ENCODINGS) + ["windows-1258", "windows-1252"], case_sensitive=False),
        default=None,
        help=L.OPTION_HELP["encoding"],
    )(func)
    return click.option(
        "--sheet",
        default=None,
        metavar="NAME|N|all",
        help=L.OPTION_HELP["sheet"],
    )(func)


def run_options(func: F) -> F:
    """Every run option (:class:`~poverty_rules.pipeline.RunOptions`) but the date, which each
    command names itself (``--as-of``, ``--date``): ruleset, local, engine, explain, lang, members, blank flags."""
    for option in (
        blank_flags_option,
        members_option,
        lang_option,
        explain_option,
        engine_option,
        local_option,
        ruleset_option,
    ):
        func = option(func)
    return func
