"""Lighthouse (npm lighthouse@12, mobile profile) on the site as `make serve` runs it.

Run with `make lighthouse` (which installs bench/node_modules first). Prints the
four category scores of each page, writes them to bench/results/lighthouse.md,
and exits non-zero below the targets: 100 for accessibility, best practices and
SEO, 95 for performance.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.harness import Site
from bench.pages import READER_PAGES

BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("LEGWELL_BROWSER", "/usr/bin/chromium")
# Every page type readers reach (bench/pages.py), the comparison table by symptom, and the
# search form: search results are noindex on purpose, which costs them Lighthouse's
# "is-crawlable" SEO audit, so SEO is checked on the indexable form page.
PAGES = {**READER_PAGES, "compare by symptom": "/compare/?symptom=leg-cramps", "search form": "/search/"}
SEO_EXEMPT = {"search"}
CATEGORIES = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def scores(url: str, report: Path, tries: int = 3) -> dict[str, int]:
    command = [
        LIGHTHOUSE,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    # On a busy machine Chromium now and then records no trace (NO_NAVSTART): run it again.
    for attempt in range(1, tries + 1):
        if subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROME}, timeout=300).returncode == 0:
            break
        if attempt == tries:
            raise RuntimeError(f"Lighthouse failed {tries} times on {url}")
    categories = json.loads(report.read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def main(only: list[str]) -> int:
    """Lighthouse on every page, or on those named (`python -m bench.lighthouse home "food list"`)."""
    results = BENCH / "results"
    results.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as workdir:
        site = Site(Path(workdir)).start()
        try:
            rows = {
                name: scores(site.url + path, results / f"lighthouse-{name.replace(' ', '-')}.json")
                for name, path in PAGES.items()
                if not only or name in only
            }
        finally:
            site.stop()
    lines = ["| page | address | " + " | ".join(CATEGORIES) + " |", "|---|---|" + "---:|" * len(CATEGORIES)]
    lines += [
        f"| {name} | `{PAGES[name]}` | " + " | ".join(str(row[c]) for c in CATEGORIES) + " |"
        for name, row in rows.items()
    ]
    table = "\n".join(lines)
    (results / "lighthouse.md").write_text(table + "\n")
    print(table)
    short = [
        f"{name}: {category} {row[category]} < {target}"
        for name, row in rows.items()
        for category, target in CATEGORIES.items()
        if row[category] < target and not (category == "seo" and name in SEO_EXEMPT)
    ]
    print("\n".join(short) or "Every page meets every target.")
    return 1 if short else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
