/*
 * config.c - the configuration file of scheduled runs, read with libinih:
 * the second source of the settings, filling what the command line left
 * unset.
 */
#include <errno.h>
#include <glob.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "stagecheck/settings/config.h"
#include "stagecheck/base/text.h"

/* What the handler needs while libinih reads the file. */
typedef struct config_reader {
    sc_settings *values;   /* what the file says, merged once all is read */
    FILE *file;
    char *dir;             /* folder of the file, for relative paths */
    unsigned line;         /* the line libinih is on: we hand it every line */
    int read_errno;        /* errno of a failed read, 0 if none */
    unsigned error_line;   /* line of the first error we found, 0 if none */
    sc_error error;
    char message[sizeof ((sc_diag *)0)->message];
} config_reader;

/* The keys of [stagecheck], in the order of config_keys. */
typedef enum config_key {
    CONFIG_ROLL,
    CONFIG_PLACEMENTS,
    CONFIG_OUTPUT,
    CONFIG_BY_SCHOOL,
    CONFIG_PERIOD,
    CONFIG_AS_OF,
    CONFIG_DEADLINE,
    CONFIG_CLASSES,
    CONFIG_WAIT,
    CONFIG_JOBS,
    CONFIG_KEY_COUNT
} config_key;

static const struct {
    const char *name;
    const char *form;      /* what the value looks like, for messages */
} config_keys[CONFIG_KEY_COUNT] = {
    [CONFIG_ROLL]       = {"roll", "un fichier ou un motif "
                                   "(par exemple exports/siecle-*.csv)"},
    [CONFIG_PLACEMENTS] = {"placements", "un fichier ou un motif "
                                         "(par exemple exports/stages.csv)"},
    [CONFIG_OUTPUT]     = {"output", "le classeur à écrire "
                                     "(par exemple suivi-stages.xlsx)"},
    [CONFIG_BY_SCHOOL]  = {"by-school", "le dossier des classeurs par "
                                        "établissement (par exemple "
                                        "classeurs/)"},
    [CONFIG_PERIOD]     = {"period", "AAAA-MM-JJ:AAAA-MM-JJ "
                                     "(par exemple 2024-06-17:2024-06-28)"},
    [CONFIG_AS_OF]      = {"as-of", "une date AAAA-MM-JJ "
                                    "(par exemple 2024-05-27)"},
    [CONFIG_DEADLINE]   = {"deadline", "une date AAAA-MM-JJ "
                                       "(par exemple 2024-06-07)"},
    [CONFIG_CLASSES]    = {"classes", "un motif de classes (par exemple 2*)"},
    [CONFIG_WAIT]       = {"wait", "un nombre entier de secondes, de 0 à 3600"},
    [CONFIG_JOBS]       = {"jobs", "un nombre entier de classeurs à écrire à "
                                   "la fois, de 1 à 256"},
};

/* Keeps the first error only, as libinih does; returns 0, the handler's
 * "error" answer. */
static int config_fail(config_reader *r, sc_error err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int config_fail(config_reader *r, sc_error err, const char *fmt, ...)
{
    va_list ap;

    if (r->error_line)
        return 0;
    r->error_line = r->line;
    r->error = err;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof r->message, fmt, ap);
    va_end(ap);
    return 0;
}

static int config_no_memory(config_reader *r)
{
    return config_fail(r, SC_ERROR_MEMORY, "%s", sc_strerror(SC_ERROR_MEMORY));
}

static int config_bad_value(config_reader *r, config_key key,
                            const char *name, const char *value)
{
    return config_fail(r, SC_ERROR_CONFIG, "%s = %s : attendu %s", name, value,
                       config_keys[key].form);
}

/* Hands libinih one line at a time. Its buffer holds num bytes and it
 * would read the rest of a longer line as a line of its own, silently
 * cutting a long path and numbering every later line wrong. Read a byte
 * at a time, not with fgets: a NUL byte would cut the value short without
 * a word (fgets cannot tell it from the end of the line). */
static char *config_read_line(char *str, int num, void *stream)
{
    config_reader *r = stream;
    size_t len = 0;
    int c, dropped = 0, nul = 0;

    while (len + 1 < (size_t)num && (c = getc(r->file)) != EOF) {
        if (c == '\0') {
            nul = 1;
            continue;
        }
        str[len++] = (char)c;
        if (c == '\n')
            break;
    }
    if (len == 0 && !nul) {
        if (ferror(r->file))
            r->read_errno = errno ? errno : EIO;
        return NULL;
    }
    str[len] = '\0';
    r->line++;
    if (nul) {
        config_fail(r, SC_ERROR_CONFIG, "octet nul dans la ligne : le "
                    "fichier n'est pas du texte (enregistrez-le en UTF-8)");
        str[0] = '\0';
    }
    if (len == 0 || str[len - 1] == '\n' || len < (size_t)num - 1)
        return str;
    while ((c = getc(r->file)) != EOF && c != '\n')
        if (c != '\r')
            dropped = 1;
    if (dropped) {
        config_fail(r, SC_ERROR_CONFIG, "ligne trop longue : %d caractères "
                    "au plus", num - 1);
        str[0] = '\0';
    }
    return str;
}

/* Returns the folder of path ("." when it names none), or NULL. */
static char *config_folder(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        return sc_text_dup(".");
    while (slash > path && slash[-1] == '/')
        slash--;
    if (slash == path)
        return sc_text_dup("/");
    return strndup(path, (size_t)(slash - path));
}

/* Returns value taken from the configuration file's folder, or NULL. */
static char *config_join(const config_reader *r, const char *value)
{
    size_t dirlen = strlen(r->dir), size;
    int slash = dirlen > 0 && r->dir[dirlen - 1] == '/';
    char *joined;

    if (value[0] == '/')
        return sc_text_dup(value);
    size = dirlen + !slash + strlen(value) + 1;
    joined = malloc(size);
    if (joined)
        snprintf(joined, size, "%s%s%s", r->dir, slash ? "" : "/", value);
    return joined;
}

/* Appends the strings of add (taking them) to *list. Returns 0 or -1. */
static int config_push(char ***list, size_t *n, char **add, size_t nadd)
{
    char **grown = realloc(*list, (*n + nadd) * sizeof *grown);

    if (!grown)
        return -1;
    memcpy(grown + *n, add, nadd * sizeof *add);
    *list = grown;
    *n += nadd;
    return 0;
}

/* roll and placements: a plain path is kept even if missing (the run says
 * so, naming the file); a glob must match at least one file. */
static int config_add_paths(config_reader *r, char ***list, size_t *n,
                            const char *value)
{
    char *pattern = config_join(r, value);
    char **found = NULL;
    size_t nfound = 0;
    glob_t g;
    int rc, done = 0;

    if (!pattern)
        return config_no_memory(r);
    /* An export may really be named "stages [2024].csv". */
    if (!strpbrk(value, "*?[") || access(pattern, F_OK) == 0) {
        if (config_push(list, n, &pattern, 1) == 0)
            return 1;
        free(pattern);
        return config_no_memory(r);
    }
    rc = glob(pattern, 0, NULL, &g);
    if (rc == 0 && (found = calloc(g.gl_pathc, sizeof *found)) != NULL) {
        for (; nfound < g.gl_pathc; nfound++)
            if (!(found[nfound] = sc_text_dup(g.gl_pathv[nfound])))
                break;
        if (nfound == g.gl_pathc && config_push(list, n, found, nfound) == 0) {
            nfound = 0;
            done = 1;
        }
    }
    if (rc == GLOB_NOMATCH)
        config_fail(r, SC_ERROR_CONFIG, "aucun fichier ne correspond à « %s »",
                    pattern);
    else if (!done)
        config_no_memory(r);
    while (nfound > 0)
        free(found[--nfound]);
    free(found);
    globfree(&g);
    free(pattern);
    return done;
}

/* Replaces *slot; the last of repeated keys wins. */
static int config_set_string(config_reader *r, char **slot, char *value)
{
    if (!value)
        return config_no_memory(r);
    free(*slot);
    *slot = value;
    return 1;
}

static int config_set_date(config_reader *r, config_key key, const char *name,
                           const char *value, int *has, sc_date *date)
{
    if (sc_settings_parse_date(value, date) != SC_SETTINGS_VALID)
        return config_bad_value(r, key, name, value);
    *has = 1;
    return 1;
}

static int config_set_period(config_reader *r, const char *name,
                             const char *value)
{
    switch (sc_settings_parse_period(value, &r->values->period)) {
    case SC_SETTINGS_VALID:
        r->values->has_period = 1;
        return 1;
    case SC_SETTINGS_REVERSED:
        return config_fail(r, SC_ERROR_CONFIG, "%s = %s : la date de début est "
                           "après la date de fin", name, value);
    case SC_SETTINGS_DAYS:
        return config_fail(r, SC_ERROR_CONFIG, "%s = %s : la période doit "
                           "compter entre 1 et %d jours ouvrés", name, value,
                           SC_PERIOD_MAX_DAYS);
    default:
        return config_bad_value(r, CONFIG_PERIOD, name, value);
    }
}

static int config_set_wait(config_reader *r, const char *name,
                           const char *value)
{
    if (sc_settings_parse_wait(value, &r->values->wait) != SC_SETTINGS_VALID)
        return config_bad_value(r, CONFIG_WAIT, name, value);
    r->values->has_wait = 1;
    return 1;
}

static int config_set_jobs(config_reader *r, const char *name,
                           const char *value)
{
    if (sc_settings_parse_jobs(value, &r->values->jobs) != SC_SETTINGS_VALID)
        return config_bad_value(r, CONFIG_JOBS, name, value);
    r->values->has_jobs = 1;
    return 1;
}

static int config_setting(config_reader *r, const char *name,
                          const char *value)
{
    sc_settings *c = r->values;
    int key;

    for (key = 0; key < CONFIG_KEY_COUNT; key++)
        if (strcasecmp(name, config_keys[key].name) == 0)
            break;
    if (key == CONFIG_KEY_COUNT)
        return config_fail(r, SC_ERROR_CONFIG, "clé inconnue « %s » dans "
                           "[stagecheck] : attendu roll, placements, output, "
                           "by-school, period, as-of, deadline, classes, "
                           "wait ou jobs", name);
    if (sc_settings_parse_text(value) == SC_SETTINGS_MISSING)
        return config_fail(r, SC_ERROR_CONFIG, "%s : valeur manquante, "
                           "attendu %s", name, config_keys[key].form);
    switch ((config_key)key) {
    case CONFIG_ROLL:
        return config_add_paths(r, &c->rolls, &c->nrolls, value);
    case CONFIG_PLACEMENTS:
        return config_add_paths(r, &c->placements, &c->nplacements, value);
    case CONFIG_OUTPUT:
        return config_set_string(r, &c->output, config_join(r, value));
    case CONFIG_BY_SCHOOL:
        return config_set_string(r, &c->by_school, config_join(r, value));
    case CONFIG_PERIOD:
        return config_set_period(r, name, value);
    case CONFIG_AS_OF:
        return config_set_date(r, CONFIG_AS_OF, name, value, &c->has_as_of,
                               &c->as_of);
    case CONFIG_DEADLINE:
        return config_set_date(r, CONFIG_DEADLINE, name, value,
                               &c->has_deadline, &c->deadline);
    case CONFIG_CLASSES:
        return config_set_string(r, &c->classes, sc_text_dup(value));
    case CONFIG_WAIT:
        return config_set_wait(r, name, value);
    case CONFIG_JOBS:
        return config_set_jobs(r, name, value);
    case CONFIG_KEY_COUNT:
        break;
    }
    return 1;
}

/* [colonnes]: "accepted header of a field = the export's header for it". */
static int config_column(config_reader *r, const char *name, const char *value)
{
    sc_field field = sc_header_field(name);
    char *key;
    int blank;

    if (field == SC_FIELD_COUNT)
        return config_fail(r, SC_ERROR_CONFIG, "colonne inconnue « %s » : "
                           "utilisez un titre reconnu (Nom, Prénom, Classe, "
                           "INE, …)", name);
    /* Headers are compared on letters and digits only: a value without any
     * would name every empty header cell. */
    if (!(key = sc_text_key(value)))
        return config_no_memory(r);
    blank = key[0] == '\0';
    free(key);
    if (blank)
        return config_fail(r, SC_ERROR_CONFIG, "%s = %s : attendu le titre de "
                           "cette colonne dans l'export (par exemple NOM DE "
                           "L'ELEVE)", name, value);
    if (sc_header_alias_add(&r->values->aliases, field, value) != SC_OK)
        return config_no_memory(r);
    return 1;
}

static int config_handler(void *user, const char *section, const char *name,
                          const char *value)
{
    config_reader *r = user;

    /* Only the first error is reported: spare the globs of later lines. */
    if (r->error_line)
        return 1;
    if (strcasecmp(section, "stagecheck") == 0)
        return config_setting(r, name, value);
    if (strcasecmp(section, "colonnes") == 0)
        return config_column(r, name, value);
    if (!*section)
        return config_fail(r, SC_ERROR_CONFIG, "« %s » avant toute section : "
                           "commencez le fichier par [stagecheck]", name);
    return config_fail(r, SC_ERROR_CONFIG, "section inconnue [%s] : attendu "
                       "[stagecheck] ou [colonnes]", section);
}

sc_error sc_config_read(sc_settings *settings, const char *path,
                        sc_diag *diag)
{
    sc_settings values;
    config_reader r;
    sc_error err = SC_ERROR_MEMORY;
    int rc;

    memset(&values, 0, sizeof values);
    memset(&r, 0, sizeof r);
    r.values = &values;
    r.file = fopen(path, "r");
    if (!r.file) {
        int en = errno;
        sc_diag_set(diag, path, 0, "impossible d'ouvrir le fichier de "
                    "configuration : %s", sc_strerrno(en));
        return SC_ERROR_FILE_OPEN;
    }
    r.dir = config_folder(path);
    if (!r.dir) {
        sc_diag_set(diag, path, 0, "%s", sc_strerror(err));
        goto cleanup;
    }

    rc = ini_parse_stream(config_read_line, &r, config_handler, &r);
    if (r.read_errno) {
        err = SC_ERROR_FILE_READ;
        sc_diag_set(diag, path, 0, "impossible de lire le fichier de "
                    "configuration : %s", sc_strerrno(r.read_errno));
    } else if (rc < 0) {
        err = SC_ERROR_MEMORY;
        sc_diag_set(diag, path, 0, "%s", sc_strerror(err));
    } else if (rc > 0 && (r.error_line == 0 || (unsigned)rc < r.error_line)) {
        /* libinih's own error: a line it could not read at all. */
        err = SC_ERROR_CONFIG;
        sc_diag_set(diag, path, (unsigned)rc, "ligne illisible : attendu "
                    "« clé = valeur », « [section] » ou un commentaire "
                    "commençant par ;");
    } else if (r.error_line) {
        err = r.error;
        sc_diag_set(diag, path, r.error_line, "%s", r.message);
    } else {
        err = SC_OK;
        sc_settings_merge(settings, &values);
    }

cleanup:
    fclose(r.file);
    free(r.dir);
    sc_settings_free(&values);
    return err;
}
