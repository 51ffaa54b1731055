/*
 * check.h - the checking step over a whole dataset: select the classes,
 * find repeated pupils, tie entries to pupils, apply the rules to each
 * pupil shown; every finding becomes an anomaly.
 */
#ifndef STAGECHECK_CORE_CHECK_H
#define STAGECHECK_CORE_CHECK_H
#include "stagecheck/core/anomalies.h"
#include "stagecheck/base/date.h"
#include "stagecheck/base/strset.h"
#include "stagecheck/core/match.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/rules.h"
#include "stagecheck/core/period.h"

/** The outcome of sc_check_run; freed with sc_check_clear. */
typedef struct sc_check {
    sc_links links;
    sc_verdict *verdicts; /* one per pupil of the dataset (zeroed for
                             pupils not shown) */
    size_t nverdicts;
    sc_strset todos;      /* every distinct À faire, kept once: the
                             verdicts number them (sc_check_todo) */
    uint64_t *hosted;     /* every distinct set of days hosted in school
                             but none, kept once: the verdicts number
                             them from 1 (sc_check_hosted) */
    size_t nhosted;
    size_t hosted_cap;
    uint32_t *hosted_slots; /* open addressing: 1 + a set's index, 0 for
                               an empty slot; at most half full */
    size_t hosted_nslots;
} sc_check;

/** Returns the working days verdict's pupil is hosted in school, one of
 *  hosted (a check's), 0 for none or NULL hosted. */
uint64_t sc_check_hosted(const uint64_t *hosted, const sc_verdict *verdict);

/** Returns the À faire of verdict, one of todos (a check's), or NULL for
 *  a verdict of a pupil not judged or NULL todos. */
const char *sc_check_todo(const sc_strset *todos, const sc_verdict *verdict);

/** Checks data over period, on as_of (the reference date: who has left
 *  by then). classes (may be NULL) is the --classes pattern. Returns SC_OK or SC_ERROR_MEMORY; check is filled either way
 *  and the caller clears it. */
sc_error sc_check_run(sc_check *check, sc_dataset *data,
                      const sc_period *period, sc_date as_of,
                      const char *classes, sc_anomalies *anomalies);

/** Frees what check holds and zeroes it; NULL is fine. */
void sc_check_clear(sc_check *check);

#endif /* STAGECHECK_CORE_CHECK_H */
