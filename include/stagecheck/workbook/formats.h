/*
 * formats.h - the cell formats of a workbook, and the colour and legend
 * of each status, shared by cells, charts and the Synthèse's Légende.
 * Internal to the workbook layer.
 */
#ifndef STAGECHECK_WORKBOOK_FORMATS_H
#define STAGECHECK_WORKBOOK_FORMATS_H

#include <xlsxwriter.h>
#include "stagecheck/base/error.h"
#include "stagecheck/core/status.h"

/* Every format the sheets use; the workbook owns them. */
typedef struct sc_formats {
    lxw_format *title;          /* the Synthèse's first line */
    lxw_format *bold;
    lxw_format *header;         /* a list's header row: bold, bordered */
    lxw_format *header_wrap;    /* the same, wrapped in narrow columns */
    lxw_format *date;           /* JJ/MM/AAAA, at the top of its cell */
    lxw_format *top;            /* at the top of a tall row */
    lxw_format *percent;
    lxw_format *total_percent;  /* bold */
    lxw_format *hosted;         /* an "X" of Accueil établissement */
    lxw_format *late;           /* "En retard" */
    lxw_format *wrap;           /* long texts: À faire, Dispense */
    lxw_format *link;           /* a hyperlink (a class name, a pupil's
                                   row, a school's workbook): blue,
                                   underlined */
    lxw_format *headline_label; /* the Synthèse's headline block: bold */
    lxw_format *headline_share; /* its share ready, big */
    lxw_format *headline_count; /* its counts */
    lxw_format *alert;          /* a count that should be 0 and is not
                                   (conditional format) */
    lxw_format *error;          /* Gravité "Erreur" */
    lxw_format *warning;        /* Gravité "Attention" */
    lxw_format *status_cell[SC_STATUS_COUNT];
    lxw_format *status_header[SC_STATUS_COUNT];
    lxw_format *status_wrap[SC_STATUS_COUNT];   /* in narrow columns */
    /* Acting on the workbook: Relances, Anomalies, Accueil établissement. */
    lxw_format *severity[3];    /* Gravité, by sc_severity: no status's
                                   colour */
    lxw_format *day_header;     /* a day of Accueil établissement: a date
                                   shown "lun. 17/06" */
    lxw_format *tick;           /* Émargement: an empty bordered box */
    lxw_format *line_number;    /* Ligne: left-aligned, apart from Classe */
    lxw_format *wrap_list;      /* Relances' items: wrapped, at the bottom
                                   of the row as its other cells */
} sc_formats;

/** Adds every format to workbook. Returns SC_OK, or SC_ERROR_MEMORY with
 *  the formats not made NULL. */
sc_error sc_formats_add(sc_formats *formats, lxw_workbook *workbook);

/** Returns the colour of status (an sc_status in range), in cells and
 *  charts alike. */
lxw_color_t sc_formats_status_color(sc_status status);

/** Returns the chart fill of status: its colour, and lines of a darker
 *  shade in a pattern of its own, so that the series differ in black and
 *  white too; type LXW_CHART_PATTERN_NONE for the one status filled
 *  plain. */
lxw_chart_pattern sc_formats_status_pattern(sc_status status);

/** Returns what status means, for the Synthèse's Légende. */
const char *sc_formats_status_legend(sc_status status);

#endif /* STAGECHECK_WORKBOOK_FORMATS_H */
