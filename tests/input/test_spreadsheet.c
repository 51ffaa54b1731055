/*
 * test_spreadsheet.c - unit tests of spreadsheet.c on the fixtures of
 * tests/input/fixtures (written by openpyxl and LibreOffice, see
 * make_sheets.py): format detection, sheet lists, the rows each format
 * gives, the same data read alike from .xlsx, .ods and .xls, and the
 * message of each broken file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/core/anomalies.h"
#include "stagecheck/input/spreadsheet.h"

#define DIR "tests/input/fixtures/"

typedef struct fixture {
    sc_spreadsheet *book;
    sc_table *table;
    sc_diag diag;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_table_free(f->table);
    sc_spreadsheet_close(f->book);
    free(f);
    return 0;
}

/* The Suivi sheet as LibreOffice computed it: what suivi-calc.xlsx and
 * suivi.ods hold. Each row: its line, then its fields, then NULL. */
#define END NULL
static const char *const suivi[][12] = {
    {"1", "Suivi des stages de seconde 2023-2024", END},
    {"3", "Nom", "Prénom", "Classe", "INE", "Début", "Fin",
     "Convention signée", "Jours", "SIRET", "Commentaire", END},
    {"4", "DUPONT", "Éloïse", "201", "070123456AB", "17/06/2024",
     "28/06/2024", "oui", "12", "12345678901234",
     "Boulangerie « Le Fournil »", END},
    /* 17/06/2024 08:30: the time is dropped. */
    {"5", "MARTIN", "Noé", "202", "070234567BC", "17/06/2024", "21/06/2024",
     "non", "4", "98765432100017", END},
    /* A hidden row is read like the others. */
    {"6", "N'DIAYE", "Aïssatou", "201", "070345678CD", "24/06/2024",
     "28/06/2024", "oui", "5", "11122233300044", "ligne masquée", END},
    /* Row 7 is empty: left out, and row 8 keeps its number. */
    {"8", "LEFÈVRE", "Jean-Baptiste", "203", "", "17/06/2024", "21/06/2024",
     "oui", "2.5", "123 456 789 00012", "deux\nlignes", END},
};
static const char *const eleves[][12] = {
    {"1", "Nom", "Prénom", "Classe", "Né(e) le", END},
    {"2", "DUPONT", "Éloïse", "201", "09/03/2008", END},
    {"3", "MARTIN", "Noé", "202", "30/11/2008", END},
};
static const char *const parametres[][12] = {
    {"1", "Année", "2024", END},
};

/* Cells the expected rows do not hold: a formula no program computed, or
 * one freexl cannot read. Rows and columns, ended by {0, 0}. */
typedef struct blank {
    unsigned line, column;
} blank;

/* Asserts that table holds rows (n of them), fields listed in blanks
 * being empty (a row whose last field is blanked ends before it). */
static void assert_rows(const sc_table *table, const char *const (*rows)[12],
                        size_t n, const blank *blanks)
{
    assert_int_equal(table->nrows, n);
    for (size_t r = 0; r < n; r++) {
        const sc_row *row = &table->rows[r];
        size_t nfields = 0;

        while (rows[r][nfields + 1])
            nfields++;
        assert_int_equal(row->line, (unsigned)atoi(rows[r][0]));
        /* Trailing blanked fields are not there at all. */
        for (const blank *b = blanks; b && b->line; b++)
            if (b->line == row->line && b->column == nfields)
                nfields--;
        assert_int_equal(row->nfields, nfields);
        for (size_t c = 0; c < nfields; c++) {
            const char *want = rows[r][c + 1];

            for (const blank *b = blanks; b && b->line; b++)
                if (b->line == row->line && b->column == c + 1)
                    want = "";
            assert_string_equal(row->fields[c], want);
        }
    }
}

static void open_book(fixture *f, const char *path)
{
    sc_error err = sc_spreadsheet_open(path, SC_SPREADSHEET_NONE, &f->book,
                                       &f->diag);

    if (err != SC_OK)
        fail_msg("%s: %s", path, f->diag.message);
}

static void read_sheet(fixture *f, size_t i)
{
    sc_table_free(f->table);
    f->table = NULL;
    if (sc_spreadsheet_read(f->book, i, &f->table, &f->diag) != SC_OK)
        fail_msg("%s: %s", f->diag.file, f->diag.message);
}

/* Reads the three sheets of path and checks them against the expected
 * rows, blanks applying to Suivi. */
static void assert_workbook(fixture *f, const char *path, const blank *blanks,
                            int hidden_known)
{
    open_book(f, path);
    assert_int_equal(sc_spreadsheet_count(f->book), 3);
    assert_string_equal(sc_spreadsheet_sheet_name(f->book, 0), "Suivi");
    assert_string_equal(sc_spreadsheet_sheet_name(f->book, 1), "Élèves");
    assert_string_equal(sc_spreadsheet_sheet_name(f->book, 2), "Paramètres");
    assert_false(sc_spreadsheet_sheet_hidden(f->book, 0));
    assert_false(sc_spreadsheet_sheet_hidden(f->book, 1));
    assert_int_equal(sc_spreadsheet_sheet_hidden(f->book, 2), hidden_known);
    read_sheet(f, 0);
    assert_string_equal(f->table->path, path);
    assert_string_equal(f->table->sheet, "Suivi");
    assert_rows(f->table, suivi, sizeof suivi / sizeof *suivi, blanks);
    read_sheet(f, 1);
    assert_string_equal(f->table->sheet, "Élèves");
    assert_rows(f->table, eleves, sizeof eleves / sizeof *eleves, NULL);
    read_sheet(f, 2);
    assert_rows(f->table, parametres, 1, NULL);
}

/* ---- Detection ---------------------------------------------------------- */

static sc_spreadsheet_format detect_bytes(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *bytes = malloc(1 << 20);
    size_t n;
    sc_spreadsheet_format format;

    assert_non_null(fp);
    assert_non_null(bytes);
    n = fread(bytes, 1, 1 << 20, fp);
    fclose(fp);
    format = sc_spreadsheet_detect_buffer(bytes, n);
    free(bytes);
    return format;
}

static void test_detect_tells_the_format_from_the_content(void **state)
{
    static const struct {
        const char *path;
        sc_spreadsheet_format format;
    } cases[] = {
        {DIR "suivi-openpyxl.xlsx", SC_SPREADSHEET_XLSX},
        {DIR "suivi-calc.xlsx", SC_SPREADSHEET_XLSX},
        {DIR "suivi.ods", SC_SPREADSHEET_ODS},
        {DIR "suivi.xls", SC_SPREADSHEET_XLS},
        {DIR "encrypted.xlsx", SC_SPREADSHEET_ENCRYPTED},
        {DIR "encrypted.ods", SC_SPREADSHEET_ODS},
        /* Its directory is lost, but its first bytes say what it was. */
        {DIR "truncated.xlsx", SC_SPREADSHEET_XLSX},
        {DIR "truncated.xls", SC_SPREADSHEET_XLS},
        {"samples/stages.csv", SC_SPREADSHEET_NONE},
        {DIR "make_sheets.py", SC_SPREADSHEET_NONE},
    };
    fixture *f = *state;

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sc_spreadsheet_format format = SC_SPREADSHEET_NONE;

        assert_int_equal(sc_spreadsheet_detect(cases[i].path, &format,
                                               &f->diag), SC_OK);
        if (format != cases[i].format)
            fail_msg("%s: %s", cases[i].path,
                     sc_spreadsheet_format_name(format));
        assert_int_equal(detect_bytes(cases[i].path), cases[i].format);
    }
}

static void test_detect_a_missing_file_says_why(void **state)
{
    fixture *f = *state;
    sc_spreadsheet_format format;

    assert_int_equal(sc_spreadsheet_detect(DIR "absent.xlsx", &format,
                                           &f->diag), SC_ERROR_FILE_OPEN);
    assert_string_equal(f->diag.file, DIR "absent.xlsx");
    assert_string_equal(f->diag.message,
                        "impossible d'ouvrir le fichier : "
                        "fichier ou dossier introuvable");
}

static void test_detect_a_zip_that_is_no_workbook(void **state)
{
    static const char empty_zip[22] = "PK\x05\x06";
    (void)state;

    assert_int_equal(sc_spreadsheet_detect_buffer(empty_zip, sizeof empty_zip),
                     SC_SPREADSHEET_NONE);
    assert_int_equal(sc_spreadsheet_detect_buffer("PK", 2),
                     SC_SPREADSHEET_NONE);
    assert_string_equal(sc_spreadsheet_format_name(SC_SPREADSHEET_ODS), "ods");
    assert_string_equal(sc_spreadsheet_format_name((sc_spreadsheet_format)99),
                        "none");
}

/* ---- Reading ------------------------------------------------------------ */

static void test_calc_xlsx_reads_dates_booleans_and_cached_formulas(
    void **state)
{
    assert_workbook(*state, DIR "suivi-calc.xlsx", NULL, 1);
}

static void test_ods_reads_the_same_as_the_xlsx(void **state)
{
    assert_workbook(*state, DIR "suivi.ods", NULL, 1);
}

static void test_openpyxl_formulas_without_value_are_empty_and_listed(
    void **state)
{
    static const blank uncached[] = {{4, 8}, {5, 8}, {0, 0}};
    fixture *f = *state;
    const sc_spreadsheet_cell *cells;
    size_t n;

    assert_workbook(f, DIR "suivi-openpyxl.xlsx", uncached, 1);
    read_sheet(f, 0);
    cells = sc_spreadsheet_uncached(f->book, &n);
    assert_int_equal(n, 2);
    assert_int_equal(cells[0].row, 4);
    assert_int_equal(cells[0].column, 8);
    assert_string_equal(cells[0].name, "H4");
    assert_string_equal(cells[1].name, "H5");
    /* Another sheet, another list. */
    read_sheet(f, 1);
    sc_spreadsheet_uncached(f->book, &n);
    assert_int_equal(n, 0);
}

static void test_xls_reads_the_same_but_formulas(void **state)
{
    /* LibreOffice writes each boolean as =TRUE() and the days as
     * formulas; freexl reads no formula, so these are empty. Hidden
     * sheets: freexl does not tell. */
    static const blank formulas[] = {{4, 7}, {4, 8}, {5, 7}, {5, 8},
                                     {6, 7}, {8, 7}, {0, 0}};

    assert_workbook(*state, DIR "suivi.xls", formulas, 0);
}

static void test_report_uncached_adds_one_warning_per_cell(void **state)
{
    fixture *f = *state;
    sc_anomalies anomalies = {NULL, 0, 0};

    open_book(f, DIR "suivi-openpyxl.xlsx");
    read_sheet(f, 0);
    assert_int_equal(sc_spreadsheet_report_uncached(f->book, &anomalies),
                     SC_OK);
    assert_int_equal(anomalies.count, 2);
    assert_int_equal(anomalies.items[0].severity, SC_SEVERITY_WARNING);
    assert_string_equal(anomalies.items[0].file, DIR "suivi-openpyxl.xlsx");
    assert_int_equal(anomalies.items[0].line, 4);
    assert_string_equal(anomalies.items[0].message,
                        "feuille « Suivi », cellule H4 : formule sans valeur "
                        "calculée : enregistrez le fichier dans Excel ou "
                        "LibreOffice");
    assert_int_equal(anomalies.items[1].line, 5);
    sc_anomalies_clear(&anomalies);
}

static void test_find_matches_exactly_then_without_accents(void **state)
{
    fixture *f = *state;

    open_book(f, DIR "suivi.ods");
    assert_int_equal(sc_spreadsheet_find(f->book, "Suivi"), 0);
    assert_int_equal(sc_spreadsheet_find(f->book, "Élèves"), 1);
    assert_int_equal(sc_spreadsheet_find(f->book, "ELEVES"), 1);
    assert_int_equal(sc_spreadsheet_find(f->book, "parametres"), 2);
    assert_int_equal(sc_spreadsheet_find(f->book, "Stages"), -1);
}

static void test_table_outlives_its_workbook(void **state)
{
    fixture *f = *state;

    open_book(f, DIR "suivi-calc.xlsx");
    assert_int_equal(sc_spreadsheet_format_of(f->book), SC_SPREADSHEET_XLSX);
    read_sheet(f, 1);
    sc_spreadsheet_close(f->book);
    f->book = NULL;
    assert_string_equal(f->table->path, DIR "suivi-calc.xlsx");
    assert_string_equal(f->table->sheet, "Élèves");
    assert_rows(f->table, eleves, sizeof eleves / sizeof *eleves, NULL);
}

static void test_open_buffer_reads_as_open(void **state)
{
    fixture *f = *state;
    FILE *fp = fopen(DIR "suivi.ods", "rb");
    static char bytes[1 << 16];
    size_t n;

    assert_non_null(fp);
    n = fread(bytes, 1, sizeof bytes, fp);
    fclose(fp);
    assert_int_equal(sc_spreadsheet_open_buffer("suivi.ods", bytes, n,
                                                SC_SPREADSHEET_NONE, &f->book,
                                                &f->diag), SC_OK);
    read_sheet(f, 0);
    assert_string_equal(f->table->path, "suivi.ods");
    assert_rows(f->table, suivi, sizeof suivi / sizeof *suivi, NULL);
}

/* ---- Broken files ------------------------------------------------------- */

/* Opens path as format and, if that works, reads its first sheet; returns
 * the first error. */
static sc_error open_and_read(fixture *f, const char *path,
                              sc_spreadsheet_format format)
{
    sc_error err = sc_spreadsheet_open(path, format, &f->book, &f->diag);

    if (err == SC_OK)
        err = sc_spreadsheet_read(f->book, 0, &f->table, &f->diag);
    return err;
}

static void assert_refused(fixture *f, const char *path,
                           sc_spreadsheet_format format, sc_error want,
                           const char *message)
{
    assert_int_equal(open_and_read(f, path, format), want);
    assert_null(f->table);
    assert_string_equal(f->diag.file, path);
    assert_string_equal(f->diag.message, message);
    sc_spreadsheet_close(f->book);
    f->book = NULL;
}

#define PASSWORD "fichier protégé par un mot de passe : enregistrez-en une " \
                 "copie sans mot de passe (Fichier > Enregistrer sous, sans " \
                 "mot de passe) et donnez cette copie"

static void test_broken_files_say_what_is_wrong(void **state)
{
    fixture *f = *state;

    assert_refused(f, DIR "truncated.xlsx", SC_SPREADSHEET_NONE,
                   SC_ERROR_FILE_READ,
                   "archive zip incomplète ou abîmée : le fichier a sans "
                   "doute été tronqué (copie ou téléchargement interrompu) ; "
                   "enregistrez-le de nouveau depuis Excel ou LibreOffice");
    assert_refused(f, DIR "cut-sheet.xlsx", SC_SPREADSHEET_XLSX,
                   SC_ERROR_FILE_READ,
                   "feuille « Suivi » : xl/worksheets/sheet1.xml s'arrête au "
                   "milieu : le fichier est coupé ou abîmé (vers la ligne 5 "
                   "de la feuille)");
    assert_refused(f, DIR "bad-byte.xlsx", SC_SPREADSHEET_NONE,
                   SC_ERROR_FILE_READ,
                   "feuille « Suivi » : octet invalide dans "
                   "xl/worksheets/sheet1.xml, ligne 1 du XML : ce n'est pas "
                   "de l'UTF-8, le fichier est abîmé (vers la ligne 4 de la "
                   "feuille)");
    assert_refused(f, DIR "encrypted.xlsx", SC_SPREADSHEET_NONE,
                   SC_ERROR_FILE_READ, PASSWORD);
    /* Taken for an .xlsx by its name, it still gets its own message. */
    assert_refused(f, DIR "encrypted.xlsx", SC_SPREADSHEET_XLSX,
                   SC_ERROR_FILE_READ, PASSWORD);
    assert_refused(f, DIR "encrypted.ods", SC_SPREADSHEET_NONE,
                   SC_ERROR_FILE_READ, PASSWORD);
    assert_refused(f, DIR "truncated.xls", SC_SPREADSHEET_NONE,
                   SC_ERROR_FILE_READ,
                   "classeur .xls illisible (fichier abîmé ou tronqué) : "
                   "enregistrez-le de nouveau depuis Excel ou LibreOffice, "
                   "au format .xlsx si possible");
    assert_refused(f, "samples/stages.csv", SC_SPREADSHEET_NONE,
                   SC_ERROR_FILE_READ,
                   "ce n'est pas un classeur Excel (.xlsx, .xls) ni "
                   "LibreOffice (.ods)");
    assert_refused(f, DIR "suivi.ods", SC_SPREADSHEET_XLSX,
                   SC_ERROR_FILE_READ,
                   "l'archive ne contient pas xl/workbook.xml : ce n'est pas "
                   "un classeur complet");
    assert_refused(f, DIR "absent.ods", SC_SPREADSHEET_ODS,
                   SC_ERROR_FILE_OPEN,
                   "impossible d'ouvrir le fichier : "
                   "fichier ou dossier introuvable");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_detect_tells_the_format_from_the_content, setup, teardown),
        cmocka_unit_test_setup_teardown(test_detect_a_missing_file_says_why,
                                        setup, teardown),
        cmocka_unit_test(test_detect_a_zip_that_is_no_workbook),
        cmocka_unit_test_setup_teardown(
            test_calc_xlsx_reads_dates_booleans_and_cached_formulas, setup,
            teardown),
        cmocka_unit_test_setup_teardown(test_ods_reads_the_same_as_the_xlsx,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_openpyxl_formulas_without_value_are_empty_and_listed, setup,
            teardown),
        cmocka_unit_test_setup_teardown(test_xls_reads_the_same_but_formulas,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_report_uncached_adds_one_warning_per_cell, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_find_matches_exactly_then_without_accents, setup, teardown),
        cmocka_unit_test_setup_teardown(test_table_outlives_its_workbook,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_buffer_reads_as_open, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_broken_files_say_what_is_wrong,
                                        setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
