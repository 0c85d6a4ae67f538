"""Start the site as `make serve` does, and edit it through the admin as an
editor would: shared by `make bench` and tests/test_multiprocess.py, with
the flags Chromium runs with here (screenshots and the browser tests)."""

import http.cookiejar
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = BASE_DIR / ".venv" / "bin" / "python"
OURS = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "CACHE_URL", "GUNICORN_CMD_ARGS", "WEB_CONCURRENCY")
# No sandbox (containers run as root), no GPU, and nothing fetched in the background.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, data: dict | None = None, headers: dict | None = None, opener=None, timeout: float = 10):
    """(status, headers, body) of one request; 4xx and 5xx are answers too."""
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class Site:
    """`make serve` on a free port with its own database file, cache directory
    and static files, in its own process group so that stop() ends it all."""

    def __init__(
        self,
        workdir: Path,
        *,
        workers: int | None = 2,
        database: Path | None = None,
        cache: Path | None = None,
        secret_key: str = "local-only-key-for-the-benchmark-and-tests-" + "x" * 20,
    ):
        workdir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / "server.log"
        self.environment = {
            **{name: value for name, value in os.environ.items() if not name.startswith(OURS)},
            "DATABASE_URL": f"sqlite:///{database or workdir / 'site.sqlite3'}",
            "DJANGO_CACHE_DIR": str(cache or workdir / "cache"),
            "DJANGO_STATIC_ROOT": str(workdir / "static"),
            "DJANGO_SECRET_KEY": secret_key,
            # No worker count: as many as `make serve` starts.
            "GUNICORN_CMD_ARGS": f"--bind 127.0.0.1:{self.port}" + (f" --workers {workers}" if workers else ""),
        }
        self.process = None

    def manage(self, *args: str, **variables: str) -> str:
        """Run a manage.py command against this site's database and cache."""
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=BASE_DIR,
            env={**self.environment, "DJANGO_DEBUG": "false", "DJANGO_ALLOWED_HOSTS": "127.0.0.1", **variables},
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    def start(self, timeout: float = 120) -> "Site":
        # -o: never reinstall requirements from here, even when the stamp is older.
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                ["make", "--no-print-directory", "-o", ".venv/.installed", "serve"],
                cwd=BASE_DIR,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"make serve stopped:\n{self.log.read_text()[-3000:]}")
            try:
                if fetch(self.url + "/healthz")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"make serve did not answer within {timeout} s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


class FormFields(HTMLParser):
    """The fields one form would submit, as a browser collects them."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.select: str | None = None
        self.textarea: str | None = None  # the content so far, inside a textarea
        self.textarea_name = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or (tag != "option" and not attrs.get("name")):
            return
        if tag == "input" and attrs.get("type", "text") not in {"submit", "button", "file", "image", "reset"}:
            if attrs.get("type") not in {"checkbox", "radio"} or "checked" in attrs:
                self.fields.append((attrs["name"], attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea":
            self.textarea_name, self.textarea = attrs["name"], ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            # Browsers drop the newline that opens a textarea's content.
            self.fields.append((self.textarea_name, self.textarea.removeprefix("\n")))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea += data


class Editor:
    """An editor in the Django admin, over plain HTTP like a browser, patient
    enough for a server under full load."""

    TIMEOUT = 120

    def __init__(self, site_url: str):
        self.site_url = site_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def submit(self, path: str, form_id: str, changes: dict) -> tuple[int, bytes]:
        status, _, page = self.fetch(path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        parser = FormFields(form_id)
        parser.feed(page.decode())
        fields = [(name, value) for name, value in parser.fields if name not in changes] + list(changes.items())
        status, _, page = self.fetch(path, data=fields)
        return status, page

    def fetch(self, path: str, data=None):
        return fetch(self.site_url + path, data=data, opener=self.opener, timeout=self.TIMEOUT)

    def log_in(self, username: str, password: str) -> None:
        status, page = self.submit(
            "/admin/login/?next=/admin/", "login-form", {"username": username, "password": password}
        )
        if status != 200 or b'id="login-form"' in page:
            raise RuntimeError(f"could not sign in to the admin (status {status})")

    def change(self, path: str, form_id: str, **changes: str) -> None:
        """Change fields on an admin change page and save it, as the Save button does."""
        status, page = self.submit(path, form_id, {**changes, "_save": "Save"})
        if b"was changed successfully" not in page:
            raise RuntimeError(f"the admin did not save {path} (status {status})")
