/*
 * sheet_class.h - one sheet per class: a row per pupil, with its status,
 * places, dispense, what is left to do and where its rows came from.
 * Internal to the workbook layer.
 */
#ifndef STAGECHECK_WORKBOOK_SHEET_CLASS_H
#define STAGECHECK_WORKBOOK_SHEET_CLASS_H

#include "stagecheck/workbook/book.h"
#include "stagecheck/workbook/model.h"

/** Adds the sheet of class k of model to book. */
void sc_sheet_class_write(sc_book *book, const sc_model *model,
                          const sc_model_class *k);

#endif /* STAGECHECK_WORKBOOK_SHEET_CLASS_H */
