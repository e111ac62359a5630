"""Loaders on real files: generated PDFs (text, encrypted, image-only, corrupt) and text files."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.load import LoadError, load_file, load_sources, meta_for
from tests import pdfs
from tests.conftest import CORPUS


def test_pdf_keeps_pages(tmp_path: Path) -> None:
    doc = load_file(pdfs.write(tmp_path / "a.pdf", pdfs.text_pdf()))
    assert len(doc.page_starts) == 3
    for number, expected in enumerate(pdfs.PAGE_TEXTS, 1):
        probe = expected.split("\n\n")[1][:40]
        offset = doc.text.index(probe.split()[0] + " " + probe.split()[1])
        assert doc.page_at(offset) == number


def test_encrypted_pdf_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="versleuteld"):
        load_file(pdfs.write(tmp_path / "geheim.pdf", pdfs.text_pdf(password="geheim")))


def test_image_only_pdf_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="gescand"):
        load_file(pdfs.write(tmp_path / "scan.pdf", pdfs.image_only_pdf()))


def test_mixed_pdf_warns_per_page(tmp_path: Path) -> None:
    doc = load_file(pdfs.write(tmp_path / "mixed.pdf", pdfs.mixed_pdf()))
    assert doc.warnings and "pagina 2" in doc.warnings[0]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("kapot.pdf", pdfs.corrupt_pdf(), "beschadigd"),
        ("nep.pdf", b"Dit is gewoon tekst met een pdf-naam.\n" * 5, "geen PDF"),
        ("leeg.pdf", b"", "leeg"),
        ("leeg.txt", b"   \n\n", "leeg"),
        ("binair.txt", b"\x00\x01\x02" * 100, "binair"),
        ("plaatje.png", b"\x89PNG\r\n", "niet ondersteund"),
    ],
)
def test_bad_files_raise_load_error(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    with pytest.raises(LoadError, match=message):
        load_file(pdfs.write(tmp_path / name, data))


def test_text_file_is_stored_byte_for_byte() -> None:
    path = CORPUS / "toelichting-visual-versterking-eerstelijn-2025.txt"
    doc = load_file(path)
    assert doc.text == path.read_text(encoding="utf-8")
    assert doc.page_starts == ()


def test_sources_toml_and_inferred_titles(tmp_path: Path) -> None:
    sources = load_sources(CORPUS)
    assert len(sources) == 5
    assert sources["werkagenda-gezonde-marke-2025.txt"].year == 2025
    meta = meta_for(tmp_path / "nieuwe-notitie_mantelzorg-2024.md", sources)
    assert meta.title == "Nieuwe notitie mantelzorg 2024" and meta.year == 2024
