/*
 * test_text.c - unit tests of text.c: Unicode folding, cell cleaning, name
 * splitting and the yes/no parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <stdio.h>
#include "stagecheck/base/text.h"

/* Strings a test allocates go through *state and are freed in teardown,
 * so a failed assertion leaks nothing. */
typedef struct fixture {
    char *a;
    char *b;
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

    free(f->a);
    free(f->b);
    free(f);
    return 0;
}

/* Replaces the strings of f with new ones. */
static void fixture_set(fixture *f, char *a, char *b)
{
    free(f->a);
    free(f->b);
    f->a = a;
    f->b = b;
}

#define assert_fold(f, text, folded) \
    do { \
        fixture_set((f), sc_text_fold(text), NULL); \
        assert_non_null((f)->a); \
        assert_string_equal((f)->a, (folded)); \
    } while (0)

#define assert_key(f, text, key) \
    do { \
        fixture_set((f), sc_text_key(text), NULL); \
        assert_non_null((f)->a); \
        assert_string_equal((f)->a, (key)); \
    } while (0)

#define assert_same_fold(f, x, y) \
    do { \
        fixture_set((f), sc_text_fold(x), sc_text_fold(y)); \
        assert_non_null((f)->a); \
        assert_non_null((f)->b); \
        assert_string_equal((f)->a, (f)->b); \
    } while (0)

#define assert_split(f, full, surname, first) \
    do { \
        char *s_ = NULL, *p_ = NULL; \
        assert_int_equal(sc_text_split_name((full), &s_, &p_), 0); \
        fixture_set((f), s_, p_); \
        assert_non_null((f)->a); \
        assert_non_null((f)->b); \
        assert_string_equal((f)->a, (surname)); \
        assert_string_equal((f)->b, (first)); \
    } while (0)

#define assert_clean(f, raw, cleaned) \
    do { \
        char *s_ = strdup(raw); \
        fixture_set((f), s_, NULL); \
        assert_non_null(s_); \
        assert_ptr_equal(sc_text_clean(s_), s_); \
        assert_string_equal(s_, (cleaned)); \
    } while (0)

#define assert_yesno(text, expected_yes) \
    do { \
        int yes_ = !(expected_yes); \
        assert_int_equal(sc_text_parse_yesno((text), &yes_), SC_PARSE_OK); \
        assert_int_equal(yes_, (expected_yes)); \
    } while (0)

#define assert_yesno_invalid(text) \
    do { \
        int yes_ = 0; \
        assert_int_equal(sc_text_parse_yesno((text), &yes_), SC_PARSE_INVALID); \
    } while (0)

#define VALID_UTF8(lit) sc_text_valid_utf8((lit), sizeof(lit) - 1)

/* --- sc_text_fold --- */

static void test_text_fold_removes_case_accents_and_hyphens(void **state)
{
    fixture *f = *state;

    assert_fold(f, "Éloïse DUPONT-MARTIN", "eloise dupont martin");
    assert_same_fold(f, "Éloïse DUPONT-MARTIN", "eloise dupont martin");
}

/* ASCII text takes a shortcut past utf8proc: for every ASCII character, it
 * must fold exactly as utf8proc does. A trailing "é" folds to a final
 * "e" (through the table of two-byte characters, checked below against
 * utf8proc itself). */
static void test_text_fold_ascii_shortcut_agrees_with_utf8proc(void **state)
{
    fixture *f = *state;

    for (int c = 1; c < 0x80; c++) {
        char ascii[8], mixed[8];
        size_t n;

        snprintf(ascii, sizeof ascii, "A%cb", c);
        snprintf(mixed, sizeof mixed, "A%cb\xC3\xA9", c);
        fixture_set(f, sc_text_fold(ascii), sc_text_fold(mixed));
        assert_non_null(f->a);
        assert_non_null(f->b);
        n = strlen(f->b);
        assert_true(n > 0 && f->b[n - 1] == 'e');
        f->b[n - 1] = '\0';
        assert_string_equal(f->a, f->b);
        fixture_set(f, sc_text_key(ascii), sc_text_key(mixed));
        n = strlen(f->b);
        assert_true(n > 0 && f->b[n - 1] == 'e');
        f->b[n - 1] = '\0';
        assert_string_equal(f->a, f->b);
    }
}

/* Text of ASCII and two-byte characters folds through a table worked out
 * by utf8proc, not through utf8proc_map: for every such character, alone,
 * between letters and after a space, the table's fold must be utf8proc's.
 * A trailing "€" (three bytes, dropped: a currency sign) sends the same
 * text down utf8proc's own path. */
static void test_text_fold_table_agrees_with_utf8proc(void **state)
{
    fixture *f = *state;
    static const char *const forms[] = {"%s", "A%sb", "x %s-y", "%s%s"};

    for (unsigned cp = 0x80; cp < 0x800; cp++) {
        char ch[3] = {(char)(0xC0 | (cp >> 6)), (char)(0x80 | (cp & 0x3F)),
                      '\0'};

        for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
            char text[32], slow[40];

            snprintf(text, sizeof text, forms[k], ch, ch);
            snprintf(slow, sizeof slow, "%s\xE2\x82\xAC", text);
            fixture_set(f, sc_text_fold(text), sc_text_fold(slow));
            assert_non_null(f->a);
            assert_non_null(f->b);
            if (strcmp(f->a, f->b) != 0)
                fail_msg("U+%04X in \"%s\": \"%s\" != \"%s\"", cp, forms[k],
                         f->a, f->b);
            fixture_set(f, sc_text_key(text), sc_text_key(slow));
            assert_non_null(f->a);
            assert_non_null(f->b);
            if (strcmp(f->a, f->b) != 0)
                fail_msg("key U+%04X in \"%s\": \"%s\" != \"%s\"", cp,
                         forms[k], f->a, f->b);
        }
    }
}

/* What the table gives, by example: accents and marks go (a decomposed
 * "é" too), "ß" is "ss", "½" is "1 2", a no-break space is a space, and a
 * degree sign separates. */
static void test_text_fold_two_byte_examples(void **state)
{
    fixture *f = *state;

    assert_fold(f, "Zo\xC3\xAB \xC3\x89LO\xC3\x8FSE", "zoe eloise");
    assert_fold(f, "Rene\xCC\x81", "rene");
    assert_fold(f, "Stra\xC3\x9F" "e", "strasse");
    assert_fold(f, "\xC2\xBD", "1 2");
    assert_key(f, "\xC2\xBD", "12");
    assert_fold(f, "2nde\xC2\xA0" "1", "2nde 1");
    assert_fold(f, "N\xC2\xB0 INE", "n ine");
    assert_key(f, "N\xC2\xB0 INE", "nine");
    assert_fold(f, "\xC3\x86sa \xC3\x98ye", "\xC3\xA6sa \xC3\xB8ye");
}

static void test_text_fold_apostrophe_becomes_space(void **state)
{
    fixture *f = *state;

    assert_fold(f, "N'DIAYE Aïssata", "n diaye aissata");
    assert_fold(f, "N\xE2\x80\x99" "DIAYE Aïssata", "n diaye aissata");
}

static void test_text_fold_squeezes_and_trims_spaces(void **state)
{
    fixture *f = *state;

    assert_fold(f, "  DUPONT   Marie \t ", "dupont marie");
    assert_fold(f, "LE  GALL --  Anne", "le gall anne");
}

static void test_text_fold_keeps_digits(void **state)
{
    fixture *f = *state;

    assert_fold(f, "2nde 1", "2nde 1");
    assert_fold(f, "2NDE-GT 12", "2nde gt 12");
}

static void test_text_fold_only_punctuation_is_empty(void **state)
{
    fixture *f = *state;

    assert_fold(f, " - ' . ", "");
    assert_fold(f, "", "");
}

static void test_text_fold_sharp_s_is_ss(void **state)
{
    fixture *f = *state;

    assert_same_fold(f, "STRA\xE1\xBA\x9E" "E", "strasse"); /* capital ẞ */
    assert_same_fold(f, "Straße", "STRASSE");
    assert_fold(f, "Straße", "strasse");
}

static void test_text_fold_oe_ligature_case_folds(void **state)
{
    fixture *f = *state;

    /* Œ is a letter of its own: folded to œ, not spelled out as "oe". */
    assert_same_fold(f, "CŒUR", "cœur");
    assert_fold(f, "CŒUR", "cœur");
}

static void test_text_fold_compatibility_forms(void **state)
{
    fixture *f = *state;

    assert_fold(f, "\xEF\xAC\x81" "lipe", "filipe"); /* ligature ﬁ */
}

/* --- sc_text_key --- */

static void test_text_key_no_ine_is_nine(void **state)
{
    fixture *f = *state;

    assert_key(f, "N° INE", "nine");
}

static void test_text_key_drops_parentheses(void **state)
{
    fixture *f = *state;

    assert_key(f, "Né(e) le", "neele");
}

static void test_text_key_ignores_accents_and_case(void **state)
{
    fixture *f = *state;

    fixture_set(f, sc_text_key("Établissement public"),
                sc_text_key("etablissement public"));
    assert_non_null(f->a);
    assert_non_null(f->b);
    assert_string_equal(f->a, f->b);
    assert_string_equal(f->a, "etablissementpublic");
}

/* --- sc_text_name_key --- */

#define assert_name_key(f, surname, first, key) \
    do { \
        fixture_set((f), sc_text_name_key((surname), (first)), NULL); \
        assert_non_null((f)->a); \
        assert_string_equal((f)->a, (key)); \
    } while (0)

static void test_name_key_is_surname_key_space_first_key(void **state)
{
    fixture *f = *state;

    assert_name_key(f, "DUPONT-MARTIN", "Éloïse", "dupontmartin eloise");
    assert_name_key(f, "LE GALL", "Anne Marie", "legall annemarie");
}

static void test_name_key_ignores_apostrophes(void **state)
{
    fixture *f = *state;

    assert_name_key(f, "N'DIAYE", "Aïssata", "ndiaye aissata");
    assert_name_key(f, "NDIAYE", "Aissata", "ndiaye aissata");
}

static void test_name_key_ignores_hyphen_and_space_in_first_name(
    void **state)
{
    fixture *f = *state;

    fixture_set(f, sc_text_name_key("DUPONT", "Anne-Sophie"),
                sc_text_name_key("Dupont", "anne sophie"));
    assert_non_null(f->a);
    assert_non_null(f->b);
    assert_string_equal(f->a, f->b);
}

static void test_name_key_keeps_surname_and_first_apart(void **state)
{
    fixture *f = *state;

    /* "MARIE Anne" and "MARIEANNE" are not the same pupil. */
    fixture_set(f, sc_text_name_key("MARIE", "Anne"),
                sc_text_name_key("MARIEANNE", ""));
    assert_non_null(f->a);
    assert_non_null(f->b);
    assert_string_not_equal(f->a, f->b);
}

/* --- sc_text_blank, sc_text_dup --- */

static void test_text_blank_null_empty_and_whitespace(void **state)
{
    (void)state;
    assert_true(sc_text_blank(NULL));
    assert_true(sc_text_blank(""));
    assert_true(sc_text_blank(" \t\r\n"));
    assert_false(sc_text_blank(" x "));
    assert_false(sc_text_blank("0"));
}

static void test_strdup_copies_and_keeps_null(void **state)
{
    fixture *f = *state;
    const char *text = "2nde 1";

    assert_null(sc_text_dup(NULL));
    fixture_set(f, sc_text_dup(text), NULL);
    assert_non_null(f->a);
    assert_ptr_not_equal(f->a, text);
    assert_string_equal(f->a, text);
}

/* --- sc_text_valid_utf8 --- */

static void test_text_valid_utf8_accepts_utf8(void **state)
{
    (void)state;
    assert_true(VALID_UTF8(""));
    assert_true(VALID_UTF8("DUPONT Marie"));
    assert_true(VALID_UTF8("Éloïse"));
    assert_true(VALID_UTF8("\xE2\x80\x99"));     /* ’ */
    assert_true(VALID_UTF8("\xF0\x9F\x98\x80")); /* 4 bytes */
}

static void test_text_valid_utf8_rejects_truncated_sequence(void **state)
{
    (void)state;
    assert_false(VALID_UTF8("\xC3"));
    assert_false(VALID_UTF8("ab\xE2\x80"));
    /* "é" cut by the length given. */
    assert_false(sc_text_valid_utf8("\xC3\xA9", 1));
}

static void test_text_valid_utf8_rejects_lone_latin1_byte(void **state)
{
    (void)state;
    assert_false(VALID_UTF8("\xE9"));
    assert_false(VALID_UTF8("r\xE9sum\xE9"));
}

static void test_text_valid_utf8_rejects_overlong_and_surrogates(void **state)
{
    (void)state;
    assert_false(VALID_UTF8("\xC0\xAF"));
    assert_false(VALID_UTF8("\xED\xA0\x80"));
}

/* --- sc_text_clean --- */

static void test_text_clean_trims_blanks(void **state)
{
    fixture *f = *state;

    assert_clean(f, "  DUPONT \t\r\n", "DUPONT");
    assert_clean(f, "   ", "");
    assert_clean(f, "a b", "a b");
}

static void test_text_clean_removes_excel_wrapper(void **state)
{
    fixture *f = *state;

    assert_clean(f, "=\"0123\"", "0123");
    assert_clean(f, " =\"070123456AB\" ", "070123456AB");
    assert_clean(f, "=\"\"", "");
}

static void test_text_clean_keeps_formula_and_plain_quotes(void **state)
{
    fixture *f = *state;

    assert_clean(f, "=A1", "=A1");
    assert_clean(f, "\"0123\"", "\"0123\"");
    assert_clean(f, "=\"0123", "=\"0123");
}

/* --- sc_text_split_name --- */

static void test_split_name_capital_words_are_surname(void **state)
{
    fixture *f = *state;

    assert_split(f, "DE LA FONTAINE Jean-Baptiste", "DE LA FONTAINE",
                 "Jean-Baptiste");
}

static void test_split_name_keeps_compound_first_name(void **state)
{
    fixture *f = *state;

    assert_split(f, "LE GALL Anne Marie", "LE GALL", "Anne Marie");
}

static void test_split_name_apostrophe_in_capital_surname(void **state)
{
    fixture *f = *state;

    assert_split(f, "N'DIAYE Aïssata", "N'DIAYE", "Aïssata");
}

static void test_split_name_accented_capitals_are_capitals(void **state)
{
    fixture *f = *state;

    assert_split(f, "ÉLOÏSE-DUPONT Marie", "ÉLOÏSE-DUPONT", "Marie");
}

static void test_split_name_no_capital_word_first_word_is_surname(void **state)
{
    fixture *f = *state;

    assert_split(f, "Dupont Marie", "Dupont", "Marie");
}

static void test_split_name_all_capitals_first_word_is_surname(void **state)
{
    fixture *f = *state;

    assert_split(f, "DUPONT MARIE", "DUPONT", "MARIE");
}

static void test_split_name_capital_word_after_first_name_stays(void **state)
{
    fixture *f = *state;

    assert_split(f, "MARTIN Paul ANDRE", "MARTIN", "Paul ANDRE");
}

static void test_split_name_trims_spaces(void **state)
{
    fixture *f = *state;

    assert_split(f, "  DUPONT   Marie  ", "DUPONT", "Marie");
}

/* --- sc_text_parse_yesno --- */

static void test_yesno_reads_yes_words(void **state)
{
    (void)state;
    assert_yesno("oui", 1);
    assert_yesno("Oui", 1);
    assert_yesno("OUI", 1);
    assert_yesno("o", 1);
    assert_yesno("x", 1);
    assert_yesno("X", 1);
    assert_yesno("vrai", 1);
    assert_yesno("1", 1);
    assert_yesno("yes", 1);
    assert_yesno("true", 1);
    assert_yesno(" oui ", 1);
}

static void test_yesno_reads_no_words(void **state)
{
    (void)state;
    assert_yesno("non", 0);
    assert_yesno("Non", 0);
    assert_yesno("n", 0);
    assert_yesno("faux", 0);
    assert_yesno("0", 0);
    assert_yesno("no", 0);
    assert_yesno("false", 0);
}

static void test_yesno_date_means_signed(void **state)
{
    (void)state;
    assert_yesno("17/06/2024", 1);
    assert_yesno("2024-06-03", 1);
}

static void test_yesno_blank_is_empty_and_no(void **state)
{
    int yes = 1;

    (void)state;
    assert_int_equal(sc_text_parse_yesno("", &yes), SC_PARSE_EMPTY);
    assert_int_equal(yes, 0);
    yes = 1;
    assert_int_equal(sc_text_parse_yesno("  ", &yes), SC_PARSE_EMPTY);
    assert_int_equal(yes, 0);
}

static void test_yesno_rejects_unknown_words(void **state)
{
    (void)state;
    assert_yesno_invalid("peut-être");
    assert_yesno_invalid("?");
    assert_yesno_invalid("ouinon");
    assert_yesno_invalid("2");
}

static void test_yesno_rejects_impossible_date(void **state)
{
    (void)state;
    assert_yesno_invalid("31/02/2024");
}

static void test_text_cut_drops_a_split_character(void **state)
{
    char two[] = "abc\xc3";          /* é cut after its first byte */
    char three[] = "a\xe2\x82";      /* € cut after two bytes */
    char whole[] = "caf\xc3\xa9";    /* nothing to mend */
    char four[] = "\xf0\x9f\x98";    /* an emoji missing its last byte */

    (void)state;
    assert_string_equal(sc_text_cut(two), "abc");
    assert_string_equal(sc_text_cut(three), "a");
    assert_string_equal(sc_text_cut(whole), "café");
    assert_string_equal(sc_text_cut(four), "");
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

static void test_text_blank_counts_no_break_spaces_and_bom(void **state)
{
    fixture *f = *state;

    assert_true(sc_text_blank("\xC2\xA0 \xE2\x80\xAF\t\xEF\xBB\xBF"));
    assert_false(sc_text_blank("\xC2\xA0x"));
    assert_false(sc_text_blank("\xC3\xA9"));
    assert_clean(f, "\xEF\xBB\xBFNom", "Nom");
    assert_clean(f, "\xC2\xA0" "DUPONT\xE2\x80\xAF\xC2\xA0", "DUPONT");
    assert_clean(f, "\xC2\xA0\xC2\xA0", "");
    /* An accent is not a blank, even where its bytes look alike. */
    assert_clean(f, "\xC3\xA0", "\xC3\xA0");
}

/* Valid UTF-8 without forbidden characters is returned as it is, no copy
 * made: the common case costs a scan. */
static void test_xml_safe_keeps_valid_text_uncopied(void **state)
{
    const char *text = "Élèves — 2nde 1\tA\nB\r";
    char *copy = (char *)1;

    (void)state;
    assert_ptr_equal(sc_text_xml_safe(text, &copy), text);
    assert_null(copy);
}

/* A Latin-1 or Windows-1252 name (a USB key, a Samba share) becomes the
 * characters it meant; the five bytes Windows-1252 leaves undefined
 * become U+FFFD. */
static void test_xml_safe_reads_stray_bytes_as_windows_1252(void **state)
{
    fixture *f = *state;
    char *copy;
    const char *safe = sc_text_xml_safe("\xe9l\xe8ves \x80\x92\x9f \x81"
                                        " \xc3\xa9", &copy);

    fixture_set(f, copy, NULL);
    assert_non_null(safe);
    assert_ptr_equal(safe, copy);
    assert_string_equal(safe, "élèves €’Ÿ \xEF\xBF\xBD é");
}

/* XML 1.0 has no way to hold C0 controls but TAB, LF and CR, nor U+FFFE
 * and U+FFFF: the controls go, the two non-characters become U+FFFD. */
static void test_xml_safe_drops_forbidden_characters(void **state)
{
    fixture *f = *state;
    char *copy;
    const char *safe = sc_text_xml_safe("a\x01\x1f\tb\x7f\xef\xbf\xbe"
                                        "\xef\xbf\xbfz", &copy);

    fixture_set(f, copy, NULL);
    assert_non_null(safe);
    assert_string_equal(safe, "a\tb\x7f\xEF\xBF\xBD\xEF\xBF\xBDz");
}

/* A character cut at the end is one stray byte: read as Windows-1252. */
static void test_xml_safe_repairs_a_cut_character(void **state)
{
    fixture *f = *state;
    char *copy;
    const char *safe = sc_text_xml_safe("caf\xc3", &copy);

    fixture_set(f, copy, NULL);
    assert_string_equal(safe, "caf\xC3\x83");
}

/* --classes patterns: '?' is one character, not one byte; case and
 * accents do not count; spaces and punctuation do. */
static void test_glob_question_mark_is_one_character(void **state)
{
    (void)state;
    assert_int_equal(sc_text_glob("seconde ?", "Seconde 1"), 1);
    assert_int_equal(sc_text_glob("seconde ?", "SECONDE É"), 1);
    assert_int_equal(sc_text_glob("seconde ?", "Seconde 10"), 0);
    assert_int_equal(sc_text_glob("seconde ?", "Seconde"), 0);
    assert_int_equal(sc_text_glob("2?", "2\xF0\x9F\x98\x80"), 1);
}

static void test_glob_ignores_case_and_accents(void **state)
{
    (void)state;
    assert_int_equal(sc_text_glob("seconde é", "SECONDE É"), 1);
    assert_int_equal(sc_text_glob("seconde é", "Seconde e"), 1);
    assert_int_equal(sc_text_glob("SECONDE E", "seconde é"), 1);
    assert_int_equal(sc_text_glob("premiere*", "Première G1"), 1);
    assert_int_equal(sc_text_glob("seconde é", "Seconde f"), 0);
    /* A no-break space is a space. */
    assert_int_equal(sc_text_glob("2nde 1", "2NDE\xC2\xA0" "1"), 1);
    /* Punctuation counts: "2-1" is not "21". */
    assert_int_equal(sc_text_glob("2-1", "21"), 0);
}

static void test_glob_star_matches_any_run(void **state)
{
    (void)state;
    assert_int_equal(sc_text_glob("2NDE*", "2nde 3"), 1);
    assert_int_equal(sc_text_glob("2NDE*", "2NDE"), 1);
    assert_int_equal(sc_text_glob("2NDE*", "1NDE 3"), 0);
    assert_int_equal(sc_text_glob("*1", "2nde 11"), 1);
    assert_int_equal(sc_text_glob("*1", "2nde 12"), 0);
    assert_int_equal(sc_text_glob("2*e*1", "2nde 1"), 1);
    assert_int_equal(sc_text_glob("*", ""), 1);
    assert_int_equal(sc_text_glob("", "x"), 0);
    assert_int_equal(sc_text_glob("a*b*c", "aXbYbZc"), 1);
    assert_int_equal(sc_text_glob("a*b*c", "aXbYbZ"), 0);
}

static void test_glob_sets_ranges_and_escapes(void **state)
{
    (void)state;
    assert_int_equal(sc_text_glob("2nde [0-9]", "2NDE 7"), 1);
    assert_int_equal(sc_text_glob("2nde [0-9]", "2NDE A"), 0);
    assert_int_equal(sc_text_glob("2nde [!0-9]", "2NDE A"), 1);
    assert_int_equal(sc_text_glob("2nde [^0-9]", "2NDE 7"), 0);
    assert_int_equal(sc_text_glob("2nde [AB]", "2nde b"), 1);
    assert_int_equal(sc_text_glob("2nde [é]", "2nde E"), 1);
    assert_int_equal(sc_text_glob("[]]", "]"), 1);
    /* An unclosed '[' is an ordinary character, as in fnmatch. */
    assert_int_equal(sc_text_glob("2[nde", "2[NDE"), 1);
    assert_int_equal(sc_text_glob("2\\*", "2*"), 1);
    assert_int_equal(sc_text_glob("2\\*", "2a"), 0);
    assert_int_equal(sc_text_glob("2\\?", "2?"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_text_cut_drops_a_split_character),
        TEST(test_text_fold_removes_case_accents_and_hyphens),
        TEST(test_text_fold_ascii_shortcut_agrees_with_utf8proc),
        TEST(test_text_fold_table_agrees_with_utf8proc),
        TEST(test_text_fold_two_byte_examples),
        TEST(test_text_blank_counts_no_break_spaces_and_bom),
        TEST(test_text_fold_apostrophe_becomes_space),
        TEST(test_text_fold_squeezes_and_trims_spaces),
        TEST(test_text_fold_keeps_digits),
        TEST(test_text_fold_only_punctuation_is_empty),
        TEST(test_text_fold_sharp_s_is_ss),
        TEST(test_text_fold_oe_ligature_case_folds),
        TEST(test_text_fold_compatibility_forms),
        TEST(test_text_key_no_ine_is_nine),
        TEST(test_text_key_drops_parentheses),
        TEST(test_text_key_ignores_accents_and_case),
        TEST(test_name_key_is_surname_key_space_first_key),
        TEST(test_name_key_ignores_apostrophes),
        TEST(test_name_key_ignores_hyphen_and_space_in_first_name),
        TEST(test_name_key_keeps_surname_and_first_apart),
        TEST(test_text_blank_null_empty_and_whitespace),
        TEST(test_strdup_copies_and_keeps_null),
        TEST(test_text_valid_utf8_accepts_utf8),
        TEST(test_text_valid_utf8_rejects_truncated_sequence),
        TEST(test_text_valid_utf8_rejects_lone_latin1_byte),
        TEST(test_text_valid_utf8_rejects_overlong_and_surrogates),
        TEST(test_text_clean_trims_blanks),
        TEST(test_text_clean_removes_excel_wrapper),
        TEST(test_text_clean_keeps_formula_and_plain_quotes),
        TEST(test_split_name_capital_words_are_surname),
        TEST(test_split_name_keeps_compound_first_name),
        TEST(test_split_name_apostrophe_in_capital_surname),
        TEST(test_split_name_accented_capitals_are_capitals),
        TEST(test_split_name_no_capital_word_first_word_is_surname),
        TEST(test_split_name_all_capitals_first_word_is_surname),
        TEST(test_split_name_capital_word_after_first_name_stays),
        TEST(test_split_name_trims_spaces),
        TEST(test_yesno_reads_yes_words),
        TEST(test_yesno_reads_no_words),
        TEST(test_yesno_date_means_signed),
        TEST(test_yesno_blank_is_empty_and_no),
        TEST(test_yesno_rejects_unknown_words),
        TEST(test_yesno_rejects_impossible_date),
        TEST(test_xml_safe_keeps_valid_text_uncopied),
        TEST(test_xml_safe_reads_stray_bytes_as_windows_1252),
        TEST(test_xml_safe_drops_forbidden_characters),
        TEST(test_xml_safe_repairs_a_cut_character),
        TEST(test_glob_question_mark_is_one_character),
        TEST(test_glob_ignores_case_and_accents),
        TEST(test_glob_star_matches_any_run),
        TEST(test_glob_sets_ranges_and_escapes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
