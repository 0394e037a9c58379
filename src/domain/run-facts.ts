// What one run did to the program, in plain words, from records the app wrote itself — never from
// what a model said it did. Changes come from the audit log: every service appends its entry only
// after the store accepted the change, with the run's id on the actor, so an entry is a change that
// happened (also one made by a delegated specialist, or by the run's own steps). The audit log has
// no refusals, so those come from the step journal, which keeps each tool's answer as the agent got
// it, with the typed refusal (code, message, reasons) of a business "no".

/** An audit entry as the run report reads it (the store's AuditEntry, narrowed to what is used). */
export interface AuditFact {
  action: string;
  detail: Record<string, unknown>;
  agent?: string;
}

/** One tool call of the run as the step journal kept it, with the tool's name from the model's turn. */
export interface ToolCallFact {
  tool: string;
  input: Record<string, unknown>;
  isError: boolean;
  content: string;
  refusal?: { code: string; message: string; reasons?: string[] };
}

export interface RunFacts {
  /** Stored state this run changed, one line each, oldest first. */
  changes: string[];
  /** Tool calls that did not happen: a business "no" with its reasons, or an error. */
  refused: string[];
  /** Set when the run tried to start the campaign: started, or refused with the reasons. */
  campaign?: { started: boolean; planId?: string; version?: number; reasons: string[] };
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');

const planRef = (detail: Record<string, unknown>): string => `${text(detail['id'])}${detail['version'] !== undefined ? ` v${text(detail['version'])}` : ''}`;

/** One line per audit action; an action the list does not know is still said, by its name. */
export function describeChange(fact: AuditFact): string {
  const d = fact.detail;
  const id = text(d['id']);
  switch (fact.action) {
    case 'plan.create':
      return `plan ${id} v1 created`;
    case 'plan.requirements':
      return `plan ${planRef(d)}: requirements filled`;
    case 'plan.revise':
      return `plan ${planRef(d)} drafted (a new version)`;
    case 'plan.review':
      return `plan ${planRef(d)} reviewed: ${text(d['status']).replaceAll('_', ' ')}`;
    case 'plan.approve':
    case 'plan.reject':
      return `plan ${planRef(d)} ${fact.action === 'plan.approve' ? 'approved' : 'rejected'}`;
    case 'campaign.start':
      return `campaign started from ${text(d['planId'])} v${text(d['version'])}`;
    case 'asset.add':
      return `asset ${id} created (${text(d['type']).replaceAll('_', ' ')}, ${text(d['status'])})`;
    case 'asset.update':
      return d['status'] === 'published' ? `asset ${id} published` : d['status'] ? `asset ${id} moved to ${text(d['status'])}` : `asset ${id} updated`;
    case 'asset.approve':
      return `asset ${id} approved`;
    case 'asset.send_back':
      return `asset ${id} sent back to draft`;
    case 'asset.publish':
      return `asset ${id} published to ${text(d['platform'])}`;
    case 'incident.open':
      return `incident ${id} opened (${text(d['severity'])})`;
    case 'incident.update':
      return `incident ${id} updated`;
    case 'incident.resolve':
      return `incident ${id} resolved`;
    case 'metrics.set':
      return `metric ${[text(d['track']), text(d['metric'] ?? d['kpi'])].filter(Boolean).join('.')} set to ${text(d['trend'] ?? d['value'])}`;
    case 'metrics.target':
      return `target for ${text(d['kpi'])} set to ${text(d['value'])}`;
    case 'gates.set':
      return `gate ${text(d['gate'])}.${text(d['field'])} set to ${text(d['value'])}`;
    case 'cycle.run':
      return `${text(d['cadence'])} cycle recorded: ${text(d['decision'])}`;
    case 'task.update':
      return `sprint task ${id} ${text(d['status']).replaceAll('_', ' ')}`;
    case 'research.brief.create':
      return `research brief ${id} created`;
    case 'research.brief.update':
      return `research brief ${id} updated`;
    case 'research.competitor.save':
      return `competitor profile ${text(d['name'])} saved`;
    case 'positioning.save':
      return `positioning angle "${text(d['name'])}" saved${d['selected'] === true ? ' (selected)' : ''}`;
    default:
      return `${fact.action}${id ? ` ${id}` : ''}`;
  }
}

function refusedLine(call: ToolCallFact): string {
  if (call.refusal) {
    const reasons = call.refusal.reasons?.length ? ` (${call.refusal.reasons.join('; ')})` : '';
    return `${call.tool} refused: ${call.refusal.message}${reasons}`;
  }
  // An error without a typed refusal (bad input, a provider down): its first line says why.
  return `${call.tool} failed: ${call.content.split('\n')[0]}`;
}

// Tools whose error answers are the person's concern. `delegate` errors are the child's own words
// and the child's calls are journaled themselves.
const NOT_ACTIONS = new Set(['delegate', 'ask_in_thread', 'submit_review']);

// Book-keeping of a change already listed (where an incident's alert was posted), not a change of its own.
const NOT_CHANGES = new Set(['incident.alert']);

export function runFacts(audit: AuditFact[], calls: ToolCallFact[]): RunFacts {
  const changes = audit.filter((fact) => !NOT_CHANGES.has(fact.action)).map(describeChange);
  const refused = calls.filter((call) => call.isError && !NOT_ACTIONS.has(call.tool)).map(refusedLine);
  const started = audit.filter((fact) => fact.action === 'campaign.start').at(-1);
  const startCalls = calls.filter((call) => call.tool === 'ohmymkt_start_campaign');
  const lastStart = startCalls.at(-1);
  let campaign: RunFacts['campaign'];
  if (started) {
    campaign = { started: true, planId: text(started.detail['planId']), version: Number(started.detail['version']), reasons: [] };
  } else if (lastStart?.isError) {
    campaign = { started: false, reasons: lastStart.refusal ? [lastStart.refusal.message, ...(lastStart.refusal.reasons ?? [])] : [lastStart.content] };
  }
  return { changes, refused, ...(campaign ? { campaign } : {}) };
}
