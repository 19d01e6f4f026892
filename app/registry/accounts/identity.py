"""Who a session is: STS GetCallerIdentity, and when its temporary credentials run out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.registry.accounts.sessions import AccountSession
from app.registry.errors import aws_call


@dataclass(frozen=True)
class CallerIdentity:
    account_id: str
    arn: str
    user_id: str
    expires_at: datetime | None = None  # temporary credentials only (aware, UTC)
    method: str = ""  # how botocore obtained the credentials: "assume-role", "sso", "env", ...

    @property
    def is_assumed_role(self) -> bool:
        return ":assumed-role/" in self.arn


def caller_identity(session: AccountSession) -> CallerIdentity:
    """STS GetCallerIdentity for `session`; failures raise RegistryError."""
    sts = session.client("sts")
    with aws_call(session, "sts:GetCallerIdentity"):
        answer = sts.get_caller_identity()
        expires_at, method = session.credential_details()
    return CallerIdentity(
        account_id=str(answer["Account"]),
        arn=str(answer["Arn"]),
        user_id=str(answer["UserId"]),
        expires_at=expires_at,
        method=method,
    )
