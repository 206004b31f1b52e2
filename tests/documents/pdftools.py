"""Poppler's command-line tools as a third party reading our PDFs: `pdffonts` (which fonts, embedded or not),
`pdftoppm` (what a viewer draws, on a machine with no Chinese font of its own) and `pdfsig` (signatures).
Debian's poppler-utils; .ci/run installs it."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image

# A fontconfig with no font directories: poppler then has only what the PDF embeds, like a bare server.
BARE_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


def _run(args: list[str], pdf: bytes, env: dict | None = None) -> subprocess.CompletedProcess:
    if shutil.which(args[0]) is None:  # ./test.sh runs with Python and Node only; CI has every reader
        message = f"{args[0]} is not installed (Debian's poppler-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs {message}")
        pytest.skip(message)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "doc.pdf"
        path.write_bytes(pdf)
        return subprocess.run([a.replace("{pdf}", str(path)).replace("{dir}", d) for a in args],
                              capture_output=True, text=True, env=env, timeout=60)


def fonts(pdf: bytes) -> list[dict]:
    """pdffonts' table: one dict per font with its name, type and the emb/sub/uni columns."""
    out = _run(["pdffonts", "{pdf}"], pdf)
    assert out.returncode == 0, out.stderr
    rows = []
    for line in out.stdout.splitlines()[2:]:
        cols = line.split()
        # name, type (one or two words), encoding, emb, sub, uni, object id, generation
        rows.append({"name": cols[0], "emb": cols[-5], "sub": cols[-4], "uni": cols[-3],
                     "type": " ".join(cols[1:-6])})
    return rows


def render(pdf: bytes, page: int = 1, dpi: int = 40, bare: bool = True) -> Image.Image:
    """Page `page` as a greyscale image, drawn by pdftoppm; `bare`: with no system fonts at all."""
    import os
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ)
        if bare:
            conf = Path(d) / "fonts.conf"
            conf.write_text(BARE_FONTCONFIG.format(cache=Path(d) / "cache"))
            env["FONTCONFIG_FILE"] = str(conf)
        path = Path(d) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page),
                              "-singlefile", str(path), str(Path(d) / "page")],
                             capture_output=True, text=True, env=env, timeout=60)
        assert out.returncode == 0, out.stderr
        with Image.open(Path(d) / "page.pgm") as im:
            return im.copy()


def ink(image: Image.Image, box: tuple[int, int, int, int] | None = None) -> int:
    """How many pixels are dark (< 128) in the image, or in `box` (left, top, right, bottom) of it."""
    region = image.crop(box) if box else image
    return sum(region.histogram()[:128])


def png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def nss_db(directory: Path, ca_pem: bytes) -> str | None:
    """An NSS certificate database in `directory` trusting `ca_pem` (certutil, Debian's libnss3-tools), as
    `pdfsig -nssdir` takes it; None when certutil is not installed."""
    import shutil
    if not shutil.which("certutil"):
        return None
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "ca.pem").write_bytes(ca_pem)
    db = f"sql:{directory}"
    subprocess.run(["certutil", "-N", "-d", db, "--empty-password"], check=True, capture_output=True)
    subprocess.run(["certutil", "-A", "-d", db, "-n", "zhangban-seal-ca", "-t", "C,C,C", "-a",
                    "-i", str(directory / "ca.pem")], check=True, capture_output=True)
    return db


def pdfsig(pdf: bytes, nssdir: str | None) -> str:
    """pdfsig's report on the PDF's signatures (its exit status is 0 even for a bad signature: read the text)."""
    out = _run(["pdfsig", *(["-nssdir", nssdir] if nssdir else []), "{pdf}"], pdf)
    return out.stdout + out.stderr
