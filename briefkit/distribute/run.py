"""`briefkit distribute`: from built PDFs to drafts, bundles and (with --send) delivered mail.

The order is the safety: read and check everything (the campaign, the
contacts, that every PDF is current, every message's templates) before
writing anything, and write the outbox and bundles before connecting to any
server. A dry run stops there; the user opens the drafts, then sends.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefkit.build.plan import DELIVERY_LOG, resolve_audiences, resolve_kinds
from briefkit.campaign.layout import OUT
from briefkit.campaign.loader import load_campaign
from briefkit.distribute.bundles import write_bundle
from briefkit.distribute.contacts import Contact, default_path, load_contacts
from briefkit.distribute.delivery import (
    Clock,
    DeliveryLog,
    Plan,
    SendReport,
    SmtpSettings,
    check_settings,
    exclusive,
    plan,
    send_all,
)
from briefkit.distribute.freshness import current_pdfs
from briefkit.distribute.outbox import (
    MailComposer,
    Message,
    delivery_key,
    sender_of,
    write_outbox,
)
from briefkit.render.compose import document_date


@dataclass
class DistributeResult:
    out_dir: Path
    messages: list[Message] = field(default_factory=list)
    bundles: list[Path] = field(default_factory=list)
    without_contacts: list[str] = field(default_factory=list)
    plan: Plan = field(default_factory=Plan)
    report: SendReport | None = None  # None for a dry run


def distribute(campaign_dir: Path, out_dir: Path | None = None, audiences: Iterable[str] = (),
               kinds: Iterable[str] = (), contacts_file: Path | None = None,
               smtp: SmtpSettings | None = None, resend: bool = False, rate: float | None = None,
               clock: Clock | None = None) -> DistributeResult:
    """Write the outbox and bundles; with `smtp`, send what the delivery log has not seen delivered."""
    clock = clock or Clock()
    if smtp is not None:
        check_settings(smtp)
    root = campaign_dir.resolve()
    campaign = load_campaign(root)
    sender = sender_of(campaign)
    kind_list = resolve_kinds(kinds, campaign)
    audience_list = resolve_audiences(campaign.audiences, audiences)
    contacts_path = contacts_file or default_path(root)
    contacts = load_contacts(contacts_path, campaign.audiences, _display(contacts_path, root))
    out_dir = (out_dir or root / OUT).resolve()
    pdfs = current_pdfs(out_dir, campaign, audience_list, kind_list, _display(out_dir, root))

    result = DistributeResult(out_dir)
    with exclusive(out_dir):
        log = DeliveryLog(out_dir / DELIVERY_LOG, _display(out_dir / DELIVERY_LOG, root))
        composer = MailComposer(campaign, sender, clock.now)
        for audience in audience_list:
            theirs = [c for c in contacts if c.audience == audience]
            if not theirs:
                result.without_contacts.append(audience)
            for number, contact in enumerate(theirs, 1):
                attempt = log.attempts(_key(contact, pdfs[audience]))
                result.messages.append(composer.message(contact, pdfs[audience], number, attempt))
        write_outbox(out_dir, audience_list, result.messages)
        date = document_date(campaign.config.date)
        result.bundles = [write_bundle(out_dir, audience, pdfs[audience], date) for audience in audience_list]
        result.plan = plan(result.messages, log, resend)
        if smtp is not None:
            result.report = send_all(result.plan.to_send, sender, smtp, log, clock, rate)
    return result


def _key(contact: Contact, pdfs) -> str:
    return delivery_key(contact.audience, contact.email, [p.sha256 for p in pdfs])


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)
