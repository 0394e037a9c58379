// Research a program keeps (rules §9): briefs with their findings and gaps, and competitor profiles
// rendered as battlecards. Competitors are keyed by name, so saving one twice updates it.
import { z } from 'zod';
import { definedOnly } from './defined.ts';
import { ActorSchema } from './program.ts';

export const MAX_LIST_ITEMS = 50;
const Text = z.string().trim().min(1).max(2000);
const Line = z.string().trim().min(1).max(500);
const Lines = z.array(Line).max(MAX_LIST_ITEMS);

export const ResearchBriefIdSchema = z.string().regex(/^RB-[1-9]\d*$/);

export const FindingSchema = z.object({ source: Line, insight: Text });
export type Finding = z.infer<typeof FindingSchema>;

export const ResearchBriefSchema = z.object({
  id: ResearchBriefIdSchema,
  title: Line,
  objectives: Lines,
  competitors: Lines,
  findings: z.array(FindingSchema).max(MAX_LIST_ITEMS * 4),
  gaps: Lines,
  createdBy: ActorSchema,
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ResearchBrief = z.infer<typeof ResearchBriefSchema>;

export function researchBriefId(sequence: number): string {
  return `RB-${sequence}`;
}

export const CompetitorFieldsSchema = z.object({
  name: z.string().trim().min(1).max(200),
  url: z.url().max(500).optional(),
  positioning: Text.optional(),
  pricing: Text.optional(),
  audience: Text.optional(),
  strengths: Lines.optional(),
  weaknesses: Lines.optional(),
  features: Lines.optional(),
  differentiators: Lines.optional(),
  threats: Lines.optional(),
});
export type CompetitorFields = z.infer<typeof CompetitorFieldsSchema>;

export const CompetitorProfileSchema = CompetitorFieldsSchema.extend({ updatedBy: ActorSchema, updatedAt: z.date() });
export type CompetitorProfile = z.infer<typeof CompetitorProfileSchema>;

/** The same competitor however it is capitalised or spaced, in any script. */
export function competitorKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A later save fills in what it names and keeps what it leaves out. */
export function mergeCompetitor(previous: CompetitorProfile | undefined, fields: CompetitorFields, by: CompetitorProfile['updatedBy'], now: Date): CompetitorProfile {
  return { ...(previous ?? {}), ...definedOnly(fields), updatedBy: by, updatedAt: now };
}

const bullets = (title: string, items: string[] | undefined): string[] =>
  items === undefined || items.length === 0 ? [] : [`*${title}*`, ...items.map((item) => `• ${item}`)];

/** The sales-facing one-pager of a competitor, in Slack mrkdwn; empty sections are left out, never guessed. */
export function battlecard(profile: CompetitorProfile): string {
  const line = (label: string, value: string | undefined) => (value === undefined ? [] : [`*${label}:* ${value}`]);
  return [
    `*Battlecard — ${profile.name}*${profile.url ? ` (${profile.url})` : ''}`,
    ...line('Positioning', profile.positioning),
    ...line('Audience', profile.audience),
    ...line('Pricing', profile.pricing),
    ...bullets('Strengths', profile.strengths),
    ...bullets('Weaknesses', profile.weaknesses),
    ...bullets('Key features', profile.features),
    ...bullets('How we win (differentiators)', profile.differentiators),
    ...bullets('Threats to watch', profile.threats),
  ].join('\n');
}
