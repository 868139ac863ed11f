import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { api, bodyOf, json, mockNetwork, problem } from '@/testing/mocks/api';
import { renderWithApp } from '@/testing/render';
import type { ProcedureStructure, Tree } from '@/types/api';
import { FlowEditor } from './flow-editor';

const created = (body: Partial<Tree>): Tree => ({
  id: 'tree-1',
  team_id: 'team',
  created_by: 'u',
  name: '',
  description: '',
  tree_type: 'maintenance',
  tree_structure: { steps: [] },
  created_at: '2026-11-27T10:00:00.000Z',
  updated_at: '2026-11-27T10:00:00.000Z',
  ...body,
});

/** Test driver: one method per user action in the steps editor. */
function stepsUI(user: ReturnType<typeof renderWithApp>['user']) {
  return {
    titles: () => screen.getAllByLabelText(/^Step \d+ title$/).map((el) => (el as HTMLInputElement).value),
    title: (n: number, text: string) => user.type(screen.getByLabelText(`Step ${n} title`), text),
    add: () => user.click(screen.getByRole('button', { name: 'Add step' })),
    moveUp: (n: number) => user.click(screen.getByRole('button', { name: `Move step ${n} up` })),
    remove: (n: number) => user.click(screen.getByRole('button', { name: `Delete step ${n}` })),
    contentType: (n: number, type: string) => user.selectOptions(screen.getByLabelText(`Step ${n} content type`), type),
  };
}

describe('FlowEditor — steps', () => {
  it('adds, edits, reorders and deletes steps, then creates the flow', async () => {
    const net = mockNetwork(
      api.post('/trees/', async ({ request }) => json(created(await bodyOf<Partial<Tree>>(request)), 201)),
    );
    const onSaved = vi.fn();
    const { user } = renderWithApp(<FlowEditor initialType="maintenance" onSaved={onSaved} onCancel={() => {}} />);
    const steps = stepsUI(user);

    await user.type(screen.getByLabelText('Name'), 'Patch the RDS farm');
    await steps.title(1, 'Reboot');
    await steps.add();
    await steps.title(2, 'Drain');
    await steps.add();
    await steps.title(3, 'Check logons');
    await steps.contentType(3, 'verification');
    await steps.moveUp(2);
    expect(steps.titles()).toEqual(['Drain', 'Reboot', 'Check logons']);
    await steps.add();
    await steps.title(4, 'Obsolete');
    await steps.remove(4);
    expect(steps.titles()).toEqual(['Drain', 'Reboot', 'Check logons']);

    await user.click(screen.getByRole('button', { name: 'Create flow' }));
    const [call] = net.callsTo('POST', '/trees/');
    const body = call!.body as { name: string; tree_type: string; tree_structure: ProcedureStructure };
    expect(body.name).toBe('Patch the RDS farm');
    expect(body.tree_type).toBe('maintenance');
    expect(body.tree_structure.steps.map((s) => [s.title, s.content_type, s.type])).toEqual([
      ['Drain', 'action', 'procedure_step'],
      ['Reboot', 'action', 'procedure_step'],
      ['Check logons', 'verification', 'procedure_step'],
    ]);
    expect(new Set(body.tree_structure.steps.map((s) => s.id)).size).toBe(3);
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: 'tree-1' }));
  });

  it('shows the API’s 422 details at the fields they name', async () => {
    mockNetwork(
      api.post('/trees/', () =>
        problem(422, [
          {
            loc: ['body', 'tree_structure', 'steps', 1, 'title'],
            msg: 'String should have at least 1 character',
            type: 'string_too_short',
          },
          { loc: ['body', 'name'], msg: 'A flow with this name exists', type: 'value_error' },
        ]),
      ),
    );
    const { user } = renderWithApp(<FlowEditor initialType="procedural" onSaved={() => {}} onCancel={() => {}} />);
    const steps = stepsUI(user);
    await user.type(screen.getByLabelText('Name'), 'Onboarding');
    await steps.title(1, 'Create account');
    await steps.add();
    await user.click(screen.getByRole('button', { name: 'Create flow' }));

    const stepTitle = await screen.findByLabelText('Step 2 title');
    expect(stepTitle).toHaveAttribute('aria-invalid', 'true');
    expect(stepTitle).toHaveAccessibleDescription('String should have at least 1 character');
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('A flow with this name exists');
    // The summary names the place in words, and a toast says the flow was not saved.
    expect(screen.getByText('Step 2 › title')).toBeInTheDocument();
    expect(await screen.findByText('The flow was not saved')).toBeInTheDocument();
  });
});

describe('FlowEditor — decision tree', () => {
  it('builds questions, answers pointing at nodes, and solutions', async () => {
    const net = mockNetwork(
      api.post('/trees/', async ({ request }) => json(created(await bodyOf<Partial<Tree>>(request)), 201)),
    );
    const { user } = renderWithApp(<FlowEditor initialType="troubleshooting" onSaved={() => {}} onCancel={() => {}} />);

    await user.type(screen.getByLabelText('Name'), 'No internet');
    await user.type(screen.getByLabelText('Node 1 title'), 'Can you ping 8.8.8.8?');
    await user.type(screen.getByLabelText('Node 2 title'), 'DNS is broken: set 1.1.1.1');
    // A second answer that creates a new solution on the spot.
    await user.click(screen.getByRole('button', { name: '+ Add answer' }));
    await user.type(screen.getByLabelText('Node 1 answer 2 label'), 'No');
    await user.selectOptions(screen.getByLabelText('Node 1 answer 2 leads to'), '+ New solution');
    await user.type(screen.getByLabelText('Node 3 title'), 'Check the cable');

    const nodes = screen.getByRole('list', { name: 'Nodes' });
    expect(within(nodes).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.queryByText('Unreachable')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Create flow' }));
    const body = net.callsTo('POST', '/trees/')[0]!.body as {
      tree_structure: {
        root: string;
        nodes: { id: string; type: string; title: string; answers: { label: string; next: string }[] }[];
      };
    };
    const [q, dns, cable] = body.tree_structure.nodes;
    expect(body.tree_structure.root).toBe(q!.id);
    expect(q!.answers).toEqual([
      { label: 'Yes', next: dns!.id },
      { label: 'No', next: cable!.id },
    ]);
    expect([dns!.type, cable!.type]).toEqual(['solution', 'solution']);
  });
});
