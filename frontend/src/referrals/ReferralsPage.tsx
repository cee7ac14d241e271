import { ComingSoon } from "../common/ComingSoon";
import { useMessages } from "../common/i18n";
import { referralsMessages } from "./messages";

export function ReferralsPage() {
  const t = useMessages(referralsMessages);
  return <ComingSoon title={t.referralsTitle} purpose={t.referralsPurpose} />;
}
