import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Logger } from '../../src/logging.ts';
import { parseClick, parseMessageEnvelope } from '../../src/slack/payloads.ts';

function recorder(): { logger: Logger; warned: Array<{ event: string; fields?: Record<string, unknown> }> } {
  const warned: Array<{ event: string; fields?: Record<string, unknown> }> = [];
  const ignore = () => undefined;
  return { warned, logger: { debug: ignore, info: ignore, error: ignore, warn: (event, fields) => void warned.push({ event, ...(fields ? { fields } : {}) }) } };
}

const click = {
  type: 'block_actions',
  trigger_id: '1.2.abc',
  user: { id: 'U0PERSON01', team_id: 'T0TEAM0001' },
  team: { id: 'T0TEAM0001' },
  container: { type: 'message', channel_id: 'C0PROGRAM1' },
  actions: [{ action_id: 'approve_plan', value: '{"threadTs":"1.1"}', action_ts: '2.2' }],
};

describe('Slack payloads', () => {
  test('a click yields who, where and the button value, the channel from the container when Slack names it only there', () => {
    const { logger, warned } = recorder();
    assert.deepEqual(parseClick(click, logger, 'action:approve_plan'), {
      userId: 'U0PERSON01',
      teamId: 'T0TEAM0001',
      channelId: undefined,
      anyChannelId: 'C0PROGRAM1',
      triggerId: '1.2.abc',
      value: '{"threadTs":"1.1"}',
    });
    assert.deepEqual(warned, []);
  });

  test('a malformed click is logged by its shape, without its text, and ignored', () => {
    const { logger, warned } = recorder();
    for (const body of [undefined, 'x', { ...click, actions: [] }, { ...click, user: undefined }, { ...click, actions: [{ value: 'secret text' }] }]) {
      assert.equal(parseClick(body, logger, 'action:approve_plan'), undefined);
    }
    assert.equal(warned.length, 5);
    assert.ok(warned.every(({ event }) => event === 'slack_payload_invalid'));
    assert.ok(!JSON.stringify(warned).includes('secret text'));
  });

  test('a thread reply envelope needs its team; its authorizations are optional', () => {
    const { logger, warned } = recorder();
    assert.deepEqual(parseMessageEnvelope({ type: 'event_callback', event_id: 'Ev1', team_id: 'T1', event: {} }, logger, 'thread_reply'), { type: 'event_callback', event_id: 'Ev1', team_id: 'T1' });
    assert.equal(parseMessageEnvelope({ type: 'event_callback' }, logger, 'thread_reply'), undefined);
    assert.equal(warned.length, 1);
  });
});
