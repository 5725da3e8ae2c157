"""The API under test as production runs it (gunicorn) and the Neo4j behind it.

Its own Neo4j instance (which these tests stop, kill and restart), apart from
the shared test server so that faults here never disturb other tests.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jwt
from neo4j import GraphDatabase

from app.config import DEFAULTS, DEV_JWT_SECRET
from bench.servers import wait_http

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = str(ROOT / "dev/neo4j/neo4j.sh")
BOLT_PORT = int(os.environ.get("FAULT_NEO4J_BOLT_PORT", "7696"))
HTTP_PORT = int(os.environ.get("FAULT_NEO4J_HTTP_PORT", "7486"))
API_PORT = int(os.environ.get("FAULT_API_PORT", "8096"))
PASSWORD = "faultpassword"  # noqa: S105 (a throwaway loopback-only instance)


class Service:
    """The gunicorn-served API and the Neo4j behind it, with switches for faults."""

    def __init__(self, log_path: Path):
        self.base_url = f"http://127.0.0.1:{API_PORT}"
        self.bolt_uri = f"bolt://127.0.0.1:{BOLT_PORT}"
        self.log_path = log_path
        self.neo4j_env = {
            **os.environ,
            "NEO4J_LOCAL_HOME": str(ROOT / ".neo4j/test-faults"),
            "NEO4J_BOLT_PORT": str(BOLT_PORT),
            "NEO4J_HTTP_PORT": str(HTTP_PORT),
            "NEO4J_PASSWORD": PASSWORD,
        }
        self.process: subprocess.Popen | None = None

    def start_neo4j(self) -> None:
        subprocess.run(
            [SCRIPT, "start"], env=self.neo4j_env, check=True, timeout=300, capture_output=True
        )

    def stop_neo4j(self) -> None:
        subprocess.run(
            [SCRIPT, "stop"], env=self.neo4j_env, check=True, timeout=180, capture_output=True
        )

    def kill_neo4j(self) -> None:
        """The harsh fault: SIGKILL, no shutdown, as a crash or an OOM kill would do."""
        pid_file = Path(self.neo4j_env["NEO4J_LOCAL_HOME"]) / "run" / "neo4j.pid"
        pid = int(pid_file.read_text().strip())
        os.kill(pid, signal.SIGKILL)
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)

    def flask(self, *args: str) -> str:
        """The project's CLI against this Neo4j (seed loaders, schema)."""
        env = {**os.environ, "NEO4J_URI": self.bolt_uri, "NEO4J_PASSWORD": PASSWORD}
        result = subprocess.run(
            [str(Path(sys.executable).parent / "flask"), "--app", "app", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
        return result.stdout

    def worker_rss_kib(self) -> dict[int, int]:
        """Resident memory of each gunicorn worker (children of the master), in KiB."""
        assert self.process is not None
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        rss = {}
        for pid in children.read_text().split():
            status = Path(f"/proc/{pid}/status").read_text()
            line = next(x for x in status.splitlines() if x.startswith("VmRSS:"))
            rss[int(pid)] = int(line.split()[1])
        return rss

    def driver(self):
        return GraphDatabase.driver(self.bolt_uri, auth=("neo4j", PASSWORD))

    def start_api(self, workers: int = 4) -> None:
        env = {
            **os.environ,
            "NEO4J_URI": self.bolt_uri,
            "NEO4J_PASSWORD": PASSWORD,
            "NEO4J_CONNECTION_TIMEOUT": "2",
            "NEO4J_ACQUISITION_TIMEOUT": "4",
            "NEO4J_MAX_RETRY_TIME": "2",
        }
        self._log = open(self.log_path, "w")  # noqa: SIM115 (closed in stop_api)
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "--config",
                str(ROOT / "dev/gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{API_PORT}",
                "--workers",
                str(workers),
                "app:create_app()",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        wait_http(f"{self.base_url}/healthz", timeout=60, process=self.process)

    def stop_api(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self._log.close()
            self.process = None

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    @staticmethod
    def token(*scopes: str, ttl: int = 600) -> str:
        now = int(time.time())
        granted = scopes or (DEFAULTS["CASE_READ_SCOPE"], DEFAULTS["CALIPER_WRITE_SCOPE"])
        claims = {"sub": "reliability", "iat": now, "exp": now + ttl, "scope": " ".join(granted)}
        return jwt.encode(claims, DEV_JWT_SECRET, algorithm="HS256")
