"""`kind: email`: each message as multipart email (text and HTML) over SMTP, a group's messages in one thread.

HTML is escaped, and only http(s) evidence URLs become links. Headers get every
control and line-separator character folded, so a title cannot add headers.
The Message-ID comes from the idempotency key, so a re-send after a crash
carries the same id; later messages of a group reply to its thread's first.
"""

from __future__ import annotations

import asyncio
import html
import re
import smtplib
import ssl
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

from tocsin.records import Alert, AlertEvidence
from tocsin.streams.notify.dispatch import Message
from tocsin.streams.notify.receivers.kind import DeliveryError, EnvName, Kind, ReceiverConfig, Resources, as_message
from tocsin.streams.notify.render import change, group_title, headline, incident_subject, one_line, render_message_text, web_link

Address = Annotated[str, Field(pattern=r"^[^\s@<>,;\"]+@[^\s@<>,;\"]+$", description="A bare addr-spec: no display name.")]

_HEADER_UNSAFE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


class EmailConfig(ReceiverConfig):
    kind: Literal["email"]
    host: str = Field(min_length=1)
    port: int = Field(default=587, ge=1, le=65535)
    security: Literal["starttls", "tls", "none"] = "starttls"
    username: str | None = None
    password_env: EnvName | None = None
    sender: Address = Field(alias="from")
    to: list[Address] = Field(min_length=1)

    @model_validator(mode="after")
    def _auth_is_complete(self) -> EmailConfig:
        if (self.username is None) != (self.password_env is None):
            raise ValueError("username and password_env go together")
        return self


def header_text(text: str, limit: int = 200) -> str:
    """Text safe for one email header: CR, LF and every other line breaker become a space."""
    return one_line(_HEADER_UNSAFE.sub(" ", text), limit)


def message_id(idempotency_key: str, sender: str) -> str:
    """The Message-ID of an email: from the idempotency key, so a re-send after a crash carries the same id."""
    return f"<{idempotency_key.replace(':', '.')}@{sender.rpartition('@')[2]}>"


def _evidence_html(item: AlertEvidence) -> str:
    e = html.escape
    link = web_link(item.url)
    title = f'<a href="{e(link)}">{e(item.title)}</a>' if link else e(item.title)
    return f"[{e(item.signal_type.value)}] {title} ({e(item.source_id)}, {item.published:%Y-%m-%d %H:%M}Z)<br><q>{e(item.excerpt)}</q>"


def _alert_html(alert: Alert) -> str:
    items = "".join(f"<li>{_evidence_html(item)}</li>" for item in alert.evidence)
    e = html.escape
    return (
        f"<h2>{e(headline(alert))}</h2>"
        f"<p>{e(alert.summary)}</p>"
        f"<p>rule {e(alert.rule_id)}, revision {alert.revision}, region {e(one_line(alert.labels.get('region', '-')))}, "
        f"{alert.counts.sources} source(s), {alert.counts.stories} story(ies), {alert.counts.signals} signal(s)</p>"
        f"<ul>{items}</ul>"
    )


def render_message_html(message: Message) -> str:
    """The HTML part of a grouped email: the group title, then each alert with its change."""
    e = html.escape
    items = "".join(f"<h3>{e(change(item))}</h3>{_alert_html(item.alert)}" for item in message.alerts)
    return f"<html><body><h2>{e(group_title(message))}</h2>{items}</body></html>"


def group_email(message: Message, sender: str, recipients: list[str], idempotency_key: str) -> EmailMessage:
    """A grouped message as email; every later message of the group replies to the thread's first one."""
    email = EmailMessage()
    email["From"] = sender
    email["To"] = ", ".join(recipients)
    email["Date"] = format_datetime(datetime.now(UTC))
    email["Message-ID"] = message_id(idempotency_key, sender)
    email["Auto-Submitted"] = "auto-generated"
    email["Subject"] = header_text(("Re: " if message.thread else "") + incident_subject(message))
    if message.thread:
        root = message_id(f"{message.thread}:{message.receiver}", sender)
        email["In-Reply-To"] = root
        email["References"] = root
    email.set_content(render_message_text(message))
    email.add_alternative(render_message_html(message), subtype="html")
    return email


class EmailReceiver:
    """Sends multipart email over SMTP; smtplib runs in a thread so other receivers go on meanwhile."""

    def __init__(self, config: EmailConfig, password: str | None, timeout: float):
        self.name = config.name
        self.config = config
        self.password = password
        self.timeout = timeout

    async def send(self, notice: Alert | Message, idempotency_key: str, thread: str | None = None) -> None:
        message = group_email(as_message(notice, self.name), self.config.sender, self.config.to, idempotency_key)
        await asyncio.to_thread(self._submit, message)

    def _submit(self, message: EmailMessage) -> None:
        config = self.config
        try:
            with self._connect() as smtp:
                if config.security == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
                if config.username and self.password:
                    smtp.login(config.username, self.password)
                smtp.send_message(message)
        except smtplib.SMTPResponseException as exc:
            text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
            raise DeliveryError(f"SMTP {exc.smtp_code}: {text}", permanent=exc.smtp_code >= 500) from exc
        except smtplib.SMTPRecipientsRefused as exc:
            raise DeliveryError(f"SMTP recipients refused: {sorted(exc.recipients)}", permanent=True) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc

    def _connect(self) -> smtplib.SMTP:
        if self.config.security == "tls":
            return smtplib.SMTP_SSL(self.config.host, self.config.port, timeout=self.timeout, context=ssl.create_default_context())
        return smtplib.SMTP(self.config.host, self.config.port, timeout=self.timeout)


def build(config: EmailConfig, resources: Resources) -> EmailReceiver:
    return EmailReceiver(config, resources.secret(config.password_env), resources.timeout)


KIND = Kind(EmailConfig, build)
