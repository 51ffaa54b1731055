# mk/bench.mk - the seeded generator of a fictitious académie (issue 5),
# from tools/gen-academie.c (libc only, see tools/README.md), and make bench.

# The generator makes test data; it is not code under test. One copy,
# built the same way whatever B and CFLAGS are (make check-asan, make
# coverage), in build/: tests/e2e look for it there and run
# `make build/gen-academie` when it is missing.
GEN_ACADEMIE := build/gen-academie

$(GEN_ACADEMIE): tools/gen-academie.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) -O2 -g -o $@ $<

# The end-to-end tests count rows on a generated lycée and académie.
e2e: $(GEN_ACADEMIE)

# make bench: the figures of HACKING.md's « Benchmarks » (bench/run.sh),
# for $(BIN) and the floor program, both built with the flags of $(B), and
# the pandas peer (bench/peer.py). ROUNDS=N rounds (3), NATION=0 without
# the 140,000 to 560,000 pupils.
$(B)/floor: bench/floor.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(PKG_LIBS)

.PHONY: bench
bench: test-deps bench-deps
	@$(MAKE) --no-print-directory $(BIN) $(GEN_ACADEMIE) $(B)/floor
	@BENCH_DIR=$(B)/bench STAGECHECK=$(BIN) GEN=$(GEN_ACADEMIE) \
	    FLOOR=$(B)/floor sh bench/run.sh

-include $(GEN_ACADEMIE).d $(B)/floor.d

# The peer of make bench (bench/peer.py, issue 14 point 6) runs on
# Debian's pandas and XlsxWriter, in /usr/bin/python3.
.PHONY: bench-deps
bench-deps:
	@sh tools/install-deps.sh python3-pandas python3-xlsxwriter

# make profile: one run of the 20,000-pupil académie of make bench under
# callgrind, the parent and every writer added up without counting the
# parent twice (bench/profile.py; HACKING.md « Profiles »), into
# $(B)/profile. Instruction counts, not times: the same on a loaded machine.
PROFILE_SET := $(B)/bench/a20

.PHONY: profile
profile: test-deps
	@sh tools/install-deps.sh valgrind
	@$(MAKE) --no-print-directory $(BIN) $(GEN_ACADEMIE)
	@[ -f $(PROFILE_SET)/manifest.csv ] || \
	    $(GEN_ACADEMIE) --out $(PROFILE_SET) --pupils 20000 --schools 80 \
	    >/dev/null
	@rm -rf $(B)/profile-out
	@/usr/bin/python3 bench/profile.py $(B)/profile $(abspath $(BIN)) \
	    $$(for f in $(PROFILE_SET)/*eleves.csv; do printf -- '--roll %s ' $$f; done) \
	    $$(for f in $(PROFILE_SET)/*stages.csv; do printf -- '--placements %s ' $$f; done) \
	    --by-school $(B)/profile-out --as-of 2025-05-26 -q -j 1
