"""A real uvicorn server on a free localhost port, in a thread of the test process.

In-process so ``app.dependency_overrides`` still applies; a real socket so the tests speak HTTP
exactly as a browser or client would.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from naober.settings import Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def copied_settings(settings: Settings, into: Path) -> Settings:
    """The session index copied, so a test that writes (feedback) leaves the fixture unchanged."""
    shutil.copytree(settings.data_dir, into / "data")
    return settings.model_copy(update={"data_dir": into / "data"})


@contextmanager
def live_server(app: FastAPI, timeout: float = 90.0) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"test server on port {port} did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
