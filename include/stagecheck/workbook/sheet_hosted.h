/*
 * sheet_hosted.h - Accueil établissement: the pupils hosted in school, day
 * by day, and how many each day. Internal to the workbook layer.
 */
#ifndef STAGECHECK_WORKBOOK_SHEET_HOSTED_H
#define STAGECHECK_WORKBOOK_SHEET_HOSTED_H

#include "stagecheck/workbook/book.h"
#include "stagecheck/workbook/model.h"

/** Adds Accueil établissement of model to book. */
void sc_sheet_hosted_write(sc_book *book, const sc_model *model);

#endif /* STAGECHECK_WORKBOOK_SHEET_HOSTED_H */
