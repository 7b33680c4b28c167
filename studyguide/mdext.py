"""Python-Markdown extensions of ours: `::: facilitator` blocks, and a pass that
records sections, discussion questions and key terms as data for handouts."""

from __future__ import annotations

import copy
import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.serializers import to_html_string
from markdown.treeprocessors import Treeprocessor

from .model import Question, Section, Term

FENCE_START = re.compile(r"^[ \t]*:::[ \t]*facilitator[ \t]*(?:\n|$)")
FENCE_END = re.compile(r"(?:^|\n)[ \t]*:::[ \t]*(?:\n|$)")
QUESTION_HEADINGS = {"discussion questions"}
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class FacilitatorBlock(BlockProcessor):
    """`::: facilitator` … `:::`; kept as a labelled box, or parsed and dropped."""

    def __init__(self, parser, ext: "StudyGuideExtension") -> None:
        super().__init__(parser)
        self.ext = ext

    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(FENCE_START.match(block))

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        original = blocks[0]
        blocks[0] = FENCE_START.sub("", blocks[0], count=1)
        for index, block in enumerate(blocks):
            end = FENCE_END.search(block)
            if not end:
                continue
            inside = blocks[: index] + [block[: end.start()]]
            rest = block[end.end() :]
            del blocks[: index + 1]
            if rest.strip():
                blocks.insert(0, rest)
            box = etree.Element("div", {"class": "facilitator"})
            label = etree.SubElement(box, "p", {"class": "facilitator-label"})
            label.text = self.ext.getConfig("label")
            self.parser.parseBlocks(box, [b for b in inside if b.strip()])
            if self.ext.getConfig("keep"):
                parent.append(box)
            else:
                self.ext.dropped.append(box)
            return True
        blocks[0] = original  # never closed: left as text; `read` reports the line
        return False


class GuideData(Treeprocessor):
    """Numbers the questions through the guide and records what handouts need."""

    def __init__(self, md: Markdown, ext: "StudyGuideExtension") -> None:
        super().__init__(md)
        self.ext = ext

    def html(self, element: etree.Element, skip_lists: bool = False) -> str:
        """Inner HTML, with the stash restored (smart quotes, raw HTML) as in the output."""
        clone = copy.copy(element)
        clone.tail = None
        if skip_lists:
            for child in [c for c in clone if c.tag in ("ol", "ul")]:
                clone.remove(child)
        text = to_html_string(clone)
        text = re.sub(r"^<[^>]+>|</[^>]+>$", "", text.strip())
        for processor in self.md.postprocessors:
            text = processor.run(text)
        return text.strip()

    def text(self, element: etree.Element, skip_lists: bool = False) -> str:
        markup = self.html(element, skip_lists)
        return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())

    def footnotes_in_place(self, root: etree.Element) -> None:
        """Move each footnote's text to its reference, for `float: footnote` in print."""
        box = next((el for el in root if el.tag == "div" and el.get("class") == "footnote"), None)
        if box is None:
            return
        notes = {li.get("id"): li for li in box.iter("li")}
        parents = {child: parent for parent in root.iter() for child in parent}
        for sup in [s for s in root.iter("sup") if s.get("id", "").startswith("fnref")]:
            link = sup.find("a")
            note = notes.pop((link.get("href") or "#")[1:], None) if link is not None else None
            if note is None:
                continue
            span = etree.Element("span", {"class": "footnote"})
            for para in note:
                for backref in [a for a in para.iter("a") if a.get("class") == "footnote-backref"]:
                    para.remove(backref)
                inner = copy.copy(para)
                inner.tag, inner.tail = "span", " "
                span.append(inner)
            parent = parents[sup]
            index = list(parent).index(sup)
            span.tail = sup.tail
            parent.remove(sup)
            parent.insert(index, span)
        root.remove(box)

    def run(self, root: etree.Element) -> None:
        self.footnotes_in_place(root)
        data = self.ext
        data.sections, data.questions, data.terms, data.facilitator_text = [], [], [], []
        section: Section | None = None
        in_questions = False
        number = 0
        for element in list(root):
            if element.tag in HEADINGS:
                title = self.text(element)
                if element.tag == "h2":
                    section = Section(element.get("id", ""), title, title.startswith("Session"))
                    data.sections.append(section)
                    if section.session:
                        element.set("class", (element.get("class", "") + " session").strip())
                classes = element.get("class", "").split()
                in_questions = "questions" in classes or title.rstrip(":").lower() in QUESTION_HEADINGS
                if in_questions and "questions" not in classes:
                    element.set("class", " ".join(classes + ["questions"]))
            elif element.tag == "ol" and in_questions:
                element.set("class", (element.get("class", "") + " questions").strip())
                if number:  # numbering runs on through the guide, as on the handout
                    element.set("start", str(number + 1))
                    element.set("style", f"counter-reset: list-item {number}")
                for item in element.findall("li"):
                    number += 1
                    item.set("id", f"question-{number}")  # for the e-book's navigation
                    follow = [li for sub in item if sub.tag in ("ol", "ul") for li in sub.findall("li")]
                    data.questions.append(
                        Question(
                            section=section.title if section else None,
                            number=number,
                            text=self.text(item, skip_lists=True),
                            html=self.html(item, skip_lists=True),
                            followups=tuple(self.text(li) for li in follow),
                            followups_html=tuple(self.html(li) for li in follow),
                        )
                    )
            elif element.tag == "div" and "facilitator" in element.get("class", "").split():
                label = element.find("p")
                data.facilitator_text.extend(self.text(c) for c in element if c is not label)
            elif element.tag == "dl":
                element.set("class", (element.get("class", "") + " glossary").strip())
                term = None
                for child in element:
                    if child.tag == "dt":
                        term = self.text(child)
                    elif child.tag == "dd" and term:
                        data.terms.append(Term(term, self.text(child)))


class ParticipantCopy(Treeprocessor):
    """The participant edition from the same parse: the tree without its
    facilitator boxes, serialized as Markdown would (after unescaping)."""

    def __init__(self, md: Markdown, ext: "StudyGuideExtension") -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        copy_ = copy.deepcopy(root)
        for parent in list(copy_.iter()):
            for child in [c for c in parent if c.tag == "div" and "facilitator" in c.get("class", "").split()]:
                if child.tail and child.tail.strip():
                    previous = list(parent).index(child) - 1
                    if previous >= 0:
                        parent[previous].tail = (parent[previous].tail or "") + child.tail
                    else:
                        parent.text = (parent.text or "") + child.tail
                parent.remove(child)
        output = self.md.serializer(copy_)
        start, end = output.index(f"<{self.md.doc_tag}>"), output.rindex(f"</{self.md.doc_tag}>")
        output = output[start + len(self.md.doc_tag) + 2 : end].strip()
        for processor in self.md.postprocessors:
            output = processor.run(output)
        self.ext.participant_html = output.strip()


class StudyGuideExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {
            "keep": [False, "keep facilitator blocks (the facilitator edition)"],
            "label": ["Facilitator notes", "the label printed on a facilitator box"],
        }
        super().__init__(**kwargs)
        self.reset()

    def reset(self) -> None:
        self.dropped: list[etree.Element] = []
        self.sections: list[Section] = []
        self.questions: list[Question] = []
        self.terms: list[Term] = []
        self.facilitator_text: list[str] = []
        self.participant_html = ""

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.parser.blockprocessors.register(FacilitatorBlock(md.parser, self), "facilitator", 105)
        md.treeprocessors.register(GuideData(md, self), "guide_data", 4)
        if self.getConfig("keep"):
            md.treeprocessors.register(ParticipantCopy(md, self), "participant_copy", -1)
