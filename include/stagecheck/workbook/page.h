/*
 * page.h - what every printed page of a workbook carries, set once for
 * all its sheets when the workbook closes: a header naming the school and
 * the sheet, a footer with the period, the day the workbook was written
 * and "page n / N"; and the document properties. Internal to the workbook
 * layer; book.c calls it.
 */
#ifndef STAGECHECK_WORKBOOK_PAGE_H
#define STAGECHECK_WORKBOOK_PAGE_H

#include <stddef.h>
#include <xlsxwriter.h>
#include "stagecheck/base/date.h"
#include "stagecheck/core/period.h"
#include "stagecheck/workbook/book.h"

/* What the pages and properties of one workbook say. Nothing is owned. */
typedef struct sc_page {
    const char *school;       /* "UAI — name", or NULL when unknown */
    const sc_period *period;
    sc_date as_of;            /* the reference date, or SC_DATE_NONE */
    sc_date edited;           /* the day the workbook is written */
} sc_page;

/** Writes into buf the header string of every sheet ("&L" the school,
 *  "&R" the sheet's name), its ampersands doubled and cut to Excel's 255
 *  characters. */
void sc_page_header(const sc_page *page, char *buf, size_t size);

/** Writes into buf the footer string: the period, "Édité le" the day
 *  written, "page &P / &N". */
void sc_page_footer(const sc_page *page, char *buf, size_t size);

/** Sets the document properties of book (title, subject, the school as
 *  company, the reference date in the comments). */
void sc_page_properties(sc_book *book, const sc_page *page);

/** Sets the header and footer of every sheet of book, the sheets of
 *  either helper alike: called once, just before the workbook closes. */
void sc_page_all_sheets(sc_book *book, const sc_page *page);

#endif /* STAGECHECK_WORKBOOK_PAGE_H */
