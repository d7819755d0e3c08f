"""Copyright (tou.1, law.legislation): media without a rights declaration, long quotations."""

from __future__ import annotations

import re

from ..context import RIGHTS, Context
from ..findings import Finding
from ..registry import Rule, register
from ..text import Document

QUOTE_RE = re.compile(r"\"([^\"]{60,})\"")
AGENCY_RE = re.compile(
    r"(?<![a-z])(?:getty images|getty|shutterstock|alamy|istock|pa images|pa wire|reuters|ap photo|"
    r"associated press|rex features|bbc pictures)(?![a-z])"
)
SOURCE_RE = re.compile(
    r"(?<![a-z])(?:lyrics|all rights reserved|reproduced (?:from|with)|taken from (?:the )?(?:daily|sunday|times|guardian|"
    r"telegraph|mail|sun|mirror|bbc|sky|itv|[a-z]+ (?:gazette|echo|times|news|herald|post))|"
    r"copied from|copy and paste[d]? from|full article|the whole article|article below)(?![a-z])"
)
COPYRIGHT_WORDS = frozenset("lyrics reserved reproduced taken copied copy full whole article getty shutterstock alamy istock pa reuters ap associated rex bbc".split())


@register
class AttachmentRightsRule(Rule):
    id = "copyright.attachments"
    version = "1"
    clause_id = "tou.1"
    related_clauses = ("law.legislation",)
    category = "copyright"
    description = "Images, video or documents attached without a rights declaration (own work, licensed, with permission, public domain with credit)."
    max_severity = "review"

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        out = []
        for att in context.attachments:
            label = att.filename or "An attachment"
            if att.rights is None or att.rights == "":
                out.append(self.finding(
                    context, score=0.6, evidence=f"{label}: no rights declaration",
                    message=f"{label} has no rights declaration; say whether it is your own work, licensed, used with permission or public domain.",
                ))
            elif att.rights not in RIGHTS:
                out.append(self.finding(
                    context, score=0.6, evidence=f"{label}: unknown rights '{att.rights}'",
                    message=f"{label} has an unrecognised rights declaration ('{att.rights}'); use own work, licensed, permission or public domain.",
                ))
            elif att.rights == "public_domain" and not att.credit.strip():
                out.append(self.finding(
                    context, score=0.5, evidence=f"{label}: public domain without credit",
                    message=f"{label} is marked public domain but has no credit; add the creator or source.",
                ))
            elif att.rights in ("licensed", "permission") and not att.credit.strip():
                out.append(self.finding(
                    context, score=0.35, evidence=f"{label}: {att.rights} without credit",
                    message=f"{label} is used under a licence or with permission; consider crediting the owner.",
                ))
        return out


@register
class QuotationRule(Rule):
    id = "copyright.quotation"
    version = "1"
    clause_id = "tou.1"
    related_clauses = ("law.legislation",)
    category = "copyright"
    description = "Long quoted passages, song lyrics, copied articles and agency photographs."
    max_severity = "review"

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        out = []
        limit = self.settings.long_quote_words
        if '"' in doc.norm:
            for m in QUOTE_RE.finditer(doc.norm):
                words = len(m.group(1).split())
                if words >= limit:
                    out.append(self.finding(
                        context, score=0.6, spans=[doc.span(m.start(), m.end())], evidence=f"quotation of {words} words",
                        message=f"The post quotes a passage of {words} words; long extracts of someone else's text may breach copyright — summarise and link instead.",
                    ))
        if not doc.words.isdisjoint(COPYRIGHT_WORDS) or "©" in doc.raw:
            for regex, score, what in ((AGENCY_RE, 0.6, "agency photograph"), (SOURCE_RE, 0.55, "copied material")):
                for m in regex.finditer(doc.lower):
                    out.append(self.finding(
                        context, score=score, spans=[doc.span(m.start(), m.end())], evidence=f"{what}: {m.group(0)}",
                        message=f"The post appears to reuse someone else's work ('{m.group(0)}'); check the Council has the right to publish it.",
                    ))
            if "©" in doc.raw and not re.search(r"©\s*(?:\d{4}\s*)?(?:stalbridge|the council|" + re.escape(self.settings.council_name.lower()) + ")", doc.lower):
                i = doc.norm.find("©") if "©" in doc.norm else doc.lower.find("(c)")
                out.append(self.finding(
                    context, score=0.5, spans=[doc.span(i, i + 1)] if i >= 0 else [], evidence="copyright notice",
                    message="The post carries someone else's copyright notice; check the Council may publish the material.",
                ))
        return out
