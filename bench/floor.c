/*
 * floor.c - the benchmark's floor: writes, straight through libxlsxwriter,
 * the same workbooks, sheets and number of cells as a stagecheck run, with
 * the same kinds of formats (bold bordered headers, the six status fills,
 * dates), in the same constant_memory mode. What stagecheck spends beyond
 * this is its own reading, matching and checking.
 *
 * Usage: floor SHAPE OUTDIR   (SHAPE from bench/shape.py)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* Words to fill text cells with: varied text compresses as stagecheck's
 * names and messages do, where one repeated string would not. */
static const char *const words[16] = {
    "DUPONT", "Léa", "Martin", "élève", "accueil", "Boulangerie", "Lyon",
    "convention", "signée", "MOREAU", "Théo", "mairie", "2nde", "période",
    "N'DIAYE", "assurance"};

static const lxw_color_t fills[6] = {0xD9B3FF, 0xBDD7EE, 0xFF9F9F,
                                     0xF8CBAD, 0xFFE699, 0xC6EFCE};

typedef struct floor_book {
    lxw_workbook *workbook;
    lxw_format *header;
    lxw_format *status[6];
    lxw_format *date;
} floor_book;

static int book_open(floor_book *b, const char *dir, const char *path)
{
    /* Scratch files where stagecheck puts them: $TMPDIR, else the
     * system's. */
    char *tmpdir = getenv("TMPDIR");
    lxw_workbook_options options = {.constant_memory = LXW_TRUE,
                                    .tmpdir = tmpdir && *tmpdir ? tmpdir
                                                                : NULL};
    const char *base = strrchr(path, '/');
    char out[4096];

    snprintf(out, sizeof out, "%s/%s", dir, base ? base + 1 : path);
    b->workbook = workbook_new_opt(out, &options);
    if (!b->workbook)
        return -1;
    b->header = workbook_add_format(b->workbook);
    format_set_bold(b->header);
    format_set_border(b->header, LXW_BORDER_THIN);
    for (int s = 0; s < 6; s++) {
        b->status[s] = workbook_add_format(b->workbook);
        format_set_pattern(b->status[s], LXW_PATTERN_SOLID);
        format_set_bg_color(b->status[s], fills[s]);
    }
    b->date = workbook_add_format(b->workbook);
    format_set_num_format(b->date, "dd/mm/yyyy");
    return 0;
}

/* A sheet of the shape's size: rows rows holding cells cells in all,
 * spread evenly, texts of them text cells of chars characters in all (of
 * the average length, accented like French text), the others numbers and
 * dates; a bold header row and the status fills as on the class sheets. */
static int sheet_write(floor_book *b, const char *name, long rows, long cells,
                       long texts, long chars)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->workbook, name);
    lxw_datetime day = {2025, 6, 16, 0, 0, 0};
    long per_row = rows ? (cells + rows - 1) / rows : 0, left = cells;
    long numbers = cells - texts, n = 0;
    size_t len = texts ? (size_t)(chars / texts) : 0;
    char *text = malloc(len + 64);
    unsigned long seed = 12345;

    if (!ws || !text) {
        free(text);
        return -1;
    }
    worksheet_autofilter(ws, 0, 0, (lxw_row_t)(rows ? rows - 1 : 0),
                         (lxw_col_t)(per_row ? per_row - 1 : 0));
    for (long r = 0; r < rows && left > 0; r++) {
        for (long c = 0; c < per_row && left > 0; c++, left--, n++) {
            lxw_row_t row = (lxw_row_t)r;
            lxw_col_t col = (lxw_col_t)c;
            /* Numbers spread among the texts, every cells/numbers-th. */
            int number = numbers > 0 && (n * numbers) % cells < numbers;

            if (!number) {
                size_t w = 0;

                /* Words drawn by a small LCG, up to the average length. */
                while (w < len || w == 0) {
                    seed = seed * 6364136223846793005UL + 1442695040888963407UL;
                    w += (size_t)sprintf(text + w, "%s ",
                                         words[(seed >> 33) % 16]);
                    if (w > len + 16)
                        break;
                }
                text[w ? w - 1 : 0] = '\0';
            }
            if (!number)
                worksheet_write_string(ws, row, col, text,
                                       r == 0 ? b->header
                                       : c == 4 ? b->status[r % 6]
                                                : NULL);
            else if (c % 2)
                worksheet_write_datetime(ws, row, col, &day, b->date);
            else
                worksheet_write_number(ws, row, col, (double)(r * c), NULL);
        }
    }
    free(text);
    /* The same sheet settings as stagecheck's lists: a width per column,
     * the header frozen, filtered and repeated, landscape A4 one page
     * wide. */
    for (long c = 0; c < per_row; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                             (double)(10 + c % 7 * 5), NULL);
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_repeat_rows(ws, 0, 0);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    return 0;
}

int main(int argc, char **argv)
{
    floor_book b = {0};
    char line[4096];
    FILE *in;
    long books = 0, cells_total = 0;
    int status = EXIT_SUCCESS;

    if (argc != 3) {
        fputs("usage : floor SHAPE DOSSIER\n", stderr);
        return 2;
    }
    in = fopen(argv[1], "r");
    if (!in) {
        perror(argv[1]);
        return 2;
    }
    while (fgets(line, sizeof line, in)) {
        long rows, cells, texts, chars;
        int used;

        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "W ", 2) == 0) {
            if (b.workbook && workbook_close(b.workbook) != LXW_NO_ERROR)
                status = EXIT_FAILURE;
            if (book_open(&b, argv[2], line + 2) != 0)
                return 2;
            books++;
        } else if (b.workbook &&
                   sscanf(line, "S %ld %ld %ld %ld %n", &rows, &cells, &texts,
                          &chars, &used) == 4) {
            if (sheet_write(&b, line + used, rows, cells, texts, chars) != 0)
                status = EXIT_FAILURE;
            cells_total += cells;
        }
    }
    fclose(in);
    if (b.workbook && workbook_close(b.workbook) != LXW_NO_ERROR)
        status = EXIT_FAILURE;
    printf("floor : %ld classeurs, %ld cellules\n", books, cells_total);
    return status;
}
