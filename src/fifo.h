/* fifo.h - a first-come-first-served queue on a constant number of
 * people, served one ticket at a time as the clock advances.
 *
 * With one class of work and the same people on shift all the time, the
 * event engine of queue.h starts each ticket at the later of its arrival
 * and the moment the earliest of the people becomes free (the
 * Kiefer-Wolfowitz recursion).  This module keeps only those free times,
 * a 4-ary min-heap of `servers` entries, so memory does not grow with the
 * number of tickets and each costs O(log servers).  test_queue pins that
 * it gives the same start times as cap_queue_serve(). */
#ifndef CAP_FIFO_H
#define CAP_FIFO_H

typedef struct cap_fifo cap_fifo;

/* servers >= 1 people, all free from minute 0.  NULL when out of
 * memory.  The caller frees it with cap_fifo_free (NULL accepted). */
cap_fifo *cap_fifo_new(int servers);
void cap_fifo_free(cap_fifo *f);

/* Serves a ticket arriving at `arrival` (not before the previous one's)
 * with `handle` minutes of work: returns when it starts. */
double cap_fifo_serve(cap_fifo *f, double arrival, double handle);

#endif
