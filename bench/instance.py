"""The benchmark's own Neo4j (fresh each run) and the flask CLI pointed at it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from neo4j import GraphDatabase

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = str(ROOT / "dev/neo4j/neo4j.sh")
BOLT_PORT = int(os.environ.get("BENCH_NEO4J_BOLT_PORT", "7697"))
HTTP_PORT = int(os.environ.get("BENCH_NEO4J_HTTP_PORT", "7487"))
PASSWORD = "benchpassword"  # noqa: S105 (a throwaway loopback-only instance)
HOME = ROOT / ".neo4j" / "bench"


class Instance:
    def __init__(self, heap: str = "3g", pagecache: str = "2g"):
        self.uri = f"bolt://127.0.0.1:{BOLT_PORT}"
        self.neo4j_env = {
            **os.environ,
            "NEO4J_LOCAL_HOME": str(HOME),
            "NEO4J_BOLT_PORT": str(BOLT_PORT),
            "NEO4J_HTTP_PORT": str(HTTP_PORT),
            "NEO4J_PASSWORD": PASSWORD,
            "NEO4J_HEAP": heap,
            "NEO4J_PAGECACHE": pagecache,
        }
        # What the service, the floor and the CLI are started with.
        self.app_env = {"NEO4J_URI": self.uri, "NEO4J_PASSWORD": PASSWORD}

    def start_fresh(self) -> None:
        subprocess.run([SCRIPT, "stop"], env=self.neo4j_env, check=True, capture_output=True)
        shutil.rmtree(HOME, ignore_errors=True)
        subprocess.run([SCRIPT, "start"], env=self.neo4j_env, check=True)
        self.flask("db", "init")

    def stop(self) -> None:
        subprocess.run([SCRIPT, "stop"], env=self.neo4j_env, check=False)

    def flask(self, *args: str) -> str:
        result = subprocess.run(
            [str(Path(sys.executable).parent / "flask"), "--app", "app", *args],
            cwd=ROOT,
            env={**os.environ, **self.app_env},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"flask {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def driver(self):
        return GraphDatabase.driver(self.uri, auth=("neo4j", PASSWORD))

    def count(self, statement) -> int:
        with self.driver() as driver:
            records, _, _ = driver.execute_query(statement)
        return records[0][0]

    def server_version(self) -> str:
        with self.driver() as driver:
            records, _, _ = driver.execute_query(
                "CALL dbms.components() YIELD versions RETURN versions[0]"
            )
        return records[0][0]
