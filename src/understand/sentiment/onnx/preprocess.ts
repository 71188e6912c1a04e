/**
 * The tweet preprocessing the Cardiff NLP sentiment models (TweetEval, XLM-T) were trained with:
 * every user handle becomes `@user` and every link `http`, as in their model cards' `preprocess`.
 * The model never saw real handles or URLs, so masking them keeps its inputs like its training data.
 */

/** Replaces each whitespace-separated word that starts with `@` (and has more) by `@user`, and each one starting with `http` by `http`. */
export function preprocessTweet(text: string): string {
  return text.replace(/(?<=^|\s)(@\S+|http\S*)/g, (word) => (word.startsWith('@') ? '@user' : 'http'));
}
