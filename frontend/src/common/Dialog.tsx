// A modal dialog that works the same in every browser: focus moves into it, Tab stays inside,
// Escape cancels, and focus returns to what opened it (WAI-ARIA dialog pattern). Used for
// confirmations before ending, withdrawing or closing anything, and for the reason of access.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { useMessages } from "./i18n";
import { commonMessages } from "./messages";

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Dialog({
  title,
  children,
  onCancel,
  role = "dialog",
  initialFocus,
}: {
  title: string;
  children: ReactNode;
  onCancel: () => void;
  role?: "dialog" | "alertdialog";
  /** A selector inside the dialog to focus first (default: the first control). */
  initialFocus?: string;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const box = ref.current;
    const first = (initialFocus ? box?.querySelector<HTMLElement>(initialFocus) : null) ?? box?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? box)?.focus();
    return () => opener?.focus();
  }, [initialFocus]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape") {
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key !== "Tab" || !ref.current) return;
    const controls = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return createPortal(
    <div className="dialog-backdrop">
      {/* The key handler keeps Tab inside and lets Escape cancel (WAI-ARIA dialog pattern). */}
      <div className="dialog" role={role} aria-modal="true" aria-labelledby={titleId} ref={ref} tabIndex={-1} onKeyDown={onKeyDown}>
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}

/**
 * A button that asks first. The dialog names what will happen; the safe choice (cancel) has
 * the focus, so an Enter pressed by habit changes nothing.
 */
export function ConfirmButton({
  children,
  title,
  text,
  confirmLabel,
  onConfirm,
  danger = true,
  className,
  ariaLabel,
  busy,
}: {
  children: ReactNode;
  title: string;
  text: ReactNode;
  confirmLabel: string;
  onConfirm: () => void | Promise<unknown>;
  danger?: boolean;
  className?: string;
  ariaLabel?: string;
  busy?: boolean;
}) {
  const t = useMessages(commonMessages);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className ?? (danger ? "button button-danger" : "button button-secondary")}
        aria-label={ariaLabel}
        aria-busy={busy || undefined}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {children}
      </button>
      {open && (
        <Dialog title={title} role="alertdialog" onCancel={() => setOpen(false)} initialFocus="[data-cancel]">
          <div className="dialog-body">{text}</div>
          <div className="button-row">
            <button type="button" className="button button-secondary" data-cancel onClick={() => setOpen(false)}>
              {t.cancel}
            </button>
            <button
              type="button"
              className={danger ? "button button-danger" : "button button-primary"}
              onClick={() => {
                setOpen(false);
                void onConfirm();
              }}
            >
              {confirmLabel}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}

export interface ConfirmOptions {
  title: string;
  text: ReactNode;
  confirmLabel: string;
  danger?: boolean;
}

/**
 * Ask before a form's change goes out: `await confirm({...})` is true when the person
 * confirmed. Render `element` in the form's component.
 */
export function useConfirm() {
  const t = useMessages(commonMessages);
  const [asking, setAsking] = useState<(ConfirmOptions & { resolve: (yes: boolean) => void }) | null>(null);
  const confirm = (options: ConfirmOptions) => new Promise<boolean>((resolve) => setAsking({ ...options, resolve }));
  const answer = (yes: boolean) => {
    asking?.resolve(yes);
    setAsking(null);
  };
  const element = asking ? (
    <Dialog title={asking.title} role="alertdialog" onCancel={() => answer(false)} initialFocus="[data-cancel]">
      <div className="dialog-body">{asking.text}</div>
      <div className="button-row">
        <button type="button" className="button button-secondary" data-cancel onClick={() => answer(false)}>
          {t.cancel}
        </button>
        <button
          type="button"
          className={asking.danger === false ? "button button-primary" : "button button-danger"}
          onClick={() => answer(true)}
        >
          {asking.confirmLabel}
        </button>
      </div>
    </Dialog>
  ) : null;
  return { confirm, element };
}
