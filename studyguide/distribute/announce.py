"""`studyguide announce`: the message an organiser sends the group, in the guide's
language — what we read, when and where, the links to the built files, how to print
the booklet — as plain text, HTML and an .eml holding both.

It links only files the build wrote (a link that would not resolve is not written)
and never the facilitator's; the leak check reads the message before it is saved.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import quote

from studyguide.errors import Diagnostic, GuideError
from studyguide.distribute.feed import leader_only
from studyguide.model import Guide, Session

LINKED = ("participant", "epub", "questions")


@dataclass
class Announcement:
    subject: str
    text: str
    html: str
    links: dict[str, str]  # label -> href

    def eml(self) -> bytes:
        message = EmailMessage()
        message["Subject"] = self.subject
        message.set_content(self.text)
        message.add_alternative(self.html, subtype="html")
        return bytes(message)


def when(session: Session, words: dict) -> str:
    from studyguide.render.html import longdate

    line = longdate(session.date, words)
    if session.time:
        line += f", {session.time}" + (f" ({session.timezone.replace('_', ' ')})" if session.timezone else "")
    if session.minutes:
        line += f" · {session.minutes} {words['minutes_short']}"
    if session.place:
        line += f" · {session.place}"
    return line


def compose(guide: Guide, out: Path, base_url: str | None = None, theme: Path | None = None) -> Announcement:
    """The message for `guide`, built into `out`; links absolute under `base_url` (else relative to `out`)."""
    from studyguide.record import NAME, GuideRecord
    from studyguide.i18n import words_for

    record_file = out / guide.slug / NAME
    record = GuideRecord.load(record_file)
    if record is None:
        raise GuideError.at(guide.path, None, f"build the guide first: no {record_file} to link to") from None
    words = words_for(guide.meta.lang, theme)
    base = (base_url or guide.meta.base_url or "").rstrip("/")

    def href(name: str) -> str | None:
        if leader_only("", name) or not (out / guide.slug / name).is_file():
            return None
        path = f"{quote(guide.slug)}/{quote(name)}"
        return f"{base}/{path}" if base else path

    files = record.files
    labels = {"participant": words["announce_participant"], "epub": words["announce_epub"],
              "questions": words["announce_handout"]}
    links = {labels[k]: h for k in LINKED if k in files and (h := href(files[k]))}
    calendar = href(f"{guide.slug}.ics")
    if calendar:
        links[words["announce_calendar"]] = calendar
    booklet = href(files["booklet"]) if "booklet" in files else None

    sessions = [when(s, words) for s in guide.meta.sessions]
    if len(sessions) > 1:
        sessions = [f"{words['session_n'].format(n=s.number)}: {line}" for s, line in zip(guide.meta.sessions, sessions)]
    readings = [r.citation() for r in guide.meta.reading] or [guide.meta.title]
    subject = guide.meta.title + (f": {when(guide.meta.sessions[0], words).split(' · ')[0]}" if sessions else "")
    print_line = None
    if booklet:
        from studyguide.render.catalogue import printing

        how = printing(record.sheets, record.paper, record.long_edge, guide.meta.lang, theme)
        print_line = words["announce_print"].format(link=booklet, printing=how)

    text_parts = [words["announce_hello"], "", words["announce_reading"], *[f"  {r}" for r in readings]]
    if sessions:
        text_parts += ["", words["announce_when"], *[f"  {s}" for s in sessions]]
    text_parts += ["", words["announce_files"], *[f"  {label}: {url}" for label, url in links.items()]]
    if print_line:
        text_parts += ["", print_line]
    text_parts += ["", words["announce_bye"], ""]
    text = "\n".join(text_parts)

    e = html.escape
    markup = [f'<!DOCTYPE html>\n<html lang="{e(guide.meta.lang)}" dir="{e(words["dir"])}"><head><meta charset="utf-8">'
              f"<title>{e(subject)}</title></head><body>", f"<p>{e(words['announce_hello'])}</p>",
              f"<p>{e(words['announce_reading'])}</p><ul>" + "".join(f"<li>{e(r)}</li>" for r in readings) + "</ul>"]
    if sessions:
        markup.append(f"<p>{e(words['announce_when'])}</p><ul>" + "".join(f"<li>{e(s)}</li>" for s in sessions) + "</ul>")
    markup.append(f"<p>{e(words['announce_files'])}</p><ul>"
                  + "".join(f'<li><a href="{e(url)}">{e(label)}</a></li>' for label, url in links.items()) + "</ul>")
    if print_line:
        markup.append(f"<p>{e(print_line).replace(e(booklet), f'<a href={chr(34)}{e(booklet)}{chr(34)}>{e(booklet)}</a>')}</p>")
    markup.append(f"<p>{e(words['announce_bye'])}</p></body></html>\n")
    if booklet:
        links["booklet"] = booklet
    return Announcement(subject, text, "\n".join(markup), links)


def announce(path: Path, out: Path, base_url: str | None = None, theme: Path | None = None,
             defaults: dict | None = None, max_bytes: int = 2_000_000, warnings: list | None = None) -> list[Path]:
    """Write `<slug>-announcement.txt`, `.html` and `.eml` into the guide's built folder; refuse on a leak.
    A message whose links are relative (no base_url) is said in `warnings`: a mail program cannot follow them."""
    from studyguide.build.promises import check_leaks
    from studyguide.files import write_atomically
    from studyguide.read.reader import read

    guide = read(path, max_bytes, defaults or {}, theme)
    message = compose(guide, out, base_url, theme)
    relative = [url for url in message.links.values() if "://" not in url]
    if relative and warnings is not None:
        warnings.append(Diagnostic(path, None, (
            f"the announcement's links are relative ({relative[0]}): they work only beside the built folder, "
            "not in a mail program. Set base_url in studyguide.toml to where the built folder is published "
            "(base_url = \"https://example.org/guides\"), or give --base-url"), "warning"))
    check_leaks(guide, {"announcement": message.text, "announcement (HTML)": message.html, "subject": message.subject})
    folder = out / guide.slug
    targets = {folder / f"{guide.slug}-announcement.txt": message.text.encode("utf-8"),
               folder / f"{guide.slug}-announcement.html": message.html.encode("utf-8"),
               folder / f"{guide.slug}-announcement.eml": message.eml()}
    write_atomically(targets, root=out)  # never through a link below the build folder
    return list(targets)


def find_guide(name: str, out: Path, folder: Path = Path("guides")) -> Path | None:
    """The guide a name that is no file means: a slug as the catalogue names it (`gilead`), found
    through its built record (the source it was built from) or among the guides in `folder`."""
    from studyguide.build.run import find_guides
    from studyguide.model import slug_for
    from studyguide.record import NAME, GuideRecord
    from studyguide.slugs import problem

    if problem(name):
        return None
    record = GuideRecord.load(out / name / NAME)
    if record is not None and record.source and (out / record.source).is_file() \
            and slug_for(out / record.source) == name:
        return Path(os.path.normpath(out / record.source))
    found = [p for p in find_guides([folder]) if slug_for(p) == name] if folder.is_dir() else []
    return found[0] if len(found) == 1 else None
