"""How a GraphQL resolver asks a question of the registry: off the event loop, in the caller's
scope, with empty arguments left to the question's defaults (see
:meth:`graph.queries.registry.Question.ask`)."""

from __future__ import annotations

from functools import partial
from typing import Any

from starlette.concurrency import run_in_threadpool

from api.context import Info
from graph.queries.registry import QUESTIONS

__all__ = ["ask"]


async def ask(info: Info, name: str, **values: Any) -> Any:
    """The answer of question ``name`` to the caller of ``info`` (their store and scope)."""
    question = QUESTIONS[name]
    return await run_in_threadpool(
        partial(question.ask, info.context.store, scope=info.context.scope, **values))
