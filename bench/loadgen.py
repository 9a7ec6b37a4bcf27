"""Shared helpers of the HTTP benchmarks: run `make serve`, drive it with wrk.

Only loopback traffic; every wrk run is bounded in time.
"""

import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def require_wrk() -> str:
    path = shutil.which("wrk")
    if not path:
        raise SystemExit("wrk is missing: apt-get install wrk")
    return path


def wait_until_up(base: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/health/live", timeout=1):  # noqa: S310
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("server did not come up")


def fetch(base: str, path: str) -> str:
    with urllib.request.urlopen(f"{base}{path}", timeout=10) as response:  # noqa: S310
        return response.read().decode()


@contextmanager
def serving(port: int, env: dict[str, str] | None = None):
    """`make serve` on 127.0.0.1:`port` for the duration of the block."""
    server = subprocess.Popen(  # noqa: S603
        ["make", "serve", f"PORT={port}"],  # noqa: S607
        cwd=ROOT,
        env={**os.environ, **(env or {}), "PORT": str(port)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def to_ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if match is None:
        raise ValueError(f"unexpected wrk latency {value!r}")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(url: str, *, duration: int, connections: int) -> dict:
    command = [
        require_wrk(),
        "-t2",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "--timeout",
        "5s",
        # As every browser does; only front-cache hits are sent compressed.
        "-H",
        "Accept-Encoding: gzip",
        url,
    ]
    output = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)\s*$", output, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)\s*$", output, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def server_rss_mb() -> float:
    """Resident memory of every gunicorn process of the benchmark server."""
    pids = subprocess.run(
        ["pgrep", "-f", "gunicorn emporium"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    total_kb = 0
    for pid in pids:
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            match = re.search(r"VmRSS:\s+(\d+)", status.read_text())
            total_kb += int(match.group(1)) if match else 0
    return total_kb / 1024


def print_row(name: str, path: str, result: dict) -> None:
    print(
        f"| {name} `{path}` | {result['rps']:.0f} | {result['p50']:.2f} "
        f"| {result['p99']:.2f} | {result['non_2xx']} |",
        flush=True,
    )


TABLE_HEAD = "| page | req/s | p50 ms | p99 ms | non-2xx |\n|---|---:|---:|---:|---:|"
