"""Full-page screenshots of every page type at 390 and 1280 px, light and dark.

Run with `make screenshots`: it starts the site as `make serve` does (or uses
LEGWELL_URL, such as http://127.0.0.1:8000, when set) and saves PNGs into
screenshots/ (git-ignored), named page-width-scheme.png. Look at them before
calling a change to the look done.
"""

import os
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.harness import BASE_DIR, CHROMIUM_ARGS, Site
from bench.pages import NOT_FOUND, READER_PAGES

OUT = BASE_DIR / "screenshots"
CHROME = os.environ.get("LEGWELL_BROWSER", "/usr/bin/chromium")
PAGES = {
    **READER_PAGES,
    "compare-symptom": "/compare/?symptom=leg-cramps&sort=-strength",
    "compare-side-by-side": "/compare/?nutrients=magnesium&nutrients=vitamin-b12&nutrients=potassium",
    "report": "/report/?page=/nutrients/magnesium/",
    "not-found": NOT_FOUND,
}
WIDTHS = {390: 844, 1280: 800}
SCHEMES = ("light", "dark")


def shoot(base_url: str, only: list[str]) -> list[Path]:
    OUT.mkdir(exist_ok=True)
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROME, args=CHROMIUM_ARGS)
        for width, height in WIDTHS.items():
            for scheme in SCHEMES:
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    color_scheme=scheme,
                    is_mobile=width < 600,
                    has_touch=width < 600,
                )
                page = context.new_page()
                for name, path in PAGES.items():
                    if only and name not in only:
                        continue
                    page.goto(base_url + path)
                    target = OUT / f"{name.replace(' ', '-')}-{width}-{scheme}.png"
                    page.screenshot(path=target, full_page=True)
                    saved.append(target)
                context.close()
        browser.close()
    return saved


def main(only: list[str]) -> None:
    if url := os.environ.get("LEGWELL_URL"):
        saved = shoot(url.rstrip("/"), only)
    else:
        with tempfile.TemporaryDirectory() as workdir:
            site = Site(Path(workdir)).start()
            try:
                saved = shoot(site.url, only)
            finally:
                site.stop()
    print(f"Saved {len(saved)} screenshots in {OUT.relative_to(BASE_DIR)}/")


if __name__ == "__main__":
    main(sys.argv[1:])
