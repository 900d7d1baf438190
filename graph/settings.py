"""Settings read from the environment (``METHODNET_*``, ``NEO4J_*``), validated once."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["AuthMode", "Settings", "StoreKind", "get_settings"]

StoreKind = Literal["memory", "neo4j"]
AuthMode = Literal["auto", "on", "local"]


class Settings(BaseSettings):
    """Everything that changes between machines. Each field reads ``METHODNET_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="METHODNET_", extra="ignore")

    store: StoreKind = "memory"
    store_path: Path = Field(default=Path("var/store"),
                             description="folder of the embedded store's snapshot and journal")
    host: str = "127.0.0.1"
    port: int = 8000
    # Read without the METHODNET_ prefix, as every Neo4j tool does.
    neo4j_uri: str | None = Field(default=None, validation_alias="NEO4J_URI")
    neo4j_user: str | None = Field(default=None, validation_alias="NEO4J_USER")
    neo4j_password: str | None = Field(default=None, validation_alias="NEO4J_PASSWORD")
    neo4j_database: str | None = Field(default=None, validation_alias="NEO4J_DATABASE")
    neo4j_read_timeout: float = 60.0
    neo4j_batch_size: int = 5000
    # The key of analysts' pseudonyms (graph.store.pseudonymised): METHODNET_PSEUDONYM_KEY, else
    # a random key kept in this file, made on first use.
    pseudonym_key: SecretStr | None = None
    pseudonym_key_file: Path = Path("var/pseudonym.key")
    # Teachers one methodist can carry (see graph.queries for the indicator it comes from).
    load_norm: int = 25
    # The country's gap counts kept per district (graph/queries/kept_counts.py).
    gap_partials: bool = Field(default=True, description="keep the whole country's gap counts "
                                                         "per district; off: count them anew")
    # A Neo4j server's first whole-country screen prepared as the app starts, in the
    # background (graph/queries/warm_up.py).
    warm_up: bool = Field(default=True, description="on a Neo4j store, prepare the whole "
                                                    "country's first screen at start-up")
    # Bounded requests (docs/security.md, "Bounded requests").
    max_body_bytes: int = Field(default=1_048_576, ge=1024,
                                description="largest request body; larger ones get 413")
    rate_limit_per_minute: int = Field(default=600, ge=0,
                                       description="requests a caller may make per minute "
                                                   "on average; 0 switches the limit off")
    rate_limit_burst: int = Field(default=120, ge=1,
                                  description="requests a caller may make at once")
    allowed_hosts: list[str] = Field(
        default=["localhost", "127.0.0.1", "::1"],
        description="Host header values the app answers (besides the serve host); '*' allows "
                    "any")
    graphql_introspection: bool = Field(default=True,
                                        description="let GraphQL describe its schema "
                                                    "(GraphiQL needs it)")
    # Sign-in (see docs/security.md): "on" requires it; "local" is a single-user mode with full
    # access, for one computer only; "auto" is local until the first user exists, then on.
    auth: AuthMode = "auto"
    session_secret: SecretStr | None = Field(
        default=None, description="signs session cookies; if unset, one is generated and kept "
                                  "in <store_path>/session.key (mode 0600)")
    session_hours: float = 12.0
    login_attempts: int = 5  # failed sign-ins per login or address before a pause
    login_pause_seconds: int = 900
    # OpenID Connect (Keycloak; ЕСИА through it): on when issuer and client id are set.
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_scopes: str = "openid profile"
    oidc_login_claim: str = "preferred_username"
    oidc_role_claim: str = "methodnet_role"
    oidc_territory_claim: str = "methodnet_territory"


def get_settings() -> Settings:
    """The settings of the environment as it is now: built once per distinct set of
    ``METHODNET_*``/``NEO4J_*`` variables (building them costs milliseconds, and questions
    such as the planner's ask on every call), each caller getting its own copy to change.

    >>> get_settings() is not get_settings() and get_settings() == get_settings()
    True
    """
    key = tuple(sorted((k.upper(), v) for k, v in os.environ.items()
                       if k.upper().startswith(_READ)))
    with _lock:
        found = _built.get(key)
    if found is None:
        found = Settings()
        with _lock:
            if len(_built) >= 16:
                _built.clear()
            _built[key] = found
    return found.model_copy(deep=True)


_READ = ("METHODNET_", "NEO4J_")
_lock = threading.Lock()
_built: dict[tuple[tuple[str, str], ...], Settings] = {}
