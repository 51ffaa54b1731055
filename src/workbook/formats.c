/*
 * formats.c - the workbook's formats and the status palette.
 */
#include "stagecheck/workbook/formats.h"

#define NO_FILL LXW_COLOR_UNSET
#define COLOR_ERROR 0xFFC7CE     /* Gravité "Erreur" */
#define COLOR_WARNING 0xFCD5B4   /* Gravité "Attention" */
#define COLOR_HOSTED 0xFFF2CC    /* an "X" of Accueil établissement */
#define COLOR_LATE_FONT 0x9C0006 /* "En retard", on COLOR_ERROR */
#define COLOR_LINK 0x0563C1      /* Excel's hyperlink blue */

enum {
    STYLE_BOLD = 1,
    STYLE_BORDER = 2,
    STYLE_CENTER = 4,
    STYLE_TITLE = 8,
    STYLE_WRAP = 16,
    STYLE_TOP = 32
};

/* Each status's colour, its chart pattern and the Légende's sentence.
 * The colours are told apart under deuteranopia (every pair at CIE Lab
 * ΔE >= 20 after Machado's simulation, tests/workbook/test_formats.c),
 * and in black and white the chart's series differ by pattern; in cells
 * the status is written out, so colour never carries it alone. */
static const struct {
    lxw_color_t color;
    uint8_t pattern;
    const char *legend;
} palette[SC_STATUS_COUNT] = {
    [SC_STATUS_CHECK] = {0xB7B6FF, LXW_CHART_PATTERN_LARGE_GRID,
                         "Une ligne de l'élève est illisible ou incohérente : "
                         "voir « À faire » et la feuille Anomalies."},
    [SC_STATUS_DISPENSED] = {0xB2ECFD, LXW_CHART_PATTERN_LIGHT_HORIZONTAL,
                             "Dispense accordée (SNU ou mobilité européenne "
                             "et internationale), justificatif fourni."},
    [SC_STATUS_NO_HOST] = {0xF48F86, LXW_CHART_PATTERN_NONE,
                           "Aucun lieu d'accueil : l'élève est accueilli dans "
                           "l'établissement pendant toute la période."},
    [SC_STATUS_PARTIAL] = {0xFCBA68, LXW_CHART_PATTERN_WIDE_UPWARD_DIAGONAL,
                           "Les lieux d'accueil ne couvrent pas toute la "
                           "période : accueil dans l'établissement les autres "
                           "jours."},
    [SC_STATUS_INCOMPLETE] = {0xFEF2B3, LXW_CHART_PATTERN_PERCENT_20,
                              "Convention, assurance ou justificatif de "
                              "dispense à compléter."},
    [SC_STATUS_READY] = {0xA2FDD5, LXW_CHART_PATTERN_LIGHT_VERTICAL,
                         "Lieu d'accueil sur toute la période et dossier "
                         "complet."},
};

lxw_color_t sc_formats_status_color(sc_status status)
{
    return palette[status].color;
}

lxw_chart_pattern sc_formats_status_pattern(sc_status status)
{
    lxw_color_t c = palette[status].color;
    /* The pattern's lines in the colour at 60 % of its brightness. */
    lxw_color_t dark = (((c >> 16) & 0xFF) * 60 / 100) << 16 |
                       (((c >> 8) & 0xFF) * 60 / 100) << 8 |
                       ((c & 0xFF) * 60 / 100);

    return (lxw_chart_pattern){.fg_color = dark, .bg_color = c,
                               .type = palette[status].pattern};
}

const char *sc_formats_status_legend(sc_status status)
{
    return palette[status].legend;
}

/* The severities' colours, none a status's (the palette above): a red
 * and an orange of saturated tones, a grey for notes. */
#define COLOR_SEVERITY_ERROR 0xE06666
#define COLOR_SEVERITY_WARNING 0xF6B26B
#define COLOR_SEVERITY_NOTE 0xD9D9D9
static lxw_format *format_new(lxw_workbook *workbook, sc_error *err,
                              unsigned style, lxw_color_t fill,
                              const char *num_format);

/* The formats of the sheets people act on, after the others so that the
 * styles before keep their numbers. */
static void formats_act(sc_formats *f, lxw_workbook *wb, sc_error *err)
{
    f->severity[0] = format_new(wb, err, STYLE_BOLD, COLOR_SEVERITY_ERROR,
                                NULL);
    f->severity[1] = format_new(wb, err, 0, COLOR_SEVERITY_WARNING, NULL);
    f->severity[2] = format_new(wb, err, 0, COLOR_SEVERITY_NOTE, NULL);
    /* [$-40C]: French day names whatever the reader's language. */
    f->day_header = format_new(wb, err, STYLE_BOLD | STYLE_BORDER, NO_FILL,
                               "[$-40C]ddd dd/mm");
    f->tick = format_new(wb, err, STYLE_BORDER, NO_FILL, NULL);
    f->line_number = format_new(wb, err, 0, NO_FILL, NULL);
    if (f->line_number)
        format_set_align(f->line_number, LXW_ALIGN_LEFT);
    f->wrap_list = format_new(wb, err, 0, NO_FILL, NULL);
    if (f->wrap_list)
        format_set_text_wrap(f->wrap_list);
}

/* Adds one format, unless an earlier one failed (*err not SC_OK). */
static lxw_format *format_new(lxw_workbook *workbook, sc_error *err,
                              unsigned style, lxw_color_t fill,
                              const char *num_format)
{
    lxw_format *f;

    if (*err != SC_OK)
        return NULL;
    f = workbook_add_format(workbook);
    if (!f) {
        *err = SC_ERROR_MEMORY;
        return NULL;
    }
    if (style & (STYLE_BOLD | STYLE_TITLE))
        format_set_bold(f);
    if (style & STYLE_TITLE)
        format_set_font_size(f, 14);
    if (style & STYLE_BORDER)
        format_set_border(f, LXW_BORDER_THIN);
    if (style & STYLE_CENTER)
        format_set_align(f, LXW_ALIGN_CENTER);
    if (style & STYLE_WRAP)
        format_set_text_wrap(f);
    if (style & (STYLE_WRAP | STYLE_TOP))
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (fill != NO_FILL) {
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, fill);
    }
    if (num_format)
        format_set_num_format(f, num_format);
    return f;
}

sc_error sc_formats_add(sc_formats *f, lxw_workbook *wb)
{
    sc_error err = SC_OK;

    /* In this order: libxlsxwriter numbers the styles as they come. */
    f->title = format_new(wb, &err, STYLE_TITLE, NO_FILL, NULL);
    f->bold = format_new(wb, &err, STYLE_BOLD, NO_FILL, NULL);
    f->header = format_new(wb, &err, STYLE_BOLD | STYLE_BORDER, NO_FILL, NULL);
    /* At the top, level with the first line of a wrapped neighbour. */
    f->date = format_new(wb, &err, STYLE_TOP, NO_FILL, "dd/mm/yyyy");
    f->top = format_new(wb, &err, STYLE_TOP, NO_FILL, NULL);
    f->header_wrap = format_new(wb, &err, STYLE_BOLD | STYLE_BORDER | STYLE_WRAP,
                                NO_FILL, NULL);
    f->percent = format_new(wb, &err, 0, NO_FILL, "0%");
    f->total_percent = format_new(wb, &err, STYLE_BOLD, NO_FILL, "0%");
    f->hosted = format_new(wb, &err, STYLE_CENTER, COLOR_HOSTED, NULL);
    f->wrap = format_new(wb, &err, STYLE_WRAP, NO_FILL, NULL);
    f->late = format_new(wb, &err, STYLE_BOLD, COLOR_ERROR, NULL);
    if (f->late)
        format_set_font_color(f->late, COLOR_LATE_FONT);
    for (int s = 0; s < SC_STATUS_COUNT; s++) {
        f->status_cell[s] = format_new(wb, &err, 0, palette[s].color, NULL);
        f->status_header[s] = format_new(wb, &err, STYLE_BOLD | STYLE_BORDER,
                                         palette[s].color, NULL);
        f->status_wrap[s] = format_new(wb, &err, STYLE_WRAP, palette[s].color,
                                       NULL);
    }
    f->link = format_new(wb, &err, 0, NO_FILL, NULL);
    if (f->link) {
        format_set_underline(f->link, LXW_UNDERLINE_SINGLE);
        format_set_font_color(f->link, COLOR_LINK);
    }
    f->headline_label = format_new(wb, &err, STYLE_BOLD, NO_FILL, NULL);
    f->headline_share = format_new(wb, &err, STYLE_BOLD | STYLE_CENTER,
                                   NO_FILL, "0%");
    if (f->headline_share)
        format_set_font_size(f->headline_share, 20);
    f->headline_count = format_new(wb, &err, STYLE_BOLD | STYLE_CENTER,
                                   NO_FILL, NULL);
    if (f->headline_count)
        format_set_font_size(f->headline_count, 12);
    f->alert = format_new(wb, &err, STYLE_BOLD, COLOR_ERROR, NULL);
    if (f->alert)
        format_set_font_color(f->alert, COLOR_LATE_FONT);
    f->error = format_new(wb, &err, 0, COLOR_ERROR, NULL);
    f->warning = format_new(wb, &err, 0, COLOR_WARNING, NULL);
    formats_act(f, wb, &err);
    return err;
}
