/*
 * sheet_changes.h - Changements: what changed since the previous run.
 * Internal to the workbook layer.
 */
#ifndef STAGECHECK_WORKBOOK_SHEET_CHANGES_H
#define STAGECHECK_WORKBOOK_SHEET_CHANGES_H

#include "stagecheck/core/changes.h"
#include "stagecheck/workbook/book.h"

/** Adds Changements to book: a row per change of changes (NULL or empty:
 *  a line that says there is none). */
void sc_sheet_changes_write(sc_book *book, const sc_changes *changes);

#endif /* STAGECHECK_WORKBOOK_SHEET_CHANGES_H */
