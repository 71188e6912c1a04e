/**
 * Settings of the stakeholder rules (stakeholder.ts): the influencer follower threshold per
 * platform, the competitors' and extra regulators' accounts, the list counts that strengthen a
 * journalist or media cue, and extra cue phrases for other wordings or languages. The zod schema
 * is what the configuration file holds under `understand.stakeholders`; every key is described.
 */
import { z } from 'zod';
import type { Platform } from '../../domain/platform.ts';

function count(min: number, max: number) {
  const error = `expected an integer from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

const handle = z
  .string({ error: 'expected a handle such as "kerlann" or "@kerlann"' })
  .trim()
  .min(1, { error: 'expected a handle such as "kerlann" or "@kerlann"' })
  .max(300, { error: 'expected a handle of at most 300 characters' });
const name = z
  .string({ error: 'expected a name' })
  .trim()
  .min(2, { error: 'expected a name of at least 2 characters' })
  .max(200, { error: 'expected a name of at most 200 characters' });
const phrase = z
  .string({ error: 'expected a phrase' })
  .trim()
  .min(2, { error: 'expected a phrase of at least 2 characters' })
  .max(100, { error: 'expected a phrase of at most 100 characters' });

const Followers = count(0, 1_000_000_000);

const threshold = (platform: Platform) =>
  Followers.optional().describe(`Followers from which an author on ${platform} counts as an influencer; leave it out to use "default".`);

/** One key per platform (`satisfies` fails to compile when a platform is added and not here). */
const platformThresholds = {
  x: threshold('x'),
  bluesky: Followers.default(5_000).describe('Followers from which an author on bluesky counts as an influencer (default 5,000).'),
  mastodon: Followers.default(2_000).describe('Followers from which an author on mastodon counts as an influencer (default 2,000).'),
  reddit: threshold('reddit'),
  rss: threshold('rss'),
  webhook: threshold('webhook'),
  csv: threshold('csv'),
} satisfies Record<Platform, z.ZodType>;

const InfluencerFollowers = z
  .strictObject({
    default: Followers.default(10_000).describe('Followers from which an author counts as an influencer on a platform without its own threshold.'),
    ...platformThresholds,
  })
  .describe('Followers from which an author counts as an influencer, per platform (audiences differ: 2,000 followers is a large Mastodon account).');

const Accounts = (who: string) =>
  z
    .strictObject({
      handles: z.array(handle).default([]).describe(`Handles of ${who}, with or without "@" (Mastodon: "name@server").`),
      names: z.array(name).default([]).describe(`Names of ${who}: an author whose display name is one of them, or whose bio says they work there, matches.`),
    })
    .default({ handles: [], names: [] });

export const StakeholderOptionsSchema = z
  .strictObject({
    influencerFollowers: InfluencerFollowers.default({ default: 10_000, bluesky: 5_000, mastodon: 2_000 }),
    competitors: Accounts("the brands' competitors").describe('Competitor accounts: their own posts and their employees count as "competitor".'),
    regulators: Accounts('regulators and public authorities, added to the built-in list')
      .describe('Regulators added to the built-in list (src/understand/audience/regulators.ts).'),
    builtInRegulators: z
      .boolean({ error: 'expected true or false' })
      .default(true)
      .describe('Use the built-in list of FR, EU, UK and US regulators (CNIL, DGCCRF, CMA, FTC…).'),
    journalistMinListed: count(0, 100_000_000)
      .default(50)
      .describe('Public lists from which a weak journalist cue in the bio ("editor", "rédacteur") is enough.'),
    mediaMinListed: count(0, 100_000_000)
      .default(200)
      .describe('Public lists that count as one media cue (newsrooms sit on many lists).'),
    extraCues: z
      .strictObject({
        employee: z.array(phrase).default([]).describe('Bio phrases meaning "works for the brand" when the brand is also named in the bio.'),
        journalist: z.array(phrase).default([]).describe('Bio phrases that make an author a journalist (matched as words, case and accents folded).'),
        media: z.array(phrase).default([]).describe('Bio phrases that make an account a news organisation.'),
        customer: z.array(phrase).default([]).describe('Phrases in a post that show the author is a customer ("my order" in other words or languages).'),
      })
      .default({ employee: [], journalist: [], media: [], customer: [] })
      .describe('Extra cue phrases, e.g. in another language; matched as whole words with case and accents folded.'),
  })
  .describe('Who speaks: how authors are classified as brand, employee, competitor, regulator, journalist, media, influencer or customer.');

export type StakeholderOptions = z.infer<typeof StakeholderOptionsSchema>;
export type StakeholderOptionsInput = z.input<typeof StakeholderOptionsSchema>;

export const DEFAULT_STAKEHOLDER_OPTIONS: Readonly<StakeholderOptions> = Object.freeze(StakeholderOptionsSchema.parse({}));

/** Thrown by parseStakeholderOptions: every problem, with its path and what was expected. */
export class StakeholderOptionsError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid stakeholder options:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'StakeholderOptionsError';
    this.problems = problems;
  }
}

/**
 * Checks and completes stakeholder options (defaults filled in). `where` prefixes each problem's
 * path, e.g. "understand.stakeholders", so the message points into the configuration file.
 */
export function parseStakeholderOptions(input: unknown, where = 'stakeholders'): StakeholderOptions {
  const r = StakeholderOptionsSchema.safeParse(input ?? {});
  if (r.success) return r.data;
  throw new StakeholderOptionsError(
    r.error.issues.map((i) => {
      const path = [where, ...i.path.map(String)].join('.');
      if (i.code === 'unrecognized_keys') return `${path}: unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
      return `${path}: ${i.message}`;
    }),
  );
}

/** The influencer threshold for a platform: its own, else the default one. */
export function influencerThreshold(options: StakeholderOptions, platform: Platform): number {
  return options.influencerFollowers[platform] ?? options.influencerFollowers.default;
}
