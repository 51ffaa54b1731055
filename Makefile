# stagecheck - plain Makefile.
#   make          build ./stagecheck
#   make demo     install what is missing, build, run on samples/
#   make test     install what the tests need, build and run every test
#   make install  install the binary and the man page (PREFIX, DESTDIR)

CC      ?= cc
PKGS    := xlsxwriter libutf8proc inih libxml-2.0 libzip freexl
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wwrite-strings -Wundef
CPPFLAGS += -D_DEFAULT_SOURCE -D_GNU_SOURCE -Iinclude -MMD -MP

# Debian packages: to build, and to run the tests.
BUILD_DEBS := gcc make pkg-config libxlsxwriter-dev libcsv-dev libutf8proc-dev \
              libinih-dev libxml2-dev libzip-dev libfreexl-dev
TEST_DEBS  := libcmocka-dev python3 python3-openpyxl libreoffice-calc-nogui \
              poppler-utils
# The Debian package of each .pc file, and the make target that installs it.
DEB_xlsxwriter := libxlsxwriter-dev
DEB_libutf8proc := libutf8proc-dev
DEB_inih := libinih-dev
DEB_libxml-2.0 := libxml2-dev
DEB_libzip := libzip-dev
DEB_freexl := libfreexl-dev
DEB_cmocka := libcmocka-dev
DEPS_cmocka := test-deps

# $(call pkg_config,OPTION,PACKAGES): pkg-config's answer, or a stop that
# names the first package without a .pc file. Only recipes expand it, so
# `make test` and `make demo` install the packages before it is asked.
pkg_missing = $(firstword $(foreach p,$1,$(if $(shell \
    pkg-config --exists $p 2>/dev/null && echo y),,$p)))
comma := ,
pkg_stop = $(error pkg-config ne trouve pas $1 ($1.pc$(if $(DEB_$1),$(comma) \
    paquet Debian $(DEB_$1))) : lancez « make $(or $(DEPS_$1),deps) »$(if $(shell \
    command -v pkg-config),, (pkg-config lui-même est absent)))
pkg_config = $(if $(call pkg_missing,$2),$(call pkg_stop,$(call \
    pkg_missing,$2)),$(shell pkg-config $1 $2))
# Each asked once per make, the first time a recipe needs it.
PKG_CFLAGS = $(eval PKG_CFLAGS := $(call pkg_config,--cflags,$(PKGS)))$(PKG_CFLAGS)
PKG_LIBS   = $(eval PKG_LIBS := $(call pkg_config,--libs,$(PKGS)) -lcsv -pthread)$(PKG_LIBS)
CMOCKA_CFLAGS = $(eval CMOCKA_CFLAGS := $(call pkg_config,--cflags,cmocka))$(CMOCKA_CFLAGS)
CMOCKA_LIBS   = $(eval CMOCKA_LIBS := $(call pkg_config,--libs,cmocka))$(CMOCKA_LIBS)
ALL_CFLAGS = $(WARN) $(CFLAGS) $(PKG_CFLAGS) -pthread
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
# Debian's python3, where python3-openpyxl lives (not a pyenv one).
PYTHON  := /usr/bin/python3

# B is the build folder and BIN the binary: make check-asan and make
# coverage build instrumented copies of everything in build/asan and
# build/coverage; mk/*.mk build into $(B) too.
B       ?= build
BIN     ?= stagecheck
# src/ holds one folder per layer (HACKING.md) and, on top, run.c, main.c
# and their neighbours: everything but main.c goes into the library, which
# the tests link. tools/check-layers.py refuses a folder it does not know.
LIB_SRCS := $(filter-out src/main.c,$(wildcard src/*.c src/*/*.c))
LIB_OBJS := $(LIB_SRCS:src/%.c=$(B)/%.o)
UNIT_SRCS := $(wildcard tests/*/test_*.c tests/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/%.c=$(B)/tests/%)

.PHONY: all demo test unit e2e deps test-deps clean install uninstall
all: $(BIN)

$(B)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(B)/libstagecheck.a: $(LIB_OBJS)
	$(AR) rcs $@ $^

$(BIN): $(B)/main.o $(B)/libstagecheck.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/tests/%: tests/%.c $(B)/libstagecheck.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) $(CMOCKA_CFLAGS) \
	    -o $@ $< $(B)/libstagecheck.a $(PKG_LIBS) $(CMOCKA_LIBS)

$(B):
	@mkdir -p $(B)

deps:
	@sh tools/install-deps.sh $(BUILD_DEBS)

test-deps:
	@sh tools/install-deps.sh $(BUILD_DEBS) $(TEST_DEBS)

demo: deps
	@$(MAKE) --no-print-directory stagecheck
	@mkdir -p out
	@./stagecheck --roll samples/eleves-siecle.csv --roll samples/eleves-pronote.csv \
	    --placements samples/stages.csv --as-of 2024-05-27 --classes '2*' \
	    -o out/suivi-stages.xlsx; st=$$?; \
	 if [ $$st -le 1 ]; then echo "Classeur écrit : $$(pwd)/out/suivi-stages.xlsx"; \
	 else exit $$st; fi
	@echo
	@echo "Le dossier partagé : l'export XML SIECLE, la liste Pronote et le suivi .xlsx"
	@rm -rf out/depot && mkdir -p out/depot && cp samples/ExportXML_ElevesSansAdresses.zip \
	    samples/eleves-pronote.csv samples/suivi.xlsx out/depot/
	@./stagecheck --as-of 2024-05-27 out/depot; st=$$?; \
	 if [ $$st -le 1 ]; then echo "Classeur écrit : $$(pwd)/out/depot/suivi-stages.xlsx"; \
	 else exit $$st; fi

# mk/*.mk add their own targets, and what `make test` runs too: TEST_FIRST
# (quick checks, before anything is built), TEST_MORE (after the suites).
TEST_FIRST :=
TEST_MORE :=
-include $(wildcard mk/*.mk)

test: test-deps
	@$(MAKE) --no-print-directory $(TEST_FIRST) $(BIN) unit e2e $(TEST_MORE)

unit: $(UNIT_BINS)
	@fail=0; for t in $(UNIT_BINS); do $$t || fail=1; done; exit $$fail

e2e: $(BIN)
	STAGECHECK=$(abspath $(BIN)) $(PYTHON) -m unittest discover -s tests/e2e \
	    -p 'test_*.py' -v

# $(BIN): the e2e test of install also runs under make check-asan and make
# coverage, which build no ./stagecheck.
install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/stagecheck
	install -m 0644 man/stagecheck.1 $(DESTDIR)$(MANDIR)/man1/stagecheck.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/stagecheck $(DESTDIR)$(MANDIR)/man1/stagecheck.1

clean:
	rm -rf build stagecheck out

# -MMD writes each test's .d beside its binary: a touched header rebuilds
# the tests that include it, not only the library.
-include $(LIB_OBJS:.o=.d) $(B)/main.d $(UNIT_BINS:=.d)
