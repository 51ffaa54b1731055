/*
 * output.c - the policy of output paths: checked before anything is read,
 * so that a run that cannot write says so at once, and never overwrites
 * one of its inputs.
 */
#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "stagecheck/store/output.h"
#include "stagecheck/base/strset.h"
#include "stagecheck/base/text.h"

/* Says why the folder of path cannot take the workbook. */
static sc_error output_check_folder_of(const char *path, sc_diag *diag)
{
    char *copy = sc_text_dup(path);
    const char *dir;
    struct stat st;
    sc_error err = SC_OK;

    if (!copy)
        return SC_ERROR_MEMORY;
    dir = dirname(copy);
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        sc_diag_set(diag, path, 0, "le dossier « %s » n'existe pas : "
                    "créez-le, ou choisissez un autre chemin", dir);
        err = SC_ERROR_OUTPUT;
    } else if (access(dir, W_OK | X_OK) != 0) {
        int en = errno;
        sc_diag_set(diag, path, 0, "impossible d'écrire dans le dossier "
                    "« %s » : %s", dir, sc_strerrno(en));
        err = SC_ERROR_OUTPUT;
    }
    free(copy);
    return err;
}

sc_error sc_output_check(const char *path, int check_folder,
                         const char *const *inputs, size_t ninputs,
                         sc_diag *diag)
{
    struct stat out, in;
    sc_error err;

    if (!path[0]) {
        sc_diag_set(diag, "", 0, "chemin du classeur de sortie vide");
        return SC_ERROR_OUTPUT;
    }
    /* lstat: a link at the output path is replaced by the rename, never
     * followed; anything else that is not a file would be destroyed (a
     * device, a FIFO someone reads, a socket). */
    if (lstat(path, &out) == 0 && !S_ISREG(out.st_mode) &&
        !S_ISLNK(out.st_mode) && !S_ISDIR(out.st_mode)) {
        sc_diag_set(diag, path, 0, "ce n'est pas un fichier ordinaire (%s) : "
                    "stagecheck ne le remplace pas ; donnez le chemin d'un "
                    "classeur .xlsx",
                    S_ISFIFO(out.st_mode)   ? "tube nommé"
                    : S_ISSOCK(out.st_mode) ? "socket"
                                            : "périphérique");
        return SC_ERROR_OUTPUT;
    }
    if (lstat(path, &out) == 0 && S_ISDIR(out.st_mode)) {
        sc_diag_set(diag, path, 0, "c'est un dossier : donnez le chemin "
                    "d'un classeur, par exemple %s/suivi-stages.xlsx (ou "
                    "--by-school %s pour un classeur par établissement)",
                    path, path);
        return SC_ERROR_OUTPUT;
    }
    if (check_folder && (err = output_check_folder_of(path, diag)) != SC_OK)
        return err;
    if (stat(path, &out) != 0)
        return SC_OK;
    for (size_t i = 0; i < ninputs; i++)
        if (stat(inputs[i], &in) == 0 && in.st_dev == out.st_dev &&
            in.st_ino == out.st_ino) {
            sc_diag_set(diag, path, 0,
                        "le classeur de sortie est aussi un fichier d'entrée "
                        "(%s) : choisissez un autre nom", inputs[i]);
            return SC_ERROR_SAME_FILE;
        }
    return SC_OK;
}

sc_error sc_output_make_folder(const char *dir, sc_diag *diag)
{
    struct stat st;
    int en;

    if (mkdir(dir, 0750) == 0 || errno == EEXIST) {
        if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
            return SC_OK;
        sc_diag_set(diag, dir, 0, "--by-school : ce n'est pas un dossier");
        return SC_ERROR_OUTPUT;
    }
    en = errno;
    sc_diag_set(diag, dir, 0, "--by-school : impossible de créer le dossier : "
                "%s", sc_strerrno(en));
    return SC_ERROR_OUTPUT;
}

char *sc_output_join(const char *dir, const char *name)
{
    size_t size = strlen(dir) + strlen(name) + 2;
    char *path = malloc(size);

    if (path)
        snprintf(path, size, "%s/%s", dir, name);
    return path;
}

/* The names given, folded to lower case: the folder may be a Windows
 * share, where "Lycee.xlsx" and "LYCEE.xlsx" are one file. A set rather
 * than a comparison with every earlier name: 3 million of them at 2,500
 * lycées (issue 14). */
struct sc_output_names {
    sc_strset taken;
};

sc_output_names *sc_output_names_new(void)
{
    return calloc(1, sizeof(sc_output_names));
}

void sc_output_names_free(sc_output_names *names)
{
    if (!names)
        return;
    sc_strset_clear(&names->taken);
    free(names);
}

/* Writes name folded to lower case (ASCII, as strcasecmp in a UTF-8
 * locale) into key, of size bytes. */
static void name_fold(const char *name, char *key, size_t size)
{
    size_t i = 0;

    for (; name[i] && i + 1 < size; i++)
        key[i] = (char)tolower((unsigned char)name[i]);
    key[i] = '\0';
}

/* Returns 1 if name is taken: given before, or the académie's own
 * workbook. */
static int output_name_taken(const sc_output_names *names, const char *name)
{
    char key[160];

    if (strcasecmp(name, "academie.xlsx") == 0)
        return 1;
    name_fold(name, key, sizeof key);
    return sc_strset_find(&names->taken, key) != NULL;
}

char *sc_output_book_path(sc_output_names *names, const char *dir,
                          const char *name)
{
    size_t len = strlen(name) - strlen(".xlsx");
    char unique[160], key[160];
    char *path;

    /* The first free name, compared whole: a prefix would take "A-2.xlsx"
     * of another school for a second "A"'s and give it that very name. */
    snprintf(unique, sizeof unique, "%s", name);
    for (size_t k = 2; output_name_taken(names, unique); k++)
        snprintf(unique, sizeof unique, "%.*s-%zu.xlsx", (int)len, name, k);
    name_fold(unique, key, sizeof key);
    if (!(path = sc_output_join(dir, unique)))
        return NULL;
    if (!sc_strset_add(&names->taken, key)) {
        free(path);
        return NULL;
    }
    return path;
}
