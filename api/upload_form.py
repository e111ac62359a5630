"""Read the multipart upload only after the admin check, with the size bounded before parsing."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from starlette.datastructures import FormData, UploadFile

from api.errors import ApiError

FORM_OVERHEAD = 64 * 1024  # boundaries and the small text fields
MAX_FIELD = 300


@dataclass(frozen=True, slots=True)
class UploadForm:
    name: str
    data: bytes
    title: str | None
    year: int | None
    theme: str | None


def _bad(code: str, nl: str, en: str, status: int = 422) -> ApiError:
    return ApiError(status, code, nl, en)


def _year(raw: str | None) -> int | None:
    if not raw or not raw.strip():
        return None
    if not raw.strip().isdigit() or not 1900 <= int(raw) <= 2100:
        raise _bad("invalid_year", "het jaar moet een getal tussen 1900 en 2100 zijn",
                   "year must be a number between 1900 and 2100")
    return int(raw)


def _text(form: FormData, key: str) -> str | None:
    value = form.get(key)
    if value is None or (isinstance(value, str) and len(value) <= MAX_FIELD):
        return value
    raise _bad("invalid_field", f"veld {key} is geen korte tekst", f"Field {key} must be short text.")


async def read_upload(request: Request, max_bytes: int) -> UploadForm:
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith("multipart/form-data"):
        raise _bad("wrong_content_type", "stuur het document als multipart/form-data (veld 'file')",
                   "Send the document as multipart/form-data with a 'file' field.", 415)
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise _bad("length_required", "Content-Length ontbreekt", "Content-Length is required.", 411)
    if int(length) > max_bytes + FORM_OVERHEAD:
        raise _bad("file_too_large", f"het bestand is groter dan {max_bytes} bytes",
                   f"The upload is larger than {max_bytes} bytes.", 413)
    try:
        form = await request.form(max_files=1, max_fields=10, max_part_size=64 * 1024)
    except Exception as exc:  # python-multipart / starlette parse errors
        raise _bad("malformed_upload", "het formulier is onleesbaar", f"The multipart body is malformed ({exc}).",
                   400) from exc
    file = form.get("file")
    if not isinstance(file, UploadFile):
        raise _bad("file_missing", "er is geen bestand meegestuurd (veld 'file')", "No file in the 'file' field.")
    data = await file.read(max_bytes + 1)
    return UploadForm(name=file.filename or "document", data=data, title=_text(form, "title"),
                      year=_year(_text(form, "year")), theme=_text(form, "theme"))
