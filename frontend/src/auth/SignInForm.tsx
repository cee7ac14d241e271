import { describeError, documentLanguage, fieldErrorTexts } from "../common/errors";
import { useId, useRef, useState, type FormEvent } from "react";
import { ApiError } from "../common/api";
import { useMessages } from "../common/i18n";
import type { Me } from "../api/gatewayTypes";
import { authMessages } from "./messages";
import { useSession } from "./session";

type Field = "username" | "password";
type FieldErrors = Partial<Record<Field, string>>;

type Messages = (typeof authMessages)["fi"];

/** Turns a failed sign-in into words for the person; field errors from a 422 go by the fields. */
function describeFailure(error: unknown, t: Messages): { message: string | null; fields: FieldErrors } {
  if (!(error instanceof ApiError)) return { message: t.unexpectedError(0), fields: {} };
  if (error.kind === "network") return { message: t.networkError, fields: {} };
  switch (error.status) {
    case 400:
    case 401:
      return { message: t.wrongCredentials, fields: {} };
    case 422: {
      const fields: FieldErrors = {};
      const texts = fieldErrorTexts(error, documentLanguage());
      if (texts.username) fields.username = texts.username;
      if (texts.password) fields.password = texts.password;
      return Object.keys(fields).length > 0
        ? { message: null, fields }
        : { message: describeError(error, documentLanguage()), fields };
    }
    case 429:
      return { message: t.tooManyAttempts(error.retryAfterSeconds), fields: {} };
    case 502:
    case 503:
    case 504:
      return { message: t.serviceUnavailable, fields: {} };
    default:
      return { message: t.unexpectedError(error.status), fields: {} };
  }
}

export function SignInForm({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const t = useMessages(authMessages);
  const { signIn } = useSession();
  const id = useId();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const fieldId = (field: Field) => `${id}-${field}`;
  const errorId = (field: Field) => `${id}-${field}-error`;

  function focusSummary() {
    // After React has rendered the summary; focus makes screen readers read it at once.
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const data = new FormData(event.currentTarget);
    const username = String(data.get("username") ?? "").trim();
    const password = String(data.get("password") ?? "");

    const errors: FieldErrors = {};
    if (username === "") errors.username = t.usernameRequired;
    if (password === "") errors.password = t.passwordRequired;
    setFailure(null);
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      focusSummary();
      return;
    }

    setSubmitting(true);
    try {
      onSignedIn(await signIn(username, password));
    } catch (error) {
      const { message, fields } = describeFailure(error, t);
      setFailure(message);
      setFieldErrors(fields);
      setSubmitting(false);
      focusSummary();
    }
  }

  const fieldEntries = (Object.entries(fieldErrors) as [Field, string][]).filter(([, message]) => message);
  const showSummary = failure !== null || fieldEntries.length > 0;

  return (
    <form className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
      {showSummary && (
        <div
          className="notice notice-error"
          ref={summaryRef}
          tabIndex={-1}
          aria-labelledby={`${id}-summary-title`}
        >
          <h2 id={`${id}-summary-title`} className="notice-title">
            {failure !== null ? t.signInFailedTitle : t.errorSummaryTitle}
          </h2>
          {failure !== null && <p>{failure}</p>}
          {fieldEntries.length > 0 && (
            <ul>
              {fieldEntries.map(([field, message]) => (
                <li key={field}>
                  <a href={`#${fieldId(field)}`}>{message}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {(["username", "password"] as const).map((field) => (
        <div className={`field${fieldErrors[field] ? " field-invalid" : ""}`} key={field}>
          <label htmlFor={fieldId(field)}>{field === "username" ? t.username : t.password}</label>
          {fieldErrors[field] && (
            <p className="field-error" id={errorId(field)}>
              {fieldErrors[field]}
            </p>
          )}
          <input
            id={fieldId(field)}
            name={field}
            type={field === "password" ? "password" : "text"}
            autoComplete={field === "password" ? "current-password" : "username"}
            autoCapitalize="none"
            spellCheck={false}
            aria-invalid={fieldErrors[field] ? true : undefined}
            aria-describedby={fieldErrors[field] ? errorId(field) : undefined}
          />
        </div>
      ))}

      <button type="submit" className="button button-primary" aria-busy={submitting || undefined}>
        {submitting ? t.submitting : t.submit}
      </button>
    </form>
  );
}
