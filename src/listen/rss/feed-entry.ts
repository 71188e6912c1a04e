/**
 * One feed entry (RSS item or Atom entry) as a mention draft: text = title and summary as plain
 * text (HTML stripped, Google Alerts' `<b>` highlighting included), url = the real link (Google
 * redirects unwrapped, relative links resolved against the feed), author = the byline (Dublin
 * Core `creator`, RSS `author`, Atom `author/name`) or else the publishing site, createdAt =
 * `pubDate` / `published` / `dc:date` / `updated` (the receipt time when the entry has no
 * readable date: a feed entry is new when it is first seen).
 */
import { createHash } from 'node:crypto';
import type { MentionDraft } from '../../domain/mention.ts';
import type { ParseOutcome } from '../source.ts';
import { finishDraft } from '../import/normalise.ts';
import { htmlToPlainText } from '../mastodon/html-text.ts';
import { parseFeedDate } from './feed-dates.ts';
import { atomAlternate, attr, list, markupOf, textOf, type FeedDocument, type FeedEntryNode } from './feed-xml.ts';
import { unwrapGoogleRedirect } from './google-alerts.ts';

/** The summary part of a mention's text is cut here, with a visible "…" (full articles in `content:encoded` can be huge). */
export const MAX_SUMMARY_CHARS = 5_000;
/** Mention ids longer than this are replaced by a hash. */
const MAX_ID_CHARS = 380;

export interface EntryContext {
  /** The URL the document was fetched from (after redirects): relative links resolve against it. */
  feedUrl: string;
  /** The feed's URL as configured: it scopes local entry ids when the feed names no site. */
  configuredUrl: string;
  doc: FeedDocument;
  receivedAt: number;
}

export interface EntryResult {
  /** The mention id (`rss:<entry id>`), also what the source remembers as seen, rejects included. */
  id: string;
  outcome: ParseOutcome;
  /** False when createdAt fell back to the receipt time. */
  dated: boolean;
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function resolveHttp(href: string | null, base: string): string | null {
  if (href === null) return null;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/** A text construct as plain text: Atom `type="text"` is already text; html, xhtml and RSS fields are HTML. */
function plain(v: unknown, rssField: boolean, source: string): string {
  const type = attr(v, 'type') ?? 'text';
  if (type === 'xhtml') {
    const markup = markupOf(v, source);
    if (markup !== null) return htmlToPlainText(markup).replace(/\u00a0/g, ' ').trim();
  }
  const raw = textOf(v);
  if (raw === '') return '';
  const asHtml = rssField || type.includes('html');
  return (asHtml ? htmlToPlainText(raw) : raw).replace(/\u00a0/g, ' ').trim();
}

function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

/** ISO 639-1 code from "en-us", "fr-FR", "de"; null otherwise. */
function langCode(tag: string | null | undefined): string | null {
  if (tag === null || tag === undefined) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2}$/.test(primary) ? primary : null;
}

/** RSS `author` is "email (Name)" or a name: the name when there is one. */
function rssAuthor(v: string): string {
  const open = v.indexOf('(');
  const close = v.lastIndexOf(')');
  if (open >= 0 && close > open) {
    const name = v.slice(open + 1, close).trim();
    if (name !== '') return name;
  }
  return v.trim();
}

interface EntryFields {
  guid: string | null;
  /** The guid may be used as the link (RSS isPermaLink not "false", or an http(s) Atom id is not a link). */
  guidIsLink: boolean;
  link: string | null;
  title: string;
  summary: string;
  byline: string | null;
  published: string | undefined;
  updated: string | undefined;
  lang: string | null;
}

function rssFields(n: Record<string, unknown>, doc: FeedDocument): EntryFields {
  const guidNode = n.guid;
  const guid = textOf(guidNode).trim();
  const link = list(n.link).map(textOf).find((l) => l.trim() !== '') ?? atomAlternate(n.link);
  const creators = list(n.creator).map(textOf).map((s) => s.trim()).filter((s) => s !== '');
  const author = textOf(n.author).trim();
  const description = plain(n.description, true, doc.source);
  return {
    guid: guid === '' ? null : guid,
    guidIsLink: attr(guidNode, 'isPermaLink') !== 'false',
    link: link === null ? null : link.trim(),
    title: plain(n.title, true, doc.source),
    summary: description !== '' ? description : plain(n.encoded, true, doc.source),
    byline: creators.length > 0 ? creators.join(', ') : author !== '' ? rssAuthor(author) : null,
    published: textOf(n.pubDate) || textOf(n.date) || textOf(n.published) || undefined,
    updated: textOf(n.updated) || undefined,
    lang: langCode(textOf(n.language) || doc.lang),
  };
}

function atomFields(n: Record<string, unknown>, doc: FeedDocument): EntryFields {
  const id = textOf(n.id).trim();
  const summary = plain(n.summary, false, doc.source);
  const content = list(n.content)[0];
  const names = list(n.author)
    .map((a) => textOf(a !== null && typeof a === 'object' && !Array.isArray(a) ? (a as Record<string, unknown>).name : a).trim())
    .filter((s) => s !== '');
  return {
    guid: id === '' ? null : id,
    guidIsLink: false,
    link: atomAlternate(n.link),
    title: plain(n.title, false, doc.source),
    summary: summary !== '' ? summary : attr(content, 'src') === undefined ? plain(content, false, doc.source) : '',
    byline: names.length > 0 ? names.join(', ') : doc.author,
    published: textOf(n.published) || textOf(n.issued) || textOf(n.date) || undefined,
    updated: textOf(n.updated) || textOf(n.modified) || undefined,
    lang: langCode(attr(n, 'lang') ?? doc.lang),
  };
}

/**
 * What scopes an entry id that is not a URI (an RSS guid such as "12345"): the host of the site
 * the feed names (CMS ids are site-wide, and the site stays when the feed's address moves), else
 * the host and path of the configured feed URL.
 */
export function idScope(doc: FeedDocument, configuredUrl: string): string {
  const site = hostOf(resolveHttp(doc.siteUrl, configuredUrl));
  return site ?? configuredUrl.replace(/^https?:\/\//i, '');
}

/** `rss:<id>`: a global id (a URI: tag:, urn:, http…) as is, else `rss:<scope>#<id>`. */
export function mentionIdFor(entryId: string, scope: string): string {
  const scoped = ABSOLUTE.test(entryId) ? entryId : `${scope}#${entryId}`;
  return scoped.length > MAX_ID_CHARS ? `rss:sha256:${sha256(scoped)}` : `rss:${scoped}`;
}

/** The mention id of an Atom tombstone's `ref` (the same id as the entry it deletes). */
export function tombstoneId(ref: string, doc: FeedDocument, configuredUrl: string): string {
  return mentionIdFor(ref.trim(), idScope(doc, configuredUrl));
}

export function entryToMention(entry: FeedEntryNode, ctx: EntryContext): EntryResult {
  const f = ctx.doc.format === 'atom' ? atomFields(entry.node, ctx.doc) : rssFields(entry.node, ctx.doc);
  const guidLink = f.guidIsLink && f.guid !== null && /^https?:\/\//i.test(f.guid) ? f.guid : null;
  const resolved = resolveHttp(f.link ?? guidLink, ctx.feedUrl);
  const url = resolved === null ? null : unwrapGoogleRedirect(resolved);
  const published = parseFeedDate(f.published);
  const updated = parseFeedDate(f.updated);
  const created = published ?? updated;
  const nativeId = f.guid ?? url ?? `sha256:${sha256(`${f.title}\n${f.summary}\n${f.published ?? ''}`)}`;
  const id = mentionIdFor(nativeId, idScope(ctx.doc, ctx.configuredUrl));
  const dated = created !== undefined;
  if (f.title === '' && f.summary === '') {
    return { id, dated, outcome: { kind: 'reject', reason: 'the entry has neither a title nor a summary' } };
  }
  const summary = cut(f.summary, MAX_SUMMARY_CHARS);
  const text = f.title === '' ? summary : summary === '' || summary === f.title ? f.title : `${f.title}\n\n${summary}`;
  const site = hostOf(url) ?? hostOf(resolveHttp(ctx.doc.siteUrl, ctx.feedUrl)) ?? hostOf(ctx.feedUrl) ?? 'unknown';
  const siteHost = hostOf(resolveHttp(ctx.doc.siteUrl, ctx.feedUrl));
  const byline = f.byline === null ? null : f.byline.slice(0, 200);
  const draft: MentionDraft = {
    id,
    platform: 'rss',
    url,
    author:
      byline !== null
        ? { id: `rss:${site}/${byline}`.slice(0, 300), handle: null, name: byline, followers: null, verified: false, kind: 'person' }
        : {
            id: `rss:${site}`,
            handle: site,
            name: siteHost !== null && siteHost === site && ctx.doc.title !== null ? ctx.doc.title : site,
            followers: null,
            verified: false,
            kind: 'organisation',
          },
    text,
    lang: f.lang,
    createdAt: created ?? ctx.receivedAt,
    receivedAt: ctx.receivedAt,
    editedAt: published !== undefined && updated !== undefined && updated > published ? updated : null,
    deletedAt: null,
    relations: { replyTo: null, quoteOf: null, repostOf: null, conversationId: null },
    engagement: { likes: 0, reposts: 0, replies: 0, quotes: 0, views: null },
    matchingRules: [],
    raw: entry.raw,
    ...(url === null ? {} : { links: [url] }),
  };
  return { id, dated, outcome: finishDraft(draft, entry.raw) };
}
