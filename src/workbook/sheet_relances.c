/*
 * sheet_relances.c - Relances: the list the secretary prints to chase
 * people, from the verdicts the class sheets show.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/workbook/sheet_relances.h"
#include "stagecheck/workbook/cells.h"
#include "stagecheck/workbook/sheetname.h"

#define RELANCES_TOP 1        /* the header's row, under the title */
#define TEXT_MAX 4096         /* a cell of items or hosts; longer is cut */
#define CONVENTION "convention « "
#define CONVENTION_MISSING " » : manque "

int sc_sheet_relances_rank(sc_status status)
{
    /* Nowhere to go first, then days uncovered, then what cannot be
     * judged, then papers to sign. */
    switch (status) {
    case SC_STATUS_NO_HOST:
        return 0;
    case SC_STATUS_PARTIAL:
        return 1;
    case SC_STATUS_CHECK:
        return 2;
    case SC_STATUS_INCOMPLETE:
        return 3;
    default:
        return -1;
    }
}

/* Appends len bytes of s as a line of out, unless out has it already
 * (unique) or it does not fit. */
static void add_line(char *out, size_t size, const char *s, size_t len,
                     int unique)
{
    size_t used = strlen(out);

    if (unique && len > 0)
        for (const char *p = out; *p;) {
            const char *eol = strchr(p, '\n');
            size_t n = eol ? (size_t)(eol - p) : strlen(p);

            if (n == len && memcmp(p, s, len) == 0)
                return;
            p += n + (eol != NULL);
        }
    if (used + len + 2 > size)
        return;
    if (used)
        out[used++] = '\n';
    memcpy(out + used, s, len);
    out[used + len] = '\0';
}

size_t sc_sheet_relances_items(const char *todo, char *out, size_t size,
                               char *hosts, size_t hosts_size)
{
    size_t n = 0;

    out[0] = hosts[0] = '\0';
    for (const char *p = todo ? todo : ""; *p;) {
        const char *end = strstr(p, "; ");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *mark = NULL;

        if (len > strlen(CONVENTION) &&
            strncmp(p, CONVENTION, strlen(CONVENTION)) == 0)
            mark = strstr(p, CONVENTION_MISSING);
        if (mark && mark < p + len) {
            /* "convention « H » : manque a, b": a and b, H aside. */
            const char *host = p + strlen(CONVENTION);
            const char *q = mark + strlen(CONVENTION_MISSING);

            add_line(hosts, hosts_size, host, (size_t)(mark - host), 1);
            while (q < p + len) {
                const char *comma = strstr(q, ", ");
                size_t k = comma && comma < p + len ? (size_t)(comma - q)
                                                    : (size_t)(p + len - q);

                add_line(out, size, q, k, 0);
                n++;
                q += k + 2;
            }
        } else if (len > 0) {
            add_line(out, size, p, len, 0);
            n++;
        }
        p += len + (end ? 2 : 0);
    }
    return n;
}

/* Ranks (sc_sheet_relances_rank, 0 to 3) times lateness: the places a
 * line to chase can take, most urgent first. */
#define RELANCES_BUCKETS 8

/* The place of line among the lines to chase: by rank, the late first
 * within a rank; -1 for a line not to chase. */
static int relances_bucket(const sc_model_line *line)
{
    int rank = sc_sheet_relances_rank(line->status);

    return rank < 0 ? -1 : rank * 2 + !line->late;
}

/* Counts in count[] the lines of m to chase of each place. Returns how
 * many in all, and sets *late to how many of them are late. */
static size_t relances_count(const sc_model *m,
                             size_t count[RELANCES_BUCKETS], size_t *late)
{
    size_t n = 0;

    *late = 0;
    memset(count, 0, RELANCES_BUCKETS * sizeof *count);
    for (size_t i = 0; i < m->nlines; i++) {
        int k = relances_bucket(&m->lines[i]);

        if (k >= 0)
            count[k]++;
    }
    for (int k = 0; k < RELANCES_BUCKETS; k++) {
        n += count[k];
        if (k % 2 == 0)
            *late += count[k];
    }
    return n;
}

/* The hosts of pupil p's places, one a line: the host concerned when no
 * convention item names one (days left uncovered, a row to check). */
static void place_hosts(const sc_report *r, size_t p, char *out, size_t size)
{
    size_t begin, end;

    sc_model_entries(r, p, &begin, &end);
    for (size_t k = begin; k < end; k++) {
        const sc_entry *e = &r->data->entries[r->links->items[k]];

        if (!e->dispense && e->host)
            add_line(out, size, e->host, strlen(e->host), 1);
    }
}

static void relances_row(sc_cells *sh, const sc_model *m, lxw_row_t row,
                         const sc_model_line *l, char *items, char *hosts)
{
    const sc_formats *fm = &sh->book->formats;
    const sc_model_class *k = &m->classes[l->cls];
    size_t class_row = sc_model_class_row(m, l);
    size_t nitems, lines;
    lxw_col_t col = 4;

    const char *todo = sc_check_todo(m->report->todos,
                                     &m->report->verdicts[l->index]);

    sc_sheet_relances_items(todo, items, TEXT_MAX, hosts, TEXT_MAX);
    if (!hosts[0])
        place_hosts(m->report, l->index, hosts, TEXT_MAX);
    /* As many lines as the taller of the two, long items wrapped. */
    nitems = sc_cells_wrapped_lines(items);
    lines = sc_cells_wrapped_lines(hosts);
    sc_cells_row_lines(sh, row, nitems > lines ? nitems : lines);
    sc_cells_text(sh, row, 0, k->name, NULL);
    sc_cells_text(sh, row, 1, sc_pupil_surname(sc_model_pupil(m, l)), NULL);
    sc_cells_text(sh, row, 2, sc_pupil_first(sc_model_pupil(m, l)), NULL);
    sc_cells_status(sh, row, 3, (int)l->status, 1, NULL);
    if (m->report->has_deadline)
        sc_cells_late(sh, row, col++, l->late);
    sc_cells_text(sh, row, col++, items, fm->wrap_list);
    sc_cells_text(sh, row, col++, hosts, fm->wrap_list);
    /* The class sheet holds the row unless it overflowed Excel's rows. */
    if (class_row <= sc_cells_list_fit(k->tally.pupils))
        sc_cells_link_row(sh, row, col, k->sheet, class_row,
                          "Voir la fiche");
}

void sc_sheet_relances_write(sc_book *b, const sc_model *m)
{
    static const char *const with_late[] = {
        "Classe", "Nom", "Prénom", "Statut", "Retard", "À relancer",
        "Lieu d'accueil", "Fiche"};
    static const char *const without_late[] = {
        "Classe", "Nom", "Prénom", "Statut", "À relancer", "Lieu d'accueil",
        "Fiche"};
    int late_col = m->report->has_deadline;
    char *items = malloc(TEXT_MAX), *hosts = malloc(TEXT_MAX);
    size_t n = 0, shown, late = 0, row = 0, count[RELANCES_BUCKETS];
    char title[160];
    sc_cells sh;

    memset(&sh, 0, sizeof sh);
    sh.book = b;
    if (!items || !hosts) {
        if (b->status == SC_OK)
            b->status = SC_ERROR_MEMORY;
        goto done;
    }
    n = relances_count(m, count, &late);
    if (late_col)
        snprintf(title, sizeof title, "Élèves à relancer : %zu, dont %zu en "
                 "retard (les plus urgents d'abord)", n, late);
    else
        snprintf(title, sizeof title, "Élèves à relancer : %zu (les plus "
                 "urgents d'abord)", n);
    shown = sc_cells_open_list_at(&sh, b, SC_SHEETNAME_RELANCES, title,
                                  RELANCES_TOP,
                                  late_col ? with_late : without_late,
                                  late_col ? 8 : 7, n,
                                  "Personne à relancer : tous les élèves "
                                  "sont prêts ou dispensés");
    /* Most urgent first, each place's lines in the class sheets' order:
     * one pass over the lines per place that has any, rather than a list
     * of them all (4 bytes a line: a million pupils, 4 MB, issue 14). */
    for (int k = 0; k < RELANCES_BUCKETS && row < shown; k++)
        for (size_t i = 0, left = count[k]; left > 0 && row < shown &&
                                            i < m->nlines; i++)
            if (relances_bucket(&m->lines[i]) == k) {
                relances_row(&sh, m, (lxw_row_t)(RELANCES_TOP + 1 + row++),
                             &m->lines[i], items, hosts);
                left--;
            }
    sc_cells_overflow_at(&sh, RELANCES_TOP, n);

done:
    sc_cells_close(&sh);
    free(items);
    free(hosts);
}
