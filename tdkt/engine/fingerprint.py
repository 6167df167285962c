"""Fingerprints of inputs, shared by the caches: a digest of bytes, a file's stat signature, and
when that signature may stand for the file's bytes. Pure (``stat_sig`` and ``settled`` read a
``stat`` result they are given)."""
from __future__ import annotations

import hashlib
import os

RACY_NS = 2_000_000_000  # a file changed less than 2 s ago is known by its bytes, not by its stat signature
# os.stat signature of a file: (inode, size, mtime_ns, ctime_ns).
StatSig = tuple[int, int, int, int]


def digest(*parts: bytes | str) -> str:
    """A hex BLAKE2b digest of the parts (length-prefixed, so parts cannot run into each other)."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def stat_sig(st: os.stat_result) -> StatSig:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def settled(st: os.stat_result, now_ns: int) -> bool:
    """True if the file last changed more than ``RACY_NS`` before ``now_ns``: its stat signature then
    identifies its bytes (an edit within the same clock tick as the last look could leave it as it was)."""
    return max(st.st_mtime_ns, st.st_ctime_ns) < now_ns - RACY_NS


# ------------------------------------------------------------------ the code

_LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "jinja2", "pymdown-extensions", "markupsafe", "pygments",
              "pyyaml", "python-slugify", "lunr", "vietnamadminunits", "numpy")
_CODE: list[str] = []


def code() -> str:
    """What "the code" is, for every cache: ``code_of`` this package, computed once per process."""
    if not _CODE:
        from pathlib import Path

        _CODE.append(code_of(Path(__file__).resolve().parents[1]))
    return _CODE[0]


def code_of(package) -> str:
    """Every file of the package (found recursively: a module moved into a sub-package stays in; its data
    too), the Python and Unicode versions, and the installed versions of the libraries the build runs."""
    import sys
    import unicodedata
    from importlib import metadata

    parts: list[bytes | str] = [sys.version, unicodedata.unidata_version]
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    for name in _LIBRARIES:
        try:
            parts.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=-")
    return digest(*parts)
