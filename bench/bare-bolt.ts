// The floor of the ack figures: a bare Bolt app with one trivial listener per kind, started as its own
// process exactly like ohmymkt (`node --import tsx`), on PORT, with the same Web API base URL.
import { App, LogLevel } from '@slack/bolt';

const app = new App({
  token: process.env['SLACK_BOT_TOKEN'] ?? '',
  signingSecret: process.env['SLACK_SIGNING_SECRET'] ?? '',
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env['SLACK_API_URL'] ?? '' },
});
app.event('message', async () => undefined);
app.command('/ohmymkt', async ({ ack }) => ack());
app.action(/.*/, async ({ ack }) => ack());
await app.start({ port: Number(process.env['PORT']), host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ event: 'started' })}\n`);
