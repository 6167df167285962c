"""YAML as people wrote it: every scalar a string, with the line it came from.

``read_yaml(text, file)`` → a tree of ``YMap`` / ``YList`` / ``YStr`` nodes, or None and problems.
PyYAML's ``safe_load`` applies YAML 1.1's guesses (``010`` → 8, ``no`` → False, ``12:30`` → 750);
here nothing is converted: each field's parser converts its own value explicitly. Anchors,
aliases and explicit tags are refused (they are never needed in this data and aliases can
expand without bound), and so is nesting deeper than ``MAX_DEPTH``. Pure: the caller reads the file.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import yaml

from .model import Origin

# libyaml's parser when PyYAML was built with it (ten times faster); the same events and marks
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
# lists and mappings inside each other; the format needs three, a thousand crashed the composer (RecursionError)
MAX_DEPTH = 20
from .problems import Problems


@dataclass(frozen=True, slots=True)
class YStr:
    value: str
    origin: Origin


@dataclass(frozen=True, slots=True)
class YList:
    items: tuple["YNode", ...]
    origin: Origin


@dataclass(frozen=True, slots=True)
class YMap:
    entries: tuple[tuple[YStr, "YNode"], ...]
    origin: Origin

    def get(self, key: str) -> "YNode | None":
        for k, v in self.entries:
            if k.value == key:
                return v
        return None

    def keys(self) -> tuple[str, ...]:
        return tuple(k.value for k, _ in self.entries)


YNode = YStr | YList | YMap


def _origin(file: str, node) -> Origin:
    mark = node.start_mark
    return Origin(file=file, line=mark.line + 1, column=mark.column + 1)


def read_yaml(text: str, file: str, problems: Problems) -> YNode | None:
    """Parse one YAML document into string nodes; on any problem add it and return None."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:  # composing it would recurse that deep: refuse before
                    problems.add(
                        _origin(file, event), "Y003", "", f"values are nested more than {MAX_DEPTH} levels deep",
                        "the format nests at most three levels; remove the extra brackets",
                    )
                    return None
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            anchor = getattr(event, "anchor", None)
            tag = getattr(event, "tag", None)
            implicit = getattr(event, "implicit", True)
            if isinstance(event, yaml.AliasEvent) or anchor:
                problems.add(
                    _origin(file, event), "Y002", "", "anchors and aliases are not allowed",
                    "write the value out in full",
                )
                return None
            if tag and not (implicit is True or (isinstance(implicit, tuple) and any(implicit))):
                problems.add(
                    _origin(file, event), "Y002", "", f"explicit tag {tag!r} is not allowed",
                    "remove the tag; every value is read as text",
                )
                return None
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        origin = Origin(file=file, line=mark.line + 1, column=mark.column + 1) if mark else Origin(file=file)
        if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.position, int):  # a character YAML refuses
            origin = Origin(file=file, line=text.count("\n", 0, exc.position) + 1,
                            column=exc.position - text.rfind("\n", 0, exc.position))
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.add(origin, "Y001", "", f"YAML cannot be read: {problem}", "check indentation and quoting")
        return None
    if node is None:
        return YMap((), Origin(file=file, line=1))
    return _convert(node, file, problems)


def _convert(node, file: str, problems: Problems) -> YNode:
    origin = _origin(file, node)
    if isinstance(node, yaml.ScalarNode):
        return YStr(node.value, origin)
    if isinstance(node, yaml.SequenceNode):
        return YList(tuple(_convert(n, file, problems) for n in node.value), origin)
    entries: list[tuple[YStr, YNode]] = []
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = _convert(key_node, file, problems)
        if not isinstance(key, YStr):
            problems.add(key.origin, "Y003", "", "a key must be plain text", "")
            continue
        if key.value in seen:
            problems.add(key.origin, "Y005", key.value, "this key appears twice", "keep one of them")
            continue
        seen.add(key.value)
        entries.append((key, _convert(value_node, file, problems)))
    return YMap(tuple(entries), origin)


def quoted(value: str) -> str:
    """``value`` as a YAML double-quoted scalar, the way the archive's files write every value.

    A JSON string is one, once what YAML reads differently is escaped: the two non-characters it refuses
    (U+FFFE, U+FFFF) and the characters it takes for line breaks and folds to a space (U+0085, U+2028, U+2029).
    """
    return json.dumps(value, ensure_ascii=False).translate(_YAML_ESCAPES)


_YAML_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in "\ufffe\uffff\x85\u2028\u2029"}
