# make check-asan: the whole suite (unit, end-to-end, fuzz replay) on a
# second build instrumented with AddressSanitizer and UndefinedBehavior-
# Sanitizer; any report fails the run.
# make check-valgrind: the end-to-end cases with the binary run under
# valgrind; any error or leak fails the run.
# make check-tsan: the end-to-end cases that read many files at once (the
# inputs are read by -j threads) on a build instrumented with
# ThreadSanitizer; any report fails the run. Not the others: some set
# address-space limits under which ThreadSanitizer cannot start.
ASAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
              -fno-sanitize-recover=all
VALGRIND   := valgrind -q --error-exitcode=99 --leak-check=full \
              --show-leak-kinds=definite,indirect,possible \
              --errors-for-leak-kinds=definite,indirect,possible

ASAN_B     := build/asan
TSAN_B     := build/tsan
TSAN_ENV   := TSAN_OPTIONS="halt_on_error=1 exitcode=66 \
              suppressions=$(abspath tools/tsan.supp)"
TSAN_TESTS := test_jobs test_exports test_academie test_corpus test_e2e

.PHONY: check-asan check-valgrind check-tsan
check-asan: test-deps
	@ASAN_OPTIONS=detect_leaks=1:exitcode=86 \
	 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	 $(MAKE) --no-print-directory B=$(ASAN_B) BIN=$(ASAN_B)/stagecheck \
	    CFLAGS="$(ASAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
	    $(ASAN_B)/stagecheck unit e2e fuzz-replay

check-valgrind: test-deps
	@sh tools/install-deps.sh valgrind
	@$(MAKE) --no-print-directory $(BIN)
	STAGECHECK_WRAPPER="$(VALGRIND)" $(MAKE) --no-print-directory e2e

check-tsan: test-deps
	@$(MAKE) --no-print-directory B=$(TSAN_B) BIN=$(TSAN_B)/stagecheck \
	    CFLAGS="-O1 -g -fsanitize=thread" LDFLAGS="-fsanitize=thread" \
	    $(TSAN_B)/stagecheck
	cd tests/e2e && $(TSAN_ENV) STAGECHECK=$(abspath $(TSAN_B)/stagecheck) \
	    $(PYTHON) -m unittest -v $(TSAN_TESTS)
