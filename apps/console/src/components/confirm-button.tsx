import { useState } from 'react';

/**
 * A button that asks before it acts: the question and "Confirm"/"Cancel" appear in place
 * (no window.confirm, which a keyboard or screen-reader user cannot always reach the same way).
 */
export function ConfirmButton({ label, question, onConfirm, disabled, danger }: { label: string; question: string; onConfirm: () => void; disabled?: boolean; danger?: boolean }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={danger ? 'button-danger' : undefined} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        className={danger ? 'button-danger' : 'button-primary'}
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Confirm
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
