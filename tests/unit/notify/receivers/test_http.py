"""The JSON POST every HTTP receiver uses, against a real local server: status codes become DeliveryErrors that say
whether, and when, to retry."""

from __future__ import annotations

import httpx
import pytest

from tests.helpers.http import LocalServer, Response, free_port
from tocsin.streams.notify.receivers.http import MAX_RETRY_AFTER_SECONDS, post_json, retry_after
from tocsin.streams.notify.receivers.kind import DeliveryError

HOOK = "/hooks/T000/B000"


@pytest.mark.parametrize(
    ("reply", "wait", "permanent"),
    [
        (Response(429, headers={"Retry-After": "0"}), 0.0, False),
        (Response(503, headers={"Retry-After": "2.5"}), 2.5, False),
        (Response(503, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}), None, False),
        (Response(500), None, False),
        (Response(400), None, True),
        (Response(401), None, True),
        (Response(403), None, True),
        (Response(404), None, True),
        (Response(410), None, True),
    ],
    ids=["429-zero", "503-fraction", "503-http-date", "500", "400", "401", "403", "404", "410"],
)
async def test_failures_say_when_and_whether_to_retry(
    server: LocalServer, client: httpx.AsyncClient, reply: Response, wait: float | None, permanent: bool
) -> None:
    server.routes[HOOK] = reply
    with pytest.raises(DeliveryError) as caught:
        await post_json(client, server.url(HOOK), b"{}", {})
    assert (caught.value.retry_after, caught.value.permanent) == (wait, permanent)


async def test_unreachable_url_is_a_retryable_error_that_does_not_name_the_url(client: httpx.AsyncClient) -> None:
    url = f"http://127.0.0.1:{free_port()}{HOOK}"
    with pytest.raises(DeliveryError) as caught:
        await post_json(client, url, b"{}", {})
    assert not caught.value.permanent and caught.value.retry_after is None
    assert "/hooks/T000/B000" not in str(caught.value)  # a Slack webhook URL is a credential


def test_retry_after_is_bounded_so_one_receiver_cannot_stall_delivery() -> None:
    assert retry_after("inf") == retry_after("1e9") == MAX_RETRY_AFTER_SECONDS
    assert retry_after("nan") is None and retry_after("soon") is None
    assert retry_after("2") == 2.0 and retry_after("-1") == 0.0
