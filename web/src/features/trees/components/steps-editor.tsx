import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useRef } from 'react';
import { Button } from '@/components/ui/button';
import { describedBy, FieldError } from '@/components/ui/field';
import { Input, Select, Textarea } from '@/components/ui/input';
import type { FieldErrors } from '@/lib/validation';
import { cn } from '@/lib/utils';
import { CONTENT_TYPES, type ContentType, type ProcedureStep } from '@/types/api';
import { moveItem, newStep } from '../lib/structure';
import { CONTENT_TYPE_LABELS, ContentTypeIcon } from '@/components/content-type-icon';

type StepsEditorProps = {
  steps: ProcedureStep[];
  onChange: (steps: ProcedureStep[]) => void;
  errors: FieldErrors;
  /** Path of the steps array in the request body, for matching 422 locations. */
  basePath?: string;
  readOnly?: boolean;
};

export function StepsEditor({
  steps,
  onChange,
  errors,
  basePath = 'tree_structure.steps',
  readOnly,
}: StepsEditorProps) {
  const listRef = useRef<HTMLOListElement>(null);

  const update = (index: number, patch: Partial<ProcedureStep>) =>
    onChange(steps.map((s, i) => (i === index ? { ...s, ...patch } : s)));

  const focusTitle = (index: number) =>
    requestAnimationFrame(() =>
      listRef.current?.querySelector<HTMLInputElement>(`[data-step-title="${index}"]`)?.focus(),
    );

  const add = (at = steps.length) => {
    const next = [...steps];
    next.splice(at, 0, newStep());
    onChange(next);
    focusTitle(at);
  };

  const move = (from: number, to: number) => {
    onChange(moveItem(steps, from, to));
  };

  return (
    <div className="space-y-2">
      {errors.at(basePath) && <FieldError message={errors.at(basePath)} />}
      <ol ref={listRef} className="space-y-2" aria-label="Steps">
        {steps.map((step, index) => {
          const path = `${basePath}.${index}`;
          const titleId = `step-${step.id}-title`;
          const titleError = errors.at(`${path}.title`);
          const stepError =
            errors.at(path) ??
            errors.at(`${path}.id`) ??
            errors.at(`${path}.type`) ??
            errors.at(`${path}.content_type`);
          return (
            <li
              key={step.id}
              aria-label={`Step ${index + 1}`}
              className={cn(
                'rounded-md border bg-zinc-900/60 p-2.5',
                errors.has(path) ? 'border-red-800' : 'border-zinc-800',
              )}
            >
              <div className="flex items-start gap-2">
                <span
                  className={cn(
                    'mt-1.5 flex h-5 w-6 shrink-0 items-center justify-center rounded bg-zinc-800',
                    'text-2xs font-semibold tabular-nums text-zinc-400',
                  )}
                >
                  {index + 1}
                </span>
                <div className="min-w-0 flex-1 space-y-1.5">
                  <div className="flex items-center gap-2">
                    <Input
                      id={titleId}
                      data-step-title={index}
                      aria-label={`Step ${index + 1} title`}
                      placeholder="What to do, e.g. Drain the session host"
                      value={step.title}
                      readOnly={readOnly}
                      onChange={(e) => update(index, { title: e.target.value })}
                      {...describedBy(titleId, titleError)}
                      className="flex-1"
                    />
                    <div className="flex items-center gap-1">
                      <ContentTypeIcon type={step.content_type} />
                      <Select
                        aria-label={`Step ${index + 1} content type`}
                        value={step.content_type ?? 'action'}
                        disabled={readOnly}
                        onChange={(e) => update(index, { content_type: e.target.value as ContentType })}
                        className="w-32 text-xs"
                      >
                        {CONTENT_TYPES.map((t) => (
                          <option key={t} value={t}>
                            {CONTENT_TYPE_LABELS[t]}
                          </option>
                        ))}
                      </Select>
                    </div>
                    <Select
                      aria-label={`Step ${index + 1} kind`}
                      value={step.type}
                      disabled={readOnly}
                      onChange={(e) => update(index, { type: e.target.value as ProcedureStep['type'] })}
                      className="w-24 text-xs"
                    >
                      <option value="procedure_step">Step</option>
                      <option value="procedure_end">End</option>
                    </Select>
                    {!readOnly && (
                      <div className="flex items-center">
                        <Button
                          size="icon"
                          variant="ghost"
                          aria-label={`Move step ${index + 1} up`}
                          disabled={index === 0}
                          onClick={() => move(index, index - 1)}
                        >
                          <ArrowUp className="h-3.5 w-3.5" />
                        </Button>
                        <Button
                          size="icon"
                          variant="ghost"
                          aria-label={`Move step ${index + 1} down`}
                          disabled={index === steps.length - 1}
                          onClick={() => move(index, index + 1)}
                        >
                          <ArrowDown className="h-3.5 w-3.5" />
                        </Button>
                        <Button
                          size="icon"
                          variant="ghost"
                          aria-label={`Delete step ${index + 1}`}
                          onClick={() => onChange(steps.filter((_, i) => i !== index))}
                          className="hover:text-red-400"
                        >
                          <Trash2 className="h-3.5 w-3.5" />
                        </Button>
                      </div>
                    )}
                  </div>
                  <FieldError id={`${titleId}-error`} message={titleError} />
                  <Textarea
                    aria-label={`Step ${index + 1} description`}
                    placeholder="Details, commands, expected result (optional)"
                    rows={2}
                    value={step.description ?? ''}
                    readOnly={readOnly}
                    onChange={(e) => update(index, { description: e.target.value })}
                    className="text-xs"
                  />
                  <FieldError message={errors.at(`${path}.description`) ?? stepError} />
                </div>
              </div>
              {!readOnly && (
                <div className="mt-1 flex justify-end">
                  <button
                    type="button"
                    onClick={() => add(index + 1)}
                    className="text-2xs text-zinc-500 hover:text-zinc-300"
                  >
                    + insert step below
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {!readOnly && (
        <Button size="sm" variant="outline" onClick={() => add()}>
          <Plus className="h-3.5 w-3.5" aria-hidden />
          Add step
        </Button>
      )}
    </div>
  );
}
