"""Deterministic benchmark corpus: posts of a fictional county government and its staff.

Everything here is invented for the benchmark (templates, names, numbers); nothing is copied
from the evaluation data. A seed fixes the output exactly, so timings compare like with like.

    python tests/bench/generate_corpus.py --count 5000 --seed 7 --out bench-out/corpus
    python tests/bench/generate_corpus.py --count 1000000 --drafts 0 --out /tmp/big

writes ``OUT/posts.jsonl`` ({"id", "text", "date", "author", "url"} a line), ``OUT/drafts/``
(the first ``--drafts`` posts as small Markdown drafts; personal posts carry
``mode: personal`` front matter) and ``OUT/smlint.toml`` (the county's [agency] config).

Library use (the scan benchmark streams a million posts this way)::

    from generate_corpus import iter_posts, write_jsonl
    write_jsonl(Path("/tmp/posts.jsonl"), 1_000_000, seed=7)

About one post in five carries a problem a linter should report: an SSN, a direct phone
number, a private email, a case number, profanity, political advocacy, a shortened link or
a run of capitals.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

# --- the county ----------------------------------------------------------------------------

AGENCY_NAME = "Millbrook County"
DOMAIN = "millbrookcounty.gov"
PUBLIC_PHONES = ("608-555-0100", "608-555-0111", "608-555-0123")
PUBLIC_EMAILS = ("info@millbrookcounty.gov", "library@millbrookcounty.gov")
PUBLIC_FIGURES = ("Dana Whitfield", "Marcus Ortega")
PUBLIC_ADDRESSES = ("400 Courthouse Square, Millbrook", "18 Elm Street, Millbrook")
TOPICS = (
    "jobs",
    "hiring",
    "library",
    "snow",
    "flood",
    "roads",
    "scam",
    "fraud",
    "health",
    "parks",
    "emergency",
    "weather",
    "vaccination",
    "recycling",
    "budget",
)

AGENCY_CONFIG = f"""\
# smlint configuration for the benchmark corpus (a fictional county)
policy = "default"
mode = "official"

[agency]
name = "{AGENCY_NAME}"
aliases = ["the County", "Millbrook County Government"]
official-domains = ["{DOMAIN}"]
partner-domains = ["ready.gov", "weather.gov", "ftc.gov", "dol.gov"]
public-phones = {json.dumps(list(PUBLIC_PHONES))}
public-emails = {json.dumps(list(PUBLIC_EMAILS))}
public-figures = {json.dumps(list(PUBLIC_FIGURES))}
public-addresses = {json.dumps(list(PUBLIC_ADDRESSES))}
topics = {json.dumps(list(TOPICS))}
external-link-disclaimers = ["not responsible for the content of external sites"]

[identifiers]
case-number = ['\\bMC-\\d{{4}}-\\d{{5}}\\b']
"""


@dataclass(frozen=True)
class Account:
    handle: str
    department: str
    subdomain: str
    topics: tuple[str, ...]
    weight: int


ACCOUNTS = (
    Account("MillbrookCounty", "Millbrook County", "", ("general", "budget", "snow"), 14),
    Account("MillbrookEM", "Emergency Management", "ready", ("flood", "snow", "storm"), 16),
    Account("MillbrookLibrary", "Millbrook Public Library", "library", ("library",), 14),
    Account("MillbrookJobs", "Workforce Center", "jobs", ("jobfair", "jobs"), 14),
    Account("MillbrookSheriff", "Sheriff's Office", "sheriff", ("scam", "roads"), 12),
    Account("MillbrookHealth", "Health Department", "health", ("health",), 10),
    Account("MillbrookRoads", "Public Works", "roads", ("roads", "snow"), 10),
    Account("MillbrookParks", "Parks and Recreation", "parks", ("parks",), 10),
)
_ACCOUNT_WEIGHTS = tuple(a.weight for a in ACCOUNTS)


def _v(items: str) -> tuple[str, ...]:
    """A vocabulary written compactly as 'a | b | c'."""
    return tuple(item.strip() for item in items.split("|"))


FIRST = _v(
    "Jordan | Maria | Kevin | Aisha | Tom | Priya | Luis | Hannah | Samuel | Grace | "
    "Derek | Mei | Carlos | Erin | Noah | Fatima | Brett | Olivia | Tyrone | Ingrid"
)
LAST = _v(
    "Okafor | Lindqvist | Bauer | Castillo | Nguyen | Hartley | Moreau | Patel | "
    "Sorensen | Brooks | Delgado | Kowalski | Whitaker | Tanaka | Ramirez | Fischer"
)
TITLES = _v(
    "Communications Specialist | Public Information Officer | Branch Manager | "
    "Emergency Management Coordinator | Workforce Consultant | Outreach Librarian | "
    "Deputy Director | Social Media Coordinator | Program Manager"
)

# --- vocabularies filled into templates -------------------------------------------------------

VOCAB: dict[str, tuple[str, ...]] = {
    "day": _v("Monday | Tuesday | Wednesday | Thursday | Friday | Saturday | Sunday"),
    "month": _v(
        "January | February | March | April | May | June | July | August | September | "
        "October | November | December"
    ),
    "time": _v("8 a.m. | 9 a.m. | 10 a.m. | noon | 1 p.m. | 2 p.m. | 4 p.m. | 6 p.m."),
    "endtime": _v("3 p.m. | 4 p.m. | 5 p.m. | 7 p.m. | 8 p.m."),
    "dnum": tuple(str(n) for n in range(1, 29)),
    "venue": _v(
        "the Millbrook Community Center | Riverside Hall | the County Fairgrounds | "
        "the Eastside Branch Library | Millbrook High School gym | "
        "the Workforce Center on Elm Street | Oak Park pavilion"
    ),
    "branch": _v("Main | Eastside | Northgate | Cedar Falls | Lakeview"),
    "road": _v(
        "Route 9 | County Road 14 | Mill Creek Drive | River Road | Highway 31 | "
        "Old Quarry Lane | Bridge Street"
    ),
    "town": _v("Millbrook | Cedar Falls | Lakeview | Northgate | Harmon | Pike Crossing"),
    "river": _v("Mill Creek | the Harmon River | Cedar Creek"),
    "inches": _v("2 | 3 | 4 to 6 | 6 to 10 | 8 | 12"),
    "feet": _v("11.5 | 12.2 | 13 | 14.8 | 15.1"),
    "employers": _v("40 | 55 | more than 60 | 70+ | 85"),
    "sector": _v(
        "healthcare | manufacturing | construction | logistics | hospitality | "
        "public safety | IT | education"
    ),
    "scam": _v(
        "callers claiming to be from the Sheriff's Office | "
        "texts saying your toll account is past due | "
        "emails asking you to 'verify' your benefits | "
        "people offering to speed up your permit for a fee | "
        "calls about a missed jury duty warrant"
    ),
    "payment": _v("gift cards | wire transfers | cryptocurrency | prepaid debit cards"),
    "event": _v(
        "storytime | a teen coding club | ESL conversation hour | a seed library swap | "
        "a resume workshop | a local author talk | tax help sessions"
    ),
    "service": _v(
        "flu shots | COVID-19 boosters | blood pressure checks | WIC sign-ups | "
        "free radon test kits"
    ),
    "park": _v("Oak Park | Riverside Park | Harmon Trailhead | Lakeview Beach"),
    "activity": _v(
        "pickleball | summer camp | swim lessons | a trail cleanup | the 5K fun run | youth soccer"
    ),
    "hobby": _v(
        "my garden | our dog Biscuit | the farmers market | my kid's robotics team | "
        "this trail | homemade salsa"
    ),
    "page": _v("jobs | snow | flood | library | scams | alerts | parks | health | roads | budget"),
}

PAGES: dict[str, tuple[str, ...]] = {
    "jobfair": ("jobs", "jobs/fair", "careers"),
    "jobs": ("jobs", "careers", "apprenticeship"),
    "snow": ("snow", "alerts", "roads/plowing"),
    "storm": ("alerts", "ready"),
    "flood": ("flood", "alerts", "roads/closures"),
    "library": ("library", "events", "hours"),
    "scam": ("scams", "report-fraud"),
    "roads": ("roads", "roads/closures"),
    "health": ("health", "clinics"),
    "parks": ("parks", "register"),
}

EMOJI = ("❄️", "🚧", "📚", "⚠️", "🌊", "💼", "🎉", "✅", "📣", "🌳", "🚨", "☀️", "👏", "🙌")

HASHTAGS: dict[str, tuple[str, ...]] = {
    "jobfair": _v("#JobFair | #MillbrookHires | #NowHiring | #jobfair2026"),
    "jobs": _v("#NowHiring | #CareerTips | #Apprenticeship"),
    "snow": _v("#SnowEmergency | #MillbrookWx | #snowday | #WinterReady"),
    "storm": _v("#MillbrookWx | #StormPrep | #BeReady"),
    "flood": _v("#FloodWatch | #TurnAroundDontDrown | #MillbrookWx"),
    "library": _v("#LibraryLife | #ReadLocal | #librarycard | #StoryTime"),
    "scam": _v("#ScamAlert | #FraudPrevention | #StaySafe"),
    "roads": _v("#RoadWork | #MillbrookTraffic | #roadclosure"),
    "health": _v("#PublicHealth | #FluSeason | #GetVaccinated"),
    "parks": _v("#MillbrookParks | #GetOutside | #summerfun"),
    "general": _v("#MillbrookCounty | #CountyNews | #CommunityMatters"),
    "budget": _v("#MillbrookCounty | #OpenGov | #BudgetHearing"),
    "personal": _v("#weekend | #gardening | #proudparent | #TrailLife"),
}

# Sentence templates per topic; the first of a post comes from ``opener``, then ``body``.
TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "jobfair": {
        "opener": (
            "Job fair this {day}, {time}–{endtime} at {venue}!",
            "Looking for work? Meet {employers} local employers on {day}, {month} {dnum}.",
            "Our spring job fair is back: {month} {dnum} at {venue}.",
        ),
        "body": (
            "Employers in {sector} and {sector} are hiring on the spot.",
            "Bring copies of your resume and dress for an interview.",
            "Free resume reviews from {time} to {endtime}.",
            "Veterans get early entry at {time}.",
            "Childcare is available on site while you interview.",
            "No registration needed, and parking is free.",
        ),
    },
    "jobs": {
        "opener": (
            "New apprenticeship openings in {sector} — paid training from day one.",
            "Tip of the week: tailor your resume to each job posting.",
            "The Workforce Center has free computer labs for job seekers, {day} to {day}.",
        ),
        "body": (
            "Classes start in {month}; seats are limited.",
            "Our consultants can help you file for unemployment benefits or find training.",
            "Walk-ins welcome {day} mornings from {time}.",
            "Ask about help with transportation and work clothes.",
        ),
    },
    "snow": {
        "opener": (
            "SNOW EMERGENCY declared for {town} starting {time} {day}.",
            "{inches} inches of snow expected tonight across Millbrook County.",
            "Plows are out on {road} and all primary routes.",
        ),
        "body": (
            "Please move vehicles off snow routes so plows can clear curb to curb.",
            "Cars left on marked snow routes may be towed at the owner's expense.",
            "Warming centers are open at {venue} until {endtime}.",
            "Check on older neighbors and keep sidewalks and hydrants clear.",
            "Give plow trucks plenty of room and don't pass them on the right.",
            "County offices open two hours late on {day}.",
        ),
    },
    "storm": {
        "opener": (
            "Severe thunderstorm watch for Millbrook County until {endtime}.",
            "High winds are expected {day} afternoon.",
        ),
        "body": (
            "Secure patio furniture and charge your phones tonight.",
            "Report downed power lines to the utility, and stay at least 30 feet away.",
            "Sign up for emergency alerts so you get warnings first.",
            "Build a kit with water, medication and a flashlight for each person.",
        ),
    },
    "flood": {
        "opener": (
            "FLOOD UPDATE: {river} is at {feet} ft and rising.",
            "Flood warning remains in effect for low areas near {river}.",
            "Water is over the road on {road} near {town}.",
        ),
        "body": (
            "Turn around, don't drown — just 6 inches of moving water can knock you down.",
            "Sandbags are available at {venue} while supplies last.",
            "{road} is closed between {town} and {town}; use the marked detour.",
            "Crest is expected {day} evening; we'll post updates every few hours.",
            "Do not drive around barricades.",
            "Residents in the flood zone should be ready to leave if told to.",
        ),
    },
    "library": {
        "opener": (
            "Holiday hours: all branches close at {endtime} on {day}.",
            "The {branch} Branch reopens {day} with new hours, {time} to {endtime}.",
            "Join us for {event} at the {branch} Branch this {day}!",
        ),
        "body": (
            "Your library card also gets you free e-books, audiobooks and museum passes.",
            "Book drops stay open 24/7.",
            "All ages welcome; no registration required.",
            "Renew items online or at any branch.",
            "The makerspace is open {day} evenings for adults and teens.",
        ),
    },
    "scam": {
        "opener": (
            "Scam alert: watch out for {scam}.",
            "We're getting reports of {scam}.",
            "Heads up, {town}: {scam} are going around again.",
        ),
        "body": (
            "No government agency will ever ask you to pay with {payment}.",
            "Hang up and call us back at a number you look up yourself.",
            "Never share your bank details or passwords with someone who contacts you first.",
            "If you think you paid a scammer, report it to local police right away.",
            "Talk to older relatives about these calls — they are often targeted.",
        ),
    },
    "roads": {
        "opener": (
            "Road work on {road} starts {day}, {month} {dnum}.",
            "Crash cleanup: {road} is down to one lane near {town}.",
            "Bridge inspection on {road} {day} from {time} to {endtime}.",
        ),
        "body": (
            "Expect delays and watch for flaggers.",
            "Please slow down in work zones — our crews are out there.",
            "The work should wrap up by the end of {month}, weather permitting.",
            "Use {road} as an alternate route.",
        ),
    },
    "health": {
        "opener": (
            "Free {service} at {venue} on {day}, {time}–{endtime}.",
            "It's not too late to get {service}.",
            "Walk-in clinic hours change in {month}.",
        ),
        "body": (
            "No appointment or insurance needed.",
            "Bring your insurance card if you have one.",
            "Wash your hands often and stay home when you're sick.",
            "Interpreters are available on request.",
        ),
    },
    "parks": {
        "opener": (
            "Registration for {activity} opens {day}, {month} {dnum}!",
            "{park} is open again after repairs.",
            "Come out for {activity} at {park} this {day}.",
        ),
        "body": (
            "Scholarships are available for families who qualify.",
            "Dogs must stay on leash on all trails.",
            "Parking is limited, so consider biking or carpooling.",
            "Sunscreen and water bottles strongly recommended.",
        ),
    },
    "general": {
        "opener": (
            "County offices are closed {day} for the holiday.",
            "The Board of Commissioners meets {day} at {time} in the Courthouse.",
            "Property tax bills go out this {month}.",
        ),
        "body": (
            "Meetings are streamed live and posted online afterwards.",
            "Public comment is welcome in person or in writing.",
            "Most services are also available online around the clock.",
            "Thank you to everyone who came out last week!",
        ),
    },
    "budget": {
        "opener": (
            "The proposed budget for next year is now online.",
            "Budget hearing {day}, {month} {dnum} at {time}.",
        ),
        "body": (
            "You can read every line item and leave comments.",
            "Printed copies are available at each library branch.",
            "The hearing is open to the public.",
        ),
    },
    "personal": {
        "opener": (
            "What a weekend — {hobby} finally paid off!",
            "Spent {day} morning at {park} with the family.",
            "Proud of {hobby} today.",
            "Long week at work, but grateful for great coworkers.",
        ),
        "body": (
            "Nothing beats fresh air after a week at a desk.",
            "Who else is ready for spring?",
            "Highly recommend the trail loop if you haven't tried it.",
            "Coffee first, then chores.",
        ),
    },
}

AREA_CODES = ("608", "414", "715", "920", "307", "262")
SHORTENERS = ("bit.ly", "tinyurl.com", "ow.ly", "t.co", "buff.ly")
PERSONAL_DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com")
PROFANE = (
    "This damn snow will not quit.",
    "What the hell were people thinking driving through that water?",
    "Honestly this weather is crap.",
    "These scammers are pieces of shit.",
    "Who the f*ck parks on a snow route?",
    "Bullsh!t excuses won't get your car back from the tow lot.",
    "Traffic on {road} is a total ass-kicker today.",
)
POLITICAL = (
    "Vote YES on Measure 4 this November to fund the new library!",
    "Re-elect Commissioner {first} {last} — she gets things done.",
    "Don't let the other party gut our roads budget. Vote them out!",
    "Call your state senator today and tell them to vote NO on House Bill 2231.",
    "Proud to support {first} {last} for Sheriff.",
)
CAPS = (
    "DO NOT DRIVE INTO FLOODED ROADS UNDER ANY CIRCUMSTANCES PLEASE",
    "ALL COUNTY OFFICES ARE CLOSED TODAY DUE TO WEATHER",
    "THIS IS A SCAM DO NOT GIVE THEM YOUR INFORMATION",
    "REGISTRATION CLOSES FRIDAY SO SIGN UP NOW",
)


class _Slots(dict):
    """``str.format_map`` values chosen on demand, so a template pays only for its slots."""

    __slots__ = ("rng",)

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        if key == "first":
            return self.rng.choice(FIRST)
        if key == "last":
            return self.rng.choice(LAST)
        return self.rng.choice(VOCAB[key])


# --- problems a linter should find -------------------------------------------------------------


def _ssn(rng: random.Random) -> str:
    area = rng.choice((rng.randint(1, 665), rng.randint(667, 899)))
    number = f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"
    return rng.choice(
        (
            f"Client SSN is {number}, please call her back.",
            f"Can someone check on SSN {number}? His benefits stopped.",
            f"Her social security number {number} was used on the wrong form.",
        )
    )


def _phone(rng: random.Random) -> str:
    # 555-0100..0199 numbers are reserved for fiction in the North American plan.
    number = f"{rng.choice(AREA_CODES)}-555-{rng.randint(100, 199):04d}"
    formatted = rng.choice(
        (number, f"({number[:3]}) {number[4:]}", number.replace("-", "."), f"+1 {number}")
    )
    return rng.choice(
        (
            f"Questions? Call me directly at {formatted}.",
            f"Text my cell {formatted} if the line is busy.",
            f"My direct line is {formatted}.",
        )
    )


def _email(rng: random.Random) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    address = f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@{rng.choice(PERSONAL_DOMAINS)}"
    return rng.choice(
        (
            f"Send your resume to {address} and I'll pass it along.",
            f"Email me at {address} with questions.",
        )
    )


def _case(rng: random.Random) -> str:
    number = f"MC-{rng.randint(2019, 2026)}-{rng.randint(10000, 99999)}"
    return rng.choice(
        (
            f"Update for the claimant on case {number}: paperwork received.",
            f"Re: claim no. {rng.randint(100000, 999999)} — we need one more document.",
            f"File number {number} is approved, {rng.choice(FIRST)}.",
        )
    )


def _shortlink(rng: random.Random) -> str:
    code = "".join(
        rng.choice("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(7)
    )
    return f"Details: https://{rng.choice(SHORTENERS)}/{code}"


def _profane(rng: random.Random) -> str:
    return rng.choice(PROFANE).format_map(_Slots(rng))


def _political(rng: random.Random) -> str:
    return rng.choice(POLITICAL).format_map(_Slots(rng))


def _caps(rng: random.Random) -> str:
    return rng.choice(CAPS)


# (label, probability per post, sentence maker). About 20% of posts get at least one.
PROBLEMS = (
    ("ssn", 0.015, _ssn),
    ("phone", 0.03, _phone),
    ("email", 0.025, _email),
    ("case-number", 0.02, _case),
    ("profanity", 0.025, _profane),
    ("political", 0.02, _political),
    ("shortened-link", 0.035, _shortlink),
    ("all-caps", 0.03, _caps),
)

# --- assembling posts ------------------------------------------------------------------------

START = date(2024, 1, 1)
MIN_LEN, MAX_LEN = 60, 600


def _fill(template: str, slots: _Slots) -> str:
    text = template.format_map(slots)
    return text[:-1] if text.endswith("..") else text  # "at 6 p.m.." reads as a typo


def _fit(parts: list[str], limit: int) -> str:
    """Join sentences, dropping from the end (never the first) until under ``limit``."""
    text = " ".join(parts)
    while len(text) > limit and len(parts) > 1:
        parts.pop()
        text = " ".join(parts)
    return text[:limit]


def make_post(rng: random.Random, index: int) -> dict[str, str]:
    """One post as an export row: id, text, date, author, url (plus mode for drafts)."""
    account = rng.choices(ACCOUNTS, _ACCOUNT_WEIGHTS)[0]
    personal = rng.random() < 0.08
    topic = "personal" if personal else rng.choice(account.topics)
    if topic == "jobs" and rng.random() < 0.5:
        topic = "jobfair"
    slots = _Slots(rng)
    tpl = TEMPLATES[topic]
    target = int(rng.triangular(MIN_LEN, MAX_LEN, 170))
    parts = [_fill(rng.choice(tpl["opener"]), slots)]
    body = list(tpl["body"])
    rng.shuffle(body)
    for sentence in body:
        if len(" ".join(parts)) >= target:
            break
        parts.append(_fill(sentence, slots))

    for _label, chance, maker in PROBLEMS:
        if rng.random() < chance:
            parts.insert(rng.randint(1, len(parts)), maker(rng))

    host = f"{account.subdomain}.{DOMAIN}" if account.subdomain else DOMAIN
    tail: list[str] = []
    if not personal and rng.random() < 0.7:
        page = rng.choice(PAGES.get(topic, VOCAB["page"]))
        tail.append(rng.choice((f"More: https://{host}/{page}", f"https://{host}/{page}")))
    elif rng.random() < 0.1:
        tail.append(f"https://www.ready.gov/{rng.choice(('floods', 'winter-weather', 'kit'))}")
    tags = HASHTAGS[topic]
    if rng.random() < 0.6:
        tail.append(" ".join(rng.sample(tags, k=min(len(tags), rng.randint(1, 3)))))
    if rng.random() < 0.45:
        tail.append(rng.choice(EMOJI) * rng.randint(1, 2))
    first, last = rng.choice(FIRST), rng.choice(LAST)
    if personal:
        if rng.random() < 0.3:
            tail.append(f"(I work for {AGENCY_NAME}; views are my own.)")
    elif rng.random() < 0.75:
        tail.append(f"— {first} {last}, {rng.choice(TITLES)}")
    elif rng.random() < 0.5:
        tail.append(f"^{first[0]}{last[0]}")

    text = _fit(parts, MAX_LEN - sum(len(t) + 1 for t in tail))
    text = " ".join([text, *tail]) if tail else text
    if len(text) < MIN_LEN:
        text = f"{text} Questions? Call {PUBLIC_PHONES[0]} or visit https://{DOMAIN}."
    day = START + timedelta(days=rng.randrange(1000), seconds=rng.randrange(86400))
    post_id = str(1_750_000_000_000_000_000 + index * 7_919 + rng.randrange(7_919))
    handle = f"{first}{last}" if personal else account.handle
    return {
        "id": post_id,
        "text": text[:MAX_LEN],
        "date": f"{day.isoformat()}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00Z",
        "author": handle,
        "url": f"https://x.com/{handle}/status/{post_id}",
        "mode": "personal" if personal else "official",
    }


def iter_posts(count: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """``count`` posts, the same for the same seed. Each has id, text, date, author, url, mode."""
    rng = random.Random(seed)
    for index in range(count):
        yield make_post(rng, index)


EXPORT_KEYS = ("id", "text", "date", "author", "url")


def write_jsonl(path: Path, count: int, seed: int = 7) -> int:
    """Stream ``count`` posts to ``path`` as JSONL (export keys only); returns bytes written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    written = 0
    with path.open("w", encoding="utf-8", buffering=1 << 20) as handle:
        batch: list[str] = []
        for post in iter_posts(count, seed):
            batch.append(dumps({k: post[k] for k in EXPORT_KEYS}))
            if len(batch) == 4096:
                chunk = "\n".join(batch) + "\n"
                written += handle.write(chunk)
                batch.clear()
        if batch:
            written += handle.write("\n".join(batch) + "\n")
    return written


def draft_text(post: dict[str, str]) -> str:
    """A post as a Markdown draft; personal posts say so in front matter."""
    if post["mode"] == "personal":
        return f"---\nmode: personal\n---\n{post['text']}\n"
    return post["text"] + "\n"


def write_corpus(out: Path, count: int, seed: int = 7, drafts: int | None = None) -> Path:
    """posts.jsonl, the first ``drafts`` (default all) posts as drafts/, and smlint.toml."""
    drafts = count if drafts is None else min(drafts, count)
    out.mkdir(parents=True, exist_ok=True)
    draft_dir = out / "drafts"
    if draft_dir.exists():  # a previous, maybe larger, corpus: drop its drafts
        for old in draft_dir.glob("*.md"):
            old.unlink()
    if drafts:
        draft_dir.mkdir(exist_ok=True)
    (out / "smlint.toml").write_text(AGENCY_CONFIG, encoding="utf-8")
    width = len(str(max(count, 1)))
    with (out / "posts.jsonl").open("w", encoding="utf-8", buffering=1 << 20) as handle:
        for index, post in enumerate(iter_posts(count, seed)):
            row = {k: post[k] for k in EXPORT_KEYS}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            if index < drafts:
                name = draft_dir / f"post-{index + 1:0{width}d}.md"
                name.write_text(draft_text(post), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=5000, help="posts to generate [5000]")
    parser.add_argument("--seed", type=int, default=7, help="random seed [7]")
    parser.add_argument("--out", type=Path, default=Path("bench-out/corpus"), help="folder")
    parser.add_argument(
        "--drafts", type=int, default=None, help="write the first N posts as drafts [all]"
    )
    args = parser.parse_args(argv)
    if args.count < 0 or (args.drafts is not None and args.drafts < 0):
        parser.error("--count and --drafts must be >= 0")
    if args.drafts == 0:
        write_jsonl(args.out / "posts.jsonl", args.count, args.seed)
        (args.out / "smlint.toml").write_text(AGENCY_CONFIG, encoding="utf-8")
    else:
        write_corpus(args.out, args.count, args.seed, args.drafts)
    print(f"wrote {args.count} posts to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
