/* outdir.h - the folder the workbooks go to. */
#ifndef CAP_OUTDIR_H
#define CAP_OUTDIR_H

#include <stddef.h>

#include "error.h"

/* Makes sure dir is a folder we may write: creates it when missing (its
 * parent must exist), fails with CAP_ERR_IO naming dir otherwise.  Call
 * only after every input has been read and checked. */
cap_status cap_outdir_prepare(const char *dir, cap_error *err);

/* dir + "/" + name into out; CAP_ERR_IO when it does not fit. */
cap_status cap_outdir_path(const char *dir, const char *name, char *out,
                           size_t cap, cap_error *err);

#endif
