/* book.h - the synthetic partner books capplan-bench sizes.
 *
 * A book of N customers is a portfolio INI (partners, their contracts,
 * the horizon) and a customers CSV (partner, plan, timezone, customers),
 * the two files a finance user hands capplan.  Partners hold per_partner
 * customers each (the last one the rest), split 5:3:2 over the basic,
 * premium and mission_critical plans and spread over eight time zones;
 * channels cycle through the four, every third partner also has a TAM.
 * Growth is 0, so every quarter has the same customers and a year is four
 * times a quarter's tickets.
 */
#ifndef CAP_BENCH_BOOK_H
#define CAP_BENCH_BOOK_H

#include "model.h"

typedef struct {
    long customers;        /* > 0 */
    long per_partner;      /* > 0 */
    int quarters;          /* the horizon: 1 (a quarter) or 4 (a year) */
} cap_bench_book;

/* Writes ini_path and csv_path.  Returns 0, or -1 with errno set when a
 * file cannot be written. */
int cap_bench_book_write(const cap_bench_book *b, const char *ini_path,
                         const char *csv_path);

/* Partners in the book. */
long cap_bench_book_partners(const cap_bench_book *b);

/* Tickets the book's customers raise in one replication of its horizon,
 * expected from the model's tickets_per_month (a quarter = 3 months). */
double cap_bench_book_tickets(const cap_bench_book *b, const cap_model *m);

#endif
