// Proves the fake Slack refuses manifests and scope-less calls the way Slack does, through the real WebClient.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WebClient, type AppsManifestValidateArguments, type AppsManifestValidateResponse, type WebAPIPlatformError } from '@slack/web-api';
import { startFakeSlack, type FakeSlack } from './fake-slack.ts';
import { repoManifest } from './fake-slack-manifest.ts';

const CONFIG_TOKEN = 'xoxe.xoxp-1-config-token';
type Manifest = Record<string, any>;

let slack: FakeSlack;
before(async () => {
  slack = await startFakeSlack({ scopes: ['chat:write'] });
});
after(() => slack.close());

const client = (token: string) => new WebClient(token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
const refusal = (call: Promise<unknown>): Promise<AppsManifestValidateResponse> =>
  call.then(
    () => assert.fail('expected Slack to refuse the call'),
    (e: WebAPIPlatformError) => e.data,
  );
const asManifest = (m: Manifest) => m as AppsManifestValidateArguments['manifest'];

/** The repository's manifest with `change` applied to a copy. */
function variant(change: (m: Manifest) => void): Manifest {
  const manifest = repoManifest();
  change(manifest);
  return manifest;
}

const validate = (manifest: Manifest) => refusal(client(CONFIG_TOKEN).apps.manifest.validate({ manifest: asManifest(manifest) }));

describe('apps.manifest.validate', () => {
  test('refuses assistant:write without the assistant view, as Slack does', async () => {
    const answer = await validate(variant((m) => m['oauth_config']['scopes']['bot'].push('assistant:write')));
    assert.equal(answer.error, 'invalid_manifest');
    assert.deepEqual(answer.errors, [{ message: 'Assistant:write scope should include assistant_view feature', pointer: '/oauth_config/scopes/bot' }]);
  });

  test('an assistant view needs the assistant_thread_started event', async () => {
    const answer = await validate(
      variant((m) => {
        m['oauth_config']['scopes']['bot'].push('assistant:write');
        m['features']['assistant_view'] = { assistant_description: 'Growth operations' };
      }),
    );
    assert.deepEqual(answer.errors, [
      { message: 'Assistant View should use `assistant_thread_started` bot event subscription', pointer: '/features/assistant_view' },
    ]);
  });

  test('events need their scopes, and the slash command needs commands', async () => {
    const answer = await validate(
      variant((m) => {
        m['oauth_config']['scopes']['bot'] = ['chat:write'];
      }),
    );
    assert.deepEqual(
      answer.errors?.map((e) => e.message),
      [
        'Slash Commands requires `commands` bot scope',
        'Event `app_mention` requires the `app_mentions:read` bot scope',
        'Event `message.channels` requires the `channels:history` bot scope',
        'Event `message.groups` requires the `groups:history` bot scope',
        'Event `member_joined_channel` requires the `channels:read` or `groups:read` bot scope',
      ],
    );
  });

  test('without Socket Mode, events, interactivity and commands need request URLs', async () => {
    const answer = await validate(
      variant((m) => {
        m['settings']['socket_mode_enabled'] = false;
        delete m['settings']['event_subscriptions']['request_url'];
        delete m['settings']['interactivity']['request_url'];
        delete m['features']['slash_commands'][0]['url'];
      }),
    );
    assert.deepEqual(answer.errors, [
      { message: 'Slash Command requires a Request URL', pointer: '/features/slash_commands/0/url' },
      { message: 'Event Subscription requires either Request URL or Socket Mode Enabled', pointer: '/settings/event_subscriptions' },
      { message: 'Interactivity requires a Request URL', pointer: '/settings/interactivity' },
    ]);
  });

  test('refuses a description over 140 characters and an unknown event', async () => {
    const answer = await validate(
      variant((m) => {
        m['display_information']['description'] = 'x'.repeat(141);
        m['settings']['event_subscriptions']['bot_events'].push('presence_change');
      }),
    );
    assert.deepEqual(answer.errors, [
      { code: 'failed_constraint', message: 'max_length expected 140, got 141', pointer: '/display_information/description' },
      { message: 'invalid event type: presence_change', pointer: `/settings/event_subscriptions/bot_events/${repoManifest()['settings']['event_subscriptions']['bot_events'].length}` },
    ]);
  });

  test('refuses redirect URLs that are not a list of URLs', async () => {
    const answer = await validate(variant((m) => void (m['oauth_config']['redirect_urls'] = ['/slack/oauth_redirect'])));
    assert.deepEqual(answer.errors, [{ message: 'must be an array of URLs', pointer: '/oauth_config/redirect_urls' }]);
  });

  test('takes only an app configuration token', async () => {
    const answer = await refusal(client('xoxb-test-token').apps.manifest.validate({ manifest: asManifest(repoManifest()) }));
    assert.equal(answer.error, 'not_allowed_token_type');
  });
});

describe('scopes', () => {
  test('a bot token without the method\'s scope gets missing_scope, naming what is needed', async () => {
    const answer = await refusal(client('xoxb-test-token').reactions.add({ channel: 'C1', timestamp: '1.2', name: 'eyes' }));
    assert.deepEqual(answer, { ok: false, error: 'missing_scope', needed: 'reactions:write', provided: 'chat:write', response_metadata: {} });
    assert.deepEqual(slack.messages('C1'), []);
  });

  test('assistant.threads.setStatus takes chat:write (Slack changelog 2026-03-05)', async () => {
    const answer = await client('xoxb-test-token').assistant.threads.setStatus({ channel_id: 'C1', thread_ts: '1.2', status: 'is working…' });
    assert.equal(answer.ok, true);
  });
});
