// The ThreadPort on Slack's Web API: every post goes into the run's thread, an agent's under its own name
// and icon; progress shows as one plan message edited in place, the reaction on the request, and the
// assistant status where the workspace supports it (presence.ts).
import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logging.ts';
import type { ThreadPort, ThreadPost } from '../../runs/ports.ts';
import type { ApprovalNeed } from '../../domain/permissions.ts';
import type { Run } from '../../domain/runs.ts';
import { agentIdentity } from './agent-identity.ts';
import { speakerOf, threadMessages } from './blocks.ts';
import { runKey, slackPresence, type PresenceOptions } from './presence.ts';

export interface ThreadOptions extends PresenceOptions {
  /** Whose approval a plan card waits for ("Needs approval from …"), read when the card is posted. */
  approvalNote?: (run: Run, post: Extract<ThreadPost, { type: 'plan' | 'asset_review' }>) => Promise<ApprovalNeed>;
}

/**
 * A post's key: the run, the revision its step started from and the post's content. A replica that takes the
 * run over replays the step from that same revision, and its journal gives the same answers, so a post the
 * dead replica already made has the same key and is not made again (media bytes count by their length).
 */
function postKey(run: Run, post: ThreadPost): string {
  const content = JSON.stringify(post, (_, value: unknown) => (value instanceof Uint8Array ? value.byteLength : value));
  return `${runKey(run)}:${run.rev}:${createHash('sha256').update(content).digest('base64url')}`;
}

export function slackThread(client: WebClient, logger: Logger, options: ThreadOptions = {}): ThreadPort {
  const presence = slackPresence(client, logger, options);
  return {
    async post(run, post) {
      const key = postKey(run, post);
      const posted = await options.threadMessages?.get(key);
      if (posted !== undefined) return posted;
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
      const speaker = speakerOf(post);
      const identity = speaker ? agentIdentity(speaker) : {};
      for (const message of threadMessages(post, run.threadTs, needs)) {
        const sent = await client.chat.postMessage({ channel: run.channelId, thread_ts: run.threadTs, text: message.text, blocks: message.blocks, ...identity });
        first ??= sent.ts;
      }
      if (first !== undefined) await options.threadMessages?.remember(key, first);
      return first;
    },
    async update(run, messageTs, post) {
      const [message] = threadMessages(post, run.threadTs);
      if (message) await client.chat.update({ channel: run.channelId, ts: messageTs, text: message.text, blocks: message.blocks });
    },
    working: (run, status) => presence.working(run, status),
    progress: (run, change) => presence.progress(run, change),
  };
}
