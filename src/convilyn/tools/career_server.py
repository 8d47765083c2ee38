"""The ``career-mcp`` server: resumes, job postings and how well they match."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

from mcp.server.mcpserver import MCPServer
from mcp.types import ToolAnnotations
from pydantic import Field

from convilyn.tools.application import Application, ApplicationDocument, Composed, read_application
from convilyn.tools.letter import cover_letter
from convilyn.tools.matching import ProfileMatch, match_profile
from convilyn.tools.posting import JobPosting, parse_job_posting
from convilyn.tools.resume import ResumeProfile, parse_resume
from convilyn.tools.server_base import new_server
from convilyn.tools.tailoring import tailored_resume

NAME = "career-mcp"
_PURE = ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=False)


def build_career_server(*, roots: Sequence[str | Path] | None = None) -> MCPServer:
    """A new ``career-mcp`` server (``roots`` is accepted for symmetry; it reads no files)."""
    del roots
    server = new_server(
        NAME,
        title="Career tools",
        description="Parses resumes and job postings and scores how well a candidate fits a role.",
        instructions=(
            "Extract the text of a resume and a posting with doc-parser-mcp, then call parse_resume, "
            "parse_job_posting and match_profile (which also accepts the raw texts)."
        ),
    )

    @server.tool(
        name="parse_resume",
        title="Parse a resume",
        description=(
            "Name, email, phone, links, job titles (most recent first), normalised skills and work "
            "experience (title, organisation, dates, highlights) from a resume's text."
        ),
        annotations=_PURE,
    )
    def parse_resume_tool(text: Annotated[str, Field(description="The resume's text.")]) -> ResumeProfile:
        return parse_resume(text)

    @server.tool(
        name="parse_job_posting",
        title="Parse a job posting",
        description=(
            "Employer, role title, location, requirements, nice-to-haves, responsibilities and skills "
            "(all, required and nice-to-have) from a job posting's text, sectioned or prose."
        ),
        annotations=_PURE,
    )
    def parse_job_posting_tool(text: Annotated[str, Field(description="The posting's text.")]) -> JobPosting:
        return parse_job_posting(text)

    @server.tool(
        name="match_profile",
        title="Match a resume to a job posting",
        description=(
            "Skills the candidate shares with the posting, required skills they lack (gaps), and a 0-100 "
            "score (70% required skills, 15% nice-to-haves, 15% title similarity), with a one-line "
            "explanation. Accepts parse_resume/parse_job_posting results or the raw texts."
        ),
        annotations=_PURE,
    )
    def match_profile_tool(
        resume: Annotated[ResumeProfile | str, Field(description="A parse_resume result, or the resume's text.")],
        posting: Annotated[JobPosting | str, Field(description="A parse_job_posting result, or the posting's text.")],
    ) -> ProfileMatch:
        return match_profile(resume, posting)

    @server.tool(
        name="read_application",
        title="Read a job application",
        description=(
            "Given the two documents of an application (each {filename, text}, in any order), decides which is "
            "the resume and which the job posting, parses both and matches them. 'problem' says why the "
            "documents cannot make an application (not two, no resume, no posting), otherwise it is null."
        ),
        annotations=_PURE,
    )
    def read_application_tool(
        documents: Annotated[
            list[ApplicationDocument], Field(description="The two documents: extract_text results or {filename, text}.")
        ],
    ) -> Application:
        return read_application(documents)

    @server.tool(
        name="write_cover_letter",
        title="Write a cover letter",
        description=(
            "A one-page cover letter in Markdown from a read_application result: the candidate's name and "
            "contact line, the date, the person the posting says to write to (else the hiring team), the employer "
            "and role, the fit argued only from the skills both documents share and the credentials the posting "
            "asks for that the resume holds (or, when they share none, a plain statement that the background does "
            "not yet match), achievements from the resume, the posting's main duties and a close."
        ),
        annotations=_PURE,
    )
    def write_cover_letter_tool(
        application: Annotated[Application, Field(description="A read_application result.")],
        date: Annotated[str, Field(description="The date line of the letter, as it should read.")],
    ) -> Composed:
        return cover_letter(application, date)

    @server.tool(
        name="tailor_resume",
        title="Tailor a resume to a posting",
        description=(
            "The resume rewritten for the posting in Markdown from a read_application result: the headline "
            "titles, a summary in the chosen tone, the skills the posting asks for first, each position's most "
            "relevant achievements first, and every position's title, employer and dates kept. length one_page "
            "fits the rendered PDF on one page (two_pages on two): long bullets lose trailing clauses, older "
            "positions keep fewer bullets and then fold into one line each; the current employer, the credentials "
            "the posting asks for and the projects are never cut. 'pages' says how many pages it renders to."
        ),
        annotations=_PURE,
    )
    def tailor_resume_tool(
        application: Annotated[Application, Field(description="A read_application result.")],
        titles: Annotated[list[str], Field(description="Job titles for the headline; empty for the resume's own.")] = [],  # noqa: B006
        tone: Annotated[str, Field(description="professional, friendly or confident.")] = "professional",
        length: Annotated[str, Field(description="one_page or two_pages.")] = "two_pages",
    ) -> Composed:
        return tailored_resume(application, titles, tone, length)

    return server
