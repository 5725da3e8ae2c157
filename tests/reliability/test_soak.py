"""A short soak in CI (SOAK_SECONDS, default 20): zero errors, nothing lost or doubled."""

import os

from tests.reliability.soak import run_soak


def test_steady_mixed_traffic_loses_nothing_and_keeps_memory_flat(service, dataset):
    figures = run_soak(service, dataset, seconds=float(os.environ.get("SOAK_SECONDS", "20")))
    print("soak figures:", figures)
    assert set(figures["reads"]) == {200}, figures
    assert set(figures["posts"]) == {200}, figures
    assert figures["transport_errors"] == 0
    assert figures["events_lost"] == 0
    assert figures["events_found"] == figures["events_sent"] > 0
    assert figures["completions_found"] == figures["completions_expected"]
    assert figures["completions_wrong_time"] == 0
    assert not figures["workers_restarted"]
    # Steady, not growing without bound: a generous margin over start-up size.
    assert figures["worker_rss_mib_end"] < figures["worker_rss_mib_start"] * 1.5 + 64, figures
