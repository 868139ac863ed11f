import { useState, type FormEvent } from 'react';
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
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const code = inviteCodeFrom(value);
    if (!code || /\s/.test(code)) {
      setError('Paste the invite link your admin sent you, or its code');
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
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setError(undefined);
          }}
          autoFocus={autoFocus}
          autoComplete="off"
          spellCheck={false}
          className="font-mono text-xs"
          {...describedBy('invite-code', error)}
        />
      </Field>
      <Button type="submit" variant="primary" className="w-full justify-center" disabled={!value.trim()}>
        Continue with this invite
      </Button>
    </form>
  );
}
