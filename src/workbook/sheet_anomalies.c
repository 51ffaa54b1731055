/*
 * sheet_anomalies.c - Anomalies.
 */
#include "stagecheck/workbook/sheet_anomalies.h"
#include "stagecheck/workbook/cells.h"
#include "stagecheck/workbook/sheetname.h"

#define ANOMALIES_COLS 6 /* Gravité, Fichier, Ligne, Classe, Élève, Message */

void sc_sheet_anomalies_write(sc_book *b, const sc_anomalies *list)
{
    static const char *const labels[ANOMALIES_COLS] = {
        "Gravité", "Fichier", "Ligne", "Classe", "Élève", "Message"};
    size_t n = list ? list->count : 0, shown;
    sc_cells sh;

    shown = sc_cells_open_list(&sh, b, SC_SHEETNAME_ANOMALIES, labels,
                               ANOMALIES_COLS, n, "Aucune anomalie");
    for (size_t i = 0; i < shown; i++) {
        const sc_anomaly *a = &list->items[i];
        lxw_row_t row = (lxw_row_t)(i + 1);
        lxw_format *fill = a->severity == SC_SEVERITY_ERROR ? b->formats.error
                         : a->severity == SC_SEVERITY_WARNING
                             ? b->formats.warning
                             : NULL;

        sc_cells_text(&sh, row, 0, sc_anomalies_severity_label(a->severity),
                      fill);
        sc_cells_text(&sh, row, 1, a->file, NULL);
        if (a->line > 0)
            sc_cells_number(&sh, row, 2, a->line, NULL);
        sc_cells_text(&sh, row, 3, a->class_name, NULL);
        sc_cells_text(&sh, row, 4, a->pupil, NULL);
        sc_cells_text(&sh, row, 5, a->message, NULL);
    }
    sc_cells_overflow(&sh, n);
    sc_cells_close(&sh);
}
