"""`python -m bench.roundtrip`: what one Bolt round trip costs, next to the version check.

The cached progress path makes exactly one round trip per request (the
version check), so this is the part of its latency the web stack's floor does
not have. Runs against a loaded database (`make up` by default):

    python -m bench.roundtrip [--uri bolt://127.0.0.1:7687] [--password devpassword]
"""

import argparse
import resource
import statistics
import time

from neo4j import READ_ACCESS, GraphDatabase

from app.cypher import query


def timed(driver, statement, params, count: int) -> tuple[float, float]:
    """(p50 wall ms, client CPU ms) per auto-commit statement, as the service runs it."""

    def once():
        with driver.session(default_access_mode=READ_ACCESS) as session:
            return list(session.run(statement, params))

    for _ in range(count // 5):
        once()
    walls = []
    before = resource.getrusage(resource.RUSAGE_SELF)
    for _ in range(count):
        began = time.perf_counter()
        once()
        walls.append(time.perf_counter() - began)
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return 1000 * statistics.median(walls), 1000 * cpu / count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--uri", default="bolt://127.0.0.1:7687")
    parser.add_argument("--user", default="neo4j")
    parser.add_argument("--password", default="devpassword")
    parser.add_argument("--count", type=int, default=3000)
    args = parser.parse_args()
    with GraphDatabase.driver(args.uri, auth=(args.user, args.password)) as driver:
        records, _, _ = driver.execute_query(query("bench/roundtrip_pick"))
        if not records:
            raise SystemExit("no student with a completion in a course: load data first")
        ids = {"courseId": records[0]["course"], "studentId": records[0]["student"]}
        statements = [
            ("RETURN 1", query("bench/roundtrip_one"), {}),
            ("version check", query("curriculum/progress_versions"), ids),
        ]
        print("| statement | p50 ms | client CPU ms |\n|---|---:|---:|")
        for _ in range(2):  # alternated, so that noise hits both
            for name, statement, params in statements:
                wall, cpu = timed(driver, statement, params, args.count)
                print(f"| {name} | {wall:.3f} | {cpu:.3f} |")


if __name__ == "__main__":
    main()
