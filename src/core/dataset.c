/*
 * dataset.c - the records read from every input: pupils, entries and the
 * files they come from.
 */
#include <stdlib.h>
#include <string.h>
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/entry.h"
#include "stagecheck/core/pupil.h"

sc_dataset *sc_dataset_new(void)
{
    return calloc(1, sizeof(sc_dataset));
}

void sc_dataset_free(sc_dataset *data)
{
    if (!data)
        return;
    for (size_t i = 0; i < data->npupils; i++)
        sc_pupil_clear(&data->pupils[i]);
    for (size_t i = 0; i < data->nentries; i++)
        sc_entry_clear(&data->entries[i]);
    for (size_t i = 0; i < data->ninputs; i++)
        free(data->inputs[i].path);
    free(data->pupils);
    free(data->entries);
    free(data->inputs);
    sc_arena_clear(&data->strings);
    free(data);
}
