import { ComingSoon } from "../common/ComingSoon";
import { useMessages } from "../common/i18n";
import { adminMessages } from "./messages";

export function AdminPage() {
  const t = useMessages(adminMessages);
  return <ComingSoon title={t.adminTitle} purpose={t.adminPurpose} />;
}
