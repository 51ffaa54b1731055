/*
 * test_error.c - unit tests of error.c: the message of every error code,
 * the French messages of system errors and the diagnostics record.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/base/error.h"
#include "stagecheck/base/text.h"

/* A diagnostics record through *state, filled with garbage so that what a
 * test reads was written by the code under test. */
static int setup(void **state)
{
    sc_diag *diag = malloc(sizeof *diag);

    if (!diag)
        return -1;
    memset(diag, 'x', sizeof *diag);
    *state = diag;
    return 0;
}

static int teardown(void **state)
{
    free(*state);
    return 0;
}

/* ---- sc_strerror -------------------------------------------------------- */

static void test_strerror_has_a_message_for_every_error(void **state)
{
    const char *unknown = sc_strerror(SC_ERROR_MAX);

    (void)state;
    /* A code added to the enum without its message would have NULL here
     * (the table is indexed by code), or the unknown code's. */
    for (int e = 0; e < SC_ERROR_MAX; e++) {
        const char *m = sc_strerror((sc_error)e);

        assert_non_null(m);
        assert_true(m[0] != '\0');
        assert_string_not_equal(m, unknown);
        assert_true(sc_text_valid_utf8(m, strlen(m)));
    }
}

static void test_strerror_messages_are_distinct(void **state)
{
    (void)state;
    /* One message copied over another would hide which error it was. */
    for (int a = 0; a <= SC_ERROR_MAX; a++)
        for (int b = a + 1; b <= SC_ERROR_MAX; b++)
            assert_string_not_equal(sc_strerror((sc_error)a),
                                    sc_strerror((sc_error)b));
}

static void test_strerror_says_each_error_in_french(void **state)
{
    (void)state;
    assert_string_equal(sc_strerror(SC_OK), "pas d'erreur");
    assert_string_equal(sc_strerror(SC_ERROR_MEMORY), "mémoire insuffisante");
    assert_string_equal(sc_strerror(SC_ERROR_USAGE),
                        "ligne de commande incorrecte");
    assert_string_equal(sc_strerror(SC_ERROR_FILE_OPEN),
                        "impossible d'ouvrir le fichier");
    assert_string_equal(sc_strerror(SC_ERROR_FILE_READ),
                        "impossible de lire le fichier");
    assert_string_equal(sc_strerror(SC_ERROR_FILE_EMPTY), "fichier vide");
    assert_string_equal(sc_strerror(SC_ERROR_ENCODING), "encodage illisible");
    assert_string_equal(sc_strerror(SC_ERROR_CSV_QUOTE),
                        "guillemet jamais refermé");
    assert_string_equal(sc_strerror(SC_ERROR_NO_HEADER),
                        "ligne d'en-tête introuvable");
    assert_string_equal(sc_strerror(SC_ERROR_PERIOD), "période incorrecte");
    assert_string_equal(sc_strerror(SC_ERROR_SAME_FILE),
                        "le classeur de sortie serait écrit sur un fichier "
                        "d'entrée");
    assert_string_equal(sc_strerror(SC_ERROR_OUTPUT),
                        "impossible de créer le classeur de sortie");
    assert_string_equal(sc_strerror(SC_ERROR_WORKBOOK),
                        "impossible d'écrire le classeur");
    assert_string_equal(sc_strerror(SC_ERROR_CONFIG),
                        "fichier de configuration incorrect");
    assert_string_equal(sc_strerror(SC_ERROR_STATE),
                        "fichier d'état illisible");
    assert_string_equal(sc_strerror(SC_ERROR_LOCKED),
                        "un autre passage de stagecheck écrit déjà ce "
                        "classeur");
    assert_string_equal(sc_strerror(SC_ERROR_SCHOOLS),
                        "les fichiers concernent plusieurs établissements");
}

static void test_strerror_clamps_unknown_values(void **state)
{
    (void)state;
    assert_string_equal(sc_strerror(SC_ERROR_MAX), "erreur inconnue");
    assert_string_equal(sc_strerror((sc_error)(SC_ERROR_MAX + 1)),
                        "erreur inconnue");
    assert_string_equal(sc_strerror((sc_error)INT_MAX), "erreur inconnue");
    /* Negative values too: the bound is checked unsigned. */
    assert_string_equal(sc_strerror((sc_error)-1), "erreur inconnue");
    assert_string_equal(sc_strerror((sc_error)INT_MIN), "erreur inconnue");
}

/* ---- sc_strerrno -------------------------------------------------------- */

static void test_strerrno_says_common_errors_in_french(void **state)
{
    (void)state;
    assert_string_equal(sc_strerrno(ENOENT), "fichier ou dossier introuvable");
    assert_string_equal(sc_strerrno(EACCES), "permission refusée");
    assert_string_equal(sc_strerrno(EISDIR), "c'est un dossier");
    assert_string_equal(sc_strerrno(ENOSPC), "plus de place sur le disque");
    assert_string_equal(sc_strerrno(EROFS),
                        "système de fichiers en lecture seule");
    assert_string_equal(sc_strerrno(EMFILE), "trop de fichiers ouverts");
    assert_string_equal(sc_strerrno(ENOMEM), "mémoire insuffisante");
    assert_string_equal(sc_strerrno(EXDEV), "le fichier temporaire et la "
                                            "sortie sont sur deux disques");
}

static void test_strerrno_of_an_unlisted_errno_is_a_generic_message(
    void **state)
{
    (void)state;
    /* Never the C library's text, which follows the machine's language. */
    assert_string_equal(sc_strerrno(0), "erreur du système");
    assert_string_equal(sc_strerrno(EPIPE), "erreur du système");
    assert_string_equal(sc_strerrno(-1), "erreur du système");
    assert_string_equal(sc_strerrno(INT_MAX), "erreur du système");
}

static void test_strerrno_messages_are_valid_utf8_and_distinct(void **state)
{
    static const int listed[] = {ENOENT, EACCES, EPERM, EISDIR, ENOTDIR,
                                 ENOSPC, EDQUOT, EROFS, EEXIST, ENAMETOOLONG,
                                 ELOOP, EMFILE, ENFILE, ENOMEM, EIO, EFBIG,
                                 EBUSY, EXDEV, EINVAL};
    const size_t n = sizeof listed / sizeof *listed;

    (void)state;
    for (size_t i = 0; i < n; i++) {
        const char *m = sc_strerrno(listed[i]);

        assert_true(sc_text_valid_utf8(m, strlen(m)));
        assert_string_not_equal(m, "erreur du système");
        for (size_t j = i + 1; j < n; j++)
            assert_string_not_equal(m, sc_strerrno(listed[j]));
    }
}

/* ---- sc_diag ------------------------------------------------------------ */

static void test_diag_set_fills_file_line_and_formatted_message(void **state)
{
    sc_diag *diag = *state;

    sc_diag_set(diag, "eleves.csv", 12, "colonne « %s » : %d valeur(s)",
                "Classe", 3);
    assert_string_equal(diag->file, "eleves.csv");
    assert_int_equal(diag->line, 12);
    assert_string_equal(diag->message, "colonne « Classe » : 3 valeur(s)");
}

static void test_diag_set_without_file_leaves_it_empty(void **state)
{
    sc_diag *diag = *state;

    sc_diag_set(diag, NULL, 0, "période incorrecte");
    assert_string_equal(diag->file, "");
    assert_int_equal(diag->line, 0);
    assert_string_equal(diag->message, "période incorrecte");
}

static void test_diag_set_cuts_a_long_message_at_a_character(void **state)
{
    sc_diag *diag = *state;
    char text[1201];
    size_t len;

    /* 600 two-byte characters: cut in the middle, between characters. */
    for (size_t i = 0; i < 600; i++)
        memcpy(text + 2 * i, "é", 2);
    text[1200] = '\0';
    sc_diag_set(diag, "eleves.csv", 1, "%s", text);
    len = strlen(diag->message);
    assert_true(len < sizeof diag->message && len > 500);
    assert_true(sc_text_valid_utf8(diag->message, len));
    assert_non_null(strstr(diag->message, "…"));
    assert_memory_equal(diag->message, text, 100);
    assert_memory_equal(diag->message + len - 100, text + 1100, 100);
}

/* A long path inside a message is cut, never the reason after it. */
static void test_diag_set_keeps_the_reason_after_a_long_path(void **state)
{
    sc_diag *diag = *state;
    char path[1201];

    memset(path, 'd', 1200);
    path[0] = '/';
    path[1200] = '\0';
    sc_diag_set(diag, path, 0, "le dossier « %s » n'existe pas : créez-le",
                path);
    assert_true(strlen(diag->message) < sizeof diag->message);
    assert_non_null(strstr(diag->message, "le dossier « /ddd"));
    assert_non_null(strstr(diag->message, "ddd » n'existe pas : créez-le"));
}

static void test_diag_set_cuts_a_long_file_name_at_a_character(void **state)
{
    sc_diag *diag = *state;
    char name[2001];
    size_t len;

    /* 1000 "é": cut in the middle, its end (the file's name) kept. */
    for (size_t i = 0; i < 1000; i++)
        memcpy(name + 2 * i, "é", 2);
    name[2000] = '\0';
    memcpy(name + 1990, "/a.csv", 6);
    sc_diag_set(diag, name, 3, "fichier vide");
    len = strlen(diag->file);
    assert_true(len < sizeof diag->file && len > 1000);
    assert_true(sc_text_valid_utf8(diag->file, len));
    assert_non_null(strstr(diag->file, "/a.csv"));
    assert_string_equal(diag->message, "fichier vide");
}

static void test_diag_set_keeps_a_message_that_fits(void **state)
{
    sc_diag *diag = *state;
    char text[512];

    /* 511 bytes ending on a whole character: nothing to cut. */
    memset(text, 'a', 509);
    memcpy(text + 509, "é", 3);
    sc_diag_set(diag, "f.csv", 1, "%s", text);
    assert_int_equal(strlen(diag->message), 511);
    assert_string_equal(diag->message, text);
}

static void test_diag_clear_empties_everything(void **state)
{
    sc_diag *diag = *state;

    sc_diag_set(diag, "eleves.csv", 12, "message");
    sc_diag_clear(diag);
    assert_string_equal(diag->file, "");
    assert_int_equal(diag->line, 0);
    assert_string_equal(diag->message, "");
    for (size_t i = 0; i < sizeof diag->message; i++)
        assert_int_equal(diag->message[i], 0);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_strerror_has_a_message_for_every_error),
        TEST(test_strerror_messages_are_distinct),
        TEST(test_strerror_says_each_error_in_french),
        TEST(test_strerror_clamps_unknown_values),
        TEST(test_strerrno_says_common_errors_in_french),
        TEST(test_strerrno_of_an_unlisted_errno_is_a_generic_message),
        TEST(test_strerrno_messages_are_valid_utf8_and_distinct),
        TEST(test_diag_set_fills_file_line_and_formatted_message),
        TEST(test_diag_set_without_file_leaves_it_empty),
        TEST(test_diag_set_cuts_a_long_message_at_a_character),
        TEST(test_diag_set_keeps_the_reason_after_a_long_path),
        TEST(test_diag_set_cuts_a_long_file_name_at_a_character),
        TEST(test_diag_set_keeps_a_message_that_fits),
        TEST(test_diag_clear_empties_everything),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
