"""Fetching pages and feeds over HTTP: only http and https, time-outs, a size limit,
redirects followed to a limit, private and loopback addresses refused unless allowed.

Every failure is a FetchError whose message starts with the URL asked for.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

USER_AGENT = "diplomacy-ingest/0.1 (reads reports of official visits)"
PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/x-rss+xml",
    "text/plain",  # feeds are often served as plain text; the feed reader judges
    "text/html",  # and as HTML, by misconfigured servers; ditto
)
REDIRECTS = (301, 302, 303, 307, 308)

MSG_SCHEME = "{url}: only http and https addresses are fetched"
MSG_NO_HOST = "{url}: not a web address (no host)"
MSG_UNKNOWN_HOST = "{url}: the host {host!r} cannot be found"
MSG_PRIVATE = (
    "{url}: {host} is a private or loopback address ({ip}); fetching it is refused "
    "(set FETCH_ALLOW_PRIVATE=1 to allow it)"
)
MSG_STATUS = "{url}: the server answered {status} {reason}"
MSG_TIMEOUT = "{url}: no complete answer within {seconds:g} s (FETCH_TIMEOUT): time-out"
MSG_REFUSED = "{url}: the connection failed ({reason})"
MSG_TOO_LARGE = "{url}: the answer is over the limit of {limit:,} bytes (FETCH_MAX_BYTES)"
MSG_TOO_MANY_REDIRECTS = "{url}: more than {limit} redirects (FETCH_MAX_REDIRECTS)"
MSG_BAD_REDIRECT = "{url}: a redirect without a Location"
MSG_WRONG_TYPE = "{url}: not {wanted} (the server says {found})"
MSG_HTTP = "{url}: {reason}"


class FetchError(Exception):
    """A page or feed that could not be had; the message names the URL."""


@dataclass(frozen=True)
class Fetched:
    """What a server answered: the address it was finally read from, bytes and type."""

    url: str  # as asked
    final_url: str  # after redirects
    content: bytes
    content_type: str
    charset: str | None


def url_check(*, url: str, asked: str | None = None) -> None:
    """Raise FetchError unless `url` is http(s) with a host this ingest may reach."""
    asked = asked or url
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(MSG_SCHEME.format(url=asked))
    host = parts.hostname
    if not host:
        raise FetchError(MSG_NO_HOST.format(url=asked))
    if settings.FETCH_ALLOW_PRIVATE:
        return
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError):
        raise FetchError(MSG_UNKNOWN_HOST.format(url=asked, host=host)) from None
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise FetchError(MSG_PRIVATE.format(url=asked, host=host, ip=ip))


def fetch(
    *, url: str, accept: tuple[str, ...] = PAGE_TYPES, wanted: str = "an HTML page"
) -> Fetched:
    """GET `url` within the FETCH_* settings; raises FetchError naming `url`.

    Each redirect is checked like the first address (scheme, private networks), so a
    public page cannot send the fetch inside the network.
    """
    import httpx  # here, not at the top: an ingest of files never loads it (50 ms)

    timeout = settings.FETCH_TIMEOUT
    limit = settings.FETCH_MAX_BYTES
    deadline = time.monotonic() + timeout
    current = url
    try:
        with httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
        ) as client:
            for _ in range(settings.FETCH_MAX_REDIRECTS + 1):
                url_check(url=current, asked=url)
                with client.stream("GET", current) as response:
                    if response.status_code in REDIRECTS:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(MSG_BAD_REDIRECT.format(url=url))
                        current = urljoin(current, location.strip())
                        continue
                    return _read(
                        response,
                        url=url,
                        final=current,
                        accept=accept,
                        wanted=wanted,
                        limit=limit,
                        deadline=deadline,
                        timeout=timeout,
                    )
    except httpx.TimeoutException:
        raise FetchError(MSG_TIMEOUT.format(url=url, seconds=timeout)) from None
    except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as exc:
        raise FetchError(
            MSG_REFUSED.format(url=url, reason=str(exc) or type(exc).__name__)
        ) from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(MSG_HTTP.format(url=url, reason=str(exc) or type(exc).__name__)) from None
    raise FetchError(MSG_TOO_MANY_REDIRECTS.format(url=url, limit=settings.FETCH_MAX_REDIRECTS))


def _read(response, *, url, final, accept, wanted, limit, deadline, timeout) -> Fetched:
    if response.status_code >= 400:
        raise FetchError(
            MSG_STATUS.format(url=url, status=response.status_code, reason=response.reason_phrase)
        )
    header = response.headers.get("content-type", "")
    content_type = header.split(";")[0].strip().lower()
    if accept and content_type not in accept:
        raise FetchError(
            MSG_WRONG_TYPE.format(url=url, wanted=wanted, found=content_type or "no type")
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(MSG_TOO_LARGE.format(url=url, limit=limit))
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError(MSG_TOO_LARGE.format(url=url, limit=limit))
        if time.monotonic() > deadline:  # a server dripping bytes never trips the read time-out
            raise FetchError(MSG_TIMEOUT.format(url=url, seconds=timeout))
        chunks.append(chunk)
    return Fetched(
        url=url,
        final_url=final,
        content=b"".join(chunks),
        content_type=content_type,
        charset=response.charset_encoding,
    )
