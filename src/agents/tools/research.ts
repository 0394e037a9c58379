// Research tools: briefs with findings and gaps, and competitor profiles with their battlecards.
import { z } from 'zod';
import { battlecard } from '../../domain/research.ts';
import { ok } from '../../domain/result.ts';
import * as research from '../../services/research.ts';
import { defineTool, requireForAction } from './types.ts';

const Line = z.string().trim().min(1).max(500);
const Lines = z.array(Line).max(50);
const Finding = z.strictObject({
  source: Line.describe('where it comes from: URL, document, interview, dataset'),
  insight: z.string().trim().min(1).max(2000),
});

export const researchBrief = defineTool({
  name: 'ohmymkt_research_brief',
  description:
    'Research briefs of this channel. create: title, objectives, competitors, findings (source + insight), gaps; returns RB-n. ' +
    'update: RB-n; findings are appended, other lists replace. read: one brief by id. list: every brief.',
  input: z
    .strictObject({
      action: z.enum(['create', 'update', 'read', 'list']),
      id: z.string().optional().describe('RB-n, for update and read'),
      title: z.string().trim().max(500).optional(),
      objectives: Lines.optional(),
      competitors: Lines.optional(),
      findings: z.array(Finding).max(50).optional(),
      gaps: Lines.optional(),
    })
    .superRefine(requireForAction({ create: ['title'], update: ['id'], read: ['id'] })),
  async run(input, { services, program, actor }) {
    const { action, id, title, ...lists } = input;
    switch (action) {
      case 'create':
        return ok(await research.createBrief(services, program, actor, { title: title ?? '', ...lists }));
      case 'update':
        return research.updateBrief(services, program, actor, id ?? '', { ...(title ? { title } : {}), ...lists });
      case 'read':
        return research.getBrief(services, program, id ?? '');
      case 'list':
        return ok(await research.listBriefs(services, program));
    }
  },
});

export const competitorProfile = defineTool({
  name: 'ohmymkt_competitor_profile',
  description:
    'Competitor profiles of this channel, keyed by name. save: name plus any of url, positioning, pricing, audience, ' +
    'strengths, weaknesses, features, differentiators, threats (fields you leave out keep their stored value; leave a ' +
    'field out rather than guess). read: the profile and its battlecard. list: every profile.',
  input: z
    .strictObject({
      action: z.enum(['save', 'read', 'list']),
      name: z.string().trim().max(200).optional(),
      url: z.url().max(500).optional(),
      positioning: z.string().trim().min(1).max(2000).optional(),
      pricing: z.string().trim().min(1).max(2000).optional(),
      audience: z.string().trim().min(1).max(2000).optional(),
      strengths: Lines.optional(),
      weaknesses: Lines.optional(),
      features: Lines.optional(),
      differentiators: Lines.optional().describe('how we win against them'),
      threats: Lines.optional(),
    })
    .superRefine(requireForAction({ save: ['name'], read: ['name'] })),
  async run(input, { services, program, actor }) {
    const { action, name, ...fields } = input;
    if (action === 'list') return ok(await research.listCompetitors(services, program));
    if (action === 'read') {
      const profile = await research.getCompetitor(services, program, name ?? '');
      return profile.ok ? ok({ profile: profile.value, battlecard: battlecard(profile.value) }) : profile;
    }
    const saved = await research.saveCompetitor(services, program, actor, { name: name ?? '', ...fields });
    return saved.ok ? ok({ profile: saved.value, battlecard: battlecard(saved.value) }) : saved;
  },
});
