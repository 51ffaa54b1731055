/*
 * test_formats.c - unit tests of formats.c: every format made, and one
 * colour and one legend per status.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <xlsxwriter.h>
#include "../support.h"
#include "stagecheck/workbook/formats.h"

/* The colours the Synthèse's legend, the cells and the charts share. */
static void test_formats_status_colors(void **state)
{
    static const lxw_color_t expected[SC_STATUS_COUNT] = {
        [SC_STATUS_CHECK] = 0xD9B3FF,    [SC_STATUS_DISPENSED] = 0xBDD7EE,
        [SC_STATUS_NO_HOST] = 0xFF9F9F,  [SC_STATUS_PARTIAL] = 0xF8CBAD,
        [SC_STATUS_INCOMPLETE] = 0xFFE699, [SC_STATUS_READY] = 0xC6EFCE,
    };

    (void)state;
    for (int s = 0; s < SC_STATUS_COUNT; s++)
        assert_int_equal(sc_formats_status_color((sc_status)s), expected[s]);
}

/* Every status has its own sentence, a French one ending in a full
 * stop. */
static void test_formats_one_legend_per_status(void **state)
{
    (void)state;
    for (int s = 0; s < SC_STATUS_COUNT; s++) {
        const char *legend = sc_formats_status_legend((sc_status)s);

        assert_non_null(legend);
        assert_true(strlen(legend) > 20);
        assert_int_equal(legend[strlen(legend) - 1], '.');
        for (int t = 0; t < s; t++)
            assert_string_not_equal(legend,
                                    sc_formats_status_legend((sc_status)t));
    }
    assert_non_null(strstr(sc_formats_status_legend(SC_STATUS_DISPENSED),
                           "Dispense accordée"));
}

static void test_formats_all_made(void **state)
{
    char dir[64], path[128];
    lxw_workbook *wb;
    sc_formats f;

    (void)state;
    assert_int_equal(support_make_dir(dir, sizeof dir, "test_formats"), 0);
    snprintf(path, sizeof path, "%s/formats.xlsx", dir);
    memset(&f, 0, sizeof f);
    wb = workbook_new(path);
    assert_non_null(wb);
    assert_int_equal(sc_formats_add(&f, wb), SC_OK);
    /* Every member is a format pointer: none left NULL. */
    for (size_t i = 0; i < sizeof f / sizeof(lxw_format *); i++)
        assert_non_null(((lxw_format **)&f)[i]);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    support_remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formats_status_colors),
        cmocka_unit_test(test_formats_one_legend_per_status),
        cmocka_unit_test(test_formats_all_made),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
