/*
 * test_model.c - unit tests of model.c: which pupils the class sheets
 * show, in which order, under which sheet names, the tallies per class and
 * in total, and where the optional columns go. No workbook is written.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/core/pupil.h"
#include "stagecheck/workbook/model.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/status.h"

#define NPUPILS 11
#define NENTRIES 5
#define NSTRINGS 64

/* Two long class names that Excel's 31 characters make the same. */
#define LONG_A "Seconde générale et techno A logique 10"
#define LONG_B "Seconde générale et techno B logique 10"

typedef struct fixture {
    sc_pupil pupils[NPUPILS];
    sc_entry entries[NENTRIES];
    sc_dataset data;
    uint32_t first[NPUPILS + 1];
    uint32_t items[NENTRIES];
    sc_links links;
    sc_verdict verdicts[NPUPILS];
    uint64_t hosted[2];        /* the verdicts' days hosted, by number */
    int8_t previous[NPUPILS];
    sc_report report;
    sc_model model;
    char *strings[NSTRINGS]; /* what keep() copied, freed by teardown */
    size_t nstrings;
} fixture;

static char *keep(fixture *f, char *s)
{
    assert_non_null(s);
    assert_true(f->nstrings < NSTRINGS);
    f->strings[f->nstrings++] = s;
    return s;
}

static void add_pupil(fixture *f, size_t i, const char *surname,
                      const char *first, const char *class_name,
                      sc_status status)
{
    sc_pupil *p = &f->pupils[i];
    char *class_key = keep(f, sc_text_key(class_name));

    p->input = 0; /* no input: the model reads no file */
    p->line = (unsigned)i + 2;

    assert_int_equal(sc_pupil_set_texts(p, NULL,
                                        (const char *[SC_PUPIL_TEXTS]){
                                            [SC_PUPIL_SURNAME] = surname,
                                            [SC_PUPIL_FIRST] = first,
                                            [SC_PUPIL_CLASS] = class_name,
                                            [SC_PUPIL_CLASS_KEY] =
                                                class_key}),
                     SC_OK);
    /* The pupil's own block, which teardown frees. */
    keep(f, p->texts);
    p->selected = 1;
    f->verdicts[i].status = status;
}

/* Pupils in input order, so that every order the model gives is its own:
 * "2nde 10" before "2nde 2", lower-case and accented names, one pupil
 * --classes leaves out, one roll row repeated, a status out of range,
 * and classes whose names clash as sheet names. */
static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    sc_date day = sc_date_make(2024, 6, 17);

    if (!f)
        return -1;
    *state = f;
    add_pupil(f, 0, "MARTIN", "Léa", "2nde 10", SC_STATUS_PARTIAL);
    add_pupil(f, 1, "élie", "Anaïs", "2nde 2", SC_STATUS_DISPENSED);
    add_pupil(f, 2, "FABRE", "Louis", "2NDE 2", SC_STATUS_NO_HOST);
    add_pupil(f, 3, "dupont", "Jean", "2NDE 2", SC_STATUS_INCOMPLETE);
    add_pupil(f, 4, "DUPONT", "Jean", "2Nde 2", SC_STATUS_READY);
    add_pupil(f, 5, "DURAND", "Paul", "1re 1", SC_STATUS_READY);
    f->pupils[5].selected = 0;
    add_pupil(f, 6, "DUPONT", "Jean", "2nde 2", SC_STATUS_READY);
    f->pupils[6].duplicate = 1; /* of pupil 4 */
    /* Out of range, the most a verdict's 4 bits hold. */
    add_pupil(f, 7, "ABEL", "Zoé", LONG_B, (sc_status)15);
    add_pupil(f, 8, "BRUN", "Léo", LONG_A, SC_STATUS_INCOMPLETE);
    add_pupil(f, 9, "COLIN", "Sacha", "Synthèse", SC_STATUS_READY);
    add_pupil(f, 10, "de la Tour", "Inès", "2nde 10", SC_STATUS_CHECK);
    /* Numbered as sc_check_run numbers them, from 1. */
    f->hosted[0] = UINT64_C(0x3E0);
    f->verdicts[0].hosted = 1;
    f->hosted[1] = UINT64_C(0x3FF);
    f->verdicts[2].hosted = 2;

    /* MARTIN: two places; élie: a dispense request; DUPONT: one place and
     * a dispense request. */
    for (size_t i = 0; i < NENTRIES; i++) {
        f->entries[i].file = "stages.csv";
        f->entries[i].line = (unsigned)i + 2;
        f->entries[i].start = day;
        f->entries[i].end = day + 4;
        f->items[i] = (uint32_t)i;
    }
    f->entries[2].dispense = keep(f, strdup("SNU"));
    f->entries[4].dispense = keep(f, strdup("Mobilité"));
    memcpy(f->first, (uint32_t[NPUPILS + 1]){0, 2, 3, 3, 3, 5, 5, 5, 5, 5, 5, 5},
           sizeof f->first);
    f->links.first = f->first;
    f->links.items = f->items;

    f->data.pupils = f->pupils;
    f->data.npupils = NPUPILS;
    f->data.entries = f->entries;
    f->data.nentries = NENTRIES;
    f->report = (sc_report){.as_of = sc_date_make(2024, 5, 27),
                            .data = &f->data,
                            .links = &f->links,
                            .verdicts = f->verdicts,
                            .hosted = f->hosted};
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_model_free(&f->model);
    for (size_t i = 0; i < f->nstrings; i++)
        free(f->strings[i]);
    free(f);
    return 0;
}

static void build(fixture *f)
{
    assert_int_equal(sc_model_build(&f->model, &f->report), SC_OK);
}

/* The index of the class named name, which must exist. */
static size_t class_index(const sc_model *m, const char *name)
{
    for (size_t c = 0; c < m->nclasses; c++)
        if (strcmp(m->classes[c].name, name) == 0)
            return c;
    fail_msg("pas de classe « %s »", name);
    return 0;
}

static void test_model_classes_sorted_by_name_with_numbers_in_order(
    void **state)
{
    fixture *f = *state;
    static const char *const names[] = {"2nde 2", "2nde 10", LONG_A, LONG_B,
                                        "Synthèse"};

    build(f);
    assert_int_equal(f->model.nclasses, 5);
    for (size_t c = 0; c < 5; c++)
        assert_string_equal(f->model.classes[c].name, names[c]);
}

/* "2nde 2", "2NDE 2" and "2Nde 2" are one class (one key), named as
 * first written. */
static void test_model_class_is_its_key_named_as_first_seen(void **state)
{
    fixture *f = *state;
    const sc_model_class *k;

    build(f);
    k = &f->model.classes[0];
    assert_string_equal(k->name, "2nde 2");
    assert_string_equal(k->key, "2nde2");
    assert_int_equal(k->tally.pupils, 4);
}

static void test_model_shows_selected_pupils_once(void **state)
{
    fixture *f = *state;

    build(f);
    assert_int_equal(f->model.nlines, 9);
    for (size_t i = 0; i < f->model.nlines; i++) {
        assert_int_not_equal(f->model.lines[i].index, 5);
        assert_int_not_equal(f->model.lines[i].index, 6);
    }
    assert_int_equal(f->model.total.pupils, 9);
}

/* By class, then by folded surname and first name ("élie" between
 * "dupont" and "FABRE"), then as written ("DUPONT" before "dupont"). */
static void test_model_pupils_sorted_by_class_then_folded_name(void **state)
{
    fixture *f = *state;
    static const size_t order[] = {4, 3, 1, 2, 10, 0, 8, 7, 9};

    build(f);
    assert_int_equal(f->model.nlines, 9);
    for (size_t i = 0; i < 9; i++)
        assert_int_equal(f->model.lines[i].index, order[i]);
    for (size_t i = 0; i < 9; i++) {
        const sc_model_line *l = &f->model.lines[i];

        assert_ptr_equal(sc_model_pupil(&f->model, l), &f->pupils[l->index]);
        assert_string_equal(f->model.classes[l->cls].key,
                            sc_pupil_class_key(sc_model_pupil(&f->model, l)));
    }
    /* Sorted by the folded names: "élie" after "dupont" and "DUPONT". */
    assert_string_equal(
        sc_pupil_surname(sc_model_pupil(&f->model, &f->model.lines[2])),
        "élie");
}

/* Each shown pupil has one line, and its row on its class sheet under
 * the header: the targets of the links of Relances and Anomalies. A
 * pupil not shown (index 5, 6: left out or repeated) has none. */
static void test_model_line_and_row_of_each_pupil(void **state)
{
    fixture *f = *state;
    size_t lines_of[NPUPILS] = {0};

    build(f);
    for (size_t i = 0; i < f->model.nlines; i++) {
        const sc_model_line *l = &f->model.lines[i];
        const sc_model_class *k = &f->model.classes[l->cls];

        assert_true(l->index < f->data.npupils);
        lines_of[l->index]++;
        assert_int_equal(sc_model_class_row(&f->model, l), i - k->first + 1);
    }
    for (size_t p = 0; p < f->data.npupils; p++)
        assert_int_equal(lines_of[p], sc_pupil_shown(&f->pupils[p]) ? 1 : 0);
    /* The first pupil of a class is on row 1, under the header. */
    assert_int_equal(sc_model_class_row(&f->model, &f->model.lines[0]), 1);
}

/* Each class's pupils are lines[first .. first + pupils - 1]. */
static void test_model_class_lines_follow_each_other(void **state)
{
    fixture *f = *state;
    size_t next = 0;

    build(f);
    for (size_t c = 0; c < f->model.nclasses; c++) {
        const sc_model_class *k = &f->model.classes[c];

        assert_int_equal(k->first, next);
        for (size_t i = k->first; i < k->first + k->tally.pupils; i++)
            assert_int_equal(f->model.lines[i].cls, c);
        next += k->tally.pupils;
    }
    assert_int_equal(next, f->model.nlines);
}

static void test_model_tallies_each_class_and_the_total(void **state)
{
    fixture *f = *state;
    const sc_model_class *k;

    build(f);
    k = &f->model.classes[class_index(&f->model, "2nde 2")];
    assert_int_equal(k->tally.pupils, 4);
    assert_int_equal(k->tally.status[SC_STATUS_READY], 1);
    assert_int_equal(k->tally.status[SC_STATUS_INCOMPLETE], 1);
    assert_int_equal(k->tally.status[SC_STATUS_DISPENSED], 1);
    assert_int_equal(k->tally.status[SC_STATUS_NO_HOST], 1);
    assert_int_equal(k->tally.hosted, 1);
    k = &f->model.classes[class_index(&f->model, "2nde 10")];
    assert_int_equal(k->tally.pupils, 2);
    assert_int_equal(k->tally.status[SC_STATUS_PARTIAL], 1);
    assert_int_equal(k->tally.status[SC_STATUS_CHECK], 1);
    assert_int_equal(k->tally.hosted, 1);

    assert_int_equal(f->model.total.pupils, 9);
    assert_int_equal(f->model.total.status[SC_STATUS_READY], 2);
    assert_int_equal(f->model.total.status[SC_STATUS_INCOMPLETE], 2);
    assert_int_equal(f->model.total.status[SC_STATUS_CHECK], 2);
    assert_int_equal(f->model.total.status[SC_STATUS_DISPENSED], 1);
    assert_int_equal(f->model.total.status[SC_STATUS_NO_HOST], 1);
    assert_int_equal(f->model.total.status[SC_STATUS_PARTIAL], 1);
    assert_int_equal(f->model.total.hosted, 2);
    assert_int_equal(f->model.total.late, 0);
}

/* A status out of range asks a person to look. */
static void test_model_status_out_of_range_is_to_check(void **state)
{
    fixture *f = *state;
    const sc_model_class *k;

    build(f);
    k = &f->model.classes[class_index(&f->model, LONG_B)];
    assert_int_equal(f->model.lines[k->first].index, 7);
    assert_int_equal(f->model.lines[k->first].status, SC_STATUS_CHECK);
    assert_int_equal(k->tally.status[SC_STATUS_CHECK], 1);
}

/* A line is a pointer and 8 bytes (16 where pointers have 64 bits), its
 * status, lateness and class packed in one word:
 * each status, each class and being late come back as they were put. */
static void test_model_line_packs_every_status_class_and_late(void **state)
{
    fixture *f = *state;
    /* Every status on a shown pupil (5 and 6 are not shown). */
    static const sc_status statuses[NPUPILS] = {
        SC_STATUS_CHECK, SC_STATUS_DISPENSED, SC_STATUS_NO_HOST,
        SC_STATUS_PARTIAL, SC_STATUS_INCOMPLETE, SC_STATUS_READY,
        SC_STATUS_READY, SC_STATUS_READY, SC_STATUS_CHECK,
        SC_STATUS_DISPENSED, SC_STATUS_NO_HOST};

    assert_int_equal(sizeof(sc_model_line), 8);
    for (size_t i = 0; i < NPUPILS; i++)
        f->verdicts[i].status = statuses[i];
    f->report.has_deadline = 1;
    f->report.deadline = sc_date_make(2024, 5, 20);
    build(f);
    for (size_t i = 0; i < f->model.nlines; i++) {
        const sc_model_line *l = &f->model.lines[i];
        sc_status want = statuses[l->index];

        assert_int_equal(l->status, want);
        assert_int_equal(l->late, want != SC_STATUS_READY &&
                                      want != SC_STATUS_DISPENSED);
        assert_string_equal(f->model.classes[l->cls].key,
                            sc_pupil_class_key(&f->pupils[l->index]));
    }
    for (int s = 0; s < SC_STATUS_COUNT; s++)
        assert_true(f->model.total.status[s] > 0);
    assert_int_equal(f->model.total.late, 6);
    /* The last class, "Synthèse", is class 4. */
    assert_int_equal(f->model.lines[f->model.nlines - 1].cls, 4);
}

/* Past the deadline, whoever is neither Prêt nor Dispensé is late. */
static void test_model_late_past_deadline_when_not_done(void **state)
{
    fixture *f = *state;
    const sc_model_class *k;

    f->report.has_deadline = 1;
    f->report.deadline = sc_date_make(2024, 5, 20);
    build(f);
    for (size_t i = 0; i < f->model.nlines; i++) {
        const sc_model_line *l = &f->model.lines[i];

        assert_int_equal(l->late, l->status != SC_STATUS_READY &&
                                      l->status != SC_STATUS_DISPENSED);
    }
    k = &f->model.classes[class_index(&f->model, "2nde 2")];
    assert_int_equal(k->tally.late, 2);
    assert_int_equal(f->model.total.late, 6);
}

static void test_model_nobody_late_before_deadline_or_without(void **state)
{
    fixture *f = *state;

    build(f);
    assert_int_equal(f->model.total.late, 0);
    sc_model_free(&f->model);
    f->report.has_deadline = 1;
    f->report.deadline = f->report.as_of;
    build(f);
    assert_int_equal(f->model.total.late, 0);
    for (size_t i = 0; i < f->model.nlines; i++)
        assert_false(f->model.lines[i].late);
}

/* Clashing names get numbered, fixed sheets are avoided, and no two
 * sheets share a name even ignoring case and accents. */
static void test_model_sheet_names_unique(void **state)
{
    fixture *f = *state;
    const sc_model *m;

    build(f);
    m = &f->model;
    assert_string_equal(m->classes[0].sheet, "2nde 2");
    assert_string_equal(m->classes[1].sheet, "2nde 10");
    assert_string_equal(m->classes[2].sheet, "Seconde générale et…logique 10");
    assert_string_equal(m->classes[3].sheet, "Seconde générale et…logique (2)");
    assert_string_equal(m->classes[4].sheet, "Synthèse (2)");
    for (size_t a = 0; a < m->nclasses; a++)
        for (size_t b = a + 1; b < m->nclasses; b++)
            assert_false(sc_sheetname_equal(m->classes[a].sheet,
                                            m->classes[b].sheet));
}

/* One place column group per place of the pupil with the most; dispense
 * requests are not places; at least one. Every class sheet gets the
 * school's most, so that its columns are the same on every sheet. */
static void test_model_place_groups_fit_the_most_places(void **state)
{
    fixture *f = *state;
    const sc_model_class *k;

    build(f);
    k = &f->model.classes[class_index(&f->model, "2nde 10")];
    assert_int_equal(k->nplaces, 2);
    k = &f->model.classes[class_index(&f->model, "2nde 2")];
    assert_int_equal(k->nplaces, 1);
    k = &f->model.classes[class_index(&f->model, "Synthèse")];
    assert_int_equal(k->nplaces, 1);
    assert_int_equal(f->model.nplaces, 2);
    /* The lead, Dispense, 2 x 4 place columns, INE, Né(e) le, 2 types,
     * Lignes d'origine. */
    assert_int_equal(f->model.columns.class_tech, 6 + 1 + 2 * 4);
    assert_int_equal(sc_model_class_cols(&f->model), 6 + 1 + 2 * 4 + 3 + 2);
}

/* Pupils hosted in school on each day of the period: the Synthèse's
 * busiest day. Pupil 0 is hosted on days 5..9, pupil 2 on days 0..9. */
static void test_model_counts_pupils_hosted_each_day(void **state)
{
    fixture *f = *state;
    sc_period period;

    assert_int_equal(sc_period_init(&period, sc_date_make(2024, 6, 17),
                                    sc_date_make(2024, 6, 28), 1), SC_OK);
    f->report.period = &period;
    build(f);
    for (int d = 0; d < 5; d++)
        assert_int_equal(f->model.hosted_on[d], 1);
    for (int d = 5; d < 10; d++)
        assert_int_equal(f->model.hosted_on[d], 2);
    assert_int_equal(f->model.hosted_on[10], 0);
}

static void test_model_entries_of_a_pupil(void **state)
{
    fixture *f = *state;
    size_t begin, end;

    sc_model_entries(&f->report, 0, &begin, &end);
    assert_int_equal(begin, 0);
    assert_int_equal(end, 2);
    sc_model_entries(&f->report, 9, &begin, &end);
    assert_int_equal(begin, end);
    f->report.links = NULL;
    sc_model_entries(&f->report, 0, &begin, &end);
    assert_int_equal(begin, 0);
    assert_int_equal(end, 0);
}

/* A report without deadline or previous run has the columns it always
 * had; each option adds its column where the sheets expect it. */
static void test_model_columns_follow_deadline_and_previous_run(void **state)
{
    fixture *f = *state;
    const sc_model_columns *c = &f->model.columns;

    build(f);
    assert_int_equal(c->summary_late, 0);
    assert_int_equal(c->summary_cols, 3 + SC_STATUS_COUNT);
    assert_int_equal(c->class_previous, 0);
    assert_int_equal(c->class_late, 0);
    assert_int_equal(c->class_dispense, 6);
    assert_int_equal(c->class_places, 7);
    assert_int_equal(c->hosted_late, 0);
    assert_int_equal(c->hosted_days, 4);
    sc_model_free(&f->model);

    f->report.has_deadline = 1;
    f->report.deadline = f->report.as_of;
    build(f);
    assert_int_equal(c->summary_late, 3 + SC_STATUS_COUNT);
    assert_int_equal(c->summary_cols, 4 + SC_STATUS_COUNT);
    assert_int_equal(c->class_previous, 0);
    assert_int_equal(c->class_late, 6);
    assert_int_equal(c->class_places, 8);
    assert_int_equal(c->hosted_late, 4);
    assert_int_equal(c->hosted_days, 5);
    sc_model_free(&f->model);

    f->report.previous = f->previous;
    build(f);
    assert_int_equal(c->class_previous, 6);
    assert_int_equal(c->class_late, 7);
    assert_int_equal(c->class_places, 9);
    sc_model_free(&f->model);

    f->report.has_deadline = 0;
    build(f);
    assert_int_equal(c->summary_late, 0);
    assert_int_equal(c->class_previous, 6);
    assert_int_equal(c->class_late, 0);
    assert_int_equal(c->class_places, 8);
    assert_int_equal(c->hosted_days, 4);
}

static void test_model_of_nobody_is_empty(void **state)
{
    fixture *f = *state;

    f->data.npupils = 0;
    f->report.links = NULL;
    build(f);
    assert_int_equal(f->model.nclasses, 0);
    assert_int_equal(f->model.nlines, 0);
    assert_int_equal(f->model.total.pupils, 0);
    assert_int_equal(f->model.columns.class_places, 7);
}

static void test_model_free_twice_and_zeroed(void **state)
{
    fixture *f = *state;
    sc_model zero = {0};

    sc_model_free(&zero);
    build(f);
    sc_model_free(&f->model);
    assert_null(f->model.lines);
    assert_int_equal(f->model.nlines, 0);
    sc_model_free(&f->model);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_model_classes_sorted_by_name_with_numbers_in_order),
        TEST(test_model_class_is_its_key_named_as_first_seen),
        TEST(test_model_shows_selected_pupils_once),
        TEST(test_model_pupils_sorted_by_class_then_folded_name),
        TEST(test_model_class_lines_follow_each_other),
        TEST(test_model_line_and_row_of_each_pupil),
        TEST(test_model_tallies_each_class_and_the_total),
        TEST(test_model_counts_pupils_hosted_each_day),
        TEST(test_model_status_out_of_range_is_to_check),
        TEST(test_model_line_packs_every_status_class_and_late),
        TEST(test_model_late_past_deadline_when_not_done),
        TEST(test_model_nobody_late_before_deadline_or_without),
        TEST(test_model_sheet_names_unique),
        TEST(test_model_place_groups_fit_the_most_places),
        TEST(test_model_entries_of_a_pupil),
        TEST(test_model_columns_follow_deadline_and_previous_run),
        TEST(test_model_of_nobody_is_empty),
        TEST(test_model_free_twice_and_zeroed),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
