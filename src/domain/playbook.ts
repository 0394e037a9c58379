// A playbook is the kind of program a channel runs (rules §13), as data: its gates, KPIs, tracks,
// cycle actions, modules, sprint pool and plan checklist. Built-in ones and a team's own files are
// read through the same schema, and the cross-checks below name the exact entry that is wrong.
import { z } from 'zod';

// Names people type in `gates set`, `metrics set` and `board`: lower case, no dots or spaces.
const Key = z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'must be lower_snake_case (a-z, 0-9, _), starting with a letter' });
const Text = z.string().trim().min(1).max(400);

export const PlaybookNameSchema = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, { error: 'must be 2–40 characters of a-z, 0-9 and -, starting with a letter' });

const BoolFieldSchema = z.strictObject({
  name: Key,
  type: z.literal('bool'),
  /** Why the gate fails while this field is false. */
  missing: Text,
});

const NumberFieldSchema = z.strictObject({
  name: Key,
  type: z.literal('number'),
  min: z.number().finite(),
  max: z.number().finite().optional(),
  threshold: z.number().finite(),
  /** Why the gate fails below the threshold; `{value}` is replaced with the current value. */
  shortfall: Text,
});

export const GateFieldSpecSchema = z.discriminatedUnion('type', [BoolFieldSchema, NumberFieldSchema]);
export type GateFieldSpec = z.infer<typeof GateFieldSpecSchema>;

const GateSpecSchema = z.strictObject({
  name: Key,
  /** The role that answers for the gate (a role, not a person: people come with the plan's owners). */
  owner: Text,
  passesWhen: Text,
  fields: z.array(GateFieldSpecSchema).min(1).max(10),
});
export type GateSpec = z.infer<typeof GateSpecSchema>;

export const TRACK_KINDS = ['volume', 'quality'] as const;
export const TrackKindSchema = z.enum(TRACK_KINDS);
export type TrackKind = z.infer<typeof TrackKindSchema>;

const TrackSpecSchema = z.strictObject({
  name: Key,
  kind: TrackKindSchema,
  /** What a task of this track moves, written on each seeded task. */
  kpiImpact: Text,
  /** The plan's workstreams on this track. */
  workstreams: z.array(Text).min(1).max(20),
});

export const KpiSpecSchema = z.strictObject({
  name: Key,
  label: Text,
  unit: z.string().trim().min(1).max(40),
  /** Which way is good: `down` for costs such as cost per lead. */
  direction: z.enum(['up', 'down']),
  kind: TrackKindSchema,
  /** A relative change within ±tolerance of the previous value reads as flat (0.05 = 5 %). */
  tolerance: z.number().min(0).max(1),
  /** A manual trend field (`<track>.<metric>`) that stands in for this KPI until numbers come in. */
  trendField: z.string().regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/).optional(),
});
export type KpiSpec = z.infer<typeof KpiSpecSchema>;

export const ROLLBACK_SUBJECTS = ['active_campaign', 'published_asset', 'running_placement'] as const;
export const RollbackSubjectSchema = z.enum(ROLLBACK_SUBJECTS);
export type RollbackSubject = z.infer<typeof RollbackSubjectSchema>;

const ActionSchema = z.union([Text, z.strictObject({ text: Text, requires: RollbackSubjectSchema.optional() })]);

const ActionsSchema = z.strictObject({
  continue: z.array(ActionSchema).min(1).max(10),
  intervene: z.array(ActionSchema).min(1).max(10),
  /** A rollback action that `requires` something is named only when that thing exists. */
  rollback: z.array(ActionSchema).min(1).max(10),
  cadence: z.strictObject({
    weekly: z.array(Text).max(5),
    monthly: z.array(Text).max(5),
    quarterly: z.array(Text).max(5),
  }),
});

const CoreSpecSchema = z.strictObject({ name: Key, firstDueWeek: z.number().int().min(0).max(52) });

const ModuleSpecSchema = z.strictObject({
  name: Key,
  core: Key,
  /** The agent (or role) who owns the module's tasks when the plan names nobody. */
  lead: Text,
  /** What breaks first when the module's changes go wrong; becomes each task's rollback condition. */
  rollbackWhen: Text,
});

const PoolTaskSpecSchema = z.strictObject({ module: Key, track: Key, text: Text });

export const PlaybookSchema = z
  .strictObject({
    name: PlaybookNameSchema,
    title: Text,
    /** One or two sentences the analyst reads to propose a playbook for an objective. */
    fitsWhen: Text,
    tracks: z.array(TrackSpecSchema).length(2),
    gates: z.array(GateSpecSchema).min(1).max(12),
    kpis: z.array(KpiSpecSchema).min(2).max(20),
    /** Manual up/flat/down fields per track, for playbooks that rate trends before numbers exist. */
    trendFields: z.record(Key, z.array(Key).min(1).max(10)).optional(),
    actions: ActionsSchema,
    cores: z.array(CoreSpecSchema).min(1).max(6),
    /** The core whose modules multiply output; a high incident pauses them. */
    scaleCore: Key,
    /**
     * What that scaling work is called in this program's words ("budget scaling"), for the lines that
     * hold or pause it; without it they say "scale modules", seo-aeo's wording.
     */
    scaleWork: Text.optional(),
    modules: z.array(ModuleSpecSchema).min(1).max(20),
    pool: z.array(PoolTaskSpecSchema).min(1).max(80),
    initialChecklist: z.array(Text).min(1).max(20),
  })
  .superRefine((book, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const duplicates = (names: string[]) => names.filter((name, index) => names.indexOf(name) !== index);
    for (const name of duplicates(book.gates.map((gate) => gate.name))) issue(['gates'], `gate "${name}" appears twice`);
    book.gates.forEach((gate, index) => {
      for (const name of duplicates(gate.fields.map((field) => field.name))) issue(['gates', index, 'fields'], `field "${name}" appears twice`);
      gate.fields.forEach((field, at) => {
        if (field.type === 'number' && field.max !== undefined && field.max < field.min) issue(['gates', index, 'fields', at, 'max'], 'is below min');
        if (field.type === 'number' && (field.threshold < field.min || (field.max !== undefined && field.threshold > field.max))) {
          issue(['gates', index, 'fields', at, 'threshold'], 'must lie between min and max');
        }
      });
    });
    for (const name of duplicates(book.kpis.map((kpi) => kpi.name))) issue(['kpis'], `KPI "${name}" appears twice`);
    const trackNames = book.tracks.map((track) => track.name);
    for (const kind of TRACK_KINDS) {
      if (book.tracks.filter((track) => track.kind === kind).length !== 1) issue(['tracks'], `needs exactly one ${kind} track`);
      if (!book.kpis.some((kpi) => kpi.kind === kind)) issue(['kpis'], `needs at least one ${kind} KPI`);
    }
    const trendFieldNames = Object.entries(book.trendFields ?? {}).flatMap(([track, fields]) => fields.map((field) => `${track}.${field}`));
    for (const track of Object.keys(book.trendFields ?? {})) if (!trackNames.includes(track)) issue(['trendFields', track], `names no track (tracks: ${trackNames.join(', ')})`);
    book.kpis.forEach((kpi, index) => {
      if (kpi.trendField !== undefined && !trendFieldNames.includes(kpi.trendField)) issue(['kpis', index, 'trendField'], `"${kpi.trendField}" is not in trendFields`);
    });
    const cores = book.cores.map((core) => core.name);
    if (!cores.includes(book.scaleCore)) issue(['scaleCore'], `names no core (cores: ${cores.join(', ')})`);
    for (const name of duplicates(book.modules.map((module) => module.name))) issue(['modules'], `module "${name}" appears twice`);
    book.modules.forEach((module, index) => {
      if (!cores.includes(module.core)) issue(['modules', index, 'core'], `"${module.core}" is not a core (cores: ${cores.join(', ')})`);
    });
    const modules = book.modules.map((module) => module.name);
    book.pool.forEach((task, index) => {
      if (!modules.includes(task.module)) issue(['pool', index, 'module'], `"${task.module}" is not a module of this playbook`);
      if (!trackNames.includes(task.track)) issue(['pool', index, 'track'], `"${task.track}" is not a track (tracks: ${trackNames.join(', ')})`);
    });
  });
export type Playbook = z.infer<typeof PlaybookSchema>;

/** Reads a playbook from untrusted data; the failure names every problem with its path. */
export function parsePlaybook(data: unknown): { ok: true; playbook: Playbook } | { ok: false; problems: string[] } {
  const parsed = PlaybookSchema.safeParse(data);
  if (parsed.success) return { ok: true, playbook: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`) };
}

export function trackOfKind(book: Playbook, kind: TrackKind): Playbook['tracks'][number] {
  const track = book.tracks.find((candidate) => candidate.kind === kind);
  // The schema guarantees one of each kind.
  if (track === undefined) throw new Error(`playbook ${book.name} has no ${kind} track`);
  return track;
}

/** The program's name for its scaling work, in the words of its playbook. */
export function scaleWorkOf(book: Playbook): string {
  return book.scaleWork ?? 'scale modules';
}

export function actionText(action: Playbook['actions']['continue'][number]): string {
  return typeof action === 'string' ? action : action.text;
}
