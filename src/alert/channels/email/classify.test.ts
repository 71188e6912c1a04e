/** Tests of the SMTP failure classification on the error shapes nodemailer produces. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifySmtpError } from './classify.ts';

const err = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? 'x')), fields);

describe('classifySmtpError', () => {
  it('retries 4xx replies and dead-letters 5xx replies, whatever the error kind', () => {
    assert.equal(classifySmtpError(err({ code: 'EAUTH', responseCode: 454, message: 'Temporary auth failure' })).retryable, true);
    assert.equal(classifySmtpError(err({ code: 'EAUTH', responseCode: 535, message: 'Bad credentials' })).retryable, false);
    assert.equal(classifySmtpError(err({ code: 'EENVELOPE', responseCode: 421, message: 'Busy' })).retryable, true);
    const r = classifySmtpError(err({ code: 'EMESSAGE', responseCode: 552, command: 'DATA', message: 'Too big' }));
    assert.deepEqual(r, { ok: false, retryable: false, status: 552, error: 'SMTP 552 (EMESSAGE during DATA): Too big' });
  });

  it('retries connection failures and timeouts without a reply', () => {
    for (const code of ['ETIMEDOUT', 'ECONNECTION', 'ESOCKET', 'EDNS']) {
      assert.equal(classifySmtpError(err({ code, message: 'boom' })).retryable, true, code);
    }
  });

  it('dead-letters TLS, authentication and configuration errors without a reply', () => {
    assert.equal(classifySmtpError(err({ code: 'ETLS', message: 'STARTTLS failed' })).retryable, false);
    assert.equal(classifySmtpError(err({ code: 'ESOCKET', message: 'certificate has expired' })).retryable, false);
    assert.equal(classifySmtpError(err({ code: 'ESOCKET', message: "Hostname/IP does not match certificate's altnames" })).retryable, false);
    assert.equal(classifySmtpError(err({ code: 'ENOAUTH', message: 'Missing credentials' })).retryable, false);
    assert.equal(classifySmtpError(err({ code: 'EENVELOPE', message: 'No recipients defined' })).retryable, false);
  });

  it('retries unknown failures and never throws on odd values', () => {
    assert.equal(classifySmtpError(new Error('something odd')).retryable, true);
    assert.equal(classifySmtpError('a string').retryable, true);
    assert.equal(classifySmtpError(null).retryable, true);
    assert.match(classifySmtpError(undefined).error, /SMTP error/);
  });
});
