/*
 * page.c - the header, footer and document properties every workbook
 * carries, set centrally so that no sheet can forget them.
 */
#include <stdio.h>
#include <string.h>
#include "stagecheck/workbook/page.h"

/* Excel refuses a header or footer longer than this. */
#define PAGE_TEXT_MAX 255

/* Appends text to buf at *len, each "&" doubled (Excel's codes start with
 * one), up to max bytes in all and never cutting a UTF-8 character. */
static void page_append_escaped(char *buf, size_t max, size_t *len,
                                const char *text)
{
    for (const unsigned char *s = (const unsigned char *)text; *s;) {
        size_t n = *s < 0x80 ? 1 : *s < 0xE0 ? 2 : *s < 0xF0 ? 3 : 4;

        if (*len + n + (*s == '&') > max)
            break;
        if (*s == '&')
            buf[(*len)++] = '&';
        memcpy(buf + *len, s, n);
        *len += n;
        s += n;
    }
    buf[*len] = '\0';
}

void sc_page_header(const sc_page *p, char *buf, size_t size)
{
    static const char sheet[] = "&R&A";
    size_t max = (size < PAGE_TEXT_MAX + 1 ? size - 1 : PAGE_TEXT_MAX) -
                 (sizeof sheet - 1);
    size_t len = 0;

    if (p->school) {
        memcpy(buf, "&L", 2);
        len = 2;
        page_append_escaped(buf, max, &len, p->school);
    }
    memcpy(buf + len, sheet, sizeof sheet);
}

void sc_page_footer(const sc_page *p, char *buf, size_t size)
{
    char from[11], to[11], edited[11];

    sc_date_format(p->period->start, from);
    sc_date_format(p->period->end, to);
    sc_date_format(p->edited, edited);
    snprintf(buf, size, "&LPériode du %s au %s&CÉdité le %s&Rpage &P / &N",
             from, to, edited);
}

void sc_page_properties(sc_book *b, const sc_page *p)
{
    /* Not const: lxw_doc_properties takes char *. */
    static char title[] = SC_BOOK_TITLE;
    char subject[80], comments[80], company[PAGE_TEXT_MAX + 1], from[11],
        to[11], ref[11];
    lxw_doc_properties properties = {.title = title, .subject = subject};

    sc_date_format(p->period->start, from);
    sc_date_format(p->period->end, to);
    snprintf(subject, sizeof subject, "Période d'observation du %s au %s",
             from, to);
    if (p->school) {
        snprintf(company, sizeof company, "%s", p->school);
        properties.company = company;
    }
    if (p->as_of != SC_DATE_NONE) {
        sc_date_format(p->as_of, ref);
        snprintf(comments, sizeof comments, "Date de référence : %s", ref);
        properties.comments = comments;
    }
    sc_book_check(b, workbook_set_properties(b->workbook, &properties));
}

void sc_page_all_sheets(sc_book *b, const sc_page *p)
{
    char header[2 * PAGE_TEXT_MAX], footer[2 * PAGE_TEXT_MAX];
    lxw_sheet *sheet;

    if (b->status != SC_OK)
        return;
    sc_page_header(p, header, sizeof header);
    sc_page_footer(p, footer, sizeof footer);
    STAILQ_FOREACH(sheet, b->workbook->sheets, list_pointers) {
        lxw_worksheet *ws;

        if (sheet->is_chartsheet)
            continue;
        ws = sheet->u.worksheet;
        sc_book_check(b, worksheet_set_header(ws, header));
        sc_book_check(b, worksheet_set_footer(ws, footer));
        /* A4, whatever the sheet chose for its orientation and fit. */
        worksheet_set_paper(ws, 9);
    }
}
