#!/usr/bin/env python3
"""
The layer rules of danvan, checked by a machine (`make lint`, run by
`make check`). Usage: tools/lint.py [ROOT]   (ROOT holds src/; default .)

Prints one line per finding, "FILE:LINE: RULE: what", and exits 1 if
there is any. The rules (docs/ARCHITECTURE.md says why):

  layer     an include points up a layer (base < store < domain < print <
            web < cli), or up the order of the families inside domain/ and
            web/ (a family uses only itself, the core and lower families)
  private   a private header (*_impl.h) is included from outside its folder
  sql       SQL text outside src/store and src/domain
  markup    buf_add* of a string holding '<' outside web/html.c (markup is
            written by the HTML writer only)
  table     a table initialized with an explicit size ([N] = {...}), or an
            enum-indexed table ([X] = ... inside) without a static_assert
            of its length: the compiler must check a table against its
            contents
  url       a page path written by hand ("/notices/%lld") outside
            web/link.c, the link vocabulary (and web/static.c, which names
            the built-in files it serves)
"""
import os
import re
import sys

LAYERS = ["base", "store", "domain", "print", "web", "cli"]

# Families in the order they may use each other: a family includes only
# itself, the core (the files at the top of the layer) and families listed
# before it. The web's routes.c sits above every family: it joins their
# routes.
FAMILIES = {
    "domain": ["registry", "identity", "disclose", "decide", "consult", "works", "reports",
               "emulation", "titles", "awards", "plans", "notify", "demo"],
    "web": ["identity", "registry", "disclose", "decide", "consult", "works", "reports",
            "emulation", "titles", "awards", "plans", "notify", "home"],
}
ABOVE_FAMILIES = {"src/web/routes.c"}

SQL = re.compile(r'^\s*(SELECT\b|INSERT\s+INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|'
                 r'CREATE\s+(TABLE|INDEX|UNIQUE)\b|ALTER\s+TABLE\b|DROP\s+TABLE\b|PRAGMA\b|'
                 r'(BEGIN|COMMIT|ROLLBACK)\s+(IMMEDIATE|DEFERRED|EXCLUSIVE|TRANSACTION|WORK)\b|'
                 r'(BEGIN|COMMIT|ROLLBACK)\s*;|WITH\s+\w+\s+AS\b)')
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def strip_comments(text):
    """Blank out comments, keeping strings and line numbers."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def place(path):
    """(layer, family or None) of a path under src/."""
    parts = path.split("/")
    if len(parts) < 3 or parts[0] != "src" or parts[1] not in LAYERS:
        return None, None
    layer = parts[1]
    family = parts[2] if len(parts) > 3 and layer in FAMILIES else None
    return layer, family


def family_rank(layer, family, path):
    if path in ABOVE_FAMILIES:
        return len(FAMILIES[layer]) + 1
    if family is None:
        return 0
    if family not in FAMILIES[layer]:
        return None
    return FAMILIES[layer].index(family) + 1


def check_include(path, line, target, findings):
    if not os.path.exists(os.path.join(ROOT, "src", target)):
        return  # a system header written with quotes, or generated
    tpath = "src/" + target
    layer, family = place(path)
    tlayer, tfamily = place(tpath)
    if layer is None or tlayer is None:
        return
    if target.endswith("_impl.h") and os.path.dirname(tpath) != os.path.dirname(path):
        findings.append((path, line, "private",
                         f"includes {target}, private to {os.path.dirname(tpath)}/"))
    if LAYERS.index(tlayer) > LAYERS.index(layer):
        findings.append((path, line, "layer", f"{layer}/ includes {target}, a layer above"))
        return
    if tlayer != layer or layer not in FAMILIES:
        return
    rank, trank = family_rank(layer, family, path), family_rank(tlayer, tfamily, tpath)
    if rank is None:
        findings.append((path, line, "layer",
                         f"{family}/ is not in the family order of src/{layer}/ (tools/lint.py)"))
    elif trank is None:
        findings.append((path, line, "layer",
                         f"{tfamily}/ is not in the family order of src/{layer}/ (tools/lint.py)"))
    elif trank > rank:
        who = f"{family}/" if family else "the core"
        findings.append((path, line, "layer", f"{who} includes {target}, a family above it"))


def calls(text, name_re):
    """(line, argument text) of each call whose name matches name_re."""
    for m in re.finditer(name_re + r"\s*\(", text):
        depth, j = 1, m.end()
        while j < len(text) and depth:
            if text[j] == '"':
                j += 1
                while j < len(text) and text[j] != '"':
                    j += 2 if text[j] == "\\" else 1
            elif text[j] == "(":
                depth += 1
            elif text[j] == ")":
                depth -= 1
            j += 1
        yield text.count("\n", 0, m.start()) + 1, text[m.end():j - 1]


def check_file(path, findings):
    raw = open(os.path.join(ROOT, path), encoding="utf-8", errors="replace").read()
    text = strip_comments(raw)
    layer, _ = place(path)
    for no, line in enumerate(text.split("\n"), 1):
        m = INCLUDE.match(line)
        if m:
            check_include(path, no, m.group(1), findings)
    if layer in ("base", "web", "print", "cli"):
        for m in STRING.finditer(text):
            if SQL.match(m.group(1)):
                findings.append((path, text.count("\n", 0, m.start()) + 1, "sql",
                                 f"SQL outside store/ and domain/: \"{m.group(1)[:40]}\""))
    if path != "src/web/html.c":
        for no, args in calls(text, r"\bbuf_add\w*"):
            for s in STRING.findall(args):
                if "<" in s:
                    findings.append((path, no, "markup",
                                     f"markup written with buf_add*: \"{s[:40]}\" "
                                     "(use the HTML writer, web/html.h)"))
    check_tables(path, text, findings)
    if layer == "web" and path not in ("src/web/link.c", "src/web/static.c"):
        for m in STRING.finditer(text):
            s = m.group(1)
            if s.startswith("/") and "%" in s and not s.startswith("/*"):
                findings.append((path, text.count("\n", 0, m.start()) + 1, "url",
                                 f"a path written by hand: \"{s[:40]}\" (use web/link.h)"))


TABLE = re.compile(r"\b(\w+)\s*\[\s*([A-Za-z_0-9 +*-]+?)\s*\]\s*(\[[^\]]*\]\s*)*=\s*\{")
OPEN_TABLE = re.compile(r"\b(\w+)\s*\[\s*\]\s*=\s*\{")


def body_at(text, start):
    depth, j = 0, start
    while j < len(text):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[start:j + 1]
        j += 1
    return text[start:]


def check_tables(path, text, findings):
    for m in TABLE.finditer(text):
        body = body_at(text, m.end() - 1)
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if re.fullmatch(r"\{\s*0?\s*\}", body) or (line[:1].isspace() and "static" not in line):
            continue  # a zeroed or local buffer, not a table of contents
        findings.append((path, text.count("\n", 0, m.start()) + 1, "table",
                         f"{m.group(1)}[{m.group(2)}] has an explicit size: write [] and "
                         "_Static_assert(ARRAY_LEN(...) == ...) so the compiler checks it"))
    for m in OPEN_TABLE.finditer(text):
        body = body_at(text, m.end() - 1)
        if not re.search(r"(^|[{,]\s*)\[\s*[A-Z_][A-Z0-9_]*\s*\]\s*=", body):
            continue
        name = m.group(1)
        if not re.search(r"_Static_assert\s*\(\s*(ARRAY_LEN\s*\(\s*" + name +
                         r"\s*\)|sizeof\s*\(?\s*" + name + r"\b)", text):
            findings.append((path, text.count("\n", 0, m.start()) + 1, "table",
                             f"{name}[] is indexed by an enum: _Static_assert its length "
                             "against the enum's count"))


def main():
    global ROOT
    ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
    findings = []
    for dirpath, _, files in os.walk(os.path.join(ROOT, "src")):
        for f in files:
            if f.endswith((".c", ".h")):
                full = os.path.join(dirpath, f)
                check_file(os.path.relpath(full, ROOT).replace(os.sep, "/"), findings)
    for path, line, rule, what in sorted(findings):
        print(f"{path}:{line}: {rule}: {what}")
    n = len(findings)
    print(f"lint: {n} finding{'s' if n != 1 else ''}" if n else "lint: clean", file=sys.stderr)
    return 1 if n else 0


ROOT = "."
if __name__ == "__main__":
    sys.exit(main())
