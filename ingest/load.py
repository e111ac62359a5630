"""Read corpus files into ParsedDoc, keeping page (PDF) or line (TXT/MD) provenance.

Bad files raise LoadError with a message a person can act on; never an empty document.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from ingest.models import ParsedDoc, SourceMeta, sha256_hex

SUPPORTED = {".pdf", ".txt", ".md"}
PAGE_SEP = "\f"
MIN_PAGE_CHARS = 20


class LoadError(Exception):
    """A file that cannot be ingested, with the reason in plain words."""


def load_sources(corpus_dir: Path) -> dict[str, SourceMeta]:
    """Read sources.toml; a missing file means every document's title comes from its name."""
    path = corpus_dir / "sources.toml"
    if not path.exists():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[str, SourceMeta] = {}
    for d in data.get("document", []):
        out[d["file"]] = SourceMeta(
            file=d["file"],
            title=d.get("title") or title_from_name(d["file"]),
            publisher=d.get("publisher", ""),
            year=d.get("year"),
            kind=d.get("kind", ""),
        )
    return out


def title_from_name(name: str) -> str:
    stem = Path(name).stem
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else name


def year_from_name(name: str) -> int | None:
    m = re.search(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", name)
    return int(m.group(1)) if m else None


def meta_for(path: Path, sources: dict[str, SourceMeta]) -> SourceMeta:
    if path.name in sources:
        return sources[path.name]
    return SourceMeta(file=path.name, title=title_from_name(path.name), year=year_from_name(path.name))


def load_file(path: Path, meta: SourceMeta | None = None) -> ParsedDoc:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise LoadError(f"{path.name}: bestandstype {suffix or '(geen)'} wordt niet ondersteund (pdf, txt, md)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path.name}: kan bestand niet lezen ({exc.strerror})") from exc
    meta = meta or SourceMeta(file=path.name, title=title_from_name(path.name))
    if not data.strip():
        raise LoadError(f"{path.name}: het bestand is leeg")
    if suffix == ".pdf":
        return load_pdf_bytes(data, meta)
    return load_text_bytes(data, meta)


def load_text_bytes(data: bytes, meta: SourceMeta) -> ParsedDoc:
    if b"\x00" in data[:4096]:
        raise LoadError(f"{meta.file}: dit lijkt een binair bestand, geen tekst")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if len(text.strip()) < MIN_PAGE_CHARS:
        raise LoadError(f"{meta.file}: het bestand bevat (bijna) geen tekst")
    return ParsedDoc(doc_id=sha256_hex(data), meta=meta, text=text)


def load_pdf_bytes(data: bytes, meta: SourceMeta) -> ParsedDoc:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise LoadError(f"{meta.file}: dit is geen PDF-bestand (de inhoud begint niet met %PDF)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == 0:
            raise LoadError(f"{meta.file}: de PDF is versleuteld met een wachtwoord; lever een onbeveiligde versie aan")
        pages = [(p.extract_text() or "") for p in reader.pages]
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, IndexError) as exc:
        raise LoadError(f"{meta.file}: de PDF is beschadigd of onleesbaar ({exc})") from exc
    except Exception as exc:  # pypdf raises assorted errors on broken files
        if "encrypt" in str(exc).lower() or "crypt" in type(exc).__name__.lower():
            raise LoadError(f"{meta.file}: de PDF is versleuteld; lever een onbeveiligde versie aan") from exc
        raise LoadError(f"{meta.file}: de PDF is beschadigd of onleesbaar ({type(exc).__name__})") from exc
    if not pages:
        raise LoadError(f"{meta.file}: de PDF heeft geen pagina's")
    warnings = [
        f"pagina {i}: geen tekst gevonden (gescand of alleen afbeeldingen?)"
        for i, p in enumerate(pages, 1)
        if len(p.strip()) < MIN_PAGE_CHARS
    ]
    if len(warnings) == len(pages):
        raise LoadError(
            f"{meta.file}: geen enkele pagina bevat tekst; waarschijnlijk gescand. "
            "Maak er eerst een doorzoekbare PDF van (OCR)."
        )
    starts, offset = [], 0
    for p in pages:
        starts.append(offset)
        offset += len(p) + len(PAGE_SEP)
    text = PAGE_SEP.join(pages)
    return ParsedDoc(doc_id=sha256_hex(data), meta=meta, text=text, page_starts=tuple(starts), warnings=tuple(warnings))


def corpus_files(corpus_dir: Path) -> list[Path]:
    return sorted(p for p in corpus_dir.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED)
