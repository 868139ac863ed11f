import { CircleHelp, Flag, Plus, Play, Trash2, X } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { describedBy, Field, FieldError } from '@/components/ui/field';
import { Input, Select, Textarea } from '@/components/ui/input';
import type { FieldErrors } from '@/lib/validation';
import { cn } from '@/lib/utils';
import type { DecisionNode, DecisionStructure, NodeType } from '@/types/api';
import { newNode, reachableNodes } from '../lib/structure';

type DecisionTreeEditorProps = {
  structure: DecisionStructure;
  onChange: (structure: DecisionStructure) => void;
  errors: FieldErrors;
  basePath?: string;
};

const NODE_LABELS: Record<NodeType, string> = { question: 'Question', action: 'Action', solution: 'Solution' };

function NodeIcon({ type }: { type: NodeType }) {
  if (type === 'solution') return <Flag className="h-3.5 w-3.5 text-emerald-400" aria-hidden />;
  if (type === 'action') return <Play className="h-3.5 w-3.5 text-sky-400" aria-hidden />;
  return <CircleHelp className="h-3.5 w-3.5 text-violet-400" aria-hidden />;
}

const NEW_QUESTION = '__new_question__';
const NEW_SOLUTION = '__new_solution__';

/**
 * Questions and actions lead on through their answers; solutions end the walk. Each answer
 * picks its next node from the list, or creates a new question or solution on the spot.
 */
export function DecisionTreeEditor({
  structure,
  onChange,
  errors,
  basePath = 'tree_structure',
}: DecisionTreeEditorProps) {
  const { nodes, root } = structure;
  const reachable = reachableNodes(structure);
  const nodeLabel = (n: DecisionNode, i: number) => `${NODE_LABELS[n.type]}: ${n.title || `(untitled ${i + 1})`}`;

  const setNodes = (next: DecisionNode[], nextRoot = root) => onChange({ root: nextRoot, nodes: next });
  const updateNode = (index: number, patch: Partial<DecisionNode>) =>
    setNodes(nodes.map((n, i) => (i === index ? { ...n, ...patch } : n)));

  const addNode = (type: NodeType) => {
    const node = newNode(type);
    setNodes([...nodes, node], root || node.id);
    requestAnimationFrame(() => document.getElementById(`node-${node.id}-title`)?.focus());
  };

  const deleteNode = (index: number) => {
    const removed = nodes[index]!;
    // Answers that led to the removed node are dropped with it, so no answer dangles.
    const next = nodes
      .filter((_, i) => i !== index)
      .map((n) => ({ ...n, answers: n.answers.filter((a) => a.next !== removed.id) }));
    setNodes(next, root === removed.id ? (next[0]?.id ?? '') : root);
  };

  const setAnswerNext = (nodeIndex: number, answerIndex: number, value: string) => {
    let next = nodes;
    let target = value;
    if (value === NEW_QUESTION || value === NEW_SOLUTION) {
      const created = newNode(value === NEW_QUESTION ? 'question' : 'solution');
      next = [...nodes, created];
      target = created.id;
    }
    next = next.map((n, i) =>
      i === nodeIndex
        ? { ...n, answers: n.answers.map((a, j) => (j === answerIndex ? { ...a, next: target } : a)) }
        : n,
    );
    setNodes(next);
  };

  const rootError = errors.at(`${basePath}.root`);

  return (
    <div className="space-y-3">
      <div className="flex items-end gap-3">
        <Field label="Starts at" htmlFor="tree-root" error={rootError} className="w-96">
          <Select
            id="tree-root"
            value={root}
            onChange={(e) => onChange({ root: e.target.value, nodes })}
            {...describedBy('tree-root', rootError)}
          >
            {!nodes.some((n) => n.id === root) && <option value={root}>— choose the first node —</option>}
            {nodes.map((n, i) => (
              <option key={n.id} value={n.id}>
                {nodeLabel(n, i)}
              </option>
            ))}
          </Select>
        </Field>
        <div className="ml-auto flex gap-2 pb-0.5">
          <Button size="sm" variant="outline" onClick={() => addNode('question')}>
            <Plus className="h-3.5 w-3.5" aria-hidden /> Question
          </Button>
          <Button size="sm" variant="outline" onClick={() => addNode('action')}>
            <Plus className="h-3.5 w-3.5" aria-hidden /> Action
          </Button>
          <Button size="sm" variant="outline" onClick={() => addNode('solution')}>
            <Plus className="h-3.5 w-3.5" aria-hidden /> Solution
          </Button>
        </div>
      </div>
      <FieldError message={errors.at(`${basePath}.nodes`)} />

      <ol className="space-y-2" aria-label="Nodes">
        {nodes.map((node, index) => {
          const path = `${basePath}.nodes.${index}`;
          const titleId = `node-${node.id}-title`;
          const titleError = errors.at(`${path}.title`);
          const nodeError = errors.at(path) ?? errors.at(`${path}.id`) ?? errors.at(`${path}.type`);
          return (
            <li
              key={node.id}
              aria-label={nodeLabel(node, index)}
              className={cn(
                'rounded-md border bg-zinc-900/60 p-2.5',
                errors.has(path) ? 'border-red-800' : 'border-zinc-800',
              )}
            >
              <div className="flex items-center gap-2">
                <NodeIcon type={node.type} />
                <Select
                  aria-label={`Node ${index + 1} type`}
                  value={node.type}
                  onChange={(e) => {
                    const type = e.target.value as NodeType;
                    updateNode(index, { type, answers: type === 'solution' ? [] : node.answers });
                  }}
                  className="w-28 text-xs"
                >
                  <option value="question">Question</option>
                  <option value="action">Action</option>
                  <option value="solution">Solution</option>
                </Select>
                <Input
                  id={titleId}
                  aria-label={`Node ${index + 1} title`}
                  placeholder={
                    node.type === 'question'
                      ? 'Ask something, e.g. Can the user ping the gateway?'
                      : node.type === 'solution'
                        ? 'The fix'
                        : 'What to do'
                  }
                  value={node.title}
                  onChange={(e) => updateNode(index, { title: e.target.value })}
                  {...describedBy(titleId, titleError)}
                  className="flex-1"
                />
                {node.id === root && <Badge tone="violet">Start</Badge>}
                {node.id !== root && !reachable.has(node.id) && (
                  <Badge tone="amber" title="No answer leads here">
                    Unreachable
                  </Badge>
                )}
                <span className="font-mono text-2xs text-zinc-600" title="Node id">
                  {node.id}
                </span>
                <Button
                  size="icon"
                  variant="ghost"
                  aria-label={`Delete node ${index + 1}`}
                  onClick={() => deleteNode(index)}
                  className="hover:text-red-400"
                >
                  <Trash2 className="h-3.5 w-3.5" />
                </Button>
              </div>
              <FieldError id={`${titleId}-error`} message={titleError} />
              <Textarea
                aria-label={`Node ${index + 1} description`}
                placeholder="Details (optional)"
                rows={2}
                value={node.description ?? ''}
                onChange={(e) => updateNode(index, { description: e.target.value })}
                className="mt-1.5 text-xs"
              />
              <FieldError message={nodeError} />

              {node.type !== 'solution' && (
                <div className="mt-2 space-y-1.5 border-l-2 border-zinc-800 pl-3">
                  {node.answers.map((answer, j) => {
                    const answerPath = `${path}.answers.${j}`;
                    const labelError = errors.at(`${answerPath}.label`);
                    const nextError = errors.at(`${answerPath}.next`) ?? errors.at(answerPath);
                    return (
                      <div key={j}>
                        <div className="flex items-center gap-2">
                          <Input
                            aria-label={`Node ${index + 1} answer ${j + 1} label`}
                            placeholder="Answer, e.g. Yes"
                            value={answer.label}
                            onChange={(e) =>
                              updateNode(index, {
                                answers: node.answers.map((a, k) => (k === j ? { ...a, label: e.target.value } : a)),
                              })
                            }
                            aria-invalid={labelError ? true : undefined}
                            className="w-56 text-xs"
                          />
                          <span className="text-xs text-zinc-500">→</span>
                          <Select
                            aria-label={`Node ${index + 1} answer ${j + 1} leads to`}
                            value={answer.next}
                            onChange={(e) => setAnswerNext(index, j, e.target.value)}
                            aria-invalid={nextError ? true : undefined}
                            className="flex-1 text-xs"
                          >
                            {!nodes.some((n) => n.id === answer.next) && (
                              <option value={answer.next}>— choose —</option>
                            )}
                            {nodes.map((n, k) => (
                              <option key={n.id} value={n.id} disabled={n.id === node.id}>
                                {nodeLabel(n, k)}
                              </option>
                            ))}
                            <option value={NEW_QUESTION}>+ New question</option>
                            <option value={NEW_SOLUTION}>+ New solution</option>
                          </Select>
                          <Button
                            size="icon"
                            variant="ghost"
                            aria-label={`Remove answer ${j + 1} of node ${index + 1}`}
                            onClick={() => updateNode(index, { answers: node.answers.filter((_, k) => k !== j) })}
                          >
                            <X className="h-3.5 w-3.5" />
                          </Button>
                        </div>
                        <FieldError message={labelError ?? nextError} />
                      </div>
                    );
                  })}
                  <FieldError message={errors.at(`${path}.answers`)} />
                  <button
                    type="button"
                    className="text-xs text-sky-400 hover:text-sky-300"
                    onClick={() => updateNode(index, { answers: [...node.answers, { label: '', next: '' }] })}
                  >
                    + Add answer
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
