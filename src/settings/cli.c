/*
 * cli.c - the command line (getopt_long), in French for users.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/settings/cli.h"

static int options_push(const char ***list, size_t *n, const char *value)
{
    const char **p = realloc(*list, (*n + 1) * sizeof *p);

    if (!p)
        return -1;
    p[(*n)++] = value;
    *list = p;
    return 0;
}

static sc_error options_period(sc_options *opts, const char *arg, sc_diag *diag)
{
    if (sc_date_parse_range(arg, &opts->period_start, &opts->period_end) < 0)
        goto usage;
    if (opts->period_start > opts->period_end) {
        sc_diag_set(diag, "", 0,
                    "--period %s : la date de début est après la date de fin",
                    arg);
        return SC_ERROR_USAGE;
    }
    opts->has_period = 1;
    return SC_OK;
usage:
    sc_diag_set(diag, "", 0,
                "--period %s : attendu AAAA-MM-JJ:AAAA-MM-JJ "
                "(par exemple 2024-06-17:2024-06-28)", arg);
    return SC_ERROR_USAGE;
}

static sc_error options_wait(sc_options *opts, const char *arg, sc_diag *diag)
{
    char *end;
    long seconds = strtol(arg, &end, 10);

    if (end == arg || *end || seconds < 0 || seconds > 3600) {
        sc_diag_set(diag, "", 0,
                    "--wait %s : nombre de secondes attendu, de 0 à 3600", arg);
        return SC_ERROR_USAGE;
    }
    opts->wait = (int)seconds;
    opts->has_wait = 1;
    return SC_OK;
}

sc_error sc_options_parse(sc_options *opts, int argc, char **argv,
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
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    int c;
    sc_error err;

    memset(opts, 0, sizeof *opts);
    /* 0, not 1: glibc then also forgets a half-read "-hV" of a previous
     * call (tests call this with several argv in a row). */
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'r':
            if (options_push(&opts->rolls, &opts->nrolls, optarg) < 0)
                return SC_ERROR_MEMORY;
            break;
        case 'p':
            if (options_push(&opts->placements, &opts->nplacements, optarg) < 0)
                return SC_ERROR_MEMORY;
            break;
        case 'o':
            opts->output = optarg;
            break;
        case 'b':
            opts->by_school = optarg;
            break;
        case 'P':
            if ((err = options_period(opts, optarg, diag)) != SC_OK)
                return err;
            break;
        case 'a':
            if (sc_date_parse_iso(optarg, &opts->as_of) < 0) {
                sc_diag_set(diag, "", 0,
                            "--as-of %s : date attendue AAAA-MM-JJ", optarg);
                return SC_ERROR_USAGE;
            }
            opts->has_as_of = 1;
            break;
        case 'c':
            opts->classes = optarg;
            break;
        case 'd':
            if (sc_date_parse_iso(optarg, &opts->deadline) < 0) {
                sc_diag_set(diag, "", 0,
                            "--deadline %s : date attendue AAAA-MM-JJ", optarg);
                return SC_ERROR_USAGE;
            }
            opts->has_deadline = 1;
            break;
        case 'C':
            opts->config = optarg;
            break;
        case 'w':
            if ((err = options_wait(opts, optarg, diag)) != SC_OK)
                return err;
            break;
        case 'q':
            opts->quiet = 1;
            break;
        case 'h':
            opts->help = 1;
            return SC_OK;
        case 'V':
            opts->version = 1;
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
    if (optind < argc) {
        sc_diag_set(diag, "", 0, "argument inattendu : %s", argv[optind]);
        return SC_ERROR_USAGE;
    }
    return opts->config ? SC_OK : sc_options_check(opts, diag);
}

sc_error sc_options_check(const sc_options *opts, sc_diag *diag)
{
    if (opts->nrolls == 0 || opts->nplacements == 0 ||
        (!opts->output && !opts->by_school)) {
        sc_diag_set(diag, "", 0, "il faut au moins une liste d'élèves "
                                 "(--roll), un fichier de stages "
                                 "(--placements) et un classeur de sortie (-o) "
                                 "ou un dossier (--by-school), sur la ligne de "
                                 "commande ou dans le fichier de configuration "
                                 "(--config)");
        return SC_ERROR_USAGE;
    }
    if (opts->output && opts->by_school) {
        sc_diag_set(diag, "", 0, "-o et --by-school s'excluent : -o écrit un "
                                 "classeur, --by-school un classeur par "
                                 "établissement dans un dossier");
        return SC_ERROR_USAGE;
    }
    return SC_OK;
}

void sc_options_free(sc_options *opts)
{
    if (!opts)
        return;
    free(opts->rolls);
    free(opts->placements);
    opts->rolls = opts->placements = NULL;
}

void sc_options_usage(FILE *out)
{
    fputs(
        "Usage : stagecheck --roll FICHIER [--roll FICHIER…] "
        "--placements FICHIER\n"
        "                   [--placements FICHIER…] -o SORTIE.xlsx\n"
        "                   [--period AAAA-MM-JJ:AAAA-MM-JJ] "
        "[--as-of AAAA-MM-JJ] [--classes MOTIF]\n"
        "                   [--deadline AAAA-MM-JJ] [--wait SECONDES] [-q]\n"
        "       stagecheck --roll FICHIER… --placements FICHIER… "
        "--by-school DOSSIER [options…]\n"
        "       stagecheck --config FICHIER.ini [options…]\n"
        "\n"
        "Vérifie les conventions du stage de seconde (séquence d'observation en\n"
        "milieu professionnel) à partir des exports de l'établissement et écrit\n"
        "un classeur Excel : synthèse, une feuille par classe, élèves à accueillir\n"
        "dans l'établissement et anomalies.\n"
        "\n"
        "  --roll FICHIER        liste d'élèves (CSV SIECLE ou Pronote) ; répétable\n"
        "  --placements FICHIER  suivi des stages et des dispenses (CSV) ; répétable\n"
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
        "  -q, --quiet           n'afficher que les erreurs\n"
        "  -h, --help            afficher cette aide\n"
        "  -V, --version         afficher la version\n"
        "\n"
        "Fichiers CSV : séparateur ; , ou tabulation ; UTF-8 (avec ou sans BOM),\n"
        "UTF-16LE avec BOM, sinon Windows-1252.\n"
        "\n"
        "Code de retour : 0 classeur écrit, tous les élèves prêts ou dispensés et\n"
        "aucune anomalie ; 1 classeur écrit, avec des points à traiter ;\n"
        "2 erreur d'utilisation ou d'entrée, rien n'est écrit.\n",
        out);
}
