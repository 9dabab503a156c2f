// Fetch an Atom feed of danvan and parse it with a real feed parser
// (feedparser, strict XML), printing a JSON summary for tests/http/test_feeds.sh:
//   {title, id, self, alternate, updated, language, count,
//    entries: [{id, title, link, published, updated, published_raw, updated_raw, categories}]}
// Dates are as the parser read them, in ISO 8601 (null when it could not);
// the *_raw ones are the elements' text.
// Usage: node feed.mjs URL      exits 1 with a message on stderr when the
// answer is not 200, not application/atom+xml or not a well-formed feed.
import FeedParser from 'feedparser';

const url = process.argv[2];
if (!url) {
  console.error('usage: node feed.mjs URL');
  process.exit(2);
}

function fail(msg) {
  console.error(`feed.mjs: ${url}: ${msg}`);
  process.exit(1);
}

// The text of an element as the XML parser decoded it: feedparser's own
// `title` strips anything that looks like an HTML tag, but an Atom text
// construct without type="html" is plain text and must come back as sent.
function text(node, name) {
  const el = node[name];
  const v = Array.isArray(el) ? el[0] : el;
  return v && typeof v['#'] === 'string' ? v['#'] : null;
}

function iso(d) {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}

function parse(body) {
  return new Promise((resolve, reject) => {
    // strict: any XML error (an unescaped & or <) is a parse error, not skipped;
    // no feedurl or guidlink, so a missing self link or entry link stays missing
    const p = new FeedParser({ strict: true, resume_saxerror: false, guidlink: false });
    const items = [];
    p.on('error', reject);
    p.on('readable', () => {
      let item;
      while ((item = p.read())) items.push(item);
    });
    p.on('end', () => resolve({ meta: p.meta, items }));
    p.end(body);
  });
}

let res, body;
try {
  res = await fetch(url);
  body = await res.text();
} catch (e) {
  fail(`fetch failed: ${e.message}`);
}
if (res.status !== 200) fail(`HTTP ${res.status}`);
const type = res.headers.get('content-type') || '';
if (!/^application\/atom\+xml(\s*;|$)/i.test(type)) fail(`content type is '${type}', not application/atom+xml`);

let feed;
try {
  feed = await parse(body);
} catch (e) {
  fail(`parse error: ${e.message}`);
}
const { meta, items } = feed;
if (meta['#type'] !== 'atom') fail(`not an Atom feed but ${meta['#type']}`);

const summary = {
  title: text(meta, 'atom:title'),
  id: text(meta, 'atom:id'),
  self: meta.xmlurl,
  alternate: meta.link,
  updated: iso(meta.date),
  language: meta.language,
  count: items.length,
  entries: items.map((it) => ({
    id: text(it, 'atom:id'),
    title: text(it, 'atom:title'),
    link: it.link,
    published: iso(it.pubdate),
    updated: iso(it.date),
    published_raw: text(it, 'atom:published'),
    updated_raw: text(it, 'atom:updated'),
    categories: it.categories,
  })),
};
process.stdout.write(JSON.stringify(summary, null, 1) + '\n');
