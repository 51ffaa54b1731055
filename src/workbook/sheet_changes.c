/*
 * sheet_changes.c - Changements.
 */
#include <stdio.h>
#include <stdlib.h>
#include "stagecheck/workbook/sheet_changes.h"
#include "stagecheck/workbook/cells.h"
#include "stagecheck/workbook/sheetname.h"

#define CHANGES_COLS 6 /* Classe, Nom, Prénom, Avant, Après, Changement */

static void changes_row(sc_cells *sh, lxw_row_t row, const sc_change *c)
{
    const char *what = NULL; /* a change that names the old class */
    const char *text = NULL;
    char *joined = NULL;

    sc_cells_text(sh, row, 0, c->class_name, NULL);
    sc_cells_text(sh, row, 1, c->surname, NULL);
    sc_cells_text(sh, row, 2, c->first, NULL);
    sc_cells_status(sh, row, 3, c->before, 1, NULL);
    sc_cells_status(sh, row, 4, c->after, 1, NULL);
    if (c->kind == SC_CHANGE_ARRIVED)
        text = "arrivé dans les listes";
    else if (c->kind == SC_CHANGE_LEFT)
        text = "parti des listes";
    else if (c->kind == SC_CHANGE_CLASS)
        what = "changement de classe";
    /* Compared as pupils' classes are (sc_text_key): "2NDE 2" is "2nde 2". */
    else if (c->class_before &&
             !sc_sheetname_equal(c->class_before, c->class_name))
        what = "statut et classe";
    else
        text = "statut";
    if (what) {
        if (asprintf(&joined, "%s (ancienne classe : %s)", what,
                     c->class_before ? c->class_before : "") < 0) {
            sh->book->status = SC_ERROR_MEMORY;
            return;
        }
        text = joined;
    }
    sc_cells_text(sh, row, 5, text, NULL);
    free(joined);
}

void sc_sheet_changes_write(sc_book *b, const sc_report *r)
{
    static const char *const labels[CHANGES_COLS] = {
        "Classe", "Nom", "Prénom", "Avant", "Après", "Changement"};
    const sc_changes *list = r->changes;
    size_t n = list ? list->count : 0, shown;
    char title[160], day[11], now[11];
    sc_cells sh;

    sc_date_format(r->as_of, now);
    if (r->previous_dated) {
        sc_date_format(r->previous_date, day);
        snprintf(title, sizeof title, "Changements entre le passage du %s "
                 "(Avant) et celui du %s (Après)", day, now);
    } else {
        snprintf(title, sizeof title, "Changements depuis le passage "
                 "précédent (date non enregistrée)");
    }
    shown = sc_cells_open_list_at(&sh, b, SC_SHEETNAME_CHANGES, title, 1,
                                  labels, CHANGES_COLS, n,
                                  "Aucun changement depuis le passage "
                                  "précédent");
    for (size_t i = 0; i < shown; i++)
        changes_row(&sh, (lxw_row_t)(i + 2), &list->items[i]);
    sc_cells_overflow_at(&sh, 1, n);
    sc_cells_close(&sh);
}
