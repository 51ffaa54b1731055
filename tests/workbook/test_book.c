/*
 * test_book.c - unit tests of book.c: the sheets of a school's workbook in
 * their order, the columns a deadline adds to them, its title, and the
 * same workbook in libxlsxwriter's in-memory mode, read back with
 * openpyxl. The cells of a real run are checked end to end (tests/e2e).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <cmocka.h>
#include "fixture.h"

static void test_write_empty_dataset(void **state)
{
    fixture *f = *state;

    f->data.npupils = 0;
    f->data.nentries = 0;
    f->data.ninputs = 0;
    f->anomalies.count = 0;
    f->report.links = NULL;
    assert_int_equal(sc_writer_write(&f->report, f->path, &f->diag), SC_OK);
    assert_xlsx(f->path);
}

/* ---- Deadline and previous run ----------------------------------------- */

/* The sheets, the headers of a class sheet and of Accueil établissement,
 * the class table and the free lines of Synthèse. */
static const char py_layout[] =
    "show(*wb.sheetnames)\n"
    "for name in ('2nde 10', 'Accueil établissement'):\n"
    "    show(*[v.strftime('%d/%m') if hasattr(v, 'strftime') else v\n"
    "           for v in header(wb[name])])\n"
    "table(wb['Synthèse'])\n"
    "lines(wb['Synthèse'])\n";

static void test_write_plain_report_has_no_deadline_or_change(void **state)
{
    fixture *f = *state;

    assert_workbook_prints(f, py_layout,
        "Synthèse|Relances|2nde 2|2nde 10|Accueil établissement|Anomalies\n"
        "Nom|Prénom|Statut|À faire|Jours à accueillir|Dates à accueillir|"
        "Dispense|Lieu 1 — structure|Lieu 1 — commune / pays|Lieu 1 — du|"
        "Lieu 1 — au|INE|Né(e) le|Lieu 1 — type|Lignes d'origine\n"
        "Classe|Nom|Prénom|Motif|17/06|18/06|19/06|20/06|21/06|24/06|25/06|"
        "26/06|27/06|28/06|Émargement\n"
        "Classe|Effectif|À vérifier|Dispensé|Sans lieu d'accueil|"
        "Accueil partiel|Dossier incomplet|Prêt|Prêts ou dispensés\n"
        "2nde 2|2|0|1|0|0|0|1|1\n"
        "2nde 10|1|0|0|0|1|0|0|0\n"
        "Total|3|0|1|0|1|0|1|0.6666666666666666\n"
        "Date de référence : 27/05/2024 — J-21 avant le début de la période\n"
        "Anomalies : 2 (voir la feuille Anomalies), dont 1 pour information\n");
}

/* Who is late on the class sheets and in Accueil établissement: name,
 * marker, bold, font and fill. */
static const char py_late[] =
    "for name in ('2nde 2', '2nde 10', 'Accueil établissement'):\n"
    "    ws = wb[name]\n"
    "    col = header(ws)\n"
    "    for row in ws.iter_rows(min_row=2):\n"
    "        c = row[col['Retard'] - 1]\n"
    "        if row[col['Nom'] - 1].value:\n"
    "            show(name, row[col['Nom'] - 1].value, c.value,\n"
    "                 c.font.b, font(c), fill(c))\n";

/* What py_late prints while the deadline is not past: an empty Retard. */
static const char nobody_late[] =
    "2nde 2|DUPONT||False||\n"
    "2nde 2|ÉLIE||False||\n"
    "2nde 10|MARTIN||False||\n"
    "Accueil établissement|MARTIN||False||\n";

static void test_write_past_deadline_marks_pupils_neither_ready_nor_dispensed(
    void **state)
{
    fixture *f = *state;

    set_deadline(f, sc_date_make(2024, 6, 7), sc_date_make(2024, 6, 10));
    assert_workbook_prints(f, py_late,
        "2nde 2|DUPONT||False||\n"
        "2nde 2|ÉLIE||False||\n"
        "2nde 10|MARTIN|En retard|True|FF9C0006|FFFFC7CE\n"
        "Accueil établissement|MARTIN|En retard|True|FF9C0006|FFFFC7CE\n");
    assert_workbook_prints(f, py_layout,
        "Synthèse|Relances|2nde 2|2nde 10|Accueil établissement|Anomalies\n"
        "Nom|Prénom|Statut|À faire|Jours à accueillir|Dates à accueillir|"
        "Retard|Dispense|Lieu 1 — structure|Lieu 1 — commune / pays|"
        "Lieu 1 — du|Lieu 1 — au|INE|Né(e) le|Lieu 1 — type|"
        "Lignes d'origine\n"
        "Classe|Nom|Prénom|Motif|Retard|17/06|18/06|19/06|20/06|21/06|24/06|"
        "25/06|26/06|27/06|28/06|Émargement\n"
        "Classe|Effectif|À vérifier|Dispensé|Sans lieu d'accueil|"
        "Accueil partiel|Dossier incomplet|Prêt|Prêts ou dispensés|"
        "En retard\n"
        "2nde 2|2|0|1|0|0|0|1|1|0\n"
        "2nde 10|1|0|0|0|1|0|0|0|1\n"
        "Total|3|0|1|0|1|0|1|0.6666666666666666|1\n"
        "Date de référence : 10/06/2024 — J-7 avant le début de la période\n"
        "Date limite de retour des conventions : 07/06/2024 — dépassée : "
        "1 élève(s) en retard\n"
        "Anomalies : 2 (voir la feuille Anomalies), dont 1 pour information\n");
}

/* Before the deadline the Synthèse line counts the days left; on the day
 * it says so; nobody is late either way. */
static void test_write_deadline_not_past_marks_nobody(void **state)
{
    static const struct {
        int month, day;
        const char *lines;
    } cases[] = {
        {5, 27,
         "Date de référence : 27/05/2024 — J-21 avant le début de la période\n"
         "Date limite de retour des conventions : 07/06/2024 — J-11\n"},
        {6, 7,
         "Date de référence : 07/06/2024 — J-10 avant le début de la période\n"
         "Date limite de retour des conventions : 07/06/2024 — "
         "aujourd'hui\n"},
    };
    fixture *f = *state;

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char expected[512];

        set_deadline(f, sc_date_make(2024, 6, 7),
                     sc_date_make(2024, cases[i].month, cases[i].day));
        assert_workbook_prints(f, py_late, nobody_late);
        snprintf(expected, sizeof expected, "%sAnomalies : 2 (voir la feuille "
                 "Anomalies), dont 1 pour information\n", cases[i].lines);
        assert_workbook_prints(f, "lines(wb['Synthèse'])\n", expected);
    }
}

/* ---- The workbook ------------------------------------------------------ */

static void test_book_title_in_document_properties(void **state)
{
    fixture *f = *state;

    assert_workbook_prints(f, "show(wb.properties.title)\n",
                           "Stage de seconde — suivi des séquences "
                           "d'observation\n");
}

/* Whether strings went to a shared table: libxlsxwriter's in-memory
 * mode makes one, its constant_memory mode writes them inline. */
static const char py_shared[] =
    "import zipfile\n"
    "print('xl/sharedStrings.xml' in zipfile.ZipFile(sys.argv[1]).namelist())\n";

/* A school's workbook of a few pupils is written in libxlsxwriter's
 * in-memory mode (a few MB at most, and no scratch file per sheet): its
 * strings are shared. */
static void test_book_small_workbook_is_written_in_memory(void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_writer_write(&f->report, f->path, &f->diag), SC_OK);
    assert_file_prints(f, f->path, py_shared, "True\n");
}

/* Past 2,000 rows of pupils and anomalies, constant_memory: one row per
 * sheet in memory. Under a limit of open files too tight for a scratch
 * file per sheet and 64 to spare, libxlsxwriter's in-memory mode writes
 * the same sheets. */
static void test_book_tight_file_limit_gives_same_workbook(void **state)
{
    enum { MANY = 2001 };
    fixture *f = *state;
    sc_anomaly *many = calloc(MANY, sizeof *many);
    sc_anomalies saved_list = f->anomalies;
    struct rlimit saved, tight;
    char loose[8192];

    assert_non_null(many);
    for (size_t i = 0; i < MANY; i++)
        many[i] = f->anomaly_items[1];
    f->anomalies.items = many;
    f->anomalies.count = MANY;
    set_previous_run(f);
    workbook_query(f, py_layout, loose, sizeof loose);
    assert_file_prints(f, f->path, py_shared, "False\n");
    assert_int_equal(getrlimit(RLIMIT_NOFILE, &saved), 0);
    tight = saved;
    tight.rlim_cur = 40;
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &tight), 0);
    assert_int_equal(sc_writer_write(&f->report, f->path, &f->diag), SC_OK);
    assert_int_equal(setrlimit(RLIMIT_NOFILE, &saved), 0);
    assert_file_prints(f, f->path, py_layout, loose);
    assert_file_prints(f, f->path, py_shared, "True\n");
    f->anomalies = saved_list;
    free(many);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_write_empty_dataset),
        TEST(test_write_plain_report_has_no_deadline_or_change),
        TEST(test_write_past_deadline_marks_pupils_neither_ready_nor_dispensed),
        TEST(test_write_deadline_not_past_marks_nobody),
        TEST(test_book_title_in_document_properties),
        TEST(test_book_small_workbook_is_written_in_memory),
        TEST(test_book_tight_file_limit_gives_same_workbook),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
