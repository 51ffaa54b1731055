/*
 * fuzz_state.c - the state file a previous run left beside its workbook
 * (src/store/statefile.c): in a shared folder anyone may have written it,
 * so whatever it holds is read back, or refused with a message, and what
 * is read back writes and reads again as itself.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "fuzz.h"
#include "stagecheck/base/error.h"
#include "stagecheck/core/state.h"
#include "stagecheck/store/statefile.h"

/* One private folder for the whole fuzzing run, made on first use. */
static const char *folder(void)
{
    static char dir[] = "/tmp/fuzz-state-XXXXXX";
    static int made;

    if (!made) {
        FUZZ_ASSERT(mkdtemp(dir) != NULL);
        made = 1;
    }
    return dir;
}

/* Returns 1 if written, a field as the file wrote it, is read: the writer
 * turns a CR (the one break a line read back may hold) into a space. */
static int same_field(const char *read, const char *written)
{
    for (; *read && *written; read++, written++)
        if (*read != *written && !(*read == '\r' && *written == ' '))
            return 0;
    return *read == *written;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64], again_path[64];
    sc_state state, again;
    sc_diag diag = {0};
    sc_error err;
    FILE *fp;

    snprintf(path, sizeof path, "%s/suivi.xlsx.etat", folder());
    snprintf(again_path, sizeof again_path, "%s/relu.xlsx.etat", folder());
    fp = fopen(path, "wb");
    FUZZ_ASSERT(fp != NULL);
    FUZZ_ASSERT(fwrite(data, 1, size, fp) == size);
    FUZZ_ASSERT(fclose(fp) == 0);

    err = sc_statefile_read(&state, path, &diag);
    FUZZ_ASSERT(err == SC_OK || err == SC_ERROR_STATE ||
                err == SC_ERROR_MEMORY);
    if (err == SC_ERROR_STATE) {
        /* Refused with a reason that names the file and fits in one line. */
        FUZZ_ASSERT(diag.message[0] != '\0' && strcmp(diag.file, path) == 0);
        FUZZ_ASSERT(strchr(diag.message, '\n') == NULL);
        FUZZ_ASSERT(fuzz_utf8_scan(diag.message, strlen(diag.message), 0));
    }
    if (err == SC_OK) {
        for (size_t i = 0; i < state.count; i++) {
            sc_state_line it = sc_state_get(&state, i);
            FUZZ_ASSERT(it.key && it.key[0] != '\0');
            FUZZ_ASSERT(fuzz_utf8_scan(it.key, strlen(it.key), 0));
            FUZZ_ASSERT(it.status < SC_STATUS_COUNT);
        }
        /* What was read back writes and reads back as itself. */
        sc_diag_clear(&diag);
        if (sc_statefile_write(&state, again_path, &diag) == SC_OK) {
            FUZZ_ASSERT(sc_statefile_read(&again, again_path, &diag) ==
                        SC_OK);
            FUZZ_ASSERT(again.count == state.count);
            for (size_t i = 0; i < state.count; i++) {
                sc_state_line a = sc_state_get(&state, i);
                sc_state_line b = sc_state_get(&again, i);

                FUZZ_ASSERT(same_field(a.key, b.key));
                FUZZ_ASSERT(b.status == a.status);
            }
            sc_state_clear(&again);
        }
    }
    sc_state_clear(&state);
    sc_diag_clear(&diag);
    unlink(path);
    unlink(again_path);
    return 0;
}
