"""From an original file to the archive's files: ``text.txt`` and ``furniture.txt``.

``renormalise(folder)`` re-derives a report's normalised text from its original (named in its
``report.yml``), so the text in ``data/`` is always reproducible from the bytes kept beside it.
Reads and writes files in that one folder; problems are collected, never raised. (The full
``ingest`` command of issue 3 — decoding legacy encodings, PDFs, OCR, metadata extraction —
builds on this module.)
"""
from __future__ import annotations

from pathlib import Path

from . import fields
from .model import Origin
from .normalise import normalise
from .problems import Problems
from .yamlread import YMap, read_yaml


def renormalise(folder: Path, problems: Problems, display: str | None = None) -> bool:
    """Rewrite ``text.txt`` and ``furniture.txt`` of one report folder from its original."""
    display = display or str(folder)
    yml_path = folder / "report.yml"
    if not yml_path.is_file():
        problems.add(Origin(file=f"{display}/report.yml"), "F001", "", "file is missing",
                     "a report folder needs its report.yml")
        return False
    root = read_yaml(yml_path.read_text(encoding="utf-8"), f"{display}/report.yml", problems)
    source = fields.mapping(root, "source", problems, required=True) if isinstance(root, YMap) else None
    if source is None:
        return False
    name = fields.text(source, "original", problems, required=True, where="source.")
    encoding = fields.text(source, "encoding", problems, required=True, where="source.") or "utf-8"
    if not name or "/" in name or "\\" in name or not (folder / name).is_file():
        problems.add(source.origin, "F001", "source.original", f"the original {name!r} is not in {display}",
                     "put the original file in the report folder")
        return False
    try:
        text = (folder / name).read_bytes().decode(encoding)
    except (UnicodeDecodeError, LookupError):
        problems.add(source.origin, "F002", "source.encoding", f"the original does not decode as {encoding}",
                     "write the encoding it is in")
        return False
    result = normalise(text)
    (folder / "text.txt").write_text(result.text, encoding="utf-8")
    furniture = "".join(line + "\n" for line in result.furniture)
    furniture_path = folder / "furniture.txt"
    if furniture:
        furniture_path.write_text(furniture, encoding="utf-8")
    elif furniture_path.exists():
        furniture_path.unlink()
    return True
