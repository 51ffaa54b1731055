/*
 * floor.c - the benchmark's three floors, what stagecheck's time is
 * measured against (issue 14):
 *
 *   floor lxw SHAPE OUTDIR    writes through libxlsxwriter, in the mode
 *       (constant_memory or in memory) and scratch folder stagecheck
 *       used, the very workbooks of a stagecheck run, as bench/shape.py
 *       read them back:
 *       the same sheets, cells, formats, links, filters, conditional
 *       formats, page settings, print titles, charts and properties. What
 *       stagecheck spends beyond this is its own reading and checking.
 *   floor deflate DIR         deflates every part of DIR's workbooks with
 *       zlib as libxlsxwriter does (through minizip: raw deflate, level
 *       Z_DEFAULT_COMPRESSION, and the CRC-32 of each part), in memory: the
 *       compression's share of the writing.
 *   floor parse FILE...       reads, decodes to UTF-8 (iconv) and splits
 *       into fields (libcsv) the CSV files stagecheck reads: the least any
 *       reader of these inputs does.
 *   floor links N OUTDIR      writes, in constant_memory, a workbook of a
 *       class sheet and a Relances of N rows each, every name in
 *       Relances a link to its row (as stagecheck's, at most Excel's
 *       65,530 a sheet): the memory libxlsxwriter itself takes for the
 *       million tiny rows' workbook, whose sheets are written row by row
 *       but whose links are held to the end of their sheet.
 *
 * Each prints one line on stdout; the seconds are the process's CPU time
 * for the work alone (lxw: without loading SHAPE; deflate: without reading
 * the parts). Errors go to stderr, exit status 2.
 */
#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <iconv.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <xlsxwriter.h>
#include <zip.h>
#include <zlib.h>

#define FORMATS_MAX 4096
/* As src/workbook/book.c and writer.c: the mode stagecheck chose for each
 * workbook (the shape's Z line, read from its strings: constant_memory
 * for a workbook that is not small, when a scratch file per sheet fits
 * under the limit of open files), else constant_memory whenever that fits
 * (64 to spare); and malloc's mmap threshold at 128 KiB so that each
 * sheet's 128 KiB array of column pointers costs only its touched
 * pages. */
#define FILES_SPARE 64

static void die(const char *what, const char *why)
{
    fprintf(stderr, "floor : %s : %s\n", what, why);
    exit(2);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (!p)
        die("mémoire", "mémoire insuffisante");
    return p;
}

static double cpu_seconds(void)
{
    struct timespec t;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* "1,23": seconds the French way. */
static const char *seconds_fr(double s, char buf[32])
{
    char *dot;

    snprintf(buf, 32, "%.2f", s);
    dot = strchr(buf, '.');
    if (dot)
        *dot = ',';
    return buf;
}

/* The whole of path in memory, NUL-terminated; *size its length. */
static char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 16, len = 0, n;
    char *buf;

    if (!f)
        die(path, errno == ENOENT ? "fichier introuvable"
                                  : "impossible d'ouvrir le fichier");
    buf = xmalloc(cap + 1);
    while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            char *bigger = realloc(buf, 2 * cap + 1);

            if (!bigger)
                die(path, "mémoire insuffisante");
            buf = bigger;
            cap *= 2;
        }
    }
    if (ferror(f))
        die(path, "erreur de lecture");
    fclose(f);
    buf[len] = '\0';
    *size = len;
    return buf;
}

/* ------------------------------------------------------------------ lxw */

/* One line of the shape, its cells parsed before the clock starts. */
typedef struct op {
    char kind;      /* the line's first letter; 'K' lines keep their 2nd */
    char sub;
    uint16_t col;
    uint16_t xf;
    uint32_t row;
    double number;
    char *text;     /* the rest of the line, unescaped */
    char *text2;    /* after the first tab, for u, f, D, K lines */
} op;

/* Undoes shape.py's escapes in place, up to the end of s. */
static void unescape(char *s)
{
    char *w = s;

    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *w++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
        } else
            *w++ = *s;
    }
    *w = '\0';
}

/* Splits s at its first tab: returns what follows, s ends there. */
static char *split_tab(char *s)
{
    char *tab = strchr(s, '\t');

    if (!tab)
        return s + strlen(s);
    *tab = '\0';
    return tab + 1;
}

static op *shape_load(char *buf, size_t *nops)
{
    size_t n = 0, cap = 1024;
    op *ops = xmalloc(cap * sizeof *ops);

    for (char *line = buf, *next; *line; line = next) {
        op o = {0};
        char *end;

        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        else
            next = line + strlen(line);
        if (!line[0])
            continue;
        o.kind = line[0];
        o.sub = line[1] == ' ' ? '\0' : line[1];
        o.text = line + (o.sub ? 3 : 2);
        if (strchr("snfbu", o.kind)) {
            o.row = (uint32_t)strtoul(o.text, &end, 10);
            o.col = (uint16_t)strtoul(end, &end, 10);
            o.xf = (uint16_t)strtoul(end, &end, 10);
            o.text = *end ? end + 1 : end;
            if (o.kind == 'n' || o.kind == 'f')
                o.number = strtod(o.text, NULL);
            if (o.kind == 'f' || o.kind == 'u')
                o.text2 = split_tab(o.text);
        } else if (o.kind == 'D' || o.kind == 'L' ||
                   (o.kind == 'K' && o.sub && strchr("cvs", o.sub))) {
            /* Fields split at write time; unescaped one by one there. */
            if (n == cap)
                ops = realloc(ops, (cap *= 2) * sizeof *ops);
            if (!ops)
                die("forme", "mémoire insuffisante");
            ops[n++] = o;
            continue;
        }
        unescape(o.text);
        if (o.text2)
            unescape(o.text2);
        if (n == cap) {
            ops = realloc(ops, (cap *= 2) * sizeof *ops);
            if (!ops)
                die("forme", "mémoire insuffisante");
        }
        ops[n++] = o;
    }
    *nops = n;
    return ops;
}

/* The next tab-separated field of *s, unescaped; NULL when empty. */
static char *field(char **s)
{
    char *f = *s, *rest = split_tab(f);

    *s = rest;
    unescape(f);
    return *f ? f : NULL;
}

typedef struct floor_book {
    lxw_workbook *workbook;
    lxw_worksheet *sheet;
    lxw_chart *chart;
    int chart_bar; /* in libxlsxwriter's bar charts x_axis holds values */
    lxw_row_t chart_row;
    lxw_col_t chart_col;
    lxw_chart_options chart_options;
    lxw_format *formats[FORMATS_MAX];
    size_t nformats;
    lxw_format *cf;
    lxw_doc_properties props;
    long cells;
    int failed;
} floor_book;

static void check(floor_book *b, lxw_error err)
{
    if (err != LXW_NO_ERROR && !b->failed) {
        fprintf(stderr, "floor : échec de libxlsxwriter (erreur %d : %s)\n",
                (int)err, lxw_strerror(err));
        b->failed = 1;
    }
}

static lxw_format *format_of(floor_book *b, unsigned xf)
{
    return xf && xf <= b->nformats ? b->formats[xf - 1] : NULL;
}

static lxw_color_t color(const char *hex)
{
    return (lxw_color_t)strtoul(hex, NULL, 16);
}

/* X bold underline size fontcolor fill border halign valign wrap numfmt */
static void format_add(floor_book *b, char *s)
{
    char fc[16], fill[16], ha[16], va[16];
    int bold, underline, border, wrap, used = 0;
    double size;
    lxw_format *f;

    if (b->nformats == FORMATS_MAX)
        return;
    if (sscanf(s, "%d %d %lf %15s %15s %d %15s %15s %d %n", &bold, &underline,
               &size, fc, fill, &border, ha, va, &wrap, &used) < 9)
        die("forme", "ligne X illisible");
    f = workbook_add_format(b->workbook);
    if (!f)
        die("libxlsxwriter", "mémoire insuffisante");
    if (bold)
        format_set_bold(f);
    if (underline)
        format_set_underline(f, LXW_UNDERLINE_SINGLE);
    if (size != 11)
        format_set_font_size(f, size);
    if (strcmp(fc, "-1"))
        format_set_font_color(f, color(fc));
    if (strcmp(fill, "-1")) {
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, color(fill));
    }
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (!strcmp(ha, "center"))
        format_set_align(f, LXW_ALIGN_CENTER);
    else if (!strcmp(ha, "left"))
        format_set_align(f, LXW_ALIGN_LEFT);
    else if (!strcmp(ha, "right"))
        format_set_align(f, LXW_ALIGN_RIGHT);
    if (!strcmp(va, "top"))
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    else if (!strcmp(va, "center"))
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (wrap)
        format_set_text_wrap(f);
    if (used && s[used])
        format_set_num_format(f, s + used);
    b->formats[b->nformats++] = f;
}

/* The limit of open files, less the standard streams. */
static size_t files_max(void)
{
    struct rlimit limit;

    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 ||
        limit.rlim_cur == RLIM_INFINITY)
        return SIZE_MAX;
    return limit.rlim_cur > 3 ? (size_t)limit.rlim_cur - 3 : 0;
}

static void book_open(floor_book *b, const char *dir, const char *name,
                      int constant_memory)
{
    char *tmpdir = getenv("TMPDIR");
    lxw_workbook_options options = {.constant_memory =
                                        (uint8_t)constant_memory,
                                    .tmpdir = tmpdir && *tmpdir ? tmpdir
                                                                : NULL};
    char out[4096];

    memset(b, 0, sizeof *b);
    snprintf(out, sizeof out, "%s/%s", dir, name);
    b->workbook = workbook_new_opt(out, &options);
    if (!b->workbook)
        die(out, "impossible de créer le classeur");
}

/* Inserts the chart being described, once it has its series. */
static void chart_flush(floor_book *b)
{
    if (!b->chart)
        return;
    check(b, worksheet_insert_chart_opt(b->sheet, b->chart_row, b->chart_col,
                                        b->chart, &b->chart_options));
    b->chart = NULL;
}

static int book_close(floor_book *b)
{
    if (!b->workbook)
        return 0;
    chart_flush(b);
    check(b, workbook_close(b->workbook));
    b->workbook = NULL;
    return b->failed;
}

static const struct {
    const char *name;
    uint8_t type;
} patterns[] = {
    {"pct5", LXW_CHART_PATTERN_PERCENT_5},
    {"pct10", LXW_CHART_PATTERN_PERCENT_10},
    {"pct20", LXW_CHART_PATTERN_PERCENT_20},
    {"pct25", LXW_CHART_PATTERN_PERCENT_25},
    {"pct50", LXW_CHART_PATTERN_PERCENT_50},
    {"ltHorz", LXW_CHART_PATTERN_LIGHT_HORIZONTAL},
    {"ltVert", LXW_CHART_PATTERN_LIGHT_VERTICAL},
    {"ltUpDiag", LXW_CHART_PATTERN_LIGHT_UPWARD_DIAGONAL},
    {"ltDnDiag", LXW_CHART_PATTERN_LIGHT_DOWNWARD_DIAGONAL},
    {"wdUpDiag", LXW_CHART_PATTERN_WIDE_UPWARD_DIAGONAL},
    {"wdDnDiag", LXW_CHART_PATTERN_WIDE_DOWNWARD_DIAGONAL},
    {"smGrid", LXW_CHART_PATTERN_SMALL_GRID},
    {"lgGrid", LXW_CHART_PATTERN_LARGE_GRID},
    {"smCheck", LXW_CHART_PATTERN_SMALL_CHECK},
    {"lgCheck", LXW_CHART_PATTERN_LARGE_CHECK},
};

/* K type row col xoff yoff xscale yscale */
static void chart_add(floor_book *b, const char *s)
{
    static const struct {
        const char *name;
        uint8_t type;
    } types[] = {{"bar", LXW_CHART_BAR},
                 {"bar_stacked", LXW_CHART_BAR_STACKED},
                 {"column", LXW_CHART_COLUMN},
                 {"column_stacked", LXW_CHART_COLUMN_STACKED},
                 {"line", LXW_CHART_LINE},
                 {"pie", LXW_CHART_PIE}};
    char type[32];
    unsigned row, col;
    lxw_chart_options o = {0};
    uint8_t t = LXW_CHART_BAR;

    chart_flush(b);
    if (sscanf(s, "%31s %u %u %d %d %lf %lf", type, &row, &col, &o.x_offset,
               &o.y_offset, &o.x_scale, &o.y_scale) != 7)
        die("forme", "ligne K illisible");
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (!strcmp(type, types[i].name))
            t = types[i].type;
    b->chart = workbook_add_chart(b->workbook, t);
    if (!b->chart)
        die("libxlsxwriter", "mémoire insuffisante");
    b->chart_bar = t == LXW_CHART_BAR || t == LXW_CHART_BAR_STACKED;
    b->chart_row = (lxw_row_t)row;
    b->chart_col = (lxw_col_t)col;
    b->chart_options = o;
}

/* Kc / Kv name\tnumfmt\tmin\tmax\treverse */
static void chart_axis(floor_book *b, char sub, char *s)
{
    lxw_chart_axis *axis = (sub == 'v') == (b->chart_bar != 0)
                               ? b->chart->x_axis
                               : b->chart->y_axis;
    char *name = field(&s), *num = field(&s), *min = field(&s),
         *max = field(&s), *rev = field(&s);

    if (name)
        chart_axis_set_name(axis, name);
    if (num)
        chart_axis_set_num_format(axis, num);
    if (min)
        chart_axis_set_min(axis, strtod(min, NULL));
    if (max)
        chart_axis_set_max(axis, strtod(max, NULL));
    if (rev && *rev == '1')
        chart_axis_set_reverse(axis);
}

/* Ks name\tcategories\tvalues\tfill\tpattern\tline\tlabels */
static void chart_series(floor_book *b, char *s)
{
    char *name = field(&s), *cat = field(&s), *val = field(&s),
         *fill = field(&s), *patt = field(&s), *line = field(&s),
         *labels = field(&s);
    lxw_chart_series *series = chart_add_series(b->chart, cat, val);

    if (!series)
        die("libxlsxwriter", "série impossible");
    if (name)
        chart_series_set_name(series, name);
    if (fill) {
        lxw_chart_fill f = {.color = color(fill)};

        chart_series_set_fill(series, &f);
    }
    if (patt) {
        char prst[32], fg[16], bg[16];
        lxw_chart_pattern p = {.type = LXW_CHART_PATTERN_PERCENT_50};

        if (sscanf(patt, "%31s %15s %15s", prst, fg, bg) == 3) {
            for (size_t i = 0; i < sizeof patterns / sizeof *patterns; i++)
                if (!strcmp(prst, patterns[i].name))
                    p.type = patterns[i].type;
            p.fg_color = color(fg);
            p.bg_color = color(bg);
            chart_series_set_pattern(series, &p);
        }
    }
    if (line) {
        char c[16];
        float width = 0.75f;
        lxw_chart_line l = {0};

        if (sscanf(line, "%15s %f", c, &width) >= 1) {
            l.color = color(c);
            l.width = width;
            chart_series_set_line(series, &l);
        }
    }
    if (labels) {
        chart_series_set_labels(series);
        if (labels[1] == ' ' && labels[2])
            chart_series_set_labels_num_format(series, labels + 2);
    }
}

/* D title\tsubject\tauthor\tmanager\tcompany\tcategory\tkeywords\tcomments */
static void book_properties(floor_book *b, char *s)
{
    b->props.title = field(&s);
    b->props.subject = field(&s);
    b->props.author = field(&s);
    b->props.manager = field(&s);
    b->props.company = field(&s);
    b->props.category = field(&s);
    b->props.keywords = field(&s);
    b->props.comments = field(&s);
    check(b, workbook_set_properties(b->workbook, &b->props));
}

static void cond_format(floor_book *b, const char *s)
{
    static const struct {
        const char *name;
        uint8_t criteria;
    } ops[] = {
        {"greaterThan", LXW_CONDITIONAL_CRITERIA_GREATER_THAN},
        {"lessThan", LXW_CONDITIONAL_CRITERIA_LESS_THAN},
        {"equal", LXW_CONDITIONAL_CRITERIA_EQUAL_TO},
        {"notEqual", LXW_CONDITIONAL_CRITERIA_NOT_EQUAL_TO},
        {"greaterThanOrEqual",
         LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO},
        {"lessThanOrEqual", LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO}};
    unsigned r1, c1, r2, c2;
    char name[32];
    double value;
    lxw_conditional_format rule = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                   .format = b->cf};

    if (sscanf(s, "%u %u %u %u %31s %lf", &r1, &c1, &r2, &c2, name,
               &value) != 6)
        die("forme", "ligne Q illisible");
    rule.criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN;
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (!strcmp(name, ops[i].name))
            rule.criteria = ops[i].criteria;
    rule.value = value;
    check(b, worksheet_conditional_format_range(
                 b->sheet, (lxw_row_t)r1, (lxw_col_t)c1, (lxw_row_t)r2,
                 (lxw_col_t)c2, &rule));
}

static void page_breaks(floor_book *b, char *s)
{
    size_t n = 0;
    char kind = *s;
    char *p = s + 1;
    lxw_row_t rows[1024];
    lxw_col_t cols[1024];

    while (n < 1023) {
        char *end;
        unsigned long v = strtoul(p, &end, 10);

        if (end == p)
            break;
        rows[n] = (lxw_row_t)v;
        cols[n] = (lxw_col_t)v;
        n++;
        p = end;
    }
    rows[n] = 0;
    cols[n] = 0;
    if (kind == 'h')
        check(b, worksheet_set_h_pagebreaks(b->sheet, rows));
    else
        check(b, worksheet_set_v_pagebreaks(b->sheet, cols));
}

/* The sheet-level and chart lines: all but the cells. */
static void sheet_line(floor_book *b, const op *o)
{
    lxw_worksheet *ws = b->sheet;
    char *s = o->text;
    unsigned u[6];
    double d[6];

    switch (o->kind) {
    case 'C': {
        lxw_row_col_options opt = {0};
        unsigned hidden, level, collapsed, xf;

        if (sscanf(s, "%u %u %lf %u %u %u %u", &u[0], &u[1], &d[0], &hidden,
                   &level, &collapsed, &xf) == 7) {
            opt.hidden = (uint8_t)hidden;
            opt.level = (uint8_t)level;
            opt.collapsed = (uint8_t)collapsed;
            check(b, worksheet_set_column_opt(ws, (lxw_col_t)u[0],
                                              (lxw_col_t)u[1], d[0],
                                              format_of(b, xf), &opt));
        }
        break;
    }
    case 'P':
        if (sscanf(s, "%u %u", &u[0], &u[1]) == 2)
            worksheet_freeze_panes(ws, (lxw_row_t)u[0], (lxw_col_t)u[1]);
        break;
    case 'A':
        if (sscanf(s, "%u %u %u %u", &u[0], &u[1], &u[2], &u[3]) == 4)
            check(b, worksheet_autofilter(ws, (lxw_row_t)u[0],
                                          (lxw_col_t)u[1], (lxw_row_t)u[2],
                                          (lxw_col_t)u[3]));
        break;
    case 'L': {
        char *end, *rest;
        unsigned long col = strtoul(s, &end, 10);
        char *list[64];
        size_t n = 0;

        rest = *end ? end + 1 : end;
        while (*rest && n < 63) {
            char *f = field(&rest);

            if (f)
                list[n++] = f;
        }
        list[n] = NULL;
        if (n)
            check(b, worksheet_filter_list(ws, (lxw_col_t)col, list));
        break;
    }
    case 'Q':
        cond_format(b, s);
        break;
    case 'G':
        worksheet_gridlines(ws, (uint8_t)atoi(s));
        break;
    case 'M':
        if (sscanf(s, "%lf %lf %lf %lf", &d[0], &d[1], &d[2], &d[3]) == 4)
            worksheet_set_margins(ws, d[0], d[1], d[2], d[3]);
        break;
    case 'O': {
        int fitw, fith;

        if (sscanf(s, "%u %u %d %d %u", &u[0], &u[1], &fitw, &fith,
                   &u[2]) != 5)
            break;
        if (u[0])
            worksheet_set_landscape(ws);
        worksheet_set_paper(ws, (uint8_t)u[1]);
        if (fitw >= 0)
            worksheet_fit_to_pages(ws, (uint16_t)fitw, (uint16_t)fith);
        if (u[2] != 100)
            worksheet_set_print_scale(ws, (uint16_t)u[2]);
        break;
    }
    case 'H':
        check(b, worksheet_set_header(ws, s));
        break;
    case 'F':
        check(b, worksheet_set_footer(ws, s));
        break;
    case 'B':
        page_breaks(b, s);
        break;
    case 'T':
        if (sscanf(s, "%u %u", &u[0], &u[1]) == 2)
            check(b, worksheet_repeat_rows(ws, (lxw_row_t)u[0],
                                           (lxw_row_t)u[1]));
        break;
    case 'U':
        if (sscanf(s, "%u %u", &u[0], &u[1]) == 2)
            check(b, worksheet_repeat_columns(ws, (lxw_col_t)u[0],
                                              (lxw_col_t)u[1]));
        break;
    case 'E':
        if (sscanf(s, "%u %u %u %u", &u[0], &u[1], &u[2], &u[3]) == 4)
            check(b, worksheet_print_area(ws, (lxw_row_t)u[0],
                                          (lxw_col_t)u[1], (lxw_row_t)u[2],
                                          (lxw_col_t)u[3]));
        break;
    case 'R': {
        lxw_row_col_options opt = {0};

        if (sscanf(s, "%u %lf %u %u", &u[0], &d[0], &u[1], &u[2]) == 4) {
            opt.hidden = (uint8_t)u[1];
            check(b, worksheet_set_row_opt(ws, (lxw_row_t)u[0], d[0],
                                           format_of(b, u[2]), &opt));
        }
        break;
    }
    case 'K':
        if (!o->sub)
            chart_add(b, s);
        else if (!b->chart)
            break;
        else if (o->sub == 't')
            chart_title_set_name(b->chart, s);
        else if (o->sub == 'l')
            chart_legend_set_position(
                b->chart,
                !strcmp(s, "b")      ? LXW_CHART_LEGEND_BOTTOM
                : !strcmp(s, "t")    ? LXW_CHART_LEGEND_TOP
                : !strcmp(s, "l")    ? LXW_CHART_LEGEND_LEFT
                : !strcmp(s, "none") ? LXW_CHART_LEGEND_NONE
                                     : LXW_CHART_LEGEND_RIGHT);
        else if (o->sub == 'c' || o->sub == 'v')
            chart_axis(b, o->sub, s);
        else if (o->sub == 's')
            chart_series(b, s);
        break;
    default:
        break;
    }
}

/* Y bold fontcolor fill: the conditional formats' format. */
static void cf_format(floor_book *b, const char *s)
{
    char fc[16], bg[16];
    int bold;

    if (sscanf(s, "%d %15s %15s", &bold, fc, bg) != 3)
        return;
    b->cf = workbook_add_format(b->workbook);
    if (!b->cf)
        die("libxlsxwriter", "mémoire insuffisante");
    if (bold)
        format_set_bold(b->cf);
    if (strcmp(fc, "-1"))
        format_set_font_color(b->cf, color(fc));
    if (strcmp(bg, "-1")) {
        format_set_pattern(b->cf, LXW_PATTERN_SOLID);
        format_set_bg_color(b->cf, color(bg));
    }
}

/* Counts the zip parts of path and their uncompressed bytes. */
static void zip_count(const char *path, long *parts, long long *bytes)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    zip_int64_t n;

    if (!z)
        die(path, "classeur illisible");
    n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;

        if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) == 0) {
            (*parts)++;
            *bytes += (long long)st.size;
        }
    }
    zip_close(z);
}

static int floor_lxw(const char *shape, const char *dir)
{
    size_t size, nops;
    char *buf = slurp(shape, &size);
    op *ops = shape_load(buf, &nops);
    floor_book b;
    long books = 0, cells = 0, parts = 0;
    long long bytes = 0;
    int failed = 0;
    double t0, seconds;
    char sec[32];

    memset(&b, 0, sizeof b);
    t0 = cpu_seconds();
    for (size_t i = 0; i < nops; i++) {
        const op *o = &ops[i];
        lxw_format *f;

        switch (o->kind) {
        case 'W': {
            size_t sheets = 0;
            int mode = -1;

            failed |= book_close(&b);
            /* The mode stagecheck chose, else the one it would choose
             * for this many sheets. */
            for (size_t j = i + 1; j < nops && ops[j].kind != 'W'; j++) {
                sheets += ops[j].kind == 'S';
                if (ops[j].kind == 'Z')
                    mode = ops[j].text[0] == '1';
            }
            if (mode < 0 || (mode && sheets + FILES_SPARE > files_max()))
                mode = sheets + FILES_SPARE <= files_max();
            book_open(&b, dir, o->text, mode);
            books++;
            break;
        }
        case 'D':
            book_properties(&b, o->text);
            break;
        case 'X':
            format_add(&b, o->text);
            break;
        case 'Y':
            cf_format(&b, o->text);
            break;
        case 'S':
            chart_flush(&b);
            b.sheet = workbook_add_worksheet(b.workbook, o->text);
            if (!b.sheet)
                die(o->text, "feuille impossible");
            break;
        case 's':
            f = format_of(&b, o->xf);
            check(&b, worksheet_write_string(b.sheet, o->row, o->col,
                                             o->text, f));
            cells++;
            break;
        case 'n':
            f = format_of(&b, o->xf);
            check(&b, worksheet_write_number(b.sheet, o->row, o->col,
                                             o->number, f));
            cells++;
            break;
        case 'f':
            f = format_of(&b, o->xf);
            check(&b, worksheet_write_formula_num(b.sheet, o->row, o->col,
                                                  o->text2, f, o->number));
            cells++;
            break;
        case 'b':
            f = format_of(&b, o->xf);
            check(&b, worksheet_write_blank(b.sheet, o->row, o->col, f));
            cells++;
            break;
        case 'u':
            f = format_of(&b, o->xf);
            check(&b, worksheet_write_url_opt(b.sheet, o->row, o->col,
                                              o->text, f,
                                              *o->text2 ? o->text2 : NULL,
                                              NULL));
            cells++;
            break;
        default:
            if (b.sheet)
                sheet_line(&b, o);
            break;
        }
    }
    failed |= book_close(&b);
    seconds = cpu_seconds() - t0;
    /* What was written, counted as `shape.py --compare` does. */
    for (size_t i = 0; i < nops; i++)
        if (ops[i].kind == 'W') {
            char out[4096];

            snprintf(out, sizeof out, "%s/%s", dir, ops[i].text);
            zip_count(out, &parts, &bytes);
        }
    printf("floor lxw : %ld classeurs, %ld parties, %lld octets, "
           "%ld cellules, %s s\n",
           books, parts, bytes, cells, seconds_fr(seconds, sec));
    free(ops);
    free(buf);
    return failed ? 2 : 0;
}

/* -------------------------------------------------------------- deflate */

/* Where the CRCs go, so that computing them is never left out. */
static volatile unsigned long crc_sink;

typedef struct part {
    unsigned char *data;
    size_t size;
} part;

static int floor_deflate(const char *dir)
{
    struct dirent **names;
    int nnames;
    part *parts = NULL;
    size_t nparts = 0, cap = 0, outcap = 0;
    unsigned long long in = 0, out = 0;
    unsigned long crc_sum = 0;
    unsigned char *outbuf = NULL;
    double t0, seconds;
    char sec[32];

    /* The workbooks, in name order, that stagecheck wrote. */
    nnames = scandir(dir, &names, NULL, alphasort);
    if (nnames < 0)
        die(dir, "dossier illisible");
    for (int k = 0; k < nnames; k++) {
        const char *path = names[k]->d_name;
        char full[8192];
        size_t len;
        int err = 0;
        zip_t *z;
        zip_int64_t n;

        len = strlen(path);
        if (len < 5 || strcmp(path + len - 5, ".xlsx"))
            continue;
        snprintf(full, sizeof full, "%s/%s", dir, path);
        z = zip_open(full, ZIP_RDONLY, &err);
        if (!z)
            die(full, "classeur illisible");
        n = zip_get_num_entries(z, 0);
        for (zip_int64_t i = 0; i < n; i++) {
            zip_stat_t st;
            zip_file_t *zf;
            part p;

            if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0)
                die(full, "partie illisible");
            p.size = (size_t)st.size;
            p.data = xmalloc(p.size);
            zf = zip_fopen_index(z, (zip_uint64_t)i, 0);
            if (!zf || zip_fread(zf, p.data, p.size) != (zip_int64_t)p.size)
                die(full, "partie illisible");
            zip_fclose(zf);
            if (nparts == cap) {
                cap = cap ? 2 * cap : 1024;
                parts = realloc(parts, cap * sizeof *parts);
                if (!parts)
                    die("mémoire", "mémoire insuffisante");
            }
            parts[nparts++] = p;
            if (p.size > outcap)
                outcap = p.size;
        }
        zip_close(z);
    }
    for (int k = 0; k < nnames; k++)
        free(names[k]);
    free(names);
    if (!nparts)
        die(dir, "aucun classeur .xlsx");
    outcap = (size_t)compressBound((uLong)outcap);
    outbuf = xmalloc(outcap);

    /* As minizip for libxlsxwriter: deflateInit2(level -1, Z_DEFLATED,
     * -MAX_WBITS, memLevel 8, Z_DEFAULT_STRATEGY) and a CRC-32 per part. */
    t0 = cpu_seconds();
    for (size_t i = 0; i < nparts; i++) {
        z_stream zs = {0};

        if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS,
                         8, Z_DEFAULT_STRATEGY) != Z_OK)
            die("zlib", "deflateInit2 a échoué");
        zs.next_in = parts[i].data;
        zs.avail_in = (uInt)parts[i].size;
        zs.next_out = outbuf;
        zs.avail_out = (uInt)outcap;
        if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
            die("zlib", "deflate n'a pas fini");
        in += parts[i].size;
        out += zs.total_out;
        crc_sum ^= crc32(0L, parts[i].data, (uInt)parts[i].size);
        deflateEnd(&zs);
    }
    seconds = cpu_seconds() - t0;
    crc_sink = crc_sum;
    printf("floor deflate : %zu parties, %llu octets -> %llu octets, %s s\n",
           nparts, in, out, seconds_fr(seconds, sec));
    for (size_t i = 0; i < nparts; i++)
        free(parts[i].data);
    free(parts);
    free(outbuf);
    return 0;
}

/* ---------------------------------------------------------------- parse */

typedef struct counts {
    unsigned long long fields, rows;
} counts;

static void on_field(void *s, size_t len, void *data)
{
    (void)s;
    (void)len;
    ((counts *)data)->fields++;
}

static void on_row(int c, void *data)
{
    (void)c;
    ((counts *)data)->rows++;
}

/* Returns 1 if the n bytes at s are valid UTF-8. */
static int is_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t k = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1
                              : (c & 0xF0) == 0xE0   ? 2
                              : (c & 0xF8) == 0xF0   ? 3
                                                     : 9;

        if (k == 9 || i + k >= n + (k == 0))
            return 0;
        for (size_t j = 1; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
        i += k + 1;
    }
    return 1;
}

/* src converted from `from` to UTF-8, in a new buffer of *outlen bytes. */
static char *decode(const char *path, const char *from, char *src,
                    size_t len, size_t *outlen)
{
    iconv_t cd = iconv_open("UTF-8", from);
    size_t cap = 2 * len + 16, left = cap;
    char *dst = xmalloc(cap), *w = dst;

    if (cd == (iconv_t)-1)
        die(from, "encodage non pris en charge");
    if (iconv(cd, &src, &len, &w, &left) == (size_t)-1)
        die(path, "conversion impossible");
    iconv_close(cd);
    *outlen = cap - left;
    return dst;
}

static int floor_parse(int n, char **files)
{
    unsigned long long bytes = 0;
    counts c = {0, 0};
    double t0 = cpu_seconds(), seconds;
    char sec[32];

    for (int i = 0; i < n; i++) {
        size_t len, ulen;
        char *raw = slurp(files[i], &len), *text = raw, *utf8 = NULL;
        const unsigned char *u = (const unsigned char *)raw;
        struct csv_parser p;
        size_t first;
        unsigned semis = 0, tabs = 0;

        bytes += len;
        ulen = len;
        if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
            text = utf8 = decode(files[i], "UTF-16LE", raw + 2, len - 2,
                                 &ulen);
        else if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
            text = raw + 3;
            ulen = len - 3;
        } else if (!is_utf8(u, len))
            text = utf8 = decode(files[i], "WINDOWS-1252", raw, len, &ulen);
        /* The separator: the commoner of ; and tab on the first line. */
        first = strcspn(text, "\n");
        if (first > ulen)
            first = ulen;
        for (size_t k = 0; k < first; k++) {
            semis += text[k] == ';';
            tabs += text[k] == '\t';
        }
        if (csv_init(&p, CSV_APPEND_NULL) != 0)
            die("libcsv", "mémoire insuffisante");
        csv_set_delim(&p, tabs > semis ? CSV_TAB : ';');
        if (csv_parse(&p, text, ulen, on_field, on_row, &c) != ulen)
            die(files[i], "CSV illisible");
        csv_fini(&p, on_field, on_row, &c);
        csv_free(&p);
        free(utf8);
        free(raw);
    }
    seconds = cpu_seconds() - t0;
    printf("floor parse : %d fichiers, %llu lignes, %llu champs, "
           "%llu octets, %s s\n",
           n, c.rows, c.fields, bytes, seconds_fr(seconds, sec));
    return 0;
}

static int floor_links(long n, const char *dir)
{
    lxw_workbook_options options = {.constant_memory = LXW_TRUE,
                                    .tmpdir = getenv("TMPDIR")};
    char path[4096], url[64], sec[32];
    lxw_workbook *book;
    lxw_worksheet *relances, *cls;
    double t0 = cpu_seconds(), seconds;
    lxw_error err = LXW_NO_ERROR;

    snprintf(path, sizeof path, "%s/liens.xlsx", dir);
    if (!(book = workbook_new_opt(path, &options)) ||
        !(relances = workbook_add_worksheet(book, "Relances")) ||
        !(cls = workbook_add_worksheet(book, "2A")))
        die(path, "classeur impossible à créer");
    for (long r = 0; err == LXW_NO_ERROR && r < n; r++) {
        snprintf(url, sizeof url, "internal:'2A'!B%ld", r + 2);
        err = worksheet_write_url_opt(relances, (lxw_row_t)r, 0, url, NULL,
                                      "A B", NULL);
        if (err == LXW_NO_ERROR)
            err = worksheet_write_string(relances, (lxw_row_t)r, 1, "2A",
                                         NULL);
        if (err == LXW_NO_ERROR)
            err = worksheet_write_string(cls, (lxw_row_t)r, 0, "A", NULL);
        if (err == LXW_NO_ERROR)
            err = worksheet_write_string(cls, (lxw_row_t)r, 1, "B", NULL);
    }
    if (err != LXW_NO_ERROR) {
        workbook_close(book);
        die(path, lxw_strerror(err));
    }
    if ((err = workbook_close(book)) != LXW_NO_ERROR)
        die(path, lxw_strerror(err));
    seconds = cpu_seconds() - t0;
    printf("floor links : %ld lignes, %ld liens, %s s\n", n, n,
           seconds_fr(seconds, sec));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "lxw")) {
        (void)mallopt(M_MMAP_THRESHOLD, 128 * 1024);
        return floor_lxw(argv[2], argv[3]);
    }
    if (argc == 3 && !strcmp(argv[1], "deflate"))
        return floor_deflate(argv[2]);
    if (argc >= 3 && !strcmp(argv[1], "parse"))
        return floor_parse(argc - 2, argv + 2);
    if (argc == 4 && !strcmp(argv[1], "links")) {
        (void)mallopt(M_MMAP_THRESHOLD, 128 * 1024);
        return floor_links(atol(argv[2]), argv[3]);
    }
    fputs("usage : floor lxw FORME DOSSIER\n"
          "        floor deflate DOSSIER\n"
          "        floor parse FICHIER...\n"
          "        floor links N DOSSIER\n",
          stderr);
    return 2;
}
