"""Start ``convilyn`` roles as real processes, wait for them, and kill them."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import httpx

from convilyn.demo import free_port
from tests.support import CONVILYN


class Role:
    """One ``convilyn serve`` or ``convilyn worker`` process; its output goes to a log file."""

    def __init__(self, args: list[str], *, env: dict[str, str], log: Path, port: int | None = None) -> None:
        self.args, self.env, self.log, self.port = args, env, log, port
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self.start()

    @classmethod
    def serve(cls, env: dict[str, str], log: Path) -> Role:
        port = free_port()
        return cls(["serve", "--port", str(port)], env={**env, "CONVILYN_BASE_URL": f"http://127.0.0.1:{port}"},
                   log=log, port=port)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.starts += 1
        with self.log.open("ab") as out:
            self.process = subprocess.Popen([CONVILYN, *self.args], env={**os.environ, **self.env}, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)

    def worker_ready(self) -> bool:
        """The latest start of a ``convilyn worker`` has joined the queue (it prints one line then)."""
        lines = self.log.read_text(errors="replace").splitlines()
        return sum(line.startswith("worker ") for line in lines) >= self.starts

    def kill(self) -> None:
        """kill -9: no shutdown hook runs, as when a machine dies."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def wait_healthy(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(
                    f"{self.args} exited with {self.process.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.base_url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"{self.args} not healthy after {timeout} s:\n{self.log.read_text()[-3000:]}")
