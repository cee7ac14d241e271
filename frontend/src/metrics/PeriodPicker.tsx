import { useId, useRef, useState, type FormEvent } from "react";
import { useMessages } from "../common/i18n";
import { metricsMessages, type MetricsMessages } from "./messages";
import type { Period } from "./metricsApi";

type Field = "from" | "to";
type FieldErrors = Partial<Record<Field, string>>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The period form's rules: both dates given, and the first not after the last. */
export function validatePeriod(from: string, to: string, t: MetricsMessages): FieldErrors {
  const errors: FieldErrors = {};
  if (!ISO_DATE.test(from)) errors.from = t.periodFromRequired;
  if (!ISO_DATE.test(to)) errors.to = t.periodToRequired;
  if (!errors.from && !errors.to && from > to) errors.from = t.periodOrder;
  return errors;
}

export function calendarYear(year: number, today: string): Period {
  const last = `${year}-12-31`;
  return { from: `${year}-01-01`, to: last < today ? last : today };
}

export function PeriodPicker({
  period,
  today,
  onChange,
}: {
  period: Period;
  today: string;
  onChange: (period: Period) => void;
}) {
  const t = useMessages(metricsMessages);
  const id = useId();
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [errors, setErrors] = useState<FieldErrors>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const [shownPeriod, setShownPeriod] = useState(period);

  // The URL can change the period too (back button); the form follows it.
  if (shownPeriod.from !== period.from || shownPeriod.to !== period.to) {
    setShownPeriod(period);
    setFrom(period.from);
    setTo(period.to);
    setErrors({});
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validatePeriod(from, to, t);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    onChange({ from, to });
  }

  const thisYear = Number(today.slice(0, 4));
  const presets = [
    { label: t.periodThisYear, period: calendarYear(thisYear, today) },
    { label: t.periodLastYear, period: calendarYear(thisYear - 1, today) },
  ];
  const entries = (Object.entries(errors) as [Field, string][]).filter(([, message]) => message);
  const fieldId = (field: Field) => `${id}-${field}`;
  const errorId = (field: Field) => `${id}-${field}-error`;

  return (
    <form className="period-form" noValidate onSubmit={handleSubmit}>
      {entries.length > 0 && (
        <div className="notice notice-error" ref={summaryRef} tabIndex={-1} aria-labelledby={`${id}-summary`}>
          <h2 id={`${id}-summary`} className="notice-title">
            {t.errorSummaryTitle}
          </h2>
          <ul>
            {entries.map(([field, message]) => (
              <li key={field}>
                <a href={`#${fieldId(field)}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <fieldset className="period-fieldset">
        <legend>{t.periodLegend}</legend>
        <div className="period-fields">
          {(["from", "to"] as const).map((field) => (
            <div className={`field${errors[field] ? " field-invalid" : ""}`} key={field}>
              <label htmlFor={fieldId(field)}>{field === "from" ? t.periodFrom : t.periodTo}</label>
              {errors[field] && (
                <p className="field-error" id={errorId(field)}>
                  {errors[field]}
                </p>
              )}
              <input
                id={fieldId(field)}
                type="date"
                value={field === "from" ? from : to}
                max={today}
                onChange={(event) => (field === "from" ? setFrom : setTo)(event.target.value)}
                aria-invalid={errors[field] ? true : undefined}
                aria-describedby={errors[field] ? errorId(field) : undefined}
              />
            </div>
          ))}
          <div className="period-submit">
            <button type="submit" className="button button-primary">
              {t.periodApply}
            </button>
          </div>
        </div>
        <ul className="period-presets">
          {presets.map((preset) => (
            <li key={preset.label}>
              <button
                type="button"
                className="button button-link"
                aria-pressed={preset.period.from === period.from && preset.period.to === period.to}
                onClick={() => onChange(preset.period)}
              >
                {preset.label}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
    </form>
  );
}
