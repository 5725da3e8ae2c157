"""Wait until a Neo4j server answers a Bolt query, or give up after a bound."""

import argparse
import os
import sys
import time

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable


def server_alive(pid_file: str | None) -> bool:
    if not pid_file:
        return True
    try:
        with open(pid_file) as f:
            os.kill(int(f.read().strip()), 0)
    except (OSError, ValueError):
        return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--pid-file")
    args = parser.parse_args()
    uri = os.environ["NEO4J_URI"]
    auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ["NEO4J_PASSWORD"])
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        if not server_alive(args.pid_file):
            print("neo4j: the server process exited", file=sys.stderr)
            return 1
        try:
            with GraphDatabase.driver(uri, auth=auth, connection_timeout=2) as driver:
                driver.execute_query("RETURN 1")
            return 0
        except AuthError as exc:
            print(f"neo4j: authentication failed: {exc.message}", file=sys.stderr)
            return 1
        except (ServiceUnavailable, Neo4jError, OSError):
            time.sleep(0.5)
    return 1


if __name__ == "__main__":
    sys.exit(main())
