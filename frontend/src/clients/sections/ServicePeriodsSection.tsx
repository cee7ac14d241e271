// The client's active-service periods (issue 15): work trials, wage-subsidised work and the
// rest, at an employer of the register. The service decides who reads them (the pathway's
// readers) and who changes them (those who may write the client); the page only offers that.
import { referralsApi } from "../../referrals/api";
import { useRef, useState } from "react";
import { Link } from "react-router";
import { helsinkiToday } from "../../common/calendar";
import { DataState } from "../../common/DataState";
import { formatDate } from "../../common/format";
import { sectionPath } from "../../common/navigation";
import { useMessages } from "../../common/i18n";
import { keys, useApiQuery } from "../../common/query";
import { StaffName } from "../../common/staff";
import { Badge } from "../../common/StatusBadge";
import { clientsApi, type Overview, type ServicePeriod } from "../api";
import { can, currentEnrolment, isOpen } from "../clientView";
import { Detail, Disclosure, NotShown, Section } from "./common";
import { ServicePeriodEditForm, ServicePeriodEndForm, ServicePeriodStartForm, useEmployerNames } from "./ServicePeriodForms";
import { servicePeriodKinds, servicePeriodMessages } from "./servicePeriodMessages";

type M = (typeof servicePeriodMessages)["fi"];

/** A period's kind in words; a kind the app does not know yet shows by its code. */
export function useKindLabel() {
  const kinds = useMessages(servicePeriodKinds) as Record<string, string>;
  return (kind: string) => kinds[kind] ?? kind;
}

export type PeriodState = "upcoming" | "running" | "ended";

export function periodState(period: { starts_on: string; ends_on: string | null }, today: string = helsinkiToday()): PeriodState {
  // Ended on its last day already: that is what the coordinator who just ended it expects.
  if (period.ends_on !== null && period.ends_on <= today) return "ended";
  if (period.starts_on > today) return "upcoming";
  return "running";
}

/** Running / starting later / ended, in words; an end day still ahead says when. */
export function PeriodStateBadge({ period }: { period: { starts_on: string; ends_on: string | null } }) {
  const m = useMessages(servicePeriodMessages);
  const state = periodState(period);
  if (state === "ended") return <Badge tone="neutral">{m.ended}</Badge>;
  if (state === "upcoming") return <Badge tone="info">{m.upcoming}</Badge>;
  if (period.ends_on !== null) return <Badge tone="warning">{m.endsLater(formatDate(period.ends_on))}</Badge>;
  return <Badge tone="success">{m.running}</Badge>;
}

/** "1.2.2026–30.4.2026", or from the start with the planned end while it runs. */
export function periodDates(m: M, period: { starts_on: string; planned_end_on: string | null; ends_on: string | null }): string {
  if (period.ends_on) return `${formatDate(period.starts_on)}–${formatDate(period.ends_on)}`;
  if (period.planned_end_on) return `${formatDate(period.starts_on)}– (${m.plannedUntil(formatDate(period.planned_end_on))})`;
  return `${formatDate(period.starts_on)}–`;
}

export function ServicePeriodsSection({ view }: { view: Overview }) {
  const m = useMessages(servicePeriodMessages);
  const clientId = view.client.id;
  const readable = can(view, "pathway");
  const writable = can(view, "write");
  const periods = useApiQuery([...keys.client(clientId), "service-periods"], (http) => clientsApi.servicePeriods(http, clientId), {
    enabled: readable,
  });
  const employers = useEmployerNames((periods.data ?? []).map((period) => period.employer_id));
  const open = currentEnrolment(view);
  return (
    <Section id="service-periods" title={m.title}>
      <p>{m.intro}</p>
      {!readable ? (
        <NotShown />
      ) : (
        <DataState query={periods} isEmpty={(rows) => rows.length === 0} empty={m.none}>
          {(rows) => (
            <ul className="plain-list">
              {[...rows]
                .sort((a, b) => (a.starts_on < b.starts_on ? 1 : -1))
                .map((period) => (
                  <li key={period.id}>
                    <PeriodCard clientId={clientId} period={period} employerName={employerNameOf(employers.data?.names, period)} writable={writable} />
                  </li>
                ))}
            </ul>
          )}
        </DataState>
      )}
      {readable && writable && (
        <Disclosure summary={m.start}>
          <ServicePeriodStartForm clientId={clientId} enrolmentId={open && isOpen(open) ? open.id : null} />
        </Disclosure>
      )}
    </Section>
  );
}

/** A provider of the partner directory, by name. */
function PartnerName({ partnerId }: { partnerId: string }) {
  const partners = useApiQuery(["partners", "all"], (http) => referralsApi.partners(http));
  return <>{partners.data?.items.find((partner) => partner.id === partnerId)?.name ?? "–"}</>;
}

function employerNameOf(names: ReadonlyMap<string, string> | undefined, period: ServicePeriod): string | null {
  if (!period.employer_id) return null;
  return names?.get(period.employer_id) ?? null;
}

function PeriodCard({ clientId, period, employerName, writable }: { clientId: string; period: ServicePeriod; employerName: string | null; writable: boolean }) {
  const m = useMessages(servicePeriodMessages);
  const kindLabel = useKindLabel();
  const card = useRef<HTMLElement>(null);
  // Ended, the period loses its forms: the card says so and takes the focus (WCAG 2.4.3).
  const [endedHere, setEndedHere] = useState(false);
  const titleId = `period-${period.id}-title`;
  const title = employerName ? `${kindLabel(period.kind)}: ${employerName}` : kindLabel(period.kind);
  const wageSubsidy = period.kind === "wage_subsidy";
  return (
    <article className="card" ref={card} tabIndex={-1} aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      <dl className="details">
        <Detail term={m.status} value={<PeriodStateBadge period={period} />} />
        <Detail term={m.period} value={periodDates(m, period)} />
        <Detail
          term={m.employer}
          value={period.employer_id ? <Link to={`${sectionPath("employers")}/${period.employer_id}`}>{employerName ?? m.employerUnknown}</Link> : null}
        />
        {period.partner_id && <Detail term={m.partner} value={<PartnerName partnerId={period.partner_id} />} />}
        <Detail term={m.hours} value={period.hours_per_week} />
        {wageSubsidy && <Detail term={m.subsidyPercent} value={period.subsidy_percent === null ? null : `${period.subsidy_percent} %`} />}
        {wageSubsidy && <Detail term={m.decisionRef} value={period.decision_ref} />}
        <Detail term={m.recordedBy} value={<StaffName username={period.recorded_by} />} />
        {period.ended_by && <Detail term={m.endedBy} value={<StaffName username={period.ended_by} />} />}
        {period.follow_up_visits.length > 0 && <Detail term={m.followUps} value={period.follow_up_visits.length} />}
      </dl>
      <p role="status" className="fix-hint">
        {endedHere && m.endedNow}
      </p>
      {writable && period.ends_on === null && (
        <>
          <Disclosure summary={m.edit}>
            <ServicePeriodEditForm clientId={clientId} period={period} />
          </Disclosure>
          <Disclosure summary={m.end}>
            <ServicePeriodEndForm
              clientId={clientId}
              period={period}
              onDone={() => {
                setEndedHere(true);
                card.current?.focus();
              }}
            />
          </Disclosure>
        </>
      )}
    </article>
  );
}
