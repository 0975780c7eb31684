"""Reading household files as officers have them: every cell as text, exactly as written.

Formats (chosen by the file's first bytes, not its name, so a renamed file still reads):

* spreadsheets ``.xlsx`` / ``.xlsm`` / ``.xls`` / ``.ods`` (python-calamine), one sheet (``sheet=``);
* delimited text (``.csv``, ``.txt``, ``.tsv``): separator sniffed (comma, semicolon, tab); encoding
  UTF-8 (with or without BOM), UTF-16 (BOM; Excel's "Unicode text"), Windows-1258 or Windows-1252
  (detected; a note says which), or forced with ``encoding=``; gzip-compressed (``.csv.gz``);
* Parquet.

The header row is found below title rows by the known headers (:func:`poverty_rules.data.schema.header_score`),
with two-row merged headers joined. Every data row keeps its row number as the officer sees it (the
spreadsheet row; for text files the record number, the first line being row 1). Entirely empty rows
are skipped and counted; a row with more or fewer cells than the header is kept, marked ragged, and
rejected by :func:`poverty_rules.data.normalize.normalize` with its row number.

The interface is batch-friendly: :func:`open_table` returns a :class:`HouseholdSource` whose
:meth:`~HouseholdSource.read` gives one :class:`SheetTable`, and :meth:`~HouseholdSource.batches`
gives them slice by slice, each carrying its own row numbers.
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import gzip
import html
import io
import itertools
import json
import os
import re
import sys
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import python_calamine

from .._late import late_module
from ..errors import InputError
from ..vocabulary import words as W
from ..vocabulary.cells import all_start_visible, numbers, scalar, texts
from ..vocabulary.cells import values as cell_values
from ..vocabulary.legacy import LEGACY_FONTS
from ..vocabulary.numbers import as_shown
from .outputs import is_parquet_dataset
from .schema import (
    MEMBER_ALIASES,
    canonical_headers,
    header_aliases,
    header_score,
    known_column,
    member_header_score,
    names_a_member_number,
    names_a_number,
    names_household_code,
    names_village,
)

#: How many rows from the top are searched for the header row.
HEADER_SEARCH_ROWS = 30
#: Known headers that make a sheet's header row a household list's (code, area, income or score): the
#: first visible sheet with as many is read without looking at the sheets after it.
HOUSEHOLD_HEADER = 3
#: The longest header cell accepted (characters); a longer one is not a header.
MAX_HEADER_CHARS = 1_000
#: The longest cell accepted in a text file (characters); Python's csv module refuses more than 131,072
#: by default, pyarrow more than its block size.
MAX_CELL_CHARS = 10_000_000
#: Most columns a file may have.
MAX_COLUMNS = 10_000
#: Most cells a workbook's sheet may span, its rows times its columns up to its last cell with a value: the
#: reader (calamine) makes that whole rectangle, so a value typed far from the list (``XFD1048576``) asked
#: for hundreds of gigabytes and the run was killed. A list of a million households in 95 columns fits.
MAX_SHEET_CELLS = 100_000_000
#: Bytes read to sniff the encoding and separator.
SNIFF_BYTES = 1 << 20

SPREADSHEET = "spreadsheet"
#: ``--sheet all``: every visible sheet holding a household list, read as one list (a workbook of one sheet per
#: village); a sheet of that name is read by its name instead.
ALL_SHEETS = "all"
TEXT = "text"
PARQUET = "parquet"
FORMATS = (SPREADSHEET, TEXT, PARQUET)
SEPARATORS = (",", ";", "\t")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1258", "cp1252")


@dataclass
class SheetTable:
    """A household table as read: every cell text, and where each row is in the officer's file.

    ``rows[i]`` is the sheet row number of table row ``i``; ``ragged[i]`` is the number of cells the
    row had when that differs from the header's (0 otherwise), ``extra[i]`` the cells beyond the
    header (joined by the separator), so a ragged row is rejected with what it held. ``typed`` (a
    Parquet file's) is the same rows and columns with the file's own types (``int64``, ``double``,
    ``timestamp`` …): what a Parquet output writes for the input columns, which a text output writes
    as ``table``.
    """

    table: pa.Table
    rows: np.ndarray
    source: str
    header_row: int = 1
    ragged: np.ndarray | None = None
    extra: list[str] | None = None
    notes: list[str] = field(default_factory=list)
    blank_rows: int = 0
    typed: pa.Table | None = None
    #: ``--sheet all``: each sheet read (its tab's name), what its rows were numbered from in ``rows``, which
    #: count across the workbook as one list's (:func:`sheet_rows` gives each row's sheet and its row there), and
    #: its header's row
    sheets: tuple[tuple[str, int, int], ...] = ()

    @property
    def num_rows(self) -> int:
        return int(self.table.num_rows)

    @property
    def column_names(self) -> list[str]:
        return list(self.table.column_names)

    def slice(self, start: int, length: int) -> SheetTable:
        """Rows ``start`` … ``start + length`` with their row numbers (for batches)."""
        end = min(start + length, self.num_rows)
        return SheetTable(
            self.table.slice(start, end - start),
            self.rows[start:end],
            self.source,
            self.header_row,
            None if self.ragged is None else self.ragged[start:end],
            None if self.extra is None else self.extra[start:end],
            [],
            0,
            None if self.typed is None else self.typed.slice(start, end - start),
            self.sheets,
        )


@dataclass
class HouseholdSource:
    """An opened household file: its format, encoding, separator and sheet, ready to read."""

    path: Path
    format: str
    encoding: str | None = None
    separator: str | None = None
    sheet: str | None = None
    compression: str | None = None
    notes: list[str] = field(default_factory=list)
    lang: str = "en"
    members: bool = False  # a members list: a workbook's sheet is chosen by the members' columns
    end: int | None = None  # a text file ending in DOS end-of-file marks (^Z): its bytes before them
    start: int = 0  # a text file beginning with its byte order mark twice or more: the bytes before the last
    percents: bool = False  # a workbook's cell formatted as a percentage read as shown (12%), not as stored (0.12)
    imported: bool = False  # history import's lists: rows a sheet hides are said imported, not classified

    def read(self) -> SheetTable:
        """The whole file as one :class:`SheetTable`."""
        if self.format == PARQUET:
            out = _read_parquet(self.path, self.lang)
        elif self.format == SPREADSHEET:
            out = _read_spreadsheet(self)
        else:
            out = _read_text(self)
        out.notes[:0] = self.notes
        return out

    def batches(self, rows: int = 250_000) -> Iterator[SheetTable]:
        """The file in slices of ``rows`` rows, each with its own row numbers."""
        whole = self.read()
        if whole.num_rows == 0:
            yield whole
            return
        for start in range(0, whole.num_rows, rows):
            part = whole.slice(start, rows)
            if start == 0:
                part.notes, part.blank_rows = whole.notes, whole.blank_rows
            yield part


def open_table(
    path: str | Path, *, sheet: str | None = None, encoding: str | None = None, lang: str = "en"
) -> HouseholdSource:
    """Open a household file: check it exists and is readable, find its format and (for text) its
    encoding and separator. Raises :class:`~poverty_rules.errors.InputError` naming the file."""
    path = Path(path)
    name = _shown(path)
    try:
        if not path.exists():
            if path.is_symlink():  # a broken link or a loop of links
                why = W.msg("bad_link", lang, target=os.fsdecode(os.readlink(path)))
                raise InputError(W.msg("cannot_open", lang, file=name, why=why))
            raise InputError(W.msg("file_not_found", lang, file=name))
        if path.is_dir():
            raise InputError(W.msg("parquet_folder" if _parquet_folder(path) else "is_folder", lang, file=name))
        if not path.is_file():  # a pipe (<(zcat ho.csv.bz2)), a device: read once, its start gone for the rest
            raise InputError(W.msg("not_regular_file", lang, file=name))
        lock = _lock_file_of(path)
        if lock is not None:  # Excel's ~$ds.xlsx beside the open ds.xlsx: "ends in zero bytes, not saved completely"
            program, workbook = lock
            raise InputError(W.msg("lock_file", lang, file=name, program=program, workbook=workbook))
        with path.open("rb") as fh:
            head = fh.read(8)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(W.msg("cannot_open", lang, file=name, why=W.os_reason(exc, lang))) from None
    if encoding is not None:
        encoding = encoding.lower().replace("_", "-")
        aliases = {"windows-1258": "cp1258", "windows-1252": "cp1252", "utf8": "utf-8", "utf16": "utf-16"}
        encoding = aliases.get(encoding, encoding)
        if encoding not in ENCODINGS:
            raise InputError(W.msg("bad_encoding", lang, file=name, value=encoding, allowed=", ".join(ENCODINGS)))
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        _check_not_archive(path, name, lang)
        return HouseholdSource(path, SPREADSHEET, sheet=sheet, lang=lang)
    for magic, kind in _COMPRESSED.items():
        if head.startswith(magic):
            raise InputError(W.msg("compressed_file", lang, file=name, kind=kind))
    if sheet is not None:  # a sheet asked of a CSV or Parquet file: never read the whole file in its stead
        raise InputError(W.msg("sheet_not_workbook", lang, file=name, sheet=sheet))
    if head.startswith(b"PAR1"):
        return HouseholdSource(path, PARQUET, lang=lang)
    if not head:
        raise InputError(W.msg("empty_file", lang, file=name))
    compression = "gzip" if head.startswith(b"\x1f\x8b") else None
    src = HouseholdSource(path, TEXT, compression=compression, lang=lang)
    sample = _head_bytes(src)
    if encoding == "utf-16" and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(W.msg("no_utf16_bom", lang, file=name))  # Python's decoder: "does not start with BOM"
    if encoding in ("cp1258", "cp1252") and _utf8_text(sample):  # its letters read as 'Nguyá»…n', a cell 'to correct'
        raise InputError(W.msg("forced_but_utf8", lang, file=name, encoding=encoding))
    src.encoding, note = _detect_encoding(sample, encoding, name, lang)
    if note:
        src.notes.append(note)
    if src.encoding == "utf-8-sig":  # the sample is the decompressed text of a .csv.gz
        src.start = _extra_boms(sample)
    text = _decode_sample(sample[src.start :], src.encoding)
    document = _document_kind(text)
    if document is not None:  # a PDF, a Word text or a JSON export read as a CSV: 'missing column household_id'
        raise InputError(W.msg("document_file", lang, file=name, kind=W.msg(document, lang)))
    if "\x00" in text:
        zeros = _zero_tail(src, sample, text)
        if zeros is not None:
            raise InputError(W.msg("zero_tail", lang, file=name, count=W.number(zeros[0], lang), line=zeros[1]))
        if not _stray_nuls(text):  # a text file with a stray NUL is read: the cell holding it is named
            raise InputError(W.msg("binary_file", lang, file=name))
    markup = _markup_kind(text)
    if markup is not None:  # its tags were read as a CSV's cells: 'missing column household_id' of a list
        raise InputError(W.msg("markup_file", lang, file=name, kind=W.msg(markup, lang)))
    src.separator = _sniff_separator(text)
    if compression is None and not src.encoding.startswith("utf-16"):
        src.end = _before_dos_end(path)
    if compression is None and _cut_mid_letter(path, src.encoding, src.end):
        raise InputError(W.msg("cut_mid_letter", lang, file=name))
    return src


def _cut_mid_letter(path: Path, encoding: str, end: int | None) -> bool:
    """Whether a UTF-8 or UTF-16 text file ends inside a letter (``end``: its size without DOS end marks, None for
    the whole file): a copy cut short, a file still being written. Its last bytes were said to be a cell with
    letters 'not readable as utf-8' ('save it as CSV UTF-8 or give --encoding'), or the whole file not readable
    as UTF-16, of a file in the right encoding whose end is missing. Reads its last four bytes only."""
    if not encoding.startswith("utf-"):
        return False
    try:
        size = path.stat().st_size if end is None else end
        with path.open("rb") as fh:
            fh.seek(max(size - 4, 0))
            tail = fh.read(min(size, 4))
    except OSError:
        return False
    if encoding.startswith("utf-16"):  # a BOM and whole 2-byte units: an odd size lost half of its last one
        return size % 2 == 1
    lead = len(tail) - 1
    while lead > 0 and 0x80 <= tail[lead] < 0xC0:  # back over the continuation bytes to the letter's first
        lead -= 1
    first = tail[lead] if tail else 0
    wanted = 2 if 0xC2 <= first < 0xE0 else 3 if 0xE0 <= first < 0xF0 else 4 if 0xF0 <= first < 0xF5 else 1
    return len(tail) - lead < wanted


#: A LibreOffice lock file's name: ``.~lock.`` and the open file's name, then ``#``.
_LIBREOFFICE_LOCK = re.compile(r"\.~lock\.(.+)#")
#: The most bytes an Excel or Word owner file (``~$ds.xlsx``: the user's name twice) holds.
_OWNER_FILE_SIZE = 512


def _lock_file_of(path: Path) -> tuple[str, str] | None:
    """(the program, the workbook's name) when ``path`` is the lock file an office program writes beside a workbook
    while it is open: Excel's owner file ``~$ds.xlsx`` (a few hundred bytes: who has it open) or LibreOffice's
    ``.~lock.ds.xlsx#``; None for any other file. Picked in the folder for the list (they show when hidden files
    do), Excel's was said to be a copy cut short ('ends in zero bytes'), LibreOffice's a list missing its
    columns. ``path`` is an existing regular file."""
    found = _LIBREOFFICE_LOCK.fullmatch(path.name)
    if found is not None:
        return "LibreOffice", found[1]
    if path.name.startswith("~$") and len(path.name) > 2 and path.stat().st_size <= _OWNER_FILE_SIZE:
        return "Excel", path.name[2:]
    return None


def _zero_tail(src: HouseholdSource, sample: bytes, text: str) -> tuple[int, int] | None:
    """(how many zero bytes, after which line) when a text file ends in zero bytes from its first one on, and
    its text before them (``text``, the decoded ``sample``) holds a line: what a copy cut short (a USB stick
    pulled out, a machine stopped while saving) leaves, the file's length kept and its end never written.
    Said as a binary file, the officer was told it was no CSV at all. None for any other file with a zero
    byte."""
    at = text.find("\x00")
    if at == 0 or text[at:].strip("\x00") or src.compression is not None:
        return None
    raw_at = src.start + len(text[:at].encode(src.encoding or "utf-8", "surrogatepass"))  # with its BOM
    try:
        size = src.path.stat().st_size
        if len(sample) < size:  # the rest of the file, past the sample, must hold zeros alone too
            with src.path.open("rb") as fh:
                fh.seek(len(sample))
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    if chunk.strip(b"\x00"):
                        return None
    except OSError:
        return None
    return size - raw_at, len(text[:at].rstrip("\r\n").splitlines())  # lines ended by CR alone too


_HTML_START = re.compile(r"<(!doctype html|html|table|head|body|meta)\b", re.I)


def _markup_kind(text: str) -> str | None:
    """The words key of what a text file beginning with a tag is (``text``: its decoded start): a web page
    (HTML: the "Excel" file many programs export, named ``.xls``), Excel 2003's XML spreadsheet or another XML
    file; None for any other text. Read as a CSV, its tags were the cells and a household list was refused as
    'missing column household_id'."""
    start = text.lstrip("\ufeff \t\r\n")
    if not start.startswith("<"):
        return None
    if "urn:schemas-microsoft-com:office:spreadsheet" in text:
        return "markup_xml2003"
    if _HTML_START.match(start) or (start.startswith(("<!--", "<?xml")) and _HTML_START.search(start[:4096])):
        return "markup_html"
    if start.startswith("<?xml"):
        return "markup_xml"
    return None


_JSON_START = re.compile(r'[\[{]\s*["{\[]')


def _document_kind(text: str) -> str | None:
    """The words key of what a file beginning as a document is (``text``: its decoded start): a PDF (a list printed
    to PDF or scanned), a Word text saved as RTF, or a JSON export of another program (an object or a list of
    them); None for any other file. Read as a CSV, its first line was taken for the headers and the officer was told
    the list lacked its columns."""
    start = text.lstrip("\ufeff \t\r\n")
    if start.startswith("%PDF-"):
        return "document_pdf"
    if start.startswith("{\\rtf"):
        return "document_rtf"
    if _JSON_START.match(start):
        return "document_json"
    return None


#: Control characters a text file may hold (tab, line breaks, form feed, a DOS end mark); others make it binary.
_BINARY = re.compile("[\x01-\x08\x0b\x0e-\x19\x1b-\x1f]")


def _stray_nuls(text: str) -> bool:
    """Whether the NUL characters in a text file's decoded start ``text`` are a text's stray ones (a cell a
    program damaged: three NULs, or one in a hundred characters, at most, and no other control character), not a binary
    file's: the file is then read, and the cell holding one refused by its row and column
    (:func:`check_no_nul`), as one past the first MB is; it was 'not a text file'."""
    return text.count("\x00") <= max(3, len(text) // 100) and not _BINARY.search(text)


def _extra_boms(sample: bytes) -> int:
    """The bytes of the UTF-8 byte order marks a text file begins with before its last one (0 for one or none):
    a file given its mark twice (a program adding one to a file that had it) kept the second in the header's
    first cell, and a quoted header (``\ufeff"household_id"``, as this program and pandas write one) was no
    longer a quoted cell: 'missing column household_id'."""
    marks = 0
    while sample.startswith(codecs.BOM_UTF8 * (marks + 1)):
        marks += 1
    return 3 * (marks - 1) if marks > 1 else 0


def _before_dos_end(path: Path) -> int | None:
    """The size of a text file without the DOS end-of-file marks (``\x1a``, Ctrl-Z) at its end, which old
    DOS and FoxPro programs (and ``copy /a``) write after the text; None when it ends without one. Read as a
    character, the mark was a row of its own (rejected as a title pasted below the list) or the end of the
    last household's last cell (``không\x1a``: that household rejected for a mark it never had)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            fh.seek(max(size - 64, 0))
            tail = fh.read()
    except OSError:
        return None
    kept = len(tail.rstrip(b"\x1a"))
    return None if kept == len(tail) else size - (len(tail) - kept)


class _Cut(io.RawIOBase):
    """A file's bytes from ``start`` up to ``end`` (a text file's after its extra byte order marks and before
    its DOS end-of-file marks)."""

    def __init__(self, path: Path, start: int, end: int | None) -> None:
        self._fh = path.open("rb")  # noqa: SIM115 - closed with this reader
        self._fh.seek(start)
        self._left = (os.fstat(self._fh.fileno()).st_size if end is None else end) - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        """Read into ``buffer`` what is left before the end."""
        view = memoryview(buffer).cast("B")[: self._left]
        n = self._fh.readinto(view) or 0
        self._left -= n
        return n

    def close(self) -> None:
        self._fh.close()
        super().close()


class _DosEndless(io.RawIOBase):
    """The bytes of a binary file object without the DOS end-of-file marks (``\x1a``, Ctrl-Z) at its end (a
    ``.csv.gz``'s decompressed text, whose end is known only once read): a run of marks is held back until
    more bytes follow it, and dropped at the end."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._held = b""  # marks read last, not yet known to be inside the text
        self._ready = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        """Read into ``buffer`` the next bytes, marks at the end left out."""
        while not self._ready:
            data = self._inner.read(1 << 16)
            if not data:
                return 0  # what is held is the end marks
            data = self._held + data
            kept = data.rstrip(b"\x1a")
            self._held = data[len(kept) :]
            self._ready = memoryview(kept)
        view = memoryview(buffer).cast("B")
        n = min(len(view), len(self._ready))
        view[:n] = self._ready[:n]
        self._ready = self._ready[n:]
        return n

    def close(self) -> None:
        self._inner.close()
        super().close()


def text_bytes(src: HouseholdSource) -> Any:
    """A text source's bytes as a binary file object: decompressed (gzip), without its extra byte order marks
    and DOS end marks (a ``.csv.gz``'s as a plain file's)."""
    if src.compression == "gzip":
        unpacked: Any = gzip.open(src.path, "rb")  # noqa: SIM115 - closed with the reader given
        if src.start:
            unpacked.read(src.start)
        if (src.encoding or "").startswith("utf-16"):  # a mark is two bytes there, never read as one
            return unpacked
        return io.BufferedReader(_DosEndless(unpacked), buffer_size=1 << 16)
    if src.end is not None or src.start:
        return io.BufferedReader(_Cut(src.path, src.start, src.end))
    return src.path.open("rb")


def arrow_text(src: HouseholdSource) -> Any:
    """A text source's bytes as a pyarrow input stream (for pyarrow's CSV readers), as :func:`text_bytes`."""
    if (src.end is not None or src.start) and src.compression is None:
        mapped = pa.memory_map(str(src.path))
        mapped.seek(src.start)
        return pa.BufferReader(mapped.read_buffer((mapped.size() if src.end is None else src.end) - src.start))
    if src.compression == "gzip":  # its extra marks and end marks are known only decompressed
        return text_bytes(src)
    return pa.input_stream(str(src.path), compression=src.compression)


#: The first bytes of the compressed files that are not read (gzip is), and each one's name.
_COMPRESSED = {
    b"BZh": "bzip2",
    b"\xfd7zXZ\x00": "xz",
    b"7z\xbc\xaf\x27\x1c": "7z",
    b"Rar!": "RAR",
    b"\x28\xb5\x2f\xfd": "zstd",
}

#: Members of a ZIP file that make it a workbook: an .xlsx/.xlsm's content list, an .ods's content.
_WORKBOOK_PARTS = ("[Content_Types].xml", "content.xml", "mimetype")


#: The part (Office Open XML) or the ``mimetype`` (OpenDocument) that says a ZIP file is a document, not a workbook.
_DOCUMENT_PARTS = {"word/document.xml": "document_docx", "ppt/presentation.xml": "document_pptx"}
_DOCUMENT_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "document_odt",
    b"application/vnd.oasis.opendocument.presentation": "document_odp",
}


def _office_document_kind(names: list[str], mimetype: bytes) -> str | None:
    """The words key of the office document a ZIP file is (a Word ``.docx``, a PowerPoint ``.pptx``, an OpenDocument
    text or presentation), by the parts it holds and its ``mimetype``; None for a workbook or any other ZIP."""
    for part, kind in _DOCUMENT_PARTS.items():
        if part in names:
            return kind
    return _DOCUMENT_MIMETYPES.get(mimetype.strip())


def _parquet_folder(path: Path) -> bool:
    """Whether the folder ``path`` is a Parquet dataset (what ``classify --dask`` writes and reads): some
    ``.parquet`` file in it, and nothing but Parquet files."""
    try:
        return any(p.suffix == ".parquet" for p in path.iterdir()) and is_parquet_dataset(path)
    except OSError:
        return False


def _check_not_archive(path: Path, name: str, lang: str) -> None:
    """Refuse a ZIP file that is an archive of other files (``ho.zip`` holding ``ho.csv``), not a workbook,
    naming what it holds, and an office document that is no workbook (a Word text, a slide show: ZIP files with a
    workbook's ``[Content_Types].xml`` or ``mimetype``), naming what it is as a PDF is named; a damaged ZIP is left
    to the workbook reader, which says so."""
    if not zipfile.is_zipfile(path):
        return
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (OSError, zipfile.BadZipFile, EOFError, KeyError):
        return
    document = _office_document_kind(names, mimetype)
    if document is not None:  # it was "damaged, not saved to its end, or not really a workbook"
        raise InputError(W.msg("document_file", lang, file=name, kind=W.msg(document, lang)))
    if names and not any(part in names for part in _WORKBOOK_PARTS):
        inside = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
        raise InputError(W.msg("zip_archive", lang, file=name, inside=inside))


def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    lang: str = "en",
    members: bool = False,
    percents: bool = False,
    imported: bool = False,
) -> SheetTable:
    """Read a household file of any supported format (see the module docstring); ``members``: a members
    list, whose workbook sheet is the one headed with the most members' columns (docs/members.md);
    ``percents``: a workbook's number shown as a percentage is read as shown, ``12%`` (a plan's rate typed
    in a cell formatted as a percentage, which stores 0.12), not ``0.12``."""
    source = open_table(path, sheet=sheet, encoding=encoding, lang=lang)
    source.members = members
    source.percents = percents
    source.imported = imported
    return source.read()


def read_csv_table(path: str | Path) -> pa.Table:
    """Read a household or members file as text columns exactly as written (the table only)."""
    return read_table(path).table


# --------------------------------------------------------------------------- encodings


def _shown(path: Path) -> str:
    """A path as it can be printed: bytes that are not UTF-8 shown as ``\\xNN``."""
    return W.printable(path)


def _head_bytes(src: HouseholdSource) -> bytes:
    try:
        if src.compression == "gzip":
            with gzip.open(src.path, "rb") as gz:
                return gz.read(SNIFF_BYTES)
        with src.path.open("rb") as fh:
            return fh.read(SNIFF_BYTES)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(W.msg("cannot_open", src.lang, file=_shown(src.path), why=_why(exc, src.lang))) from None


_VI_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")
_VI_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _detect_encoding(sample: bytes, forced: str | None, name: str, lang: str) -> tuple[str, str | None]:
    """The encoding of a text file and, when it was a guess, a note saying so."""
    if forced:
        return forced, None
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", None
    if sample.startswith(codecs.BOM_UTF16_LE) or sample.startswith(codecs.BOM_UTF16_BE):
        return "utf-16", None
    if len(sample) >= 4 and sample[1:4:2] == b"\x00\x00" and sample[0:4:2] != b"\x00\x00":
        return "utf-16-le", None
    if len(sample) >= 4 and sample[0:4:2] == b"\x00\x00" and sample[1:4:2] != b"\x00\x00":
        return "utf-16-be", None
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=len(sample) < SNIFF_BYTES)
        return "utf-8", None
    except UnicodeDecodeError:
        if _mostly_utf8(sample):  # the bad bytes are then named by row and column as the file is read
            return "utf-8", None
    as_1258 = sample.decode("cp1258", "replace")  # its letters (ă, ơ, ư) before NFD parts them into a and a mark
    evidence = sum(1 for ch in as_1258 if ch in _VI_LETTERS)
    evidence += sum(1 for ch in unicodedata.normalize("NFD", as_1258) if ch in _VI_MARKS)
    if evidence:
        return "cp1258", W.msg("encoding_guess", lang, file=name, encoding="Windows-1258")
    return "cp1252", W.msg("encoding_unsure", lang, file=name, encoding="Windows-1252")


def _utf8_text(sample: bytes) -> bool:
    """Whether the first bytes of a text file are UTF-8 with letters outside ASCII: such bytes are never
    Vietnamese or Western text in a Windows code page, whose accented letters are single bytes that almost
    never make a UTF-8 sequence (so ``--encoding cp1258`` given for it is a mistake, not a choice)."""
    if sample.isascii():
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=len(sample) < SNIFF_BYTES)
    except UnicodeDecodeError:
        return False
    return True


def _mostly_utf8(sample: bytes) -> bool:
    """Whether text that is not all UTF-8 is UTF-8 with a few bad bytes (a row pasted from an old
    Windows-1258 file, a character cut in two): its letters outside ASCII decode as UTF-8 at least as often
    as bytes fail. A Windows-1258 file's letters are single bytes above 127, which almost never make a UTF-8
    sequence, so it has next to none that decode, however many fail. (Guessed Windows-1258 instead, such a
    file stopped at its header's first accented cell, "unreadable in cp1258", far from the bad byte; asking
    ten times as many, a small list with one pasted row, whose name alone has three bad bytes, was so
    guessed.)"""
    text = sample.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    return good >= bad


def _decode_sample(sample: bytes, encoding: str) -> str:
    decoder = codecs.getincrementaldecoder(encoding)("replace")
    return decoder.decode(sample, final=False)


def _sniff_separator(text: str) -> str:
    """The separator whose first rows have the header with most known names (then most columns). A row is a
    separator's header only if most rows under it are as wide: a comma file's cell listing marks
    (``undetermined_by``: ``deprived_employment;deprived_water;…``) is no semicolon file's header."""
    best, best_key = ",", (-1, -1)
    for sep in SEPARATORS:
        rows = _first_rows(text, sep)
        if rows is None:
            continue
        scores = [header_score(r) for at, r in enumerate(rows) if _fits_under(at, rows) and not _glued(r)]
        known = max(scores, default=0)
        widths = [len(r) for r in rows if any(c.strip() for c in r)]
        common = max(set(widths), key=widths.count) if widths else 0
        key = (known, common)
        if key > best_key:
            best, best_key = sep, key
    return best


def _first_rows(text: str, sep: str) -> list[list[str]] | None:
    """The first records of ``text`` read with the separator ``sep``, as the file's readers read them: a quoted
    cell over several lines (a header typed with Alt+Enter) is one record (read line by line, a semicolon
    file's header over lines with a title above it was taken for a comma file's); line by line when the
    records cannot be read so (a quote never closed in the sample), None when neither can."""
    try:
        return list(itertools.islice(csv.reader(io.StringIO(text, newline=""), delimiter=sep), HEADER_SEARCH_ROWS + 2))
    except csv.Error:
        pass
    try:
        return list(csv.reader(text.splitlines()[: HEADER_SEARCH_ROWS + 2], delimiter=sep))
    except csv.Error:
        return None


_GLUED = re.compile(r'"[,;\t]"')
"""A quoted cell's closing quote, another separator and the next one's opening quote, inside one cell."""


def _glued(row: list[str]) -> bool:
    """Whether ``row`` was read with a separator it does not use: a cell holds quoted cells glued by another
    (a reviewed file's ``"1","Xã A",…,"deprived_employment;deprived_water"`` read with ';' gives a cell
    ``1,"Xã A",…`` and then the marks' names, which look like a header): no header of that separator."""
    return any(_GLUED.search(cell) for cell in row)


def _fits_under(at: int, rows: list[list[str]]) -> bool:
    """Whether at least half the rows with a cell under ``rows[at]`` are as wide as it (a wider row's extra
    cells empty): the rows a header of this separator heads (a ragged row is a reject)."""
    after = [r for r in rows[at + 1 :] if any(c.strip() for c in r)]
    width = len(rows[at])
    fit = sum(1 for r in after if len(r) == width or (len(r) > width and not any(c.strip() for c in r[width:])))
    return 2 * fit >= len(after)


# --------------------------------------------------------------------------- header rows


#: A column's number on a form's numbering row: ``3``, ``(3)``, ``C``, and the number with how the column is worked
#: out of others after it (``(5)=(6)/(7)``, ``7 = 5 + 6``, ``(6)=(4)x(5)``), as forms number a computed column.
_COLUMN_NUMBER = re.compile(r"^\(?([0-9]{1,3}|[A-Z])\)?(?:\s*=\s*[()0-9A-Z\s+\-*/x×:.]+)?$")


def _numbering_row(row: list[str], header: list[str]) -> bool:
    """A form's row of column numbers under its header: ``(1) (2) (3)`` … or ``A B 1 2`` … (a computed column's
    with its formula: ``(5)=(6)/(7)``; at least three
    numbers, each the one before plus one, under at least half the named columns). No household's row is
    that: it has a code and an area word."""
    cells = [c.strip() for c in row if c.strip()]
    found = [_COLUMN_NUMBER.match(c) for c in cells]
    if len(cells) < max(3, sum(1 for h in header if h.strip()) / 2) or not all(found):
        return False
    numbers = [int(m.group(1)) for m in found if m is not None and m.group(1).isdigit()]
    return len(numbers) >= 3 and all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))


def _find_header(rows: list[list[str]]) -> tuple[int, int, list[str]]:
    """(first header row index, number of header rows, header cells) in the top rows: one or two rows
    of names (:func:`_header_rows`), and the form's row of column numbers under them if it has one."""
    start, depth, header = _header_rows(rows)
    if (
        start + depth < min(len(rows), HEADER_SEARCH_ROWS)
        and header_score(header)
        and _numbering_row(rows[start + depth], header)
    ):
        depth += 1
    return start, depth, header


def _header_rows(rows: list[list[str]]) -> tuple[int, int, list[str]]:
    """(first header row index, number of header rows (1 or 2), header cells) in the top rows."""
    top = rows[:HEADER_SEARCH_ROWS]
    scores = [header_score(r) for r in top]
    if not top:
        return 0, 1, []
    first = next((i for i, r in enumerate(top) if any(c.strip() for c in r)), 0)
    best = max(range(len(top)), key=lambda i: (scores[i], -i))
    # no header further down: the first non-empty row. The household code's header alone is enough below
    # rows that name no known column (a title): a members file's header names no other household column
    # (a members row's "chủ hộ" — the head's relation — names one too, and is no header)
    code_alone = scores[first] == 0 and names_household_code(top[best])
    if scores[best] <= scores[first] or (scores[best] < 2 and not code_alone):
        best = first
        if scores[best] == 0:
            return best, 1, [c.strip() for c in top[best]]
    header = [c.strip() for c in top[best]]
    for upper, lower in ((best, best + 1), (best - 1, best)):
        if upper < 0 or lower >= len(top):
            continue
        other = lower if upper == best else upper
        if upper == best and _holds_a_code(top[best], top[lower]):
            continue  # a household's row under the header, not a header's second row
        joined = _join_headers(top[upper], top[lower])
        if scores[other] >= 2 and header_score(joined) >= scores[best] + 2:
            return upper, 2, joined
    return best, 1, header


def _holds_a_code(header: list[str], row: list[str]) -> bool:
    """Whether ``row`` holds a household code under ``header``'s household code column: a data row (its
    cells may name columns too — a labelled result's ``Việc làm, …`` lists), never a second header row."""
    for i, cell in enumerate(header):
        if i < len(row) and names_household_code([cell.strip()]):
            value = row[i].strip()
            return bool(value) and not header_score([value])
    return False


def _join_headers(upper: list[str], lower: list[str]) -> list[str]:
    """Two header rows of a merged header as one: the lower cell where it names a column, else the upper."""
    width = max(len(upper), len(lower))
    up = [c.strip() for c in upper] + [""] * (width - len(upper))
    low = [c.strip() for c in lower] + [""] * (width - len(lower))
    out = []
    for u, lo in zip(up, low, strict=True):
        if lo and (header_score([lo]) or not u):
            out.append(lo)
        else:
            out.append(u or lo)
    return out


def _column_letter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(65 + r) + letters
    return letters


#: What a header cell is read without at its ends besides spaces: a byte-order mark, and the zero-width
#: characters some web exports put there (``\u200bhousehold_id`` was no known column).
_EDGE_MARKS = " \t\r\n\ufeff\u200b\u200c\u200d\u2060"


def _clean_header(header: list[str], name: str, row: int, lang: str) -> list[str]:
    """Check the header cells: not too long, not repeated; empty ones named after their column letter; each
    read without the spaces and invisible marks at its ends (:data:`_EDGE_MARKS`)."""
    if len(header) > MAX_COLUMNS:
        raise InputError(W.msg("too_many_columns", lang, file=name, row=row, count=len(header), limit=MAX_COLUMNS))
    out = []
    for i, h in enumerate(header):
        h = unicodedata.normalize("NFC", h.strip(_EDGE_MARKS).strip())
        if "\x00" in h:  # a damaged header cell: named, never 'missing column area' for 'ar\x00ea'
            raise InputError(W.msg("nul_in_cell", lang, file=name, row=row, column=_column_letter(i)))
        if len(h) > MAX_HEADER_CHARS:
            raise InputError(
                W.msg("long_header", lang, file=name, row=row, column=_column_letter(i), limit=MAX_HEADER_CHARS)
            )
        out.append(h or f"column_{_column_letter(i)}")
    seen: dict[str, int] = {}
    for i, h in enumerate(out):
        if h in seen:
            raise InputError(
                W.msg(
                    "duplicate_header",
                    lang,
                    file=name,
                    row=row,
                    header=h,
                    first=_column_letter(seen[h]),
                    second=_column_letter(i),
                )
            )
        seen[h] = i
    return out


def _check_legacy_font(top: list[list[str]], header: list[str], name: str, encoding: str | None, lang: str) -> None:
    """Stop, saying so, when the header row is typed in an old Vietnamese font encoding (TCVN3, VNI:
    vocabulary/legacy.py): its headers are known only once read in it (``M· hé`` is ``Mã hộ``). Without
    this the officer was told that the columns the file has were missing. ``encoding``: a text file's,
    whose characters are looked at as Windows-1252 ones, as those fonts draw them."""
    if header_score(header) >= 3:
        return
    if encoding in ("cp1258", "cp1252"):
        top = [[c.encode(encoding, "replace").decode("cp1252", "replace") for c in r] for r in top]
    found = max((header_score(r) for r in top), default=0)
    for font, reading in LEGACY_FONTS.items():
        for i, row in enumerate(top):
            read = [reading(c) for c in row]
            if header_score(read) >= 2 and header_score(read) > found:
                known = [c.strip() for c in read if c.strip() and header_score([c])]
                shown = ", ".join(known[:3]) + (" …" if len(known) > 3 else "")
                raise InputError(W.msg("legacy_font", lang, file=name, row=i + 1, font=font, headers=shown))


def _check_lost_letters(top: list[list[str]], name: str, encoding: str | None, lang: str) -> None:
    """Stop, saying so, when a header row's Vietnamese letters were saved as ``?`` (``M? h?``, ``Khu v?c``):
    Excel on a Windows whose code page has no such letters writes a CSV so, and the heads' names and the
    areas lost them too. Without this the officer was told that columns the file shows were missing (or,
    some headers intact, saw the areas rejected and the names garbled in the output). ``encoding``: the text
    file's; a file read as Windows-1258 (its surviving letters taken for Vietnamese ones) was written in
    Windows-1252, so its headers are shown as that one reads them (``Mã h?``, not ``Mă h?``)."""
    for i, row in enumerate(top[:HEADER_SEARCH_ROWS]):
        lost = [cell.strip() for cell in row if "?" in cell and _known_but_for_marks(cell.strip())]
        if lost and encoding == "cp1258":
            lost = [cell.encode("cp1258", "replace").decode("cp1252", "replace") for cell in lost]
        if lost:
            shown = ", ".join(lost[:3]) + (" …" if len(lost) > 3 else "")
            raise InputError(W.msg("lost_letters", lang, file=name, row=i + 1, headers=shown))


def _known_but_for_marks(cell: str) -> bool:
    """Whether a header cell is a known header (:func:`~poverty_rules.data.schema.header_aliases`) whose
    letters outside ASCII are ``?`` in it: one ``?`` for each such letter, the others the same but for their
    marks (the code page the file was read in may give the letters that survived others)."""
    if len(cell) > 200:
        return False
    pattern = unicodedata.normalize("NFC", cell).lower()
    for alias in _lowered_aliases():
        if len(alias) == len(pattern) and all(
            (c == "?" and not a.isascii()) or _base_letter(c) == _base_letter(a)
            for c, a in zip(pattern, alias, strict=True)
        ):
            return True
    return False


def _base_letter(ch: str) -> str:
    """A letter without its marks (``ộ`` → ``o``, ``đ`` → ``d``)."""
    return "d" if ch == "đ" else unicodedata.normalize("NFD", ch)[0]


@cache
def _lowered_aliases() -> tuple[str, ...]:
    """The known headers with a letter outside ASCII, lower case (composed): a household file's and a members
    list's (``Có bảo hiểm y tế``, ``Trình độ học vấn``: a members list headed ``household_id`` lost them alone)."""
    known = [*header_aliases().values(), *MEMBER_ALIASES.values()]
    names = {unicodedata.normalize("NFC", a).lower() for aliases in known for a in aliases}
    return tuple(sorted(a for a in names if not a.isascii()))


def _no_header(name: str, lang: str) -> InputError:
    return InputError(W.msg("no_header", lang, file=name))


# --------------------------------------------------------------------------- records → table


def _from_records(
    records: list[list[str]], first_row: int, header: list[str], sep: str, source: str, header_row: int
) -> SheetTable:
    """Data records (lists of cells) into a :class:`SheetTable`: empty rows skipped, ragged rows marked."""
    width = len(header)
    kept: list[list[str]] = []
    rows: list[int] = []
    ragged: list[int] = []
    extra: list[str] = []
    blank = 0
    for offset, rec in enumerate(records):
        if not any(c.strip() for c in rec):
            blank += 1
            continue
        n = len(rec)
        if n != width and any(c.strip() for c in rec[width:]) or n < width:
            # trailing empty cells are not ragged (spreadsheets pad rows); anything else is
            ragged.append(n)
            extra.append(sep.join(rec[width:]))
        else:
            ragged.append(0)
            extra.append("")
        kept.append((rec + [""] * (width - n))[:width])
        rows.append(first_row + offset)
    columns = list(zip(*kept, strict=True)) if kept else [()] * width
    table = pa.table({h: pa.array(list(col), pa.string()) for h, col in zip(header, columns, strict=True)})
    ragged_arr = np.asarray(ragged, dtype=np.int64)
    return SheetTable(
        table,
        np.asarray(rows, dtype=np.int64),
        source,
        header_row,
        ragged_arr if ragged_arr.any() else None,
        extra if ragged_arr.any() else None,
        [],
        blank,
    )


# --------------------------------------------------------------------------- text files


def _text_stream(src: HouseholdSource) -> io.TextIOBase:
    raw: Any = text_bytes(src)  # the wrapper closes it
    return io.TextIOWrapper(raw, encoding=src.encoding or "utf-8", errors="strict", newline="")


def check_input(path: str | Path, lang: str = "en") -> None:
    """Stop when the input file is not there, before the outputs are checked: "file not found" is the
    error to fix first (a missing folder said that the *output's* folder did not exist)."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():  # a broken link: open_table says what it points to
        address = remote_address(path)
        if address is not None:
            raise InputError(W.msg("remote_input", lang, file=address))
        raise InputError(W.msg("file_not_found", lang, file=_shown(path)))


def is_parquet_file(path: str | Path) -> bool:
    """Whether ``path`` is a Parquet file, found from its first bytes as :func:`open_table` finds it (a renamed
    file too); False for a folder or a file that cannot be read (its reader says why)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PAR1"
    except OSError:
        return False


def remote_address(path: str | Path) -> str | None:
    """The storage address (``s3://bucket/…``, ``gs://…``, ``https://…``) that ``path`` was given as, written
    as given, when no file or folder is there: a path reads its ``//`` as one ``/`` (``s3:/bucket/…``);
    ``None`` for a path on this computer's disks."""
    path = Path(path)
    if path.exists() or path.is_symlink():
        return None
    remote = _REMOTE.match(str(path))  # s3://bucket/…, which a path reads as 's3:/bucket/…'
    return f"{remote[1]}://{str(path)[remote.end() :]}" if remote else None


#: A storage address (``s3://``, ``gs://``, ``https://`` …) as a path reads it: its ``//`` made one ``/``.
_REMOTE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+):/+")


def _why(exc: BaseException, lang: str) -> str:
    """Why a file could not be read: a damaged .gz file, or what the system said (in ``lang``)."""
    if isinstance(exc, (EOFError, gzip.BadGzipFile)):
        return W.msg("bad_gzip", lang)
    return W.os_reason(exc, lang)


@contextmanager
def _reading_text(name: str, src: HouseholdSource) -> Iterator[None]:
    """Around reading a text file with the csv module: cells as long as a file may hold (the limit
    restored after), and a bad byte, a csv error or an unreadable file as one InputError naming it."""
    limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        yield
    except UnicodeDecodeError:
        raise _not_encoding(name, src) from None
    except csv.Error as exc:
        raise InputError(W.msg("cannot_read_text", src.lang, file=name, why=str(exc))) from None
    except (OSError, EOFError) as exc:
        raise InputError(W.msg("cannot_open", src.lang, file=name, why=_why(exc, src.lang))) from None
    finally:
        csv.field_size_limit(limit)


_ESCAPED = re.compile("[\udc80-\udcff]")


def _not_encoding(name: str, src: HouseholdSource) -> InputError:
    """A text file with a byte its encoding cannot read, naming the row and column that hold it (the
    bytes read again, the bad ones kept as escapes): the decoder's position was in its last chunk
    ("byte 5961" for a bad byte 1.6 MB into the file), which no officer can find."""
    try:
        raw: Any = text_bytes(src)
        with io.TextIOWrapper(raw, encoding=src.encoding or "utf-8", errors="surrogateescape", newline="") as fh:
            reader = csv.reader(fh, delimiter=src.separator or ",")
            top = _first_records(reader)
            header = _find_header(top)[2]
            for number, record in enumerate(itertools.chain(top, reader), start=1):
                cells = [i for i, cell in enumerate(record) if _ESCAPED.search(cell)]
                if cells:
                    i = cells[0]
                    named = i < len(header) and header[i].strip() and not _ESCAPED.search(header[i])
                    column = header[i].strip() if named else _column_letter(i)
                    if src.encoding in ("cp1258", "cp1252") and _utf8_cell(record[i], src.encoding):
                        raw_cell = record[i].encode(src.encoding, "surrogateescape")  # a letter no code page has
                        return _utf8_row(name, number, column, raw_cell, src.encoding, src.lang)
                    encoded = record[i].encode(src.encoding or "utf-8", "surrogateescape")[:40]
                    value = encoded.decode(src.encoding or "utf-8", "replace")
                    return InputError(
                        W.msg(
                            "not_encoding_at",
                            src.lang,
                            file=name,
                            row=number,
                            column=column,
                            value=value,
                            encoding=src.encoding,
                        )
                    )
    except (OSError, EOFError, UnicodeError, csv.Error, gzip.BadGzipFile):
        pass
    return InputError(W.msg("not_encoding", src.lang, file=name, encoding=src.encoding, at=_bad_byte(src)))


def _utf8_cell(cell: str, encoding: str) -> bool:
    """Whether a cell read in the code page ``encoding`` (its unreadable bytes kept as escapes) is UTF-8 text with
    letters outside ASCII: a UTF-8 ``ờ`` (E1 BB 9D) holds a byte Windows-1258 lacks, and was said to be
    unreadable in Windows-1258, not saved in UTF-8."""
    raw = cell.encode(encoding, "surrogateescape")
    try:
        return not raw.decode("utf-8").isascii()
    except UnicodeDecodeError:
        return False


def encoding_error(src: HouseholdSource, name: str | None = None) -> InputError:
    """What a whole read of the text file ``src`` says of a byte its encoding cannot read (its row and
    column), for readers of its pieces (``pipeline/dask.py``): the file is read again to find it.
    ``name``: the file as the message names it (default: ``src``'s path)."""
    return _not_encoding(_shown(Path(name) if name is not None else src.path), src)


def utf8_in_code_page(text: str, encoding: str) -> bool:
    """Whether ``text`` read in the Windows code page ``encoding`` holds a Vietnamese letter saved in UTF-8 (a row
    pasted from a UTF-8 file, :func:`check_code_page_cells`): for the readers of a file's pieces, which find the
    row with :func:`code_page_error`."""
    return _utf8_letters(encoding).search(text) is not None


def code_page_error(src: HouseholdSource, name: str | None = None) -> InputError | None:
    """What a whole read of the text file ``src`` (read in a Windows code page) says of its first cell saved in
    UTF-8 (:func:`check_code_page_cells`): its row, column and the cell as UTF-8 reads it, for readers of its
    pieces (``pipeline/dask.py``), which read the file again to find it; None when it holds none. ``name``: the
    file as the message names it (default: ``src``'s path)."""
    encoding = src.encoding or "utf-8"
    if encoding not in ("cp1258", "cp1252"):
        return None
    pattern = _utf8_letters(encoding)
    shown = _shown(Path(name) if name is not None else src.path)
    try:
        raw: Any = text_bytes(src)
        with io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="") as fh:
            reader = csv.reader(fh, delimiter=src.separator or ",")
            top = _first_records(reader)
            header = _find_header(top)[2]
            for number, record in enumerate(itertools.chain(top, reader), start=1):
                for i, cell in enumerate(record):
                    if pattern.search(cell):
                        named = i < len(header) and header[i].strip()
                        column = header[i].strip() if named else _column_letter(i)
                        return _utf8_row(shown, number, column, cell.encode(encoding, "replace"), encoding, src.lang)
    except (OSError, EOFError, UnicodeError, csv.Error, gzip.BadGzipFile):
        pass
    return None


@cache
def _utf8_letters(encoding: str) -> re.Pattern[str]:
    """:func:`_utf8_letters_in` compiled, once per code page."""
    return re.compile(_utf8_letters_in(encoding))


def _bad_byte(src: HouseholdSource) -> int | str:
    """The position in the file of the first byte its encoding cannot read ("?" when it cannot be found)."""
    decoder = codecs.getincrementaldecoder(src.encoding or "utf-8")()
    offset = 0
    try:
        with gzip.open(src.path, "rb") if src.compression == "gzip" else src.path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                pending = len(decoder.getstate()[0])
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    return offset - pending + exc.start
                offset += len(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return offset - len(decoder.getstate()[0])
    except (OSError, EOFError, gzip.BadGzipFile):
        pass
    return "?"


def _first_records(reader: Iterator[list[str]]) -> list[list[str]]:
    """The records the header is looked for in (at most HEADER_SEARCH_ROWS); the reader goes on after them."""
    top: list[list[str]] = []
    for rec in reader:
        top.append(rec)
        if len(top) >= HEADER_SEARCH_ROWS:
            break
    return top


def _read_text(src: HouseholdSource) -> SheetTable:
    """A delimited text file: the header found with the csv module; the body by pyarrow when every
    row is regular (fast), else record by record with the csv module (exact row numbers)."""
    name = _shown(src.path)
    sep = src.separator or ","
    with _reading_text(name, src), _text_stream(src) as fh:
        reader = csv.reader(fh, delimiter=sep)
        top = _first_records(reader)
        start, depth, header = _find_header(top)
        _check_legacy_font(top, header, name, src.encoding, src.lang)
        _check_lost_letters(top, name, src.encoding, src.lang)
        if not header or not any(h.strip() for h in header):
            raise _no_header(name, src.lang)
        header = _clean_header(header, name, start + 1, src.lang)
        skip = start + depth
        fast = _read_text_fast(src, header, skip)
        if fast is not None:
            table, blank_mask = fast
            rows = np.arange(skip + 1, skip + 1 + table.num_rows, dtype=np.int64)
            if blank_mask is not None:
                table = table.filter(pa.array(~blank_mask))
                rows = rows[~blank_mask]
            out = SheetTable(
                table, rows, name, start + 1, blank_rows=int(blank_mask.sum()) if blank_mask is not None else 0
            )
        else:
            records = top[skip:] + list(reader)
            for rec in records:
                if any(len(c) > MAX_CELL_CHARS for c in rec):
                    raise InputError(W.msg("long_cell", src.lang, file=name, limit=MAX_CELL_CHARS))
            out = _from_records(records, skip + 1, header, sep, name, start + 1)
    check_no_nul(out, src.lang)
    check_open_quotes(out, len(header), sep, src.lang)
    check_code_page_cells(out, src.encoding, src.lang)
    out.table = _without_empty_edges(out.table)
    if src.encoding in ("cp1258", "cp1252"):
        out.table = pa.table({c: pc.utf8_normalize(out.table.column(c), "NFC") for c in out.table.column_names})
    return out


def refuse_extra_cells(sheet: SheetTable, lang: str) -> None:
    """Refuse (:class:`InputError`, naming the file, the row and the cells) a text file with a row of more cells
    than its header, for the readers that take every row or none: ``history import``'s lists, ``report``'s
    reviewed file and its targets. A household file rejects such a row (docs/input.md); these read the row's
    cells under the header and dropped the cells after its last column without a word (a list's row
    ``H1,nghèo,2023-12-01,x`` imported, its ``x`` lost)."""
    if sheet.ragged is None or sheet.extra is None:
        return
    for at in np.flatnonzero(sheet.ragged > 0):
        extra = sheet.extra[int(at)]
        if extra:  # a row of fewer cells has none: its missing cells are empty, as each reader checks them
            shown = extra if len(extra) <= 40 else extra[:40] + "…"
            cells = int(sheet.ragged[int(at)])
            raise InputError(
                W.msg("extra_cells", lang, file=sheet.source, row=int(sheet.rows[int(at)]), cells=cells, extra=shown)
            )


def check_no_nul(part: SheetTable, lang: str, *, key: str = "nul_in_cell") -> None:
    """Refuse a text file with a NUL character (byte 0) in a cell, naming its row and column: a NUL was carried
    into every output (a CSV that spreadsheet programs cut short at it); a binary file's NULs in its first MB
    refuse it when it is opened (``binary_file``), a text's stray ones there come here (:func:`_stray_nuls`).
    A Parquet file's text cell is refused alike, in its own words (``key``: ``nul_in_parquet_cell``)."""
    for name in part.table.column_names:
        if not _holds_nul(part.table.column(name)):
            continue
        found = pc.match_substring(part.table.column(name), "\x00")
        if pc.any(found).as_py():
            at = int(pc.index(found, True).as_py())
            raise InputError(W.msg(key, lang, file=part.source, row=int(part.rows[at]), column=name))


@cache
def _utf8_letters_in(encoding: str) -> str:
    """A regular expression for a Vietnamese letter saved in UTF-8 as a text read in the Windows code page
    ``encoding`` shows it: ``ễ`` (E1 BB 85) as ``á»…`` in either, ``ô`` (C3 B4) as ``Ă´`` in Windows-1258,
    ``Ã´`` in Windows-1252 — the letters of Latin-1 (C3 …), ``ă đ ĩ`` (C4 …), ``ũ`` (C5 …), ``ơ ư`` (C6 …) and
    those with a tone (E1 BA/BB …): two or three bytes, the last ones of 80 to BF. A code page's own letters
    are single bytes of C0 and up, each never followed by such bytes in Vietnamese or Western text."""

    def shown(byte: int) -> str:
        return bytes([byte]).decode(encoding, "ignore")

    following = "".join(re.escape(shown(b)) for b in range(0x80, 0xC0))
    leads = "".join(re.escape(shown(b)) for b in (0xC3, 0xC4, 0xC5, 0xC6))
    tone = re.escape(shown(0xE1)) + "[" + re.escape(shown(0xBA)) + re.escape(shown(0xBB)) + "]"
    return f"(?:[{leads}]|{tone})[{following}]"


def check_code_page_cells(part: SheetTable, encoding: str | None, lang: str) -> None:
    """Refuse a text file read in a Windows code page (Windows-1258, as guessed or given) that holds a row saved
    in UTF-8 (pasted from another file), naming its row, column and cell as UTF-8 reads it: read in the code
    page, its letters were garbled without a word (``Nguyễn`` written to the output as ``Nguyá»…n``, ``nông
    thôn`` rejected as ``nĂ´ng thĂ´n``). The mirror of a UTF-8 file with one Windows-1258 row, which stops
    naming the row (``not_encoding_at``). Only a file read in a code page is looked at."""
    if encoding not in ("cp1258", "cp1252"):
        return
    pattern = _utf8_letters_in(encoding)
    for name in part.table.column_names:
        column = part.table.column(name)
        if column.type not in (pa.string(), pa.large_string()) or column.null_count == len(column):
            continue
        found = pc.fill_null(pc.match_substring_regex(column, pattern), False)
        if pc.any(found).as_py():
            at = int(pc.index(found, True).as_py())
            cell = str(column[at].as_py()).encode(encoding, "replace")
            raise _utf8_row(part.source, int(part.rows[at]), name, cell, encoding, lang)


def _utf8_row(file: str, row: int, column: str, cell: bytes, encoding: str, lang: str) -> InputError:
    """The refusal of a cell saved in UTF-8 (its bytes ``cell``) in a file read in the code page ``encoding``
    (:func:`check_code_page_cells`)."""
    read = (cell.decode(enc, "replace") for enc in (encoding, "utf-8"))
    value, utf8 = (text if len(text) <= 40 else text[:40] + "…" for text in read)
    shown = {"cp1258": "Windows-1258", "cp1252": "Windows-1252"}[encoding]
    said = W.msg("utf8_row", lang, file=file, row=row, column=column, value=value, utf8=utf8, encoding=shown)
    return InputError(said)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def check_open_quotes(part: SheetTable, width: int, separator: str, lang: str) -> None:
    """Refuse a text file in which a quote opening a cell is not closed where the cell ends (``"HC-05,…`` and
    no closing quote, or one only some lines further): the csv readers then read the lines after it, whole
    rows of the file, into that one cell, and their households were neither classified nor rejected (a
    review counted them as left). Such a cell is one whose text, after a line break, holds a line of as many
    cells as the header's ``width`` (a note typed over several lines in one cell holds no whole row). The
    message names the row, the column, how many lines were taken in and the first of them."""
    if width < 3:
        return
    for name in part.table.column_names:
        column = part.table.column(name)
        if not _holds_bytes(column, b"\n\r"):
            continue
        found = pc.match_substring_regex(column, "[\r\n]").to_numpy(zero_copy_only=False)
        for at in np.flatnonzero(found):
            lines = _LINE_BREAK.split(str(column[int(at)].as_py()))[1:]
            rows = [line for line in lines if len(next(csv.reader([line], delimiter=separator), [])) == width]
            if rows:
                shown = rows[0] if len(rows[0]) <= 40 else rows[0][:40] + "…"
                values = {
                    "file": part.source,
                    "row": int(part.rows[int(at)]),
                    "column": name,
                    "lines": len([line for line in lines if line.strip()]),
                    "line": shown,
                }
                error = InputError(W.msg("open_quote", lang, **values))
                error.values = values  # type: ignore[attr-defined]  # said again at the file's row (report --dask)
                raise error


def _holds_bytes(column: pa.ChunkedArray, wanted: bytes) -> bool:
    """Whether a text column's character buffers hold one of the bytes ``wanted`` (as :func:`_holds_nul`)."""
    for chunk in column.chunks:
        if not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
            continue
        data = chunk.buffers()[2]
        if data is None or not data.size:
            continue
        byte = np.frombuffer(data, dtype=np.uint8)
        low, high = min(wanted), max(wanted)  # one pass over the bytes for the range first (a third of isin's)
        if (np.subtract(byte, low, dtype=np.uint8) <= high - low).any() and np.isin(byte, list(wanted)).any():
            return True
    return False


def _holds_nul(column: pa.ChunkedArray) -> bool:
    """Whether a text column's character buffers hold a zero byte (read from Arrow's buffers, no copy: a
    slice's buffer may hold bytes of rows outside it, which the caller's exact search then leaves out)."""
    for chunk in column.chunks:
        if not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
            continue
        data = chunk.buffers()[2]
        if data is not None and data.size and not np.frombuffer(data, dtype=np.uint8).all():
            return True
    return False


def unnamed_tail(header: list[str]) -> list[str]:
    """The header's last columns whose header cell was empty (``column_D`` …): an export's trailing
    separators (``;;`` at the end of every line). Dropped when empty (docs/input.md), as a sheet's are."""
    tail: list[str] = []
    for name in reversed(header[1:]):
        if not name.startswith("column_"):
            break
        tail.insert(0, name)
    return tail


def unnamed_lead(header: list[str]) -> list[str]:
    """The header's first columns whose header cell was empty, before its first named one: a sheet's
    margin (a table starting at column C, exported as ``,,`` before every line). Dropped when empty, as
    the trailing ones are (:func:`unnamed_tail`)."""
    lead: list[str] = []
    for name in header[: len(header) - len(unnamed_tail(header)) - 1]:
        if not name.startswith("column_"):
            break
        lead.append(name)
    return lead


def empty_column(column: pa.ChunkedArray | pa.Array) -> bool:
    """Whether every cell of a text column is empty or spaces."""
    trimmed = pc.utf8_trim_whitespace(pc.fill_null(column, ""))
    return not pc.any(pc.greater(pc.binary_length(trimmed), 0)).as_py()


def empty_edges(header: list[str], empty: Callable[[str], bool]) -> list[str]:
    """The columns a whole read of a text file drops (``empty(name)``: whether that column is empty in
    the whole file): its empty trailing unnamed columns (:func:`unnamed_tail`), from the last one back to
    the first that holds a value, and its empty leading ones (:func:`unnamed_lead`), from the first on."""
    lead, tail = unnamed_lead(header), unnamed_tail(header)
    dropped: list[str] = []
    while tail and empty(tail[-1]):
        dropped.append(tail.pop())
    for name in lead:
        if not empty(name):
            break
        dropped.append(name)
    return dropped


def _without_empty_edges(table: pa.Table) -> pa.Table:
    """``table`` without the columns :func:`empty_edges` names."""
    return table.drop_columns(empty_edges(table.column_names, lambda name: empty_column(table.column(name))))


def text_header(src: HouseholdSource) -> tuple[list[str], int, int]:
    """A text file's header as :meth:`HouseholdSource.read` finds it: (header cells, records before the
    body, the header's row number). For readers of the body in batches (``data/stream.py``)."""
    name = _shown(src.path)
    with _reading_text(name, src), _text_stream(src) as fh:
        top = _first_records(csv.reader(fh, delimiter=src.separator or ","))
    start, depth, header = _find_header(top)
    _check_legacy_font(top, header, name, src.encoding, src.lang)
    _check_lost_letters(top, name, src.encoding, src.lang)
    if not header or not any(h.strip() for h in header):
        raise _no_header(name, src.lang)
    return _clean_header(header, name, start + 1, src.lang), start + depth, start + 1


def arrow_csv_options(
    src: HouseholdSource, header: list[str], skip: int, block_size: int, *, threads: bool = True
) -> tuple[pacsv.ReadOptions, pacsv.ParseOptions, pacsv.ConvertOptions]:
    """pyarrow's options for reading a text source's body as text cells, exactly as written
    (``threads``: blocks parsed on pyarrow's pool, else one after another by the reading thread).

    An irregular row (more or fewer cells than the header) stops pyarrow's read with ``ArrowInvalid``;
    callers then read the file with the csv module, so row numbers stay exact. (pyarrow's invalid-row
    handler is not used: for such a row holding a byte its encoding cannot read, pyarrow failed to hand
    the row to it and Python printed "Exception ignored in: …" with a traceback on the officer's screen.)
    """
    encoding = {"utf-8-sig": "utf8", "utf-8": "utf8"}.get(src.encoding or "utf-8", src.encoding or "utf8")
    # the header's records and those above it skipped as records (a quoted header cell over two lines, an
    # Excel header typed with Alt+Enter, is one record): pyarrow's skip_rows counts lines, and read the rest
    # of such a header as a household row
    read_options = pacsv.ReadOptions(
        column_names=header, skip_rows_after_names=skip, encoding=encoding, block_size=block_size, use_threads=threads
    )
    parse_options = pacsv.ParseOptions(
        delimiter=src.separator or ",",
        newlines_in_values=True,
        ignore_empty_lines=False,
    )
    convert_options = pacsv.ConvertOptions(
        column_types={h: pa.string() for h in header},
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    return read_options, parse_options, convert_options


def _read_text_fast(src: HouseholdSource, header: list[str], skip: int) -> tuple[pa.Table, np.ndarray | None] | None:
    """pyarrow's reader over the body, or None when some row is irregular (then the csv module reads it)."""
    read_options, parse_options, convert_options = arrow_csv_options(src, header, skip, 1 << 24)
    try:
        table = pacsv.read_csv(
            arrow_text(src),
            read_options=read_options,
            parse_options=parse_options,
            convert_options=convert_options,
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError, ValueError):
        return None  # an irregular row, a cell pyarrow refuses: the csv module reads the file
    return table, blank_rows(table)


def blank_rows(table: pa.Table) -> np.ndarray | None:
    """Rows whose every cell is empty or spaces (skipped and counted), or None when there is none.

    Column by column, each looking only at the rows still blank in the columns before: a file whose
    first column is always filled costs one pass over that column, and none when each of its cells
    starts with a visible character (read from Arrow's buffers: the streaming reader does this for
    every batch, while the command imports the engine).
    """
    if table.num_rows == 0 or table.num_columns == 0 or all_start_visible(table.column(0)):
        return None
    still: np.ndarray | None = None  # positions of the rows blank so far
    for name in table.column_names:
        column = table.column(name) if still is None else table.column(name).take(pa.array(still))
        empty = pc.equal(pc.binary_length(pc.utf8_trim_whitespace(pc.fill_null(column, ""))), 0)
        blank = empty.to_numpy(zero_copy_only=False)
        still = np.flatnonzero(blank) if still is None else still[blank]
        if still.size == 0:
            return None
    mask = np.zeros(table.num_rows, dtype=bool)
    mask[still] = True
    return mask


# --------------------------------------------------------------------------- spreadsheets


def _cell_text(value: Any) -> str:
    """A spreadsheet cell as the officer sees it: 1500000 not 1500000.0, dates ISO, booleans 1/0."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value != value:  # NaN: a missing value (a Parquet float column's, as numpy and Arrow write them)
            return ""
        if value in (float("inf"), float("-inf")):
            return str(value)
        if value.is_integer() and abs(value) < 2**53:  # every such whole number exactly, never 1e15's ".0"
            return str(int(value))
        if value.is_integer() and abs(value) < 1e21:  # the 15 digits Excel keeps, written out as it shows them
            return str(int(float(f"{value:.15g}")))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes_text(bytes(value))
    return str(value)


def bytes_text(value: bytes) -> str:
    """A cell of bytes (a Parquet ``binary`` column's) as text: UTF-8 bytes as the text they are, any other
    as ``0x`` and its bytes in hexadecimal (``0xfffe41``), so that nothing of it is lost (docs/input.md),
    never Python's ``b'...'``."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return "0x" + value.hex()


def _sheet_cell_text(value: Any) -> str:
    """A spreadsheet cell as Excel shows and compares it: a number to its 15 significant digits, so that a
    formula's ``1500000.0000000002`` (a double's last bit) is the 1,500,000 the officer sees, not more."""
    if isinstance(value, float) and value == value and abs(value) != float("inf") and not value.is_integer():
        value = float(f"{value:.15g}")
    return _cell_text(value)


def _read_spreadsheet(src: HouseholdSource) -> SheetTable:
    name = _shown(src.path)
    lang = src.lang
    for far, (spans, wide, stray) in _ods_extents(src.path).items():  # calamine reads them all as it opens it
        if spans * wide > MAX_SHEET_CELLS:
            raise _too_large(f"{name} [{far}]", spans, wide, stray, lang)
    try:
        if _utf8_name(src.path):
            book = python_calamine.CalamineWorkbook.from_path(str(src.path))
        else:  # a name that is not UTF-8 (x\xf4.xlsx), which calamine cannot open: the bytes read here
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(src.path.read_bytes()))
        names = list(book.sheet_names)
        if not names:  # a workbook lists one sheet at least: one that lists none lost its parts (damaged)
            raise InputError(W.msg("bad_spreadsheet", lang, file=name))
        visible = [m.name for m in book.sheets_metadata if str(m.visible).endswith("Visible")] or names
        asks_all = _asks_all(src, names)
        every = _all_sheets(book, src, visible, name) if asks_all else []
        if every:  # --sheet all: each household list's sheet, in tab order
            opened_all = [(s, _sheet(book, src.path, s, name, lang)) for s in every]
            read_all = [(s, o.to_python(skip_empty_area=False), o.merged_cell_ranges) for s, o in opened_all]
        elif src.sheet is not None and not asks_all:
            chosen = _choose_sheet(names, src.sheet, visible)
            if chosen is None:
                listed = _sheets_listed(names, visible, lang)
                raise InputError(W.msg("no_sheet", lang, file=name, sheet=src.sheet, sheets=listed))
            candidates = [chosen]
        else:
            candidates = visible
        if every:
            candidates = []
        picked: tuple[str, list[list[Any]], Any] | None = None
        best = 0
        score_of = member_header_score if src.members else header_score
        for sheet in candidates:  # the sheet whose header names most known columns (a summary sheet's
            opened = _sheet(book, src.path, sheet, name, lang)  # "Thôn" alone does not make it the list)
            cells = opened.to_python(skip_empty_area=False)
            top = [[_sheet_cell_text(c) for c in r] for r in cells[:HEADER_SEARCH_ROWS]]
            score = score_of(_find_header(top)[2])
            if picked is None or score > best:
                picked, best = (sheet, cells, opened.merged_cell_ranges), score
            if best >= HOUSEHOLD_HEADER:  # a list's header: the sheets after it are only looked at
                if src.sheet is None and not src.members:  # a members file has no --sheet to choose one
                    _refuse_other_lists(book, src.path, candidates, sheet, name, lang)
                break
        if src.members and best == 0 and len(candidates) > 1:  # the household sheet is no members list
            raise InputError(W.msg("no_members_sheet", lang, file=name, sheets=", ".join(candidates)))
        if src.members and src.sheet is None and len(candidates) > 1 and picked is not None:
            _refuse_other_members(book, src.path, candidates, picked[0], name, lang)
    except InputError:
        raise
    except python_calamine.PasswordError:
        raise InputError(W.msg("password", lang, file=name)) from None
    except Exception:  # noqa: BLE001 - calamine raises several classes for a damaged file
        document = _ole_document_kind(src.path)
        if document is not None:  # a Word 97-2003 .doc (a table typed in Word): it was "damaged, not saved to its end"
            raise InputError(W.msg("document_file", lang, file=name, kind=W.msg(document, lang))) from None
        raise InputError(W.msg("bad_spreadsheet", lang, file=name)) from None  # ours: never calamine's words
    if every:
        parts = [(s, _sheet_table(src, f"{name} [{s}]", s, cells, merged)) for s, cells, merged in read_all]
        out = _joined_sheets(parts, name, lang)
        unread = [f"'{n}'" for n in visible if n not in every]
        if unread:  # a village's sheet whose header is not found (misspelt, below row 30) is not silently left out
            out.notes.append(W.msg("sheets_all_unread", lang, file=name, sheets=", ".join(unread)))
        hidden = [f"'{n}'" for n in names if n not in visible]
        if hidden:
            out.notes.append(W.msg("sheets_all_hidden", lang, file=name, sheets=", ".join(hidden)))
        return out
    assert picked is not None
    sheet, cells, merged = picked
    shown = f"{name} [{sheet}]" if len(names) > 1 else name
    out = _sheet_table(src, shown, sheet, cells, merged)
    if len(names) > 1 and (src.sheet is None or asks_all):  # --sheet all of a workbook with no list: which was read
        out.notes.append(W.msg("sheet_used", lang, file=name, sheet=sheet, sheets=_sheets_listed(names, visible, lang)))
    return out


def _sheet_table(src: HouseholdSource, shown: str, sheet: str, cells: list[list[Any]], merged: Any) -> SheetTable:
    """The household list of the sheet ``sheet`` of the workbook ``src`` (``cells``, its cells as calamine gives
    them, ``merged`` its merged cells), named ``shown`` (``ds.xlsx [Thôn 2]``) in its errors and notes."""
    lang = src.lang
    records = [[_sheet_cell_text(c) for c in r] for r in cells]
    shape = (len(records), max((len(r) for r in records), default=0))
    merged = list(merged or [])  # an .ods sheet's merges, which calamine does not give, are added
    uncomputed: list[tuple[int, int]] = []
    hidden_rows: list[int] = []  # the sheet's hidden or filtered-out rows, from 0
    for (row, column), (given, shown_cell) in _cells_as_shown(
        src.path, sheet, shape, merged, src.percents, hidden_rows
    ).items():
        if row < len(records) and column < len(records[row]) and records[row][column] == given:
            records[row][column] = shown_cell
            if shown_cell.startswith("="):
                uncomputed.append((row, column))
    start, depth, header = _find_header(records)
    _check_legacy_font(records[:HEADER_SEARCH_ROWS], header, shown, None, lang)
    if not header or not any(h.strip() for h in header):
        raise _no_header(shown, lang)
    header = _clean_header(header, shown, start + 1, lang)
    # spreadsheet rows are padded to the sheet's width: cut trailing unnamed, empty columns
    while len(header) > 1 and header[-1].startswith("column_"):
        j = len(header) - 1
        if any(j < len(r) and r[j].strip() for r in records[start + depth :]):
            break
        header.pop()
    skip = start + depth
    _fill_merged_down(records, merged, skip)
    lead = 0  # and the sheet's margin: leading unnamed, empty columns (a table that starts at column C)
    while lead < len(header) - 1 and header[lead].startswith("column_"):
        if any(lead < len(r) and r[lead].strip() for r in records[skip:]):
            break
        lead += 1
    if lead:
        header, records = header[lead:], [r[lead:] for r in records]
    _booleans_as_shown(records, cells, header, skip, lead, names_a_member_number if src.members else names_a_number)
    out = _from_records(records[skip:], skip + 1, header, "\t", shown, start + 1)
    below = sorted((row, column) for row, column in uncomputed if row >= skip)
    if below:  # the rows are rejected with the formula: say why a cell Excel shows a value of holds none
        row, column = below[0]
        cell = f"{_column_letter(column)}{row + 1}"
        out.notes.append(W.msg("uncomputed_formulas", lang, file=shown, count=len(below), cell=cell))
    if hidden_rows:
        out.notes.extend(_hidden_rows_note(hidden_rows, out.rows, shown, lang, src.imported))
    return out


#: Streams of an OLE compound file (the container Excel 97-2003 saves an .xls in) that make it a Word or PowerPoint
#: 97-2003 document, and their words keys.
_OLE_DOCUMENTS = {"WordDocument": "document_doc", "PowerPoint Document": "document_ppt"}


def _ole_document_kind(path: Path) -> str | None:
    """The words key of the document an OLE compound file the workbook reader could not read is (a Word 97-2003
    ``.doc``, a PowerPoint 97-2003 ``.ppt``, under its name or renamed ``.xls``), by the streams it holds (read
    with xlrd's reader of compound files); None for any other file, or one xlrd cannot follow."""
    try:
        with path.open("rb") as fh:
            if fh.read(len(_OLE_MAGIC)) != _OLE_MAGIC:
                return None
        compdoc = late_module("xlrd.compdoc")
        with open(os.devnull, "w") as quiet:  # xlrd's warnings go to its log file, never to the officer
            streams = {entry.name for entry in compdoc.CompDoc(path.read_bytes(), logfile=quiet).dirlist}
    except Exception:  # noqa: BLE001 - a damaged compound file: said to be a damaged workbook
        return None
    return next((kind for stream, kind in _OLE_DOCUMENTS.items() if stream in streams), None)


def _hidden_rows_note(hidden: list[int], rows: np.ndarray, shown: str, lang: str, imported: bool = False) -> list[str]:
    """The note on the rows of the list the sheet hides (a filter to one village, rows hidden by hand; ``hidden``
    from 0) that were read: they are the file's data and are classified (``imported``: recorded by history
    import), but the officer, who sees only the rows shown, is told how many and the first five (``rows``: the
    sheet row numbers read, from 1)."""
    read = np.intersect1d(np.asarray(hidden, dtype=np.int64) + 1, rows)
    if not len(read):
        return []
    listed = W.row_list(read[:5].tolist(), len(read))
    key = "hidden_rows_imported" if imported else "hidden_rows"
    return [W.msg(key, lang, file=shown, count=len(read), rows=listed)]


def _sheet(book: Any, path: Path, sheet: str, name: str, lang: str) -> Any:
    """The sheet ``sheet`` of the workbook ``book`` (read from ``path``, named ``name``) as calamine reads it,
    once :func:`_sheet_extent` has found it no larger than :data:`MAX_SHEET_CELLS` cells: else an
    :class:`InputError` naming its farthest cells and how to remove them."""
    extent = _sheet_extent(path, sheet)
    if extent is not None:
        rows, columns, cells = extent
        if rows * columns > MAX_SHEET_CELLS:  # a sheet only too wide is said so once read (too_many_columns)
            raise _too_large(f"{name} [{sheet}]", rows, columns, cells, lang)
    return book.get_sheet_by_name(sheet)


def _too_large(shown: str, rows: int, columns: int, cells: list[str], lang: str) -> InputError:
    """The error of a sheet (``shown``: the file and the sheet) spanning ``rows`` × ``columns`` cells, more than
    :data:`MAX_SHEET_CELLS`, up to its far ``cells``: which to remove."""
    return InputError(
        W.msg(
            "sheet_too_large",
            lang,
            file=shown,
            cells=", ".join(cells),
            rows=W.number(rows, lang),
            columns=W.number(columns, lang),
            limit=W.number(MAX_SHEET_CELLS, lang),
        )
    )


#: A cell reference beyond column CQ (the 95th: a sheet no wider spans at most 95 × 1,048,576 cells, fewer
#: than :data:`MAX_SHEET_CELLS`), as a cell's attribute; its literal start lets the search skip ahead.
_WIDE_REF = re.compile(rb' r="(C[R-Z]|[D-Z][A-Z]|[A-Z]{3})([0-9]{1,7})"')
#: A cell's tag and its reference, where the tag starts.
_CELL_TAG_AT = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*>')


def _sheet_extent(path: Path, sheet: str) -> tuple[int, int, list[str]] | None:
    """The rows and columns an ``.xlsx`` / ``.xlsm`` sheet spans up to its last cells with a value (a cell only
    formatted is none, as calamine reads it), and the cells that reach its last row and its last column
    (``XFD5``, ``A1048576``; one when it is both), when it is wider than column CQ (a narrower sheet always
    fits: None); None too for another workbook, or one this cannot follow. The sheet's rows come in order, so
    its last row is its last cell's: only the wide cells and each piece's last cell are looked at."""
    tree = late_module("xml.etree.ElementTree")
    try:
        with zipfile.ZipFile(path) as book:
            names = set(book.namelist())
            if "xl/workbook.xml" not in names:
                return None
            member = _xlsx_sheet_member(book, names, sheet, tree)
            if member is None:
                return None
            rows = columns = 0
            far_row = far_column = ""
            with book.open(member) as xml:  # a piece at a time
                carry = b""
                while True:
                    chunk = xml.read(XML_CHUNK)
                    data = carry + chunk
                    cut = data.rfind(b"<c ") if chunk else len(data)  # whole cell tags only; the rest waits
                    if cut <= 0:
                        cut = len(data) if not chunk else 0
                    for ref in _WIDE_REF.finditer(data, 0, cut):
                        tag = _CELL_TAG_AT.match(data, data.rfind(b"<", 0, ref.start()))
                        if tag is not None and not tag.group(0).endswith(b"/>") and _cell_at(tag)[1] + 1 > columns:
                            columns, far_column = _cell_at(tag)[1] + 1, (tag.group(1) + tag.group(2)).decode()
                    end = cut
                    while end > 0:  # the piece's last cell with a value: the farthest row so far
                        start = data.rfind(b"<c ", 0, end)
                        last = _CELL_TAG_AT.match(data, start) if start >= 0 else None
                        if last is None:  # no reference (a writer may leave them out): nothing to learn here
                            break
                        if not last.group(0).endswith(b"/>"):
                            if _cell_at(last)[0] + 1 > rows:
                                rows, far_row = _cell_at(last)[0] + 1, (last.group(1) + last.group(2)).decode()
                            break
                        end = start
                    carry = data[cut:]
                    if not chunk:
                        break
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, tree.ParseError):
        return None
    if not columns:
        return None
    return rows, columns, list(dict.fromkeys(c for c in (far_column, far_row) if c))


#: In an ``.ods``, what may set a value far from the list: 90 or more empty cells repeated before a cell of the
#: same row, or a thousand or more empty rows repeated before another row (LibreOffice ends each row and the
#: sheet with such repeats, followed by nothing: those are no far value). Each begins with its attribute's name,
#: which the search looks for first (an expression of alternatives would try each byte of the content).
_ODS_FAR = (
    re.compile(rb'number-columns-repeated="(?:9[0-9]|[1-9][0-9]{2,})"[^>]*/>\s*<table:(?:covered-)?table-cell\b'),
    re.compile(
        rb'number-rows-repeated="[1-9][0-9]{3,}"[^>]*>(?:\s*<table:table-cell\b[^>]*/>)*\s*</table:table-row>\s*'
        rb"(?:</table:table-row-group>\s*)*<table:table-row\b"
    ),
)


def _ods_extents(path: Path) -> dict[str, tuple[int, int, list[str]]]:
    """The sheets of an ``.ods`` whose content may hold a value far from the rest (:data:`_ODS_FAR`, looked for a
    piece at a time; most workbooks have none, and are not parsed), each with the rows and columns it spans up
    to its last cells with a value and the cells that reach them, as :func:`_sheet_extent` gives an ``.xlsx``
    sheet's. A cell with a value has a value type or a paragraph; repeated rows and cells count as many as they
    repeat, as calamine counts them. Another workbook, or one this cannot follow, gives none."""
    tree = late_module("xml.etree.ElementTree")
    out: dict[str, tuple[int, int, list[str]]] = {}
    try:
        with zipfile.ZipFile(path) as book:
            if "content.xml" not in book.namelist() or "xl/workbook.xml" in book.namelist():
                return out
            with book.open("content.xml") as xml:
                carry = b""
                while chunk := xml.read(XML_CHUNK):
                    piece = carry + chunk
                    if any(far.search(piece) for far in _ODS_FAR):
                        break
                    carry = piece[-4096:]
                else:
                    return out
            with book.open("content.xml") as xml:
                _ods_spans(tree.iterparse(xml, events=("start", "end")), out)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, tree.ParseError):
        return {}
    return out


def _ods_spans(events: Iterator[tuple[str, Any]], out: dict[str, tuple[int, int, list[str]]]) -> None:
    """:func:`_ods_extents` of a content's parse ``events``, into ``out`` by sheet."""
    sheet: str | None = None
    rows = columns = row = depth = 0
    far_row = far_column = ""
    for event, element in events:
        tag = element.tag
        if tag == f"{_ODS_TABLE}table":
            if event == "start" and sheet is None:
                sheet, depth = element.get(f"{_ODS_TABLE}name", ""), 0
                rows = columns = row = 0
                far_row = far_column = ""
            elif sheet is not None:
                depth += 1 if event == "start" else -1
                if depth < 0:
                    if columns:
                        out[sheet] = (rows, columns, list(dict.fromkeys(c for c in (far_column, far_row) if c)))
                    sheet = None
                    element.clear()
            continue
        if sheet is None or depth or event != "end" or tag != f"{_ODS_TABLE}table-row":
            continue
        repeat_rows = int(element.get(f"{_ODS_TABLE}number-rows-repeated", "1"))
        column = reach = 0
        for cell in element:
            if cell.tag in (f"{_ODS_TABLE}table-cell", f"{_ODS_TABLE}covered-table-cell"):
                repeat = int(cell.get(f"{_ODS_TABLE}number-columns-repeated", "1"))
                if cell.get(f"{_ODS_OFFICE}value-type") is not None or len(cell):
                    reach = column + repeat
                column += repeat
        if reach:
            last = row + repeat_rows
            ref = f"{_column_letter(reach - 1)}{last}"
            if last > rows:
                rows, far_row = last, ref
            if reach > columns:
                columns, far_column = reach, ref
        row += repeat_rows
        element.clear()


def _xlsx_sheet_member(book: zipfile.ZipFile, names: set[str], sheet: str, tree: Any) -> str | None:
    """The part of an ``.xlsx`` holding the sheet named ``sheet`` (``xl/worksheets/sheet1.xml``), or None."""
    ids = {
        s.get("name"): s.get(_RELATIONS)
        for s in tree.fromstring(book.read("xl/workbook.xml")).iter()
        if s.tag.endswith("}sheet")
    }
    relations = tree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target", "") for r in relations if r.get("Id") == ids.get(sheet)), "")
    member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return member if member in names and member.endswith(".xml") else None


def _refuse_other_lists(book: Any, path: Path, visible: list[str], first: str, name: str, lang: str) -> None:
    """Refuse (:class:`InputError`) a workbook holding a household list on more than one visible sheet,
    ``first`` the first of them, naming them and ``--sheet``: a commune's workbook of one sheet per village
    had its first village classified and the others' households left out, exit 0 and a note. A sheet is such
    a list when its header row names the household code and as many known columns as
    :data:`HOUSEHOLD_HEADER` asks (a summary sheet headed ``Thôn`` … is none), and not two members' columns
    (the members list of ``classify ho.xlsx --members ho.xlsx`` is none)."""
    lists: dict[str, list[str] | None] = {first: None}  # each list's header, read once (the first's: when refused)
    for sheet in visible[visible.index(first) + 1 :]:
        header = _sheet_header(book, path, sheet, name, lang)
        if _household_list(header):
            lists[sheet] = header
    if len(lists) > 1:
        shown = ", ".join(f"'{s}'" for s in lists)
        said = W.msg("sheets_many_lists", lang, file=name, count=len(lists), sheets=shown, first=first)
        lists[first] = _sheet_header(book, path, first, name, lang)
        unnamed = [s for s, header in lists.items() if not names_village(header or [])]
        if unnamed:  # the village only in the sheet's name: copied onto one sheet, each row would lose it
            said += W.msg("sheets_lists_no_village", lang, sheets=", ".join(f"'{s}'" for s in unnamed))
        raise InputError(said)


def _household_list(header: list[str]) -> bool:
    """Whether a sheet's header row heads a household list: it names the household code and as many known
    columns as :data:`HOUSEHOLD_HEADER` asks (a summary sheet headed ``Thôn`` … is none), and not two members'
    columns (a members list beside it, ``Mã hộ, Thôn, Khu vực, Ngày sinh, Giới tính`` …, is none)."""
    return header_score(header) >= HOUSEHOLD_HEADER and names_household_code(header) and member_header_score(header) < 2


def _asks_all(src: HouseholdSource, names: list[str]) -> bool:
    """Whether ``src`` asks for ``--sheet all`` (:data:`ALL_SHEETS`, in any case) of a household workbook none of
    whose sheets (``names``) is named so (a sheet named ``all`` is read as its name asks)."""
    if src.sheet is None or src.sheet.strip().lower() != ALL_SHEETS or src.members:
        return False
    return _choose_sheet(names, src.sheet, []) is None


def _all_sheets(book: Any, src: HouseholdSource, visible: list[str], name: str) -> list[str]:
    """The sheets ``--sheet all`` reads: every visible sheet whose header row heads a household list
    (:func:`_household_list`, the test of the workbook the run stops at without it), in tab order; none when no sheet
    heads a list (then the sheet read is found, and a missing column said, as without ``--sheet``)."""
    return [s for s in visible if _household_list(_sheet_header(book, src.path, s, name, src.lang))]


def _joined_sheets(parts: list[tuple[str, SheetTable]], name: str, lang: str) -> SheetTable:
    """The household lists of a workbook's sheets (``parts``: each tab's name and its list) as one list, for
    ``--sheet all``: the columns of all of them, a column known by another header on a later sheet (``Mã số hộ``
    beside ``Mã hộ``) under the first sheet's, a column a sheet lacks blank there (unknown, as a blank cell is);
    the village of a sheet without a village column is its tab's name (under the other sheets' village header, or
    ``Thôn``). Rows are numbered across the workbook, each sheet's after the one before it
    (:attr:`SheetTable.sheets`, :func:`sheet_rows`); every note already names its sheet."""
    keys: dict[str, str] = {}  # a column's key (its known name, or its header) -> the header it is written under
    own: list[dict[str, str]] = []  # each sheet's headers by key
    for _, part in parts:
        mine: dict[str, str] = {}
        for header in part.column_names:
            key = known_column(header) or f"={header}"
            key = key if key not in mine else f"={header}"
            mine[key] = header
            keys.setdefault(key, header)
        own.append(mine)
    if "village" not in keys:
        keys["village"] = W.msg("sheet_village_header", lang)
    tables, rows, ragged, extra, notes, offsets = [], [], [], [], [], []
    offset = 0
    for (tab, part), mine in zip(parts, own, strict=True):
        n = part.num_rows
        columns = []
        for key in keys:
            if key in mine:
                columns.append(part.table.column(mine[key]))
            elif key == "village":  # the village only in the sheet's tab
                columns.append(pa.chunked_array([_tab_villages(part, tab, mine.get("household_id"))]))
            else:
                columns.append(pa.chunked_array([pa.array([""] * n, pa.string())]))
        tables.append(pa.table(columns, names=list(keys.values())))
        rows.append(np.asarray(part.rows, dtype=np.int64) + offset)
        ragged.append(part.ragged if part.ragged is not None else np.zeros(n, dtype=np.int64))
        extra.extend(part.extra if part.extra is not None else [""] * n)
        notes.extend(part.notes)
        offsets.append((tab, offset, part.header_row))
        offset += int(part.rows.max()) if n else part.header_row
    first = parts[0][1]
    unnamed = [f"'{tab}'" for (tab, _), mine in zip(parts, own, strict=True) if "village" not in mine]
    read_at = len(notes)  # the note of the sheets read, once the list is joined (sheets_read_note)
    if unnamed:
        notes.append(W.msg("sheets_all_village", lang, file=name, sheets=", ".join(unnamed), column=keys["village"]))
    for (tab, part), mine in zip(parts, own, strict=True):  # blank there: unknown, as a blank cell is
        lacking = [header for key, header in keys.items() if key not in mine and key != "village"]
        if lacking and part.num_rows:  # a sheet of no household lacks nothing of theirs
            notes.append(W.msg("sheets_all_lacking", lang, file=name, sheet=tab, columns=W.column_list(lacking)))
    any_ragged = any(p.ragged is not None for _, p in parts)
    out = SheetTable(
        pa.concat_tables(tables),
        np.concatenate(rows),
        name,
        first.header_row,
        np.concatenate(ragged) if any_ragged else None,
        extra if any_ragged else None,
        notes,
        sum(p.blank_rows for _, p in parts),
        None,
        tuple(offsets),
    )
    out.notes.insert(read_at, sheets_read_note(out, lang))
    return out


def sheets_read_note(table: SheetTable, lang: str, rejects: bool = True) -> str:
    """The note of ``--sheet all`` naming the sheets of ``table`` read (:attr:`SheetTable.sheets`) and the rows of
    each, in tab order; with ``rejects``, that the rejects file names each row by its sheet and its row there
    (``[Thôn Đông] 3``, the list's first row): said by the commands that write one (classify, review), not by
    explain, which writes none."""
    starts = np.array([start for _, start, _ in table.sheets], dtype=np.int64)
    which = np.maximum(np.searchsorted(starts, np.asarray(table.rows, dtype=np.int64), side="left") - 1, 0)
    counts = np.bincount(which, minlength=len(table.sheets))  # as sheet_rows places each row
    tabs = [tab for tab, _, _ in table.sheets]
    counted = ", ".join(f"'{tab}' ({W.number(int(n), lang)})" for tab, n in zip(tabs, counts, strict=True))
    said = W.msg("sheets_all_read", lang, file=table.source, count=len(table.sheets), sheets=counted)
    if not rejects:
        return said
    example = row_refs(table.sheets, table.rows[:1])[0] if table.num_rows else f"[{table.sheets[0][0]}] 2"
    return f"{said}. {W.msg('sheets_all_rejects_rows', lang, example=example)}"


def _tab_villages(part: SheetTable, tab: str, code: str | None) -> pa.Array:
    """The village cells of a sheet without a village column (``--sheet all``): its tab's name, on each row that
    holds a cell besides its household code; none on a row holding text in the code column alone (a list's
    title, ``DANH SÁCH HỘ THÔN 2 (tiếp)``, a heading), rejected as on a one-sheet file with that one reason
    (``data/normalize.py`` ``_lone_codes``), not as a household of that village with no area and no income."""
    filled = np.zeros(part.num_rows, dtype=bool)
    for header in part.column_names:
        if header != code:
            cells = pc.utf8_length(pc.utf8_trim_whitespace(part.table.column(header)))
            filled |= pc.fill_null(pc.greater(cells, 0), False).to_numpy(zero_copy_only=False)
    if part.extra is not None:
        filled |= np.array([bool(e.strip()) for e in part.extra], dtype=bool)
    return pa.array(np.where(filled, " ".join(tab.split()), ""), pa.string())  # a tab's stray spaces: no other village


def sheet_rows(sheets: Sequence[tuple[str, int, int]], rows: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The sheet (its tab's name) and its row there of each row ``rows`` of a list read with ``--sheet all``,
    numbered across the workbook (``sheets``: :attr:`SheetTable.sheets`)."""
    starts = np.array([start for _, start, _ in sheets], dtype=np.int64)
    at = np.asarray(rows, dtype=np.int64)
    which = np.maximum(np.searchsorted(starts, at, side="left") - 1, 0)
    return [sheets[i][0] for i in which], at - starts[which]


def row_refs(sheets: Sequence[tuple[str, int, int]], rows: np.ndarray) -> list[str]:
    """Each row ``rows`` of a list read with ``--sheet all`` as an officer finds it, its sheet and its row there
    (``[Thôn 2] 7``): a rejects file's row, in the cell the row number takes for one sheet."""
    tabs, within = sheet_rows(sheets, rows)
    return [f"[{tab}] {int(row)}" for tab, row in zip(tabs, within, strict=True)]


def _sheet_header(book: Any, path: Path, sheet: str, name: str, lang: str) -> list[str]:
    """The header row of the sheet ``sheet`` (its first :data:`HEADER_SEARCH_ROWS` rows searched)."""
    top = _sheet(book, path, sheet, name, lang).to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS)
    return _find_header([[_sheet_cell_text(c) for c in r] for r in top])[2]


def _refuse_other_members(book: Any, path: Path, visible: list[str], picked: str, name: str, lang: str) -> None:
    """Refuse (:class:`InputError`) a members workbook holding a members list on more than one visible sheet
    (one sheet per village), as :func:`_refuse_other_lists` refuses a household file's: the sheet headed with
    the most members' columns was read and the other villages' members silently left out, their households
    then deprived or undetermined for want of members. A sheet is such a list when its header row names the
    household code and two members' columns or more (the household list of ``--members ho.xlsx`` is none);
    ``picked``, the sheet that would be read, is one. ``--members-sheet`` chooses one."""
    lists = []
    for sheet in visible:
        if sheet == picked:
            lists.append(sheet)
            continue
        top = _sheet(book, path, sheet, name, lang).to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS)
        header = _find_header([[_sheet_cell_text(c) for c in r] for r in top])[2]
        if member_header_score(header) >= 2 and names_household_code(header):
            lists.append(sheet)
    if len(lists) > 1:
        shown = ", ".join(f"'{s}'" for s in lists)
        raise InputError(W.msg("sheets_many_members", lang, file=name, count=len(lists), sheets=shown, first=lists[0]))


def _booleans_as_shown(
    records: list[list[str]],
    cells: list[list[Any]],
    header: list[str],
    skip: int,
    lead: int,
    is_number: Callable[[str], bool],
) -> None:
    """A TRUE / FALSE cell under a number's header (``is_number``: ``income_per_capita``, ``score_a`` …; a
    members list's ``Tuổi``, ``Năm sinh``) written as Excel shows it, ``TRUE`` / ``FALSE``, not 1 / 0: a yes/no
    is no income, and its row is rejected as a typed ``TRUE`` is, nor an age of 1 or 0, and the cell is
    unreadable (elsewhere, a mark, it stays 1 / 0)."""
    numbers = [j for j, h in enumerate(header) if is_number(h)]
    if not numbers:
        return
    for i in range(skip, min(len(records), len(cells))):
        row = cells[i]
        for j in numbers:
            if lead + j < len(row) and isinstance(row[lead + j], bool) and j < len(records[i]):
                records[i][j] = "TRUE" if row[lead + j] else "FALSE"


#: Bytes of a sheet's XML looked at at a time for its error cells and zero-padded numbers.
XML_CHUNK = 1 << 24
_ERROR_CELL = re.compile(rb'<c\b([^>]*?)\bt="e"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_CELL_REF = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_CELL_TYPE = re.compile(rb'\bt="([a-zA-Z]*)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_RELATIONS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
#: Text of a number format shown as written: "HC-" or \- (quoted or escaped).
_FORMAT_LITERAL = r'(?:"[^"]*"|\\.)*'
#: A number format that shows a whole number with leading zeros (``000``, ``00000``, ``"HC-"0000``).
_PADDED_FORMAT = re.compile(rf"^({_FORMAT_LITERAL})(0{{2,}})({_FORMAT_LITERAL})$")

#: A cell as calamine gives it and as the officer's spreadsheet shows it, by (row, column) from 0.
Shown = dict[tuple[int, int], tuple[str, str]]


def _cells_as_shown(
    path: Path,
    sheet: str,
    shape: tuple[int, int],
    merged: list[Any] | None = None,
    percents: bool = False,
    hidden: list[int] | None = None,
) -> Shown:
    """The cells of an ``.xlsx`` / ``.xlsm`` or ``.ods`` sheet that calamine does not give as the sheet shows
    them, by (row, column) from 0: (what calamine gives, what is shown).

    * A formula that ended in an error (``#N/A``, ``#DIV/0!`` …) shows the error; calamine gives such a
      cell as empty: a VLOOKUP's ``#N/A`` in a deprivation mark was unknown, or *not deprived* with
      ``--blank-flags not-deprived``, and a ``#DIV/0!`` income "empty". Written as shown, the row is
      rejected with what the cell holds.
    * A whole number in a cell formatted with leading zeros (``000``, ``00000``: how a household code ``001``
      or a commune code ``03001`` typed as a number is kept) shows them; calamine gives ``1``, ``3001``,
      another household than the history's and the members file's.
    * With ``percents``, a number in a cell formatted as a percentage (``0%``, ``0.0%``) shows it times 100
      with a percent sign (``12%``, ``1.2%``: what was typed); calamine gives ``0.12``, ``0.012``.

    An ``.xls`` gives both from its records (:func:`_xls_cells`), an ``.ods`` from its content
    (:func:`_ods_cells`, which adds the sheet's merged cells to ``merged``, as calamine gives those of the
    other formats); a workbook this cannot follow gives none. The rows the sheet hides (``hidden="1"``: rows
    hidden by hand or by a filter; calamine gives them as any other) are added to ``hidden``, from 0."""
    hidden = hidden if hidden is not None else []
    tree = late_module("xml.etree.ElementTree")  # only for a workbook: not on a text file's start-up path
    try:
        with path.open("rb") as fh:
            if fh.read(8) == _OLE_MAGIC:
                return _xls_cells(path, sheet, shape, percents, hidden)
        with zipfile.ZipFile(path) as book:
            names = set(book.namelist())
            if "xl/workbook.xml" not in names:
                if "content.xml" not in names:
                    return {}
                merged = merged if merged is not None else []
                return _ods_cells(book, sheet, tree, shape, merged, percents, hidden)
            member = _xlsx_sheet_member(book, names, sheet, tree)
            if member is None:
                return {}
            padded = _padded_styles(book, names, tree)
            styled = None
            if padded:  # the cells of those styles only: the expression finds them, Python looks at no other
                alternatives = b"|".join(str(i).encode() for i in padded)
                styled = re.compile(rb'<c\b([^>]*?)\bs="(' + alternatives + rb')"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
            percent = _percent_styles(book, names, tree) if percents else set()
            shares = None
            if percent:
                alternatives = b"|".join(str(i).encode() for i in sorted(percent))
                shares = re.compile(rb'<c\b([^>]*?)\bs="(' + alternatives + rb')"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
            found: Shown = {}
            with book.open(member) as xml:  # a piece at a time, never the whole sheet beside calamine's copy
                carry = b""
                while True:
                    chunk = xml.read(XML_CHUNK)
                    data = carry + chunk
                    cut = data.rfind(b"<c ") if chunk else len(data)  # whole cells only; the rest waits
                    if cut <= 0:
                        cut = len(data) if not chunk else 0
                    if b't="e"' in data[:cut]:
                        _errors_in(data[:cut], found)
                    if b"</f>" in data[:cut] or b"<f " in data[:cut]:
                        _uncomputed_in(data[:cut], found)
                    if styled is not None:
                        _padded_in(data[:cut], styled, padded, found)
                    if shares is not None:
                        _percent_in(data[:cut], shares, found)
                    if data.find(b'hidden="', 0, cut) >= 0:
                        hidden.extend(_hidden_in(data[:cut], shape[0]))
                    carry = data[cut:]
                    if not chunk:
                        return found
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, tree.ParseError):
        return {}


#: A sheet's row tag that hides its row (by hand or by a filter), and its number.
_HIDDEN_ROW = re.compile(rb'<row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_ROW_NUMBER = re.compile(rb'\br="([0-9]+)"')


def _hidden_in(data: bytes, rows: int) -> Iterator[int]:
    """The rows (from 0) of a piece of a sheet's XML made of whole tags that the sheet hides, among its first
    ``rows`` (those calamine gave)."""
    for match in _HIDDEN_ROW.finditer(data):
        number = _ROW_NUMBER.search(match.group(0))
        if number is not None and int(number.group(1)) <= rows:
            yield int(number.group(1)) - 1


def _cell_at(ref: re.Match[bytes]) -> tuple[int, int]:
    """A cell reference (``AB12``) as (row, column) from 0."""
    column = 0
    for letter in ref.group(1).decode():
        column = column * 26 + ord(letter) - 64
    return int(ref.group(2)) - 1, column - 1


def _errors_in(data: bytes, found: Shown) -> None:
    """The error cells of a piece of a sheet's XML made of whole cells, into ``found``."""
    for match in _ERROR_CELL.finditer(data):
        ref = _CELL_REF.search(match.group(1) + b" " + match.group(2))
        value = _VALUE.search(match.group(3) or b"")
        if ref is None or value is None:
            continue
        found[_cell_at(ref)] = ("", value.group(1).decode("utf-8", "replace"))  # #N/A, #DIV/0! …


#: A cell holding a formula and no saved value (a workbook written by a program, never computed by Excel).
_UNCOMPUTED_CELL = re.compile(rb"<c\b([^>]*?)>\s*<f\b[^>]*?(?:/>|>([^<]*)</f>)\s*(?:<v\s*/>|<v></v>)?\s*</c>", re.S)


def _uncomputed_in(data: bytes, found: Shown) -> None:
    """The cells of a piece of a sheet's XML made of whole cells whose formula has no saved value, into
    ``found`` as their formula (``=C5/D5``; ``=`` for a copy of a shared one): calamine gives them empty, a
    mark unknown (not deprived with ``--blank-flags not-deprived``) where Excel shows its value."""
    for match in _UNCOMPUTED_CELL.finditer(data):
        ref = _CELL_REF.search(match.group(1))
        if ref is not None:
            text = (match.group(2) or b"").decode("utf-8", "replace")
            found[_cell_at(ref)] = ("", "=" + html.unescape(text))


def _padded_styles(book: zipfile.ZipFile, names: set[str], tree: Any) -> dict[int, tuple[str, int, str]]:
    """The cell styles of an ``.xlsx`` whose number format shows a whole number with leading zeros, by the
    style's number (a cell's ``s=``): the text before the digits, how many digits, the text after."""
    if "xl/styles.xml" not in names:
        return {}
    root = tree.fromstring(book.read("xl/styles.xml"))
    formats = {f.get("numFmtId"): f.get("formatCode", "") for f in root.iter() if f.tag.endswith("}numFmt")}
    cell_styles = next((e for e in root if e.tag.endswith("}cellXfs")), None)
    out: dict[int, tuple[str, int, str]] = {}
    for i, style in enumerate([] if cell_styles is None else list(cell_styles)):
        padding = _padding(formats.get(style.get("numFmtId", "0")) or "")
        if padding is not None:
            out[i] = padding
    return out


#: Excel's built-in number formats that show a percentage (``0%``, ``0.00%``): a style names them by id alone.
_PERCENT_FORMAT_IDS = frozenset({"9", "10"})


def _percent_styles(book: zipfile.ZipFile, names: set[str], tree: Any) -> set[int]:
    """The cell styles of an ``.xlsx`` whose number format shows a number as a percentage (a ``%`` outside
    its quoted text), by the style's number (a cell's ``s=``)."""
    if "xl/styles.xml" not in names:
        return set()
    root = tree.fromstring(book.read("xl/styles.xml"))
    formats = {f.get("numFmtId"): f.get("formatCode", "") for f in root.iter() if f.tag.endswith("}numFmt")}
    cell_styles = next((e for e in root if e.tag.endswith("}cellXfs")), None)
    out: set[int] = set()
    for i, style in enumerate([] if cell_styles is None else list(cell_styles)):
        number_format = style.get("numFmtId", "0")
        if number_format in _PERCENT_FORMAT_IDS or _shows_percent(formats.get(number_format) or ""):
            out.add(i)
    return out


def _shows_percent(code: str) -> bool:
    """Whether a number format's first section shows its number as a percentage (``0.0%``, ``0%;[Red]-0%``):
    a ``%`` that is not quoted or escaped text."""
    section = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code.split(";")[0])
    return "%" in section


def _percent_in(data: bytes, styled: re.Pattern[bytes], found: Shown) -> None:
    """The numbers of a piece of a sheet's XML whose style shows them as a percentage, into ``found``: as
    calamine gives them (``0.012``) and as shown, times 100 with a percent sign (``1.2%``)."""
    for _, ref, number in _styled_numbers(data, styled):
        if number != number or abs(number) == float("inf"):
            continue
        found[_cell_at(ref)] = (_sheet_cell_text(number), f"{number * 100:.15g}%")


def _styled_numbers(data: bytes, styled: re.Pattern[bytes]) -> Iterator[tuple[re.Match[bytes], re.Match[bytes], float]]:
    """The number cells of a piece of a sheet's XML that ``styled`` finds (cells of the styles looked for): each
    cell's match, its reference's match and its number; cells of text, of no value or no number are passed over."""
    for match in styled.finditer(data):
        attributes = match.group(1) + b" " + match.group(3)
        kind = _CELL_TYPE.search(attributes)
        ref = _CELL_REF.search(attributes)
        value = _VALUE.search(match.group(4) or b"")
        if ref is None or value is None or (kind is not None and kind.group(1) != b"n"):
            continue
        try:
            number = float(value.group(1))
        except ValueError:
            continue
        yield match, ref, number


def _padding(code: str) -> tuple[str, int, str] | None:
    """How a number format shows a whole number with leading zeros (``000``, ``"HC-"0000``): the text before
    the digits, how many digits, the text after; None for any other format."""
    section = re.sub(r"\[[^\]]*\]", "", code.split(";")[0])  # a colour, a locale: not shown
    match = _PADDED_FORMAT.match(section)
    if match is None:
        return None
    return _format_text(match.group(1)), len(match.group(2)), _format_text(match.group(3))


def _format_text(part: str) -> str:
    """The text a number format's literal part shows (``"HC-"`` → ``HC-``, ``\\-`` → ``-``)."""
    return "".join(p[1:-1] if p.startswith('"') else p[1:] for p in re.findall(r'"[^"]*"|\\.', part))


def _padded_in(data: bytes, styled: re.Pattern[bytes], padded: dict[int, tuple[str, int, str]], found: Shown) -> None:
    """The numbers of a piece of a sheet's XML whose style shows them with leading zeros, into ``found``."""
    for match, ref, number in _styled_numbers(data, styled):
        if not number.is_integer() or not 0 <= number < 1e15:
            continue
        before, digits, after = padded[int(match.group(2))]
        given = str(int(number))
        shown = before + given.zfill(digits) + after
        if shown != given:
            found[_cell_at(ref)] = (given, shown)


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _xls_cells(
    path: Path, sheet: str, shape: tuple[int, int], percents: bool = False, hidden: list[int] | None = None
) -> Shown:
    """The cells of an ``.xls`` (Excel 97-2003) sheet that calamine does not give as Excel shows them, by
    (row, column) from 0: a formula's error (``#N/A``, ``#DIV/0!``: calamine gives it empty) and a whole number
    in a cell formatted with leading zeros (``000``: ``001``; calamine gives ``1``), as :func:`_cells_as_shown`
    says for an ``.xlsx``. Read with xlrd (its cell types and the workbook's formats); a file xlrd cannot
    read, or an older Excel's, gives none. With ``percents``, a number formatted as a percentage as shown. The
    rows the sheet hides are added to ``hidden``, from 0."""
    xlrd = late_module("xlrd")
    try:
        with open(os.devnull, "w") as quiet:  # xlrd's warnings go to its log file, never to the officer
            book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=quiet)
            try:
                if sheet not in book.sheet_names():
                    return {}
                ws = book.sheet_by_name(sheet)
                if hidden is not None:
                    hidden.extend(r for r, info in ws.rowinfo_map.items() if info.hidden and r < shape[0])
                return _xls_shown(xlrd, book, ws, shape, percents)
            finally:
                book.release_resources()
    except Exception:  # noqa: BLE001 - a workbook xlrd cannot follow: left as calamine reads it
        return {}


def _xls_shown(xlrd: Any, book: Any, ws: Any, shape: tuple[int, int], percents: bool = False) -> Shown:
    """:func:`_xls_cells` of one opened sheet."""
    padded: dict[int, tuple[str, int, str] | None] = {}
    shares: dict[int, bool] = {}

    def padding(xf_index: int) -> tuple[str, int, str] | None:
        if xf_index not in padded:
            fmt = book.format_map.get(book.xf_list[xf_index].format_key)
            padded[xf_index] = _padding(fmt.format_str if fmt is not None else "")
        return padded[xf_index]

    def percent(xf_index: int) -> bool:
        if xf_index not in shares:
            fmt = book.format_map.get(book.xf_list[xf_index].format_key)
            shares[xf_index] = _shows_percent(fmt.format_str if fmt is not None else "")
        return shares[xf_index]

    found: Shown = {}
    for row in range(min(ws.nrows, shape[0])):
        types = ws.row_types(row)
        for column in range(min(len(types), shape[1])):
            kind = types[column]
            if kind == xlrd.XL_CELL_ERROR:
                shown = xlrd.error_text_from_code.get(ws.cell_value(row, column))
                if shown is not None:
                    found[(row, column)] = ("", shown)
            elif kind == xlrd.XL_CELL_NUMBER:
                pad = padding(ws.cell_xf_index(row, column))
                value = ws.cell_value(row, column)
                if percents and percent(ws.cell_xf_index(row, column)):
                    found[(row, column)] = (_sheet_cell_text(float(value)), f"{float(value) * 100:.15g}%")
                    continue
                if pad is not None and float(value).is_integer() and 0 <= value < 1e15:
                    before, digits, after = pad
                    given = str(int(value))
                    if before + given.zfill(digits) + after != given:
                        found[(row, column)] = (given, before + given.zfill(digits) + after)
    return found


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_ERROR = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}value-type"


def _ods_cells(
    book: zipfile.ZipFile,
    sheet: str,
    tree: Any,
    shape: tuple[int, int],
    merged: list[Any],
    percents: bool = False,
    hidden: list[int] | None = None,
) -> Shown:
    """The cells of an ``.ods`` sheet that calamine does not give as LibreOffice shows them, by (row, column)
    from 0 as calamine counts them (a repeated row or cell, a merge's covered cells, each counted): (what
    calamine gives, what is shown).

    * A formula's error (``calcext:value-type="error"``: ``#N/A``, ``#DIV/0!``, ``Err:502``), which calamine
      gives empty, as shown.
    * A whole number shown with leading zeros (a code typed ``001`` in a cell formatted ``000``; the cell
      keeps what it shows: ``<text:p>001</text:p>``), which calamine gives as ``1``, as shown.
    * With ``percents``, a percentage (``office:value-type="percentage"``, ``0.12``) as typed, ``12%``.

    A cell merged down over rows (``table:number-rows-spanned``: a village or an area written once for its
    households) is added to ``merged`` as calamine gives an ``.xlsx``'s merges, ((top, left), (bottom,
    right)); a row hidden by hand or by a filter (``table:visibility="collapse"`` or ``"filter"``) is added to
    ``hidden``, from 0. The sheet's XML is read a piece at a time, and only when it may hold such a cell; cells outside
    ``shape`` (the rows and columns calamine gave: LibreOffice repeats an empty row or cell to the sheet's
    end) are not counted one by one."""
    with book.open("content.xml") as xml:  # most sheets have none: not parsed then
        carry = b""
        while chunk := xml.read(XML_CHUNK):
            piece = carry + chunk
            if b'value-type="error"' in piece or b"<text:p>0" in piece or b"number-rows-spanned" in piece:
                break
            if hidden is not None and b'table:visibility="' in piece:
                break
            if percents and b'value-type="percentage"' in piece:
                break
            carry = chunk[-32:]
        else:
            return {}
    found: Shown = {}
    row = column = depth = 0
    repeat_rows = 1
    inside = False
    with book.open("content.xml") as xml:
        for event, element in tree.iterparse(xml, events=("start", "end")):
            tag = element.tag
            if tag == f"{_ODS_TABLE}table":
                if event == "start" and not inside and element.get(f"{_ODS_TABLE}name") == sheet:
                    inside, depth = True, 0
                elif inside:
                    depth += 1 if event == "start" else -1
                    if depth < 0:
                        return found
                continue
            if not inside or depth:
                if event == "end" and tag == f"{_ODS_TABLE}table-row":
                    element.clear()
                continue
            if tag == f"{_ODS_TABLE}table-row":
                if event == "start":
                    column = 0
                    repeat_rows = int(element.get(f"{_ODS_TABLE}number-rows-repeated", "1"))
                    if hidden is not None and element.get(f"{_ODS_TABLE}visibility") in ("collapse", "filter"):
                        hidden.extend(range(row, min(row + repeat_rows, shape[0])))
                else:
                    row += repeat_rows
                    element.clear()
            elif event == "end" and tag in (f"{_ODS_TABLE}table-cell", f"{_ODS_TABLE}covered-table-cell"):
                repeat = int(element.get(f"{_ODS_TABLE}number-columns-repeated", "1"))
                down = int(element.get(f"{_ODS_TABLE}number-rows-spanned", "1"))
                across = int(element.get(f"{_ODS_TABLE}number-columns-spanned", "1"))
                if down > 1 and row < shape[0] and column < shape[1]:
                    merged.append(((row, column), (row + down - 1, column + across - 1)))
                cell = _ods_shown(element, percents)
                if cell is not None:
                    for r in range(row, min(row + repeat_rows, shape[0])):
                        for c in range(column, min(column + repeat, shape[1])):
                            found[(r, c)] = cell
                column += repeat
    return found


def _ods_shown(element: Any, percents: bool = False) -> tuple[str, str] | None:
    """(what calamine gives, what is shown) for an ``.ods`` cell calamine does not give as shown: an error, a
    whole number shown with leading zeros, or (``percents``) a percentage; None for any other cell."""
    if element.get(_ODS_ERROR) == "error":
        shown = "\n".join("".join(p.itertext()) for p in element if p.tag.endswith("}p"))
        return "", shown.strip() or "Err"  # LibreOffice's word for an error
    if percents and element.get(f"{_ODS_OFFICE}value-type") == "percentage":
        try:
            share = float(element.get(f"{_ODS_OFFICE}value", ""))
        except ValueError:
            return None
        if share != share or abs(share) == float("inf"):
            return None
        return _sheet_cell_text(share), f"{share * 100:.15g}%"
    if element.get(f"{_ODS_OFFICE}value-type") != "float":
        return None
    try:
        value = float(element.get(f"{_ODS_OFFICE}value", ""))
    except ValueError:
        return None
    if not value.is_integer() or not 0 <= value < 1e15:
        return None
    shown = "".join("".join(p.itertext()) for p in element if p.tag.endswith("}p")).strip()
    given = str(int(value))
    if re.fullmatch(rf"\D*?0+{given}\D*", shown) is None:
        return None
    return given, shown


def _fill_merged_down(records: list[list[str]], merged: list[Any], first: int) -> None:
    """A cell merged down over several rows below the header (a village or an area written once for its
    households) holds its value in each of those rows, as the officer sees it; calamine gives it in the
    first row only. Merges across columns (a group heading, a total's label) are left as they are."""
    for (top, left), (bottom, right) in merged:
        if left != right or bottom <= top or top < first or top >= len(records):
            continue
        value = records[top][left] if left < len(records[top]) else ""
        for row in records[top + 1 : bottom + 1]:
            if left < len(row) and not row[left].strip():
                row[left] = value


def _sheets_listed(names: list[str], visible: list[str], lang: str) -> str:
    """A workbook's sheets as a note or an error lists them: the ``visible`` ones (the tabs), then each hidden
    one marked so, as it has no tab and no number and is chosen by its name only (``Năm 2024 (ẩn: …)``): an
    officer who typed a hidden sheet's name a little otherwise sees which it is and that it is there."""
    hidden = [W.msg("sheet_hidden", lang, sheet=n) for n in names if n not in visible]
    return ", ".join([*(n for n in names if n in visible), *hidden])


def _choose_sheet(names: list[str], wanted: str, visible: list[str]) -> str | None:
    """The sheet ``--sheet`` names: by its name (any sheet, in any case), or by its number among the
    ``visible`` sheets, counted as the officer counts the tabs Excel shows (a hidden sheet has no tab)."""
    if wanted in names:
        return wanted
    folded = {n.strip().lower(): n for n in names}
    if wanted.strip().lower() in folded:
        return folded[wanted.strip().lower()]
    if wanted.isdigit() and 1 <= int(wanted) <= len(visible):
        return visible[int(wanted) - 1]
    return None


# --------------------------------------------------------------------------- parquet


def parquet_columns(schema: pa.Schema) -> list[str]:
    """A Parquet file's columns as read: all of them but the unnamed index pandas stores beside its data
    (``__index_level_0__``, listed as an index in the file's pandas metadata), which is no household's
    column (pandas and Dask read it as the index); a named index (``household_id``) is a column."""
    meta = (schema.metadata or {}).get(b"pandas")
    index: set[str] = set()
    if meta:
        try:
            index = {c for c in json.loads(meta).get("index_columns", []) if isinstance(c, str)}
        except (ValueError, AttributeError):
            index = set()
    return [c for c in schema.names if not (c in index and re.fullmatch(r"__index_level_\d+__", c))]


def _arrow_file(path: Path) -> str | pa.NativeFile:
    """``path`` as Arrow's Parquet reader opens it: its text, or — a name that is not UTF-8 (``h\xf4.parquet``
    from a Windows-1258 disk), which Arrow cannot encode — the file opened by its bytes."""
    return str(path) if _utf8_name(path) else pa.memory_map(os.fsencode(path))


def _utf8_name(path: Path) -> bool:
    """Whether ``path``'s name is UTF-8 text (a name from a Windows-1258 disk may not be: ``h\xf4.csv``)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _read_parquet(path: Path, lang: str) -> SheetTable:
    name = _shown(path)
    parquet = late_module("pyarrow.parquet")
    try:
        columns = parquet_columns(parquet.read_schema(_arrow_file(path)))
    except (pa.ArrowException, OSError) as exc:
        raise InputError(W.msg("bad_parquet", lang, file=name, why=str(exc).splitlines()[0])) from None
    # its header checked before its columns are read, as a streamed read checks it: a column given twice is
    # named so (pyarrow's read of it failed, said as a damaged file)
    header = parquet_header(columns, name, lang)
    try:
        table = parquet.read_table(_arrow_file(path), columns=columns)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(W.msg("bad_parquet", lang, file=name, why=str(exc).splitlines()[0])) from None
    out = parquet_text(table, header)
    notes = numeric_code_notes(table.schema, header, name, lang)
    rows = np.arange(2, out.num_rows + 2, dtype=np.int64)
    part = SheetTable(out, rows, name, 1, notes=notes, typed=parquet_typed(table, header))
    check_no_nul(part, lang, key="nul_in_parquet_cell")
    return part


#: The columns that key a household (docs/input.md, "Household codes") and so must match as written.
CODE_COLUMNS = ("household_id", "commune_code", "province_code")


def numeric_code_notes(schema: pa.Schema, header: list[str], name: str, lang: str) -> list[str]:
    """A note for each code column (``household_id``, ``commune_code``, ``province_code``) a Parquet file
    stores as numbers: its leading zeros are gone (``03001`` is ``3001``), so its households do not match
    the same codes written as text in the review history or another file. Each header is read alone: two
    headers of one column are the reader's error to say (naming the file, in ``lang``), not this note's."""
    canonical = {h: canonical_headers([h]).get(h) for h in header}
    notes = []
    for h, kind in zip(header, schema.types, strict=True):
        if canonical.get(h) in CODE_COLUMNS and (
            pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind)
        ):
            notes.append(W.msg("numeric_codes", lang, file=name, column=h))
    return notes


def parquet_batches(src: HouseholdSource, rows: int) -> Iterator[SheetTable]:
    """A Parquet file read ``rows`` rows at a time (``ParquetFile.iter_batches``: row group by row
    group, never the whole file), each batch as text exactly as :meth:`HouseholdSource.read` gives
    it, with its row numbers (the header being row 1). A file without rows gives one empty batch."""
    name = _shown(src.path)
    try:
        parquet = late_module("pyarrow.parquet").ParquetFile(_arrow_file(src.path))
        columns = parquet_columns(parquet.schema_arrow)
        header = parquet_header(columns, name, src.lang)
        notes = numeric_code_notes(_columns_schema(parquet.schema_arrow, columns), header, name, src.lang)
        start = 0
        for batch in parquet.iter_batches(batch_size=max(rows, 1), columns=columns):
            stored = pa.Table.from_batches([batch])
            table = parquet_text(stored, header)
            rows_of = np.arange(start + 2, start + 2 + table.num_rows, dtype=np.int64)
            typed = parquet_typed(stored, header)
            part = SheetTable(table, rows_of, name, 1, notes=notes if start == 0 else [], typed=typed)
            check_no_nul(part, src.lang, key="nul_in_parquet_cell")
            yield part
            start += table.num_rows
        if start == 0:
            stored = parquet.schema_arrow.empty_table().select(columns)
            empty = parquet_text(stored, header)
            typed = parquet_typed(stored, header)
            yield SheetTable(empty, np.zeros(0, dtype=np.int64), name, 1, notes=notes, typed=typed)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(W.msg("bad_parquet", src.lang, file=name, why=str(exc).splitlines()[0])) from None


def _columns_schema(schema: pa.Schema, columns: Sequence[str]) -> pa.Schema:
    """The fields of ``schema`` named in ``columns``, in their order, without the file's metadata. Made
    field by field: ``Schema.empty_table`` makes each empty column with ``pa.array``, which imports pandas,
    and on the reading thread that import waited for the one the command makes meanwhile (a Parquet file's
    first batch came 0.4-0.6 s after the file was opened)."""
    return pa.schema([schema.field(name) for name in columns])


def parquet_header(columns: Sequence[object], name: str, lang: str) -> list[str]:
    """A Parquet file's column names as its header is read (:func:`_clean_header`: each name stripped and
    in Unicode NFC, as a CSV's header is, ``Mã hộ`` written with combining marks read as ``Mã hộ``; an
    empty one named after its column; none too long or given twice), for every reader of Parquet files."""
    return _clean_header([str(c) for c in columns], name, 1, lang)


def parquet_typed(table: pa.Table, header: list[str]) -> pa.Table:
    """A Parquet table's columns as the file stores them (its types, its nulls and NaN), under the checked
    ``header``, without the file's pandas metadata (which names an index and columns the output has not);
    a column of no type (Arrow's ``null``: pandas' column of None alone) as text, all null."""
    columns = [c.cast(pa.string()) if pa.types.is_null(c.type) else c for c in table.columns]
    return pa.table(columns, names=header) if header else pa.table({})


_NO_TEXT = scalar("")  # an empty cell (pc.fill_null given "" would make its scalar with pandas: cells.texts)


def parquet_text(table: pa.Table, header: list[str]) -> pa.Table:
    """A Parquet table's columns as text (docs/input.md: whole numbers without ``.0``, booleans 1/0,
    missing values empty; a list or struct as JSON text), under the checked ``header``; a boolean column
    under a number's header (``income_per_capita``, ``score_a`` …; a members list's ``age``, ``birth_year``) as
    ``True`` / ``False``, which no reader takes for 1 / 0 đồng or a member aged 1 / 0."""
    cols = {}
    for h, col in zip(header, table.columns, strict=True):
        if pa.types.is_floating(col.type):  # 1500000 not 1500000.0, NaN empty
            cols[h] = _typed_number_text(_float_text(col), col.type)
        elif pa.types.is_timestamp(col.type):  # a day as 2024-12-20, not "… 00:00:00.000"
            cols[h] = _typed_number_text(texts([_cell_text(v) for v in col.to_pylist()]), col.type)
        elif pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            cols[h] = pc.fill_null(col.cast(pa.string()), _NO_TEXT)
        elif pa.types.is_nested(col.type):  # a list or a record of values: JSON, as a spreadsheet shows it
            cols[h] = texts([_json_text(v) for v in col.to_pylist()])
        elif pa.types.is_boolean(col.type) and (names_a_number(h) or names_a_member_number(h)):  # no income, no age
            cols[h] = pc.fill_null(pc.if_else(col, scalar("True"), scalar("False")), _NO_TEXT)
        elif pa.types.is_boolean(col.type):
            cols[h] = pc.fill_null(pc.if_else(col, scalar("1"), scalar("0")), _NO_TEXT)
        elif pa.types.is_integer(col.type):
            cols[h] = _integer_text(col)
        else:
            try:
                cols[h] = _typed_number_text(pc.fill_null(pc.cast(col, pa.string()), _NO_TEXT), col.type)
            except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
                cols[h] = texts([_cell_text(v) for v in col.to_pylist()])
    return pa.table(cols) if cols else pa.table({})


#: The widest range of values an integer column's text is looked up for (:func:`_integer_text`).
_LOOKUP_RANGE = 4096


def _integer_text(col: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """An integer column's text (``-5``, ``0``, ``1500000``; empty where missing), as Arrow's cast writes it.

    A column of few values (flags 0/1, scores, sizes: at most :data:`_LOOKUP_RANGE` between its least and
    greatest) takes each value's text from a table of the range's texts, made once per batch: Arrow's cast
    formats every cell (about 35 ms per million cells and column; the lookup about 5)."""
    low, high = (v.as_py() for v in pc.min_max(col).values())
    if low is None:  # every cell missing
        return pc.fill_null(pc.cast(col, pa.string()), _NO_TEXT)
    if low >= 0 and high <= 9:  # a digit a cell (flags 0/1, a count): made from the buffers
        return _digit_text(col)
    if high - low >= _LOOKUP_RANGE or high > np.iinfo(np.int64).max:
        return pc.fill_null(pc.cast(col, pa.string()), _NO_TEXT)
    table = texts([str(v) for v in range(low, high + 1)])
    return pc.fill_null(table.take(pc.subtract(pc.cast(col, pa.int64()), scalar(low))), _NO_TEXT)


def _digit_text(col: pa.Array | pa.ChunkedArray) -> pa.Array:
    """The text of an integer column whose every value is a digit (0-9; empty where missing), as
    :func:`_integer_text` writes it, made from the column's buffers: each value's byte plus ``"0"``, one byte a
    cell. A Parquet file's flag columns are such (``0``/``1``): the table of the range's texts and Arrow's
    ``take`` took about 5 ms per million cells and column, on the reading thread, which is what a Parquet run
    waits for; this takes about 0.4 ms (with missing cells about 1.4)."""
    digits = cell_values(col, missing=True).astype(np.uint8)  # a missing cell's value dropped below
    digits += ord("0")
    n = len(digits)
    if col.null_count:  # a missing cell is empty: no byte, and its value (any) left out
        given = ~cell_values(pc.is_null(col))
        offsets = np.zeros(n + 1, np.int32)
        np.cumsum(given, out=offsets[1:])
        return pa.Array.from_buffers(pa.string(), n, [None, pa.py_buffer(offsets), pa.py_buffer(digits[given])])
    return pa.Array.from_buffers(pa.string(), n, [None, _one_byte_offsets(n), pa.py_buffer(digits)])


@lru_cache(maxsize=4)
def _one_byte_offsets(n: int) -> pa.Buffer:
    """The offsets of ``n`` text cells of one byte each (0, 1, … n), made once for each size of batch."""
    return pa.py_buffer(np.arange(n + 1, dtype=np.int32))


def _json_text(value: Any) -> str:
    """A Parquet list or struct cell as JSON text (``["An", "Bình"]``, ``{"x": 1}``), every value kept and
    letters as written, not Python's ``['An', 'Bình']``; a missing cell empty."""
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, default=str)


def _float_text(col: pa.ChunkedArray | pa.Array) -> pa.Array:
    """A float column's cells as :func:`_cell_text` writes each (``1500000``, ``7.99``, ``inf``; empty where
    missing or NaN; a float32 one as the number it shows: :func:`_shown_values`), column-wise: a whole
    number below 2**53 — a sum of money, the usual cell — through :func:`_integer_text`, only the others
    one by one (every cell through Python took about 0.3 s per million cells and column)."""
    values = np.asarray(_shown_values(col) if _narrow_float(col.type) else _float64s(col), dtype="float64")
    missing = np.isnan(values) | cell_values(pc.is_null(col))
    with np.errstate(invalid="ignore"):
        whole = np.isfinite(values) & (np.trunc(values) == values) & (np.abs(values) < 2**53)
    text = _integer_text(numbers(np.where(whole, values, 0).astype(np.int64)))
    other = ~whole & ~missing
    if other.any():
        cells = texts([_cell_text(float(v)) for v in values[other]])
        text = pc.replace_with_mask(text, numbers(other), cells)
    return pc.if_else(numbers(missing), _NO_TEXT, text) if missing.any() else text


def _narrow_float(kind: pa.DataType) -> bool:
    return bool(pa.types.is_float32(kind) or pa.types.is_float16(kind))


def _float64s(col: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """A float64 column's values (NaN where missing)."""
    return np.asarray(cell_values(pc.fill_null(col, scalar(float("nan")))), dtype="float64")


def _shown_values(col: pa.ChunkedArray | pa.Array) -> list[Any]:
    """A column's values as Python objects, a float32 (float16) one as the number it shows (``1053000.1``,
    not its float64 widening ``1053000.125``: vocabulary/numbers.py ``as_shown``), nulls as None."""
    if not (pa.types.is_float32(col.type) or pa.types.is_float16(col.type)):
        return col.to_pylist()
    nan = numbers(np.array([np.nan], col.type.to_pandas_dtype()))[0]  # of the column's own width
    shown = as_shown(cell_values(pc.fill_null(col, nan)))
    null = cell_values(pc.is_null(col))
    return [None if n else v for v, n in zip(shown.tolist(), null.tolist(), strict=True)]


#: A number with one to three digits and three decimals (``139.125``): read as thousands when typed by an
#: officer (``1.500`` is 1,500; ``vocabulary/numbers.py``).
_THOUSANDS_LOOKALIKE = r"^[+-]?\d{1,3}\.\d{3}$"


def _typed_number_text(text: pa.Array | pa.ChunkedArray, kind: pa.DataType) -> pa.Array | pa.ChunkedArray:
    """A float or decimal column's text, each cell read back as the number the file holds: a score of
    ``139.125`` (or a decimal ``1.500``) is written ``139.1250``, which no reader takes for thousands."""
    if not (pa.types.is_floating(kind) or pa.types.is_decimal(kind)):
        return text
    lookalike = pc.match_substring_regex(text, _THOUSANDS_LOOKALIKE)
    return pc.if_else(lookalike, pc.binary_join_element_wise(text, scalar("0"), _NO_TEXT), text)
