// A run's presence in Slack besides its posts: the one progress message (a plan block edited in place,
// plain sections where the workspace refuses plan blocks), the reaction on the request that follows the
// run's mood (👀 working, ⏸ waiting for a person, ✅ done, ❌ failed, 🛑 cancelled), and the thread's
// "is working" status, set again before Slack clears it (two minutes without a message) while a step works.
// All of it is best effort: a refused reaction or status never stops a run. The progress message's ts is kept
// in the store (`threadMessages`), so a replica that takes a run over edits the message people already see rather
// than posting a second one; the delegated tasks shown are cosmetic and kept here only (a takeover derives the
// steps again from the stored run).
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logging.ts';
import type { Run } from '../../domain/runs.ts';
import { progressOf, type ProgressChange, type RunMood, type RunProgress } from '../../runs/progress.ts';
import { slackErrorCode } from '../failures.ts';
import { progressMessage } from './progress-blocks.ts';

export interface PresenceOptions {
  /**
   * How often a working run's status is set again. Slack removes it after two minutes without a message
   * (https://docs.slack.dev/reference/methods/assistant.threads.setStatus), so under that; default 90 s.
   */
  statusRefreshMs?: number;
  /** What each run posted (its progress message among it), shared by every replica; without it, this process only knows. */
  threadMessages?: ThreadMessageStore;
}

export interface ThreadMessageStore {
  get(key: string): Promise<string | undefined>;
  remember(key: string, ts: string): Promise<void>;
}

export const runKey = (run: Run) => `${run.teamId}:${run.channelId}:${run.threadTs}`;
const progressKey = (run: Run) => `${runKey(run)}:progress`;

const REACTIONS: Record<RunMood, string> = {
  working: 'eyes',
  waiting: 'double_vertical_bar',
  done: 'white_check_mark',
  failed: 'x',
  cancelled: 'octagonal_sign',
};

// A step that has said nothing for this long has died with its process's lease; stop keeping it "working".
const SILENT_STEP_MS = 30 * 60_000;

interface RunView {
  progress?: RunProgress;
  messageTs?: string;
  mood?: RunMood;
  status?: string;
  refresh?: NodeJS.Timeout;
  lastHeard: number;
  /** One change at a time per run: a cancel click and the step's own update must not both post a message. */
  queue: Promise<void>;
}

export interface Presence {
  progress(run: Run, change?: ProgressChange): Promise<void>;
  working(run: Run, status: string): Promise<void>;
}

export function slackPresence(client: WebClient, logger: Logger, options: PresenceOptions = {}): Presence {
  const refreshMs = options.statusRefreshMs ?? 90_000;
  const views = new Map<string, RunView>();
  // Cleared the first time the workspace answers invalid_blocks to a plan block; sections from then on.
  let planBlocks = true;

  const viewOf = (run: Run): RunView => {
    const key = runKey(run);
    let view = views.get(key);
    if (!view) {
      view = { lastHeard: Date.now(), queue: Promise.resolve() };
      views.set(key, view);
    }
    return view;
  };
  const forget = (run: Run) => views.delete(runKey(run));

  const setStatus = async (run: Run, status: string) => {
    await client.assistant.threads.setStatus({ channel_id: run.channelId, thread_ts: run.threadTs, status }).catch((error: unknown) => {
      logger.debug('assistant_status_unavailable', { channel: run.channelId, error: slackErrorCode(error) ?? error });
    });
  };

  const stopRefresh = (view: RunView) => {
    if (view.refresh) clearInterval(view.refresh);
    delete view.refresh;
  };

  async function show(run: Run, view: RunView, progress: RunProgress): Promise<void> {
    // First seen here: the run may have a progress message already, posted by a replica that since died.
    view.messageTs ??= await options.threadMessages?.get(progressKey(run));
    const send = async (plan: boolean) => {
      const { text, blocks } = progressMessage(progress, { plan });
      if (view.messageTs) {
        await client.chat.update({ channel: run.channelId, ts: view.messageTs, text, blocks });
        return;
      }
      const posted = await client.chat.postMessage({ channel: run.channelId, thread_ts: run.threadTs, text, blocks });
      if (posted.ts) {
        view.messageTs = posted.ts;
        await options.threadMessages?.remember(progressKey(run), posted.ts);
      }
    };
    try {
      await send(planBlocks);
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === 'message_not_found') {
        // Deleted by someone: the run's progress goes on in a new message.
        delete view.messageTs;
        await send(planBlocks);
      } else if (code === 'invalid_blocks' && planBlocks) {
        logger.info('plan_blocks_refused', { channel: run.channelId });
        planBlocks = false;
        await send(false);
      } else {
        throw error;
      }
    }
  }

  async function mark(run: Run, from: RunMood, to: RunMood): Promise<void> {
    const react = (method: 'add' | 'remove', name: string, harmless: string) =>
      client.reactions[method]({ channel: run.channelId, timestamp: run.threadTs, name }).catch((error: unknown) => {
        if (slackErrorCode(error) !== harmless) logger.debug('reaction_failed', { channel: run.channelId, name, error: slackErrorCode(error) ?? error });
      });
    await react('add', REACTIONS[to], 'already_reacted');
    await react('remove', REACTIONS[from], 'no_reaction');
  }

  async function apply(run: Run, view: RunView, change: ProgressChange | undefined): Promise<void> {
    view.lastHeard = Date.now();
    const progress = progressOf(run, view.progress, change);
    view.progress = progress;
    await show(run, view, progress);
    // First seen here, a run is taken to carry the 👀 its request got when it started (the mention and
    // `/ohmymkt ulw` listeners add it). A run met again after a restart may keep an older mark beside the new.
    const from = view.mood ?? 'working';
    if (progress.mood !== from) await mark(run, from, progress.mood);
    view.mood = progress.mood;
    if (progress.mood !== 'working') {
      stopRefresh(view);
      // Waiting or over: no "is working" left behind (an empty status clears it).
      if (view.status !== undefined) await setStatus(run, '');
      delete view.status;
      // A failed run may be retried into the same progress message; a finished one is over.
      if (progress.mood === 'done' || progress.mood === 'cancelled') forget(run);
    }
  }

  return {
    progress(run, change) {
      const view = viewOf(run);
      view.queue = view.queue.then(() => apply(run, view, change)).catch((error: unknown) => {
        logger.warn('run_progress_not_shown', { channel: run.channelId, thread: run.threadTs, error: slackErrorCode(error) ?? error });
      });
      return view.queue;
    },
    async working(run, status) {
      const view = viewOf(run);
      view.status = status;
      view.lastHeard = Date.now();
      await setStatus(run, status);
      if (view.refresh) return;
      view.refresh = setInterval(() => {
        if (view.status === undefined || Date.now() - view.lastHeard > SILENT_STEP_MS) {
          stopRefresh(view);
          return;
        }
        void setStatus(run, view.status);
      }, refreshMs);
      // A status refresh never keeps the process alive at shutdown.
      view.refresh.unref();
    },
  };
}
