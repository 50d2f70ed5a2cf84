"""The cache settings: Redis when DJANGO_CACHE_URL names it, any other address refused."""

from tests.test_settings import manage


def test_a_cache_url_that_is_not_redis_is_refused_by_name():
    result = manage("check", DJANGO_DEBUG="1", DJANGO_CACHE_URL="memcached://127.0.0.1:11211")
    assert result.returncode != 0
    assert "DJANGO_CACHE_URL must be a redis://" in result.stderr


def test_a_redis_cache_url_makes_the_pages_share_redis():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = manage(
        "shell", "-c", code, DJANGO_DEBUG="1", DJANGO_CACHE_URL="redis://127.0.0.1:6379/1"
    )
    assert result.returncode == 0, result.stderr
    assert "django.core.cache.backends.redis.RedisCache" in result.stdout.splitlines()
