"""Blocking work from a resolver: in a worker thread, unless the operation already runs in one.

The GraphQL router executes each operation in a worker thread of its own
(:class:`api.router.BoundedGraphQLRouter`), where a resolver's question may block without
holding up the server's event loop; another hop to a thread pool there would only cost a
thread switch per question. Elsewhere (``schema.execute`` on the server's loop, tests, the
CLI) the work goes to a worker thread as before.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool

from api.bounds import OFF_THE_LOOP

__all__ = ["off_the_loop"]

T = TypeVar("T")


async def off_the_loop(work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``work(*args, **kwargs)``, never on the server's event loop.

    >>> import asyncio
    >>> asyncio.run(off_the_loop(sum, [1, 2]))
    3
    """
    if OFF_THE_LOOP.get():
        return work(*args, **kwargs)
    return await run_in_threadpool(partial(work, *args, **kwargs))
