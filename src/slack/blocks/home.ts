// The App Home tab of one person: what waits for them (each with a button to its thread), their recent
// runs with state and cost, and their programs. Fits Slack's 100 blocks however many programs there are:
// the lists are capped, and programs fill what is left, the rest counted.
import type { Button, KnownBlock, SectionBlock } from '@slack/types';
import type { HomeKpi, HomeProgram, HomeRun } from '../../services/home.ts';
import type { PendingItem } from '../../services/pending.ts';
import { ACTION_IDS } from '../ids.ts';
import { andMore, context, formatAge, header, plural, section } from './kit.ts';
import { LIMITS, mrkdwnEscape, truncate } from './limits.ts';
import { CAMPAIGN_EMOJI } from './status.ts';
import { runStateLabel, usd, waitingText } from './run-lines.ts';

export const HOME_CALLBACK_ID = 'ohmymkt:home';
/** Items waiting for the person, each a section with its button; the rest are counted. */
export const MAX_HOME_WAITING = 15;
const TITLE_MAX = 150;

/** What the builder needs besides the data: where each thread is, and now. */
export interface HomeLinks {
  /** A link to the thread of (channel, ts); undefined when none could be had. */
  thread(channelId: string, threadTs: string): string | undefined;
}

export interface HomeView {
  type: 'home';
  callback_id: string;
  blocks: KnownBlock[];
}

const KIND_LABEL: Record<PendingItem['kind'], string> = {
  plan: ':clipboard: Plan to approve',
  asset: ':eyes: Asset to review',
  question: ':question: Question for you',
};

const TREND_ARROW: Record<HomeKpi['trend'], string> = { up: ':arrow_up:', flat: ':arrow_right:', down: ':arrow_down:' };

function openButton(url: string, n: number): Button {
  // Each button sits in its own block, so one action id would do; numbered, a click names which it was.
  return { type: 'button', text: { type: 'plain_text', text: 'Open thread', emoji: true }, action_id: `${ACTION_IDS.openThread}:${n}`, url };
}

function waitingBlock(item: PendingItem, n: number, links: HomeLinks, now: Date): SectionBlock {
  const url = links.thread(item.program.channelId, item.threadTs);
  const title = mrkdwnEscape(truncate(item.title.replace(/\s+/g, ' '), TITLE_MAX));
  const text = `${KIND_LABEL[item.kind]} · <#${item.program.channelId}>\n*${title}* · asked by <@${item.requesterId}> · waiting ${formatAge(item.since, now)}`;
  const block = section(text);
  return url ? { ...block, accessory: openButton(url, n) } : block;
}

function kpiText(kpis: HomeKpi[]): string {
  if (kpis.length === 0) return '';
  const shown = kpis.slice(0, 4).map((kpi) => {
    const value = kpi.value === undefined ? '' : ` ${kpi.value}${kpi.target === undefined ? '' : `/${kpi.target}`}`;
    return `${mrkdwnEscape(kpi.name.replaceAll('_', ' '))}${value} ${TREND_ARROW[kpi.trend]}`;
  });
  return `KPIs: ${shown.join(' · ')}${kpis.length > 4 ? ` · +${kpis.length - 4}` : ''}`;
}

function incidentText(p: HomeProgram): string {
  const { high, medium, low } = p.openIncidents;
  const total = high + medium + low;
  if (total === 0) return ':white_check_mark: no open incidents';
  const parts = [high ? `${high} P0` : '', medium ? `${medium} P1` : '', low ? `${low} P2` : ''].filter(Boolean);
  return `${high ? ':red_circle:' : ':large_orange_circle:'} ${plural(total, 'open incident')} (${parts.join(', ')})`;
}

function programBlock(p: HomeProgram): SectionBlock {
  const gatesMark = p.gatesTotal > 0 && p.gatesPassing === p.gatesTotal ? ':white_check_mark:' : ':x:';
  const campaign = p.campaign === 'none' ? 'no campaign' : `campaign ${p.campaign}`;
  const lines = [
    `*<#${p.program.channelId}>*${p.playbook ? ` · playbook ${mrkdwnEscape(p.playbook)}` : ''}${p.waiting > 0 ? ` · *${p.waiting} waiting for you*` : ''}`,
    `${CAMPAIGN_EMOJI[p.campaign]} ${campaign} · ${gatesMark} gates ${p.gatesPassing}/${p.gatesTotal} · ${incidentText(p)}`,
    [kpiText(p.kpis), `this week ${usd(p.weekCostUsd)}`].filter(Boolean).join(' · '),
  ];
  return section(lines.join('\n'));
}

function runLines(runs: HomeRun[], links: HomeLinks, now: Date): string[] {
  return runs.map(({ run, costUsd, unpricedCalls, waitingOn }) => {
    const url = links.thread(run.channelId, run.threadTs);
    const request = mrkdwnEscape(truncate(run.request.replace(/\s+/g, ' '), 80)) || 'a request';
    const link = url ? `<${url}|${request}>` : request;
    const waits = waitingText(waitingOn);
    return `${runStateLabel(run.state)} · <#${run.channelId}> · ${link} · ${formatAge(run.createdAt, now)} · ${usd(costUsd)}${unpricedCalls > 0 ? '+' : ''}${waits ? ` · ${waits}` : ''}`;
  });
}

export interface HomeInput {
  userId: string;
  isAdmin: boolean;
  programs: HomeProgram[];
  waiting: PendingItem[];
  runs: HomeRun[];
}

export function homeView(data: HomeInput, links: HomeLinks, now: Date): HomeView {
  const top: KnownBlock[] = [
    header('ohmymkt'),
    context([
      data.isAdmin
        ? 'You are an admin: every program of this workspace is listed. Mention @ohmymkt in a channel to start a run.'
        : 'Your programs are the channels where you asked for a run or approve plans. Mention @ohmymkt in a channel to start a run.',
    ]),
    header(`Waiting for you (${data.waiting.length})`),
  ];
  const shownWaiting = data.waiting.slice(0, MAX_HOME_WAITING);
  const waiting: KnownBlock[] =
    shownWaiting.length === 0
      ? [section(':white_check_mark: Nothing waits for you.')]
      : [...shownWaiting.map((item, i) => waitingBlock(item, i, links, now)), ...andMore(data.waiting.length - shownWaiting.length, 'more').map((line) => context([line]))];
  const runs: KnownBlock[] = [
    { type: 'divider' },
    header('Your recent runs'),
    ...(data.runs.length === 0 ? [section('None yet. Mention @ohmymkt with a growth objective in a channel.')] : [section(runLines(data.runs, links, now).join('\n'))]),
  ];
  const programsHeader: KnownBlock[] = [{ type: 'divider' }, header(`Your programs (${data.programs.length})`)];
  const fixed = top.length + waiting.length + runs.length + programsHeader.length;
  // One block is kept for "…and N more" when the programs do not all fit.
  const room = LIMITS.homeBlocks - fixed;
  const fits = data.programs.length <= room;
  const shownPrograms = data.programs.slice(0, fits ? room : room - 1);
  const programs: KnownBlock[] =
    data.programs.length === 0
      ? [section('No program yet: a channel becomes one when a run starts there.')]
      : [...shownPrograms.map(programBlock), ...andMore(data.programs.length - shownPrograms.length, 'more programs').map((line) => context([line]))];
  return { type: 'home', callback_id: HOME_CALLBACK_ID, blocks: [...top, ...waiting, ...runs, ...programsHeader, ...programs] };
}
