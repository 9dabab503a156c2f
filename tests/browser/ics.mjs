// Read a meeting's calendar file with ical.js, as calendar programs do, and
// print what it found as JSON: the event's summary, location, start and end
// as UTC instants, its zone, and the longest line in octets.
//   node tests/browser/ics.mjs FILE.ics
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const text = readFileSync(process.argv[2], 'utf8');
const cal = new ICAL.Component(ICAL.parse(text));
for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
const ev = new ICAL.Event(cal.getFirstSubcomponent('vevent'));
const longest = Math.max(...text.split('\r\n').map((l) => Buffer.byteLength(l)));
process.stdout.write(JSON.stringify({
  summary: ev.summary,
  location: ev.location,
  description: ev.description,
  start: ev.startDate.toJSDate().toISOString(),
  end: ev.endDate.toJSDate().toISOString(),
  zone: ev.startDate.zone.tzid,
  longest,
  crlf: !/[^\r]\n/.test(text),
}));
