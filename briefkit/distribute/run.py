"""`briefkit distribute`: from built PDFs to drafts, bundles and (with --send) delivered mail.

The order is the safety: read and check everything (the campaign, the
contacts, that every PDF is current, every message's templates) before
writing anything, and write the outbox and bundles before connecting to any
server. A dry run stops there; the user opens the drafts, then sends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from briefkit.build.plan import DELIVERY_LOG, resolve_audiences, resolve_kinds
from briefkit.campaign.layout import CAMPAIGN_FILE, OUT
from briefkit.campaign.loader import load_campaign
from briefkit.campaign.mailaddr import placeholder
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
from briefkit.distribute.freshness import current_files
from briefkit.distribute.outbox import (
    MailComposer,
    Message,
    Sender,
    delivery_key,
    sender_of,
    write_outbox,
)
from briefkit.errors import BriefkitError, Problem, ProblemsFound, UsageProblem, suggest
from briefkit.render.compose import document_date

T = TypeVar("T")


# What --attach takes: which built formats go out with the messages and in the bundles.
ATTACHMENTS = {"pdf": ("pdf",), "docx": ("docx",), "both": ("pdf", "docx")}


@dataclass
class DistributeResult:
    out_dir: Path
    messages: list[Message] = field(default_factory=list)
    bundles: list[Path] = field(default_factory=list)
    without_contacts: list[str] = field(default_factory=list)
    plan: Plan = field(default_factory=Plan)
    report: SendReport | None = None  # None for a dry run
    warnings: list[Problem] = field(default_factory=list)  # placeholder addresses, to replace before sending


def distribute(campaign_dir: Path, out_dir: Path | None = None, audiences: Iterable[str] = (),
               kinds: Iterable[str] = (), contacts_file: Path | None = None,
               smtp: SmtpSettings | None = None, resend: bool = False, rate: float | None = None,
               clock: Clock | None = None, attach: str = "pdf") -> DistributeResult:
    """Write the outbox and bundles; with `smtp`, send what the delivery log has not seen delivered.

    `attach` is pdf, docx or both: the built documents each message carries. Every problem
    (the sender, the contacts, each document not current) is found before any is reported.
    """
    clock = clock or Clock()
    if attach not in ATTACHMENTS:
        raise UsageProblem(f"unknown attachment choice {attach!r}", hint=suggest(attach, ATTACHMENTS))
    if smtp is not None:
        check_settings(smtp)
    root = campaign_dir.resolve()
    campaign = load_campaign(root)
    kind_list = resolve_kinds(kinds, campaign)
    audience_list = resolve_audiences(campaign.audiences, audiences)
    out_dir = (out_dir or root / OUT).resolve()
    found = _Problems()
    sender = found.collect(lambda: sender_of(campaign))
    contacts_path = contacts_file or found.collect(lambda: default_path(root))
    contacts = found.collect(lambda: load_contacts(contacts_path, campaign.audiences,
                                                   _display(contacts_path, root), root)) if contacts_path else []
    files = found.collect(lambda: current_files(out_dir, campaign, audience_list, kind_list,
                                                _display(out_dir, root), ATTACHMENTS[attach]))
    if found.problems:
        raise ProblemsFound(found.problems, hint=found.hint)
    result = DistributeResult(out_dir, warnings=_placeholders(sender, contacts, contacts_path, root))
    with exclusive(out_dir):
        log = DeliveryLog(out_dir / DELIVERY_LOG, _display(out_dir / DELIVERY_LOG, root))
        composer = MailComposer(campaign, sender, clock.now)
        for audience in audience_list:
            theirs = [c for c in contacts if c.audience == audience]
            if not theirs:
                result.without_contacts.append(audience)
            for number, contact in enumerate(theirs, 1):
                attempt = log.attempts(_key(contact, files[audience]))
                result.messages.append(composer.message(contact, files[audience], number, attempt))
        write_outbox(out_dir, audience_list, result.messages)
        date = document_date(campaign.config.date)
        result.bundles = [write_bundle(out_dir, audience, files[audience], date) for audience in audience_list]
        result.plan = plan(result.messages, log, resend)
        if smtp is not None:
            result.report = send_all(result.plan.to_send, sender, smtp, log, clock, rate)
    return result


class _Problems:
    """The problems of every step of the checks, so that one run reports them all."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.hint: str | None = None  # the one command that rebuilds every stale document

    def collect(self, step: Callable[[], T]) -> T | None:
        try:
            return step()
        except UsageProblem:
            raise
        except ProblemsFound as exc:
            self.problems.extend(exc.problems)
            self.hint = exc.hint or self.hint
        except BriefkitError as exc:
            self.problems.append(exc.as_problem())
        return None


def _placeholders(sender: Sender, contacts: list[Contact], contacts_path: Path, root: Path) -> list[Problem]:
    """Warnings for addresses at domains reserved for examples, as `briefkit init` writes them."""
    found = []
    if placeholder(sender.address):
        found.append(Problem(CAMPAIGN_FILE, None, f"settings.distribution.from {sender.address} is a "
                             "placeholder: mail from a domain reserved for examples is not delivered",
                             "put your coalition's own address there before --send", "warning"))
    for contact in contacts:
        if placeholder(contact.email):
            found.append(Problem(_display(contacts_path, root), contact.line, f"{contact.email} is a placeholder "
                                 "address: mail to a domain reserved for examples never arrives",
                                 "replace it with the real contact's address before --send", "warning"))
    return found


def _key(contact: Contact, pdfs) -> str:
    return delivery_key(contact.audience, contact.email, [p.sha256 for p in pdfs])


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)
