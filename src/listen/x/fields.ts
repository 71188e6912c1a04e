/**
 * The fields and expansions asked for on the filtered stream and on recent search, so that a post
 * from either comes with what parse-x-line.ts reads: its author (followers, verified) in
 * `includes.users`, referenced posts (and their authors) in `includes.tweets`, and `note_tweet`
 * for long posts.
 */
export const POST_FIELDS: Readonly<Record<string, string>> = {
  'tweet.fields':
    'id,text,created_at,author_id,conversation_id,lang,public_metrics,referenced_tweets,entities,note_tweet,edit_history_tweet_ids,in_reply_to_user_id,possibly_sensitive',
  expansions: 'author_id,referenced_tweets.id,referenced_tweets.id.author_id',
  'user.fields': 'id,name,username,verified,verified_type,public_metrics,created_at,description',
};

export const STREAM_PATH = '/2/tweets/search/stream';
export const SEARCH_PATH = '/2/tweets/search/recent';
