"""Tocsin roles as real subprocesses, with their output kept for failure messages."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tocsin import PROJECT_ROOT


class Role:
    """One `tocsin run --role ROLE` process."""

    def __init__(self, role: str, env: dict[str, str], log_path: Path):
        self.role = role
        self.env = env
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> Role:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tocsin.cli", "run", "--role", self.role],
            cwd=PROJECT_ROOT,
            env={**os.environ, **self.env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        return self

    def kill(self) -> None:
        """SIGKILL: no cleanup, no final commit — the crash case."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self, timeout: float = 30) -> int | None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        return self.process.returncode if self.process else None

    def output(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
