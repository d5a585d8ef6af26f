"""The messages that carry an audience's PDFs to its contacts, written to out/outbox/ as .eml files.

One message per contact, addressed to that contact alone. The subject and
body come from the templates `email/<language>/subject.txt.j2` and
`body.txt.j2`, looked up like every other template (audience, campaign,
built-in). The bytes written to out/outbox/<audience>/<n>.eml are the bytes
`--send` hands to the SMTP server, so what a user checks is what is sent,
after two headers that make a mail client open the file as an unsent draft.

The Message-ID is derived, not random: from the delivery key (audience,
recipient, attachment hashes) and the attempt number (how many times the
delivery log says this key was handed to a server before). A dry run and
the send that follows it name the message the same way; a deliberate resend
gets a new Message-ID, so a server that discards repeated IDs keeps it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from briefkit.build.plan import draft_path
from briefkit.campaign.localtext import shown
from briefkit.campaign.mailaddr import check_name
from briefkit.campaign.model import Campaign
from briefkit.distribute.contacts import Contact
from briefkit.distribute.freshness import CurrentFile
from briefkit.errors import BriefkitError, TemplateProblem
from briefkit.fsutil import atomic_write, inside
from briefkit.render.compose import document_date, localized_date
from briefkit.render.localized import audience_view, localized_config
from briefkit.render.templating import TemplateLayers

TEMPLATES = ("subject.txt.j2", "body.txt.j2")
# Outlook opens a message with X-Unsent: 1 in its editor, ready to send (Apple Mail does too);
# X-Mozilla-Draft-Info is the header Thunderbird gives its own drafts, so a draft imported into
# its Drafts folder opens in the compose window (docs/distribution.md, The drafts and bundles).
DRAFT_HEADERS = (b"X-Unsent: 1\r\n"
                 b"X-Mozilla-Draft-Info: internal/draft; vcard=0; receipt=0; DSN=0; uuencode=0; "
                 b"attachmentreminder=0; deliveryformat=1\r\n")
MEDIA_TYPES = {"pdf": ("application", "pdf"),
               "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")}


@dataclass(frozen=True)
class Sender:
    address: str
    name: str

    @property
    def domain(self) -> str:
        return self.address.rsplit("@", 1)[1]


@dataclass(frozen=True)
class Message:
    """One message, ready to write and to send: `data` is the whole RFC 5322 message."""

    audience: str
    contact: Contact
    attachments: list[CurrentFile]
    key: str
    message_id: str
    subject: str
    data: bytes  # what --send hands to the server
    eml: str  # relative to out/: outbox/<audience>/<n>.eml

    @property
    def draft(self) -> bytes:
        """The .eml file: the message with the headers that make a mail client open it as an
        unsent draft, ready to send, rather than as a message received. --send leaves them out,
        or the recipient's client would open the message as a draft of their own."""
        return DRAFT_HEADERS + self.data


def delivery_key(audience: str, recipient: str, hashes: list[str]) -> str:
    """What makes two deliveries the same: one audience, one recipient, the same attachment bytes."""
    text = "\n".join([audience, recipient.lower(), *sorted(hashes)])
    return hashlib.sha256(text.encode()).hexdigest()


def sender_of(campaign: Campaign) -> Sender:
    """The From of every message: settings.distribution in briefkit.yaml, which must be set."""
    distribution = campaign.config.settings.distribution
    if distribution is None:
        raise BriefkitError("settings.distribution.from is not set, so messages have no sender",
                            path="briefkit.yaml",
                            hint="add under settings in briefkit.yaml:  distribution: {from: <your address>}")
    name = distribution.name or shown(campaign.config.coalition, campaign.config.settings.language)
    try:
        return Sender(distribution.sender, check_name(name))
    except ValueError as exc:  # the coalition's name, which briefkit.yaml may write over lines
        raise BriefkitError(f"the coalition's name cannot be the From name: it {exc}", path="briefkit.yaml",
                            hint="set settings.distribution.name to the name messages should come "
                                 "from") from exc


class MailComposer:
    """Renders and assembles the messages of one campaign."""

    def __init__(self, campaign: Campaign, sender: Sender, now: Callable[[], dt.datetime]) -> None:
        self.campaign = campaign
        self.sender = sender
        self.now = now
        self._layers: dict[str, TemplateLayers] = {}

    def message(self, contact: Contact, attachments: list[CurrentFile], number: int,
                attempt: int) -> Message:
        """The `number`th message of the contact's audience; `attempt` counts earlier hand-overs."""
        audience = self.campaign.audiences[contact.audience]
        view = audience_view(self.campaign, audience, [])
        layers = self._layers.setdefault(audience.id, TemplateLayers(self.campaign.root, audience.id))
        names = [f"email/{view.language}/{name}" for name in TEMPLATES]
        missing = [name for name in names if layers.find(name) is None]
        if missing:
            raise TemplateProblem(f"no e-mail template {missing[0]!r} for {audience.id} "
                                  f"(language {view.language!r})",
                                  hint=f"write templates/{missing[0]} in that language; the built-in "
                                       f"English ones are in builtin/email/en/ "
                                       f"(search path: {layers.search_path()})")
        context = {
            "campaign": localized_config(self.campaign, view.language), "audience": view, "sender": self.sender,
            "contact": {"name": contact.name, "email": contact.email, "role": contact.role},
            "attachments": [{"kind": a.kind, "filename": a.filename, "pages": a.pages, "format": a.format,
                             "sha256": a.sha256, "bytes": a.bytes} for a in attachments],
            "kinds": list(dict.fromkeys(a.kind for a in attachments)),  # each once, with PDF and DOCX
            "date": document_date(self.campaign.config.date),
            "format_date": lambda value, fmt="long": localized_date(value, fmt, view.locale),
        }
        subject = " ".join(layers.render(names[0], context).split())
        body = layers.render(names[1], context).strip() + "\n"
        if not subject:
            raise TemplateProblem("the subject template renders an empty subject",
                                  path=layers.display(str(layers.find(names[0]))))
        key = delivery_key(audience.id, contact.email, [a.sha256 for a in attachments])
        message_id = f"<{key[:32]}.{attempt + 1}@{self.sender.domain}>"

        email = EmailMessage(policy=policy.SMTP)
        email["From"] = Address(display_name=self.sender.name, addr_spec=self.sender.address)
        email["To"] = contact.address
        email["Subject"] = subject
        email["Date"] = format_datetime(self.now().astimezone(dt.timezone.utc))
        email["Message-ID"] = message_id
        email.set_content(body, cte="quoted-printable")
        email["Content-Language"] = view.language  # after set_content, which clears Content-* headers
        for attachment in attachments:
            maintype, subtype = MEDIA_TYPES[attachment.format]
            email.add_attachment(attachment.data, maintype=maintype, subtype=subtype,
                                 filename=attachment.filename)
        return Message(audience.id, contact, attachments, key, message_id, subject,
                       email.as_bytes(), draft_path(audience.id, number))


def write_outbox(out_dir: Path, audiences: list[str], messages: list[Message]) -> None:
    """Write each message to out/outbox/<audience>/<n>.eml; drafts left from earlier runs go."""
    keep = {m.eml for m in messages}
    for audience in audiences:
        folder = inside(out_dir, (out_dir / draft_path(audience, 1)).parent)
        for old in folder.glob("*.eml") if folder.is_dir() else []:
            if old.relative_to(out_dir).as_posix() not in keep:
                old.unlink()
    for message in messages:
        atomic_write(inside(out_dir, out_dir / message.eml), lambda tmp, m=message: tmp.write_bytes(m.draft))

