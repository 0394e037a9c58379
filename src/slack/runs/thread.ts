// The ThreadPort on Slack's Web API: every post goes into the run's thread; progress shows as the
// assistant status where the workspace supports it (silently skipped where it does not).
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logging.ts';
import type { ThreadPort, ThreadPost } from '../../runs/ports.ts';
import type { ApprovalNeed } from '../../domain/permissions.ts';
import type { Run } from '../../domain/runs.ts';
import { context, fallback } from '../blocks/kit.ts';
import { mrkdwnEscape } from '../blocks/limits.ts';
import { threadMessages } from './blocks.ts';

export interface ThreadOptions {
  /** Whose approval a plan card waits for ("Needs approval from …"), read when the card is posted. */
  approvalNote?: (run: Run, post: Extract<ThreadPost, { type: 'plan' | 'asset_review' }>) => Promise<ApprovalNeed>;
}

export function slackThread(client: WebClient, logger: Logger, options: ThreadOptions = {}): ThreadPort {
  // Where assistant status is not available (a plain channel thread), one progress message per run is
  // edited in place instead. Its ts is cosmetic: after a restart a new one is simply posted.
  const progress = new Map<string, string>();
  // A status may name what an agent is doing in its own words, so it is escaped like any text.
  const progressText = (status: string) => ({ text: fallback(`:hourglass_flowing_sand: ${status}`), blocks: [context([`:hourglass_flowing_sand: ${mrkdwnEscape(status)}`])] });
  return {
    async post(run, post) {
      if (post.type === 'report' || post.type === 'failed') {
        const key = `${run.channelId}:${run.threadTs}`;
        const ts = progress.get(key);
        progress.delete(key);
        if (ts) await client.chat.update({ channel: run.channelId, ts, ...progressText(post.type === 'report' ? 'finished' : 'stopped') });
      }
      if (post.type === 'artifact' && 'bytes' in post.media) {
        const extension = post.media.mimeType.split('/')[1]?.replace(/[^a-z0-9]/g, '') || 'bin';
        await client.filesUploadV2({
          channel_id: run.channelId,
          thread_ts: run.threadTs,
          file: post.media.bytes,
          filename: `${post.assetId}.${extension}`,
          title: `${post.assetId} · ${post.name}`,
        });
      }
      let first: string | undefined;
      const needs = (post.type === 'plan' || post.type === 'asset_review') && options.approvalNote ? await options.approvalNote(run, post) : undefined;
      for (const message of threadMessages(post, run.threadTs, needs)) {
        const sent = await client.chat.postMessage({ channel: run.channelId, thread_ts: run.threadTs, text: message.text, blocks: message.blocks });
        first ??= sent.ts;
      }
      return first;
    },
    async update(run, messageTs, post) {
      const [message] = threadMessages(post, run.threadTs);
      if (message) await client.chat.update({ channel: run.channelId, ts: messageTs, text: message.text, blocks: message.blocks });
    },
    async working(run, status) {
      try {
        await client.assistant.threads.setStatus({ channel_id: run.channelId, thread_ts: run.threadTs, status });
        return;
      } catch (error) {
        logger.debug('assistant_status_unavailable', { channel: run.channelId, error });
      }
      const key = `${run.channelId}:${run.threadTs}`;
      const ts = progress.get(key);
      if (ts) {
        await client.chat.update({ channel: run.channelId, ts, ...progressText(status) });
        return;
      }
      const posted = await client.chat.postMessage({ channel: run.channelId, thread_ts: run.threadTs, ...progressText(status) });
      if (posted.ts) progress.set(key, posted.ts);
    },
  };
}
