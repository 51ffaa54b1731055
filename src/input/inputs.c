/*
 * inputs.c - the same input file under two names, found by device and
 * inode in a sorted table; the files of a dropped folder.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "stagecheck/input/inputs.h"
#include "stagecheck/base/text.h"

/* Where an input lives. */
typedef struct input_id {
    dev_t dev;
    ino_t ino;
    const char *path;
} input_id;

struct sc_inputs {
    size_t count;
    size_t capacity;
    input_id ids[];            /* sorted by input_id_cmp */
};

static int input_id_cmp(const void *pa, const void *pb)
{
    const input_id *a = pa, *b = pb;

    if (a->dev != b->dev)
        return a->dev < b->dev ? -1 : 1;
    return (a->ino > b->ino) - (a->ino < b->ino);
}

sc_inputs *sc_inputs_new(size_t capacity)
{
    sc_inputs *inputs = malloc(sizeof *inputs +
                               (capacity ? capacity : 1) * sizeof(input_id));

    if (inputs) {
        inputs->count = 0;
        inputs->capacity = capacity;
    }
    return inputs;
}

const char *sc_inputs_seen(sc_inputs *inputs, const char *path)
{
    struct stat st;
    input_id id, *found, *ids = inputs->ids;
    size_t at;

    if (stat(path, &st) != 0)
        return NULL;
    id = (input_id){st.st_dev, st.st_ino, path};
    found = bsearch(&id, ids, inputs->count, sizeof *ids, input_id_cmp);
    if (found)
        return found->path;
    if (inputs->count == inputs->capacity)
        return NULL;
    for (at = inputs->count; at > 0 && input_id_cmp(&ids[at - 1], &id) > 0;
         at--)
        ids[at] = ids[at - 1];
    ids[at] = id;
    inputs->count++;
    return NULL;
}

void sc_inputs_free(sc_inputs *inputs)
{
    free(inputs);
}

/* What a folder's file must end with to be read: the formats stagecheck
 * reads. Anything else (a PDF, a Word letter) is not ours to judge. */
static int inputs_readable_name(const char *name)
{
    static const char *const ends[] = {".csv", ".txt", ".tsv", ".xlsx",
                                       ".ods", ".xls", ".xml", ".zip"};
    const char *dot = strrchr(name, '.');

    /* Hidden files, and the lock files Excel ("~$suivi.xlsx") and
     * LibreOffice (".~lock.suivi.xlsx#") leave beside an open file. */
    if (name[0] == '.' || strncmp(name, "~$", 2) == 0 || !dot)
        return 0;
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++)
        if (strcasecmp(dot, ends[i]) == 0)
            return 1;
    return 0;
}

static int inputs_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

sc_error sc_inputs_list_folder(const char *dir, char ***paths, size_t *count,
                               sc_diag *diag)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    struct stat st;
    char **list = NULL;
    size_t n = 0, cap = 0;
    sc_error err = SC_OK;

    *paths = NULL;
    *count = 0;
    if (!d) {
        int en = errno;
        sc_diag_set(diag, dir, 0, "impossible de lire le dossier : %s",
                    sc_strerrno(en));
        return SC_ERROR_FILE_OPEN;
    }
    while (err == SC_OK && (e = readdir(d)) != NULL) {
        size_t size;
        char *path;

        if (!inputs_readable_name(e->d_name))
            continue;
        size = strlen(dir) + strlen(e->d_name) + 2;
        if (!(path = malloc(size))) {
            err = SC_ERROR_MEMORY;
            break;
        }
        snprintf(path, size, "%s/%s", dir, e->d_name);
        /* Only regular files. */
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (n == cap) {
            size_t grown = cap ? 2 * cap : 16;
            char **bigger = realloc(list, grown * sizeof *list);

            if (!bigger) {
                free(path);
                err = SC_ERROR_MEMORY;
                break;
            }
            list = bigger;
            cap = grown;
        }
        list[n++] = path;
    }
    closedir(d);
    if (err != SC_OK) {
        for (size_t i = 0; i < n; i++)
            free(list[i]);
        free(list);
        return err;
    }
    /* The same order every night, whatever the file system's. */
    if (n > 1)
        qsort(list, n, sizeof *list, inputs_name_cmp);
    *paths = list;
    *count = n;
    return SC_OK;
}
