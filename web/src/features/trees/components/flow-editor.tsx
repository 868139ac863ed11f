import { AlertCircle, Save, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useController, useForm, useWatch } from 'react-hook-form';
import { ContentLayout } from '@/components/layouts/content-layout';
import { TREE_TYPE_LABELS, TreeTypeBadge, TreeTypeIcon } from '@/components/tree-type-badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { describedBy, Field } from '@/components/ui/field';
import { Input, Textarea } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import {
  exactFields,
  fieldErrorsOf,
  noFieldErrors,
  setServerErrors,
  toFieldErrors,
  type FieldErrors,
} from '@/lib/validation';
import { cn, plural } from '@/lib/utils';
import { TREE_TYPES, type DecisionStructure, type Tree, type TreeStructure, type TreeType } from '@/types/api';
import { useCreateTree } from '../api/create-tree';
import { useDeleteTree } from '../api/delete-tree';
import { useUpdateTree } from '../api/update-tree';
import { cleanStructure, defaultStructure, describePath, isDecision, normalizeStructure } from '../lib/structure';
import { DecisionTreeEditor } from './decision-tree-editor';
import { StepsEditor } from './steps-editor';

type FlowEditorProps = {
  /** The flow being edited; absent for a new flow. */
  tree?: Tree;
  initialType?: TreeType;
  onSaved: (tree: Tree) => void;
  onCancel: () => void;
  onDeleted?: () => void;
};

type FlowFields = { name: string; description: string; tree_type: TreeType };

/** The fields of this form; every other 422 location is in the structure the editors show. */
const FIELDS = exactFields<FlowFields>(['name', 'description', 'tree_type']);

export function FlowEditor({ tree, initialType = 'procedural', onSaved, onCancel, onDeleted }: FlowEditorProps) {
  const form = useForm<FlowFields>({
    defaultValues: {
      name: tree?.name ?? '',
      description: tree?.description ?? '',
      tree_type: tree?.tree_type ?? initialType,
    },
  });
  const { errors } = form.formState;
  const name = useWatch({ control: form.control, name: 'name' });
  const typeField = useController({ control: form.control, name: 'tree_type' });
  const type = typeField.field.value;
  // The steps and decision-tree editors stay controlled components; their 422 messages come
  // from `structureErrors`, addressed by path ("tree_structure.steps.1.title").
  const [structure, setStructure] = useState<TreeStructure>(() =>
    tree ? normalizeStructure(tree.tree_type, tree.tree_structure) : defaultStructure(initialType),
  );
  const [structureErrors, setStructureErrors] = useState<FieldErrors>(noFieldErrors);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const create = useCreateTree();
  const update = useUpdateTree();
  const remove = useDeleteTree();
  const saving = create.isPending || update.isPending;

  const changeType = (next: TreeType) => {
    // Procedures and maintenance flows share the steps shape; a decision tree does not.
    if (isDecision(structure) !== (next === 'troubleshooting')) setStructure(defaultStructure(next));
    typeField.field.onChange(next);
  };

  const submit = form.handleSubmit((values) => {
    setStructureErrors(noFieldErrors);
    const body = {
      name: values.name.trim(),
      description: values.description.trim(),
      tree_type: values.tree_type,
      tree_structure: cleanStructure(structure),
    };
    const onError = (error: Error) => {
      const issues = fieldErrorsOf(error).all;
      // A 422 goes to the fields and the structure; anything else to the form, as the server said it.
      const rest = setServerErrors(error, form.setError, FIELDS, { issuesToRoot: false });
      setStructureErrors(toFieldErrors(rest));
      toast.error(
        'The flow was not saved',
        issues.length
          ? `${plural(issues.length, { one: 'problem', other: 'problems' })} to fix — see the highlighted fields.`
          : errorMessage(error),
      );
    };
    if (tree) {
      update.mutate(
        { id: tree.id, data: body },
        {
          onSuccess: (saved) => {
            toast.success('Flow saved');
            onSaved(saved);
          },
          onError,
        },
      );
    } else {
      create.mutate(body, {
        onSuccess: (saved) => {
          toast.success('Flow created', saved.name);
          onSaved(saved);
        },
        onError,
      });
    }
  });

  const nameError = errors.name?.message;
  const formError = errors.root?.server?.message;
  const structureIssues = structureErrors.all;

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={tree ? 'Edit flow' : 'New flow'}>
      <ContentLayout
        title={tree ? `Edit: ${tree.name}` : 'New flow'}
        subtitle={tree ? <TreeTypeBadge type={type} /> : 'Write it once, run it the same way every time.'}
        actions={
          <>
            {tree && onDeleted && (
              <Button variant="ghost" size="sm" onClick={() => setConfirmDelete(true)} className="hover:text-red-400">
                <Trash2 className="h-3.5 w-3.5" aria-hidden />
                Delete
              </Button>
            )}
            <Button variant="ghost" size="sm" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" size="sm" loading={saving} disabled={!name.trim()}>
              <Save className="h-3.5 w-3.5" aria-hidden />
              {tree ? 'Save flow' : 'Create flow'}
            </Button>
          </>
        }
      >
        <div className="mx-auto max-w-5xl space-y-5">
          {(formError || structureIssues.length > 0) && (
            <div role="alert" className="rounded-md border border-red-900 bg-red-950/40 px-3 py-2 text-xs text-red-300">
              <p className="flex items-center gap-1.5 font-medium">
                <AlertCircle className="h-3.5 w-3.5" aria-hidden />
                {formError ?? 'The server refused the flow:'}
              </p>
              {structureIssues.length > 0 && (
                <ul className="mt-1 list-disc space-y-0.5 pl-5">
                  {structureIssues.map((issue, i) => (
                    <li key={i}>
                      <span className="text-red-200">{describePath(issue.path, structure)}</span>: {issue.msg}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}

          <section className="grid grid-cols-[1fr_1fr] gap-4">
            <Field label="Name" htmlFor="flow-name" error={nameError}>
              <Input
                id="flow-name"
                maxLength={255}
                {...form.register('name')}
                placeholder="e.g. Patch the RDS farm"
                autoFocus={!tree}
                {...describedBy('flow-name', nameError)}
              />
            </Field>
            <div className="space-y-1">
              <span className="block text-xs font-medium text-zinc-400" id="flow-type-label">
                Type
              </span>
              <div className="flex gap-1" role="radiogroup" aria-labelledby="flow-type-label">
                {TREE_TYPES.map((t) => (
                  <button
                    key={t}
                    type="button"
                    role="radio"
                    aria-checked={type === t}
                    onClick={() => changeType(t)}
                    className={cn(
                      'inline-flex h-8 flex-1 items-center justify-center gap-1.5',
                      'rounded-md border text-xs font-medium',
                      'focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500',
                      type === t
                        ? t === 'maintenance'
                          ? 'border-amber-600 bg-amber-950/60 text-amber-200'
                          : 'border-sky-600 bg-sky-950/60 text-sky-200'
                        : 'border-zinc-700 text-zinc-400 hover:text-zinc-200',
                    )}
                  >
                    <TreeTypeIcon type={t} className="h-3.5 w-3.5" />
                    {TREE_TYPE_LABELS[t]}
                  </button>
                ))}
              </div>
              {errors.tree_type && <p className="text-xs text-red-400">{errors.tree_type.message}</p>}
            </div>
            <Field
              label="Description"
              htmlFor="flow-description"
              error={errors.description?.message}
              className="col-span-2"
            >
              <Textarea
                id="flow-description"
                rows={2}
                {...form.register('description')}
                placeholder="When to use it, what it touches, prerequisites"
              />
            </Field>
          </section>

          <section aria-labelledby="structure-heading" className="space-y-2">
            <h2 id="structure-heading" className="text-xs font-semibold uppercase tracking-wide text-zinc-500">
              {isDecision(structure) ? 'Decision tree' : 'Steps'}
            </h2>
            {isDecision(structure) ? (
              <DecisionTreeEditor
                structure={structure}
                onChange={(s: DecisionStructure) => setStructure(s)}
                errors={structureErrors}
              />
            ) : (
              <StepsEditor
                steps={structure.steps}
                onChange={(steps) => setStructure({ steps })}
                errors={structureErrors}
              />
            )}
          </section>
        </div>
      </ContentLayout>
      {tree && onDeleted && (
        <ConfirmDialog
          open={confirmDelete}
          title="Delete this flow?"
          body={
            <>
              <p>
                <strong className="text-zinc-100">{tree.name}</strong> will be deleted
                {tree.tree_type === 'maintenance' ? ', with its schedule' : ''}. Sessions already run keep their record.
              </p>
            </>
          }
          confirmLabel="Delete flow"
          loading={remove.isPending}
          onClose={() => setConfirmDelete(false)}
          onConfirm={() =>
            remove.mutate(tree.id, {
              onSuccess: () => {
                toast.success('Flow deleted', tree.name);
                setConfirmDelete(false);
                onDeleted();
              },
            })
          }
        />
      )}
    </form>
  );
}
