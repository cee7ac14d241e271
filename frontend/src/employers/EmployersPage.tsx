import { ComingSoon } from "../common/ComingSoon";
import { useMessages } from "../common/i18n";
import { employersMessages } from "./messages";

export function EmployersPage() {
  const t = useMessages(employersMessages);
  return <ComingSoon title={t.employersTitle} purpose={t.employersPurpose} />;
}
