/*
 * record.c - pupils and entries built from the mapped rows of the exports.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/array.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/entry.h"
#include "stagecheck/core/pupil.h"
#include "stagecheck/input/record.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/input/source.h"
#include "stagecheck/input/csv.h"

/* One row being read: its cells by field, and where it comes from. */
typedef struct row_reader {
    const sc_row *row;
    const sc_header *header;
    const char *file;
    sc_anomalies *anomalies;
    uint32_t unreadable; /* bit f: field f could not be read */
    sc_error err;        /* first memory error */
    char who[256];       /* "NOM Prénom" for anomaly rows */
    const char *class_name;
} row_reader;

static const char *cell(const row_reader *r, sc_field f)
{
    int c = r->header->col[f];

    if (c < 0 || (size_t)c >= r->row->nfields)
        return "";
    return r->row->fields[c];
}

static void row_report(row_reader *r, sc_severity severity, const char *fmt,
                       ...) __attribute__((format(printf, 3, 4)));
static void row_report_at(row_reader *r, sc_severity severity, sc_field f,
                          const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Returns a copy of the cell, or NULL when it is blank (or out of memory,
 * which is recorded in r->err). A cell longer than an Excel cell holds is
 * cut to it, and said: the workbook could not show the rest. */
static char *cell_dup(row_reader *r, sc_field f)
{
    const char *s = cell(r, f);
    size_t len, keep;
    char *copy;

    if (sc_text_blank(s))
        return NULL;
    len = strlen(s);
    keep = len > SC_TEXT_CELL_MAX
               ? sc_text_utf16_prefix(s, len, SC_TEXT_CELL_MAX)
               : len;
    copy = strndup(s, keep);
    if (!copy)
        r->err = SC_ERROR_MEMORY;
    else if (keep < len)
        row_report_at(r, SC_SEVERITY_WARNING, f, "« %s » : texte trop "
                      "long pour une cellule Excel, coupé à ses 32 767 "
                      "premiers caractères", sc_header_field_label(f));
    return copy;
}

/* Adds the anomaly of the row, naming the column of field f (or none when
 * f is SC_FIELD_COUNT). */
static void row_vreport(row_reader *r, sc_severity severity, sc_field f,
                        const char *fmt, va_list ap)
{
    char message[768];

    vsnprintf(message, sizeof message, fmt, ap);
    /* sc_anomalies_add mends a character the cut may have split. */
    if (sc_anomalies_add(r->anomalies, severity, r->file, r->row->line,
                         r->class_name, r->who, "%s", message) != SC_OK ||
        (f < SC_FIELD_COUNT &&
         sc_anomalies_set_column(r->anomalies, sc_header_field_label(f)) !=
             SC_OK))
        r->err = SC_ERROR_MEMORY;
}

static void row_report(row_reader *r, sc_severity severity, const char *fmt,
                       ...)
{
    va_list ap;

    va_start(ap, fmt);
    row_vreport(r, severity, SC_FIELD_COUNT, fmt, ap);
    va_end(ap);
}

static void row_report_at(row_reader *r, sc_severity severity, sc_field f,
                          const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    row_vreport(r, severity, f, fmt, ap);
    va_end(ap);
}

#define row_anomaly(r, ...) row_report(r, SC_SEVERITY_ERROR, __VA_ARGS__)

static sc_date cell_date(row_reader *r, sc_field f)
{
    sc_date date;

    if (sc_date_parse(cell(r, f), &date) == SC_PARSE_INVALID) {
        row_report_at(r, SC_SEVERITY_ERROR, f, "« %s » illisible : « %s » "
                      "(date attendue JJ/MM/AAAA ou AAAA-MM-JJ)",
                      sc_header_field_label(f), cell(r, f));
        r->unreadable |= UINT32_C(1) << f;
    }
    return date;
}

static sc_flag cell_flag(row_reader *r, sc_field f)
{
    int yes;

    if (r->header->col[f] < 0)
        return SC_FLAG_ABSENT;
    switch (sc_text_parse_yesno(cell(r, f), &yes)) {
    case SC_PARSE_EMPTY:
        return SC_FLAG_NO;
    case SC_PARSE_OK:
        return yes ? SC_FLAG_YES : SC_FLAG_NO;
    case SC_PARSE_MEMORY:
        r->err = SC_ERROR_MEMORY;
        return SC_FLAG_ABSENT;
    default:
        row_report_at(r, SC_SEVERITY_ERROR, f, "« %s » illisible : « %s » "
                      "(attendu oui, non ou une date)",
                      sc_header_field_label(f), cell(r, f));
        r->unreadable |= UINT32_C(1) << f;
        return SC_FLAG_INVALID;
    }
}

/* INEs are compared without spaces and case. */
static char *ine_dup(row_reader *r)
{
    char *ine = cell_dup(r, SC_FIELD_INE), *w;

    if (!ine)
        return NULL;
    w = ine;
    for (const char *p = ine; *p; p++)
        if (!isspace((unsigned char)*p))
            *w++ = (char)toupper((unsigned char)*p);
    *w = '\0';
    return ine;
}

/* Reads the pupil's names: Nom and Prénom, or Pronote's "NOM Prénom". */
static void row_names(row_reader *r, char **surname, char **first)
{
    *surname = *first = NULL;
    if (r->header->col[SC_FIELD_SURNAME] >= 0 &&
        r->header->col[SC_FIELD_FIRST] >= 0) {
        *surname = cell_dup(r, SC_FIELD_SURNAME);
        *first = cell_dup(r, SC_FIELD_FIRST);
    } else if (!sc_text_blank(cell(r, SC_FIELD_FULLNAME))) {
        if (sc_text_split_name(cell(r, SC_FIELD_FULLNAME), surname, first) < 0)
            r->err = SC_ERROR_MEMORY;
    }
    snprintf(r->who, sizeof r->who, "%s%s%s", *surname ? *surname : "",
             *surname && *first ? " " : "", *first ? *first : "");
    sc_text_cut(r->who);
}

static char *name_key(row_reader *r, const char *surname, const char *first)
{
    char *key = sc_text_name_key(surname, first);

    if (!key)
        r->err = SC_ERROR_MEMORY;
    return key;
}

static char *class_key(row_reader *r, const char *class_name)
{
    char *key;

    if (!class_name)
        return NULL;
    key = sc_text_key(class_name);
    /* A class written without letters or digits ("-") keeps its own text,
     * so that two such classes are not merged. */
    if (key && !*key) {
        free(key);
        key = strdup(class_name);
    }
    if (!key)
        r->err = SC_ERROR_MEMORY;
    return key;
}

static sc_error dataset_add_input(sc_dataset *data, const sc_source *source,
                                  const sc_table *table, sc_kind kind,
                                  size_t rows, const char **path)
{
    sc_input *in;

    /* A pupil holds its input in 16 bits: more is refused as too big. */
    if (data->ninputs >= SC_DATASET_INPUTS)
        return SC_ERROR_MEMORY;
    if (sc_array_reserve((void **)&data->inputs, &data->inputs_cap,
                         data->ninputs, sizeof *data->inputs) != SC_OK)
        return SC_ERROR_MEMORY;
    in = &data->inputs[data->ninputs];
    in->path = strdup(source->path);
    if (!in->path)
        return SC_ERROR_MEMORY;
    in->kind = kind;
    in->encoding = source->encoding;
    in->sep = table->sep;
    in->rows = rows;
    in->format = source->format;
    in->why = source->why;
    data->ninputs++;
    *path = in->path;
    return SC_OK;
}

/* 1 if a Dispense cell says there is none, as secretaries write it
 * ("Néant", "Aucune", "sans objet", "RAS", "-", "/"), 0 if not, -1 when
 * out of memory. */
static int dispense_says_none(const char *text)
{
    static const char *const none[] = {
        "neant", "aucune", "aucun", "rien", "sansobjet", "so", "ras", "na",
        "nonconcerne", "nonconcernee", "pasdedispense", "aucunedispense"};
    char *key = sc_text_key(text);
    int says = 0;

    if (!key)
        return -1;
    says = key[0] == '\0'; /* only punctuation: "-", "/", "—" */
    for (size_t i = 0; i < sizeof none / sizeof *none && !says; i++)
        says = strcmp(key, none[i]) == 0;
    free(key);
    return says;
}

/* The reason of a dispense request; a "non" in a yes/no Dispense column,
 * or a word for none, is no request at all: the row stays a placement. */
static char *dispense_dup(row_reader *r)
{
    int yes, none;
    const char *text = cell(r, SC_FIELD_DISPENSE);
    sc_parse parsed = sc_text_parse_yesno(text, &yes);

    if (parsed == SC_PARSE_MEMORY)
        r->err = SC_ERROR_MEMORY;
    if (parsed == SC_PARSE_MEMORY || parsed == SC_PARSE_EMPTY ||
        (parsed == SC_PARSE_OK && !yes))
        return NULL;
    if ((none = dispense_says_none(text)) != 0) {
        if (none < 0)
            r->err = SC_ERROR_MEMORY;
        return NULL;
    }
    return cell_dup(r, SC_FIELD_DISPENSE);
}

/* Returns 1 if the row names a pupil and nothing else: no place, date,
 * signature or dispense. */
static int entry_says_nothing(const sc_entry *e)
{
    const sc_flag flags[] = {e->sign_head, e->sign_host, e->sign_pupil,
                             e->sign_parent, e->ins_pupil, e->ins_host,
                             e->proof};

    if (e->host || e->host_type || e->siret || e->city || e->country ||
        e->start != SC_DATE_NONE || e->end != SC_DATE_NONE || e->activities ||
        e->skills || e->dispense || e->unreadable)
        return 0;
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
        if (flags[i] == SC_FLAG_YES)
            return 0;
    return 1;
}

/* A row with fewer cells than the header was cut short (its last cells
 * are read as empty), unless it comes from a sheet; one with more,
 * non-empty, cells has data no column
 * names (they are ignored). Extra empty cells are only trailing
 * separators. */
static void row_check_width(row_reader *r, size_t width, int sheet)
{
    size_t n = r->row->nfields, extra = 0;

    /* A sheet stores no empty cell at a row's end: a short row is the
     * rule there, not a row cut short. */
    if (n < width && !sheet) {
        row_report(r, SC_SEVERITY_WARNING, "ligne de %zu cellule(s), l'en-tête "
                   "en a %zu : les cellules manquantes sont lues vides", n,
                   width);
        return;
    }
    for (size_t c = width; c < n; c++)
        extra += !sc_text_blank(r->row->fields[c]);
    if (extra > 0)
        row_report(r, SC_SEVERITY_WARNING, "%zu cellule(s) remplie(s) au-delà "
                   "des %zu colonnes de l'en-tête : ignorée(s)", extra, width);
}

/* Builds one record from a row and adds it to data; an unusable row is
 * reported and skipped. Returns SC_OK or SC_ERROR_MEMORY. */
typedef sc_error (*row_builder)(sc_dataset *data, row_reader *r);

static sc_error roll_row(sc_dataset *data, row_reader *r)
{
    /* The input this row's table registered last (dataset_add_rows). */
    sc_pupil p = {.input = (uint16_t)(data->ninputs - 1),
                  .line = r->row->line, .birth = SC_DATE_NONE, .selected = 1};
    char *t[SC_PUPIL_TEXTS] = {NULL};

    row_names(r, &t[SC_PUPIL_SURNAME], &t[SC_PUPIL_FIRST]);
    if (r->header->class_given) {
        /* The class given with the file is every row's. */
        if (!(t[SC_PUPIL_CLASS] = strdup(r->header->class_given)))
            r->err = SC_ERROR_MEMORY;
    } else {
        t[SC_PUPIL_CLASS] = cell_dup(r, SC_FIELD_CLASS);
    }
    /* SIECLE empties the division of a pupil who has left: he stays, not
     * followed, so that a tracking row naming him is recognised. */
    if (!t[SC_PUPIL_CLASS] && (t[SC_PUPIL_SURNAME] || t[SC_PUPIL_FIRST]) &&
        r->err == SC_OK) {
        p.no_class = 1;
        if (!(t[SC_PUPIL_CLASS] = strdup("")))
            r->err = SC_ERROR_MEMORY;
    }
    r->class_name = t[SC_PUPIL_CLASS];
    if (!t[SC_PUPIL_SURNAME] && !t[SC_PUPIL_FIRST]) {
        row_anomaly(r, "ligne sans nom d'élève : ignorée");
    } else if (r->err == SC_OK) {
        t[SC_PUPIL_INE] = ine_dup(r);
        p.birth = cell_date(r, SC_FIELD_BIRTH);
        t[SC_PUPIL_MEF] = cell_dup(r, SC_FIELD_MEF);
        p.left = cell_date(r, SC_FIELD_LEFT);
        p.has_left = p.left != SC_DATE_NONE;
        t[SC_PUPIL_NAME_KEY] =
            name_key(r, t[SC_PUPIL_SURNAME], t[SC_PUPIL_FIRST]);
        t[SC_PUPIL_CLASS_KEY] = class_key(r, t[SC_PUPIL_CLASS]);
        p.invalid = r->unreadable != 0;
        if (r->err == SC_OK &&
            (sc_array_reserve((void **)&data->pupils, &data->pupils_cap,
                              data->npupils, sizeof *data->pupils) != SC_OK ||
             sc_pupil_set_texts(&p, &data->strings,
                                (const char *const *)t) != SC_OK))
            r->err = SC_ERROR_MEMORY;
        if (r->err == SC_OK)
            data->pupils[data->npupils++] = p;
    }
    /* The reader's class is read no more past this row. */
    r->class_name = NULL;
    for (unsigned i = 0; i < SC_PUPIL_TEXTS; i++)
        free(t[i]);
    return r->err;
}

static sc_error placement_row(sc_dataset *data, row_reader *r)
{
    sc_entry e;

    memset(&e, 0, sizeof e);
    e.file = r->file;
    e.line = r->row->line;
    e.pupil = -1;
    row_names(r, &e.surname, &e.first);
    e.ine = ine_dup(r);
    if (!r->who[0] && e.ine)
        sc_text_cut((snprintf(r->who, sizeof r->who, "INE %s", e.ine), r->who));
    e.class_name = cell_dup(r, SC_FIELD_CLASS);
    r->class_name = e.class_name;
    if (!e.ine && !e.surname && !e.first) {
        row_anomaly(r, "ligne sans élève (ni INE ni nom) : ignorée");
        sc_entry_clear(&e);
        return r->err;
    }
    if (e.surname || e.first)
        e.name_key = name_key(r, e.surname, e.first);
    e.class_key = class_key(r, e.class_name);
    e.birth = cell_date(r, SC_FIELD_BIRTH);
    e.host = cell_dup(r, SC_FIELD_HOST);
    e.host_type = cell_dup(r, SC_FIELD_HOST_TYPE);
    e.siret = cell_dup(r, SC_FIELD_SIRET);
    e.city = cell_dup(r, SC_FIELD_CITY);
    e.country = cell_dup(r, SC_FIELD_COUNTRY);
    e.start = cell_date(r, SC_FIELD_START);
    e.end = cell_date(r, SC_FIELD_END);
    e.sign_head = cell_flag(r, SC_FIELD_SIGN_HEAD);
    e.sign_host = cell_flag(r, SC_FIELD_SIGN_HOST);
    e.sign_pupil = cell_flag(r, SC_FIELD_SIGN_PUPIL);
    /* A date says when the pupil signed: minority is judged that day. */
    if (e.sign_pupil == SC_FLAG_YES &&
        sc_date_parse(cell(r, SC_FIELD_SIGN_PUPIL), &e.sign_pupil_on) ==
            SC_PARSE_OK)
        e.sign_pupil_dated = 1;
    e.sign_parent = cell_flag(r, SC_FIELD_SIGN_PARENT);
    e.activities = cell_dup(r, SC_FIELD_ACTIVITIES);
    e.skills = cell_dup(r, SC_FIELD_SKILLS);
    e.ins_pupil = cell_flag(r, SC_FIELD_INS_PUPIL);
    e.ins_host = cell_flag(r, SC_FIELD_INS_HOST);
    e.dispense = dispense_dup(r);
    e.proof = cell_flag(r, SC_FIELD_PROOF);
    e.unreadable = r->unreadable;
    if (entry_says_nothing(&e)) {
        /* A tracking sheet lists every pupil before anything is known. */
        row_report(r, SC_SEVERITY_NOTE, "ligne sans stage ni dispense "
                                        "renseignés : rien à vérifier");
        sc_entry_clear(&e);
        return r->err;
    }
    if (r->err == SC_OK &&
        sc_array_reserve((void **)&data->entries, &data->entries_cap,
                         data->nentries, sizeof *data->entries) != SC_OK)
        r->err = SC_ERROR_MEMORY;
    if (r->err != SC_OK) {
        sc_entry_clear(&e);
        return r->err;
    }
    sc_entry_pack(&e, &data->strings);
    data->entries[data->nentries++] = e;
    return SC_OK;
}

/* Returns 1 if every cell of row under a column stagecheck reads is
 * blank. */
static int row_fills_no_field(const sc_row *row, const sc_header *header)
{
    for (int f = 0; f < SC_FIELD_COUNT; f++) {
        int c = header->col[f];

        if (c >= 0 && (size_t)c < row->nfields &&
            !sc_text_blank(row->fields[c]))
            return 0;
    }
    return 1;
}

/* Rows read between two calls of sc_table_release by their last reader:
 * 64 KiB of the row array, and their arrays of fields (80 bytes a row of
 * ten columns). A file of fewer rows gives back nothing before it is
 * freed, right after. */
#define RELEASE_EVERY ((size_t)4096)

/* Registers the input, then builds a record from every row below the
 * header; blank rows are skipped. With last, the rows read are given back
 * as it goes (sc_table_release), the header's kept to the end. */
static sc_error dataset_add_rows(sc_dataset *data, const sc_source *source,
                                 sc_table *table, const sc_header *header,
                                 sc_anomalies *anomalies, sc_kind kind,
                                 int last, row_builder build)
{
    const char *path;
    sc_error err;

    err = dataset_add_input(data, source, table, kind,
                            table->nrows - header->row - 1, &path);
    for (size_t i = header->row + 1; err == SC_OK && i < table->nrows; i++) {
        row_reader r = {&table->rows[i], header, path, anomalies, 0, SC_OK,
                        "", NULL};

        if (last && (i - header->row) % RELEASE_EVERY == 0)
            sc_table_release(table, header->row + 1, i);
        if (sc_table_row_blank(r.row))
            continue;
        /* Pronote's teacher lists put a line of sub-titles ("Toutes",
         * "Mes cours") under the header, in columns we do not read. */
        if (i == header->row + 1 && row_fills_no_field(r.row, header)) {
            row_report(&r, SC_SEVERITY_NOTE, "ligne de sous-titres sous "
                                             "l'en-tête : ignorée");
            err = r.err;
            continue;
        }
        if (sc_header_repeated(table, header, r.row)) {
            row_report(&r, SC_SEVERITY_NOTE, "ligne d'en-tête répétée "
                                             "(exports mis bout à bout) : "
                                             "ignorée");
            err = r.err;
            continue;
        }
        row_check_width(&r, table->rows[header->row].nfields,
                        table->sep == 0);
        err = r.err != SC_OK ? r.err : build(data, &r);
    }
    return err;
}

/* Makes room for more pupils at once: the rows tell how many at most. */
static sc_error pupils_presize(sc_dataset *data, size_t more)
{
    return sc_array_reserve_exact((void **)&data->pupils, &data->pupils_cap,
                                  data->npupils, more, sizeof *data->pupils);
}

sc_error sc_record_add_roll(sc_dataset *data, const sc_source *source,
                             sc_table *table, const sc_header *header,
                             sc_anomalies *anomalies, int last)
{
    if (pupils_presize(data, table->nrows) != SC_OK)
        return SC_ERROR_MEMORY;
    return dataset_add_rows(data, source, table, header, anomalies,
                            SC_KIND_ROLL, last, roll_row);
}

sc_error sc_record_add_placements(sc_dataset *data, const sc_source *source,
                                   sc_table *table, const sc_header *header,
                                   sc_anomalies *anomalies, int last)
{
    return dataset_add_rows(data, source, table, header, anomalies,
                            SC_KIND_PLACEMENTS, last, placement_row);
}
