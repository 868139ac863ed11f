import type { FormEvent } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { describedBy, Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';

/**
 * The code out of what was pasted: a whole invite link (`…/join/CODE`, with or without a
 * query or fragment) or the bare code.
 */
export function inviteCodeFrom(input: string): string {
  const text = input.trim();
  const match = /\/join\/([^/?#\s]+)/.exec(text);
  const raw = match?.[1] ?? text;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** "I have an invite": paste the link or the code, go on to the join page. */
export function InviteCodeForm({
  onSubmit,
  autoFocus = false,
}: {
  onSubmit: (code: string) => void;
  autoFocus?: boolean;
}) {
  const { register, getValues, setError, clearErrors, control, formState } = useForm<{ link: string }>({
    defaultValues: { link: '' },
  });
  const value = useWatch({ control, name: 'link' });
  const error = formState.errors.link?.message;

  // Not handleSubmit: it resolves a tick later, and going on to the join page should happen
  // in the same event as the click (nothing here waits for the server).
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const code = inviteCodeFrom(getValues('link'));
    if (!code || /\s/.test(code)) {
      setError('link', { type: 'format', message: 'Paste the invite link your admin sent you, or its code' });
      return;
    }
    onSubmit(code);
  };

  return (
    <form onSubmit={submit} className="space-y-3" noValidate aria-label="Join with an invite">
      <Field
        label="Invite link or code"
        htmlFor="invite-code"
        error={error}
        hint="The link looks like https://…/join/AbC123…"
      >
        <Input
          id="invite-code"
          autoFocus={autoFocus}
          autoComplete="off"
          spellCheck={false}
          className="font-mono text-xs"
          {...register('link', { onChange: () => clearErrors('link') })}
          {...describedBy('invite-code', error)}
        />
      </Field>
      <Button type="submit" variant="primary" className="w-full justify-center" disabled={!value.trim()}>
        Continue with this invite
      </Button>
    </form>
  );
}
