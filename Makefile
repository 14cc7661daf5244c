# xf: small CSV tools for petition casework, sharing one library.
# Needs GNU make.
#
#   make                 build every command into build/bin/
#   make check           install missing packages, then unit tests (cmocka),
#                        golden CLI tests and docs checks, plain and again
#                        under ASan+UBSan, xf-split's under TSan; the last
#                        line counts them
#   make demo            run the tools on the built-in sample
#   make screenshot      docs/report-demo.png from the demo's HTML report
#   make bench           scripts/bench (see docs/benchmarks.md)
#   make fuzz            libFuzzer harnesses, FUZZ_SECONDS each
#   make valgrind        golden CLI tests under valgrind
#   make install         PREFIX=/usr/local DESTDIR= (staging)
#   make clean

VERSION = 0.1.0
PREFIX  = /usr/local
BINDIR  = $(PREFIX)/bin
MANDIR  = $(PREFIX)/share/man
BUILD   = build
FUZZ_SECONDS = 60

CFLAGS  = -O2 -g
WARN    = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	  -Wmissing-prototypes -Wformat=2 -Wvla -Wwrite-strings \
	  -Wcast-qual -Werror
XCPPFLAGS = -D_POSIX_C_SOURCE=200809L -DXF_VERSION='"$(VERSION)"' -Ilib

# Libraries.  PCRE2 and cmocka ship pkg-config files; Debian's libcsv-dev
# does not, so it is named directly (override CSV_LIBS if yours differs).
PCRE2_CFLAGS := $(shell pkg-config --cflags libpcre2-8 2>/dev/null)
PCRE2_LIBS   := $(shell pkg-config --libs libpcre2-8 2>/dev/null || echo -lpcre2-8)
CSV_LIBS      = -lcsv
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
SODIUM_CFLAGS := $(shell pkg-config --cflags libsodium 2>/dev/null)
SODIUM_LIBS   := $(shell pkg-config --libs libsodium 2>/dev/null || echo -lsodium)

# make SANITIZE=address,undefined: instrument everything, stop at the
# first report so that a test run fails.
ifdef SANITIZE
SANFLAGS = -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
	   -fno-omit-frame-pointer
endif

ALL_CFLAGS  = -std=c11 $(XCPPFLAGS) $(CPPFLAGS) $(WARN) $(SANFLAGS) \
	      $(EXTRA_CFLAGS) $(PCRE2_CFLAGS) $(SODIUM_CFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS = $(SANFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS)
LIBS        = $(PCRE2_LIBS) $(CSV_LIBS) $(LINEAR_LIBS) -lm $(SODIUM_LIBS) \
	      -pthread

# liblinear does not check what malloc returns, and its operator new
# throws into C code: out of memory in train() crashed.  Where its static
# library exists, it is linked with those calls wrapped (lib/linearmem.c)
# into one object, put before libxf.a on each link line; else the shared
# library is used as it is.
LINEAR_A := $(shell $(CC) -print-file-name=liblinear.a)
ifneq ($(LINEAR_A),liblinear.a)
LINEAR_OBJ  = $(BUILD)/linear-wrapped.o
LINEAR_LIBS = -lblas -lstdc++
else
LINEAR_OBJ  =
LINEAR_LIBS = -llinear
endif
LINEAR_WRAP = --wrap=malloc --wrap=calloc --wrap=realloc --wrap=_Znwm \
	      --wrap=_Znam

# Inventory: one entry per line, sorted.
CMDS = \
	xf \
	xf-classify \
	xf-compensate \
	xf-deadline \
	xf-eligible \
	xf-eval \
	xf-mask \
	xf-pricelink \
	xf-repeat \
	xf-report \
	xf-rollup \
	xf-route \
	xf-split \
	xf-train \
	xf-validate

LIBSRC = \
	lib/ac.c \
	lib/cli.c \
	lib/columns.c \
	lib/compensate.c \
	lib/csvin.c \
	lib/csvout.c \
	lib/csvscan.c \
	lib/date.c \
	lib/deadline.c \
	lib/eligible.c \
	lib/eval.c \
	lib/hanzi.c \
	lib/hash.c \
	lib/ident.c \
	lib/input.c \
	lib/litre.c \
	lib/map.c \
	lib/money.c \
	lib/ngram.c \
	lib/output.c \
	lib/params.c \
	lib/person.c \
	lib/pii.c \
	lib/pricelink.c \
	lib/pseudo.c \
	lib/rejects.c \
	lib/repeat.c \
	lib/rollup.c \
	lib/route.c \
	lib/rules.c \
	lib/sb.c \
	lib/share.c \
	lib/textmodel.c \
	lib/utf8.c \
	lib/xf.c

# Default tables in lib/data/, compiled in as xf_data_<name>.
DATA = \
	holidays \
	params \
	routes \
	rules

UNITS = \
	ac \
	columns \
	compensate \
	csvin \
	csvout \
	csvscan \
	date \
	deadline \
	eligible \
	eval \
	hanzi \
	hash \
	ident \
	input \
	map \
	money \
	ngram \
	params \
	person \
	pii \
	pricelink \
	pseudo \
	rejects \
	repeat \
	rollup \
	route \
	rules \
	sb \
	share \
	textmodel \
	utf8

FUZZERS = \
	classify \
	compensate \
	csvin \
	csvout \
	csvscan \
	date \
	deadline \
	eligible \
	eval \
	hash \
	ident \
	money \
	params \
	pii \
	pricelink \
	repeat \
	rollup \
	route \
	rules \
	text \
	textmodel

BINS    = $(CMDS:%=$(BUILD)/bin/%)
LIBA    = $(BUILD)/libxf.a
LIBOBJ  = $(LIBSRC:%.c=$(BUILD)/%.o) $(DATA:%=$(BUILD)/data/%.o)
UNITBIN = $(UNITS:%=$(BUILD)/tests/test_%)
FUZZBIN = $(FUZZERS:%=$(BUILD)/fuzz/fuzz_%)
MANS    = $(CMDS:%=cmd/%.1)

all: $(BINS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/data/%.c: lib/data/%.csv scripts/embed
	@mkdir -p $(@D)
	scripts/embed xf_data_$* $< > $@

$(BUILD)/data/%.o: $(BUILD)/data/%.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIBA): $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(BUILD)/linear-wrapped.o: $(BUILD)/lib/linearmem.o $(LINEAR_A)
	$(LD) -r $(LINEAR_WRAP) -o $@ $(BUILD)/lib/linearmem.o \
	    --whole-archive $(LINEAR_A) --no-whole-archive

# The allocation-failure shim for tests/sh/failmalloc.sh, never
# instrumented: it sits in front of whatever allocator the build uses.
$(BUILD)/tests/failmalloc.so: tests/faults/failmalloc.c
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARN) -O2 -g -fPIC -shared -o $@ $<

$(BUILD)/bin/%: $(BUILD)/cmd/%.o $(LINEAR_OBJ) $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LINEAR_OBJ) $(LIBA) $(LIBS)

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/quiet.h $(LINEAR_OBJ) $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) \
	    -DXF_TESTDATA='"$(CURDIR)/testdata"' \
	    $(ALL_LDFLAGS) -o $@ $< $(LINEAR_OBJ) $(LIBA) $(LIBS) \
	    $(CMOCKA_LIBS)

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LINEAR_OBJ) $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(ALL_LDFLAGS) -o $@ $< \
	    $(LINEAR_OBJ) $(LIBA) $(LIBS)

units: $(UNITBIN) $(BUILD)/tests/failmalloc.so

# The whole suite, plain and instrumented; scripts/check prints the
# final count.
check: deps
	scripts/check

# One pass in the current BUILD; scripts/check calls it twice.
check-one: $(BINS) $(UNITBIN) $(BUILD)/tests/failmalloc.so
	scripts/run-tests $(BUILD)

deps:
	@scripts/install-deps

demo: deps
	$(MAKE) all
	scripts/demo $(BUILD)/bin

# docs/report-demo.png, the README's picture of the demo's HTML report
# (needs chromium: scripts/install-deps browser).
screenshot: all
	rm -rf $(BUILD)/screenshot
	XF_BINDIR=$(BUILD)/bin scripts/daily-summary \
	    testdata/petitions-sample.csv $(BUILD)/screenshot 2024-12-31
	scripts/screenshot $(BUILD)/screenshot/2024-12-31/report.html \
	    docs/report-demo.png 1000,1500

bench: deps
	$(MAKE) all $(BUILD)/bench/libcsv-parse
	scripts/bench

# The bare-libcsv baseline scripts/bench compares the commands with.
$(BUILD)/bench/libcsv-parse: bench/libcsv-parse.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(CSV_LIBS)

valgrind: all
	XF_WRAP='valgrind -q --leak-check=full --error-exitcode=99' \
	    scripts/run-cli-tests $(BUILD)/bin

asan:
	$(MAKE) BUILD=build-asan SANITIZE=address,undefined check-one

fuzz:
	@scripts/install-deps build fuzz
	$(MAKE) BUILD=build-fuzz CC=clang SANITIZE=address,undefined \
	    EXTRA_CFLAGS=-fsanitize=fuzzer-no-link fuzz-build
	scripts/run-fuzz build-fuzz/fuzz $(FUZZ_SECONDS)

fuzz-build: $(FUZZBIN)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(MANS) $(DESTDIR)$(MANDIR)/man1
	install -m 644 lib/xf.7 $(DESTDIR)$(MANDIR)/man7

uninstall:
	rm -f $(CMDS:%=$(DESTDIR)$(BINDIR)/%) \
	    $(CMDS:%=$(DESTDIR)$(MANDIR)/man1/%.1) $(DESTDIR)$(MANDIR)/man7/xf.7

clean:
	rm -rf build build-*

.PHONY: all units check check-one deps demo screenshot bench valgrind asan fuzz \
	fuzz-build install uninstall clean
.PRECIOUS: $(BUILD)/data/%.c

-include $(LIBOBJ:.o=.d) $(CMDS:%=$(BUILD)/cmd/%.d) $(UNITBIN:=.d) \
	 $(BUILD)/lib/linearmem.d
