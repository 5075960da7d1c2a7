/* outdir.h - the folder the workbooks go to, and where each is written.
 *
 * Publishing the files of a run as a set (a stage folder, a lock, a
 * rollback) is outset.h's; this is what it and the commands share: the
 * folder made ready and the paths inside it.
 */
#ifndef CAP_OUTDIR_H
#define CAP_OUTDIR_H

#include <stddef.h>

#include "error.h"

enum { CAP_PATH_MAX = 4096 };

/* A file of a set: written at tmp (in the set's stage folder), published
 * at path. */
typedef struct {
    char path[CAP_PATH_MAX];   /* where the file belongs */
    char tmp[CAP_PATH_MAX];    /* where it is written first */
} cap_staged;

/* Makes sure dir is a folder we may write: creates it when missing (its
 * parent must exist; a folder another run made at the same moment will
 * do), fails with CAP_ERR_IO naming dir otherwise.  Call
 * only after every input has been read and checked. */
cap_status cap_outdir_prepare(const char *dir, cap_error *err);

/* dir + "/" + name into out; CAP_ERR_IO when it does not fit. */
cap_status cap_outdir_path(const char *dir, const char *name, char *out,
                           size_t cap, cap_error *err);

#endif
