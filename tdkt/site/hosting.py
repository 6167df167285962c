"""``Catalog`` → the host configuration files published at the site's root: ``_headers`` and ``.htaccess``.

Why: the originals are published byte for byte (``bao-cao/<id>/ban-goc.txt``), and a host that sends
``Content-Type: text/plain`` without a charset (Python's ``http.server``, nginx and Apache as installed)
leaves the browser to guess, and it guesses Windows-1252: a UTF-8 original shows as mojibake. The bytes
are never changed (no byte-order mark added, no twin); the charset is declared by the host instead:

- ``_headers`` (Netlify, Cloudflare Pages): the security headers of README "Hosting" for every path, and
  for each text original its exact ``Content-Type``, for each other original ``Content-Disposition:
  attachment``;
- ``.htaccess`` (Apache with ``AllowOverride FileInfo`` and ``mod_headers``): the same headers, UTF-8 for
  the site's text files, each original not in UTF-8 forced to its own charset, every original but a
  ``.txt`` one served as a download, and ``404.html`` as the page
  for a missing address (at the path of the site's address, when it is known; else at the server's root).

An original's charset is the encoding its bytes were read with (``Source.encoding``), as HTTP names it:
Windows-1258 stays Windows-1258; VNI and TCVN3 are font encodings whose bytes browsers can only show as
Windows-1252; VISCII and UTF-32, which browsers cannot decode, get no charset. Files that are not text
(.docx, .pdf, images) keep the type their extension gives.

Contributors' files never run on the site: an original is published only under an inert type
(``paths.INERT_EXTENSIONS``; anything else as ``ban-goc.bin``), every response says
``X-Content-Type-Options: nosniff`` (so no browser runs or renders a file against its type), and every
original but a ``.txt`` one (plain text, which a browser shows as it is) is sent with
``Content-Disposition: attachment``: a download, never a page. Pure: the same catalogue gives the same bytes.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from tdkt.model import TOOL_ENCODINGS, Catalog
from tdkt.site import paths

HEADERS_FILE = "_headers"
HTACCESS_FILE = ".htaccess"

# The Content-Security-Policy of theme/main.html, plus what a <meta> cannot carry (frame-ancestors);
# tests/test_csp.py checks it against the template and README "Hosting".
POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
          "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-src 'none'; "
          "worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = (
    ("Content-Security-Policy", POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)
# the site's own text files, all UTF-8 (pages, styles, scripts, data, sitemap)
UTF8_EXTENSIONS = (".html", ".css", ".js", ".json", ".csv", ".xml", ".svg", ".txt", ".md")

_CHARSETS = {
    "utf-8": "utf-8", "utf-8-sig": "utf-8",
    "utf-16": "utf-16", "utf-16-le": "utf-16le", "utf-16-be": "utf-16be",
    "windows-1258": "windows-1258", "cp1258": "windows-1258",
    "vni": "windows-1252", "tcvn3": "windows-1252",
}


def http_charset(encoding: str) -> str | None:
    """The charset to declare for an original read with ``encoding`` (a codec name of tdkt.text.decode), or
    None when no declaration helps: a binary file, or an encoding browsers cannot decode (VISCII, UTF-32).
    ``<legacy>-in-<codec>`` (legacy text saved in a Unicode file) is declared as its codec."""
    name = encoding.strip().lower().replace("_", "-")
    if name in TOOL_ENCODINGS:
        return None
    if "-in-" in name:
        name = name.split("-in-", 1)[1]
    return _CHARSETS.get(name)


def text_originals(catalog: Catalog) -> list[tuple[str, str]]:
    """(site path from the root, charset) of every published original that is text with a known charset, by path."""
    found = []
    for r in catalog.reports:
        charset = http_charset(r.source.encoding)
        if charset is not None:
            found.append(("/" + paths.original_file(r), charset))
    return sorted(found)


DOWNLOAD = ("Content-Disposition", "attachment")
# Apache: every published original but a .txt one (their names are fixed: ban-goc.<inert extension or bin>)
_DOWNLOADS_APACHE = [
    '<FilesMatch "^ban-goc\\.(?!txt$)[a-z0-9]+$">',
    "  <IfModule mod_headers.c>",
    f'    Header always set {DOWNLOAD[0]} "{DOWNLOAD[1]}"',
    "  </IfModule>",
    "</FilesMatch>",
]


def original_headers(catalog: Catalog) -> list[tuple[str, list[tuple[str, str]]]]:
    """(site path from the root, its headers) of every published original that needs any, by path: a text
    original's ``Content-Type`` with its charset; ``Content-Disposition: attachment`` for all but a ``.txt``."""
    found = []
    for r in catalog.reports:
        path = "/" + paths.original_file(r)
        headers = []
        charset = http_charset(r.source.encoding)
        if charset is not None:
            headers.append(("Content-Type", _content_type(charset)))
        if not path.endswith(paths.READABLE_EXTENSION):
            headers.append(DOWNLOAD)
        if headers:
            found.append((path, headers))
    return sorted(found)


def _content_type(charset: str) -> str:
    return f"text/plain; charset={charset}"  # an original read as text is plain text, whatever its extension


def headers_file(catalog: Catalog) -> str:
    """``_headers`` for Netlify and Cloudflare Pages (one rule per path; a path's headers are indented)."""
    lines = ["# Tiêu đề HTTP cho Netlify, Cloudflare Pages (tạo bởi python build.py; xem README, mục Hosting).",
             "/*"]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS]
    for path, headers in original_headers(catalog):
        lines += [path, *(f"  {name}: {value}" for name, value in headers)]
    return "\n".join(lines) + "\n"


def _regex(path: str) -> str:
    """``path`` as a regular expression matching the end of the request's path (any sub-path before it)."""
    return "".join("\\" + c if not (c.isalnum() or c in "/-_") else c for c in path) + "$"


def htaccess_file(catalog: Catalog, site_url: str | None = None) -> str:
    """``.htaccess`` for Apache 2.4: the 404 page, UTF-8 for the site's text files, each other original its own
    charset, and the security headers (with ``mod_headers``)."""
    base = urlsplit(site_url).path if site_url else "/"
    base = base if base.endswith("/") else base + "/"
    lines = ["# Cấu hình Apache (tạo bởi python build.py; xem README, mục Hosting). Cần AllowOverride FileInfo.",
             f"ErrorDocument 404 {base}404.html",
             "AddDefaultCharset utf-8",
             "AddCharset utf-8 " + " ".join(UTF8_EXTENSIONS)]
    for path, charset in text_originals(catalog):
        if charset != "utf-8":
            lines += [f'<If "%{{REQUEST_URI}} =~ m#{_regex(path)}#">',
                      f'  ForceType "{_content_type(charset)}"',
                      "</If>"]
    lines.append("<IfModule mod_headers.c>")
    lines += [f'  Header always set {name} "{value}"' for name, value in SECURITY_HEADERS]
    lines.append("</IfModule>")
    lines += _DOWNLOADS_APACHE
    return "\n".join(lines) + "\n"


def host_files(catalog: Catalog, site_url: str | None = None) -> dict[str, bytes]:
    """Every host configuration file, keyed by docs-relative path (``mkdocs.yml`` lets ``.htaccess`` through);
    ``site_url`` is the site's address (README, "The site's address"), None when it is not known."""
    return {HEADERS_FILE: headers_file(catalog).encode("utf-8"),
            HTACCESS_FILE: htaccess_file(catalog, site_url).encode("utf-8")}
