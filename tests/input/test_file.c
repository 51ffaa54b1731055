/*
 * test_file.c - unit tests of file.c: one input file parsed with the
 * separator that yields a header, its header found, what cannot be decoded
 * reported, and its rows added to the dataset.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#define SUPPORT_COUNT_BLOCKS
#include "../support.h"
#include "sheet_support.h"
#include "stagecheck/input/file.h"
#include "stagecheck/core/anomalies.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/input/header.h"
#include "stagecheck/input/source.h"

#define ROLL_HEADER "Nom;Prénom;Classe;INE\n"
#define STAGES_HEADER "INE;Structure d'accueil;Date de début;Date de fin\n"

typedef struct fixture {
    char dir[64];
    char path[128];  /* dir/eleves.csv */
    char *split[3];  /* what sc_file_split gave: path, class, sheet */
    sc_file file;
    sc_dataset *data;
    sc_anomalies anomalies;
    sc_diag diag;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    *state = f;
    if (support_make_dir(f->dir, sizeof f->dir, "test_file") != 0 ||
        !(f->data = sc_dataset_new()))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/eleves.csv", f->dir);
    sc_diag_clear(&f->diag);
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    for (size_t i = 0; i < 3; i++)
        free(f->split[i]);
    sc_file_clear(&f->file);
    sc_anomalies_clear(&f->anomalies);
    sc_dataset_free(f->data);
    support_remove_dir(f->dir);
    free(f);
    return 0;
}

/* Decodes the string literal text as eleves.csv and parses it as kind. */
#define PARSE(f, kind, lit) \
    parse_at((f), (kind), (lit), sizeof(lit) - 1, __FILE__, __LINE__)

static sc_error parse_at(fixture *f, sc_kind kind, const char *bytes,
                         size_t len, const char *file, int line)
{
    sc_source *source = NULL;

    _assert_int_equal(
        cast_to_largest_integral_type(sc_source_decode("eleves.csv", bytes,
                                                       len, &source,
                                                       &f->diag)),
        cast_to_largest_integral_type(SC_OK), file, line);
    sc_file_clear(&f->file);
    return sc_file_parse(&f->file, source, kind, NULL, &f->anomalies,
                         &f->diag);
}

/* ---- Separator and header ----------------------------------------------- */

static void test_parse_finds_the_header_below_a_title(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, "Export du 12/05/2024\n\n"
                                            ROLL_HEADER "DUPONT;Léa;2nde 1;A1\n"),
                     SC_OK);
    assert_int_equal(f->file.kind, SC_KIND_ROLL);
    assert_int_equal(f->file.header.row, 1);
    assert_int_equal(f->file.table->rows[1].line, 3);
    assert_int_equal(f->file.header.col[SC_FIELD_SURNAME], 0);
    assert_int_equal(f->file.header.col[SC_FIELD_CLASS], 2);
    assert_int_equal(f->file.header.col[SC_FIELD_INE], 3);
    assert_int_equal(f->file.table->sep, ';');
    assert_int_equal(f->anomalies.count, 0);
}

static void test_parse_retries_the_other_separators(void **state)
{
    fixture *f = *state;
    static const char text[] = "Nom;Prénom;Classe\n"
                               "DUPONT;Léa, Marie, Anne, Zoé;2nde 1\n";
    sc_source *source = NULL;
    char detected;

    /* The commas of one cell outnumber the semicolons of any line, so ','
     * is detected, and gives no header: ';' does. */
    assert_int_equal(sc_source_decode("eleves.csv", text, sizeof text - 1,
                                      &source, &f->diag), SC_OK);
    detected = sc_source_detect_sep(source);
    sc_source_free(source);
    assert_int_equal(detected, ',');
    assert_int_equal(PARSE(f, SC_KIND_ROLL, text), SC_OK);
    assert_int_equal(f->file.table->sep, ';');
    assert_int_equal(f->file.header.col[SC_FIELD_CLASS], 2);
    assert_string_equal(f->file.table->rows[1].fields[1], "Léa, Marie, Anne, Zoé");
}

static void test_parse_reports_the_likeliest_separators_error(void **state)
{
    fixture *f = *state;

    /* No separator gives a header: the message is the one of ';'. */
    assert_int_equal(PARSE(f, SC_KIND_ROLL, "a;b;c\n1;2;3\n"),
                     SC_ERROR_NO_HEADER);
    assert_null(f->file.table);
    assert_string_equal(f->diag.file, "eleves.csv");
    assert_non_null(strstr(f->diag.message, "aucune ligne d'en-tête"));
}

static void test_parse_unclosed_quote_is_reported_at_its_line(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, ROLL_HEADER "DUPONT;\"Léa;2nde 1;A1\n"
                                            "MARTIN;Paul;2nde 1;A2\n"),
                     SC_ERROR_CSV_QUOTE);
    assert_null(f->file.table);
    assert_int_equal(f->diag.line, 2);
}

/* ---- Kinds -------------------------------------------------------------- */

static void test_parse_placements_given_as_a_roll_says_so(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, "Nom;Prénom;Classe;"
                                            "Structure d'accueil;Date de début\n"
                                            "DUPONT;Léa;2nde 1;Mairie;17/06/2024\n"),
                     SC_ERROR_NO_HEADER);
    assert_non_null(strstr(f->diag.message, "--placements"));
}

static void test_parse_roll_given_as_placements_says_so(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_PLACEMENTS,
                           ROLL_HEADER "DUPONT;Léa;2nde 1;A1\n"),
                     SC_ERROR_NO_HEADER);
    assert_non_null(strstr(f->diag.message, "--roll"));
}

static void test_parse_placements_may_have_no_row(void **state)
{
    fixture *f = *state;

    /* Nobody placed yet is a state of the tracking sheet, not an error. */
    assert_int_equal(PARSE(f, SC_KIND_PLACEMENTS, STAGES_HEADER), SC_OK);
    assert_int_equal(f->file.kind, SC_KIND_PLACEMENTS);
    assert_int_equal(f->file.table->nrows, 1);
}

static void test_parse_roll_without_pupils_is_empty(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, "\n" ROLL_HEADER),
                     SC_ERROR_FILE_EMPTY);
    assert_string_equal(f->diag.file, "eleves.csv");
    assert_int_equal(f->diag.line, 2);
    assert_string_equal(f->diag.message,
                        "aucun élève sous la ligne d'en-tête : liste vide");
}

static void test_parse_of_separators_only_is_empty(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, "\xEF\xBB\xBF;;;\r\n;;;\r\n"),
                     SC_ERROR_FILE_EMPTY);
    assert_string_equal(f->diag.message,
                        "fichier vide : aucune cellule remplie");
    assert_int_equal(f->diag.line, 0);
}

/* ---- What is reported --------------------------------------------------- */

static void test_parse_reports_undecodable_bytes_at_the_first(void **state)
{
    fixture *f = *state;

    /* Windows-1252 leaves 0x81 and 0x8D undefined. */
    assert_int_equal(PARSE(f, SC_KIND_ROLL, "Nom;Pr\xE9nom;Classe\n"
                                            "DUPONT;L\xE9" "a;2nde 1\n"
                                            "MARTIN;P\x81ul;2nde 1\n"
                                            "DURAND;Zo\x8D;2nde 2\n"),
                     SC_OK);
    assert_int_equal(f->anomalies.count, 1);
    assert_int_equal(f->anomalies.items[0].severity, SC_SEVERITY_WARNING);
    assert_string_equal(f->anomalies.items[0].file, "eleves.csv");
    assert_int_equal(f->anomalies.items[0].line, 3);
    assert_string_equal(f->anomalies.items[0].message,
                        "2 caractère(s) illisible(s) en Windows-1252 "
                        "remplacé(s) par « \xEF\xBF\xBD » (premier à cette "
                        "ligne)");
}

static void test_parse_reports_lines_of_another_encoding(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, ROLL_HEADER
                                            "DUPONT;Léa;2nde 1;A1\n"
                                            "MARTIN;Zo\xE9;2nde 1;A2\n"),
                     SC_OK);
    assert_int_equal(f->anomalies.count, 1);
    assert_int_equal(f->anomalies.items[0].line, 3);
    assert_non_null(strstr(f->anomalies.items[0].message,
                           "1 ligne(s) de ce fichier UTF-8 ne sont pas en "
                           "UTF-8"));
}

static void test_parse_reports_a_column_given_twice(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, "Nom;Prénom;Classe;Nom\n"
                                            "DUPONT;Léa;2nde 1;X\n"),
                     SC_OK);
    assert_int_equal(f->anomalies.count, 1);
    assert_int_equal(f->anomalies.items[0].line, 1);
    assert_string_equal(f->anomalies.items[0].message,
                        "deux colonnes « Nom » (colonnes 1 et 4) : seule la "
                        "première est lue");
}

static void test_parse_frees_the_decoded_text_keeps_the_fields(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, ROLL_HEADER "DUPONT;Léa;2nde 1;A1\n"),
                     SC_OK);
    assert_null(f->file.source->text);
    assert_int_equal(f->file.source->len, 0);
    assert_string_equal(f->file.source->path, "eleves.csv");
    assert_string_equal(f->file.table->rows[1].fields[1], "Léa");
}

/* ---- Loading and adding ------------------------------------------------- */

static void test_load_reads_the_file_at_its_path(void **state)
{
    fixture *f = *state;

    support_write(f->path, ROLL_HEADER "DUPONT;Léa;2nde 1;A1\n");
    assert_int_equal(sc_file_load(&f->file, f->path, SC_KIND_ROLL, NULL,
                                  &f->anomalies, &f->diag), SC_OK);
    assert_string_equal(f->file.source->path, f->path);
    assert_string_equal(f->file.table->path, f->path);
    assert_int_equal(f->file.table->nrows, 2);
}

static void test_load_of_a_missing_file_leaves_it_empty(void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_file_load(&f->file, f->path, SC_KIND_ROLL, NULL,
                                  &f->anomalies, &f->diag),
                     SC_ERROR_FILE_OPEN);
    assert_null(f->file.source);
    assert_null(f->file.table);
    assert_string_equal(f->diag.file, f->path);
}

static void test_load_with_aliases_maps_unknown_headers(void **state)
{
    fixture *f = *state;
    sc_aliases aliases = {0};

    support_write(f->path, "Nom;Prénom;Groupe\nDUPONT;Léa;2nde 1\n");
    assert_int_equal(sc_file_load(&f->file, f->path, SC_KIND_ROLL, NULL,
                                  &f->anomalies, &f->diag), SC_ERROR_NO_HEADER);
    sc_file_clear(&f->file);
    assert_int_equal(sc_header_alias_add(&aliases, SC_FIELD_CLASS, "Groupe"),
                     SC_OK);
    assert_int_equal(sc_file_load(&f->file, f->path, SC_KIND_ROLL, &aliases,
                                  &f->anomalies, &f->diag), SC_OK);
    sc_header_aliases_clear(&aliases);
    assert_int_equal(f->file.header.col[SC_FIELD_CLASS], 2);
}

static void test_add_puts_the_rows_below_the_header_in_the_dataset(
    void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_ROLL, "Export\n" ROLL_HEADER
                                            "DUPONT;Léa;2nde 1;A1\n"
                                            "MARTIN;Paul;2nde 2;A2\n"),
                     SC_OK);
    assert_int_equal(sc_file_add(&f->file, f->file.table, f->data,
                                 &f->anomalies, 0), SC_OK);
    assert_int_equal(f->data->npupils, 2);
    assert_string_equal(sc_pupil_surname(&f->data->pupils[0]), "DUPONT");
    assert_int_equal(f->data->pupils[0].line, 3);
    assert_string_equal(sc_pupil_class(&f->data->pupils[1]), "2nde 2");
    assert_int_equal(f->data->ninputs, 1);
    assert_int_equal(f->data->inputs[0].kind, SC_KIND_ROLL);
}

static void test_add_by_the_last_reader_gives_back_the_rows_read(
    void **state)
{
    fixture *f = *state;
    size_t n = 10000, size = 64 + n * 32, len;
    char *text = malloc(size);

    assert_non_null(text);
    len = (size_t)snprintf(text, size, "Export\n" ROLL_HEADER);
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, size - len,
                                "NOM%zu;Léa;2nde %zu;A%zu\n", i, i % 9, i);
    assert_int_equal(parse_at(f, SC_KIND_ROLL, text, len, __FILE__, __LINE__),
                     SC_OK);
    free(text);
    assert_int_equal(sc_file_add(&f->file, f->file.table, f->data,
                                 &f->anomalies, 1), SC_OK);
    /* Every row became its pupil, in order, with its line... */
    assert_int_equal(f->data->npupils, n);
    assert_string_equal(sc_pupil_surname(&f->data->pupils[0]), "NOM0");
    assert_int_equal(f->data->pupils[0].line, 3);
    assert_string_equal(sc_pupil_surname(&f->data->pupils[n - 1]), "NOM9999");
    assert_string_equal(sc_pupil_class(&f->data->pupils[n - 1]), "2nde 0");
    assert_int_equal(f->data->pupils[n - 1].line, n + 2);
    assert_int_equal(f->data->inputs[0].rows, n);
    /* ... and the rows read on the way were given back (the header and
     * the last rows are freed with the table). */
    assert_int_equal(f->file.table->rows[2].nfields, 0);
    assert_int_equal(f->file.table->rows[4096].nfields, 0);
    assert_string_equal(f->file.table->rows[1].fields[0], "Nom");
    assert_int_equal(f->anomalies.count, 0);
}

static void test_add_of_a_view_reads_its_row_0_as_the_header(void **state)
{
    fixture *f = *state;
    sc_table view;

    /* As school.c splits a file: a view whose rows start at the header. */
    assert_int_equal(PARSE(f, SC_KIND_ROLL, "Export\n" ROLL_HEADER
                                            "DUPONT;Léa;2nde 1;A1\n"
                                            "MARTIN;Paul;2nde 2;A2\n"),
                     SC_OK);
    assert_int_equal(f->file.header.row, 1);
    view = *f->file.table;
    view.blocks = view.cells = NULL;
    view.rows = f->file.table->rows + 1;
    view.nrows = 2; /* the header and DUPONT */
    view.cap = 2;
    assert_int_equal(sc_file_add(&f->file, &view, f->data, &f->anomalies, 0),
                     SC_OK);
    assert_int_equal(f->data->npupils, 1);
    assert_string_equal(sc_pupil_surname(&f->data->pupils[0]), "DUPONT");
}

static void test_add_of_placements_gives_entries(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, SC_KIND_PLACEMENTS, STAGES_HEADER
                                                  "A1;Mairie;17/06/2024;"
                                                  "28/06/2024\n"),
                     SC_OK);
    assert_int_equal(sc_file_add(&f->file, f->file.table, f->data,
                                 &f->anomalies, 0), SC_OK);
    assert_int_equal(f->data->npupils, 0);
    assert_int_equal(f->data->nentries, 1);
    assert_string_equal(f->data->entries[0].host, "Mairie");
    assert_int_equal(f->data->entries[0].line, 2);
}

static void test_clear_gives_back_every_block(void **state)
{
    fixture *f = *state;
    long before;

    sc_file_clear(&f->file);
    before = support_live_blocks();
    assert_int_equal(PARSE(f, SC_KIND_ROLL, ROLL_HEADER "DUPONT;Léa;2nde 1;A1\n"),
                     SC_OK);
    support_assert_more_blocks(before);
    sc_file_clear(&f->file);
    support_assert_live_blocks(before);
    assert_null(f->file.source);
    assert_null(f->file.table);
    sc_file_clear(NULL);
    support_assert_live_blocks(before);
}

/* ---- Splitting FICHIER:CLASSE and FICHIER#Feuille ----------------------- */

#define FIXTURES "tests/input/fixtures/"
#define SIECLE "tests/input/siecle/"

/* Writes "f->dir/name" into buf (size 256), creating the file when
 * create. */
static void dir_file(fixture *f, char *buf, const char *name, int create)
{
    support_join(buf, 256, f->dir, name);
    if (create)
        support_write(buf, "x\n");
}

/* Splits "f->dir/given" into f->split. */
static void split(fixture *f, const char *given)
{
    char buf[256];

    for (size_t i = 0; i < 3; i++) {
        free(f->split[i]);
        f->split[i] = NULL;
    }
    support_join(buf, sizeof buf, f->dir, given);
    assert_int_equal(sc_file_split(buf, &f->split[0], &f->split[1],
                                   &f->split[2]), SC_OK);
}

/* Asserts the split: the path ("f->dir/name"), class and sheet (NULL:
 * none). */
#define assert_split(f, name, class_name, sheet) \
    assert_split_at((f), (name), (class_name), (sheet), __FILE__, __LINE__)

static void assert_split_at(const fixture *f, const char *name,
                            const char *class_name, const char *sheet,
                            const char *file, int line)
{
    char want[256];

    snprintf(want, sizeof want, "%s/%s", f->dir, name);
    _assert_string_equal(f->split[0], want, file, line);
    if (class_name)
        _assert_true(cast_to_largest_integral_type(f->split[1] != NULL),
                     "class given", file, line);
    else
        _assert_true(cast_to_largest_integral_type(f->split[1] == NULL),
                     "no class", file, line);
    if (class_name)
        _assert_string_equal(f->split[1], class_name, file, line);
    if (sheet)
        _assert_true(cast_to_largest_integral_type(f->split[2] != NULL),
                     "sheet given", file, line);
    else
        _assert_true(cast_to_largest_integral_type(f->split[2] == NULL),
                     "no sheet", file, line);
    if (sheet)
        _assert_string_equal(f->split[2], sheet, file, line);
}

static void test_split_plain_path_is_kept(void **state)
{
    fixture *f = *state;
    char buf[256];

    dir_file(f, buf, "x.csv", 1);
    split(f, "x.csv");
    assert_split(f, "x.csv", NULL, NULL);
    /* Missing: reading it will say so, under the name given. */
    split(f, "absent.csv");
    assert_split(f, "absent.csv", NULL, NULL);
}

static void test_split_class_after_a_colon(void **state)
{
    fixture *f = *state;
    char buf[256];

    dir_file(f, buf, "x.csv", 1);
    split(f, "x.csv:2B");
    assert_split(f, "x.csv", "2B", NULL);
    /* The last colon: a class holds none, a path may. */
    dir_file(f, buf, "a:b.csv", 1);
    split(f, "a:b.csv:2NDE 3");
    assert_split(f, "a:b.csv", "2NDE 3", NULL);
}

static void test_split_a_file_named_with_a_colon_is_kept_whole(void **state)
{
    fixture *f = *state;
    char buf[256];

    /* "a" exists too: the path that exists as written still wins. */
    dir_file(f, buf, "a:b.csv", 1);
    dir_file(f, buf, "a", 1);
    split(f, "a:b.csv");
    assert_split(f, "a:b.csv", NULL, NULL);
}

static void test_split_sheet_after_a_hash(void **state)
{
    fixture *f = *state;
    char buf[256];

    dir_file(f, buf, "suivi.xlsx", 1);
    split(f, "suivi.xlsx#Suivi");
    assert_split(f, "suivi.xlsx", NULL, "Suivi");
    split(f, "suivi.xlsx#Élèves 2nde");
    assert_split(f, "suivi.xlsx", NULL, "Élèves 2nde");
}

static void test_split_sheet_and_class(void **state)
{
    fixture *f = *state;
    char buf[256];

    dir_file(f, buf, "suivi.xlsx", 1);
    split(f, "suivi.xlsx#Suivi:2B");
    assert_split(f, "suivi.xlsx", "2B", "Suivi");
}

static void test_split_a_file_named_with_a_hash_is_kept_whole(void **state)
{
    fixture *f = *state;
    char buf[256];

    dir_file(f, buf, "liste#2.csv", 1);
    dir_file(f, buf, "liste", 1);
    split(f, "liste#2.csv");
    assert_split(f, "liste#2.csv", NULL, NULL);
    split(f, "liste#2.csv:2B");
    assert_split(f, "liste#2.csv", "2B", NULL);
}

static void test_split_nothing_split_when_no_file_is_left(void **state)
{
    fixture *f = *state;
    char buf[256];

    /* Nothing exists: the name is the user's, to be said missing whole. */
    split(f, "absent.csv:2B");
    assert_split(f, "absent.csv:2B", NULL, NULL);
    split(f, "absent.xlsx#Suivi");
    assert_split(f, "absent.xlsx#Suivi", NULL, NULL);
    split(f, "absent.xlsx#Suivi:2B");
    assert_split(f, "absent.xlsx#Suivi:2B", NULL, NULL);
    /* Nothing after the colon or the hash is no class, no sheet. */
    dir_file(f, buf, "x.csv", 1);
    split(f, "x.csv:");
    assert_split(f, "x.csv:", NULL, NULL);
    split(f, "x.csv#");
    assert_split(f, "x.csv#", NULL, NULL);
}

/* ---- Opening any format ------------------------------------------------- */

/* Opens path as spec says, into f->file. */
static sc_error open_spec(fixture *f, const char *path, int detect,
                          sc_kind kind, const char *class_name,
                          const char *sheet, int school_year)
{
    sc_file_spec spec = {.path = path, .class_name = class_name,
                         .sheet = sheet, .detect = detect, .kind = kind,
                         .school_year = school_year};

    sc_file_clear(&f->file);
    sc_diag_clear(&f->diag);
    return sc_file_open(&f->file, &spec, NULL, &f->anomalies, &f->diag);
}

/* A teacher's Pronote list of one class: names, no class column. */
#define CLASS_LIST "Nom;Prénom;Né(e) le\nDUPONT;Léa;03/04/2008\n" \
                   "MARTIN;Paul;12/11/2008\n"

static void test_open_class_given_is_every_pupils_class(void **state)
{
    fixture *f = *state;

    support_write(f->path, CLASS_LIST);
    for (int detect = 0; detect < 2; detect++) {
        sc_dataset_free(f->data);
        assert_non_null(f->data = sc_dataset_new());
        assert_int_equal(open_spec(f, f->path, detect, SC_KIND_ROLL, "2NDE3",
                                   NULL, 0), SC_OK);
        assert_int_equal(f->file.kind, SC_KIND_ROLL);
        assert_int_equal(f->file.detected, detect);
        assert_string_equal(f->file.header.class_given, "2NDE3");
        assert_int_equal(sc_file_add(&f->file, f->file.table, f->data,
                                     &f->anomalies, 0), SC_OK);
        assert_int_equal(f->data->npupils, 2);
        assert_string_equal(sc_pupil_class(&f->data->pupils[0]), "2NDE3");
        assert_string_equal(sc_pupil_class(&f->data->pupils[1]), "2NDE3");
        assert_false(f->data->pupils[1].no_class);
    }
    assert_non_null(strstr(f->file.source->why,
                           "classe donnée avec le fichier : 2NDE3"));
}

static void test_open_class_list_without_class_shows_how(void **state)
{
    fixture *f = *state;

    support_write(f->path, CLASS_LIST);
    for (int detect = 0; detect < 2; detect++) {
        assert_int_equal(open_spec(f, f->path, detect, SC_KIND_ROLL, NULL,
                                   NULL, 0), SC_ERROR_NO_HEADER);
        assert_string_equal(f->diag.file, f->path);
        assert_int_equal(f->diag.line, 1);
        assert_non_null(strstr(f->diag.message, "--roll"));
        assert_non_null(strstr(f->diag.message, "eleves.csv:2NDE3"));
    }
}

static void test_open_detects_a_roll_by_its_class_column(void **state)
{
    fixture *f = *state;

    support_write(f->path, ROLL_HEADER "DUPONT;Léa;2nde 1;A1\n");
    assert_int_equal(open_spec(f, f->path, 1, SC_KIND_PLACEMENTS, NULL, NULL,
                               0), SC_OK);
    assert_int_equal(f->file.kind, SC_KIND_ROLL);
    assert_true(f->file.detected);
    assert_false(f->file.is_siecle);
    assert_string_equal(f->file.source->format, "CSV UTF-8, séparateur « ; »");
    assert_non_null(strstr(f->file.source->why, "classe (« Classe »)"));
    assert_non_null(strstr(f->file.source->why, "ligne 1"));
}

static void test_open_detects_placements_by_their_columns(void **state)
{
    fixture *f = *state;

    support_write(f->path, STAGES_HEADER "A1;Mairie;17/06/2024;28/06/2024\n");
    assert_int_equal(open_spec(f, f->path, 1, SC_KIND_ROLL, NULL, NULL, 0),
                     SC_OK);
    assert_int_equal(f->file.kind, SC_KIND_PLACEMENTS);
    assert_non_null(strstr(f->file.source->why, "colonnes de stage"));
    assert_non_null(strstr(f->file.source->why, "« Structure d'accueil »"));
}

static void test_open_kind_given_is_said_given(void **state)
{
    fixture *f = *state;

    support_write(f->path, STAGES_HEADER "A1;Mairie;17/06/2024;28/06/2024\n");
    assert_int_equal(open_spec(f, f->path, 0, SC_KIND_PLACEMENTS, NULL, NULL,
                               0), SC_OK);
    assert_false(f->file.detected);
    assert_string_equal(f->file.source->why,
                        "donné comme tableau de suivi (--placements)");
}

static void test_open_xlsx_reads_the_first_sheet_with_a_header(void **state)
{
    fixture *f = *state;
    const char *path = FIXTURES "suivi-calc.xlsx";
    const char *end = ", feuille « Suivi »";
    size_t len;

    assert_int_equal(open_spec(f, path, 1, SC_KIND_ROLL, NULL, NULL, 0),
                     SC_OK);
    assert_int_equal(f->file.kind, SC_KIND_PLACEMENTS);
    len = strlen(f->file.source->path);
    assert_true(len > strlen(end));
    assert_string_equal(f->file.source->path + len - strlen(end), end);
    assert_true(strncmp(f->file.source->path, path, strlen(path)) == 0);
    assert_string_equal(f->file.table->path, f->file.source->path);
    assert_string_equal(f->file.source->format, "Excel (.xlsx)");
    assert_int_equal(f->file.table->sep, 0);
    /* The title and a blank line above the header. */
    assert_int_equal(f->file.table->rows[f->file.header.row].line, 3);
    assert_non_null(strstr(f->file.source->why, "ligne 3 : colonnes de "
                                                "stage"));
}

static void test_open_xlsx_sheet_given_is_read(void **state)
{
    fixture *f = *state;

    assert_int_equal(open_spec(f, FIXTURES "suivi-calc.xlsx", 1,
                               SC_KIND_PLACEMENTS, NULL, "Élèves", 0),
                     SC_OK);
    assert_int_equal(f->file.kind, SC_KIND_ROLL);
    assert_string_equal(f->file.source->path,
                        FIXTURES "suivi-calc.xlsx, feuille « Élèves »");
    assert_int_equal(sc_file_add(&f->file, f->file.table, f->data,
                                 &f->anomalies, 0), SC_OK);
    assert_true(f->data->npupils >= 2);
    assert_string_equal(sc_pupil_surname(&f->data->pupils[0]), "DUPONT");
    assert_string_equal(sc_dataset_pupil_file(f->data, &f->data->pupils[0]),
                        FIXTURES "suivi-calc.xlsx, feuille « Élèves »");
}

static void test_open_xlsx_missing_sheet_lists_the_sheets(void **state)
{
    fixture *f = *state;

    assert_int_equal(open_spec(f, FIXTURES "suivi-calc.xlsx", 1,
                               SC_KIND_ROLL, NULL, "Stages", 0),
                     SC_ERROR_NO_HEADER);
    assert_string_equal(f->diag.file, FIXTURES "suivi-calc.xlsx");
    assert_non_null(strstr(f->diag.message, "pas de feuille « Stages »"));
    assert_non_null(strstr(f->diag.message, "« Suivi », « Élèves », "
                                            "« Paramètres »"));
    assert_false(f->file.own_book);
}

static void test_open_siecle_export_is_a_roll(void **state)
{
    fixture *f = *state;

    assert_int_equal(open_spec(f, SIECLE "ExportXML_ElevesSansAdresses.zip",
                               1, SC_KIND_PLACEMENTS, NULL, NULL, 2023),
                     SC_OK);
    assert_int_equal(f->file.kind, SC_KIND_ROLL);
    assert_true(f->file.is_siecle);
    assert_int_equal(f->file.siecle.school_year, 2023);
    assert_non_null(strstr(f->file.source->format, "XML SIECLE"));
    assert_non_null(strstr(f->file.source->why, "0860042D"));
    assert_non_null(strstr(f->file.source->why, "2023-2024"));
    /* Its own school year: nothing to warn of. */
    for (size_t i = 0; i < f->anomalies.count; i++)
        assert_null(strstr(f->anomalies.items[i].message, "ATTENTION"));
}

static void test_open_siecle_of_another_year_is_warned(void **state)
{
    fixture *f = *state;
    size_t found = 0, at = 0;

    assert_int_equal(open_spec(f, SIECLE "ElevesSansAdresses.xml", 1,
                               SC_KIND_ROLL, NULL, NULL, 2024), SC_OK);
    assert_true(f->file.is_siecle);
    for (size_t i = 0; i < f->anomalies.count; i++)
        if (strstr(f->anomalies.items[i].message, "ATTENTION")) {
            found++;
            at = i;
        }
    assert_int_equal(found, 1);
    assert_int_equal(f->anomalies.items[at].severity, SC_SEVERITY_WARNING);
    assert_string_equal(f->anomalies.items[at].file,
                        SIECLE "ElevesSansAdresses.xml");
    assert_non_null(strstr(f->anomalies.items[at].message, "2023-2024"));
    assert_non_null(strstr(f->anomalies.items[at].message, "2024-2025"));
}

static void test_open_siecle_year_unchecked_without_as_of(void **state)
{
    fixture *f = *state;

    assert_int_equal(open_spec(f, SIECLE "ElevesSansAdresses.xml", 1,
                               SC_KIND_ROLL, NULL, NULL, 0), SC_OK);
    for (size_t i = 0; i < f->anomalies.count; i++)
        assert_null(strstr(f->anomalies.items[i].message, "ATTENTION"));
}

/* Writes f->dir/name, an .xlsx whose only sheet, first_sheet, holds a
 * title and a count, no header. */
static void make_book(fixture *f, char *path, const char *name,
                      const char *first_sheet)
{
    char workbook[1024];
    const char *list[] = {
        "[Content_Types].xml", "<Types/>",
        "xl/workbook.xml", workbook,
        "xl/_rels/workbook.xml.rels",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
        "2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://"
        "schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
        "xl/worksheets/sheet1.xml",
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
        "2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
        "<is><t>Suivi des stages de seconde</t></is></c></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Élèves suivis</t>"
        "</is></c><c r=\"B3\"><v>212</v></c></row></sheetData></worksheet>",
        NULL,
    };

    snprintf(workbook, sizeof workbook,
             "<workbook xmlns=\"http://schemas.openxmlformats.org/"
             "spreadsheetml/2006/main\" xmlns:r=\"http://schemas."
             "openxmlformats.org/officeDocument/2006/relationships\">"
             "<sheets><sheet name=\"%s\" sheetId=\"1\" r:id=\"rId1\"/>"
             "</sheets></workbook>", first_sheet);
    support_join(path, 256, f->dir, name);
    assert_int_equal(zipfix_write(path, list), 0);
}

static void test_open_own_workbook_is_refused_as_such(void **state)
{
    fixture *f = *state;
    char path[256];

    make_book(f, path, "suivi-stages.xlsx", "Synthèse");
    assert_int_equal(open_spec(f, path, 1, SC_KIND_ROLL, NULL, NULL, 0),
                     SC_ERROR_NO_HEADER);
    assert_true(f->file.own_book);
    assert_string_equal(f->diag.file, path);
    assert_non_null(strstr(f->diag.message, "classeur écrit par stagecheck"));
}

static void test_open_other_workbook_without_header_is_not_ours(void **state)
{
    fixture *f = *state;
    char path[256];

    /* The same sheet under another name: a workbook with no header. */
    make_book(f, path, "bilan.xlsx", "Bilan");
    assert_int_equal(open_spec(f, path, 1, SC_KIND_ROLL, NULL, NULL, 0),
                     SC_ERROR_NO_HEADER);
    assert_false(f->file.own_book);
    assert_null(strstr(f->diag.message, "stagecheck"));
    assert_non_null(strstr(f->diag.message, "ni liste d'élèves ni tableau"));
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_parse_finds_the_header_below_a_title),
        TEST(test_parse_retries_the_other_separators),
        TEST(test_parse_reports_the_likeliest_separators_error),
        TEST(test_parse_unclosed_quote_is_reported_at_its_line),
        TEST(test_parse_placements_given_as_a_roll_says_so),
        TEST(test_parse_roll_given_as_placements_says_so),
        TEST(test_parse_placements_may_have_no_row),
        TEST(test_parse_roll_without_pupils_is_empty),
        TEST(test_parse_of_separators_only_is_empty),
        TEST(test_parse_reports_undecodable_bytes_at_the_first),
        TEST(test_parse_reports_lines_of_another_encoding),
        TEST(test_parse_reports_a_column_given_twice),
        TEST(test_parse_frees_the_decoded_text_keeps_the_fields),
        TEST(test_load_reads_the_file_at_its_path),
        TEST(test_load_of_a_missing_file_leaves_it_empty),
        TEST(test_load_with_aliases_maps_unknown_headers),
        TEST(test_add_puts_the_rows_below_the_header_in_the_dataset),
        TEST(test_add_by_the_last_reader_gives_back_the_rows_read),
        TEST(test_add_of_a_view_reads_its_row_0_as_the_header),
        TEST(test_add_of_placements_gives_entries),
        TEST(test_clear_gives_back_every_block),
        TEST(test_split_plain_path_is_kept),
        TEST(test_split_class_after_a_colon),
        TEST(test_split_a_file_named_with_a_colon_is_kept_whole),
        TEST(test_split_sheet_after_a_hash),
        TEST(test_split_sheet_and_class),
        TEST(test_split_a_file_named_with_a_hash_is_kept_whole),
        TEST(test_split_nothing_split_when_no_file_is_left),
        TEST(test_open_class_given_is_every_pupils_class),
        TEST(test_open_class_list_without_class_shows_how),
        TEST(test_open_detects_a_roll_by_its_class_column),
        TEST(test_open_detects_placements_by_their_columns),
        TEST(test_open_kind_given_is_said_given),
        TEST(test_open_xlsx_reads_the_first_sheet_with_a_header),
        TEST(test_open_xlsx_sheet_given_is_read),
        TEST(test_open_xlsx_missing_sheet_lists_the_sheets),
        TEST(test_open_siecle_export_is_a_roll),
        TEST(test_open_siecle_of_another_year_is_warned),
        TEST(test_open_siecle_year_unchecked_without_as_of),
        TEST(test_open_own_workbook_is_refused_as_such),
        TEST(test_open_other_workbook_without_header_is_not_ours),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
