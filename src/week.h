/* week.h - the hour-of-week grid every roster and load profile uses. */
#ifndef CAP_WEEK_H
#define CAP_WEEK_H

enum { CAP_WEEK_HOURS = 168 };

#endif
