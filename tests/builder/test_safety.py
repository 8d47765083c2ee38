"""The content-safety detectors on their own: what they find, and what they leave alone."""

from __future__ import annotations

import pytest

from convilyn.builder.safety import check_text, iban_valid, luhn_valid


@pytest.mark.parametrize(("text", "kind"), [
    ("mail jane.doe@example.com", "email"),
    ("call +1 415 555 0100", "phone_number"),
    ("call (415) 555-0100", "phone_number"),
    ("call 415.555.0100", "phone_number"),
    ("call +44 20 7946 0958", "phone_number"),
    ("call 020 7946 0958", "phone_number"),
    ("card 4111 1111 1111 1111", "card_number"),
    ("card 5555-5555-5555-4444", "card_number"),
    ("card 378282246310005", "card_number"),
    ("ssn 123-45-6789", "us_ssn"),
    ("ni AB 12 34 56 C", "uk_national_insurance_number"),
    ("ni ab123456c", "uk_national_insurance_number"),
    ("iban GB82 WEST 1234 5698 7654 32", "iban"),
    ("iban DE89370400440532013000", "iban"),
    ("this is shit", "profanity"),
    ("FUCKING hell", "profanity"),
    ("sh1t happens", "profanity"),
])
def test_detects(text, kind):
    assert kind in {f.kind for f in check_text("systemPrompt", text)}


@pytest.mark.parametrize("text", [
    "Summarise in 3-5 bullets, under 100 words.",
    "Dates: 2026-11-20 and 2026-12-01; 12:30 to 14:45.",
    "card 4111 1111 1111 1112",  # fails Luhn
    "ssn 000-12-3456",  # never issued
    "iban GB00 WEST 1234 5698 7654 32",  # bad checksum
    "Scunthorpe, Essex and Penistone are towns.",
    "Version 1.2.3, ISBN 978-3-16-148410-0, order 12345.",
    "2 < 3 & 4 > 1",
])
def test_leaves_clean_text_alone(text):
    assert check_text("systemPrompt", text) == []


def test_findings_are_masked():
    findings = {f.kind: f.excerpt for f in check_text("p", "jane.doe@example.com 4111 1111 1111 1111 123-45-6789")}
    assert findings == {"email": "j***@example.com", "card_number": "**** **** **** 1111", "us_ssn": "***-**-6789"}


def test_checksums():
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert iban_valid("GB82WEST12345698765432") and not iban_valid("GB82WEST12345698765433")
