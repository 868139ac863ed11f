import { FileSpreadsheet } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { CsvImport } from '@/components/csv-import';
import { TargetLinesInput } from '@/components/target-lines-input';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { describedBy, Field, FormAlert } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { formatTargetLines, parseTargetLines } from '@/lib/targets';
import { setServerErrors, type FieldIssue } from '@/lib/validation';
import type { Target, TargetListSummary } from '@/types/api';
import { useTargetList } from '../api/get-target-list';
import { useCreateTargetList, useUpdateTargetList } from '../api/save-target-list';

type TargetListDialogProps = {
  open: boolean;
  onClose: () => void;
  /** The list to edit, as the list page has it (no targets: they are loaded here); absent to create one. */
  list?: TargetListSummary | null;
};

export function TargetListDialog({ open, onClose, list }: TargetListDialogProps) {
  return open ? <TargetListForm key={list?.id ?? 'new'} onClose={onClose} list={list ?? null} /> : null;
}

type ListFields = { name: string; description: string; targets: string };

function TargetListForm({ onClose, list }: { onClose: () => void; list: TargetListSummary | null }) {
  // The list answer carries no targets: an edited list's come from its own GET, and become
  // the form's values when they arrive (fields typed in meanwhile keep what was typed).
  const full = useTargetList(list?.id ?? null);
  const loaded = useMemo<ListFields | undefined>(
    () =>
      list && full.data
        ? { name: list.name, description: list.description ?? '', targets: formatTargetLines(full.data.targets) }
        : undefined,
    [list, full.data],
  );
  const form = useForm<ListFields>({
    defaultValues: { name: list?.name ?? '', description: list?.description ?? '', targets: '' },
    values: loaded,
    resetOptions: { keepDirtyValues: true },
  });
  const { errors } = form.formState;
  const [name, text] = useWatch({ control: form.control, name: ['name', 'targets'] });
  const targetsReady = !list || Boolean(full.data);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<Target[]>([]);
  const create = useCreateTargetList();
  const update = useUpdateTargetList();
  const parsed = useMemo(() => parseTargetLines(text), [text]);

  // "targets.3.label" is the fourth line that became a target: name it by its label.
  const fieldFor = (issue: FieldIssue) => {
    if (issue.path === 'name' || issue.path === 'description' || issue.path === 'targets') return issue.path;
    const [head, index] = issue.path.split('.');
    if (head !== 'targets' || index === undefined) return null;
    const label = parsed.targets[Number(index)]?.label ?? '?';
    return { field: 'targets' as const, message: `Target ${Number(index) + 1} (${label}): ${issue.msg}` };
  };

  const applyImported = (mode: 'append' | 'replace') => {
    const lines = formatTargetLines(imported);
    const next = mode === 'append' && text.trim() ? `${text.replace(/\s+$/, '')}\n${lines}` : lines;
    form.setValue('targets', next, { shouldDirty: true });
    setImporting(false);
    toast.info(`${imported.length} targets imported`, 'Check them, then save the list.');
  };

  const submit = form.handleSubmit((values) => {
    const body = { name: values.name.trim(), description: values.description.trim(), targets: parsed.targets };
    const handlers = {
      onSuccess: () => {
        toast.success(list ? 'Target list saved' : 'Target list created', body.name);
        onClose();
      },
      onError: (error: Error) => {
        // A refusal without fields (a quota) is said once, in the toast.
        setServerErrors(error, form.setError, fieldFor, { failureToRoot: false });
        toast.error('The target list was not saved', errorMessage(error));
      },
    };
    if (list) update.mutate({ id: list.id, data: body }, handlers);
    else create.mutate(body, handlers);
  });

  const nameError = errors.name?.message;

  return (
    <Dialog
      open
      onClose={onClose}
      size="lg"
      title={list ? `Edit “${list.name}”` : 'New target list'}
      description="Servers, tenants or devices that maintenance runs go over."
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            form="target-list-form"
            variant="primary"
            loading={create.isPending || update.isPending}
            disabled={!targetsReady || !name.trim() || parsed.targets.length === 0 || parsed.errors.length > 0}
          >
            {list ? 'Save list' : 'Create list'}
          </Button>
        </>
      }
    >
      <form id="target-list-form" onSubmit={(event) => void submit(event)} className="space-y-3" noValidate>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Name" htmlFor="tl-name" error={nameError}>
            <Input
              id="tl-name"
              maxLength={255}
              autoFocus
              placeholder="e.g. Contoso RDS farm"
              {...form.register('name')}
              {...describedBy('tl-name', nameError)}
            />
          </Field>
          <Field label="Description" htmlFor="tl-description" error={errors.description?.message}>
            <Input id="tl-description" placeholder="Optional" {...form.register('description')} />
          </Field>
        </div>
        {targetsReady ? (
          <Controller
            control={form.control}
            name="targets"
            render={({ field, fieldState }) => (
              <TargetLinesInput
                value={field.value}
                onChange={field.onChange}
                parsed={parsed}
                rows={10}
                error={fieldState.error?.message}
              />
            )}
          />
        ) : full.isError ? (
          <FormAlert message={`The targets of this list could not be loaded: ${errorMessage(full.error)}`} />
        ) : (
          <Spinner label={`Loading ${list?.target_count ?? ''} targets`} />
        )}
        {importing ? (
          <div className="space-y-2 rounded-md border border-zinc-800 p-3">
            <CsvImport onTargets={setImported} />
            <div className="flex gap-2">
              <Button
                size="sm"
                variant="primary"
                disabled={imported.length === 0}
                onClick={() => applyImported('append')}
              >
                Append {imported.length || ''}
              </Button>
              <Button
                size="sm"
                variant="outline"
                disabled={imported.length === 0}
                onClick={() => applyImported('replace')}
              >
                Replace list
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setImporting(false)}>
                Cancel import
              </Button>
            </div>
          </div>
        ) : (
          <Button size="sm" variant="outline" disabled={!targetsReady} onClick={() => setImporting(true)}>
            <FileSpreadsheet className="h-3.5 w-3.5" aria-hidden />
            Import CSV
          </Button>
        )}
        <FormAlert message={errors.root?.server?.message} />
      </form>
    </Dialog>
  );
}
