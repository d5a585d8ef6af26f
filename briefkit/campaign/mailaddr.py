"""Strict e-mail addresses and display names, checked before any message is made.

A contact's name and address end up in the To header and in the SMTP
envelope. Anything that could add a header (CR, LF, other control
characters) or a second recipient (a comma, a `Name <addr>` form, a group
syntax) is refused here, with a message that says what is wrong, so that the
message composer never has to be trusted to escape it. Addresses are plain
ASCII `local@domain`; Python's RFC 5322 parser must read each one back
unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from email.errors import HeaderParseError
from email.headerregistry import Address

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*$")
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
# Bidirectional overrides and isolates can make a name read as something else.
_BIDI_CONTROLS = {*range(0x202A, 0x202F), *range(0x2066, 0x206A)}
_ADDRESS_LIKE = set("<>@")
MAX_NAME = 200


def control_character(value: str) -> str | None:
    """The first character in `value` that could break a header line or mislead a reader, if any."""
    for char in value:
        if unicodedata.category(char) in ("Cc", "Zl", "Zp") or ord(char) in _BIDI_CONTROLS:
            return char
    return None


def check_text(value: str) -> str:
    """`value` without surrounding spaces, if it holds no control character; else ValueError."""
    if (char := control_character(value)) is not None:
        what = {"\r": "a carriage return (CR)", "\n": "a line feed (LF)", "\t": "a tab"}.get(
            char, f"the control character U+{ord(char):04X}")
        raise ValueError(f"contains {what}, which cannot appear in an e-mail header; delete it")
    return value.strip()


def check_address(value: str) -> str:
    """`value` (surrounding spaces removed) if it is one plain address; else ValueError saying why."""
    text = check_text(value)
    if not text:
        raise ValueError("is empty")
    if "," in text or ";" in text:
        raise ValueError("holds more than one address; give each address its own row")
    if "<" in text or ">" in text or '"' in text or "(" in text or ")" in text:
        raise ValueError("must be the address alone, without a name, quotes, comments or angle "
                         "brackets (the name has a column of its own)")
    if any(char.isspace() for char in text):
        raise ValueError("contains a space")
    if not text.isascii():
        raise ValueError("contains characters outside ASCII; write the domain in its ASCII "
                         "(xn--) form (internationalised mailbox names are not supported)")
    if text.count("@") != 1:
        raise ValueError("has no @" if "@" not in text else "has more than one @")
    local, domain = text.split("@")
    if not local or not _LOCAL.match(local) or len(local) > 64:
        raise ValueError(f"has a mailbox name before the @ ({local!r}) that is not valid")
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        raise ValueError(f"has a domain ({domain!r}) that is not a valid host name like example.org")
    if len(text) > 254:
        raise ValueError("is longer than the 254 characters an address may have")
    try:
        parsed = Address(addr_spec=text)
    except (HeaderParseError, ValueError, IndexError) as exc:
        raise ValueError(f"is not a valid address: {exc}") from exc
    if parsed.addr_spec != text:
        raise ValueError("is not read back unchanged by an e-mail parser")
    return text


def check_name(value: str) -> str:
    """A display name (surrounding spaces removed), which may be empty; else ValueError saying why."""
    text = check_text(value)
    if _ADDRESS_LIKE & set(text):
        raise ValueError("looks like an address: a name may not contain <, > or @ "
                         "(the address has a column of its own)")
    if len(text) > MAX_NAME:
        raise ValueError(f"is longer than {MAX_NAME} characters")
    return text


# Domains reserved for examples and tests (RFC 2606, RFC 6761): mail to them never arrives.
_RESERVED = ("example.com", "example.net", "example.org")
_RESERVED_TOP = ("example", "test", "invalid", "localhost")


def placeholder(address: str) -> bool:
    """Whether `address` is at a domain reserved for examples (example.org, *.test, …): a
    placeholder that `briefkit init` writes, to be replaced by a real address before sending."""
    domain = address.rsplit("@", 1)[-1].lower().rstrip(".")
    return domain in _RESERVED or domain.endswith(tuple(f".{d}" for d in _RESERVED)) or \
        domain.rsplit(".", 1)[-1] in _RESERVED_TOP
