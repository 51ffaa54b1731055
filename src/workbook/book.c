/*
 * book.c - one workbook's life, from libxlsxwriter's workbook_new to its
 * close, and libxlsxwriter's errors in French.
 *
 * Charts carry no cached values (Excel and LibreOffice compute them on
 * opening). Scratch files go to the folder the writer gives, one per
 * sheet while the workbook is open in constant_memory mode; only the
 * workbook itself is written next to its final name.
 */
#include <errno.h>
#include <stdint.h>
#include "stagecheck/workbook/book.h"
#include "stagecheck/workbook/page.h"
#include "stagecheck/workbook/sheet_academie.h"
#include "stagecheck/workbook/sheet_anomalies.h"
#include "stagecheck/workbook/sheet_changes.h"
#include "stagecheck/workbook/sheet_class.h"
#include "stagecheck/workbook/sheet_hosted.h"
#include "stagecheck/workbook/sheet_relances.h"
#include "stagecheck/workbook/sheet_summary.h"

#define FILES_SPARE 64  /* open files left for the rest of the process */

void sc_book_check(sc_book *b, lxw_error err)
{
    if (err != LXW_NO_ERROR && b->status == SC_OK) {
        b->status = SC_ERROR_WORKBOOK;
        b->lxw = err;
    }
}

/* A workbook of at most this many rows of pupils and anomalies is written
 * in libxlsxwriter's in-memory mode: it costs about 1.7 KB a pupil, a few
 * MB at most, and saves the scratch file of each sheet, their writes and
 * their reading back (6 % of the 50k académie's time with the scratch
 * files in memory, more on a disk), and its strings are shared. */
#define BOOK_SMALL_ROWS 2000

/* Returns 1 if a workbook of rows rows and nsheets sheets is to be written
 * in libxlsxwriter's constant_memory mode: it is not small, and nsheets
 * scratch files, one per sheet in that mode, fit under the limit of open
 * files, with room for what the process has open already. That mode keeps
 * one row per sheet in memory, whatever the school (with the writer's
 * mallopt, see writer.c): one school of 20,000 pupils in 680 classes is
 * written in 50 MB against 90 MB in the in-memory mode, in the same time
 * (make bench), and 200,000 pupils in 6,700 classes in 499 MB against
 * 859 MB. A tight `ulimit -n` gets the in-memory mode instead, which
 * keeps one scratch file at a time. */
static int book_constant_memory(size_t rows, size_t nsheets, size_t open_max)
{
    return rows > BOOK_SMALL_ROWS &&
           (open_max == SIZE_MAX || nsheets + FILES_SPARE <= open_max);
}

/* Creates the workbook of nsheets sheets and about rows rows at path,
 * with its properties and formats. Returns 1 if its sheets may be
 * written; book_close it either way. */
static int book_open(sc_book *b, const char *path,
                     const sc_book_scratch *scratch, size_t nsheets,
                     size_t rows, const sc_page *page)
{
    lxw_workbook_options options = {
        .constant_memory = book_constant_memory(rows, nsheets,
                                                scratch->open_max),
        .tmpdir = scratch->dir};

    *b = (sc_book){.status = SC_OK, .lxw = LXW_NO_ERROR};
    errno = 0;
    b->workbook = workbook_new_opt(path, &options);
    if (!b->workbook) {
        b->status = SC_ERROR_MEMORY;
        return 0;
    }
    sc_page_properties(b, page);
    if (b->status == SC_OK)
        b->status = sc_formats_add(&b->formats, b->workbook);
    return 1;
}

/* Gives every sheet its header and footer, then closes the workbook, which
 * frees every libxlsxwriter object, even after a failure. Returns the
 * book's status, with *lxw. */
static sc_error book_close(sc_book *b, const sc_page *page, lxw_error *lxw)
{
    if (b->workbook) {
        sc_page_all_sheets(b, page);
        sc_book_check(b, workbook_close(b->workbook));
        b->workbook = NULL;
        /* A failure libxlsxwriter swallowed may still leave ENOMEM in
         * errno. */
        if (b->status == SC_OK && errno == ENOMEM)
            b->status = SC_ERROR_MEMORY;
    }
    *lxw = b->lxw;
    return b->status;
}

sc_error sc_book_write_report(const sc_model *m, const char *path,
                              const sc_book_scratch *scratch, lxw_error *lxw)
{
    sc_page page = {m->report->school, m->report->period, m->report->as_of,
                    sc_date_today()};
    sc_book b;

    /* Synthèse, Relances, Accueil établissement, Changements and
     * Anomalies at most, around the classes. */
    if (book_open(&b, path, scratch, m->nclasses + 5,
                  m->nlines + (m->report->anomalies
                                   ? m->report->anomalies->count
                                   : 0),
                  &page)) {
        sc_sheet_summary_write(&b, m);
        sc_sheet_relances_write(&b, m);
        for (size_t c = 0; c < m->nclasses; c++)
            sc_sheet_class_write(&b, m, &m->classes[c]);
        sc_sheet_hosted_write(&b, m);
        if (m->report->previous)
            sc_sheet_changes_write(&b, m->report);
        sc_sheet_anomalies_write(&b, m->report->anomalies, m);
    }
    return book_close(&b, &page, lxw);
}

sc_error sc_book_write_academie(const sc_academie *a, const char *path,
                                const sc_book_scratch *scratch,
                                lxw_error *lxw)
{
    sc_page page = {NULL, a->period, a->as_of, sc_date_today()};
    sc_book b;

    if (book_open(&b, path, scratch, 2,
                  a->nschools + (a->anomalies ? a->anomalies->count : 0),
                  &page)) {
        sc_sheet_academie_write(&b, a);
        sc_sheet_anomalies_write(&b, a->anomalies, NULL);
    }
    return book_close(&b, &page, lxw);
}

const char *sc_book_strerror(lxw_error err)
{
    switch (err) {
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
        return "mémoire insuffisante";
    case LXW_ERROR_CREATING_XLSX_FILE:
        return "impossible de créer le fichier";
    case LXW_ERROR_CREATING_TMPFILE:
        return "impossible de créer un fichier temporaire";
    case LXW_ERROR_READING_TMPFILE:
        return "impossible de relire un fichier temporaire";
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
        return "échec de l'écriture du fichier (disque plein ou mémoire "
               "insuffisante ?)";
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
        return "trop de lignes ou de colonnes pour une feuille Excel";
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
        return "texte trop long pour une cellule Excel";
    default:
        return "erreur de libxlsxwriter";
    }
}
