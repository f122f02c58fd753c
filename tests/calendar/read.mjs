// Reads an iCalendar file from standard input with ical.js and prints, as JSON, what a
// calendar app takes from each event: the calendar's METHOD and per VEVENT its UID, SEQUENCE,
// STATUS, SUMMARY, URL, DESCRIPTION and start and end as UTC instants (TZID resolved through
// the file's own VTIMEZONE, as Thunderbird does). A file ical.js cannot parse exits non-zero.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    sequence: event.sequence,
    status: component.getFirstPropertyValue("status"),
    summary: event.summary,
    url: component.getFirstPropertyValue("url"),
    description: event.description,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    tzid: event.startDate.zone ? event.startDate.zone.tzid : null,
  };
});
console.log(JSON.stringify({ method: calendar.getFirstPropertyValue("method"), events }));
