"""Servers for the load benchmark and tests: ``naober serve --workers N`` and ``chroma run``, as real
subprocesses on free localhost ports, stopped (by their own pid) when the block ends."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args!r} exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{url} not ready after {timeout} s")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@contextmanager
def naober_server(env: dict[str, str], workers: int = 1, timeout: float = 180) -> Iterator[str]:
    """``naober serve`` with NAOBER_* from ``env``; yields its base URL once /readyz answers."""
    port = free_port()
    cmd = [sys.executable, "-m", "naober.cli", "serve", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{url}/readyz", proc, timeout)
        yield url
    finally:
        _stop(proc)


@contextmanager
def chroma_server(path: Path, port: int | None = None, timeout: float = 60) -> Iterator[str]:
    """``chroma run --path PATH --port PORT`` (the CLI that ships with chromadb; works offline)."""
    port = port or free_port()
    exe = Path(sys.executable).with_name("chroma")
    cmd = [str(exe) if exe.exists() else "chroma", "run", "--path", str(path), "--port", str(port)]
    proc = subprocess.Popen(cmd, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{url}/api/v2/heartbeat", proc, timeout)
        yield url
    finally:
        _stop(proc)
