"""Issuers: the header mark and the title name the issuers the report signs with, in their
order, the host first (I001, I002; GB/T 9704 7.2.4, 7.3.1, 7.3.5).

A joint report signs with each issuer's name; a mark or a title written by hand that leaves
one out, or names them in another order, contradicts the signatures. Marks and titles the
model makes from the issuers agree by construction and are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from .core import Hit, LintDocument, document_rule

_PLACES = {("header", "mark"): ("版头的发文机关标志", "the header's issuer mark"), ("title",): ("标题", "the title")}


def _written(document: LintDocument) -> Iterator[tuple[tuple[str, ...], str, list[str]]]:
    """The mark and the title as the report writes them, with the issuers each must name."""
    report = document.report
    if report is None:
        return
    names = report.issuer_names()
    if report.header is not None and report.header.mark and not report.derived(("header", "mark")):
        yield ("header", "mark"), report.header.mark, names
    if len(names) > 1 and report.title and not report.derived(("title",)):
        yield ("title",), report.title, names


def _hit(document: LintDocument, path: tuple[str, ...], text: str, **params: str) -> Hit:
    place, place_en = _PLACES[path]
    value = document.text_at(path) or document.text_at(("issuers",)) or document.text_at(("issuer",))
    return Hit({"place": place, "place_en": place_en, "text": text, **params}, text=value)


@document_rule("I001", "warning")
def issuer_not_named(document: LintDocument) -> Iterator[Hit]:
    for path, text, names in _written(document):
        missing = [name for name in names if name not in text]
        if missing:
            yield _hit(document, path, text, names="、".join(missing))


@document_rule("I002", "warning")
def issuers_out_of_order(document: LintDocument) -> Iterator[Hit]:
    for path, text, names in _written(document):
        if len(names) > 1 and all(name in text for name in names):
            found = [text.index(name) for name in names]
            if found != sorted(found):
                yield _hit(document, path, text, names="、".join(names))
