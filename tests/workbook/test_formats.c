/*
 * test_formats.c - unit tests of formats.c: every format made, and one
 * colour and one legend per status.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
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
        [SC_STATUS_CHECK] = 0xB7B6FF,    [SC_STATUS_DISPENSED] = 0xB2ECFD,
        [SC_STATUS_NO_HOST] = 0xF48F86,  [SC_STATUS_PARTIAL] = 0xFCBA68,
        [SC_STATUS_INCOMPLETE] = 0xFEF2B3, [SC_STATUS_READY] = 0xA2FDD5,
    };

    (void)state;
    for (int s = 0; s < SC_STATUS_COUNT; s++)
        assert_int_equal(sc_formats_status_color((sc_status)s), expected[s]);
}

/* sRGB to linear light, per channel. */
static double linear(unsigned c)
{
    double v = c / 255.0;

    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double lab_f(double t)
{
    return t > 216.0 / 24389.0 ? cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

/* The CIE Lab of color as a person with the given colour-vision
 * deficiency sees it: Machado, Oliveira and Fernandes (2009), severity
 * 1.0, applied in linear RGB (NULL: normal vision); D65 white. */
static void seen_lab(lxw_color_t color, const double (*m)[3], double lab[3])
{
    double rgb[3] = {linear((color >> 16) & 0xFF), linear((color >> 8) & 0xFF),
                     linear(color & 0xFF)}, sim[3], x, y, z;

    for (int i = 0; i < 3; i++) {
        sim[i] = m ? m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2]
                   : rgb[i];
        sim[i] = sim[i] < 0 ? 0 : sim[i] > 1 ? 1 : sim[i];
    }
    x = lab_f((0.4124 * sim[0] + 0.3576 * sim[1] + 0.1805 * sim[2]) / 0.95047);
    y = lab_f(0.2126 * sim[0] + 0.7152 * sim[1] + 0.0722 * sim[2]);
    z = lab_f((0.0193 * sim[0] + 0.1192 * sim[1] + 0.9505 * sim[2]) / 1.08883);
    lab[0] = 116 * y - 16;
    lab[1] = 500 * (x - y);
    lab[2] = 200 * (y - z);
}

/* The smallest CIE76 ΔE between two statuses of the palette, as seen
 * through m; neighbours only (in the legend's and the chart's order) when
 * neighbours is set. */
static double palette_min_delta(const double (*m)[3], int neighbours)
{
    double least = 1e9;

    for (int s = 0; s < SC_STATUS_COUNT; s++)
        for (int t = s + 1; t < SC_STATUS_COUNT; t++) {
            double a[3], b[3];

            if (neighbours && t != s + 1)
                continue;
            seen_lab(sc_formats_status_color((sc_status)s), m, a);
            seen_lab(sc_formats_status_color((sc_status)t), m, b);
            least = fmin(least, sqrt((a[0] - b[0]) * (a[0] - b[0]) +
                                     (a[1] - b[1]) * (a[1] - b[1]) +
                                     (a[2] - b[2]) * (a[2] - b[2])));
        }
    return least;
}

/* Issue 13: under deuteranopia "Sans lieu d'accueil" and "Accueil
 * partiel" looked the same. Every pair of statuses stays apart (ΔE >= 20)
 * for normal vision and deuteranopia; protanopia and tritanopia, rarer,
 * keep neighbours at ΔE >= 15. */
static void test_formats_palette_told_apart_under_colour_blindness(
    void **state)
{
    static const double deuteranopia[3][3] = {
        {0.367322, 0.860646, -0.227968},
        {0.280085, 0.672501, 0.047413},
        {-0.011820, 0.042940, 0.968881}};
    static const double protanopia[3][3] = {
        {0.152286, 1.052583, -0.204868},
        {0.114503, 0.786281, 0.099216},
        {-0.003882, -0.048116, 1.051998}};
    static const double tritanopia[3][3] = {
        {1.255528, -0.076749, -0.178779},
        {-0.078411, 0.930809, 0.147602},
        {0.004733, 0.691367, 0.303900}};

    (void)state;
    assert_true(palette_min_delta(NULL, 0) >= 20);
    assert_true(palette_min_delta(deuteranopia, 0) >= 20);
    assert_true(palette_min_delta(protanopia, 1) >= 15);
    assert_true(palette_min_delta(tritanopia, 1) >= 15);
}

/* In black and white the chart's series differ by pattern: no two
 * statuses share one. */
static void test_formats_patterns_differ(void **state)
{
    (void)state;
    for (int s = 0; s < SC_STATUS_COUNT; s++)
        for (int t = 0; t < s; t++)
            assert_int_not_equal(sc_formats_status_pattern((sc_status)s).type,
                                 sc_formats_status_pattern((sc_status)t).type);
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
        cmocka_unit_test(test_formats_palette_told_apart_under_colour_blindness),
        cmocka_unit_test(test_formats_patterns_differ),
        cmocka_unit_test(test_formats_all_made),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
