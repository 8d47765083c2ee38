"""Webhooks: registered endpoints get signed job events, retried after a failure; the SSRF guard holds."""

from __future__ import annotations

import asyncio

import pytest
import uvicorn
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from convilyn.demo import free_port
from convilyn.webhooks import ssrf
from tests.support import ScriptedRuntime

LOOPBACK = {"webhook_allowed_networks": ["127.0.0.0/8"], "webhook_retry_delays": [0.2, 0.2],
            "webhook_poll_seconds": 0.05}


class Receiver:
    """A webhook receiver on loopback that answers 500 to the first ``failures`` requests."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/hook"
        self.arrived = asyncio.Event()

        async def hook(request: Request) -> Response:
            self.requests.append((dict(request.headers), await request.body()))
            self.arrived.set()
            if len(self.requests) <= self.failures:
                return Response("try later", status_code=500)
            return Response(status_code=204)

        config = uvicorn.Config(Starlette(routes=[Route("/hook", hook, methods=["POST"])]), host="127.0.0.1",
                                port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)

    async def __aenter__(self) -> Receiver:
        self.task = asyncio.create_task(self.server.serve())
        while not self.server.started:
            await asyncio.sleep(0.01)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.server.should_exit = True
        await self.task

    async def wait_for(self, count: int, timeout: float = 30) -> None:
        async def enough() -> None:
            while len(self.requests) < count:
                self.arrived.clear()
                await self.arrived.wait()

        await asyncio.wait_for(enough(), timeout)


async def _deliveries(api, webhook_id: str) -> list[dict]:
    response = await api.request("GET", f"/webhooks/{webhook_id}/deliveries")
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def test_a_completed_job_is_delivered_signed_and_retried_after_a_500(make_server):
    live = await make_server(runtime=ScriptedRuntime(), **LOOPBACK)
    api = await live.user()
    async with Receiver(failures=1) as receiver:
        created = await api.request("POST", "/webhooks", json={"url": receiver.url,
                                                               "events": ["job.completed", "job.failed"]})
        assert created.status_code == 201, created.text
        hook = created.json()
        assert hook["secret"].startswith("whsec_")
        job = await api.create_job("test.simple", [await api.upload("a.txt", "text")])
        await api.confirm(job["jobSpecId"], 1)
        await receiver.wait_for(2)
        for _ in range(100):  # the outcome of the second attempt is recorded just after it answers
            deliveries = await _deliveries(api, hook["webhookId"])
            if deliveries and deliveries[0]["status"] != "pending":
                break
            await asyncio.sleep(0.05)
    (first_headers, first_body), (headers, body) = receiver.requests
    assert first_headers["webhook-id"] == headers["webhook-id"], "a retry is the same message"
    payload = Webhook(hook["secret"]).verify(body, headers)
    assert payload["type"] == "job.completed" and payload["data"]["jobSpecId"] == job["jobSpecId"]
    assert payload["data"]["outputFiles"] == ["result.md"]
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "A" * 44).verify(body, headers)
    [delivery] = deliveries
    assert delivery["status"] == "succeeded" and delivery["attempts"] == 2 and delivery["lastStatusCode"] == 204
    assert delivery["eventType"] == "job.completed"


async def test_deliveries_fail_after_the_last_retry_and_only_subscribed_events_are_sent(make_server):
    live = await make_server(runtime=ScriptedRuntime(), **LOOPBACK)
    api = await live.user()
    async with Receiver(failures=10) as receiver:
        hook = (await api.request("POST", "/webhooks", json={"url": receiver.url,
                                                             "events": ["job.slot_needed"]})).json()
        simple = await api.create_job("test.simple", [await api.upload("a.txt", "text")])
        await api.confirm(simple["jobSpecId"], 1)
        waiting = await api.create_job("test.two_checkpoints", [await api.upload("b.txt", "text")])
        await api.fill(waiting["jobSpecId"], 1, tone="friendly")
        await api.confirm(waiting["jobSpecId"], 2)
        await receiver.wait_for(3)
        for _ in range(100):
            deliveries = await _deliveries(api, hook["webhookId"])
            if deliveries and deliveries[0]["status"] == "failed":
                break
            await asyncio.sleep(0.05)
    [delivery] = deliveries  # the completed job was not subscribed to
    assert delivery["eventType"] == "job.slot_needed" and delivery["status"] == "failed"
    assert delivery["attempts"] == 3 and delivery["lastError"] == "HTTP 500"
    assert delivery["payload"]["data"]["checkpoint"]["checkpointId"] == "outline_review"
    assert len(receiver.requests) == 3


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.0.0.5/hook", "http://192.168.1.1/hook",
    "http://169.254.169.254/latest/meta-data", "http://[::1]/hook", "http://[fd00:ec2::254]/",
    "http://metadata.google.internal/", "ftp://example.com/hook", "http://user:pw@example.com/hook",
])
async def test_unsafe_urls_are_refused_at_registration(server, url):
    api = await server.user()
    response = await api.request("POST", "/webhooks", json={"url": url, "events": ["job.completed"]})
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "UNSAFE_WEBHOOK_URL"


async def test_the_guard_runs_again_at_delivery(make_server):
    """An endpoint that became unsafe after registration (DNS now answers loopback) is not called."""
    live = await make_server(runtime=ScriptedRuntime(), **LOOPBACK)
    api = await live.user()
    async with Receiver() as receiver:
        hook = (await api.request("POST", "/webhooks", json={"url": receiver.url, "events": ["job.completed"]})).json()
        live.ctx.settings.webhook_allowed_networks = []  # as if the name now resolved to an internal address
        job = await api.create_job("test.simple", [await api.upload("a.txt", "text")])
        await api.confirm(job["jobSpecId"], 1)
        for _ in range(200):
            deliveries = await _deliveries(api, hook["webhookId"])
            if deliveries and deliveries[0]["status"] == "failed":
                break
            await asyncio.sleep(0.05)
    assert deliveries[0]["status"] == "failed" and deliveries[0]["lastError"].startswith("refused:")
    assert receiver.requests == []


class FakeDns:
    """Plays DNS for webhook host names (``ssrf.resolve``); other names resolve as usual."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: dict[str, list[str]] = {}
        real = ssrf.resolve

        async def resolve(host: str, port: int) -> list[str]:
            return self.answers[host] if host in self.answers else await real(host, port)

        monkeypatch.setattr(ssrf, "resolve", resolve)


async def test_a_name_that_resolves_to_loopback_at_delivery_is_refused(make_server, monkeypatch):
    """DNS rebinding: public at registration, loopback when the delivery is due."""
    dns = FakeDns(monkeypatch)
    live = await make_server(runtime=ScriptedRuntime(), webhook_retry_delays=[0.2], webhook_poll_seconds=0.05)
    api = await live.user()
    async with Receiver() as receiver:
        dns.answers["hooks.example.test"] = ["93.184.216.34"]
        created = await api.request("POST", "/webhooks", json={"url": f"http://hooks.example.test:{receiver.port}/hook",
                                                               "events": ["job.completed"]})
        assert created.status_code == 201, created.text
        dns.answers["hooks.example.test"] = ["127.0.0.1"]
        job = await api.create_job("test.simple", [await api.upload("a.txt", "text")])
        await api.confirm(job["jobSpecId"], 1)
        for _ in range(200):
            deliveries = await _deliveries(api, created.json()["webhookId"])
            if deliveries and deliveries[0]["status"] == "failed":
                break
            await asyncio.sleep(0.05)
    assert deliveries[0]["status"] == "failed" and "loopback address (127.0.0.1)" in deliveries[0]["lastError"]
    assert deliveries[0]["attempts"] == 1, "refused at once: a retry would not help"
    assert receiver.requests == []


async def test_a_delivery_connects_to_the_address_it_checked(make_server, monkeypatch):
    """The name is resolved once, checked, and that address is the one connected to (with the name as Host)."""
    dns = FakeDns(monkeypatch)
    dns.answers["receiver.example.test"] = ["127.0.0.1"]  # no real DNS knows this name
    live = await make_server(runtime=ScriptedRuntime(), **LOOPBACK)
    api = await live.user()
    async with Receiver() as receiver:
        url = f"http://receiver.example.test:{receiver.port}/hook"
        hook = (await api.request("POST", "/webhooks", json={"url": url, "events": ["job.completed"]})).json()
        job = await api.create_job("test.simple", [await api.upload("a.txt", "text")])
        await api.confirm(job["jobSpecId"], 1)
        await receiver.wait_for(1)
    [(headers, body)] = receiver.requests
    assert headers["host"] == f"receiver.example.test:{receiver.port}"
    assert Webhook(hook["secret"]).verify(body, headers)["data"]["jobSpecId"] == job["jobSpecId"]


def test_a_pinned_request_names_the_address_and_keeps_the_host_for_http_and_tls():
    assert ssrf.pinned("https://hooks.example.com/a?b=1", "93.184.216.34") == (
        "https://93.184.216.34/a?b=1", {"host": "hooks.example.com"}, {"sni_hostname": "hooks.example.com"})
    assert ssrf.pinned("http://hooks.example.com:8080", "2001:db8::1") == (
        "http://[2001:db8::1]:8080/", {"host": "hooks.example.com:8080"}, {})


async def test_webhooks_crud_is_owner_scoped(make_server):
    live = await make_server(**LOOPBACK)
    api, other = await live.user(), await live.user()
    created = (await api.request("POST", "/webhooks", json={"url": "http://127.0.0.1:9/hook",
                                                            "events": ["job.failed"], "description": "ops"})).json()
    webhook_id = created["webhookId"]
    assert "secret" not in (await api.request("GET", f"/webhooks/{webhook_id}")).json()
    assert (await other.request("GET", f"/webhooks/{webhook_id}")).status_code == 404
    assert (await other.request("DELETE", f"/webhooks/{webhook_id}")).status_code == 404
    changed = await api.request("PATCH", f"/webhooks/{webhook_id}", json={"events": ["job.completed"],
                                                                          "enabled": False})
    assert changed.status_code == 200 and changed.json()["events"] == ["job.completed"]
    assert changed.json()["enabled"] is False
    unsafe = await api.request("PATCH", f"/webhooks/{webhook_id}", json={"url": "http://10.1.2.3/"})
    assert unsafe.status_code == 422 and unsafe.json()["code"] == "UNSAFE_WEBHOOK_URL"
    listed = (await api.request("GET", "/webhooks")).json()
    assert [w["webhookId"] for w in listed["items"]] == [webhook_id] and listed["cursor"] is None
    assert (await api.request("DELETE", f"/webhooks/{webhook_id}")).status_code == 204
    assert (await api.request("GET", f"/webhooks/{webhook_id}")).status_code == 404
    bad = await api.request("POST", "/webhooks", json={"url": "http://127.0.0.1/", "events": ["job.started"]})
    assert bad.status_code == 422


def test_the_guard_classifies_addresses():
    allowed = ssrf.networks(["127.0.0.0/8"])
    ssrf.check_address("127.0.0.1", allowed)
    ssrf.check_address("93.184.216.34", [])
    for address in ("127.0.0.1", "10.1.1.1", "172.16.0.1", "169.254.169.254", "::1", "fe80::1", "::ffff:10.0.0.1",
                    "0.0.0.0", "224.0.0.1"):
        with pytest.raises(ssrf.UnsafeWebhookUrl):
            ssrf.check_address(address, [])
