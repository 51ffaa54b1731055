/*
 * rules.h - the rules of the stage de seconde, as a pure function:
 * a pupil and their entries in, a status, what is missing, the days to host
 * in school and the anomalies found out. No file, no printing.
 *
 * Every rule quotes the sentence of the official FAQ it enforces
 * (shared/reference/faq-stage-seconde.md).
 */
#ifndef STAGECHECK_CORE_RULES_H
#define STAGECHECK_CORE_RULES_H

#include <stddef.h>
#include <stdint.h>
#include "stagecheck/base/date.h"
#include "stagecheck/base/error.h"
#include "stagecheck/core/anomalies.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/status.h"
#include "stagecheck/core/period.h"

/** What became of the pupil's dispense request, if any. */
typedef enum sc_dispense {
    SC_DISPENSE_NONE = 0,
    SC_DISPENSE_VALID,    /* allowed case, justified */
    SC_DISPENSE_PENDING,  /* allowed case, justificatif or dates missing */
    SC_DISPENSE_REFUSED,  /* a case the FAQ refuses (job d'été, stage) */
    SC_DISPENSE_UNKNOWN,  /* a reason that names no case: checked by hand */
    SC_DISPENSE_INVALID,  /* allowed case, but outside its window */
    SC_DISPENSE_COUNT     /* keep last: how many */
} sc_dispense;

/** An anomaly found by a rule, on one of the pupil's entries. An error
 *  makes the pupil « À vérifier »; a warning does not change the status. */
typedef struct sc_finding {
    const sc_entry *entry;
    sc_severity severity; /* SC_SEVERITY_ERROR or SC_SEVERITY_WARNING */
    char message[256];
    const char *column;  /* the title of the column at fault (a literal,
                            as the header names it), or NULL */
} sc_finding;

/** What one pupil's judgement found besides the verdict kept for the
 *  workbook: its findings, its À faire, the days its placements cover,
 *  and the days to host it in school. The caller owns it, one for
 *  every pupil it judges (sc_rules_apply empties it first), and frees it
 *  with sc_rules_findings_clear; zeroed, an empty list. */
typedef struct sc_findings {
    sc_finding *items;
    size_t count;
    size_t cap;
    uint64_t covered;    /* working days covered by placements */
    uint64_t hosted;     /* working days the pupil is hosted in school: those
                            no placement and no dispense covers */
    char *todo;          /* what is missing, French, "; "-separated ("" for
                            nothing); never NULL after success */
    size_t todo_cap;
} sc_findings;

/** Frees what findings holds, and zeroes it; a zeroed list is fine. */
void sc_rules_findings_clear(sc_findings *findings);

/** Why a pupil is hosted in school (sc_rules_motif gives its words). */
typedef enum sc_motif {
    SC_MOTIF_NONE = 0,     /* not hosted */
    SC_MOTIF_NO_HOST,      /* no placement, every day */
    SC_MOTIF_REFUSED,      /* a refused dispense, and no placement */
    SC_MOTIF_MOBILITY,     /* a mobility covering part of the period */
    SC_MOTIF_PART,         /* placements covering part of the period */
    SC_MOTIF_COUNT
} sc_motif;

/** Bits of a verdict's number of days hosted: 4 million distinct sets of
 *  days in one school, which has far fewer pupils. */
#define SC_VERDICT_HOSTED_BITS 22

typedef struct sc_verdict {
    /* 8 bytes, not 64: one per pupil of a roll that may have a million
     * (issue 14). The findings, the À faire and the days come out in the
     * caller's list (sc_findings); the check (sc_check) keeps each À
     * faire and each set of days hosted once however many pupils share
     * it, and numbers them here. */
    uint32_t todo;       /* the caller's: 1 + the number of the pupil's À
                            faire in its set (sc_check's todos), 0 for none;
                            sc_rules_apply leaves it 0 */
    unsigned hosted : SC_VERDICT_HOSTED_BITS; /* the caller's: the number
                            of the pupil's days hosted in its set
                            (sc_check_hosted), 0 for none; sc_rules_apply
                            leaves it 0 */
    unsigned status : 4;   /* an sc_status */
    unsigned dispense : 3; /* an sc_dispense */
    unsigned motif : 3;    /* an sc_motif */
} sc_verdict;

_Static_assert(SC_STATUS_COUNT <= 16, "a verdict's status takes 4 bits");
_Static_assert(SC_DISPENSE_COUNT <= 8, "a verdict's dispense takes 3 bits");
_Static_assert(SC_MOTIF_COUNT <= 8, "a verdict's motif takes 3 bits");

/** Applies every rule to pupil and its entries (n of them, in input order)
 *  as the files stand on as_of (SC_DATE_NONE: unknown). Fills verdict,
 *  which holds nothing to free, and findings with what it found (emptied
 *  first, valid until the list is used again). Returns SC_OK or
 *  SC_ERROR_MEMORY (verdict zeroed). */
sc_error sc_rules_apply(const sc_period *period, sc_date as_of,
                        const sc_pupil *pupil,
                        const sc_entry *const *entries, size_t n,
                        sc_verdict *verdict, sc_findings *findings);

/** Returns why a pupil with this motif is hosted in school (French), or
 *  NULL for SC_MOTIF_NONE or a value out of range. */
const char *sc_rules_motif(sc_motif motif);

/** Returns 1 if, as_of being past the deadline (date limite de retour des
 *  conventions), a pupil with this status is late: neither ready nor
 *  dispensed. */
int sc_rules_is_late(sc_status status, sc_date as_of, sc_date deadline);

/** Returns 1 if the pupil is a minor on date (birth unknown: a minor). */
int sc_rules_is_minor(sc_date birth, sc_date date);

#endif /* STAGECHECK_CORE_RULES_H */
