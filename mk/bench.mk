# mk/bench.mk - the seeded generator of a fictitious académie (issue 5):
# build/gen-academie, from tools/gen-academie.c (libc only, see tools/README.md).

build/gen-academie: tools/gen-academie.c | build
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $<
