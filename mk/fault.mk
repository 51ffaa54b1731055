# Fault injection (issue 3): stagecheck's pipeline run once per allocation,
# with that allocation failing (tests/fault/fault_run.c), under an allocator
# that replaces malloc for the whole process (tests/fault/alloc.c).
#   make check-fault    build $(B)/fault/fault-run and run it

FAULT_BIN  := $(B)/fault/fault-run
# One object per source: a single cc line would leave one .d for both.
FAULT_OBJS := $(B)/fault/fault_run.o $(B)/fault/alloc.o

.PHONY: check-fault
check-fault: $(FAULT_BIN)
	$(FAULT_BIN)

$(B)/fault/%.o: tests/fault/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(FAULT_BIN): $(FAULT_OBJS) $(B)/libstagecheck.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# Two scenarios of ~5,000 runs each, side by side: 17 s on an idle
# two-core machine (twice that when it is busy), so part of make test.
TEST_MORE += check-fault

-include $(FAULT_OBJS:.o=.d)
