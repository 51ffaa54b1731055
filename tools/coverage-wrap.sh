#!/bin/sh
# coverage-wrap.sh COMMAND...: how `make coverage` runs stagecheck in the
# end-to-end tests (as STAGECHECK_WRAPPER). The "disk full" tests run it
# under RLIMIT_FSIZE, where gcov can write only the first bytes of its
# counter files, and what it leaves makes gcov's next reading nonsense
# (negative counts). Such a run writes its counters into COV_DISCARD,
# which no report reads: the figures lose one run, not every module's data.
if [ "$(ulimit -f)" != unlimited ]; then
    GCOV_PREFIX=${COV_DISCARD:?}
    export GCOV_PREFIX
fi
exec "$@"
