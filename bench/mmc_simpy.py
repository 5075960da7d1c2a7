"""mmc_simpy.py - the M/M/c queue of `capplan queue`, written for SimPy 2.

capplan-bench runs it beside `capplan queue` on the same queue (arrival
rate, servers, mean handle time, warm-up and measured hours) to compare the
two engines' tickets per CPU second.  Needs Debian's python3-simpy (SimPy
2.3, the classic process-interaction API), so run it with /usr/bin/python3.

  /usr/bin/python3 mmc_simpy.py ARRIVALS_PER_HOUR HANDLE_MINUTES SERVERS
                   TARGET_MINUTES WARMUP_HOURS HOURS REPLICATIONS SEED

Prints `tickets N` (arrivals over warm-up and measured hours, all
replications) and `service_level X` (share of tickets arriving in the
measured hours that waited at most TARGET_MINUTES, pooled over the
replications), so the caller can check it simulated the same queue.
"""
import random
import sys

from SimPy.Simulation import (Process, Resource, activate, hold, initialize,
                              now, release, request, simulate)


class Stats:
    """Counts shared by all tickets of one replication."""

    def __init__(self, measure_from, target):
        self.measure_from = measure_from
        self.target = target
        self.arrivals = 0
        self.measured = 0
        self.in_time = 0


class Ticket(Process):
    def serve(self, desk, stats, handle):
        arrival = now()
        yield request, self, desk
        if arrival >= stats.measure_from:
            stats.measured += 1
            if now() - arrival <= stats.target:
                stats.in_time += 1
        yield hold, self, handle
        yield release, self, desk


class Source(Process):
    """Poisson arrivals (minutes between tickets: exponential)."""

    def generate(self, rng, per_minute, handle_mean, desk, stats):
        while True:
            yield hold, self, rng.expovariate(per_minute)
            stats.arrivals += 1
            ticket = Ticket()
            activate(ticket, ticket.serve(desk, stats,
                                          rng.expovariate(1.0 / handle_mean)))


def replication(rng, per_hour, handle, servers, target, warmup, hours):
    initialize()
    desk = Resource(capacity=servers)
    stats = Stats(warmup * 60.0, target)
    source = Source()
    activate(source, source.generate(rng, per_hour / 60.0, handle, desk, stats))
    simulate(until=(warmup + hours) * 60.0)
    return stats


def main(argv):
    if len(argv) != 9:
        sys.exit(__doc__)
    per_hour, handle, servers, target, warmup, hours = (
        float(argv[1]), float(argv[2]), int(argv[3]), float(argv[4]),
        float(argv[5]), float(argv[6]))
    reps, seed = int(argv[7]), int(argv[8])
    rng = random.Random(seed)
    tickets = measured = in_time = 0
    for _ in range(reps):
        s = replication(rng, per_hour, handle, servers, target, warmup, hours)
        tickets += s.arrivals
        measured += s.measured
        in_time += s.in_time
    print("tickets %d" % tickets)
    print("service_level %.6f" % (in_time / measured if measured else 1.0))


if __name__ == "__main__":
    main(sys.argv)
