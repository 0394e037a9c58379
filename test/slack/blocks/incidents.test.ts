import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addNote, HIGH_ESCALATION_STEPS, resolveIncident, type Incident } from '../../../src/domain/incidents.ts';
import {
  incidentAlert,
  incidentList,
  incidentResolved,
  incidentUpdated,
  MAX_LISTED_INCIDENTS,
} from '../../../src/slack/blocks/incidents.ts';
import { allText, assertWithinLimits, textsOf } from './limits-check.ts';
import { daysAgo, hoursAgo, incident, NOW, responder } from './fixtures.ts';

const withNote = (base: Incident, text: string, at: Date = NOW): Incident => ({
  ...base,
  notes: [...base.notes, { text, by: responder, at }],
});

describe('incidentAlert', () => {
  test('a P0 names severity, id, module, summary, who opened it, and the escalation that follows', () => {
    const message = incidentAlert(incident(3, 'high', hoursAgo(0), { module: 'scale_loop' }), NOW);
    assertWithinLimits(message);
    const text = allText(message);
    assert.equal(message.blocks[0]?.type, 'header');
    assert.ok(textsOf(message).includes(':red_circle: P0 incident INC-3'));
    for (const part of ['scale_loop', 'Checkout page returns 500 (3)', '<@U1>', 'immediate rollback and a full postmortem', ...HIGH_ESCALATION_STEPS]) {
      assert.ok(text.includes(part), part);
    }
    assert.ok(text.includes('paused'));
  });

  test('a P1 keeps guarded work going and pauses nothing', () => {
    const text = allText(incidentAlert(incident(4, 'medium', NOW), NOW));
    assert.ok(text.includes(':large_orange_circle: P1'));
    assert.ok(text.includes('an intervention sprint in the next cycle'));
    assert.ok(text.includes('Guarded work'));
    assert.ok(!text.includes('paused'));
  });

  test('a P2 says backlog remediation', () => {
    const text = allText(incidentAlert(incident(5, 'low', NOW), NOW));
    assert.ok(text.includes(':large_yellow_circle: P2'));
    assert.ok(text.includes('backlog remediation with monitoring'));
  });

  test('an alert posted late says how long ago the incident opened', () => {
    assert.ok(allText(incidentAlert(incident(6, 'medium', hoursAgo(3)), NOW)).includes('(3h ago)'));
    assert.ok(!allText(incidentAlert(incident(6, 'medium', NOW), NOW)).includes(' ago)'));
  });

  test('a summary that tries to mention the channel is shown as text', () => {
    const message = incidentAlert(incident(6, 'high', NOW, { summary: '<!channel> site down, ask <@U999>' }), NOW);
    assertWithinLimits(message);
    assert.ok(!allText(message).includes('<!channel>'));
    assert.ok(!allText(message).includes('<@U999>'));
    assert.ok(allText(message).includes('&lt;!channel&gt; site down'));
  });

  test('the notification is one line naming severity, id and summary', () => {
    assert.equal(incidentAlert(incident(3, 'high', NOW), NOW).text, 'P0 incident INC-3 opened (unspecified): Checkout page returns 500 (3)');
  });
});

describe('incidentUpdated', () => {
  test('shows the latest note and who wrote it', () => {
    const updated = withNote(withNote(incident(7, 'medium', hoursAgo(5)), 'first look'), 'rolled back the template');
    const message = incidentUpdated(updated, NOW);
    assertWithinLimits(message);
    assert.ok(allText(message).includes('rolled back the template'));
    assert.ok(allText(message).includes('<@U2>'));
    assert.ok(allText(message).includes('2 notes · opened 5h ago'));
  });

  test('a 3000-character note fits its section whole', () => {
    const message = incidentUpdated(withNote(incident(8, 'low', NOW), 'n'.repeat(3000)), NOW);
    assertWithinLimits(message);
    assert.ok(textsOf(message).includes('n'.repeat(3000)));
  });

  test('a 3001-character note is cut to at most 3000 in its section', () => {
    const message = incidentUpdated(withNote(incident(8, 'low', NOW), 'n'.repeat(3001)), NOW);
    assertWithinLimits(message);
    const section = textsOf(message).find((text) => text.startsWith('nnn'));
    assert.ok(section !== undefined && section.length <= 3000 && section.endsWith('…'));
  });
});

describe('incidentResolved', () => {
  test('says who resolved it, after how long, the resolution note, and that a cycle and report follow', () => {
    const opened = incident(9, 'high', hoursAgo(5));
    const resolved = resolveIncident(opened, responder, NOW, 'template reverted');
    assert.ok(resolved.ok);
    const message = incidentResolved(resolved.value, NOW);
    assertWithinLimits(message);
    const text = allText(message);
    for (const part of ['INC-9 resolved', '<@U2>', 'after 5h', 'template reverted', 'run a cycle', 'post a growth report']) {
      assert.ok(text.includes(part), part);
    }
  });

  test('an older note is not shown as the resolution', () => {
    const noted = addNote(incident(10, 'low', hoursAgo(5)), 'first look', responder, hoursAgo(4));
    assert.ok(noted.ok);
    const resolved = resolveIncident(noted.value, responder, NOW);
    assert.ok(resolved.ok);
    assert.ok(!allText(incidentResolved(resolved.value, NOW)).includes('Resolution'));
  });
});

describe('incidentList', () => {
  test('lists open incidents first, most severe then oldest, then recently resolved, with ages', () => {
    const incidents = [
      incident(1, 'low', daysAgo(2)),
      incident(2, 'high', hoursAgo(3)),
      incident(3, 'medium', daysAgo(3), { resolvedAt: daysAgo(1) }),
      incident(4, 'high', daysAgo(20), { resolvedAt: daysAgo(15) }),
      incident(5, 'high', hoursAgo(1)),
    ];
    const message = incidentList(incidents, NOW);
    assertWithinLimits(message);
    const text = allText(message);
    const order = ['INC-2*', 'INC-5*', 'INC-1*', 'INC-3*'].map((id) => text.indexOf(id));
    assert.ok(order.every((at) => at >= 0), 'all listed');
    assert.deepEqual([...order].sort((a, b) => a - b), order);
    assert.ok(!text.includes('INC-4*'), 'resolved long ago');
    assert.ok(text.includes('*INC-2* · open 3h'));
    assert.ok(text.includes('*INC-1* · open 2d'));
    assert.ok(text.includes('*INC-3* · resolved 1d ago'));
    assert.ok(text.includes('3 open (2 P0)'));
    assert.ok(text.includes('paused'));
  });

  test(`${MAX_LISTED_INCIDENTS} incidents are all listed`, () => {
    const incidents = Array.from({ length: MAX_LISTED_INCIDENTS }, (_, i) => incident(i + 1, 'low', hoursAgo(i + 1)));
    const message = incidentList(incidents, NOW);
    assertWithinLimits(message);
    assert.ok(!allText(message).includes('more ('));
  });

  test('200 incidents stay within limits and say how many more there are', () => {
    const incidents = Array.from({ length: 200 }, (_, i) =>
      incident(i + 1, (['high', 'medium', 'low'] as const)[i % 3] ?? 'low', hoursAgo(i + 1), {
        summary: `${'long summary '.repeat(40)} <!here>`.slice(0, 500),
        ...(i % 4 === 0 ? { resolvedAt: hoursAgo(i / 2) } : {}),
      }),
    );
    const message = incidentList(incidents, NOW);
    assertWithinLimits(message);
    assert.ok(allText(message).includes(`and ${200 - MAX_LISTED_INCIDENTS} more`));
    assert.equal(allText(message).match(/\*INC-\d+\*/g)?.length, MAX_LISTED_INCIDENTS);
  });

  test('no incidents says so', () => {
    const message = incidentList([], NOW);
    assertWithinLimits(message);
    assert.ok(allText(message).includes('No open incidents'));
  });
});
