"""Throughput and latency of the foundation's pages under `make serve`.

Starts the production server (gunicorn, DEBUG off, whitenoise) on a local
port, drives each URL with wrk (a real load generator, Debian package
`wrk`) and prints a Markdown table of requests/s and p50/p99 latency, plus
the server's resident memory. Only loopback traffic; every run is bounded.

    uv run python bench/http_baseline.py [--duration 10] [--connections 32]
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
TARGETS = [
    ("health (live)", "/health/live"),
    ("health (ready, DB check)", "/health/ready"),
    ("home page", "/"),
    ("login page", "/account/login/"),
    ("API: /me/ unauthenticated (401 JSON)", "/api/v1/me/"),
    ("static CSS (whitenoise)", None),  # resolved from the home page
]


def wait_until_up(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{BASE}/health/live", timeout=1):  # noqa: S310
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("server did not come up")


def css_path() -> str:
    with urllib.request.urlopen(f"{BASE}/", timeout=5) as response:  # noqa: S310
        html = response.read().decode()
    match = re.search(r'href="(/static/css/[^"]+\.css)"', html)
    return match.group(1) if match else "/static/css/app.css"


def to_ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if match is None:
        raise ValueError(f"unexpected wrk latency {value!r}")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(path: str, duration: int, connections: int) -> dict:
    output = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk") or "/usr/bin/wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "--timeout",
            "5s",
            f"{BASE}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
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


def server_rss_mb(pid: int) -> float:
    """Resident memory of the gunicorn arbiter and its workers."""
    pids = subprocess.run(  # noqa: S603
        ["pgrep", "-f", f"gunicorn.*{PORT}|gunicorn emporium"],  # noqa: S607
        capture_output=True,
        text=True,
    ).stdout.split()
    total_kb = 0
    for child in pids:
        status = Path(f"/proc/{child}/status")
        if status.exists():
            match = re.search(r"VmRSS:\s+(\d+)", status.read_text())
            total_kb += int(match.group(1)) if match else 0
    return total_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    env = {**os.environ, "PORT": str(PORT)}
    server = subprocess.Popen(  # noqa: S603
        ["make", "serve", f"PORT={PORT}"],  # noqa: S607
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_until_up()
        print("| page | req/s | p50 ms | p99 ms | non-2xx |\n|---|---:|---:|---:|---:|")
        for name, path in TARGETS:
            path = path or css_path()
            result = run_wrk(path, args.duration, args.connections)
            print(
                f"| {name} `{path}` | {result['rps']:.0f} | {result['p50']:.2f} "
                f"| {result['p99']:.2f} | {result['non_2xx']} |"
            )
        memory = server_rss_mb(server.pid)
        print(f"\nServer memory (arbiter + workers, RSS): {memory:.0f} MB")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
