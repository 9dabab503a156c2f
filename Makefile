# danvan build. The two commands a newcomer needs:
#   make run     install what is missing, build, create the demo database, serve it
#   make check   install what is missing, build, run every test (SQLite and PostgreSQL)
# Also: make (build only), make asan [check] (AddressSanitizer + UBSan build),
#       make lint (the layer rules, also run by make check), make clean.
.DEFAULT_GOAL := all

ifneq ($(filter asan,$(MAKECMDGOALS)),)
B := build/asan
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
OPT := -O1
else
B := build
SANFLAGS :=
OPT := -O2
endif

# `make V=1` shows the full commands.
ifeq ($(V),1)
Q :=
say = @:
else
Q := @
say = @printf '  %-6s %s\n' $(1) $(2)
endif

PKGS := libh2o-evloop libssl libcrypto sqlite3 libpq jansson libsodium libutf8proc \
	cairo pangocairo libqrencode libcmark libmagic vips xlsxwriter libcurl
# Recursive (=) so pkg-config runs only when a recipe needs it: `make run`
# installs pkg-config and the libraries before anything is compiled.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lcsv -lpthread -lm

CFLAGS ?= $(OPT) -g
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-missing-field-initializers
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -DH2O_USE_LIBUV=0 $(WARN) $(CFLAGS) $(SANFLAGS) \
	-Isrc $(PKG_CFLAGS) -MMD -MP
LDFLAGS += $(SANFLAGS)

SRC := $(sort $(shell find src -name '*.c'))
HDR := $(sort $(shell find src -name '*.h'))
MAIN := src/cli/main.c
LIB_SRC := $(filter-out $(MAIN),$(SRC))
LIB_OBJ := $(patsubst src/%.c,$(B)/obj/%.o,$(LIB_SRC)) $(B)/obj/gen/embed.o
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
PO := $(sort $(wildcard po/*.po))
STATIC := $(sort $(wildcard src/web/static/*))

TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN := $(patsubst tests/unit/%.c,$(B)/tests/%,$(TEST_SRC))
TEST_LIB := $(B)/tests/testlib.o

.PHONY: all run check asan tests clean deps deps-check fmt po fuzz fuzz-build lint

all: $(B)/danvan

# `make asan` builds the sanitizer binaries; `make asan check` also tests them.
asan: all tests

$(B)/danvan: $(B)/obj/cli/main.o $(B)/libdanvan.a
	$(call say,LINK,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/libdanvan.a: $(LIB_OBJ)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(B)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Migrations and translations are built into the binary.
$(B)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) -std=c11 -O1 -Wall -Wextra -Werror -o $@ $<

$(B)/gen/%.mo: po/%.po
	@mkdir -p $(dir $@)
	$(call say,MSGFMT,$<)
	$(Q)msgfmt --check -o $@ $<

$(B)/gen/embed.c: $(B)/tools/embed $(MIGRATIONS) $(STATIC) $(patsubst po/%.po,$(B)/gen/%.mo,$(PO))
	@mkdir -p $(dir $@)
	$(call say,EMBED,$@)
	$(Q)$(B)/tools/embed $@ \
		$(foreach f,$(MIGRATIONS),mig_$(basename $(notdir $(f)))=$(f)) \
		$(foreach f,$(PO),mo_$(basename $(notdir $(f)))=$(B)/gen/$(basename $(notdir $(f))).mo) \
		$(foreach f,$(STATIC),static_$(subst .,_,$(notdir $(f)))=$(f))

$(B)/obj/gen/embed.o: $(B)/gen/embed.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) -std=c11 $(CFLAGS) $(SANFLAGS) -c -o $@ $<

# Tests: one cmocka binary per module, linked with the library.
tests: $(TEST_BIN) $(B)/bench/ballots

$(TEST_LIB): tests/unit/testlib.c tests/unit/testlib.h
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit -c -o $@ $<

# The ballot client of bench/ballots.sh and of the durability test.
$(B)/bench/ballots: bench/ballots.c $(B)/libdanvan.a
	@mkdir -p $(dir $@)
	$(call say,LINK,$@)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libdanvan.a $(LDFLAGS) $(PKG_LIBS)

$(B)/tests/%: tests/unit/%.c $(TEST_LIB) $(B)/libdanvan.a
	@mkdir -p $(dir $@)
	$(call say,TEST,$@)
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(TEST_LIB) $(B)/libdanvan.a \
		$(LDFLAGS) $(PKG_LIBS) -lcmocka

# Fuzzing with clang's libFuzzer: one target per parser of outside input
# (tests/fuzz/fuzz_*.c), the library built again with -fsanitize=fuzzer-no-link.
# `make check` runs each for 15 s; `make fuzz` for FUZZ_SECONDS each.
FZ := build/fuzz
FUZZ_SECONDS ?= 300
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN := $(patsubst tests/fuzz/%.c,$(FZ)/%,$(FUZZ_SRC))
FUZZ_LIB_OBJ := $(patsubst src/%.c,$(FZ)/obj/%.o,$(LIB_SRC)) $(FZ)/obj/gen/embed.o
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -DH2O_USE_LIBUV=0 -g -O1 \
	-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -Isrc $(PKG_CFLAGS)

fuzz-build: $(FUZZ_BIN)

$(FZ)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(call say,FUZZCC,$<)
	$(Q)clang $(FUZZ_CFLAGS) -c -o $@ $<

$(FZ)/obj/gen/embed.o: build/gen/embed.c
	@mkdir -p $(dir $@)
	$(Q)clang -std=c11 -O1 -c -o $@ $<

$(FZ)/libdanvan.a: $(FUZZ_LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

$(FZ)/fuzz_%: tests/fuzz/fuzz_%.c $(FZ)/libdanvan.a
	$(call say,FUZZ,$@)
	$(Q)clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FZ)/libdanvan.a $(PKG_LIBS)

fuzz: deps-check
	@$(MAKE) --no-print-directory all fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) bash tests/fuzz/test_fuzz.sh

deps:
	@scripts/deps.sh run

deps-check:
	@scripts/deps.sh check

# Quiet unless something fails, then a short block: where, who, what first.
run: deps
	@echo "building danvan..."
	@mkdir -p $(B) && $(MAKE) --no-print-directory all >$(B)/build.log || \
		{ cat $(B)/build.log; exit 1; }
	@test -f danvan.db || { echo "creating the demo city of Dĩ An in danvan.db..."; \
		$(B)/danvan demo --db sqlite:danvan.db >/dev/null; }
	@$(B)/danvan migrate --db sqlite:danvan.db >/dev/null # a demo made by an older danvan
	@scripts/welcome.sh http://localhost:8080/
	@$(B)/danvan serve --db sqlite:danvan.db --port 8080

# The layer rules (tools/lint.py; tests/lint/test_lint.sh plants a
# violation of each kind and checks that it is caught).
lint:
	@python3 tools/lint.py .

check: deps-check lint
	@$(MAKE) --no-print-directory $(filter asan,$(MAKECMDGOALS)) all tests
	@$(MAKE) --no-print-directory fuzz-build
	@tests/run.sh $(B)

# Collect the interface strings into po/danvan.pot and merge them into the
# translations; then translate what msgmerge marked new or fuzzy.
po:
	xgettext --from-code=UTF-8 --language=C --keyword=T:2 --keyword=dv_fail:4 --keyword=N_ --keyword=file_error:5 --keyword=row_error:4 \
		--package-name=danvan --sort-by-file --no-wrap -o po/danvan.pot \
		$(filter src/base/% src/store/% src/domain/% src/web/% src/print/%,$(SRC) $(HDR))
	msgmerge --quiet --update --backup=none --no-wrap po/vi.po po/danvan.pot

fmt:
	clang-format -i $(SRC) $(wildcard src/*/*.h tests/unit/*.[ch])

clean:
	rm -rf build

-include $(shell find $(B)/obj $(B)/tests -name '*.d' 2>/dev/null)
