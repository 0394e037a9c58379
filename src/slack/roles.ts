// Who is a workspace admin: Slack's own admins and owners (users.info, scope users:read), plus the
// user ids in OHMYMKT_ADMINS for a bootstrap where the person installing ohmymkt is not a Slack admin.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Logger } from '../logging.ts';

const UserInfoSchema = z.object({
  user: z.object({ is_admin: z.boolean().optional(), is_owner: z.boolean().optional(), is_primary_owner: z.boolean().optional(), deleted: z.boolean().optional() }).optional(),
});

export interface RoleLookup {
  isAdmin(client: WebClient, userId: string): Promise<boolean>;
}

export function slackRoles(admins: readonly string[], logger: Logger): RoleLookup {
  return {
    async isAdmin(client, userId) {
      if (admins.includes(userId)) return true;
      try {
        const parsed = UserInfoSchema.safeParse(await client.users.info({ user: userId }));
        const user = parsed.success ? parsed.data.user : undefined;
        return user !== undefined && user.deleted !== true && (user.is_admin === true || user.is_owner === true || user.is_primary_owner === true);
      } catch (error) {
        // Not knowing is not being an admin: the person is refused and told who may; the log says why.
        logger.warn('admin_lookup_failed', { user: userId, error });
        return false;
      }
    },
  };
}
