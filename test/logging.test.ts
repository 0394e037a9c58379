// What a logged error keeps: enough to find the fault (name, message, code, status, the cause chain, and
// the stack when running at debug) and never a credential, wherever in the chain it appears.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger, maskSecrets } from '../src/logging.ts';

function logged(level: 'debug' | 'info', fields: Record<string, unknown>): Record<string, any> {
  const lines: string[] = [];
  createLogger(level, (line) => lines.push(line)).error('job_failed', fields);
  assert.equal(lines.length, 1, 'one line per event');
  return JSON.parse(lines[0] as string);
}

/** As undici's fetch fails on a refused connection: a TypeError caused by a coded system error. */
function fetchFailed(): Error {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), { code: 'ECONNREFUSED' });
  return new TypeError('fetch failed', { cause: refused });
}

describe('logged errors', () => {
  test('keep name, message, code and status, and the whole cause chain', () => {
    const apiError = Object.assign(new Error('Overloaded', { cause: fetchFailed() }), { name: 'InternalServerError', status: 529 });
    const { error } = logged('info', { error: apiError });
    assert.deepEqual(error, {
      name: 'InternalServerError',
      message: 'Overloaded',
      status: 529,
      cause: { name: 'TypeError', message: 'fetch failed', cause: { name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:27017', code: 'ECONNREFUSED' } },
    });
  });

  test('carry the stack of each error in the chain only at debug', () => {
    const atInfo = logged('info', { error: fetchFailed() });
    assert.equal(atInfo['error'].stack, undefined);
    const atDebug = logged('debug', { error: fetchFailed() });
    assert.match(atDebug['error'].stack, /^TypeError: fetch failed\n\s+at fetchFailed/);
    assert.match(atDebug['error'].cause.stack, /^Error: connect ECONNREFUSED/);
  });

  test('list the errors of an AggregateError, and a cause that is not an Error as it is', () => {
    const aggregate = new AggregateError([fetchFailed(), new RangeError('port out of range')], 'all attempts failed', { cause: 'gave up after 3 tries' });
    const { error } = logged('info', { error: aggregate });
    assert.equal(error.name, 'AggregateError');
    assert.deepEqual(error.errors.map((e: { name: string }) => e.name), ['TypeError', 'RangeError']);
    assert.equal(error.errors[0].cause.code, 'ECONNREFUSED');
    assert.equal(error.cause, 'gave up after 3 tries');
  });

  test('a cause chain that loops or runs deep is cut, not followed forever', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    assert.equal(logged('info', { error: a })['error'].cause.cause, '[circular]');
    let deep = new Error('e0');
    for (let i = 1; i < 20; i += 1) deep = new Error(`e${i}`, { cause: deep });
    assert.ok(JSON.stringify(logged('info', { error: deep })).includes('[cause chain cut]'));
  });

  test('mask a credential in any message, cause or stack of the chain', () => {
    const leak = new Error('auth failed for xoxb-1234-5678-abcdef', {
      cause: Object.assign(new Error('request with Authorization: Bearer sk-live-openai-secret-0123456789abcdef to mongodb://admin:hunter2@db.example.com/ohmymkt failed'), { code: 'E_AUTH' }),
    });
    const line = JSON.stringify(logged('debug', { error: leak }));
    for (const secret of ['xoxb-1234', 'sk-live-openai', 'hunter2']) assert.equal(line.includes(secret), false, `${secret} was written`);
    assert.match(line, /mongodb:\/\/\*\*\*@db\.example\.com/);
    assert.match(line, /"code":"E_AUTH"/);
  });
});

describe('maskSecrets', () => {
  test('masks Slack, Anthropic and API keys, bearer tokens and MongoDB credentials, and leaves other text alone', () => {
    assert.equal(maskSecrets('xapp-1-A0-123 sk-ant-api03-abc_def'), '*** ***');
    assert.equal(maskSecrets('Authorization: Bearer abc.def-ghi'), 'Authorization: Bearer ***');
    assert.equal(maskSecrets('mongodb+srv://u:p@cluster0.example.net/db'), 'mongodb+srv://***@cluster0.example.net/db');
    assert.equal(maskSecrets('task-planner sk-short ECONNREFUSED'), 'task-planner sk-short ECONNREFUSED');
  });
});
