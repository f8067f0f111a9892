import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { keys } from '../lib/keys.js';

/** Why the dialog's input was not accepted (by the dialog or by the API), read out by screen readers. */
function DialogError({ error }: { error: string | null }) {
  if (error === null) return null;
  return (
    <p class="error" role="alert">
      ✖ {error}
    </p>
  );
}

/**
 * Asks for the read key when the API refuses the dashboard's requests (kept in sessionStorage for this tab);
 * `refused` is the API's answer to the key already entered, shown so a wrong key does not look like nothing happened.
 */
export function KeyPrompt({ refused, onDone }: { refused: string | null; onDone: () => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(
    refused === null ? null : `The key entered was refused: ${refused}`,
  );
  return (
    <div class="overlay">
      <form
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="key-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim() === '') return setError('Enter an API key (it cannot be blank).');
          keys.setRead(value.trim());
          onDone();
        }}
      >
        <h2 id="key-title">API key needed</h2>
        <p>
          This driftguard service requires an API key to read. Enter a key with the <b>read</b> role; it is kept only
          for this browser tab.
        </p>
        <label>
          API key
          <input
            type="password"
            name="read-key"
            autoComplete="off"
            required
            value={value}
            onInput={(e) => setValue((e.target as HTMLInputElement).value)}
            autoFocus
          />
        </label>
        <DialogError error={error} />
        <div class="dialog-actions">
          <button type="submit" class="primary">
            Use key
          </button>
        </div>
      </form>
    </div>
  );
}

/**
 * Confirmation for an admin action: says what will happen, takes a reason when asked and the admin key (remembered
 * in memory for this page only), and shows the API's refusal in the dialog.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  askReason,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  askReason: boolean;
  onConfirm: (adminKey: string, reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const [key, setKey] = useState(keys.admin() ?? '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div class="overlay" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        onSubmit={async (e) => {
          e.preventDefault();
          if (askReason && reason.trim() === '')
            return setError('Give a reason: it is recorded with the change and cannot be blank.');
          if (key.trim() === '') return setError('Enter the admin API key (it cannot be blank).');
          setBusy(true);
          setError(null);
          try {
            await onConfirm(key.trim(), reason.trim());
            keys.setAdmin(key.trim());
            onClose();
          } catch (err) {
            setError((err as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <h2 id="confirm-title">{title}</h2>
        <div>{children}</div>
        {askReason && (
          <label>
            Reason (recorded with the change)
            <input
              name="reason"
              required
              maxLength={2000}
              value={reason}
              ref={first}
              onInput={(e) => setReason((e.target as HTMLInputElement).value)}
            />
          </label>
        )}
        <label>
          Admin API key
          <input
            type="password"
            name="admin-key"
            autoComplete="off"
            required
            value={key}
            ref={askReason ? undefined : first}
            onInput={(e) => setKey((e.target as HTMLInputElement).value)}
          />
        </label>
        <DialogError error={error} />
        <div class="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
