"""A local stand-in for Stripe's API at the HTTP boundary, and webhook
signing done as Stripe documents it (independent of the SDK's code).

`FakeStripe` serves, on 127.0.0.1, the JSON shapes of the endpoints the
provider calls: POST /v1/payment_intents, GET /v1/payment_intents/{id},
POST /v1/payment_intents/{id}/confirm, POST /v1/payment_intents/{id}/cancel
and POST /v1/refunds, with Stripe's idempotency keys. PaymentMethod ids
choose the outcome, like Stripe's test ids:

| payment_method | outcome |
| --- | --- |
| pm_card_visa | succeeded |
| pm_card_chargeDeclined | 402 card_error, intent requires_payment_method |
| pm_card_threeDSecure2Required | requires_action, redirect_to_url |
"""

import hashlib
import hmac
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

SUCCEEDS = "pm_card_visa"
DECLINED = "pm_card_chargeDeclined"
NEEDS_3DS = "pm_card_threeDSecure2Required"
WEBHOOK_SECRET = "whsec_test_secret"


def stripe_signature(payload: bytes, secret: str, timestamp: int) -> str:
    """`Stripe-Signature` as Stripe documents it: t=<unix time>,v1=<hex
    HMAC-SHA256 of "<t>.<payload>" keyed with the endpoint secret>."""
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def stripe_event(event_type: str, obj: dict[str, Any], event_id: str = "") -> bytes:
    """A webhook body: an Event object around `obj`."""
    event = {
        "id": event_id or f"evt_{secrets.token_hex(12)}",
        "object": "event",
        "api_version": "2024-06-20",
        "created": int(time.time()),
        "livemode": False,
        "pending_webhooks": 1,
        "type": event_type,
        "data": {"object": obj},
    }
    return json.dumps(event).encode()


class Recorded:
    """One request the fake received: method, path, form fields, headers."""

    def __init__(self, method: str, path: str, params: dict, headers: dict):
        self.method = method
        self.path = path
        self.params = params
        self.headers = headers


class FakeStripe:
    """The fake's state: intents and refunds by id, requests in order."""

    def __init__(self):
        self.intents: dict[str, dict[str, Any]] = {}
        self.refunds: dict[str, dict[str, Any]] = {}
        self.requests: list[Recorded] = []
        self._answers: dict[str, tuple[int, dict]] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> "FakeStripe":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def calls(self, method: str, prefix: str) -> list[Recorded]:
        return [
            r for r in self.requests if r.method == method and r.path.startswith(prefix)
        ]

    # --- what a buyer does at Stripe --------------------------------------

    def authenticate(self, intent_id: str, *, succeed: bool = True) -> dict:
        """The buyer finishes (or fails) 3-D Secure on Stripe's page."""
        intent = self.intents[intent_id]
        if succeed:
            _succeed(intent)
        else:
            _fail(intent, "payment_intent_authentication_failure", "")
        return intent

    # --- the API -------------------------------------------------------------

    def answer(
        self, method: str, path: str, params: dict, key: str
    ) -> tuple[int, dict]:
        with self._lock:
            if key and key in self._answers:
                return self._answers[key]
            status, body = self._route(method, path, params)
            if key and method == "POST":
                self._answers[key] = (status, body)
            return status, body

    def _route(self, method: str, path: str, params: dict) -> tuple[int, dict]:
        parts = path.strip("/").split("/")  # v1, payment_intents, id, action
        if parts[:2] == ["v1", "payment_intents"]:
            if len(parts) == 2 and method == "POST":
                return self._create_intent(params)
            intent = self.intents.get(parts[2]) if len(parts) > 2 else None
            if intent is None:
                return _missing(path)
            if len(parts) == 3 and method == "GET":
                return 200, intent
            if parts[3:] == ["confirm"]:
                if intent["status"] == "requires_confirmation":
                    _succeed(intent)
                return 200, intent
            if parts[3:] == ["cancel"]:
                return self._cancel(intent)
        if parts == ["v1", "refunds"] and method == "POST":
            return self._refund(params)
        return _missing(path)

    def _create_intent(self, params: dict) -> tuple[int, dict]:
        intent_id = f"pi_{secrets.token_hex(12)}"
        intent = {
            "id": intent_id,
            "object": "payment_intent",
            "amount": int(params["amount"]),
            "amount_received": 0,
            "currency": params["currency"],
            "client_secret": f"{intent_id}_secret_{secrets.token_hex(8)}",
            "metadata": {
                k[len("metadata[") : -1]: v
                for k, v in params.items()
                if k.startswith("metadata[")
            },
            "status": "requires_payment_method",
            "next_action": None,
            "last_payment_error": None,
            "latest_charge": None,
            "livemode": False,
        }
        self.intents[intent_id] = intent
        method = params.get("payment_method", "")
        if params.get("confirm") != "true" or not method:
            return 200, intent
        if method == DECLINED:
            _fail(intent, "card_declined", "generic_decline")
            return 402, {
                "error": {
                    "type": "card_error",
                    "code": "card_declined",
                    "decline_code": "generic_decline",
                    "message": "Your card was declined.",
                    "payment_intent": intent,
                }
            }
        if method == NEEDS_3DS:
            intent["status"] = "requires_action"
            intent["next_action"] = {
                "type": "redirect_to_url",
                "redirect_to_url": {
                    "url": f"{self.url}/3ds/{intent_id}",
                    "return_url": params.get("return_url"),
                },
            }
            return 200, intent
        _succeed(intent)
        return 200, intent

    def _cancel(self, intent: dict) -> tuple[int, dict]:
        if intent["status"] == "succeeded":
            return 400, {
                "error": {
                    "type": "invalid_request_error",
                    "code": "payment_intent_unexpected_state",
                    "message": "This PaymentIntent has already succeeded.",
                }
            }
        intent["status"] = "canceled"
        intent["next_action"] = None
        return 200, intent

    def _refund(self, params: dict) -> tuple[int, dict]:
        intent = self.intents.get(params.get("payment_intent", ""))
        if intent is None or intent["status"] != "succeeded":
            return _missing("/v1/refunds")
        amount = int(params.get("amount") or intent["amount_received"])
        refunded = intent.setdefault("amount_refunded", 0)
        if refunded + amount > intent["amount_received"]:
            return 400, {
                "error": {
                    "type": "invalid_request_error",
                    "code": "charge_already_refunded",
                    "message": "Refund amount is greater than the unrefunded amount.",
                }
            }
        intent["amount_refunded"] = refunded + amount
        refund = {
            "id": f"re_{secrets.token_hex(12)}",
            "object": "refund",
            "amount": amount,
            "currency": intent["currency"],
            "payment_intent": intent["id"],
            "charge": intent["latest_charge"],
            "status": "succeeded",
            "metadata": {},
        }
        self.refunds[refund["id"]] = refund
        return 200, refund


def _succeed(intent: dict) -> None:
    intent["status"] = "succeeded"
    intent["amount_received"] = intent["amount"]
    intent["next_action"] = None
    intent["last_payment_error"] = None
    intent["latest_charge"] = f"ch_{intent['id'][3:]}"


def _fail(intent: dict, code: str, decline_code: str) -> None:
    intent["status"] = "requires_payment_method"
    intent["next_action"] = None
    intent["last_payment_error"] = {
        "type": "card_error",
        "code": code,
        "decline_code": decline_code or None,
        "message": "Your card was declined."
        if code == "card_declined"
        else "We are unable to authenticate your payment method.",
    }


def _missing(path: str) -> tuple[int, dict]:
    return 404, {
        "error": {
            "type": "invalid_request_error",
            "code": "resource_missing",
            "message": f"No such resource: {path}",
        }
    }


def _handler_for(fake: FakeStripe) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            url = urlsplit(self.path)
            params = dict(parse_qsl(body or url.query, keep_blank_values=True))
            headers = {k.lower(): v for k, v in self.headers.items()}
            fake.requests.append(Recorded(self.command, url.path, params, headers))
            status, answer = fake.answer(
                self.command, url.path, params, headers.get("idempotency-key", "")
            )
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Request-Id", f"req_{secrets.token_hex(6)}")
            self.end_headers()
            self.wfile.write(data)

        do_GET = _serve
        do_POST = _serve

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet test output

    return Handler
