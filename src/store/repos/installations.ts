// Slack installations (OAuth mode): one document per workspace, or per Enterprise Grid organization for an
// org-wide install, holding the bot token only sealed. Beside them, which organization a workspace belongs
// to, so work started in a workspace of an org-wide install (a run, a scheduled report) finds its token.
import { z } from 'zod';
import { SealedSecretSchema } from '../../providers/secrets.ts';
import type { Collection, DocumentStore } from '../port.ts';
import { readStored } from './stored.ts';

/** Whose installation: a workspace's own, or an organization's (org-wide, Enterprise Grid). */
export type InstallationKey = { kind: 'team'; teamId: string } | { kind: 'enterprise'; enterpriseId: string };

// Every field is always written (null when Slack did not say), so a reinstall replaces the whole document
// in one atomic update and nothing of the earlier installation survives in it.
export const StoredInstallationSchema = z.object({
  teamId: z.string().min(1).nullable(),
  teamName: z.string().nullable(),
  enterpriseId: z.string().min(1).nullable(),
  enterpriseName: z.string().nullable(),
  isEnterpriseInstall: z.boolean(),
  appId: z.string().nullable(),
  botToken: SealedSecretSchema,
  botId: z.string().nullable(),
  botUserId: z.string().min(1),
  scopes: z.array(z.string()),
  installerUserId: z.string().nullable(),
  installedAt: z.date(),
});
export type StoredInstallation = z.infer<typeof StoredInstallationSchema>;

const DocSchema = StoredInstallationSchema.extend({ _id: z.string() });
type Doc = z.infer<typeof DocSchema>;

const LinkSchema = z.object({ _id: z.string(), teamId: z.string().min(1), enterpriseId: z.string().min(1), seenAt: z.date() });
type Link = z.infer<typeof LinkSchema>;

const INSTALLATIONS = 'slack_installations';
const LINKS = 'slack_install_teams';

/** The document id; also the context its token is sealed for, so a sealed token cannot be moved to another workspace. */
export function installationId(key: InstallationKey): string {
  return key.kind === 'team' ? `team:${key.teamId}` : `enterprise:${key.enterpriseId}`;
}

export function keyOf(installation: Pick<StoredInstallation, 'isEnterpriseInstall' | 'teamId' | 'enterpriseId'>): InstallationKey {
  if (installation.isEnterpriseInstall) {
    if (!installation.enterpriseId) throw new Error('an org-wide installation without an enterprise id cannot be stored');
    return { kind: 'enterprise', enterpriseId: installation.enterpriseId };
  }
  if (!installation.teamId) throw new Error('a workspace installation without a team id cannot be stored');
  return { kind: 'team', teamId: installation.teamId };
}

export class Installations {
  private constructor(
    private readonly docs: Collection<Doc>,
    private readonly links: Collection<Link>,
  ) {}

  static async open(store: DocumentStore): Promise<Installations> {
    return new Installations(
      await store.collection<Doc>(INSTALLATIONS, [{ field: 'enterpriseId' }]),
      await store.collection<Link>(LINKS, [{ field: 'enterpriseId' }]),
    );
  }

  /** A reinstall replaces the earlier installation whole (new token, maybe new scopes). */
  async save(installation: StoredInstallation): Promise<void> {
    const parsed = StoredInstallationSchema.parse(installation);
    await this.docs.updateOne({ _id: installationId(keyOf(parsed)) }, parsed, { upsert: true });
  }

  async get(key: InstallationKey): Promise<StoredInstallation | undefined> {
    const doc = await this.docs.findOne({ _id: installationId(key) });
    if (doc === null) return undefined;
    const { _id, ...installation } = readStored(INSTALLATIONS, DocSchema, doc);
    return installation;
  }

  /** Removes the installation and, for an organization, what is known of its workspaces; true when one was stored. */
  async remove(key: InstallationKey): Promise<boolean> {
    const removed = await this.docs.deleteMany({ _id: installationId(key) });
    if (key.kind === 'enterprise') await this.links.deleteMany({ enterpriseId: key.enterpriseId });
    return removed > 0;
  }

  /** Notes that `teamId` is a workspace of the org-wide install of `enterpriseId` (idempotent). */
  async linkTeam(teamId: string, enterpriseId: string, at: Date): Promise<void> {
    await this.links.updateOne({ _id: `team:${teamId}` }, { teamId, enterpriseId, seenAt: at }, { upsert: true });
  }

  /** The organization whose org-wide install serves `teamId`, when one has been seen. */
  async enterpriseOf(teamId: string): Promise<string | undefined> {
    const doc = await this.links.findOne({ _id: `team:${teamId}` });
    return doc === null ? undefined : readStored(LINKS, LinkSchema, doc).enterpriseId;
  }
}
