// Incidents, one document each, updated by compare-and-set on a revision so two people resolving
// or noting at once never overwrite each other. Resolved incidents stay: they count in windows.
import { z } from 'zod';
import { IncidentSchema, type Incident } from '../../domain/incidents.ts';
import type { ProgramRef } from '../../domain/program.ts';
import type { Collection, DocumentStore } from '../port.ts';
import { readStored, scope, scopedId, type Scoped, type StoredRevision } from './stored.ts';

const StoredSchema = z.object({ _id: z.string(), rev: z.number().int().min(1), incident: IncidentSchema });
/** `effectKey`: the run and tool call that opened it, so that call opens it once however often it runs. */
type StoredIncident = Scoped & { rev: number; seq: number; openedAt: Date; incident: Incident; effectKey?: string };

export class Incidents {
  private constructor(private readonly docs: Collection<StoredIncident>) {}

  static async open(store: DocumentStore): Promise<Incidents> {
    return new Incidents(await store.collection<StoredIncident>('incidents', [{ field: 'teamId' }, { field: 'channelId' }]));
  }

  async insert(program: ProgramRef, incident: Incident, effectKey?: string): Promise<void> {
    const seq = Number(incident.id.slice('INC-'.length));
    const outcome = await this.docs.insertOne({
      _id: scopedId(program, incident.id),
      ...scope(program),
      rev: 1,
      seq,
      openedAt: incident.openedAt,
      incident,
      ...(effectKey ? { effectKey } : {}),
    });
    if (outcome === 'duplicate') throw new Error(`incident ${incident.id} already exists in this program`);
  }

  async get(program: ProgramRef, id: string): Promise<StoredRevision<Incident> | undefined> {
    const doc = await this.docs.findOne({ _id: scopedId(program, id) });
    if (doc === null) return undefined;
    const stored = readStored('incidents', StoredSchema, doc);
    return { value: stored.incident, rev: stored.rev };
  }

  /** The incident a given effect (a run's tool call) opened, if it did. */
  async openedBy(program: ProgramRef, effectKey: string): Promise<Incident | undefined> {
    const doc = await this.docs.findOne({ ...scope(program), effectKey });
    return doc === null ? undefined : readStored('incidents', StoredSchema, doc).incident;
  }

  /** Replaces the incident when its revision is still `rev`; false means someone changed it first. */
  async replace(program: ProgramRef, rev: number, incident: Incident): Promise<boolean> {
    const result = await this.docs.updateOne({ _id: scopedId(program, incident.id), rev }, { rev: rev + 1, incident });
    return result.matched;
  }

  /** Every incident of the program, oldest first. */
  async list(program: ProgramRef): Promise<Incident[]> {
    const docs = await this.docs.find({ ...scope(program) }, { sort: { seq: 1 } });
    return docs.map((doc) => readStored('incidents', StoredSchema, doc).incident);
  }
}
