#!/bin/bash
# make lint (tools/lint.py) keeps the layers as docs/ARCHITECTURE.md draws
# them. The tree passes it; a copy of the tree with one violation planted
# fails it, naming the rule and the file, for each kind of violation.
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.."

ok "the tree is clean" python3 tools/lint.py .

# plant NAME FILE RULE TEXT: a fresh copy of src/ with TEXT appended to FILE
# (created if new); the lint must fail naming RULE and FILE.
plant() {
	local name=$1 file=$2 rule=$3 text=$4 copy="$T_DIR/$1"
	mkdir -p "$copy"
	cp -r src "$copy/"
	mkdir -p "$(dirname "$copy/$file")"
	printf '%s\n' "$text" >>"$copy/$file"
	python3 tools/lint.py "$copy" >"$T_DIR/$name.out" 2>&1
	local rc=$?
	ok "$name: refused" test "$rc" -ne 0
	ok "$name: says $rule in $file" grep -q "^$file:[0-9]*: $rule: " "$T_DIR/$name.out"
	rm -rf "$copy"
}

# an include that points up a layer: the domain reaching into the web
plant "domain includes web" src/domain/disclose/notice.c layer '#include "web/http.h"'
# store reaching into the domain
plant "store includes domain" src/store/search.c layer '#include "domain/ctx.h"'
# up the family order: registry using the decide family
plant "registry includes decide" src/domain/registry/unit.c layer \
	'#include "domain/decide/matter.h"'
# a web family using a family above it
plant "web identity includes web decide" src/web/identity/page_roles.c layer \
	'#include "web/decide/decide.h"'
# the web kit using a family (only routes.c joins them)
plant "web kit includes a family" src/web/form.c layer '#include "web/home/home.h"'
# another family's private header
plant "private header" src/web/decide/page_matter.c private \
	'#include "web/consult/consult_impl.h"'
plant "domain private header" src/domain/decide/meeting.c private \
	'#include "domain/disclose/notice_impl.h"'
# SQL in a page
plant "SQL in the web" src/web/home/page_home.c sql \
	'static const char *q_ = "SELECT id FROM unit WHERE id = $1";'
# markup written with buf_add*
plant "markup outside the writer" src/web/home/page_me.c markup \
	'static void x_(struct buf *b) { buf_adds(b, "<b>bold</b>"); }'
# a table with an explicit size
plant "sized table" src/domain/rules.c table \
	'static const char *const t_[RULE_COUNT] = {"a", "b"};'
# an enum-indexed table without its static assert
plant "unchecked enum table" src/domain/perm.c table \
	'static const char *const u_[] = {[ROLE_HEAD] = "head"};'
# a URL format written by hand
plant "hand-written path" src/web/decide/page_paper.c url \
	'static const char *v_ = "/matters/%lld/paper";'

# and what must stay allowed: a zeroed buffer, a checked table, a family
# using a lower one, a private header in its own folder
mkdir -p "$T_DIR/fine"
cp -r src "$T_DIR/fine/"
cat >>"$T_DIR/fine/src/domain/decide/matter.c" <<'EOF'
#include "domain/registry/unit.h"
#include "domain/decide/matter_impl.h"
static int64_t zero_[4] = {0};
static const char *const w_[] = {[MS_DRAFT] = "d", [MS_OPEN] = "o", [MS_CLOSED] = "c"};
_Static_assert(ARRAY_LEN(w_) == MS_STATUS_COUNT, "");
EOF
ok "allowed things pass" python3 tools/lint.py "$T_DIR/fine"
