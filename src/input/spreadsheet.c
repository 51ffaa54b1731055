/*
 * spreadsheet.c - one interface over the three workbook readers (xlsx.c,
 * ods.c, xls.c): the format told from the content, the sheet list, a sheet
 * read into a table, the formulas found with no computed value.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/text.h"
#include "stagecheck/core/anomalies.h"
#include "stagecheck/input/archive.h"
#include "stagecheck/input/sheetcells.h"
#include "stagecheck/input/ods.h"
#include "stagecheck/input/spreadsheet.h"
#include "stagecheck/input/xls.h"
#include "stagecheck/input/xlsx.h"

#define ODS_MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"
#define OLE_MAGIC "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
#define ZIP_MAGIC "PK\x03\x04"
/* How much of a file detection reads at a time. */
#define CHUNK ((size_t)64 * 1024)

struct sc_spreadsheet {
    sc_spreadsheet_format format;
    char *path;
    sc_xlsx *xlsx;
    sc_ods *ods;
    sc_xls *xls;
    sc_sheetcells_sheets sheets;
    size_t last;                     /* the sheet read last */
    sc_spreadsheet_cell *uncached;   /* its formulas with no value */
    size_t nuncached;
};

static const char *const format_names[] = {
    [SC_SPREADSHEET_NONE] = "none",
    [SC_SPREADSHEET_XLSX] = "xlsx",
    [SC_SPREADSHEET_ODS] = "ods",
    [SC_SPREADSHEET_XLS] = "xls",
    [SC_SPREADSHEET_ENCRYPTED] = "encrypted",
};

const char *sc_spreadsheet_format_name(sc_spreadsheet_format format)
{
    if ((unsigned)format > SC_SPREADSHEET_ENCRYPTED)
        format = SC_SPREADSHEET_NONE;
    return format_names[format];
}

/* ---- Detection ---------------------------------------------------------- */

/* Returns 1 if block, which starts at a file offset that is a multiple of
 * 128, holds the directory entry of a stream named EncryptionInfo: in a
 * compound file, directory entries are 128 bytes, aligned so, and start
 * with the name in UTF-16LE, its length in bytes (NUL included) at 64 and
 * the entry's type at 66 (2: a stream). Office writes an encrypted .xlsx
 * as such a file (MS-OFFCRYPTO). */
static int holds_encryption_info(const unsigned char *block, size_t len)
{
    static const char name[] = "EncryptionInfo";
    unsigned char utf16[sizeof name * 2];

    for (size_t i = 0; i < sizeof name; i++) {
        utf16[2 * i] = (unsigned char)name[i];
        utf16[2 * i + 1] = 0;
    }
    for (size_t at = 0; at + 128 <= len; at += 128)
        if (memcmp(block + at, utf16, sizeof utf16) == 0 &&
            block[at + 64] == sizeof utf16 && block[at + 65] == 0 &&
            block[at + 66] == 2)
            return 1;
    return 0;
}

/* Tells a zip archive's format from its members. */
static sc_spreadsheet_format zip_format(sc_archive *archive)
{
    sc_spreadsheet_format format = SC_SPREADSHEET_NONE;
    char *mimetype;
    size_t len;

    if (sc_archive_has(archive, "xl/workbook.xml"))
        return SC_SPREADSHEET_XLSX;
    if (sc_archive_slurp(archive, "mimetype", 256, &mimetype, &len, NULL)
        == SC_OK) {
        if (strncmp(mimetype, ODS_MIMETYPE, strlen(ODS_MIMETYPE)) == 0)
            format = SC_SPREADSHEET_ODS;
        free(mimetype);
    }
    return format;
}

/* For a zip libzip cannot open (truncated: its directory is at the end),
 * what its first bytes say: ODF stores the mimetype uncompressed as the
 * first member, and part names are stored as text in each entry's
 * header. */
static sc_spreadsheet_format broken_zip_format(const unsigned char *head,
                                               size_t len)
{
    static const char xlsx_part[] = "xl/workbook.xml";

    if (len >= 38 + strlen(ODS_MIMETYPE) &&
        memcmp(head + 30, "mimetype", 8) == 0 &&
        memcmp(head + 38, ODS_MIMETYPE, strlen(ODS_MIMETYPE)) == 0)
        return SC_SPREADSHEET_ODS;
    if (memmem(head, len, xlsx_part, sizeof xlsx_part - 1) ||
        memmem(head, len, "xl/worksheets/", 14))
        return SC_SPREADSHEET_XLSX;
    return SC_SPREADSHEET_NONE;
}

sc_spreadsheet_format sc_spreadsheet_detect_buffer(const void *bytes,
                                                   size_t len)
{
    sc_spreadsheet_format format;
    sc_archive *archive;

    if (len >= 8 && memcmp(bytes, OLE_MAGIC, 8) == 0)
        return holds_encryption_info(bytes, len) ? SC_SPREADSHEET_ENCRYPTED
                                                 : SC_SPREADSHEET_XLS;
    if (len < 4 || memcmp(bytes, ZIP_MAGIC, 4) != 0)
        return SC_SPREADSHEET_NONE;
    if (sc_archive_open_buffer("", bytes, len, &archive, NULL) != SC_OK)
        return broken_zip_format(bytes, len);
    format = zip_format(archive);
    sc_archive_free(archive);
    return format;
}

sc_error sc_spreadsheet_detect(const char *path, sc_spreadsheet_format *format,
                               sc_diag *diag)
{
    unsigned char *block = malloc(CHUNK);
    sc_archive *archive;
    size_t n;
    FILE *fp;
    int en;

    *format = SC_SPREADSHEET_NONE;
    if (!block)
        return SC_ERROR_MEMORY;
    fp = fopen(path, "rb");
    if (!fp) {
        en = errno;
        free(block);
        sc_diag_set(diag, path, 0, "impossible d'ouvrir le fichier : %s",
                    sc_strerrno(en));
        return SC_ERROR_FILE_OPEN;
    }
    n = fread(block, 1, CHUNK, fp);
    if (n >= 8 && memcmp(block, OLE_MAGIC, 8) == 0) {
        /* The directory may be anywhere: read it all, a block at a time
         * (CHUNK is a multiple of 128, so entries stay whole). */
        *format = SC_SPREADSHEET_XLS;
        do {
            if (holds_encryption_info(block, n)) {
                *format = SC_SPREADSHEET_ENCRYPTED;
                break;
            }
        } while (n == CHUNK && (n = fread(block, 1, CHUNK, fp)) > 0);
    } else if (n >= 4 && memcmp(block, ZIP_MAGIC, 4) == 0) {
        /* libzip reads the zip's directory itself, not the whole file. */
        if (sc_archive_open(path, &archive, NULL) == SC_OK) {
            *format = zip_format(archive);
            sc_archive_free(archive);
        } else {
            *format = broken_zip_format(block, n);
        }
    }
    en = ferror(fp) ? errno : 0;
    fclose(fp);
    free(block);
    if (en) {
        *format = SC_SPREADSHEET_NONE;
        sc_diag_set(diag, path, 0, "impossible de lire le fichier : %s",
                    sc_strerrno(en));
        return SC_ERROR_FILE_READ;
    }
    return SC_OK;
}

/* ---- Opening ------------------------------------------------------------ */

static sc_error refuse_other(const char *path, sc_diag *diag)
{
    sc_diag_set(diag, path, 0,
                "ce n'est pas un classeur Excel (.xlsx, .xls) ni LibreOffice "
                "(.ods)");
    return SC_ERROR_FILE_READ;
}

/* Opens the reader of format over archive (taken) or path. */
static sc_error book_open(sc_spreadsheet *book, sc_archive *archive,
                          sc_diag *diag)
{
    sc_error err;

    switch (book->format) {
    case SC_SPREADSHEET_XLSX:
        err = sc_xlsx_open(archive, &book->sheets, &book->xlsx, diag);
        break;
    case SC_SPREADSHEET_ODS:
        err = sc_ods_open(archive, &book->sheets, &book->ods, diag);
        break;
    case SC_SPREADSHEET_XLS:
        sc_archive_free(archive);
        err = sc_xls_open(book->path, &book->sheets, &book->xls, diag);
        break;
    default:
        sc_archive_free(archive);
        return refuse_other(book->path, diag);
    }
    if (err == SC_OK && book->sheets.count == 0) {
        sc_diag_set(diag, book->path, 0,
                    "le classeur ne contient aucune feuille");
        err = SC_ERROR_FILE_READ;
    }
    return err;
}

static sc_spreadsheet *book_new(const char *path, sc_spreadsheet_format format)
{
    sc_spreadsheet *book = calloc(1, sizeof *book);

    if (book && !(book->path = sc_text_dup(path))) {
        free(book);
        return NULL;
    }
    if (book)
        book->format = format;
    return book;
}

sc_error sc_spreadsheet_open(const char *path, sc_spreadsheet_format format,
                             sc_spreadsheet **out, sc_diag *diag)
{
    sc_spreadsheet_format detected = SC_SPREADSHEET_NONE;
    sc_archive *archive = NULL;
    sc_spreadsheet *book;
    sc_error err;

    *out = NULL;
    if (format == SC_SPREADSHEET_NONE) {
        err = sc_spreadsheet_detect(path, &format, diag);
        if (err != SC_OK)
            return err;
    }
    if (format == SC_SPREADSHEET_ENCRYPTED)
        return sc_sheetcells_refuse_password(path, diag);
    if (format != SC_SPREADSHEET_XLSX && format != SC_SPREADSHEET_ODS &&
        format != SC_SPREADSHEET_XLS)
        return refuse_other(path, diag);
    book = book_new(path, format);
    if (!book)
        return SC_ERROR_MEMORY;
    err = SC_OK;
    if (format != SC_SPREADSHEET_XLS)
        err = sc_archive_open(path, &archive, diag);
    if (err == SC_OK)
        err = book_open(book, archive, diag);
    /* Told the wrong format (by a file name, say): an encrypted .xlsx is
     * no zip, and deserves its own message. */
    if (err == SC_ERROR_FILE_READ &&
        sc_spreadsheet_detect(path, &detected, NULL) == SC_OK &&
        detected == SC_SPREADSHEET_ENCRYPTED)
        err = sc_sheetcells_refuse_password(path, diag);
    if (err != SC_OK) {
        sc_spreadsheet_close(book);
        return err;
    }
    *out = book;
    return SC_OK;
}

sc_error sc_spreadsheet_open_buffer(const char *name, const void *bytes,
                                    size_t len, sc_spreadsheet_format format,
                                    sc_spreadsheet **out, sc_diag *diag)
{
    sc_archive *archive;
    sc_spreadsheet *book;
    sc_error err;

    *out = NULL;
    if (format == SC_SPREADSHEET_NONE)
        format = sc_spreadsheet_detect_buffer(bytes, len);
    if (format == SC_SPREADSHEET_ENCRYPTED)
        return sc_sheetcells_refuse_password(name, diag);
    if (format != SC_SPREADSHEET_XLSX && format != SC_SPREADSHEET_ODS) {
        if (format == SC_SPREADSHEET_XLS) {
            sc_diag_set(diag, name, 0, "un classeur .xls se lit depuis un "
                                       "fichier, pas depuis la mémoire");
            return SC_ERROR_FILE_READ;
        }
        return refuse_other(name, diag);
    }
    book = book_new(name, format);
    if (!book)
        return SC_ERROR_MEMORY;
    err = sc_archive_open_buffer(name, bytes, len, &archive, diag);
    if (err == SC_OK)
        err = book_open(book, archive, diag);
    if (err != SC_OK) {
        sc_spreadsheet_close(book);
        return err;
    }
    *out = book;
    return SC_OK;
}

/* ---- Sheets ------------------------------------------------------------- */

sc_spreadsheet_format sc_spreadsheet_format_of(const sc_spreadsheet *book)
{
    return book->format;
}

size_t sc_spreadsheet_count(const sc_spreadsheet *book)
{
    return book->sheets.count;
}

const char *sc_spreadsheet_sheet_name(const sc_spreadsheet *book, size_t i)
{
    return book->sheets.items[i].name;
}

int sc_spreadsheet_sheet_hidden(const sc_spreadsheet *book, size_t i)
{
    return book->sheets.items[i].hidden;
}

long sc_spreadsheet_find(const sc_spreadsheet *book, const char *name)
{
    size_t n = sc_spreadsheet_count(book);
    char *key = sc_text_key(name);
    long found = -1;

    for (size_t i = 0; i < n && found < 0; i++)
        if (strcmp(sc_spreadsheet_sheet_name(book, i), name) == 0)
            found = (long)i;
    for (size_t i = 0; key && i < n && found < 0; i++) {
        char *other = sc_text_key(sc_spreadsheet_sheet_name(book, i));

        if (other && strcmp(other, key) == 0)
            found = (long)i;
        free(other);
    }
    free(key);
    return found;
}

/* Copies s into the table's blocks (not cleaned: a path keeps its
 * spaces). */
static const char *table_copy(sc_table *table, const char *s)
{
    size_t len = strlen(s) + 1;
    char *copy = sc_table_alloc(table, len, 1);

    if (copy)
        memcpy(copy, s, len);
    return copy;
}

/* Keeps the uncached formulas cells found, with their names. */
static sc_error keep_uncached(sc_spreadsheet *book, const sc_sheetcells *cells)
{
    free(book->uncached);
    book->uncached = NULL;
    book->nuncached = 0;
    if (cells->nuncached == 0)
        return SC_OK;
    book->uncached = calloc(cells->nuncached, sizeof *book->uncached);
    if (!book->uncached)
        return SC_ERROR_MEMORY;
    for (size_t i = 0; i < cells->nuncached; i++) {
        sc_spreadsheet_cell *c = &book->uncached[i];
        char col[8];

        c->row = cells->uncached[i].row;
        c->column = cells->uncached[i].column;
        sc_sheetcells_column_name(c->column, col);
        snprintf(c->name, sizeof c->name, "%s%u", col, c->row);
    }
    book->nuncached = cells->nuncached;
    return SC_OK;
}

sc_error sc_spreadsheet_read(sc_spreadsheet *book, size_t i, sc_table **out,
                             sc_diag *diag)
{
    sc_table *table = sc_table_new(NULL);
    sc_sheetcells cells;
    sc_error err = SC_ERROR_MEMORY;

    *out = NULL;
    free(book->uncached);
    book->uncached = NULL;
    book->nuncached = 0;
    book->last = i;
    if (!table)
        return SC_ERROR_MEMORY;
    table->path = table_copy(table, book->path);
    table->sheet = table_copy(table, sc_spreadsheet_sheet_name(book, i));
    if (table->path && table->sheet &&
        (err = sc_sheetcells_init(&cells, table)) == SC_OK) {
        if (book->xlsx)
            err = sc_xlsx_read(book->xlsx, i, &cells, diag);
        else if (book->ods)
            err = sc_ods_read(book->ods, i, &cells, diag);
        else
            err = sc_xls_read(book->xls, i, &cells, diag);
        if (err == SC_OK)
            err = keep_uncached(book, &cells);
        sc_sheetcells_clear(&cells);
    }
    if (err != SC_OK) {
        sc_table_free(table);
        return err;
    }
    *out = table;
    return SC_OK;
}

const sc_spreadsheet_cell *sc_spreadsheet_uncached(const sc_spreadsheet *book,
                                                   size_t *count)
{
    *count = book->nuncached;
    return book->uncached;
}

sc_error sc_spreadsheet_report_uncached(const sc_spreadsheet *book,
                                        sc_anomalies *anomalies)
{
    for (size_t i = 0; i < book->nuncached; i++)
        if (sc_anomalies_add(anomalies, SC_SEVERITY_WARNING, book->path,
                             book->uncached[i].row, "", "",
                             "feuille « %s », cellule %s : formule sans valeur "
                             "calculée : enregistrez le fichier dans Excel ou "
                             "LibreOffice",
                             sc_spreadsheet_sheet_name(book, book->last),
                             book->uncached[i].name) != SC_OK)
            return SC_ERROR_MEMORY;
    return SC_OK;
}

void sc_spreadsheet_close(sc_spreadsheet *book)
{
    if (!book)
        return;
    sc_xlsx_free(book->xlsx);
    sc_ods_free(book->ods);
    sc_xls_free(book->xls);
    sc_sheetcells_sheets_clear(&book->sheets);
    free(book->uncached);
    free(book->path);
    free(book);
}
