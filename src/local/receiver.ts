// Bolt's receiver for the local terminal: a typed line's payload goes straight into the app, with no
// HTTP and no signature (nothing crosses a network), and the app's ack comes back to the caller.
import type { App, Receiver } from '@slack/bolt';

export class LocalReceiver implements Receiver {
  private app: App | undefined;

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /**
   * Resolves with what the listener acked (a slash command's private answer, a modal's field errors),
   * or undefined once the app is done with a payload nobody acked — where Slack would time out.
   */
  async deliver(body: Record<string, unknown>): Promise<unknown> {
    const app = this.app;
    if (!app) throw new Error('the local receiver was not given to a Bolt app');
    let answer: (response: unknown) => void = () => undefined;
    const acked = new Promise<unknown>((resolve) => {
      answer = resolve;
    });
    const processed = app.processEvent({
      body,
      ack: async (response?: unknown) => answer(response),
    });
    return Promise.race([acked, processed.then(() => undefined)]);
  }
}
