"""Independent check of a mentorkit ICS export, read from standard input.

Parses the calendar with Python's icalendar, resolves every DTSTART through
the tz database, and builds a tzinfo from the file's own VTIMEZONE (not from
its TZID) whose offset must agree. Prints one line per event:
`<session id> <start in UTC> <tz database offset> <VTIMEZONE offset>`,
then `calendar ok N events`. Exits 3 when icalendar is not installed.
"""

import sys

try:
    import icalendar
except ImportError:
    sys.exit(3)

from datetime import timezone

data = sys.stdin.buffer.read()
cal = icalendar.Calendar.from_ical(data)
problems = []
for component in cal.walk():
    for prop, message in getattr(component, "errors", []):
        problems.append(f"{component.name} {prop}: {message}")
if problems:
    print("\n".join(problems))
    sys.exit(1)

zones = {str(tz["TZID"]): tz.to_tz(lookup_tzid=False) for tz in cal.walk("VTIMEZONE")}
events = cal.walk("VEVENT")
for event in events:
    for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE"):
        if required not in event:
            print(f"missing {required}")
            sys.exit(1)
    start = event["DTSTART"].dt
    end = event["DTEND"].dt
    if end <= start:
        print(f"{event['UID']} ends before it starts")
        sys.exit(1)
    uid = str(event["UID"])
    session = uid.rsplit("@", 1)[0].rsplit("-", 1)[0]
    if "TZID" not in event["DTSTART"].params:
        print(f"{session} all-day {start.isoformat()}")
        continue
    tzid = event["DTSTART"].params["TZID"]
    ours = start.replace(tzinfo=None).replace(tzinfo=zones[tzid]).utcoffset()
    utc = start.astimezone(timezone.utc).isoformat()
    print(f"{session} {utc} {int(start.utcoffset().total_seconds())} {int(ours.total_seconds())}")
print(f"calendar ok {len(events)} events")
