"""Every page type passes the Nu HTML Checker (vnu), apart from htmx's own hx-* attributes.

vnu is the npm package vnu-jar, installed into bench/node_modules by `make validate`,
and needs Java. Without them this test is skipped with a message, unless
LEGWELL_REQUIRE_VNU=1 (as `make validate` sets), when it fails instead.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bench.pages import NOT_FOUND, READER_PAGES

VNU_JAR = Path(__file__).resolve().parent.parent / "bench" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = {
    **READER_PAGES,
    "report": "/report/?page=/nutrients/magnesium/",
    "compare-symptom": "/compare/?symptom=leg-cramps",
    "compare-error": "/compare/?symptom=unknown",
    "search-form": "/search/",
    "search-error": "/search/?q=%25%25",
    "not-found": NOT_FOUND,
}
HTMX_ATTRIBUTE = re.compile(r"^Attribute “hx-[a-z-]+” not allowed on element")


def vnu_or_skip() -> list[str]:
    java = shutil.which("java")
    if java and VNU_JAR.exists():
        return [java, "-jar", str(VNU_JAR)]
    reason = "The Nu HTML Checker needs Java and bench/node_modules/vnu-jar: run `make validate`."
    if os.environ.get("LEGWELL_REQUIRE_VNU") == "1":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def test_every_page_type_is_valid_html(client, content, tmp_path):
    vnu = vnu_or_skip()
    for name, url in PAGES.items():
        (tmp_path / f"{name}.html").write_bytes(client.get(url).content)
    checked = subprocess.run(
        [*vnu, "--format", "json", "--stdout", "--exit-zero-always", *sorted(map(str, tmp_path.glob("*.html")))],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    errors = [
        f"{Path(message['url']).name}:{message.get('lastLine')}: {message['message']}"
        for message in json.loads(checked.stdout)["messages"]
        if message["type"] in {"error", "non-document-error"} and not HTMX_ATTRIBUTE.match(message["message"])
    ]
    assert not errors, "\n".join(errors)
