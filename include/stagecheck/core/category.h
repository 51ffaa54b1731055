/*
 * category.h - the five kinds of structure the FAQ names, and the synonym
 * table that tells which one a typed "Type de structure" is.
 *
 * "Les élèves peuvent effectuer leur séquence dans des associations, des
 * administrations, des établissements publics, des collectivités
 * territoriales ainsi que dans des entreprises." What secretaries type is
 * rarely one of those five words: it is a legal form ("SARL", "GmbH"), the
 * kind of body ("Mairie de …", "Lycée", "Club de foot") or a trade
 * ("Boulangerie"). The table lives in category.c, in one place.
 */
#ifndef STAGECHECK_CORE_CATEGORY_H
#define STAGECHECK_CORE_CATEGORY_H

#include <stddef.h>
#include "stagecheck/base/error.h"

/** What a typed structure type is. */
typedef enum sc_category {
    SC_CATEGORY_UNKNOWN = 0,     /* nothing of the table in it */
    SC_CATEGORY_ENTERPRISE,      /* entreprise */
    SC_CATEGORY_ASSOCIATION,     /* association */
    SC_CATEGORY_ADMINISTRATION,  /* administration */
    SC_CATEGORY_PUBLIC_BODY,     /* établissement public */
    SC_CATEGORY_LOCAL_AUTHORITY, /* collectivité territoriale */
    SC_CATEGORY_PRIVATE_PERSON   /* a particulier: no structure at all */
} sc_category;

/** How strongly an entry of the table says what a label is, strongest
 *  first: when a label holds entries of two ranks, the stronger wins
 *  ("Musée (association)" is an association). */
typedef enum sc_category_rank {
    SC_CATEGORY_RANK_PERSON = 0, /* "particulier", "chez M. …" */
    SC_CATEGORY_RANK_FORM,       /* legal form or category name: "SARL" */
    SC_CATEGORY_RANK_BODY,       /* kind of body: "mairie", "lycée" */
    SC_CATEGORY_RANK_TRADE,      /* trade: "boulangerie", "cabinet" */
    SC_CATEGORY_RANK_KIN         /* a kin or neighbour word: "oncle",
                                    "voisin"; a person only when nothing
                                    else matches, or after "chez mon" */
} sc_category_rank;

/** One entry of the synonym table. phrase is in the form sc_category_key
 *  gives: lower-case words without accents, one space between them. */
typedef struct sc_category_entry {
    const char *phrase;
    sc_category category;
    sc_category_rank rank;
} sc_category_entry;

/** The synonym table, and its size in *n. */
const sc_category_entry *sc_category_table(size_t *n);

/** Returns the form typed is matched in, in a new string the caller frees
 *  (NULL when out of memory): as sc_text_fold (no case, accents or
 *  punctuation, one space between words), after the dots of initials are
 *  dropped so that "S.A.R.L." is "sarl" and "e.V." is "ev". */
char *sc_category_key(const char *typed);

/** Tells the category of typed (NULL is UNKNOWN) into *category: the
 *  table's phrases are looked for as whole words anywhere in it ("SARL
 *  Dupont Plomberie", but not "SA" in "Sandrine"). A phrase inside a
 *  longer one that also matches does not count ("syndicat" in "syndicat
 *  intercommunal"); of the others the strongest rank wins, then the one
 *  that starts first. A kin word after "chez" and a determiner ("chez mon
 *  oncle") is of the person rank; "particuliers" counts only alone.
 *  Returns SC_OK or SC_ERROR_MEMORY. */
sc_error sc_category_of(const char *typed, sc_category *category);

/** sc_category_of, and *named (unless named is NULL) set to 1 when typed
 *  is the category's own name ("Entreprise", "etablissement  public",
 *  "Particulier"), 0 otherwise. */
sc_error sc_category_read(const char *typed, sc_category *category,
                          int *named);

/** Returns 1 for the five categories the FAQ allows, 0 for a private
 *  person or an unknown type. */
int sc_category_allowed(sc_category category);

/** The French name: "entreprise", "association", "administration",
 *  "établissement public", "collectivité territoriale", "particulier";
 *  "non reconnu" for UNKNOWN. */
const char *sc_category_label(sc_category category);

#endif /* STAGECHECK_CORE_CATEGORY_H */
