"""Problems in the data, reported the way compilers report them.

A ``Problem`` names the file, line and column, the field, what is wrong and how to fix it:

    data/reports/x/report.yml:4:10: error[R102] issued: "26/13/2023" is not a date. Fix: write YYYY-MM-DD

Stages never raise on bad data: they add problems to a ``Problems`` collector and carry on, so
one run reports everything. Every code is listed in ``CODES`` with a one-line description;
``docs/problems.md`` is generated from it and a test keeps the two in step.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from tdkt.model import Origin


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe to echo on a terminal: controls, line breaks and bidi overrides shown as ``[U+XXXX]``."""
    return _UNPRINTABLE.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", text)


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


# code -> one-line description (the docs list these; tests check every code used is here)
CODES: dict[str, str] = {
    "Y001": "The YAML file cannot be parsed.",
    "Y002": "The YAML file uses an anchor, alias or tag; write every value out.",
    "Y003": "A value has the wrong shape (a list where a mapping is expected, ...).",
    "Y004": "A key is not part of the format (a warning; an error with --strict).",
    "Y005": "A key appears twice in the same mapping.",
    "F001": "A required file is missing.",
    "F002": "A file is not valid UTF-8 text.",
    "F003": "The original's SHA-256 does not match the one recorded.",
    "F004": "A file or report folder is a symbolic link, or not a regular file (a folder, a device, a pipe); the "
            "archive holds the files themselves.",
    "F005": "A file is larger than the 20 MB limit.",
    "F006": "A folder in reports/ is what an ingest that was stopped left (.ingest-*): left out, a warning.",
    "R101": "A required field is missing or empty.",
    "R102": "A date is not a valid YYYY-MM-DD, YYYY-MM or YYYY in ASCII digits, or its year is not from 1945 to 2100.",
    "R103": "A number is not a whole number in the allowed range.",
    "R104": "A value is not one of the allowed choices.",
    "R105": "A report or exemplar id is not a valid slug (an exemplar may not be `index.yml`: that name is the "
            "section's own page).",
    "R106": "A reference names something the vocabularies do not have.",
    "R107": "A unit did not exist on the report's date.",
    "R108": "Two records share an id or a slug.",
    "R109": "A text value contains control characters or is not NFC.",
    "R110": "A restored text and its OCR text (ocr.txt) do not have the same blocks.",
    "R111": "A record cites a paragraph (block) the report does not have.",
    "R112": "An exemplar's quote is not in the paragraph it cites.",
    "R113": "A draft report lacks a field: it is published as a draft (chưa rà soát), the field not yet determined.",
    "R114": "A report's text has more paragraphs than the limit (20,000): its page would be too large to read.",
    "V101": "A vocabulary entry is missing a required field.",
    "V102": "A vocabulary id is not a valid slug, or is `index` (the name of a section's own page).",
    "V103": "A vocabulary id is used twice.",
    "M001": "The installed MkDocs or Material lacks what the renderer relies on (tdkt/render/mkdocs_api.py).",
    "V104": "A vocabulary value is not one of the allowed choices.",
    "O001": "An output folder (`--out`, `--docs`) is not the build's to write: it holds files the build did not write "
            "(it writes only into a new or empty folder, or one an earlier build marked with `.tdkt-output`), or it is "
            "or contains the repository, the data folder or the current folder, or it lies inside the data folder or "
            "the other output folder. Nothing is written or deleted; exit 2. Fix: give the option a folder of its "
            "own.",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    origin: Origin
    code: str
    field: str
    message: str
    fix: str = ""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        where = self.origin.file
        if self.origin.line:
            where += f":{self.origin.line}"
            if self.origin.column:
                where += f":{self.origin.column}"
        field = f"{self.field}: " if self.field else ""
        fix = f" Fix: {self.fix}" if self.fix else ""
        line = f"{where}: {self.severity.value}[{self.code}] {field}{self.message}.{fix}"
        # messages echo values from the data: no terminal escapes, line breaks or bidi overrides reach the terminal
        return printable(line)

    def sort_key(self) -> tuple:
        return (self.origin.file, self.origin.line, self.origin.column, self.code, self.field)


class Problems:
    """Collects problems during a run; the only mutable object the stages share."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def add(
        self,
        origin: Origin,
        code: str,
        field: str,
        message: str,
        fix: str = "",
        *,
        warning: bool = False,
    ) -> None:
        if code not in CODES:  # a bug, not bad data
            raise KeyError(f"undocumented problem code {code}")
        self._items.append(
            Problem(
                origin=origin,
                code=code,
                field=field,
                message=message,
                fix=fix,
                severity=Severity.WARNING if warning else Severity.ERROR,
            )
        )

    def __iter__(self):
        return iter(sorted(self._items, key=Problem.sort_key))

    def __len__(self) -> int:
        return len(self._items)

    def errors(self, *, strict: bool = False) -> list[Problem]:
        return [p for p in self if strict or p.severity is Severity.ERROR]

    def has_errors(self, *, strict: bool = False) -> bool:
        return bool(self.errors(strict=strict))

    def report(self) -> str:
        """All problems, sorted, one per line, then a count."""
        lines = [p.format() for p in self]
        n_err = sum(1 for p in self._items if p.severity is Severity.ERROR)
        n_warn = len(self._items) - n_err
        lines.append(f"{n_err} lỗi (errors), {n_warn} cảnh báo (warnings)")
        return "\n".join(lines)
