# mk/coverage.mk - make coverage: the line coverage of the unit and
# end-to-end tests (COVERAGE_SUITES), per module (src/<layer>/<file>.c) and
# per layer, from gcov counters of a copy of everything built in
# build/coverage, read by Debian's gcovr. The workbook writer's child flushes
# its counters before _exit when built with -DSC_COVERAGE; runs under a
# file-size limit keep theirs apart (tools/coverage-wrap.sh).
#   make coverage                        unit and end-to-end tests
#   make coverage COVERAGE_SUITES=unit   what the unit tests alone reach
# Also written: build/coverage/coverage.json (gcovr's summary) and
# build/coverage/html/index.html (each line, for the curious).

COV_B           := build/coverage
COVERAGE_SUITES ?= unit e2e
COV_FLAGS       := -O0 -g --coverage -DSC_COVERAGE

# Counters add up run after run: each report starts from zero.
.PHONY: coverage
coverage: test-deps
	@sh tools/install-deps.sh gcovr
	@find $(COV_B) -name '*.gcda' -delete 2>/dev/null; \
	 rm -rf $(COV_B)/discarded; \
	 COV_DISCARD=$(abspath $(COV_B))/discarded \
	 STAGECHECK_WRAPPER="sh $(abspath tools/coverage-wrap.sh)" \
	 $(MAKE) --no-print-directory B=$(COV_B) BIN=$(COV_B)/stagecheck \
	    CFLAGS="$(COV_FLAGS)" LDFLAGS=--coverage \
	    $(COV_B)/stagecheck $(COVERAGE_SUITES); st=$$?; \
	 mkdir -p $(COV_B)/html; \
	 gcovr --root . --object-directory $(COV_B) --filter 'src/' \
	    --json-summary $(COV_B)/coverage.json \
	    --html-details $(COV_B)/html/index.html >/dev/null || exit 2; \
	 $(PYTHON) tools/coverage-summary.py $(COV_B)/coverage.json \
	    $(COVERAGE_SUITES) || exit 2; \
	 if [ $$st -ne 0 ]; then \
	    echo "coverage : des tests ont échoué, chiffres incomplets" >&2; fi; \
	 exit $$st
