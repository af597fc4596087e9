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
import json
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

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
# Reading.


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.complete = True
        """Whether the document and the item list could be read (else links are not checked)."""

    def text(
        self, record: Mapping[str, Any], key: str, path: str, *, required: bool = True
    ) -> str | None:
        value = record.get(key)
        if value is None:
            if required:
                self.problems.append(Problem(f"{path}.{key}", "required field missing"))
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            expected = "a non-empty string" if required else "a string"
            self.problems.append(Problem(f"{path}.{key}", f"expected {expected} (got {value!r})"))
            return None
        return value

    def mapping(self, value: object, path: str) -> Mapping[str, Any] | None:
        if not isinstance(value, Mapping):
            self.problems.append(
                Problem(path, f"expected a JSON object (got {type(value).__name__})")
            )
            return None
        return value

    def records(self, data: Mapping[str, Any], key: str) -> list[tuple[str, Mapping[str, Any]]]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.complete = False
            self.problems.append(
                Problem(f"$.{key}", f"expected a JSON array (got {type(value).__name__})")
            )
            return []
        out: list[tuple[str, Mapping[str, Any]]] = []
        for i, raw in enumerate(value):
            path = f"$.{key}[{i}]"
            record = self.mapping(raw, path)
            if record is not None:
                out.append((path, record))
        return out


def _extension(record: Mapping[str, Any]) -> Mapping[str, Any]:
    ext = record.get("extensions")
    if isinstance(ext, Mapping):
        ours = ext.get(EXTENSION_KEY)
        if isinstance(ours, Mapping):
            return ours
    return {}


def _level_number(item: Mapping[str, Any], seq: object) -> int | None:
    if isinstance(seq, int) and not isinstance(seq, bool):
        return seq
    enum = item.get("listEnumeration")
    # isdecimal, not isdigit: int() refuses digits such as '²' that isdigit accepts.
    if isinstance(enum, str) and enum.strip().isdecimal():
        return int(enum)
    return None


def framework_from_case(data: object, *, source: str = "<data>") -> CompetencyFramework:  # noqa: PLR0912, PLR0915
    """Build a framework from a CASE 1.1 ``CFPackage``.

    Items whose ``CFItemType`` is :data:`LEVEL_ITEM_TYPE`, or that a
    ``hasSkillLevel`` association points to, are levels; every other item is a
    competency, whose id is its ``humanCodingScheme`` (or its identifier when
    that is missing or not a valid id). ``isChildOf``, ``isRelatedTo`` and
    ``hasSkillLevel`` associations are read; other association types are
    ignored.

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
    r = _Reader()
    top = r.mapping(data, "$")
    if top is None:
        raise DocumentError(r.problems, source)
    doc = r.mapping(top.get("CFDocument"), "$.CFDocument") if "CFDocument" in top else None
    if "CFDocument" not in top:
        r.problems.append(Problem("$.CFDocument", "required field missing"))
    doc_id = title = None
    if doc is not None:
        doc_id = r.text(doc, "identifier", "$.CFDocument")
        r.text(doc, "uri", "$.CFDocument")
        r.text(doc, "creator", "$.CFDocument")
        title = r.text(doc, "title", "$.CFDocument")
        r.text(doc, "lastChangeDateTime", "$.CFDocument")

    items: dict[str, tuple[str, Mapping[str, Any]]] = {}
    for path, item in r.records(top, "CFItems"):
        ident = r.text(item, "identifier", path)
        r.text(item, "uri", path)
        r.text(item, "fullStatement", path)
        r.text(item, "lastChangeDateTime", path)
        for optional in ("alternativeLabel", "notes", "CFItemType"):
            r.text(item, optional, path, required=False)
        if ident is None:
            continue
        if ident in items or ident == doc_id:
            r.problems.append(Problem(f"{path}.identifier", f"identifier {ident!r} is used twice"))
            continue
        items[ident] = (path, item)

    parents: dict[str, list[tuple[str, str]]] = {}
    related: dict[str, list[str]] = {}
    levels: dict[str, list[tuple[str, str, object]]] = {}
    level_ids: set[str] = set()
    for path, assoc in r.records(top, "CFAssociations"):
        ident = r.text(assoc, "identifier", path) or "?"
        kind = r.text(assoc, "associationType", path)
        r.text(assoc, "uri", path)
        r.text(assoc, "lastChangeDateTime", path)
        ends: list[str | None] = []
        for end in ("originNodeURI", "destinationNodeURI"):
            node = assoc.get(end)
            if node is None:
                r.problems.append(Problem(f"{path}.{end}", "required field missing"))
                ends.append(None)
                continue
            link = r.mapping(node, f"{path}.{end}")
            target = None if link is None else r.text(link, "identifier", f"{path}.{end}")
            if link is not None:
                r.text(link, "uri", f"{path}.{end}")
            if (
                target is not None
                and r.complete
                and doc_id is not None
                and kind in ("isChildOf", "isRelatedTo", "hasSkillLevel")
                and target not in items
                and target != doc_id
            ):
                r.problems.append(
                    Problem(
                        f"{path}.{end}",
                        f"association {ident!r} names {target!r}, which is not in the package",
                    )
                )
                target = None
            ends.append(target)
        origin, destination = ends
        if origin is None or destination is None:
            continue
        if kind == "isChildOf" and doc_id not in (origin, destination):
            parents.setdefault(origin, []).append((path, destination))
        elif kind == "isRelatedTo" and doc_id not in (origin, destination):
            related.setdefault(origin, []).append(destination)
        elif kind == "hasSkillLevel" and doc_id not in (origin, destination):
            levels.setdefault(origin, []).append((path, destination, assoc.get("sequenceNumber")))
            level_ids.add(destination)

    if r.problems or doc is None:
        # The records themselves are malformed: report that before reading their meaning.
        raise DocumentError(r.problems, source)
    for ident, (_path, item) in items.items():
        if str(item.get("CFItemType", "")).strip().lower() == LEVEL_ITEM_TYPE.lower():
            level_ids.add(ident)
    comp_ids: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    for ident, (path, item) in sorted(items.items()):
        if ident in level_ids:
            continue
        code = item.get("humanCodingScheme")
        cid = str(code) if _validate.is_identifier(code) else ident
        if cid in seen_ids:
            r.problems.append(
                Problem(f"{path}.humanCodingScheme", f"competency id {cid!r} is used twice")
            )
            continue
        seen_ids[cid] = ident
        comp_ids[ident] = cid

    competencies: list[Competency] = []
    for ident, cid in comp_ids.items():
        path, item = items[ident]
        parent_id = None
        for p_path, parent in parents.get(ident, []):
            if parent not in comp_ids:
                r.problems.append(Problem(p_path, f"{cid!r} is a child of a level item {parent!r}"))
            elif comp_ids[parent] == parent_id:
                continue  # the same link again (another association saying the same)
            elif parent_id is not None:
                r.problems.append(
                    Problem(p_path, f"{cid!r} has a second parent {comp_ids[parent]!r}")
                )
            else:
                parent_id = comp_ids[parent]
        scale_levels: list[ProficiencyLevel] = []
        na: ProficiencyLevel | None = None
        ok = True
        linked: set[tuple[str, int | None]] = set()
        for l_path, lvl_ident, seq in levels.get(ident, []):
            lvl_item = items[lvl_ident][1]
            number = _level_number(lvl_item, seq)
            if (lvl_ident, number) in linked:
                continue  # the same level linked again
            linked.add((lvl_ident, number))
            if number is None:
                r.problems.append(
                    Problem(l_path, "expected a level number in sequenceNumber or listEnumeration")
                )
                ok = False
                continue
            label = str(lvl_item["fullStatement"])
            notes = lvl_item.get("notes", "")
            try:
                lvl = ProficiencyLevel(
                    number=number, label=label, descriptor=notes if isinstance(notes, str) else ""
                )
            except AsnCompetencyError as e:
                r.problems.append(Problem(items[lvl_ident][0], str(e)))
                ok = False
                continue
            if number == 0:
                if na is not None:
                    # Keeping either would make the result depend on the package's order.
                    r.problems.append(Problem(l_path, f"{cid!r} has a second level numbered 0"))
                    ok = False
                na = lvl
            else:
                scale_levels.append(lvl)
        if not ok:
            continue
        ext = _extension(item)
        scale_id = ext.get("scaleId", "default-1-5")
        type_label = str(item.get("CFItemType", "")).strip().lower()
        try:
            scale = (
                ProficiencyScale(
                    id=scale_id,
                    levels=sorted(scale_levels, key=lambda lv: lv.number),
                    not_applicable=na,
                )
                if scale_levels or na is not None
                else ProficiencyScale.default()
            )
            if not (scale_levels or na is not None) and scale_id != scale.id:
                scale = ProficiencyScale(id=scale_id, levels=scale.levels)
            competencies.append(
                Competency(
                    id=cid,
                    name_id=str(item["fullStatement"]),
                    name_en=item.get("alternativeLabel", "") or "",
                    type=_TYPE_BY_LABEL.get(type_label, CompetencyType.TEKNIS),
                    scale=scale,
                    description=item.get("notes", "") or "",
                    parent_id=parent_id,
                    related_ids=[comp_ids[x] for x in related.get(ident, []) if x in comp_ids],
                )
            )
        except AsnCompetencyError as e:
            r.problems.append(Problem(path, str(e)))

    if r.problems:
        raise DocumentError(r.problems, source)
    ext = _extension(doc)
    status = ext.get("status") or _STATUS_BY_ADOPTION.get(
        str(doc.get("adoptionStatus", "")).lower(), "active"
    )
    try:
        return CompetencyFramework(
            id=str(ext.get("frameworkId") or doc_id),
            version=doc.get("version") or "1",
            title=str(title),
            status=status,
            competencies=competencies,
        )
    except FrameworkError as e:
        raise DocumentError([Problem("$.CFItems", p) for p in e.problems], source) from None
    except AsnCompetencyError as e:
        raise DocumentError([Problem("$.CFDocument", str(e))], source) from None


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
