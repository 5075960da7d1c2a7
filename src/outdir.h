/* outdir.h - the folder the workbooks go to, and writing them so that a
 * failed run leaves every previous workbook as it was.
 *
 * Each workbook is staged: written under a temporary name beside its
 * final path (DIR/.NAME.tmp.PID, created exclusively, so the file removed
 * on failure is surely ours and an unwritable folder is found at once).
 * Only when every workbook of the run is complete are they all renamed
 * into place (rename() within one folder is atomic); on any failure the
 * staged files are removed instead.
 */
#ifndef CAP_OUTDIR_H
#define CAP_OUTDIR_H

#include <stddef.h>

#include "error.h"

enum { CAP_PATH_MAX = 4096 };

typedef struct {
    char path[CAP_PATH_MAX];   /* where the file belongs */
    char tmp[CAP_PATH_MAX];    /* where it is written first */
    int staged;                /* tmp exists and is ours */
} cap_staged;

/* Makes sure dir is a folder we may write: creates it when missing (its
 * parent must exist; a folder another run made at the same moment will
 * do), fails with CAP_ERR_IO naming dir otherwise.  Call
 * only after every input has been read and checked. */
cap_status cap_outdir_prepare(const char *dir, cap_error *err);

/* dir + "/" + name into out; CAP_ERR_IO when it does not fit. */
cap_status cap_outdir_path(const char *dir, const char *name, char *out,
                           size_t cap, cap_error *err);

/* Stages path: fills f and creates f->tmp.  CAP_ERR_OUTPUT naming path
 * (and the temporary name) when that fails. */
cap_status cap_outdir_stage(const char *path, cap_staged *f, cap_error *err);

/* Renames every staged file onto its path, in order.  First checks that
 * no path is held by something other than a regular file (a folder named
 * cost.xlsx), so that a run does not fail half-way through replacing the
 * set; then stops at the first failed rename (CAP_ERR_OUTPUT naming that
 * path) and removes the rest.  On failure every temporary file is gone. */
cap_status cap_outdir_publish(cap_staged *files, size_t n, cap_error *err);

/* Removes every staged temporary file (a failed run). */
void cap_outdir_discard(cap_staged *files, size_t n);

#endif
