/*
 * support.h - helpers shared by the unit tests that work in a temporary
 * folder. Header-only (static inline) so that the Makefile's one-source
 * test programs stay as they are.
 */
#ifndef STAGECHECK_TESTS_SUPPORT_H
#define STAGECHECK_TESTS_SUPPORT_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Makes a new folder "/tmp/<name>.XXXXXX" and writes its path into dir.
 * Returns 0, or -1 when it cannot. */
static inline int support_make_dir(char *dir, size_t size, const char *name)
{
    snprintf(dir, size, "/tmp/%s.XXXXXX", name);
    return mkdtemp(dir) ? 0 : -1;
}

/* Number of entries of dir, "." and ".." left out; -1 if it cannot be read. */
static inline int support_count_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;

    if (!d)
        return -1;
    while ((de = readdir(d)) != NULL)
        n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* Writes text to path; the caller asserts the result. Returns 0 or -1. */
static inline int support_write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    int ok;

    if (!fp)
        return -1;
    ok = fputs(text, fp) >= 0;
    return fclose(fp) == 0 && ok ? 0 : -1;
}

/* Removes dir and what it holds (files and empty folders, one level). */
static inline void support_remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char name[1024];

    while (d && (de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        snprintf(name, sizeof name, "%s/%s", dir, de->d_name);
        if (unlink(name) != 0)
            rmdir(name);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

#endif /* STAGECHECK_TESTS_SUPPORT_H */
