"""Other OCR engines' damage for the restoration model (used by scripts/build_restore_model.py).

Clean Vietnamese lines are rendered in several Debian fonts and sizes, degraded (low resolution,
blur, noise, JPEG, binarisation, a slight skew: every choice seeded by the page's name, so a run
gives the same images) and read back by the engines the registries provide:

- ``tess-deg``: Tesseract 5 ``-l eng`` (LSTM, ``--psm 6`` or ``4``) on the degraded images: the
  seeds' engine on worse scans;
- ``ocrad``: GNU Ocrad (Debian ``ocrad``, GPL; its output is only used as training data), UTF-8
  output: Latin-1 accented letters in place of Vietnamese ones (``Bó`` for Bộ, ``aé`` for đề);
- ``gocr``: GOCR (Debian ``gocr``, GPL), UTF-8 output: marks split off as dots and ``_`` for what
  it cannot read (``Bô.`` for Bộ, ``d_`` for đề).

Returns (true line, OCR line) pairs per engine for lines whose count agrees with the rendered
page (a page whose OCR lost or merged lines gives nothing). Images and OCR output are cached
under ``work``.

Fonts (Debian packages, licences): fonts-liberation2 (Liberation Serif/Sans/Mono, SIL OFL 1.1),
fonts-dejavu-core (DejaVu Serif/Sans, Bitstream Vera licence, free), fonts-noto-core is not used.
"""
from __future__ import annotations

import hashlib
import os
import random
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

_L2 = "/usr/share/fonts/truetype/liberation2/"
_DJ = "/usr/share/fonts/truetype/dejavu/"
FONTS = [
    (_L2 + "LiberationSans-Regular.ttf", 34),
    (_L2 + "LiberationSerif-Regular.ttf", 38),
    (_DJ + "DejaVuSans.ttf", 32),
    (_L2 + "LiberationMono-Regular.ttf", 32),
    (_L2 + "LiberationSans-Bold.ttf", 36),
    (_DJ + "DejaVuSerif.ttf", 34),
    (_L2 + "LiberationSerif-Italic.ttf", 40),
    (_L2 + "LiberationSerif-Bold.ttf", 44),
]
ENGINES = ("tess-deg", "ocrad", "gocr")
LINES_PER_PAGE = 24


def _seed(name: str) -> int:
    return int(hashlib.sha1(name.encode()).hexdigest()[:8], 16)


def wrap_line(line: str, font, width: int) -> list[str]:
    """One line cut into lines no wider than ``width`` in ``font`` (also build_restore_model.wrap's)."""
    out, cur = [], ""
    for w in line.split():
        t = (cur + " " + w).strip()
        if cur and font.getlength(t) > width:
            out.append(cur)
            cur = w
        else:
            cur = t
    if cur:
        out.append(cur)
    return out


def degrade(img, rng: random.Random, mild: bool):
    """A scanned-looking copy of a clean render: resolution lost, blur, noise, JPEG, skew, threshold."""
    import io

    from PIL import Image, ImageFilter

    f = rng.uniform(0.55, 0.8) if not mild else rng.uniform(0.75, 0.95)
    small = img.resize((max(1, int(img.width * f)), max(1, int(img.height * f))), Image.BILINEAR)
    small = small.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 0.7 if not mild else 0.4)))
    if rng.random() < 0.5:
        small = small.rotate(rng.uniform(-0.6, 0.6), resample=Image.BILINEAR, expand=False, fillcolor=255)
    px = small.load()
    amount = rng.uniform(0.0, 0.004 if not mild else 0.001)
    for _ in range(int(small.width * small.height * amount)):
        x, y = rng.randrange(small.width), rng.randrange(small.height)
        px[x, y] = 0 if rng.random() < 0.5 else 255
    buf = io.BytesIO()
    small.save(buf, "JPEG", quality=rng.randint(25, 60) if not mild else rng.randint(50, 80))
    buf.seek(0)
    out = Image.open(buf).convert("L").resize(img.size, Image.BILINEAR)
    if rng.random() < 0.5 or mild:
        t = rng.randint(120, 170)
        out = out.point(lambda v: 255 if v > t else 0)
    return out


def _ocr(engine: str, image: Path, out: Path) -> None:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    if engine == "tess-deg":
        psm = "4" if _seed(image.name) % 2 else "6"
        subprocess.run(["tesseract", str(image), str(out.with_suffix("")), "-l", "eng", "--psm", psm],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elif engine == "ocrad":
        r = subprocess.run(["ocrad", "-F", "utf8", str(image)], capture_output=True, env=env)
        out.write_bytes(r.stdout)
    elif engine == "gocr":
        r = subprocess.run(["gocr", "-f", "UTF8", "-i", str(image)], capture_output=True, env=env)
        out.write_bytes(r.stdout)
    else:
        raise ValueError(engine)


def render_and_ocr_engines(lines: list[str], work: Path, tag: str) -> dict[str, list[tuple[str, str]]]:
    """Render ``lines`` into degraded pages and read each with every engine of ENGINES."""
    from PIL import Image, ImageDraw, ImageFont

    work.mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[str, Path, Path]] = []
    pages: list[Path] = []
    pos = page = 0
    while pos < len(lines):
        fpath, size = FONTS[page % len(FONTS)]
        font = ImageFont.truetype(fpath, size)
        width = size * 36
        chunk: list[str] = []
        while pos < len(lines) and len(chunk) < LINES_PER_PAGE:
            chunk.extend(wrap_line(lines[pos], font, width))
            pos += 1
        base = work / f"{tag}-{page:04d}"
        pages.append(base)
        truth = base.with_suffix(".truth.txt")
        text = "\n".join(chunk)
        fresh = not truth.exists() or truth.read_text(encoding="utf-8") != text
        if fresh or not all(base.with_name(base.name + f".{e}.txt").exists() for e in ENGINES):
            rng = random.Random(_seed(base.name))
            lh = int(size * 1.7)
            img = Image.new("L", (width + 2 * size, lh * len(chunk) + 2 * size), 255)
            d = ImageDraw.Draw(img)
            for i, ln in enumerate(chunk):
                d.text((size, size + i * lh), ln, font=font, fill=0)
            hard = degrade(img, rng, mild=False)
            mild = degrade(img, random.Random(_seed(base.name) + 1), mild=True)
            hard.save(base.with_suffix(".hard.png"))
            mild.save(base.with_suffix(".mild.pgm"))
            truth.write_text(text, encoding="utf-8")
            for e in ENGINES:
                img_path = base.with_suffix(".hard.png" if e == "tess-deg" else ".mild.pgm")
                jobs.append((e, img_path, base.with_name(base.name + f".{e}.txt")))
        page += 1

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        list(ex.map(lambda j: _ocr(*j), jobs))
    for base in pages:
        for suffix in (".hard.png", ".mild.pgm"):
            base.with_suffix(suffix).unlink(missing_ok=True)

    out: dict[str, list[tuple[str, str]]] = {e: [] for e in ENGINES}
    for base in pages:
        truth = base.with_suffix(".truth.txt").read_text(encoding="utf-8").split("\n")
        for e in ENGINES:
            raw = base.with_name(base.name + f".{e}.txt").read_text(encoding="utf-8", errors="replace")
            got = [" ".join(ln.split()) for ln in raw.split("\n") if ln.strip()]
            if len(got) == len(truth):
                out[e].extend(zip(truth, got))
    return out
