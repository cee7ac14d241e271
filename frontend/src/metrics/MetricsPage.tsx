import { ComingSoon } from "../common/ComingSoon";
import { useMessages } from "../common/i18n";
import { metricsMessages } from "./messages";

export function MetricsPage() {
  const t = useMessages(metricsMessages);
  return <ComingSoon title={t.metricsTitle} purpose={t.metricsPurpose} />;
}
