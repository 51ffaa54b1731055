/*
 * error.c - error messages and the diagnostics record.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "stagecheck/base/error.h"
#include "stagecheck/base/text.h"

static const char *const error_messages[SC_ERROR_MAX + 1] = {
    [SC_OK]               = "pas d'erreur",
    [SC_ERROR_MEMORY]     = "mémoire insuffisante",
    [SC_ERROR_USAGE]      = "ligne de commande incorrecte",
    [SC_ERROR_FILE_OPEN]  = "impossible d'ouvrir le fichier",
    [SC_ERROR_FILE_READ]  = "impossible de lire le fichier",
    [SC_ERROR_FILE_EMPTY] = "fichier vide",
    [SC_ERROR_ENCODING]   = "encodage illisible",
    [SC_ERROR_CSV_QUOTE]  = "guillemet jamais refermé",
    [SC_ERROR_NO_HEADER]  = "ligne d'en-tête introuvable",
    [SC_ERROR_PERIOD]     = "période incorrecte",
    [SC_ERROR_SAME_FILE]  = "le classeur de sortie serait écrit sur un fichier d'entrée",
    [SC_ERROR_OUTPUT]     = "impossible de créer le classeur de sortie",
    [SC_ERROR_WORKBOOK]   = "impossible d'écrire le classeur",
    [SC_ERROR_CONFIG]     = "fichier de configuration incorrect",
    [SC_ERROR_STATE]      = "fichier d'état illisible",
    [SC_ERROR_LOCKED]     = "un autre passage de stagecheck écrit déjà ce classeur",
    [SC_ERROR_SCHOOLS]    = "les fichiers concernent plusieurs établissements",
    [SC_ERROR_MAX]        = "erreur inconnue",
};

const char *sc_strerror(sc_error err)
{
    if ((unsigned)err > SC_ERROR_MAX)
        err = SC_ERROR_MAX;
    return error_messages[err];
}

const char *sc_strerrno(int en)
{
    static const struct {
        int en;
        const char *message;
    } messages[] = {
        {ENOENT, "fichier ou dossier introuvable"},
        {EACCES, "permission refusée"},
        {EPERM, "opération non permise"},
        {EISDIR, "c'est un dossier"},
        {ENOTDIR, "un élément du chemin n'est pas un dossier"},
        {ENOSPC, "plus de place sur le disque"},
        {EDQUOT, "quota de disque dépassé"},
        {EROFS, "système de fichiers en lecture seule"},
        {EEXIST, "le fichier existe déjà"},
        {ENAMETOOLONG, "nom de fichier trop long"},
        {ELOOP, "trop de liens symboliques"},
        {EMFILE, "trop de fichiers ouverts"},
        {ENFILE, "trop de fichiers ouverts sur le système"},
        {ENOMEM, "mémoire insuffisante"},
        {EIO, "erreur d'entrée-sortie"},
        {EFBIG, "fichier trop gros"},
        {EBUSY, "ressource occupée"},
        {EXDEV, "le fichier temporaire et la sortie sont sur deux disques"},
        {EINVAL, "argument invalide"},
    };

    for (size_t i = 0; i < sizeof messages / sizeof *messages; i++)
        if (messages[i].en == en)
            return messages[i].message;
    return "erreur du système";
}

/* Copies text into out (size bytes), cutting its middle when it does not
 * fit: a message ends with its reason and a path with its file name, which
 * matter more than the folders in between. Cuts fall between UTF-8
 * characters. */
static void diag_fit(char *out, size_t size, const char *text)
{
    static const char cut[] = "…";
    size_t len = strlen(text), head, tail;

    if (len < size) {
        memcpy(out, text, len + 1);
        return;
    }
    head = (size - sizeof cut) / 3;
    tail = size - sizeof cut - head;
    while (head > 0 && ((unsigned char)text[head] & 0xC0) == 0x80)
        head--;
    while (tail > 0 && ((unsigned char)text[len - tail] & 0xC0) == 0x80)
        tail--;
    memcpy(out, text, head);
    memcpy(out + head, cut, sizeof cut - 1);
    memcpy(out + head + sizeof cut - 1, text + len - tail, tail + 1);
}

void sc_diag_set(sc_diag *diag, const char *file, unsigned line,
                 const char *fmt, ...)
{
    /* Room for a message naming two paths of PATH_MAX: formatted whole,
     * then cut to fit. */
    char whole[3 * 4096];
    va_list ap;

    if (!diag)
        return;
    diag_fit(diag->file, sizeof diag->file, file ? file : "");
    diag->line = line;
    va_start(ap, fmt);
    vsnprintf(whole, sizeof whole, fmt, ap);
    va_end(ap);
    sc_text_cut(whole);
    diag_fit(diag->message, sizeof diag->message, whole);
}

void sc_diag_clear(sc_diag *diag)
{
    if (diag)
        memset(diag, 0, sizeof *diag);
}
