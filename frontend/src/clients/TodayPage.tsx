// My day: the worklist grouped by kind with a count each, every item naming its client and
// saying how to clear it (the service's `fix`), then the referrals waiting for my answer and
// my employer leads. Nothing stale: the service leaves out meetings of ended enrolments and
// exit forms already filled.
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
import { keys, useApiQuery } from "../common/query";
import { Badge, DueBadge } from "../common/StatusBadge";
import { referralsApi } from "../referrals/api";
import { referralCodes } from "../referrals/messages";
import { clientsApi, type WorkFix } from "./api";
import { DAY_GROUPS, leadItems, orderDayItems, referralItems, worklistItems, type DayItem, type DayItemKind } from "./dayItems";
import { clientCodes, clientsMessages } from "./messages";
import { dayMessages, fixTexts, groupTitles } from "./dayMessages";

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
    isCoordinator ? referralsApi.list(http, { box: "inbox", status: "sent", limit: 100 }) : Promise.resolve({ items: [], next_cursor: null }),
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
  const d = useMessages(dayMessages);
  const me = useMe();
  const { language } = useLanguage();
  const query = useApiQuery([...keys.worklist, me.username], (http) => loadDay(http, me.roles));

  return (
    <>
      <PageHeading title={t.todayTitle}>{t.todayTitle}</PageHeading>
      <DataState query={query}>
        {(day) => {
          const groups = DAY_GROUPS.map((kind) => ({ kind, items: day.items.filter((item) => item.kind === kind) })).filter(
            (group) => group.items.length > 0,
          );
          return (
            <>
              <p className="lead">{d.intro(formatDate(day.today), day.items.length)}</p>
              {day.failures.map((failure) => (
                <div key={failure.source} className="notice notice-error" role="alert">
                  <p>
                    {failure.source === "referrals" ? t.referralsUnavailable : t.leadsUnavailable} {describeError(failure.error, language)}
                  </p>
                </div>
              ))}
              {groups.length === 0 ? (
                <p className="data-empty">{t.todayNothing}</p>
              ) : (
                <>
                  <nav aria-label={d.groupsLabel}>
                    <ul className="plain-list inline-list">
                      {groups.map((group) => (
                        <li key={group.kind}>
                          <a href={`#group-${group.kind}`}>
                            <GroupTitle kind={group.kind} /> <span className="count">{group.items.length}</span>
                          </a>
                        </li>
                      ))}
                    </ul>
                  </nav>
                  {groups.map((group) => (
                    <section key={group.kind} id={`group-${group.kind}`} aria-labelledby={`group-${group.kind}-title`} className="section">
                      <h2 id={`group-${group.kind}-title`} className="group-title">
                        <GroupTitle kind={group.kind} /> <span className="count">{d.count(group.items.length)}</span>
                      </h2>
                      <ul className="work-list">
                        {group.items.map((item) => (
                          <DayRow key={item.key} item={item} today={day.today} />
                        ))}
                      </ul>
                    </section>
                  ))}
                </>
              )}
            </>
          );
        }}
      </DataState>
    </>
  );
}

function GroupTitle({ kind }: { kind: DayItemKind }) {
  const titles = useMessages(groupTitles);
  return <>{titles[kind]}</>;
}

function DayRow({ item, today }: { item: DayItem; today: string }) {
  const t = useMessages(clientsMessages);
  const d = useMessages(dayMessages);
  const fixes = useMessages(fixTexts);
  const codes = useMessages(clientCodes) as Record<string, string>;
  const kinds = useMessages(referralCodes) as Record<string, string>;
  const { language } = useLanguage();
  const isMeeting = item.kind === "meetings_today";
  const detail =
    isMeeting && item.at
      ? `${t.at(formatTime(item.at, language))}${item.detail ? `, ${codes[item.detail] ?? ""}` : ""}`
      : item.kind === "registrations_to_triage" && item.detail
        ? t.possibleDuplicate
        : item.kind === "referral" && item.detail
          ? (kinds[item.detail] ?? "")
          : (item.kind === "new_clients" || item.kind === "handoffs_overdue") && item.detail
            ? (codes[item.detail] ?? "")
            : item.kind === "lead_contact" || item.kind === "lead_follow_up"
              ? (item.detail ?? null) // the lead's need, as it was written
              : item.nextStage
                ? language === "fi"
                  ? item.nextStage.name_fi
                  : item.nextStage.name_en
                : null;
  return (
    <li>
      <span className="work-badge">
        {item.due && !isMeeting ? (
          <DueBadge due={item.due} today={today} overdueWorkingDays={item.overdueWorkingDays} overdue={item.overdue} />
        ) : isMeeting && item.at ? (
          <Badge tone="info">
            <DateTimeText value={item.at} />
          </Badge>
        ) : (
          <Badge tone="neutral">{d.open}</Badge>
        )}
      </span>
      <span className="work-what">
        <Link to={item.href}>{item.subject}</Link>
        {detail && <span className="muted"> · {detail}</span>}
        {item.fix && <span className="fix-hint">{fixes[item.fix as WorkFix]}</span>}
      </span>
    </li>
  );
}
