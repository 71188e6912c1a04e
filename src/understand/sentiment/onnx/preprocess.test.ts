/** The Cardiff NLP tweet preprocessing: handles → @user, links → http. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { preprocessTweet } from './preprocess.ts';

it('masks handles and links as the model cards do, and nothing else', () => {
  assert.equal(preprocessTweet('@Kerlann your https://t.co/x1 is awful'), '@user your http is awful');
  assert.equal(preprocessTweet('merci @sav_kerlann!\n@bob http://a.b'), 'merci @user\n@user http');
  assert.equal(preprocessTweet('@ alone, mail@example.com, see-http://x'), '@ alone, mail@example.com, see-http://x');
  assert.equal(preprocessTweet(''), '');
});
