import { ComingSoon } from "../common/ComingSoon";
import { useMessages } from "../common/i18n";
import { clientsMessages } from "./messages";

export function TodayPage() {
  const t = useMessages(clientsMessages);
  return <ComingSoon title={t.todayTitle} purpose={t.todayPurpose} />;
}
