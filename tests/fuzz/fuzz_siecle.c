/*
 * fuzz_siecle.c - SIECLE's XML export reader under libFuzzer: detection,
 * the zip or XML read into rows, then the rows as a roll (header, pupils),
 * as the input layer will run them.
 *
 * Input: one whole file, zipped or not (told by its first bytes, as
 * sc_siecle_parse does).
 */
#include <string.h>
#include "fuzz.h"
#include "stagecheck/core/anomalies.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/input/header.h"
#include "stagecheck/input/record.h"
#include "stagecheck/input/siecle.h"
#include "stagecheck/input/source.h"

static const char *const seconde_gt_label = "Seconde générale et technologique";

/* What the table promises its readers (header.c, record.c, school.c, and
 * the workbook after them). */
static void check_table(const sc_table *t, const sc_siecle_params *params)
{
    FUZZ_ASSERT(t->nrows >= 1);
    FUZZ_ASSERT(t->sep == 0 && t->sheet == NULL);
    for (size_t r = 0; r < t->nrows; r++) {
        const sc_row *row = &t->rows[r];

        FUZZ_ASSERT(row->nfields == SC_SIECLE_COLUMNS);
        if (r > 1)
            FUZZ_ASSERT(row->line >= t->rows[r - 1].line);
        if (r > 0)
            FUZZ_ASSERT(row->line >= t->rows[0].line);
        for (size_t c = 0; c < row->nfields; c++) {
            const char *s = row->fields[c];

            FUZZ_ASSERT(s && fuzz_xml_ok(s, strlen(s)));
            if (r == 0)
                FUZZ_ASSERT(strcmp(s, sc_siecle_header((sc_siecle_column)c))
                            == 0);
        }
        if (r == 0)
            continue;
        FUZZ_ASSERT(row->fields[SC_SIECLE_SURNAME][0] != '\0');
        FUZZ_ASSERT(strcmp(row->fields[SC_SIECLE_UAI], params->uai) == 0);
        {
            const char *mef = row->fields[SC_SIECLE_MEF_CODE];
            const char *label = sc_siecle_mef_label(mef);
            int gt = sc_siecle_mef_seconde_gt(mef);

            FUZZ_ASSERT(gt >= -1 && gt <= 1);
            FUZZ_ASSERT(gt != 1 || (label && strcmp(label, seconde_gt_label)
                                                 == 0));
            FUZZ_ASSERT(gt != -1 || !label);
            FUZZ_ASSERT(strcmp(row->fields[SC_SIECLE_MEF], label ? label : "")
                        == 0);
        }
    }
    FUZZ_ASSERT(fuzz_str_ok(params->uai) && fuzz_str_ok(params->encoding) &&
                fuzz_str_ok(params->member));
    FUZZ_ASSERT(params->school_year == 0 ||
                (params->school_year >= 1000 && params->school_year <= 9999));
}

/* The rows as a roll, with a source standing for the file (record.c names
 * the file and its encoding from it). */
static void load_roll(sc_table *table, const sc_siecle_params *params,
                      sc_anomalies *anomalies)
{
    char path[] = "ExportXML_ElevesSansAdresses.zip";
    sc_source source;
    sc_header header;
    sc_dataset *data;
    sc_diag diag;

    memset(&source, 0, sizeof source);
    source.path = path;
    source.encoding = params->encoding;
    sc_diag_clear(&diag);
    /* Nom, Prénom and Classe are always there: the header is found. */
    FUZZ_ASSERT(sc_header_find(table, SC_KIND_ROLL, NULL, &header, &diag)
                == SC_OK);
    FUZZ_ASSERT(header.row == 0);
    data = sc_dataset_new();
    if (!data)
        abort();
    if (sc_record_add_roll(data, &source, table, &header, anomalies, 1) ==
        SC_OK) {
        FUZZ_ASSERT(data->npupils <= table->nrows - 1);
        for (size_t p = 0; p < data->npupils; p++)
            FUZZ_ASSERT(fuzz_str_ok(sc_pupil_surname(&data->pupils[p])) &&
                        fuzz_str_ok(sc_pupil_class(&data->pupils[p])) &&
                        fuzz_str_ok(sc_pupil_ine(&data->pupils[p])));
    }
    sc_dataset_free(data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    sc_anomalies anomalies = {NULL, 0, 0};
    sc_siecle_params params;
    sc_siecle_format format = sc_siecle_detect_bytes(bytes, size);
    sc_table *table = NULL;
    sc_diag diag;
    sc_error err;

    FUZZ_ASSERT(format == SC_SIECLE_NONE || format == SC_SIECLE_XML ||
                format == SC_SIECLE_ZIP);
    sc_diag_clear(&diag);
    err = sc_siecle_parse("ExportXML_ElevesSansAdresses.zip", bytes, size,
                          &table, &params, &anomalies, &diag);
    if (err == SC_OK) {
        FUZZ_ASSERT(table != NULL);
        check_table(table, &params);
        for (size_t i = 0; i < anomalies.count; i++)
            FUZZ_ASSERT(anomalies.items[i].severity == SC_SEVERITY_WARNING &&
                        fuzz_str_ok(anomalies.items[i].message) &&
                        fuzz_str_ok(anomalies.items[i].pupil) &&
                        fuzz_str_ok(anomalies.items[i].class_name));
        load_roll(table, &params, &anomalies);
    } else {
        FUZZ_ASSERT(err < SC_ERROR_MAX && table == NULL);
        FUZZ_ASSERT(diag.message[0] && fuzz_str_ok(diag.message));
    }
    sc_table_free(table);
    sc_anomalies_clear(&anomalies);
    return 0;
}
