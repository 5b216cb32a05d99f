"""SMS senders. ``SHILIU_SMS_BACKEND`` picks one: "memory" (tests), "console", "file", "http",
or the dotted path of a class with the same ``send`` method.

Every backend receives the message's ``client_id``. A real gateway must drop a second
message with a client id it has already accepted (the HTTP gateways used in China offer
this as the "client message id" / 外部流水号): after a worker dies between the gateway's
accept and our commit, the message is sent again with the same id and reaches the phone once.
"""

import json
import logging
import threading
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string

from shiliu.people.masking import mask_phone

logger = logging.getLogger("shiliu.notify")


@dataclass(frozen=True)
class SmsMessage:
    to: str  # E.164
    text: str
    client_id: str
    template: str = ""


class SendError(Exception):
    """The message was not accepted; the text is safe to store and show (no personal data)."""

    permanent = False


class PermanentSendError(SendError):
    """Retrying cannot help (the gateway refused the message itself)."""

    permanent = True


# --- memory: the tests' outbox, like django.core.mail.outbox ------------------------------------------
sent: list[SmsMessage] = []


class MemoryBackend:
    def send(self, message: SmsMessage) -> str:
        sent.append(message)
        return f"memory-{len(sent)}"


# --- console: development and a production without a gateway yet --------------------------------------
class ConsoleBackend:
    """Logs that a message would go out: the number masked, never the text (it may carry a
    tracking link, which is as good as a password to the resident's request)."""

    def send(self, message: SmsMessage) -> str:
        logger.info("SMS %s to %s (%s, %d characters)", message.client_id, mask_phone(message.to),
                    message.template or "-", len(message.text))
        return ""


# --- file: the demo, where a person reads the SMS a resident would get ---------------------------------
_file_lock = threading.Lock()


class FileBackend:
    """Appends one JSON line per message to SHILIU_SMS_FILE (number and text in clear: a
    demo's or a test's own folder, never a production setting)."""

    def send(self, message: SmsMessage) -> str:
        path = Path(settings.SHILIU_SMS_FILE)
        line = json.dumps({**asdict(message), "at": timezone.now().isoformat()}, ensure_ascii=False)
        with _file_lock:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8") as f:
                f.write(line + "\n")
        return ""


# --- http: a gateway --------------------------------------------------------------------------------
class HttpBackend:
    """POSTs ``{"to", "text", "client_id"}`` as JSON to SHILIU_SMS_GATEWAY_URL with
    ``Authorization: Bearer SHILIU_SMS_GATEWAY_TOKEN``. Any 2xx means accepted (the answer's
    JSON ``id``, if any, is kept as the provider's id); 408, 429 and 5xx, a timeout or a
    refused connection are retried; any other 4xx refuses the message for good."""

    timeout = 10  # seconds; SHILIU_SMS_GATEWAY_TIMEOUT overrides

    def send(self, message: SmsMessage) -> str:
        url = settings.SHILIU_SMS_GATEWAY_URL or ""
        if not url.startswith(("https://", "http://")):
            raise SendError("SHILIU_SMS_GATEWAY_URL is not set to an http(s) address")
        body = json.dumps({"to": message.to, "text": message.text, "client_id": message.client_id}).encode()
        request = urllib.request.Request(url, data=body, method="POST", headers={  # noqa: S310 - http(s) only
            "Content-Type": "application/json",
            "Authorization": f"Bearer {settings.SHILIU_SMS_GATEWAY_TOKEN}",
            "Idempotency-Key": message.client_id,
        })
        timeout = getattr(settings, "SHILIU_SMS_GATEWAY_TIMEOUT", self.timeout)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
                payload = response.read(4096)
        except urllib.error.HTTPError as e:
            e.close()
            if 400 <= e.code < 500 and e.code not in {408, 429}:
                raise PermanentSendError(f"the gateway refused the message (HTTP {e.code})") from None
            raise SendError(f"the gateway answered HTTP {e.code}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise SendError(f"the gateway could not be reached ({type(reason).__name__})") from None
        try:
            provider_id = str(json.loads(payload or b"{}").get("id", ""))[:100]
        except (ValueError, AttributeError):
            provider_id = ""
        return provider_id


BACKENDS = {"memory": MemoryBackend, "console": ConsoleBackend, "file": FileBackend, "http": HttpBackend}


def get_backend():
    name = settings.SHILIU_SMS_BACKEND
    if name in BACKENDS:
        return BACKENDS[name]()
    if "." in name:
        return import_string(name)()
    raise ImproperlyConfigured(
        f"SHILIU_SMS_BACKEND must be one of {', '.join(BACKENDS)} or a dotted path; got {name!r}")
