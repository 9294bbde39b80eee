# sverka - plain Makefile.  Users' CFLAGS/LDFLAGS are kept; warnings and
# the libraries' flags (from pkg-config) are added on top.
#
#   make deps      install the Debian packages (as root)
#   make           build ./sverka
#   make check     unit, spec, golden and replay tests
#   make quality   alignment quality floors on the gold corpora
#   make bench     speed figures
#   make asan      make check under AddressSanitizer (+UBSan); also `make asan check`
#   make ubsan     make check under UndefinedBehaviorSanitizer
#   make fuzz      run the libFuzzer targets (FUZZ_SECONDS each)
#   make valgrind  the golden tests under valgrind memcheck
#   make install   PREFIX=/usr/local DESTDIR=

VERSION    = 0.1.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
DESTDIR   ?=

CC        ?= cc
CXX       ?= c++
CFLAGS    ?= -O2 -g
LDFLAGS   ?=
PKG_CONFIG ?= pkg-config
PKGS       = icu-uc icu-i18n icu-io libxml-2.0 hunspell sqlite3

BUILD     ?= build
SAN        =
# the hostile suite: the 200 MB input too, and memory limits (not under ASan)
HOSTILE_FLAGS = --big

# `make asan check`, `make ubsan check`: the sanitizer build has its own
# directory so it never mixes objects with the normal build.
ifneq ($(filter asan,$(MAKECMDGOALS)),)
BUILD      = build/asan
SAN        = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
CFLAGS     = -O1 -g
HOSTILE_FLAGS = --sanitizer
endif
ifneq ($(filter ubsan,$(MAKECMDGOALS)),)
BUILD      = build/ubsan
SAN        = -fsanitize=undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
CFLAGS     = -O1 -g
HOSTILE_FLAGS = --sanitizer
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)

WARN       = -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes \
             -Wmissing-prototypes -Wno-unused-parameter -Wformat=2
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
             -DSV_VERSION='"$(VERSION)"' -I$(BUILD)/gen $(WARN) $(PKG_CFLAGS) \
             $(CFLAGS) $(SAN)
ALL_LDFLAGS = $(LDFLAGS) $(SAN)
LIBS       = $(PKG_LIBS) -lstemmer -lpthread -lm -lz

LIB_SRC   := $(sort $(wildcard base/*.c align/*.c tm/*.c))
CLI_SRC   := $(sort $(wildcard cli/*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
LIB        = $(BUILD)/libsverka.a
BIN        = $(BUILD)/sverka
GEN        = $(BUILD)/gen/icu_sentence_rules.h

UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
REPLAY_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/replay/%)

MANPAGES  := $(sort $(wildcard docs/*.1))

# Test and benchmark helpers of the translation memory (tests/bench, tests/interop).
TMTOOLS   := $(BUILD)/bench/gen_tm $(BUILD)/bench/bench_lookup $(BUILD)/interop/seed_pairs

.PHONY: all check unit spec golden replay quality bench bench-tm asan ubsan fuzz valgrind install \
        uninstall clean deps regen compdb format

all: sverka

# ./sverka at the top of the tree is the normal build's program.
sverka: $(BIN)
	@if [ "$(BUILD)" = "build" ]; then cp $(BIN) sverka; fi

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LIBS)

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(BUILD)/obj/%.o: %.c $(GEN)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# ICU's own sentence rules, read from the installed ICU (see the tool's comment).
# ICU's own sentence rules, read from the installed ICU, plus ours, compiled
# to ICU's binary form (see the tool's comment).
$(GEN): tools/icu-sentence-rules.cc align/sentence-rules.txt
	@mkdir -p $(BUILD)/gen $(BUILD)/tools
	$(CXX) -O1 -o $(BUILD)/tools/icu-sentence-rules $< $$($(PKG_CONFIG) --cflags --libs icu-uc icu-i18n)
	$(BUILD)/tools/icu-sentence-rules align/sentence-rules.txt > $@.tmp && mv $@.tmp $@

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

# ---- tests ------------------------------------------------------------

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(LIB) $(ALL_LDFLAGS) $(LIBS)

$(BUILD)/replay/%: tests/fuzz/%.c tests/fuzz/replay.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< tests/fuzz/replay.c $(LIB) $(ALL_LDFLAGS) $(LIBS)

$(BUILD)/bench/%: tests/bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(ALL_LDFLAGS) $(LIBS)

$(BUILD)/interop/%: tests/interop/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(ALL_LDFLAGS) $(LIBS)

check: sverka $(UNIT_BIN) $(REPLAY_BIN) $(TMTOOLS)
	@tests/run-unit.sh $(UNIT_BIN)
	@tests/spec/run-spec.sh $(BIN)
	@tests/golden/run-golden.sh $(BIN)
	@tests/fuzz/run-replay.sh $(BUILD)/replay
	@tests/run-cli.sh $(BIN)
	@tests/batch/run-batch.sh $(BIN)
	@tests/tm/run-tm.sh $(BIN) $(BUILD)
	@tests/interop/run-interop.sh $(BIN) $(BUILD)
	@tests/check/run-check.sh $(BIN) $(BUILD)/artefacts
	@tests/glossary/run-glossary.sh $(BIN)
	@tests/hostile/run-hostile.sh $(BIN) $(HOSTILE_FLAGS)
	@echo "make check: all tests passed"

# the golden tests with every run under valgrind's memcheck
valgrind: sverka
	SVERKA_BIN=$(CURDIR)/$(BIN) tests/golden/run-golden.sh tests/golden/valgrind.sh

regen: sverka
	tests/golden/run-golden.sh --regen $(BIN)

quality: sverka
	tests/quality/run-quality.sh $(BIN)

bench: sverka $(TMTOOLS)
	BUILD_DIR=$(BUILD) tests/bench/run-bench.sh $(BIN)

# Translation memory: import of 1M units, lookup times (TM_UNITS=... to change).
bench-tm: sverka $(TMTOOLS)
	tests/bench/bench-tm.sh $(BIN) $(BUILD)

asan: check
ubsan: check

FUZZ_SECONDS ?= 60
fuzz:
	tests/fuzz/run-fuzz.sh $(FUZZ_SECONDS)

# ---- installation -----------------------------------------------------

install: sverka
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 sverka $(DESTDIR)$(BINDIR)/sverka
	for m in $(MANPAGES); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man1/; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sverka
	for m in $(MANPAGES); do rm -f $(DESTDIR)$(MANDIR)/man1/$$(basename $$m); done

clean:
	rm -rf build sverka

# Every Debian package the build, the tests and the tools need (run as root).
DEPS = build-essential pkg-config libicu-dev icu-devtools libxml2-dev libxml2-utils \
       libhunspell-dev hunspell-ru hunspell-en-us libsqlite3-dev sqlite3 zlib1g-dev \
       mueller7-dict python3 parallel time clang libclang-rt-14-dev valgrind \
       libstemmer-dev omegat translate-toolkit chromium default-jdk-headless
# The TMX interoperability checks also need Node.js and npm (Debian's, unless
# a Node.js from elsewhere, which brings its own npm, is already installed:
# Debian's npm would conflict with it) and the npm package tmexchange.
deps:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEPS)
	command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm
	tests/interop/setup-npm.sh

compdb:
	bear -- $(MAKE) clean all

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(wildcard */*.h)
