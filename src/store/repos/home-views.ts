// Who has opened ohmymkt's App Home, per workspace: a decision refreshes the Home of the people it waited
// on only if they use it, and with the view they last got (an admin's lists every program of the team).
import { z } from 'zod';
import type { Collection, DocumentStore } from '../port.ts';
import { readStored } from './stored.ts';

const HomeViewSchema = z.object({ _id: z.string(), teamId: z.string().min(1), userId: z.string().min(1), isAdmin: z.boolean(), openedAt: z.date() });
export type HomeViewer = z.infer<typeof HomeViewSchema>;

export class HomeViews {
  private constructor(private readonly docs: Collection<HomeViewer>) {}

  static async open(store: DocumentStore): Promise<HomeViews> {
    return new HomeViews(await store.collection<HomeViewer>('home_views', [{ field: 'teamId' }]));
  }

  private static id(teamId: string, userId: string): string {
    return `${teamId}:${userId}`;
  }

  /** Remembers the latest opening; idempotent, so a replayed event changes nothing. */
  async opened(teamId: string, userId: string, isAdmin: boolean, at: Date): Promise<void> {
    await this.docs.updateOne({ _id: HomeViews.id(teamId, userId) }, { teamId, userId, isAdmin, openedAt: at }, { upsert: true });
  }

  /** Those of `userIds` who have opened the Home in this workspace. */
  async viewers(teamId: string, userIds: readonly string[]): Promise<HomeViewer[]> {
    if (userIds.length === 0) return [];
    const docs = await this.docs.find({ _id: { $in: userIds.map((userId) => HomeViews.id(teamId, userId)) } });
    return docs.map((doc) => readStored('home_views', HomeViewSchema, doc));
  }
}
