import { Link } from "react-router";
import { useMessages } from "./i18n";
import { commonMessages } from "./messages";
import { PageHeading } from "./PageHeading";

export function NotFoundPage() {
  const t = useMessages(commonMessages);
  return (
    <>
      <PageHeading title={t.notFoundTitle}>{t.notFoundTitle}</PageHeading>
      <p>{t.notFoundText}</p>
      <p>
        <Link to="/">{t.backToStart}</Link>
      </p>
    </>
  );
}
