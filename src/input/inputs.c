/*
 * inputs.c - the same input file under two names, found by device and
 * inode in a sorted table.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include "stagecheck/input/inputs.h"

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
