# mk/bench.mk - the seeded generator of a fictitious académie (issue 5):
# build/gen-academie, from tools/gen-academie.c (libc only, see tools/README.md).

build/gen-academie: tools/gen-academie.c
	@mkdir -p build
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $<

# The end-to-end tests count rows on a generated lycée and académie.
e2e: build/gen-academie

# make bench: the figures of README's « Rapidité » section (bench/run.sh).
build/floor: bench/floor.c
	@mkdir -p build
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(PKG_LIBS)

.PHONY: bench
bench: test-deps
	@$(MAKE) --no-print-directory stagecheck build/gen-academie build/floor
	@sh bench/run.sh
