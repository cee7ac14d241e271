// Functional work-ability measures: observations over time with an instrument the city defines
// (its items and scale are data), each with its mean and the change against the previous one.
import { useState } from "react";
import { useMe } from "../../auth/session";
import { helsinkiToday } from "../../common/calendar";
import { DataState } from "../../common/DataState";
import { DataTable } from "../../common/DataTable";
import { DateText } from "../../common/DateText";
import { CheckedForm, ChoiceGroup, SelectField, text, TextField, useForm, type FieldErrors } from "../../common/form";
import { useLanguage, useMessages } from "../../common/i18n";
import { useApiQuery } from "../../common/query";
import { StaffName, StaffPicker } from "../../common/staff";
import { clientsApi, FUNCTIONAL_SETTINGS, type FunctionalAssessment, type FunctionalInstrument, type FunctionalSetting } from "../api";
import { Disclosure, Section } from "../sections/common";
import { formatScore, supportLabel, workAbilityMessages, type WorkAbilityWords } from "./messages";
import { dateError, useWorkAbilitySave, workAbilityKeys } from "./shared";

/** The newest version of each instrument, in the order the service lists them. */
export function newestInstruments(instruments: readonly FunctionalInstrument[]): FunctionalInstrument[] {
  const newest = new Map<string, FunctionalInstrument>();
  for (const instrument of instruments) {
    const seen = newest.get(instrument.code);
    if (!seen || seen.version < instrument.version) newest.set(instrument.code, instrument);
  }
  return [...newest.values()];
}

export function FunctionalPanel({ clientId, writable }: { clientId: string; writable: boolean }) {
  const m = useMessages(workAbilityMessages);
  const instruments = useApiQuery(workAbilityKeys.instruments, (http) => clientsApi.functionalInstruments(http), { staleTime: 5 * 60_000 });
  const assessments = useApiQuery(workAbilityKeys.assessments(clientId), (http) => clientsApi.functionalAssessments(http, clientId));
  return (
    <Section id="functional" title={m.functionalTitle}>
      <DataState query={assessments}>
        {(rows) => <ObservationTable rows={rows} instruments={instruments.data ?? []} />}
      </DataState>
      {writable && (
        <Disclosure summary={m.addObservation}>
          <DataState query={instruments} isEmpty={(list) => list.length === 0} empty={<p className="data-empty">{m.noInstruments}</p>}>
            {(list) => <FunctionalForm clientId={clientId} instruments={newestInstruments(list)} />}
          </DataState>
        </Disclosure>
      )}
    </Section>
  );
}

function ObservationTable({ rows, instruments }: { rows: FunctionalAssessment[]; instruments: FunctionalInstrument[] }) {
  const m = useMessages(workAbilityMessages);
  const { language } = useLanguage();
  if (rows.length === 0) return <p className="data-empty">{m.noObservations}</p>;
  const instrumentOf = (row: FunctionalAssessment) =>
    instruments.find((instrument) => instrument.code === row.instrument_code && instrument.version === row.instrument_version);
  // Newest first to read; the change is against the observation before each.
  const newestFirst = [...rows].reverse();
  return (
    <DataTable
      caption={m.functionalTitle}
      captionHidden
      rows={newestFirst}
      rowKey={(row) => row.id}
      columns={[
        { key: "on", header: m.observedOn, cell: (row) => <DateText value={row.observed_on} /> },
        {
          key: "instrument",
          header: m.instrument,
          cell: (row) => {
            const instrument = instrumentOf(row);
            return instrument ? (language === "fi" ? instrument.name_fi : instrument.name_en) : "–";
          },
        },
        { key: "setting", header: m.setting, cell: (row) => supportLabel(m, row.setting) },
        { key: "observer", header: m.observer, cell: (row) => <StaffName username={row.observer} /> },
        { key: "overall", header: m.overall, cell: (row) => formatScore(row.overall, language), numeric: true },
        {
          key: "change",
          header: m.change,
          cell: (row) => (row.change ? formatScore(row.change.overall, language, true) : m.changeNone),
          numeric: true,
        },
        {
          key: "items",
          header: m.itemScores,
          cell: (row) => <ItemScores row={row} instrument={instrumentOf(row)} words={m} />,
        },
      ]}
    />
  );
}

function ItemScores({ row, instrument, words }: { row: FunctionalAssessment; instrument: FunctionalInstrument | undefined; words: WorkAbilityWords }) {
  const { language } = useLanguage();
  const items = instrument?.items ?? Object.keys(row.item_scores).map((key) => ({ key, label_fi: key, label_en: key }));
  return (
    <ul className="plain-list functional-items" aria-label={words.itemScores}>
      {items.map((item) => (
        <li key={item.key}>
          {language === "fi" ? item.label_fi : item.label_en}: {row.item_scores[item.key] ?? "–"}
        </li>
      ))}
    </ul>
  );
}

const BASE_FIELDS = ["instrument_code", "observed_on", "setting", "observer"] as const;
type BaseField = (typeof BASE_FIELDS)[number];
// An item's score as the service names its path (item_scores.<key>), so a refusal lands there.
type ItemField = `item_scores_${string}`;
type FunctionalField = BaseField | ItemField;

export function validateFunctional(
  data: FormData,
  instrument: FunctionalInstrument | undefined,
  m: WorkAbilityWords,
  language: "fi" | "en",
): FieldErrors<FunctionalField> {
  const errors: FieldErrors<FunctionalField> = {};
  if (!instrument) errors.instrument_code = m.instrumentRequired;
  const observed = text(data, "observed_on");
  errors.observed_on = observed ? dateError(observed, m) : m.dateInvalid;
  if (!(FUNCTIONAL_SETTINGS as readonly string[]).includes(text(data, "setting"))) errors.setting = m.settingRequired;
  for (const item of instrument?.items ?? []) {
    const score = Number(text(data, `item_scores_${item.key}`));
    if (!text(data, `item_scores_${item.key}`) || !Number.isInteger(score) || score < instrument!.scale_min || score > instrument!.scale_max) {
      errors[`item_scores_${item.key}`] = m.scoreRequired(language === "fi" ? item.label_fi : item.label_en);
    }
  }
  return errors;
}

export function FunctionalForm({ clientId, instruments }: { clientId: string; instruments: FunctionalInstrument[] }) {
  const m = useMessages(workAbilityMessages);
  const { language } = useLanguage();
  const me = useMe();
  const save = useWorkAbilitySave(clientId);
  const [code, setCode] = useState(instruments.length === 1 ? instruments[0]!.code : "");
  const instrument = instruments.find((candidate) => candidate.code === code);
  const fields: FunctionalField[] = [...BASE_FIELDS, ...(instrument?.items ?? []).map((item) => `item_scores_${item.key}` as const)];
  const form = useForm<FunctionalField>({ fields, resetOnSuccess: false });
  const submit = save((data, http) => {
    const chosen = instrument!;
    return clientsApi.addFunctionalAssessment(http, clientId, {
      instrument_code: chosen.code,
      instrument_version: chosen.version,
      observed_on: text(data, "observed_on"),
      setting: text(data, "setting") as FunctionalSetting,
      observer: text(data, "observer") || null,
      item_scores: Object.fromEntries(chosen.items.map((item) => [item.key, Number(text(data, `item_scores_${item.key}`))])),
    });
  }, m.observationSaved);
  const scale = instrument ? Array.from({ length: instrument.scale_max - instrument.scale_min + 1 }, (_, i) => String(instrument.scale_min + i)) : [];
  return (
    <CheckedForm form={form} run={submit} validate={(data) => validateFunctional(data, instrument, m, language)} submitLabel={m.saveObservation}>
      <SelectField
        form={form}
        name="instrument_code"
        label={m.instrument}
        required
        placeholder={m.chooseInstrument}
        value={code}
        onChange={(event) => setCode(event.target.value)}
        options={instruments.map((candidate) => ({ value: candidate.code, label: language === "fi" ? candidate.name_fi : candidate.name_en }))}
      />
      <div className="field-row">
        <TextField form={form} name="observed_on" label={m.observedOn} type="date" required defaultValue={helsinkiToday()} />
        <SelectField
          form={form}
          name="setting"
          label={m.setting}
          required
          placeholder={m.chooseSetting}
          options={FUNCTIONAL_SETTINGS.map((setting) => ({ value: setting, label: m[setting] }))}
        />
      </div>
      <StaffPicker
        form={form}
        name="observer"
        label={m.observer}
        hint={m.observerHint}
        roles={["work_ability_coordinator", "business_coordinator", "coach", "team_lead"]}
        defaultValue={me.username}
      />
      {instrument && (
        <fieldset className="field functional-scores">
          <legend>
            {m.scores} <span className="field-hint">{m.scaleHint(instrument.scale_min, instrument.scale_max)}</span>
          </legend>
          {instrument.items.map((item) => (
            <ChoiceGroup
              key={`${instrument.code}-${instrument.version}-${item.key}`}
              form={form}
              name={`item_scores_${item.key}`}
              type="radio"
              legend={language === "fi" ? item.label_fi : item.label_en}
              required
              options={scale.map((value) => ({ value, label: value }))}
            />
          ))}
        </fieldset>
      )}
    </CheckedForm>
  );
}
