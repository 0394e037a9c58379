import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MODULE_NAMES, moduleStatuses, SCALE_MODULES } from '../../src/domain/modules.ts';
import { SPRINT_POOL } from '../../src/domain/sprint-pool.ts';
import { findTask, seedSprintBoard, SprintTaskSchema, sprintWorkSince, updateTask, type SprintTask, type TaskStatus } from '../../src/domain/sprint.ts';
import { DAY, NOW } from './support.ts';

describe('sprint pool', () => {
  test('holds 40 tasks with unique ids: 10 visibility, 30 quality', () => {
    assert.equal(SPRINT_POOL.length, 40);
    assert.equal(new Set(SPRINT_POOL.map((task) => task.id)).size, 40);
    assert.equal(SPRINT_POOL.filter((task) => task.track === 'visibility').length, 10);
    assert.equal(SPRINT_POOL.filter((task) => task.track === 'quality').length, 30);
  });

  test('spreads over all ten modules, four tasks each', () => {
    for (const module of MODULE_NAMES) assert.equal(SPRINT_POOL.filter((task) => task.module === module).length, 4, module);
  });
});

describe('seeding the board', () => {
  test('every task is pending, owned, due, with KPI impact and rollback condition', () => {
    const board = seedSprintBoard(SPRINT_POOL, { owners: ['U2', 'U3'], start: NOW });
    assert.equal(board.length, 40);
    for (const task of board) {
      assert.equal(SprintTaskSchema.safeParse(task).success, true, task.id);
      assert.equal(task.status, 'pending');
      assert.ok(task.due.getTime() > NOW.getTime());
      assert.match(task.rollbackCondition, /^roll back if /);
    }
  });

  test('spreads modules over the owners, a module keeping one owner', () => {
    const board = seedSprintBoard(SPRINT_POOL, { owners: ['U2', 'U3'], start: NOW });
    assert.deepEqual(new Set(board.map((task) => task.owner)), new Set(['U2', 'U3']));
    for (const module of MODULE_NAMES) assert.equal(new Set(board.filter((task) => task.module === module).map((task) => task.owner)).size, 1);
  });

  test('without owners each module falls to its lead specialist', () => {
    const board = seedSprintBoard(SPRINT_POOL, { owners: [' '], start: NOW });
    assert.equal(board.find((task) => task.module === 'technical_foundation')?.owner, 'seo-engineer');
    assert.equal(board.find((task) => task.module === 'aeo_answer_layer')?.owner, 'aeo-specialist');
  });

  test('the base is due before the scale work, all within eight weeks', () => {
    const board = seedSprintBoard(SPRINT_POOL, { owners: [], start: NOW });
    const weeks = (module: string) => board.filter((task) => task.module === module).map((task) => (task.due.getTime() - NOW.getTime()) / (7 * DAY));
    assert.deepEqual(weeks('technical_foundation'), [1, 2, 3, 4]);
    assert.deepEqual(weeks('scale_loop'), [5, 6, 7, 8]);
  });

  test('KPI impact follows the track', () => {
    const board = seedSprintBoard(SPRINT_POOL, { owners: [], start: NOW });
    assert.match(board.find((task) => task.track === 'visibility')?.kpiImpact ?? '', /visibility/);
    assert.match(board.find((task) => task.track === 'quality')?.kpiImpact ?? '', /high-intent sessions/);
  });
});

describe('working the board', () => {
  const later = new Date(NOW.getTime() + 2 * DAY);

  /** The board after one task's status change, through the same steps ohmymkt_update_task takes. */
  function moved(board: SprintTask[], id: string, status: TaskStatus): SprintTask[] {
    const found = findTask(board, id);
    assert.ok(found.ok);
    const next = updateTask(found.value, { status, ...(status === 'blocked' ? { note: 'waiting on legal' } : {}) }, later);
    assert.ok(next.ok, next.ok ? '' : next.message);
    return board.map((task) => (task.id === next.value.id ? next.value : task));
  }

  test('a status change stamps the task; an unknown id is refused', () => {
    const board = moved(seedSprintBoard(SPRINT_POOL, { owners: [], start: NOW }), 't03', 'done');
    assert.deepEqual(board.filter((task) => task.status !== 'pending').map((task) => [task.id, task.updatedAt]), [['T03', later]]);
    assert.equal(findTask(board, 'T99').ok, false);
  });

  test('the period\'s work is what moved to in progress or done since then', () => {
    let board = seedSprintBoard(SPRINT_POOL, { owners: [], start: NOW });
    for (const [id, status] of [['T01', 'done'], ['T09', 'in_progress'], ['T02', 'blocked']] as const) board = moved(board, id, status);
    assert.deepEqual(sprintWorkSince(board, new Date(NOW.getTime() + DAY)).map((task) => task.id), ['T01', 'T09']);
    assert.deepEqual(sprintWorkSince(board, new Date(later.getTime() + 1)), []);
  });
});

describe('module status', () => {
  test('idle without a campaign, scale modules paused by a high incident', () => {
    assert.ok(moduleStatuses(false, false).every((module) => module.status === 'idle'));
    const paused = moduleStatuses(true, true).filter((module) => module.status === 'paused').map((module) => module.module);
    assert.deepEqual(paused, [...SCALE_MODULES]);
    assert.deepEqual(paused, ['authority_growth', 'experiment_engine', 'scale_loop']);
    assert.ok(moduleStatuses(true, false).every((module) => module.status === 'active'));
  });
});
