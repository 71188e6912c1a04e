import type { Account } from './accounts.ts';

export type PostCategory = 'baseline' | 'crisis' | 'noise';
export type RefType = 'retweeted' | 'quoted' | 'replied_to';

export interface Metrics {
  retweet_count: number;
  reply_count: number;
  like_count: number;
  quote_count: number;
  bookmark_count: number;
  impression_count: number;
}

/** One generated post, before it is written as an X stream message. */
export interface Post {
  id: string;
  ms: number;
  category: PostCategory;
  author: Account;
  /** The full text (for a long post, `note_tweet.text`; the stream's `text` is then cut). */
  text: string;
  lang: 'fr' | 'en';
  conversationId: string;
  ref: { type: RefType; post: Post } | null;
  metrics: Metrics;
  /** A photo attached to the post. */
  media: { key: string; alt: string } | null;
  /** A link at the end of the text (an article). */
  link: { short: string; expanded: string; display: string } | null;
  /** Set on the new version of an edited post: the original. */
  editOf: Post | null;
}

/** The longest `text` X sends; longer posts carry the whole text in `note_tweet`. */
export const MAX_TEXT = 280;
/** Retweet texts are cut at 140 characters with an ellipsis. */
export const RETWEET_CUT = 140;
