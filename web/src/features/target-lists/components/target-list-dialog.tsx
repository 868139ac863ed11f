import { FileSpreadsheet } from 'lucide-react';
import { useMemo, useState, type FormEvent } from 'react';
import { CsvImport } from '@/components/csv-import';
import { TargetLinesInput } from '@/components/target-lines-input';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { formatTargetLines, parseTargetLines } from '@/lib/targets';
import { fieldErrorsOf, noFieldErrors, type FieldErrors } from '@/lib/validation';
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

function TargetListForm({ onClose, list }: { onClose: () => void; list: TargetListSummary | null }) {
  const [name, setName] = useState(list?.name ?? '');
  const [description, setDescription] = useState(list?.description ?? '');
  // The list answer carries no targets: an edited list's come from its own GET. Until the
  // user types, the text follows what was loaded.
  const full = useTargetList(list?.id ?? null);
  const [edited, setText] = useState<string | null>(list ? null : '');
  const text = edited ?? (full.data ? formatTargetLines(full.data.targets) : '');
  const targetsReady = !list || edited !== null || Boolean(full.data);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<Target[]>([]);
  const [errors, setErrors] = useState<FieldErrors>(noFieldErrors);
  const create = useCreateTargetList();
  const update = useUpdateTargetList();
  const parsed = useMemo(() => parseTargetLines(text), [text]);

  const targetsError = (() => {
    const direct = errors.at('targets');
    if (direct) return direct;
    const first = errors.all.find((i) => i.path.startsWith('targets.'));
    if (!first) return undefined;
    const index = Number(first.path.split('.')[1]);
    return `Target ${index + 1} (${parsed.targets[index]?.label ?? '?'}): ${first.msg}`;
  })();

  const applyImported = (mode: 'append' | 'replace') => {
    const lines = formatTargetLines(imported);
    setText(mode === 'append' && text.trim() ? `${text.replace(/\s+$/, '')}\n${lines}` : lines);
    setImporting(false);
    toast.info(`${imported.length} targets imported`, 'Check them, then save the list.');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors(noFieldErrors);
    const body = { name: name.trim(), description: description.trim(), targets: parsed.targets };
    const handlers = {
      onSuccess: () => {
        toast.success(list ? 'Target list saved' : 'Target list created', body.name);
        onClose();
      },
      onError: (error: Error) => {
        setErrors(fieldErrorsOf(error));
        toast.error('The target list was not saved', errorMessage(error));
      },
    };
    if (list) update.mutate({ id: list.id, data: body }, handlers);
    else create.mutate(body, handlers);
  };

  const nameError = errors.at('name');

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
      <form id="target-list-form" onSubmit={submit} className="space-y-3" noValidate>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Name" htmlFor="tl-name" error={nameError}>
            <Input
              id="tl-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={255}
              autoFocus
              placeholder="e.g. Contoso RDS farm"
              {...describedBy('tl-name', nameError)}
            />
          </Field>
          <Field label="Description" htmlFor="tl-description" error={errors.at('description')}>
            <Input
              id="tl-description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              placeholder="Optional"
            />
          </Field>
        </div>
        {targetsReady ? (
          <TargetLinesInput value={text} onChange={setText} parsed={parsed} rows={10} error={targetsError} />
        ) : full.isError ? (
          <p role="alert" className="rounded border border-red-900 bg-red-950/50 px-2.5 py-1.5 text-xs text-red-300">
            The targets of this list could not be loaded: {errorMessage(full.error)}
          </p>
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
      </form>
    </Dialog>
  );
}
