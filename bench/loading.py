"""Seed loading, in-process: first load, unchanged reloads, one changed reload.

    NEO4J_URI=bolt://127.0.0.1:7692 NEO4J_PASSWORD=testpassword \
        .venv/bin/python -m bench.loading 20000 [--repeats 3] [--full-compare]

Writes the demo package once (seed 5000, as `python -m bench` does) under
/tmp/scp-loading/, then per repeat: wipes the database, loads the package
(first load), reloads it unchanged twice, and reloads it with one item's
statement changed. Prints each time and the medians. To compare with another
tree, run this file with that tree first on PYTHONPATH.

WIPES the database it points at: use a test instance, never the dev one.
"""

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from app import create_app
from app.cli import apply_schema
from seed.case_load import load_packages, read_packages
from seed.demo import DemoConfig, generate
from tests.conftest import wipe

FOLDER = Path(tempfile.gettempdir()) / "scp-loading"


def package_file(items: int) -> Path:
    path = FOLDER / f"demo-{items}.json"
    if not path.exists():
        FOLDER.mkdir(exist_ok=True)
        demo = generate(DemoConfig(courses=1, items=items, students=0, apps=0, seed=5000))
        path.write_text(json.dumps(demo.packages[0]))
    return path


def timed_load(driver, path: Path, **options) -> tuple[float, str]:
    began = time.perf_counter()
    packages, _ = read_packages([str(path)])
    summary = load_packages(driver, "neo4j", packages, **options)
    return time.perf_counter() - began, summary.line()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("items", type=int)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--full-compare", action="store_true")
    args = parser.parse_args()
    options = {"full_compare": True} if args.full_compare else {}
    path = package_file(args.items)
    changed = FOLDER / f"demo-{args.items}-changed.json"
    data = json.loads(path.read_text())
    data["CFItems"][len(data["CFItems"]) // 2]["fullStatement"] += " (revised)"
    changed.write_text(json.dumps(data))
    app = create_app({"LOG_LEVEL": "WARNING"})
    figures: dict[str, list[float]] = {"first": [], "unchanged": [], "one changed": []}
    with app.app_context():
        driver = app.extensions["neo4j"]
        for repeat in range(args.repeats):
            wipe(driver)
            apply_schema()
            first, line = timed_load(driver, path)
            figures["first"].append(first)
            print(f"repeat {repeat + 1}: first load {first:.2f}s ({line[:60]})", flush=True)
            for _ in range(2):
                seconds, line = timed_load(driver, path, **options)
                figures["unchanged"].append(seconds)
                print(f"  unchanged reload {seconds:.2f}s ({line[:70]})", flush=True)
            seconds, line = timed_load(driver, changed, **options)
            figures["one changed"].append(seconds)
            print(f"  one item changed {seconds:.2f}s ({line[:70]})", flush=True)
    print(
        f"{args.items} items: "
        + ", ".join(f"{name} {statistics.median(v):.2f}s" for name, v in figures.items())
        + f" (first load {args.items / statistics.median(figures['first']):.0f} items/s)"
    )


if __name__ == "__main__":
    main()
