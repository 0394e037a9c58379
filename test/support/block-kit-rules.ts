// Block Kit validation as Slack's servers apply it, so the fake Slack rejects what real Slack rejects.
// Limits are written from Slack's reference on purpose, not imported from src/, so a wrong limit in the
// app is caught here instead of being copied.

type Json = Record<string, unknown>;

export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  blockId: 255,
  actionId: 255,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionsElements: 25,
  contextElements: 10,
  viewTitle: 24,
  viewButtonText: 24,
  privateMetadata: 3000,
  callbackId: 255,
  inputLabel: 2000,
} as const;

/** Slack's own wording style: "[ERROR] <what> [json-pointer:<where>]". */
export type BlockProblem = string;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | undefined {
  return isObject(value) && typeof value['text'] === 'string' ? value['text'] : undefined;
}

function problem(what: string, pointer: string): BlockProblem {
  return `[ERROR] ${what} [json-pointer:${pointer}]`;
}

function tooLong(max: number, pointer: string): BlockProblem {
  return problem(`must be less than ${max + 1} characters`, pointer);
}

function checkLength(value: unknown, max: number, pointer: string, out: BlockProblem[]): void {
  if (typeof value === 'string' && value.length > max) out.push(tooLong(max, pointer));
}

function checkElement(element: unknown, pointer: string, seenActionIds: Set<string>, out: BlockProblem[]): void {
  if (!isObject(element)) {
    out.push(problem('must provide an object', pointer));
    return;
  }
  const actionId = element['action_id'];
  if (typeof actionId === 'string') {
    checkLength(actionId, SLACK_LIMITS.actionId, `${pointer}/action_id`, out);
    // Slack wants action_id unique within its containing block, not across the whole message.
    if (seenActionIds.has(actionId)) out.push(problem('action_id already exists in this block', `${pointer}/action_id`));
    seenActionIds.add(actionId);
  }
  if (element['type'] === 'button') {
    const label = textOf(element['text']);
    if (label === undefined) out.push(problem('must provide a plain_text object', `${pointer}/text`));
    checkLength(label, SLACK_LIMITS.buttonText, `${pointer}/text/text`, out);
    checkLength(element['value'], SLACK_LIMITS.buttonValue, `${pointer}/value`, out);
    checkLength(element['url'], SLACK_LIMITS.buttonUrl, `${pointer}/url`, out);
  }
}

const TASK_STATUSES = ['pending', 'in_progress', 'complete', 'error'];

/**
 * A task card, alone or inside a plan (https://docs.slack.dev/reference/block-kit/blocks/task-card-block):
 * `task_id` and `title` required strings; `status` one of the four states; `details` and `output` each "a
 * single rich_text entity"; `sources` URL source elements (`type: url`, `url`, `text`).
 */
function checkTaskCard(card: Json, pointer: string, out: BlockProblem[]): void {
  for (const field of ['task_id', 'title']) {
    if (typeof card[field] !== 'string' || card[field] === '') out.push(problem(`missing required field: ${field}`, pointer));
  }
  if (card['status'] !== undefined && !TASK_STATUSES.includes(card['status'] as string)) {
    out.push(problem(`must be one of ${TASK_STATUSES.join(', ')}`, `${pointer}/status`));
  }
  for (const field of ['details', 'output']) {
    const rich = card[field];
    if (rich === undefined) continue;
    if (!isObject(rich) || rich['type'] !== 'rich_text' || !Array.isArray(rich['elements'])) out.push(problem('must provide a rich_text object', `${pointer}/${field}`));
  }
  const sources = card['sources'];
  if (sources !== undefined) {
    if (!Array.isArray(sources)) out.push(problem('must provide an array', `${pointer}/sources`));
    else sources.forEach((source, i) => {
      if (!isObject(source) || source['type'] !== 'url' || typeof source['url'] !== 'string' || typeof source['text'] !== 'string') {
        out.push(problem('must provide a url source element', `${pointer}/sources/${i}`));
      }
    });
  }
}

function checkBlock(block: unknown, pointer: string, seenBlockIds: Set<string>, out: BlockProblem[]): void {
  if (!isObject(block) || typeof block['type'] !== 'string') {
    out.push(problem('missing required field: type', pointer));
    return;
  }
  const blockId = block['block_id'];
  if (typeof blockId === 'string') {
    checkLength(blockId, SLACK_LIMITS.blockId, `${pointer}/block_id`, out);
    if (seenBlockIds.has(blockId)) out.push(problem('duplicate block_id', `${pointer}/block_id`));
    seenBlockIds.add(blockId);
  }
  const actionIds = new Set<string>();
  switch (block['type']) {
    case 'section': {
      const fields = block['fields'];
      if (block['text'] === undefined && fields === undefined) {
        out.push(problem('must provide either text or fields', pointer));
      }
      checkLength(textOf(block['text']), SLACK_LIMITS.sectionText, `${pointer}/text/text`, out);
      if (Array.isArray(fields)) {
        if (fields.length > SLACK_LIMITS.sectionFields) {
          out.push(problem(`must provide no more than ${SLACK_LIMITS.sectionFields} items`, `${pointer}/fields`));
        }
        fields.forEach((field, i) =>
          checkLength(textOf(field), SLACK_LIMITS.sectionFieldText, `${pointer}/fields/${i}/text`, out),
        );
      }
      if (block['accessory'] !== undefined) checkElement(block['accessory'], `${pointer}/accessory`, actionIds, out);
      break;
    }
    case 'header': {
      const text = textOf(block['text']);
      if (text === undefined) out.push(problem('must provide a plain_text object', `${pointer}/text`));
      checkLength(text, SLACK_LIMITS.headerText, `${pointer}/text/text`, out);
      break;
    }
    case 'actions':
    case 'context': {
      const elements = block['elements'];
      const max = block['type'] === 'actions' ? SLACK_LIMITS.actionsElements : SLACK_LIMITS.contextElements;
      if (!Array.isArray(elements) || elements.length === 0) {
        out.push(problem('must provide at least 1 item', `${pointer}/elements`));
        break;
      }
      if (elements.length > max) out.push(problem(`must provide no more than ${max} items`, `${pointer}/elements`));
      if (block['type'] === 'actions') {
        elements.forEach((element, i) => checkElement(element, `${pointer}/elements/${i}`, actionIds, out));
      }
      break;
    }
    case 'task_card':
      checkTaskCard(block, pointer, out);
      break;
    // A plan: a required plain-text `title` and "a sequence of task card blocks"
    // (https://docs.slack.dev/reference/block-kit/blocks/plan-block).
    case 'plan': {
      if (typeof block['title'] !== 'string' || block['title'] === '') out.push(problem('missing required field: title', pointer));
      const tasks = block['tasks'];
      if (tasks !== undefined && !Array.isArray(tasks)) out.push(problem('must provide an array', `${pointer}/tasks`));
      if (Array.isArray(tasks)) {
        tasks.forEach((task, i) => {
          if (!isObject(task) || task['type'] !== 'task_card') out.push(problem('must be a task_card block', `${pointer}/tasks/${i}`));
          else checkTaskCard(task, `${pointer}/tasks/${i}`, out);
        });
      }
      break;
    }
    case 'input': {
      checkLength(textOf(block['label']), SLACK_LIMITS.inputLabel, `${pointer}/label/text`, out);
      if (block['element'] === undefined) out.push(problem('missing required field: element', pointer));
      else checkElement(block['element'], `${pointer}/element`, actionIds, out);
      break;
    }
  }
}

function checkBlocks(blocks: unknown, max: number, pointer: string): BlockProblem[] {
  if (!Array.isArray(blocks)) return [problem('must provide an array', pointer)];
  const out: BlockProblem[] = [];
  if (blocks.length > max) out.push(problem(`must provide no more than ${max} items`, pointer));
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => checkBlock(block, `${pointer}/${i}`, blockIds, out));
  return out;
}

/**
 * Problems Slack reports as `invalid_blocks` for chat.postMessage / chat.update / chat.postEphemeral.
 * `refusedTypes`: block types this workspace does not take (plan and task_card shipped behind a preview
 * toggle, slackapi/node-slack-sdk#2471), refused like any unsupported type.
 */
export function messageBlockProblems(blocks: unknown, refusedTypes: ReadonlySet<string> = new Set()): BlockProblem[] {
  const out = checkBlocks(blocks, SLACK_LIMITS.messageBlocks, '/blocks');
  if (Array.isArray(blocks)) {
    blocks.forEach((block, i) => {
      if (isObject(block) && refusedTypes.has(String(block['type']))) out.push(problem(`unsupported type: ${String(block['type'])}`, `/blocks/${i}/type`));
    });
  }
  return out;
}

/** Problems Slack reports as `invalid_arguments` for views.open / views.update / views.push / views.publish. */
export function viewProblems(view: unknown): BlockProblem[] {
  if (!isObject(view)) return [problem('must provide an object', '/view')];
  const out = checkBlocks(view['blocks'], SLACK_LIMITS.viewBlocks, '/view/blocks');
  if (view['type'] === 'modal') {
    const title = textOf(view['title']);
    if (title === undefined) out.push(problem('missing required field: title', '/view'));
    checkLength(title, SLACK_LIMITS.viewTitle, '/view/title/text', out);
    checkLength(textOf(view['submit']), SLACK_LIMITS.viewButtonText, '/view/submit/text', out);
    checkLength(textOf(view['close']), SLACK_LIMITS.viewButtonText, '/view/close/text', out);
  } else if (view['type'] !== 'home') {
    out.push(problem('must be one of modal, home', '/view/type'));
  }
  checkLength(view['private_metadata'], SLACK_LIMITS.privateMetadata, '/view/private_metadata', out);
  checkLength(view['callback_id'], SLACK_LIMITS.callbackId, '/view/callback_id', out);
  return out;
}
