import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BUILT_IN_CATALOG, SEO_AEO } from '../../src/domain/playbook-catalog.ts';
import {
  addNote,
  countBySeverity,
  HIGH_ESCALATION_STEPS,
  highEscalationSteps,
  incidentsInWindow,
  isPaused,
  openIncident,
  parseIncidentId,
  parseSeverity,
  resolveIncident,
  SEVERITY_POLICY,
  type Incident,
} from '../../src/domain/incidents.ts';
import type { Actor } from '../../src/domain/program.ts';
import { daysAgo, incident, NOW, person } from './support.ts';

const responder: Actor = { userId: 'U2', surface: 'action' };

function opened(): Incident {
  const result = openIncident({ sequence: 4, severity: 'medium', summary: '  Checkout page returns 500  ' }, person, NOW);
  assert.ok(result.ok);
  return result.value;
}

describe('severities', () => {
  const table: Array<[string, string]> = [
    ['high', 'high'], ['HIGH', 'high'], ['P0', 'high'], ['p0', 'high'],
    ['medium', 'medium'], ['p1', 'medium'], ['P1', 'medium'],
    ['low', 'low'], ['LOW', 'low'], ['P2', 'low'],
  ];
  for (const [text, severity] of table) {
    test(`${text} is ${severity}`, () => {
      assert.deepEqual(parseSeverity(text), { ok: true, value: severity });
    });
  }

  for (const text of ['P3', 'critical', '', 'hi']) {
    test(`"${text}" is a usage error`, () => {
      const result = parseSeverity(text);
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.code, 'usage');
    });
  }

  test('only high pauses risky work, and each severity has its response', () => {
    assert.deepEqual(
      Object.entries(SEVERITY_POLICY).map(([severity, policy]) => [severity, policy.label, policy.pausesRiskyWork]),
      [['high', 'P0', true], ['medium', 'P1', false], ['low', 'P2', false]],
    );
    assert.match(SEVERITY_POLICY.high.response, /rollback.*postmortem/);
    assert.equal(HIGH_ESCALATION_STEPS.length, 4);
    assert.match(HIGH_ESCALATION_STEPS[2], /postmortem within 24 hours/);
  });

  test("a P0 pauses the scaling work the program's playbook names; seo-aeo keeps its words", () => {
    assert.deepEqual(highEscalationSteps(SEO_AEO), [...HIGH_ESCALATION_STEPS]);
    const demandGen = BUILT_IN_CATALOG.get('demand-gen');
    assert.ok(demandGen);
    assert.deepEqual(highEscalationSteps(demandGen), ['pause budget scaling', ...HIGH_ESCALATION_STEPS.slice(1)]);
  });
});

describe('incident lifecycle', () => {
  test('opens with a short id, default module, trimmed summary and who/when', () => {
    const value = opened();
    assert.equal(value.id, 'INC-4');
    assert.equal(value.module, 'unspecified');
    assert.equal(value.summary, 'Checkout page returns 500');
    assert.equal(value.status, 'open');
    assert.deepEqual([value.openedBy, value.openedAt], [person, NOW]);
  });

  test('keeps a named module', () => {
    const result = openIncident({ sequence: 1, severity: 'low', summary: 'x', module: 'publish:x' }, person, NOW);
    assert.ok(result.ok);
    assert.equal(result.value.module, 'publish:x');
  });

  test('refuses an empty or over-long summary', () => {
    const empty = openIncident({ sequence: 1, severity: 'low', summary: '   ' }, person, NOW);
    const long = openIncident({ sequence: 1, severity: 'low', summary: 'x'.repeat(501) }, person, NOW);
    assert.deepEqual([empty.ok, long.ok], [false, false]);
    assert.equal(openIncident({ sequence: 1, severity: 'low', summary: 'x'.repeat(500) }, person, NOW).ok, true);
  });

  test('notes append in order with who and when', () => {
    const first = addNote(opened(), 'rolled back the template', responder, NOW);
    assert.ok(first.ok);
    const later = new Date(NOW.getTime() + 60_000);
    const second = addNote(first.value, 'monitoring', person, later);
    assert.ok(second.ok);
    assert.deepEqual(second.value.notes, [
      { text: 'rolled back the template', by: responder, at: NOW },
      { text: 'monitoring', by: person, at: later },
    ]);
  });

  test('refuses an empty note', () => {
    assert.equal(addNote(opened(), ' ', person, NOW).ok, false);
  });

  test('resolves once, with an optional closing note', () => {
    const resolved = resolveIncident(opened(), responder, NOW, 'fixed upstream');
    assert.ok(resolved.ok);
    assert.equal(resolved.value.status, 'resolved');
    assert.deepEqual([resolved.value.resolvedBy, resolved.value.resolvedAt], [responder, NOW]);
    assert.deepEqual(resolved.value.notes.map((note) => note.text), ['fixed upstream']);
    const again = resolveIncident(resolved.value, responder, NOW);
    assert.equal(again.ok, false);
    if (!again.ok) assert.equal(again.code, 'conflict');
  });

  test('still takes notes after resolve, for the postmortem', () => {
    const resolved = resolveIncident(opened(), responder, NOW);
    assert.ok(resolved.ok);
    assert.equal(addNote(resolved.value, 'postmortem: link', person, NOW).ok, true);
  });

  test('normalises typed ids', () => {
    assert.deepEqual(parseIncidentId(' inc-12 '), { ok: true, value: 'INC-12' });
    assert.equal(parseIncidentId('12').ok, false);
    assert.equal(parseIncidentId('INC-0').ok, false);
  });
});

describe('pause and windows', () => {
  test('any open high incident pauses; a resolved one or a medium does not', () => {
    assert.equal(isPaused([incident(1, 'high', NOW)]), true);
    assert.equal(isPaused([incident(1, 'high', NOW, 'resolved'), incident(2, 'medium', NOW)]), false);
    assert.equal(isPaused([]), false);
  });

  test('counts incidents opened in the window, resolved ones included', () => {
    const incidents = [
      incident(1, 'high', daysAgo(8)),
      incident(2, 'high', daysAgo(6), 'resolved'),
      incident(3, 'low', daysAgo(7)),
      incident(4, 'medium', daysAgo(1)),
    ];
    assert.deepEqual(incidentsInWindow(incidents, 7, NOW).map((value) => value.id), ['INC-2', 'INC-3', 'INC-4']);
    assert.deepEqual(countBySeverity(incidentsInWindow(incidents, 30, NOW)), { high: 2, medium: 1, low: 1 });
  });
});
