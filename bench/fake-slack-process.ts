// The fake Slack Web API in a process of its own, for the ack bench: the calls an app makes after its
// ack are then served off the load generator's event loop, as real Slack serves them off the app's.
// Prints one JSON line (its API URL and `argv[2]` fresh response URLs), then serves until killed.
import { startFakeSlack } from '../test/support/fake-slack.ts';
import { CHANNEL } from '../test/support/app-harness.ts';

const slack = await startFakeSlack();
const responseUrls = Array.from({ length: Number(process.argv[2] ?? 0) }, () => slack.newResponseUrl({ channel: CHANNEL }));
process.stdout.write(`${JSON.stringify({ apiUrl: slack.apiUrl, responseUrls })}\n`);
