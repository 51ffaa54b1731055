/*
 * xls.c - an .xls workbook (Excel 97-2003) through libfreexl, which reads
 * the BIFF records and says which numbers are dates.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <freexl.h>
#include "stagecheck/base/text.h"
#include "stagecheck/input/sheetcells.h"
#include "stagecheck/input/xls.h"

struct sc_xls {
    const void *handle;
};

/* French words for freexl's refusals. */
static const char *refusal(int code)
{
    switch (code) {
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE:
    case FREEXL_CFBF_INVALID_SECTOR_SIZE:
        return "ce n'est pas un classeur Excel 97-2003";
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
        return "le fichier ne contient pas de classeur Excel";
    case FREEXL_CRAFTED_FILE:
        return "fichier gravement abîmé, peut-être fabriqué pour nuire";
    case FREEXL_UNSUPPORTED_CHARSET:
    case FREEXL_INVALID_CHARACTER:
        return "jeu de caractères inconnu";
    default:
        return "fichier abîmé ou tronqué";
    }
}

sc_error sc_xls_open(const char *path, sc_sheetcells_sheets *sheets,
                     sc_xls **out, sc_diag *diag)
{
    sc_xls *x = calloc(1, sizeof *x);
    unsigned int info = 0;
    int code;

    *out = NULL;
    if (!x)
        return SC_ERROR_MEMORY;
    errno = 0;
    code = freexl_open(path, &x->handle);
    if (code == FREEXL_FILE_NOT_FOUND) {
        /* freexl's fopen failed: its errno is the reason. */
        int en = errno ? errno : ENOENT;

        sc_diag_set(diag, path, 0, "impossible d'ouvrir le fichier : %s",
                    sc_strerrno(en));
        sc_xls_free(x);
        return SC_ERROR_FILE_OPEN;
    }
    if (code == FREEXL_INSUFFICIENT_MEMORY) {
        sc_xls_free(x);
        return SC_ERROR_MEMORY;
    }
    if (code != FREEXL_OK) {
        sc_diag_set(diag, path, 0,
                    "classeur .xls illisible (%s) : enregistrez-le de nouveau "
                    "depuis Excel ou LibreOffice, au format .xlsx si possible",
                    refusal(code));
        sc_xls_free(x);
        return SC_ERROR_FILE_READ;
    }
    if (freexl_get_info(x->handle, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
        info == FREEXL_BIFF_OBFUSCATED) {
        sc_xls_free(x);
        return sc_sheetcells_refuse_password(path, diag);
    }
    if (freexl_get_info(x->handle, FREEXL_BIFF_SHEET_COUNT, &info)
        != FREEXL_OK)
        info = 0;
    for (unsigned i = 0; i < info; i++) {
        const char *name = NULL;

        if (freexl_get_worksheet_name(x->handle, (unsigned short)i, &name)
                != FREEXL_OK ||
            !name || !sc_text_valid_utf8(name, strlen(name)))
            name = "";
        if (sc_sheetcells_sheets_add(sheets, name, 0) != SC_OK) {
            sc_xls_free(x);
            return SC_ERROR_MEMORY;
        }
    }
    *out = x;
    return SC_OK;
}

/* Writes the field of value into buf (64 bytes) or points *text at
 * freexl's own string. */
static void cell_text(const FreeXL_CellValue *value, char buf[64],
                      const char **text)
{
    *text = buf;
    buf[0] = '\0';
    switch (value->type) {
    case FREEXL_CELL_INT:
        sc_sheetcells_number(value->value.int_value, buf);
        break;
    case FREEXL_CELL_DOUBLE:
        sc_sheetcells_number(value->value.double_value, buf);
        break;
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
        /* "AAAA-MM-JJ[ hh:mm:ss]": the time of day is dropped. */
        if (sc_sheetcells_iso_date(value->value.text_value, buf) != 0)
            *text = value->value.text_value;
        break;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_TIME:
        *text = value->value.text_value ? value->value.text_value : "";
        break;
    default:
        break;
    }
}

sc_error sc_xls_read(sc_xls *x, size_t i, sc_sheetcells *cells, sc_diag *diag)
{
    unsigned int rows = 0;
    unsigned short columns = 0;
    sc_error err = SC_OK;

    if (freexl_select_active_worksheet(x->handle, (unsigned short)i)
            != FREEXL_OK ||
        freexl_worksheet_dimensions(x->handle, &rows, &columns) != FREEXL_OK)
        return sc_sheetcells_fail(cells, SC_ERROR_FILE_READ, 0, diag,
                             "feuille illisible (fichier abîmé)");
    for (unsigned r = 0; r < rows && err == SC_OK; r++) {
        for (unsigned short c = 0; c < columns && err == SC_OK; c++) {
            FreeXL_CellValue value;
            const char *text;
            char buf[64];

            if (freexl_get_cell_value(x->handle, r, c, &value) != FREEXL_OK)
                continue;
            cell_text(&value, buf, &text);
            if (!text[0])
                continue;
            if (!sc_text_valid_utf8(text, strlen(text)))
                return sc_sheetcells_fail(cells, SC_ERROR_FILE_READ, r + 1, diag,
                                     "texte illisible (fichier abîmé)");
            err = sc_sheetcells_set(cells, c + 1u, text, strlen(text), diag);
        }
        if (err == SC_OK)
            err = sc_sheetcells_end_row(cells, r + 1, 1, diag);
    }
    return err;
}

void sc_xls_free(sc_xls *x)
{
    if (!x)
        return;
    /* freexl_open wants its handle closed even when it failed. */
    if (x->handle)
        freexl_close(x->handle);
    free(x);
}
