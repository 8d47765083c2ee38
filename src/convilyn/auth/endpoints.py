"""The web app's sign-in: exchange a sign-in link (or a pasted API key) for an HttpOnly session cookie."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import Field, model_validator
from sqlalchemy.ext.asyncio import AsyncSession

from convilyn.auth import web_sessions
from convilyn.auth.deps import Reader
from convilyn.auth.service import authenticate, get_user
from convilyn.auth.web_sessions import SESSION_COOKIE
from convilyn.core.errors import COMMON_ERRORS, SIGNED_IN_ERRORS, error_responses
from convilyn.core.schemas import ApiModel, ApiRequest
from convilyn.deps import Config, ReadSession, WriteSession

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


class SignIn(ApiRequest):
    """Exactly one of ``code`` (from a sign-in link) or ``apiKey`` (pasted once)."""

    code: str | None = Field(default=None, min_length=1, max_length=200,
                             description="The code after `#code=` in a link from `convilyn login-link`.")
    api_key: str | None = Field(default=None, min_length=1, max_length=2000,
                                description="An API key (cvl_...) or a JWT; it is checked and not kept.")

    @model_validator(mode="after")
    def _one_credential(self) -> SignIn:
        if (self.code is None) == (self.api_key is None):
            raise ValueError("send exactly one of code or apiKey")
        return self


class Me(ApiModel):
    user_id: str
    display_name: str
    tier: str
    credits: int


async def _me(session: AsyncSession, user_id: str) -> Me:
    user = await get_user(session, user_id)
    return Me(user_id=user.id, display_name=user.display_name, tier=user.tier, credits=user.credit_balance)


@router.post(
    "/session",
    response_model=Me,
    summary="Sign in to the web app",
    description="Starts a browser session: the response sets an HttpOnly, SameSite=Strict cookie. Writes signed in "
    "by that cookie must carry the `X-Convilyn-Web` header. A sign-in link's code works once.",
    responses=error_responses(*SIGNED_IN_ERRORS),
)
async def sign_in(body: SignIn, session: WriteSession, settings: Config, request: Request,
                  response: Response) -> Me:
    if body.code is not None:
        user_id = await web_sessions.redeem_sign_in_link(session, code=body.code)
    else:
        user_id = (await authenticate(session, settings, body.api_key or ""))[0].user_id
    token = await web_sessions.start_session(session, user_id=user_id, ttl_seconds=settings.web_session_ttl_seconds)
    response.set_cookie(SESSION_COOKIE, token, max_age=settings.web_session_ttl_seconds, path="/", httponly=True,
                        samesite="strict", secure=request.url.scheme == "https")
    return await _me(session, user_id)


@router.delete(
    "/session",
    status_code=204,
    response_class=Response,
    summary="Sign out of the web app",
    description="Revokes the session in the cookie and clears it; without one it only clears.",
    responses=error_responses(*COMMON_ERRORS),
)
async def sign_out(session: WriteSession, request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token is not None:
        await web_sessions.end_session(session, token=token)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response


@router.get(
    "/me",
    response_model=Me,
    summary="Who is signed in",
    description="The caller's name, tier and credit balance (any credential: cookie, JWT or API key).",
    responses=error_responses(*SIGNED_IN_ERRORS),
)
async def me(session: ReadSession, principal: Reader) -> Me:
    return await _me(session, principal.user_id)
