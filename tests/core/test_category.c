/*
 * test_category.c - unit tests of category.c: the synonym table that tells
 * which of the FAQ's five kinds of structure a typed type is.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "stagecheck/core/category.h"

/* Asserts that typed is of category want, with the caller's line. */
#define assert_category(typed, want) \
    assert_category_at((typed), (want), __FILE__, __LINE__)

static void assert_category_at(const char *typed, sc_category want,
                               const char *file, int line)
{
    sc_category got = SC_CATEGORY_UNKNOWN;

    if (sc_category_of(typed, &got) != SC_OK)
        _fail(file, line);
    if (got != want) {
        print_error("« %s » : %s, attendu %s\n", typed ? typed : "(NULL)",
                    sc_category_label(got), sc_category_label(want));
        _fail(file, line);
    }
}

/* Asserts every one of the NULL-ended typed is of category want. */
static void assert_all(const char *const *typed, sc_category want)
{
    for (size_t i = 0; typed[i]; i++)
        assert_category(typed[i], want);
}

static void test_table_phrases_are_keys_and_appear_once(void **state)
{
    size_t n;
    const sc_category_entry *t = sc_category_table(&n);

    (void)state;
    assert_true(n > 300);
    for (size_t i = 0; i < n; i++) {
        char *key = sc_category_key(t[i].phrase);

        assert_non_null(key);
        if (strcmp(key, t[i].phrase) != 0)
            fail_msg("« %s » is not in key form (« %s »)", t[i].phrase, key);
        free(key);
        for (size_t k = 0; k < i; k++)
            if (strcmp(t[k].phrase, t[i].phrase) == 0)
                fail_msg("« %s » comes twice in the table", t[i].phrase);
    }
}

static void test_every_phrase_alone_is_its_own_category(void **state)
{
    size_t n;
    const sc_category_entry *t = sc_category_table(&n);

    (void)state;
    for (size_t i = 0; i < n; i++)
        assert_category(t[i].phrase, t[i].category);
}

static void test_key_joins_initials_and_folds(void **state)
{
    static const struct {
        const char *typed, *key;
    } cases[] = {
        {"S.A.R.L.", "sarl"},
        {"S.A.R.L", "sarl"},
        {"e.V.", "ev"},
        {"S.à r.l.", "s a rl"},
        {"Restos du Cœur", "restos du coeur"},
        {"Æsthetic", "aesthetic"},
        {"M. Dupont", "m dupont"},
        {"Conseil Départemental (Rhône)", "conseil departemental rhone"},
        {"  Ets.  MARTIN & fils ", "ets martin fils"},
        {"", ""},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *key = sc_category_key(cases[i].typed);

        assert_non_null(key);
        assert_string_equal(key, cases[i].key);
        free(key);
    }
}

static void test_the_five_category_names_in_any_case_and_accents(void **state)
{
    (void)state;
    assert_category("Entreprise", SC_CATEGORY_ENTERPRISE);
    assert_category("ENTREPRISES", SC_CATEGORY_ENTERPRISE);
    assert_category("association", SC_CATEGORY_ASSOCIATION);
    assert_category("Administration", SC_CATEGORY_ADMINISTRATION);
    assert_category("Établissement public", SC_CATEGORY_PUBLIC_BODY);
    assert_category("etablissement  public", SC_CATEGORY_PUBLIC_BODY);
    assert_category("Etablissements publics", SC_CATEGORY_PUBLIC_BODY);
    assert_category("Collectivité territoriale", SC_CATEGORY_LOCAL_AUTHORITY);
    assert_category("COLLECTIVITE TERRITORIALE", SC_CATEGORY_LOCAL_AUTHORITY);
    assert_category("Organisme public", SC_CATEGORY_PUBLIC_BODY);
}

static void test_enterprise_spellings(void **state)
{
    static const char *const typed[] = {
        "SARL", "sarl", "S.A.R.L.", "S.a.r.l", "SARL Dupont Plomberie",
        "EURL", "E.U.R.L.", "SAS", "S.A.S.", "SASU", "SA", "S.A.", "SCOP",
        "SNC", "SCI", "SELARL", "S.E.L.A.R.L.", "GAEC", "EARL", "Ets",
        "Ets.", "Établissements Martin", "Entreprise individuelle", "EI",
        "EIRL", "micro-entreprise", "Micro entreprise", "auto-entrepreneur",
        "Auto entrepreneur", "autoentrepreneur", "Société", "Sté",
        "société anonyme", "artisan", "Artisan boulanger", "commerçant",
        "Commerçante", "cabinet", "Cabinet d'avocats", "Boulangerie",
        "Pharmacie", "Garage", "Start-up", "PME", "entrepise", "entreprize",
        "Entreprise privée", "La Poste", "Clinique vétérinaire",
        "Profession libérale", "Cie", NULL};

    (void)state;
    assert_all(typed, SC_CATEGORY_ENTERPRISE);
}

static void test_foreign_legal_forms(void **state)
{
    static const char *const enterprises[] = {
        "GmbH", "gGmbH", "GmbH & Co. KG", "AG", "Ltd", "Ltd.", "Limited",
        "PLC", "LLC", "Inc.", "Corp.", "S.L.", "Società per azioni",
        "S.r.l.", "SRL",
        "BV", "B.V.", "NV", "N.V.", "SPRL", "BVBA", "Sàrl", "S.à r.l.",
        "Sagl", "Sp. z o.o.", "Lda", "Ltda", "Pty Ltd", "Oy", "AB", NULL};
    static const char *const associations[] = {
        "e.V.", "e. V.", "Verein", "eingetragener Verein", "ASBL", "VZW",
        "Stiftung", "NGO", "Charity", "Asociación", "Associazione", NULL};

    (void)state;
    assert_all(enterprises, SC_CATEGORY_ENTERPRISE);
    assert_all(associations, SC_CATEGORY_ASSOCIATION);
    assert_category("Stadtverwaltung", SC_CATEGORY_LOCAL_AUTHORITY);
    assert_category("Ayuntamiento de Valencia", SC_CATEGORY_LOCAL_AUTHORITY);
    assert_category("Universität Heidelberg", SC_CATEGORY_PUBLIC_BODY);
    assert_category("Ministerium", SC_CATEGORY_ADMINISTRATION);
}

static void test_association_spellings(void **state)
{
    static const char *const typed[] = {
        "association", "Asso", "assoc.", "Association loi 1901",
        "loi 1901", "Club", "Club de foot", "club sportif", "FC",
        "Fédération", "Amicale", "Amicale des pompiers", "ONG", "Fondation",
        "MJC", "Association des parents d'élèves", "Parents d'élèves",
        "FCPE", "Croix-Rouge", "Restos du cœur", "SPA", "Mission locale",
        "assocation", "asociation", "associatif", "Syndicat",
        "Lycée privé", NULL};

    (void)state;
    assert_all(typed, SC_CATEGORY_ASSOCIATION);
}

static void test_local_authority_spellings(void **state)
{
    static const char *const typed[] = {
        "Mairie", "Mairie de Saint-Exemple", "mairie annexe",
        "Hôtel de ville", "Commune", "Conseil départemental",
        "Conseil départemental du Rhône", "Conseil général", "Département",
        "Région", "Conseil régional", "Communauté de communes",
        "Communauté d'agglomération", "Agglo", "Métropole",
        "Métropole de Lyon", "Syndicat intercommunal", "Syndicat mixte",
        "SIVOM", "Police municipale", "Médiathèque municipale",
        "Musée municipal", "Collectivite", "collectivité territorial",
        "Collectivités locales", NULL};

    (void)state;
    assert_all(typed, SC_CATEGORY_LOCAL_AUTHORITY);
}

static void test_public_body_spellings(void **state)
{
    static const char *const typed[] = {
        "Collège", "Lycée", "Lycée professionnel", "Université", "IUT",
        "Hôpital", "CHU", "C.H.U.", "Centre hospitalier",
        "Centre hospitalier de Saint-Exemple", "Musée", "Musée du Louvre",
        "Office de tourisme", "Office du tourisme", "Chambre de commerce",
        "CCI", "C.C.I.", "Chambre des métiers", "Chambre d'agriculture",
        "CNRS", "EPIC", "Établissement publique", "etablisement public",
        "Ets public", "SDIS", "Centre de secours", "Pôle emploi",
        "France Travail", "CCAS", "Centre communal d'action sociale",
        "École maternelle", "Médiathèque", "Bibliothèque", "EHPAD", NULL};

    (void)state;
    assert_all(typed, SC_CATEGORY_PUBLIC_BODY);
}

static void test_administration_spellings(void **state)
{
    static const char *const typed[] = {
        "Préfecture", "Sous-préfecture", "Préfecture du Rhône",
        "Ministère", "Ministère des Armées", "Tribunal",
        "Tribunal judiciaire", "Gendarmerie", "Brigade de gendarmerie",
        "Police", "Police nationale", "Commissariat", "DDFIP", "DGFiP",
        "Finances publiques", "Rectorat", "Rectorat de Lyon", "DSDEN",
        "Douanes", "Armée de terre", "Ambassade", "Consulat", "CAF",
        "Service public", "adminstration", "administation", NULL};

    (void)state;
    assert_all(typed, SC_CATEGORY_ADMINISTRATION);
}

static void test_private_person_spellings(void **state)
{
    static const char *const typed[] = {
        "Particulier", "particulier", "PARTICULIER", "chez un particulier",
        "chez un voisin", "Voisine", "famille", "En famille", "parent",
        "Parents", "oncle", "chez mon oncle", "Tante", "grand-mère",
        "chez M. Martin", "Chez Mme Durand", "chez Monsieur Petit",
        "Personne privée", "Particulier (voisin)", "chez ma tante",
        "Chez mes parents", "chez des voisins", "chez l'oncle",
        "Voisin", "mon oncle", "la famille", "Voisins-le-Bretonneux",
        "Particuliers", "Domicile privé", NULL};

    (void)state;
    assert_all(typed, SC_CATEGORY_PRIVATE_PERSON);
}

static void test_kin_words_yield_to_any_other_word(void **state)
{
    /* Kin and neighbour words in the names of places and firms. */
    static const char *const local[] = {
        "Mairie de Sainte-Mère-Église", "Mairie de Voisins-le-Bretonneux",
        "Mairie de Saint-Père", NULL};
    static const char *const public_body[] = {
        "Hôpital Femme Mère Enfant (HCL)", "CHU - pôle mère-enfant",
        "École des parents", NULL};
    static const char *const enterprise[] = {
        "Maison mère (SAS)", "Restaurant Chez Nous", "Restaurant Chez Moi",
        "Garage Cousin", "Chocolaterie Voisin", "SARL (entreprise du père)",
        "Garage de mon oncle", "Banque - agence particuliers",
        "Aide à domicile pour particuliers", NULL};
    static const char *const association[] = {
        "Assoc des parents", "Association Famille et Loisirs", NULL};

    (void)state;
    assert_all(local, SC_CATEGORY_LOCAL_AUTHORITY);
    assert_all(public_body, SC_CATEGORY_PUBLIC_BODY);
    assert_all(enterprise, SC_CATEGORY_ENTERPRISE);
    assert_all(association, SC_CATEGORY_ASSOCIATION);
    /* "chez" and a determiner make the kin word a home again, which wins
     * over everything; "chez moi" and "chez nous" alone name nothing. */
    assert_category("Garage, chez mon oncle", SC_CATEGORY_PRIVATE_PERSON);
    assert_category("Boulangerie chez un voisin", SC_CATEGORY_PRIVATE_PERSON);
    assert_category("Chez moi", SC_CATEGORY_UNKNOWN);
    assert_category("chez nous", SC_CATEGORY_UNKNOWN);
}

static void test_short_forms_that_are_words_yield_to_bodies(void **state)
{
    (void)state;
    /* "Ste" is Sainte as often as Sté, "sa" a possessive as often as SA. */
    assert_category("Mairie de Ste-Foy", SC_CATEGORY_LOCAL_AUTHORITY);
    assert_category("Lycée Ste Marie", SC_CATEGORY_PUBLIC_BODY);
    assert_category("Mairie de sa commune", SC_CATEGORY_LOCAL_AUTHORITY);
    /* Alone, or beside a trade, they still say entreprise. */
    assert_category("Sté Dupont", SC_CATEGORY_ENTERPRISE);
    assert_category("Dupont SA", SC_CATEGORY_ENTERPRISE);
    assert_category("Ste Marie (association)", SC_CATEGORY_ASSOCIATION);
}

static void test_words_match_on_boundaries_only(void **state)
{
    (void)state;
    /* "sa" inside a name, "ei" inside a word, "as" and "ag" inside words. */
    assert_category("Sandrine", SC_CATEGORY_UNKNOWN);
    assert_category("Seine", SC_CATEGORY_UNKNOWN);
    assert_category("Asphalte", SC_CATEGORY_UNKNOWN);
    assert_category("Agrément", SC_CATEGORY_UNKNOWN);
    assert_category("Mairies-Tiers", SC_CATEGORY_UNKNOWN);
    /* "chez" names a person only with one: not "chez Airbus". */
    assert_category("chez Airbus", SC_CATEGORY_UNKNOWN);
    assert_category("chez Airbus (SAS)", SC_CATEGORY_ENTERPRISE);
    /* The same letters as whole words. */
    assert_category("Sandrine SA", SC_CATEGORY_ENTERPRISE);
    assert_category("Dupont (SA)", SC_CATEGORY_ENTERPRISE);
    assert_category("Müller AG", SC_CATEGORY_ENTERPRISE);
}

static void test_precedence_person_form_body_trade_kin(
    void **state)
{
    (void)state;
    /* A private person wins over everything; a bare kin word over
     * nothing. */
    assert_category("SARL chez M. Martin", SC_CATEGORY_PRIVATE_PERSON);
    assert_category("Particulier (SARL)", SC_CATEGORY_PRIVATE_PERSON);
    assert_category("Entreprise de mon oncle", SC_CATEGORY_ENTERPRISE);
    /* The legal form or category name over the kind of body. */
    assert_category("Musée (association)", SC_CATEGORY_ASSOCIATION);
    assert_category("Association du lycée", SC_CATEGORY_ASSOCIATION);
    assert_category("Lycée (établissement public)", SC_CATEGORY_PUBLIC_BODY);
    assert_category("Club SARL", SC_CATEGORY_ENTERPRISE);
    /* The kind of body over the trade. */
    assert_category("Cabinet du maire, mairie", SC_CATEGORY_LOCAL_AUTHORITY);
    assert_category("Restaurant du CHU", SC_CATEGORY_PUBLIC_BODY);
    /* Within one rank, the first named. */
    assert_category("Lycée, mairie", SC_CATEGORY_PUBLIC_BODY);
    assert_category("Mairie, lycée", SC_CATEGORY_LOCAL_AUTHORITY);
}

static void test_longer_phrase_hides_the_words_inside_it(void **state)
{
    (void)state;
    /* "parents" alone is a private person, not inside "parents d'élèves";
     * "syndicat" is an association, not inside "syndicat intercommunal". */
    assert_category("Association des parents", SC_CATEGORY_ASSOCIATION);
    assert_category("Parents d'élèves du lycée", SC_CATEGORY_ASSOCIATION);
    assert_category("Syndicat intercommunal des eaux",
                    SC_CATEGORY_LOCAL_AUTHORITY);
    assert_category("Hôtel de ville", SC_CATEGORY_LOCAL_AUTHORITY);
    assert_category("Hôtel", SC_CATEGORY_ENTERPRISE);
    assert_category("Services aux particuliers", SC_CATEGORY_ENTERPRISE);
}

static void test_unknown_types(void **state)
{
    (void)state;
    assert_category("Tiers-lieu", SC_CATEGORY_UNKNOWN);
    assert_category("Autre", SC_CATEGORY_UNKNOWN);
    assert_category("???", SC_CATEGORY_UNKNOWN);
    assert_category("", SC_CATEGORY_UNKNOWN);
    assert_category(NULL, SC_CATEGORY_UNKNOWN);
    assert_category("Établissement", SC_CATEGORY_UNKNOWN);
}

static void test_read_tells_a_category_written_by_its_name(void **state)
{
    static const struct {
        const char *typed;
        int named;
    } cases[] = {
        {"Entreprise", 1}, {"ETABLISSEMENT  PUBLIC", 1},
        {"Collectivité territoriale", 1}, {"Particulier", 1},
        {"Entreprises", 0}, {"SARL", 0}, {"Association du lycée", 0},
        {"Tiers-lieu", 0}, {NULL, 0}};

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sc_category category;
        int named = -1;

        assert_int_equal(sc_category_read(cases[i].typed, &category, &named),
                         SC_OK);
        if (named != cases[i].named)
            fail_msg("« %s » named %d", cases[i].typed, named);
    }
}

static void test_allowed_and_labels(void **state)
{
    (void)state;
    assert_true(sc_category_allowed(SC_CATEGORY_ENTERPRISE));
    assert_true(sc_category_allowed(SC_CATEGORY_ASSOCIATION));
    assert_true(sc_category_allowed(SC_CATEGORY_ADMINISTRATION));
    assert_true(sc_category_allowed(SC_CATEGORY_PUBLIC_BODY));
    assert_true(sc_category_allowed(SC_CATEGORY_LOCAL_AUTHORITY));
    assert_false(sc_category_allowed(SC_CATEGORY_PRIVATE_PERSON));
    assert_false(sc_category_allowed(SC_CATEGORY_UNKNOWN));
    assert_string_equal(sc_category_label(SC_CATEGORY_PUBLIC_BODY),
                        "établissement public");
    assert_string_equal(sc_category_label(SC_CATEGORY_LOCAL_AUTHORITY),
                        "collectivité territoriale");
    assert_string_equal(sc_category_label(SC_CATEGORY_PRIVATE_PERSON),
                        "particulier");
    assert_string_equal(sc_category_label(SC_CATEGORY_UNKNOWN),
                        "non reconnu");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_phrases_are_keys_and_appear_once),
        cmocka_unit_test(test_every_phrase_alone_is_its_own_category),
        cmocka_unit_test(test_key_joins_initials_and_folds),
        cmocka_unit_test(test_the_five_category_names_in_any_case_and_accents),
        cmocka_unit_test(test_enterprise_spellings),
        cmocka_unit_test(test_foreign_legal_forms),
        cmocka_unit_test(test_association_spellings),
        cmocka_unit_test(test_local_authority_spellings),
        cmocka_unit_test(test_public_body_spellings),
        cmocka_unit_test(test_administration_spellings),
        cmocka_unit_test(test_private_person_spellings),
        cmocka_unit_test(test_kin_words_yield_to_any_other_word),
        cmocka_unit_test(test_short_forms_that_are_words_yield_to_bodies),
        cmocka_unit_test(test_words_match_on_boundaries_only),
        cmocka_unit_test(test_precedence_person_form_body_trade_kin),
        cmocka_unit_test(test_longer_phrase_hides_the_words_inside_it),
        cmocka_unit_test(test_unknown_types),
        cmocka_unit_test(test_read_tells_a_category_written_by_its_name),
        cmocka_unit_test(test_allowed_and_labels),
    };
    return cmocka_run_group_tests_name("category", tests, NULL, NULL);
}
