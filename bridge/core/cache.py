"""Django's Redis cache, minus a client object per call.

Django builds a new `redis.Redis` around the (shared) connection pool on every cache call; with
the page cache that was a seventh of the time of a cached page. A client is thread-safe and
holds nothing but the pool, so one per pool is kept.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class _Client(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class BridgeRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client
