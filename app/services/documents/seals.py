"""电子印章: each department's seal certificate and key (ECDSA P-256), and the CA they chain to.

Embedded mode (no database or Redis configured): a local seal CA and one seal certificate per department are
created on first use under `ZB_DATA_DIR/seals/` (`ca.pem`, `<department code>.pem`: the private key and the
certificate in one PEM file, mode 0600, written to a temporary file and linked into place so that two processes
starting together never see half a file and the first one wins). `ensure_all` creates them at start.

Production loads them: `ZB_SEAL_P12` names one PKCS#12 file per department (`code=/path/a.p12,code2=/path/b.p12`,
all opened with `ZB_SEAL_P12_PASSWORD`), and `ZB_SEAL_CA_CERT` names the CA certificate (PEM) verifiers trust;
without it the CA is taken from the PKCS#12 files' extra certificates. A department without a seal cannot sign:
`SealMissing` says which variable to set. Nothing is generated in production.

The seal *image* (红色圆章: the department's name around the rim, a star, 证照专用章 below) is drawn here too, with
Pillow and the document font. It is a picture of a seal for the page, not a real one: the signature is what
proves anything.
"""
from __future__ import annotations

import datetime as dt
import io
import math
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from app.services.documents import fonts

SEAL_DIR = "seals"
CA_FILE = "ca.pem"
CA_NAME = "示例市电子印章CA（掌办本地）"
ORGANIZATION = "示例市人民政府"
SEAL_PURPOSE = "证照专用章"
CA_YEARS = 20
SEAL_YEARS = 5
_CODE = re.compile(r"^[a-z0-9_-]{1,32}$")


class SealMissing(RuntimeError):
    """This process has no seal for the department (production: no PKCS#12 file configured for it)."""


@dataclass(frozen=True)
class Seal:
    department: str  # the department's code
    name: str  # the name on the seal and in the certificate's subject
    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    chain: tuple[x509.Certificate, ...]  # issuers up to and including the CA

    @property
    def ca(self) -> x509.Certificate:
        return self.chain[-1]


def seal_name(department_name: str) -> str:
    """The name as it goes on a seal: the office without the window in brackets, 示例市公安局（户政管理） → 示例市公安局."""
    return re.split(r"[（(]", department_name, maxsplit=1)[0].strip() or department_name


def _pairs(spec: str) -> dict[str, str]:
    out = {}
    for item in filter(None, (s.strip() for s in spec.split(","))):
        code, sep, value = item.partition("=")
        if not sep or not code.strip() or not value.strip():
            raise RuntimeError(f"expected code=path in {spec!r}, got {item!r}")
        out[code.strip()] = value.strip()
    return out


# ---------------------------------------------------------------- certificates

def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _name(common: str, unit: str | None = None) -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
             x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION)]
    if unit:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, common))
    return x509.Name(attrs)


def make_ca(name: str = CA_NAME, years: int = CA_YEARS) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A new self-signed seal CA: may sign seal certificates (path length 0) and CRLs, nothing else."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(name)
    now = _now()
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=365 * years))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return key, cert


def make_seal_certificate(ca_key: ec.EllipticCurvePrivateKey, ca: x509.Certificate, department: str, name: str,
                          years: int = SEAL_YEARS) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A department's seal certificate, issued by the CA: signing (and non-repudiation) only."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = _now()
    cert = (x509.CertificateBuilder().subject_name(_name(name, department)).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(min(now + dt.timedelta(days=365 * years), ca.not_valid_after_utc))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return key, cert


def to_pkcs12(seal: Seal, password: bytes | None) -> bytes:
    """The seal as a PKCS#12 file (key, certificate, CA): what production's ZB_SEAL_P12 points at."""
    enc = (serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption())
    return pkcs12.serialize_key_and_certificates(seal.department.encode(), seal.key, seal.certificate,
                                                 list(seal.chain), enc)


# ---------------------------------------------------------------- the embedded store (files under ZB_DATA_DIR)

def _pem(key: ec.EllipticCurvePrivateKey, cert: x509.Certificate) -> bytes:
    return (key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()) + cert.public_bytes(serialization.Encoding.PEM))


def _read(path: Path) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    data = path.read_bytes()
    key = serialization.load_pem_private_key(data, password=None)
    return key, x509.load_pem_x509_certificate(data[data.index(b"-----BEGIN CERTIFICATE-----"):])


def _create_once(path: Path, make) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """The key and certificate in `path`, made with `make()` if the file does not exist yet. The file appears
    whole (temporary file + link) with mode 0600; if another process links first, its file is the one used."""
    if path.exists():
        return _read(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    key, cert = make()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")  # mkstemp: mode 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(_pem(key, cert))
        os.link(tmp, path)
    except FileExistsError:
        return _read(path)
    finally:
        os.unlink(tmp)
    return key, cert


class SealStore:
    """The seals of one process, loaded (or, embedded, created) once per department and kept."""

    def __init__(self, settings):
        self.settings = settings
        self.embedded = settings.embedded
        self.dir = Path(settings.data_dir) / SEAL_DIR
        self._seals: dict[str, Seal] = {}
        self._lock = threading.Lock()
        self._ca: tuple | None = None
        self._p12 = {} if self.embedded else _pairs(settings.seal_p12)

    # -- trust anchor
    def ca_certificate(self) -> x509.Certificate:
        """The CA certificate a verifier trusts for our seals."""
        if self.embedded:
            return self._embedded_ca()[1]
        if self.settings.seal_ca_cert:
            return x509.load_pem_x509_certificate(Path(self.settings.seal_ca_cert).read_bytes())
        for code in self._p12:
            return self.seal(code).ca
        raise SealMissing("production mode needs ZB_SEAL_CA_CERT (the seal CA certificate, PEM) or ZB_SEAL_P12")

    def _embedded_ca(self):
        if self._ca is None:
            self._ca = _create_once(self.dir / CA_FILE, make_ca)
        return self._ca

    # -- seals
    def seal(self, department: str, name: str | None = None) -> Seal:
        """The department's seal; `name` (the department's name) is needed only to create one (embedded)."""
        seal = self._seals.get(department)
        if seal is None:
            with self._lock:
                seal = self._seals.get(department) or self._load(department, name)
                self._seals[department] = seal
        return seal

    def _load(self, department: str, name: str | None) -> Seal:
        if not _CODE.match(department):
            raise SealMissing(f"not a department code: {department!r}")
        if not self.embedded:
            return self._from_pkcs12(department)
        ca_key, ca = self._embedded_ca()
        path = self.dir / f"{department}.pem"
        if not path.exists() and not name:
            raise SealMissing(f"no seal yet for department {department!r} (its name is needed to make one)")
        key, cert = _create_once(path, lambda: make_seal_certificate(ca_key, ca, department, seal_name(name or "")))
        return Seal(department, cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value, cert, key, (ca,))

    def _from_pkcs12(self, department: str) -> Seal:
        path = self._p12.get(department)
        if not path:
            raise SealMissing(f"no seal for department {department!r}: "
                              f"add {department}=/path/to/seal.p12 to ZB_SEAL_P12")
        password = self.settings.seal_p12_password.encode() or None
        key, cert, extra = pkcs12.load_key_and_certificates(Path(path).read_bytes(), password)
        if not isinstance(key, ec.EllipticCurvePrivateKey) or cert is None:
            raise SealMissing(f"{path}: expected an EC private key and its certificate")
        chain = tuple(extra or ())
        if self.settings.seal_ca_cert:
            ca = x509.load_pem_x509_certificate(Path(self.settings.seal_ca_cert).read_bytes())
            chain = tuple(c for c in chain if c != ca) + (ca,)
        if not chain:
            raise SealMissing(f"{path}: no CA certificate in the file, and ZB_SEAL_CA_CERT is not set")
        name = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
        return Seal(department, name, cert, key, chain)

    def ensure_all(self, departments: list[tuple[str, str]]) -> list[Seal]:
        """Every department's seal ((code, name) pairs): created at first start in embedded mode, loaded (and
        so checked) in production, where a department without a seal is skipped until one is configured."""
        out = []
        for code, name in departments:
            try:
                out.append(self.seal(code, name))
            except SealMissing:
                if self.embedded:
                    raise
        return out


@lru_cache(maxsize=8)
def store(settings) -> SealStore:
    """The process's seal store for these settings."""
    return SealStore(settings)


# ---------------------------------------------------------------- the seal image

SEAL_RED = (213, 22, 30, 255)


def _pil_font(size: int):
    from PIL import ImageFont
    path, _, index = fonts.source().partition("#")
    return ImageFont.truetype(path, size, index=int(index or 0))


def _star(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    pts = []
    for i in range(10):
        rad = r if i % 2 == 0 else r * 0.382
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    return pts


@lru_cache(maxsize=64)
def seal_image(name: str, purpose: str = SEAL_PURPOSE, size: int = 480) -> bytes:
    """A round red seal as a transparent PNG: `name` around the upper rim, a star, `purpose` below the star.
    Pure function of its arguments (cached)."""
    from PIL import Image, ImageDraw
    scale = 2  # drawn large and reduced: smooth edges without per-glyph antialiasing tricks
    s = size * scale
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    c = s / 2
    rim = s * 0.035
    draw.ellipse((rim / 2, rim / 2, s - rim / 2, s - rim / 2), outline=SEAL_RED, width=int(rim))
    draw.polygon(_star(c, c, s * 0.16), fill=SEAL_RED)
    # The name: characters on an arc of 160 to 250 degrees, upright towards the centre.
    n = max(len(name), 1)
    glyph = int(min(s * 0.115, s * 2.4 / n))
    font = _pil_font(glyph)
    radius = c - rim * 1.5 - glyph * 0.62
    span = min(250.0, max(160.0, 30.0 * n))
    for i, ch in enumerate(name):
        angle = -span / 2 + (span * (i + 0.5) / n)  # degrees from the top, clockwise
        tile = Image.new("RGBA", (glyph * 2, glyph * 2), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((glyph, glyph), ch, font=font, fill=SEAL_RED, anchor="mm")
        tile = tile.rotate(-angle, resample=Image.BICUBIC)
        rad = math.radians(angle - 90)
        x, y = c + radius * math.cos(rad), c + radius * math.sin(rad)
        img.alpha_composite(tile, (int(x - glyph), int(y - glyph)))
    small = _pil_font(int(s * 0.075))
    draw.text((c, c + s * 0.26), purpose, font=small, fill=SEAL_RED, anchor="mm")
    img = img.resize((size, size), Image.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()
