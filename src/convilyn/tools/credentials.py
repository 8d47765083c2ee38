"""Licences, certifications and qualifications: which ones a posting asks for and which of them a resume shows.

A posting's credential requirements ("ECS card (or willing to obtain one)", "A
qualified accountant (ACA, ACCA or CIMA)", "Full UK driving licence") and a
resume's credential lines ("ECS Gold Card – Installation Electrician", "Fellow of
the Association of Chartered Certified Accountants (FCCA)") rarely use the same
words, but they share a distinctive token: an acronym (ECS, ACCA, NVQ, BLS), a
number that is not a year (2391), an edition ("18th Edition"), a kind of licence
("driving licence"), or an acronym spelt out ("Association of Chartered Certified
Accountants" is ACCA). A match on such a token is the evidence; nothing else is.
"""

from __future__ import annotations

import re

from pydantic import Field

from convilyn.tools.model import ToolModel

# A requirement or resume line that names a credential, not a skill or a duty.
_CREDENTIAL_WORDS = re.compile(
    r"\b(?:licen[cs]e[ds]?|certif\w*|qualified|qualifications?|card|registration|registered|accredit\w*|chartered"
    r"|edition|NVQ|diploma|degree|membership|member of|ticket|status|fellow(?:ship)?)\b",
    re.IGNORECASE,
)
# Capitalised words that are not distinctive: places, common acronyms, words any line may carry.
_COMMON_TOKENS = frozenset(
    "UK US USA EU BS ISO IT HR OR AND THE OF A AN LEVEL FULL".split()
)
_SMALL = frozenset({"of", "the", "and", "for", "in", "&"})


class CredentialMatch(ToolModel):
    """A credential the posting asks for and the resume line that shows it."""

    held: str = Field(description="The resume's line, as written.")
    requirement: str = Field(description="The posting's requirement it answers.")


_NUMBER = re.compile(r"(?<![\d.,£$€])\d{3,5}(?![\d.,%])")


def _numbers(line: str) -> set[str]:
    """Numbers that name a qualification ("City & Guilds 2391"), not a year, an amount or a count."""
    return {n for n in _NUMBER.findall(line) if not re.fullmatch(r"(?:19|20)\d{2}", n)}


def is_credential(line: str) -> bool:
    """Whether ``line`` names a licence, certification or qualification."""
    return bool(_CREDENTIAL_WORDS.search(line) or _numbers(line))


def _spelt_out(line: str) -> set[str]:
    """Acronyms of the capitalised phrases in ``line``: "Association of Chartered Certified Accountants" -> ACCA."""
    found: set[str] = set()
    for phrase in re.findall(r"(?:[A-Z][a-z]+(?:\s+(?:of|the|and|for|in|&)\s+|\s+)){1,6}[A-Z][a-z]+", line):
        initials = [w[0] for w in phrase.split() if w.lower() not in _SMALL]
        for start in range(len(initials)):
            for end in range(start + 3, len(initials) + 1):
                found.add("".join(initials[start:end]))
    return found


def tokens(line: str) -> set[str]:
    """The distinctive tokens of a credential line (upper case, for comparing)."""
    found = {t for t in re.findall(r"\b[A-Z][A-Z0-9]{1,6}\b", line) if t not in _COMMON_TOKENS}
    found |= _numbers(line)
    found |= {f"{m.group(1)} EDITION" for m in re.finditer(r"\b(\d{1,2}(?:st|nd|rd|th))\s+edition\b", line, re.I)}
    found |= {f"{m.group(1).upper()} LICENCE" for m in re.finditer(r"\b([a-z]+)\s+licen[cs]e\b", line, re.I)}
    found |= _spelt_out(line)
    return {t.upper() for t in found}


def matched_credentials(held: list[str], requirements: list[str]) -> list[CredentialMatch]:
    """The resume's credential lines (``held``) that answer a credential requirement, in the resume's order."""
    wanted = [(r, tokens(r)) for r in requirements if is_credential(r)]
    matches: list[CredentialMatch] = []
    for line in held:
        have = tokens(line)
        for requirement, need in wanted:
            if have & need:
                matches.append(CredentialMatch(held=line, requirement=requirement))
                break
    return matches


def unmet_credentials(held: list[str], requirements: list[str]) -> list[str]:
    """The posting's credential requirements that no resume line answers."""
    answered = {m.requirement for m in matched_credentials(held, requirements)}
    return [r for r in requirements if is_credential(r) and tokens(r) and r not in answered]
