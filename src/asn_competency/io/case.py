"""Competency frameworks as 1EdTech CASE 1.1 packages (Competencies and Academic Standards).

:func:`framework_to_case` writes a framework as a ``CFPackage``: one
``CFDocument`` for the framework, one ``CFItem`` per competency and one per
proficiency level, and ``CFAssociations`` that link them:

* ``isChildOf``: a competency to its parent, or a top-level competency to the document;
* ``isRelatedTo``: a competency to each of its related competencies;
* ``hasSkillLevel``: a competency to each level of its scale (``sequenceNumber`` = level).

Identifiers are stable UUIDs (version 5, from the framework id and the
competency id), so exporting the same framework twice gives the same
identifiers and other systems can keep their links. What CASE has no field for
(the framework id and status, the scale id) travels in the ``extensions``
object under the key ``"asnCompetency"``; a reader that ignores extensions
loses only those. :func:`framework_from_case` reads such a package back, and
also packages written by other tools (see ``docs/interchange.md`` for the rules).

Examples:
    >>> import datetime as dt
    >>> from asn_competency import national_framework
    >>> fw = national_framework()
    >>> pkg = framework_to_case(fw, changed=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    >>> pkg["CFDocument"]["title"]
    'Standar Kompetensi Manajerial dan Sosial Kultural ASN'
    >>> item = next(i for i in pkg["CFItems"] if i.get("humanCodingScheme") == "MJ.INT")
    >>> item["fullStatement"], item["CFItemType"]
    ('Integritas', 'Kompetensi Manajerial')
    >>> item["identifier"] == case_identifier(fw.id, "MJ.INT")
    True
    >>> framework_from_case(pkg) == fw
    True
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from asn_competency import _validate
from asn_competency.domain.competency import (
    Competency,
    CompetencyType,
    ProficiencyLevel,
    ProficiencyScale,
)
from asn_competency.domain.framework import CompetencyFramework, FrameworkStatus
from asn_competency.errors import (
    AsnCompetencyError,
    DocumentError,
    FrameworkError,
    Problem,
    ValidationError,
)

__all__ = [
    "CASE_NAMESPACE",
    "EXTENSION_KEY",
    "LEVEL_ITEM_TYPE",
    "case_identifier",
    "framework_from_case",
    "framework_to_case",
    "read_case",
    "write_case",
]


CASE_NAMESPACE = uuid.UUID("6f1d8a52-3c0b-5e7a-9b8e-0a5c2d4e7f11")
"""The namespace of the version-5 UUIDs this module gives CASE identifiers."""


EXTENSION_KEY = "asnCompetency"
"""The key of this library's data inside a CASE ``extensions`` object."""


LEVEL_ITEM_TYPE = "Proficiency Level"
"""``CFItemType`` of the items that stand for proficiency levels."""


_TYPE_LABELS = {
    CompetencyType.TEKNIS: "Kompetensi Teknis",
    CompetencyType.MANAJERIAL: "Kompetensi Manajerial",
    CompetencyType.SOSIAL_KULTURAL: "Kompetensi Sosial Kultural",
}


_TYPE_BY_LABEL = {
    **{label.lower(): t for t, label in _TYPE_LABELS.items()},
    **{t.value: t for t in CompetencyType},
}


_ADOPTION = {
    FrameworkStatus.DRAFT: "Draft",
    FrameworkStatus.ACTIVE: "Adopted",
    FrameworkStatus.RETIRED: "Deprecated",
}


_STATUS_BY_ADOPTION = {v.lower(): k for k, v in _ADOPTION.items()}


def case_identifier(
    framework_id: str, competency_id: str | None = None, level: int | None = None
) -> str:
    """Return the stable CASE identifier of a framework, a competency or one of its levels.

    Examples:
        >>> case_identifier("asn-national") == case_identifier("asn-national")
        True
        >>> len(case_identifier("asn-national", "MJ.INT", 3))
        36
    """
    name = framework_id
    if competency_id is not None:
        name += f"/{competency_id}"
        if level is not None:
            name += f"/level/{level}"
    return str(uuid.uuid5(CASE_NAMESPACE, name))


def _uri(base_uri: str | None, identifier: str) -> str:
    if base_uri is None:
        return f"urn:uuid:{identifier}"
    return f"{base_uri.rstrip('/')}/uri/{identifier}"


def _timestamp(changed: dt.datetime | None) -> str:
    if changed is not None and not isinstance(changed, dt.datetime):
        raise ValidationError("changed", "a datetime (datetime.datetime) or none", changed)
    when = changed or dt.datetime.now(dt.timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.isoformat(timespec="seconds")


def framework_to_case(
    framework: CompetencyFramework,
    *,
    base_uri: str | None = None,
    creator: str = "asn-competency",
    language: str = "id",
    changed: dt.datetime | None = None,
) -> dict[str, Any]:
    """Return a framework as a CASE 1.1 ``CFPackage`` (JSON-able data).

    Args:
        framework: The framework.
        base_uri: Where the package is published; each ``uri`` is
            ``{base_uri}/uri/{identifier}``. Without it, ``urn:uuid:{identifier}``.
        creator: The ``CFDocument.creator``.
        language: Language of the statements (``"id"``: Indonesian names are
            the ``fullStatement``; English names go to ``alternativeLabel``).
        changed: ``lastChangeDateTime`` of every record; the current time by
            default (pass one for reproducible output).

    Returns:
        ``{"CFDocument": ..., "CFItems": [...], "CFAssociations": [...]}``,
        items in competency-id order, each competency followed by its levels.

    Raises:
        ValidationError: If ``framework`` is not a framework, ``base_uri`` not a
            text, ``creator`` or ``language`` not a non-empty text, or ``changed``
            not a datetime.
    """
    if not isinstance(framework, CompetencyFramework):
        raise ValidationError("framework", "a CompetencyFramework", framework)
    if base_uri is not None and (not isinstance(base_uri, str) or not base_uri.strip("/ ")):
        # '' would give every record the relative uri '/uri/{identifier}'.
        raise ValidationError("base_uri", "a non-empty text or none", base_uri)
    for field, text in (("creator", creator), ("language", language)):
        # A reader needs them as text (creator is required): refuse what it would refuse.
        if not isinstance(text, str) or not text.strip():
            raise ValidationError(field, "a non-empty text", text)
    stamp = _timestamp(changed)
    doc_id = case_identifier(framework.id)
    doc_link = {"title": framework.title, "identifier": doc_id, "uri": _uri(base_uri, doc_id)}
    document: dict[str, Any] = {
        "identifier": doc_id,
        "uri": doc_link["uri"],
        "creator": creator,
        "title": framework.title,
        "lastChangeDateTime": stamp,
        "version": framework.version,
        "adoptionStatus": _ADOPTION[framework.status],
        "language": language,
        "extensions": {
            EXTENSION_KEY: {"frameworkId": framework.id, "status": framework.status.value}
        },
    }
    items: list[dict[str, Any]] = []
    associations: list[dict[str, Any]] = []
    links: dict[str, dict[str, str]] = {}
    for c in framework.competencies:
        ident = case_identifier(framework.id, c.id)
        links[c.id] = {"title": c.id, "identifier": ident, "uri": _uri(base_uri, ident)}

    def associate(
        kind: str, origin: dict[str, str], destination: dict[str, str], seq: int | None
    ) -> None:
        key = f"{origin['identifier']}/{kind}/{destination['identifier']}"
        ident = str(uuid.uuid5(CASE_NAMESPACE, key))
        record: dict[str, Any] = {
            "identifier": ident,
            "uri": _uri(base_uri, ident),
            "associationType": kind,
            "originNodeURI": dict(origin),
            "destinationNodeURI": dict(destination),
            "CFDocumentURI": dict(doc_link),
            "lastChangeDateTime": stamp,
        }
        if seq is not None:
            record["sequenceNumber"] = seq
        associations.append(record)

    for c in framework.competencies:
        link = links[c.id]
        item: dict[str, Any] = {
            "identifier": link["identifier"],
            "uri": link["uri"],
            "CFDocumentURI": dict(doc_link),
            "fullStatement": c.name_id,
            "humanCodingScheme": c.id,
            "CFItemType": _TYPE_LABELS[c.type],
            "language": language,
            "lastChangeDateTime": stamp,
            "extensions": {EXTENSION_KEY: {"scaleId": c.scale.id}},
        }
        if c.name_en:
            item["alternativeLabel"] = c.name_en
        if c.description:
            item["notes"] = c.description
        items.append(item)
        parent = doc_link if c.parent_id is None else links[c.parent_id]
        associate("isChildOf", link, parent, None)
        for r in c.related_ids:
            associate("isRelatedTo", link, links[r], None)
        levels = c.scale.levels
        if c.scale.not_applicable is not None:
            levels = (c.scale.not_applicable, *levels)
        for lvl in levels:
            lvl_id = case_identifier(framework.id, c.id, lvl.number)
            level_item: dict[str, Any] = {
                "identifier": lvl_id,
                "uri": _uri(base_uri, lvl_id),
                "CFDocumentURI": dict(doc_link),
                "fullStatement": lvl.label,
                "humanCodingScheme": f"{c.id}#{lvl.number}",
                "listEnumeration": str(lvl.number),
                "CFItemType": LEVEL_ITEM_TYPE,
                "language": language,
                "lastChangeDateTime": stamp,
            }
            if lvl.descriptor:
                level_item["notes"] = lvl.descriptor
            items.append(level_item)
            level_link = {
                "title": level_item["humanCodingScheme"],
                "identifier": lvl_id,
                "uri": level_item["uri"],
            }
            associate("hasSkillLevel", link, level_link, lvl.number)
    return {"CFDocument": document, "CFItems": items, "CFAssociations": associations}


# ---------------------------------------------------------------------------
# Reading: the records are structured through the library's cattrs converter (which
# reports each malformed field with its JSON path), then read for their meaning.


def _text(value: object, _type: type) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("value", "a non-empty string", value)
    return value


def _optional_text(value: object, _type: type) -> str:
    if not isinstance(value, str):
        raise ValidationError("value", "a string", value)
    return value


class _Text(str):
    """A required CASE text: present and not blank."""


class _OptionalText(str):
    """An optional CASE text: a string when present."""


@attrs.frozen
class _Link:
    identifier: _Text
    uri: _Text


@attrs.frozen
class _Document:
    identifier: _Text
    uri: _Text
    creator: _Text
    title: _Text
    changed: _Text
    version: Any = None
    adoption: Any = None
    extensions: Any = None


@attrs.frozen
class _Item:
    identifier: _Text
    uri: _Text
    statement: _Text
    changed: _Text
    coding: Any = None
    enumeration: Any = None
    label: _OptionalText | None = None
    notes: _OptionalText | None = None
    item_type: _OptionalText | None = None
    extensions: Any = None


@attrs.frozen
class _Association:
    identifier: _Text
    kind: _Text
    uri: _Text
    changed: _Text
    origin: _Link
    destination: _Link
    sequence: Any = None


@attrs.frozen
class _Package:
    document: _Document
    items: list[_Item] = attrs.Factory(list)
    associations: list[_Association] = attrs.Factory(list)


_CASE_NAMES = {
    _Document: {"changed": "lastChangeDateTime", "adoption": "adoptionStatus"},
    _Item: {
        "statement": "fullStatement",
        "changed": "lastChangeDateTime",
        "coding": "humanCodingScheme",
        "enumeration": "listEnumeration",
        "label": "alternativeLabel",
        "item_type": "CFItemType",
    },
    _Association: {
        "kind": "associationType",
        "changed": "lastChangeDateTime",
        "origin": "originNodeURI",
        "destination": "destinationNodeURI",
        "sequence": "sequenceNumber",
    },
    _Package: {"document": "CFDocument", "items": "CFItems", "associations": "CFAssociations"},
}


@functools.cache
def _converter() -> Any:
    """The converter for CASE records: the library's, with CASE's field names."""
    from cattrs.gen import make_dict_structure_fn, override  # noqa: PLC0415 - cattrs only here

    from asn_competency.io.json import make_converter, objects_only  # noqa: PLC0415

    conv = make_converter(forbid_extra_keys=False)
    conv.register_structure_hook(_Text, _text)
    conv.register_structure_hook(_OptionalText, _optional_text)
    for cls in (_Link, _Document, _Item, _Association, _Package):
        names: dict[str, Any] = {f: override(rename=n) for f, n in _CASE_NAMES.get(cls, {}).items()}
        inner = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=False, **names)
        conv.register_structure_hook(cls, objects_only(inner))
    return conv


def _structure(data: object, source: str) -> _Package:
    from asn_competency.io.json import problems_of  # noqa: PLC0415 - cattrs only here

    try:
        package: _Package = _converter().structure(data, _Package)
    except Exception as e:  # cattrs groups every problem; each is reported
        problems = [Problem(_case_path(p.path), p.message) for p in problems_of(e)]
        raise DocumentError(problems, source) from None
    return package


_KEYS = {field: key for names in _CASE_NAMES.values() for field, key in names.items()}


def _case_path(path: str) -> str:
    """A record path in CASE's names: ``$.items[0].statement`` is ``$.CFItems[0].fullStatement``."""
    parts = []
    for part in path.split("."):
        name, bracket, rest = part.partition("[")
        parts.append(_KEYS.get(name, name) + bracket + rest)
    return ".".join(parts)


@attrs.define
class _Links:
    """What the associations say, by the identifier of their origin."""

    parents: dict[str, list[tuple[str, str]]] = attrs.Factory(dict)
    related: dict[str, list[str]] = attrs.Factory(dict)
    levels: dict[str, list[tuple[str, str, object]]] = attrs.Factory(dict)
    level_ids: set[str] = attrs.Factory(set)


_READ_KINDS = frozenset({"isChildOf", "isRelatedTo", "hasSkillLevel"})


def _index_items(package: _Package, problems: list[Problem]) -> dict[str, tuple[str, _Item]]:
    items: dict[str, tuple[str, _Item]] = {}
    for i, item in enumerate(package.items):
        path = f"$.CFItems[{i}]"
        if item.identifier in items or item.identifier == package.document.identifier:
            problems.append(
                Problem(f"{path}.identifier", f"identifier {item.identifier!r} is used twice")
            )
            continue
        items[item.identifier] = (path, item)
    return items


def _read_links(package: _Package, items: Mapping[str, object], problems: list[Problem]) -> _Links:
    doc_id = package.document.identifier
    links = _Links()
    for i, assoc in enumerate(package.associations):
        path = f"$.CFAssociations[{i}]"
        if assoc.kind not in _READ_KINDS:
            continue
        ends = []
        for end, link in (
            ("originNodeURI", assoc.origin),
            ("destinationNodeURI", assoc.destination),
        ):
            if link.identifier not in items and link.identifier != doc_id:
                problems.append(
                    Problem(
                        f"{path}.{end}",
                        f"association {assoc.identifier!r} names {link.identifier!r}, "
                        "which is not in the package",
                    )
                )
            ends.append(link.identifier)
        origin, destination = ends
        if doc_id in ends or not (origin in items and destination in items):
            continue
        if assoc.kind == "isChildOf":
            links.parents.setdefault(origin, []).append((path, destination))
        elif assoc.kind == "isRelatedTo":
            links.related.setdefault(origin, []).append(destination)
        else:
            links.levels.setdefault(origin, []).append((path, destination, assoc.sequence))
            links.level_ids.add(destination)
    return links


def _competency_ids(
    items: Mapping[str, tuple[str, _Item]], level_ids: set[str], problems: list[Problem]
) -> dict[str, str]:
    """``{item identifier: competency id}`` of the items that are competencies."""
    comp_ids: dict[str, str] = {}
    seen: set[str] = set()
    for ident, (path, item) in sorted(items.items()):
        if ident in level_ids:
            continue
        cid = str(item.coding) if _validate.is_identifier(item.coding) else ident
        if cid in seen:
            problems.append(
                Problem(f"{path}.humanCodingScheme", f"competency id {cid!r} is used twice")
            )
            continue
        seen.add(cid)
        comp_ids[ident] = cid
    return comp_ids


def _parent(
    cid: str, parents: list[tuple[str, str]], comp_ids: Mapping[str, str], problems: list[Problem]
) -> str | None:
    parent_id = None
    for path, parent in parents:
        if parent not in comp_ids:
            problems.append(Problem(path, f"{cid!r} is a child of a level item {parent!r}"))
        elif comp_ids[parent] == parent_id:
            continue  # the same link again (another association saying the same)
        elif parent_id is not None:
            problems.append(Problem(path, f"{cid!r} has a second parent {comp_ids[parent]!r}"))
        else:
            parent_id = comp_ids[parent]
    return parent_id


def _level_number(item: _Item, seq: object) -> int | None:
    if isinstance(seq, int) and not isinstance(seq, bool):
        return seq
    # isdecimal, not isdigit: int() refuses digits such as '²' that isdigit accepts.
    if isinstance(item.enumeration, str) and item.enumeration.strip().isdecimal():
        return int(item.enumeration)
    return None


def _levels(
    cid: str,
    linked: list[tuple[str, str, object]],
    items: Mapping[str, tuple[str, _Item]],
    problems: list[Problem],
) -> tuple[list[ProficiencyLevel], ProficiencyLevel | None] | None:
    """The levels and the not-applicable level linked to a competency (None: a problem)."""
    levels: list[ProficiencyLevel] = []
    na: ProficiencyLevel | None = None
    seen: set[tuple[str, int | None]] = set()
    ok = True
    for path, ident, seq in linked:
        level_path, item = items[ident]
        number = _level_number(item, seq)
        if (ident, number) in seen:
            continue  # the same level linked again
        seen.add((ident, number))
        if number is None:
            problems.append(
                Problem(path, "expected a level number in sequenceNumber or listEnumeration")
            )
            ok = False
            continue
        try:
            level = ProficiencyLevel(
                number=number, label=item.statement, descriptor=item.notes or ""
            )
        except AsnCompetencyError as e:
            problems.append(Problem(level_path, str(e)))
            ok = False
            continue
        if number != 0:
            levels.append(level)
        elif na is None:
            na = level
        else:
            # Keeping either would make the result depend on the package's order.
            problems.append(Problem(path, f"{cid!r} has a second level numbered 0"))
            ok = False
    return (levels, na) if ok else None


def _scale(
    scale_id: Any, levels: list[ProficiencyLevel], na: ProficiencyLevel | None
) -> ProficiencyScale:
    if levels or na is not None:
        ordered = sorted(levels, key=lambda lv: lv.number)
        return ProficiencyScale(id=scale_id, levels=ordered, not_applicable=na)
    default = ProficiencyScale.default()
    return (
        default if scale_id == default.id else ProficiencyScale(id=scale_id, levels=default.levels)
    )


def _competency(
    ident: str,
    cid: str,
    item: _Item,
    *,
    links: _Links,
    comp_ids: Mapping[str, str],
    scale: ProficiencyScale,
    parent_id: str | None,
) -> Competency:
    return Competency(
        id=cid,
        name_id=item.statement,
        name_en=item.label or "",
        type=_TYPE_BY_LABEL.get((item.item_type or "").strip().lower(), CompetencyType.TEKNIS),
        scale=scale,
        description=item.notes or "",
        parent_id=parent_id,
        related_ids=[comp_ids[x] for x in links.related.get(ident, []) if x in comp_ids],
    )


def _framework(
    package: _Package, competencies: list[Competency], source: str
) -> CompetencyFramework:
    doc = package.document
    ext = _extension(doc.extensions)
    status = ext.get("status") or _STATUS_BY_ADOPTION.get(str(doc.adoption or "").lower(), "active")
    try:
        return CompetencyFramework(
            id=str(ext.get("frameworkId") or doc.identifier),
            version=doc.version or "1",
            title=doc.title,
            status=status,
            competencies=competencies,
        )
    except FrameworkError as e:
        raise DocumentError([Problem("$.CFItems", p) for p in e.problems], source) from None
    except AsnCompetencyError as e:
        raise DocumentError([Problem("$.CFDocument", str(e))], source) from None


def _extension(extensions: object) -> Mapping[str, Any]:
    if isinstance(extensions, Mapping):
        ours = extensions.get(EXTENSION_KEY)
        if isinstance(ours, Mapping):
            return ours
    return {}


def framework_from_case(data: object, *, source: str = "<data>") -> CompetencyFramework:
    """Build a framework from a CASE 1.1 ``CFPackage``.

    Items whose ``CFItemType`` is :data:`LEVEL_ITEM_TYPE`, or that a
    ``hasSkillLevel`` association points to, are levels; every other item is a
    competency, whose id is its ``humanCodingScheme`` (or its identifier when
    that is missing or not a valid id). ``isChildOf``, ``isRelatedTo`` and
    ``hasSkillLevel`` associations are read; other association types are
    ignored. Reading takes time linear in the size of the package (plus sorting
    the items).

    Args:
        data: The parsed JSON of the package.
        source: Name of the document, for error messages.

    Raises:
        DocumentError: Listing every problem with its JSON path: a missing
            required CASE field, a duplicate identifier, an association whose
            origin or destination is not in the package, a level without a
            number, or an inconsistent framework (for example a parent cycle).

    Examples:
        >>> pkg = {"CFDocument": {"identifier": "d1", "uri": "urn:x:d1", "creator": "BKD",
        ...                       "title": "Teknis", "lastChangeDateTime": "2024-01-01T00:00:00Z"},
        ...        "CFItems": [], "CFAssociations": [{"identifier": "a1", "uri": "urn:x:a1",
        ...            "associationType": "isChildOf", "lastChangeDateTime": "2024-01-01T00:00:00Z",
        ...            "originNodeURI": {"identifier": "nope", "uri": "urn:x:nope"},
        ...            "destinationNodeURI": {"identifier": "d1", "uri": "urn:x:d1"}}]}
        >>> framework_from_case(pkg)
        Traceback (most recent call last):
        ...
        asn_competency.errors.DocumentError: <data>: 1 problem
          $.CFAssociations[0].originNodeURI: association 'a1' names 'nope', which is not in ...
    """
    package = _structure(data, source)
    problems: list[Problem] = []
    items = _index_items(package, problems)
    links = _read_links(package, items, problems)
    if problems:
        # The records do not hold together: report that before reading their meaning.
        raise DocumentError(problems, source)
    for ident, (_path, item) in items.items():
        if (item.item_type or "").strip().lower() == LEVEL_ITEM_TYPE.lower():
            links.level_ids.add(ident)
    comp_ids = _competency_ids(items, links.level_ids, problems)
    competencies: list[Competency] = []
    for ident, cid in comp_ids.items():
        path, item = items[ident]
        parent_id = _parent(cid, links.parents.get(ident, []), comp_ids, problems)
        levels = _levels(cid, links.levels.get(ident, []), items, problems)
        if levels is None:
            continue
        try:
            scale = _scale(_extension(item.extensions).get("scaleId", "default-1-5"), *levels)
            competencies.append(
                _competency(
                    ident,
                    cid,
                    item,
                    links=links,
                    comp_ids=comp_ids,
                    scale=scale,
                    parent_id=parent_id,
                )
            )
        except AsnCompetencyError as e:
            problems.append(Problem(path, str(e)))
    if problems:
        raise DocumentError(problems, source)
    return _framework(package, competencies, source)


def write_case(framework: CompetencyFramework, path: str | Path, **options: Any) -> None:
    """Write a framework to a CASE JSON file (options as for :func:`framework_to_case`)."""
    text = json.dumps(framework_to_case(framework, **options), indent=2, ensure_ascii=False)
    Path(path).write_text(text + "\n", encoding="utf-8")


def read_case(path: str | Path) -> CompetencyFramework:
    """Read a framework from a CASE JSON file.

    Raises:
        DocumentError: If the file cannot be read, is not JSON, or is not a valid package.
    """
    from asn_competency.io.json import read_json  # noqa: PLC0415 - cattrs only here

    p = Path(path)
    return framework_from_case(read_json(p), source=str(p))
