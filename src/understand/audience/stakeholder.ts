/**
 * Who speaks: the author's stakeholder type, from ordered rules over the handle, the display
 * name, the bio, the profile counts and the post's text. The first rule that fires decides, and
 * says why (`reason`, one English sentence quoting the cue, for the analyst):
 *
 * 1. **brand** — the handle is one of a brand's `handles` or `ownedAccounts`.
 * 2. **employee** — the handle is one of a brand's `employeeHandles`; or the bio holds an e-mail
 *    address or link at one of its `employeeDomains`; or the bio says the author works there
 *    ("ingénieure chez Kerlann", "salarié de Kerlann", "works at @kerlann", "@kerlann employee",
 *    "CEO of Kerlann"), or carries "views my own" / "mes propos n'engagent que moi" and names the
 *    brand; or the display name is tagged with it ("Marion | Kerlann"). "ex-", "ancien",
 *    "former", "client chez"… just before the cue undo it.
 * 3. **competitor** — a configured competitor handle or display name, or an author whose bio or
 *    name says they work for a competitor (the same cues as employees).
 * 4. **regulator** — a regulator handle or name (the built-in list of regulators.ts plus the
 *    configured ones), a Mastodon account on a government server (gouv.fr, .gov, gov.uk,
 *    europa.eu), or an organisation-like bio linking to a government site.
 * 5. **journalist** — a person (not an organisation account) whose bio or name has a strong cue
 *    (journaliste, reporter, rédacteur en chef, correspondant, pigiste, chroniqueur, columnist,
 *    "news editor", carte de presse…), or a weak cue (editor, rédacteur, writer, contributor)
 *    strengthened to 2 points: weak cue 1, on `journalistMinListed` lists or more 1 (a quarter
 *    of that 0.5), verified 0.5.
 * 6. **media** — an account with a strong newsroom cue in its bio or name ("l'info en continu",
 *    "toute l'actualité de", "breaking news", "newsroom", "la rédaction", "quotidien régional",
 *    "agence de presse"…), or at least one weaker cue and 2 points: weak bio cue 1 ("news",
 *    "actu", "magazine", "média"), a news-like handle or name 1 ("ouest_info", "Le Courrier…"),
 *    an organisation account 1, on `mediaMinListed` lists or more 1, verified 0.5.
 * 7. **influencer** — followers at or above the platform's threshold (`influencerFollowers`).
 * 8. **customer** — the post speaks of the author's own purchase or use: "ma commande",
 *    "j'ai acheté", "mon colis", "client depuis", "my order", "I bought", "my account",
 *    "customer since", "mon autocuiseur Kerlann", or it is addressed to a brand handle
 *    ("@kerlann_sav …") and written in the first person. Only the first 1,000 characters of the
 *    text are read: a first-person cue comes early, and an article is not a customer. A repost
 *    ("RT @…" or `relations.repostOf`) is someone else's text: it is not read.
 * 9. **unknown** — none of the above.
 *
 * Cues are matched on folded text (case and accents removed), with regular expressions compiled
 * once per brand and per options object (cached by identity: keep passing the same objects).
 * Brand names shorter than 3 characters are not used as cues (their handles still are).
 */
import type { Brand } from '../../domain/brand.ts';
import type { Mention, Stakeholder } from '../../domain/mention.ts';
import { fold } from '../../listen/query/fold.ts';
import {
  CUSTOMER_RE,
  FIRST_PERSON_RE,
  JOURNALIST_STRONG_RE,
  JOURNALIST_WEAK_RE,
  MEDIA_HANDLE_RE,
  MEDIA_NAME_RE,
  MEDIA_STRONG_RE,
  MEDIA_WEAK_RE,
  NOT_EMPLOYEE_BEFORE,
  OFFICIAL_RE,
  type OrgCues,
  orgCues,
  OWN_VIEWS_RE,
  ownedProductCue,
  phraseSource,
  wordsRegex,
} from './cues.ts';
import { GOVERNMENT_DOMAIN, GOVERNMENT_SERVER, REGULATORS } from './regulators.ts';
import { DEFAULT_STAKEHOLDER_OPTIONS, influencerThreshold, type StakeholderOptions } from './stakeholder-options.ts';

export {
  DEFAULT_STAKEHOLDER_OPTIONS,
  parseStakeholderOptions,
  StakeholderOptionsError,
  StakeholderOptionsSchema,
  type StakeholderOptions,
  type StakeholderOptionsInput,
} from './stakeholder-options.ts';

export interface StakeholderResult {
  type: Stakeholder;
  /** Why, in one English sentence quoting the cue (e.g. `bio says "journaliste"`). */
  reason: string;
}

/** What the rules read from a mention (a repost's text is someone else's: it is not read). */
export type StakeholderInput = Pick<Mention, 'platform' | 'author' | 'text'> & { relations?: Pick<Mention['relations'], 'repostOf'> };

/** Text read for customer cues. */
export const CUSTOMER_TEXT_CHARS = 1_000;

const norm = (h: string): string => (h.charCodeAt(0) === 64 ? h.slice(1) : h).trim().toLowerCase();

interface CompiledBrand {
  label: string;
  own: ReadonlySet<string>;
  employees: ReadonlySet<string>;
  /** "@handle" prefixes a post addressed to the brand starts with (folded). */
  addressed: readonly string[];
  cues: OrgCues | null;
  product: RegExp | null;
  domains: RegExp | null;
}

interface CompiledOptions {
  competitorHandles: ReadonlySet<string>;
  competitorNames: ReadonlySet<string>;
  competitorCues: OrgCues | null;
  /** Regulator handles and exact (folded) names, with their label. */
  regulatorHandles: ReadonlyMap<string, string>;
  regulatorNames: ReadonlyMap<string, string>;
  /** Long regulator names (≥ 12 characters), matched inside a display name. */
  regulatorLongNames: readonly (readonly [string, string])[];
  extraEmployee: RegExp | null;
  extraJournalist: RegExp | null;
  extraMedia: RegExp | null;
  extraCustomer: RegExp | null;
}

const brandCache = new WeakMap<Brand, CompiledBrand>();
const optionsCache = new WeakMap<StakeholderOptions, CompiledOptions>();

/** Names and handles of an organisation as regex sources (names under 3 characters left out). */
function orgSources(names: readonly string[], handles: readonly string[]): string[] {
  const out = new Set<string>();
  for (const n of names) if (fold(n.trim()).length >= 3) out.add(phraseSource(n));
  for (const h of handles) if (norm(h).length > 0) out.add(phraseSource(norm(h)));
  return [...out];
}

function compileBrand(brand: Brand): CompiledBrand {
  let c = brandCache.get(brand);
  if (c !== undefined) return c;
  const handles = [...brand.handles, ...brand.ownedAccounts];
  const sources = orgSources([brand.name, ...brand.aliases], handles);
  const domains = brand.employeeDomains.map((d) => fold(d.trim()).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  c = {
    label: brand.name,
    own: new Set(handles.map(norm)),
    employees: new Set(brand.employeeHandles.map(norm)),
    addressed: handles.map((h) => `@${fold(norm(h))}`),
    cues: sources.length > 0 ? orgCues(sources) : null,
    product: sources.length > 0 ? ownedProductCue(sources) : null,
    domains: domains.length > 0 ? new RegExp(`(?<![a-z0-9-])(?:[a-z0-9-]+\\.)*(?:${domains.join('|')})(?![a-z0-9-]|\\.[a-z0-9])`) : null,
  };
  brandCache.set(brand, c);
  return c;
}

function extra(phrases: readonly string[]): RegExp | null {
  return phrases.length === 0 ? null : wordsRegex(phrases.map(phraseSource));
}

function compileOptions(o: StakeholderOptions): CompiledOptions {
  let c = optionsCache.get(o);
  if (c !== undefined) return c;
  const regulatorHandles = new Map<string, string>();
  const regulatorNames = new Map<string, string>();
  const regulatorLongNames: [string, string][] = [];
  const addRegulator = (label: string, handles: readonly string[], names: readonly string[]): void => {
    for (const h of handles) regulatorHandles.set(norm(h), label);
    for (const n of names) {
      const f = fold(n.trim());
      regulatorNames.set(f, label);
      if (f.length >= 12) regulatorLongNames.push([f, label]);
    }
  };
  if (o.builtInRegulators) for (const r of REGULATORS) addRegulator(r.label, r.handles, r.names);
  for (const h of o.regulators.handles) addRegulator(`@${norm(h)}`, [h], []);
  for (const n of o.regulators.names) addRegulator(n, [], [n]);
  const competitorSources = orgSources(o.competitors.names, o.competitors.handles);
  c = {
    competitorHandles: new Set(o.competitors.handles.map(norm)),
    competitorNames: new Set(o.competitors.names.map((n) => fold(n.trim()))),
    competitorCues: competitorSources.length > 0 ? orgCues(competitorSources) : null,
    regulatorHandles,
    regulatorNames,
    regulatorLongNames,
    extraEmployee: extra(o.extraCues.employee),
    extraJournalist: extra(o.extraCues.journalist),
    extraMedia: extra(o.extraCues.media),
    extraCustomer: extra(o.extraCues.customer),
  };
  optionsCache.set(o, c);
  return c;
}

/** The first match of a global employee cue that no "ex-", "former", "client"… precedes. */
function employedMatch(re: RegExp, text: string): string | null {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (!NOT_EMPLOYEE_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))) return m[0];
    re.lastIndex = m.index + 1;
  }
  return null;
}

/** How a bio or display name says the author works for an organisation, or null. */
function worksFor(cues: OrgCues, bio: string, name: string, extraCue: RegExp | null): string | null {
  if (bio.length > 0 && cues.any.test(bio)) {
    const said = employedMatch(cues.role, bio) ?? employedMatch(cues.place, bio);
    if (said !== null) return `bio says "${said}"`;
    const own = OWN_VIEWS_RE.exec(bio) ?? extraCue?.exec(bio) ?? null;
    if (own !== null) return `bio names it and says "${own[0]}"`;
  }
  if (name.length > 0) {
    const tag = cues.nameTag.exec(name);
    if (tag !== null) return `display name is tagged "${tag[0].trim()}"`;
  }
  return null;
}

const quote = (m: RegExpExecArray | null): string => (m === null ? '' : `"${m[0]}"`);
const fmt = (n: number): string => n.toLocaleString('en-US');

/** The strengtheners as a short list ("verified, on 340 lists"). */
function standing(author: StakeholderInput['author']): string {
  const parts: string[] = [];
  if (author.verified) parts.push('verified');
  if (author.listed != null && author.listed > 0) parts.push(`on ${fmt(author.listed)} lists`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function regulatorOf(a: StakeholderInput['author'], handle: string, name: string, bio: string, o: CompiledOptions): string | null {
  const byHandle = o.regulatorHandles.get(handle);
  if (byHandle !== undefined) return `@${handle} is a regulator's account (${byHandle})`;
  const at = handle.indexOf('@');
  if (at > 0 && GOVERNMENT_SERVER.test(handle.slice(at + 1))) return `@${handle} is on a government server`;
  if (name.length > 0) {
    const byName = o.regulatorNames.get(name);
    if (byName !== undefined) return `display name "${a.name ?? ''}" is a regulator (${byName})`;
    for (const [long, label] of o.regulatorLongNames) if (name.includes(long)) return `display name "${a.name ?? ''}" names a regulator (${label})`;
  }
  if (bio.length > 0) {
    const gov = GOVERNMENT_DOMAIN.exec(bio);
    if (gov !== null && (a.kind === 'organisation' || OFFICIAL_RE.test(bio))) return `an official account linking to a government site (${gov[1] ?? ''})`;
  }
  return null;
}

/**
 * The author's stakeholder type and why (see the rules above). `brands` are the brands the
 * mention is about (or all of the workspace's); `options` come from `parseStakeholderOptions`.
 */
export function classifyStakeholder(
  mention: StakeholderInput,
  brands: readonly Brand[],
  options: StakeholderOptions = DEFAULT_STAKEHOLDER_OPTIONS,
): StakeholderResult {
  const a = mention.author;
  const handle = a.handle == null || a.handle.length === 0 ? '' : norm(a.handle);
  const compiled = brands.map(compileBrand);

  // 1. The brand's own accounts, 2. its employees' handles.
  if (handle.length > 0) {
    for (const b of compiled) if (b.own.has(handle)) return { type: 'brand', reason: `@${handle} is one of ${b.label}'s accounts` };
    for (const b of compiled) if (b.employees.has(handle)) return { type: 'employee', reason: `@${handle} is listed as an employee of ${b.label}` };
  }
  const o = compileOptions(options);
  const bio = a.bio == null || a.bio.length === 0 ? '' : fold(a.bio);
  const name = a.name == null || a.name.length === 0 ? '' : fold(a.name.trim());

  // 2. Employees by their bio or display name.
  for (const b of compiled) {
    if (b.domains !== null && bio.length > 0) {
      const d = b.domains.exec(bio);
      if (d !== null) return { type: 'employee', reason: `bio has an address at ${d[0]}, a domain of ${b.label}` };
    }
    if (b.cues !== null) {
      const why = worksFor(b.cues, bio, name, o.extraEmployee);
      if (why !== null) return { type: 'employee', reason: `${why}: works for ${b.label}` };
    }
  }

  // 3. Competitors.
  if (handle.length > 0 && o.competitorHandles.has(handle)) return { type: 'competitor', reason: `@${handle} is a configured competitor account` };
  if (name.length > 0 && o.competitorNames.has(name)) return { type: 'competitor', reason: `display name "${a.name ?? ''}" is a configured competitor` };
  if (o.competitorCues !== null) {
    const why = worksFor(o.competitorCues, bio, name, null);
    if (why !== null) return { type: 'competitor', reason: `${why}: works for a competitor` };
  }

  // 4. Regulators.
  const regulator = regulatorOf(a, handle, name, bio, o);
  if (regulator !== null) return { type: 'regulator', reason: regulator };

  const profile = name.length === 0 ? bio : bio.length === 0 ? name : `${name} | ${bio}`;
  const listed = a.listed ?? 0;

  // 5. Journalists (people only: a newsroom's account is media).
  if (profile.length > 0 && a.kind !== 'organisation') {
    const strong = JOURNALIST_STRONG_RE.exec(profile) ?? o.extraJournalist?.exec(profile) ?? null;
    if (strong !== null) return { type: 'journalist', reason: `bio says ${quote(strong)}${standing(a)}` };
    const weak = JOURNALIST_WEAK_RE.exec(profile);
    if (weak !== null) {
      const min = options.journalistMinListed;
      const points = 1 + (listed >= min ? 1 : listed >= min / 4 ? 0.5 : 0) + (a.verified ? 0.5 : 0);
      if (points >= 2) return { type: 'journalist', reason: `bio says ${quote(weak)}${standing(a)}` };
    }
  }

  // 6. Media.
  const mediaStrong = profile.length > 0 ? (MEDIA_STRONG_RE.exec(profile) ?? o.extraMedia?.exec(profile) ?? null) : null;
  if (mediaStrong !== null) return { type: 'media', reason: `bio says ${quote(mediaStrong)}${standing(a)}` };
  const weak = bio.length > 0 ? MEDIA_WEAK_RE.exec(bio) : null;
  const identity = (name.length > 0 ? MEDIA_NAME_RE.exec(name) : null) ?? (handle.length > 0 ? MEDIA_HANDLE_RE.exec(handle) : null);
  if (weak !== null || identity !== null) {
    const points =
      (weak !== null ? 1 : 0) + (identity !== null ? 1 : 0) + (a.kind === 'organisation' ? 1 : 0) + (listed >= options.mediaMinListed ? 1 : 0) + (a.verified ? 0.5 : 0);
    if (points >= 2) {
      const cues = [weak !== null ? `bio says ${quote(weak)}` : '', identity !== null ? `news-like name ${quote(identity)}` : '', a.kind === 'organisation' ? 'organisation account' : '']
        .filter((s) => s.length > 0)
        .join(', ');
      return { type: 'media', reason: `${cues}${standing(a)}` };
    }
  }

  // 7. Influencers.
  const threshold = influencerThreshold(options, mention.platform);
  if (a.followers != null && a.followers >= threshold) {
    return { type: 'influencer', reason: `${fmt(a.followers)} followers (influencer from ${fmt(threshold)} on ${mention.platform})` };
  }

  // 8. Customers, from the post itself.
  const raw = typeof mention.text === 'string' ? mention.text : '';
  const repost = (mention.relations?.repostOf ?? null) !== null || raw.startsWith('RT @');
  if (!repost && raw.length > 0) {
    const text = fold(raw.length > CUSTOMER_TEXT_CHARS ? raw.slice(0, CUSTOMER_TEXT_CHARS) : raw);
    const cue = CUSTOMER_RE.exec(text) ?? o.extraCustomer?.exec(text) ?? null;
    if (cue !== null) return { type: 'customer', reason: `the post says ${quote(cue)}` };
    for (const b of compiled) {
      const own = b.product?.exec(text) ?? null;
      if (own !== null) return { type: 'customer', reason: `the post says ${quote(own)}` };
    }
    const lead = /^[\s.]*((?:@[a-z0-9_.@-]+[\s,]*)+)/.exec(text);
    if (lead !== null) {
      const addressed = lead[1] as string;
      for (const b of compiled) {
        const to = b.addressed.find((h) => addressed.includes(h) && !/[a-z0-9_]/.test(addressed.charAt(addressed.indexOf(h) + h.length)));
        if (to !== undefined && FIRST_PERSON_RE.test(text.slice(lead[0].length))) {
          return { type: 'customer', reason: `writes to ${to} about their own case` };
        }
      }
    }
  }
  return { type: 'unknown', reason: bio.length > 0 || name.length > 0 ? 'no cue in the handle, name, bio or post' : 'no profile to read and no cue in the post' };
}
