#!/bin/bash
# Every interface string in the code has a Vietnamese translation.
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.."
src=$(find src/base src/store src/domain src/web src/print -name '*.c' | sort)
# the same extraction as `make po`
xgettext --from-code=UTF-8 --language=C --keyword=T:2 --keyword=dv_fail:4 --keyword=N_ \
	--keyword=file_error:5 --keyword=row_error:4 --no-wrap -o "$T_DIR/danvan.pot" $src
ok "strings extracted" test -s "$T_DIR/danvan.pot"
cp po/vi.po "$T_DIR/vi.po"
msgmerge --quiet --update --backup=none --no-wrap "$T_DIR/vi.po" "$T_DIR/danvan.pot"
msgfmt --check --statistics -o /dev/null "$T_DIR/vi.po" 2>"$T_DIR/stats"
ok "po/vi.po compiles and its formats match" equals "$?" 0
ok "every string is translated ($(cat "$T_DIR/stats"))" lacks "$T_DIR/stats" "untranslated|fuzzy"
