/*
 * sheet_hosted.c - Accueil établissement.
 */
#include <stdint.h>
#include <stdio.h>
#include "stagecheck/workbook/sheet_hosted.h"
#include "stagecheck/workbook/cells.h"
#include "stagecheck/workbook/sheetname.h"
#include "stagecheck/core/period.h"

/* "lun. 17/06". */
static void day_label(sc_date day, char buf[16])
{
    static const char *const names[7] = {"lun.", "mar.", "mer.", "jeu.",
                                         "ven.", "sam.", "dim."};
    char date[11];

    sc_date_format(day, date);
    snprintf(buf, 16, "%s %.5s", names[(sc_date_weekday(day) + 6) % 7], date);
}

void sc_sheet_hosted_write(sc_book *b, const sc_model *m)
{
    static const char *const lead[SC_MODEL_HOSTED_LEAD] = {"Classe", "Nom",
                                                           "Prénom", "Motif"};
    const sc_report *r = m->report;
    const sc_formats *fm = &b->formats;
    const sc_period *period = r->period;
    int ndays = period->ndays; /* 1 .. SC_PERIOD_MAX_DAYS: sc_period_init */
    uint64_t all = sc_period_all_days(period);
    lxw_col_t days = (lxw_col_t)m->columns.hosted_days;
    size_t count[SC_PERIOD_MAX_DAYS] = {0}, left_out = 0;
    lxw_row_t row = 1;
    sc_cells sh;

    if (!sc_cells_open(&sh, b, SC_SHEETNAME_HOSTED,
                       m->columns.hosted_days + (size_t)ndays))
        goto done;
    sc_cells_header(&sh, lead, SC_MODEL_HOSTED_LEAD);
    if (m->columns.hosted_late)
        sc_cells_text(&sh, 0, (lxw_col_t)m->columns.hosted_late, "Retard",
                      fm->header);
    for (int i = 0; i < ndays; i++) {
        char label[16];

        day_label(period->days[i], label);
        sc_cells_text(&sh, 0, (lxw_col_t)(days + i), label, fm->header);
    }
    for (size_t i = 0; i < m->nlines; i++) {
        const sc_model_line *l = &m->lines[i];
        const sc_verdict *v = &r->verdicts[l->index];

        if (!(v->hosted & all))
            continue;
        if (row > SC_CELLS_LIST_ROWS_MAX - 1) {
            /* No room left above the notice and the count row: counted
             * all the same. */
            for (int d = 0; d < ndays; d++)
                count[d] += (v->hosted >> d) & 1;
            left_out++;
            continue;
        }
        sc_cells_text(&sh, row, 0, m->classes[l->cls].name, NULL);
        sc_cells_text(&sh, row, 1, l->pupil->surname, NULL);
        sc_cells_text(&sh, row, 2, l->pupil->first, NULL);
        sc_cells_text(&sh, row, 3, v->motif, NULL);
        if (m->columns.hosted_late)
            sc_cells_late(&sh, row, (lxw_col_t)m->columns.hosted_late,
                          l->late);
        for (int d = 0; d < ndays; d++)
            if ((v->hosted >> d) & 1) {
                sc_cells_text(&sh, row, (lxw_col_t)(days + d), "X",
                              fm->hosted);
                count[d]++;
            }
        row++;
    }
    /* The filter stops above the count row, which must stay visible. */
    sc_cells_list(&sh, row - 1);
    if (left_out > 0) {
        char text[160];

        snprintf(text, sizeof text, "… et %zu élève(s) de plus, au-delà des "
                 "1 048 576 lignes d'une feuille Excel", left_out);
        sc_cells_put(&sh, row++, 0, text, fm->bold, 0);
    }
    sc_cells_text(&sh, row, 0, "Élèves à accueillir", fm->bold);
    for (int d = 0; d < ndays; d++)
        sc_cells_number(&sh, row, (lxw_col_t)(days + d), (double)count[d],
                        fm->bold);

done:
    sc_cells_close(&sh);
}
