import { describeError, documentLanguage, fieldErrorTexts } from "../common/errors";
// Form parts of the admin pages: an error summary that takes focus and links to the fields,
// and fields whose hint and error are tied to the control with aria-describedby.
import { useId, useRef, useState, type FormEvent, type InputHTMLAttributes, type ReactNode, type Ref } from "react";
import { ApiError } from "../common/api";
import type { AdminMessages } from "./messages";
import type { Errors } from "./validation";

export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === "string" && id !== "");
  return present.length > 0 ? present.join(" ") : undefined;
}

export function ErrorSummary({
  id,
  title,
  failure,
  entries,
  summaryRef,
}: {
  id: string;
  title: string;
  failure?: string | null;
  /** [the field's control id, its message] */
  entries: [string, string][];
  summaryRef: Ref<HTMLDivElement>;
}) {
  if (!failure && entries.length === 0) return null;
  return (
    <div className="notice notice-error" ref={summaryRef} tabIndex={-1} aria-labelledby={`${id}-summary-title`}>
      <h3 id={`${id}-summary-title`} className="notice-title">
        {title}
      </h3>
      {failure && <p>{failure}</p>}
      {entries.length > 0 && (
        <ul>
          {entries.map(([fieldId, message]) => (
            <li key={fieldId}>
              <a href={`#${fieldId}`}>{message}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function TextField({
  id,
  label,
  hint,
  error,
  ...input
}: {
  id: string;
  label: ReactNode;
  hint?: string;
  error?: string | undefined;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id">) {
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        {...input}
      />
    </div>
  );
}

export function CheckboxGroup({
  id,
  legend,
  hint,
  error,
  options,
  selected,
  onChange,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  options: { value: string; label: string }[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
}) {
  return (
    <fieldset
      className={`field checkbox-group${error ? " field-invalid" : ""}`}
      aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
    >
      <legend>{legend}</legend>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {options.map((option, index) => {
        const optionId = index === 0 ? id : `${id}-${option.value.replace(/[^a-z0-9_-]/gi, "-")}`;
        return (
          <div className="checkbox" key={option.value}>
            <input
              type="checkbox"
              id={optionId}
              checked={selected.includes(option.value)}
              aria-invalid={error ? true : undefined}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? options.map((o) => o.value).filter((value) => value === option.value || selected.includes(value))
                    : selected.filter((value) => value !== option.value),
                )
              }
            />
            <label htmlFor={optionId}>{option.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** A failed save in words, with the server's field messages (422) or a taken name (409) by the fields. */
export function describeSaveFailure<Field extends string>(
  error: unknown,
  t: AdminMessages,
  fields: readonly Field[],
  conflictField: Field,
  conflictMessage: string,
): { failure: string | null; errors: Errors<Field> } {
  if (!(error instanceof ApiError)) return { failure: t.saveFailed, errors: {} };
  if (error.kind === "network") return { failure: t.networkFailed, errors: {} };
  if (error.status === 409) return { failure: null, errors: { [conflictField]: conflictMessage } as Errors<Field> };
  if (error.status === 422) {
    const errors: Errors<Field> = {};
    for (const field of fields) {
      const message = Object.entries(fieldErrorTexts(error, documentLanguage())).find(([key]) => key === field || key.startsWith(`${field}.`))?.[1];
      if (message) errors[field] = message;
    }
    if (Object.keys(errors).length > 0) return { failure: null, errors };
  }
  return { failure: `${t.saveFailed} ${describeError(error, documentLanguage())}`, errors: {} };
}


export function loadFailureText(error: unknown, t: AdminMessages): string {
  if (error instanceof ApiError) {
    if (error.kind === "network") return t.networkFailed;
    return `${t.loadFailed} ${describeError(error, documentLanguage())}`;
  }
  return t.loadFailed;
}

export type LoadState<T> = { status: "loading" } | { status: "ok"; data: T } | { status: "error"; error: unknown };

export function saveFailureText(error: unknown, t: AdminMessages): string {
  return describeSaveFailure(error, t, [], "" as never, "").failure ?? t.saveFailed;
}

/**
 * What the admin create forms share: the draft, a check before sending, the save, and the
 * problems (the checker's, the server's 422 by field, a taken name as 409) in a summary that
 * takes focus.
 */
export function useCreateForm<Field extends string, Draft, Saved>({
  fields,
  initial,
  validate,
  save,
  taken,
  onCreated,
  t,
}: {
  fields: readonly Field[];
  initial: Draft;
  validate: (draft: Draft, t: AdminMessages) => Errors<Field>;
  save: (draft: Draft) => Promise<Saved>;
  taken: { field: Field; message: string };
  onCreated: (saved: Saved) => void;
  t: AdminMessages;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<Errors<Field>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const fieldId = (field: Field) => `${id}-${field}`;

  function showProblems(nextErrors: Errors<Field>, nextFailure: string | null) {
    setErrors(nextErrors);
    setFailure(nextFailure);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const found = validate(draft, t);
    if (Object.keys(found).length > 0) {
      showProblems(found, null);
      return;
    }
    setErrors({});
    setFailure(null);
    setSaving(true);
    try {
      onCreated(await save(draft));
    } catch (error) {
      const described = describeSaveFailure(error, t, fields, taken.field, taken.message);
      setSaving(false);
      showProblems(described.errors, described.failure);
    }
  }

  const entries = fields
    .filter((field) => errors[field])
    .map((field): [string, string] => [fieldId(field), errors[field] ?? ""]);

  return { id, draft, setDraft, errors, failure, saving, summaryRef, fieldId, handleSubmit, entries };
}

/** The create forms' buttons: save (busy while saving) and cancel. */
export function CreateFormActions({
  saving,
  label,
  onCancel,
  t,
}: {
  saving: boolean;
  label: string;
  onCancel: () => void;
  t: AdminMessages;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" aria-busy={saving || undefined}>
        {saving ? t.saving : label}
      </button>
      <button type="button" className="button button-secondary" onClick={onCancel}>
        {t.cancel}
      </button>
    </div>
  );
}
