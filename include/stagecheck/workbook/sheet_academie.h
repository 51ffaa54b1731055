/*
 * sheet_academie.h - the Académie sheet of academie.xlsx: a row per
 * school, the totals and a pie of the statuses. Internal to the workbook
 * layer.
 */
#ifndef STAGECHECK_WORKBOOK_SHEET_ACADEMIE_H
#define STAGECHECK_WORKBOOK_SHEET_ACADEMIE_H

#include "stagecheck/workbook/book.h"
#include "stagecheck/workbook/report.h"

/** Adds the Académie sheet of academie to book. */
void sc_sheet_academie_write(sc_book *book, const sc_academie *academie);

#endif /* STAGECHECK_WORKBOOK_SHEET_ACADEMIE_H */
