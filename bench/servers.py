"""Server processes for the benchmark and the scale-out tests, and their CPU and memory.

Each server is a child process on a free loopback port: Daphne serving an ASGI
application, or the bare ``websockets`` reference. The child gets its own
environment (``SQLITE_PATH`` for a temporary database, or ``DATABASE_URL`` and
``REDIS_URL`` for scale-out), so it never touches the developer's database.
"""

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Self

import psutil

ROOT = Path(__file__).resolve().parent.parent
CODESIGN_APP = "bench.site:codesign"
NAIVE_APP = "bench.site:naive"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(**overrides: str) -> dict:
    """The environment of a server child: the bench's settings, quiet logs, no DEBUG."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "codesign.settings",
            "DEBUG": "0",
            "LOG_LEVEL": "ERROR",
            "PYTHONPATH": str(ROOT),
        }
    )
    env.update(overrides)
    return env


class Server:
    """A server child process on ``port``; ``stop()`` ends it."""

    def __init__(self, argv: list[str], env: dict, port: int, name: str):
        self.port = port
        self.name = name
        # A file, not a pipe: a pipe nobody reads would block a chatty server.
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed by stop)
        self.process = subprocess.Popen(
            argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self.log
        )
        self.ps = psutil.Process(self.process.pid)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 30) -> "Server":
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: {self.errors()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"{self.name} did not listen within {timeout} s")

    def rss(self) -> int:
        """The process's resident memory in bytes now (0 once it has ended)."""
        try:
            return self.ps.memory_info().rss
        except psutil.Error:
            return 0

    def errors(self) -> str:
        """What the server wrote to its standard error so far."""
        self.log.seek(0)
        return self.log.read()

    def kill(self) -> None:
        """End the process at once, as a crash would."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


def daphne(app: str, env: dict, name: str = "daphne") -> Server:
    """Daphne serving ``app`` (``module:attribute``) on a free port."""
    port = free_port()
    argv = [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), app]
    return Server(argv, env, port, name)


def bare(env: dict) -> Server:
    """The bare ``websockets`` broadcast server (``bench.reference``)."""
    port = free_port()
    argv = [sys.executable, "-m", "bench.reference", str(port)]
    return Server(argv, env, port, "bare websockets")


class Monitor:
    """CPU seconds and peak resident memory of some processes while it runs."""

    def __init__(self, servers: list[Server], interval: float = 0.05):
        self.processes = [server.ps for server in servers]
        self.interval = interval
        self.peak_rss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _cpu(self) -> float:
        total = 0.0
        for process in self.processes:
            try:
                times = process.cpu_times()
                total += times.user + times.system
            except psutil.Error:
                pass
        return total

    def _rss(self) -> int:
        total = 0
        for process in self.processes:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_rss = max(self.peak_rss, self._rss())
            self._stop.wait(self.interval)

    def __enter__(self) -> Self:
        self.start_rss = self._rss()
        self.peak_rss = self.start_rss
        self.start_cpu = self._cpu()
        self.start_time = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.cpu_seconds = self._cpu() - self.start_cpu
        self.wall_seconds = time.monotonic() - self.start_time
        self.peak_rss = max(self.peak_rss, self._rss())

    def as_dict(self) -> dict:
        return {
            "server_cpu_seconds": round(self.cpu_seconds, 2),
            "server_cpu_percent": round(100 * self.cpu_seconds / self.wall_seconds, 1),
            "server_peak_rss_mb": round(self.peak_rss / 2**20, 1),
        }
