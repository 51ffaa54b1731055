/*
 * book.h - one workbook's life through libxlsxwriter: created in the mode
 * its sheets allow, its sheets written in order, closed, and its errors
 * told in French. The error state and formats it holds are shared by the
 * cell writers and the sheets. Internal to the workbook layer; the writer
 * (writer.c) calls it in its child process.
 */
#ifndef STAGECHECK_WORKBOOK_BOOK_H
#define STAGECHECK_WORKBOOK_BOOK_H

#include <stddef.h>
#include <xlsxwriter.h>
#include "stagecheck/base/error.h"
#include "stagecheck/workbook/formats.h"
#include "stagecheck/workbook/model.h"
#include "stagecheck/workbook/report.h"

/** The workbook's title: its document properties and the Synthèse's
 *  first line. */
#define SC_BOOK_TITLE "Stage de seconde — suivi des séquences d'observation"

/* A workbook being written. After the first failure (status not SC_OK)
 * nothing more is written: every writer returns at once. */
typedef struct sc_book {
    lxw_workbook *workbook;
    sc_error status;
    lxw_error lxw;          /* libxlsxwriter's error, for the message */
    sc_formats formats;
} sc_book;

/* What the process lets libxlsxwriter have for its scratch files: one per
 * sheet in constant_memory mode, one at a time in its in-memory mode. */
typedef struct sc_book_scratch {
    char *dir;         /* where they go; NULL: the system's temp folder */
    size_t open_max;   /* the process's limit of open files; SIZE_MAX: none */
} sc_book_scratch;

/** Keeps err, what a libxlsxwriter call returned, as the book's failure
 *  (SC_ERROR_WORKBOOK) unless it is LXW_NO_ERROR or the book has failed
 *  already. */
void sc_book_check(sc_book *book, lxw_error err);

/** Writes a school's workbook, of model, to path (a file libxlsxwriter
 *  opens by its name). Returns SC_OK, SC_ERROR_MEMORY, or
 *  SC_ERROR_WORKBOOK with *lxw set to libxlsxwriter's error. */
sc_error sc_book_write_report(const sc_model *model, const char *path,
                              const sc_book_scratch *scratch, lxw_error *lxw);

/** Writes academie.xlsx to path, as sc_book_write_report does: the
 *  Académie sheet, then the anomalies no school owns. */
sc_error sc_book_write_academie(const sc_academie *academie, const char *path,
                                const sc_book_scratch *scratch,
                                lxw_error *lxw);

/** Returns err in French: libxlsxwriter's messages are English. */
const char *sc_book_strerror(lxw_error err);

#endif /* STAGECHECK_WORKBOOK_BOOK_H */
