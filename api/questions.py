"""How a GraphQL resolver asks a question of the registry: off the event loop, in the caller's
scope, with empty arguments left to the question's defaults (see
:meth:`graph.queries.registry.Question.ask`)."""

from __future__ import annotations

from functools import partial
from typing import Any

from api.context import Info
from api.offloop import off_the_loop
from graph.queries.registry import QUESTIONS

__all__ = ["ask"]


async def ask(info: Info, name: str, **values: Any) -> Any:
    """The answer of question ``name`` to the caller of ``info`` (their store and scope)."""
    question = QUESTIONS[name]
    return await off_the_loop(
        partial(question.ask, info.context.store, scope=info.context.scope, **values))
