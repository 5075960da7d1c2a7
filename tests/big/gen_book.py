#!/usr/bin/env python3
"""gen_book.py - writes a big partner book for load tests and timings.

The same partners either way, so an INI book and a CSV book of the same
size can be compared:

  gen_book.py ini  N OUT.ini            N [partner.ID] sections, all keys
  gen_book.py csv  N OUT.ini OUT.csv    a [portfolio]-only INI and a CSV
                                        carrying every partner key
  gen_book.py rows N R OUT.ini OUT.csv  N partners with R rows each, the
                                        rows cycling over 6 segments (for
                                        the 10-million-row streaming test)

Partner i (1-based) is p%07d, channel and keys cycle with i so a run is
reproducible without a random seed.  Counts stay far below the model's
[limits] (a partner has 3 customers per segment per row).
"""
import sys

CHANNELS = ["reseller", "distributor", "oem", "msp"]
CSM = ["auto", "none", "0.5", "1"]
TAM = ["0.5", "auto", "none", "1"]
TIERS = ["basic", "premium", "mission_critical"]
HOURS = ["auto", "none", "10", "auto"]
LOCAL = ["auto", "no", "yes"]
GROWTH = ["0", "0.02", "0.05"]
SEGMENTS = [("basic", "America/New_York"), ("premium", "Europe/Berlin"),
            ("basic", "Asia/Tokyo"), ("mission_critical", "America/Chicago"),
            ("premium", "Australia/Sydney"), ("basic", "Europe/London")]
HEADER = ("partner,name,channel,csm,tam,tam_tier,service_hours,localization,"
          "growth,plan,timezone,customers\n")


def keys(i):
    return {"name": "Partner %d" % i, "channel": CHANNELS[i % 4],
            "csm": CSM[i % 4], "tam": TAM[i % 4],
            "tam_tier": TIERS[i % 3], "service_hours": HOURS[(i // 2) % 4],
            "localization": LOCAL[i % 3], "growth": GROWTH[(i // 3) % 3]}


def portfolio(out, title):
    out.write("[portfolio]\nname = %s\nstart = 2027-01-01\nquarters = 4\n"
              % title)


def write_ini(n, path):
    with open(path, "w") as out:
        portfolio(out, "Generated book of %d partners" % n)
        for i in range(1, n + 1):
            out.write("\n[partner.p%07d]\n" % i)
            for k, v in keys(i).items():
                out.write("%s = %s\n" % (k, v))
            a, b = SEGMENTS[i % 6], SEGMENTS[(i + 1) % 6]
            out.write("customers = %s %s 3, \\\n            %s %s 3\n"
                      % (a[0], a[1], b[0], b[1]))


def row(i, seg):
    k = keys(i)
    return ("p%07d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,3\n"
            % (i, k["name"], k["channel"], k["csm"], k["tam"], k["tam_tier"],
               k["service_hours"], k["localization"], k["growth"],
               seg[0], seg[1]))


def write_csv(n, rows, ini_path, csv_path):
    with open(ini_path, "w") as out:
        portfolio(out, "Generated book of %d partners" % n)
    with open(csv_path, "w") as out:
        out.write(HEADER)
        for r in range(rows):
            chunk = []
            for i in range(1, n + 1):
                chunk.append(row(i, SEGMENTS[(i + r) % 6]))
                if len(chunk) == 10000:
                    out.write("".join(chunk))
                    chunk = []
            out.write("".join(chunk))


def main(argv):
    if len(argv) == 4 and argv[1] == "ini":
        write_ini(int(argv[2]), argv[3])
    elif len(argv) == 5 and argv[1] == "csv":
        write_csv(int(argv[2]), 2, argv[3], argv[4])
    elif len(argv) == 6 and argv[1] == "rows":
        write_csv(int(argv[2]), int(argv[3]), argv[4], argv[5])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
