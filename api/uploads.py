"""An admin upload checked before it touches the corpus: size, type sniffed from the bytes, a safe
file name, and a trial parse, so a bad file is refused with a reason and never half-indexed."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from api.errors import ApiError
from ingest.load import LoadError, load_pdf_bytes, load_text_bytes, title_from_name, year_from_name
from ingest.models import ParsedDoc, SourceMeta, sha256_hex
from ingest.store import Manifest
from naober.settings import Settings

_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x7fELF", b"MZ",
                 b"\x1f\x8b", b"BZh", b"7z\xbc\xaf", b"Rar!", b"%!PS", b"{\\rtf")
MAX_NAME = 120


@dataclass(frozen=True, slots=True)
class Upload:
    """A validated document, ready to land in the corpus as ``name``."""

    name: str
    data: bytes
    doc_id: str
    meta: SourceMeta
    pages: int | None
    chars: int


def _reject(status: int, code: str, nl: str, en: str) -> ApiError:
    return ApiError(status, code, nl, en)


def sniff(data: bytes) -> str:
    """"pdf" or "text", from the content alone; anything else is a 415."""
    head = data[:8192].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        raise _reject(415, "unsupported_type", "dit bestandstype wordt niet ondersteund; lever PDF, TXT of MD aan",
                      "Unsupported file type (detected from its content); upload a PDF, TXT or MD file.")
    text = head.decode("utf-8", errors="replace")
    odd = sum(1 for ch in text if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f"))
    if odd > max(3, len(text) // 50):
        raise _reject(415, "unsupported_type", "dit lijkt een binair bestand, geen tekst of PDF",
                      "The file looks binary, not text or PDF.")
    return "text"


def safe_name(raw: str, kind: str) -> str:
    """The base name only (no folders, no traversal), ASCII letters, digits, '.', '-' and '_'."""
    base = PureWindowsPath(PurePosixPath(raw.replace("\x00", "")).name).name
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    stem, dot, ext = base.rpartition(".")
    stem = stem if dot else ext
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_.")[:MAX_NAME] or "document"
    suffix = ".pdf" if kind == "pdf" else (".md" if ext.lower() in ("md", "markdown") and dot else ".txt")
    return stem + suffix


def _pages(data: bytes) -> int | None:
    from pypdf import PdfReader

    try:
        return len(PdfReader(io.BytesIO(data)).pages)
    except Exception:  # encrypted or broken: the trial parse below says which
        return None


def _parse(data: bytes, kind: str, meta: SourceMeta, max_pages: int) -> ParsedDoc:
    if kind == "pdf" and (n := _pages(data)) is not None and n > max_pages:
        raise _reject(413, "too_many_pages", f"de PDF heeft {n} pagina's; het maximum is {max_pages}",
                      f"The PDF has {n} pages; the limit is {max_pages}.")
    try:
        return load_pdf_bytes(data, meta) if kind == "pdf" else load_text_bytes(data, meta)
    except LoadError as exc:
        raise ApiError(422, "unreadable_document", str(exc), f"The document cannot be ingested: {exc}") from exc


def check_upload(settings: Settings, raw_name: str, data: bytes, *, title: str | None = None,
                 year: int | None = None, theme: str | None = None) -> Upload:
    if len(data) > settings.api.upload_max_bytes:
        raise _reject(413, "file_too_large", f"het bestand is groter dan {settings.api.upload_max_bytes} bytes",
                      f"The file is larger than {settings.api.upload_max_bytes} bytes.")
    if not data.strip():
        raise _reject(422, "empty_file", "het bestand is leeg", "The file is empty.")
    kind = sniff(data)
    if raw_name.lower().endswith(".pdf") and kind != "pdf":
        raise _reject(415, "not_a_pdf", "de naam eindigt op .pdf maar de inhoud is geen PDF",
                      "The name ends in .pdf but the content is not a PDF.")
    name = safe_name(raw_name, kind)
    meta = SourceMeta(file=name, title=(title or "").strip() or title_from_name(name),
                      year=year or year_from_name(name), kind=(theme or "").strip())
    doc = _parse(data, kind, meta, settings.api.upload_max_pages)
    manifest = Manifest.read(settings.data_dir)
    doc_id = sha256_hex(data)
    if manifest and doc_id in manifest.docs:
        have = manifest.docs[doc_id]["file"]
        raise ApiError(409, "already_indexed", f"dit document staat al in de index als {have}",
                       f"This document is already in the index as {have}.", [{"doc_id": doc_id, "file": have}])
    return Upload(name=name, data=data, doc_id=doc_id, meta=meta, pages=len(doc.page_starts) or None,
                  chars=len(doc.text))
