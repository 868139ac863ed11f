// Seeds a benchmark database through the API: a team, 200 flows (a third of them
// maintenance), and prints the token and ids the wrk runs need as shell assignments.
const base = process.argv[2];
const call = async (method, path, token, body) => {
  const res = await fetch(base + '/api/v1' + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body && JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
};
const reg = await call('POST', '/auth/register', null, {
  email: `bench-${Date.now()}@example.com`, password: 'benchmark-password', name: 'Bench', team_name: 'Bench',
});
const token = reg.access_token;
const types = ['maintenance', 'procedural', 'troubleshooting'];
let treeId = '', maintId = '';
for (let i = 0; i < 200; i++) {
  const type = types[i % 3];
  const structure = type === 'troubleshooting'
    ? { root: 'q', nodes: [{ id: 'q', type: 'question', title: 'Is it plugged in?', answers: [{ label: 'No', next: 's' }] },
        { id: 's', type: 'solution', title: 'Plug it in' }] }
    : { steps: Array.from({ length: 8 }, (_, k) => ({ id: `s${k}`, type: 'procedure_step', title: `Step ${k}`,
        description: 'Drain the host, patch, reboot, verify the services are back.', content_type: 'action' })) };
  const t = await call('POST', '/trees/', token, { name: `Flow ${i}`, description: 'Benchmark flow', tree_type: type,
    tree_structure: structure });
  if (!treeId) treeId = t.id;
  if (type === 'maintenance') maintId = t.id;
}
console.log(`TOKEN=${token}\nTREE_ID=${treeId}\nMAINT_ID=${maintId}`);
