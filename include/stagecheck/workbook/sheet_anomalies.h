/*
 * sheet_anomalies.h - Anomalies: a row per anomaly, last sheet of a
 * school's workbook and of academie.xlsx. Internal to the workbook layer.
 */
#ifndef STAGECHECK_WORKBOOK_SHEET_ANOMALIES_H
#define STAGECHECK_WORKBOOK_SHEET_ANOMALIES_H

#include "stagecheck/core/anomalies.h"
#include "stagecheck/workbook/book.h"

/** Adds Anomalies to book: a row per anomaly of anomalies (NULL or empty:
 *  a line that says there is none). */
void sc_sheet_anomalies_write(sc_book *book, const sc_anomalies *anomalies);

#endif /* STAGECHECK_WORKBOOK_SHEET_ANOMALIES_H */
