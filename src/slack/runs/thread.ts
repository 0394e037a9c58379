// The ThreadPort on Slack's Web API: every post goes into the run's thread; progress shows as the
// assistant status where the workspace supports it (silently skipped where it does not).
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logging.ts';
import type { ThreadPort } from '../../runs/ports.ts';
import { threadMessages } from './blocks.ts';

export function slackThread(client: WebClient, logger: Logger): ThreadPort {
  return {
    async post(run, post) {
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
      for (const message of threadMessages(post, run.threadTs)) {
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
      } catch (error) {
        logger.debug('assistant_status_unavailable', { channel: run.channelId, error });
      }
    },
  };
}
