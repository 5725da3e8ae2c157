"""Drive an HTTP server with wrk (a C load generator, so the client is never the bottleneck)."""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

SCRIPT = Path(__file__).with_name("report.lua")


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("bench: installing wrk from Debian's packages", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    return shutil.which("wrk") or "wrk"


def run(
    base_url: str, paths: list[str], token: str, connections: int, seconds: float, threads: int = 2
) -> dict:
    """One wrk run over ``paths`` (rotated); returns requests/s and latency percentiles."""
    with tempfile.NamedTemporaryFile("w", suffix=".paths", delete=False) as f:
        f.write("\n".join(paths) + "\n")
        paths_file = f.name
    try:
        env = {**os.environ, "BENCH_TOKEN": token, "BENCH_PATHS": paths_file}
        out = subprocess.run(
            [
                ensure_wrk(),
                f"-t{min(threads, connections)}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                str(SCRIPT),
                base_url,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
    finally:
        os.unlink(paths_file)
    for line in out.splitlines():
        if line.startswith("WRK_JSON "):
            return json.loads(line[len("WRK_JSON ") :])
    raise RuntimeError(f"wrk printed no figures:\n{out}")
