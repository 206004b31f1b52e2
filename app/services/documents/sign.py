"""PAdES signatures on our PDFs with a department's seal (pyHanko), their verification, and the PDF/A-2b
declaration licences carry.

`sign_pdf` appends one incremental update to the PDF: (for PDF/A) the XMP metadata declaring PDF/A-2b and an
sRGB output intent, then a PAdES baseline signature (`ETSI.CAdES.detached`, SHA-256, ECDSA P-256) with the seal
certificate and its CA embedded. A signature covers the whole file as it was signed: a changed byte fails
`verify_pdf` here, in pyHanko's validator, and in poppler's `pdfsig`.

What "PDF/A-2b" means here, honestly: the PDFs are made by reportlab, which has no PDF/A mode. What the standard
asks that we do: every font embedded (documents.fonts), the XMP metadata with `pdfaid:part=2`,
`pdfaid:conformance=B` and the document's title, author, producer and dates, an output intent with an embedded ICC
profile (sRGB, from Pillow), no encryption, no JavaScript or external content, a file ID, and the signature added
as an incremental update (allowed by PDF/A-2). It has not been checked with a PDF/A validator (veraPDF is not on
this machine): treat it as declared, not certified.
"""
from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.metadata import model as xmp
from pyhanko.pdf_utils.metadata import xmp_xml
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.signers import constants
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from app.services.documents.seals import Seal

FIELD = "ZB-Seal"
PDFA_NS = "http://www.aiim.org/pdfa/ns/id/"


class SignatureInvalid(ValueError):
    """The PDF carries no signature, or one that does not verify."""


# ---------------------------------------------------------------- PDF/A-2b

@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    """An sRGB ICC profile (Pillow's built-in one), the output intent's destination profile."""
    from PIL import ImageCms
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _declare_pdfa(w: IncrementalPdfFileWriter, title: str, author: str, subject: str) -> None:
    """XMP metadata (written by pyHanko's writer with the update) declaring PDF/A-2b, and the output intent."""
    # One XMP root holding the PDF/A identification: pyHanko's writer then fills in the title, dates and
    # producer when it writes the update (a second root would repeat the pdfaid properties).
    w.root[generic.NameObject("/Metadata")] = w.add_object(xmp_xml.MetadataStream.from_xmp([xmp.XmpStructure.of(
        (xmp.ExpandedName(PDFA_NS, "part"), xmp.XmpValue("2")),
        (xmp.ExpandedName(PDFA_NS, "conformance"), xmp.XmpValue("B")),
    )]))
    created = None
    if "/Info" in w.trailer:
        # The document information must agree with the XMP: drop what reportlab wrote that the XMP will not
        # carry (its producer, empty keywords, trapping); pyHanko's writer sets the producer in both.
        ref = w.trailer.raw_get("/Info")
        info = ref.get_object()
        created = info.get("/CreationDate")
        for key in ("/Producer", "/Keywords", "/Trapped"):
            if key in info:
                del info[key]
        if isinstance(ref, generic.IndirectObject):
            w.mark_update(ref)
    w.document_meta.title = title
    w.document_meta.author = author
    w.document_meta.subject = subject
    w.document_meta.creator = "掌办"
    if created:
        w.document_meta.created = generic.parse_pdf_date(str(created))
    profile = generic.StreamObject({generic.NameObject("/N"): generic.NumberObject(3)}, stream_data=srgb_profile())
    profile.compress()
    intent = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/OutputIntent"),
        generic.NameObject("/S"): generic.NameObject("/GTS_PDFA1"),
        generic.NameObject("/OutputConditionIdentifier"): generic.TextStringObject("sRGB IEC61966-2.1"),
        generic.NameObject("/Info"): generic.TextStringObject("sRGB IEC61966-2.1"),
        generic.NameObject("/DestOutputProfile"): w.add_object(profile),
    })
    w.root[generic.NameObject("/OutputIntents")] = generic.ArrayObject([w.add_object(intent)])
    w.update_root()


# ---------------------------------------------------------------- signing

class _Pdf17Signer(signers.PdfSigner):
    """pyHanko's signer, keeping the document at PDF 1.7: for an ECDSA P-256 key pyHanko declares the ISO 32002
    extension, which moves the document to PDF 2.0, and PDF/A-2 is PDF 1.7. PAdES with ECDSA on PDF 1.7 is the
    ETSI extension (ESIC) that pyHanko registers here, as Acrobat and poppler read it."""

    def register_extensions(self, pdf_out, *, md_algorithm: str) -> None:
        pdf_out.ensure_output_version(version=(1, 7))
        pdf_out.register_extension(constants.ESIC_EXTENSION_1)


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


@lru_cache(maxsize=64)
def _signer(seal: Seal) -> signers.SimpleSigner:
    key = asn1_keys.PrivateKeyInfo.load(seal.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return signers.SimpleSigner(signing_cert=_asn1_cert(seal.certificate), signing_key=key,
                                cert_registry=SimpleCertificateStore.from_certs([_asn1_cert(c) for c in seal.chain]))


def sign_pdf(pdf: bytes, seal: Seal, *, reason: str = "电子印章", location: str = "", pdfa: bool = False,
             title: str = "", author: str = "", subject: str = "") -> bytes:
    """`pdf` with a PAdES signature by `seal` (and, with `pdfa`, the PDF/A-2b declaration) appended."""
    w = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    if pdfa:
        _declare_pdfa(w, title, author or seal.name, subject)
    meta = signers.PdfSignatureMetadata(field_name=FIELD, md_algorithm="sha256", reason=reason,
                                        location=location or None, name=seal.name,
                                        subfilter=fields.SigSeedSubFilter.PADES)
    out = _Pdf17Signer(meta, signer=_signer(seal)).sign_pdf(w)
    return out.getvalue()


async def sign_pdf_async(pdf: bytes, seal: Seal, **kw) -> bytes:
    """sign_pdf off the event loop (hashing and ECDSA are CPU work)."""
    return await asyncio.to_thread(sign_pdf, pdf, seal, **kw)


# ---------------------------------------------------------------- verification

@dataclass(frozen=True)
class Verified:
    field: str
    signer: str  # the signing certificate's subject, human-readable
    signed_at: datetime | None
    intact: bool  # the bytes covered are unchanged
    valid: bool  # the cryptographic signature checks
    trusted: bool  # the certificate chains to one of the trust roots
    whole_file: bool  # the signature covers the file up to its end (nothing appended after signing)
    problem: str = ""  # why the signature could not be checked at all

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and self.whole_file


async def verify_pdf_async(pdf: bytes, trust_roots: list[x509.Certificate]) -> list[Verified]:
    """Every signature in `pdf`, checked by pyHanko's validator against `trust_roots` (offline: no fetching of
    revocation data). Raises SignatureInvalid when the file has no signature or cannot be read as a PDF; a
    signature whose structure is broken is reported as failing, and anything else (a bug, not a bad document)
    propagates."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        sigs = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError) as e:
        raise SignatureInvalid(f"not a readable PDF: {e}") from e
    if not sigs:
        raise SignatureInvalid("the PDF carries no signature")
    ctx = ValidationContext(trust_roots=[_asn1_cert(c) for c in trust_roots], allow_fetching=False)
    out = []
    for sig in sigs:
        try:
            status = await async_validate_pdf_signature(sig, ctx)
        except (PdfError, ValueError, KeyError) as e:  # a mangled signature dictionary or CMS blob
            out.append(Verified(sig.field_name, "", None, False, False, False, False, str(e)))
            continue
        out.append(Verified(sig.field_name, status.signing_cert.subject.human_friendly, status.signer_reported_dt,
                            bool(status.intact), bool(status.valid), bool(status.trusted),
                            status.coverage == SignatureCoverageLevel.ENTIRE_FILE))
    return out


def verify_pdf(pdf: bytes, trust_roots: list[x509.Certificate]) -> list[Verified]:
    """verify_pdf_async for code without an event loop (a worker thread, a script)."""
    return asyncio.run(verify_pdf_async(pdf, trust_roots))
