#!/bin/bash
# docs/openapi.yaml describes the JSON API the route table serves: every
# /api/ and /open311/ route of the route table (src/web/routes.c and each family's
# src/web/*/routes.c) and nothing else, with the same idea of
# who may call it. The YAML is read by a small awk reader (no YAML library
# on a fresh machine) that accepts the plain block style the document is
# written in and refuses what a YAML parser would refuse in it.
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.."

# yaml_check FILE: "ERR line: why" for each problem; "OP METHOD PATH AUTH"
# for each operation (AUTH: public when its security is [], else login if it
# answers 401, else "-").
yaml_check() {
	awk '
	function fail(msg) { printf "ERR %d: %s\n", NR, msg }
	# A scalar after "key:" or "- ": quoted, flow, block indicator or plain.
	function check_value(v, ind,    c) {
		sub(/[ ]+#.*$/, "", v)
		if (v == "") return "open"
		c = substr(v, 1, 1)
		if (c == "\"") {
			if (v !~ /^"([^"\\]|\\.)*"$/) fail("unclosed or trailing text after a \"string\"")
		} else if (c == "\047") {
			if (v !~ /^\047([^\047]|\047\047)*\047$/) fail("unclosed or trailing text after a quoted string")
		} else if (c == "[") {
			if (v !~ /^\[[^][{}]*\]$/) fail("a flow list must close on its line")
		} else if (c == "{") {
			if (v !~ /^\{[^][{}]*\}$/) fail("a flow mapping must close on its line")
		} else if (v ~ /^[|>][-+]?$/) {
			block = ind
		} else if (c ~ /[@`%!&*,?|>]/) {
			fail("a plain value cannot start with " c)
		} else if (v ~ /: / || v ~ /:$/) {
			fail("\": \" inside a plain value: quote it")
		}
		return "scalar"
	}
	# Record key k under the container opened at indent ind - 2.
	function add_key(ind, k, v,    parent, p) {
		if (k ~ /^".*"$/) k = substr(k, 2, length(k) - 2)
		parent = ind == 0 ? "" : path_at[ind - 2]
		if (ind > 0 && !(ind - 2 in path_at)) { fail("indented deeper than its parent"); return }
		if (kind[ind - 2] == "seq") fail("a key among list items")
		kind[ind - 2] = "map"
		p = parent SUBSEP k
		if (p in seen) fail("duplicate key " k)
		seen[p] = 1
		path_at[ind] = p
		delete kind[ind]
		if (check_value(v, ind) != "open") delete path_at[ind]
		value_of[p] = v
		if (parent != "" && parent_of[parent] == SUBSEP "paths" && k ~ /^(get|put|post|patch|delete)$/)
			ops[++nops] = p
		parent_of[p] = parent
		name_of[p] = k
	}
	# Forget containers at indents deeper than ind: a line closes them.
	function close_deeper(ind,    i, n, gone) {
		n = 0
		for (i in path_at) if (i + 0 > ind) gone[++n] = i
		for (i in kind) if (i + 0 > ind) gone[++n] = i
		for (i = 1; i <= n; i++) { delete path_at[gone[i]]; delete kind[gone[i]] }
	}
	function key_split(t, ind,    k, rest) {
		if (t ~ /^"[^"]*":( |$)/) {
			k = substr(t, 1, index(substr(t, 2), "\"") + 1)
			rest = substr(t, length(k) + 2)
		} else if (t ~ /^[^ "\047#\[{-][^:]*:( |$)/) {
			k = substr(t, 1, index(t, ":") - 1)
			rest = substr(t, length(k) + 2)
		} else {
			fail("not a \"key: value\" line")
			return
		}
		sub(/^ +/, "", rest)
		if (k ~ / $/) fail("a space before the colon")
		add_key(ind, k, rest)
	}
	BEGIN { block = -1 }
	/\t/ { fail("a tab"); next }
	/ +$/ { fail("trailing spaces") }
	/^ *$/ { next }
	{
		match($0, /^ */)
		ind = RLENGTH
		if (block >= 0) {
			if (ind > block) next
			block = -1
		}
	}
	/^ *#/ { next }
	{
		t = substr($0, ind + 1)
		if (ind % 2) { fail("an indent that is not a multiple of two"); next }
		close_deeper(ind)
		if (t ~ /^-( |$)/) {
			if (ind == 0 || !(ind - 2 in path_at)) { fail("a list item outside a list"); next }
			if (kind[ind - 2] == "map") fail("a list item among keys")
			kind[ind - 2] = "seq"
			item = path_at[ind - 2] SUBSEP "#" (++items[path_at[ind - 2]])
			path_at[ind] = item
			delete kind[ind]
			t = substr(t, 3)
			if (t ~ /^[^ "\047\[{][^:]*:( |$)/ || t ~ /^"[^"]*":( |$)/) {
				# "- key: value": the item is a mapping continued at ind + 2
				kind[ind] = "map"
				key_split(t, ind + 2)
			} else if (check_value(t, ind) != "open") {
				delete path_at[ind]
			}
			next
		}
		key_split(t, ind)
	}
	END {
		for (i = 1; i <= nops; i++) {
			p = ops[i]
			auth = "-"
			if ((p SUBSEP "responses" SUBSEP "401") in seen) auth = "login"
			if ((p SUBSEP "security") in seen && value_of[p SUBSEP "security"] == "[]") auth = "public"
			printf "OP %s %s %s\n", toupper(name_of[p]), name_of[parent_of[p]], auth
		}
		# every $ref names a definition of this document
		for (p in value_of) {
			if (name_of[p] != "$ref") continue
			r = value_of[p]
			gsub(/"/, "", r)
			if (r !~ /^#\//) { printf "ERR ref %s: not local\n", r; continue }
			n = split(substr(r, 3), part, "/")
			q = ""
			for (j = 1; j <= n; j++) {
				gsub(/~1/, "/", part[j])
				gsub(/~0/, "~", part[j])
				q = q SUBSEP part[j]
			}
			if (!(q in seen)) printf "ERR ref %s: no such definition\n", r
		}
	}' "$1"
}

# the reader refuses what it should (a test that cannot fail is a defect)
printf 'a:\n  b: 1\n  b: 2\n' >"$T_DIR/dup.yaml"
ok "the reader refuses a duplicate key" grep -q '^ERR 3: duplicate key b' <(yaml_check "$T_DIR/dup.yaml")
printf 'a:\n  b: 1\n   c: 2\n' >"$T_DIR/indent.yaml"
ok "an odd indent" grep -q '^ERR 3: an indent' <(yaml_check "$T_DIR/indent.yaml")
printf 'a:\n  b: "open\n' >"$T_DIR/quote.yaml"
ok "an unclosed quote" grep -q '^ERR 2: unclosed' <(yaml_check "$T_DIR/quote.yaml")
printf 'a:\n  b: x: y\n' >"$T_DIR/colon.yaml"
ok "a colon in a plain value" grep -q '^ERR 2: ' <(yaml_check "$T_DIR/colon.yaml")
printf 'a:\n  - x\n  b: 1\n' >"$T_DIR/mixed.yaml"
ok "a list mixed with keys" grep -q '^ERR 3: a key among list items' <(yaml_check "$T_DIR/mixed.yaml")
printf 'a:\n  $ref: "#/b/c"\nb:\n  d: 1\n' >"$T_DIR/ref.yaml"
ok "a \$ref to nothing" grep -q '^ERR ref #/b/c: no such definition' <(yaml_check "$T_DIR/ref.yaml")
printf 'a:\n  - name: x\n    in: path\n  - name: y\n    in: query\nb: |\n  text: with a colon\n' >"$T_DIR/good.yaml"
ok "and reads good YAML without a word" equals "$(yaml_check "$T_DIR/good.yaml")" ""

# the document
yaml_check docs/openapi.yaml >"$T_DIR/doc"
ok "docs/openapi.yaml parses" equals "$(grep '^ERR' "$T_DIR/doc" | tr '\n' ';')" ""
ok "as OpenAPI 3.0.3" grep -qx 'openapi: 3.0.3' docs/openapi.yaml
grep '^OP ' "$T_DIR/doc" | cut -d' ' -f2,3 | sort >"$T_DIR/doc.ops"
sort -u "$T_DIR/doc.ops" | cmp -s - "$T_DIR/doc.ops"
ok "no operation twice" equals "$?" 0

# the route table: {"METHOD", "/api/...", handler, KIND, FLAGS}, rows joined
awk '/^(static )?const struct route [a-z_]*routes\[\] = \{/ { on = 1; next } on && /^\};/ { on = 0 } on' \
	src/web/routes.c src/web/*/routes.c | tr -d '\n\t' | sed 's|/\*[^*]*\*/||g; s/}, *{/}\n{/g' |
	sed -n 's#^ *{"\([A-Z]*\)", "\(/\(api\|open311\)/[^"]*\)", [a-z0-9_]*, ROUTE_[A-Z]*, \([A-Z_ |]*\)},*$#\1 \2 \4#p' |
	awk '{ print $1, $2, ($0 ~ /ROUTE_LOGIN/ ? "login" : "public") }' | sort >"$T_DIR/table"
cut -d' ' -f1,2 "$T_DIR/table" >"$T_DIR/table.ops"
n=$(wc -l <"$T_DIR/table.ops")
ok "the route table has API routes ($n)" test "$n" -ge 17
# every row of the table that names /api/ was read (none missed by the pattern)
rows=$(cat src/web/routes.c src/web/*/routes.c | grep -cE '^[[:space:]]*\{"[A-Z]+", "/(api|open311)/')
ok "every API row of the table was read" equals "$n" "$rows"
comm -23 "$T_DIR/table.ops" "$T_DIR/doc.ops" >"$T_DIR/missing"
ok "every API route is in openapi.yaml" equals "$(tr '\n' ';' <"$T_DIR/missing")" ""
comm -13 "$T_DIR/table.ops" "$T_DIR/doc.ops" >"$T_DIR/extra"
ok "openapi.yaml has no route the table lacks" equals "$(tr '\n' ';' <"$T_DIR/extra")" ""
grep '^OP ' "$T_DIR/doc" | cut -d' ' -f2- | sort >"$T_DIR/doc.auth"
comm -23 "$T_DIR/table" "$T_DIR/doc.auth" >"$T_DIR/auth"
ok "login routes answer 401 there, public ones have security: []" \
	equals "$(tr '\n' ';' <"$T_DIR/auth")" ""

# A strict validator reads it too: redocly's recommended rules, no error
# (warnings, such as operations without a 4xx of their own, are not errors).
REDOCLY=tests/browser/node_modules/.bin/redocly
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
	"$REDOCLY" lint docs/openapi.yaml --format=stylish >"$T_DIR/redocly.out" 2>&1
ok "redocly lint finds no error" equals "$?" 0
ok "(its verdict)" grep -q "valid" "$T_DIR/redocly.out"
