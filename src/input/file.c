/*
 * file.c - one input file into the dataset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libxml/parser.h>
#include "stagecheck/input/file.h"
#include "stagecheck/input/limits.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/period.h"
#include "stagecheck/input/siecle.h"
#include "stagecheck/input/spreadsheet.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/input/source.h"
#include "stagecheck/input/csv.h"
#include "stagecheck/input/record.h"

/* Finds the header of table: of the kind given (--roll, --placements),
 * or telling the kind from the header. */
static sc_error file_header(const sc_table *table, const sc_file_spec *spec,
                            const sc_aliases *aliases, sc_header *header,
                            sc_kind *kind, char *why, size_t why_size,
                            sc_diag *diag)
{
    if (!spec->detect) {
        *kind = spec->kind;
        snprintf(why, why_size, "donné comme %s (%s)",
                 spec->kind == SC_KIND_ROLL ? "liste d'élèves"
                                            : "tableau de suivi",
                 spec->kind == SC_KIND_ROLL ? "--roll" : "--placements");
        return sc_header_find_given(table, spec->kind, aliases,
                                    spec->class_name, header, diag);
    }
    return sc_header_detect(table, aliases, spec->class_name, kind, header,
                            why, why_size, diag);
}

/* Parses source and finds its header, trying the detected separator first
 * and then the others: the separator that yields a header row wins. */
static sc_error load_table(const sc_source *source, const sc_file_spec *spec,
                           const sc_aliases *aliases, sc_table **table,
                           sc_header *header, sc_kind *kind, char *why,
                           size_t why_size, sc_diag *diag)
{
    char seps[3] = {sc_source_detect_sep(source), 0, 0};
    size_t n = 1;
    sc_error first_err = SC_OK;

    for (const char *s = ";\t,"; *s; s++)
        if (*s != seps[0])
            seps[n++] = *s;
    for (size_t i = 0; i < 3; i++) {
        sc_diag d;
        sc_error err;

        sc_diag_clear(&d);
        err = sc_csv_parse(source, seps[i], table, &d);
        if (err == SC_OK && (*table)->nrows == 0) {
            /* A BOM, separators and line breaks: an empty sheet saved. */
            sc_diag_set(&d, source->path, 0, "fichier vide : aucune cellule "
                                             "remplie");
            err = SC_ERROR_FILE_EMPTY;
        }
        if (err == SC_OK)
            err = file_header(*table, spec, aliases, header, kind, why,
                              why_size, &d);
        if (err == SC_OK)
            return SC_OK;
        sc_table_free(*table);
        *table = NULL;
        if (i == 0) {
            /* The likeliest separator's error is the one to report. */
            first_err = err;
            *diag = d;
        }
        /* A file past the bounds is so whatever the separator. */
        if (err == SC_ERROR_MEMORY || err == SC_ERROR_FILE_EMPTY ||
            err == SC_ERROR_FILE_READ ||
            (i == 0 && err == SC_ERROR_CSV_QUOTE))
            return err;
    }
    return first_err;
}

/* What every format shares once its table and header are found: an
 * empty roll stops the run, a second column of the same title and the
 * bytes that could not be decoded are reported. */
static sc_error file_report(const sc_source *source, sc_kind kind,
                            sc_table **table, const sc_header *header,
                            sc_anomalies *anomalies, sc_diag *diag)
{
    sc_error err = SC_OK;

    /* An empty roll would give a clean, empty workbook: say so instead. */
    if (err == SC_OK && kind == SC_KIND_ROLL &&
        header->row + 1 >= (*table)->nrows) {
        sc_diag_set(diag, source->path, (*table)->rows[header->row].line,
                    "aucun élève sous la ligne d'en-tête : liste vide");
        err = SC_ERROR_FILE_EMPTY;
    }
    for (int f = 0; err == SC_OK && f < SC_FIELD_COUNT; f++)
        if (header->again[f] >= 0)
            err = sc_anomalies_add(
                anomalies, SC_SEVERITY_WARNING, source->path,
                (*table)->rows[header->row].line, NULL, NULL,
                "deux colonnes « %s » (colonnes %d et %d) : seule la "
                "première est lue",
                (*table)->rows[header->row].fields[header->col[f]],
                header->col[f] + 1, header->again[f] + 1);
    if (err == SC_OK && source->foreign_lines > 0)
        err = sc_anomalies_add(anomalies, SC_SEVERITY_WARNING, source->path,
                               source->first_foreign_line, NULL, NULL,
                               "%zu ligne(s) de ce fichier UTF-8 ne sont pas "
                               "en UTF-8 (encodage mêlé, ou caractère coupé) : "
                               "lue(s) en Windows-1252, vérifiez leurs "
                               "accents (première à cette ligne)",
                               source->foreign_lines);
    if (err == SC_OK && source->bad_bytes > 0)
        err = sc_anomalies_add(anomalies, SC_SEVERITY_WARNING, source->path,
                               source->first_bad_line, NULL, NULL,
                               "%zu caractère(s) illisible(s) en %s remplacé(s) "
                               "par « \xEF\xBF\xBD » (premier à cette ligne)",
                               source->bad_bytes, source->encoding);
    return err;
}


/* "CSV, Windows-1252, séparateur « ; »" for the Synthèse's list of files. */
static char *csv_format(const sc_source *source, char sep)
{
    char buf[96];

    snprintf(buf, sizeof buf, "CSV %s, séparateur %s", source->encoding,
             sep == '\t' ? "tabulation" : sep == ',' ? "« , »" : "« ; »");
    return sc_text_dup(buf);
}

/* Sets the source's format and why, both copied. */
static sc_error file_describe(sc_file *file, char *format, const char *why)
{
    file->source->format = format;
    file->source->why = sc_text_dup(why);
    return format && file->source->why ? SC_OK : SC_ERROR_MEMORY;
}

static sc_error open_csv(sc_file *file, const sc_file_spec *spec,
                         const sc_aliases *aliases, sc_anomalies *anomalies,
                         sc_diag *diag)
{
    char why[512];
    sc_error err;

    err = load_table(file->source, spec, aliases, &file->table, &file->header,
                     &file->kind, why, sizeof why, diag);
    if (err == SC_OK)
        err = file_describe(file, csv_format(file->source, file->table->sep),
                            why);
    if (err == SC_OK)
        err = file_report(file->source, file->kind, &file->table,
                          &file->header, anomalies, diag);
    /* The table holds its own copy of every field: the decoded text is
     * not needed any more, and an académie's would be held to the end. */
    if (err == SC_OK) {
        free(file->source->text);
        file->source->text = NULL;
        file->source->len = 0;
    }
    return err;
}

/* A source that only names the file (and its sheet): spreadsheets and
 * XML are decoded by their readers, not by source.c. */
static sc_error file_named_source(sc_file *file, const char *name,
                                  const char *encoding)
{
    file->source = calloc(1, sizeof *file->source);
    if (!file->source || !(file->source->path = sc_text_dup(name)))
        return SC_ERROR_MEMORY;
    file->source->encoding = encoding;
    return SC_OK;
}

/* "2026-2027" from the year the school year starts. */
static void school_years(int start, char *buf, size_t size)
{
    snprintf(buf, size, "%d-%d", start, start + 1);
}

/* SIECLE switched to the next school year (some schools do it in June):
 * its classes may not be this year's. Said loudly: a warning is printed
 * and counted. */
static sc_error siecle_year(const sc_file *file, int school_year,
                            sc_anomalies *anomalies)
{
    char theirs[16], ours[16];

    if (!school_year || !file->siecle.school_year ||
        file->siecle.school_year == school_year)
        return SC_OK;
    school_years(file->siecle.school_year, theirs, sizeof theirs);
    school_years(school_year, ours, sizeof ours);
    return sc_anomalies_add(anomalies, SC_SEVERITY_WARNING, file->source->path,
                            0, NULL, NULL,
                            "ATTENTION : export SIECLE de l'année scolaire %s, "
                            "mais la date de référence est dans l'année %s : "
                            "SIECLE a peut-être déjà basculé sur l'année "
                            "suivante, ses classes et ses élèves ne sont alors "
                            "pas ceux du stage ; refaites l'export avec "
                            "l'année %s, ou vérifiez --as-of",
                            theirs, ours, ours);
}

static sc_error open_siecle(sc_file *file, const sc_file_spec *spec,
                            const sc_aliases *aliases,
                            sc_anomalies *anomalies, sc_diag *diag)
{
    char format[320], why[512], years[16] = "?", when[11] = "?";
    sc_error err;

    if ((err = file_named_source(file, spec->path, "")) != SC_OK)
        return err;
    if (!spec->detect && spec->kind != SC_KIND_ROLL) {
        sc_diag_set(diag, spec->path, 0, "c'est un export XML SIECLE des "
                    "élèves : donnez-le avec --roll, et le tableau de suivi "
                    "avec --placements");
        return SC_ERROR_NO_HEADER;
    }
    err = sc_siecle_read(file->source->path, &file->table, &file->siecle,
                         anomalies, diag);
    if (err != SC_OK)
        return err;
    file->is_siecle = 1;
    file->kind = SC_KIND_ROLL;
    snprintf(file->encoding, sizeof file->encoding, "%s",
             file->siecle.encoding);
    file->source->encoding = file->encoding;
    err = sc_header_find_given(file->table, SC_KIND_ROLL, aliases,
                               spec->class_name, &file->header, diag);
    if (err != SC_OK)
        return err;
    if (file->siecle.school_year)
        school_years(file->siecle.school_year, years, sizeof years);
    if (file->siecle.export_date != SC_DATE_NONE)
        sc_date_format(file->siecle.export_date, when);
    snprintf(format, sizeof format, "XML SIECLE %s%s%s", file->encoding,
             file->siecle.member[0] ? ", archive .zip : " : "",
             file->siecle.member);
    snprintf(why, sizeof why, "export SIECLE « Élèves sans adresses » (UAI "
             "%s, année scolaire %s, exporté le %s)",
             file->siecle.uai[0] ? file->siecle.uai : "?", years, when);
    if ((err = file_describe(file, sc_text_dup(format),
                             spec->detect ? why : "donné comme liste "
                                                  "d'élèves (--roll)")) !=
            SC_OK ||
        (err = file_report(file->source, SC_KIND_ROLL, &file->table,
                           &file->header, anomalies, diag)) != SC_OK)
        return err;
    return siecle_year(file, spec->school_year, anomalies);
}

/* The sheet names of book, for a message: "« Suivi », « Élèves »". */
static void sheet_list(const sc_spreadsheet *book, char *buf, size_t size)
{
    size_t len = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < sc_spreadsheet_count(book); i++) {
        int n = snprintf(buf + len, size - len, "%s« %.40s »", i ? ", " : "",
                         sc_spreadsheet_sheet_name(book, i));

        if (n < 0 || (size_t)n >= size - len) {
            if (size > 4)
                strcpy(buf + size - 4, "…");
            return;
        }
        len += (size_t)n;
    }
}

/* Reads sheet i and finds its header; the table is named after the sheet
 * ("suivi.xlsx, feuille « Suivi »"), so that every message and anomaly
 * says where the secretary will look. */
static sc_error read_sheet(sc_file *file, sc_spreadsheet *book, size_t i,
                           const sc_file_spec *spec, const sc_aliases *aliases,
                           char *why, size_t why_size, sc_diag *diag)
{
    char name[1024];
    sc_error err;

    snprintf(name, sizeof name, "%s" SC_ANOMALIES_SHEET_MARK "%s »", spec->path,
             sc_spreadsheet_sheet_name(book, i));
    sc_source_free(file->source);
    file->source = NULL;
    sc_table_free(file->table);
    file->table = NULL;
    if ((err = file_named_source(file, name, "")) != SC_OK ||
        (err = sc_spreadsheet_read(book, i, &file->table, diag)) != SC_OK)
        return err;
    file->table->path = file->source->path;
    if (file->table->nrows == 0) {
        sc_diag_set(diag, name, 0, "feuille vide : aucune cellule remplie");
        return SC_ERROR_FILE_EMPTY;
    }
    return file_header(file->table, spec, aliases, &file->header, &file->kind,
                       why, why_size, diag);
}

/* Returns 1 if book is a workbook stagecheck wrote: its first sheet is
 * the Synthèse (workbook/sheetname.h's name, not includable here). */
static int book_is_ours(const sc_spreadsheet *book)
{
    return sc_spreadsheet_count(book) > 0 &&
           strcmp(sc_spreadsheet_sheet_name(book, 0), "Synthèse") == 0;
}

/* Finds the sheet to read: the one named, else the first (visible ones
 * first) whose header is recognised. */
static sc_error pick_sheet(sc_file *file, sc_spreadsheet *book,
                           const sc_file_spec *spec, const sc_aliases *aliases,
                           char *why, size_t why_size, sc_diag *diag)
{
    size_t n = sc_spreadsheet_count(book);
    char names[400];
    sc_diag first;
    sc_error first_err = SC_ERROR_NO_HEADER;
    int tried = 0;

    if (spec->sheet) {
        long at = sc_spreadsheet_find(book, spec->sheet);

        if (at >= 0)
            return read_sheet(file, book, (size_t)at, spec, aliases, why,
                              why_size, diag);
        sheet_list(book, names, sizeof names);
        sc_diag_set(diag, spec->path, 0, "pas de feuille « %s » dans ce "
                    "classeur ; ses feuilles : %s", spec->sheet, names);
        return SC_ERROR_NO_HEADER;
    }
    sc_diag_clear(&first);
    for (int hidden = 0; hidden < 2; hidden++)
        for (size_t i = 0; i < n; i++) {
            sc_diag d;
            sc_error err;

            if (sc_spreadsheet_sheet_hidden(book, i) != hidden)
                continue;
            sc_diag_clear(&d);
            err = read_sheet(file, book, i, spec, aliases, why, why_size, &d);
            if (err == SC_OK)
                return SC_OK;
            if (err != SC_ERROR_NO_HEADER && err != SC_ERROR_FILE_EMPTY)
                return (*diag = d, err);
            if (!tried++) {
                first = d;
                first_err = err;
            }
        }
    /* The workbook stagecheck wrote, dropped beside the exports. */
    if (book_is_ours(book)) {
        file->own_book = 1;
        sc_diag_set(diag, spec->path, 0, "classeur écrit par stagecheck "
                    "(feuille « Synthèse ») : ce n'est pas une entrée");
        return SC_ERROR_NO_HEADER;
    }
    if (n > 1) {
        sheet_list(book, names, sizeof names);
        sc_diag_set(diag, spec->path, 0, "aucune feuille de ce classeur n'a "
                    "de ligne d'en-tête reconnue (feuilles : %s) ; choisissez "
                    "la feuille avec FICHIER#Feuille ; première feuille : %s",
                    names, first.message);
    } else {
        *diag = first;
    }
    return first_err;
}

static sc_error open_spreadsheet(sc_file *file, const sc_file_spec *spec,
                                 sc_spreadsheet_format format,
                                 const sc_aliases *aliases,
                                 sc_anomalies *anomalies, sc_diag *diag)
{
    static const char *const names[] = {
        [SC_SPREADSHEET_XLSX] = "Excel (.xlsx)",
        [SC_SPREADSHEET_ODS] = "LibreOffice (.ods)",
        [SC_SPREADSHEET_XLS] = "Excel 97-2003 (.xls)"};
    sc_spreadsheet *book = NULL;
    const sc_spreadsheet_cell *cells;
    char why[512];
    size_t n;
    sc_error err;

    err = sc_spreadsheet_open(spec->path, format, &book, diag);
    if (err == SC_OK)
        err = pick_sheet(file, book, spec, aliases, why, sizeof why, diag);
    if (err == SC_OK)
        err = file_describe(file,
                            sc_text_dup(format < sizeof names / sizeof *names &&
                                                names[format]
                                            ? names[format]
                                            : "classeur"),
                            why);
    cells = err == SC_OK ? sc_spreadsheet_uncached(book, &n) : NULL;
    for (size_t i = 0; err == SC_OK && i < n; i++)
        err = sc_anomalies_add(anomalies, SC_SEVERITY_WARNING,
                               file->source->path, cells[i].row, NULL, NULL,
                               "cellule %s : formule sans valeur calculée, "
                               "lue vide : ouvrez le fichier dans Excel ou "
                               "LibreOffice et enregistrez-le",
                               cells[i].name);
    /* freexl reads no formula: what a formula computed is not seen. */
    if (err == SC_OK && format == SC_SPREADSHEET_XLS)
        err = sc_anomalies_add(anomalies, SC_SEVERITY_NOTE,
                               file->source->path, 0, NULL, NULL,
                               "classeur .xls (Excel 97-2003) : les cellules "
                               "calculées par une formule y sont lues vides ; "
                               "enregistrez-le au format .xlsx pour qu'elles "
                               "soient lues");
    sc_spreadsheet_close(book);
    if (err == SC_OK)
        err = file_report(file->source, file->kind, &file->table,
                          &file->header, anomalies, diag);
    return err;
}

/* What a file's first bytes say it may be. */
typedef enum file_magic {
    MAGIC_TEXT,  /* anything else: read as a CSV */
    MAGIC_XML,   /* '<' first, after a BOM and blanks */
    MAGIC_ZIP,   /* "PK\3\4": a workbook or a zipped SIECLE export */
    MAGIC_OLE    /* an OLE compound file: .xls, or an encrypted .xlsx */
} file_magic;

/* Sniffs the first bytes, so that a CSV is never handed to the XML, zip
 * or .xls readers (whose own detection allocates, and may speak). */
static file_magic file_sniff(const char *path)
{
    unsigned char head[64] = {0};
    struct stat st;
    FILE *fp;
    size_t n, i = 0;

    /* A FIFO or a device is read once, by source.c, which bounds it:
     * opening it here would take what its writer sends, or wait. */
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return MAGIC_TEXT;
    fp = fopen(path, "rb");
    n = fp ? fread(head, 1, sizeof head, fp) : 0;
    if (fp)
        fclose(fp);
    if (n >= 4 && memcmp(head, "PK\x03\x04", 4) == 0)
        return MAGIC_ZIP;
    if (n >= 8 && memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return MAGIC_OLE;
    if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' ||
                     head[i] == '\n'))
        i++;
    return i < n && head[i] == '<' ? MAGIC_XML : MAGIC_TEXT;
}

sc_error sc_file_open(sc_file *file, const sc_file_spec *spec,
                      const sc_aliases *aliases, sc_anomalies *anomalies,
                      sc_diag *diag)
{
    sc_spreadsheet_format format = SC_SPREADSHEET_NONE;
    file_magic magic = file_sniff(spec->path);
    struct stat st;
    sc_error err;

    memset(file, 0, sizeof *file);
    file->kind = spec->kind;
    file->detected = spec->detect;
    /* The readers of archives and workbooks get no file past the bound a
     * CSV has (source.c checks its own while reading). */
    if (magic != MAGIC_TEXT && stat(spec->path, &st) == 0 &&
        S_ISREG(st.st_mode) &&
        (err = sc_limits_check_bytes(spec->path, (size_t)st.st_size, diag)) !=
            SC_OK)
        return err;
    if ((magic == MAGIC_XML || magic == MAGIC_ZIP) &&
        sc_siecle_detect(spec->path) != SC_SIECLE_NONE)
        return open_siecle(file, spec, aliases, anomalies, diag);
    if (magic == MAGIC_ZIP || magic == MAGIC_OLE) {
        if ((err = sc_spreadsheet_detect(spec->path, &format, diag)) != SC_OK)
            return err;
        if (format == SC_SPREADSHEET_NONE && magic == MAGIC_ZIP) {
            /* A zip neither reader recognises: a damaged workbook, or an
             * archive holding no SIECLE export; its reader says which. */
            const char *dot = strrchr(spec->path, '.');

            if (dot && strcasecmp(dot, ".zip") == 0)
                return open_siecle(file, spec, aliases, anomalies, diag);
            format = SC_SPREADSHEET_XLSX;
        }
        if (format != SC_SPREADSHEET_NONE)
            return open_spreadsheet(file, spec, format, aliases, anomalies,
                                    diag);
    }
    /* Anything else, an HTML page or a damaged .xls included, is read as
     * text: source.c tells what is no CSV. */
    if ((err = sc_source_read(spec->path, &file->source, diag)) != SC_OK)
        return err;
    return open_csv(file, spec, aliases, anomalies, diag);
}

sc_error sc_file_parse(sc_file *file, sc_source *source, sc_kind kind,
                       const sc_aliases *aliases, sc_anomalies *anomalies,
                       sc_diag *diag)
{
    sc_file_spec spec = {.path = source->path, .kind = kind};

    memset(file, 0, sizeof *file);
    file->kind = kind;
    file->source = source;
    return open_csv(file, &spec, aliases, anomalies, diag);
}

sc_error sc_file_load(sc_file *file, const char *path, sc_kind kind,
                      const sc_aliases *aliases, sc_anomalies *anomalies,
                      sc_diag *diag)
{
    sc_file_spec spec = {.path = path, .kind = kind};

    return sc_file_open(file, &spec, aliases, anomalies, diag);
}

/* Returns 1 if path names something that exists. */
static int file_exists(const char *path)
{
    return access(path, F_OK) == 0;
}

int sc_file_own_book(const char *path)
{
    sc_spreadsheet_format format;
    sc_spreadsheet *book;
    sc_diag d;
    int ours;

    if (sc_spreadsheet_detect(path, &format, &d) != SC_OK ||
        format != SC_SPREADSHEET_XLSX ||
        sc_spreadsheet_open(path, format, &book, &d) != SC_OK)
        return 0;
    ours = book_is_ours(book);
    sc_spreadsheet_close(book);
    return ours;
}

/* Returns 1 if path exists, as written or without a "#Feuille" end. */
static int file_exists_sheet(char *path)
{
    char *hash = strrchr(path, '#');
    int found;

    if (file_exists(path))
        return 1;
    if (!hash || hash == path)
        return 0;
    *hash = '\0';
    found = file_exists(path);
    *hash = '#';
    return found;
}

sc_error sc_file_split(const char *given, char **path, char **class_name,
                       char **sheet)
{
    char *copy = sc_text_dup(given), *colon, *hash;

    *path = *class_name = *sheet = NULL;
    if (!copy)
        return SC_ERROR_MEMORY;
    *path = copy;
    /* A path that exists as written is a path, colon or hash and all. */
    if (file_exists(copy))
        return SC_OK;
    colon = strrchr(copy, ':');
    if (colon && colon != copy && colon[1]) {
        *colon = '\0';
        if (file_exists_sheet(copy)) {
            if (!(*class_name = sc_text_dup(colon + 1)))
                return SC_ERROR_MEMORY;
        } else {
            *colon = ':';
        }
    }
    hash = strrchr(copy, '#');
    if (hash && hash != copy && hash[1] && !file_exists(copy)) {
        *hash = '\0';
        if (!file_exists(copy))
            *hash = '#';
        else if (!(*sheet = sc_text_dup(hash + 1)))
            return SC_ERROR_MEMORY;
    }
    return SC_OK;
}

sc_error sc_file_add(const sc_file *file, sc_table *table, sc_dataset *data,
                     sc_anomalies *anomalies, int last)
{
    sc_header header = file->header;

    if (table != file->table)
        header.row = 0;
    return file->kind == SC_KIND_ROLL
               ? sc_record_add_roll(data, file->source, table, &header,
                                     anomalies, last)
               : sc_record_add_placements(data, file->source, table, &header,
                                           anomalies, last);
}

void sc_file_init_threads(void)
{
    /* Idempotent; libxml2 2.9 asks for it before any thread parses. */
    xmlInitParser();
}

void sc_file_clear(sc_file *file)
{
    if (!file)
        return;
    sc_table_free(file->table);
    sc_source_free(file->source);
    memset(file, 0, sizeof *file);
}
