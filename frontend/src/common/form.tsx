// Forms the same way everywhere (the sign-in form's pattern, made reusable): the browser's own
// validation is off (noValidate) so that messages are ours and in the person's language; on
// submit the errors are listed in a summary that takes focus, each linking to its field, and
// repeated at the field, tied to it with aria-describedby. Server 422 errors land the same way.
import {
  useCallback,
  useId,
  useRef,
  useState,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type RefObject,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { ApiError } from "./api";
import { describeError, fieldErrorTexts } from "./errors";
import { useLanguage, useMessages, type Language } from "./i18n";
import { commonMessages } from "./messages";

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** What a submit returns when the person changed their mind (a confirmation cancelled): the form stays as it was. */
export const UNCHANGED = Symbol("unchanged");

export interface FormController<F extends string> {
  errors: FieldErrors<F>;
  failure: string | null;
  success: string | null;
  submitting: boolean;
  summaryRef: RefObject<HTMLDivElement | null>;
  fieldId: (name: F) => string;
  handleSubmit: (
    run: (data: FormData, form: HTMLFormElement) => Promise<string | void | typeof UNCHANGED>,
    validate?: (data: FormData) => FieldErrors<F>,
  ) => (event: FormEvent<HTMLFormElement>) => void;
  clearSuccess: () => void;
}

export interface FormOptions<F extends string> {
  fields: readonly F[];
  /** Words for a failure the form knows better than the general message (e.g. missing consents). */
  describeFailure?: (error: unknown) => string | null;
  /** Clear the form after a successful submit (default true). */
  resetOnSuccess?: boolean;
}

/** Maps a server field path (`domain_scores.competence`) onto the form's field names. */
export function matchFieldErrors<F extends string>(
  error: ApiError,
  fields: readonly F[],
  language: Language,
): FieldErrors<F> {
  const result: FieldErrors<F> = {};
  for (const [key, message] of Object.entries(fieldErrorTexts(error, language))) {
    const field = fields.find((name) => key === name || key.startsWith(`${name}.`) || key.replace(/\./g, "_") === name);
    if (field && !result[field]) result[field] = message;
  }
  return result;
}

export function useForm<F extends string>(options: FormOptions<F>): FormController<F> {
  const { language } = useLanguage();
  const id = useId();
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const { fields, describeFailure, resetOnSuccess = true } = options;

  const fieldId = useCallback((name: F) => `${id}-${name}`, [id]);

  function focusSummary() {
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  const handleSubmit: FormController<F>["handleSubmit"] = (run, validate) => (event) => {
    event.preventDefault();
    if (submitting) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const found = validate?.(data) ?? {};
    setFailure(null);
    setSuccess(null);
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      focusSummary();
      return;
    }
    setSubmitting(true);
    void run(data, form).then(
      (message) => {
        setSubmitting(false);
        if (message === UNCHANGED) return;
        if (resetOnSuccess) form.reset();
        if (message) setSuccess(message);
      },
      (error: unknown) => {
        setSubmitting(false);
        const special = describeFailure?.(error) ?? null;
        const byField = error instanceof ApiError ? matchFieldErrors(error, fields, language) : {};
        setErrors(byField);
        if (special !== null) setFailure(special);
        else if (Object.keys(byField).length === 0) setFailure(describeError(error, language));
        focusSummary();
      },
    );
  };

  return {
    errors,
    failure,
    success,
    submitting,
    summaryRef,
    fieldId,
    handleSubmit,
    clearSuccess: () => setSuccess(null),
  };
}

/** The error summary at the top of a form, and the polite success message after a save. */
export function FormMessages<F extends string>({ form }: { form: FormController<F> }) {
  const t = useMessages(commonMessages);
  const titleId = useId();
  const entries = (Object.entries(form.errors) as [F, string | undefined][]).filter(
    (entry): entry is [F, string] => Boolean(entry[1]),
  );
  const showSummary = form.failure !== null || entries.length > 0;
  return (
    <>
      <div role="status" className={form.success ? "notice notice-success" : "visually-hidden"}>
        {form.success && <p>{form.success}</p>}
      </div>
      {showSummary && (
        <div className="notice notice-error" ref={form.summaryRef} tabIndex={-1} aria-labelledby={titleId}>
          <h2 id={titleId} className="notice-title">
            {form.failure !== null && entries.length === 0 ? t.actionFailedTitle : t.errorSummaryTitle}
          </h2>
          {form.failure !== null && <p>{form.failure}</p>}
          {entries.length > 0 && (
            <ul>
              {entries.map(([field, message]) => (
                <li key={field}>
                  <a href={`#${form.fieldId(field)}`}>{message}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}

interface FieldShellProps<F extends string> {
  form: FormController<F>;
  name: F;
  label: ReactNode;
  hint?: ReactNode;
  required?: boolean;
}

function useFieldIds<F extends string>(form: FormController<F>, name: F, hint: ReactNode) {
  const id = form.fieldId(name);
  const error = form.errors[name];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return {
    id,
    error,
    controlProps: {
      id,
      name,
      "aria-invalid": error ? true : undefined,
      "aria-describedby": describedBy || undefined,
    },
  };
}

function FieldShell<F extends string>({
  form,
  name,
  label,
  hint,
  required,
  children,
}: FieldShellProps<F> & { children: ReactNode }) {
  const t = useMessages(commonMessages);
  const id = form.fieldId(name);
  const error = form.errors[name];
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="field-required"> ({t.required})</span>}
      </label>
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
      {children}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "form" | "name" | "id">;

export function TextField<F extends string>({
  form,
  name,
  label,
  hint,
  required,
  ...input
}: FieldShellProps<F> & InputProps) {
  const { controlProps } = useFieldIds(form, name, hint);
  return (
    <FieldShell form={form} name={name} label={label} hint={hint} required={required}>
      <input type="text" {...input} {...controlProps} aria-required={required || undefined} />
    </FieldShell>
  );
}

export function TextAreaField<F extends string>({
  form,
  name,
  label,
  hint,
  required,
  ...textarea
}: FieldShellProps<F> & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "form" | "name" | "id">) {
  const { controlProps } = useFieldIds(form, name, hint);
  return (
    <FieldShell form={form} name={name} label={label} hint={hint} required={required}>
      <textarea rows={4} {...textarea} {...controlProps} aria-required={required || undefined} />
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField<F extends string>({
  form,
  name,
  label,
  hint,
  required,
  options,
  placeholder,
  ...select
}: FieldShellProps<F> &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "form" | "name" | "id"> & {
    options: readonly Option[];
    placeholder?: string;
  }) {
  const { controlProps } = useFieldIds(form, name, hint);
  return (
    <FieldShell form={form} name={name} label={label} hint={hint} required={required}>
      <select {...select} {...controlProps} aria-required={required || undefined}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** Radio buttons or checkboxes under one legend; the error is tied to the group. */
export function ChoiceGroup<F extends string>({
  form,
  name,
  legend,
  hint,
  required,
  options,
  type,
  defaultValue,
}: {
  form: FormController<F>;
  name: F;
  legend: ReactNode;
  hint?: ReactNode;
  required?: boolean;
  options: readonly Option[];
  type: "radio" | "checkbox";
  defaultValue?: string | readonly string[];
}) {
  const t = useMessages(commonMessages);
  const id = form.fieldId(name);
  const error = form.errors[name];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  const defaults = typeof defaultValue === "string" ? [defaultValue] : (defaultValue ?? []);
  return (
    <fieldset
      className={`field choice-group${error ? " field-invalid" : ""}`}
      aria-describedby={describedBy || undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend>
        {legend}
        {required && <span className="field-required"> ({t.required})</span>}
      </legend>
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
      {options.map((option, index) => (
        <div className="choice" key={option.value}>
          <input
            type={type}
            name={name}
            value={option.value}
            // The summary links to the first choice, so that following it lands in the group.
            id={index === 0 ? id : `${id}-${option.value}`}
            defaultChecked={defaults.includes(option.value)}
          />
          <label htmlFor={index === 0 ? id : `${id}-${option.value}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * The frame of every form: the app's own checks (noValidate), the summary and the success
 * message first, the fields, one submit button. `run` sends; `validate` checks before.
 */
export function CheckedForm<F extends string>({
  form,
  run,
  validate,
  submitLabel,
  children,
}: {
  form: FormController<F>;
  run: Parameters<FormController<F>["handleSubmit"]>[0];
  validate?: (data: FormData) => FieldErrors<F>;
  submitLabel: ReactNode;
  children: ReactNode;
}) {
  return (
    <form className="form" noValidate onSubmit={form.handleSubmit(run, validate)}>
      <FormMessages form={form} />
      {children}
      <SubmitButton submitting={form.submitting}>{submitLabel}</SubmitButton>
    </form>
  );
}

export function SubmitButton({ submitting, children }: { submitting: boolean; children: ReactNode }) {
  const t = useMessages(commonMessages);
  return (
    <button type="submit" className="button button-primary" aria-busy={submitting || undefined} disabled={false}>
      {submitting ? t.saving : children}
    </button>
  );
}

/** A trimmed text value from FormData ("" when absent). */
export function text(data: FormData, name: string): string {
  return String(data.get(name) ?? "").trim();
}

/** A trimmed text value, or null when empty: for optional API fields. */
export function optionalText(data: FormData, name: string): string | null {
  return text(data, name) || null;
}
