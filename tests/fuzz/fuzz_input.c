/*
 * fuzz_input.c - the whole input path under libFuzzer: decode, CSV,
 * header, rows, matching, rules, as src/app.c runs them (the workbook left
 * out).
 *
 * Input: the roll file's bytes, the line "@@@", the placements file's bytes
 * ("before\n@@@\nafter"); with no such line the whole input is both files.
 * First byte odd: the configuration's [colonnes] holds one extra alias
 * (bit 1 picks which); bit 2 set: --classes '2*'.
 */
#include <string.h>
#include "fuzz.h"
#include "stagecheck/core/anomalies.h"
#include "stagecheck/core/check.h"
#include "stagecheck/input/csv.h"
#include "stagecheck/base/date.h"
#include "stagecheck/input/header.h"
#include "stagecheck/input/file.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/input/source.h"
#include "stagecheck/core/status.h"
#include "stagecheck/core/pupil.h"
#include "stagecheck/core/period.h"

#define MARKER "\n@@@\n"
#define MARKER_LEN (sizeof MARKER - 1)

/* Decodes and loads one file, as stagecheck does (sc_file_parse, then
 * sc_file_add); returns 1 if the run may go on. */
static int load_part(sc_dataset *data, const char *path, const uint8_t *bytes,
                     size_t len, sc_kind kind, const sc_aliases *aliases,
                     sc_anomalies *anomalies)
{
    sc_source *source = NULL;
    sc_file file = {0};
    sc_diag diag;
    sc_error err;

    sc_diag_clear(&diag);
    err = sc_source_decode(path, (const char *)bytes, len, &source, &diag);
    if (err == SC_OK) {
        /* The workbook and the state file take this text as it is
         * (csvfile.c: "the workbook never receives invalid UTF-8"). */
        FUZZ_ASSERT(source->text[source->len] == '\0');
        FUZZ_ASSERT(strlen(source->text) == source->len);
        FUZZ_ASSERT(fuzz_utf8_ok(source->text, source->len));
        FUZZ_ASSERT(fuzz_xml_ok(source->text, source->len));
        err = sc_file_parse(&file, source, kind, aliases, anomalies, &diag);
        if (err == SC_OK)
            err = sc_file_add(&file, file.table, data, anomalies, 1);
        sc_file_clear(&file);
    }
    if (err != SC_OK) {
        FUZZ_ASSERT(err < SC_ERROR_MAX);
        FUZZ_ASSERT(fuzz_str_ok(diag.message));
    }
    return err == SC_OK;
}

/* What the workbook receives must be UTF-8; the rest is bookkeeping that
 * report.c trusts. */
static void check_dataset(const sc_dataset *data)
{
    for (size_t p = 0; p < data->npupils; p++) {
        const sc_pupil *pupil = &data->pupils[p];
        FUZZ_ASSERT(sc_pupil_name_key(pupil) && sc_pupil_class_key(pupil) &&
                    sc_pupil_class(pupil));
        FUZZ_ASSERT(fuzz_str_ok(sc_pupil_surname(pupil)) &&
                    fuzz_str_ok(sc_pupil_first(pupil)) &&
                    fuzz_str_ok(sc_pupil_class(pupil)) &&
                    fuzz_str_ok(sc_pupil_ine(pupil)) &&
                    fuzz_str_ok(sc_pupil_mef(pupil)));
        FUZZ_ASSERT(pupil->input < data->ninputs);
    }
    for (size_t i = 0; i < data->nentries; i++) {
        const sc_entry *e = &data->entries[i];
        const char *strings[] = {e->ine, e->surname, e->first, e->class_name,
                                 e->host, e->host_type, e->siret, e->city,
                                 e->country, e->activities, e->skills,
                                 e->dispense};
        for (size_t k = 0; k < sizeof strings / sizeof *strings; k++)
            FUZZ_ASSERT(fuzz_str_ok(strings[k]));
        FUZZ_ASSERT(e->pupil >= -1 && e->pupil < (long)data->npupils);
    }
}

static void check_verdicts(const sc_check *check, const sc_dataset *data,
                           const sc_period *period)
{
    uint64_t all = sc_period_all_days(period);
    size_t linked = 0;

    FUZZ_ASSERT(check->nverdicts == data->npupils);
    for (size_t p = 0; p < data->npupils; p++) {
        const sc_verdict *v = &check->verdicts[p];

        FUZZ_ASSERT(check->links.first[p] <= check->links.first[p + 1]);
        if (!sc_pupil_shown(&data->pupils[p]))
            continue;
        FUZZ_ASSERT(v->status < SC_STATUS_COUNT);
        FUZZ_ASSERT(v->todo && fuzz_str_ok(sc_check_todo(&check->todos, v)));
        FUZZ_ASSERT((sc_check_hosted(check->hosted, v) & ~all) == 0);
        FUZZ_ASSERT(v->motif < SC_MOTIF_COUNT);
        FUZZ_ASSERT((v->motif != SC_MOTIF_NONE) ==
                    (sc_check_hosted(check->hosted, v) != 0));
    }
    for (size_t i = 0; i < data->nentries; i++)
        linked += data->entries[i].pupil >= 0;
    FUZZ_ASSERT(check->links.first[data->npupils] == linked);
}

/* Sorted as sc_anomalies_sort promises, every string UTF-8. */
static void check_anomalies(const sc_anomalies *list, const char *const *files,
                            size_t nfiles)
{
    size_t prev_rank = 0;
    unsigned prev_line = 0;

    for (size_t i = 0; i < list->count; i++) {
        const sc_anomaly *a = &list->items[i];
        size_t rank = 0;

        FUZZ_ASSERT(a->severity <= SC_SEVERITY_NOTE);
        FUZZ_ASSERT(a->file && a->class_name && a->pupil && a->message);
        FUZZ_ASSERT(fuzz_str_ok(a->class_name) && fuzz_str_ok(a->pupil) &&
                    fuzz_str_ok(a->message));
        while (rank < nfiles && strcmp(files[rank], a->file) != 0)
            rank++;
        FUZZ_ASSERT(rank > prev_rank || (rank == prev_rank && a->line >= prev_line));
        prev_rank = rank;
        prev_line = a->line;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const alias_texts[] = {"PATRONYME", "Nom"};
    static const sc_field alias_fields[] = {SC_FIELD_SURNAME,
                                            SC_FIELD_FULLNAME};
    const uint8_t *marker = memmem(data, size, MARKER, MARKER_LEN);
    const uint8_t *roll = data, *placements = data;
    size_t roll_len = size, placements_len = size;
    unsigned flags = size ? data[0] : 0;
    sc_aliases aliases = {NULL, 0, 0};
    sc_anomalies anomalies = {NULL, 0, 0};
    sc_check check;
    sc_period period;
    sc_dataset *dataset;
    const char *files[2];
    int ok;

    memset(&check, 0, sizeof check);
    if (marker) {
        roll_len = (size_t)(marker - data);
        placements = marker + MARKER_LEN;
        placements_len = size - roll_len - MARKER_LEN;
    }
    /* Like a configuration's "Nom = PATRONYME"; "Élève = Nom" turns a
     * built-in header into another field. */
    if ((flags & 1) && sc_header_alias_add(&aliases, alias_fields[(flags >> 1) & 1],
                                      alias_texts[(flags >> 1) & 1]) != SC_OK)
        abort();
    dataset = sc_dataset_new();
    if (!dataset)
        abort();
    ok = load_part(dataset, "eleves.csv", roll, roll_len, SC_KIND_ROLL,
                   flags & 1 ? &aliases : NULL, &anomalies) &&
         load_part(dataset, "stages.csv", placements, placements_len,
                   SC_KIND_PLACEMENTS, flags & 1 ? &aliases : NULL, &anomalies);
    if (ok) {
        FUZZ_ASSERT(dataset->ninputs == 2);
        check_dataset(dataset);
        sc_period_default(&period, sc_date_make(2024, 5, 27));
        if (sc_check_run(&check, dataset, &period, sc_date_make(2024, 5, 27),
                         flags & 4 ? "2*" : NULL, &anomalies) == SC_OK)
            check_verdicts(&check, dataset, &period);
    }
    /* As src/run.c's sort_anomalies does (it skips this after an error,
     * but what was gathered must sort all the same). */
    FUZZ_ASSERT(dataset->ninputs <= 2);
    for (size_t i = 0; i < dataset->ninputs; i++)
        files[i] = dataset->inputs[i].path;
    sc_anomalies_sort(&anomalies, files, dataset->ninputs);
    check_anomalies(&anomalies, files, dataset->ninputs);
    sc_check_clear(&check);
    sc_anomalies_clear(&anomalies);
    sc_dataset_free(dataset);
    sc_header_aliases_clear(&aliases);
    return 0;
}
