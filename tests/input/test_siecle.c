/*
 * test_siecle.c - unit tests of siecle.c: SIECLE's XML export « Élèves
 * sans adresses », zipped or not, read into rows.
 *
 * The fixtures in tests/input/siecle/ are written by make-fixtures.py
 * there (lines below are the lines of its <ELEVE> elements).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>
#include "stagecheck/input/csv.h"
#include "stagecheck/input/header.h"
#include "stagecheck/input/siecle.h"
#include "stagecheck/input/source.h"
#include "../support.h"

#define FIXTURES "tests/input/siecle/"
#define XML_FIXTURE FIXTURES "ElevesSansAdresses.xml"
#define ZIP_FIXTURE FIXTURES "ExportXML_ElevesSansAdresses.zip"

typedef struct fixture {
    sc_table *table;
    sc_siecle_params params;
    sc_anomalies anomalies;
    sc_diag diag;
    char *bytes; /* a fixture read whole, or a document built by a test */
    size_t len;
    char dir[64]; /* temporary folder, "" when none */
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
    sc_anomalies_clear(&f->anomalies);
    free(f->bytes);
    if (f->dir[0])
        support_remove_dir(f->dir);
    free(f);
    return 0;
}

static sc_error read_file(fixture *f, const char *path)
{
    return sc_siecle_read(path, &f->table, &f->params, &f->anomalies,
                          &f->diag);
}

static sc_error parse_bytes(fixture *f, const char *path, const char *bytes,
                            size_t len)
{
    return sc_siecle_parse(path, bytes, len, &f->table, &f->params,
                           &f->anomalies, &f->diag);
}

#define PARSE(f, text) \
    parse_bytes((f), "ElevesSansAdresses.xml", (text), strlen(text))

/* Reads path whole into f->bytes. */
static void load_bytes(fixture *f, const char *path)
{
    FILE *fp = fopen(path, "rb");
    long n;

    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    n = ftell(fp);
    assert_true(n > 0);
    rewind(fp);
    f->bytes = malloc((size_t)n);
    assert_non_null(f->bytes);
    assert_int_equal(fread(f->bytes, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    f->len = (size_t)n;
}

/* A document around the given ELEVES and STRUCTURES contents, in the
 * export's encoding. */
#define DOC(eleves, structures) \
    "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n" \
    "<BEE_ELEVES VERSION=\"2.1\">\n" \
    "<PARAMETRES><UAJ>0860042D</UAJ></PARAMETRES>\n" \
    "<DONNEES>\n<ELEVES>\n" eleves "</ELEVES>\n" \
    "<STRUCTURES>\n" structures "</STRUCTURES>\n</DONNEES>\n" \
    "</BEE_ELEVES>\n"

#define DIVISION(id, code) \
    "<STRUCTURES_ELEVE ELEVE_ID=\"" id "\"><STRUCTURE><CODE_STRUCTURE>" \
    code "</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE>" \
    "</STRUCTURES_ELEVE>\n"

static void assert_row_is(const sc_table *t, size_t r, unsigned line,
                          const char *const want[SC_SIECLE_COLUMNS])
{
    assert_true(r < t->nrows);
    assert_int_equal(t->rows[r].line, line);
    assert_int_equal(t->rows[r].nfields, SC_SIECLE_COLUMNS);
    for (int c = 0; c < SC_SIECLE_COLUMNS; c++)
        assert_string_equal(t->rows[r].fields[c], want[c]);
}

static const char *field(const sc_table *t, size_t r, sc_siecle_column c)
{
    assert_true(r < t->nrows);
    assert_true((size_t)c < t->rows[r].nfields);
    return t->rows[r].fields[c];
}

#define GT "Seconde générale et technologique"

/* Every row of the fixture, as tests/input/siecle/make-fixtures.py wrote
 * it; ELEVE_ID 4007 (no name) is left out. */
static void assert_fixture_rows(const sc_table *t)
{
    static const struct {
        unsigned line;
        const char *want[SC_SIECLE_COLUMNS];
    } rows[] = {
        {2, {"Nom", "Prénom", "Né(e) le", "INE", "Classe", "Code MEF", "MEF",
             "Date de sortie", "UAI"}},
        {11, {"LEFÈVRE", "Anaïs", "14/02/2008", "071234567AB", "2NDE 1",
              "20010018110", GT, "", "0860042D"}},
        {30, {"DUVAL-MARTIN", "Jérôme", "03/11/2008", "0712345678C",
              "2NDE 1", "20010018110", GT, "", "0860042D"}},
        {42, {"N'GUESSAN", "Aya", "29/02/2008", "", "2NDE 2", "20010018110",
              GT, "", "0860042D"}},
        {53, {"BERNARD", "Théo", "17/07/2008", "0723456789D", "2NDE 2",
              "20010018110", GT, "15/01/2024", "0860042D"}},
        {66, {"LECŒUR", "Chloë", "08/08/2008", "0734567890E",
              "2NDE \xE2\x82\xAC" "URO", "20010018110", GT, "", "0860042D"}},
        {78, {"PETIT", "Lucas", "21/12/2007", "0745678901F", "",
              "20010018110", GT, "", "0860042D"}},
        {101, {"ROUSSEL", "Maëlle", "05/05/2007", "0767890123H", "1G1",
               "20110019110", "Première générale", "", "0860042D"}},
        {113, {"GIRAUD", "Noé", "30/01/2006", "076789012JK", "TG2",
               "20210019110", "Terminale générale", "", "0860042D"}},
        {125, {"FAURE", "Inès", "12/06/2008", "0778901234L", "",
               "20010018110", GT, "", "0860042D"}},
    };

    assert_int_equal(t->nrows, sizeof rows / sizeof *rows);
    for (size_t r = 0; r < sizeof rows / sizeof *rows; r++)
        assert_row_is(t, r, rows[r].line, rows[r].want);
}

/* ---- The fixtures ------------------------------------------------------- */

static void test_xml_gives_header_then_one_row_per_pupil_at_its_line(
    void **state)
{
    fixture *f = *state;

    assert_int_equal(read_file(f, XML_FIXTURE), SC_OK);
    assert_fixture_rows(f->table);
    assert_string_equal(f->table->path, XML_FIXTURE);
    assert_null(f->table->sheet);
    assert_int_equal(f->table->sep, 0);
    assert_string_equal(f->params.member, "");
}

static void test_zip_as_delivered_reads_like_its_xml(void **state)
{
    fixture *f = *state;

    assert_int_equal(read_file(f, ZIP_FIXTURE), SC_OK);
    assert_fixture_rows(f->table);
    assert_string_equal(f->params.member, "ElevesSansAdresses.xml");
    assert_string_equal(f->table->path, ZIP_FIXTURE);
}

static void test_zip_in_memory_reads_like_the_file(void **state)
{
    fixture *f = *state;

    load_bytes(f, ZIP_FIXTURE);
    assert_int_equal(parse_bytes(f, "export.zip", f->bytes, f->len), SC_OK);
    assert_fixture_rows(f->table);
    assert_string_equal(f->table->path, "export.zip");
}

static void test_params_give_uai_school_year_export_date_encoding(
    void **state)
{
    fixture *f = *state;
    char date[11];

    assert_int_equal(read_file(f, ZIP_FIXTURE), SC_OK);
    assert_string_equal(f->params.uai, "0860042D");
    assert_int_equal(f->params.school_year, 2023);
    sc_date_format(f->params.export_date, date);
    assert_string_equal(date, "21/05/2024");
    assert_string_equal(f->params.encoding, "ISO-8859-15");
}

static void test_pupil_without_name_is_left_out_with_a_warning(void **state)
{
    fixture *f = *state;
    const sc_anomaly *a;

    assert_int_equal(read_file(f, XML_FIXTURE), SC_OK);
    assert_int_equal(f->anomalies.count, 1);
    a = &f->anomalies.items[0];
    assert_int_equal(a->severity, SC_SEVERITY_WARNING);
    assert_string_equal(a->file, XML_FIXTURE);
    assert_int_equal(a->line, 90);
    assert_string_equal(a->class_name, "2NDE 2");
    assert_string_equal(a->pupil, "Sacha");
    assert_string_equal(a->message, "élève sans nom dans l'export SIECLE "
                                    "(ELEVE_ID 4007, ELENOET 2307) : ignoré");
    for (size_t r = 1; r < f->table->nrows; r++)
        assert_string_not_equal(field(f->table, r, SC_SIECLE_FIRST), "Sacha");
}

static void test_header_row_is_found_as_a_roll_header(void **state)
{
    fixture *f = *state;
    sc_header h;

    assert_int_equal(read_file(f, XML_FIXTURE), SC_OK);
    assert_int_equal(sc_header_find(f->table, SC_KIND_ROLL, NULL, &h,
                                    &f->diag), SC_OK);
    assert_int_equal(h.row, 0);
    assert_int_equal(h.col[SC_FIELD_SURNAME], SC_SIECLE_SURNAME);
    assert_int_equal(h.col[SC_FIELD_FIRST], SC_SIECLE_FIRST);
    assert_int_equal(h.col[SC_FIELD_BIRTH], SC_SIECLE_BIRTH);
    assert_int_equal(h.col[SC_FIELD_INE], SC_SIECLE_INE);
    assert_int_equal(h.col[SC_FIELD_CLASS], SC_SIECLE_CLASS);
    assert_int_equal(h.col[SC_FIELD_UAI], SC_SIECLE_UAI);
}

static void test_header_texts(void **state)
{
    (void)state;
    assert_string_equal(sc_siecle_header(SC_SIECLE_SURNAME), "Nom");
    assert_string_equal(sc_siecle_header(SC_SIECLE_FIRST), "Prénom");
    assert_string_equal(sc_siecle_header(SC_SIECLE_BIRTH), "Né(e) le");
    assert_string_equal(sc_siecle_header(SC_SIECLE_INE), "INE");
    assert_string_equal(sc_siecle_header(SC_SIECLE_CLASS), "Classe");
    assert_string_equal(sc_siecle_header(SC_SIECLE_MEF_CODE), "Code MEF");
    assert_string_equal(sc_siecle_header(SC_SIECLE_MEF), "MEF");
    assert_string_equal(sc_siecle_header(SC_SIECLE_LEFT), "Date de sortie");
    assert_string_equal(sc_siecle_header(SC_SIECLE_UAI), "UAI");
    assert_string_equal(sc_siecle_header(SC_SIECLE_COLUMNS), "");
}

static void test_sample_zip_holds_the_csv_rolls_pupils(void **state)
{
    fixture *f = *state;
    sc_source *source = NULL;
    sc_table *csv = NULL;

    /* tools/make-siecle-sample.py writes it from samples/eleves-siecle.csv
     * (two title lines, then the header): the same pupils in the same
     * order, ROBERT Hugo twice. */
    assert_int_equal(read_file(f, "samples/ExportXML_ElevesSansAdresses.zip"),
                     SC_OK);
    assert_string_equal(f->params.uai, "0869999B");
    assert_int_equal(sc_source_read("samples/eleves-siecle.csv", &source,
                                    &f->diag), SC_OK);
    assert_int_equal(sc_csv_parse(source, ';', &csv, &f->diag), SC_OK);
    assert_int_equal(f->table->nrows, csv->nrows - 2);
    for (size_t r = 1; r < f->table->nrows; r++) {
        char *const *want = csv->rows[r + 2].fields;

        assert_string_equal(field(f->table, r, SC_SIECLE_SURNAME), want[0]);
        assert_string_equal(field(f->table, r, SC_SIECLE_FIRST), want[1]);
        assert_string_equal(field(f->table, r, SC_SIECLE_BIRTH), want[2]);
        assert_string_equal(field(f->table, r, SC_SIECLE_CLASS), want[3]);
        assert_string_equal(field(f->table, r, SC_SIECLE_INE), want[4]);
        assert_int_equal(sc_siecle_mef_seconde_gt(
                             field(f->table, r, SC_SIECLE_MEF_CODE)),
                         strcmp(want[3], "1G1") != 0);
    }
    assert_int_equal(f->anomalies.count, 0);
    sc_table_free(csv);
    sc_source_free(source);
}

/* ---- The rules, on small documents -------------------------------------- */

static void test_usage_name_wins_then_family_name_then_old_nom(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, DOC(
        "<ELEVE ELEVE_ID=\"1\"><NOM_DE_FAMILLE>MARTIN</NOM_DE_FAMILLE>"
        "<NOM_USAGE>DUVAL</NOM_USAGE><PRENOM>Léa</PRENOM></ELEVE>\n"
        "<ELEVE ELEVE_ID=\"2\"><NOM_DE_FAMILLE>ROUX</NOM_DE_FAMILLE>"
        "<NOM_USAGE> </NOM_USAGE><PRENOM>Tom</PRENOM></ELEVE>\n"
        "<ELEVE ELEVE_ID=\"3\"><NOM>ANCIEN</NOM><PRENOM>Zoé</PRENOM>"
        "</ELEVE>\n", "")), SC_OK);
    assert_int_equal(f->table->nrows, 4);
    assert_string_equal(field(f->table, 1, SC_SIECLE_SURNAME), "DUVAL");
    assert_string_equal(field(f->table, 2, SC_SIECLE_SURNAME), "ROUX");
    assert_string_equal(field(f->table, 3, SC_SIECLE_SURNAME), "ANCIEN");
    assert_int_equal(f->anomalies.count, 0);
}

static void test_division_is_the_d_structure_groups_ignored(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, DOC(
        "<ELEVE ELEVE_ID=\"1\"><NOM_DE_FAMILLE>A</NOM_DE_FAMILLE></ELEVE>\n",
        "<STRUCTURES_ELEVE ELEVE_ID=\"1\">"
        "<STRUCTURE><CODE_STRUCTURE>201 ESP2</CODE_STRUCTURE>"
        "<TYPE_STRUCTURE>G</TYPE_STRUCTURE></STRUCTURE>"
        "<STRUCTURE><CODE_STRUCTURE>4e 1</CODE_STRUCTURE>"
        "<TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE>"
        "<STRUCTURE><CODE_STRUCTURE>AP MATHS</CODE_STRUCTURE>"
        "<TYPE_STRUCTURE>G</TYPE_STRUCTURE></STRUCTURE>"
        "</STRUCTURES_ELEVE>\n")), SC_OK);
    assert_string_equal(field(f->table, 1, SC_SIECLE_CLASS), "4e 1");
}

static void test_inactifs_is_no_class_but_a_real_division_wins(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, DOC(
        "<ELEVE ELEVE_ID=\"1\"><NOM_DE_FAMILLE>A</NOM_DE_FAMILLE></ELEVE>\n"
        "<ELEVE ELEVE_ID=\"2\"><NOM_DE_FAMILLE>B</NOM_DE_FAMILLE></ELEVE>\n",
        DIVISION("1", "Inactifs")
        "<STRUCTURES_ELEVE ELEVE_ID=\"2\">"
        "<STRUCTURE><CODE_STRUCTURE>2NDE 3</CODE_STRUCTURE>"
        "<TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE>"
        "<STRUCTURE><CODE_STRUCTURE>INACTIFS</CODE_STRUCTURE>"
        "<TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE>"
        "</STRUCTURES_ELEVE>\n")), SC_OK);
    assert_string_equal(field(f->table, 1, SC_SIECLE_CLASS), "");
    assert_string_equal(field(f->table, 2, SC_SIECLE_CLASS), "2NDE 3");
}

static void test_last_division_wins_whatever_the_order(void **state)
{
    fixture *f = *state;

    /* Structures before the pupils, two sections for pupil 1 (Gepi calls
     * it an anomaly; Pix and Gepi keep the last), one for nobody. */
    assert_int_equal(PARSE(f,
        "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n"
        "<BEE_ELEVES VERSION=\"2.1\"><DONNEES>\n<STRUCTURES>\n"
        DIVISION("1", "2NDE 1") DIVISION("9", "2NDE 9") DIVISION("1", "2NDE 2")
        "</STRUCTURES>\n<ELEVES>\n"
        "<ELEVE ELEVE_ID=\"2\"><NOM_DE_FAMILLE>B</NOM_DE_FAMILLE></ELEVE>\n"
        "<ELEVE ELEVE_ID=\"1\"><NOM_DE_FAMILLE>A</NOM_DE_FAMILLE></ELEVE>\n"
        "</ELEVES>\n</DONNEES></BEE_ELEVES>\n"), SC_OK);
    assert_int_equal(f->table->nrows, 3);
    assert_string_equal(field(f->table, 1, SC_SIECLE_SURNAME), "B");
    assert_string_equal(field(f->table, 1, SC_SIECLE_CLASS), "");
    assert_string_equal(field(f->table, 2, SC_SIECLE_SURNAME), "A");
    assert_string_equal(field(f->table, 2, SC_SIECLE_CLASS), "2NDE 2");
    /* No PARAMETRES: no UAI, no year, no date. */
    assert_string_equal(field(f->table, 2, SC_SIECLE_UAI), "");
    assert_string_equal(f->params.uai, "");
    assert_int_equal(f->params.school_year, 0);
    assert_int_equal(f->params.export_date, SC_DATE_NONE);
}

static void test_last_years_structure_inside_eleve_is_not_read(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, DOC(
        "<ELEVE ELEVE_ID=\"1\"><NOM_DE_FAMILLE>A</NOM_DE_FAMILLE>"
        "<SCOLARITE_AN_DERNIER><CODE_STRUCTURE>3E2</CODE_STRUCTURE>"
        "<NOM>COLLEGE</NOM><CODE_MEF>10310019110</CODE_MEF>"
        "</SCOLARITE_AN_DERNIER><CODE_MEF>20010018110</CODE_MEF></ELEVE>\n",
        "")), SC_OK);
    assert_string_equal(field(f->table, 1, SC_SIECLE_SURNAME), "A");
    assert_string_equal(field(f->table, 1, SC_SIECLE_CLASS), "");
    assert_string_equal(field(f->table, 1, SC_SIECLE_MEF_CODE),
                        "20010018110");
}

static void test_pupil_twice_gives_two_rows_with_his_division(void **state)
{
    fixture *f = *state;

    /* Pix has met it: the same ELEVE twice; the roll's duplicate check
     * reports the second. */
    assert_int_equal(PARSE(f, DOC(
        "<ELEVE ELEVE_ID=\"7\"><ID_NATIONAL>071234567AB</ID_NATIONAL>"
        "<NOM_DE_FAMILLE>ROBERT</NOM_DE_FAMILLE><PRENOM>Hugo</PRENOM>"
        "</ELEVE>\n"
        "<ELEVE ELEVE_ID=\"7\"><ID_NATIONAL>071234567AB</ID_NATIONAL>"
        "<NOM_DE_FAMILLE>ROBERT</NOM_DE_FAMILLE><PRENOM>Hugo</PRENOM>"
        "</ELEVE>\n", DIVISION("7", "2NDE 1"))), SC_OK);
    assert_int_equal(f->table->nrows, 3);
    assert_int_equal(f->table->rows[1].line, 6);
    assert_int_equal(f->table->rows[2].line, 7);
    assert_string_equal(field(f->table, 2, SC_SIECLE_CLASS), "2NDE 1");
}

static void test_export_without_pupils_is_the_header_row_alone(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f, DOC("", "")), SC_OK);
    assert_int_equal(f->table->nrows, 1);
    assert_int_equal(f->table->rows[0].line, 2);
    assert_string_equal(field(f->table, 0, SC_SIECLE_SURNAME), "Nom");
}

static void test_xml_without_prolog_encoding_is_utf8(void **state)
{
    fixture *f = *state;

    assert_int_equal(PARSE(f,
        "<BEE_ELEVES><DONNEES><ELEVES><ELEVE ELEVE_ID=\"1\">"
        "<NOM_DE_FAMILLE>\xC3\x89T\xC3\x89</NOM_DE_FAMILLE>"
        "<PRENOM>Zo\xC3\xA9</PRENOM></ELEVE></ELEVES></DONNEES>"
        "</BEE_ELEVES>"), SC_OK);
    assert_string_equal(f->params.encoding, "UTF-8");
    assert_string_equal(field(f->table, 1, SC_SIECLE_SURNAME), "ÉTÉ");
    assert_int_equal(f->table->rows[1].line, 1);
}

static void test_lines_beyond_65535_stay_exact(void **state)
{
    fixture *f = *state;
    static const char head[] =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\r\n"
        "<BEE_ELEVES VERSION=\"2.1\">\r\n<DONNEES>\r\n<ELEVES>\r\n";
    static const char tail[] = "</ELEVES>\r\n</DONNEES>\r\n</BEE_ELEVES>\r\n";
    const size_t n = 25000;
    size_t cap = sizeof head + sizeof tail + n * 80, len = 0;

    /* libxml2 keeps an element's line in 16 bits: a lycée's export is
     * longer than that. Three lines per pupil, the first on line 5. */
    f->bytes = malloc(cap);
    assert_non_null(f->bytes);
    len += (size_t)snprintf(f->bytes + len, cap - len, "%s", head);
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(f->bytes + len, cap - len,
                                "<ELEVE ELEVE_ID=\"%zu\">\r\n"
                                "<NOM_DE_FAMILLE>N%zu</NOM_DE_FAMILLE>\r\n"
                                "</ELEVE>\r\n", i, i);
    len += (size_t)snprintf(f->bytes + len, cap - len, "%s", tail);
    assert_true(len < cap);
    assert_int_equal(parse_bytes(f, "grand.xml", f->bytes, len), SC_OK);
    assert_int_equal(f->table->nrows, n + 1);
    for (size_t i = 0; i < n; i++)
        if (f->table->rows[i + 1].line != 5 + 3 * i)
            fail_msg("pupil %zu at line %u, not %zu", i,
                     f->table->rows[i + 1].line, 5 + 3 * i);
    assert_string_equal(field(f->table, n, SC_SIECLE_SURNAME), "N24999");
}

/* ---- Bad files ---------------------------------------------------------- */

static void assert_fails(fixture *f, sc_error got, sc_error want,
                         const char *file, unsigned line, const char *message)
{
    assert_int_equal(got, want);
    assert_null(f->table);
    assert_string_equal(f->diag.file, file);
    assert_int_equal(f->diag.line, line);
    assert_string_equal(f->diag.message, message);
}

static void test_truncated_zip_is_refused(void **state)
{
    fixture *f = *state;

    assert_fails(f, read_file(f, FIXTURES "tronque.zip"), SC_ERROR_FILE_READ,
                 FIXTURES "tronque.zip", 0,
                 "archive zip illisible ou incomplète (coupée pendant le "
                 "téléchargement ?) : téléchargez à nouveau l'export depuis "
                 "SIECLE");
}

static void test_encrypted_zip_asks_for_the_xml(void **state)
{
    fixture *f = *state;

    assert_fails(f, read_file(f, FIXTURES "chiffre.zip"), SC_ERROR_FILE_READ,
                 FIXTURES "chiffre.zip", 0,
                 "archive zip protégée par un mot de passe : décompressez-la "
                 "vous-même et donnez le fichier .xml");
}

static void test_zip_without_xml_is_no_export(void **state)
{
    fixture *f = *state;

    assert_fails(f, read_file(f, FIXTURES "sans-xml.zip"), SC_ERROR_NO_HEADER,
                 FIXTURES "sans-xml.zip", 0,
                 "l'archive zip ne contient aucun fichier .xml : ce n'est pas "
                 "l'export SIECLE « Élèves sans adresses » "
                 "(ExportXML_ElevesSansAdresses.zip)");
}

static void test_bad_byte_names_libxml2s_line_and_column(void **state)
{
    fixture *f = *state;

    assert_fails(f, read_file(f, FIXTURES "octet-invalide.xml"),
                 SC_ERROR_ENCODING, FIXTURES "octet-invalide.xml", 33,
                 "caractère interdit en XML (octet illisible, ou caractère "
                 "de contrôle collé dans une fiche), colonne 21");
}

static void test_other_root_is_not_the_export(void **state)
{
    fixture *f = *state;

    assert_fails(f, read_file(f, FIXTURES "pas-siecle.xml"),
                 SC_ERROR_NO_HEADER, FIXTURES "pas-siecle.xml", 2,
                 "ce fichier XML n'est pas l'export SIECLE « Élèves sans "
                 "adresses » (son élément racine est « BEE_NOMENCLATURES », "
                 "pas « BEE_ELEVES »)");
}

static void test_xml_cut_short_says_so(void **state)
{
    fixture *f = *state;

    load_bytes(f, XML_FIXTURE);
    assert_int_equal(parse_bytes(f, "coupe.xml", f->bytes, 2000),
                     SC_ERROR_ENCODING);
    assert_null(f->table);
    assert_true(f->diag.line > 0);
    assert_non_null(strstr(f->diag.message,
                           "le fichier s'arrête avant sa fin"));
}

static void test_error_inside_zip_names_the_member(void **state)
{
    fixture *f = *state;

    assert_fails(f, read_file(f, FIXTURES "balise-cassee.zip"),
                 SC_ERROR_ENCODING, FIXTURES "balise-cassee.zip", 15,
                 "« ElevesSansAdresses.xml » de l'archive : balise fermante "
                 "qui ne correspond pas à la balise ouverte, colonne 27");
}

static void test_damaged_zip_data_is_refused(void **state)
{
    fixture *f = *state;
    size_t data;

    load_bytes(f, ZIP_FIXTURE);
    /* The member's deflated bytes follow its local header (30 bytes and
     * its name): spoil some in the middle. */
    data = 30 + strlen("ElevesSansAdresses.xml");
    assert_true(f->len > data + 400);
    for (size_t i = data + 300; i < data + 340; i++)
        f->bytes[i] ^= 0x5A;
    assert_int_equal(parse_bytes(f, "export.zip", f->bytes, f->len),
                     SC_ERROR_FILE_READ);
    assert_null(f->table);
    assert_string_equal(f->diag.message, "archive zip abîmée : "
                        "« ElevesSansAdresses.xml » ne se décompresse pas "
                        "(données compressées abîmées) : téléchargez à "
                        "nouveau l'export depuis SIECLE");
}

static void test_missing_file_directory_and_empty_file(void **state)
{
    fixture *f = *state;
    char path[128];

    assert_fails(f, read_file(f, FIXTURES "absent.zip"), SC_ERROR_FILE_OPEN,
                 FIXTURES "absent.zip", 0, "impossible d'ouvrir le fichier : "
                 "fichier ou dossier introuvable");
    assert_fails(f, read_file(f, FIXTURES), SC_ERROR_FILE_READ, FIXTURES, 0,
                 "c'est un dossier, pas un fichier");
    assert_int_equal(support_make_dir(f->dir, sizeof f->dir, "test_siecle"),
                     0);
    snprintf(path, sizeof path, "%s/vide.xml", f->dir);
    assert_int_equal(support_write_file(path, ""), 0);
    assert_fails(f, read_file(f, path), SC_ERROR_FILE_EMPTY, path, 0,
                 "fichier vide");
    assert_fails(f, parse_bytes(f, "vide.xml", "", 0), SC_ERROR_FILE_EMPTY,
                 "vide.xml", 0, "fichier vide");
}

static void test_failure_leaves_libxml2s_global_handler_alone(void **state)
{
    fixture *f = *state;
    xmlStructuredErrorFunc before = xmlStructuredError;
    void *before_ctx = xmlStructuredErrorContext;

    assert_int_equal(read_file(f, FIXTURES "octet-invalide.xml"),
                     SC_ERROR_ENCODING);
    assert_true(xmlStructuredError == before);
    assert_true(xmlStructuredErrorContext == before_ctx);
    assert_int_equal(sc_siecle_detect(FIXTURES "pas-siecle.xml"),
                     SC_SIECLE_NONE);
    assert_true(xmlStructuredError == before);
}

/* ---- Detection ---------------------------------------------------------- */

static void test_detect_tells_the_export_zipped_or_not(void **state)
{
    (void)state;
    assert_int_equal(sc_siecle_detect(XML_FIXTURE), SC_SIECLE_XML);
    assert_int_equal(sc_siecle_detect(ZIP_FIXTURE), SC_SIECLE_ZIP);
    /* A bad byte further down does not change what the file is. */
    assert_int_equal(sc_siecle_detect(FIXTURES "octet-invalide.xml"),
                     SC_SIECLE_XML);
}

static void test_detect_refuses_what_is_not_the_export(void **state)
{
    (void)state;
    assert_int_equal(sc_siecle_detect(FIXTURES "pas-siecle.xml"),
                     SC_SIECLE_NONE);
    assert_int_equal(sc_siecle_detect(FIXTURES "tronque.zip"),
                     SC_SIECLE_NONE);
    assert_int_equal(sc_siecle_detect(FIXTURES "sans-xml.zip"),
                     SC_SIECLE_NONE);
    assert_int_equal(sc_siecle_detect("samples/eleves-siecle.csv"),
                     SC_SIECLE_NONE);
    assert_int_equal(sc_siecle_detect(FIXTURES "absent.xml"),
                     SC_SIECLE_NONE);
    assert_int_equal(sc_siecle_detect(FIXTURES), SC_SIECLE_NONE);
    assert_int_equal(sc_siecle_detect_bytes("", 0), SC_SIECLE_NONE);
    assert_int_equal(sc_siecle_detect_bytes("Nom;Prénom\n", 12),
                     SC_SIECLE_NONE);
}

static void test_detect_bytes_needs_only_the_start_of_the_xml(void **state)
{
    fixture *f = *state;
    static const char start[] =
        "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\r\n"
        "<!-- export -->\r\n<BEE_ELEVES VERSION=\"2.1\">\r\n<PARAMETRES>";

    assert_int_equal(sc_siecle_detect_bytes(start, sizeof start - 1),
                     SC_SIECLE_XML);
    load_bytes(f, ZIP_FIXTURE);
    assert_int_equal(sc_siecle_detect_bytes(f->bytes, f->len),
                     SC_SIECLE_ZIP);
    assert_int_equal(sc_siecle_detect_bytes(f->bytes, f->len / 2),
                     SC_SIECLE_NONE);
}

/* ---- MEF codes ---------------------------------------------------------- */

static void test_mef_label_names_the_level(void **state)
{
    (void)state;
    assert_string_equal(sc_siecle_mef_label("20010018110"), GT);
    assert_string_equal(sc_siecle_mef_label("2011001911"),
                        "Première générale");
    assert_string_equal(sc_siecle_mef_label("20210019110"),
                        "Terminale générale");
    assert_string_equal(sc_siecle_mef_label("2472521131A"),
                        "Seconde professionnelle");
    assert_string_equal(sc_siecle_mef_label("24725219321"),
                        "Première professionnelle");
    assert_string_equal(sc_siecle_mef_label("24725219331"),
                        "Terminale professionnelle");
    assert_string_equal(sc_siecle_mef_label("24022139110"), "CAP en un an");
    assert_string_equal(sc_siecle_mef_label("31122003210"), "BTS");
    assert_null(sc_siecle_mef_label("10310019110")); /* troisième */
    assert_null(sc_siecle_mef_label("2001001811"  "0X"));
    assert_null(sc_siecle_mef_label("2001A018110"));
    assert_null(sc_siecle_mef_label(""));
    assert_null(sc_siecle_mef_label(NULL));
}

static void test_mef_seconde_gt_is_dispositif_200_only(void **state)
{
    (void)state;
    assert_int_equal(sc_siecle_mef_seconde_gt("20010018110"), 1);
    assert_int_equal(sc_siecle_mef_seconde_gt("2001001811"), 1);
    assert_int_equal(sc_siecle_mef_seconde_gt("20110019110"), 0);
    assert_int_equal(sc_siecle_mef_seconde_gt("2472521131A"), 0);
    assert_int_equal(sc_siecle_mef_seconde_gt("21010018110"), 0);
    assert_int_equal(sc_siecle_mef_seconde_gt(""), -1);
    assert_int_equal(sc_siecle_mef_seconde_gt("2NDE GT"), -1);
    assert_int_equal(sc_siecle_mef_seconde_gt(NULL), -1);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_xml_gives_header_then_one_row_per_pupil_at_its_line),
        TEST(test_zip_as_delivered_reads_like_its_xml),
        TEST(test_zip_in_memory_reads_like_the_file),
        TEST(test_params_give_uai_school_year_export_date_encoding),
        TEST(test_pupil_without_name_is_left_out_with_a_warning),
        TEST(test_header_row_is_found_as_a_roll_header),
        TEST(test_header_texts),
        TEST(test_sample_zip_holds_the_csv_rolls_pupils),
        TEST(test_usage_name_wins_then_family_name_then_old_nom),
        TEST(test_division_is_the_d_structure_groups_ignored),
        TEST(test_inactifs_is_no_class_but_a_real_division_wins),
        TEST(test_last_division_wins_whatever_the_order),
        TEST(test_last_years_structure_inside_eleve_is_not_read),
        TEST(test_pupil_twice_gives_two_rows_with_his_division),
        TEST(test_export_without_pupils_is_the_header_row_alone),
        TEST(test_xml_without_prolog_encoding_is_utf8),
        TEST(test_lines_beyond_65535_stay_exact),
        TEST(test_truncated_zip_is_refused),
        TEST(test_encrypted_zip_asks_for_the_xml),
        TEST(test_zip_without_xml_is_no_export),
        TEST(test_bad_byte_names_libxml2s_line_and_column),
        TEST(test_other_root_is_not_the_export),
        TEST(test_xml_cut_short_says_so),
        TEST(test_error_inside_zip_names_the_member),
        TEST(test_damaged_zip_data_is_refused),
        TEST(test_missing_file_directory_and_empty_file),
        TEST(test_failure_leaves_libxml2s_global_handler_alone),
        TEST(test_detect_tells_the_export_zipped_or_not),
        TEST(test_detect_refuses_what_is_not_the_export),
        TEST(test_detect_bytes_needs_only_the_start_of_the_xml),
        TEST(test_mef_label_names_the_level),
        TEST(test_mef_seconde_gt_is_dispositif_200_only),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
