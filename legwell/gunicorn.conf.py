"""gunicorn settings for `make serve` and `make bench`; a deploy may use them
too. Command-line options and GUNICORN_CMD_ARGS (for example
"--bind 0.0.0.0:8000 --workers 9") override them."""

import logging
import os
import re

bind = "127.0.0.1:8000"
# Sync workers, as gunicorn advises for a CPU-bound Django site: two per core
# plus one. WEB_CONCURRENCY overrides the count.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * os.cpu_count() + 1))
# A request that takes longer than this is stuck: the worker is restarted.
timeout = 30
graceful_timeout = 20
keepalive = 5
# The same as --no-control-socket: no control interface to secure.
control_socket_disable = True
# One line a request, to standard output: time, method, path, status, size
# and duration. No IP address, no query string (search terms say something
# about a reader's health) and no request body (questionnaire answers).
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
# Above the limits legwell/middleware.py checks (4094 and 8190), so a request
# between the two gets the site's own 414 or 431 page, not gunicorn's bare one.
limit_request_line = 8190
limit_request_field_size = 16380


class HideClientAddress(logging.Filter):
    """gunicorn's own warning about a malformed request names the client's IP
    address ("Invalid request from ip=..."): keep the warning, drop the address."""

    ADDRESS = re.compile(r"ip=\S+?:")

    def filter(self, record):
        record.msg = self.ADDRESS.sub("ip=(hidden):", record.getMessage())
        record.args = ()
        return True


def post_worker_init(worker):
    worker.log.error_log.addFilter(HideClientAddress())
