import { FIRST_EN, FIRST_FR, LAST_EN, LAST_FR, NICK_WORDS } from './names.ts';
import type { Rng } from './prng.ts';
import { snowflake } from './snowflake.ts';
import { stripAccents } from './vary.ts';
import type { Lang } from './vocab.ts';

/** An X account as the stream's `includes.users` shows it. */
export interface Account {
  id: string;
  username: string;
  name: string;
  verified: boolean;
  verifiedType: 'none' | 'blue' | 'business';
  createdAt: string;
  followers: number;
  following: number;
  tweets: number;
  listed: number;
  lang: Lang;
}

const FROM = Date.UTC(2009, 0, 1);
const TO = Date.UTC(2025, 11, 1);
/** Accounts created before this have the old sequential numeric ids, later ones snowflakes. */
const SNOWFLAKE_USERS_FROM = Date.UTC(2013, 5, 1);

const asciiCache = new Map<string, string>();
const ascii = (name: string): string => {
  let a = asciiCache.get(name);
  if (a === undefined) {
    a = stripAccents(name).replace(/[^A-Za-z]/g, '');
    asciiCache.set(name, a);
  }
  return a;
};

function handleFor(rng: Rng, first: string, last: string): string {
  const f = ascii(first);
  const l = ascii(last);
  const word = rng.pick(NICK_WORDS);
  const digits = String(rng.int(1, 99));
  const shapes = [
    () => `${f}${l}`,
    () => `${f}_${l}`,
    () => `${f.toLowerCase()}${l.slice(0, 1).toLowerCase()}${digits}`,
    () => `${f}_${word}`,
    () => `${word}_${f.toLowerCase()}`,
    () => `${f.slice(0, 1)}${l}${digits}`,
    () => `${l.toLowerCase()}_${word}`,
    () => `${word}${word === 'bzh' ? '29' : digits}${f.slice(0, 2).toLowerCase()}`,
  ];
  return rng.pick(shapes)().slice(0, 15);
}

/**
 * A crowd of ordinary accounts: heavy-tailed followers (log-normal, median ~200, a few thousands,
 * rare big ones), rare blue ticks, mostly French. Usernames are unique (case-insensitively) in `taken`.
 */
export function buildCrowd(rng: Rng, size: number, frShare: number, taken: Set<string>): Account[] {
  const crowd: Account[] = [];
  for (let i = 0; i < size; i++) {
    const lang: Lang = rng.chance(frShare) ? 'fr' : 'en';
    const first = rng.pick(lang === 'fr' ? FIRST_FR : FIRST_EN);
    const last = rng.pick(lang === 'fr' ? LAST_FR : LAST_EN);
    let username = handleFor(rng, first, last);
    while (taken.has(username.toLowerCase())) username = username.slice(0, 12) + String(rng.int(100, 999));
    taken.add(username.toLowerCase());
    const followers = Math.round(rng.logNormal(200, 1.6));
    const verified = rng.chance(followers > 10_000 ? 0.3 : 0.015);
    const created = FROM + Math.floor(rng.next() * (TO - FROM));
    const id =
      created < SNOWFLAKE_USERS_FROM ? String(rng.int(10_000_000, 2_100_000_000)) : snowflake(created, rng.int(0, 1023), rng.int(0, 4095));
    const useNick = rng.chance(0.15);
    crowd.push({
      id,
      username,
      name: useNick ? `${first} ${rng.pick(['🍲', '🌊', '✨', '🥐', '| cuisine', '🏳️‍🌈', '⚓'])}` : `${first} ${last}`,
      verified,
      verifiedType: verified ? 'blue' : 'none',
      createdAt: new Date(Math.floor(created / 1000) * 1000).toISOString(),
      followers,
      following: Math.round(rng.logNormal(250, 1)),
      tweets: Math.round(rng.logNormal(1500, 1.5)),
      listed: Math.floor((followers / 300) * rng.next()),
      lang,
    });
  }
  return crowd;
}

function fixed(
  n: number,
  username: string,
  name: string,
  followers: number,
  verifiedType: Account['verifiedType'],
  lang: Lang,
  created: string,
): Account {
  const createdMs = Date.parse(created);
  return {
    id: snowflake(createdMs, 7, n),
    username,
    name,
    verified: verifiedType !== 'none',
    verifiedType,
    createdAt: new Date(createdMs).toISOString(),
    followers,
    following: 40 + n * 37,
    tweets: 800 + n * 911,
    listed: Math.floor(followers / 150),
    lang,
  };
}

/** The accounts the story needs, by role. Their ids do not depend on the seed. */
export const CAST = {
  brand: fixed(1, 'kerlann', 'Kerlann', 48_200, 'business', 'en', '2014-03-11T09:00:00Z'),
  brandFr: fixed(2, 'KerlannFR', 'Kerlann France', 31_450, 'business', 'fr', '2014-03-11T09:30:00Z'),
  care: fixed(3, 'KerlannSAV', 'Kerlann Service Client', 4_210, 'business', 'fr', '2016-09-01T08:00:00Z'),
  employee: fixed(4, 'MarionLBihan', 'Marion Le Bihan | Kerlann', 912, 'none', 'fr', '2017-02-14T18:22:00Z'),
  employee2: fixed(5, 'yann_goasdoue', 'Yann Goasdoué', 408, 'none', 'fr', '2019-06-30T20:10:00Z'),
  victim: fixed(6, 'julie_mrtn29', 'Julie Martin', 342, 'none', 'fr', '2020-10-05T12:00:00Z'),
  influencer: fixed(7, 'LaCuisineDeLea', 'La Cuisine de Léa 🍲', 248_300, 'blue', 'fr', '2015-05-20T07:45:00Z'),
  journalist: fixed(8, 'EloiseRenaud_J', 'Éloïse Renaud', 12_870, 'blue', 'fr', '2016-01-12T10:00:00Z'),
  media: fixed(9, 'CourrierArmor', "Le Courrier d'Armor", 182_400, 'business', 'fr', '2013-09-01T06:00:00Z'),
  mediaEn: fixed(10, 'HomeKitchenWire', 'Home & Kitchen Wire', 96_100, 'business', 'en', '2014-11-03T14:00:00Z'),
  consumers: fixed(11, 'ConsoAlerte', 'Conso Alerte', 75_600, 'business', 'fr', '2015-02-02T09:00:00Z'),
  chef: fixed(12, 'ChefGwen', 'Gwen aux fourneaux', 41_300, 'blue', 'fr', '2015-08-08T08:08:00Z'),
  batch: fixed(13, 'BatchCookMax', 'Max | batch cooking', 18_900, 'none', 'fr', '2018-04-04T04:04:00Z'),
} as const satisfies Record<string, Account>;

export const CAST_LIST: readonly Account[] = Object.values(CAST);

/** Picks from a pool with a skew towards its first accounts, so that some authors post again and again. */
export function pickActive(rng: Rng, pool: readonly Account[], skew = 2.2): Account {
  const i = Math.floor(pool.length * Math.pow(rng.next(), skew));
  return pool[Math.min(i, pool.length - 1)] as Account;
}
