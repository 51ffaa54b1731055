/*
 * cli.c - the command line (getopt_long), in French for users: one of the
 * two sources of the settings, the one that wins.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/settings/cli.h"
#include "stagecheck/base/text.h"

/* The option of the value getopt_long just gave, as the user wrote it:
 * "-o" of "-o ''", "--roll" of "--roll=". */
static void cli_option_name(char **argv, char *name, size_t size)
{
    const char *option = argv[optind - 1];

    if (option == optarg)
        option = argv[optind - 2];
    snprintf(name, size, "%.*s", (int)strcspn(option, "="), option);
}

/* Refuses an empty file name, folder or pattern, as the file does. */
static sc_error cli_text(char **argv, sc_diag *diag)
{
    char name[64];

    if (sc_settings_parse_text(optarg) == SC_SETTINGS_VALID)
        return SC_OK;
    cli_option_name(argv, name, sizeof name);
    sc_diag_set(diag, "", 0, "l'option %s attend une valeur", name);
    return SC_ERROR_USAGE;
}

/* Replaces *slot with a copy of optarg: the last of repeated options wins. */
static sc_error cli_set(char **slot, char **argv, sc_diag *diag)
{
    char *copy;
    sc_error err = cli_text(argv, diag);

    if (err != SC_OK)
        return err;
    if (!(copy = sc_text_dup(optarg)))
        return SC_ERROR_MEMORY;
    free(*slot);
    *slot = copy;
    return SC_OK;
}

/* Adds a copy of optarg to *list. */
static sc_error cli_push(char ***list, size_t *n, char **argv, sc_diag *diag)
{
    char **grown, *copy;
    sc_error err = cli_text(argv, diag);

    if (err != SC_OK)
        return err;
    if (!(copy = sc_text_dup(optarg)))
        return SC_ERROR_MEMORY;
    if (!(grown = realloc(*list, (*n + 1) * sizeof *grown))) {
        free(copy);
        return SC_ERROR_MEMORY;
    }
    grown[(*n)++] = copy;
    *list = grown;
    return SC_OK;
}

static sc_error cli_period(sc_settings *settings, sc_diag *diag)
{
    switch (sc_settings_parse_period(optarg, &settings->period)) {
    case SC_SETTINGS_VALID:
        settings->has_period = 1;
        return SC_OK;
    case SC_SETTINGS_REVERSED:
        sc_diag_set(diag, "", 0,
                    "--period %s : la date de début est après la date de fin",
                    optarg);
        return SC_ERROR_USAGE;
    case SC_SETTINGS_DAYS:
        sc_diag_set(diag, "", 0, "--period : la période doit compter entre "
                                 "1 et %d jours ouvrés", SC_PERIOD_MAX_DAYS);
        return SC_ERROR_PERIOD;
    default:
        sc_diag_set(diag, "", 0,
                    "--period %s : attendu AAAA-MM-JJ:AAAA-MM-JJ "
                    "(par exemple 2024-06-17:2024-06-28)", optarg);
        return SC_ERROR_USAGE;
    }
}

static sc_error cli_date(const char *option, int *has, sc_date *date,
                         sc_diag *diag)
{
    if (sc_settings_parse_date(optarg, date) != SC_SETTINGS_VALID) {
        sc_diag_set(diag, "", 0, "%s %s : date attendue AAAA-MM-JJ", option,
                    optarg);
        return SC_ERROR_USAGE;
    }
    *has = 1;
    return SC_OK;
}

static sc_error cli_wait(sc_settings *settings, sc_diag *diag)
{
    if (sc_settings_parse_wait(optarg, &settings->wait) !=
        SC_SETTINGS_VALID) {
        sc_diag_set(diag, "", 0,
                    "--wait %s : nombre de secondes attendu, de 0 à %d",
                    optarg, SC_SETTINGS_WAIT_MAX);
        return SC_ERROR_USAGE;
    }
    settings->has_wait = 1;
    return SC_OK;
}

static sc_error cli_jobs(sc_settings *settings, sc_diag *diag)
{
    if (sc_settings_parse_jobs(optarg, &settings->jobs) !=
        SC_SETTINGS_VALID) {
        sc_diag_set(diag, "", 0,
                    "-j %s : nombre de classeurs à écrire à la fois attendu, "
                    "de 1 à %d", optarg, SC_SETTINGS_JOBS_MAX);
        return SC_ERROR_USAGE;
    }
    settings->has_jobs = 1;
    return SC_OK;
}

/* Reads one option; sets *stop after --help and --version. */
static sc_error cli_option(sc_settings *s, int c, char **argv, int *stop,
                           sc_diag *diag)
{
    switch (c) {
    case 'r':
        return cli_push(&s->rolls, &s->nrolls, argv, diag);
    case 'p':
        return cli_push(&s->placements, &s->nplacements, argv, diag);
    case 'o':
        return cli_set(&s->output, argv, diag);
    case 'b':
        return cli_set(&s->by_school, argv, diag);
    case 'P':
        return cli_period(s, diag);
    case 'a':
        return cli_date("--as-of", &s->has_as_of, &s->as_of, diag);
    case 'c':
        return cli_set(&s->classes, argv, diag);
    case 'd':
        return cli_date("--deadline", &s->has_deadline, &s->deadline, diag);
    case 'C':
        return cli_set(&s->config, argv, diag);
    case 'w':
        return cli_wait(s, diag);
    case 'j':
        return cli_jobs(s, diag);
    case 'q':
        s->quiet = 1;
        return SC_OK;
    case 'h':
        s->help = *stop = 1;
        return SC_OK;
    case 'V':
        s->version = *stop = 1;
        return SC_OK;
    case ':':
        sc_diag_set(diag, "", 0, "l'option %s attend une valeur",
                    argv[optind - 1]);
        return SC_ERROR_USAGE;
    default:
        if (optopt)
            sc_diag_set(diag, "", 0, "option inconnue : -%c", optopt);
        else
            sc_diag_set(diag, "", 0, "option inconnue : %s",
                        argv[optind - 1]);
        return SC_ERROR_USAGE;
    }
}

sc_error sc_cli_parse(sc_settings *settings, int argc, char **argv,
                      sc_diag *diag)
{
    static const struct option longopts[] = {
        {"roll", required_argument, NULL, 'r'},
        {"placements", required_argument, NULL, 'p'},
        {"output", required_argument, NULL, 'o'},
        {"by-school", required_argument, NULL, 'b'},
        {"period", required_argument, NULL, 'P'},
        {"as-of", required_argument, NULL, 'a'},
        {"classes", required_argument, NULL, 'c'},
        {"deadline", required_argument, NULL, 'd'},
        {"config", required_argument, NULL, 'C'},
        {"wait", required_argument, NULL, 'w'},
        {"jobs", required_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    int c, stop = 0;
    sc_error err;

    memset(settings, 0, sizeof *settings);
    /* 0, not 1: glibc then also forgets a half-read "-hV" of a previous
     * call (tests call this with several argv in a row). */
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:j:qhV", longopts, NULL)) != -1) {
        if ((err = cli_option(settings, c, argv, &stop, diag)) != SC_OK)
            return err;
        if (stop)
            return SC_OK;
    }
    /* Files and folders named without --roll or --placements: their kind
     * is told from their content. */
    for (; optind < argc; optind++) {
        char **grown, *copy;

        if (!argv[optind][0]) {
            sc_diag_set(diag, "", 0, "nom de fichier vide sur la ligne de "
                                     "commande");
            return SC_ERROR_USAGE;
        }
        if (!(copy = sc_text_dup(argv[optind])))
            return SC_ERROR_MEMORY;
        if (!(grown = realloc(settings->files,
                              (settings->nfiles + 1) * sizeof *grown))) {
            free(copy);
            return SC_ERROR_MEMORY;
        }
        grown[settings->nfiles++] = copy;
        settings->files = grown;
    }
    return settings->config ? SC_OK : sc_settings_check(settings, diag);
}

void sc_cli_usage(FILE *out)
{
    fputs(
        "Usage : stagecheck [options…] DOSSIER\n"
        "       stagecheck [options…] -o SORTIE.xlsx FICHIER…\n"
        "       stagecheck --roll FICHIER [--roll FICHIER…] "
        "--placements FICHIER\n"
        "                   [--placements FICHIER…] -o SORTIE.xlsx\n"
        "                   [--period AAAA-MM-JJ:AAAA-MM-JJ] "
        "[--as-of AAAA-MM-JJ] [--classes MOTIF]\n"
        "                   [--deadline AAAA-MM-JJ] [--wait SECONDES] [-j N] [-q]\n"
        "       stagecheck --roll FICHIER… --placements FICHIER… "
        "--by-school DOSSIER [options…]\n"
        "       stagecheck --config FICHIER.ini [options…]\n"
        "\n"
        "Vérifie les conventions du stage de seconde (séquence d'observation en\n"
        "milieu professionnel) à partir des exports de l'établissement et écrit\n"
        "un classeur Excel : synthèse, une feuille par classe, élèves à accueillir\n"
        "dans l'établissement et anomalies.\n"
        "\n"
        "  DOSSIER               lire tous les fichiers du dossier (csv, xlsx, ods,\n"
        "                        xls, xml, zip) et écrire DOSSIER/suivi-stages.xlsx\n"
        "  FICHIER…              listes d'élèves et tableaux de suivi, reconnus à\n"
        "                        leur contenu\n"
        "  --roll FICHIER        liste d'élèves (SIECLE CSV ou XML, Pronote, tableur) ;\n"
        "                        répétable ; FICHIER:CLASSE pour une liste sans\n"
        "                        colonne de classe\n"
        "  --placements FICHIER  suivi des stages et des dispenses (CSV, xlsx, ods,\n"
        "                        xls) ; répétable ; FICHIER.xlsx#Feuille choisit la\n"
        "                        feuille\n"
        "  -o, --output SORTIE   classeur à écrire (.xlsx)\n"
        "  --by-school DOSSIER   un classeur par établissement (colonne UAI) dans\n"
        "                        DOSSIER, et academie.xlsx qui les récapitule\n"
        "  --period DÉBUT:FIN    période nationale (par défaut : les deux semaines\n"
        "                        du lundi au vendredi finissant le dernier vendredi\n"
        "                        de juin de l'année scolaire)\n"
        "  --as-of DATE          date de référence (par défaut : aujourd'hui)\n"
        "  --classes MOTIF       ne garder que les classes qui correspondent au\n"
        "                        motif (par exemple '2*')\n"
        "  --deadline DATE       date limite de retour des conventions : une fois\n"
        "                        passée, les dossiers non prêts sont en retard\n"
        "  --config FICHIER      lire ces réglages dans un fichier INI (les options\n"
        "                        de la ligne de commande l'emportent)\n"
        "  --wait SECONDES       attendre au plus ce temps qu'un autre passage sur\n"
        "                        le même classeur se termine (défaut : 60)\n"
        "  -j, --jobs N          lire les fichiers et écrire les classeurs N à la\n"
        "                        fois (défaut : le nombre de processeurs) ; les\n"
        "                        classeurs sont les mêmes quel que soit N\n"
        "  -q, --quiet           n'afficher que les erreurs\n"
        "  -h, --help            afficher cette aide\n"
        "  -V, --version         afficher la version\n"
        "\n"
        "Fichiers CSV : séparateur ; , ou tabulation ; UTF-8 (avec ou sans BOM),\n"
        "UTF-16 avec BOM, sinon Windows-1252. Classeurs : .xlsx, .ods, .xls.\n"
        "Export XML SIECLE « Élèves sans adresses » : .zip tel que livré, ou .xml.\n"
        "\n"
        "Code de retour : 0 classeur écrit, tous les élèves prêts ou dispensés et\n"
        "aucune anomalie ; 1 classeur écrit, avec des points à traiter ;\n"
        "2 erreur d'utilisation ou d'entrée, rien n'est écrit.\n",
        out);
}
