"""The results as a Markdown table and a PNG plot."""

from pathlib import Path


def _pct(x: float) -> str:
    return f"±{100 * x / 2:.0f}%"


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        f"Benchmark `{results['profile']}` of {results['started']} — {m['cores']} cores, "
        f"{m['memory_gib']} GiB, Neo4j {m.get('neo4j')}, Python {m['python']}, "
        f"gunicorn {m['gunicorn']} × {results['workers']} workers. Medians of "
        f"{(results['progress'] or [{}])[0].get('runs', '?')} runs; "
        "± is half the spread (max−min).",
        "",
        "| progress endpoint | items | conns | p50 ms | p95 ms | p99 ms | req/s | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results["progress"]:
        if r["variant"] == "serialise in-process":
            continue
        if not r["rps"]:  # every request outlived wrk's 10 s timeout
            lines.append(
                f"| {r['variant']} | {r['items']} | {r['concurrency']} | > 10 s | | | 0 | "
                "none answered |"
            )
            continue
        lines.append(
            f"| {r['variant']} | {r['items']} | {r['concurrency']} | {r['p50_ms']:.2f} "
            f"{_pct(r['p50_ms_spread'])} | {r['p95_ms']:.2f} | {r['p99_ms']:.2f} | "
            f"{r['rps']:.0f} {_pct(r['rps_spread'])} | {r['errors']} |"
        )
    lines += [
        "",
        "| headline (p50, 1 connection) | items | service / floor | "
        "naive per level / one path query (both uncached) |",
        "|---|---:|---:|---:|",
    ]
    by = {(r["variant"], r["items"], r["concurrency"]): r for r in results["progress"]}
    for (variant, items, conns), r in sorted(by.items(), key=lambda kv: kv[0][1]):
        if variant == "service" and conns == 1 and ("floor", items, 1) in by:
            ratio = r["p50_ms"] / by[("floor", items, 1)]["p50_ms"]
            naive = by.get(("naive per level", items, 1))
            single = by.get(("service, uncached", items, 1)) or r
            gain = (
                f"{naive['p50_ms'] / single['p50_ms']:.1f}×"
                if naive and naive["rps"] and single["rps"]
                else "—"
            )
            lines.append(f"| progress | {items} | {ratio:.2f}× | {gain} |")
    lines += ["", "| in-process JSON writing | items | body KiB | ms |", "|---|---:|---:|---:|"]
    for r in results["progress"]:
        if r["variant"] == "serialise in-process":
            lines.append(f"| dump_tree | {r['items']} | {r['body_kb']:.0f} | {r['p50_ms']:.2f} |")
    lines += [
        "",
        "| growth: 2,000-item course, 4 conns | graph items | people | completions "
        "| p50 ms | p99 ms | vs 1× |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    base = results["growth"][0]["p50_ms"] if results["growth"] else 1
    for r in results["growth"]:
        lines.append(
            f"| {r['multiple']}× | {r['items']} | {r['people']} | {r['completions']} "
            f"| {r['p50_ms']:.2f} {_pct(r['p50_ms_spread'])} | {r['p99_ms']:.2f} "
            f"| {r['p50_ms'] / base:.2f}× |"
        )
    lines += [
        "",
        "| Caliper ingestion | envelope | senders | events/s | post p50 ms | failed "
        "| COMPLETED expected / found | events expected / found |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in results["ingest"]:
        lines.append(
            f"| POST /events/1.0/ | {r['envelope_size']} | {r['senders']} | "
            f"{r['events_per_s']:.0f} {_pct(r.get('events_per_s_spread', 0.0))} | "
            f"{r['post_p50_ms']:.1f} | {r['failed_posts']} | "
            f"{r['completed_expected']} / {r['completed_found']} | "
            f"{r['events_expected']} / {r['events_found']} |"
        )
    lines += [
        "",
        "| seed loading | items | first load s | items/s | reload unchanged s |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in results["loading"]:
        lines.append(
            f"| seed case | {r['items']} | {r['first_load_s']:.1f} | "
            f"{r['items_per_s']:.0f} | {r['reload_unchanged_s']:.2f} "
            f"{_pct(r['reload_spread'])} |"
        )
    return "\n".join(lines) + "\n"


def plot(results: dict, path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("bench: matplotlib not installed, no plot (pip install -e '.[bench]')")
        return
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    for variant in ("service", "floor", "naive per level"):
        rows = [r for r in results["progress"] if r["variant"] == variant and r["concurrency"] == 1]
        if rows:
            left.plot(
                [r["items"] for r in rows], [r["p50_ms"] for r in rows], marker="o", label=variant
            )
    left.set(
        xscale="log",
        yscale="log",
        xlabel="course items",
        ylabel="p50 latency (ms)",
        title="Progress endpoint, 1 connection",
    )
    left.legend()
    growth = results["growth"]
    right.plot([g["multiple"] for g in growth], [g["p50_ms"] for g in growth], marker="o")
    right.set(
        xscale="log",
        xlabel="rest of the graph (× one dataset)",
        ylabel="p50 (ms)",
        title="2,000-item course as the graph grows",
        ylim=(0, None),
    )
    fig.tight_layout()
    fig.savefig(path, dpi=110)
