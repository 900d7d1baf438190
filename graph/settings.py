"""Settings read from the environment (``METHODNET_*``, ``NEO4J_*``), validated once."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "StoreKind", "get_settings"]

StoreKind = Literal["memory", "neo4j"]


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


def get_settings() -> Settings:
    return Settings()
