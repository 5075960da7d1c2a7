/* outset.h - the workbooks of one run, published into their folder as a set.
 *
 * A run's workbooks replace the previous ones all together or not at all,
 * even when the run fails, is interrupted or is killed at any point, and
 * however many runs write into the same folder at once:
 *
 *  - Runs into one folder are serialized by a POSIX record lock on
 *    DIR/.capplan.lock (fcntl, so it also works on NFS), held from staging
 *    to commit; the holder removes the lock file on release.
 *  - The workbooks are written into a staging folder DIR/.capplan-stage.XXXXXX.
 *    Publishing keeps a hard link (or a copy) of each previous workbook in
 *    the stage, writes a manifest (each workbook's name and the inode of its
 *    new file), then renames the new files into place in order.  Removing
 *    the manifest is the commit; before it, any failure, SIGINT or SIGTERM
 *    rolls the folder back to the previous set.
 *  - A run that takes the lock first recovers what dead runs left: a stage
 *    with a manifest is rolled back (the folder gets the previous set again),
 *    every stage folder is removed, as are the .NAME.tmp.PID files of older
 *    capplan versions and the .capplan-probe.PID.XXXXXX folders of
 *    cap_outset_check whose process is gone.  A SIGKILL therefore leaves the
 *    folder mixed only until the next run into it.
 *  - cap_outset_check runs before the lock (before the simulation): its
 *    probe folder is named apart from stages, with its pid, so a run that
 *    holds the lock never takes a live run's probe for a dead run's stage.
 *
 * Test hook: CAPPLAN_FAULT=STAGE[:ACTION], read only here, stops a run at
 * one point of publishing.  STAGE is one of staged, kept-N, manifest,
 * renamed-N (N = 1, 2, 3: after the N-th workbook), published, committed;
 * ACTION is kill (the default: SIGKILL), term (SIGTERM, as a user would
 * send it) or fail (the step reports an I/O error).
 */
#ifndef CAP_OUTSET_H
#define CAP_OUTSET_H

#include <stddef.h>

#include "error.h"
#include "outdir.h"

typedef struct cap_outset cap_outset;

/* Before any work, without the lock: creates dir when missing (or finds
 * the one another run just made), proves that a folder can be made in it, and refuses when a name is held by something other
 * than a regular file (a folder named cost.xlsx).  CAP_ERR_IO naming the
 * folder, or CAP_ERR_OUTPUT naming the workbook. */
cap_status cap_outset_check(const char *dir, const char *const *names,
                            size_t n, cap_error *err);

/* Takes the folder's lock (waiting for another run), recovers what dead
 * runs left, creates the stage and catches SIGINT and SIGTERM until
 * cap_outset_free.  names are the workbooks' file names inside dir, kept
 * by pointer.  Returns NULL with err set on failure.  The caller owns the
 * set: cap_outset_free. */
cap_outset *cap_outset_begin(const char *dir, const char *const *names,
                             size_t n, cap_error *err);

/* Where workbook i is written (its tmp) and where it will go (its path). */
const cap_staged *cap_outset_file(const cap_outset *s, size_t i);

/* Puts every staged workbook in place.  On failure or interruption the
 * folder holds the previous set again and err says why. */
cap_status cap_outset_publish(cap_outset *s, cap_error *err);

/* Keeps the published set (unless a signal came since publishing: then
 * rolls back and fails).  After it the set is final. */
cap_status cap_outset_commit(cap_outset *s, cap_error *err);

/* Rolls back anything not committed, removes the stage, releases the lock
 * and the signal handlers.  Accepts NULL. */
void cap_outset_free(cap_outset *s);

#endif
