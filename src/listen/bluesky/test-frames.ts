// Test fixtures about an invented brand, Orvelle (insulated bottles), whose lids are said to leak
// (lot OV-2207). Builders return Jetstream v1 frames (text, as sent on the wire) and
// getProfiles profiles (profileViewDetailed).
import type { Brand } from '../../domain/brand.ts';
import type { WorkspaceId } from '../../domain/ids.ts';

export const ORVELLE_DID = 'did:plc:orvellebrand0000000000000';
export const ORVELLE_HANDLE = 'orvelle.bsky.social';
export const MAELYS_DID = 'did:plc:maelysrando00000000000000';
export const PRESS_DID = 'did:plc:outdoorpressdesk000000000';
export const STRANGER_DID = 'did:plc:somebodyelse0000000000000';

/** 2026-06-01T08:00:00Z, in microseconds: frames are timed from here. */
export const T0_US = Date.UTC(2026, 5, 1, 8) * 1000;

export function orvelleBrand(over: Partial<Brand> = {}): Brand {
  return {
    id: 'orvelle',
    workspaceId: 'default' as WorkspaceId,
    name: 'Orvelle',
    aliases: ['Orvelle Thermo'],
    handles: [ORVELLE_HANDLE],
    keywords: [],
    queries: [],
    languages: [],
    ownedAccounts: [],
    employeeHandles: [],
    employeeDomains: [],
    createdAt: Date.UTC(2026, 0, 1),
    ...over,
  };
}

/** A TID-like record key for post n. */
export function rkey(n: number): string {
  return `3mor${n.toString(36).padStart(9, '0')}`;
}

export interface PostOptions {
  did?: string;
  n: number;
  /** Microseconds after T0_US. */
  at?: number;
  text?: string;
  operation?: 'create' | 'update';
  rev?: string;
  langs?: string[];
  reply?: { did: string; n: number };
  quote?: { did: string; n: number };
  mentionDid?: string;
  link?: string;
}

const postUri = (did: string, n: number): string => `at://${did}/app.bsky.feed.post/${rkey(n)}`;

export function postFrame(o: PostOptions): string {
  const text = o.text ?? `Le couvercle de ma gourde Orvelle fuit encore 😤 lot OV-2207 (${o.n})`;
  const record: Record<string, unknown> = {
    $type: 'app.bsky.feed.post',
    createdAt: new Date((T0_US + (o.at ?? 0)) / 1000).toISOString(),
    langs: o.langs ?? ['fr'],
    text,
  };
  const facets: unknown[] = [];
  if (o.link !== undefined) {
    const start = Buffer.byteLength(text);
    record.text = `${text} ${o.link}`;
    facets.push({ index: { byteStart: start + 1, byteEnd: start + 1 + Buffer.byteLength(o.link) }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: o.link }] });
  }
  if (o.mentionDid !== undefined) facets.push({ index: { byteStart: 0, byteEnd: 1 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: o.mentionDid }] });
  if (facets.length > 0) record.facets = facets;
  if (o.reply !== undefined) {
    const ref = { uri: postUri(o.reply.did, o.reply.n), cid: 'bafyreiorvelleparent' };
    record.reply = { parent: ref, root: ref };
  }
  if (o.quote !== undefined) record.embed = { $type: 'app.bsky.embed.record', record: { uri: postUri(o.quote.did, o.quote.n), cid: 'bafyreiorvellequote' } };
  return JSON.stringify({
    did: o.did ?? MAELYS_DID,
    time_us: T0_US + (o.at ?? o.n * 1000),
    kind: 'commit',
    commit: {
      rev: o.rev ?? `3morrev${o.n.toString(36).padStart(6, '0')}`,
      operation: o.operation ?? 'create',
      collection: 'app.bsky.feed.post',
      rkey: rkey(o.n),
      record,
      cid: `bafyreiorvelle${o.n}`,
    },
  });
}

export function deleteFrame(o: { did?: string; n: number; at: number; collection?: string }): string {
  return JSON.stringify({
    did: o.did ?? MAELYS_DID,
    time_us: T0_US + o.at,
    kind: 'commit',
    commit: { rev: `3mordel${o.n.toString(36).padStart(6, '0')}`, operation: 'delete', collection: o.collection ?? 'app.bsky.feed.post', rkey: rkey(o.n) },
  });
}

export function repostFrame(o: { did: string; n: number; at: number; subject: { did: string; n: number } }): string {
  return JSON.stringify({
    did: o.did,
    time_us: T0_US + o.at,
    kind: 'commit',
    commit: {
      rev: `3morrep${o.n.toString(36).padStart(6, '0')}`,
      operation: 'create',
      collection: 'app.bsky.feed.repost',
      rkey: rkey(o.n),
      record: { $type: 'app.bsky.feed.repost', createdAt: new Date((T0_US + o.at) / 1000).toISOString(), subject: { uri: postUri(o.subject.did, o.subject.n), cid: 'bafyreisubject' } },
      cid: `bafyreirepost${o.n}`,
    },
  });
}

export function likeFrame(o: { did: string; n: number; at: number; subject: { did: string; n: number } }): string {
  return JSON.stringify({
    did: o.did,
    time_us: T0_US + o.at,
    kind: 'commit',
    commit: {
      rev: `3morlik${o.n.toString(36).padStart(6, '0')}`,
      operation: 'create',
      collection: 'app.bsky.feed.like',
      rkey: rkey(o.n),
      record: { $type: 'app.bsky.feed.like', createdAt: new Date((T0_US + o.at) / 1000).toISOString(), subject: { uri: postUri(o.subject.did, o.subject.n), cid: 'bafyreisubject' } },
    },
  });
}

export function identityFrame(did: string, handle: string, at: number): string {
  return JSON.stringify({ did, time_us: T0_US + at, kind: 'identity', identity: { did, handle, seq: 77001, time: new Date((T0_US + at) / 1000).toISOString() } });
}

export function accountFrame(did: string, at: number): string {
  return JSON.stringify({ did, time_us: T0_US + at, kind: 'account', account: { active: false, did, seq: 77002, status: 'deactivated', time: new Date((T0_US + at) / 1000).toISOString() } });
}

export const HEARTBEAT_FRAME = '{"kind":"heartbeat","payload":"hb-orvelle"}';

export function profile(did: string, handle: string, followers: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    did,
    handle,
    displayName: handle.split('.')[0],
    description: 'Randonnées, bivouacs et matériel.',
    createdAt: '2024-03-02T10:00:00.000Z',
    followersCount: followers,
    followsCount: 180,
    postsCount: 2400,
    labels: [],
    ...over,
  };
}

export const ORVELLE_PROFILES = [
  profile(ORVELLE_DID, ORVELLE_HANDLE, 15_400, { displayName: 'Orvelle', verification: { verifiedStatus: 'valid', trustedVerifierStatus: 'none' } }),
  profile(MAELYS_DID, 'maelys.bsky.social', 640),
  profile(PRESS_DID, 'outdoorpress.example', 48_200, { displayName: 'Outdoor Press' }),
];
