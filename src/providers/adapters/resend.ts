// Resend: one email per publish (POST /emails); media become attachments, as base64 content or as a
// path Resend fetches itself.
import { z } from 'zod';
import { DEFAULTS, type FieldValues } from '../catalog.ts';
import type { AdapterEnv } from '../env.ts';
import { joinUrl, providerHttp, text } from '../http.ts';
import type { Publisher } from '../port.ts';
import { firstLine, published, readMetadata, textToHtml } from './publishing.ts';

const ResendMetadata = z.object({
  to: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  subject: z.string().min(1).optional(),
  html: z.string().optional(),
  replyTo: z.string().optional(),
  scheduledAt: z.string().optional(),
});

export function resendPublisher(settings: FieldValues, env: AdapterEnv): Publisher {
  const apiKey = settings.apiKey ?? '';
  const http = providerHttp(
    { provider: 'resend', label: 'Resend', secrets: [apiKey], readError: (body) => text(body, 'message') },
    env,
  );
  return {
    async publish(request) {
      const metadata = readMetadata(ResendMetadata, request.metadata, http);
      if (!metadata.ok) return metadata;
      const m = metadata.value;
      const to = m.to ?? settings.to?.split(',').map((address) => address.trim());
      if (!to) return http.fail('rejected', 'Resend needs recipients: metadata.to, or default recipients in the provider settings');
      const attachments = (request.media ?? []).map((item, index) => ({
        filename: item.filename ?? `attachment-${index + 1}`,
        ...('bytes' in item ? { content: item.bytes.toString('base64') } : { path: item.url }),
      }));
      const sent = await http.send({
        url: joinUrl(settings.baseUrl ?? DEFAULTS.resend.baseUrl, '/emails'),
        // Resend sends an email once per Idempotency-Key within 24 h (up to 256 characters; docs: idempotency keys).
        headers: { authorization: `Bearer ${apiKey}`, ...(request.idempotencyKey ? { 'idempotency-key': request.idempotencyKey.slice(0, 256) } : {}) },
        json: {
          from: settings.from,
          to,
          subject: m.subject ?? firstLine(request.text),
          text: request.text,
          html: m.html ?? textToHtml(request.text),
          ...(m.replyTo ? { reply_to: m.replyTo } : {}),
          ...(m.scheduledAt ? { scheduled_at: m.scheduledAt } : {}),
          ...(attachments.length > 0 ? { attachments } : {}),
        },
      });
      if (!sent.ok) return sent;
      const id = text(sent.value.body, 'id');
      return id ? published(id, undefined, []) : http.fail('unavailable', 'Resend answered without an email id');
    },
  };
}
