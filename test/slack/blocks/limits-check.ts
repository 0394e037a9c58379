// Walks any built message and asserts every Block Kit limit Slack enforces on what we render. The
// numbers are written here from Slack's reference, not imported from src/, so a wrong limit in the
// app fails a test instead of agreeing with itself.
import assert from 'node:assert/strict';
import type { KnownBlock } from '@slack/types';
import { messageBlockProblems } from '../../support/block-kit-rules.ts';

export const SLACK = {
  messageBlocks: 50,
  messageText: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextElementText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
} as const;

type Json = Record<string, unknown>;
type Checked = { text: string; blocks: KnownBlock[] };

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function textObject(value: unknown, where: string): { type: string; text: string } {
  assert.ok(isObject(value), `${where}: must be a text object`);
  const { type, text } = value;
  assert.ok(type === 'plain_text' || type === 'mrkdwn', `${where}: text type must be plain_text or mrkdwn (got ${String(type)})`);
  assert.equal(typeof text, 'string', `${where}: text must be a string`);
  assert.ok((text as string).length >= 1, `${where}: text must not be empty`);
  return { type, text: text as string };
}

function within(length: number, max: number, where: string): void {
  assert.ok(length <= max, `${where}: ${length} exceeds Slack's limit of ${max}`);
}

function checkElement(element: unknown, where: string, actionIds: Set<string>): void {
  assert.ok(isObject(element), `${where}: must be an element object`);
  const actionId = element['action_id'];
  if (actionId !== undefined) {
    assert.equal(typeof actionId, 'string', `${where}/action_id must be a string`);
    within((actionId as string).length, SLACK.actionId, `${where}/action_id`);
    assert.ok(!actionIds.has(actionId as string), `${where}/action_id "${String(actionId)}" is used twice in one message`);
    actionIds.add(actionId as string);
  }
  if (element['type'] === 'button') {
    const label = textObject(element['text'], `${where}/text`);
    assert.equal(label.type, 'plain_text', `${where}/text: a button label is plain_text`);
    within(label.text.length, SLACK.buttonText, `${where}/text`);
    if (typeof element['value'] === 'string') within(element['value'].length, SLACK.buttonValue, `${where}/value`);
  }
}

function checkBlock(block: KnownBlock, where: string, ids: { blocks: Set<string>; actions: Set<string> }): void {
  const raw = block as unknown as Json;
  const blockId = raw['block_id'];
  if (typeof blockId === 'string') {
    within(blockId.length, SLACK.blockId, `${where}/block_id`);
    assert.ok(!ids.blocks.has(blockId), `${where}/block_id "${blockId}" is used twice`);
    ids.blocks.add(blockId);
  }
  switch (block.type) {
    case 'header': {
      const text = textObject(raw['text'], `${where}/text`);
      assert.equal(text.type, 'plain_text', `${where}: a header is plain_text`);
      within(text.text.length, SLACK.headerText, `${where}/text`);
      break;
    }
    case 'section': {
      const fields = raw['fields'];
      assert.ok(raw['text'] !== undefined || fields !== undefined, `${where}: a section needs text or fields`);
      if (raw['text'] !== undefined) within(textObject(raw['text'], `${where}/text`).text.length, SLACK.sectionText, `${where}/text`);
      if (fields !== undefined) {
        assert.ok(Array.isArray(fields) && fields.length >= 1, `${where}/fields: at least one field`);
        within(fields.length, SLACK.sectionFields, `${where}/fields`);
        fields.forEach((field, i) => within(textObject(field, `${where}/fields/${i}`).text.length, SLACK.sectionFieldText, `${where}/fields/${i}`));
      }
      if (raw['accessory'] !== undefined) checkElement(raw['accessory'], `${where}/accessory`, ids.actions);
      break;
    }
    case 'context': {
      const elements = raw['elements'];
      assert.ok(Array.isArray(elements) && elements.length >= 1, `${where}/elements: at least one element`);
      within(elements.length, SLACK.contextElements, `${where}/elements`);
      elements.forEach((element, i) => {
        if (isObject(element) && element['type'] !== 'image') {
          within(textObject(element, `${where}/elements/${i}`).text.length, SLACK.contextElementText, `${where}/elements/${i}`);
        }
      });
      break;
    }
    case 'actions': {
      const elements = raw['elements'];
      assert.ok(Array.isArray(elements) && elements.length >= 1, `${where}/elements: at least one element`);
      within(elements.length, SLACK.actionsElements, `${where}/elements`);
      elements.forEach((element, i) => checkElement(element, `${where}/elements/${i}`, ids.actions));
      break;
    }
    case 'divider':
      break;
    default:
      assert.fail(`${where}: a block type our builders never render: ${block.type}`);
  }
}

// The only control sequences our builders write: a user mention, a localised date and a web link
// labelled "open" (a link with any other label is someone's text that escaped escaping).
const OUR_SEQUENCE = /^<(@[UW][A-Z0-9]+|!date\^\d+\^[^|<>]+\|[^<>]+|https?:\/\/[^\s|<>]+\|open)>$/;

function mrkdwnTexts(message: Checked): string[] {
  const out: string[] = [message.text];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      if (value['type'] === 'mrkdwn' && typeof value['text'] === 'string') out.push(value['text']);
      else Object.values(value).forEach(visit);
    }
  };
  visit(message.blocks);
  return out;
}

/**
 * Every `<…>` Slack would parse is one we meant (a mention or a date) and every `&` starts an entity,
 * so no text a person typed became a link, a broadcast or a mention on its way through.
 */
export function assertOnlyOurControlSequences(message: Checked): void {
  for (const text of mrkdwnTexts(message)) {
    for (const match of text.matchAll(/<[^>]*>?/g)) {
      assert.match(match[0], OUR_SEQUENCE, `unescaped control sequence ${match[0]} in: ${text.slice(0, 200)}`);
    }
    assert.ok(!/>/.test(text.replace(/<[^<>]*>/g, '')), `a bare > in: ${text.slice(0, 200)}`);
    assert.ok(!/&(?!amp;|lt;|gt;)/.test(text), `a bare & in: ${text.slice(0, 200)}`);
  }
}

/** Fails with the first limit the message breaks, naming where. */
export function assertWithinLimits(message: Checked): void {
  assert.equal(typeof message.text, 'string', 'text must be a string');
  assert.ok(message.text.trim().length >= 1, 'the notification text must not be empty');
  assert.ok(!message.text.includes('\n'), 'the notification text is one line');
  within(message.text.length, SLACK.messageText, 'text');
  assert.ok(message.blocks.length >= 1, 'a message has at least one block');
  within(message.blocks.length, SLACK.messageBlocks, 'blocks');
  const ids = { blocks: new Set<string>(), actions: new Set<string>() };
  message.blocks.forEach((block, i) => checkBlock(block, `/blocks/${i}`, ids));
  assertOnlyOurControlSequences(message);
  // The fake Slack's validator must agree, or a test through it would fail where this passed.
  assert.deepEqual(messageBlockProblems(message.blocks), []);
}

/** Every piece of text a person can read in the message, in order, for content assertions. */
export function textsOf(message: Checked): string[] {
  const out: string[] = [message.text];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      if ((value['type'] === 'mrkdwn' || value['type'] === 'plain_text') && typeof value['text'] === 'string') out.push(value['text']);
      else Object.values(value).forEach(visit);
    }
  };
  visit(message.blocks);
  return out;
}

export function allText(message: Checked): string {
  return textsOf(message).join('\n');
}
