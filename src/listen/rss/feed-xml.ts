/**
 * A feed document (RSS 2.0, RSS 1.0 / RDF, Atom 1.0) read with fast-xml-parser into its feed-level
 * facts and its entries, each entry kept with its own XML text (the mention's raw evidence and the
 * reject excerpt) and its line. The document is checked for well-formedness first, so a broken
 * feed is refused with the line and column of the fault instead of being half read.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isObject, type JsonObject } from '../import/json-access.ts';

export type FeedFormat = 'rss' | 'rdf' | 'atom';

export interface FeedEntryNode {
  /** The parsed element (attributes under `@_name`, text under `#text`, namespace prefixes removed). */
  node: JsonObject;
  /** The entry's XML exactly as received. */
  raw: string;
  /** 1-based line of the entry's start tag in the document. */
  line: number;
}

/** An Atom tombstone (RFC 6721 `<at:deleted-entry ref=… when=…>`). */
export interface FeedTombstone {
  ref: string;
  when: string | null;
}

export interface FeedDocument {
  format: FeedFormat;
  title: string | null;
  /** The site the feed belongs to (RSS channel `link`, Atom `link rel=alternate`). */
  siteUrl: string | null;
  /** Atom feed `id` (Google Alerts feeds are recognised by it). */
  id: string | null;
  /** RSS channel `language` or the feed's `xml:lang`. */
  lang: string | null;
  /** Atom feed-level author names, used for entries without their own. */
  author: string | null;
  entries: FeedEntryNode[];
  tombstones: FeedTombstone[];
  /** The whole document (XHTML content is taken from it as markup). */
  source: string;
}

export type FeedXmlResult = { ok: true; doc: FeedDocument } | { ok: false; reason: string };

/** Element names that fast-xml-parser refuses (prototype pollution guard): renamed so that a feed using one is still read. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const safeName = (n: string): string => (RESERVED.has(n) ? `x-${n}` : n);

// Typed as the boxed `Symbol` by the package; it is a primitive symbol.
const meta = XMLParser.getMetaDataSymbol() as unknown as symbol;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  captureMetaData: true,
  // Numeric character references and the common HTML named entities (&nbsp; …) decoded once.
  htmlEntities: true,
  // XHTML content is parsed like the rest and taken back as markup by `markupOf` (stopNodes
  // would do it, but matching them costs half the parse).
  transformTagName: safeName,
  transformAttributeName: safeName,
});

/** Zero, one or several elements of that name, as a list. */
export function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** The text of an element (a string, or the `#text` of an element with attributes), '' when none. */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return textOf(v[0]);
  if (isObject(v)) {
    const t = v['#text'];
    return typeof t === 'string' ? t : typeof t === 'number' ? String(t) : '';
  }
  return typeof v === 'number' ? String(v) : '';
}

/** An attribute of an element, or undefined. */
export function attr(v: unknown, name: string): string | undefined {
  if (!isObject(v)) return undefined;
  const a = v[`@_${name}`];
  return typeof a === 'string' ? a : undefined;
}

function nonEmpty(s: string): string | null {
  const t = s.trim();
  return t === '' ? null : t;
}

/** An element's XML as received (start tag to end tag), when the parser recorded where it was. */
export function markupOf(v: unknown, source: string): string | null {
  if (!isObject(v)) return null;
  const m = (v as Record<symbol, unknown>)[meta] as { startIndex?: number; endIndex?: number } | undefined;
  const start = m?.startIndex;
  const end = m?.endIndex;
  return typeof start === 'number' && typeof end === 'number' && end > start ? source.slice(start, end) : null;
}

/** Atom `link` elements: the href of the first `rel="alternate"` (or rel-less) one, HTML preferred. */
export function atomAlternate(links: unknown): string | null {
  const candidates = list(links).filter((l) => {
    const rel = attr(l, 'rel');
    return attr(l, 'href') !== undefined && (rel === undefined || rel === 'alternate');
  });
  const html = candidates.find((l) => (attr(l, 'type') ?? 'text/html').includes('html'));
  const href = attr(html ?? candidates[0], 'href');
  return href === undefined ? null : nonEmpty(href);
}

function firstObject(v: unknown): JsonObject | undefined {
  const first = list(v).find(isObject);
  return first as JsonObject | undefined;
}

function rootName(parsed: JsonObject): string | undefined {
  return Object.keys(parsed).find((k) => !k.startsWith('?') && !k.startsWith('#') && !k.startsWith('!'));
}

/** Entries with their raw XML and line, from the parser's start/end offsets. */
function entryNodes(xml: string, elements: unknown): FeedEntryNode[] {
  const nodes = list(elements).filter(isObject);
  const out: FeedEntryNode[] = [];
  let line = 1;
  let counted = 0;
  for (const node of nodes) {
    const m = (node as Record<symbol, unknown>)[meta] as { startIndex?: number; endIndex?: number } | undefined;
    const start = m?.startIndex;
    const end = m?.endIndex;
    let raw: string;
    if (typeof start === 'number' && typeof end === 'number' && end > start && start >= counted) {
      for (let i = counted; i < start; i++) if (xml.charCodeAt(i) === 10) line++;
      counted = start;
      raw = xml.slice(start, end);
    } else {
      raw = JSON.stringify(node);
    }
    out.push({ node, raw, line });
  }
  return out;
}

function authorNames(authors: unknown): string | null {
  const names = list(authors)
    .map((a) => nonEmpty(textOf(isObject(a) ? a.name : a)))
    .filter((n): n is string => n !== null);
  return names.length === 0 ? null : names.join(', ');
}

/** Reads a feed document; never throws. */
export function parseFeedXml(xml: string): FeedXmlResult {
  if (!/\S/.test(xml)) return { ok: false, reason: 'the feed body is empty' };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const e = valid.err;
    const where = e.col === undefined ? `line ${e.line}` : `line ${e.line}, column ${e.col}`;
    return { ok: false, reason: `the feed is not well-formed XML (${where}): ${e.msg}` };
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (e) {
    return { ok: false, reason: `the feed could not be read as XML: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!isObject(parsed)) return { ok: false, reason: 'the feed has no root element' };
  const root = rootName(parsed);
  const top = root === undefined ? undefined : parsed[root];
  if (root === 'rss') {
    const channel = firstObject(isObject(top) ? top.channel : undefined);
    if (channel === undefined) return { ok: false, reason: 'an RSS feed must have a <channel> element' };
    const link = list(channel.link).map(textOf).find((l) => l.trim() !== '') ?? null;
    return {
      ok: true,
      doc: {
        format: 'rss',
        title: nonEmpty(textOf(channel.title)),
        siteUrl: link === null ? atomAlternate(channel.link) : link.trim(),
        id: null,
        lang: nonEmpty(textOf(channel.language)),
        author: nonEmpty(textOf(channel.creator)),
        entries: entryNodes(xml, channel.item),
        tombstones: [],
        source: xml,
      },
    };
  }
  if (root === 'RDF') {
    const rdf = isObject(top) ? top : {};
    const channel = firstObject(rdf.channel) ?? {};
    return {
      ok: true,
      doc: {
        format: 'rdf',
        title: nonEmpty(textOf(channel.title)),
        siteUrl: nonEmpty(textOf(channel.link)),
        id: null,
        lang: nonEmpty(textOf(channel.language)),
        author: nonEmpty(textOf(channel.creator)),
        entries: entryNodes(xml, rdf.item ?? channel.item),
        tombstones: [],
        source: xml,
      },
    };
  }
  if (root === 'feed') {
    const feed = isObject(top) ? top : {};
    const tombstones = list(feed['deleted-entry'])
      .map((t) => ({ ref: attr(t, 'ref') ?? '', when: attr(t, 'when') ?? null }))
      .filter((t) => t.ref.trim() !== '');
    return {
      ok: true,
      doc: {
        format: 'atom',
        title: nonEmpty(textOf(feed.title)),
        siteUrl: atomAlternate(feed.link),
        id: nonEmpty(textOf(feed.id)),
        lang: nonEmpty(attr(feed, 'lang') ?? ''),
        author: authorNames(feed.author),
        entries: entryNodes(xml, feed.entry),
        tombstones,
        source: xml,
      },
    };
  }
  return {
    ok: false,
    reason: root === undefined ? 'the document has no root element' : `not an RSS or Atom feed: the root element is <${root}> (expected <rss>, <feed> or <rdf:RDF>)`,
  };
}
