"""Fetching for `import`: a page or an image over HTTP(S), with a timeout, a size
limit and an error a person can act on. urllib3 (trafilatura's own HTTP client)
is used directly: trafilatura's `fetch_url` logs and swallows the reason a
download failed, and retries with a back-off that makes "offline" slow to say."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

PAGE_LIMIT = 10_000_000
IMAGE_LIMIT = 5_000_000
TIMEOUT = 20.0
USER_AGENT = "studyguide-import (+https://example.org/studyguide; reading groups)"


class FetchError(Exception):
    """Why a download failed, in words for the person who asked for it."""


def fetch(url: str, max_bytes: int = PAGE_LIMIT, timeout: float = TIMEOUT) -> tuple[bytes, str, str]:
    """(body, final address, content type) of `url`; at most `max_bytes`, `timeout` seconds in all."""
    import urllib3

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not a web address: {url}")
    host = parts.hostname
    pool = urllib3.PoolManager(headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
                               retries=urllib3.Retry(total=4, connect=0, read=0, redirect=4, status=0),
                               timeout=urllib3.Timeout(connect=timeout, read=timeout))
    deadline = time.monotonic() + timeout
    try:
        response = pool.request("GET", url, preload_content=False, redirect=True)
    except urllib3.exceptions.MaxRetryError as exc:
        raise FetchError(reason(exc.reason, host, timeout)) from None
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(reason(exc, host, timeout)) from None
    try:
        if response.status >= 400:
            raise FetchError(f"{host} answered {response.status} {response.reason or ''}".strip())
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"{url} is {int(declared):,} bytes; the limit is {max_bytes:,}")
        chunks, size = [], 0
        for chunk in response.stream(65536, decode_content=True):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{url} is larger than the limit of {max_bytes:,} bytes")
            if time.monotonic() > deadline:
                raise FetchError(f"{host} took longer than {timeout:g} s to send {url}")
            chunks.append(chunk)
        final = response.geturl() or url
        if not final.startswith(("http://", "https://")):
            final = url
        return b"".join(chunks), final, response.headers.get("Content-Type", "")
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(reason(exc, host, timeout)) from None
    finally:
        response.release_conn()
        pool.clear()


def reason(exc, host: str, timeout: float) -> str:
    import urllib3

    text = str(exc)
    # NameResolutionError is a NewConnectionError, which is a ConnectTimeoutError: most specific first.
    if isinstance(exc, urllib3.exceptions.NameResolutionError) or "Name or service not known" in text \
            or "getaddrinfo" in text or "Temporary failure in name resolution" in text:
        return f"cannot find {host}: are you offline?"
    if isinstance(exc, urllib3.exceptions.NewConnectionError) and "timed out" not in text or "Connection refused" in text:
        return f"cannot connect to {host}: are you offline, or is the address wrong?"
    if isinstance(exc, (urllib3.exceptions.ConnectTimeoutError, urllib3.exceptions.ReadTimeoutError)):
        return f"no answer from {host} within {timeout:g} s"
    if isinstance(exc, urllib3.exceptions.SSLError):
        return f"the secure connection to {host} failed (its certificate was not accepted)"
    if "too many redirects" in text.lower() or isinstance(exc, urllib3.exceptions.ResponseError):
        return f"{host} redirected too many times"
    return f"downloading from {host} failed ({type(exc).__name__})"
