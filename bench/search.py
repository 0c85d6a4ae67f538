"""Time searches nobody has made before, rendered in full, at 100 times the content.

    DATABASE_URL=sqlite:////tmp/bench-search.sqlite3 python -m bench.search --times 100
    DATABASE_URL=postgres://legwell:legwell@127.0.0.1:5432/bench_search python -m bench.search --times 100

The database must be empty (or hold only this script's earlier run, with --reuse):
it migrates, loads the content, multiplies it with generate_content and builds the
search index, then requests every reader query of tests/test_search_queries.py
once a round through Django's test client in development settings (nothing is
cached, and search pages never are), and prints the time per request (p50, p95,
max) and the SQL queries per request (most).
"""

import argparse
import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "legwell.settings")
django.setup()

from django.core.management import call_command  # noqa: E402 (after setup)
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from search.models import Document  # noqa: E402
from tests.test_search_queries import QUERIES  # noqa: E402


def prepare(times: int) -> None:
    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0)
    if times > 1:
        call_command("generate_content", times=times, verbosity=0)


def measure(rounds: int) -> dict:
    client = Client()
    timings, most_queries = [], 0
    for round_number in range(rounds):
        for query, _page in QUERIES:
            # A new query every round: nothing a search reads is kept from one query to the next.
            words = f"{query} {'x' * (round_number + 1)}" if round_number else query
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                status = client.get("/search/", {"q": words}).status_code
                timings.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise SystemExit(f"{words!r} answered {status}")
            most_queries = max(most_queries, len(queries))
    timings.sort()
    return {
        "requests": len(timings),
        "p50": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "max": timings[-1],
        "queries": most_queries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--times", type=int, default=100, help="how many times larger the content is")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="the database already holds the multiplied content")
    arguments = parser.parse_args()
    if not arguments.reuse:
        prepare(arguments.times)
    result = measure(arguments.rounds)
    print(
        f"{connection.vendor}, {Document.objects.count()} documents: {result['requests']} searches, "
        f"p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f} ms, max {result['max']:.1f} ms, "
        f"at most {result['queries']} queries"
    )


if __name__ == "__main__":
    main()
