import { ComingSoon } from "../common/ComingSoon";
import { useMessages } from "../common/i18n";
import { clientsMessages } from "./messages";

export function ClientsPage() {
  const t = useMessages(clientsMessages);
  return <ComingSoon title={t.clientsTitle} purpose={t.clientsPurpose} />;
}
