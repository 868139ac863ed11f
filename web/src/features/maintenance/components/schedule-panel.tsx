import { CalendarClock, Pause, Play, Save, Trash2, Zap } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { describedBy, Field, FormAlert } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { QueryBoundary } from '@/components/ui/query-boundary';
import { Spinner } from '@/components/ui/spinner';
import { Switch } from '@/components/ui/switch';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { exactFields, fieldErrorsOf, setServerErrors } from '@/lib/validation';
import { cn, formatDateTime, formatRelative, plural } from '@/lib/utils';
import type { Schedule } from '@/types/api';
import { useScheduleForTree } from '../api/get-schedule';
import { useRunScheduleNow } from '../api/run-schedule';
import { useCreateSchedule, useDeleteSchedule, useUpdateSchedule, type ScheduleFields } from '../api/save-schedule';
import { CronPreview } from './cron-preview';
import { browserTimeZone, TimezoneSelect } from './timezone-select';

export type TargetListOption = { id: string; name: string; target_count: number };

const PRESETS: { label: string; cron: string }[] = [
  { label: 'Daily 02:00', cron: '0 2 * * *' },
  { label: 'Sundays 03:00', cron: '0 3 * * 0' },
  { label: 'Weekdays 07:30', cron: '30 7 * * 1-5' },
  { label: '15th 09:00', cron: '0 9 15 * *' },
];

type SchedulePanelProps = {
  treeId: string;
  targetLists: TargetListOption[];
  canWrite: boolean;
  /** A batch was created by "Run now". */
  onRun?: (batchId: string) => void;
};

function fieldsOf(schedule: Schedule | null): ScheduleFields {
  return {
    cron_expression: schedule?.cron_expression ?? '0 2 * * 0',
    timezone: schedule?.timezone ?? browserTimeZone(),
    target_list_id: schedule?.target_list_id ?? null,
    is_active: schedule?.is_active ?? true,
  };
}

export function SchedulePanel({ treeId, targetLists, canWrite, onRun }: SchedulePanelProps) {
  const schedule = useScheduleForTree(treeId);
  return (
    <QueryBoundary
      query={schedule}
      loading={
        <section className="panel p-4" aria-label="Schedule">
          <Spinner label="Loading schedule" />
        </section>
      }
      error={(error) => (
        <section className="panel p-4 text-xs text-red-300" aria-label="Schedule">
          The schedule could not be loaded: {errorMessage(error)}
        </section>
      )}
    >
      {(data) => (
        <ScheduleForm
          key={data?.id ?? 'new'}
          treeId={treeId}
          schedule={data}
          targetLists={targetLists}
          canWrite={canWrite}
          onRun={onRun}
        />
      )}
    </QueryBoundary>
  );
}

type ScheduleFormProps = Omit<SchedulePanelProps, 'onRun'> & {
  schedule: Schedule | null;
  onRun?: ((batchId: string) => void) | undefined;
};

/** The fields a 422 can name; any other location goes to the form as a whole. */
const FIELDS = exactFields<ScheduleFields>(['cron_expression', 'timezone', 'target_list_id']);

function ScheduleForm({ treeId, schedule, targetLists, canWrite, onRun }: ScheduleFormProps) {
  const saved = useMemo(() => fieldsOf(schedule), [schedule]);
  // After an update (a save, pausing) the server's values become the form's, except in the
  // fields edited since, which keep what was typed (keepDirtyValues).
  const form = useForm<ScheduleFields>({
    defaultValues: saved,
    values: schedule ? saved : undefined,
    resetOptions: { keepDirtyValues: true },
  });
  const { errors } = form.formState;
  const fields = useWatch({ control: form.control }) as ScheduleFields;
  const [confirmDelete, setConfirmDelete] = useState(false);
  const create = useCreateSchedule();
  const update = useUpdateSchedule();
  const remove = useDeleteSchedule(treeId);
  const runNow = useRunScheduleNow(treeId);

  const dirty =
    !schedule ||
    fields.cron_expression.trim() !== saved.cron_expression ||
    fields.timezone !== saved.timezone ||
    fields.target_list_id !== saved.target_list_id;

  // Any edit clears what the server said about the previous attempt.
  const edited = () => form.clearErrors();

  const onError = (error: Error) => {
    setServerErrors(error, form.setError, FIELDS, { failureToRoot: false });
    const issues = fieldErrorsOf(error).all;
    toast.error(
      'The schedule was not saved',
      issues.length ? issues.map((i) => i.msg).join('; ') : errorMessage(error),
    );
  };

  const submit = form.handleSubmit((values) => {
    const body = { ...values, cron_expression: values.cron_expression.trim() };
    if (schedule) {
      const data: Partial<ScheduleFields> = {};
      if (body.cron_expression !== saved.cron_expression) data.cron_expression = body.cron_expression;
      if (body.timezone !== saved.timezone) data.timezone = body.timezone;
      if (body.target_list_id !== saved.target_list_id) data.target_list_id = body.target_list_id;
      update.mutate({ id: schedule.id, data }, { onSuccess: () => toast.success('Schedule saved'), onError });
    } else {
      create.mutate({ ...body, tree_id: treeId }, { onSuccess: () => toast.success('Schedule created'), onError });
    }
  });

  const toggleActive = (active: boolean) => {
    edited();
    form.setValue('is_active', active);
    if (!schedule) return;
    update.mutate(
      { id: schedule.id, data: { is_active: active } },
      {
        onSuccess: () => toast.success(active ? 'Schedule resumed' : 'Schedule paused'),
        onError: (error) => {
          form.setValue('is_active', !active);
          onError(error);
        },
      },
    );
  };

  const cronError = errors.cron_expression?.message;
  const zoneError = errors.timezone?.message;
  const listError = errors.target_list_id?.message;
  const selectedList = targetLists.find((l) => l.id === fields.target_list_id);

  return (
    <section className="panel" aria-labelledby="schedule-heading">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="flex items-center justify-between border-b border-zinc-800 px-4 py-2.5">
          <h2 id="schedule-heading" className="flex items-center gap-2 text-sm font-semibold text-zinc-100">
            <CalendarClock className="h-4 w-4 text-amber-400" aria-hidden />
            Schedule
          </h2>
          {schedule ? (
            <div className="flex items-center gap-2">
              <Badge tone={fields.is_active ? 'emerald' : 'neutral'}>
                {fields.is_active ? (
                  <Play className="h-3 w-3" aria-hidden />
                ) : (
                  <Pause className="h-3 w-3" aria-hidden />
                )}
                {fields.is_active ? 'Active' : 'Paused'}
              </Badge>
              <Switch
                checked={fields.is_active}
                onChange={toggleActive}
                label="Schedule active"
                disabled={!canWrite || update.isPending}
              />
            </div>
          ) : (
            <Badge>Not scheduled</Badge>
          )}
        </div>

        <div className="space-y-3 px-4 py-3">
          <Field
            label="Cron expression"
            htmlFor="schedule-cron"
            error={cronError}
            hint="minute hour day-of-month month day-of-week"
          >
            <Input
              id="schedule-cron"
              {...form.register('cron_expression', { onChange: edited })}
              className="font-mono"
              spellCheck={false}
              autoComplete="off"
              disabled={!canWrite}
              {...describedBy('schedule-cron', cronError)}
            />
          </Field>
          {canWrite && (
            <div className="flex flex-wrap gap-1" aria-label="Presets">
              {PRESETS.map((p) => (
                <button
                  key={p.cron}
                  type="button"
                  onClick={() => {
                    edited();
                    form.setValue('cron_expression', p.cron, { shouldDirty: true });
                  }}
                  className={cn(
                    'rounded border border-zinc-800 px-1.5 py-0.5 text-2xs text-zinc-400',
                    'hover:border-zinc-600 hover:text-zinc-200',
                  )}
                >
                  {p.label}
                </button>
              ))}
            </div>
          )}
          <CronPreview cron={fields.cron_expression} timezone={fields.timezone} />
          <div className="grid grid-cols-2 gap-3">
            <Field label="Time zone" htmlFor="schedule-timezone" error={zoneError}>
              <Controller
                control={form.control}
                name="timezone"
                render={({ field }) => (
                  <TimezoneSelect
                    id="schedule-timezone"
                    ref={field.ref}
                    value={field.value}
                    onChange={(zone) => {
                      edited();
                      field.onChange(zone);
                    }}
                    disabled={!canWrite}
                    className="text-xs"
                    {...describedBy('schedule-timezone', zoneError)}
                  />
                )}
              />
            </Field>
            <Field label="Target list" htmlFor="schedule-list" error={listError}>
              <Controller
                control={form.control}
                name="target_list_id"
                render={({ field }) => (
                  <Select
                    id="schedule-list"
                    ref={field.ref}
                    value={field.value ?? ''}
                    onChange={(e) => {
                      edited();
                      field.onChange(e.target.value || null);
                    }}
                    disabled={!canWrite}
                    className="text-xs"
                    {...describedBy('schedule-list', listError)}
                  >
                    <option value="">None (“Unassigned”)</option>
                    {targetLists.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.name} ({l.target_count})
                      </option>
                    ))}
                  </Select>
                )}
              />
            </Field>
          </div>
          {selectedList && (
            <p className="text-2xs text-zinc-500">
              Each run creates {selectedList.target_count} sessions, one per target of “{selectedList.name}” as it is
              then.
            </p>
          )}

          {schedule && (
            <dl className="grid grid-cols-2 gap-x-3 gap-y-1 rounded-md bg-zinc-950/60 px-3 py-2 text-2xs">
              <dt className="text-zinc-500">Next run</dt>
              <dd className="text-zinc-200" data-testid="schedule-next-run">
                {schedule.is_active && schedule.next_run_at ? (
                  <>
                    {formatDateTime(schedule.next_run_at, schedule.timezone)}{' '}
                    <span className="text-zinc-500">({formatRelative(schedule.next_run_at)})</span>
                  </>
                ) : (
                  'Paused'
                )}
              </dd>
              <dt className="text-zinc-500">Last run</dt>
              <dd className="text-zinc-300">
                {schedule.last_run_at ? formatDateTime(schedule.last_run_at, schedule.timezone) : 'Never'}
              </dd>
            </dl>
          )}
          <FormAlert message={errors.root?.server?.message} />
        </div>

        {canWrite && (
          <div className="flex items-center gap-2 border-t border-zinc-800 px-4 py-2.5">
            <Button
              type="submit"
              size="sm"
              variant="primary"
              loading={create.isPending || (update.isPending && dirty)}
              disabled={!fields.cron_expression.trim() || !dirty}
            >
              <Save className="h-3.5 w-3.5" aria-hidden />
              {schedule ? 'Save schedule' : 'Create schedule'}
            </Button>
            {schedule && (
              <>
                <Button
                  size="sm"
                  variant="outline"
                  loading={runNow.isPending}
                  onClick={() =>
                    runNow.mutate(schedule.id, {
                      onSuccess: (batch) => {
                        toast.success(`Run started: ${plural(batch.count, { one: 'session', other: 'sessions' })}`);
                        onRun?.(batch.batch_id);
                      },
                    })
                  }
                >
                  <Zap className="h-3.5 w-3.5" aria-hidden />
                  Run now
                </Button>
                <Button
                  size="icon"
                  variant="ghost"
                  aria-label="Delete schedule"
                  className="ml-auto hover:text-red-400"
                  onClick={() => setConfirmDelete(true)}
                >
                  <Trash2 className="h-3.5 w-3.5" />
                </Button>
              </>
            )}
          </div>
        )}
      </form>
      {schedule && (
        <ConfirmDialog
          open={confirmDelete}
          title="Delete the schedule?"
          body="No more batches will be created automatically. The run history stays."
          confirmLabel="Delete schedule"
          loading={remove.isPending}
          onClose={() => setConfirmDelete(false)}
          onConfirm={() => remove.mutate(schedule.id, { onSuccess: () => setConfirmDelete(false) })}
        />
      )}
    </section>
  );
}
