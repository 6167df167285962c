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

from tdkt.model import Origin

# libyaml's parser when PyYAML was built with it (ten times faster); the same events and marks
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
# lists and mappings inside each other; the format needs three, a thousand crashed the composer (RecursionError)
MAX_DEPTH = 20
from tdkt.problems import Problems


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
    """Parse one YAML document into string nodes; on any problem add it and return None.

    One pass over libyaml's events builds the nodes (PyYAML's composer would need a second pass
    to refuse anchors and deep nesting first). Problems of the content (duplicate keys) are added
    only once the whole text has been read, so a syntax error is reported alone, as before.
    """
    found: list[tuple[Origin, str, str, str, str]] = []
    stack: list[list] = []  # open collections: [kind, origin, items, seen keys, pending key]
    root: YNode | None = None
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            kind = type(event)
            if kind is yaml.ScalarEvent:
                node: YNode | None = YStr(event.value, _origin(file, event))
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:  # composing it would recurse that deep: refuse before
                    problems.add(
                        _origin(file, event), "Y003", "", f"values are nested more than {MAX_DEPTH} levels deep",
                        "the format nests at most three levels; remove the extra brackets",
                    )
                    return None
                node = None
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                kind_, origin, items, _, _ = stack.pop()
                node = YMap(tuple(items), origin) if kind_ == "map" else YList(tuple(items), origin)
            elif kind is yaml.AliasEvent:
                problems.add(_origin(file, event), "Y002", "", "anchors and aliases are not allowed",
                             "write the value out in full")
                return None
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.add(_origin(file, event), "Y001", "", "YAML cannot be read: but found another document",
                                 "check indentation and quoting")
                    return None
                continue
            else:  # stream and document ends
                continue
            if getattr(event, "anchor", None):
                problems.add(_origin(file, event), "Y002", "", "anchors and aliases are not allowed",
                             "write the value out in full")
                return None
            tag, implicit = getattr(event, "tag", None), getattr(event, "implicit", True)
            if tag and not (implicit is True or (isinstance(implicit, tuple) and any(implicit))):
                problems.add(_origin(file, event), "Y002", "", f"explicit tag {tag!r} is not allowed",
                             "remove the tag; every value is read as text")
                return None
            if node is None:  # a collection opens
                stack.append(["map" if kind is yaml.MappingStartEvent else "list", _origin(file, event), [], set(),
                              None])
                continue
            _place(node, stack, found)
            if not stack:
                root = node
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        origin = Origin(file=file, line=mark.line + 1, column=mark.column + 1) if mark else Origin(file=file)
        if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.position, int):  # a character YAML refuses
            origin = Origin(file=file, line=text.count("\n", 0, exc.position) + 1,
                            column=exc.position - text.rfind("\n", 0, exc.position))
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.add(origin, "Y001", "", f"YAML cannot be read: {problem}", "check indentation and quoting")
        return None
    for origin, code, field, message, fix in found:
        problems.add(origin, code, field, message, fix)
    if root is None:
        return YMap((), Origin(file=file, line=1))
    return root


def _place(node: YNode, stack: list[list], found: list) -> None:
    """Put a finished node into the collection open on top of ``stack`` (a mapping takes key, value)."""
    if not stack:
        return
    top = stack[-1]
    if top[0] == "list":
        top[2].append(node)
        return
    if top[4] is None:  # a key
        top[4] = node
        return
    key, top[4] = top[4], None
    if not isinstance(key, YStr):
        found.append((key.origin, "Y003", "", "a key must be plain text", ""))
    elif key.value in top[3]:
        found.append((key.origin, "Y005", key.value, "this key appears twice", "keep one of them"))
    else:
        top[3].add(key.value)
        top[2].append((key, node))


def quoted(value: str) -> str:
    """``value`` as a YAML double-quoted scalar, the way the archive's files write every value.

    A JSON string is one, once what YAML reads differently is escaped: the characters it refuses (DEL and
    the C1 controls U+007F–U+009F, the non-characters U+FFFE, U+FFFF) and those it takes for line breaks and
    folds to a space (U+0085, U+2028, U+2029).
    """
    return json.dumps(value, ensure_ascii=False).translate(_YAML_ESCAPES)


_YAML_ESCAPES = {c: f"\\u{c:04x}" for c in (*range(0x7F, 0xA0), 0xFFFE, 0xFFFF, 0x2028, 0x2029)}
