/*
 * test_source.c - unit tests of source.c: reading an export, decoding it to
 * UTF-8 and finding its separator.
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
#include <unistd.h>
#include "stagecheck/input/limits.h"
#include "stagecheck/input/source.h"
#include "stagecheck/base/text.h"

typedef struct fixture {
    sc_source *source;
    sc_diag diag;
    char dir[64];   /* mkdtemp folder, emptied and removed by teardown */
    char path[128]; /* dir/eleves.csv, for the tests that read a file */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    *state = f;
    if (support_make_dir(f->dir, sizeof f->dir, "test_source") != 0)
        return -1;
    snprintf(f->path, sizeof f->path, "%s/eleves.csv", f->dir);
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    sc_source_free(f->source);
    support_remove_dir(f->dir);
    free(f);
    return 0;
}

/* For string literals, which may hold NUL bytes. */
#define DECODE(f, lit) \
    sc_source_decode("eleves.csv", (lit), sizeof(lit) - 1, &(f)->source, \
                     &(f)->diag)

/* Serializes UTF-16 code units as little-endian bytes into out. */
static size_t utf16le(const uint16_t *units, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = (char)(units[i] & 0xFF);
        out[2 * i + 1] = (char)(units[i] >> 8);
    }
    return 2 * n;
}

static char detect(fixture *f, const char *text)
{
    assert_int_equal(sc_source_decode("eleves.csv", text, strlen(text),
                                      &f->source, &f->diag), SC_OK);
    return sc_source_detect_sep(f->source);
}

/* ---- Separator ---------------------------------------------------------- */

static void test_sep_semicolon_wins_over_commas_in_text(void **state)
{
    /* The quoted comment holds more commas than the lines hold ';'. */
    assert_int_equal(detect(*state,
        "Nom;Prénom;Classe;Commentaire\n"
        "DUPONT;Jean;2GT1;\"Bien, calme, sérieux, ponctuel, motivé\"\n"
        "MARTIN;Léa;2GT2;RAS, à revoir\n"), ';');
}

static void test_sep_comma_ignores_quoted_semicolons(void **state)
{
    assert_int_equal(detect(*state,
        "nom,prenom,classe\n"
        "\"a;b;c;d\",Jean,2GT1\n"), ',');
}

static void test_sep_tab_detected(void **state)
{
    assert_int_equal(detect(*state,
        "Nom\tPrénom\tClasse\n"
        "DUPONT\tJean, Pierre\t2GT1\n"), '\t');
}

static void test_sep_ties_prefer_semicolon_then_tab(void **state)
{
    fixture *f = *state;

    assert_int_equal(detect(f, "a;b,c\n"), ';');
    sc_source_free(f->source);
    f->source = NULL;
    assert_int_equal(detect(f, "a,b\tc\n"), '\t');
}

static void test_sep_defaults_to_semicolon(void **state)
{
    assert_int_equal(detect(*state, "Nom\nDUPONT\n"), ';');
}

static void test_sep_reads_only_first_30_nonblank_lines(void **state)
{
    fixture *f = *state;
    char text[512] = "";

    /* Blank lines do not count: the comma line is the 30th non-blank. */
    for (int i = 0; i < 29; i++)
        strcat(text, i % 10 == 0 ? "\n \r\nx\n" : "x\n");
    strcat(text, "a,b\n");
    assert_int_equal(detect(f, text), ',');
    sc_source_free(f->source);
    f->source = NULL;

    strcpy(text, "x\n");
    for (int i = 0; i < 29; i++)
        strcat(text, "x\n");
    strcat(text, "a,b\n");
    assert_int_equal(detect(f, text), ';');
}

/* ---- Decoding ----------------------------------------------------------- */

static void test_decode_utf8_bom_is_stripped(void **state)
{
    fixture *f = *state;

    assert_int_equal(DECODE(f, "\xEF\xBB\xBFNom;Prénom\n"), SC_OK);
    assert_string_equal(f->source->encoding, "UTF-8");
    assert_string_equal(f->source->text, "Nom;Prénom\n");
    assert_int_equal(f->source->len, strlen("Nom;Prénom\n"));
    assert_int_equal(f->source->bad_bytes, 0);
    assert_int_equal(f->source->first_bad_line, 0);
}

static void test_decode_utf8_without_bom_is_kept(void **state)
{
    fixture *f = *state;

    assert_int_equal(DECODE(f, "Éloïse;Noël\n"), SC_OK);
    assert_string_equal(f->source->encoding, "UTF-8");
    assert_string_equal(f->source->text, "Éloïse;Noël\n");
    assert_string_equal(f->source->path, "eleves.csv");
}

static void test_decode_utf8_bom_invalid_byte_replaced(void **state)
{
    fixture *f = *state;

    assert_int_equal(DECODE(f, "\xEF\xBB\xBF" "a\nb\xFF" "c\n"), SC_OK);
    assert_string_equal(f->source->encoding, "UTF-8");
    assert_string_equal(f->source->text, "a\nb\xEF\xBF\xBD" "c\n");
    assert_int_equal(f->source->bad_bytes, 1);
    assert_int_equal(f->source->first_bad_line, 2);
}

static void test_decode_utf8_with_a_windows_1252_line_keeps_the_rest(
    void **state)
{
    fixture *f = *state;

    /* Line 3 pasted from a Windows-1252 export; line 4 ends in the middle
     * of a character. */
    assert_int_equal(DECODE(f, "Nom;Prénom\nDUPONT;Léa\nMARTIN;Zo\xE9\n"
                               "PETIT;Jos\xC3"),
                     SC_OK);
    assert_string_equal(f->source->encoding, "UTF-8");
    assert_string_equal(f->source->text, "Nom;Prénom\nDUPONT;Léa\n"
                                         "MARTIN;Zoé\nPETIT;JosÃ");
    assert_int_equal(f->source->foreign_lines, 2);
    assert_int_equal(f->source->first_foreign_line, 3);
}

static void test_decode_files_that_are_no_csv_are_named(void **state)
{
    static const struct {
        const char *bytes;
        size_t len;
        const char *what;
    } files[] = {
#define FILE_OF(lit, what) {(lit), sizeof(lit) - 1, (what)}
        FILE_OF("%PDF-1.4\n%\xE2\xE3", "PDF"),
        FILE_OF("PK\x03\x04....[Content_Types].xml", "Excel (.xlsx)"),
        FILE_OF("PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument."
                "spreadsheet", "OpenDocument"),
        FILE_OF("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", ".xls"),
        FILE_OF("\xEF\xBB\xBF  <!DOCTYPE html><html>", "page web"),
        FILE_OF("\x7F" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0",
                "binaire"),
        FILE_OF("\x01\x02\x03\x04\x05\x06\x07\x08\x0E\x0F\x10\x11\x12"
                "\x13\x14\x15\x16\x17", "binaire"),
#undef FILE_OF
    };
    fixture *f = *state;

    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        sc_diag_clear(&f->diag);
        assert_int_equal(sc_source_decode("eleves.csv", files[i].bytes,
                                          files[i].len, &f->source, &f->diag),
                         SC_ERROR_ENCODING);
        assert_null(f->source);
        assert_string_equal(f->diag.file, "eleves.csv");
        assert_non_null(strstr(f->diag.message, files[i].what));
        assert_non_null(strstr(f->diag.message, "CSV"));
    }
    /* Found by fuzzing: the start of "<!doctype html" at the very end of
     * the bytes was compared past them (make check-asan sees it). */
    {
        char *bytes = malloc(10);

        assert_non_null(bytes);
        memcpy(bytes, "<!doctypE ", 10);
        assert_int_equal(sc_source_decode("eleves.csv", bytes, 10,
                                          &f->source, &f->diag), SC_OK);
        free(bytes);
        sc_source_free(f->source);
        f->source = NULL;
    }
    /* A text padded with NULs by a crash is still read. */
    assert_int_equal(DECODE(f, "Nom;Classe\nA;2nde\n\0\0\0\0\0\0\0\0\0\0\0\0"
                               "\0\0\0\0\0\0\0\0"), SC_OK);
}

/* Found by fuzzing: after a BOM, iconv copied code points past U+10FFFF
 * through; U+FFFE and U+FFFF are valid UTF-8 but not XML. Both broke the
 * workbook. */
static void test_decode_never_passes_what_xml_forbids(void **state)
{
    fixture *f = *state;

    assert_int_equal(DECODE(f, "\xEF\xBB\xBF" "DUPONT\xF4\x90\x80\x80\n"), SC_OK);
    assert_true(sc_text_valid_utf8(f->source->text, f->source->len));
    assert_string_equal(f->source->text, "DUPONT\xEF\xBF\xBD\xEF\xBF\xBD"
                                         "\xEF\xBF\xBD\xEF\xBF\xBD\n");
    assert_int_equal(f->source->first_bad_line, 1);
    sc_source_free(f->source);
    f->source = NULL;
    assert_int_equal(DECODE(f, "a\nDUP\xEF\xBF\xBF" "ONT\xEF\xBF\xBE\n"), SC_OK);
    assert_string_equal(f->source->text, "a\nDUP\xEF\xBF\xBD" "ONT\xEF\xBF\xBD\n");
    assert_int_equal(f->source->bad_bytes, 2);
    assert_int_equal(f->source->first_bad_line, 2);
}

static void test_decode_utf16le_bom(void **state)
{
    static const uint16_t units[] = {
        0xFEFF, 'N', 'o', 'm', ';', 'P', 'r', 0xE9, 'n', 'o', 'm', '\r', '\n',
        'D', 'U', 'P', 'O', 'N', 'T', ';', 0xC9, 'l', 'o', 0xEF, 's', 'e',
        ' ', 0xD83D, 0xDE00, '\r', '\n'};
    fixture *f = *state;
    char bytes[2 * sizeof units / sizeof *units];
    size_t len = utf16le(units, sizeof units / sizeof *units, bytes);

    assert_int_equal(sc_source_decode("eleves.csv", bytes, len, &f->source,
                                      &f->diag), SC_OK);
    assert_string_equal(f->source->encoding, "UTF-16LE");
    assert_string_equal(f->source->text,
                        "Nom;Prénom\r\nDUPONT;Éloïse \xF0\x9F\x98\x80\r\n");
    assert_int_equal(f->source->bad_bytes, 0);
}

static void test_decode_utf16_without_bom_by_its_nuls(void **state)
{
    static const uint16_t units[] = {'N', 'o', 'm', ';', 'C', 'l', 'a', 's',
                                     's', 'e', '\n', 'L', 0xC9, 'A', '\n'};
    fixture *f = *state;
    char le[2 * sizeof units / sizeof *units], be[sizeof le];
    size_t len = utf16le(units, sizeof units / sizeof *units, le);

    assert_int_equal(sc_source_decode("e.csv", le, len, &f->source, &f->diag),
                     SC_OK);
    assert_string_equal(f->source->encoding, "UTF-16LE");
    assert_string_equal(f->source->text, "Nom;Classe\nLÉA\n");
    sc_source_free(f->source);
    f->source = NULL;
    for (size_t i = 0; i < len; i += 2) {
        be[i] = le[i + 1];
        be[i + 1] = le[i];
    }
    assert_int_equal(sc_source_decode("e.csv", be, len, &f->source, &f->diag),
                     SC_OK);
    assert_string_equal(f->source->encoding, "UTF-16BE");
    assert_string_equal(f->source->text, "Nom;Classe\nLÉA\n");
}

static void test_decode_utf16le_bad_units_replaced(void **state)
{
    /* A lone high surrogate, then an odd byte at the end. */
    static const uint16_t units[] = {0xFEFF, 'a', '\n', 0xD800, 'b'};
    fixture *f = *state;
    char bytes[2 * sizeof units / sizeof *units + 1];
    size_t len = utf16le(units, sizeof units / sizeof *units, bytes);

    bytes[len++] = 'x';
    assert_int_equal(sc_source_decode("eleves.csv", bytes, len, &f->source,
                                      &f->diag), SC_OK);
    assert_string_equal(f->source->text,
                        "a\n\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    assert_int_equal(f->source->bad_bytes, 2); /* one per U+FFFD */
    assert_int_equal(f->source->first_bad_line, 2);
}

static void test_decode_windows1252_when_not_utf8(void **state)
{
    fixture *f = *state;

    assert_int_equal(DECODE(f, "Pr\xE9nom;Frais\n\xC9lo\xEFse;5\x80\n"),
                     SC_OK);
    assert_string_equal(f->source->encoding, "Windows-1252");
    /* 0x80 is the euro sign in Windows-1252, a control in ISO-8859-1. */
    assert_string_equal(f->source->text, "Prénom;Frais\nÉloïse;5€\n");
    assert_int_equal(f->source->bad_bytes, 0);
}

static void test_decode_windows1252_undefined_byte_replaced(void **state)
{
    fixture *f = *state;

    assert_int_equal(DECODE(f, "Nom\nA\nB\x81\xE9\nC\x8D\n"), SC_OK);
    assert_string_equal(f->source->encoding, "Windows-1252");
    assert_string_equal(f->source->text,
                        "Nom\nA\nB\xEF\xBF\xBD" "é\nC\xEF\xBF\xBD\n");
    assert_int_equal(f->source->bad_bytes, 2);
    assert_int_equal(f->source->first_bad_line, 3);
}

/* ---- Reading files ------------------------------------------------------ */

static void test_read_missing_file_is_open_error(void **state)
{
    fixture *f = *state;
    char path[128];

    support_join(path, sizeof path, f->dir, "absent.csv");
    assert_int_equal(sc_source_read(path, &f->source, &f->diag),
                     SC_ERROR_FILE_OPEN);
    assert_null(f->source);
    assert_string_equal(f->diag.file, path);
    assert_int_equal(f->diag.line, 0);
    assert_non_null(strstr(f->diag.message, "introuvable"));
}

static void test_read_zero_bytes_is_empty_error(void **state)
{
    fixture *f = *state;

    support_write_bytes(f->path, "", 0);
    assert_int_equal(sc_source_read(f->path, &f->source, &f->diag),
                     SC_ERROR_FILE_EMPTY);
    assert_null(f->source);
    assert_string_equal(f->diag.file, f->path);
    assert_string_equal(f->diag.message, "fichier vide");
}

static void test_read_bom_and_blanks_is_empty_error(void **state)
{
    fixture *f = *state;
    const char bytes[] = "\xEF\xBB\xBF \r\n\t\r\n";

    support_write_bytes(f->path, bytes, sizeof bytes - 1);
    assert_int_equal(sc_source_read(f->path, &f->source, &f->diag),
                     SC_ERROR_FILE_EMPTY);
    assert_null(f->source);
    assert_string_equal(f->diag.file, f->path);
}

static void test_read_directory_is_read_error(void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_source_read("/tmp", &f->source, &f->diag),
                     SC_ERROR_FILE_READ);
    assert_null(f->source);
    assert_string_equal(f->diag.file, "/tmp");
    assert_non_null(strstr(f->diag.message, "dossier"));
}

static void test_read_decodes_whole_file(void **state)
{
    fixture *f = *state;
    size_t len = 200000; /* more than one read buffer */
    char *bytes = malloc(len);

    assert_non_null(bytes);
    for (size_t i = 0; i < len; i += 4)
        memcpy(bytes + i, "a;b\n", 4);
    memcpy(bytes + len - 7, "\xC9lo\xEFse\n", 7);
    support_write_bytes(f->path, bytes, len);
    free(bytes);
    assert_int_equal(sc_source_read(f->path, &f->source, &f->diag), SC_OK);
    assert_string_equal(f->source->path, f->path);
    assert_ptr_not_equal(f->source->path, f->path);
    assert_string_equal(f->source->encoding, "Windows-1252");
    assert_int_equal(f->source->len, len + 2); /* É and ï take 2 bytes */
    assert_string_equal(f->source->text + len - 7, "Éloïse\n");
}

/* ---- Freeing ------------------------------------------------------------ */

static void test_free_gives_back_every_block_of_a_source(void **state)
{
    fixture *f = *state;
    long before = 0;

    /* A bad byte and a line of another encoding: the paths that build
     * the text anew. The first round lets iconv load what it keeps. */
    for (int round = 0; round < 2; round++) {
        sc_source_free(f->source);
        f->source = NULL;
        before = support_live_blocks();
        assert_int_equal(DECODE(f, "Nom;Pr\xC3\xA9nom\nDUPONT;L\xE9" "a\n"
                                   "MARTIN;Jo\xFF\n"), SC_OK);
    }
    assert_int_equal(f->source->foreign_lines, 2);
    support_assert_more_blocks(before);
    sc_source_free(f->source);
    f->source = NULL;
    support_assert_live_blocks(before);
    sc_source_free(NULL);
    support_assert_live_blocks(before);
}

/* A regular file over SC_LIMITS_FILE_BYTES is refused from its size,
 * before a byte is read (a sparse file: no disk, no memory spent). */
static void test_read_refuses_a_file_over_the_size_limit(void **state)
{
    fixture *f = *state;
    FILE *fp = fopen(f->path, "wb");

    assert_non_null(fp);
    assert_int_equal(ftruncate(fileno(fp),
                               (off_t)SC_LIMITS_FILE_BYTES + 1), 0);
    fclose(fp);
    assert_int_equal(sc_source_read(f->path, &f->source, &f->diag),
                     SC_ERROR_FILE_READ);
    assert_null(f->source);
    assert_string_equal(f->diag.file, f->path);
    assert_non_null(strstr(f->diag.message, "fichier trop gros : plus de "
                                            "512 Mio"));
}

/* A device that never ends (/dev/zero) is read one byte past the limit,
 * then refused with the file's name, not "mémoire insuffisante". */
static void test_read_stops_an_endless_device_at_the_limit(void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_source_read("/dev/zero", &f->source, &f->diag),
                     SC_ERROR_FILE_READ);
    assert_null(f->source);
    assert_string_equal(f->diag.file, "/dev/zero");
    assert_non_null(strstr(f->diag.message, "fichier trop gros"));
}

/* The French figures of the messages are the limits of limits.h. */
static void test_limits_say_what_they_check(void **state)
{
    fixture *f = *state;

    assert_int_equal(sc_limits_check_bytes("a.csv", SC_LIMITS_FILE_BYTES,
                                           &f->diag), SC_OK);
    assert_int_equal(sc_limits_check_bytes("a.csv", SC_LIMITS_FILE_BYTES + 1,
                                           &f->diag), SC_ERROR_FILE_READ);
    assert_int_equal(SC_LIMITS_FILE_BYTES, 512u * 1024 * 1024);
    assert_int_equal(sc_limits_check_rows("a.csv", SC_LIMITS_ROWS, 9,
                                          &f->diag), SC_OK);
    assert_int_equal(sc_limits_check_rows("a.csv", SC_LIMITS_ROWS + 1, 9,
                                          &f->diag), SC_ERROR_FILE_READ);
    assert_int_equal(SC_LIMITS_ROWS, 2000000);
    assert_int_equal(f->diag.line, 9);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_read_refuses_a_file_over_the_size_limit),
        TEST(test_read_stops_an_endless_device_at_the_limit),
        TEST(test_limits_say_what_they_check),
        TEST(test_sep_semicolon_wins_over_commas_in_text),
        TEST(test_sep_comma_ignores_quoted_semicolons),
        TEST(test_sep_tab_detected),
        TEST(test_sep_ties_prefer_semicolon_then_tab),
        TEST(test_sep_defaults_to_semicolon),
        TEST(test_sep_reads_only_first_30_nonblank_lines),
        TEST(test_decode_utf8_bom_is_stripped),
        TEST(test_decode_utf8_without_bom_is_kept),
        TEST(test_decode_utf8_bom_invalid_byte_replaced),
        TEST(test_decode_utf8_with_a_windows_1252_line_keeps_the_rest),
        TEST(test_decode_files_that_are_no_csv_are_named),
        TEST(test_decode_never_passes_what_xml_forbids),
        TEST(test_decode_utf16le_bom),
        TEST(test_decode_utf16_without_bom_by_its_nuls),
        TEST(test_decode_utf16le_bad_units_replaced),
        TEST(test_decode_windows1252_when_not_utf8),
        TEST(test_decode_windows1252_undefined_byte_replaced),
        TEST(test_read_missing_file_is_open_error),
        TEST(test_read_zero_bytes_is_empty_error),
        TEST(test_read_bom_and_blanks_is_empty_error),
        TEST(test_read_directory_is_read_error),
        TEST(test_read_decodes_whole_file),
        TEST(test_free_gives_back_every_block_of_a_source),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
