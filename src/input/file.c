/*
 * file.c - one input file into the dataset.
 */
#include <stdlib.h>
#include <string.h>
#include "stagecheck/input/file.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/input/source.h"
#include "stagecheck/input/csv.h"
#include "stagecheck/input/record.h"

/* Parses source and finds its header, trying the detected separator first
 * and then the others: the separator that yields a header row wins. */
static sc_error load_table(const sc_source *source, sc_kind kind,
                           const sc_aliases *aliases, sc_table **table,
                           sc_header *header, sc_diag *diag)
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
            err = sc_header_find(*table, kind, aliases, header, &d);
        if (err == SC_OK)
            return SC_OK;
        sc_table_free(*table);
        *table = NULL;
        if (i == 0) {
            /* The likeliest separator's error is the one to report. */
            first_err = err;
            *diag = d;
        }
        if (err == SC_ERROR_MEMORY || err == SC_ERROR_FILE_EMPTY ||
            (i == 0 && err == SC_ERROR_CSV_QUOTE))
            return err;
    }
    return first_err;
}

/* Finds the table and header of a decoded source and reports its
 * undecodable bytes. */
static sc_error load_parse(const sc_source *source, sc_kind kind,
                           const sc_aliases *aliases, sc_table **table,
                           sc_header *header, sc_anomalies *anomalies,
                           sc_diag *diag)
{
    sc_error err;

    err = load_table(source, kind, aliases, table, header, diag);
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

sc_error sc_file_parse(sc_file *file, sc_source *source, sc_kind kind,
                       const sc_aliases *aliases, sc_anomalies *anomalies,
                       sc_diag *diag)
{
    sc_error err;

    memset(file, 0, sizeof *file);
    file->kind = kind;
    file->source = source;
    err = load_parse(source, kind, aliases, &file->table, &file->header,
                     anomalies, diag);
    /* The table holds its own copy of every field: the decoded text is
     * not needed any more, and an académie's would be held to the end. */
    if (err == SC_OK) {
        free(source->text);
        source->text = NULL;
        source->len = 0;
    }
    return err;
}

sc_error sc_file_load(sc_file *file, const char *path, sc_kind kind,
                      const sc_aliases *aliases, sc_anomalies *anomalies,
                      sc_diag *diag)
{
    sc_source *source = NULL;
    sc_error err = sc_source_read(path, &source, diag);

    if (err != SC_OK) {
        memset(file, 0, sizeof *file);
        return err;
    }
    return sc_file_parse(file, source, kind, aliases, anomalies, diag);
}

sc_error sc_file_add(const sc_file *file, const sc_table *table,
                     sc_dataset *data, sc_anomalies *anomalies)
{
    sc_header header = file->header;

    if (table != file->table)
        header.row = 0;
    return file->kind == SC_KIND_ROLL
               ? sc_record_add_roll(data, file->source, table, &header,
                                     anomalies)
               : sc_record_add_placements(data, file->source, table, &header,
                                           anomalies);
}

void sc_file_clear(sc_file *file)
{
    if (!file)
        return;
    sc_table_free(file->table);
    sc_source_free(file->source);
    memset(file, 0, sizeof *file);
}
