"""`python -m bench [--quick]`: every figure of the benchmark, side by side in one run.

Writes bench/results/<timestamp>.json, .md and .png and prints the table.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import jwt
import orjson

from app.config import DEFAULTS, DEV_JWT_SECRET
from bench import datasets, ingest, report, servers, wrk
from bench.instance import Instance

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SERVICE_PORT, FLOOR_PORT, NAIVE_PORT = 8101, 8102, 8103
PROGRESS = "/curriculum/1.0/courses/{course}/students/{student}/progress"

PARTS = ("progress", "growth", "ingest", "loading")
# The uncached path query alone, then with only the course structure cached (every
# request reads the student's completions and fills the template), then the service as
# deployed (both caches on): the same bodies, so each step's cost shows on its own.
# The service comes last because whatever runs first right after the datasets are
# loaded meets a Neo4j still busy with them: measured at 2-3x its later p50.
SERVICE_VARIANTS = (
    ("service, uncached", {"PROGRESS_CACHE": "off"}),
    ("service, no body cache", {"PROGRESS_BODY_CACHE_MB": "0"}),
    ("service", {}),
)

PROFILES = {
    "smoke": dict(
        sizes=[200, 2000],
        seconds=1,
        repeats=1,
        concurrency=[1, 4],
        growth=[1],
        ingest_seconds=3,
        ingest_sizes=[100],
        load_sizes=[2000],
        senders=2,
    ),
    # sizes of the measured courses, wrk seconds per run, repeats, concurrency levels,
    # background multiples, ingestion seconds, seed-loading package sizes
    "quick": dict(
        sizes=[200, 2000, 20000],
        seconds=5,
        repeats=3,
        concurrency=[1, 8],
        growth=[1, 10],
        ingest_seconds=10,
        ingest_sizes=[1, 100, 1000],
        load_sizes=[20000],
        senders=4,
    ),
    "full": dict(
        sizes=[200, 2000, 20000],
        seconds=10,
        repeats=3,
        concurrency=[1, 4, 16],
        growth=[1, 10, 100],
        ingest_seconds=20,
        ingest_sizes=[1, 100, 1000],
        load_sizes=[20000, 100000],
        senders=4,
    ),
}


def token() -> str:
    now = int(time.time())
    claims = {
        "sub": "bench",
        "iat": now,
        "exp": now + 6 * 3600,
        "scope": f"{DEFAULTS['CASE_READ_SCOPE']} {DEFAULTS['CALIPER_WRITE_SCOPE']}",
    }
    return jwt.encode(claims, DEV_JWT_SECRET, algorithm="HS256")


def summarise(runs: list[dict]) -> dict:
    """Median of each figure over the repeats, and its spread (max - min) / median."""
    out = {}
    for key in ("rps", "p50_ms", "p95_ms", "p99_ms"):
        values = [r[key] for r in runs]
        median = statistics.median(values)
        out[key] = median
        out[f"{key}_spread"] = (max(values) - min(values)) / median if median else 0.0
    out["errors"] = sum(r["errors"] + r["non2xx"] for r in runs)
    out["runs"] = len(runs)
    return out


def measure(base: str, paths: list[str], tok: str, connections: int, profile: dict) -> dict:
    wrk.run(base, paths, tok, connections, 2)  # warm-up: pools, caches, JIT of nothing
    runs = [
        wrk.run(base, paths, tok, connections, profile["seconds"])
        for _ in range(profile["repeats"])
    ]
    return summarise(runs)


def serialisation_cost(body: bytes, repeats: int = 20) -> float:
    """Milliseconds to write the tree as JSON in-process (the service's own writer)."""
    from app.curriculum.jsontree import dump_tree
    from app.curriculum.schemas import ProgressNodeSchema

    def to_nodes(node):  # the wire tree back into the attribute names the writer reads
        stack, root = [(node, None)], None
        while stack:
            wire, parent = stack.pop()
            made = {
                "cf_item_id": wire["cfItemId"],
                "type_code": wire["typeCode"],
                "completed": wire["completed"],
                "completed_at": None,
                "children": [],
            }
            if parent is None:
                root = made
            else:
                parent["children"].append(made)
            stack.extend((c, made) for c in reversed(wire["children"]))
        return root

    tree = to_nodes(orjson.loads(body))
    timings = []
    for _ in range(repeats):
        began = time.perf_counter()
        dump_tree(tree, ProgressNodeSchema)
        timings.append(time.perf_counter() - began)
    return 1000 * statistics.median(timings)


def machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    mem_kb = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kb / 2**20, 1),
        "python": platform.python_version(),
        "java": java.splitlines()[0],
        "neo4j_driver": version("neo4j"),
        "flask": version("flask"),
        "gunicorn": version("gunicorn"),
        "platform": platform.platform(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--profile", choices=sorted(PROFILES), help="overrides --quick")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "4")))
    parser.add_argument(
        "--only",
        default=",".join(PARTS),
        help=f"comma-separated parts to measure, of {','.join(PARTS)} (default: all)",
    )
    args = parser.parse_args()
    parts = {p.strip() for p in args.only.split(",") if p.strip()}
    if parts - set(PARTS):
        parser.error(f"unknown parts: {', '.join(sorted(parts - set(PARTS)))}")
    name = args.profile or ("quick" if args.quick else "full")
    profile = PROFILES[name]
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    results: dict = {
        "profile": name,
        "started": stamp,
        "workers": args.workers,
        "machine": machine(),
    }
    instance = Instance()
    tok = token()
    env = {**instance.app_env, "LOG_LEVEL": "WARNING"}
    work = Path(tempfile.mkdtemp(prefix="scp-bench-"))
    try:
        print("bench: fresh Neo4j and datasets", flush=True)
        instance.start_fresh()
        results["machine"]["neo4j"] = instance.server_version()
        courses = {}
        for n, size in enumerate(profile["sizes"]):
            (course,) = datasets.build(instance, work, items=size, students=50, seed=100 + n)
            courses[size] = course
        results.update(progress=[], growth=[], ingest=[], loading=[])
        if "progress" in parts:
            results["progress"] = progress_figures(courses, tok, env, profile, args.workers)
        if "growth" in parts:
            results["growth"] = growth_figures(
                instance, work, courses[2000], tok, env, profile, args.workers
            )
        if "ingest" in parts:
            results["ingest"] = ingest_figures(instance, courses, tok, env, profile, args.workers)
        if "loading" in parts:
            results["loading"] = loading_figures(instance, work, profile)
    finally:
        instance.stop()
    path = RESULTS / f"{stamp}.json"
    path.write_text(json.dumps(results, indent=2, default=str))
    table = report.markdown(results)
    (RESULTS / f"{stamp}.md").write_text(table)
    report.plot(results, RESULTS / f"{stamp}.png")
    print(table)
    print(f"bench: results in {path.relative_to(ROOT)} (.md, .png beside it)")


def _paths(course: datasets.Course, prefix: str = "") -> list[str]:
    return [prefix + PROGRESS.format(course=course.course_id, student=s) for s in course.students]


def progress_figures(courses, tok, env, profile, workers) -> list[dict]:
    rows = []
    bodies: dict[str, bytes] = {}
    for variant, settings in SERVICE_VARIANTS:
        variant_env = {**env, **settings}
        with servers.gunicorn("app:create_app()", SERVICE_PORT, workers, variant_env) as base:
            for course in courses.values():
                for path in _paths(course):
                    body = _get(base + path, tok)
                    assert bodies.setdefault(path, body) == body, f"{variant}: another body"
                for c in profile["concurrency"]:
                    print(f"bench: {variant}, {course.items} items, c={c}", flush=True)
                    rows.append(
                        {
                            "variant": variant,
                            "items": course.items,
                            "concurrency": c,
                            **measure(base, _paths(course), tok, c, profile),
                        }
                    )
    bodies_file = Path(tempfile.mkstemp(suffix=".json")[1])
    bodies_file.write_text(json.dumps({p: b.decode() for p, b in bodies.items()}))
    floor_env = {**env, "BENCH_BODIES": str(bodies_file)}
    with servers.gunicorn(
        "bench.floor_app:create_floor_app()", FLOOR_PORT, workers, floor_env
    ) as base:
        for course in courses.values():
            for c in profile["concurrency"]:
                print(f"bench: floor, {course.items} items, c={c}", flush=True)
                rows.append(
                    {
                        "variant": "floor",
                        "items": course.items,
                        "concurrency": c,
                        **measure(base, _paths(course), tok, c, profile),
                    }
                )
    with servers.gunicorn("bench.naive_app:create_naive_app()", NAIVE_PORT, workers, env) as base:
        for course in courses.values():
            naive = _get(base + _paths(course, "/naive")[0], tok)
            assert naive == bodies[_paths(course)[0]], "naive tree differs from the service's"
            for c in profile["concurrency"][:2]:
                print(f"bench: naive, {course.items} items, c={c}", flush=True)
                rows.append(
                    {
                        "variant": "naive per level",
                        "items": course.items,
                        "concurrency": c,
                        **measure(base, _paths(course, "/naive"), tok, c, profile),
                    }
                )
    for course in courses.values():
        body = bodies[_paths(course)[0]]
        rows.append(
            {
                "variant": "serialise in-process",
                "items": course.items,
                "concurrency": 1,
                "p50_ms": serialisation_cost(body),
                "body_kb": len(body) / 1024,
            }
        )
    bodies_file.unlink()
    return rows


def _get(url: str, tok: str) -> bytes:
    import urllib.request

    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {tok}"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
        return response.read()


def growth_figures(instance, work, course, tok, env, profile, workers) -> list[dict]:
    """The 2,000-item course while the rest of the graph grows 1x, 10x, 100x."""
    rows, loaded, seed = [], 0, 1000
    for multiple in profile["growth"]:
        while loaded < multiple:
            print(f"bench: background data {loaded + 1}/{multiple}", flush=True)
            datasets.build(instance, work, items=2000, students=50, seed=seed, courses=1)
            seed += 1
            loaded += 1
        counts = {
            "items": instance.count("MATCH (i:CFItem) RETURN count(i)"),
            "people": instance.count("MATCH (p:Person) RETURN count(p)"),
            "completions": instance.count("MATCH ()-[r:COMPLETED]->() RETURN count(r)"),
        }
        with servers.gunicorn("app:create_app()", SERVICE_PORT, workers, env) as base:
            figures = measure(base, _paths(course), tok, 4, profile)
        rows.append({"multiple": multiple, **counts, **figures})
    return rows


def ingest_figures(instance, courses, tok, env, profile, workers) -> list[dict]:
    students = sorted({s for c in courses.values() for s in c.students})
    items = sorted({i for c in courses.values() for i in c.lessons})
    apps = sorted({a for c in courses.values() for a in c.apps})
    rows = []
    with servers.gunicorn("app:create_app()", SERVICE_PORT, workers, env):
        for size in profile["ingest_sizes"]:
            with instance.driver() as driver:
                keys_before = {
                    r[0] for r in driver.execute_query("MATCH ()-[r:COMPLETED]->() RETURN r.key")[0]
                }
                events_before = instance.count("MATCH (e:CompletionEvent) RETURN count(e)")
            print(f"bench: ingestion, envelopes of {size}", flush=True)
            figures = ingest_runs(SERVICE_PORT, tok, size, profile, students, items, apps)
            completed = instance.count("MATCH ()-[r:COMPLETED]->() RETURN count(r)")
            events = instance.count("MATCH (e:CompletionEvent) RETURN count(e)")
            expected = len(keys_before | figures.pop("accepted_keys"))
            expected_events = events_before + len(figures.pop("accepted_ids"))
            rows.append(
                {
                    **figures,
                    "completed_expected": expected,
                    "completed_found": completed,
                    "events_expected": expected_events,
                    "events_found": events,
                }
            )
    return rows


INGEST_WARM_UP_SECONDS = 3


def ingest_runs(port, tok, size, profile, students, items, apps) -> dict:
    """A short warm-up, then ``repeats`` timed runs: median events/s and its spread.

    Measured without the warm-up, the first seconds after a restart or a large
    load ran at half the later rate (a cold page cache and plan). Every run's
    accepted events, the warm-up's included, go into the completeness check.
    """
    common = dict(size=size, senders=profile["senders"], students=students, items=items, apps=apps)
    runs = [ingest.run(port, tok, seconds=INGEST_WARM_UP_SECONDS, seed=size * 100, **common)]
    runs += [
        ingest.run(port, tok, seconds=profile["ingest_seconds"], seed=size * 100 + n + 1, **common)
        for n in range(profile["repeats"])
    ]
    timed = runs[1:]
    rates = [r["events_per_s"] for r in timed]
    p50s = [r["post_p50_ms"] for r in timed if r["post_p50_ms"] is not None]
    rate = statistics.median(rates)
    return {
        "envelope_size": size,
        "senders": profile["senders"],
        "seconds": sum(r["seconds"] for r in timed),
        "runs": len(timed),
        "posts": sum(r["posts"] for r in runs),
        "failed_posts": sum(r["failed_posts"] for r in runs),
        "events_accepted": sum(r["events_accepted"] for r in runs),
        "events_per_s": rate,
        "events_per_s_spread": (max(rates) - min(rates)) / rate if rate else 0.0,
        "post_p50_ms": statistics.median(p50s) if p50s else None,
        "ran_out_of_envelopes": any(r["ran_out_of_envelopes"] for r in runs),
        "accepted_ids": set().union(*(r["accepted_ids"] for r in runs)),
        "accepted_keys": set().union(*(r["accepted_keys"] for r in runs)),
    }


def loading_figures(instance, work, profile) -> list[dict]:
    """Items/s of a first load and the time of re-loading it unchanged, in-process."""
    from app import create_app
    from seed.cli import load_case

    app = create_app({**instance.app_env, "LOG_LEVEL": "WARNING"})
    rows = []
    for n, size in enumerate(profile["load_sizes"]):
        folder = work / f"load-{size}"
        instance.flask(
            "seed",
            "demo",
            "--courses",
            "1",
            "--items",
            str(size),
            "--students",
            "0",
            "--apps",
            "0",
            "--seed",
            str(5000 + n),
            "--out",
            str(folder),
        )
        package = next((folder / "case").glob("*.json"))
        timings = []
        with app.app_context():
            for attempt in range(1 + profile["repeats"]):
                began = time.perf_counter()
                summary = load_case([str(package)])
                timings.append(time.perf_counter() - began)
                print(f"bench: load {size} items, run {attempt + 1}: {summary.line()}", flush=True)
        items = len(json.loads(package.read_text())["CFItems"])
        reloads = timings[1:]
        rows.append(
            {
                "items": items,
                "first_load_s": timings[0],
                "items_per_s": items / timings[0],
                "reload_unchanged_s": statistics.median(reloads),
                "reload_spread": (max(reloads) - min(reloads)) / statistics.median(reloads),
            }
        )
    return rows


if __name__ == "__main__":
    main()
