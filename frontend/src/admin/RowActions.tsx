import { useEffect, useId, useState } from "react";
import { useMessages } from "../common/i18n";
import { saveFailureText } from "./forms";
import { adminMessages } from "./messages";

/** An inline "are you sure?" that takes focus, for actions that cut someone off. */
export function ConfirmAction({
  question,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}) {
  const t = useMessages(adminMessages);
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    requestAnimationFrame(() => document.getElementById(`${id}-question`)?.focus());
  }, [id]);

  async function confirm() {
    if (busy) return;
    setBusy(true);
    try {
      await onConfirm();
    } catch (caught) {
      setFailure(saveFailureText(caught, t));
      setBusy(false);
    }
  }

  return (
    <div className="confirm" role="group" aria-labelledby={`${id}-question`}>
      <p id={`${id}-question`} tabIndex={-1}>
        {question}
      </p>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button button-danger" onClick={() => void confirm()} aria-busy={busy || undefined}>
          {busy ? t.saving : confirmLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </div>
  );
}

export function ReactivateButton({
  id,
  label,
  ariaLabel,
  onActivate,
}: {
  id: string;
  label: string;
  ariaLabel: string;
  onActivate: () => Promise<void>;
}) {
  const t = useMessages(adminMessages);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <>
      <button
        type="button"
        id={id}
        className="button button-secondary"
        aria-label={ariaLabel}
        aria-busy={busy || undefined}
        onClick={() => {
          if (busy) return;
          setBusy(true);
          setFailed(false);
          onActivate().then(
            () => setBusy(false),
            () => {
              setBusy(false);
              setFailed(true);
            },
          );
        }}
      >
        {label}
      </button>
      {failed && (
        <p className="field-error" role="alert">
          {t.saveFailed}
        </p>
      )}
    </>
  );
}
