# Fault injection (issue 3): stagecheck's pipeline run once per allocation,
# with that allocation failing (tests/fault/fault_run.c), under an allocator
# that replaces malloc for the whole process (tests/fault/alloc.c).
#   make check-fault    build build/fault/fault-run and run it

FAULT_BIN := build/fault/fault-run
FAULT_SRCS := tests/fault/fault_run.c tests/fault/alloc.c

.PHONY: check-fault
check-fault: $(FAULT_BIN)
	$(FAULT_BIN)

$(FAULT_BIN): $(FAULT_SRCS) tests/fault/alloc.h build/libstagecheck.a | build
	@mkdir -p build/fault
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $(FAULT_SRCS) \
	    build/libstagecheck.a $(PKG_LIBS)

# Two scenarios of ~3,700 runs each, side by side: 40 s on an idle
# two-core machine (twice that when it is busy), so part of make test.
TEST_MORE += check-fault
