// A mention that arrives while the store is unreachable is not acked and dropped: the person is told
// in the thread that the run will start when storage is back, and it does; or, if storage stays away
// past the wait, they are told to mention again.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openEmbeddedStore } from '../../src/store/embedded/store.ts';
import { CHANNEL, freshTs, PERSON, SIGNING_SECRET, startHarness, type Harness } from '../support/app-harness.ts';
import type { SlackCall } from '../support/fake-slack.ts';
import { flakyStore, type FlakyStore } from '../support/flaky-store.ts';
import { appMention, eventCallback, postToSlackApp } from '../support/slack-requests.ts';
import { shownText } from '../support/slack-text.ts';

const program = { teamId: 'T0OHMYMKT', channelId: CHANNEL };

describe('a mention while the store is unreachable', () => {
  let dir: string;
  let store: FlakyStore;
  let h: Harness;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ohmymkt-outage-'));
    store = flakyStore(await openEmbeddedStore(dir));
    h = await startHarness({ store, env: { OHMYMKT_STORE_WAIT_SECONDS: '4' } });
  });
  after(async () => {
    store.down = false;
    await h.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  // Posted without waiting for the app's jobs: the delivery is held while the store is down.
  const mention = (ts: string) =>
    postToSlackApp(h.url, SIGNING_SECRET, eventCallback({ eventId: `Ev${ts.replace('.', '')}`, event: appMention({ channel: CHANNEL, user: PERSON, text: '<@U0OHMYBOT> draft the webinar invite', ts }) }));
  const inThread = (ts: string, pattern: RegExp) => (call: SlackCall) =>
    call.method === 'chat.postMessage' && call.args['thread_ts'] === ts && pattern.test(shownText(call));

  test('the person is told the run waits for storage, and it starts when the store is back', async () => {
    const ts = freshTs();
    store.down = true;
    assert.equal((await mention(ts)).status, 200);
    await h.slack.waitFor(inThread(ts, /can't reach my storage right now.*run will start as soon as storage is back/s));
    assert.equal(await h.app.services.repos.runs.get(program, ts).catch(() => 'unreachable'), 'unreachable');
    store.down = false;
    await h.slack.waitFor(inThread(ts, /Route:/), { timeoutMs: 10_000 });
    await h.settle();
    assert.ok(await h.app.services.repos.runs.get(program, ts), 'the run is stored');
    assert.equal(await h.app.services.repos.deliveries.seen(`event:T0OHMYMKT:Ev${ts.replace('.', '')}`), true, 'and its delivery claimed');
  });

  test('when storage stays away past the wait, the person is asked to mention again', async () => {
    const ts = freshTs();
    store.down = true;
    assert.equal((await mention(ts)).status, 200);
    await h.slack.waitFor(inThread(ts, /storage is still unreachable, so this request was not started\. Please mention me again/), { timeoutMs: 10_000 });
    store.down = false;
    await h.settle();
    assert.equal(await h.app.services.repos.runs.get(program, ts), undefined);
  });
});
