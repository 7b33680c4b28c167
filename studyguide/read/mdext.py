"""Python-Markdown extensions of ours: facilitator notes put back where their
tokens stand (the facilitator edition), and a pass that records sections,
discussion questions and key terms as data for handouts."""

from __future__ import annotations

import copy
import dataclasses
import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.serializers import to_html_string
from markdown.treeprocessors import Treeprocessor

from studyguide.model import Question, Section, Term
from studyguide.read.vocabulary import normal

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TODO = re.compile(r"\[[ xX✓✔]?\](?:\s|$)")  # a task-list item's box, as GitHub, Obsidian and Notion write it


class PlaceNotes(Treeprocessor):
    """The facilitator edition: each note's token, wherever Markdown put it, becomes the
    note's box: inside the list item it stood under (that question's note), else after
    the block that holds it."""

    def __init__(self, md: Markdown, ext: "StudyGuideExtension") -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        boxes: dict[str, str] = self.ext.getConfig("notes")
        if not boxes:
            return
        pattern = re.compile("|".join(re.escape(t) for t in boxes))
        parents = {child: parent for parent in root.iter() for child in parent}
        found: list[tuple[str, etree.Element]] = []
        for element in list(root.iter()):
            for attr in ("text", "tail"):
                value = getattr(element, attr)
                if value and pattern.search(value):
                    holder = element if attr == "text" else parents.get(element, root)
                    found += [(m.group(0), holder) for m in pattern.finditer(value)]
                    setattr(element, attr, pattern.sub("", value).strip("\n ") or None)
        grouped: dict[etree.Element, list[str]] = {}
        for token, holder in found:
            grouped.setdefault(holder, []).append(token)
        for holder, tokens in grouped.items():
            made = []
            for token in tokens:
                box = etree.Element("p")
                box.text = self.md.htmlStash.store(boxes[token])
                self.ext.note_of[box.text] = boxes[token]
                made.append(box)
            chain = [holder]
            while chain[-1] in parents:
                chain.append(parents[chain[-1]])
            item = next((e for e in chain if e.tag == "li"), None)
            empty = holder.tag == "p" and not (holder.text or "").strip() and not len(holder)
            if item is not None:
                at = list(item).index(holder) if empty and parents.get(holder) is item else len(item)
                for offset, box in enumerate(made):
                    item.insert(at + offset, box)
            else:
                top = chain[-2] if len(chain) >= 2 else holder
                at = list(root).index(top) + 1
                for offset, box in enumerate(made):
                    root.insert(at + offset, box)
            if empty and holder in parents and holder in list(parents[holder]):
                parents[holder].remove(holder)


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
            for child in [c for c in clone if c.tag in ("ol", "ul") or c.text in self.ext.note_of]:
                clone.remove(child)
        text = to_html_string(clone)
        text = re.sub("\x02(\\d+)\x03", lambda m: chr(int(m.group(1))), text)  # `1926\.`: Markdown's escapes, restored
        text = re.sub(r"^<[^>]+>|</[^>]+>$", "", text.strip())
        for processor in self.md.postprocessors:
            text = processor.run(text)
        return text.strip()

    def text(self, element: etree.Element, skip_lists: bool = False) -> str:
        """The words as a reader reads them in the line: a footnote's text is not part of it."""
        element = copy.deepcopy(element)
        for parent in list(element.iter()):
            for note in [c for c in parent if c.tag == "span" and c.get("class") == "footnote"]:
                index = list(parent).index(note)
                if note.tail and index:
                    parent[index - 1].tail = (parent[index - 1].tail or "") + note.tail
                elif note.tail:
                    parent.text = (parent.text or "") + note.tail
                parent.remove(note)
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

    def _stashed_list(self, element: etree.Element) -> bool:
        """A raw HTML block (`<details>`, `<ol>`) standing here that holds a list or numbered lines: its
        questions, as Markdown reads none of it, reach no handout."""
        found = re.fullmatch(r"\s*\x02wzxhzdk:(\d+)\x03\s*", element.text or "") if len(element) == 0 else None
        stash = self.md.htmlStash.rawHtmlBlocks
        raw = stash[int(found.group(1))] if found and int(found.group(1)) < len(stash) else ""
        raw = raw if isinstance(raw, str) else ""
        return bool(re.search(r"<li\b", raw, re.I) or re.search(r"(?m)^\s*(?:\d{1,3}[.)]|[-*+])\s+\S", raw))

    def _pseudo_heading(self, element: etree.Element) -> bool:
        """A paragraph that is only `**Discussion questions**` (bold or italic): a heading in all but name."""
        vocabulary = self.ext.getConfig("vocabulary")
        if not vocabulary or len(element) != 1 or element[0].tag not in ("strong", "em", "b", "i"):
            return False
        if (element.text or "").strip() or (element[0].tail or "").strip(" :\n"):
            return False
        return vocabulary.is_questions(self.text(element))

    def _plain_heading(self, element: etree.Element) -> bool:
        """A short paragraph of plain words that names questions ("Discussion Questions", "Questions to
        think about:"), standing right above a list: the heading it was before the paste, or its lead-in."""
        vocabulary = self.ext.getConfig("vocabulary")
        if not vocabulary or len(element) or "\n" in (element.text or "").strip():
            return False
        said = self.text(element)
        return len(said.split()) <= 8 and not said.rstrip().endswith((".", "?", "!", "？", "؟")) \
            and vocabulary.is_questions(said)

    def run(self, root: etree.Element) -> None:
        self.footnotes_in_place(root)
        data = self.ext
        data.sections, data.questions, data.terms = [], [], []
        data.headings, data.unparsed = [], []
        section: Section | None = None
        in_questions = False
        questions_level = 0  # a deeper heading under a questions heading keeps its questions
        heading_title = ""
        number = 0
        asked_here, between = False, None  # a questions list under this heading; words after it, before the next
        pictured = False  # what stands between is a picture (its alt text, or its file's name, says where)
        children = list(root)
        for at, element in enumerate(children):
            listed = at + 1 < len(children) and children[at + 1].tag in ("ol", "ul")  # a list comes next
            if element.tag == "p" and not in_questions and listed and self._plain_heading(element):
                # `Discussion Questions` over a list, a heading whose style a paste from Word lost: taken as one
                in_questions, questions_level = True, 7
                heading_title = self.text(element)
                vocabulary = self.ext.getConfig("vocabulary")
                if normal(heading_title) in vocabulary.questions:  # (a lead-in, "Some questions to think about:", is none)
                    data.unparsed.append(("plain", heading_title, len(data.headings) - 1))
                continue
            if element.tag in HEADINGS:
                asked_here, between = False, None
                title = self.text(element)
                vocabulary = self.ext.getConfig("vocabulary")
                if element.tag == "h2":
                    session_no = vocabulary.session_number(title) if vocabulary else None
                    section = Section(element.get("id", ""), title, session_no is not None, session_no or 0)
                    data.sections.append(section)
                    if section.session:
                        element.set("class", (element.get("class", "") + " session").strip())
                elif element.tag == "h1":
                    section = None  # a heading above the sections ends the one before ("# Session 3" is warned of)
                classes = element.get("class", "").split()
                level = int(element.tag[1])
                marked = "questions" in classes or bool(vocabulary and vocabulary.is_questions(title))
                if marked:
                    in_questions, questions_level = True, level
                elif not (in_questions and level > questions_level):
                    in_questions = False
                if marked and "questions" not in classes:
                    element.set("class", " ".join(classes + ["questions"]))
                data.headings.append((element.tag, title, marked))
                heading_title = title
            elif element.tag == "p" and self._pseudo_heading(element):
                in_questions, questions_level = True, 7  # `**Discussion questions**`: taken as the heading it means
                heading_title = self.text(element)
                element.set("class", (element.get("class", "") + " questions").strip())
            elif element.tag == "p" and in_questions and asked_here and element.text in self.ext.note_of \
                    and data.questions:  # a note between two lists of questions is the one above's (its handout),
                # before the note's own words are taken for a question not in the list (`- …`, `2. …`)
                last = data.questions[-1]
                data.questions[-1] = dataclasses.replace(last, notes_html=last.notes_html + (self.ext.note_of[element.text],))
            elif element.tag == "p" and in_questions and (
                    re.match(r"\s*(\d{1,3}[.)]|[-*+•])\s", self.text(element) + " ")
                    or re.search(r"(^|\s)\d{1,3}[.)]\s+\S[^?？]*[?？]", self.text(element))
                    or self.text(element).rstrip().endswith(("?", "？", "؟"))):
                data.unparsed.append(("paragraph", self.text(element), len(data.headings) - 1))
            elif element.tag in ("blockquote", "table", "div", "dl") and in_questions and (
                    "?" in self.text(element) or element.find(".//li") is not None):  # `> 1. Discuss …`: no "?" needed
                data.unparsed.append(("paragraph", self.text(element), len(data.headings) - 1))
            elif element.tag == "p" and in_questions and self._stashed_list(element):  # `<details>` / `<ol>` of them
                data.unparsed.append(("paragraph", self.text(element), len(data.headings) - 1))
            elif element.tag in ("p", "pre", "blockquote", "table", "div", "figure") and in_questions and asked_here \
                    and between is None and (self.text(element).strip() or _picture(element)):
                between = self.text(element) or _picture(element)  # said if another list of questions follows
                pictured = bool(_picture(element)) and (element.tag == "figure" or not self.text(element).strip())
                if pictured:  # found after the question above it: the same picture may stand higher up too
                    between = f"{data.questions[-1].text if data.questions else ''}\n{_picture(element)}"
            elif element.tag in ("ol", "ul") and not in_questions:
                items = element.findall("li")
                asked = [li for li in items if self.text(li, skip_lists=True).rstrip().endswith(("?", "？", "؟"))]
                # One question is enough ("## Going further" over "- Would you have called it off?"):
                # a lone question lost is still a question lost.
                if asked and len(asked) * 2 >= len(items):
                    data.unparsed.append(("list", heading_title, len(data.headings) - 1) if heading_title else
                                         ("orphan", self.text(asked[0], skip_lists=True), len(data.headings) - 1))
                if element.tag == "ol" and element.get("start"):  # WeasyPrint 70 does not read `start`
                    element.set("style", f"counter-reset: list-item {int(element.get('start')) - 1}")
            elif element.tag in ("ol", "ul") and in_questions:
                todos = [li for li in element.findall("li") if TODO.match(self.text(li, skip_lists=True))]
                if todos:  # `- [ ] Book the room`: the organiser's, refused at the first under this heading
                    if not any(k == "todo" and under == len(data.headings) - 1 for k, _t, under in data.unparsed):
                        data.unparsed.append(("todo", self.text(todos[0], skip_lists=True), len(data.headings) - 1))
                elif between is not None:  # the handout prints the questions and nothing between them
                    data.unparsed.append(("picture" if pictured else "between", between, len(data.headings) - 1))
                asked_here, between = True, None
                element.tag = "ol"  # bullets or numbers, the group refers to questions by number
                element.set("class", (element.get("class", "") + " questions").strip())
                if number:  # numbering runs on through the guide, as on the handout
                    element.set("start", str(number + 1))
                    element.set("style", f"counter-reset: list-item {number}")
                for item in element.findall("li"):
                    number += 1
                    item.set("id", f"question-{number}")  # for the e-book's navigation
                    follow = [li for sub in item if sub.tag in ("ol", "ul") for li in sub.findall("li")]
                    kids = list(item)
                    lists_at = [k for k, kid in enumerate(kids) if kid.tag in ("ol", "ul")]
                    after = [kid for kid in kids[lists_at[0] + 1:] if kid.tag not in ("ol", "ul")
                             and self.text(kid).strip() and kid.text not in self.ext.note_of] if lists_at else []
                    if after:  # the handout sets the question's words, then its follow-ups
                        data.unparsed.append(("after", self.text(after[0]), len(data.headings) - 1))
                    notes = tuple(self.ext.note_of[p.text] for p in item.iter("p") if p.text in self.ext.note_of)
                    data.questions.append(
                        Question(
                            section=section.title if section else None,
                            number=number,
                            text=self.text(item, skip_lists=True),
                            html=self.html(item, skip_lists=True),
                            followups=tuple(self.text(li) for li in follow),
                            followups_html=tuple(self.html(li) for li in follow),
                            notes_html=notes,
                            part=len(data.sections) - 1 if section else None,
                        )
                    )
            elif element.tag == "dl":
                element.set("class", (element.get("class", "") + " glossary").strip())
                term = None
                for child in element:
                    if child.tag == "dt":
                        term = self.text(child)
                    elif child.tag == "dd" and term:
                        data.terms.append(Term(term, self.text(child)))


def _picture(element: etree.Element) -> str:
    """A picture's alt text (or its file's name, which the line also holds): what finds its line."""
    image = element if element.tag == "img" else element.find(".//img")
    if image is None:
        return ""
    return (image.get("alt") or "").strip() or (image.get("src") or "").strip() or "img"


class StudyGuideExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {
            "notes": [{}, "the facilitator edition: note token -> the note's box (HTML)"],
            "vocabulary": ["", "the headings that mark questions and sessions (a Vocabulary)"],
        }
        super().__init__(**kwargs)
        self.reset()

    def reset(self) -> None:
        self.sections: list[Section] = []
        self.questions: list[Question] = []
        self.terms: list[Term] = []
        self.headings: list[tuple[str, str, bool]] = []  # (tag, text, marks questions)
        # (kind, text, index in headings of the heading above): questions that will not reach the handout
        self.unparsed: list[tuple[str, str, int]] = []
        self.note_of: dict[str, str] = {}  # stash placeholder -> a note's box

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.treeprocessors.register(PlaceNotes(md, self), "place_notes", 5)
        md.treeprocessors.register(GuideData(md, self), "guide_data", 4)
