"""The SMS backends: an HTTP gateway (a real local server), the demo's file, the console."""

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from notify_helpers import PHONE, PHONE_MASKED

from shiliu.notify import backends, services
from shiliu.notify.backends import FileBackend, HttpBackend, PermanentSendError, SendError, SmsMessage
from shiliu.notify.choices import Status
from shiliu.notify.delivery import LEASE, claim, deliver_due
from shiliu.notify.models import Outbox

MESSAGE = SmsMessage(to=PHONE, text="您的工单 WO-1 已受理", client_id="shl-abc", template="tests.order_ready")


class Gateway(BaseHTTPRequestHandler):
    """A gateway that drops a repeated client_id, as real ones do; answers what ``status`` says."""

    status = 200
    delay = 0.0
    received: list = []
    delivered: dict = {}

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).received.append({"body": body, "auth": self.headers["Authorization"],
                                    "type": self.headers["Content-Type"]})
        if type(self).delay:
            threading.Event().wait(type(self).delay)
        if 200 <= type(self).status < 300:
            type(self).delivered.setdefault(body["client_id"], body)  # a repeat is dropped
        try:
            self.send_response(type(self).status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps({"id": f"gw-{len(type(self).received)}"}).encode())
        except BrokenPipeError:
            pass  # the client gave up waiting (the timeout test)

    def log_message(self, *args):  # keep the test output (and the PII scan) quiet
        pass


@pytest.fixture
def gateway(settings):
    Gateway.status, Gateway.delay, Gateway.received, Gateway.delivered = 200, 0.0, [], {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    settings.SHILIU_SMS_BACKEND = "http"
    settings.SHILIU_SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.SHILIU_SMS_GATEWAY_TOKEN = "gateway-secret"
    yield Gateway
    server.shutdown()
    server.server_close()


def test_http_backend_posts_json_with_the_bearer_token_and_keeps_the_gateways_id(gateway):
    assert HttpBackend().send(MESSAGE) == "gw-1"
    [request] = gateway.received
    assert request["body"] == {"to": PHONE, "text": MESSAGE.text, "client_id": "shl-abc"}
    assert request["auth"] == "Bearer gateway-secret" and request["type"] == "application/json"


@pytest.mark.parametrize("status", [500, 503, 429, 408])
def test_http_backend_treats_server_trouble_as_worth_retrying(gateway, status):
    gateway.status = status
    with pytest.raises(SendError) as caught:
        HttpBackend().send(MESSAGE)
    assert not caught.value.permanent and str(status) in str(caught.value)


@pytest.mark.parametrize("status", [400, 401, 422])
def test_http_backend_treats_a_refusal_of_the_message_as_final(gateway, status):
    gateway.status = status
    with pytest.raises(PermanentSendError):
        HttpBackend().send(MESSAGE)


def test_http_backend_gives_up_waiting_after_its_timeout(gateway, settings):
    settings.SHILIU_SMS_GATEWAY_TIMEOUT = 0.2
    gateway.delay = 1.0
    with pytest.raises(SendError) as caught:
        HttpBackend().send(MESSAGE)
    assert PHONE not in str(caught.value)


def test_http_backend_without_an_address_fails_clearly(settings):
    settings.SHILIU_SMS_GATEWAY_URL = ""
    with pytest.raises(SendError):
        HttpBackend().send(MESSAGE)


def test_http_backend_reports_an_unreachable_gateway(settings):
    settings.SHILIU_SMS_GATEWAY_URL = "http://127.0.0.1:9/send"  # discard port: nothing listens
    with pytest.raises(SendError) as caught:
        HttpBackend().send(MESSAGE)
    assert not caught.value.permanent


def test_a_resend_after_a_crash_reaches_the_phone_once_through_the_gateway(db, gateway):
    """The worker dies after the gateway accepted but before marking sent: the resend
    carries the same client_id and the gateway drops it."""
    from datetime import timedelta

    from django.utils import timezone

    services.send_sms(key="k", phone=PHONE, template="tests.order_ready", params={"number": "1", "url": "u"})
    [row] = claim()
    HttpBackend().send(SmsMessage(to=row.phone, text="x", client_id=row.client_id))  # accepted ... then death
    deliver_due(now=timezone.now() + LEASE + timedelta(seconds=1))
    assert len(gateway.received) == 2
    assert {r["body"]["client_id"] for r in gateway.received} == {row.client_id}
    assert len(gateway.delivered) == 1
    row.refresh_from_db()
    assert row.status == Status.SENT and row.provider_id == "gw-2"


def test_delivery_through_the_http_gateway_retries_a_503(db, gateway):
    from datetime import timedelta

    from django.utils import timezone

    gateway.status = 503
    services.send_sms(key="k", phone=PHONE, template="tests.order_ready", params={"number": "1", "url": "u"})
    deliver_due()
    row = Outbox.objects.get()
    assert row.status == Status.FAILED and row.last_error == "the gateway answered HTTP 503"
    gateway.status = 200
    deliver_due(now=timezone.now() + timedelta(minutes=1))
    row.refresh_from_db()
    assert row.status == Status.SENT and len(gateway.delivered) == 1


def test_file_backend_writes_one_json_line_per_message(settings):
    FileBackend().send(MESSAGE)
    FileBackend().send(SmsMessage(to="+8613800000000", text="second", client_id="shl-def"))
    lines = settings.SHILIU_SMS_FILE.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert len(lines) == 2
    assert first["to"] == PHONE and first["text"] == MESSAGE.text and first["client_id"] == "shl-abc" and first["at"]


def test_the_demo_reads_the_sms_with_its_tracking_link_in_the_file(db, settings):
    settings.SHILIU_SMS_BACKEND = "file"
    services.send_sms(key="k", phone=PHONE, template="tests.order_ready",
                      params={"number": "WO-9", "url": "http://127.0.0.1:8000/track/Q7"}, language="en")
    deliver_due()
    [line] = settings.SHILIU_SMS_FILE.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["text"] == "Order WO-9: track it at http://127.0.0.1:8000/track/Q7"


def test_console_backend_logs_only_a_masked_number_and_never_the_text(caplog):
    with caplog.at_level(logging.INFO, logger="shiliu.notify"):
        backends.ConsoleBackend().send(MESSAGE)
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert PHONE_MASKED in logged and "shl-abc" in logged
    assert PHONE not in logged and PHONE[3:] not in logged and "WO-1" not in logged


def test_an_unknown_backend_name_is_a_configuration_error(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.SHILIU_SMS_BACKEND = "carrier-pigeon"
    with pytest.raises(ImproperlyConfigured):
        backends.get_backend()
