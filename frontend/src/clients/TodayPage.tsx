import { Link } from "react-router";
import { useMe } from "../auth/session";
import { dataOf, type ServiceClients } from "../common/api";
import { helsinkiToday } from "../common/calendar";
import { DataState } from "../common/DataState";
import { DateTimeText } from "../common/DateText";
import { describeError } from "../common/errors";
import { formatDate, formatTime } from "../common/format";
import { useLanguage, useMessages } from "../common/i18n";
import { PageHeading } from "../common/PageHeading";
import { Badge, DueBadge } from "../common/StatusBadge";
import { keys, useApiQuery } from "../common/query";
import { referralsApi } from "../referrals/api";
import { clientsApi } from "./api";
import { leadItems, orderDayItems, referralItems, worklistItems, type DayItem, type DayItemKind } from "./dayItems";
import { clientCodes, clientsMessages } from "./messages";

interface DayData {
  today: string;
  items: DayItem[];
  /** A source that failed does not hide the others; it is named instead. */
  failures: { source: "referrals" | "leads"; error: unknown }[];
}

async function loadDay(http: ServiceClients, roles: readonly string[]): Promise<DayData> {
  const isCoordinator = roles.includes("work_ability_coordinator") || roles.includes("business_coordinator");
  // A team lead's worklist holds the triage and the exit forms left missing after the
  // coordinators' grace period.
  const worklist = isCoordinator || roles.includes("team_lead") ? await clientsApi.worklist(http) : null;
  const [referrals, leads] = await Promise.allSettled([
    referralsApi.list(http, { box: "inbox", status: "sent", limit: 100 }),
    roles.includes("business_coordinator")
      ? dataOf(http.employers.GET("/api/v1/leads", { params: { query: { mine: true, limit: 100 } } }))
      : Promise.resolve({ items: [], next_cursor: null }),
  ]);
  const failures: DayData["failures"] = [];
  const items = worklist ? worklistItems(worklist) : [];
  if (referrals.status === "fulfilled") items.push(...referralItems(referrals.value.items));
  else failures.push({ source: "referrals", error: referrals.reason });
  if (leads.status === "fulfilled") items.push(...leadItems(leads.value.items));
  else failures.push({ source: "leads", error: leads.reason });
  const today = worklist?.today ?? helsinkiToday();
  return { today, items: orderDayItems(items, today), failures };
}

export function TodayPage() {
  const t = useMessages(clientsMessages);
  const me = useMe();
  const { language } = useLanguage();
  const query = useApiQuery([...keys.worklist, me.username], (http) => loadDay(http, me.roles));

  return (
    <>
      <PageHeading title={t.todayTitle}>{t.todayTitle}</PageHeading>
      <DataState query={query}>
        {(day) => (
          <>
            <p className="lead">{t.todayIntro(formatDate(day.today))}</p>
            {day.failures.map((failure) => (
              <div key={failure.source} className="notice notice-error" role="alert">
                <p>
                  {failure.source === "referrals" ? t.referralsUnavailable : t.leadsUnavailable}{" "}
                  {describeError(failure.error, language)}
                </p>
              </div>
            ))}
            {day.items.length === 0 ? (
              <p className="data-empty">{t.todayNothing}</p>
            ) : (
              <ul className="work-list" aria-label={t.todayTasks}>
                {day.items.map((item) => (
                  <DayRow key={item.key} item={item} today={day.today} />
                ))}
              </ul>
            )}
          </>
        )}
      </DataState>
    </>
  );
}

function DayRow({ item, today }: { item: DayItem; today: string }) {
  const t = useMessages(clientsMessages);
  const codes = useMessages(clientCodes);
  const { language } = useLanguage();
  const kindLabel: Record<DayItemKind, string> = {
    contact: t.kindContact,
    meeting: t.kindMeeting,
    referral: t.kindReferral,
    lead_contact: t.kindLeadContact,
    lead_follow_up: t.kindLeadFollowUp,
    plan: t.kindPlan,
    quiet: t.kindQuiet,
    triage: t.kindTriage,
    exit_form: t.kindExitForm,
    suggestion: t.kindSuggestion,
  };
  const detail =
    item.kind === "meeting" && item.at
      ? `${t.at(formatTime(item.at, language))}${item.detail ? `, ${(codes as Record<string, string>)[item.detail] ?? item.detail}` : ""}`
      : item.kind === "triage" && item.detail
        ? t.possibleDuplicate
        : null;
  return (
    <li>
      <span className="work-badge">
        {item.due && item.kind !== "meeting" ? (
          <DueBadge due={item.due} today={today} overdueWorkingDays={item.overdueWorkingDays} overdue={item.overdue} />
        ) : item.kind === "meeting" ? (
          <Badge tone="info">{item.at ? <DateTimeText value={item.at} /> : t.kindMeeting}</Badge>
        ) : (
          <Badge tone="neutral">{kindLabel[item.kind]}</Badge>
        )}
      </span>
      <span className="work-what">
        <Link to={item.href}>
          {kindLabel[item.kind]}: {item.subject}
        </Link>
        {detail && <span className="muted"> · {detail}</span>}
      </span>
    </li>
  );
}
