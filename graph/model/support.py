"""Who supports whom: methodological support, mentoring, tutoring, curating of schools."""

from __future__ import annotations

from typing import ClassVar

from graph.model.base import DatedEdge
from graph.model.enums import SupportKind

__all__ = ["Curates", "Mentors", "Supports", "Tutors"]


class Supports(DatedEdge):
    """Addressed methodological support (адресная поддержка, закрепление методиста).

    A methodist or a body supports a school or a person, in a subject where it matters.
    """

    type: ClassVar[str] = "SUPPORTS"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (
        ("Person", "Person"),
        ("Person", "Organization:school"),
        ("Organization", "Organization:school"),
        ("Organization", "Person"),
    )
    identity_fields: ClassVar[tuple[str, ...]] = ("subject", "start")
    subject: str | None = None
    kind: SupportKind = SupportKind.methodological


class Mentors(DatedEdge):
    """A mentor and a (usually young) teacher (наставничество)."""

    type: ClassVar[str] = "MENTORS"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Person", "Person"),)
    subject: str | None = None


class Tutors(DatedEdge):
    """A tutor guides a teacher through a programme or route (тьюторское сопровождение)."""

    type: ClassVar[str] = "TUTORS"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Person", "Person"),)
    subject: str | None = None


class Curates(DatedEdge):
    """A body or a strong school curates a low-results school (кураторство)."""

    type: ClassVar[str] = "CURATES"
    ends: ClassVar[tuple[tuple[str, str], ...]] = (("Organization", "Organization:school"),)
    identity_fields: ClassVar[tuple[str, ...]] = ("subject", "start")
    subject: str | None = None
