# mk/fuzz.mk - the libFuzzer harnesses of tests/fuzz/ (see its README.md).
#   make fuzz          build with clang (installed if missing) and fuzz each
#                      harness FUZZ_TIME seconds (FUZZ_JOBS at a time)
#   make fuzz-replay   replay the seed corpus and every reproducer with $(CC),
#                      no clang needed; `make test` runs it

FUZZ_HARNESSES := input date text siecle xlsx state
FUZZ_TIME      ?= 60
FUZZ_JOBS      ?= 1
FUZZ_TIMEOUT   ?= 10
FUZZ_CC        ?= clang
FUZZ_SAN       := address,undefined
FUZZ_CFLAGS    := -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_OBJS      := $(LIB_SRCS:src/%.c=$(B)/fuzz/obj/%.o)
FUZZ_BINS      := $(FUZZ_HARNESSES:%=$(B)/fuzz/fuzz-%)
# The replay uses $(CC) and the flags of B, so that make check-asan replays
# under ASan too; libFuzzer's build has its own, in $(B)/fuzz/obj.
REPLAY_BINS    := $(FUZZ_HARNESSES:%=$(B)/fuzz/replay-%)
# Whole files are bigger than one cell.
fuzz_max_len    = $(if $(filter input siecle xlsx state,$1),65536,256)
# Kept, with their .d files, though only pattern rules name them.
.SECONDARY: $(FUZZ_HARNESSES:%=$(B)/fuzz/replay/fuzz_%.o) \
            $(B)/fuzz/replay/replay.o $(FUZZ_HARNESSES:%=$(B)/fuzz/obj/fuzz_%.o) \
            $(FUZZ_OBJS)

TEST_MORE += fuzz-replay

.PHONY: fuzz fuzz-replay fuzz-clang $(FUZZ_HARNESSES:%=fuzz-run-%)

# ---- Replay, with the normal compiler -------------------------------------

fuzz-replay: $(REPLAY_BINS)
	@fail=0; for h in $(FUZZ_HARNESSES); do \
	    $(B)/fuzz/replay-$$h tests/fuzz/corpus/$$h || fail=1; \
	done; exit $$fail

$(B)/fuzz/replay/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(B)/fuzz/replay-%: $(B)/fuzz/replay/fuzz_%.o $(B)/fuzz/replay/replay.o \
                     $(B)/libstagecheck.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# ---- Fuzzing, with clang and libFuzzer --------------------------------------

# Debian's clang keeps libFuzzer in libclang-rt-dev, only recommended.
fuzz-clang:
	@mkdir -p $(B)/fuzz
	@printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
	    > $(B)/fuzz/probe.c
	@$(FUZZ_CC) -fsanitize=fuzzer -o $(B)/fuzz/probe $(B)/fuzz/probe.c \
	    >/dev/null 2>&1 || sh tools/install-deps.sh clang libclang-rt-dev

FUZZ_COMPILE = $(FUZZ_CC) $(CPPFLAGS) $(WARN) $(PKG_CFLAGS) $(FUZZ_CFLAGS) \
               -fsanitize=fuzzer-no-link,$(FUZZ_SAN)

$(B)/fuzz/obj/%.o: src/%.c | fuzz-clang
	@mkdir -p $(@D)
	$(FUZZ_COMPILE) -c $< -o $@

$(B)/fuzz/obj/fuzz_%.o: tests/fuzz/fuzz_%.c | fuzz-clang
	@mkdir -p $(@D)
	$(FUZZ_COMPILE) -c $< -o $@

$(B)/fuzz/fuzz-%: $(B)/fuzz/obj/fuzz_%.o $(FUZZ_OBJS) | fuzz-clang
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,$(FUZZ_SAN) -o $@ $^ $(PKG_LIBS)

fuzz: $(FUZZ_BINS)
	@$(MAKE) --no-print-directory -k -j$(FUZZ_JOBS) \
	    $(FUZZ_HARNESSES:%=fuzz-run-%)

# New inputs go to the scratch corpus $(B)/fuzz/work/H (the repository's
# is only read); what breaks the harness lands in tests/fuzz/corpus/H/,
# where fuzz-replay finds it until src/ is fixed.
$(FUZZ_HARNESSES:%=fuzz-run-%): fuzz-run-%: $(B)/fuzz/fuzz-%
	@mkdir -p $(B)/fuzz/work/$*
	@echo "fuzz-$* : $(FUZZ_TIME) s, journal dans $(B)/fuzz/$*.log"
	@$< -max_total_time=$(FUZZ_TIME) -max_len=$(call fuzz_max_len,$*) \
	    -timeout=$(FUZZ_TIMEOUT) -print_final_stats=1 \
	    -artifact_prefix=tests/fuzz/corpus/$*/ \
	    $(if $(wildcard tests/fuzz/$*.dict),-dict=tests/fuzz/$*.dict) \
	    $(B)/fuzz/work/$* tests/fuzz/corpus/$* >$(B)/fuzz/$*.log 2>&1; \
	 st=$$?; \
	 grep -E 'DONE|^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)|ERROR|SUMMARY|Test unit written|invariant broken' \
	    $(B)/fuzz/$*.log | sed 's/^/fuzz-$*: /'; \
	 if [ $$st -ne 0 ]; then \
	    echo "fuzz-$* : échec (code $$st), voir $(B)/fuzz/$*.log" >&2; fi; \
	 exit $$st

# Named, not globbed: the library's objects sit one folder deeper, by layer.
-include $(FUZZ_OBJS:.o=.d) $(FUZZ_HARNESSES:%=$(B)/fuzz/obj/fuzz_%.d) \
         $(FUZZ_HARNESSES:%=$(B)/fuzz/replay/fuzz_%.d) $(B)/fuzz/replay/replay.d
