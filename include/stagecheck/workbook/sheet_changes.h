/*
 * sheet_changes.h - Changements: what changed since the previous run.
 * Internal to the workbook layer.
 */
#ifndef STAGECHECK_WORKBOOK_SHEET_CHANGES_H
#define STAGECHECK_WORKBOOK_SHEET_CHANGES_H

#include "stagecheck/core/changes.h"
#include "stagecheck/workbook/book.h"
#include "stagecheck/workbook/report.h"

/** Adds Changements to book: under a title with the previous run's date,
 *  a row per change of report->changes (NULL or empty: a line that says
 *  there is none), both statuses in their colours. */
void sc_sheet_changes_write(sc_book *book, const sc_report *report);

#endif /* STAGECHECK_WORKBOOK_SHEET_CHANGES_H */
