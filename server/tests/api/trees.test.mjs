// Flows: CRUD, structure validation per type, filters, counts, tenancy.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  useServer, expectStatus, expectDetail, expect422, expectUuid, expectInstant, structureFor, sleep,
} from './harness.mjs';

const api = useServer(before, after);

const step = (id, extra = {}) => ({ id, type: 'procedure_step', title: `Step ${id}`, ...extra });

function expectTree(tree, { owner, type, name, summary = false } = {}) {
  expectUuid(tree.id, 'tree.id');
  if (owner) {
    assert.equal(tree.team_id, owner.user.team_id);
    assert.equal(tree.created_by, owner.user.id);
  }
  if (type) assert.equal(tree.tree_type, type);
  if (name) assert.equal(tree.name, name);
  assert.equal(typeof tree.description, 'string');
  // A list item is a summary: the step count stands in for the structure (SPEC §8).
  if (summary) assert.equal(tree.tree_structure, undefined);
  else assert.equal(typeof tree.tree_structure, 'object');
  assert.equal(typeof tree.step_count, 'number');
  expectInstant(tree.created_at, 'created_at');
  expectInstant(tree.updated_at, 'updated_at');
}

describe('create and read', () => {
  let admin;
  before(async () => { admin = await api().register(); });

  for (const type of ['procedural', 'maintenance', 'troubleshooting']) {
    test(`create a ${type} flow → 201; GET returns it with the structure as sent`, async () => {
      const body = { name: `Patch the RDS farm (${type})`, description: 'Monthly', tree_type: type, tree_structure: structureFor(type) };
      const res = await admin.post('/trees/', body);
      expectStatus(res, 201);
      expectTree(res.body, { owner: admin, type, name: body.name });
      assert.equal(res.body.description, 'Monthly');
      assert.deepEqual(res.body.tree_structure, body.tree_structure);
      assert.equal(res.body.created_at, res.body.updated_at);
      const got = await admin.getTree(res.body.id);
      assert.deepEqual(got, res.body);
    });
  }

  test('description is optional and defaults to ""', async () => {
    const res = await admin.post('/trees/', { name: 'No description', tree_type: 'procedural', tree_structure: { steps: [step('a')] } });
    expectStatus(res, 201);
    assert.equal(res.body.description, '');
  });

  test('unicode and JSON escapes round-trip', async () => {
    const name = 'Zürich “Druckerei” 🖨️ \\ / \t tab';
    const tree = await admin.createTree('procedural', {
      name,
      tree_structure: { steps: [step('ä-1', { title: '日本語のステップ', description: 'line1\nline2 "quoted"' })] },
    });
    const got = await admin.getTree(tree.id);
    assert.equal(got.name, name);
    assert.equal(got.tree_structure.steps[0].title, '日本語のステップ');
    assert.equal(got.tree_structure.steps[0].description, 'line1\nline2 "quoted"');
  });

  test('name: 255 characters ok (also 255 multi-byte characters), 256 → 422, empty → 422', async () => {
    for (const name of ['n'.repeat(255), 'é'.repeat(255), '🙂'.repeat(255)]) {
      const res = await admin.post('/trees/', { name, tree_type: 'procedural', tree_structure: { steps: [step('a')] } });
      expectStatus(res, 201);
      assert.equal(res.body.name, name);
    }
    const counts = (await admin.get('/trees/counts')).body;
    for (const name of ['n'.repeat(256), 'é'.repeat(256), '']) {
      expect422(await admin.post('/trees/', { name, tree_type: 'procedural', tree_structure: { steps: [step('a')] } }), ['body', 'name']);
    }
    assert.deepEqual((await admin.get('/trees/counts')).body, counts);
  });

  test('GET of an unknown id → 404 detail', async () => {
    expectDetail(await admin.get(`/trees/${randomUUID()}`), 404);
  });
});

describe('structure validation (SPEC §1) → 422 at loc body.tree_structure…, nothing created', () => {
  let admin;
  before(async () => { admin = await api().register(); });

  const stepCases = [
    ['not an object', []],
    ['a string', 'steps'],
    ['no steps', {}],
    ['steps not an array', { steps: { a: 1 } }],
    ['no step at all', { steps: [] }],
    ['step not an object', { steps: ['a'] }],
    ['step without id', { steps: [{ type: 'procedure_step', title: 'A' }] }],
    ['empty id', { steps: [step('')] }],
    ['id not a string', { steps: [{ id: 5, type: 'procedure_step', title: 'A' }] }],
    ['duplicate ids', { steps: [step('a'), step('b'), step('a')] }],
    ['empty title', { steps: [step('a', { title: '' })] }],
    ['missing title', { steps: [{ id: 'a', type: 'procedure_step' }] }],
    ['unknown step type', { steps: [step('a', { type: 'question' })] }],
    ['missing step type', { steps: [{ id: 'a', title: 'A' }] }],
    ['unknown content_type', { steps: [step('a', { content_type: 'danger' })] }],
    ['a decision tree', structureFor('troubleshooting')],
  ];
  for (const type of ['procedural', 'maintenance']) {
    for (const [what, structure] of stepCases) {
      test(`${type}: ${what}`, async () => {
        const res = await admin.post('/trees/', { name: `bad ${what}`, tree_type: type, tree_structure: structure });
        expect422(res, ['body', 'tree_structure']);
        assert.equal((await admin.get('/trees/counts')).body.total, 0);
      });
    }
  }

  test('procedural: every content_type and an optional description are accepted', async () => {
    const steps = ['action', 'verification', 'information', 'warning'].map((c, i) => step(`s${i}`, { content_type: c }));
    steps.push({ id: 'end', type: 'procedure_end', title: 'End', description: 'All done' });
    const tree = await admin.createTree('procedural', { tree_structure: { steps } });
    assert.deepEqual(tree.tree_structure, { steps });
    expectStatus(await admin.del(`/trees/${tree.id}`), 204);
  });

  const tsCases = [
    ['not an object', []],
    ['no root', { nodes: structureFor('troubleshooting').nodes }],
    ['no nodes', { root: 'q1' }],
    ['nodes empty', { root: 'q1', nodes: [] }],
    ['root names no node', { ...structureFor('troubleshooting'), root: 'nope' }],
    ['answer.next names no node', { root: 'q', nodes: [
      { id: 'q', type: 'question', title: 'Q', answers: [{ label: 'Yes', next: 'ghost' }] },
    ] }],
    ['solution with answers', { root: 'q', nodes: [
      { id: 'q', type: 'question', title: 'Q', answers: [{ label: 'Yes', next: 's' }] },
      { id: 's', type: 'solution', title: 'S', answers: [{ label: 'Again', next: 'q' }] },
    ] }],
    ['unknown node type', { root: 'q', nodes: [{ id: 'q', type: 'procedure_step', title: 'Q' }] }],
    ['duplicate node ids', { root: 'q', nodes: [
      { id: 'q', type: 'question', title: 'Q', answers: [{ label: 'Yes', next: 's' }] },
      { id: 's', type: 'solution', title: 'S' },
      { id: 's', type: 'solution', title: 'S again' },
    ] }],
    ['empty node id', { root: '', nodes: [{ id: '', type: 'solution', title: 'S' }] }],
    ['empty node title', { root: 's', nodes: [{ id: 's', type: 'solution', title: '' }] }],
    ['answers not an array', { root: 'q', nodes: [
      { id: 'q', type: 'question', title: 'Q', answers: { label: 'Yes', next: 's' } },
      { id: 's', type: 'solution', title: 'S' },
    ] }],
    ['answer without next', { root: 'q', nodes: [
      { id: 'q', type: 'question', title: 'Q', answers: [{ label: 'Yes' }] },
      { id: 's', type: 'solution', title: 'S' },
    ] }],
    ['a step list', structureFor('procedural')],
  ];
  for (const [what, structure] of tsCases) {
    test(`troubleshooting: ${what}`, async () => {
      const res = await admin.post('/trees/', { name: `bad ${what}`, tree_type: 'troubleshooting', tree_structure: structure });
      expect422(res, ['body', 'tree_structure']);
      assert.equal((await admin.get('/trees/counts')).body.total, 0);
    });
  }

  test('troubleshooting: a single solution as root is a valid tree', async () => {
    const structure = { root: 's', nodes: [{ id: 's', type: 'solution', title: 'Reboot' }] };
    const tree = await admin.createTree('troubleshooting', { tree_structure: structure });
    assert.deepEqual(tree.tree_structure, structure);
    expectStatus(await admin.del(`/trees/${tree.id}`), 204);
  });

  test('unknown tree_type → 422 at body.tree_type', async () => {
    expect422(await admin.post('/trees/', { name: 'x', tree_type: 'Procedural', tree_structure: structureFor('procedural') }), ['body', 'tree_type']);
  });
});

describe('update and delete', () => {
  let admin;
  before(async () => { admin = await api().register(); });

  test('PUT with only a name changes only the name and updated_at', async () => {
    const tree = await admin.createTree('procedural');
    await sleep(5);
    const res = await admin.put(`/trees/${tree.id}`, { name: 'Renamed' });
    expectStatus(res, 200);
    assert.equal(res.body.name, 'Renamed');
    assert.equal(res.body.description, tree.description);
    assert.equal(res.body.tree_type, tree.tree_type);
    assert.deepEqual(res.body.tree_structure, tree.tree_structure);
    assert.equal(res.body.created_at, tree.created_at);
    assert.ok(Date.parse(res.body.updated_at) > Date.parse(tree.updated_at), 'updated_at must move forward');
    assert.deepEqual(await admin.getTree(tree.id), res.body);
  });

  test('PUT description and structure', async () => {
    const tree = await admin.createTree('maintenance');
    const structure = { steps: [step('only', { content_type: 'information' })] };
    const res = await admin.put(`/trees/${tree.id}`, { description: 'New', tree_structure: structure });
    expectStatus(res, 200);
    assert.equal(res.body.description, 'New');
    assert.deepEqual(res.body.tree_structure, structure);
    assert.equal(res.body.name, tree.name);
  });

  test('PUT re-validates the structure against the resulting type; refusals change nothing', async () => {
    const tree = await admin.createTree('procedural');
    expect422(await admin.put(`/trees/${tree.id}`, { tree_type: 'troubleshooting' }), ['body', 'tree_structure']);
    expect422(await admin.put(`/trees/${tree.id}`, { tree_structure: { steps: [] } }), ['body', 'tree_structure']);
    expect422(await admin.put(`/trees/${tree.id}`, { name: 'x'.repeat(256) }), ['body', 'name']);
    expect422(await admin.put(`/trees/${tree.id}`, { name: '' }), ['body', 'name']);
    expect422(await admin.put(`/trees/${tree.id}`, { tree_type: 'bogus' }), ['body', 'tree_type']);
    expect422(await admin.put(`/trees/${tree.id}`, { name: 7 }), ['body', 'name']);
    assert.deepEqual(await admin.getTree(tree.id), tree);

    // Changing type together with a matching structure is fine.
    const res = await admin.put(`/trees/${tree.id}`, { tree_type: 'troubleshooting', tree_structure: structureFor('troubleshooting') });
    expectStatus(res, 200);
    assert.equal(res.body.tree_type, 'troubleshooting');
  });

  test('PUT of an unknown id → 404', async () => {
    expectDetail(await admin.put(`/trees/${randomUUID()}`, { name: 'x' }), 404);
  });

  test('DELETE → 204, then GET 404, DELETE again 404, gone from list and counts', async () => {
    const tree = await admin.createTree('troubleshooting');
    const countsBefore = (await admin.get('/trees/counts')).body;
    const res = await admin.del(`/trees/${tree.id}`);
    expectStatus(res, 204);
    assert.equal(res.text, '');
    expectDetail(await admin.get(`/trees/${tree.id}`), 404);
    expectDetail(await admin.del(`/trees/${tree.id}`), 404);
    expectDetail(await admin.put(`/trees/${tree.id}`, { name: 'x' }), 404);
    assert.ok(!(await admin.get('/trees/')).body.some((t) => t.id === tree.id));
    const countsAfter = (await admin.get('/trees/counts')).body;
    assert.equal(countsAfter.total, countsBefore.total - 1);
    assert.equal(countsAfter.troubleshooting, countsBefore.troubleshooting - 1);
  });
});

describe('list, filters and counts', () => {
  let admin;
  const made = {};
  before(async () => {
    admin = await api().register();
    const plan = [
      ['procedural', 'Onboard a new user', 'Accounts and licences'],
      ['troubleshooting', 'Printer offline', 'Spooler and network checks'],
      ['maintenance', 'Patch the RDS farm', 'Monthly Windows updates'],
      ['procedural', 'Offboard a user', 'Revoke access, archive the MAILBOX'],
      ['maintenance', 'Rotate certificates', 'Before expiry'],
      ['maintenance', 'Update FSLogix', 'Profile containers'],
    ];
    for (const [type, name, description] of plan) {
      made[name] = await admin.createTree(type, { name, description });
      await sleep(3); // distinct created_at for the newest-first order
    }
  });

  test('GET /trees/ and /trees answer the same list, newest first', async () => {
    const withSlash = await admin.get('/trees/');
    const without = await admin.get('/trees');
    expectStatus(withSlash, 200);
    expectStatus(without, 200);
    assert.deepEqual(withSlash.body, without.body);
    assert.deepEqual(withSlash.body.map((t) => t.name), [
      'Update FSLogix', 'Rotate certificates', 'Offboard a user', 'Patch the RDS farm',
      'Printer offline', 'Onboard a new user',
    ]);
    for (const t of withSlash.body) expectTree(t, { owner: admin, summary: true });
    assert.equal(withSlash.headers.get('x-total-count'), '6');
  });

  test('tree_type filter', async () => {
    const res = await admin.get('/trees/?tree_type=maintenance');
    expectStatus(res, 200);
    assert.deepEqual(res.body.map((t) => t.name), ['Update FSLogix', 'Rotate certificates', 'Patch the RDS farm']);
    assert.deepEqual((await admin.get('/trees?tree_type=troubleshooting')).body.map((t) => t.name), ['Printer offline']);
    expect422(await admin.get('/trees/?tree_type=bogus'), ['query', 'tree_type']);
  });

  test('q matches name or description, case-insensitively, combined with tree_type', async () => {
    const names = async (query) => {
      const res = await admin.get(`/trees/?${new URLSearchParams(query)}`);
      expectStatus(res, 200);
      return res.body.map((t) => t.name);
    };
    assert.deepEqual(await names({ q: 'user' }), ['Offboard a user', 'Onboard a new user']);
    assert.deepEqual(await names({ q: 'USER' }), ['Offboard a user', 'Onboard a new user']);
    assert.deepEqual(await names({ q: 'mailbox' }), ['Offboard a user']);
    assert.deepEqual(await names({ q: 'rds farm' }), ['Patch the RDS farm']);
    assert.deepEqual(await names({ q: 'update', tree_type: 'maintenance' }), ['Update FSLogix', 'Patch the RDS farm']);
    assert.deepEqual(await names({ q: 'update', tree_type: 'procedural' }), []);
    assert.deepEqual(await names({ q: 'no such flow' }), []);
    assert.equal((await names({ q: '' })).length, 6);
  });

  test('q is literal text: %, _ and quotes are not patterns or SQL', async () => {
    const other = await api().register();
    await other.createTree('procedural', { name: '100% done', description: '' });
    await other.createTree('procedural', { name: '1000 done', description: '' });
    await other.createTree('procedural', { name: 'a_b', description: '' });
    await other.createTree('procedural', { name: 'axb', description: '' });
    await other.createTree('procedural', { name: "O'Brien's checklist", description: '' });
    const names = async (q) => (await other.get(`/trees/?q=${encodeURIComponent(q)}`)).body.map((t) => t.name);
    assert.deepEqual(await names('100%'), ['100% done']);
    assert.deepEqual(await names('a_b'), ['a_b']);
    assert.deepEqual(await names("o'brien"), ["O'Brien's checklist"]);
    assert.deepEqual(await names("'; DROP TABLE trees; --"), []);
    assert.equal((await other.get('/trees/counts')).body.total, 5);
  });

  test('GET /trees/counts', async () => {
    const res = await admin.get('/trees/counts');
    expectStatus(res, 200);
    assert.deepEqual(res.body, { total: 6, troubleshooting: 1, procedural: 2, maintenance: 3 });
    const fresh = await api().register();
    assert.deepEqual((await fresh.get('/trees/counts')).body, { total: 0, troubleshooting: 0, procedural: 0, maintenance: 0 });
  });

  test('POST /trees without the slash works too', async () => {
    const other = await api().register();
    const res = await other.post('/trees', { name: 'No slash', tree_type: 'procedural', tree_structure: structureFor('procedural') });
    expectStatus(res, 201);
  });
});

describe('another team', () => {
  test("another team's tree answers 404 on GET/PUT/DELETE and stays unchanged", async () => {
    const owner = await api().register();
    const intruder = await api().register();
    const tree = await owner.createTree('maintenance');
    await intruder.createTree('procedural');

    expectDetail(await intruder.get(`/trees/${tree.id}`), 404);
    expectDetail(await intruder.put(`/trees/${tree.id}`, { name: 'pwned' }), 404);
    expectStatus(await intruder.put(`/trees/${tree.id}`, { name: 'x'.repeat(256) }), [404, 422]);
    expectDetail(await intruder.del(`/trees/${tree.id}`), 404);
    expectDetail(await intruder.get(`/trees/${tree.id}/batches`), 404);

    assert.deepEqual(await owner.getTree(tree.id), tree);
    const intruderList = (await intruder.get('/trees/')).body;
    assert.equal(intruderList.length, 1);
    assert.ok(!intruderList.some((t) => t.id === tree.id));
    assert.ok(!(await intruder.get(`/trees/?q=${encodeURIComponent(tree.name)}`)).body.some((t) => t.id === tree.id));
    assert.deepEqual((await intruder.get('/trees/counts')).body, { total: 1, troubleshooting: 0, procedural: 1, maintenance: 0 });
    assert.deepEqual((await owner.get('/trees/counts')).body, { total: 1, troubleshooting: 0, procedural: 0, maintenance: 1 });
  });

  test('engineers of the same team read and write each other’s flows', async () => {
    const admin = await api().register();
    const eng = await admin.addMember('engineer');
    const tree = await admin.createTree('procedural');
    const res = await eng.put(`/trees/${tree.id}`, { name: 'Edited by engineer' });
    expectStatus(res, 200);
    assert.equal(res.body.created_by, admin.user.id);
    const mine = await eng.createTree('maintenance');
    assert.equal(mine.created_by, eng.user.id);
    assert.equal(mine.team_id, admin.user.team_id);
    expectStatus(await eng.del(`/trees/${tree.id}`), 204);
  });
});
