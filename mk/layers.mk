# mk/layers.mk - the layer rule of HACKING.md, checked by `make test` before
# anything is built: tools/check-layers.py over src/ and include/, then its
# own tests (tests/layers/), which add one forbidden include to a copy of
# the tree and expect the check to fail on it.

.PHONY: check-layers
check-layers:
	@$(PYTHON) tools/check-layers.py
	@$(PYTHON) -m unittest discover -s tests/layers -p 'test_*.py'

TEST_FIRST += check-layers
