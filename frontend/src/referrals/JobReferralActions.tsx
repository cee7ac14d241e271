import { useMessages } from "../common/i18n";
import { referralsApi, type ReferralDetail } from "./api";
import { jobReferralMessages } from "./messages";
import type { ServiceClients } from "../common/api";

type Stage = NonNullable<ReferralDetail["stage"]>;
const STAGES: readonly Stage[] = ["presented", "interview"];

/** What the Rekrypiste coordinator records on a job referral: its stage with the employer
 *  and the hire. The service says whether the reader answers it (its sender, or the holder
 *  of the opening's lead); others see no actions. */
export function JobReferralActions({
  referral,
  http,
  busy,
  act,
}: {
  referral: ReferralDetail;
  http: ServiceClients;
  busy: boolean;
  act: (action: () => Promise<unknown>, done: string) => Promise<void>;
}) {
  const t = useMessages(jobReferralMessages);
  const open = referral.status === "sent" || referral.status === "accepted";
  if (!referral.viewer_answers || !open) return null;
  return (
    <section aria-labelledby="job-referral-actions">
      <h2 id="job-referral-actions">{t.actionsTitle}</h2>
      <div className="button-row" role="group" aria-label={t.stageGroup}>
        {STAGES.map((stage) => (
          <button
            key={stage}
            type="button"
            className="button button-secondary"
            aria-pressed={referral.stage === stage}
            aria-busy={busy || undefined}
            onClick={() => void act(() => referralsApi.setStage(http, referral.id, stage), t.stageRecorded(t[stage]))}
          >
            {t[stage]}
          </button>
        ))}
      </div>
      {referral.status === "accepted" && (
        <div className="button-row" role="group" aria-label={t.resultGroup}>
          <button
            type="button"
            className="button button-primary"
            aria-busy={busy || undefined}
            onClick={() => void act(() => referralsApi.complete(http, referral.id, { result: "hired" }), t.hiredDone)}
          >
            {t.hired}
          </button>
          <button
            type="button"
            className="button button-secondary"
            aria-busy={busy || undefined}
            onClick={() => void act(() => referralsApi.complete(http, referral.id, { result: "not_hired" }), t.notHiredDone)}
          >
            {t.notHired}
          </button>
        </div>
      )}
    </section>
  );
}
