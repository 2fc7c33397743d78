"""Generate a synthetic briefing site and its plain-Markdown twin.

    python bench/generate.py N OUTDIR [--seed S]

writes

* ``OUTDIR/plugin/``: a site in the authoring format (``mkdocs.yml`` with the
  ``briefing`` plugin, ``docs/index.md``, N briefings in ``briefings/`` and N/5
  glossary entries in ``briefings/glossary/<kind>/``);
* ``OUTDIR/plain/``: the same pages as ordinary Markdown in ``docs/`` (annotations
  replaced by the text they show, entity and index pages written out), the same
  navigation, and no ``briefing`` plugin,

so that building the two differs only by the plugin's work; and

* ``OUTDIR/linked/``: the plain twin with each annotation written as an ordinary
  Markdown link to the entry's page, with the plugin's hover text as its title: what
  the links alone cost MkDocs and Material, with no plugin at all.

Each briefing has about 600 words of prose in paragraphs of 3-6 sentences, two
``##`` headings, about 20 annotated mentions, two attributed quotes, sometimes an
attributed block quote, one or two footnotes, two events with a place and actors,
tags, a source and (often) related briefings. Entities come in five kinds (people
about 40%) with generated, unique names, summaries, some aliases, and dated roles
for people. Mentions follow a heavy-tailed (Zipf-like) popularity, as in news.

The output is deterministic: the same N and seed give byte-identical files.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import random
import re
import shutil
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("people", "organizations", "countries", "places", "concepts")
KIND_SHARE = {"people": 0.40, "organizations": 0.20, "countries": 0.15, "places": 0.15, "concepts": 0.10}
KIND_LABEL = {
    "people": ("Person", "People"),
    "organizations": ("Organization", "Organizations"),
    "countries": ("Country", "Countries"),
    "places": ("Place", "Places"),
    "concepts": ("Concept", "Concepts"),
}
# How many distinct entities of each kind a briefing is about (its "cast").
CAST = {"people": 4, "organizations": 2, "countries": 3, "places": 2, "concepts": 1}
START = dt.date(2016, 1, 4)
MONTHS = "January February March April May June July August September October November December".split()

# -- vocabulary -------------------------------------------------------------------------------

ONSETS = "b d f g k l m n p r s t v z br dr gr kr st tr sl sk h j ch sh th"
VOWELS = "a e i o u a e o ai ei ou"
CODAS = ("", "", "", "", "n", "r", "l", "s", "m", "k", "t", "n", "r", "nd", "rn", "st")
FIRST_ENDS = "a o in el an ik ia as ela ir ek ana is".split()
LAST_ENDS = "ov ova sen son escu ani ez ak ić berg ström elli oğlu er ski ard ens ieri ault".split()
COUNTRY_ENDS = (("ia", "ian"), ("ova", "ovan"), ("land", "lander"), ("istan", "istani"), ("ar", "ari"))
COUNTRY_ENDS += (("ony", "onian"), ("esia", "esian"), ("ovia", "ovian"), ("ania", "anian"))
PLACE_ENDS = "grad burg haven port ford stad ovo ara mouth ice by".split()
ORG_NATIONAL = (
    ("Ministry of Foreign Affairs", "the foreign ministry of {c}"),
    ("Ministry of Defence", "the defence ministry of {c}"),
    ("Central Bank", "the central bank of {c}"),
    ("Energy Agency", "the state agency that regulates energy in {c}"),
    ("Parliament", "the national legislature of {c}"),
    ("Border Guard", "the service that polices the borders of {c}"),
    ("Supreme Court", "the highest court of {c}"),
    ("Statistics Office", "the statistical office of {c}"),
)
ORG_INTERNATIONAL = (
    ("Council", "a regional council of governments that meets twice a year"),
    ("Union", "an economic union of neighbouring states with a common customs area"),
    ("Development Bank", "a multilateral lender that finances infrastructure in the region"),
    ("Forum", "an annual forum where ministers discuss trade and security"),
    ("Alliance", "a defence alliance whose members pledge to assist one another"),
    ("Commission", "an intergovernmental commission that monitors a river basin"),
    ("Monitoring Mission", "a civilian mission that observes the ceasefire line"),
    ("Trade Organization", "a body that sets and arbitrates the region's trade rules"),
)
CONCEPT_ENDS = (
    ("Accord", "a treaty that settled the border and the status of the disputed provinces"),
    ("Protocol", "an agreement that sets the rules for the transit of goods and gas"),
    ("Doctrine", "a foreign-policy doctrine that claims a special role in the neighbourhood"),
    ("Initiative", "a plan to link ports and railways across the region"),
    ("Framework", "a set of principles for resolving disputes over water"),
    ("Compact", "a pact on migration and the return of refugees"),
    ("Declaration", "a joint statement on the inviolability of borders"),
    ("Process", "a series of negotiations on arms control and confidence building"),
)
ROLE_TITLES = (
    "Minister of Foreign Affairs",
    "Prime Minister",
    "Minister of Defence",
    "Special Envoy",
    "Secretary-General",
    "Chief Negotiator",
    "Minister of Energy",
    "Ambassador",
    "President",
    "Spokesperson",
    "Deputy Foreign Minister",
    "Chair of the Board",
)
PROFESSIONS = "diplomat politician economist lawyer general civil-servant negotiator".split()
TOPICS = (
    "grain exports",
    "gas transit",
    "border security",
    "the ceasefire",
    "sanctions relief",
    "fishing rights",
    "the water-sharing agreement",
    "arms control",
    "visa liberalisation",
    "the return of refugees",
    "debt restructuring",
    "rail links",
    "the customs union",
    "election monitoring",
    "minority rights",
    "cyber security",
    "the port concession",
    "nuclear safety",
    "troop withdrawals",
    "energy prices",
    "the pipeline project",
    "tariffs on steel",
    "the prisoner exchange",
    "airspace violations",
    "the drought response",
    "power-grid integration",
    "the peace plan",
    "data-sharing rules",
    "maritime boundaries",
    "humanitarian corridors",
)
TAGS = (
    "diplomacy security trade energy sanctions elections migration climate economy borders "
    "defence agriculture water transport human-rights finance arms-control media justice health"
).split()
PUBLISHERS = ("Example Daily", "The Northern Courier", "Regional Wire", "Evening Ledger", "Harbour Times")
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday".split()
PERIODS = "week month year autumn spring winter summer".split()
WORDS = {
    "progress": ("slow but real", "disappointing", "better than expected", "limited", "encouraging"),
    "meeting_adj": ("frank", "constructive", "tense", "long-delayed", "cordial", "difficult"),
    "accusation": (
        "dragging its feet",
        "breaking its commitments",
        "spreading misleading figures",
        "favouring its larger members",
        "ignoring the court's ruling",
    ),
    "protest": ("rising fuel prices", "the new border rules", "the closure of the plant", "the tax reform"),
    "commodity": ("gas", "electricity", "wheat", "fertiliser", "fuel", "spare parts"),
    "currency": ("crown", "dinar", "mark", "florin", "lira"),
    "outcome": ("a step forward", "a turning point", "a modest success", "the best deal on offer"),
    "spending": ("defence", "border infrastructure", "energy subsidies", "the coast guard"),
    "demand": (
        "a settlement imposed from outside",
        "new conditions at this late stage",
        "any change to the border",
        "a deadline set by others",
    ),
    "next": ("convene again", "publish its findings", "send observers", "propose a compromise"),
}
QUOTES = (
    "We are ready to talk, but not at any price",
    "Nobody should mistake our patience for weakness",
    "The door remains open, and it will stay open",
    "This is not a question of {topic}, it is a question of trust",
    "We have made our proposals; the next step is theirs",
    "We expect concrete answers, not more declarations",
    "Every week of delay costs our farmers and our workers",
    "What was signed in {year} is still the basis of our position",
    "I am cautiously optimistic, but there is a long way to go",
    "We will not negotiate under pressure, and we will not be rushed",
    "Nobody wins if {topic} becomes a weapon",
    "Our neighbours know exactly where our red lines are",
    "The figures speak for themselves, and they are not good",
    "We came here to listen, and we have listened",
)
TEMPLATES = (
    "{C} and {C} resumed talks on {topic} on {weekday}, the first round since {month}.",
    "Officials in {L} said the talks had stalled over {topic}, with neither side willing to move first.",
    "{P}, who leads the delegation of {C}, told reporters that progress on {topic} was {progress}.",
    "The {C.adj} government has repeatedly accused {O} of {accusation}.",
    "According to {O}, {num} per cent of the shipments passing through {L} were delayed last {period}.",
    "{P} met {P} in {L} for what aides described as a {meeting_adj} meeting.",
    "Diplomats familiar with the talks said that {C} wanted guarantees on {topic} before signing anything.",
    "The dispute goes back to {K}, which both capitals signed in {year} but read in very different ways.",
    "Critics of {P} argue that the government has conceded too much on {topic} and got little in return.",
    "In {L}, several hundred people gathered outside the offices of {O} to protest against {protest}.",
    "{O} has so far declined to comment on the proposal, saying only that it would study the text carefully.",
    "Analysts note that {C} depends on {C} for most of its {commodity}, which limits its room for manoeuvre.",
    "A spokesperson for {O} confirmed on {weekday} that a technical team would travel to {L} next {period}.",
    "{P} has made {topic} the centrepiece of a campaign that has so far produced more speeches than results.",
    "The {C.adj} foreign minister, {P}, is expected to raise the issue at the next meeting of {O}.",
    "Under {K}, any change to the arrangement requires the consent of every signatory, including {C}.",
    "Talks between {O} and {C} broke down in {month} after a dispute over {topic}.",
    "The agreement, if it holds, would be the most significant since {K} was concluded.",
    "Neither {P} nor {P} has said publicly what a compromise might look like.",
    "Markets in {L} reacted calmly to the news, and the {currency} closed slightly higher.",
    "Observers from {O} are due to publish their assessment of {topic} by the end of {month}.",
    "{C} insists that the question of {topic} cannot be separated from that of {topic}.",
    "For now, the authorities in {L} are preparing for a long winter and a difficult season.",
    "Several members of parliament in {C} have called for an inquiry into the handling of {topic}.",
    "The proposal was drafted by advisers close to {P}, according to officials who asked not to be named.",
    "It is not the first time that {O} has found itself caught between {C} and {C}.",
    "Last {period}, a similar initiative collapsed when {C} withdrew its support at the last minute.",
    "The visit of {P} to {L} was meant to signal that the door to dialogue remains open.",
    "Relations between {C} and {O} have been strained since the collapse of talks on {K}.",
    "Humanitarian groups working near {L} warn that {num} thousand people could be affected by the measures.",
    "{P} described the outcome as {outcome}, while {P} was more cautious.",
    "The next round of talks is scheduled to take place in {L} in {month}.",
    "Budget documents seen by reporters show that {C} has raised spending on {spending} by {num} per cent.",
    "In private, officials at {O} concede that {topic} will not be settled before the elections.",
    "The {C.adj} side has proposed a phased approach, starting with {topic} and leaving the rest for later.",
    "Supporters of {K} say it has kept the peace for a generation; critics say it merely froze the conflict.",
    "{P}, a former adviser to {P}, said that the government had misjudged the mood in {L}.",
    "Much will depend on whether {O} is prepared to extend its mandate beyond {month}.",
    "The border crossing near {L} was closed for {num} hours on {weekday} after a dispute over paperwork.",
    "Few expect a breakthrough, but both sides say they are willing to keep talking.",
    "Figures published by {O} suggest that trade between {C} and {C} fell by {num} per cent last year.",
    "Speaking in {L}, {P} said that {C} would not accept {demand}.",
    "That position has been welcomed in {C}, which has long argued for {topic} to be treated separately.",
    "The mayor of {L} has asked {O} for emergency funds to repair the damaged roads and bridges.",
    "A senior official in {L} said the timetable was realistic, but added that much could still go wrong.",
    "The {C.adj} opposition has seized on the issue, accusing {P} of weakness.",
    "Even so, the mood among the delegations was noticeably warmer than at the last meeting.",
    "{P} is due to brief the cabinet on {weekday}, and a statement is expected afterwards.",
)
# ``{by="..."}`` is not a template field (the field pattern wants ``{word}``).
QUOTE_FORMS = (
    '[“{q},”]{by="{by}"} said {P}, speaking after the meeting in {L}.',
    '{P} put it bluntly: [“{q}.”]{by="{by}"}',
    '[“{q}”]{by="{by}"}, {P} told journalists on {weekday}.',
    'Asked about {topic}, {P} replied: [“{q}.”]{by="{by}"}',
)
HEADINGS = (
    "A fragile opening",
    "The question of {topic}",
    "Pressure from the capitals",
    "The economic stakes",
    "A long road ahead",
    "Old grievances",
    "What comes next",
    "Divisions at home",
    "Money and leverage",
    "Reactions in the region",
    "The view from the ground",
    "Red lines",
    "A careful choice of words",
    "Who gains, who loses",
)
TITLES = (
    "{C} and {C} resume talks on {topic}",
    "{P} visits {L} as dispute over {topic} deepens",
    "{O} weighs new measures on {topic}",
    "Talks on {topic} stall in {L}",
    "{C.adj} government under pressure over {topic}",
    "{P} calls for compromise on {topic}",
    "Little progress at {O} meeting on {topic}",
    "{C} signals a shift on {topic}",
    "{K} under strain as {C} and {C} trade accusations",
    "{C}: {topic} back on the table after {L} meeting",
)
SUMMARIES = (
    "{C} and {C} ended a round of talks in {L} without agreement on {topic}; {O} is expected to {next}.",
    "{P} defends the government's line on {topic} as critics in {C} call for a tougher stance.",
    "A meeting in {L} produces warm words but no deal on {topic}, and {O} is asked to {next}.",
    "Pressure grows on {C} over {topic} after talks with {C} break up early.",
)
EVENT_TITLES = (
    "{C} and {C} hold talks on {topic} in {L}",
    "{O} meets in {L} to discuss {topic}",
    "{P} visits {L}",
    "{C} announces new measures on {topic}",
    "Protest in {L} against {protest}",
    "{O} publishes its report on {topic}",
)
NOTES = (
    "The source gives the figure as {num} per cent; later estimates were somewhat lower.",
    "The meeting was first announced for {weekday} and then postponed by a day.",
    "{P} held this post until {year}.",
    "The source writes the name of {L} in its older spelling.",
    "The text of {K} has never been published in full.",
    "Figures for {month} are provisional.",
)
ENTITY_BODIES = {
    "people": (
        "Born in {L}, {self} studied law before joining the diplomatic service of {C}.",
        "{self} was long seen as close to the leadership of {O}.",
        "In {year} {self} led the negotiations that produced {K}.",
        "{self} is known for a cautious style and for rarely speaking to the press.",
    ),
    "organizations": (
        "Its headquarters are in {L}.",
        "It was founded in {year}, and {C} was among its first members.",
        "Its work on {topic} has drawn criticism from {C}.",
        "It publishes a report on {topic} every year.",
    ),
    "countries": (
        "Its capital is {L}.",
        "Its economy depends heavily on {commodity} and on trade with {C}.",
        "It has been a member of {O} since {year}.",
        "Its relations with {C} have been shaped by {K}.",
    ),
    "places": (
        "It lies in {C}, close to the border.",
        "The city hosted the talks that led to {K}.",
        "Its port handles much of the region's {commodity}.",
        "{O} has kept an office there since {year}.",
    ),
    "concepts": (
        "It was signed in {L} in {year}.",
        "{C} and {C} have disputed its meaning ever since.",
        "{O} is responsible for monitoring its application.",
        "It is often cited in debates on {topic}.",
    ),
}

# -- the world: entities ---------------------------------------------------------------------


@dataclass
class Entity:
    id: str
    kind: str
    name: str
    summary: str = ""
    short: str = ""
    aliases: list[str] = field(default_factory=list)
    adj: str = ""  # countries: the adjective ("Ostravian")
    acronym: str = ""  # international organizations
    roles: list[dict] = field(default_factory=list)
    body: list = field(default_factory=list)  # parts, see render()


@dataclass
class Slot:
    """An entity named in the text; ``annotate`` is decided once the whole text is known."""

    entity: Entity
    form: str = "name"  # name, adj, short, acronym
    annotate: bool = False
    first: bool = False


def slugify(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def fold(key: str) -> str:
    return " ".join(key.casefold().split())


class World:
    def __init__(self, rng: random.Random, n_entities: int) -> None:
        self.rng = rng
        self.keys: set[str] = set()  # every claimed key, folded: names must never clash
        self.ids: set[str] = set()
        self.slugs: set[str] = set()  # briefing slugs (page names)
        self.by_kind: dict[str, list[Entity]] = {k: [] for k in KINDS}
        counts = {k: max(2, round(n_entities * KIND_SHARE[k])) for k in KINDS}
        counts["concepts"] = max(2, n_entities - sum(counts[k] for k in KINDS if k != "concepts"))
        for kind in ("countries", "places", "organizations", "people", "concepts"):
            for _ in range(counts[kind]):
                self.by_kind[kind].append(getattr(self, f"_make_{kind}")())
        # Popularity: a Zipf-like weight by rank within each kind.
        self.cumulative = {
            k: list(itertools.accumulate(1.0 / (r + 2) for r in range(len(v))))
            for k, v in self.by_kind.items()
        }
        for kind in KINDS:
            for e in self.by_kind[kind]:
                e.summary = self._summary(e)
                if kind == "people":
                    e.roles = self._roles(e)
        for kind in KINDS:
            for e in self.by_kind[kind]:
                e.body = self._entity_body(e)

    @property
    def entities(self) -> list[Entity]:
        return [e for k in KINDS for e in self.by_kind[k]]

    # names -----------------------------------------------------------------------------------

    def root(self, syllables: int) -> str:
        rng = self.rng
        onsets, vowels, codas = ONSETS.split(), VOWELS.split(), CODAS
        parts = []
        for i in range(syllables):
            coda = rng.choice(codas) if i == syllables - 1 else rng.choice(("", "", "n", "r", "l"))
            parts.append(rng.choice(onsets) + rng.choice(vowels) + coda)
        return "".join(parts).capitalize()

    def claim(self, *keys: str) -> bool:
        """Claim every key, or none if any is taken."""
        folded = list(dict.fromkeys(fold(k) for k in keys if k))  # one target may repeat a key
        if any(k in self.keys for k in folded):
            return False
        self.keys.update(folded)
        return True

    def _new(self, kind: str, make) -> Entity:
        while True:
            e = make()
            e.kind = kind
            e.id = slugify(e.name)
            if e.id in self.ids or e.id == "index" or not e.id:
                continue
            keys = [e.id, e.name, e.short, *e.aliases]
            if self.claim(*keys):
                self.ids.add(e.id)
                return e

    def _make_countries(self) -> Entity:
        def make() -> Entity:
            root = self.root(self.rng.choice((1, 2, 2)))
            end, adj = self.rng.choice(COUNTRY_ENDS)
            name = root + end
            e = Entity("", "", name, adj=root + adj)
            if self.rng.random() < 0.4:
                e.aliases = [f"the {self.rng.choice(('Republic', 'Kingdom', 'Federation'))} of {name}"]
            return e

        return self._new("countries", make)

    def _make_places(self) -> Entity:
        def make() -> Entity:
            root = self.root(self.rng.choice((1, 2)))
            name = f"Port {root}" if self.rng.random() < 0.1 else root + self.rng.choice(PLACE_ENDS)
            e = Entity("", "", name)
            if self.rng.random() < 0.15:
                e.aliases = [f"{name} Old Town"]
            return e

        return self._new("places", make)

    def _make_organizations(self) -> Entity:
        def make() -> Entity:
            if self.rng.random() < 0.5:
                country = self.rng.choice(self.by_kind["countries"])
                suffix, _ = self.rng.choice(ORG_NATIONAL)
                return Entity("", "", f"{country.adj} {suffix}")
            root = self.root(2)
            suffix, _ = self.rng.choice(ORG_INTERNATIONAL)
            name = f"{root} {suffix}"
            acronym = "".join(w[0] for w in name.split()).upper() + self.rng.choice(("", "", "O", "C"))
            e = Entity("", "", name)
            if len(acronym) >= 2 and fold(acronym) not in self.keys:
                e.acronym, e.short, e.aliases = acronym, acronym, []
            return e

        return self._new("organizations", make)

    def _make_people(self) -> Entity:
        def make() -> Entity:
            first = self.root(self.rng.choice((1, 1, 2))) + self.rng.choice(FIRST_ENDS)
            last = self.root(self.rng.choice((1, 2))) + self.rng.choice(LAST_ENDS)
            e = Entity("", "", f"{first} {last}", short=last)
            if self.rng.random() < 0.2:
                middle = self.root(1) + self.rng.choice(FIRST_ENDS)
                e.aliases = [f"{first} {middle} {last}"]
            return e

        return self._new("people", make)

    def _make_concepts(self) -> Entity:
        def make() -> Entity:
            place = self.rng.choice(self.by_kind["places"])
            suffix, _ = self.rng.choice(CONCEPT_ENDS)
            base = place.name if self.rng.random() < 0.6 else self.root(2)
            return Entity("", "", f"{base} {suffix}")

        return self._new("concepts", make)

    # descriptions ----------------------------------------------------------------------------

    def pick(self, kind: str, k: int = 1, exclude: tuple = ()) -> list[Entity]:
        """``k`` distinct entities of ``kind``, drawn by popularity."""
        items = self.by_kind[kind]
        available = [e for e in items if e not in exclude]
        if k >= len(available):
            return self.rng.sample(available, len(available))
        cum = self.cumulative[kind]
        chosen: list[Entity] = []
        while len(chosen) < k:
            e = items[bisect.bisect_left(cum, self.rng.random() * cum[-1])]
            if e not in chosen and e not in exclude:
                chosen.append(e)
        return chosen

    def _summary(self, e: Entity) -> str:
        rng = self.rng
        if e.kind == "people":
            country = self.pick("countries")[0]
            prof = rng.choice(PROFESSIONS).replace("-", " ")
            return (
                f"{country.adj} {prof} and {rng.choice(ROLE_TITLES).lower()} since {rng.randint(2008, 2021)}."
            )
        if e.kind == "countries":
            edge = rng.choice(("northern", "eastern", "southern", "western"))
            return f"A state of {rng.randint(2, 60)} million people on the {edge} edge of the region."
        if e.kind == "places":
            country = self.pick("countries")[0]
            what = rng.choice(
                ("A port city", "The capital", "A border town", "An industrial city", "A river town")
            )
            return f"{what} of {country.name}." if what == "The capital" else f"{what} in {country.name}."
        if e.kind == "organizations":
            for suffix, text in ORG_NATIONAL:
                if e.name.endswith(suffix):
                    country = next(c for c in self.by_kind["countries"] if e.name.startswith(c.adj + " "))
                    return text.format(c=country.name)[0].upper() + text.format(c=country.name)[1:] + "."
            text = next(t for s, t in ORG_INTERNATIONAL if e.name.endswith(s))
            return text[0].upper() + text[1:] + "."
        text = next(t for s, t in CONCEPT_ENDS if e.name.endswith(s))
        return f"{text[0].upper()}{text[1:]}, concluded in {rng.randint(1975, 2015)}."

    def _roles(self, e: Entity) -> list[dict]:
        rng = self.rng
        roles = []
        year = rng.randint(2000, 2012)
        for _ in range(rng.choice((1, 1, 2))):
            of = rng.choice(self.by_kind["countries"] + self.by_kind["organizations"])
            start = year + rng.randint(0, 3)
            role = {"title": rng.choice(ROLE_TITLES), "of": of.name, "from": self._partial(start)}
            end = start + rng.randint(1, 6)
            if end < 2022 and rng.random() < 0.6:
                role["to"] = self._partial(end)
            year = end
            roles.append(role)
        return roles

    def _partial(self, year: int) -> str:
        r = self.rng.random()
        if r < 0.4:
            return str(year)
        if r < 0.7:
            return f"{year}-{self.rng.randint(1, 12):02d}"
        return f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def _entity_body(self, e: Entity) -> list:
        sentences = self.rng.sample(ENTITY_BODIES[e.kind], self.rng.randint(2, 3))
        cast = {
            k: self.pick(k, 2, exclude=(e,)) for k in ("countries", "places", "organizations", "concepts")
        }
        parts: list = []
        for s in sentences:
            if parts:
                parts.append(" ")
            parts.extend(fill(self.rng, s, cast, {"self": e.short or e.name}))
        return parts


# -- templates --------------------------------------------------------------------------------

_FIELD = re.compile(r"\{(\w+)(?:\.(\w+))?\}")
SLOT_KINDS = {"P": "people", "C": "countries", "O": "organizations", "L": "places", "K": "concepts"}


def fill(rng: random.Random, template: str, cast: dict[str, list[Entity]], extra: dict | None = None) -> list:
    """A template's parts: text, and a ``Slot`` per entity field; two fields of one kind differ."""
    parts: list = []
    used: dict[str, list] = defaultdict(list)
    pos = 0
    for m in _FIELD.finditer(template):
        parts.append(template[pos : m.start()])
        pos = m.end()
        name, mod = m.group(1), m.group(2)
        if name in SLOT_KINDS:
            kind = SLOT_KINDS[name]
            options = [e for e in cast.get(kind, []) if e not in used[kind]] or cast.get(kind, [])
            e = rng.choice(options)
            used[kind].append(e)
            parts.append(Slot(e, "adj" if mod == "adj" else "name"))
        elif extra and name in extra:
            parts.append(extra[name])
        else:
            word = vocab(rng, name)
            while word in used[name] and name in ("topic", "month", "weekday"):
                word = vocab(rng, name)
            used[name].append(word)
            parts.append(word)
    parts.append(template[pos:])
    return [p for p in parts if p != ""]


def vocab(rng: random.Random, name: str) -> str:
    if name == "topic":
        return rng.choice(TOPICS)
    if name == "weekday":
        return rng.choice(WEEKDAYS)
    if name == "month":
        return rng.choice(MONTHS)
    if name == "period":
        return rng.choice(PERIODS)
    if name == "num":
        return str(rng.randint(3, 48))
    if name == "year":
        return str(rng.randint(1991, 2015))
    return rng.choice(WORDS[name])


def plain(parts: list) -> str:
    """Parts as plain text (no annotation): for titles, summaries and event titles."""
    return "".join(p if isinstance(p, str) else shown(p) for p in parts)


def shown(slot: Slot) -> str:
    e = slot.entity
    if slot.form == "adj":
        return e.adj or e.name
    if slot.form == "short":
        return e.short or e.name
    if slot.form == "acronym":
        return e.acronym
    return e.name


def markup(slot: Slot) -> str:
    e, text = slot.entity, shown(slot)
    if slot.form == "acronym":
        return f"[[{text}]]"  # the alias is a key: shown as written
    return f"[[{e.name}]]" if text == e.name else f"[[{e.name}|{text}]]"


def link(slot: Slot, folder: str) -> str:
    """A mention as an ordinary Markdown link with the hover text the plugin gives it
    (the linked twin: what the links alone cost MkDocs and Material)."""
    e = slot.entity
    hover = f"{e.name} — {e.summary}".replace('"', "'")
    return f'[{shown(slot)}]({folder}{e.id}.md "{hover}")'


def render(parts: list, annotated: bool, links: str | None = None) -> str:
    """Parts as the plugin's source (``annotated``), as plain text, or (``links``: the
    folder of the glossary pages, seen from the page) with annotations as links."""
    out = []
    for p in parts:
        if isinstance(p, Slot) and p.annotate and (annotated or links is not None):
            out.append(markup(p) if annotated else link(p, links or ""))
        elif isinstance(p, Slot):
            out.append(shown(p))
        else:
            out.append(p)
    return "".join(out)


# -- briefings --------------------------------------------------------------------------------


@dataclass
class Briefing:
    stem: str
    slug: str
    date: dt.date
    title: str
    summary: str
    tags: list[str]
    source: dict
    updated: str
    events: list[dict]
    related: list[str]
    blocks: list  # ("p", parts) / ("h", text) / ("quote", parts, slot) / ("note", label, parts)
    mentioned: list[Entity]  # every entity mentioned (for the glossary counts), in order


def make_briefing(rng: random.Random, world: World, i: int, n: int, earlier: list[Briefing]) -> Briefing:
    span = max(365, int(n * 0.8))
    date = START + dt.timedelta(days=i * span // n)
    cast = {k: world.pick(k, c) for k, c in CAST.items()}
    people = cast["people"]

    # Title: unique, as a title is a reference key.
    while True:
        title = plain(fill(rng, rng.choice(TITLES), cast))
        title = title[0].upper() + title[1:]
        if world.claim(title):
            break
    base = slugify(title)
    base = base[:60].rsplit("-", 1)[0] if len(base) > 60 else base  # as `briefing new` does
    slug = base
    stem = f"{date.isoformat()}-{slug}"
    n_same = 2
    while slug in world.slugs or slug == "index" or not world.claim(stem):
        slug = f"{base}-{n_same}"
        stem = f"{date.isoformat()}-{slug}"
        n_same += 1

    world.slugs.add(slug)
    summary = plain(fill(rng, rng.choice(SUMMARIES), cast))

    # Body: paragraphs of 3-6 sentences until about 600 words, two headings, two quotes.
    target = rng.randint(520, 600)  # words; the last paragraph overshoots by ~40 on average
    templates = list(TEMPLATES)
    rng.shuffle(templates)
    blocks: list = []
    words = 0
    paragraphs = 0
    quote_at = sorted(rng.sample(range(5), 2))
    note_at = sorted(rng.sample(range(1, 5), rng.choice((1, 1, 2))))
    speakers = rng.sample(people, 2) if len(people) >= 2 else people * 2
    notes: list[tuple[str, list]] = []
    block_quote = rng.random() < 0.4
    while words < target or paragraphs < 5:
        if paragraphs in (2, 4) and (not blocks or blocks[-1][0] != "h"):
            heading = plain(fill(rng, rng.choice(HEADINGS), cast))
            blocks.append(("h", heading[0].upper() + heading[1:]))
        sentences: list[list] = []
        for _ in range(rng.randint(3, 6)):
            if not templates:
                templates = list(TEMPLATES)
                rng.shuffle(templates)
            sentences.append(fill(rng, templates.pop(), cast))
        if paragraphs in quote_at:
            speaker = speakers[quote_at.index(paragraphs)]
            q = plain(fill(rng, rng.choice(QUOTES), cast))
            by = speaker.name if rng.random() < 0.8 else speaker.short
            form = rng.choice(QUOTE_FORMS).replace("{q}", q).replace("{by}", by)
            sentences.insert(rng.randint(1, len(sentences)), fill(rng, form, {**cast, "people": [speaker]}))
        if paragraphs in note_at:
            label = f"note{len(notes) + 1}"
            k = rng.randrange(len(sentences))
            sentences[k] = [*sentences[k], f"[^{label}]"]
            notes.append((label, fill(rng, rng.choice(NOTES), cast)))
        parts: list = []
        for s in sentences:
            if parts:
                parts.append(" ")
            parts.extend(s)
        if earlier and paragraphs == 1 and rng.random() < 0.3:
            prior = rng.choice(earlier[-40:])
            parts.append(" ")
            parts.append(f"The talks follow those reported in [[{prior.stem}]].")
            parts.append(BriefingRef(prior))
        blocks.append(("p", parts))
        words += len(plain([p for p in parts if not isinstance(p, BriefingRef)]).split())
        paragraphs += 1
        if block_quote and paragraphs == 3:
            speaker = rng.choice(people)
            q = plain(fill(rng, rng.choice(QUOTES), cast))
            blocks.append(("quote", [q + "."], Slot(speaker, "name", annotate=True)))
            block_quote = False
    for label, parts in notes:
        blocks.append(("note", label, parts))

    slots = _slots(blocks)
    _annotate(rng, slots, rng.randint(18, 22))
    mentioned: dict[str, Entity] = {}
    for s in slots:
        if s.annotate:
            mentioned.setdefault(s.entity.id, s.entity)
    for sp in speakers:
        mentioned.setdefault(sp.id, sp)

    events = []
    for _ in range(2):
        when = date - dt.timedelta(days=rng.randint(0, 14))
        title_parts = fill(rng, rng.choice(EVENT_TITLES), cast)
        places = [p.entity for p in title_parts if isinstance(p, Slot) and p.entity.kind == "places"]
        ev: dict = {
            "date": when.isoformat()[:7] if rng.random() < 0.15 else when.isoformat(),
            "title": _cap(plain(title_parts)),
            "place": (places or [rng.choice(cast["places"])])[0].name,
        }
        actors = rng.sample(people + cast["countries"] + cast["organizations"], rng.randint(1, 3))
        ev["actors"] = [a.short if a.kind == "people" and rng.random() < 0.3 else a.name for a in actors]
        events.append(ev)

    related = []
    if earlier and rng.random() < 0.6:
        for b in rng.sample(earlier[-60:], min(len(earlier[-60:]), rng.randint(1, 2))):
            related.append(b.title if rng.random() < 0.2 else b.stem)

    source = {"publisher": rng.choice(PUBLISHERS), "url": f"https://example.org/{date:%Y/%m}/{slug}"}
    source["language"] = "en"
    if rng.random() < 0.3:
        source["translated_from"] = rng.choice(("fr", "de", "es", "it"))
    updated = (
        f"{date.isoformat()}T{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}" if rng.random() < 0.3 else ""
    )
    return Briefing(
        stem=stem,
        slug=slug,
        date=date,
        title=title,
        summary=summary,
        tags=sorted(rng.sample(TAGS, rng.randint(2, 4))),
        source=source,
        updated=updated,
        events=events,
        related=related,
        blocks=blocks,
        mentioned=list(mentioned.values()),
    )


@dataclass
class BriefingRef:
    """Marks the plain twin's rendering of a ``[[stem]]`` mention (the title it shows)."""

    briefing: Briefing


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def _slots(blocks: list) -> list[Slot]:
    """Every slot in reading order; people are named in full first, by surname after."""
    slots: list[Slot] = []
    for block in blocks:
        if block[0] == "p":
            slots += [p for p in block[1] if isinstance(p, Slot)]
        elif block[0] == "quote":
            slots.append(block[2])  # an attribution: always annotated, by full name
        elif block[0] == "note":
            slots += [p for p in block[2] if isinstance(p, Slot)]
    seen: set[str] = set()
    for s in slots:
        s.first = s.entity.id not in seen
        seen.add(s.entity.id)
        if not s.first and s.form == "name" and not s.annotate:
            if s.entity.kind == "people":
                s.form = "short"
            elif s.entity.acronym and len(s.entity.id) % 2:
                s.form = "acronym"
    return slots


def _annotate(rng: random.Random, slots: list[Slot], budget: int) -> None:
    """Annotate each entity's first occurrence and block-quote attributions, then others up to ``budget``."""
    for s in slots:
        s.annotate = s.annotate or s.first
    rest = [s for s in slots if not s.annotate]
    extra = budget - sum(s.annotate for s in slots)
    for s in rng.sample(rest, max(0, min(extra, len(rest)))):
        s.annotate = True


# -- writing ----------------------------------------------------------------------------------


def q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def date_label(iso: str) -> str:
    parts = [int(x) for x in iso.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def body_text(b: Briefing, annotated: bool, links: str | None = None) -> str:
    out = []
    for block in b.blocks:
        if block[0] == "h":
            out.append(f"## {block[1]}")
        elif block[0] == "p":
            text = []
            for p in block[1]:
                if isinstance(p, BriefingRef):
                    continue
                if not annotated and isinstance(p, str) and "[[" in p:
                    title = _title_of(block[1])  # a briefing named by its stem shows its title
                    p = re.sub(r"\[\[[^\]]+\]\]", lambda m, t=title: t, p)
                text.append(p)
            out.append(_quotes(render(text, annotated, links), annotated))
        elif block[0] == "quote":
            attribution = render([block[2]], annotated, links)
            out.append(f"> {render(block[1], annotated, links)}\n> — {attribution}")
        elif block[0] == "note":
            out.append(f"[^{block[1]}]: {render(block[2], annotated, links)}")
    return "\n\n".join(out) + "\n"


def _title_of(parts: list) -> str:
    return next(p.briefing.title for p in parts if isinstance(p, BriefingRef))


_QUOTE = re.compile(r'\[(“[^\[\]]*”)\]\{by="[^"]*"\}')


def _quotes(text: str, annotated: bool) -> str:
    return text if annotated else _QUOTE.sub(lambda m: m.group(1), text)


def briefing_source(b: Briefing) -> str:
    lines = ["---", f"title: {q(b.title)}", f"date: {b.date.isoformat()}"]
    if b.updated:
        lines.append(f"updated: {q(b.updated)}")
    lines.append(f"summary: {q(b.summary)}")
    lines.append("source:")
    lines += [f"  {k}: {q(v)}" for k, v in b.source.items()]
    lines.append(f"tags: [{', '.join(b.tags)}]")
    lines.append("events:")
    for ev in b.events:
        lines.append(f"  - date: {ev['date']}")
        lines.append(f"    title: {q(ev['title'])}")
        lines.append(f"    place: {q(ev['place'])}")
        lines.append(f"    actors: [{', '.join(q(a) for a in ev['actors'])}]")
    if b.related:
        lines.append(f"related: [{', '.join(q(r) for r in b.related)}]")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + body_text(b, annotated=True)


def entity_source(e: Entity) -> str:
    lines = ["---", f"name: {q(e.name)}"]
    if e.short:
        lines.append(f"short: {q(e.short)}")
    if e.aliases:
        lines.append(f"aliases: [{', '.join(q(a) for a in e.aliases)}]")
    lines.append(f"summary: {q(e.summary)}")
    if e.roles:
        lines.append("roles:")
        for r in e.roles:
            lines.append(f"  - title: {q(r['title'])}")
            lines.append(f"    of: {q(r['of'])}")
            lines.append(f"    from: {q(r['from'])}")
            if "to" in r:
                lines.append(f"    to: {q(r['to'])}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + _annotate_all(e.body) + "\n"


def _annotate_all(parts: list) -> str:
    return "".join(markup(p) if isinstance(p, Slot) else p for p in parts)


def plain_briefing(b: Briefing, links: str | None = None) -> str:
    dateline = f"*{date_label(b.date.isoformat())}*"
    if b.updated:
        dateline += f" · Updated {date_label(b.updated[:10])}, {b.updated[11:16]}"
    s = b.source
    dateline += f" · Source: [{s['publisher']}]({s['url']}) (English)"
    if "translated_from" in s:
        dateline += f" · translated from {s['translated_from']}"
    return f"# {b.title}\n\n{dateline}\n\n**In brief:** {b.summary}\n\n" + body_text(b, False, links)


def plain_entity(e: Entity, links: str | None = None) -> str:
    meta = f"*{KIND_LABEL[e.kind][0]}*"
    if e.short and e.short != e.name:
        meta += f" · Short name: {e.short}"
    if e.aliases:
        meta += f" · Also known as: {', '.join(e.aliases)}"
    out = f"# {e.name}\n\n{e.summary}\n\n{meta}\n\n"
    if e.roles:
        for r in e.roles:
            end = date_label(r["to"]) if "to" in r else "present"
            out += f"- {r['title']}, {r['of']} ({date_label(r['from'])} – {end})\n"
        out += "\n"
    if links is None:
        return out + render(e.body, False) + "\n"
    return out + "".join(link(p, links) if isinstance(p, Slot) else p for p in e.body) + "\n"


def plain_briefings_index(briefings: list[Briefing]) -> str:
    out = ["# Briefings\n\nEvery briefing, newest first.\n"]
    for b in sorted(briefings, key=lambda b: (b.date, b.stem), reverse=True):
        out.append(
            f"- [{b.title}]({b.slug}.md) {date_label(b.date.isoformat())}  \n"
            f"  {b.summary}  \n  Tags: {', '.join(b.tags)}"
        )
    return "\n".join(out) + "\n"


def plain_glossary_index(world: World, briefings: list[Briefing]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for b in briefings:
        for e in b.mentioned:
            counts[e.id] += 1
    out = [
        "# Glossary\n\nEveryone and everything the briefings mention, by kind and A–Z, with a one-line "
        "summary and the number of briefings that mention each.\n"
    ]
    for kind in KINDS:
        out.append(f"## {KIND_LABEL[kind][1]}\n")
        for e in sorted(world.by_kind[kind], key=lambda e: fold(e.name)):
            n = counts[e.id]
            out.append(f"- [{e.name}]({e.id}.md) {n} briefing{'s' * (n != 1)}: {e.summary}")
        out.append("")
    return "\n".join(out)


def plain_timeline(briefings: list[Briefing]) -> str:
    events = [(ev, b) for b in briefings for ev in b.events]
    events.sort(key=lambda x: (x[0]["date"], x[1].stem))
    out = ["# Timeline\n\nEvery dated event of every briefing, in date order.\n"]
    month = ""
    for ev, b in events:
        if ev["date"][:7] != month:
            month = ev["date"][:7]
            out.append(f"\n## {date_label(month)}\n")
        out.append(
            f"- {date_label(ev['date'])}: {ev['title']}. Where: {ev['place']}. "
            f"Who: {', '.join(ev['actors'])}. Briefing: [{b.title}](../briefings/{b.slug}.md)"
        )
    return "\n".join(out) + "\n"


def mkdocs_yml(n: int, with_plugin: bool) -> str:
    nav = (
        "nav:\n"
        "  - Home: index.md\n"
        "  - Briefings: briefings/index.md\n"
        "  - Glossary: glossary/index.md\n"
        "  - Timeline: timeline/index.md\n"
    )
    head = f"site_name: Synthetic briefings (N={n})\n"
    if with_plugin:
        return (
            head + "theme:\n  name: material\n  font: false\n" + nav + "plugins:\n  - search\n  - briefing\n"
        )
    # What the plugin turns on by itself, turned on by hand; pages outside the nav are
    # expected (as the plugin's briefing and entry pages are).
    return (
        head
        + "theme:\n  name: material\n  font: false\n"
        + "  features:\n    - content.tooltips\n    - content.footnote.tooltips\n"
        + nav
        + "plugins:\n  - search\n"
        + "markdown_extensions:\n  - footnotes\n  - attr_list\n"
        + "not_in_nav: |\n  /briefings/*\n  /glossary/*\n"
    )


HOME = """# Synthetic briefings

A generated corpus of {n} briefings and {e} glossary entries, for benchmarking the
`briefing` plugin. Start with the [briefings](briefings/index.md), the
[glossary](glossary/index.md) or the [timeline](timeline/index.md).
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def generate(n: int, out: Path, seed: int = 1) -> dict:
    rng = random.Random(seed * 1_000_003 + n)
    world = World(rng, max(10, n // 5))
    briefings: list[Briefing] = []
    for i in range(n):
        briefings.append(make_briefing(rng, world, i, n, briefings))

    for twin in ("plugin", "plain", "linked"):
        if (out / twin).exists():
            shutil.rmtree(out / twin)
    home = HOME.format(n=n, e=len(world.entities))

    site = out / "plugin"
    write(site / "mkdocs.yml", mkdocs_yml(n, with_plugin=True))
    write(site / "docs" / "index.md", home)
    for b in briefings:
        write(site / "briefings" / f"{b.stem}.md", briefing_source(b))
    for e in world.entities:
        write(site / "briefings" / "glossary" / e.kind / f"{e.id}.md", entity_source(e))

    for twin, links in (("plain", None), ("linked", "../glossary/")):
        site = out / twin
        write(site / "mkdocs.yml", mkdocs_yml(n, with_plugin=False))
        write(site / "docs" / "index.md", home)
        for b in briefings:
            write(site / "docs" / "briefings" / f"{b.slug}.md", plain_briefing(b, links))
        for e in world.entities:
            write(site / "docs" / "glossary" / f"{e.id}.md", plain_entity(e, links and ""))
        write(site / "docs" / "briefings" / "index.md", plain_briefings_index(briefings))
        write(site / "docs" / "glossary" / "index.md", plain_glossary_index(world, briefings))
        write(site / "docs" / "timeline" / "index.md", plain_timeline(briefings))

    bodies = [body_text(b, annotated=True) for b in briefings]
    mentions = sum(len(re.findall(r"\[\[", t)) for t in bodies)
    quotes = sum(len(re.findall(r"\]\{by=", t)) for t in bodies)
    words = sum(len(body_text(b, annotated=False).split()) for b in briefings)
    return {
        "briefings": n,
        "entities": len(world.entities),
        "mentions": mentions,
        "quotes": quotes,
        "events": sum(len(b.events) for b in briefings),
        "words_per_briefing": round(words / n),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of briefings (entities: N/5)")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    stats = generate(args.n, args.outdir, args.seed)
    print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
