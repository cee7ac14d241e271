import { ComingSoon } from "../common/ComingSoon";
import { useMessages } from "../common/i18n";
import { clientsMessages } from "./messages";

export function ImportPage() {
  const t = useMessages(clientsMessages);
  return <ComingSoon title={t.importTitle} purpose={t.importPurpose} />;
}
