"""The Jinja2 environment: strict, autoescaped, with the date and label filters.

Templates are the built-in set with a college's own files laid over it (templates.py).  A
mistake in a template is reported with the template's file name and line, never as a traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import shutil
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from .. import words
from ..content.colour import HEX, shade
from ..content.markdown import media_html
from ..model import urls
from ..model.objects import Session, Tutor
from ..problems import Problem, TemplateProblem
from . import facets, runs, seo
from .templates import ESCAPED, PREFIX, Layered, Templates


def environment(templates: Templates, compiled: Path | None = None) -> jinja2.Environment:
    """A Jinja2 environment for ``templates`` (the college's over the built-in ones) with every filter
    the templates use.

    With ``compiled`` (a folder in the build's cache named for this program and its libraries),
    compiled templates are kept there between builds: compiling them takes about 0.2 s, loading
    them compiled 0.006 s.  Jinja2 checks a kept template only against its source text and
    Python's version, while the compiled code also holds this environment's settings and, after
    an upgrade, could differ: hence a folder per program version (its siblings, made by other
    versions, are removed).

    Each template is read once (Jinja2's auto_reload off): checking its file at every include and
    import cost a tenth of a large build, and the live preview makes a new environment whenever a
    template changes (preview/incremental.py)."""
    env = jinja2.Environment(
        loader=templates.loader(),
        autoescape=jinja2.select_autoescape(ESCAPED, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_kept_templates(compiled) if compiled is not None else None,
        auto_reload=False,  # read once: the preview makes a new environment when a template changes
    )
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    env.globals["_"] = env.globals["gettext"] = translate
    env.globals["course_card"] = CardCache(env)
    env.globals["timedelta"] = dt.timedelta
    env.filters.update(
        long_date=words.long_date, short_date=words.short_date, day_month=words.day_month,
        weekday=words.weekday, month_year=words.month_year, days_of_month=words.days_of_month,
        time_range=words.time_range,
        time12=words.time12, session_words=runs.session_words, session_time=session_time,
        role=lambda r: words.ROLE[r], status=lambda s: words.STATUS[s],
        audience=lambda a: words.AUDIENCE[a], audience_short=lambda a: words.AUDIENCE_SHORT[a],
        format_name=lambda f: words.FORMAT[f], level_name=lambda x: words.LEVEL[x],
        access=lambda a: words.ACCESS[a], tutor_name=tutor_name, join_and=words.join_and,
        tel=lambda p: "tel:" + "".join(ch for ch in p if ch.isdigit() or ch == "+"),
        plural=words.plural, part_of_day=words.part_of_day, role_plain=lambda r: words.ROLE_PLAIN[r],
        capitalize_first=lambda s: s[:1].upper() + s[1:],
        url_path=lambda path: quote(path, safe="/"), prose=prose,
        run_when=runs.when, run_place=runs.place, run_label=runs.label,
        session_place=runs.session_place, run_attrs=facets.run_attrs,
        delivery=lambda d: words.DELIVERY[d], audience_words=words.audience_words,
        language_name=words.language_name,
        venue_short=runs.venue_name,
    )
    env.filters["course_jsonld"] = seo.course_jsonld
    env.filters["course_title"] = jinja2.pass_context(lambda ctx, course_id: ctx["p"].course(course_id).title)
    env.filters["brand_css"] = brand_css
    kept_attrs: dict[int, tuple[Any, str]] = {}  # each course's part of its cards' attributes, made once
    env.filters["facet_attrs"] = lambda course, run: facets.card_attrs(course, run, kept_attrs)
    env.filters["glance_attrs"] = facets.glance_attrs
    env.filters["not_running"] = runs.not_running
    env.globals.update(filter_choices=facets.choices, open_choice=facets.open_choice,
                       on_request_choice=facets.on_request_choice,
                       facet_label=lambda f: facets.FACET_LABELS.get(f, ""), url=urls)
    return env


class _KeptTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja2's cache of compiled templates in a folder, where a damaged file or a failure to
    write only costs time."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - any damage: compile the template again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):  # a full disk, or the cache folder deleted during the build
            super().dump_bytecode(bucket)


def _kept_templates(here: Path) -> jinja2.BytecodeCache | None:
    try:
        here.mkdir(parents=True, exist_ok=True)
        for old in here.parent.iterdir():  # compiled by another version of the program
            if old.name != here.name and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    except OSError:
        return None  # a cache folder that cannot be made only makes the build slower
    return _KeptTemplates(str(here))


@functools.lru_cache(maxsize=4096)
def _untranslated(text: str) -> str:
    return text.replace("%%", "%")


def translate(text: str, **variables: Any) -> str:
    """``_()`` in templates: gettext-style (``%%`` is a literal %, ``%(name)s`` a variable).

    Jinja2's own newstyle gettext wraps every string in Markup and formats it even without
    variables, which costs a third of the render time of a large site; this keeps the same
    contract for a future catalogue while returning plain text that autoescaping handles.
    """
    return text % variables if variables else _untranslated(text)


class CardCache:
    """``course_card(course, root, heading, run)`` in templates: the card macro of _macros.html,
    rendered once per course, run shown and heading level. A large site shows each course's card
    on a dozen listing pages at several depths; the card is rendered with a marker for ``root``
    (the way up to the site's top, which a card uses only in front of an address) and the marker
    replaced for each page, so those pages cost little more than joining text.  ``run`` is the run
    the card shows (the course's next run when not given)."""

    ROOT = "\x00root\x00"  # never in a course's text: control characters are refused when it is read

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self.cards: dict[tuple[int, int, str], str] = {}
        self.keep: list[Any] = []  # holds the courses so their ids cannot be reused meanwhile

    def __call__(self, course: Any, root: str, heading: str = "h3", run: Any = None) -> Any:
        run = run if run is not None else course.shown_run()
        key = (id(course), run.index if run is not None else -1, heading)
        card = self.cards.get(key)
        if card is None:
            macro = self.env.get_template("_macros.html").module.course_card  # type: ignore[attr-defined]
            card = self.cards[key] = str(macro(course, self.ROOT, heading, run))
            self.keep.append(course)
        return Markup(card.replace(self.ROOT, root))  # noqa: S704 - rendered with autoescape; root is ours


def prose(body_html: str, root: str) -> Markup:
    """``{{ course.body_html|prose(root) }}``: a Markdown text's HTML (made safe when it was read) with
    its pictures' addresses for a page ``root`` away from the site's top."""
    return Markup(media_html(body_html, root + urls.MEDIA))  # noqa: S704 - cleaned by nh3 when read


def brand_css(colour: str) -> Markup:
    """``{{ college.branding.colour|brand_css }}``: the college's colour for the header and buttons as CSS
    custom properties, with the darker shades a button takes under the pointer and for its edge."""
    if not HEX.match(colour):  # checked when college.yaml was read; never anything but a colour in a <style>
        raise ValueError(f"not a colour: {colour!r}")
    dark, darker = shade(colour, 0.08), shade(colour, 0.2)
    return Markup(f":root {{ --brand: {colour}; --brand-dark: {dark}; --brand-darker: {darker}; }}")  # noqa: S704


def session_time(s: Session) -> str:
    return words.time_range(s.start, s.end)


def tutor_name(t: Tutor) -> str:
    """The tutor's name, or their role in words when they have chosen not to be published."""
    return t.name if t.publish else words.ROLE_PLAIN[t.role]


def render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render one template, turning any template mistake into a :class:`TemplateProblem`."""
    layers = _layers(env)
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        where = layers.shown(exc.filename) if exc.filename else _named(layers, exc.name or name)
        raise TemplateProblem(Problem(where, exc.lineno or 0,
                                      f"This template has a mistake: {(exc.message or '').rstrip('.')}.",
                                      "Fix the template, or restore it from the project.")) from None
    except jinja2.TemplateNotFound as exc:
        missing = str(exc.name or name)
        if layers.find(missing.removeprefix(PREFIX), builtin_only=missing.startswith(PREFIX)) is not None:
            return _itself(layers, missing)  # there, but not found: the loader ran out of depth
        if missing.startswith(PREFIX):
            raise TemplateProblem(Problem(*_where(exc, name, layers), f"There is no built-in template called "
                                          f"'{missing.removeprefix(PREFIX)}'.",
                                          "Check the name after 'builtin/': templates/README.md lists the "
                                          "built-in templates a college may build on.")) from None
        raise TemplateProblem(Problem(_named(layers, missing), 0, "This template is missing.",
                                      "Restore it from the project.")) from None
    except RecursionError:
        return _itself(layers, name)
    except jinja2.UndefinedError as exc:
        file, line = _where(exc, name, layers)
        what = (exc.message or "").rstrip(".")
        raise TemplateProblem(Problem(file, line, f"This template uses something that does not exist: {what}.",
                                      "Check the spelling in the template.")) from None
    except (TypeError, ValueError, KeyError, AttributeError, IndexError, ZeroDivisionError) as exc:
        file, line = _where(exc, name, layers)
        if not line:
            raise  # not raised by a template line: a bug in the program, reported as such
        raise TemplateProblem(Problem(file, line, f"This template line could not be shown: {type(exc).__name__} "
                                      f"{exc}.", "Check the values and filters used on this line.")) from None


def _itself(layers: Templates, name: str) -> NoReturn:
    """A template that extends or includes itself (a college's 404.html extending "404.html")."""
    raise TemplateProblem(Problem(_named(layers, name), 0, "This template extends or includes itself.",
                                  f"To build on the built-in template, write {{% extends \"{PREFIX}{name}\" %}}."))


def _layers(env: jinja2.Environment) -> Templates:
    """The templates an environment reads (the built-in ones alone for an environment made elsewhere)."""
    loader = env.loader
    return loader.templates if isinstance(loader, Layered) else Templates()


def _named(layers: Templates, name: str) -> str:
    """How to name a template by its name in messages: the file it is, or where the college's would go."""
    found = layers.find(name.removeprefix(PREFIX), builtin_only=name.startswith(PREFIX))
    if found is not None:
        return layers.shown(str(found))
    return f"{(layers.own or Path('templates')).as_posix().rstrip('/')}/{name}"


def _where(exc: BaseException, default: str, layers: Templates) -> tuple[str, int]:
    """Find the template file and line in a Jinja2 error's traceback."""
    tb = exc.__traceback__
    found = (_named(layers, default), 0)
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_code.co_filename.endswith((".html", ".xml", ".css", ".txt")):
            template = frame.f_globals.get("__jinja_template__")
            line = template.get_corresponding_lineno(tb.tb_lineno) if template else tb.tb_lineno
            filename = template.filename if template and template.filename else frame.f_code.co_filename
            found = (layers.shown(filename), line)
        tb = tb.tb_next
    return found
