// The service plan as rows, not typed syntax: goals one per field, and action rows (what,
// owner picked from the client and the responsible staff, due date, done). Written whole
// with PUT; an action keeps its id, so its owner and done day stay its own.
import { useEffect, useId, useRef, useState } from "react";
import { useMe } from "../auth/session";
import { helsinkiToday } from "../common/calendar";
import { FormMessages, SubmitButton, useForm, type FieldErrors } from "../common/form";
import { useMessages } from "../common/i18n";
import { useHttp } from "../common/query";
import { useStaffNameOf } from "../common/staff";
import { clientsApi, type Overview, type Plan, type PlanActionWrite } from "./api";
import { currentEnrolment, responsibleOf } from "./clientView";
import { useClientChanged } from "./pathwayForms";
import { workMessages } from "./workMessages";

type W = (typeof workMessages)["fi"];

export interface ActionRow {
  key: string;
  id: string | null;
  what: string;
  owner: string;
  due_on: string;
  done: boolean;
  done_on: string | null;
}

let rowCounter = 0;
const newKey = () => `row-${++rowCounter}`;

export function rowsOf(plan: Plan | null): ActionRow[] {
  return (plan?.actions ?? []).map((action) => ({
    key: newKey(),
    id: action.id,
    what: action.what,
    owner: action.owner ?? "client",
    due_on: action.due_on ?? "",
    done: Boolean(action.done_on),
    done_on: action.done_on ?? null,
  }));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function validatePlan(goals: readonly string[], rows: readonly ActionRow[], w: W): FieldErrors<string> {
  const errors: FieldErrors<string> = {};
  // An empty plan would read as a plan reviewed and up to date (the service refuses it too).
  if (goals.every((goal) => !goal.trim()) && rows.length === 0) errors.goals_0 = w.planEmpty;
  goals.forEach((goal, index) => {
    if (goal.length > 500) errors[`goals_${index}`] = w.tooLong(500);
  });
  rows.forEach((row, index) => {
    if (!row.what.trim()) errors[`actions_${index}_what`] = w.actionWhatRequired(index + 1);
    if (!row.owner) errors[`actions_${index}_owner`] = w.actionOwnerRequired(index + 1);
    if (row.due_on && !ISO_DATE.test(row.due_on)) errors[`actions_${index}_due_on`] = w.dateRequired;
  });
  return errors;
}

export function planBody(goals: readonly string[], rows: readonly ActionRow[], reviewed: boolean, plan: Plan | null, today = helsinkiToday()) {
  const actions: PlanActionWrite[] = rows.map((row) => ({
    ...(row.id ? { id: row.id } : {}),
    what: row.what.trim(),
    owner: row.owner,
    due_on: row.due_on || null,
    done_on: row.done ? (row.done_on ?? today) : null,
  }));
  return {
    goals: goals.map((goal) => goal.trim()).filter(Boolean),
    actions,
    reviewed_on: reviewed ? today : (plan?.reviewed_on ?? null),
  };
}

export function PlanEditor({ view }: { view: Overview }) {
  const w = useMessages(workMessages);
  const me = useMe();
  const http = useHttp();
  const nameOf = useStaffNameOf();
  const changed = useClientChanged(view.client.id);
  const plan = view.plan;
  const id = useId();
  const [goals, setGoals] = useState<string[]>(() => (plan?.goals.length ? [...plan.goals] : [""]));
  const [rows, setRows] = useState<ActionRow[]>(() => rowsOf(plan));
  const [reviewed, setReviewed] = useState(false);
  const fieldNames = [
    ...goals.map((_, index) => `goals_${index}`),
    ...rows.flatMap((_, index) => [`actions_${index}_what`, `actions_${index}_owner`, `actions_${index}_due_on`]),
  ];
  const form = useForm<string>({ fields: fieldNames, resetOnSuccess: false });

  const current = currentEnrolment(view);
  const staff = new Set<string>([...(current ? responsibleOf(current) : []), ...view.client.responsible]);
  if (me.roles.includes("work_ability_coordinator") || me.roles.includes("business_coordinator")) staff.add(me.username);
  for (const row of rows) if (row.owner && row.owner !== "client") staff.add(row.owner);
  const owners = [{ value: "client", label: w.ownerClient }, ...[...staff].map((username) => ({ value: username, label: nameOf(username) }))];

  const update = (index: number, patch: Partial<ActionRow>) => setRows(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));

  async function submit() {
    const saved = await clientsApi.writePlan(http, view.client.id, planBody(goals, rows, reviewed, plan));
    // The editor stays (focus on its button, the saved message in it); its rows take the
    // saved plan's ids, so that a second save updates the same actions.
    setGoals(saved.goals.length ? [...saved.goals] : [""]);
    setRows(rowsOf(saved));
    await changed();
    setReviewed(false);
    return w.planSaved;
  }

  // A new action row takes focus at its first field, where the keyboard would go next anyway.
  const addedRow = useRef<string | null>(null);
  const fieldId = form.fieldId;
  useEffect(() => {
    if (!addedRow.current) return;
    const row = rows.find((candidate) => candidate.key === addedRow.current);
    addedRow.current = null;
    if (row) document.getElementById(fieldId(`actions_${rows.indexOf(row)}_what`))?.focus();
  }, [rows, fieldId]);
  const addRow = () => {
    const key = newKey();
    addedRow.current = key;
    setRows([...rows, { key, id: null, what: "", owner: me.roles.includes("coach") ? "client" : me.username, due_on: "", done: false, done_on: null }]);
  };

  const field = (name: string) => ({
    id: form.fieldId(name),
    "aria-invalid": form.errors[name] ? true : undefined,
    "aria-describedby": form.errors[name] ? `${form.fieldId(name)}-error` : undefined,
  });
  const error = (name: string) =>
    form.errors[name] ? (
      <p className="field-error" id={`${form.fieldId(name)}-error`}>
        {form.errors[name]}
      </p>
    ) : null;

  return (
    <form className="form" noValidate onSubmit={form.handleSubmit(submit, () => validatePlan(goals, rows, w))}>
      <FormMessages form={form} />
      <fieldset className="field choice-group">
        <legend>{w.goals}</legend>
        <ul className="action-rows">
          {goals.map((goal, index) => (
            <li key={`goal-${index}`} className={`field${form.errors[`goals_${index}`] ? " field-invalid" : ""}`}>
              <label htmlFor={form.fieldId(`goals_${index}`)}>{w.goalN(index + 1)}</label>
              {error(`goals_${index}`)}
              <input
                type="text"
                {...field(`goals_${index}`)}
                value={goal}
                maxLength={500}
                onChange={(event) => setGoals(goals.map((value, at) => (at === index ? event.target.value : value)))}
              />
              {goals.length > 1 && (
                <button type="button" className="button button-quiet" onClick={() => setGoals(goals.filter((_, at) => at !== index))}>
                  {w.removeGoal(index + 1)}
                </button>
              )}
            </li>
          ))}
        </ul>
        <button type="button" className="button button-secondary" onClick={() => setGoals([...goals, ""])}>
          {w.addGoal}
        </button>
      </fieldset>

      <fieldset className="field choice-group">
        <legend>{w.actions}</legend>
        {rows.length === 0 && <p className="data-empty">{w.noActions}</p>}
        <ol className="action-rows">
          {rows.map((row, index) => (
            <li key={row.key} className="action-row">
              <fieldset>
                <legend>{w.actionN(index + 1)}</legend>
                <div className={`field${form.errors[`actions_${index}_what`] ? " field-invalid" : ""}`}>
                  <label htmlFor={form.fieldId(`actions_${index}_what`)}>{w.actionWhat}</label>
                  {error(`actions_${index}_what`)}
                  <input type="text" {...field(`actions_${index}_what`)} value={row.what} maxLength={500} onChange={(event) => update(index, { what: event.target.value })} />
                </div>
                <div className="field-row">
                  <div className={`field${form.errors[`actions_${index}_owner`] ? " field-invalid" : ""}`}>
                    <label htmlFor={form.fieldId(`actions_${index}_owner`)}>{w.actionOwner}</label>
                    {error(`actions_${index}_owner`)}
                    <select {...field(`actions_${index}_owner`)} value={row.owner} onChange={(event) => update(index, { owner: event.target.value })}>
                      {owners.map((owner) => (
                        <option key={owner.value} value={owner.value}>
                          {owner.label}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className={`field${form.errors[`actions_${index}_due_on`] ? " field-invalid" : ""}`}>
                    <label htmlFor={form.fieldId(`actions_${index}_due_on`)}>{w.actionDue}</label>
                    {error(`actions_${index}_due_on`)}
                    <input type="date" {...field(`actions_${index}_due_on`)} value={row.due_on} onChange={(event) => update(index, { due_on: event.target.value })} />
                  </div>
                </div>
                <div className="choice">
                  <input
                    type="checkbox"
                    id={`${id}-done-${row.key}`}
                    checked={row.done}
                    onChange={(event) => update(index, { done: event.target.checked, done_on: event.target.checked ? row.done_on : null })}
                  />
                  <label htmlFor={`${id}-done-${row.key}`}>{w.actionDone}</label>
                </div>
                <button type="button" className="button button-quiet" onClick={() => setRows(rows.filter((_, at) => at !== index))}>
                  {w.removeAction(index + 1)}
                </button>
              </fieldset>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button button-secondary"
          onClick={addRow}
        >
          {w.addAction}
        </button>
      </fieldset>

      <div className="choice">
        <input type="checkbox" id={`${id}-reviewed`} checked={reviewed} onChange={(event) => setReviewed(event.target.checked)} />
        <label htmlFor={`${id}-reviewed`}>{w.markReviewed}</label>
      </div>
      <SubmitButton submitting={form.submitting}>{w.savePlan}</SubmitButton>
    </form>
  );
}
