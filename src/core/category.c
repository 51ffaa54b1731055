/*
 * category.c - the synonym table of the five kinds of structure.
 *
 * Rule: "Les élèves peuvent effectuer leur séquence dans des associations,
 * des administrations, des établissements publics, des collectivités
 * territoriales ainsi que dans des entreprises." (and, abroad, "une
 * structure (entreprise, association, organisme public...)")
 *
 * Each phrase is written as sc_category_key folds it (no case, accents or
 * punctuation; "S.A.R.L." is "sarl"); tests/core/test_category.c checks
 * that, and that no phrase comes twice. To add a synonym, add one line to
 * the category and rank it belongs to.
 */
#include <stdlib.h>
#include <string.h>
#include "stagecheck/core/category.h"
#include "stagecheck/base/text.h"

#define ENT(p, r) {p, SC_CATEGORY_ENTERPRISE, SC_CATEGORY_RANK_##r}
#define ASSO(p, r) {p, SC_CATEGORY_ASSOCIATION, SC_CATEGORY_RANK_##r}
#define ADM(p, r) {p, SC_CATEGORY_ADMINISTRATION, SC_CATEGORY_RANK_##r}
#define EPUB(p, r) {p, SC_CATEGORY_PUBLIC_BODY, SC_CATEGORY_RANK_##r}
#define COLL(p, r) {p, SC_CATEGORY_LOCAL_AUTHORITY, SC_CATEGORY_RANK_##r}
#define PERS(p) {p, SC_CATEGORY_PRIVATE_PERSON, SC_CATEGORY_RANK_PERSON}
#define KIN(p) {p, SC_CATEGORY_PRIVATE_PERSON, SC_CATEGORY_RANK_KIN}

static const sc_category_entry table[] = {
    /* --- A private person: no structure. Only the forms no organisation
     * bears are of the person rank, and win over everything. Family words
     * inside a longer phrase of the table do not count ("parents
     * d'élèves"); "particuliers" counts only as the whole label ("agence
     * particuliers" is a bank's). */
    PERS("particulier"), PERS("particuliere"), PERS("particuliers"),
    PERS("un particulier"), PERS("chez un particulier"),
    PERS("personne privee"), PERS("personne individuelle"),
    /* "chez" alone would take "chez Airbus" for a person, and "chez moi",
     * "chez nous" are restaurants' names as often as homes */
    PERS("chez m"), PERS("chez mme"), PERS("chez mr"),
    PERS("chez mlle"), PERS("chez monsieur"), PERS("chez madame"),
    PERS("chez lui"), PERS("chez elle"),
    PERS("m et mme"), PERS("mr et mme"), PERS("monsieur et madame"),
    PERS("domicile prive"),
    /* Kin and neighbour words are also names of places and firms
     * ("Sainte-Mère-Église", "Voisins-le-Bretonneux", "Garage Cousin",
     * "pôle mère-enfant"): a person only when nothing else in the label
     * matches ("mon oncle"), or after "chez" and a determiner ("chez ma
     * tante"), which kin_after_chez tells. */
    KIN("voisin"), KIN("voisine"), KIN("voisins"), KIN("voisines"),
    KIN("famille"), KIN("en famille"), KIN("parent"),
    KIN("parents"), KIN("pere"), KIN("mere"), KIN("oncle"), KIN("tante"),
    KIN("cousin"), KIN("cousine"), KIN("grand pere"), KIN("grand mere"),
    KIN("grands parents"), KIN("grand parent"), KIN("parrain"),
    KIN("marraine"), KIN("frere"), KIN("soeur"), KIN("ami de la famille"),
    KIN("amie de la famille"),

    /* --- entreprise: the name, French legal forms, and the forms of the
     * countries pupils go to. */
    ENT("entreprise", FORM), ENT("entreprises", FORM),
    ENT("entrepise", FORM), ENT("entreprize", FORM), ENT("entrprise", FORM),
    ENT("entreprse", FORM), ENT("enteprise", FORM), ENT("entrerprise", FORM),
    ENT("entreprsie", FORM), ENT("entrepirse", FORM),
    ENT("entreprise privee", FORM), ENT("societe", FORM),
    ENT("societes", FORM), ENT("sarl", FORM),
    ENT("s a r l", FORM), ENT("s a s", FORM), ENT("s a s u", FORM),
    ENT("e u r l", FORM), ENT("eurl", FORM), ENT("sas", FORM),
    ENT("sasu", FORM), ENT("sca", FORM), ENT("scs", FORM),
    ENT("snc", FORM), ENT("sci", FORM), ENT("scop", FORM), ENT("scic", FORM),
    ENT("scp", FORM), ENT("sel", FORM), ENT("selarl", FORM),
    ENT("selas", FORM), ENT("selasu", FORM), ENT("selafa", FORM),
    ENT("selca", FORM), ENT("sem", FORM), ENT("saem", FORM),
    ENT("spl", FORM), ENT("gie", FORM), ENT("gaec", FORM), ENT("earl", FORM),
    ENT("scea", FORM), ENT("cuma", FORM), ENT("ei", FORM), ENT("eirl", FORM),
    ENT("entreprise individuelle", FORM), ENT("micro entreprise", FORM),
    ENT("microentreprise", FORM), ENT("micro entrepreneur", FORM),
    ENT("auto entrepreneur", FORM), ENT("autoentrepreneur", FORM),
    ENT("auto entreprise", FORM), ENT("autoentreprise", FORM),
    ENT("auto entrepreneuse", FORM), ENT("entrepreneur", FORM),
    ENT("entrepreneur individuel", FORM), ENT("ets", FORM),
    ENT("etablissements", FORM), ENT("etbs", FORM),
    ENT("societe anonyme", FORM),
    ENT("societe a responsabilite limitee", FORM),
    ENT("societe par actions simplifiee", FORM),
    ENT("societe en nom collectif", FORM), ENT("societe civile", FORM),
    ENT("societe cooperative", FORM), ENT("cooperative", FORM),
    ENT("societe d economie mixte", FORM), ENT("societe publique locale", FORM),
    ENT("entreprise publique", FORM), ENT("mutuelle", FORM),
    ENT("profession liberale", FORM), ENT("liberal", FORM),
    ENT("travailleur independant", FORM), ENT("independant", FORM),
    ENT("freelance", FORM), ENT("pme", FORM), ENT("tpe", FORM),
    ENT("pmi", FORM), ENT("eti", FORM), ENT("start up", FORM),
    ENT("startup", FORM), ENT("multinationale", FORM),
    ENT("filiale", FORM), ENT("franchise", FORM), ENT("holding", FORM),
    ENT("entreprise familiale", FORM),
    ENT("entreprise artisanale", FORM), ENT("la poste", FORM),
    ENT("sncf", FORM), ENT("edf", FORM), ENT("gmbh", FORM),
    ENT("ggmbh", FORM), ENT("gmbh co kg", FORM), ENT("ag", FORM),
    ENT("kg", FORM), ENT("ohg", FORM), ENT("ug", FORM), ENT("ltd", FORM),
    ENT("limited", FORM), ENT("plc", FORM), ENT("llc", FORM),
    ENT("llp", FORM), ENT("inc", FORM), ENT("incorporated", FORM),
    ENT("corp", FORM), ENT("corporation", FORM), ENT("company", FORM),
    ENT("pty", FORM), ENT("pte", FORM), ENT("sl", FORM), ENT("slu", FORM),
    ENT("sociedad limitada", FORM), ENT("sociedad anonima", FORM),
    ENT("srl", FORM), ENT("sagl", FORM), ENT("societa", FORM),
    ENT("societa per azioni", FORM),
    ENT("bv", FORM), ENT("nv", FORM), ENT("bvba", FORM), ENT("sprl", FORM),
    ENT("s a rl", FORM), ENT("oy", FORM), ENT("ab", FORM),
    ENT("aps", FORM), ENT("sro", FORM), ENT("kft", FORM),
    ENT("sp z oo", FORM), ENT("sp z o o", FORM), ENT("lda", FORM),
    ENT("ltda", FORM), ENT("firma", FORM), ENT("unternehmen", FORM),
    ENT("empresa", FORM), ENT("impresa", FORM), ENT("business", FORM),
    ENT("firm", FORM),

    /* --- entreprise: short forms that are also French words, ranked
     * with the trades so that an organisation beats them: "Sté" folds as
     * "Ste" (Sainte: "Mairie de Ste-Foy", "Lycée Ste Marie"), "SA" as the
     * possessive "sa" ("Mairie de sa commune"). */
    ENT("ste", TRADE), ENT("sa", TRADE),

    /* --- entreprise: trades. */
    ENT("artisan", TRADE), ENT("artisane", TRADE), ENT("artisans", TRADE),
    ENT("artisanat", TRADE), ENT("commercant", TRADE),
    ENT("commercante", TRADE), ENT("commercants", TRADE),
    ENT("commerce", TRADE), ENT("commerces", TRADE), ENT("magasin", TRADE),
    ENT("boutique", TRADE), ENT("enseigne", TRADE), ENT("cabinet", TRADE),
    ENT("agence", TRADE), ENT("boulangerie", TRADE),
    ENT("patisserie", TRADE), ENT("boucherie", TRADE),
    ENT("charcuterie", TRADE), ENT("poissonnerie", TRADE),
    ENT("fromagerie", TRADE), ENT("epicerie", TRADE),
    ENT("supermarche", TRADE), ENT("hypermarche", TRADE),
    ENT("superette", TRADE), ENT("grande surface", TRADE),
    ENT("centre commercial", TRADE), ENT("garage", TRADE),
    ENT("carrosserie", TRADE), ENT("concession automobile", TRADE),
    ENT("concessionnaire", TRADE), ENT("pharmacie", TRADE),
    ENT("officine", TRADE), ENT("laboratoire d analyses", TRADE),
    ENT("clinique", TRADE), ENT("veterinaire", TRADE), ENT("avocat", TRADE),
    ENT("avocats", TRADE), ENT("notaire", TRADE), ENT("notaires", TRADE),
    ENT("etude notariale", TRADE), ENT("office notarial", TRADE),
    ENT("huissier", TRADE), ENT("commissaire de justice", TRADE),
    ENT("expert comptable", TRADE), ENT("architecte", TRADE),
    ENT("architectes", TRADE), ENT("dentiste", TRADE),
    ENT("kinesitherapeute", TRADE), ENT("kine", TRADE),
    ENT("osteopathe", TRADE), ENT("medecin", TRADE),
    ENT("orthophoniste", TRADE), ENT("banque", TRADE),
    ENT("assurance", TRADE), ENT("assurances", TRADE),
    ENT("assureur", TRADE), ENT("hotel", TRADE), ENT("restaurant", TRADE),
    ENT("brasserie", TRADE), ENT("cafe", TRADE), ENT("bar", TRADE),
    ENT("traiteur", TRADE), ENT("restauration", TRADE),
    ENT("camping", TRADE), ENT("imprimerie", TRADE), ENT("librairie", TRADE),
    ENT("fleuriste", TRADE), ENT("coiffeur", TRADE), ENT("coiffure", TRADE),
    ENT("salon de coiffure", TRADE), ENT("institut de beaute", TRADE),
    ENT("esthetique", TRADE), ENT("opticien", TRADE), ENT("optique", TRADE),
    ENT("bijouterie", TRADE), ENT("menuiserie", TRADE),
    ENT("plomberie", TRADE), ENT("plombier", TRADE),
    ENT("electricien", TRADE), ENT("maconnerie", TRADE),
    ENT("batiment", TRADE), ENT("btp", TRADE), ENT("charpente", TRADE),
    ENT("paysagiste", TRADE), ENT("jardinerie", TRADE), ENT("ferme", TRADE),
    ENT("exploitation agricole", TRADE), ENT("exploitant agricole", TRADE),
    ENT("agriculteur", TRADE), ENT("viticulteur", TRADE),
    ENT("domaine viticole", TRADE), ENT("usine", TRADE),
    ENT("industrie", TRADE), ENT("atelier", TRADE), ENT("studio", TRADE),
    ENT("bureau d etudes", TRADE), ENT("ingenierie", TRADE),
    ENT("esn", TRADE), ENT("ssii", TRADE), ENT("editeur", TRADE),
    ENT("maison d edition", TRADE), ENT("transport", TRADE),
    ENT("transports", TRADE), ENT("transporteur", TRADE),
    ENT("taxi", TRADE), ENT("ambulances", TRADE), ENT("auto ecole", TRADE),
    ENT("grossiste", TRADE), ENT("chocolaterie", TRADE),
    ENT("chocolatier", TRADE), ENT("confiserie", TRADE),
    ENT("aide a domicile", TRADE), ENT("services aux particuliers", TRADE),
    ENT("service aux particuliers", TRADE), ENT("cours particuliers", TRADE),
    ENT("services a la personne", TRADE), ENT("shop", TRADE),
    ENT("store", TRADE), ENT("compagnie", TRADE), ENT("cie", TRADE),

    /* --- association. */
    ASSO("association", FORM), ASSO("associations", FORM),
    ASSO("asso", FORM), ASSO("assoc", FORM), ASSO("assos", FORM),
    ASSO("asociation", FORM), ASSO("assocation", FORM),
    ASSO("associaton", FORM), ASSO("assosiation", FORM),
    ASSO("assiciation", FORM), ASSO("associatif", FORM),
    ASSO("associative", FORM), ASSO("loi 1901", FORM),
    ASSO("association loi 1901", FORM), ASSO("loi 1908", FORM),
    ASSO("association de droit local", FORM), ASSO("fondation", FORM),
    ASSO("fonds de dotation", FORM), ASSO("ong", FORM), ASSO("ngo", FORM),
    ASSO("syndicat", FORM), ASSO("asbl", FORM), ASSO("vzw", FORM),
    ASSO("aisbl", FORM), ASSO("ev", FORM), ASSO("e v", FORM), ASSO("verein", FORM),
    ASSO("eingetragener verein", FORM), ASSO("stiftung", FORM),
    ASSO("charity", FORM), ASSO("non profit", FORM),
    ASSO("nonprofit", FORM), ASSO("onlus", FORM), ASSO("asociacion", FORM),
    ASSO("associazione", FORM), ASSO("fundacion", FORM),
    ASSO("club", BODY), ASSO("clubs", BODY), ASSO("club sportif", BODY),
    ASSO("fc", BODY), ASSO("football club", BODY), ASSO("as", BODY),
    ASSO("association sportive", BODY), ASSO("federation", BODY),
    ASSO("federations", BODY), ASSO("amicale", BODY), ASSO("ligue", BODY),
    ASSO("comite des fetes", BODY), ASSO("mjc", BODY),
    ASSO("maison des jeunes", BODY),
    ASSO("maison des jeunes et de la culture", BODY),
    ASSO("centre social", BODY), ASSO("foyer rural", BODY),
    ASSO("parents d eleves", BODY), ASSO("association de parents", BODY),
    ASSO("association des parents", BODY), ASSO("ape", BODY),
    ASSO("fcpe", BODY), ASSO("peep", BODY), ASSO("familles rurales", BODY),
    ASSO("restos du coeur", BODY), ASSO("restaurants du coeur", BODY),
    ASSO("croix rouge", BODY), ASSO("secours populaire", BODY),
    ASSO("secours catholique", BODY), ASSO("emmaus", BODY),
    ASSO("banque alimentaire", BODY), ASSO("scouts", BODY),
    ASSO("scout", BODY), ASSO("eclaireurs", BODY),
    /* the Société protectrice des animaux; the Italian S.p.A. reads the
     * same and is an entreprise, allowed all the same */
    ASSO("spa", BODY),
    ASSO("refuge", BODY), ASSO("mission locale", BODY),
    ASSO("chorale", BODY), ASSO("troupe", BODY),
    ASSO("compagnie de theatre", BODY), ASSO("cercle", BODY),
    ASSO("syndicat d initiative", BODY), ASSO("maison familiale rurale", BODY),
    ASSO("mfr", BODY), ASSO("ecole privee", BODY), ASSO("lycee prive", BODY),
    ASSO("college prive", BODY), ASSO("etablissement prive", BODY),
    ASSO("ogec", BODY),

    /* --- administration: the State's services, at home and abroad. */
    ADM("administration", FORM), ADM("administrations", FORM),
    ADM("adminstration", FORM), ADM("administation", FORM),
    ADM("administraton", FORM), ADM("admnistration", FORM),
    ADM("admin", FORM),
    ADM("administration publique", FORM),
    ADM("administration d etat", FORM), ADM("service public", FORM),
    ADM("services publics", FORM), ADM("fonction publique", FORM),
    ADM("service de l etat", FORM), ADM("services de l etat", FORM),
    ADM("etat", FORM), ADM("public administration", FORM),
    ADM("government", FORM), ADM("verwaltung", FORM), ADM("behorde", FORM),
    ADM("prefecture", BODY), ADM("sous prefecture", BODY),
    ADM("ministere", BODY), ADM("ministry", BODY), ADM("ministerium", BODY),
    ADM("ministerio", BODY), ADM("tribunal", BODY),
    ADM("tribunal judiciaire", BODY), ADM("tribunal administratif", BODY),
    ADM("tribunal de commerce", BODY), ADM("cour d appel", BODY),
    ADM("palais de justice", BODY), ADM("conseil de prud hommes", BODY),
    ADM("prud hommes", BODY), ADM("maison de justice", BODY),
    ADM("spip", BODY), ADM("centre penitentiaire", BODY),
    ADM("maison d arret", BODY), ADM("gendarmerie", BODY),
    ADM("brigade de gendarmerie", BODY), ADM("police", BODY),
    ADM("police nationale", BODY), ADM("commissariat", BODY),
    ADM("hotel de police", BODY), ADM("ddfip", BODY), ADM("drfip", BODY),
    ADM("dgfip", BODY), ADM("finances publiques", BODY),
    ADM("centre des finances publiques", BODY), ADM("tresor public", BODY),
    ADM("tresorerie", BODY), ADM("impots", BODY),
    ADM("centre des impots", BODY), ADM("sip", BODY), ADM("rectorat", BODY),
    ADM("dsden", BODY), ADM("inspection academique", BODY),
    ADM("direction departementale", BODY), ADM("ddt", BODY),
    ADM("ddtm", BODY), ADM("ddpp", BODY), ADM("ddets", BODY),
    ADM("dreal", BODY), ADM("dreets", BODY), ADM("draaf", BODY),
    ADM("drac", BODY), ADM("douane", BODY), ADM("douanes", BODY),
    ADM("armee", BODY), ADM("armee de terre", BODY),
    ADM("armee de l air", BODY), ADM("marine nationale", BODY),
    ADM("caserne", BODY), ADM("regiment", BODY), ADM("base aerienne", BODY),
    ADM("ambassade", BODY), ADM("consulat", BODY), ADM("embassy", BODY),
    ADM("assemblee nationale", BODY), ADM("senat", BODY),
    ADM("conseil d etat", BODY), ADM("cour des comptes", BODY),
    ADM("chambre regionale des comptes", BODY), ADM("insee", BODY),
    ADM("caf", BODY), ADM("caisse d allocations familiales", BODY),
    ADM("cpam", BODY), ADM("caisse primaire d assurance maladie", BODY),
    ADM("assurance maladie", BODY), ADM("securite sociale", BODY),
    ADM("urssaf", BODY), ADM("msa", BODY), ADM("carsat", BODY),
    ADM("france services", BODY),

    /* --- établissement public. */
    EPUB("etablissement public", FORM), EPUB("etablissements publics", FORM),
    EPUB("etablissement publique", FORM), EPUB("etablissement pubic", FORM),
    EPUB("etablisement public", FORM), EPUB("etablissment public", FORM),
    EPUB("etablissemnt public", FORM), EPUB("etablissement publics", FORM),
    EPUB("etb public", FORM), EPUB("ets public", FORM),
    EPUB("etab public", FORM), EPUB("etabl public", FORM), EPUB("epa", FORM), EPUB("epic", FORM),
    EPUB("epst", FORM), EPUB("epscp", FORM), EPUB("eple", FORM),
    EPUB("organisme public", FORM), EPUB("organismes publics", FORM),
    EPUB("secteur public", FORM), EPUB("gip", FORM),
    EPUB("groupement d interet public", FORM), EPUB("public body", FORM),
    EPUB("centre communal d action sociale", FORM), EPUB("ccas", FORM),
    EPUB("cias", FORM),
    EPUB("college", BODY), EPUB("lycee", BODY), EPUB("lycee professionnel", BODY),
    EPUB("lycee agricole", BODY), EPUB("lpo", BODY), EPUB("lgt", BODY),
    EPUB("cfa", BODY), EPUB("greta", BODY), EPUB("cio", BODY),
    EPUB("ecole", BODY), EPUB("ecole primaire", BODY),
    EPUB("ecole maternelle", BODY), EPUB("ecole elementaire", BODY),
    EPUB("groupe scolaire", BODY), EPUB("etablissement scolaire", BODY),
    EPUB("etablissement d enseignement", BODY), EPUB("creche", BODY),
    EPUB("universite", BODY), EPUB("univ", BODY), EPUB("iut", BODY),
    EPUB("inspe", BODY), EPUB("faculte", BODY), EPUB("fac", BODY),
    EPUB("ens", BODY), EPUB("insa", BODY), EPUB("cnrs", BODY),
    EPUB("inserm", BODY), EPUB("inrae", BODY), EPUB("inra", BODY),
    EPUB("cea", BODY), EPUB("cnes", BODY), EPUB("ifremer", BODY),
    EPUB("ird", BODY), EPUB("inria", BODY), EPUB("crous", BODY),
    EPUB("onisep", BODY), EPUB("canope", BODY), EPUB("cned", BODY),
    EPUB("hopital", BODY), EPUB("hopitaux", BODY), EPUB("chu", BODY),
    EPUB("chr", BODY), EPUB("chru", BODY), EPUB("chs", BODY),
    EPUB("centre hospitalier", BODY),
    EPUB("centre hospitalier universitaire", BODY),
    EPUB("centre hospitalier regional", BODY),
    EPUB("groupe hospitalier", BODY), EPUB("ap hp", BODY),
    EPUB("ap hm", BODY), EPUB("hospices civils", BODY),
    EPUB("etablissement hospitalier", BODY),
    EPUB("etablissement de sante", BODY), EPUB("ehpad", BODY),
    EPUB("musee", BODY), EPUB("musees", BODY), EPUB("museum", BODY),
    EPUB("bibliotheque", BODY), EPUB("mediatheque", BODY),
    EPUB("conservatoire", BODY), EPUB("opera", BODY),
    EPUB("office de tourisme", BODY), EPUB("office du tourisme", BODY),
    EPUB("chambre de commerce", BODY),
    EPUB("chambre de commerce et d industrie", BODY), EPUB("cci", BODY),
    EPUB("chambre des metiers", BODY), EPUB("chambre de metiers", BODY),
    EPUB("chambre de metiers et de l artisanat", BODY), EPUB("cma", BODY),
    EPUB("chambre d agriculture", BODY), EPUB("ratp", BODY),
    EPUB("pole emploi", BODY), EPUB("france travail", BODY),
    EPUB("ars", BODY), EPUB("agence regionale de sante", BODY),
    EPUB("sdis", BODY), EPUB("centre de secours", BODY),
    EPUB("pompiers", BODY), EPUB("sapeurs pompiers", BODY),
    EPUB("caserne des pompiers", BODY), EPUB("onf", BODY),
    EPUB("office national des forets", BODY), EPUB("ofb", BODY),
    EPUB("ademe", BODY), EPUB("meteo france", BODY), EPUB("ign", BODY),
    EPUB("inrap", BODY), EPUB("bnf", BODY), EPUB("banque de france", BODY),
    EPUB("parc national", BODY), EPUB("university", BODY),
    EPUB("universitat", BODY), EPUB("universidad", BODY),
    EPUB("universita", BODY), EPUB("school", BODY), EPUB("hospital", BODY),
    EPUB("krankenhaus", BODY), EPUB("museo", BODY),

    /* --- collectivité territoriale. The intercommunalités are, in law,
     * établissements publics; secretaries and the FAQ's readers take them
     * for local government, and the category shown follows them. */
    COLL("collectivite territoriale", FORM),
    COLL("collectivites territoriales", FORM),
    COLL("collectivite territorial", FORM),
    COLL("collectivite teritoriale", FORM),
    COLL("colectivite territoriale", FORM),
    COLL("collectivite terr", FORM), COLL("coll territoriale", FORM),
    COLL("coll terr", FORM), COLL("collectivite", FORM),
    COLL("collectivites", FORM), COLL("collectivite locale", FORM),
    COLL("collectivites locales", FORM), COLL("territoriale", FORM),
    COLL("municipal", FORM), COLL("municipale", FORM),
    COLL("municipales", FORM), COLL("municipaux", FORM),
    COLL("communal", FORM), COLL("communale", FORM),
    COLL("communales", FORM), COLL("communaux", FORM),
    COLL("intercommunal", FORM), COLL("intercommunale", FORM),
    COLL("intercommunales", FORM), COLL("intercommunaux", FORM),
    COLL("mairie", BODY), COLL("hotel de ville", BODY),
    COLL("commune", BODY), COLL("municipalite", BODY),
    COLL("ville de", BODY), COLL("conseil municipal", BODY),
    COLL("conseil departemental", BODY), COLL("conseil general", BODY),
    COLL("departement", BODY), COLL("hotel du departement", BODY),
    COLL("archives departementales", BODY),
    COLL("conseil regional", BODY), COLL("region", BODY),
    COLL("hotel de region", BODY), COLL("communaute de communes", BODY),
    COLL("communaute d agglomeration", BODY),
    COLL("communaute urbaine", BODY), COLL("agglomeration", BODY),
    COLL("agglo", BODY), COLL("metropole", BODY),
    COLL("syndicat intercommunal", BODY), COLL("syndicat mixte", BODY),
    COLL("syndicat des eaux", BODY),
    COLL("sivom", BODY), COLL("sivu", BODY), COLL("epci", BODY),
    COLL("intercommunalite", BODY), COLL("police municipale", BODY),
    COLL("collectivite de corse", BODY),
    COLL("collectivite europeenne d alsace", BODY),
    COLL("city council", BODY), COLL("council", BODY),
    COLL("municipality", BODY), COLL("gemeinde", BODY),
    COLL("stadtverwaltung", BODY), COLL("rathaus", BODY),
    COLL("ayuntamiento", BODY), COLL("comune", BODY),
    COLL("municipio", BODY), COLL("gemeente", BODY),
};

#define NTABLE (sizeof table / sizeof *table)
/* Matches kept per label; a label holding more is not a type. */
#define MAX_MATCHES 32

const sc_category_entry *sc_category_table(size_t *n)
{
    *n = NTABLE;
    return table;
}

/* The table sorted by phrase, built at the first look-up; the program
 * checks from one thread. */
static const sc_category_entry *sorted[NTABLE];
static int sorted_ready;
static int max_words; /* of the longest phrase */

static int entry_cmp(const void *a, const void *b)
{
    const sc_category_entry *const *x = a, *const *y = b;

    return strcmp((*x)->phrase, (*y)->phrase);
}

static void sort_table(void)
{
    for (size_t i = 0; i < NTABLE; i++) {
        int words = 1;

        for (const char *p = table[i].phrase; *p; p++)
            words += *p == ' ';
        if (words > max_words)
            max_words = words;
        sorted[i] = &table[i];
    }
    qsort(sorted, NTABLE, sizeof *sorted, entry_cmp);
    sorted_ready = 1;
}

/* The entry whose phrase is the len bytes at p, or NULL. */
static const sc_category_entry *lookup(const char *p, size_t len)
{
    size_t lo = 0, hi = NTABLE;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *phrase = sorted[mid]->phrase;
        int c = strncmp(phrase, p, len);

        if (c == 0)
            c = phrase[len] != '\0';
        if (c == 0)
            return sorted[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Letters, digits and every byte of a non-ASCII character. */
static int is_word_byte(char c)
{
    return is_ascii_letter(c) || (c >= '0' && c <= '9') ||
           (unsigned char)c >= 0x80;
}

/* 1 if s[i] is a letter standing alone: no letter or digit touches it. */
static int lone_letter(const char *s, size_t i)
{
    return is_ascii_letter(s[i]) && (i == 0 || !is_word_byte(s[i - 1])) &&
           !is_word_byte(s[i + 1]);
}

char *sc_category_key(const char *typed)
{
    size_t len = strlen(typed ? typed : "");
    char *joined = malloc(len + 1), *w = joined, *key;
    const char *s = typed ? typed : "";
    size_t i = 0;

    if (!joined)
        return NULL;
    /* Initials written with dots are one word: "S.A.R.L." is "SARL",
     * "e.V." is "eV"; "M. Dupont" keeps its two words. */
    while (i < len) {
        size_t j = i, n = 0;

        while (lone_letter(s, j) && s[j + 1] == '.') {
            n++;
            j += 2;
        }
        if (n >= 1 && lone_letter(s, j)) { /* "S.A.R.L": last one, no dot */
            n++;
            j++;
        }
        if (n < 2) {
            *w++ = s[i++];
            continue;
        }
        for (size_t k = i; k < j; k++)
            if (s[k] != '.')
                *w++ = s[k];
        i = j;
    }
    *w = '\0';
    key = sc_text_fold(joined);
    free(joined);
    /* The ligatures utf8proc keeps, as French spells them without: "cœur"
     * is "coeur". Each takes two bytes, as its two letters do. */
    for (char *p = key; p && *p; p++)
        if ((unsigned char)p[0] == 0xC5 && (unsigned char)p[1] == 0x93)
            memcpy(p, "oe", 2);
        else if ((unsigned char)p[0] == 0xC3 && (unsigned char)p[1] == 0xA6)
            memcpy(p, "ae", 2);
    return key;
}

typedef struct match {
    size_t start, end; /* bytes of the key */
    const sc_category_entry *entry;
} match;

/* 1 if a lies inside b, and b is longer. */
static int inside(const match *a, const match *b)
{
    return b->start <= a->start && a->end <= b->end &&
           b->end - b->start > a->end - a->start;
}

/* 1 if the kin word at start follows "chez" and a determiner ("chez ma
 * tante", "chez des voisins", "chez l'oncle"): a home, not a firm's name. */
static int kin_after_chez(const char *key, size_t start)
{
    static const char *const determiners[] = {
        "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses",
        "notre", "nos", "votre", "vos", "leur", "leurs", "un", "une",
        "des", "le", "la", "les", "l"};

    for (size_t i = 0; i < sizeof determiners / sizeof *determiners; i++) {
        size_t len = strlen(determiners[i]) + 6; /* "chez " and a space */
        const char *p;

        if (start < len)
            continue;
        p = key + start - len;
        if ((p == key || p[-1] == ' ') && strncmp(p, "chez ", 5) == 0 &&
            strncmp(p + 5, determiners[i], len - 6) == 0 && p[len - 1] == ' ')
            return 1;
    }
    return 0;
}

/* The rank a match counts for in key, or -1 when it does not count. */
static int match_rank(const match *m, const char *key)
{
    const sc_category_entry *e = m->entry;

    if (e->rank == SC_CATEGORY_RANK_KIN && kin_after_chez(key, m->start))
        return SC_CATEGORY_RANK_PERSON;
    /* "particuliers" alone is a private person; in "agence particuliers"
     * it is whom a firm serves. */
    if (strcmp(e->phrase, "particuliers") == 0 &&
        (m->start != 0 || key[m->end] != '\0'))
        return -1;
    return (int)e->rank;
}

/* Each category's name as sc_category_key folds it. */
static const char *const name_keys[] = {
    [SC_CATEGORY_ENTERPRISE] = "entreprise",
    [SC_CATEGORY_ASSOCIATION] = "association",
    [SC_CATEGORY_ADMINISTRATION] = "administration",
    [SC_CATEGORY_PUBLIC_BODY] = "etablissement public",
    [SC_CATEGORY_LOCAL_AUTHORITY] = "collectivite territoriale",
    [SC_CATEGORY_PRIVATE_PERSON] = "particulier"};

sc_error sc_category_of(const char *typed, sc_category *category)
{
    return sc_category_read(typed, category, NULL);
}

sc_error sc_category_read(const char *typed, sc_category *category,
                          int *named)
{
    match found[MAX_MATCHES];
    size_t nfound = 0;
    const match *best = NULL;
    int best_rank = 0;
    char *key;

    *category = SC_CATEGORY_UNKNOWN;
    if (named)
        *named = 0;
    if (!typed)
        return SC_OK;
    if (!(key = sc_category_key(typed)))
        return SC_ERROR_MEMORY;
    if (!sorted_ready)
        sort_table();
    /* Every run of whole words that is a phrase. */
    for (size_t start = 0; key[start] && nfound < MAX_MATCHES;) {
        size_t end = start;

        for (int words = 0; words < max_words && key[end]; words++) {
            const sc_category_entry *e;

            if (words > 0)
                end++; /* the space */
            while (key[end] && key[end] != ' ')
                end++;
            e = lookup(key + start, end - start);
            if (e && nfound < MAX_MATCHES)
                found[nfound++] = (match){start, end, e};
        }
        while (key[start] && key[start] != ' ')
            start++;
        while (key[start] == ' ')
            start++;
    }
    for (size_t i = 0; i < nfound; i++) {
        const match *m = &found[i];
        int covered = 0, rank;

        for (size_t k = 0; k < nfound && !covered; k++)
            covered = inside(m, &found[k]);
        if (covered || (rank = match_rank(m, key)) < 0)
            continue;
        /* found is in order of start, then length: the first of a rank
         * is the one that starts first. */
        if (!best || rank < best_rank) {
            best = m;
            best_rank = rank;
        }
    }
    if (best)
        *category = best->entry->category;
    if (named && best)
        *named = strcmp(key, name_keys[*category]) == 0;
    free(key);
    return SC_OK;
}

int sc_category_allowed(sc_category category)
{
    return category >= SC_CATEGORY_ENTERPRISE &&
           category <= SC_CATEGORY_LOCAL_AUTHORITY;
}

const char *sc_category_label(sc_category category)
{
    switch (category) {
    case SC_CATEGORY_ENTERPRISE:
        return "entreprise";
    case SC_CATEGORY_ASSOCIATION:
        return "association";
    case SC_CATEGORY_ADMINISTRATION:
        return "administration";
    case SC_CATEGORY_PUBLIC_BODY:
        return "établissement public";
    case SC_CATEGORY_LOCAL_AUTHORITY:
        return "collectivité territoriale";
    case SC_CATEGORY_PRIVATE_PERSON:
        return "particulier";
    default:
        return "non reconnu";
    }
}
