"""Rendered HTML as a tree, for tests that look at what a page holds (shared by the escaping tests)."""
from __future__ import annotations

from html.parser import HTMLParser


class Tree(HTMLParser):
    """Elements as (tag, attributes, texts, children), the top level in ``root``; an end tag must close the
    element last opened (well nested: nothing left open or closed early)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root: tuple = ("", {}, [], [])
        self._stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = (tag, dict(attrs), [], [])
        self._stack[-1][3].append(node)
        self._stack.append(node)

    def handle_endtag(self, tag):
        assert self._stack[-1][0] == tag, (self._stack[-1][0], tag)
        self._stack.pop()

    def handle_data(self, data):
        self._stack[-1][2].append(data)
