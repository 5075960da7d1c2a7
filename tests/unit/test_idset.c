/* test_idset.c - the queue's sets of slot numbers: the next member found
 * across words and summary levels (5000 members: 79 words under 2 summary
 * words under one). */
#include "check.h"
#include "idset.h"

int main(void)
{
    cap_idset *s = cap_idset_new(5000);
    CHECK(s != NULL);
    CHECK(cap_idset_next(s, 0) == CAP_IDSET_NONE);
    cap_idset_add(s, 3);
    cap_idset_add(s, 64);   /* first bit of word 1 */
    cap_idset_add(s, 4095); /* last bit of summary word 0's range */
    cap_idset_add(s, 4999); /* the last member, in summary word 1 */
    CHECK_INT(cap_idset_next(s, 0), 3);
    CHECK_INT(cap_idset_next(s, 3), 3);
    CHECK_INT(cap_idset_next(s, 4), 64);
    CHECK_INT(cap_idset_next(s, 65), 4095);
    CHECK_INT(cap_idset_next(s, 4096), 4999);
    cap_idset_add(s, 64); /* twice: still one member */
    cap_idset_remove(s, 64);
    CHECK_INT(cap_idset_next(s, 4), 4095);
    cap_idset_remove(s, 4095);
    cap_idset_remove(s, 4095); /* a non-member: nothing */
    CHECK_INT(cap_idset_next(s, 4), 4999);
    cap_idset_remove(s, 3);
    cap_idset_remove(s, 4999);
    CHECK(cap_idset_next(s, 0) == CAP_IDSET_NONE);
    cap_idset_free(s);
    cap_idset_free(NULL);
    cap_idset *one = cap_idset_new(1);
    cap_idset_add(one, 0);
    CHECK_INT(cap_idset_next(one, 0), 0);
    CHECK(cap_idset_next(one, 1) == CAP_IDSET_NONE);
    cap_idset_free(one);
    return check_summary();
}
