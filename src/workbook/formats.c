/*
 * formats.c - the workbook's formats and the status palette.
 */
#include "stagecheck/workbook/formats.h"

#define NO_FILL LXW_COLOR_UNSET
#define COLOR_ERROR 0xFFC7CE     /* Gravité "Erreur" */
#define COLOR_WARNING 0xFCD5B4   /* Gravité "Attention" */
#define COLOR_HOSTED 0xFFF2CC    /* an "X" of Accueil établissement */
#define COLOR_LATE_FONT 0x9C0006 /* "En retard", on COLOR_ERROR */

enum {
    STYLE_BOLD = 1,
    STYLE_BORDER = 2,
    STYLE_CENTER = 4,
    STYLE_TITLE = 8,
    STYLE_WRAP = 16
};

/* Each status's colour and the Légende's sentence for it. */
static const struct {
    lxw_color_t color;
    const char *legend;
} palette[SC_STATUS_COUNT] = {
    [SC_STATUS_CHECK] = {0xD9B3FF,
                         "Une ligne de l'élève est illisible ou incohérente : "
                         "voir « À faire » et la feuille Anomalies."},
    [SC_STATUS_DISPENSED] = {0xBDD7EE,
                             "Dispense accordée (SNU ou mobilité européenne "
                             "et internationale), justificatif fourni."},
    [SC_STATUS_NO_HOST] = {0xFF9F9F,
                           "Aucun lieu d'accueil : l'élève est accueilli dans "
                           "l'établissement pendant toute la période."},
    [SC_STATUS_PARTIAL] = {0xF8CBAD,
                           "Les lieux d'accueil ne couvrent pas toute la "
                           "période : accueil dans l'établissement les autres "
                           "jours."},
    [SC_STATUS_INCOMPLETE] = {0xFFE699,
                              "Convention, assurance ou justificatif de "
                              "dispense à compléter."},
    [SC_STATUS_READY] = {0xC6EFCE,
                         "Lieu d'accueil sur toute la période et dossier "
                         "complet."},
};

lxw_color_t sc_formats_status_color(sc_status status)
{
    return palette[status].color;
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
#define COLOR_LINK 0x0563C1

static lxw_format *format_new(lxw_workbook *workbook, sc_error *err,
                              unsigned style, lxw_color_t fill,
                              const char *num_format);

/* The formats of the sheets people act on, after the others so that the
 * styles before keep their numbers. */
static void formats_act(sc_formats *f, lxw_workbook *wb, sc_error *err)
{
    f->link = format_new(wb, err, 0, NO_FILL, NULL);
    if (f->link) {
        format_set_font_color(f->link, COLOR_LINK);
        format_set_underline(f->link, LXW_UNDERLINE_SINGLE);
    }
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
    if (style & STYLE_WRAP) {
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    }
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
    f->date = format_new(wb, &err, 0, NO_FILL, "dd/mm/yyyy");
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
    }
    f->error = format_new(wb, &err, 0, COLOR_ERROR, NULL);
    f->warning = format_new(wb, &err, 0, COLOR_WARNING, NULL);
    formats_act(f, wb, &err);
    return err;
}
