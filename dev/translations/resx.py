#!/usr/bin/env python3
"""Translating VpiBot's resources (VpiBot/Resources/Strings.resx, English) into another language's Strings.{lang}.resx.

  resx.py export LANG [DIR]   writes DIR/todo-NN.json: the keys LANG's file lacks, 100 a file, each with the English
                              text, its comment, and (for plural families) the CLDR categories LANG needs
  resx.py merge LANG [DIR]    reads DIR/done-*.json ({key: translation}) and writes Strings.LANG.resx with every
                              translation known so far, in the English file's order (extra plural categories after
                              their family), refusing any translation whose {n} placeholders differ from the English
  resx.py check LANG          lists what is missing, placeholders that differ, and values left in English

DIR defaults to /tmp/translations/LANG. Plural families are keys ending in .One/.Other (Text.Plural): a language adds
the categories it uses (ru: One Few Many Other; ar: Zero One Two Few Many Other; fr, es: One Other; zh-Hans: Other).
"""
import json, os, re, sys, glob
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "VpiBot", "Resources")
ENGLISH = os.path.join(ROOT, "Strings.resx")
CATEGORIES = {"ru": ["One", "Few", "Many", "Other"], "ar": ["Zero", "One", "Two", "Few", "Many", "Other"],
              "fr": ["One", "Other"], "es": ["One", "Other"], "zh-Hans": ["Other"], "en": ["One", "Other"]}
PLURAL = re.compile(r"^(.*)\.(Zero|One|Two|Few|Many|Other)$")
HOLE = re.compile(r"\{(\d+)(?:[:,][^}]*)?\}")


def read(path):
    if not os.path.exists(path):
        return {}, {}
    values, comments = {}, {}
    for d in ET.parse(path).getroot().findall("data"):
        values[d.get("name")] = d.findtext("value") or ""
        if d.find("comment") is not None:
            comments[d.get("name")] = d.findtext("comment")
    return values, comments


def families(english):
    """Plural families: a key with both .One and .Other in English (OrgType.Other alone is a value named Other)."""
    return {m.group(1) for k in english if (m := PLURAL.match(k)) and k.endswith(".Other") and f"{m.group(1)}.One" in english}


def wanted(english, lang):
    """Every key LANG's file must have: the English keys, with plural families widened to LANG's categories."""
    fams = families(english)
    keys = []
    for k in english:
        m = PLURAL.match(k)
        if m and m.group(1) in fams:
            if k.endswith(".Other"):
                keys += [f"{m.group(1)}.{c}" for c in CATEGORIES[lang]]
            continue
        keys.append(k)
    for f in fams:  # a family whose English has only .Other still gets LANG's categories
        for c in CATEGORIES[lang]:
            if f"{f}.{c}" not in keys:
                keys.append(f"{f}.{c}")
    return list(dict.fromkeys(keys))


def source_of(english, key):
    m = PLURAL.match(key)
    if key in english:
        return english[key]
    return english.get(f"{m.group(1)}.Other", "") if m else ""


def holes(text):
    return sorted(set(HOLE.findall(text)))


def path_of(lang):
    return os.path.join(ROOT, f"Strings.{lang}.resx")


def write(lang, translations, english):
    order = [k for k in wanted(english, lang) if k in translations]
    header = open(ENGLISH, encoding="utf-8").read().split("<data ", 1)[0]  # the schema and resheaders
    with open(path_of(lang), "w", encoding="utf-8") as f:
        f.write(header)
        for k in order:
            f.write(f'<data name="{escape(k)}" xml:space="preserve">\n    <value>{escape(translations[k])}</value>\n  </data>\n  ')
        f.write("\n</root>\n" if not header.rstrip().endswith("</root>") else "")
    ET.parse(path_of(lang))  # well-formed


def main():
    cmd, lang = sys.argv[1], sys.argv[2]
    folder = sys.argv[3] if len(sys.argv) > 3 else f"/tmp/translations/{lang}"
    english, comments = read(ENGLISH)
    have, _ = read(path_of(lang))
    if cmd == "export":
        os.makedirs(folder, exist_ok=True)
        todo = [k for k in wanted(english, lang) if k not in have]
        for n in range(0, len(todo), 100):
            chunk = {k: {"en": source_of(english, k), **({"comment": comments[k]} if k in comments else {}),
                         **({"plural": PLURAL.match(k).group(2)} if PLURAL.match(k) and PLURAL.match(k).group(1) in families(english) else {})}
                     for k in todo[n:n + 100]}
            json.dump(chunk, open(os.path.join(folder, f"todo-{n // 100:02d}.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
        print(f"{len(todo)} keys to translate in {folder}")
    elif cmd == "merge":
        merged, bad = dict(have), []
        for f in sorted(glob.glob(os.path.join(folder, "done-*.json"))):
            for k, v in json.load(open(f, encoding="utf-8")).items():
                if k not in wanted(english, lang):
                    bad.append(f"{k}: no such key")
                elif holes(v) != holes(source_of(english, k)) and not (PLURAL.match(k) and set(holes(v)) <= set(holes(source_of(english, k)))):
                    bad.append(f"{k}: placeholders {holes(v)} but English has {holes(source_of(english, k))}")
                else:
                    merged[k] = v
        write(lang, merged, english)
        print(f"{len(merged)} of {len(wanted(english, lang))} keys in {path_of(lang)}")
        for b in bad:
            print("refused", b)
    elif cmd == "check":
        missing = [k for k in wanted(english, lang) if k not in have]
        same = [k for k in have if have[k] == source_of(english, k) and re.search(r"[a-z]{4}", have[k])]
        print(f"missing {len(missing)}: {missing[:20]}")
        print(f"same as English {len(same)}: {same[:20]}")


if __name__ == "__main__":
    main()
