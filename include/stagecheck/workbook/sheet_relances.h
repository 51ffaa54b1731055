/*
 * sheet_relances.h - Relances: every pupil still to chase (neither ready
 * nor dispensed), all classes together, the most urgent first, with what
 * is missing item by item and a link to the pupil's row. Internal to the
 * workbook layer.
 */
#ifndef STAGECHECK_WORKBOOK_SHEET_RELANCES_H
#define STAGECHECK_WORKBOOK_SHEET_RELANCES_H

#include <stddef.h>
#include "stagecheck/workbook/book.h"
#include "stagecheck/workbook/model.h"

/** Returns how urgent a pupil of status is, 0 the most; -1 for a status
 *  nobody is chased for (Prêt, Dispensé). */
int sc_sheet_relances_rank(sc_status status);

/** Splits a verdict's todo ("; "-separated) into short items, one a line,
 *  into out (of size bytes): "convention « H » : manque a, b" gives "a"
 *  and "b". Appends each host such an item names, once, to hosts (of
 *  hosts_size bytes), one a line. Returns the number of items. */
size_t sc_sheet_relances_items(const char *todo, char *out, size_t size,
                               char *hosts, size_t hosts_size);

/** Adds Relances of model to book. */
void sc_sheet_relances_write(sc_book *book, const sc_model *model);

#endif /* STAGECHECK_WORKBOOK_SHEET_RELANCES_H */
