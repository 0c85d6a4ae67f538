"""Print, as JSON, how many SQL queries each path runs when it is rendered
(development settings cache nothing, so every page is rendered in full).

    DATABASE_URL=sqlite:///bench.sqlite3 python -m bench.queries / /nutrients/
"""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "legwell.settings")
django.setup()

from django.db import connection  # noqa: E402 (after setup)
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def count_queries(paths: list[str]) -> dict[str, int]:
    client = Client()
    counts = {}
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        counts[path] = len(queries)
    return counts


if __name__ == "__main__":
    print(json.dumps(count_queries(sys.argv[1:])))
