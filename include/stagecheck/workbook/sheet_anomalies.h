/*
 * sheet_anomalies.h - Anomalies: a row per anomaly, last sheet of a
 * school's workbook and of academie.xlsx. Internal to the workbook layer.
 */
#ifndef STAGECHECK_WORKBOOK_SHEET_ANOMALIES_H
#define STAGECHECK_WORKBOOK_SHEET_ANOMALIES_H

#include "stagecheck/core/anomalies.h"
#include "stagecheck/workbook/book.h"
#include "stagecheck/workbook/model.h"

/** Adds Anomalies to book: a row per anomaly of anomalies (NULL or empty:
 *  a line that says there is none), errors, then warnings, then notes,
 *  which a filter hides; each row of a pupil of model (NULL in
 *  academie.xlsx) links to the pupil's row. */
void sc_sheet_anomalies_write(sc_book *book, const sc_anomalies *anomalies,
                              const sc_model *model);

#endif /* STAGECHECK_WORKBOOK_SHEET_ANOMALIES_H */
