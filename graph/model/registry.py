"""Every node label and edge type, by name: the whitelist the stores and the API use."""

from __future__ import annotations

from graph.model import assessment, development, organization, person, regulation, support
from graph.model import territory as _territory
from graph.model.base import EdgeModel, NodeModel

__all__ = ["EDGE_TYPES", "NODE_LABELS", "edge_class", "node_class"]


def _collect() -> tuple[dict[str, type[NodeModel]], dict[str, type[EdgeModel]]]:
    nodes: dict[str, type[NodeModel]] = {}
    edges: dict[str, type[EdgeModel]] = {}
    for module in (_territory, organization, person, support, development, assessment,
                   regulation):
        for name in module.__all__:
            obj = getattr(module, name)
            if isinstance(obj, type) and issubclass(obj, NodeModel) and obj.label:
                nodes[obj.label] = obj
            elif isinstance(obj, type) and issubclass(obj, EdgeModel) and obj.type:
                edges[obj.type] = obj
    return nodes, edges


NODE_LABELS, EDGE_TYPES = _collect()


def node_class(label: str) -> type[NodeModel]:
    """The model of a node label; ``KeyError`` names the known ones.

    >>> node_class("Organization").__name__
    'Organization'
    """
    try:
        return NODE_LABELS[label]
    except KeyError:
        raise KeyError(f"unknown node label {label!r}; known: {', '.join(sorted(NODE_LABELS))}")\
            from None


def edge_class(type_: str) -> type[EdgeModel]:
    """The model of an edge type.

    >>> edge_class("SUPPORTS").__name__
    'Supports'
    """
    try:
        return EDGE_TYPES[type_]
    except KeyError:
        raise KeyError(f"unknown edge type {type_!r}; known: {', '.join(sorted(EDGE_TYPES))}")\
            from None
