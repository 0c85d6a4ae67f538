"""A cache backend whose server is down: every operation raises, as Django's
Redis backend does when Redis is stopped, or the file cache when its disk is
full or read-only."""

from django.core.cache.backends.base import BaseCache


class BrokenCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)


def down(self, *args, **kwargs):
    raise ConnectionError("Error 111 connecting to cache.internal:6379. Connection refused.")


for operation in ("get", "set", "add", "delete", "touch", "has_key", "incr", "get_many", "set_many", "delete_many"):
    setattr(BrokenCache, operation, down)
