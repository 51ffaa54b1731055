/*
 * sheet_summary.h - the Synthèse: heading, files read, statuses per class
 * with their chart, legend and counts. Internal to the workbook layer.
 */
#ifndef STAGECHECK_WORKBOOK_SHEET_SUMMARY_H
#define STAGECHECK_WORKBOOK_SHEET_SUMMARY_H

#include "stagecheck/workbook/book.h"
#include "stagecheck/workbook/model.h"

/** Adds the Synthèse of model to book, first of its sheets. */
void sc_sheet_summary_write(sc_book *book, const sc_model *model);

#endif /* STAGECHECK_WORKBOOK_SHEET_SUMMARY_H */
