/*
 * zip_support.h - writing small zip archives (an .xlsx, an .ods) from XML
 * given as strings, with libzip, for the unit tests of the spreadsheet
 * readers. Header-only, as tests/support.h.
 */
#ifndef STAGECHECK_TESTS_ZIP_SUPPORT_H
#define STAGECHECK_TESTS_ZIP_SUPPORT_H

#include <string.h>
#include <zip.h>

/* Writes the zip path holding the members of list, pairs of a name and a
 * NUL-terminated content, ended by a NULL name. The first member is
 * stored, the others deflated (as ODF wants its mimetype). Returns 0, or
 * -1 when it cannot. */
static inline int zipfix_write(const char *path, const char *const *list)
{
    int code = 0;
    zip_t *zip = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);

    if (!zip)
        return -1;
    for (size_t i = 0; list[i]; i += 2) {
        zip_source_t *src = zip_source_buffer(zip, list[i + 1],
                                              strlen(list[i + 1]), 0);
        zip_int64_t at = src ? zip_file_add(zip, list[i], src,
                                            ZIP_FL_ENC_UTF_8)
                             : -1;

        if (at < 0) {
            zip_source_free(src);
            zip_discard(zip);
            return -1;
        }
        if (i == 0)
            zip_set_file_compression(zip, (zip_uint64_t)at, ZIP_CM_STORE, 0);
    }
    return zip_close(zip) == 0 ? 0 : -1;
}

#endif /* STAGECHECK_TESTS_ZIP_SUPPORT_H */
