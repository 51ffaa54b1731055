/*
 * test_dataset.c - unit tests of dataset.c: an empty dataset, and freeing
 * one with all its records.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#define SUPPORT_COUNT_BLOCKS
#include "../support.h"
#include "stagecheck/core/dataset.h"

static void test_new_is_empty(void **state)
{
    sc_dataset *data = sc_dataset_new();

    (void)state;
    assert_non_null(data);
    assert_int_equal(data->npupils, 0);
    assert_int_equal(data->nentries, 0);
    assert_int_equal(data->ninputs, 0);
    assert_null(data->pupils);
    assert_null(data->entries);
    assert_null(data->inputs);
    sc_dataset_free(data);
}

static void test_free_gives_back_every_record(void **state)
{
    long before = support_live_blocks();
    sc_dataset *data = sc_dataset_new();
    sc_entry *e;

    (void)state;
    assert_non_null(data);
    for (unsigned i = 0; i < 30; i++) {
        support_pupil_text(support_pupil_add(data, "eleves.csv", i + 2,
                                             "DUPONT", "Léa", "2nde 1", "A1",
                                             SC_DATE_NONE),
                           SC_PUPIL_MEF, "2NDE G-T");
        e = support_entry_add(data, "stages.csv", i + 2, "DUPONT", "Léa",
                              "2nde 1", "A1", SC_DATE_NONE, "Mairie");
        e->dispense = support_dup("SNU");
        e->city = support_dup("Lyon");
    }
    /* The pupils' roll is an input already; the placements' file too. */
    assert_int_equal(data->ninputs, 1);
    support_input_at(data, "stages.csv", __FILE__, __LINE__);
    assert_int_equal(data->ninputs, 2);
    support_assert_more_blocks(before);
    sc_dataset_free(data);
    support_assert_live_blocks(before);
    sc_dataset_free(NULL);
    support_assert_live_blocks(before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_is_empty),
        cmocka_unit_test(test_free_gives_back_every_record),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
