import { useState } from "react";
import { Link, Route, Routes, useParams, useSearchParams } from "react-router";
import { useMe } from "../auth/session";
import { DataState } from "../common/DataState";
import { DataTable } from "../common/DataTable";
import { DateText, DateTimeText } from "../common/DateText";
import { ConfirmButton } from "../common/Dialog";
import { FormMessages, SubmitButton, text, TextAreaField, useForm } from "../common/form";
import { describeError } from "../common/errors";
import { useLanguage, useMessages } from "../common/i18n";
import { NotFoundPage } from "../common/NotFoundPage";
import { PageHeading } from "../common/PageHeading";
import { Pagination, useCursorPages } from "../common/Pagination";
import { Badge, DueBadge, type BadgeTone } from "../common/StatusBadge";
import { keys, useApiQuery, useHttp, useInvalidate } from "../common/query";
import { referralsApi, type Referral, type ReferralDetail, type ReferralStatus } from "./api";
import { effectNames, handoffPageMessages, jobReferralMessages, referralCodes, referralsMessages } from "./messages";
import { JobReferralActions } from "./JobReferralActions";
import { StaffName, useStaffNameOf } from "../common/staff";

/** /lahetteet owns its sub-routes: the boxes, and each referral. */
export function ReferralsPage() {
  return (
    <Routes>
      <Route index element={<ReferralBoxes />} />
      <Route path=":referralId" element={<ReferralPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

const STATUS_TONES: Record<ReferralStatus, BadgeTone> = {
  sent: "warning",
  accepted: "info",
  declined: "neutral",
  expired: "neutral",
  completed: "success",
  cancelled: "neutral",
};

export function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  const codes = useMessages(referralCodes);
  return <Badge tone={STATUS_TONES[status]}>{codes[status]}</Badge>;
}

function ReferralBoxes() {
  const t = useMessages(referralsMessages);
  const codes = useMessages(referralCodes);
  const nameOf = useStaffNameOf();
  const h = useMessages(handoffPageMessages);
  const [params] = useSearchParams();
  const box = params.get("box") === "outbox" ? "outbox" : "inbox";
  const pages = useCursorPages(box);
  const list = useApiQuery([...keys.referrals, box, pages.cursor ?? ""], (http) =>
    referralsApi.list(http, { box, cursor: pages.cursor, limit: 25 }),
  );
  return (
    <>
      <PageHeading title={t.referralsTitle}>{t.referralsTitle}</PageHeading>
      <nav aria-label={t.boxes}>
        <ul className="tabs">
          {(["inbox", "outbox"] as const).map((value) => (
            <li key={value}>
              <Link to={`?box=${value}`} aria-current={box === value ? "page" : undefined}>
                {value === "inbox" ? t.inbox : t.outbox}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <DataState query={list} isEmpty={(page) => page.items.length === 0} empty={t.noReferrals}>
        {(page) => (
          <>
            <DataTable
              caption={box === "inbox" ? t.inboxCaption : t.outboxCaption}
              rows={page.items}
              rowKey={(referral) => referral.id}
              columns={[
                {
                  key: "client",
                  header: h.clientName,
                  cell: (referral: Referral) => referral.client_name ?? <span className="muted">{h.nameNotShown}</span>,
                },
                {
                  key: "kind",
                  header: t.kind,
                  cell: (referral: Referral) => (
                    <Link to={referral.id}>
                      {t.openReferral(codes[referral.kind], box === "inbox" ? nameOf(referral.from_user) : nameOf(referral.to_user))}
                    </Link>
                  ),
                },
                { key: "from", header: t.from, cell: (referral) => <StaffName username={referral.from_user} /> },
                { key: "to", header: t.to, cell: (referral) => (referral.to_user ? <StaffName username={referral.to_user} /> : (referral.partner_kind ?? "–")) },
                { key: "sent", header: t.sentAt, cell: (referral) => <DateText value={referral.sent_at} /> },
                {
                  key: "due",
                  header: t.responseDue,
                  cell: (referral) =>
                    referral.status === "sent" ? (
                      <DueBadge due={referral.response_due} overdue={referral.overdue} />
                    ) : (
                      <DateText value={referral.response_due} />
                    ),
                },
                { key: "status", header: t.status, cell: (referral) => <ReferralStatusBadge status={referral.status} /> },
              ]}
            />
            <Pagination
              page={pages.page}
              nextCursor={page.next_cursor}
              hasPrevious={pages.hasPrevious}
              onNext={pages.next}
              onPrevious={pages.previous}
            />
          </>
        )}
      </DataState>
    </>
  );
}

function ReferralPage() {
  const { referralId = "" } = useParams();
  const t = useMessages(referralsMessages);
  const query = useApiQuery(keys.referral(referralId), (http) => referralsApi.read(http, referralId));
  return (
    <>
      <p>
        <Link to="/lahetteet">{t.backToReferrals}</Link>
      </p>
      {query.status !== "success" && <PageHeading title={t.referralsTitle}>{t.referralsTitle}</PageHeading>}
      <DataState query={query}>{(referral) => <ReferralDetailView referral={referral} reload={() => void query.refetch()} />}</DataState>
    </>
  );
}

function ReferralDetailView({ referral, reload }: { referral: ReferralDetail; reload: () => void }) {
  const t = useMessages(referralsMessages);
  const codes = useMessages(referralCodes);
  const me = useMe();
  const { language } = useLanguage();
  const http = useHttp();
  const invalidate = useInvalidate();
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const title = t.detailTitle(codes[referral.kind]);
  const h = useMessages(handoffPageMessages);
  const effects = useMessages(effectNames);
  const isAddressee = referral.to_user === me.username;
  const isSender = referral.from_user === me.username;
  // A job referral is answered by its sender or the holder of its opening's lead, as the
  // service says; other kinds by their addressee.
  const answers = referral.kind === "job" ? referral.viewer_answers : isAddressee;
  const job = useMessages(jobReferralMessages);

  async function act(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await action();
      setStatus(done);
      // Accepting or completing a hand-off changes who is responsible for the client.
      await invalidate(keys.referrals, keys.client(referral.client_id), keys.clients, keys.worklist);
      reload();
    } catch (error) {
      setStatus(describeError(error, language));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p>
        <ReferralStatusBadge status={referral.status} />{" "}
        {referral.status === "sent" && <DueBadge due={referral.response_due} overdue={referral.overdue} />}
      </p>
      <dl className="details">
        <div>
          <dt>{t.from}</dt>
          <dd>
            <StaffName username={referral.from_user} />
          </dd>
        </div>
        <div>
          <dt>{t.to}</dt>
          <dd>
            {referral.to_user ? (
              <StaffName username={referral.to_user} />
            ) : referral.kind === "job" && referral.employer_id ? (
              // No coordinator is named: the employer answers, through its sender or the lead's holder.
              <>
                {t.toOpening} <Link to={`/tyonantajat/${referral.employer_id}`}>{t.openEmployer}</Link>
              </>
            ) : (
              (referral.partner_kind ?? "–")
            )}
          </dd>
        </div>
        <div>
          <dt>{t.sentAt}</dt>
          <dd>
            <DateTimeText value={referral.sent_at} />
          </dd>
        </div>
        <div>
          <dt>{t.responseDue}</dt>
          <dd>
            <DateText value={referral.response_due} />
          </dd>
        </div>
        <div>
          <dt>{t.client}</dt>
          <dd>
            <Link to={`/asiakkaat/${referral.client_id}`}>{referral.client_name ?? t.toClient}</Link>
          </dd>
        </div>
        {referral.kind === "job" && (
          <div>
            <dt>{job.stage}</dt>
            <dd>{referral.stage ? job[referral.stage] : job.noStage}</dd>
          </div>
        )}
        {referral.kind === "job" && referral.result && (
          <div>
            <dt>{job.resultGroup}</dt>
            <dd>{referral.result === "hired" ? job.hired : job.notHired}</dd>
          </div>
        )}
        {referral.message && (
          <div>
            <dt>{t.message}</dt>
            <dd className="pre-wrap">{referral.message}</dd>
          </div>
        )}
        {referral.decline_reason && (
          <div>
            <dt>{t.declineReason}</dt>
            <dd>{referral.decline_reason}</dd>
          </div>
        )}
      </dl>

      <h2>{t.summary}</h2>
      {referral.summary.length === 0 ? (
        <p className="data-empty">{t.noSummary}</p>
      ) : (
        referral.summary.map((part, index) => (
          <article key={index} className={`card${part.sensitivity === "health" ? " card-health" : ""}`}>
            {part.sensitivity === "health" && <Badge tone="health">{t.healthPart}</Badge>}
            {part.heading && <h3>{part.heading}</h3>}
            <p className="pre-wrap">{part.text}</p>
          </article>
        ))
      )}

      {referral.kind === "transfer" && referral.status === "accepted" && <p className="notice">{h.bothResponsible}</p>}
      <div role="status">{status && <p className="notice">{status}</p>}</div>
      {answers && referral.status === "sent" && (
        <>
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              aria-busy={busy || undefined}
              onClick={() => void act(() => referralsApi.accept(http, referral.id), t.accepted)}
            >
              {t.accept}
            </button>
          </div>
          <details className="disclosure">
            <summary>{t.declineTitle}</summary>
            <DeclineForm referralId={referral.id} onDone={reload} />
          </details>
        </>
      )}
      {(isAddressee || isSender) && referral.status === "accepted" && referral.kind !== "job" && (
        <div className="button-row">
          <ConfirmButton
            danger={false}
            className="button button-primary"
            busy={busy}
            title={referral.kind === "transfer" ? h.completeHandoffTitle : h.completeOtherTitle}
            text={referral.kind === "transfer" ? h.completeHandoffText : h.completeOtherText}
            confirmLabel={t.complete}
            onConfirm={() => act(() => referralsApi.complete(http, referral.id), t.completed)}
          >
            {t.complete}
          </ConfirmButton>
        </div>
      )}
      {referral.kind === "job" && <JobReferralActions referral={referral} http={http} busy={busy} act={act} />}
      {isSender && referral.status === "sent" && (
        <div className="button-row">
          <ConfirmButton
            title={h.cancelTitle}
            text={h.cancelText}
            confirmLabel={t.cancel}
            onConfirm={() => act(() => referralsApi.cancel(http, referral.id), t.cancelled)}
          >
            {t.cancel}
          </ConfirmButton>
        </div>
      )}

      {referral.effects.length > 0 && (
        <>
          <h2>{t.effects}</h2>
          <ul>
            {referral.effects.map((effect) => (
              <li key={effect.name}>
                {effects[effect.name]}:{" "}
                {effect.status === "applied" ? t.effectApplied : effect.status === "pending" ? t.effectPending : t.effectFailed}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>{t.history}</h2>
      <ol>
        {referral.history.map((change, index) => (
          <li key={index}>
            <DateTimeText value={change.at} />: {codes[change.to_status]} (<StaffName username={change.by} />)
            {change.reason_code ? ` – ${t[`reason_${change.reason_code}`]}` : change.reason && ` – ${change.reason}`}
          </li>
        ))}
      </ol>
    </>
  );
}

function DeclineForm({ referralId, onDone }: { referralId: string; onDone: () => void }) {
  const t = useMessages(referralsMessages);
  const http = useHttp();
  const form = useForm<"reason">({ fields: ["reason"] });
  return (
    <form
      className="form"
      noValidate
      onSubmit={form.handleSubmit(
        async (data) => {
          await referralsApi.decline(http, referralId, text(data, "reason"));
          onDone();
          return t.declined;
        },
        (data) => (text(data, "reason") ? {} : { reason: t.reasonRequired }),
      )}
    >
      <FormMessages form={form} />
      <TextAreaField form={form} name="reason" label={t.reasonLabel} required rows={3} />
      <SubmitButton submitting={form.submitting}>{t.decline}</SubmitButton>
    </form>
  );
}
