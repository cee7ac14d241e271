import { useMessages } from "./i18n";
import { commonMessages } from "./messages";
import { PageHeading } from "./PageHeading";

/** An honest placeholder for a view whose service API has not landed: no sample data, ever. */
export function ComingSoon({ title, purpose }: { title: string; purpose: string }) {
  const t = useMessages(commonMessages);
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="lead">{purpose}</p>
      <div className="notice notice-info">
        <p>
          <span className="badge">{t.comingSoonBadge}</span> {t.comingSoonText}
        </p>
      </div>
    </>
  );
}
