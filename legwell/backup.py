"""A consistent copy of the whole database, and bringing one back.

SQLite: its online backup API copies every page as of one moment, while the
site keeps serving (a plain file copy during a write could be torn).
PostgreSQL: pg_dump's custom format, a consistent snapshot, restored with
pg_restore in one transaction.
"""

import os
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.db import connection

from .cache import refuse_previous_pages


def backup(path: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as copy:
            connection.connection.backup(copy)
    else:
        run_pg("pg_dump", "--format=custom", f"--file={path}")


def restore(path: Path) -> None:
    """Replace the whole database with the backup at path."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as copy:
            copy.backup(connection.connection)
    else:
        connection.close()  # pg_restore drops the tables: hold no lock on them
        run_pg("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(path))
    # Changed behind the signals' back: no cached page is served again.
    refuse_previous_pages()


def run_pg(tool: str, *args: str) -> None:
    """A PostgreSQL client tool on this site's database, its password passed in the environment."""
    database = connection.settings_dict
    options = {"host": database["HOST"], "port": database["PORT"], "username": database["USER"]}
    command = [tool, *(f"--{name}={value}" for name, value in options.items() if value), *args]
    environment = {**os.environ, "PGPASSWORD": database["PASSWORD"] or ""}
    subprocess.run([*command, f"--dbname={database['NAME']}"], env=environment, check=True)
